"""Topics over all articles from their cached embeddings: fit the model, or (with
``topics.update: assign`` and a model kept from an earlier run with the same settings)
assign new articles to it and keep the earlier assignments; save the model.

Inputs: cleaned articles and their embeddings (all shards), the duplicate groups.
Outputs: doc_topics (every article, duplicates flagged), topic_info (words as written,
NPMI, representative articles), summary (outlier shares, quality, stability, the update
mode, when the model was fitted and on how many articles), what merging to
topics.nr_topics did (merges), topics over time (with each bin's own words) and per
outlet, and the model (safetensors). The fit is kept for the next run in ``state``
(:mod:`mediaframe.topics.update`).
"""

import shutil
from pathlib import Path

import polars as pl

from mediaframe.io import limit_threads, read_parquets, step_logging, write_parquet


def main(inputs, params, threads, output, log, state):
    with step_logging(log) as logger:
        limit_threads(threads)
        from mediaframe.embed.cache import vectors_of
        from mediaframe.topics.model import (
            NO_ARTICLES_NOTE,
            fit_corpus_topics,
            no_topic_tables,
            save_labels,
            save_model,
            topic_embedder,
            topics_over_time,
            topics_per_outlet,
        )
        from mediaframe.topics.update import (
            assign_to_fit,
            fit_digest,
            fitted_assignments,
            keep_fit,
            load_fit,
            now,
            topic_settings,
            with_update_columns,
        )

        articles = read_parquets(inputs.articles).sort("doc_id")
        embeddings = read_parquets(inputs.embeddings).sort("doc_id")
        assert articles["doc_id"].equals(embeddings["doc_id"]), "articles and embeddings differ"
        mode = params.topics["update"]
        settings = topic_settings(params.topics)
        if articles.height == 0:
            for name, frame in no_topic_tables(settings).items():
                write_parquet(
                    with_update_columns(frame, mode) if name == "summary" else frame, output[name]
                )
            Path(output.model).mkdir(parents=True, exist_ok=True)
            (Path(output.model) / "labels.json").write_text("{}", encoding="utf-8")
            logger.warning("%s", NO_ARTICLES_NOTE)
            return
        duplicates = pl.read_parquet(inputs.duplicates)
        digest = fit_digest(params.topics, params.embed, params.count_once)
        kept, why = (
            load_fit(state, digest) if mode == "assign" else (None, "topics.update is refit")
        )
        if kept is not None:
            tables = assign_to_fit(
                kept, articles, embeddings, duplicates, settings, params.count_once
            )
            shutil.copytree(kept.folder / "model", output.model)
            save_labels(output.model, settings.labels)
            fit_tables, meta = (
                kept.tables,
                {"fitted_at": kept.fitted_at, "documents": kept.documents},
            )
            summary = tables["summary"].row(0, named=True)
            logger.info(
                "topics.update assign: the model fitted at %s on %d articles kept; %d of %d "
                "articles assigned to it since",
                kept.fitted_at,
                kept.documents,
                summary["assigned"],
                articles.height,
            )
        else:
            logger.info("fitting the topic model: %s", why)
            fit = fit_corpus_topics(
                articles,
                vectors_of(embeddings),
                duplicates,
                settings,
                count_once=params.count_once,
                threads=threads,
                embedder=topic_embedder(settings, params.embed | {"threads": threads}),
                cache_dir=settings.cache_dir,
            )
            summary = with_update_columns(fit.summary, mode)
            tables = {
                "doc_topics": fit.doc_topics,
                "topic_info": fit.topic_info,
                "summary": summary,
                "over_time": topics_over_time(fit.doc_topics, settings.time_bin, fit.over_time),
                "per_outlet": topics_per_outlet(fit.doc_topics),
                "merges": fit.merges,
                "assignments": fitted_assignments(fit.doc_topics, embeddings),
            }
            save_model(fit.model, output.model, settings.labels)
            fit_tables = {
                "topic_info": fit.topic_info,
                "summary": summary,
                "over_time": fit.over_time,
                "merges": fit.merges,
            }
            meta = {"fitted_at": now(), "documents": int(fit.summary["documents"][0])}
            logger.info("%s; seconds per step: %s", fit.summary.to_dicts()[0], fit.timings)
        for name in ("doc_topics", "topic_info", "summary", "merges", "over_time", "per_outlet"):
            write_parquet(tables[name], output[name])
        keep_fit(state, output.model, fit_tables, tables["assignments"], meta | {"digest": digest})


if __name__ == "__main__":
    main(
        snakemake.input,
        snakemake.params,
        snakemake.threads,
        snakemake.output,
        snakemake.log[0],
        snakemake.params.state,
    )
