"""Agreement between coders: Krippendorff's α with a bootstrap 95% interval.

α is computed by :func:`krippendorff_alpha` (the project's own implementation, checked
against the ``krippendorff`` package in the tests) on the units at least two coders
coded, before adjudication (the adjudicator's rows are left out), nominal over the four
labels and ordinal over negative < neutral < positive (``not_actor`` is then missing: it
is not on the scale). The interval resamples units with replacement.

Example:
    >>> agreement_table(coded, actors, AgreementSettings(bootstrap=1000, min_units=20))
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from mediaframe.reliability import alpha_with_interval, pair_agreement
from mediaframe.stance.aggregate import group_seed
from mediaframe.validation import CODED_LABELS, STANCE_ORDER

AGREEMENT_SCHEMA: dict[str, pl.DataType] = {
    "actor": pl.String(),  # "all" for every actor together
    "level": pl.String(),  # nominal or ordinal
    "units": pl.Int64(),  # units coded by at least two coders
    "coders": pl.Int64(),
    "alpha": pl.Float64(),
    "ci_low": pl.Float64(),
    "ci_high": pl.Float64(),
    "observed_agreement": pl.Float64(),  # share of coder pairs that agree
}
LEVELS = {
    "nominal": {label: float(i) for i, label in enumerate(CODED_LABELS)},
    "ordinal": STANCE_ORDER,
}


@dataclass(frozen=True)
class AgreementSettings:
    """``validation.agreement``: bootstrap resamples, the fewest units for a per-actor α."""

    bootstrap: int = 1000
    min_units: int = 20
    seed: int = 42


def reliability_matrix(coded: pl.DataFrame, level: str) -> tuple[np.ndarray, list[str]]:
    """Coders × units matrix of numeric codes (NaN where a coder did not code a unit)."""
    codes = LEVELS[level]
    coders = sorted(set(coded["coder"]))
    units = sorted(set(coded["unit_id"]))
    matrix = np.full((len(coders), len(units)), np.nan)
    row = {c: i for i, c in enumerate(coders)}
    column = {u: i for i, u in enumerate(units)}
    for unit, coder, label in coded.select("unit_id", "coder", "label").iter_rows():
        if label in codes:
            matrix[row[coder], column[unit]] = codes[label]
    return matrix, units


def agreement_table(
    coded: pl.DataFrame,
    unit_actors: pl.DataFrame,
    settings: AgreementSettings,
    adjudicator: str | None = None,
) -> pl.DataFrame:
    """α overall and per actor with at least ``min_units`` doubly coded units.

    ``unit_actors`` maps ``unit_id`` to ``actor``.
    """
    votes = coded.filter(pl.col("coder") != (adjudicator or "\x00")).join(
        unit_actors.select("unit_id", "actor"), on="unit_id", how="left"
    )
    multiple = votes.filter(pl.col("coder").n_unique().over("unit_id") >= 2)
    groups = [("all", multiple)]
    for actor in sorted(set(multiple["actor"].drop_nulls())):
        subset = multiple.filter(pl.col("actor") == actor)
        if subset["unit_id"].n_unique() >= settings.min_units:
            groups.append((actor, subset))
    rows = []
    for actor, subset in groups:
        for level in LEVELS:
            matrix, units = (
                reliability_matrix(subset, level) if subset.height else (np.empty((0, 0)), [])
            )
            alpha, low, high = (
                alpha_with_interval(
                    matrix, level, settings.bootstrap, group_seed(settings.seed, actor, level)
                )
                if units
                else (None, None, None)
            )
            pairable = int(((~np.isnan(matrix)).sum(axis=0) >= 2).sum()) if units else 0
            rows.append(
                {
                    "actor": actor,
                    "level": level,
                    "units": pairable,
                    "coders": subset["coder"].n_unique(),
                    "alpha": alpha,
                    "ci_low": low,
                    "ci_high": high,
                    "observed_agreement": pair_agreement(matrix) if units else None,
                }
            )
    return pl.DataFrame(rows, schema=AGREEMENT_SCHEMA)
