"""Embed one shard of articles, served from the content-addressed vector cache.

Inputs: the shard's cleaned articles. Output: one vector per article (doc_id,
text_hash, chunks, vector). Which text is embedded (title + lead, first characters,
chunks averaged) and the backend come from the ``embed`` config section.
"""

from pathlib import Path

import polars as pl

from mediaframe.io import Progress, limit_threads, step_logging, write_parquet

BATCH = 2000  # articles per progress step


def main(articles_path, params, threads, output_path, log):
    with step_logging(log) as logger:
        limit_threads(threads)
        from mediaframe.embed import get_embedder
        from mediaframe.embed.cache import embed_articles
        from mediaframe.embed.texts import EmbedTextSettings

        embedder = get_embedder(params | {"threads": threads})
        articles = pl.read_parquet(articles_path)
        progress = Progress(f"embed {Path(output_path).stem}", articles.height, "articles")
        frames, computed = [], 0
        for start in range(0, max(articles.height, 1), BATCH):
            part, count = embed_articles(
                articles.slice(start, BATCH),
                embedder,
                Path(params["cache_dir"]),
                text=EmbedTextSettings.from_config(params),
            )
            frames.append(part)
            computed += count
            progress.advance(part.height)
        progress.done()
        frame = pl.concat(frames, how="vertical").rechunk()
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
