"""Stance aggregates per actor with bootstrap 95% intervals.

One long table: for each ``dimension`` (overall, text, outlet, period, topic) and
each actor × group, the number of mentions, the mean score with a percentile
bootstrap interval, and the share of each label. Cells with fewer mentions than
``min_mentions`` keep their count but get no mean or interval (``too_few`` is true),
so a report never shows a number resting on one or two mentions.

Example:
    >>> table = aggregate_stance(scored, doc_topics, AggregateSettings(min_mentions=3))
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
import polars as pl

from mediaframe.clean.duplicates import without_copies

AGGREGATE_SCHEMA: dict[str, pl.DataType] = {
    "dimension": pl.String(),
    "actor": pl.String(),
    "group": pl.String(),
    "mentions": pl.Int64(),
    "mean_score": pl.Float64(),
    "ci_low": pl.Float64(),
    "ci_high": pl.Float64(),
    "share_negative": pl.Float64(),
    "share_neutral": pl.Float64(),
    "share_positive": pl.Float64(),
    "too_few": pl.Boolean(),
}
DIMENSIONS = ("overall", "text", "outlet", "period", "topic")


@dataclass(frozen=True)
class AggregateSettings:
    min_mentions: int = 3
    bootstrap: int = 1000
    seed: int = 42
    time_bin: str = "1mo"


def bootstrap_interval(scores: np.ndarray, resamples: int, seed: int) -> tuple[float, float]:
    """Percentile bootstrap 95% interval of the mean."""
    rng = np.random.default_rng(seed)
    means = rng.choice(scores, size=(resamples, scores.size), replace=True).mean(axis=1)
    low, high = np.percentile(means, [2.5, 97.5])
    return float(low), float(high)


def _group_seed(seed: int, *key: str) -> int:
    digest = hashlib.blake2b("\x1f".join(key).encode("utf-8"), digest_size=8).digest()
    return seed ^ int.from_bytes(digest, "big")


def with_groups(scored: pl.DataFrame, doc_topics: pl.DataFrame, time_bin: str) -> pl.DataFrame:
    """Add the grouping columns each dimension aggregates over."""
    return scored.join(doc_topics.select("doc_id", "topic"), on="doc_id", how="left").with_columns(
        pl.lit("all").alias("overall"),
        pl.when(pl.col("kind") == "comment")
        .then(pl.lit("comment"))
        .otherwise(pl.lit("article"))
        .alias("text"),
        pl.col("published").dt.truncate(time_bin).cast(pl.String).alias("period"),
        pl.col("topic").cast(pl.String).alias("topic"),
    )


def aggregate_stance(
    scored: pl.DataFrame,
    doc_topics: pl.DataFrame,
    settings: AggregateSettings,
    duplicates: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Aggregate scored mentions along every dimension (rows with a null group are skipped).

    With ``duplicates`` (see :mod:`mediaframe.clean.duplicates`), mentions in non-canonical
    copies of a story are left out, so a syndicated article counts once.
    """
    if duplicates is not None:
        scored = without_copies(scored, duplicates)
    grouped = with_groups(scored, doc_topics, settings.time_bin)
    rows = []
    for dimension in DIMENSIONS:
        cells = (
            grouped.filter(pl.col(dimension).is_not_null())
            .group_by("actor", dimension)
            .agg(pl.col("score"), pl.col("label"))
            .sort("actor", dimension)
        )
        for actor, group, scores, labels in cells.iter_rows():
            values = np.asarray(scores, dtype=np.float64)
            count = values.size
            too_few = count < settings.min_mentions
            low = high = mean = None
            if not too_few:
                mean = float(values.mean())
                low, high = bootstrap_interval(
                    values, settings.bootstrap, _group_seed(settings.seed, dimension, actor, group)
                )
            rows.append(
                {
                    "dimension": dimension,
                    "actor": actor,
                    "group": group,
                    "mentions": count,
                    "mean_score": mean,
                    "ci_low": low,
                    "ci_high": high,
                    "share_negative": labels.count("negative") / count,
                    "share_neutral": labels.count("neutral") / count,
                    "share_positive": labels.count("positive") / count,
                    "too_few": too_few,
                }
            )
    order = {d: i for i, d in enumerate(DIMENSIONS)}
    return (
        pl.DataFrame(rows, schema=AGGREGATE_SCHEMA)
        .with_columns(
            pl.col("dimension").replace_strict(order, return_dtype=pl.Int64).alias("_order")
        )
        .sort("_order", "actor", "group")
        .drop("_order")
    )
