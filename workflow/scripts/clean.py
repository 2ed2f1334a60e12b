"""Clean one shard: documents -> articles, comments, sentences, audit, rejects."""

import polars as pl

from mediaframe.clean import CleaningRules, clean_documents
from mediaframe.io import step_logging, write_parquet


def main(documents_path, params, output, log):
    with step_logging(log) as logger:
        rules = CleaningRules(
            boilerplate=params["boilerplate"],
            comment_headings=params["comment_headings"],
            comment_time=params["comment_time"],
            min_chars=params["min_chars"],
        )
        tables = clean_documents(pl.read_parquet(documents_path), rules, params["default_language"])
        for name, frame in tables.items():
            write_parquet(frame, output[name])
        logger.info(", ".join(f"{name}: {frame.height}" for name, frame in tables.items()))


if __name__ == "__main__":
    main(snakemake.input.documents, snakemake.params.clean, snakemake.output, snakemake.log[0])
