"""Score stance toward the actor for every mention in one shard."""

from pathlib import Path

import polars as pl

from mediaframe.io import Progress, limit_threads, step_logging, write_parquet
from mediaframe.stance import get_scorer

BATCH = 1000  # mentions per progress step (about 10 s with the default scorer)


def main(mentions_path, settings, threads, output_path, log):
    with step_logging(log) as logger:
        limit_threads(threads)
        scorer = get_scorer(settings | {"threads": threads})
        mentions = pl.read_parquet(mentions_path)
        # Each mention is scored on its own, so batches give the same result and let the
        # log say how far the job is (counts, rate, time left) instead of staying silent.
        progress = Progress(f"score_stance {Path(output_path).stem}", mentions.height, "mentions")
        parts = [scorer.score(mentions.head(0))]
        for start in range(0, mentions.height, BATCH):
            parts.append(scorer.score(mentions.slice(start, BATCH)))
            progress.advance(parts[-1].height)
        progress.done()
        scored = pl.concat(parts, how="vertical").rechunk()
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
