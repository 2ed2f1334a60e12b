"""How well topics recover newspaper sections: NMI and ARI on a section-labelled stand-in.

The stand-in is built from SaudiNewsNet: al-Watan's URLs encode the section an article
ran in (``alwatan.com.sa/Politics/News_Detail.aspx?...``). Its topical news sections
(Local, Nation, Politics, Economy, Sports, Culture) are the gold labels; opinion columns
(``Articles``), reader journalism, discussion and dialogue pages are genres, not
subjects, and are left out. Articles are embedded as the pipeline does by default (USE,
title + first 2,000 characters) and fitted with :func:`mediaframe.topics.model.fit_topics`.

For each setting it prints normalised mutual information and the adjusted Rand index of
topics against sections, twice: with HDBSCAN's outliers counted as one cluster of their
own (before reduction) and after ``reduce_outliers`` assigned them. "before" is the
settings main shipped (``min_topic_size: 10``); "default" is today's default, whose
``min_topic_size`` follows the corpus size (:func:`mediaframe.topics.model.default_min_topic_size`).
This stand-in is the only tuning set; the held-out check runs on another corpus.
Skips with a message when the data set is absent.

Run by hand: ``python bench/topic_sections.py`` (or ``make bench``).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "saudinewsnet" / "saudinewsnet.jsonl.gz"
THREADS = 2
OUTLET = "alwatan"
SECTIONS = ("Local", "Nation", "Politics", "Economy", "Sports", "Culture")
SETTINGS = {
    "before (main: min_topic_size 10, min_samples = min_topic_size)": {
        "min_topic_size": 10,
        "min_samples": 10,
    },
    "default (both by corpus size)": {},
    "default, nr_topics 6": {"nr_topics": 6},
}


def load_standin():
    """al-Watan's articles of the topical sections, with the section as ``section``."""
    import polars as pl

    from topics_bench import load_articles

    return (
        load_articles("url")
        .filter(pl.col("outlet") == OUTLET)
        .with_columns(pl.col("url").str.extract(r"alwatan\.com\.sa/([^/]+)/").alias("section"))
        .filter(pl.col("section").is_in(SECTIONS))
        .drop("url")
        .sort("doc_id")
    )


def agreement(sections, topics) -> tuple[float, float]:
    """NMI (arithmetic mean normalisation) and ARI of a topic assignment against sections."""
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    return normalized_mutual_info_score(sections, topics), adjusted_rand_score(sections, topics)


def evaluate(articles, vectors, overrides: dict) -> dict:
    """Fit with ``overrides`` on top of the defaults; NMI/ARI before and after outliers."""
    from mediaframe.topics.model import TopicSettings, fit_topics

    settings = TopicSettings(**({"stability": {"enabled": False}} | overrides))
    start = time.perf_counter()
    fit = fit_topics(articles.drop("section"), vectors, settings, threads=THREADS)
    seconds = time.perf_counter() - start
    gold = articles.select("doc_id", "section").join(fit.doc_topics, on="doc_id")
    summary = fit.summary.to_dicts()[0]
    return {
        "topics": summary["topics"],
        "min_topic_size": summary.get("min_topic_size"),
        "min_samples": summary.get("min_samples"),
        "outliers": summary["outlier_share_before"],
        "own": agreement(gold["section"], gold["topic_before_outliers"]),
        "assigned": agreement(gold["section"], gold["topic"]),
        "seconds": seconds,
    }


def run(settings: dict[str, dict] | None = None) -> None:
    if not DATA.exists():
        print(f"skipped: {DATA} not found (the shared SaudiNewsNet data set)")
        return
    sys.path.insert(0, str(ROOT / "workflow"))
    from mediaframe.io import limit_threads

    limit_threads(THREADS)
    from mediaframe.embed import get_embedder
    from mediaframe.embed.cache import embed_articles, vectors_of

    articles = load_standin()
    counts = articles.group_by("section").len().sort("section").rows()
    print(
        f"stand-in: {articles.height:,} {OUTLET} articles in {len(counts)} URL sections "
        f"({', '.join(f'{s} {n}' for s, n in counts)})"
    )
    cache = os.environ.get("MEDIAFRAME_BENCH_CACHE")
    with tempfile.TemporaryDirectory(prefix="topic-sections-") as scratch:
        embedder = get_embedder({"backend": "use", "threads": THREADS})
        frame, _ = embed_articles(articles, embedder, Path(cache or scratch), max_chars=2000)
        vectors = vectors_of(frame)
    import numpy as np

    half = np.sort(np.random.default_rng(0).choice(articles.height, articles.height // 2, False))
    corpora = ((articles, vectors), (articles[half], vectors[half]))
    for name, overrides in (settings or SETTINGS).items():
        for part, part_vectors in corpora:
            r = evaluate(part, part_vectors, overrides)
            print(
                f"{name}, {part.height:,} articles: {r['topics']} topics (min_topic_size "
                f"{r['min_topic_size']}, min_samples {r['min_samples']}), {r['outliers']:.1%} "
                f"outliers; outliers as their own cluster NMI {r['own'][0]:.3f} ARI "
                f"{r['own'][1]:.3f}; outliers assigned NMI {r['assigned'][0]:.3f} ARI "
                f"{r['assigned'][1]:.3f} ({r['seconds']:.0f} s)",
                flush=True,
            )


if __name__ == "__main__":
    run()
