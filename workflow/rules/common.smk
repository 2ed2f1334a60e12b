# Helpers shared by the stage files: shard names, corpus files, library sources, report inputs.
import glob
import hashlib
import math
import os
import re
from pathlib import Path

from snakemake.exceptions import WorkflowError

from mediaframe.import_graph import library_closure

# One folder per corpus (corpus.name): switching config.yaml, or running with
# --configfile, never mixes or overwrites another corpus's outputs. Caches keyed by text
# hash and model (results/cache/, the cache_dir settings) are shared by all corpora.
CORPUS_NAME = config["corpus"]["name"]


def result(path):
    """``path`` under this corpus's results folder, results/<corpus.name>/."""
    return f"results/{CORPUS_NAME}/{path}"


def report_file(path):
    """``path`` under this corpus's reports folder, reports/<corpus.name>/."""
    return f"reports/{CORPUS_NAME}/{path}"


def log_file(path):
    """``path`` under this corpus's logs folder, logs/<corpus.name>/."""
    return f"logs/{CORPUS_NAME}/{path}"


def benchmark_file(path):
    """``path`` under this corpus's benchmarks folder, benchmarks/<corpus.name>/."""
    return f"benchmarks/{CORPUS_NAME}/{path}"


def store(stage):
    """The per-document store of ``stage`` for the job's shard (not an output: Snakemake
    removes outputs before a job runs, and the store is what the job reuses)."""
    return lambda wildcards: result(f"store/{stage}/{wildcards.shard}")


SHARDS = [f"{i:02d}" for i in range(config["corpus"]["shards"])]
REPORTS = ["corpus", "topics", "actors", "validation"]
LIBRARY = Path(workflow.basedir) / "workflow" / "mediaframe"

# Package data read by library modules, declared once beside the module that reads it: a
# rule whose code imports the module also depends on these files.
LIBRARY_DATA = {
    "text.py": ["data/stopwords_ar.txt", "data/stopwords_en.txt"],
    "stance/embedding.py": ["data/stance_head.npz"],
    "stance/lexicon.py": ["data/stance_lexicon.csv"],
    "report/helpers.py": [
        "templates/mediaframe/conf.json",
        "templates/mediaframe/index.html.j2",
    ],
}


def library(*entries):
    """The library files (and the package data they read) that running the given
    scripts or notebooks loads, found from their imports. Listed as a rule's inputs,
    they make an edit to a module rerun exactly the rules that use it (Snakemake
    only tracks the script itself).
    """
    root = Path(workflow.basedir)
    sources = library_closure([root / entry for entry in entries], LIBRARY)
    data = [
        LIBRARY / name
        for source in sources
        for name in LIBRARY_DATA.get(source.relative_to(LIBRARY).as_posix(), [])
    ]
    return [str(path) for path in sorted({*sources, *data})]


def scaled(base, per_input_mb):
    """A job resource (``mem_mb``, or ``runtime`` in minutes) of ``base`` plus
    ``per_input_mb`` for each MB of data the job reads (its ``code`` inputs, the library
    and the stance head, do not count), doubled on each retry. The figures come from the
    benchmarks the rules write (README: "Cluster execution"); a cluster scheduler
    (profiles/slurm) reserves them, a local run only counts them against ``--resources``
    when it is given."""

    def resource(wildcards, input, attempt):
        code = set(getattr(input, "code", []))
        data = [f for f in input if f not in code and os.path.isfile(f)]
        size_mb = sum(os.path.getsize(f) for f in data) / 2**20
        return math.ceil(base + per_input_mb * size_mb) * attempt

    return resource


def corpus_matches():
    """Paths matched by corpus.paths, sorted, without folders (a folder is no record;
    ``corpus/**/*`` matches folders too); an empty match stops the run."""
    matches = sorted(
        {
            f
            for pattern in config["corpus"]["paths"]
            for f in glob.glob(pattern, recursive=True)
            if not os.path.isdir(f)
        }
    )
    if not matches:
        raise WorkflowError(
            f"config.yaml: corpus.paths {config['corpus']['paths']} matched no files "
            f"(relative to {Path.cwd()}). Fix: point corpus.paths at your corpus files."
        )
    return matches


