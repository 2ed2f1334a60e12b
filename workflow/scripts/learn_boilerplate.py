"""Learn boilerplate: all document shards -> lines that recur across an outlet's pages.

Output columns: outlet, kind (line, phrase, word, template), key, example, documents,
outlet_documents, share.
"""

import polars as pl

from mediaframe.clean.boilerplate import BoilerplateSettings, learn_boilerplate
from mediaframe.io import step_logging, write_parquet


def main(document_paths, settings, comment_headings, output, log):
    with step_logging(log) as logger:
        documents = pl.scan_parquet(list(document_paths)).select(
            "doc_id", "outlet", "title", "text"
        )
        learned = learn_boilerplate(
            documents, BoilerplateSettings(**settings), list(comment_headings)
        )
        write_parquet(learned, output.boilerplate)
        kinds = dict(learned.group_by("kind").len().iter_rows())
        logger.info(
            "%d boilerplate lines and %d phrases learned; vocabulary of %d words; "
            "%d pages are a site's frame without their article",
            kinds.get("line", 0),
            kinds.get("phrase", 0),
            kinds.get("word", 0),
            kinds.get("template", 0),
        )


if __name__ == "__main__":
    main(
        snakemake.input.documents,
        snakemake.params.learn,
        snakemake.params.comment_headings,
        snakemake.output,
        snakemake.log[0],
    )
