# Find every mention of a configured actor in article and comment sentences.
rule actors:
    input:
        sentences="results/clean/sentences/{shard}.parquet",
        code=library("actors"),
    output:
        mentions="results/actors/mentions/{shard}.parquet",
    log:
        "logs/actors/{shard}.log",
    benchmark:
        "benchmarks/actors/{shard}.tsv"
    params:
        actors=config["actors"],
    script:
        "../scripts/actors.py"
