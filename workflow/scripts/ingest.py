"""Ingest: corpus files -> sharded documents, rejects and a manifest of input files.

Inputs: the files matched by corpus.paths. Outputs: one documents parquet per shard
(hash of doc_id), the ingest rejects, and a manifest (file, digest, format, bytes,
encoding, records read) whose (source, digest) hash is the input hash the reports state.
"""

from mediaframe.ingest.read import CorpusSettings, partition, read_corpus
from mediaframe.io import step_logging, write_parquet


def main(corpus_files, params, output, log):
    with step_logging(log) as logger:
        documents, rejects, manifest = read_corpus(corpus_files, CorpusSettings.from_config(params))
        for frame, path in zip(
            partition(documents, len(output.documents)), output.documents, strict=True
        ):
            write_parquet(frame, path)
        write_parquet(rejects, output.rejects)
        write_parquet(manifest, output.manifest)
        logger.info(
            "%d files, %d records: %d documents, %d rejected",
            manifest.height,
            manifest["records"].sum(),
            documents.height,
            rejects.height,
        )


if __name__ == "__main__":
    main(list(snakemake.input.corpus), snakemake.params.corpus, snakemake.output, snakemake.log[0])
