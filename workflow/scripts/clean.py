"""Clean one shard: documents + reader comments given as data + learned boilerplate ->
articles, comments (from pages and as data, one treatment), sentences, audit, rejects of
articles and of comments."""

import polars as pl

from mediaframe.clean.pages import CleaningRules, clean_documents
from mediaframe.io import step_logging, write_parquet


def main(documents_path, comments_path, boilerplate_path, params, output, log):
    with step_logging(log) as logger:
        tables = clean_documents(
            pl.read_parquet(documents_path),
            CleaningRules.from_config(params),
            boilerplate=pl.read_parquet(boilerplate_path),
            comments=pl.read_parquet(comments_path),
        )
        for name, frame in tables.items():
            write_parquet(frame, output[name])
        logger.info(", ".join(f"{name}: {frame.height}" for name, frame in tables.items()))
        mismatched = tables["articles"].filter(pl.col("comments_mismatch"))
        for row in mismatched.iter_rows(named=True):
            logger.warning(
                "%s: the page states %d comment(s) but %d were parsed",
                row["doc_id"],
                row["comments_stated"],
                row["comments_found"],
            )


if __name__ == "__main__":
    main(
        snakemake.input.documents,
        snakemake.input.comments,
        snakemake.input.boilerplate,
        snakemake.params.clean,
        snakemake.output,
        snakemake.log[0],
    )
