# Score the stance each mention's context takes toward its actor.
rule score_stance:
    input:
        mentions="results/actors/mentions/{shard}.parquet",
        head=if_adapting(ADAPTED_HEAD),
        code=library("workflow/scripts/score_stance.py"),
    output:
        stance="results/stance/mentions/{shard}.parquet",
    log:
        "logs/score_stance/{shard}.log",
    benchmark:
        "benchmarks/score_stance/{shard}.tsv"
    threads: config["threads"]
    params:
        scorer=stance_settings(),
    script:
        "../scripts/score_stance.py"


# Stance per actor by text kind, comment thread, outlet, period and topic, with
# bootstrap intervals.
rule aggregate_stance:
    input:
        stance=shards("results/stance/mentions/{shard}.parquet"),
        comments=shards("results/clean/comments/{shard}.parquet"),
        doc_topics="results/topics/doc_topics.parquet",
        duplicates="results/clean/duplicates.parquet",
        code=library("workflow/scripts/aggregate_stance.py"),
    output:
        aggregates="results/stance/aggregates.parquet",
    log:
        "logs/aggregate_stance.log",
    params:
        aggregate=config["stance"]["aggregate"],
        count_once=config["clean"]["duplicates"]["count_once"],
    script:
        "../scripts/aggregate_stance.py"
