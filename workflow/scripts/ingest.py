"""Ingest: corpus files -> sharded documents and reader comments, rejects and a manifest.

Inputs: the files matched by corpus.paths and corpus.comments.paths. Outputs: one
documents parquet and one comments parquet per shard (hash of the article's doc_id),
the ingest rejects of articles and of comments, and a manifest (file, digest, format,
bytes, encoding, article records and comment records read) whose (source, digest) hash
is the input hash the reports state.
"""

from mediaframe.ingest.comments import CommentSettings, ingest_comments
from mediaframe.ingest.read import CorpusSettings, partition, read_corpus
from mediaframe.io import step_logging, write_parquet


def main(corpus_files, comment_files, params, output, log):
    with step_logging(log) as logger:
        documents, rejects, manifest, dropped = read_corpus(
            corpus_files, CorpusSettings.from_config(params), with_dropped=True
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
    )
