# Score the stance each mention's context takes toward its actor.
rule score_stance:
    input:
        mentions=result("actors/mentions/{shard}.parquet"),
        head=if_adapting(ADAPTED_HEAD),
        code=library("workflow/scripts/score_stance.py"),
    output:
        stance=result("stance/mentions/{shard}.parquet"),
    log:
        log_file("score_stance/{shard}.log"),
    benchmark:
        benchmark_file("score_stance/{shard}.tsv")
    threads: config["threads"]
    resources:
        mem_mb=scaled(2000, 300),
        runtime=scaled(10, 10.0),
    params:
        scorer=stance_settings(),
        store=store("score_stance"),
    script:
        "../scripts/score_stance.py"


# Stance per actor by text kind, comment thread, outlet, period and topic, with
# bootstrap intervals.
rule aggregate_stance:
    input:
        stance=shards(result("stance/mentions/{shard}.parquet")),
        comments=shards(result("clean/comments/{shard}.parquet")),
        doc_topics=result("topics/doc_topics.parquet"),
        duplicates=result("clean/duplicates.parquet"),
        code=library("workflow/scripts/aggregate_stance.py"),
    output:
        aggregates=result("stance/aggregates.parquet"),
    log:
        log_file("aggregate_stance.log"),
    benchmark:
        benchmark_file("aggregate_stance.tsv")
    threads: 1
    resources:
        mem_mb=scaled(1000, 100),
        runtime=scaled(10, 0.5),
    params:
        aggregate=config["stance"]["aggregate"],
        count_once=config["clean"]["duplicates"]["count_once"],
    script:
        "../scripts/aggregate_stance.py"
