"""Boilerplate learned from the corpus: lines that recur across an outlet's documents.

Menus, "الأكثر قراءة", "اقرأ أيضاً", share and subscribe lines and copyright footers
repeat on every page of an outlet while article sentences do not. :func:`learn_boilerplate`
counts, per outlet, in how many documents each line occurs (compared by
:func:`line_key`: without punctuation, digits, emoji, case, diacritics or Arabic
spelling variants) and keeps those above both thresholds. Lines after a
reader-comments heading are not counted, so a reader's "شكرا" is never learned.

Example:
    >>> learn_boilerplate(documents, BoilerplateSettings(min_documents=5, min_share=0.05))
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from mediaframe.normalize import FOLD_ALL

_NON_LETTERS = r"[^\w\s]|[\d_]"
# Lines longer than this are article paragraphs: they get no key and are never
# compared with the title or with boilerplate (configured lines and learned ones are
# short), which keeps keying cheap.
KEY_MAX_CHARS = 500

BOILERPLATE_SCHEMA: dict[str, pl.DataType] = {
    "outlet": pl.String(),
    "key": pl.String(),
    "example": pl.String(),
    "documents": pl.Int64(),
    "outlet_documents": pl.Int64(),
    "share": pl.Float64(),
}


@dataclass(frozen=True)
class BoilerplateSettings:
    """When a recurring line counts as boilerplate.

    A line is boilerplate for an outlet when it occurs in at least ``min_documents``
    of the outlet's documents *and* in at least ``min_share`` of them; lines longer
    than ``max_chars`` are never learned (long repeated paragraphs are syndicated
    copy, which duplicate detection handles).
    """

    min_documents: int = 5
    min_share: float = 0.02
    max_chars: int = 200
    enabled: bool = True


def line_key(line: str) -> str:
    """The comparison key of a line (the reference for :func:`line_key_expr`)."""
    if len(line) > KEY_MAX_CHARS:
        return ""
    return " ".join(re.sub(_NON_LETTERS, " ", FOLD_ALL.apply(line)).split())


def line_key_expr(column: pl.Expr) -> pl.Expr:
    """:func:`line_key` as a polars expression."""
    short = pl.when(column.str.len_chars() <= KEY_MAX_CHARS).then(column).otherwise(pl.lit(""))
    return (
        FOLD_ALL.expr(short)
        .str.replace_all(_NON_LETTERS, " ")
        .str.replace_all(r"\s+", " ")
        .str.strip_chars()
    )


def document_lines(documents: pl.LazyFrame | pl.DataFrame) -> pl.LazyFrame:
    """One row per non-blank line: doc_id, outlet, line (number from 1), text."""
    return (
        documents.lazy()
        .select(
            "doc_id",
            "outlet",
            pl.col("text").str.split("\n").alias("text"),
        )
        .with_columns(pl.int_ranges(1, pl.col("text").list.len() + 1).alias("line"))
        .explode("text", "line")
        .with_columns(pl.col("text").str.strip_chars().alias("text"))
        .filter(pl.col("text") != "")
    )


def learn_boilerplate(
    documents: pl.LazyFrame | pl.DataFrame,
    settings: BoilerplateSettings,
    comment_headings: Sequence[str] = (),
) -> pl.DataFrame:
    """Per outlet, the line keys that recur in enough documents to be boilerplate.

    Returns:
        ``outlet, key, example, documents, outlet_documents, share``, sorted by outlet
        and key (``example`` is the most common spelling of the line).
    """
    if not settings.enabled:
        return pl.DataFrame(schema=BOILERPLATE_SCHEMA)
    lines = document_lines(documents).filter(pl.col("text").str.len_chars() <= settings.max_chars)
    if comment_headings:
        heading = _heading_regex(comment_headings)
        lines = lines.filter(
            ~pl.col("text").str.contains(heading).cum_max().over("doc_id", order_by="line")
        )
    outlet_docs = (
        documents.lazy().group_by("outlet").agg(pl.len().cast(pl.Int64).alias("outlet_documents"))
    )
    keyed = (
        lines.with_columns(line_key_expr(pl.col("text")).alias("key"))
        .filter(pl.col("key") != "")
        .collect()  # used twice below: computing the keys once is much faster
        .lazy()
    )
    counts = (
        keyed.unique(["doc_id", "key"])
        .group_by("outlet", "key")
        .agg(pl.len().cast(pl.Int64).alias("documents"))
        .filter(pl.col("documents") >= settings.min_documents)
        .join(outlet_docs, on="outlet")
        .with_columns((pl.col("documents") / pl.col("outlet_documents")).alias("share"))
        .filter(pl.col("share") >= settings.min_share)
    )
    examples = (
        keyed.join(counts.select("outlet", "key"), on=["outlet", "key"], how="semi")
        .group_by("outlet", "key", "text")
        .agg(pl.len().alias("n"))
        .sort("n", "text", descending=[True, False])
        .group_by("outlet", "key")
        .agg(pl.col("text").first().alias("example"))
    )
    return (
        counts.join(examples, on=["outlet", "key"], how="left")
        .select(list(BOILERPLATE_SCHEMA))
        .sort("outlet", "key")
        .collect()
        .cast(BOILERPLATE_SCHEMA)
    )


def _heading_regex(headings: Sequence[str]) -> str:
    """The comments-heading pattern (shared with the cleaner)."""
    names = "|".join(headings)
    return rf"(?i)^(?:{names})\s*(?:[(\[]\s*[0-9\u0660-\u0669]+\s*[)\]])?\s*:?$"
