"""Adaptation of the stance head: cross-validated agreement before and after.

Coded units stand in for a researcher's coding sheet: NewsMTSC ``dev_rw.jsonl`` (English
news, never used to train or tune the shipped head) and 300 units of ArabicStanceX's
held-out 20% (Arabic tweets). For each, the shipped head's macro-F1 on the units
(before) and the out-of-fold macro-F1 of heads adapted on the other folds (after), as
``validate_stance`` reports them, with the default ``validation.adaptation`` settings.
The sentence is the cluster (NewsMTSC targets in one sentence share a fold).

    python bench/run.py adapt_bench
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import polars as pl

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT / "workflow"))

from mediaframe.embed import get_embedder  # noqa: E402
from mediaframe.stance.datasets import (  # noqa: E402
    holdout_split,
    read_arabicstancex,
    read_newsmtsc,
)
from mediaframe.stance.embedding import (  # noqa: E402
    EmbeddingScorer,
    StanceHead,
    default_head_path,
    mention_features,
    text_language,
)
from mediaframe.validation.adapt import AdaptSettings, Features, adapt_head  # noqa: E402

CACHE = ROOT / "results" / "cache" / "embeddings"
THREADS = 2


def measure(name: str, units: pl.DataFrame) -> None:
    base = StanceHead.load(default_head_path())
    started = time.perf_counter()

    def embed(reading):
        embedder = get_embedder(reading.embedder | {"threads": THREADS})
        return mention_features(units, reading.views, embedder, CACHE)

    features = Features(first=embed(base.first), second=embed(base.second))

    def predict(head: StanceHead, rows: np.ndarray) -> np.ndarray:
        return EmbeddingScorer(head, THREADS, CACHE).probabilities(units[rows])[1]

    result = adapt_head(
        base,
        units["doc_id"].to_numpy().astype(str),
        units["gold"].to_numpy().astype(str),
        units["sentence_text"].to_numpy().astype(str),
        np.array([text_language(t) for t in units["sentence_text"]], dtype=str),
        features,
        predict,
        AdaptSettings(),
    )
    row = result.summary.row(0, named=True)
    print(
        f"   {name}: {row['units']} coded units, {row['folds']} folds; macro-F1 before "
        f"{row['macro_f1_before']:.3f}, after {row['macro_f1_after']:.3f} (accuracy "
        f"{row['accuracy_before']:.3f} -> {row['accuracy_after']:.3f}); "
        f"{time.perf_counter() - started:.1f} s"
    )
    for language, note in sorted(result.notes.items()):
        print(f"     {language}: {note}")


def run() -> None:
    if not (DATA / "newsmtsc" / "dev_rw.jsonl").exists():
        print("   skipped: ../shared/data/newsmtsc is absent")
        return
    measure("NewsMTSC dev_rw (English news)", read_newsmtsc(DATA / "newsmtsc" / "dev_rw.jsonl"))
    arabic = DATA / "arabicstancex" / "train.jsonl"
    if arabic.exists():
        _, held_out = holdout_split(read_arabicstancex(arabic))
        sample = held_out.sample(n=min(300, held_out.height), seed=42).sort("doc_id")
        measure("ArabicStanceX held-out sample (Arabic tweets)", sample)


if __name__ == "__main__":
    run()
