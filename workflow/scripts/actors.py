"""Actors: one shard of sentences -> mentions, alias matches the registry's rules
rejected, labels, quotes, agencies, suggestions."""

from pathlib import Path

import polars as pl

from mediaframe.actors.framing import Framer, FramingSettings
from mediaframe.actors.matching import match_sentences, matcher_from_config
from mediaframe.io import Progress, step_logging, write_parquet
from mediaframe.normalize import Folding


def main(sentences_path, actors, framing, normalise, output, log):
    with step_logging(log) as logger:
        sentences = pl.read_parquet(sentences_path)
        matcher = matcher_from_config(actors, Folding(**normalise))
        progress = Progress(f"actors {Path(output.mentions).stem}", sentences.height, "sentences")
        mentions, rejected = match_sentences(sentences, matcher, progress)
        progress.done()
        tables = {"mentions": mentions, "rejected": rejected}
        tables |= Framer(FramingSettings.from_config(framing)).analyse(sentences, mentions)
        for name, frame in tables.items():
            write_parquet(frame, output[name])
        logger.info(", ".join(f"{name}: {frame.height}" for name, frame in tables.items()))


if __name__ == "__main__":
    p = snakemake.params
    main(
        snakemake.input.sentences,
        p.actors,
        p.framing,
        p.normalise,
        snakemake.output,
        snakemake.log[0],
    )
