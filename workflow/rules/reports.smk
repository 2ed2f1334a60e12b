# Execute a report notebook with papermill and convert it to HTML without code; the
# report's full tables go beside it as CSV files, linked from the page.
rule render_report:
    input:
        unpack(report_inputs),
    output:
        html=report_file("{report}.html"),
        notebook=result(report_file("{report}.ipynb")),
        tables=directory(report_file("tables/{report}")),
    log:
        step=log_file("render_report/{report}.log"),
        kernel=log_file("render_report/{report}.kernel.log"),
    benchmark:
        benchmark_file("render_report/{report}.tsv")
    wildcard_constraints:
        report="|".join(REPORTS),
    threads: 1
    resources:
        mem_mb=scaled(3000, 30),
        runtime=scaled(15, 0.5),
    params:
        settings=report_settings,
        artifacts=lambda wildcards: sorted(REPORT_INPUTS[wildcards.report]),
        lock_file=str(LOCK_FILE),
        lock=LOCK_DIGEST,
    script:
        "../scripts/render_report.py"


# The landing page: links to every report and the run's provenance.
rule report_index:
    input:
        manifest=result("ingest/manifest.parquet"),
        code=library("workflow/scripts/report_index.py"),
    output:
        html=report_file("index.html"),
    log:
        log_file("report_index.log"),
    benchmark:
        benchmark_file("report_index.tsv")
    threads: 1
    resources:
        mem_mb=scaled(1000, 0),
        runtime=scaled(10, 0.0),
    params:
        reports=REPORTS,
        title=config["reports"]["title"],
        config=config,
        lock_file=str(LOCK_FILE),
        lock=LOCK_DIGEST,
    script:
        "../scripts/report_index.py"
