"""Actors: one shard of sentences -> mentions, labels, quotes, agencies, suggestions."""

import polars as pl

from mediaframe.actors import Actor, ActorMatcher, find_mentions
from mediaframe.framing import Framer, FramingSettings
from mediaframe.io import step_logging, write_parquet


def main(sentences_path, actors, framing, output, log):
    with step_logging(log) as logger:
        sentences = pl.read_parquet(sentences_path)
        registry = [Actor.from_config(a) for a in actors["registry"]]
        mentions = find_mentions(sentences, ActorMatcher(registry, actors["spelling_variants"]))
        tables = {"mentions": mentions}
        tables |= Framer(FramingSettings.from_config(framing)).analyse(sentences, mentions)
        for name, frame in tables.items():
            write_parquet(frame, output[name])
        logger.info(", ".join(f"{name}: {frame.height}" for name, frame in tables.items()))


if __name__ == "__main__":
    p = snakemake.params
    main(snakemake.input.sentences, p.actors, p.framing, snakemake.output, snakemake.log[0])
