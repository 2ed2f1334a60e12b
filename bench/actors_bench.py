"""Actor matching and default stance scoring on SaudiNewsNet.

1. Builds the sentences of all SaudiNewsNet articles with the pipeline's own ingest
   and clean (not timed) into a temporary folder.
2. Matching: every sentence through the configured actors (``config.yaml``);
   prints sentences per second and peak memory (target >= 5,000 sentences/s).
3. Scoring: the default stance scorer on a seeded sample of the mentions found
   (articles that mention configured actors), with an empty embedding cache so every
   context is embedded; prints mentions per second, the share of mentions its second
   reading (e5-small) decided, peak memory, and the time that rate gives for every
   mention the registry finds in SaudiNewsNet (target: >= 100 mentions/s for the
   default setting). Then the same with the second reading off
   (``second_reading_below: 0``), its fastest setting.

Each step runs in its own process. Skips with a message when the data set is absent.
Run by hand: ``python bench/actors_bench.py``.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from child import peak_mb, run_child

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "saudinewsnet" / "saudinewsnet.jsonl.gz"
SCORED_SAMPLE = 4000


def build_sentences(folder: Path) -> dict:
    from clean_bench import _settings
    from mediaframe.clean.pages import CleaningRules, clean_documents
    from mediaframe.ingest.read import read_corpus

    documents, _, _ = read_corpus([DATA], _settings())
    sentences = clean_documents(documents, CleaningRules())["sentences"]
    sentences.write_parquet(folder / "sentences.parquet")
    return {"articles": documents.height, "sentences": sentences.height}


def matching(folder: Path) -> dict:
    import polars as pl
    import yaml

    from mediaframe.actors.matching import find_mentions, matcher_from_config

    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    sentences = pl.read_parquet(folder / "sentences.parquet")
    start = time.perf_counter()
    matcher = matcher_from_config(config["actors"])
    mentions = find_mentions(sentences, matcher)
    seconds = time.perf_counter() - start
    mentions.write_parquet(folder / "mentions.parquet")
    return {
        "sentences": sentences.height,
        "mentions": mentions.height,
        "articles_with_mentions": mentions["doc_id"].n_unique(),
        "seconds": seconds,
        "peak_mb": peak_mb(),
    }


def scoring(folder: Path, second_below: float | None = None) -> dict:
    import polars as pl

    from mediaframe.io import limit_threads
    from mediaframe.stance import get_scorer

    limit_threads(2)
    mentions = pl.read_parquet(folder / "mentions.parquet")
    sample = mentions.sample(n=min(SCORED_SAMPLE, mentions.height), seed=42).sort(
        "doc_id", "sentence", "start"
    )
    cache = folder / f"cache-{second_below}"
    scorer = get_scorer(
        {
            "scorer": "embedding",
            "threads": 2,
            "embedding": {"cache_dir": str(cache), "second_reading_below": second_below},
        }
    )
    start = time.perf_counter()
    scored = scorer.score(sample)
    seconds = time.perf_counter() - start
    return {
        "mentions": scored.height,
        "read_twice": scored["evidence"].str.contains("second reading").mean(),
        "seconds": seconds,
        "labels": scored["label"].value_counts().sort("label").rows(),
        "peak_mb": peak_mb(),
    }


def run() -> None:
    """Print the figures (``make bench`` calls this)."""
    if not DATA.exists():
        print(f"   skipped: {DATA} is absent (SaudiNewsNet is not shipped with the project)")
        return
    with tempfile.TemporaryDirectory() as folder:
        built = run_child(__file__, "--build", folder)
        matched = run_child(__file__, "--matching", folder)
        print(
            f"   actor matching: {matched['sentences']:,} sentences of {built['articles']:,} articles in "
            f"{matched['seconds']:.1f} s = {matched['sentences'] / matched['seconds']:,.0f} sentences/s, "
            f"{matched['mentions']:,} mentions in {matched['articles_with_mentions']:,} articles, "
            f"peak memory {matched['peak_mb']:,.0f} MB"
        )
        for step, name in (
            ("--scoring", "default stance scoring"),
            ("--scoring-fast", "stance scoring, second reading off"),
        ):
            scored = run_child(__file__, step, folder)
            print(
                f"   {name} (embedding head, empty cache): {scored['mentions']:,} mentions in "
                f"{scored['seconds']:.1f} s = {scored['mentions'] / scored['seconds']:,.0f} mentions/s, "
                f"{scored['read_twice']:.0%} read twice, peak memory {scored['peak_mb']:,.0f} MB; "
                f"labels {scored['labels']}; at this rate all {matched['mentions']:,} mentions: "
                f"{matched['mentions'] / (scored['mentions'] / scored['seconds']) / 60:.1f} min"
            )


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "workflow"))
    steps = {
        "--build": build_sentences,
        "--matching": matching,
        "--scoring": scoring,
        "--scoring-fast": lambda folder: scoring(folder, second_below=0.0),
    }
    if len(sys.argv) == 3 and sys.argv[1] in steps:
        print(json.dumps(steps[sys.argv[1]](Path(sys.argv[2]))))
    else:
        run()
