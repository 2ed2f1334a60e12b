# Fit one topic model over the whole corpus from the cached embeddings; a second fit
# with another seed measures stability. Duplicates are fitted once (clean.duplicates.count_once).
rule topics:
    input:
        articles=shards("results/clean/articles/{shard}.parquet"),
        embeddings=shards("results/embed/{shard}.parquet"),
        duplicates="results/clean/duplicates.parquet",
        code=library("workflow/scripts/topics.py"),
    output:
        doc_topics="results/topics/doc_topics.parquet",
        topic_info="results/topics/topic_info.parquet",
        summary="results/topics/summary.parquet",
        over_time="results/topics/topics_over_time.parquet",
        per_outlet="results/topics/topics_per_outlet.parquet",
        model=directory("results/topics/model"),
    log:
        "logs/topics.log",
    benchmark:
        "benchmarks/topics.tsv"
    threads: config["threads"]
    params:
        topics=config["topics"],
        embed=config["embed"],
        count_once=config["clean"]["duplicates"]["count_once"],
    script:
        "../scripts/topics.py"
