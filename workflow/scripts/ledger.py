"""Ledger: every input record -> one outcome (article or reject), and every reader comment
-> one outcome (comment or reject); stops if counts differ."""

import polars as pl

from mediaframe.clean.ledger import (
    build_comment_ledger,
    build_ledger,
    comment_ledger_summary,
    ledger_summary,
)
from mediaframe.io import read_parquets, step_logging, write_parquet


def main(inputs, output, log):
    with step_logging(log) as logger:
        ledger = build_ledger(
            pl.read_parquet(inputs.manifest),
            pl.read_parquet(inputs.ingest_rejects),
            read_parquets(inputs.documents).select("source", "record", "doc_id"),
            read_parquets(inputs.clean_rejects),
            read_parquets(inputs.articles).select("doc_id"),
            pl.read_parquet(inputs.duplicates),
        )
        write_parquet(ledger, output.ledger)
        for outcome, records in ledger_summary(ledger).iter_rows():
            logger.info("%s: %d", outcome, records)
        comment_ledger = build_comment_ledger(
            pl.read_parquet(inputs.manifest),
            pl.read_parquet(inputs.ingest_comment_rejects),
            read_parquets(inputs.comments),
            read_parquets(inputs.clean_comment_rejects),
            read_parquets(inputs.articles).select("doc_id", "comments_found"),
        )
        write_parquet(comment_ledger, output.comment_ledger)
        for origin, outcome, comments in comment_ledger_summary(comment_ledger).iter_rows():
            logger.info("comments from %s: %s: %d", origin, outcome, comments)


if __name__ == "__main__":
    main(snakemake.input, snakemake.output, snakemake.log[0])
