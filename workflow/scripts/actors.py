"""Actors: one shard of sentences -> mentions, alias matches the registry's rules
rejected, labels, quotes, agencies, suggestions.

Documents whose sentences are those the shard's store holds (same settings and code)
are taken from the store, the others are analysed; the log says how many of each.
"""

from pathlib import Path

import polars as pl

from mediaframe.actors.framing import Framer, FramingSettings
from mediaframe.actors.matching import match_sentences, matcher_from_config
from mediaframe.docstore import DocumentStore, document_keys, salt_of
from mediaframe.io import Progress, step_logging, write_parquet
from mediaframe.normalize import Folding

# Each table and the columns it is sorted by (mediaframe.actors.matching, .framing).
MENTION_ORDER = ["doc_id", "kind", "comment", "sentence", "start"]
TABLES = {
    "mentions": MENTION_ORDER,
    "rejected": MENTION_ORDER,
    "labels": ["doc_id", "kind", "sentence", "actor", "label"],
    "quotes": ["doc_id", "kind", "comment", "sentence", "cue"],
    "agencies": ["doc_id", "kind", "sentence", "agency"],
    "suggestions": ["doc_id", "candidate", "cue", "sentence_text"],
}


def main(sentences_path, actors, framing, normalise, output, log, store, code):
    with step_logging(log) as logger:
        sentences = pl.read_parquet(sentences_path)

        def compute(doc_ids):
            todo = sentences.filter(pl.col("doc_id").is_in(doc_ids.implode()))
            matcher = matcher_from_config(actors, Folding(**normalise))
            progress = Progress(f"actors {Path(output.mentions).stem}", todo.height, "sentences")
            mentions, rejected = match_sentences(todo, matcher, progress)
            progress.done()
            tables = {"mentions": mentions, "rejected": rejected}
            return tables | Framer(FramingSettings.from_config(framing)).analyse(todo, mentions)

        keeper = DocumentStore(store, salt_of([actors, framing, normalise], code))
        keys = document_keys(sentences["doc_id"], sentences)
        tables, reuse = keeper.run(keys, compute, TABLES)
        for name, frame in tables.items():
            write_parquet(frame, output[name])
        keeper.save(reuse, {name: output[name] for name in TABLES})
        logger.info(", ".join(f"{name}: {frame.height}" for name, frame in tables.items()))
        logger.info("%s", reuse.describe())


if __name__ == "__main__":
    p = snakemake.params
    main(
        snakemake.input.sentences,
        p.actors,
        p.framing,
        p.normalise,
        snakemake.output,
        snakemake.log[0],
        p.store,
        snakemake.input.code,
    )
