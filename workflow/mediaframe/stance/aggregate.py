"""Stance aggregates per actor with cluster-bootstrap 95% intervals.

One long table: for each ``dimension`` (overall, text, thread, outlet, period, topic)
and each actor × group, the number of mentions, distinct articles and distinct
sentences, the mean score with a percentile bootstrap interval, and the share of each
label. ``thread`` splits comment mentions into top-level comments and replies.

Mentions are not independent: mentions of one actor in one article move together,
and a sentence repeated across articles (a sidebar, a recycled paragraph) is one
piece of evidence however often it is printed. So, before anything is counted,
:func:`counted_mentions` keeps one copy of each syndicated story (``count_once``; the
copies' reader comments stay) and one occurrence of each sentence per actor (sentences
compared after folding case, diacritics, digits and punctuation, so near-verbatim
copies count once too); the interval resamples articles, not mentions
(:func:`cluster_bootstrap_interval`); and a cell is "too few" when it rests on fewer
than ``min_articles`` distinct articles or ``min_sentences`` distinct sentences
(``too_few`` is true; it keeps its counts but gets no mean or interval).

Example:
    >>> table = aggregate_stance(scored, doc_topics, AggregateSettings(min_articles=3))
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
    "articles": pl.Int64(),
    "sentences": pl.Int64(),
    "mean_score": pl.Float64(),
    "ci_low": pl.Float64(),
    "ci_high": pl.Float64(),
    "share_negative": pl.Float64(),
    "share_neutral": pl.Float64(),
    "share_positive": pl.Float64(),
    "too_few": pl.Boolean(),
}
DIMENSIONS = ("overall", "text", "thread", "outlet", "period", "topic")


@dataclass(frozen=True)
class AggregateSettings:
    min_articles: int = 3
    min_sentences: int = 3
    bootstrap: int = 1000
    seed: int = 42
    time_bin: str = "1mo"


def bootstrap_interval(scores: np.ndarray, resamples: int, seed: int) -> tuple[float, float]:
    """Percentile bootstrap 95% interval of the mean."""
    rng = np.random.default_rng(seed)
    means = rng.choice(scores, size=(resamples, scores.size), replace=True).mean(axis=1)
    low, high = np.percentile(means, [2.5, 97.5])
    return float(low), float(high)


def cluster_bootstrap_interval(
    values: np.ndarray, clusters: np.ndarray, resamples: int, seed: int
) -> tuple[float, float]:
    """Percentile 95% interval of the mean of ``values``, resampling whole clusters
    (articles) with replacement: each resample's mean is the sum of the drawn clusters'
    sums over the sum of their counts."""
    codes, index = np.unique(clusters, return_inverse=True)
    sums = np.bincount(index, weights=values, minlength=codes.size)
    counts = np.bincount(index, minlength=codes.size).astype(np.float64)
    rng = np.random.default_rng(seed)
    draws = rng.multinomial(codes.size, np.full(codes.size, 1.0 / codes.size), size=resamples)
    means = (draws @ sums) / (draws @ counts)
    low, high = np.percentile(means, [2.5, 97.5])
    return float(low), float(high)


def sentence_fingerprint(column: pl.Expr) -> pl.Expr:
    """A sentence's text with case, Arabic diacritics and tatweel, digits, punctuation and
    spacing folded away: sentences with one fingerprint are copies of one sentence."""
    return (
        column.str.to_lowercase()
        .str.replace_all(r"[\u064B-\u065F\u0670\u0640]", "")
        .str.replace_all(r"[أإآٱ]", "ا")
        .str.replace_all("ى", "ي")
        .str.replace_all("ة", "ه")
        .str.replace_all(r"[\d\u0660-\u0669]+", "0")
        .str.replace_all(r"[^\w]+", " ")
        .str.strip_chars()
    )


def counted_mentions(scored: pl.DataFrame, duplicates: pl.DataFrame | None = None) -> pl.DataFrame:
    """The mentions every stance figure counts, with ``cluster`` (the article) and
    ``sentence_key`` (the sentence's fingerprint) columns added.

    With ``duplicates``, mentions in non-canonical copies of a story are left out. Of
    the mentions of one actor in copies of one sentence (same fingerprint) only those
    in its first occurrence are kept (earliest published, then smallest ``doc_id``), so
    a sentence printed in five articles counts once. Without ``sentence_text`` every
    row is its own sentence.
    """
    if duplicates is not None:
        scored = without_copies(scored, duplicates)
    if "sentence_text" in scored.columns:
        key = sentence_fingerprint(pl.col("sentence_text"))
    else:
        key = pl.int_range(pl.len()).cast(pl.String)
    position = [c for c in ("doc_id", "kind", "comment", "sentence") if c in scored.columns]
    occurrence = pl.struct(position)
    return (
        scored.with_columns(key.alias("sentence_key"), pl.col("doc_id").alias("cluster"))
        .with_row_index("_row")
        .sort("published", *position, "_row", nulls_last=True)
        .filter(occurrence == occurrence.first().over("actor", "sentence_key"))
        .sort("_row")
        .drop("_row")
    )


def group_seed(seed: int, *key: str) -> int:
    """A seed per group (``key``) derived from ``seed``, so each cell's resampling is the
    same whatever other cells the table has."""
    digest = hashlib.blake2b("\x1f".join(key).encode("utf-8"), digest_size=8).digest()
    return seed ^ int.from_bytes(digest, "big")


def with_groups(
    scored: pl.DataFrame,
    doc_topics: pl.DataFrame,
    time_bin: str,
    comments: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Add the grouping columns each dimension aggregates over; ``thread`` (top-level
    comment or reply, from the comments table's ``depth``) only for comment mentions."""
    if comments is None:
        scored = scored.with_columns(pl.lit(None, pl.Int64).alias("depth"))
    else:
        depth = comments.select("doc_id", pl.col("position").alias("comment"), "depth")
        scored = scored.join(depth, on=["doc_id", "comment"], how="left")
    return scored.join(doc_topics.select("doc_id", "topic"), on="doc_id", how="left").with_columns(
        pl.lit("all").alias("overall"),
        pl.when(pl.col("kind") == "comment")
        .then(pl.lit("comment"))
        .otherwise(pl.lit("article"))
        .alias("text"),
        pl.when((pl.col("kind") == "comment") & (pl.col("depth") == 0))
        .then(pl.lit("top-level comment"))
        .when((pl.col("kind") == "comment") & (pl.col("depth") > 0))
        .then(pl.lit("reply"))
        .alias("thread"),
        pl.col("published").dt.truncate(time_bin).cast(pl.String).alias("period"),
        pl.col("topic").cast(pl.String).alias("topic"),
    )


def aggregate_stance(
    scored: pl.DataFrame,
    doc_topics: pl.DataFrame,
    settings: AggregateSettings,
    duplicates: pl.DataFrame | None = None,
    comments: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Aggregate scored mentions along every dimension (rows with a null group are skipped).

    With ``duplicates`` (see :mod:`mediaframe.clean.duplicates`), mentions in non-canonical
    copies of a story are left out, so a syndicated article counts once (their reader
    comments stay); repeated sentences count once either way (see
    :func:`counted_mentions`). With ``comments`` (the clean stage's comments table),
    comment mentions are also grouped by thread: top-level comments versus replies.
    """
    grouped = with_groups(
        counted_mentions(scored, duplicates), doc_topics, settings.time_bin, comments
    )
    rows = []
    for dimension in DIMENSIONS:
        cells = (
            grouped.filter(pl.col(dimension).is_not_null())
            .group_by("actor", dimension)
            .agg(pl.col("score"), pl.col("label"), pl.col("cluster"), pl.col("sentence_key"))
            .sort("actor", dimension)
        )
        for actor, group, scores, labels, clusters, sentences in cells.iter_rows():
            values = np.asarray(scores, dtype=np.float64)
            count = values.size
            articles, distinct = len(set(clusters)), len(set(sentences))
            too_few = articles < settings.min_articles or distinct < settings.min_sentences
            low = high = mean = None
            if not too_few:
                mean = float(values.mean())
                low, high = cluster_bootstrap_interval(
                    values,
                    np.asarray(clusters),
                    settings.bootstrap,
                    group_seed(settings.seed, dimension, actor, group),
                )
            rows.append(
                {
                    "dimension": dimension,
                    "actor": actor,
                    "group": group,
                    "mentions": count,
                    "articles": articles,
                    "sentences": distinct,
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
