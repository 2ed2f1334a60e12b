"""Ingest + clean + duplicate detection on SaudiNewsNet (31,030 Arabic articles).

Prints, for the polars implementation end to end (ingest, boilerplate learning,
cleaning, duplicate detection, one process): seconds per stage, articles per second
and peak memory (measured in a fresh child process, so nothing else is counted).
Then it cleans the same documents (all of them by default) with the polars implementation and with
the straightforward per-document Python implementation
(``mediaframe.clean.pages.clean_documents_reference``), checks that both give identical
tables and prints the speed ratio. Skips with a message when the data set is absent.

Run by hand: ``python bench/clean_bench.py`` (or ``make bench``).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from child import peak_mb, run_child

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "saudinewsnet" / "saudinewsnet.jsonl.gz"
REFERENCE_SAMPLE = None  # all documents; set a number for a quicker comparison


def _settings():
    from mediaframe.ingest.read import CorpusSettings, FieldMapping

    fields = FieldMapping(
        id=None,
        title="title",
        text="content",
        outlet="source",
        published="date_extracted",
        url="url",
        language=None,
        author="author",
    )
    return CorpusSettings(fields=fields, default_outlet="unknown")


def end_to_end() -> dict:
    """The pipeline's library calls in order; returns timings and counts."""
    import polars as pl

    from mediaframe.clean.boilerplate import BoilerplateSettings, learn_boilerplate
    from mediaframe.clean.duplicates import DuplicateSettings, find_duplicates
    from mediaframe.clean.pages import CleaningRules, clean_documents
    from mediaframe.ingest.read import read_corpus

    timings: dict[str, float] = {}
    start = time.perf_counter()
    documents, rejects, manifest = read_corpus([DATA], _settings())
    timings["ingest"] = time.perf_counter() - start
    rules = CleaningRules()
    mark = time.perf_counter()
    learned = learn_boilerplate(documents, BoilerplateSettings(), rules.comment_headings)
    timings["learn boilerplate"] = time.perf_counter() - mark
    mark = time.perf_counter()
    tables = clean_documents(documents, rules, boilerplate=learned)
    timings["clean"] = time.perf_counter() - mark
    records = int(manifest["records"].sum())
    outcomes = tables["articles"].height + tables["rejects"].height + rejects.height
    articles = tables["articles"].select("doc_id", "outlet", "published", "text_norm")
    del documents, tables
    mark = time.perf_counter()
    duplicates = find_duplicates(articles, DuplicateSettings())
    timings["find duplicates"] = time.perf_counter() - mark
    total = time.perf_counter() - start
    return {
        "timings": timings,
        "seconds": total,
        "records": records,
        "outcomes": outcomes,
        "articles": articles.height,
        "boilerplate_lines": learned.filter(pl.col("kind") != "word").height,
        "duplicate_groups": duplicates["group"].n_unique() if duplicates.height else 0,
        "duplicates": duplicates.filter(~pl.col("is_canonical")).height,
        "peak_mb": peak_mb(),
    }


def reference_comparison() -> dict:
    """Clean the same sample both ways; identical output, and the speed ratio."""
    from polars.testing import assert_frame_equal

    from mediaframe.clean.boilerplate import BoilerplateSettings, learn_boilerplate
    from mediaframe.clean.pages import CleaningRules, clean_documents, clean_documents_reference
    from mediaframe.ingest.read import read_corpus

    documents, _, _ = read_corpus([DATA], _settings())
    rules = CleaningRules()
    learned = learn_boilerplate(documents, BoilerplateSettings(), rules.comment_headings)
    sample = documents
    if REFERENCE_SAMPLE is not None and documents.height > REFERENCE_SAMPLE:
        sample = documents.sample(n=REFERENCE_SAMPLE, seed=42).sort("doc_id")
    mark = time.perf_counter()
    fast = clean_documents(sample, rules, boilerplate=learned)
    fast_seconds = time.perf_counter() - mark
    mark = time.perf_counter()
    slow = clean_documents_reference(sample, rules, boilerplate=learned)
    slow_seconds = time.perf_counter() - mark
    for name in fast:
        assert_frame_equal(fast[name], slow[name])
    return {"documents": sample.height, "fast": fast_seconds, "reference": slow_seconds}


def _child(mode: str) -> dict:
    return run_child(__file__, mode)


def run() -> None:
    """Print the figures (``make bench`` calls this)."""
    if not DATA.exists():
        print(f"   skipped: {DATA} is absent (SaudiNewsNet is not shipped with the project)")
        return
    fast = _child("--end-to-end")
    print(
        f"   polars, end to end (ingest + learn boilerplate + clean + duplicates), 1 process: "
        f"{fast['records']:,} records -> {fast['articles']:,} articles in {fast['seconds']:.1f} s "
        f"= {fast['records'] / fast['seconds']:,.0f} articles/s, peak memory {fast['peak_mb']:,.0f} MB"
    )
    print(
        "   " + ", ".join(f"{stage} {seconds:.1f} s" for stage, seconds in fast["timings"].items())
    )
    print(
        f"   ledger: {fast['records']:,} records = {fast['outcomes']:,} outcomes; "
        f"{fast['boilerplate_lines']} boilerplate lines learned; {fast['duplicate_groups']:,} "
        f"duplicate groups ({fast['duplicates']:,} non-canonical copies)"
    )
    compared = _child("--reference")
    n = compared["documents"]
    print(
        f"   clean stage on {n:,} documents, identical tables: polars "
        f"{n / compared['fast']:,.0f} articles/s, per-document Python reference "
        f"{n / compared['reference']:,.0f} articles/s, ratio {compared['reference'] / compared['fast']:.1f}x"
    )


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "workflow"))
    if sys.argv[1:] == ["--end-to-end"]:
        print(json.dumps(end_to_end()))
    elif sys.argv[1:] == ["--reference"]:
        print(json.dumps(reference_comparison()))
    else:
        run()
