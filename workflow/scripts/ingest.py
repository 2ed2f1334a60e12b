"""Ingest: corpus files -> sharded documents and reader comments, rejects and a manifest.

Inputs: the files matched by corpus.paths and corpus.comments.paths. Outputs: one
documents parquet and one comments parquet per shard (hash of the article's doc_id),
the ingest rejects of articles and of comments, and a manifest (file, digest, format,
bytes, encoding, article records and comment records read) whose (source, digest) hash
is the input hash the reports state.
"""

from mediaframe.ingest.comments import CommentSettings, ingest_comments
from mediaframe.ingest.read import CorpusSettings, partition, read_corpus, unparsed_dates
from mediaframe.io import step_logging, write_parquet


def main(corpus_files, comment_files, params, output, log, unreadable=()):
    """``unreadable``: matched paths that are not Snakemake inputs (broken links, names
    with braces); ingest reads or rejects them like the others."""
    with step_logging(log) as logger:
        settings = CorpusSettings.from_config(params)
        documents, rejects, manifest, dropped = read_corpus(
            [*corpus_files, *unreadable], settings, with_dropped=True, progress=logger
        )
        comments, comment_rejects, manifest = ingest_comments(
            documents,
            dropped,
            rejects,
            manifest,
            comment_files,
            CommentSettings.from_config(params),
        )
        shards = len(output.documents)
        for frame, path in zip(partition(documents, shards), output.documents, strict=True):
            write_parquet(frame, path)
        for frame, path in zip(partition(comments, shards), output.comments, strict=True):
            write_parquet(frame.sort("doc_id", "source", "record", "item"), path)
        write_parquet(rejects, output.rejects)
        write_parquet(comment_rejects, output.comment_rejects)
        write_parquet(manifest, output.manifest)
        for row in unparsed_dates(documents, settings.date_order).iter_rows(named=True):
            logger.warning(
                "%s record %d (%s): date not parsed, kept as given: %s. Fix: correct the "
                "date field, or set corpus.date_order if day and month are swapped",
                row["source"],
                row["record"],
                row["doc_id"],
                row["problem"],
            )
        logger.info(
            "%d files, %d records: %d documents, %d rejected; %d comment records: %d attached, "
            "%d rejected",
            manifest.height,
            manifest["records"].sum(),
            documents.height,
            rejects.height,
            manifest["comments"].sum(),
            comments.height,
            comment_rejects.height,
        )


if __name__ == "__main__":
    main(
        list(snakemake.input.corpus),
        list(snakemake.input.comment_files),
        snakemake.params.corpus,
        snakemake.output,
        snakemake.log[0],
        [*snakemake.params.unreadable, *snakemake.params.braced],
    )
