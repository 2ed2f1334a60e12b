# Find every actor mention, the labels attached to actors, who speaks and which agencies are cited.
rule actors:
    input:
        sentences="results/clean/sentences/{shard}.parquet",
        code=library("workflow/scripts/actors.py"),
    output:
        mentions="results/actors/mentions/{shard}.parquet",
        labels="results/actors/labels/{shard}.parquet",
        quotes="results/actors/quotes/{shard}.parquet",
        agencies="results/actors/agencies/{shard}.parquet",
        suggestions="results/actors/suggestions/{shard}.parquet",
    log:
        "logs/actors/{shard}.log",
    benchmark:
        "benchmarks/actors/{shard}.tsv"
    params:
        actors=config["actors"],
        framing=config["framing"],
        normalise=config["clean"]["normalise"],
    script:
        "../scripts/actors.py"
