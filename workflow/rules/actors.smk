# Find every actor mention (and the alias matches its context rules reject), the labels attached to actors, who speaks and which agencies are cited.
rule actors:
    input:
        sentences=result("clean/sentences/{shard}.parquet"),
        code=library("workflow/scripts/actors.py"),
    output:
        mentions=result("actors/mentions/{shard}.parquet"),
        labels=result("actors/labels/{shard}.parquet"),
        quotes=result("actors/quotes/{shard}.parquet"),
        agencies=result("actors/agencies/{shard}.parquet"),
        suggestions=result("actors/suggestions/{shard}.parquet"),
        rejected=result("actors/rejected/{shard}.parquet"),
    log:
        log_file("actors/{shard}.log"),
    benchmark:
        benchmark_file("actors/{shard}.tsv")
    threads: 1
    resources:
        mem_mb=scaled(1000, 80),
        runtime=scaled(10, 2.0),
    params:
        actors=config["actors"],
        framing=config["framing"],
        normalise=config["clean"]["normalise"],
        store=store("actors"),
    script:
        "../scripts/actors.py"
