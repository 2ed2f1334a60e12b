"""Embedding + topics on all of SaudiNewsNet (31,030 Arabic articles), at corpus scale.

Prints, for a first run with an empty embedding cache (embedding included) and for a
rerun after changing only topic parameters (vectors served from the cache): seconds per
step, the total, and peak memory. Each run is a fresh child process, so its peak
resident memory is its own. Then the quality figures of the first fit (topics, outlier
share before/after reduction, stability ARI, NPMI, diversity). Targets on 2 cores:
first run within 15 minutes, rerun within 2 minutes, peak memory under 4 GB.
Skips with a message when the data set is absent.

Run by hand: ``python bench/topics_bench.py`` (or ``make bench``).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "saudinewsnet" / "saudinewsnet.jsonl.gz"
THREADS = 2
FIRST = {"min_topic_size": 50}
RERUN = {"min_topic_size": 80, "nr_topics": 40}  # a researcher's second try


def load_articles(*extra: str):
    """SaudiNewsNet as the articles table the topics step reads (title + content), plus
    the ``extra`` fields of the records as they are (e.g. ``url``)."""
    import polars as pl

    return (
        pl.read_ndjson(DATA)
        .with_row_index("row")
        .select(
            pl.format("snn-{}", pl.col("row").cast(pl.String).str.zfill(5)).alias("doc_id"),
            pl.col("title"),
            pl.col("content").alias("text"),
            pl.col("source").alias("outlet"),
            pl.col("date_extracted").str.slice(0, 10).str.to_date(strict=False).alias("published"),
            *extra,
        )
    )


def child(cache_dir: str, overrides: dict) -> None:
    """One run in this process: embed (through the cache), fit, print JSON figures."""
    sys.path.insert(0, str(ROOT / "workflow"))
    from mediaframe.io import limit_threads

    limit_threads(THREADS)
    import polars as pl

    from mediaframe.embed import get_embedder
    from mediaframe.embed.cache import embed_articles, vectors_of
    from mediaframe.topics.model import TopicSettings, fit_corpus_topics

    timings = {}
    start = time.perf_counter()
    articles = load_articles()
    timings["read"] = time.perf_counter() - start
    mark = time.perf_counter()
    embedder = get_embedder({"backend": "use", "threads": THREADS})
    frame, computed = embed_articles(articles, embedder, Path(cache_dir), max_chars=2000)
    vectors = vectors_of(frame)
    timings["embed"] = time.perf_counter() - mark
    mark = time.perf_counter()
    no_duplicates = pl.DataFrame(
        schema={"doc_id": pl.String, "group": pl.String, "is_canonical": pl.Boolean}
    )
    fit = fit_corpus_topics(
        articles.sort("doc_id"),
        vectors,
        no_duplicates,
        TopicSettings(**overrides),
        threads=THREADS,
        cache_dir=Path(cache_dir) / "topic_terms",
    )
    timings["topics"] = time.perf_counter() - mark
    timings.update({f"topics: {k}": v for k, v in fit.timings.items()})
    timings["total"] = time.perf_counter() - start
    peak_gb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
    print(
        json.dumps(
            {
                "articles": articles.height,
                "embedded": computed,
                "timings": timings,
                "peak_gb": peak_gb,
                "summary": fit.summary.to_dicts()[0],
            },
            default=str,
        )
    )


def _run_child(cache_dir: str, overrides: dict) -> dict:
    result = subprocess.run(
        [sys.executable, __file__, "--child", cache_dir, json.dumps(overrides)],
        capture_output=True,
        text=True,
        check=False,
        env=dict(os.environ, PYTHONWARNINGS="ignore"),
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-3000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def _print(name: str, figures: dict, target_s: float) -> None:
    t = figures["timings"]
    steps = ", ".join(f"{k} {v:.1f} s" for k, v in t.items() if k != "total")
    print(
        f"{name}: {figures['articles']:,} articles, {figures['embedded']:,} embedded; "
        f"total {t['total']:.1f} s (target {target_s:.0f} s); peak memory "
        f"{figures['peak_gb']:.2f} GB (target 4 GB)\n   {steps}"
    )


def run() -> None:
    if not DATA.exists():
        print(f"skipped: {DATA} not found (the shared SaudiNewsNet data set)")
        return
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="topics-bench-") as cache:
        first = _run_child(cache, FIRST)
        _print(f"first run {FIRST} (empty cache)", first, 15 * 60)
        rerun = _run_child(cache, RERUN)
        _print(f"rerun {RERUN} (cached vectors)", rerun, 120)
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    for name, figures in (("first", first), ("rerun", rerun)):
        s = figures["summary"]
        print(
            f"quality ({name}): {s['topics']} topics; outliers {s['outlier_share_before']:.1%} "
            f"before, {s['outlier_share']:.1%} after '{s['outlier_strategy']}' reduction; "
            f"stability ARI {s['stability_ari']:.3f} (seeds {s['seeds']}, "
            f"{s['stability_documents']:,} articles); NPMI {s['npmi']:.3f}; "
            f"diversity {s['diversity']:.3f}"
        )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], json.loads(sys.argv[3]))
    else:
        run()