def corpus_files():
    """The readable corpus files, Snakemake inputs (so an edit reruns ingest)."""
    return [f for f in corpus_matches() if os.path.isfile(f) and not BRACES.search(f)]


# Snakemake reads braces in an input path as a wildcard, and escaping them does not
# work for inputs; such files (``{weird}.txt``) reach ingest as a parameter with their
# digest instead, so an edit to one still reruns ingest.
BRACES = re.compile(r"[{}]")


def braced_corpus_files():
    """Readable corpus files with braces in their path: {path: content digest}."""
    digests = {}
    for f in corpus_matches():
        if os.path.isfile(f) and BRACES.search(f):
            with open(f, "rb") as handle:
                digests[f] = hashlib.file_digest(handle, "blake2b").hexdigest()[:32]
    return digests


def unreadable_corpus_paths():
    """Matches that are not readable files (a broken or self-referencing link): not
    inputs, which Snakemake would call missing, but records the ingest rejects."""
    return [f for f in corpus_matches() if not os.path.isfile(f)]


def check_config():
    """Checks the schema cannot make (regular expressions, aliases), before any job."""
    from mediaframe.actors.matching import matcher_from_config
    from mediaframe.clean.pages import CleaningRules
    from mediaframe.errors import MediaframeError

    try:
        CleaningRules.from_config(config["clean"])
        matcher_from_config(config["actors"])
    except MediaframeError as error:
        raise WorkflowError(str(error)) from None


check_config()


def comment_files():
    """Files matched by corpus.comments.paths, sorted (none is fine: comments may come
    only from the pages or from a field of the article records)."""
    patterns = config["corpus"]["comments"]["paths"]
    return sorted(
        {f for pattern in patterns for f in glob.glob(pattern, recursive=True)}
    )


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


def actor_names():
    """The name coders see for each actor: its English and Arabic names."""
    names = {}
    for actor in config["actors"]["registry"]:
        given = actor.get("names", {})
        shown = [given[k] for k in ("en", "ar") if given.get(k)]
        names[actor["id"]] = " / ".join(shown) if shown else actor["id"]
    return names


ADAPT = config["validation"]["adapt"]
ADAPTED_HEAD = result("validation/adapted_head.npz")
if ADAPT and config["stance"]["scorer"] != "embedding":
    raise WorkflowError(
        f"config.yaml: validation.adapt is true but stance.scorer is "
        f"'{config['stance']['scorer']}'; only the embedding scorer's head can be adapted. "
        "Fix: set stance.scorer to embedding, or validation.adapt to false."
    )


def if_adapting(path):
    """``path`` when validation.adapt is on, else nothing (an input that disappears)."""
    return [path] if ADAPT else []


def base_head():
    """The stance head adaptation starts from: stance.embedding.head or the shipped one."""
    return config["stance"]["embedding"]["head"] or str(
        LIBRARY / "data/stance_head.npz"
    )


def stance_settings():
    """The stance section score_stance reads; with validation.adapt, its head is the
    head adapted on the coded units."""
    settings = {k: v for k, v in config["stance"].items() if k != "aggregate"}
    if ADAPT:
        settings["embedding"] = settings["embedding"] | {"head": ADAPTED_HEAD}
    return settings


def coded_sheets():
    """The coded sheets in validation.coded (CSV or XLSX, one per coder), sorted."""
    folder = Path(config["validation"]["coded"])
    if not folder.is_dir():
        return []
    return sorted(
        str(p)
        for p in folder.iterdir()
        if p.suffix.lower() in (".csv", ".xlsx") and not p.name.startswith((".", "~$"))
    )


