"""The pipeline on the bad-input fixture corpus: nothing crashes, nothing vanishes."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest

from conftest import FIXTURES, copy_project, snakemake

pytestmark = pytest.mark.workflow


LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


def _place(number: int) -> str:
    """A made-up village name unique to ``number`` (four letters, base 28)."""
    return "".join(LETTERS[number // 28**k % 28] for k in range(4))


def twenty_megabyte_page(path: Path) -> None:
    """One 20 MB scraped page (generated here: large files are never committed). Its
    paragraphs are distinct, as an article's are: every three words hold a name of
    their own, so no paragraph repeats another (cleaning drops repeated copies)."""
    with path.open("w", encoding="utf-8") as handle:
        handle.write("تقرير طويل جدا عن القصف\n\n")
        number = 0
        while handle.tell() < 20 * 1024 * 1024:
            a, b, c, d = (_place(4 * number + k) for k in range(4))
            handle.write(
                f"قالت مصادر في {a} إن القوات قصفت {b} في ريف حلب، وأضافت أن "
                f"القصف أصاب {c} وألحق أضرارا في {d}. الفقرة {number}.\n\n"
            )
            number += 1


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("corpus-run"))
    shutil.copytree(FIXTURES / "corpus", root / "corpus")
    twenty_megabyte_page(root / "corpus" / "huge_page.txt")
    config = (root / "config.yaml").read_text(encoding="utf-8")
    config = config.replace("    - seeds/*.txt\n", "    - seeds/*.txt\n    - corpus/**/*\n", 1)
    (root / "config.yaml").write_text(config, encoding="utf-8")
    snakemake(root, "results/seed/clean/ledger.parquet", "reports/seed/corpus.html")
    return root


def shards(root: Path, name: str) -> pl.DataFrame:
    return pl.concat(
        [pl.read_parquet(p) for p in sorted((root / "results/seed/clean" / name).glob("*.parquet"))]
    )


def test_ledger_has_one_outcome_per_input_record(project):
    manifest = pl.read_parquet(project / "results/seed/ingest/manifest.parquet")
    ledger = pl.read_parquet(project / "results/seed/clean/ledger.parquet")
    articles = shards(project, "articles")
    rejects = pl.concat(
        [
            pl.read_parquet(project / "results/seed/ingest/rejects.parquet"),
            shards(project, "rejects"),
        ]
    )
    assert ledger.height == manifest["records"].sum() == articles.height + rejects.height
    assert set(ledger["source"]) == set(manifest["source"])
    reasons = {Path(s).name: r for s, r in rejects.select("source", "reason").iter_rows()}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["image.txt"].startswith("binary file")
    assert "corpus.fields.text" in reasons["missing_column.csv"]
    assert any(r.startswith("malformed JSON line") for r in rejects["reason"])
    assert any(r.startswith("duplicate doc_id 'wire-1'") for r in rejects["reason"])


def test_fixture_documents_are_cleaned_correctly(project):
    articles = shards(project, "articles")
    by_id = {row["doc_id"]: row for row in articles.iter_rows(named=True)}
    assert by_id["windows1256"]["encoding"] == "cp1256"
    assert by_id["windows1256"]["text"].startswith("أعلنت وزارة الدفاع التركية")
    assert by_id["mojibake_cp1256"]["title"] == "العراق يغلق الحدود"
    assert by_id["mixed"]["language"] == "en" and by_id["gz-1"]["language"] == "ar"
    assert "Share" not in by_id["mixed"]["text"]
    written = (project / "corpus/huge_page.txt").read_text(encoding="utf-8").count("الفقرة")
    assert by_id["huge_page"]["text"].count("الفقرة") == written > 90_000
    ankara = by_id["ankara"]
    assert (ankara["comments_stated"], ankara["comments_found"], ankara["comments_mismatch"]) == (
        3,
        2,
        True,
    )
    assert "alert" not in ankara["text"] and "شارك" not in ankara["text"]
    comments = shards(project, "comments").filter(pl.col("doc_id") == "ankara")
    assert comments.select("author", "language").rows() == [
        ("أبو محمد", "ar"),
        ("Kurdish voice", "en"),
    ]
    sentences = shards(project, "sentences").filter(pl.col("doc_id") == "ankara")
    assert set(sentences["kind"]) == {"title", "body", "comment"}


def test_wire_copies_are_grouped_once(project):
    duplicates = pl.read_parquet(project / "results/seed/clean/duplicates.parquet")
    wire = duplicates.filter(pl.col("group") == "wire-1").sort("doc_id")
    assert wire.select("doc_id", "kind", "is_canonical").rows() == [
        ("wire-1", "near", True),
        ("wire-2", "near", False),
        ("wire-3", "exact", False),
    ]
    ledger = pl.read_parquet(project / "results/seed/clean/ledger.parquet")
    assert set(ledger.filter(pl.col("duplicate_of") == "wire-1")["doc_id"]) == {"wire-2", "wire-3"}


def test_corpus_report_shows_the_ledger_and_escapes_text(project):
    page = (project / "reports/seed/corpus.html").read_text(encoding="utf-8")
    assert "The counts add up" in page
    assert "Traceback" not in page and "evil.example" not in page
    assert "<script>window" not in page
    assert "wire-1" in page and "cp1256" in page
