"""Aggregate scored mentions per actor along every dimension, with 95% intervals."""

import polars as pl

from mediaframe.io import read_parquets, step_logging, write_parquet
from mediaframe.stance.aggregate import AggregateSettings, aggregate_stance


def main(inputs, params, count_once, output_path, log):
    with step_logging(log) as logger:
        table = aggregate_stance(
            read_parquets(inputs.stance),
            pl.read_parquet(inputs.doc_topics),
            AggregateSettings(**params),
            duplicates=pl.read_parquet(inputs.duplicates) if count_once else None,
            comments=read_parquets(inputs.comments).select("doc_id", "position", "depth"),
        )
        write_parquet(table, output_path)
        logger.info("%d aggregate cells (duplicates counted once: %s)", table.height, count_once)


if __name__ == "__main__":
    p = snakemake.params
    main(snakemake.input, p.aggregate, p.count_once, snakemake.output.aggregates, snakemake.log[0])