# What each report notebook reads; the notebook gets these paths as parameters.
REPORT_INPUTS = {
    "corpus": {
        "manifest": result("ingest/manifest.parquet"),
        "ingest_rejects": result("ingest/rejects.parquet"),
        "clean_rejects": shards(result("clean/rejects/{shard}.parquet")),
        "articles": shards(result("clean/articles/{shard}.parquet")),
        "comments": shards(result("clean/comments/{shard}.parquet")),
        "audit": shards(result("clean/audit/{shard}.parquet")),
        "boilerplate": result("clean/boilerplate.parquet"),
        "duplicates": result("clean/duplicates.parquet"),
        "ledger": result("clean/ledger.parquet"),
        "comment_ledger": result("clean/comment_ledger.parquet"),
    },
    "topics": {
        "manifest": result("ingest/manifest.parquet"),
        "articles": shards(result("clean/articles/{shard}.parquet")),
        "topic_info": result("topics/topic_info.parquet"),
        "doc_topics": result("topics/doc_topics.parquet"),
        "summary": result("topics/summary.parquet"),
        "over_time": result("topics/topics_over_time.parquet"),
        "per_outlet": result("topics/topics_per_outlet.parquet"),
        "merges": result("topics/merges.parquet"),
        "duplicates": result("clean/duplicates.parquet"),
    },
    "actors": {
        "manifest": result("ingest/manifest.parquet"),
        "stance": shards(result("stance/mentions/{shard}.parquet")),
        "labels": shards(result("actors/labels/{shard}.parquet")),
        "quotes": shards(result("actors/quotes/{shard}.parquet")),
        "agencies": shards(result("actors/agencies/{shard}.parquet")),
        "suggestions": shards(result("actors/suggestions/{shard}.parquet")),
        "rejected": shards(result("actors/rejected/{shard}.parquet")),
        "duplicates": result("clean/duplicates.parquet"),
        "aggregates": result("stance/aggregates.parquet"),
        "topic_info": result("topics/topic_info.parquet"),
    },
    "validation": {
        "manifest": result("ingest/manifest.parquet"),
        "design": result("validation/design.parquet"),
        "units": result("validation/units.parquet"),
        "coded": result("validation/coded.parquet"),
        "gold": result("validation/gold.parquet"),
        "agreement": result("validation/agreement.parquet"),
        "accuracy": result("validation/accuracy.parquet"),
        "confusion": result("validation/confusion.parquet"),
        "calibration": result("validation/calibration.parquet"),
        "estimates": result("validation/estimates.parquet"),
        "sheet_csv": result("validation/coding_sheet.csv"),
        "sheet_xlsx": result("validation/coding_sheet.xlsx"),
        "codebook": result("validation/codebook.html"),
    }
    | ({"adaptation": result("validation/adaptation.parquet")} if ADAPT else {}),
}
# The config sections each report's numbers depend on; their hash is its provenance.
REPORT_SECTIONS = {
    "corpus": ["corpus", "clean", "reports"],
    "topics": ["corpus", "clean", "embed", "topics", "reports"],
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
    "validation": ["corpus", "clean", "actors", "stance", "validation", "reports"],
}


def report_inputs(wildcards):
    return {
        "notebook": f"analysis/{wildcards.report}.ipynb",
        "code": library(
            "workflow/scripts/render_report.py", f"analysis/{wildcards.report}.ipynb"
        ),
        **REPORT_INPUTS[wildcards.report],
    }


# The locked environment (make lock): reports name the lock, its digest and whether the
# environment that ran them matches it; the digest is a parameter, so they are made
# again when the lock changes.
LOCK_FILE = Path(workflow.basedir) / "requirements.lock"
LOCK_DIGEST = (
    hashlib.sha256(LOCK_FILE.read_bytes()).hexdigest()[:16]
    if LOCK_FILE.is_file()
    else None
)


def report_settings(wildcards):
    return {
        section: config.get(section, {})
        for section in REPORT_SECTIONS[wildcards.report]
    }
