"""Throughput of the per-document library stages on copies of the seed article."""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "workflow"))


def run() -> None:
    """Clean + actor matching + stance on the seed article, repeated for a stable figure."""
    import polars as pl
    import yaml

    from mediaframe.actors.matching import find_mentions, matcher_from_config
    from mediaframe.clean.pages import CleaningRules, clean_documents
    from mediaframe.stance import get_scorer

    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    text = next((ROOT / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    repeats = 300
    docs = pl.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(repeats)],
            "source": ["seed"] * repeats,
            "record": list(range(repeats)),
            "outlet": ["orient"] * repeats,
            "published": [None] * repeats,
            "url": [None] * repeats,
            "language": [None] * repeats,
            "title": [None] * repeats,
            "text": [text] * repeats,
        },
        schema_overrides={
            "published": pl.Date,
            "url": pl.String,
            "language": pl.String,
            "title": pl.String,
        },
    )
    start = time.perf_counter()
    tables = clean_documents(docs, CleaningRules())
    cleaned = time.perf_counter()
    matcher = matcher_from_config(config["actors"])
    mentions = find_mentions(tables["sentences"], matcher)
    matched = time.perf_counter()
    get_scorer({"scorer": "lexicon"}).score(mentions)
    scored = time.perf_counter()
    sentences = tables["sentences"].height
    print(f"clean: {repeats / (cleaned - start):,.0f} seed-size articles/s")
    print(
        f"actor matching: {sentences / (matched - cleaned):,.0f} sentences/s ({sentences:,} sentences)"
    )
    print(
        f"lexicon stance: {mentions.height / (scored - matched):,.0f} mentions/s ({mentions.height:,} mentions)"
    )
