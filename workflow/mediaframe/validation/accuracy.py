"""The model against the coders: accuracy, macro-F1, confusion matrices, calibration.

Computed on the coded units whose gold label is a stance (units the coders marked
``not_actor`` are counted apart: the model gives every unit a stance). Figures are
for the coded sample; ``weighted_accuracy`` weights each unit by the inverse of its
inclusion probability, which estimates the accuracy over all counted mentions when
the strata were sampled at different rates.

Example:
    >>> accuracy_table(joined)   # joined: gold, label, confidence, actor, outlet, π
"""

from __future__ import annotations

import numpy as np
import polars as pl

from mediaframe.stance.base import LABELS

ACCURACY_SCHEMA: dict[str, pl.DataType] = {
    "dimension": pl.String(),  # overall, actor, outlet
    "group": pl.String(),
    "units": pl.Int64(),  # coded units with a stance gold label
    "not_actor": pl.Int64(),  # coded units the coders marked not_actor
    "accuracy": pl.Float64(),
    "weighted_accuracy": pl.Float64(),
    "macro_f1": pl.Float64(),
}
CONFUSION_SCHEMA: dict[str, pl.DataType] = {
    "actor": pl.String(),
    "gold": pl.String(),
    "model": pl.String(),
    "units": pl.Int64(),
}
CALIBRATION_SCHEMA: dict[str, pl.DataType] = {
    "bin_low": pl.Float64(),
    "bin_high": pl.Float64(),
    "units": pl.Int64(),
    "mean_confidence": pl.Float64(),
    "accuracy": pl.Float64(),
}


def macro_f1(gold: np.ndarray, predicted: np.ndarray) -> float:
    """Mean F1 over the three stance labels (a label absent from both counts as 0)."""
    scores = []
    for label in LABELS:
        tp = np.sum((gold == label) & (predicted == label))
        fp = np.sum((gold != label) & (predicted == label))
        fn = np.sum((gold == label) & (predicted != label))
        scores.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return float(np.mean(scores))


def accuracy_table(joined: pl.DataFrame) -> pl.DataFrame:
    """Accuracy and macro-F1 overall, per actor and per outlet."""
    rows = []
    frame = joined.with_columns(pl.lit("all").alias("overall"))
    for dimension, column in (("overall", "overall"), ("actor", "actor"), ("outlet", "outlet")):
        for part in frame.sort(column, nulls_last=True).partition_by(column, maintain_order=True):
            group = part[column][0]
            gold, model = part["gold"].to_numpy(), part["label"].to_numpy()
            weights = 1.0 / part["inclusion_probability"].to_numpy().astype(np.float64)
            stance = gold != "not_actor"
            correct = (gold == model)[stance]
            rows.append(
                {
                    "dimension": dimension,
                    "group": "(none)" if group is None else str(group),
                    "units": int(stance.sum()),
                    "not_actor": int((~stance).sum()),
                    "accuracy": float(correct.mean()) if stance.any() else None,
                    "weighted_accuracy": float(np.average(correct, weights=weights[stance]))
                    if stance.any()
                    else None,
                    "macro_f1": macro_f1(gold[stance], model[stance]) if stance.any() else None,
                }
            )
    return pl.DataFrame(rows, schema=ACCURACY_SCHEMA)


def confusion_table(joined: pl.DataFrame) -> pl.DataFrame:
    """Counts of gold × model labels, per actor and for all actors (``actor`` "all");
    every cell present, zeros included."""
    gold_labels = [*LABELS, "not_actor"]
    actors = ["all", *sorted(set(joined["actor"].drop_nulls()))]
    grid = pl.DataFrame(
        [(a, g, m) for a in actors for g in gold_labels for m in LABELS],
        schema=["actor", "gold", "model"],
        orient="row",
    )
    counts = (
        pl.concat(
            [
                joined.select("actor", "gold", pl.col("label").alias("model")),
                joined.select(pl.lit("all").alias("actor"), "gold", pl.col("label").alias("model")),
            ]
        )
        .group_by("actor", "gold", "model")
        .agg(pl.len().cast(pl.Int64).alias("units"))
    )
    return (
        grid.join(counts, on=["actor", "gold", "model"], how="left")
        .with_columns(pl.col("units").fill_null(0))
        .cast(CONFUSION_SCHEMA)
    )


def calibration_table(joined: pl.DataFrame, bins: int = 6) -> pl.DataFrame:
    """Accuracy of the model's label per bin of its confidence (stance gold only).

    The bins split [1/3, 1] evenly: a three-way winner is never less sure than 1/3.
    """
    stance = joined.filter(pl.col("gold") != "not_actor")
    edges = np.linspace(1 / 3, 1, bins + 1)
    confidence = stance["confidence"].to_numpy().astype(np.float64)
    correct = (stance["gold"] == stance["label"]).to_numpy()
    which = np.clip(np.searchsorted(edges, confidence, side="right") - 1, 0, bins - 1)
    rows = []
    for index in range(bins):
        inside = which == index
        rows.append(
            {
                "bin_low": float(edges[index]),
                "bin_high": float(edges[index + 1]),
                "units": int(inside.sum()),
                "mean_confidence": float(confidence[inside].mean()) if inside.any() else None,
                "accuracy": float(correct[inside].mean()) if inside.any() else None,
            }
        )
    return pl.DataFrame(rows, schema=CALIBRATION_SCHEMA)
