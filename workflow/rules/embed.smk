# Embed each article once; vectors are cached by backend and text hash.
rule embed:
    input:
        articles="results/clean/articles/{shard}.parquet",
        code=library("embed"),
    output:
        embeddings="results/embed/{shard}.parquet",
    params:
        embed=config["embed"],
    threads: config["threads"]
    log:
        "logs/embed/{shard}.log",
    benchmark:
        "benchmarks/embed/{shard}.tsv"
    script:
        "../scripts/embed.py"
