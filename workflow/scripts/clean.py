"""Clean one shard: documents + reader comments given as data + learned boilerplate ->
articles, comments (from pages and as data, one treatment), sentences, audit, rejects of
articles and of comments.

Documents whose key (their rows, their comments given as data and the learned
boilerplate entries that occur in them; :mod:`mediaframe.clean.incremental`) is the one
the shard's store holds are taken from the store, the others are cleaned; the log says
how many of each.
"""

import polars as pl

from mediaframe.clean.incremental import clean_keys
from mediaframe.clean.pages import CleaningRules, clean_documents
from mediaframe.docstore import DocumentStore, salt_of
from mediaframe.io import step_logging, write_parquet

# Each table and the columns it is sorted by (mediaframe.clean.pages, .comments).
TABLES = {
    "articles": ["doc_id"],
    "comments": ["doc_id", "position"],
    "sentences": ["doc_id", "kind", "comment", "sentence"],
    "audit": ["doc_id", "line", "reason"],
    "rejects": ["doc_id"],
    "comment_rejects": ["source", "record", "item", "doc_id"],
}


def main(documents_path, comments_path, boilerplate_path, params, output, log, store, code):
    with step_logging(log) as logger:
        documents = pl.read_parquet(documents_path)
        comments = pl.read_parquet(comments_path)
        boilerplate = pl.read_parquet(boilerplate_path)
        rules = CleaningRules.from_config(params)

        def compute(doc_ids):
            return clean_documents(
                documents.filter(pl.col("doc_id").is_in(doc_ids.implode())),
                rules,
                boilerplate=boilerplate,
                comments=comments.filter(pl.col("doc_id").is_in(doc_ids.implode())),
            )

        keeper = DocumentStore(store, salt_of(params, code))
        tables, reuse = keeper.run(clean_keys(documents, comments, boilerplate), compute, TABLES)
        for name, frame in tables.items():
            write_parquet(frame, output[name])
        keeper.save(reuse, {name: output[name] for name in TABLES})
        logger.info(", ".join(f"{name}: {frame.height}" for name, frame in tables.items()))
        logger.info("%s", reuse.describe())
        mismatched = tables["articles"].filter(pl.col("comments_mismatch"))
        for row in mismatched.iter_rows(named=True):
            logger.warning(
                "%s: the page states %d comment(s) but %d were parsed",
                row["doc_id"],
                row["comments_stated"],
                row["comments_found"],
            )


if __name__ == "__main__":
    main(
        snakemake.input.documents,
        snakemake.input.comments,
        snakemake.input.boilerplate,
        snakemake.params.clean,
        snakemake.output,
        snakemake.log[0],
        snakemake.params.store,
        snakemake.input.code,
    )
