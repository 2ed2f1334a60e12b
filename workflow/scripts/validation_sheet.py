"""Draw the stratified sample of mention units and write the blind coding sheet.

Inputs: mentions and sentences (per shard), duplicate groups, the codebook (Markdown).
Outputs: the sheet as UTF-8 CSV with a BOM and as XLSX, the codebook as printable
HTML, every counted unit with its stratum and inclusion probability (units.parquet),
and the design: one row per stratum (design.parquet).
"""

from pathlib import Path

import polars as pl

from mediaframe.io import read_parquets, step_logging, write_parquet
from mediaframe.validation.sample import SampleSettings, assign_strata, draw_sample, mention_units
from mediaframe.validation.sheet import codebook_html, coding_sheet, write_sheet


def main(inputs, sample, count_once, names, output, log):
    with step_logging(log) as logger:
        settings = SampleSettings(**sample)
        duplicates = pl.read_parquet(inputs.duplicates) if count_once else None
        units = assign_strata(
            mention_units(read_parquets(inputs.mentions), duplicates), settings.top_outlets
        )
        sampled, design = draw_sample(units, settings)
        sheet = coding_sheet(sampled, read_parquets(inputs.sentences), names)
        write_sheet(sheet, output.csv, output.xlsx)
        Path(output.codebook).write_text(
            codebook_html(Path(inputs.codebook).read_text(encoding="utf-8")), encoding="utf-8"
        )
        keep = ["unit_id", "actor", "text", "outlet", "outlet_group", "published", "stratum"]
        write_parquet(
            sampled.select(*keep, "cluster", "sampled", "inclusion_probability"), output.units
        )
        write_parquet(design, output.design)
        logger.info(
            "%d of %d units sampled from %d strata", sheet.height, units.height, design.height
        )


if __name__ == "__main__":
    p = snakemake.params
    main(snakemake.input, p.sample, p.count_once, p.names, snakemake.output, snakemake.log[0])
