# Helpers shared by the rule files: shard names, corpus files, library sources.
import glob
from pathlib import Path

from snakemake.exceptions import WorkflowError

SHARDS = [f"{i:02d}" for i in range(config["corpus"]["shards"])]
REPORTS = ["corpus", "topics", "actors"]
LIBRARY = Path(workflow.basedir) / "workflow" / "mediaframe"

# The library modules each stage runs; listing them as inputs makes an edit to a
# module rerun the stages that use it (Snakemake only tracks the script itself).
STAGE_MODULES = {
    "ingest": ["ingest.py", "errors.py", "provenance.py", "io.py"],
    "clean": ["clean.py", "sentences.py", "normalize.py", "io.py"],
    "embed": ["embed/__init__.py", "embed/base.py", "embed/use.py", "embed/sentence_transformers.py", "embed/cache.py", "io.py"],
    "topics": ["topics.py", "text.py", "normalize.py", "data/stopwords_ar.txt", "data/stopwords_en.txt", "io.py"],
    "actors": ["actors.py", "normalize.py", "io.py"],
    "stance": ["stance/__init__.py", "stance/base.py", "stance/lexicon.py", "text.py", "normalize.py", "data/stance_lexicon.csv", "io.py"],
    "aggregate": ["stance/aggregate.py", "io.py"],
    "reports": ["report.py", "provenance.py", "templates/mediaframe/index.html.j2"],
}


def library(stage):
    """Source files of the library modules a stage uses."""
    return [str(LIBRARY / module) for module in STAGE_MODULES[stage]]


def corpus_files():
    """Corpus files matched by corpus.paths, sorted; an empty match stops the run."""
    files = sorted({f for pattern in config["corpus"]["paths"] for f in glob.glob(pattern, recursive=True)})
    if not files:
        raise WorkflowError(
            f"config.yaml: corpus.paths {config['corpus']['paths']} matched no files "
            f"(relative to {Path.cwd()}). Fix: point corpus.paths at your corpus files."
        )
    return files


def shards(pattern):
    return expand(pattern, shard=SHARDS)
