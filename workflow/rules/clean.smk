# Lines that recur across an outlet's documents (menus, share lines, footers) are
# learned from the whole corpus before any shard is cleaned.
rule learn_boilerplate:
    input:
        documents=shards("results/ingest/documents/{shard}.parquet"),
        code=library("workflow/scripts/learn_boilerplate.py"),
    output:
        boilerplate="results/clean/boilerplate.parquet",
    log:
        "logs/learn_boilerplate.log",
    benchmark:
        "benchmarks/learn_boilerplate.tsv"
    params:
        learn=config["clean"]["learn_boilerplate"],
        comment_headings=config["clean"]["comment_headings"],
    script:
        "../scripts/learn_boilerplate.py"


# Separate title, body and reader comments, drop boilerplate, normalise, split sentences;
# comments given as data get the same treatment as those parsed from the pages.
rule clean:
    input:
        documents="results/ingest/documents/{shard}.parquet",
        comments="results/ingest/comments/{shard}.parquet",
        boilerplate="results/clean/boilerplate.parquet",
        code=library("workflow/scripts/clean.py"),
    output:
        articles="results/clean/articles/{shard}.parquet",
        comments="results/clean/comments/{shard}.parquet",
        sentences="results/clean/sentences/{shard}.parquet",
        audit="results/clean/audit/{shard}.parquet",
        rejects="results/clean/rejects/{shard}.parquet",
        comment_rejects="results/clean/comment_rejects/{shard}.parquet",
    log:
        "logs/clean/{shard}.log",
    benchmark:
        "benchmarks/clean/{shard}.tsv"
    params:
        clean=clean_settings(),
    script:
        "../scripts/clean.py"


# Syndicated wire copy and re-publications: group exact and near duplicates across
# shards so that aggregates count each story once.
rule find_duplicates:
    input:
        articles=shards("results/clean/articles/{shard}.parquet"),
        code=library("workflow/scripts/find_duplicates.py"),
    output:
        duplicates="results/clean/duplicates.parquet",
    log:
        "logs/find_duplicates.log",
    benchmark:
        "benchmarks/find_duplicates.tsv"
    params:
        duplicates=config["clean"]["duplicates"],
    script:
        "../scripts/find_duplicates.py"


# One outcome per input record (article or reject with reason) and per reader comment
# (comment or reject with reason); fails if counts differ.
rule ledger:
    input:
        manifest="results/ingest/manifest.parquet",
        ingest_rejects="results/ingest/rejects.parquet",
        documents=shards("results/ingest/documents/{shard}.parquet"),
        clean_rejects=shards("results/clean/rejects/{shard}.parquet"),
        articles=shards("results/clean/articles/{shard}.parquet"),
        duplicates="results/clean/duplicates.parquet",
        ingest_comment_rejects="results/ingest/comment_rejects.parquet",
        comments=shards("results/clean/comments/{shard}.parquet"),
        clean_comment_rejects=shards("results/clean/comment_rejects/{shard}.parquet"),
        code=library("workflow/scripts/ledger.py"),
    output:
        ledger="results/clean/ledger.parquet",
        comment_ledger="results/clean/comment_ledger.parquet",
    log:
        "logs/ledger.log",
    script:
        "../scripts/ledger.py"
