# Read every corpus file once (detecting encodings, extracting HTML) and the reader
# comments given as data (nested lists, comments files), and split both into shards by
# the article's doc_id; every record is a document, a comment or a reject.
rule ingest:
    input:
        corpus=corpus_files(),
        comment_files=comment_files(),
        code=library("workflow/scripts/ingest.py"),
    output:
        documents=shards(result("ingest/documents/{shard}.parquet")),
        comments=shards(result("ingest/comments/{shard}.parquet")),
        rejects=result("ingest/rejects.parquet"),
        comment_rejects=result("ingest/comment_rejects.parquet"),
        manifest=result("ingest/manifest.parquet"),
    log:
        log_file("ingest.log"),
    benchmark:
        benchmark_file("ingest.tsv")
    threads: 1
    resources:
        mem_mb=scaled(1000, 10),
        runtime=scaled(10, 0.05),
    params:
        corpus=config["corpus"],
        unreadable=unreadable_corpus_paths(),
        braced=braced_corpus_files(),
    script:
        "../scripts/ingest.py"
