"""Embed one shard of articles, served from the content-addressed vector cache.

Inputs: the shard's cleaned articles. Output: one vector per article (doc_id,
text_hash, chunks, vector). Which text is embedded (title + lead, first characters,
chunks averaged) and the backend come from the ``embed`` config section.
"""

from pathlib import Path

import polars as pl

from mediaframe.io import limit_threads, step_logging, write_parquet


def main(articles_path, params, threads, output_path, log):
    with step_logging(log) as logger:
        limit_threads(threads)
        from mediaframe.embed import get_embedder
        from mediaframe.embed.cache import embed_articles
        from mediaframe.embed.texts import EmbedTextSettings

        embedder = get_embedder(params | {"threads": threads})
        frame, computed = embed_articles(
            pl.read_parquet(articles_path),
            embedder,
            Path(params["cache_dir"]),
            text=EmbedTextSettings.from_config(params),
        )
        write_parquet(frame, output_path)
        logger.info(
            "%s (%s): %d articles, %d texts embedded, the rest from the cache",
            embedder.backend_id,
            params["mode"],
            frame.height,
            computed,
        )


if __name__ == "__main__":
    main(
        snakemake.input.articles,
        snakemake.params.embed,
        snakemake.threads,
        snakemake.output.embeddings,
        snakemake.log[0],
    )
