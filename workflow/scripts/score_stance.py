"""Score stance toward the actor for every mention in one shard."""

import polars as pl

from mediaframe.io import limit_threads, step_logging, write_parquet
from mediaframe.stance import get_scorer


def main(mentions_path, settings, threads, output_path, log):
    with step_logging(log) as logger:
        limit_threads(threads)
        scorer = get_scorer(settings | {"threads": threads})
        scored = scorer.score(pl.read_parquet(mentions_path))
        write_parquet(scored, output_path)
        logger.info("%s: %d mentions scored", scorer.name, scored.height)


if __name__ == "__main__":
    main(
        snakemake.input.mentions,
        snakemake.params.scorer,
        snakemake.threads,
        snakemake.output.stance,
        snakemake.log[0],
    )
