"""Find duplicates: all article shards -> results/<corpus.name>/clean/duplicates.parquet.

Output columns: doc_id, group (canonical doc_id), kind (exact|near), similarity,
is_canonical, outlet, published, group_size; only articles that have a duplicate.
"""

from mediaframe.clean.duplicates import DuplicateSettings, find_duplicates
from mediaframe.io import read_parquets, step_logging, write_parquet


def main(article_paths, params, output, log):
    with step_logging(log) as logger:
        articles = read_parquets(article_paths).select("doc_id", "outlet", "published", "text_norm")
        duplicates = find_duplicates(articles, DuplicateSettings(**params))
        write_parquet(duplicates, output.duplicates)
        logger.info(
            "%d articles in %d duplicate groups",
            duplicates.height,
            duplicates["group"].n_unique(),
        )


if __name__ == "__main__":
    main(snakemake.input.articles, snakemake.params.duplicates, snakemake.output, snakemake.log[0])
