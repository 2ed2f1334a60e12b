"""Ingest: corpus files -> sharded documents, rejects and a manifest of input files.

Inputs: the files matched by corpus.paths. Outputs: one documents parquet per shard
(hash of doc_id), the ingest rejects, and a manifest (file, bytes, digest) whose
combined hash is the input hash the reports state.
"""

import polars as pl

from mediaframe.ingest import FieldMapping, partition, read_corpus
from mediaframe.io import step_logging, write_parquet
from mediaframe.provenance import file_digest


def main(corpus_files, params, output, log):
    with step_logging(log) as logger:
        documents, rejects = read_corpus(
            corpus_files,
            FieldMapping.from_config(params["fields"]),
            default_outlet=params["default_outlet"],
            corpus_format=params["format"],
        )
        for frame, path in zip(
            partition(documents, len(output.documents)), output.documents, strict=True
        ):
            write_parquet(frame, path)
        write_parquet(rejects, output.rejects)
        manifest = pl.DataFrame(
            {"source": corpus_files, "digest": [file_digest(f) for f in corpus_files]}
        ).sort("source")
        write_parquet(manifest, output.manifest)
        logger.info(
            "%d files: %d documents, %d rejected",
            len(corpus_files),
            documents.height,
            rejects.height,
        )


if __name__ == "__main__":
    main(list(snakemake.input.corpus), snakemake.params.corpus, snakemake.output, snakemake.log[0])
