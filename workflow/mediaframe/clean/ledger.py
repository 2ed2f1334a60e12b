"""The ledger: one outcome for every input record, and a check that the counts add up.

Outcomes: ``article`` (cleaned and kept; ``duplicate_of`` names the canonical article
when it is a non-canonical duplicate) or ``rejected`` (with the stage and reason).
:func:`build_ledger` raises when a record has no outcome or two, so a run can never
lose documents silently.

The comment ledger does the same for reader comments: every comment record read (each
item of a record's comments list, each row of a comments file) and every comment parsed
from a page is ``comment`` (kept, with its ``position`` on the article) or ``rejected``
(stage and reason); :func:`build_comment_ledger` raises when the comment records read
from a file (the manifest's ``comments``) differ from the outcomes.

Example:
    >>> ledger = build_ledger(manifest, ingest_rejects, documents, clean_rejects, articles, duplicates)
"""

from __future__ import annotations

import polars as pl

from mediaframe.errors import MediaframeError
from mediaframe.io import COMMENT_REJECT_SCHEMA

LEDGER_SCHEMA: dict[str, pl.DataType] = {
    "source": pl.String(),
    "record": pl.Int64(),
    "doc_id": pl.String(),
    "outcome": pl.String(),
    "stage": pl.String(),
    "reason": pl.String(),
    "duplicate_of": pl.String(),
}


def build_ledger(
    manifest: pl.DataFrame,
    ingest_rejects: pl.DataFrame,
    documents: pl.DataFrame,
    clean_rejects: pl.DataFrame,
    articles: pl.DataFrame,
    duplicates: pl.DataFrame,
) -> pl.DataFrame:
    """Every input record with its outcome; raises :class:`MediaframeError` if counts differ."""
    duplicate_of = duplicates.filter(~pl.col("is_canonical")).select(
        "doc_id", pl.col("group").alias("duplicate_of")
    )
    kept = (
        documents.select("source", "record", "doc_id")
        .join(articles.select("doc_id"), on="doc_id", how="semi")
        .join(duplicate_of, on="doc_id", how="left")
        .with_columns(
            pl.lit("article").alias("outcome"),
            pl.lit(None, pl.String).alias("stage"),
            pl.lit(None, pl.String).alias("reason"),
        )
    )
    rejected = pl.concat([ingest_rejects, clean_rejects]).with_columns(
        pl.lit("rejected").alias("outcome"), pl.lit(None, pl.String).alias("duplicate_of")
    )
    ledger = (
        pl.concat([kept.select(list(LEDGER_SCHEMA)), rejected.select(list(LEDGER_SCHEMA))])
        .cast(LEDGER_SCHEMA)
        .sort("source", "record", "doc_id")
    )
    check_ledger(ledger, manifest, documents)
    return ledger


def check_ledger(ledger: pl.DataFrame, manifest: pl.DataFrame, documents: pl.DataFrame) -> None:
    """Records read per file == outcomes per file; every document has exactly one outcome."""
    _check_counts_per_file(ledger, manifest, "records", "ledger", "record(s)")
    _check_one_outcome(ledger, ["source", "record", "doc_id"], "ledger")
    missing = documents.height - ledger.filter(pl.col("stage").fill_null("") != "ingest").height
    if missing:
        raise MediaframeError(f"ledger: {missing} document(s) have no cleaning outcome.")


def _check_counts_per_file(
    ledger: pl.DataFrame, manifest: pl.DataFrame, column: str, name: str, what: str
) -> None:
    """Raise unless each file's count in the manifest's ``column`` equals its ledger rows."""
    outcomes = ledger.group_by("source").agg(pl.len().alias("outcomes"))
    compared = manifest.select("source", column).join(
        outcomes, on="source", how="full", coalesce=True
    )
    wrong = compared.filter(pl.col(column).fill_null(0) != pl.col("outcomes").fill_null(0))
    if not wrong.is_empty():
        row = wrong.row(0, named=True)
        raise MediaframeError(
            f"{name}: {row['source']} had {row[column]} {what} read but {row['outcomes']} "
            "outcome(s). This is a bug in mediaframe; please report it with the file."
        )


