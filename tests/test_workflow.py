"""The real pipeline on temporary copies of the project: outputs, caching, determinism."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import polars as pl
import pytest

from conftest import FIXTURES, copy_project, planned_jobs, snakemake
from mediaframe.actors.framing import QUOTE_SCHEMA
from mediaframe.actors.speakers import SPEAKER_CATEGORIES

pytestmark = pytest.mark.workflow
UPSTREAM = {"ingest", "clean", "embed", "topics", "actors"}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """The seed corpus plus an English page full of markup, run once end to end."""
    root = copy_project(tmp_path_factory.mktemp("run-a"))
    shutil.copy(FIXTURES / "script_article.txt", root / "seeds" / "script_article.txt")
    snakemake(root)
    return root


def parquet_files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted((root / "results").rglob("*.parquet"))
        # the embedding cache is content-addressed storage, not an artifact: which job
        # first embeds a text (and so which part file holds it) depends on scheduling
        if "cache" not in p.relative_to(root / "results").parts
    }


def test_every_stage_writes_its_artifacts(project):
    for name in ("index", "corpus", "topics", "actors"):
        assert (project / "reports" / "seed" / f"{name}.html").stat().st_size > 1000
    articles = pl.concat(
        [
            pl.read_parquet(p)
            for p in sorted((project / "results/seed/clean/articles").glob("*.parquet"))
        ]
    )
    assert sorted(articles["doc_id"]) == ["000_0ded79b54724b48b", "script_article"]
    comments = pl.concat(
        [
            pl.read_parquet(p)
            for p in sorted((project / "results/seed/clean/comments").glob("*.parquet"))
        ]
    )
    assert comments.height == 3
    assert (project / "results/seed/topics/model/topic_embeddings.safetensors").exists()
    stance = pl.concat(
        [
            pl.read_parquet(p)
            for p in sorted((project / "results/seed/stance/mentions").glob("*.parquet"))
        ]
    )
    seed = stance.filter(pl.col("doc_id") == "000_0ded79b54724b48b")
    assert {"united_states", "sdf", "turkey", "isis", "russia", "coalition"} <= set(seed["actor"])
    assert seed.filter(pl.col("kind") == "comment")["actor"].to_list() == ["isis"]
    assert set(seed["label"]) <= {"negative", "neutral", "positive"}
    assert (
        seed["score"].is_between(-1, 1).all()
        and seed["evidence"].str.contains("P\\(negative\\)").all()
    )
    # the default scorer reads "ميليشيا قسد" as negative toward the SDF
    militia = seed.filter(
        (pl.col("actor") == "sdf") & pl.col("sentence_text").str.contains("ميليشيا قسد")
    )
    assert militia.height >= 1 and (militia["score"] < 0).all()

    def gathered(table: str) -> pl.DataFrame:
        frames = [
            pl.read_parquet(p)
            for p in sorted((project / "results/seed/actors" / table).glob("*.parquet"))
        ]
        return pl.concat(frames).filter(pl.col("doc_id") == "000_0ded79b54724b48b")

    labels = gathered("labels")
    assert ("sdf", "ميليشيا") in labels.select("actor", "label").rows()
    quotes = gathered("quotes")
    assert quotes.schema == pl.Schema(QUOTE_SCHEMA)
    assert set(quotes["speaker_category"]) <= set(SPEAKER_CATEGORIES)  # one each, never null
    actors = quotes.filter(pl.col("speaker_category") == "actor")
    assert actors["speaker"].null_count() == 0
    assert quotes.filter(pl.col("speaker_category") != "actor")["speaker"].null_count() == (
        quotes.height - actors.height
    )
    assert {"united_states", "sdf", "turkey"} <= set(actors["speaker"])
    assert "Reuters" in set(gathered("agencies")["agency"])
    aggregates = pl.read_parquet(project / "results/seed/stance/aggregates.parquet")
    assert set(aggregates["dimension"]) >= {"overall", "text", "outlet", "topic"}
    texts = aggregates.filter((pl.col("dimension") == "text") & (pl.col("actor") == "isis"))
    assert set(texts["group"]) == {"article", "comment"}  # comments are aggregated apart


def test_nothing_is_lost(project):
    documents = pl.concat(
        [pl.read_parquet(p) for p in (project / "results/seed/ingest/documents").glob("*.parquet")]
    )
    articles = pl.concat(
        [pl.read_parquet(p) for p in (project / "results/seed/clean/articles").glob("*.parquet")]
    )
    rejects = pl.concat(
        [pl.read_parquet(p) for p in (project / "results/seed/clean/rejects").glob("*.parquet")]
    )
    ingest_rejects = pl.read_parquet(project / "results/seed/ingest/rejects.parquet")
    inputs = len(list((project / "seeds").glob("*.txt")))
    assert documents.height + ingest_rejects.height == inputs
    assert articles.height + rejects.height == documents.height


def test_reports_escape_corpus_text_and_show_no_code(project):
    for name in ("corpus", "topics", "actors"):
        page = (project / "reports" / "seed" / f"{name}.html").read_text(encoding="utf-8")
        assert "<script>alert(" not in page, name
        assert "<img src=x" not in page, name
        assert (
            "Traceback" not in page and "import polars" not in page and "read_parquets(" not in page
        ), name
        assert "https://cdnjs" not in page, name
        assert 'dir="auto"' in page, name
    corpus = (project / "reports/seed/corpus.html").read_text(encoding="utf-8")
    assert '&lt;script&gt;alert("title")&lt;/script&gt; Ankara warns the SDF' in corpus
    assert "استثناء واحد.. واشنطن توقف العمليات المشتركة مع قسد ضد داعش في سوريا" in corpus
    actors = (project / "reports/seed/actors.html").read_text(encoding="utf-8")
    assert "<mark>قسد</mark>" in actors
    assert re.search(
        r"[1-9]\d* of \d+ mentions \(\d+%\) had a first-reading confidence below the threshold "
        r"\(0\.6 for English, none for Arabic\) and were decided by a second, slower reading "
        r"\(e5-small;",
        actors,
    )
    index = (project / "reports/seed/index.html").read_text(encoding="utf-8")
    for name in ("corpus", "topics", "actors"):
        assert f'href="{name}.html"' in index
    assert "Config hash" in index and "input corpus hash" in index


def test_second_run_has_nothing_to_do(project):
    assert planned_jobs(project) == {}


def test_stance_change_reruns_only_stance_and_what_depends_on_it(project):
    config_path = project / "config.yaml"
    original = config_path.read_text(encoding="utf-8")
    assert "  neutral_band: 0.2\n" in original
    config_path.write_text(
        original.replace("  neutral_band: 0.2\n", "  neutral_band: 0.35\n"), encoding="utf-8"
    )
    try:
        jobs = planned_jobs(project)
    finally:
        config_path.write_text(original, encoding="utf-8")
    assert jobs.keys() >= {"score_stance", "aggregate_stance", "render_report"}
    assert not UPSTREAM & jobs.keys()
    assert jobs["render_report"] == 2  # the actors and validation reports only
    assert planned_jobs(project) == {}


def test_editing_one_notebook_rerenders_only_that_report(project):
    notebook = project / "analysis" / "topics.ipynb"
    original = notebook.read_text(encoding="utf-8")
    cells = json.loads(original)
    cells["cells"][-1]["source"] = "# a researcher's edit\n" + "".join(cells["cells"][-1]["source"])
    notebook.write_text(json.dumps(cells), encoding="utf-8")
    try:
        jobs = planned_jobs(project)
    finally:
        notebook.write_text(original, encoding="utf-8")
    assert jobs == {"render_report": 1, "all": 1}


def edited_plan(project: Path, module: str) -> dict[str, int]:
    """The jobs planned after appending a comment to a library module (then undone)."""
    path = project / "workflow" / "mediaframe" / module
    original = path.read_text(encoding="utf-8")
    path.write_text(original + "\n# changed\n", encoding="utf-8")
    try:
        return planned_jobs(project)
    finally:
        path.write_text(original, encoding="utf-8")


def test_editing_a_library_module_reruns_its_stage(project):
    jobs = edited_plan(project, "clean/pages.py")
    assert jobs["clean"] == 2  # both shards
    assert "ingest" not in jobs
    assert "learn_boilerplate" not in jobs  # it does not import clean.pages


def test_editing_a_module_reruns_exactly_the_rules_that_import_it(project):
    # the ledger rule and the corpus report (whose notebook reads the ledger) import it
    assert edited_plan(project, "clean/ledger.py") == {"ledger": 1, "render_report": 1, "all": 1}


def test_editing_an_embedder_reruns_the_stance_rules_that_import_it(project):
    jobs = edited_plan(project, "embed/e5.py")
    assert jobs["score_stance"] == 2
    assert jobs.keys() >= {"embed", "topics"}
    assert not {"ingest", "clean", "actors"} & jobs.keys()


def test_misspelt_config_key_stops_before_any_job(tmp_path):
    root = copy_project(tmp_path)
    config = (root / "config.yaml").read_text(encoding="utf-8")
    (root / "config.yaml").write_text(
        config.replace("  shards: 2", "  shardz: 2"), encoding="utf-8"
    )
    result = snakemake(root, "-n", check=False)
    assert result.returncode != 0
    assert "'shardz' was unexpected" in result.stderr + result.stdout
    (root / "config.yaml").write_text(
        config.replace("  shards: 2", "  shards: two"), encoding="utf-8"
    )
    result = snakemake(root, "-n", check=False)
    assert "'two' is not of type 'integer'" in result.stderr + result.stdout
    assert not (root / "results").exists()


def corpus_files(root: Path, name: str) -> dict[str, bytes]:
    """Every file one corpus wrote (results, reports, logs, benchmarks), as bytes."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for top in ("results", "reports", "logs", "benchmarks")
        for p in sorted((root / top / name).rglob("*"))
        if p.is_file()
    }


