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
    outcomes = ledger.group_by("source").agg(pl.len().alias("outcomes"))
    compared = manifest.select("source", "records").join(
        outcomes, on="source", how="full", coalesce=True
    )
    wrong = compared.filter(pl.col("records").fill_null(0) != pl.col("outcomes").fill_null(0))
    if not wrong.is_empty():
        row = wrong.row(0, named=True)
        raise MediaframeError(
            f"ledger: {row['source']} had {row['records']} record(s) read but "
            f"{row['outcomes']} outcome(s). This is a bug in mediaframe; please report it "
            "with the file."
        )
    doubled = ledger.filter(pl.struct("source", "record", "doc_id").is_duplicated())
    if not doubled.is_empty():
        row = doubled.row(0, named=True)
        raise MediaframeError(
            f"ledger: {row['source']} record {row['record']} has more than one outcome."
        )
    missing = documents.height - ledger.filter(pl.col("stage").fill_null("") != "ingest").height
    if missing:
        raise MediaframeError(f"ledger: {missing} document(s) have no cleaning outcome.")


def ledger_summary(ledger: pl.DataFrame) -> pl.DataFrame:
    """Counts per outcome (articles, of which duplicates; rejects per stage)."""
    return (
        ledger.with_columns(
            pl.when(pl.col("outcome") == "rejected")
            .then(pl.format("rejected at {}", pl.col("stage")))
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
    as_data = ledger.filter(pl.col("origin") != "page").group_by("source").agg(pl.len().alias("n"))
    compared = manifest.select("source", "comments").join(
        as_data, on="source", how="full", coalesce=True
    )
    wrong = compared.filter(pl.col("comments").fill_null(0) != pl.col("n").fill_null(0))
    if not wrong.is_empty():
        row = wrong.row(0, named=True)
        raise MediaframeError(
            f"comment ledger: {row['source']} had {row['comments']} comment record(s) read but "
            f"{row['n']} outcome(s). This is a bug in mediaframe; please report it with the file."
        )
    parsed = int(articles["comments_found"].sum())
    on_pages = ledger.filter(pl.col("origin") == "page").join(
        articles.select("doc_id"), on="doc_id", how="semi"
    )
    if parsed != on_pages.height:
        raise MediaframeError(
            f"comment ledger: {parsed} comment(s) were parsed from the kept pages but "
            f"{on_pages.height} have an outcome. This is a bug in mediaframe; please report it."
        )
    doubled = ledger.filter(
        pl.struct("source", "record", "origin", "item", "doc_id").is_duplicated()
    )
    if not doubled.is_empty():
        row = doubled.row(0, named=True)
        raise MediaframeError(
            f"comment ledger: {row['source']} record {row['record']} comment {row['item']} has "
            "more than one outcome."
        )


def comment_ledger_summary(ledger: pl.DataFrame) -> pl.DataFrame:
    """Comments per origin and outcome (kept; rejected per stage)."""
    return (
        ledger.with_columns(
            pl.when(pl.col("outcome") == "rejected")
            .then(pl.format("rejected at {}", pl.col("stage")))
            .otherwise(pl.lit("comment"))
            .alias("outcome")
        )
        .group_by("origin", "outcome")
        .agg(pl.len().alias("comments"))
        .sort("origin", "outcome")
    )