def _check_one_outcome(ledger: pl.DataFrame, key: list[str], name: str) -> None:
    """Raise when two ledger rows share ``key`` (one record with two outcomes)."""
    doubled = ledger.filter(pl.struct(key).is_duplicated())
    if not doubled.is_empty():
        row = doubled.row(0, named=True)
        where = ", ".join(f"{column} {row[column]}" for column in key[1:])
        raise MediaframeError(f"{name}: {row['source']} ({where}) has more than one outcome.")


def _rejected_at() -> pl.Expr:
    """``rejected at <stage>`` for a rejected row (else null)."""
    return pl.when(pl.col("outcome") == "rejected").then(
        pl.format("rejected at {}", pl.col("stage"))
    )


def ledger_summary(ledger: pl.DataFrame) -> pl.DataFrame:
    """Counts per outcome (articles, of which duplicates; rejects per stage)."""
    return (
        ledger.with_columns(
            _rejected_at()
            .when(pl.col("duplicate_of").is_not_null())
            .then(pl.lit("article (duplicate, counted once)"))
            .otherwise(pl.lit("article"))
            .alias("outcome")
        )
        .group_by("outcome")
        .agg(pl.len().alias("records"))
        .sort("outcome")
    )


COMMENT_LEDGER_SCHEMA: dict[str, pl.DataType] = {
    **{c: t for c, t in COMMENT_REJECT_SCHEMA.items() if c not in ("stage", "reason")},
    "position": pl.Int64(),
    "outcome": pl.String(),
    "stage": pl.String(),
    "reason": pl.String(),
}


def build_comment_ledger(
    manifest: pl.DataFrame,
    ingest_rejects: pl.DataFrame,
    comments: pl.DataFrame,
    clean_rejects: pl.DataFrame,
    articles: pl.DataFrame,
) -> pl.DataFrame:
    """Every reader comment with its outcome; raises :class:`MediaframeError` when the
    comment records read from a file, or the comments parsed from the kept pages
    (``articles.comments_found``), differ from the outcomes."""
    kept = comments.with_columns(
        pl.lit("comment").alias("outcome"),
        pl.lit(None, pl.String).alias("stage"),
        pl.lit(None, pl.String).alias("reason"),
    )
    rejected = pl.concat([ingest_rejects, clean_rejects]).with_columns(
        pl.lit("rejected").alias("outcome"), pl.lit(None, pl.Int64).alias("position")
    )
    ledger = (
        pl.concat(
            [kept.select(list(COMMENT_LEDGER_SCHEMA)), rejected.select(list(COMMENT_LEDGER_SCHEMA))]
        )
        .cast(COMMENT_LEDGER_SCHEMA)
        .sort("source", "record", "origin", "item", "doc_id")
    )
    check_comment_ledger(ledger, manifest, articles)
    return ledger


def check_comment_ledger(
    ledger: pl.DataFrame, manifest: pl.DataFrame, articles: pl.DataFrame
) -> None:
    """Comment records read per file == outcomes per file; page comments parsed on the
    kept articles == page comments with an outcome there; no comment has two outcomes."""
    as_data = ledger.filter(pl.col("origin") != "page")
    _check_counts_per_file(as_data, manifest, "comments", "comment ledger", "comment record(s)")
    parsed = int(articles["comments_found"].sum())
    on_pages = ledger.filter(pl.col("origin") == "page").join(
        articles.select("doc_id"), on="doc_id", how="semi"
    )
    if parsed != on_pages.height:
        raise MediaframeError(
            f"comment ledger: {parsed} comment(s) were parsed from the kept pages but "
            f"{on_pages.height} have an outcome. This is a bug in mediaframe; please report it."
        )
    _check_one_outcome(ledger, ["source", "record", "origin", "item", "doc_id"], "comment ledger")


def comment_ledger_summary(ledger: pl.DataFrame) -> pl.DataFrame:
    """Comments per origin and outcome (kept; rejected per stage)."""
    return (
        ledger.with_columns(_rejected_at().otherwise(pl.lit("comment")).alias("outcome"))
        .group_by("origin", "outcome")
        .agg(pl.len().alias("comments"))
        .sort("origin", "outcome")
    )
