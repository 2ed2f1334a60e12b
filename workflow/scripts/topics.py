"""Fit topics over all articles from their cached embeddings; save the model."""

import numpy as np

from mediaframe.io import limit_threads, read_parquets, step_logging, write_parquet


def main(inputs, params, threads, output, log):
    with step_logging(log) as logger:
        limit_threads(threads)
        from mediaframe.topics import (
            TopicSettings,
            fit_topics,
            save_model,
            topics_over_time,
            topics_per_outlet,
        )

        articles = read_parquets(inputs.articles).sort("doc_id")
        embeddings = read_parquets(inputs.embeddings).sort("doc_id")
        vectors = np.asarray(embeddings["vector"].to_list(), dtype=np.float32).reshape(
            embeddings.height, -1
        )
        settings = TopicSettings(
            **(params | {"labels": {int(k): v for k, v in params["labels"].items()}})
        )
        fit = fit_topics(articles, vectors, settings, threads=threads)
        write_parquet(fit.doc_topics, output.doc_topics)
        write_parquet(fit.topic_info, output.topic_info)
        write_parquet(fit.summary, output.summary)
        write_parquet(topics_over_time(fit.doc_topics, settings.time_bin), output.over_time)
        write_parquet(topics_per_outlet(fit.doc_topics), output.per_outlet)
        save_model(fit.model, output.model)
        logger.info("%s", fit.summary.to_dicts()[0])


if __name__ == "__main__":
    main(
        snakemake.input,
        snakemake.params.topics,
        snakemake.threads,
        snakemake.output,
        snakemake.log[0],
    )
