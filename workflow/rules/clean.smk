# Lines that recur across an outlet's documents (menus, share lines, footers) are
# learned from the whole corpus before any shard is cleaned.
rule learn_boilerplate:
    input:
        documents=shards(result("ingest/documents/{shard}.parquet")),
        code=library("workflow/scripts/learn_boilerplate.py"),
    output:
        boilerplate=result("clean/boilerplate.parquet"),
    log:
        log_file("learn_boilerplate.log"),
    benchmark:
        benchmark_file("learn_boilerplate.tsv")
    threads: 1
    resources:
        mem_mb=scaled(1000, 80),
        runtime=scaled(10, 0.2),
    params:
        learn=config["clean"]["learn_boilerplate"],
        comment_headings=config["clean"]["comment_headings"],
    script:
        "../scripts/learn_boilerplate.py"


# Separate title, body and reader comments, drop boilerplate, normalise, split sentences;
# comments given as data get the same treatment as those parsed from the pages.
rule clean:
    input:
        documents=result("ingest/documents/{shard}.parquet"),
        comments=result("ingest/comments/{shard}.parquet"),
        boilerplate=result("clean/boilerplate.parquet"),
        code=library("workflow/scripts/clean.py"),
    output:
        articles=result("clean/articles/{shard}.parquet"),
        comments=result("clean/comments/{shard}.parquet"),
        sentences=result("clean/sentences/{shard}.parquet"),
        audit=result("clean/audit/{shard}.parquet"),
        rejects=result("clean/rejects/{shard}.parquet"),
        comment_rejects=result("clean/comment_rejects/{shard}.parquet"),
    log:
        log_file("clean/{shard}.log"),
    benchmark:
        benchmark_file("clean/{shard}.tsv")
    threads: 1
    resources:
        mem_mb=scaled(1000, 150),
        runtime=scaled(10, 0.5),
    params:
        clean=clean_settings(),
        store=store("clean"),
    script:
        "../scripts/clean.py"


# Syndicated wire copy and re-publications: group exact and near duplicates across
# shards so that aggregates count each story once.
rule find_duplicates:
    input:
        articles=shards(result("clean/articles/{shard}.parquet")),
        code=library("workflow/scripts/find_duplicates.py"),
    output:
        duplicates=result("clean/duplicates.parquet"),
    log:
        log_file("find_duplicates.log"),
    benchmark:
        benchmark_file("find_duplicates.tsv")
    threads: 1
    resources:
        mem_mb=scaled(1000, 30),
        runtime=scaled(10, 0.1),
    params:
        duplicates=config["clean"]["duplicates"],
    script:
        "../scripts/find_duplicates.py"


# One outcome per input record (article or reject with reason) and per reader comment
# (comment or reject with reason); fails if counts differ.
rule ledger:
    input:
        manifest=result("ingest/manifest.parquet"),
        ingest_rejects=result("ingest/rejects.parquet"),
        documents=shards(result("ingest/documents/{shard}.parquet")),
        clean_rejects=shards(result("clean/rejects/{shard}.parquet")),
        articles=shards(result("clean/articles/{shard}.parquet")),
        duplicates=result("clean/duplicates.parquet"),
        ingest_comment_rejects=result("ingest/comment_rejects.parquet"),
        comments=shards(result("clean/comments/{shard}.parquet")),
        clean_comment_rejects=shards(result("clean/comment_rejects/{shard}.parquet")),
        code=library("workflow/scripts/ledger.py"),
    output:
        ledger=result("clean/ledger.parquet"),
        comment_ledger=result("clean/comment_ledger.parquet"),
    log:
        log_file("ledger.log"),
    benchmark:
        benchmark_file("ledger.tsv")
    threads: 1
    resources:
        mem_mb=scaled(1000, 30),
        runtime=scaled(10, 0.05),
    script:
        "../scripts/ledger.py"
