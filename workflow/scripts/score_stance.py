"""Score stance toward the actor for every mention in one shard.

Documents whose mentions are those the shard's store holds (same scorer settings, head
and code) are taken from the store, the others are scored; the log says how many of each.
"""

from pathlib import Path

import polars as pl

from mediaframe.docstore import DocumentStore, document_keys, salt_of
from mediaframe.io import Progress, limit_threads, step_logging, write_parquet
from mediaframe.stance import get_scorer

BATCH = 1000  # mentions per progress step (about 10 s with the default scorer)


def main(mentions_path, settings, threads, output_path, log, store, code):
    with step_logging(log) as logger:
        limit_threads(threads)
        mentions = pl.read_parquet(mentions_path)

        def compute(doc_ids):
            todo = mentions.filter(pl.col("doc_id").is_in(doc_ids.implode()))
            scorer = get_scorer(settings | {"threads": threads})
            # Each mention is scored on its own, so batches give the same result and let
            # the log say how far the job is (counts, rate, time left).
            progress = Progress(f"score_stance {Path(output_path).stem}", todo.height, "mentions")
            parts = [scorer.score(todo.head(0))]
            for start in range(0, todo.height, BATCH):
                parts.append(scorer.score(todo.slice(start, BATCH)))
                progress.advance(parts[-1].height)
            progress.done()
            logger.info("%s: %d mentions scored", scorer.name, todo.height)
            return {"stance": pl.concat(parts, how="vertical").rechunk()}

        # Files the settings name (a configured or adapted head, a lexicon) are part of
        # every key, like the code (which lists the shipped head).
        keeper = DocumentStore(store, salt_of(settings, code))
        keys = document_keys(mentions["doc_id"], mentions)
        # scored in the mentions' order (mediaframe.actors.matching)
        order = ["doc_id", "kind", "comment", "sentence", "start"]
        tables, reuse = keeper.run(keys, compute, {"stance": order})
        write_parquet(tables["stance"], output_path)
        keeper.save(reuse, {"stance": output_path})
        logger.info("%d mentions, %s", tables["stance"].height, reuse.describe())


if __name__ == "__main__":
    main(
        snakemake.input.mentions,
        snakemake.params.scorer,
        snakemake.threads,
        snakemake.output.stance,
        snakemake.log[0],
        snakemake.params.store,
        snakemake.input.code,
    )