def test_two_corpora_in_one_project_keep_separate_untouched_trees(tmp_path):
    # corpus.name puts each corpus's outputs in its own folders: a run with
    # --configfile on another corpus leaves the seed's files byte-identical, and a
    # plain run afterwards finds the seed's outputs complete (nothing to redo)
    root = copy_project(tmp_path / "two")
    shutil.copy(FIXTURES / "corpus" / "articles.jsonl", root / "articles.jsonl")
    (root / "other.yaml").write_text(
        "corpus:\n  name: wire\n  paths: [articles.jsonl]\n", encoding="utf-8"
    )
    snakemake(root, "ledger", "report_index")
    seed = corpus_files(root, "seed")
    assert "results/seed/clean/ledger.parquet" in seed and "reports/seed/index.html" in seed

    snakemake(root, "ledger", "report_index", "--configfile", "other.yaml")
    wire = corpus_files(root, "wire")
    assert "results/wire/clean/ledger.parquet" in wire and "reports/wire/index.html" in wire
    assert pl.read_parquet(root / "results/wire/ingest/manifest.parquet")["source"].to_list() == [
        "articles.jsonl"
    ]
    assert corpus_files(root, "seed") == seed
    assert planned_jobs(root, "ledger", "report_index") == {}
    assert planned_jobs(root, "ledger", "report_index", "--configfile", "other.yaml") == {}


def test_two_clean_runs_write_identical_artifacts(project, tmp_path):
    other = copy_project(tmp_path / "run-b")
    shutil.copy(FIXTURES / "script_article.txt", other / "seeds" / "script_article.txt")
    snakemake(other)
    first, second = parquet_files(project), parquet_files(other)
    assert first.keys() == second.keys() and len(first) > 20
    different = [name for name in first if first[name] != second[name]]
    assert different == []
