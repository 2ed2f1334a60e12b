"""How well topics recover newspaper sections: NMI and ARI on two section-labelled stand-ins.

Both stand-ins are built from SaudiNewsNet, from outlets whose URLs encode the section
an article ran in; opinion columns, reader pages and pages without a section are genres
or unknowns, not subjects, and are left out:

- ``alwatan``: al-Watan (``alwatan.com.sa/Politics/News_Detail.aspx?...``), sections
  Local, Nation, Politics, Economy, Sports, Culture (1,604 articles);
- ``3alyoum``: 3alyoum (``3alyoum.com/news/pol/a/...``, ``/finance/a/``, ``/sports/a/``),
  sections Local (with its regions), Politics, World, Economy, Sports, Culture,
  Technology.

Articles are embedded as the pipeline does (``embed`` settings of the variant; the
default is USE over the title + the first 2,000 characters) and fitted with
:func:`mediaframe.topics.model.fit_topics` at several seeds (UMAP's ``random_state``).
For each setting and stand-in it prints normalised mutual information and the adjusted
Rand index of topics against sections, mean and standard deviation over the seeds,
twice: with HDBSCAN's outliers counted as one cluster of their own (before reduction)
and after the outliers were assigned, for the settings main had before issue 14, the
default before this bench (outliers assigned by embeddings) and today's default. Neither
stand-in is the held-out check, which runs on another corpus. Skips with a message when
the data set is absent.

Run by hand: ``python bench/topic_sections.py`` (or ``make bench``);
``python bench/topic_sections.py --sweep`` runs every candidate setting (slow).
``MEDIAFRAME_BENCH_CACHE=folder`` keeps the vectors between runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "saudinewsnet" / "saudinewsnet.jsonl.gz"
THREADS = 2
SEEDS = (42, 43, 44)
# stand-in -> (outlet, regular expression whose group is the URL section, section names)
STANDINS = {
    "alwatan": (
        "alwatan",
        r"alwatan\.com\.sa/([^/]+)/",
        {s: s for s in ("Local", "Nation", "Politics", "Economy", "Sports", "Culture")},
    ),
    "3alyoum": (
        "3alyoum",
        r"3alyoum\.com/((?:news/)?[^/]+)/",
        {
            "news/local": "Local",
            "news/regions": "Local",
            "news/pol": "Politics",
            "news/golobal": "World",
            "finance": "Economy",
            "sports": "Sports",
            "culture": "Culture",
            "technology": "Technology",
        },
    ),
}
DEFAULT_EMBED = {"backend": "use", "mode": "first_chars", "max_chars": 2000}
# name -> (embed settings over DEFAULT_EMBED, topic settings over the defaults)
SETTINGS: dict[str, tuple[dict, dict]] = {
    "main before issue 14 (min_topic_size 10, min_samples 10)": (
        {},
        {
            "min_topic_size": 10,
            "min_samples": 10,
            "outliers": {"strategy": "embeddings", "threshold": 0.0},
        },
    ),
    "default until this bench (outliers by embeddings)": (
        {},
        {"outliers": {"strategy": "embeddings", "threshold": 0.0}},
    ),
    "default (outliers by c-TF-IDF)": ({}, {}),
}
SWEEP: dict[str, tuple[dict, dict]] = {
    **SETTINGS,
    "min_samples 1": ({}, {"min_samples": 1}),
    "min_samples 2": ({}, {"min_samples": 2}),
    "leaf": ({}, {"cluster_selection": "leaf"}),
    "umap_neighbors 30": ({}, {"umap_neighbors": 30}),
    "umap_neighbors 50": ({}, {"umap_neighbors": 50}),
    "umap_components 10": ({}, {"umap_components": 10}),
    "min_topic_size 1%": ({}, {"min_topic_size_share": 0.01}),
    "min_topic_size 3%": ({}, {"min_topic_size_share": 0.03}),
    "min_topic_size 5%": ({}, {"min_topic_size_share": 0.05}),
    "outliers distributions": ({}, {"outliers": {"strategy": "distributions", "threshold": 0.0}}),
    "embed title + lead 400": ({"mode": "title_lead"}, {}),
    "embed title + 1,000 chars": ({"max_chars": 1000}, {}),
    "embed chunks (whole text)": ({"mode": "chunks"}, {}),
    "embed e5-small title + lead 400": ({"backend": "e5-small", "mode": "title_lead"}, {}),
}


def load_standin(name: str):
    """A stand-in's articles, with its section as ``section``, sorted by doc_id."""
    import polars as pl

    from topics_bench import load_articles

    outlet, pattern, sections = STANDINS[name]
    return (
        load_articles("url")
        .filter(pl.col("outlet") == outlet)
        .with_columns(
            pl.col("url")
            .str.extract(pattern)
            .replace_strict(sections, default=None, return_dtype=pl.String)
            .alias("section")
        )
        .filter(pl.col("section").is_not_null())
        .drop("url")
        .sort("doc_id")
    )


