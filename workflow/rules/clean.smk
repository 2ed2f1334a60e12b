# Separate title, body and reader comments, drop boilerplate, split sentences.
rule clean:
    input:
        documents="results/ingest/documents/{shard}.parquet",
        code=library("clean"),
    output:
        articles="results/clean/articles/{shard}.parquet",
        comments="results/clean/comments/{shard}.parquet",
        sentences="results/clean/sentences/{shard}.parquet",
        audit="results/clean/audit/{shard}.parquet",
        rejects="results/clean/rejects/{shard}.parquet",
    log:
        "logs/clean/{shard}.log",
    benchmark:
        "benchmarks/clean/{shard}.tsv"
    params:
        clean=config["clean"],
    script:
        "../scripts/clean.py"
