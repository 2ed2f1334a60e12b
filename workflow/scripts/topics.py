"""Fit topics over all articles from their cached embeddings; save the model.

Inputs: cleaned articles and their embeddings (all shards), the duplicate groups.
Outputs: doc_topics (every article, duplicates flagged), topic_info (words as written,
NPMI, representative articles), summary (outlier shares, quality, stability), what
merging to topics.nr_topics did (merges), topics over time (with each bin's own words)
and per outlet, and the model (safetensors).
"""

from pathlib import Path

import polars as pl

from mediaframe.io import limit_threads, read_parquets, step_logging, write_parquet


def main(inputs, params, threads, output, log):
    with step_logging(log) as logger:
        limit_threads(threads)
        from mediaframe.embed.cache import vectors_of
        from mediaframe.topics.model import (
            NO_ARTICLES_NOTE,
            TopicSettings,
            fit_corpus_topics,
            no_topic_tables,
            save_model,
            topic_embedder,
            topics_over_time,
            topics_per_outlet,
        )

        articles = read_parquets(inputs.articles).sort("doc_id")
        embeddings = read_parquets(inputs.embeddings).sort("doc_id")
        assert articles["doc_id"].equals(embeddings["doc_id"]), "articles and embeddings differ"
        settings = TopicSettings.from_config(params.topics)
        if articles.height == 0:
            for name, frame in no_topic_tables(settings).items():
                write_parquet(frame, output[name])
            Path(output.model).mkdir(parents=True, exist_ok=True)
            (Path(output.model) / "labels.json").write_text("{}", encoding="utf-8")
            logger.warning("%s", NO_ARTICLES_NOTE)
            return
        fit = fit_corpus_topics(
            articles,
            vectors_of(embeddings),
            pl.read_parquet(inputs.duplicates),
            settings,
            count_once=params.count_once,
            threads=threads,
            embedder=topic_embedder(settings, params.embed | {"threads": threads}),
            cache_dir=settings.cache_dir,
        )
        write_parquet(fit.doc_topics, output.doc_topics)
        write_parquet(fit.topic_info, output.topic_info)
        write_parquet(fit.summary, output.summary)
        write_parquet(fit.merges, output.merges)
        write_parquet(
            topics_over_time(fit.doc_topics, settings.time_bin, fit.over_time), output.over_time
        )
        write_parquet(topics_per_outlet(fit.doc_topics), output.per_outlet)
        save_model(fit.model, output.model, settings.labels)
        logger.info("%s; seconds per step: %s", fit.summary.to_dicts()[0], fit.timings)


if __name__ == "__main__":
    main(
        snakemake.input,
        snakemake.params,
        snakemake.threads,
        snakemake.output,
        snakemake.log[0],
    )
