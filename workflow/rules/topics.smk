# Fit one topic model over the whole corpus from the cached embeddings (or, with
# topics.update: assign, assign new articles to the model kept from the last fit); a
# second fit with another seed measures stability. Duplicates are fitted once.
rule topics:
    input:
        articles=shards(result("clean/articles/{shard}.parquet")),
        embeddings=shards(result("embed/{shard}.parquet")),
        duplicates=result("clean/duplicates.parquet"),
        code=library("workflow/scripts/topics.py"),
    output:
        doc_topics=result("topics/doc_topics.parquet"),
        topic_info=result("topics/topic_info.parquet"),
        summary=result("topics/summary.parquet"),
        over_time=result("topics/topics_over_time.parquet"),
        per_outlet=result("topics/topics_per_outlet.parquet"),
        merges=result("topics/merges.parquet"),
        model=directory(result("topics/model")),
    log:
        log_file("topics.log"),
    benchmark:
        benchmark_file("topics.tsv")
    threads: config["threads"]
    resources:
        mem_mb=scaled(3000, 20),
        runtime=scaled(20, 1.0),
    params:
        topics=config["topics"],
        embed=config["embed"],
        count_once=config["clean"]["duplicates"]["count_once"],
        state=result("store/topics"),
    script:
        "../scripts/topics.py"