def standin_vectors(articles, embed: dict, cache: Path):
    """One vector per article, through the embedding cache (pipeline's embed code)."""
    from mediaframe.embed import get_embedder
    from mediaframe.embed.cache import embed_articles, vectors_of
    from mediaframe.embed.texts import EmbedTextSettings

    settings = DEFAULT_EMBED | embed
    embedder = get_embedder({"backend": settings["backend"], "threads": THREADS})
    text = EmbedTextSettings.from_config(settings)
    frame, _ = embed_articles(articles, embedder, cache, text=text)
    return vectors_of(frame)


def agreement(sections, topics) -> tuple[float, float]:
    """NMI (arithmetic mean normalisation) and ARI of a topic assignment against sections."""
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    return normalized_mutual_info_score(sections, topics), adjusted_rand_score(sections, topics)


def evaluate(articles, vectors, overrides: dict, seed: int, terms_cache: Path) -> dict:
    """Fit with ``overrides`` on top of the defaults; NMI/ARI before and after outliers."""
    from mediaframe.topics.model import MIN_TOPIC_SIZE_RANGE, TopicSettings, fit_topics

    overrides = dict(overrides)
    share = overrides.pop("min_topic_size_share", None)
    if share is not None:  # the size rule with another share of the articles
        low, high = MIN_TOPIC_SIZE_RANGE
        overrides["min_topic_size"] = int(min(high, max(low, round(articles.height * share))))
    settings = TopicSettings(**({"stability": {"enabled": False}, "seed": seed} | overrides))
    start = time.perf_counter()
    fit = fit_topics(
        articles.drop("section"), vectors, settings, threads=THREADS, cache_dir=terms_cache
    )
    seconds = time.perf_counter() - start
    gold = articles.select("doc_id", "section").join(fit.doc_topics, on="doc_id")
    summary = fit.summary.to_dicts()[0]
    return {
        "topics": summary["topics"],
        "min_topic_size": summary.get("min_topic_size"),
        "min_samples": summary.get("min_samples"),
        "outliers": summary["outlier_share_before"],
        "outliers_after": summary["outlier_share"],
        "own": agreement(gold["section"], gold["topic_before_outliers"]),
        "assigned": agreement(gold["section"], gold["topic"]),
        "seconds": seconds,
    }


def _spread(values: list[float]) -> str:
    mean = statistics.fmean(values)
    sd = statistics.stdev(values) if len(values) > 1 else 0.0
    return f"{mean:.3f} ± {sd:.3f}"


def run(
    settings: dict[str, tuple[dict, dict]] | None = None,
    standins: tuple[str, ...] = tuple(STANDINS),
    seeds: tuple[int, ...] = SEEDS,
) -> None:
    if not DATA.exists():
        print(f"skipped: {DATA} not found (the shared SaudiNewsNet data set)")
        return
    sys.path.insert(0, str(ROOT / "workflow"))
    from mediaframe.io import limit_threads

    limit_threads(THREADS)
    corpora = {name: load_standin(name) for name in standins}
    for name, articles in corpora.items():
        counts = articles.group_by("section").len().sort("section").rows()
        print(
            f"stand-in {name}: {articles.height:,} articles in {len(counts)} URL sections "
            f"({', '.join(f'{s} {n}' for s, n in counts)})"
        )
    print(
        f"NMI and ARI against sections, mean ± sd over seeds {', '.join(map(str, seeds))}; "
        "outliers as their own cluster -> after assignment"
    )
    cached = os.environ.get("MEDIAFRAME_BENCH_CACHE")
    with tempfile.TemporaryDirectory(prefix="topic-sections-") as scratch:
        cache = Path(cached or scratch)
        for label, (embed, overrides) in (settings or SETTINGS).items():
            for name, articles in corpora.items():
                vectors = standin_vectors(articles, embed, cache / "embeddings")
                runs = [
                    evaluate(articles, vectors, overrides, seed, cache / "terms") for seed in seeds
                ]
                first = runs[0]
                print(
                    f"{label} | {name} {articles.height:,} | topics "
                    f"{'/'.join(str(r['topics']) for r in runs)} (min_topic_size "
                    f"{first['min_topic_size']}, min_samples {first['min_samples']}) | outliers "
                    f"{statistics.fmean(r['outliers'] for r in runs):.1%} -> "
                    f"{statistics.fmean(r['outliers_after'] for r in runs):.1%} | NMI "
                    f"{_spread([r['own'][0] for r in runs])} -> "
                    f"{_spread([r['assigned'][0] for r in runs])} | ARI "
                    f"{_spread([r['own'][1] for r in runs])} -> "
                    f"{_spread([r['assigned'][1] for r in runs])} | "
                    f"{statistics.fmean(r['seconds'] for r in runs):.0f} s a fit",
                    flush=True,
                )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sweep", action="store_true", help="every candidate setting")
    parser.add_argument("--only", nargs="*", help="settings whose name contains one of these")
    parser.add_argument("--standins", nargs="*", default=list(STANDINS))
    parser.add_argument("--seeds", nargs="*", type=int, default=list(SEEDS))
    args = parser.parse_args()
    chosen = SWEEP if args.sweep or args.only else SETTINGS
    if args.only:
        chosen = {k: v for k, v in chosen.items() if any(o in k for o in args.only)}
    run(chosen, tuple(args.standins), tuple(args.seeds))
