"""Agreement between coders, the model against them, and corrected stance estimates.

Inputs: scored mentions (per shard), the units and design of the coding sheet, coded
rows and gold labels, and with validation.adapt the coded units' out-of-fold labels
(crossfit.parquet). Outputs: agreement, accuracy, confusion, calibration and
estimates tables (see mediaframe.validation). With adaptation, the model against the
coders and the corrected estimates use the out-of-fold labels for the coded units, so
that no coded unit is judged or corrected by a head trained on it.
"""

import polars as pl

from mediaframe.io import read_parquets, step_logging, write_parquet
from mediaframe.validation.accuracy import accuracy_table, calibration_table, confusion_table
from mediaframe.validation.agreement import AgreementSettings, agreement_table
from mediaframe.validation.estimate import EstimateSettings, estimates_table
from mediaframe.validation.sample import unit_id_expr


def main(inputs, agreement, estimates, adjudicator, aggregate, output, log):
    with step_logging(log) as logger:
        units = pl.read_parquet(inputs.units)
        scored = read_parquets(inputs.stance).with_columns(unit_id_expr().alias("unit_id"))
        frame = (
            units.join(scored.select("unit_id", "label", "confidence"), on="unit_id", how="inner")
            .join(pl.read_parquet(inputs.gold).select("unit_id", "gold"), on="unit_id", how="left")
            .sort("unit_id")
        )
        if inputs.crossfit:
            out_of_fold = pl.read_parquet(inputs.crossfit).select(
                "unit_id",
                pl.col("label").alias("label_rectifier"),
                pl.col("confidence").alias("confidence_rectifier"),
            )
            frame = frame.join(out_of_fold, on="unit_id", how="left")
        joined = frame.filter(pl.col("gold").is_not_null())
        if inputs.crossfit:
            joined = joined.with_columns(
                pl.col("label_rectifier").fill_null(pl.col("label")).alias("label"),
                pl.col("confidence_rectifier").fill_null(pl.col("confidence")).alias("confidence"),
            )
        settings = AgreementSettings(
            bootstrap=agreement["bootstrap"],
            min_units=agreement["min_units"],
            seed=aggregate["seed"],
        )
        write_parquet(
            agreement_table(pl.read_parquet(inputs.coded), units, settings, adjudicator),
            output.agreement,
        )
        write_parquet(accuracy_table(joined), output.accuracy)
        write_parquet(confusion_table(joined), output.confusion)
        write_parquet(calibration_table(joined), output.calibration)
        table = estimates_table(
            frame,
            EstimateSettings(
                dimensions=tuple(estimates["dimensions"]),
                min_coded=estimates["min_coded"],
                min_coded_articles=estimates["min_coded_articles"],
                min_articles=aggregate["min_articles"],
                bootstrap=aggregate["bootstrap"],
                seed=aggregate["seed"],
                time_bin=aggregate["time_bin"],
            ),
        )
        write_parquet(table, output.estimates)
        logger.info(
            "%d of %d counted mentions coded; %d estimate rows",
            joined.height,
            frame.height,
            table.height,
        )


if __name__ == "__main__":
    p = snakemake.params
    main(
        snakemake.input,
        p.agreement,
        p.estimates,
        p.adjudicator,
        p.aggregate,
        snakemake.output,
        snakemake.log[0],
    )
