"""Hostile but fair input through the real workflow: every record one outcome, no traceback.

The corpus in ``tests/fixtures/corpus/hostile`` holds one case per problem found when the
pipeline was tried as a hostile user would (issue 12); a few more cases are made here
because they cannot be committed (a self-referencing link, a Parquet file with an integer
date column, a multi-megabyte line). One full run covers the data cases, a second run
the corpus where every record is rejected, and dry runs the configuration mistakes.
"""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from conftest import FIXTURES, copy_project, snakemake

pytestmark = pytest.mark.workflow
HOSTILE = FIXTURES / "corpus" / "hostile"
GENERATED_TIME = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC")


def add_generated_cases(corpus: Path) -> None:
    """Cases that are made, not committed: a link to itself, an int64 date column, and
    one line of about 3 MB without a line break (split by corpus.max_line_chars)."""
    (corpus / "loop.txt").symlink_to("loop.txt")
    pl.DataFrame(
        {
            "id": ["epoch-int64"],
            "text": ["The Turkish army moved troops near Kobani, local sources said."],
            "outlet": ["parquet outlet"],
            "published": [1670112000],
        }
    ).write_parquet(corpus / "epoch.parquet")
    filler = "The market in the old city opened again and traders counted their losses "
    with (corpus / "one_line.txt").open("w", encoding="utf-8") as handle:
        handle.write("Turkey and the long day " + filler * 40_000 + "\n")


def corpus_project(root: Path, pattern: str) -> Path:
    config = (root / "config.yaml").read_text(encoding="utf-8")
    config = config.replace("    - seeds/*.txt\n", f"    - seeds/*.txt\n    - {pattern}\n", 1)
    (root / "config.yaml").write_text(config, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("hostile-run"))
    shutil.copytree(HOSTILE, root / "corpus")
    add_generated_cases(root / "corpus")
    corpus_project(root, "corpus/**/*")
    run = snakemake(root)
    return root, run


def gathered(root: Path, folder: str) -> pl.DataFrame:
    return pl.concat([pl.read_parquet(p) for p in sorted((root / folder).glob("*.parquet"))])


def test_every_record_has_one_outcome_and_nothing_crashed(project):
    root, run = project
    manifest = pl.read_parquet(root / "results/seed/ingest/manifest.parquet")
    ledger = pl.read_parquet(root / "results/seed/clean/ledger.parquet")
    articles = gathered(root, "results/seed/clean/articles")
    rejects = pl.concat(
        [
            pl.read_parquet(root / "results/seed/ingest/rejects.parquet"),
            gathered(root, "results/seed/clean/rejects"),
        ]
    )
    assert ledger.height == manifest["records"].sum() == articles.height + rejects.height
    logs = "".join(p.read_text(encoding="utf-8") for p in (root / "logs").rglob("*.log"))
    assert "Traceback" not in logs + run.stdout + run.stderr
    reasons = {
        (doc_id or Path(source).name, record): reason
        for source, record, doc_id, reason in rejects.select(
            "source", "record", "doc_id", "reason"
        ).iter_rows()
    }
    # 2: an object or list in the text field is rejected, naming the field and the fix
    assert "holds an object" in reasons[("fields.jsonl", 1)]
    assert "corpus.fields.text" in reasons[("fields.jsonl", 2)]
    # 3: only invisible characters
    assert reasons[("invisible", 1)].startswith("no visible characters")
    # 7: a CSV header without rows leaves a trace
    assert reasons[("header_only.csv", 0)].startswith("no records")
    # 18: a link to itself is a reject, not a stopped run
    assert "cannot be read" in reasons[("loop.txt", 0)]
    ids = set(articles["doc_id"])
    # 1: same file name in two folders, id-less records in two files of one name
    assert {"outletA/123", "outletB/123", "a/nofield:1", "b/nofield:1"} <= ids
    # 10, 13, 17: a lone surrogate, a folder named like a file, braces in a file name
    assert {"lone-surrogate", "inner", "{weird}", "title-list", "cash"} <= ids


