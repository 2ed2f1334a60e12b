"""Read the coded sheets (one file per coder), check them, and derive gold labels.

Inputs: the coded files in validation.coded, the units of the coding sheet.
Outputs: every coded row (coded.parquet) and one gold label per unit (gold.parquet).
A bad sheet stops the rule with a message naming the file, the row and the fix.
"""

import polars as pl

from mediaframe.io import step_logging, write_parquet
from mediaframe.validation.coded import gold_labels, read_coded_folder


def main(files, units_path, adjudicator, output, log):
    with step_logging(log) as logger:
        units = pl.read_parquet(units_path).filter(pl.col("sampled"))
        coded = read_coded_folder(list(files), units["unit_id"])
        gold = gold_labels(coded, adjudicator)
        write_parquet(coded, output.coded)
        write_parquet(gold, output.gold)
        logger.info(
            "%d coded rows from %d files; %d units with a gold label",
            coded.height,
            len(files),
            gold.height,
        )


if __name__ == "__main__":
    main(
        list(snakemake.input.coded),
        snakemake.input.units,
        snakemake.params.adjudicator,
        snakemake.output,
        snakemake.log[0],
    )
