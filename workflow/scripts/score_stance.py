"""Score stance toward the actor for every mention in one shard."""

import polars as pl

from mediaframe.io import step_logging, write_parquet
from mediaframe.stance import get_scorer


def main(mentions_path, settings, output_path, log):
    with step_logging(log) as logger:
        scorer = get_scorer(settings)
        scored = scorer.score(pl.read_parquet(mentions_path))
        write_parquet(scored, output_path)
        logger.info("%s: %d mentions scored", scorer.name, scored.height)


if __name__ == "__main__":
    settings = {
        "scorer": snakemake.params.scorer,
        "neutral_band": snakemake.params.neutral_band,
        "lexicon": snakemake.params.lexicon,
    }
    main(snakemake.input.mentions, settings, snakemake.output.stance, snakemake.log[0])
