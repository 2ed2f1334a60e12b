"""The ledger: one outcome for every input record, and a check that the counts add up.

Outcomes: ``article`` (cleaned and kept; ``duplicate_of`` names the canonical article
when it is a non-canonical duplicate) or ``rejected`` (with the stage and reason).
:func:`build_ledger` raises when a record has no outcome or two, so a run can never
lose documents silently.

Example:
    >>> ledger = build_ledger(manifest, ingest_rejects, documents, clean_rejects, articles, duplicates)
"""

from __future__ import annotations

import polars as pl

from mediaframe.errors import MediaframeError

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
