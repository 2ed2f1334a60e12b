# Embed each article once; vectors are cached by backend and text hash.
rule embed:
    input:
        articles="results/clean/articles/{shard}.parquet",
        code=library("workflow/scripts/embed.py"),
    output:
        embeddings="results/embed/{shard}.parquet",
    log:
        "logs/embed/{shard}.log",
    benchmark:
        "benchmarks/embed/{shard}.tsv"
    threads: config["threads"]
    params:
        embed=config["embed"],
    script:
        "../scripts/embed.py"
