# Embed each article once; vectors are cached by backend and text hash.
rule embed:
    input:
        articles=result("clean/articles/{shard}.parquet"),
        code=library("workflow/scripts/embed.py"),
    output:
        embeddings=result("embed/{shard}.parquet"),
    log:
        log_file("embed/{shard}.log"),
    benchmark:
        benchmark_file("embed/{shard}.tsv")
    threads: config["threads"]
    resources:
        mem_mb=scaled(2000, 30),
        runtime=scaled(10, 1.0),
    params:
        embed=config["embed"],
    script:
        "../scripts/embed.py"