def test_repairs_and_dates_are_recorded(project):
    root, _ = project
    documents = gathered(root, "results/seed/ingest/documents")
    by_id = {row["doc_id"]: row for row in documents.iter_rows(named=True)}
    # 4: two layers of mojibake undone, and said so
    assert by_id["double_mojibake"]["text"].startswith("العراق يغلق الحدود")
    assert by_id["double_mojibake"]["repair"] == "mojibake: utf-8 read as cp1252, 2 layers"
    # 8: a NUL after the first 8 KB is removed and recorded
    assert "\x00" not in by_id["late_nul"]["text"]
    assert "control characters" in by_id["late_nul"]["repair"]
    # 9: a multi-megabyte line is split into bounded lines, recorded
    assert max(map(len, by_id["one_line"]["text"].split("\n"))) <= 10_000
    assert "corpus.max_line_chars" in by_id["one_line"]["repair"]
    # 5, 11: dates as news writes them; the original kept; year 0 and 2022-13-45 unparsed
    dates = documents.filter(
        pl.col("doc_id").str.starts_with("date-") | (pl.col("doc_id") == "epoch-int64")
    )
    parsed = dict(dates.select("doc_id", "published").iter_rows())
    assert parsed.pop("date-impossible") is None and parsed.pop("date-year-zero") is None
    assert len(parsed) == 8 and set(parsed.values()) == {date(2022, 12, 4)}
    assert by_id["date-levantine-month"]["published_raw"] == "٤ كانون الأول ٢٠٢٢"
    ingest_log = (root / "logs/seed/ingest.log").read_text(encoding="utf-8")
    assert "'2022-13-45'" in ingest_log and "corpus.date_order" in ingest_log
    # ... and the articles keep the value as given and why it was not parsed, which the
    # corpus report lists
    articles = gathered(root, "results/seed/clean/articles")
    impossible = articles.filter(pl.col("doc_id") == "date-impossible").row(0, named=True)
    assert impossible["published"] is None and impossible["published_raw"] == "2022-13-45"
    assert impossible["date_problem"]
    assert articles.filter(pl.col("doc_id") == "date-levantine-month")["date_problem"][0] is None
    report = (root / "reports/seed/corpus.html").read_text(encoding="utf-8")
    assert "Dates given but not parsed" in report and "2022-13-45" in report


def test_actor_names_with_invisible_or_decomposed_letters_match(project):
    root, _ = project
    mentions = gathered(root, "results/seed/actors/mentions")
    found = set(mentions.select("doc_id", "actor").iter_rows())
    # 6: NFD Erdoğan / Türkiye, ZWSP and U+061C inside تركيا, a soft hyphen in Turkey
    assert {
        ("nfd-erdogan", "turkey"),
        ("zwsp-turkey", "turkey"),
        ("alm-turkey", "turkey"),
        ("soft-hyphen", "turkey"),
    } <= found
    erdogan = mentions.filter(pl.col("doc_id") == "nfd-erdogan")
    assert erdogan.height >= 2


def test_reports_show_odd_outlets_and_no_control_bytes(project):
    root, _ = project
    for name in ("corpus", "topics", "actors"):
        page = (root / "reports" / "seed" / f"{name}.html").read_text(encoding="utf-8")
        assert "\x00" not in page
    # 12: an outlet name that looks like math text is shown as written
    assert "Cash $\\foo{$ Daily" in (root / "reports/seed/corpus.html").read_text(encoding="utf-8")


def test_reports_are_byte_identical_on_rerun_except_the_generation_time(project):
    root, _ = project
    before = {
        name: (root / "reports" / "seed" / f"{name}.html").read_text(encoding="utf-8")
        for name in ("corpus", "topics")
    }
    snakemake(
        root, "--forcerun", "render_report", "reports/seed/corpus.html", "reports/seed/topics.html"
    )
    for name, page in before.items():
        again = (root / "reports" / "seed" / f"{name}.html").read_text(encoding="utf-8")
        assert len(GENERATED_TIME.findall(page)) == 1
        assert GENERATED_TIME.sub("TIME", again) == GENERATED_TIME.sub("TIME", page)


