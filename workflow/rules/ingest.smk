# Read every corpus file once (detecting encodings, extracting HTML) and the reader
# comments given as data (nested lists, comments files), and split both into shards by
# the article's doc_id; every record is a document, a comment or a reject.
rule ingest:
    input:
        corpus=corpus_files(),
        comment_files=comment_files(),
        code=library("workflow/scripts/ingest.py"),
    output:
        documents=shards("results/ingest/documents/{shard}.parquet"),
        comments=shards("results/ingest/comments/{shard}.parquet"),
        rejects="results/ingest/rejects.parquet",
        comment_rejects="results/ingest/comment_rejects.parquet",
        manifest="results/ingest/manifest.parquet",
    log:
        "logs/ingest.log",
    benchmark:
        "benchmarks/ingest.tsv"
    params:
        corpus=config["corpus"],
        unreadable=unreadable_corpus_paths(),
        braced=braced_corpus_files(),
    script:
        "../scripts/ingest.py"
