"""Embed one shard of articles (title + body start), served from the vector cache."""

from pathlib import Path

import polars as pl

from mediaframe.io import limit_threads, step_logging, write_parquet


def main(articles_path, params, threads, output_path, log):
    with step_logging(log) as logger:
        limit_threads(threads)
        from mediaframe.embed import get_embedder
        from mediaframe.embed.cache import embed_articles

        embedder = get_embedder(params | {"threads": threads})
        frame, computed = embed_articles(
            pl.read_parquet(articles_path), embedder, Path(params["cache_dir"]), params["max_chars"]
        )
        write_parquet(frame, output_path)
        logger.info(
            "%s: %d articles, %d embedded, %d from cache",
            embedder.backend_id,
            frame.height,
            computed,
            frame.height - computed,
        )


if __name__ == "__main__":
    main(
        snakemake.input.articles,
        snakemake.params.embed,
        snakemake.threads,
        snakemake.output.embeddings,
        snakemake.log[0],
    )
