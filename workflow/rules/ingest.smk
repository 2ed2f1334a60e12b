# Read every corpus file once (detecting encodings, extracting HTML) and split the
# documents into shards by doc_id; every record is a document or a reject.
rule ingest:
    input:
        corpus=corpus_files(),
        code=library("workflow/scripts/ingest.py"),
    output:
        documents=shards("results/ingest/documents/{shard}.parquet"),
        rejects="results/ingest/rejects.parquet",
        manifest="results/ingest/manifest.parquet",
    log:
        "logs/ingest.log",
    benchmark:
        "benchmarks/ingest.tsv"
    params:
        corpus=config["corpus"],
    script:
        "../scripts/ingest.py"
