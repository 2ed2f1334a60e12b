"""Aggregate scored mentions per actor along every dimension, with 95% intervals."""

import polars as pl

from mediaframe.io import read_parquets, step_logging, write_parquet
from mediaframe.stance.aggregate import AggregateSettings, aggregate_stance


def main(inputs, params, output_path, log):
    with step_logging(log) as logger:
        table = aggregate_stance(
            read_parquets(inputs.stance),
            pl.read_parquet(inputs.doc_topics),
            AggregateSettings(**params),
        )
        write_parquet(table, output_path)
        logger.info("%d aggregate cells", table.height)


if __name__ == "__main__":
    main(snakemake.input, snakemake.params.aggregate, snakemake.output.aggregates, snakemake.log[0])
