"""Find actor mentions in one shard of sentences."""

import polars as pl
from mediaframe.actors import Actor, ActorMatcher, find_mentions
from mediaframe.io import step_logging, write_parquet


def main(sentences_path, params, output_path, log):
    with step_logging(log) as logger:
        matcher = ActorMatcher(
            [Actor.from_config(a) for a in params["registry"]], params["spelling_variants"]
        )
        mentions = find_mentions(pl.read_parquet(sentences_path), matcher)
        write_parquet(mentions, output_path)
        logger.info("%d mentions", mentions.height)


if __name__ == "__main__":
    main(
        snakemake.input.sentences,
        snakemake.params.actors,
        snakemake.output.mentions,
        snakemake.log[0],
    )