def test_a_corpus_with_no_article_left_still_gives_reports(tmp_path):
    # 16: every record rejected; topics, actors and the reports say so instead of failing
    root = copy_project(tmp_path / "empty")
    shutil.rmtree(root / "seeds")
    (root / "corpus").mkdir()
    shutil.copy(HOSTILE / "invisible.txt", root / "corpus")
    shutil.copy(HOSTILE / "header_only.csv", root / "corpus")
    config = (root / "config.yaml").read_text(encoding="utf-8")
    (root / "config.yaml").write_text(
        config.replace("    - seeds/*.txt\n", "    - corpus/*\n", 1), encoding="utf-8"
    )
    run = snakemake(root)
    assert "Traceback" not in run.stdout + run.stderr
    ledger = pl.read_parquet(root / "results/seed/clean/ledger.parquet")
    assert ledger.height == 2 and set(ledger["outcome"]) == {"rejected"}
    summary = pl.read_parquet(root / "results/seed/topics/summary.parquet")
    assert summary["note"][0].startswith("No articles are left")
    assert "No articles are left" in (root / "reports/seed/topics.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        # 14: an invalid regular expression names its key
        (
            lambda c: c.replace(
                "  boilerplate_patterns:\n", "  boilerplate_patterns:\n    - '(unclosed'\n", 1
            ),
            r"clean\.boilerplate_patterns: '\(unclosed' is not a valid regular expression",
        ),
        # 15: a blank alias is refused by the schema
        (
            lambda c: c.replace("Türkiye, Ankara,", '"   ", Türkiye, Ankara,', 1),
            r"'   ' does not match",
        ),
        # 19: a YAML syntax error names line and column
        (
            lambda c: c.replace("threads: 2", "threads: [2", 1),
            r"config\.yaml, line \d+, column \d+",
        ),
        # a missing or unsafe corpus.name (the folder of this corpus's outputs) names
        # the key and the fix
        (
            lambda c: c.replace("  name: seed\n", "", 1),
            r"config\.yaml: corpus\.name is missing\. Fix: set corpus\.name",
        ),
        (
            lambda c: c.replace("  name: seed\n", "  name: ../elsewhere\n", 1),
            r"config\.yaml: corpus\.name '\.\./elsewhere' is not a safe folder name\. Fix:",
        ),
    ],
    ids=["bad-regex", "blank-alias", "yaml-syntax", "no-corpus-name", "unsafe-corpus-name"],
)
def test_configuration_mistakes_stop_before_any_job_with_their_place(tmp_path, edit, expected):
    root = copy_project(tmp_path / "config")
    config = (root / "config.yaml").read_text(encoding="utf-8")
    (root / "config.yaml").write_text(edit(config), encoding="utf-8")
    result = snakemake(root, "-n", check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert re.search(expected, output), output[-3000:]
    assert "Traceback" not in output


def test_make_run_recovers_from_a_killed_run_but_not_from_a_live_one(tmp_path):
    # 20: a lock left by a killed run is removed; a live run's lock is respected
    root = copy_project(tmp_path / "locked")
    locks = root / ".snakemake" / "locks"
    locks.mkdir(parents=True)
    (locks / "0.output.lock").write_text(str(root / "results/seed/ingest/manifest.parquet"))
    launch = [sys.executable, "workflow/launch.py", "--cores", "1", "-n"]
    stale = subprocess.run(launch, cwd=root, capture_output=True, text=True, check=False)
    assert stale.returncode == 0, stale.stderr[-2000:]
    assert "lock is removed" in stale.stderr and not any(locks.iterdir())

    (locks / "0.output.lock").write_text(str(root / "results/seed/ingest/manifest.parquet"))
    fake = tmp_path / "snakemake"  # a process named like a live Snakemake run in root
    fake.write_text("import time\ntime.sleep(60)\n")
    live = subprocess.Popen([sys.executable, str(fake)], cwd=root)
    try:
        time.sleep(0.5)
        refused = subprocess.run(launch, cwd=root, capture_output=True, text=True, check=False)
    finally:
        live.send_signal(signal.SIGTERM)
        live.wait()
    assert refused.returncode == 1
    assert f"Snakemake process {live.pid}" in refused.stderr
    assert any(locks.iterdir())


def test_progress_lines_state_count_rate_and_time_left(caplog):
    # 21: a long job logs how far it is
    from mediaframe.io import Progress

    with caplog.at_level("INFO", logger="mediaframe"):
        progress = Progress("score_stance 00", total=400, unit="mentions", every=0.0)
        progress.advance(100)
        progress.done()
    lines = [r.getMessage() for r in caplog.records]
    assert lines[0] == "score_stance 00: 400 mentions to do"
    assert re.match(
        r"score_stance 00: 100/400 mentions \(25%\), [\d,.]+ mentions/s, about", lines[1]
    )
    assert lines[-1].startswith("score_stance 00: done, 100 mentions in")
