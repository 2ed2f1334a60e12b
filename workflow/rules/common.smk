# Helpers shared by the stage files: shard names, corpus files, library sources, report inputs.
import glob
from pathlib import Path

from snakemake.exceptions import WorkflowError

SHARDS = [f"{i:02d}" for i in range(config["corpus"]["shards"])]
REPORTS = ["corpus", "topics", "actors"]
LIBRARY = Path(workflow.basedir) / "workflow" / "mediaframe"

# The library modules each stage runs; listing them as inputs makes an edit to a
# module rerun the stages that use it (Snakemake only tracks the script itself).
STAGE_MODULES = {
    "ingest": [
        "ingest.py",
        "encoding.py",
        "html_extract.py",
        "errors.py",
        "provenance.py",
        "io.py",
    ],
    "learn_boilerplate": ["boilerplate.py", "io.py"],
    "clean": [
        "clean.py",
        "boilerplate.py",
        "comments.py",
        "language.py",
        "sentences.py",
        "io.py",
    ],
    "find_duplicates": ["duplicates.py", "io.py"],
    "ledger": ["ledger.py", "errors.py", "io.py"],
    "embed": [
        "embed/__init__.py",
        "embed/base.py",
        "embed/use.py",
        "embed/e5.py",
        "embed/sentence_transformers.py",
        "embed/cache.py",
        "embed/texts.py",
        "normalize.py",
        "errors.py",
        "io.py",
    ],
    "topics": [
        "topics.py",
        "topic_words.py",
        "topic_quality.py",
        "embed/__init__.py",
        "embed/base.py",
        "embed/cache.py",
        "text.py",
        "normalize.py",
        "data/stopwords_ar.txt",
        "data/stopwords_en.txt",
        "io.py",
    ],
    "actors": [
        "actors.py",
        "framing.py",
        "text.py",
        "normalize.py",
        "data/stopwords_ar.txt",
        "data/stopwords_en.txt",
        "io.py",
    ],
    "stance": [
        "stance/__init__.py",
        "stance/base.py",
        "stance/lexicon.py",
        "stance/embedding.py",
        "stance/views.py",
        "stance/nli.py",
        "data/stance_head.npz",
        "embed/__init__.py",
        "embed/use.py",
        "embed/e5.py",
        "embed/cache.py",
        "embed/texts.py",
        "text.py",
        "normalize.py",
        "data/stance_lexicon.csv",
        "io.py",
    ],
    "aggregate": ["stance/aggregate.py", "duplicates.py", "io.py"],
    "reports": [
        "report.py",
        "provenance.py",
        "io.py",
        "templates/mediaframe/index.html.j2",
    ],
    # what each report notebook imports beyond the report helpers
    "report_corpus": ["duplicates.py", "ledger.py"],
    "report_topics": [],
    "report_actors": [
        "duplicates.py",
        "stance/__init__.py",
        "stance/embedding.py",
        "data/stance_head.npz",
    ],
}


def library(stage):
    """Source files of the library modules a stage uses."""
    return [str(LIBRARY / module) for module in STAGE_MODULES[stage]]


def corpus_files():
    """Corpus files matched by corpus.paths, sorted; an empty match stops the run."""
    files = sorted(
        {
            f
            for pattern in config["corpus"]["paths"]
            for f in glob.glob(pattern, recursive=True)
        }
    )
    if not files:
        raise WorkflowError(
            f"config.yaml: corpus.paths {config['corpus']['paths']} matched no files "
            f"(relative to {Path.cwd()}). Fix: point corpus.paths at your corpus files."
        )
    return files


def shards(pattern):
    return expand(pattern, shard=SHARDS)


def clean_settings():
    """The clean section without the keys only the corpus-level rules read, so that
    changing duplicate or boilerplate-learning thresholds does not re-clean every shard.
    """
    return {
        key: value
        for key, value in config["clean"].items()
        if key not in ("duplicates", "learn_boilerplate")
    }


# What each report notebook reads; the notebook gets these paths as parameters.
REPORT_INPUTS = {
    "corpus": {
        "manifest": "results/ingest/manifest.parquet",
        "ingest_rejects": "results/ingest/rejects.parquet",
        "clean_rejects": shards("results/clean/rejects/{shard}.parquet"),
        "articles": shards("results/clean/articles/{shard}.parquet"),
        "comments": shards("results/clean/comments/{shard}.parquet"),
        "audit": shards("results/clean/audit/{shard}.parquet"),
        "boilerplate": "results/clean/boilerplate.parquet",
        "duplicates": "results/clean/duplicates.parquet",
        "ledger": "results/clean/ledger.parquet",
    },
    "topics": {
        "manifest": "results/ingest/manifest.parquet",
        "articles": shards("results/clean/articles/{shard}.parquet"),
        "topic_info": "results/topics/topic_info.parquet",
        "doc_topics": "results/topics/doc_topics.parquet",
        "summary": "results/topics/summary.parquet",
        "over_time": "results/topics/topics_over_time.parquet",
        "per_outlet": "results/topics/topics_per_outlet.parquet",
        "duplicates": "results/clean/duplicates.parquet",
    },
    "actors": {
        "manifest": "results/ingest/manifest.parquet",
        "stance": shards("results/stance/mentions/{shard}.parquet"),
        "labels": shards("results/actors/labels/{shard}.parquet"),
        "quotes": shards("results/actors/quotes/{shard}.parquet"),
        "agencies": shards("results/actors/agencies/{shard}.parquet"),
        "suggestions": shards("results/actors/suggestions/{shard}.parquet"),
        "duplicates": "results/clean/duplicates.parquet",
        "aggregates": "results/stance/aggregates.parquet",
    },
}
# The config sections each report's numbers depend on; their hash is its provenance.
REPORT_SECTIONS = {
    "corpus": ["corpus", "clean"],
    "topics": ["corpus", "clean", "embed", "topics"],
    "actors": [
        "corpus",
        "clean",
        "embed",
        "topics",
        "actors",
        "framing",
        "stance",
        "reports",
    ],
}


def report_inputs(wildcards):
    return {
        "notebook": f"analysis/{wildcards.report}.ipynb",
        "code": library("reports") + library(f"report_{wildcards.report}"),
        **REPORT_INPUTS[wildcards.report],
    }


def report_settings(wildcards):
    return {
        section: config.get(section, {})
        for section in REPORT_SECTIONS[wildcards.report]
    }
