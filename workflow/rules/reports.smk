# What each report notebook reads; the notebook gets these paths as parameters.
REPORT_INPUTS = {
    "corpus": {
        "manifest": "results/ingest/manifest.parquet",
        "ingest_rejects": "results/ingest/rejects.parquet",
        "clean_rejects": shards("results/clean/rejects/{shard}.parquet"),
        "articles": shards("results/clean/articles/{shard}.parquet"),
        "comments": shards("results/clean/comments/{shard}.parquet"),
        "audit": shards("results/clean/audit/{shard}.parquet"),
    },
    "topics": {
        "manifest": "results/ingest/manifest.parquet",
        "articles": shards("results/clean/articles/{shard}.parquet"),
        "topic_info": "results/topics/topic_info.parquet",
        "doc_topics": "results/topics/doc_topics.parquet",
        "summary": "results/topics/summary.parquet",
        "over_time": "results/topics/topics_over_time.parquet",
        "per_outlet": "results/topics/topics_per_outlet.parquet",
    },
    "actors": {
        "manifest": "results/ingest/manifest.parquet",
        "stance": shards("results/stance/mentions/{shard}.parquet"),
        "aggregates": "results/stance/aggregates.parquet",
    },
}
# The config sections each report's numbers depend on; their hash is its provenance.
REPORT_SECTIONS = {
    "corpus": ["corpus", "clean"],
    "topics": ["corpus", "clean", "embed", "topics"],
    "actors": ["corpus", "clean", "embed", "topics", "actors", "stance", "reports"],
}


def report_inputs(wildcards):
    return {
        "notebook": f"analysis/{wildcards.report}.ipynb",
        "code": library("reports"),
        **REPORT_INPUTS[wildcards.report],
    }


def report_settings(wildcards):
    return {section: config.get(section, {}) for section in REPORT_SECTIONS[wildcards.report]}


# Execute a report notebook with papermill and convert it to HTML without code.
rule render_report:
    input:
        unpack(report_inputs),
    output:
        html="reports/{report}.html",
        notebook="results/reports/{report}.ipynb",
    params:
        settings=report_settings,
        artifacts=lambda wildcards: sorted(REPORT_INPUTS[wildcards.report]),
    wildcard_constraints:
        report="|".join(REPORTS),
    threads: 1
    log:
        "logs/render_report/{report}.log",
    script:
        "../scripts/render_report.py"


# The landing page: links to every report and the run's provenance.
rule report_index:
    input:
        manifest="results/ingest/manifest.parquet",
        code=library("reports"),
    output:
        html="reports/index.html",
    params:
        reports=REPORTS,
        title=config["reports"]["title"],
        config=config,
    log:
        "logs/report_index.log",
    script:
        "../scripts/report_index.py"
