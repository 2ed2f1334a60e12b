"""Mention units, strata and the stratified random sample a coding sheet is drawn from.

A unit is one mention of one actor in one sentence, among the mentions the reports
count (:func:`mediaframe.stance.aggregate.counted_mentions`: one copy of a syndicated
story, one occurrence of a repeated sentence). Each unit gets a stable ``unit_id``
(a hash of where it is), so a coded sheet can be joined back to the corpus.

Strata are actor × text kind (article, comment) × outlet for the ``top_outlets``
outlets with the most units, plus one "other outlets" stratum per actor and kind.
The sample size is allocated to strata in proportion to a power of their size
(``allocation_power``: 1 is proportional allocation, the default 0.5 the square-root
compromise of survey practice, which gives small strata such as reader comments
or a minor actor enough coded units for their own estimate while large strata keep
most of the sample), with at least ``min_per_stratum`` units (or all of them, when a
stratum is smaller) in every non-empty stratum, so every unit has a known, non-zero inclusion probability
``n_h / N_h``. Within a stratum the units are a simple random sample without
replacement, drawn with a generator seeded by the stratum's name, so adding a
stratum does not reshuffle the others.

Example:
    >>> units = mention_units(mentions, duplicates)
    >>> units = assign_strata(units, top_outlets=5)
    >>> sampled, design = draw_sample(units, SampleSettings(size=300))
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
import polars as pl

from mediaframe.stance.aggregate import counted_mentions, group_seed

OTHER_OUTLETS = "other outlets"
DESIGN_SCHEMA: dict[str, pl.DataType] = {
    "stratum": pl.String(),
    "actor": pl.String(),
    "text": pl.String(),
    "outlet_group": pl.String(),
    "population": pl.Int64(),
    "sampled": pl.Int64(),
    "inclusion_probability": pl.Float64(),
}


@dataclass(frozen=True)
class SampleSettings:
    """The ``validation.sample`` config: how many units, how stratified, which seed."""

    size: int = 300
    top_outlets: int = 5
    min_per_stratum: int = 2
    allocation_power: float = 0.5
    seed: int = 42


def unit_id_expr() -> pl.Expr:
    """A stable id of a mention: where it is (document, part, sentence, offset, actor)."""
    return pl.concat_str(
        pl.col("doc_id"),
        pl.col("kind"),
        pl.col("comment").cast(pl.String).fill_null("-"),
        pl.col("sentence").cast(pl.String),
        pl.col("start").cast(pl.String),
        pl.col("actor"),
        separator="\x1f",
    ).map_elements(
        lambda key: "u" + hashlib.blake2b(key.encode("utf-8"), digest_size=6).hexdigest(),
        return_dtype=pl.String,
    )


def text_kind_expr() -> pl.Expr:
    """``comment`` for reader comments, ``article`` for every part of an article."""
    return (
        pl.when(pl.col("kind") == "comment")
        .then(pl.lit("comment"))
        .otherwise(pl.lit("article"))
        .alias("text")
    )


def mention_units(mentions: pl.DataFrame, duplicates: pl.DataFrame | None) -> pl.DataFrame:
    """The counted mentions with ``unit_id``, ``text`` (article / comment) and
    ``cluster`` (the article, which its comments belong to), sorted by ``unit_id``."""
    return (
        counted_mentions(mentions, duplicates)
        .with_columns(unit_id_expr().alias("unit_id"), text_kind_expr())
        .sort("unit_id")
    )


def assign_strata(units: pl.DataFrame, top_outlets: int) -> pl.DataFrame:
    """Add ``outlet_group`` (the outlet when it is one of the ``top_outlets`` with the
    most units, else "other outlets") and ``stratum`` (actor | text | outlet group)."""
    ranked = (
        units.group_by("outlet")
        .agg(pl.len().alias("_units"))
        .sort(["_units", "outlet"], descending=[True, False], nulls_last=True)
        .head(top_outlets)["outlet"]
        .to_list()
    )
    return units.with_columns(
        pl.when(pl.col("outlet").is_in(ranked) & pl.col("outlet").is_not_null())
        .then(pl.col("outlet"))
        .otherwise(pl.lit(OTHER_OUTLETS))
        .alias("outlet_group")
    ).with_columns(pl.concat_str("actor", "text", "outlet_group", separator=" | ").alias("stratum"))


def allocate(population: np.ndarray, size: int, minimum: int, power: float = 1.0) -> np.ndarray:
    """Units to draw per stratum: proportional to ``population ** power``, at least
    ``minimum`` (or the whole stratum when smaller), at most the stratum, summing to
    ``size`` when ``size`` lies between the floors' sum and the population.

    Example:
        >>> allocate(np.array([100, 10, 1]), 20, 2).tolist()
        [17, 2, 1]
    """
    population = np.asarray(population, dtype=np.int64)
    floor = np.minimum(population, minimum)
    target = int(np.clip(size, floor.sum(), population.sum()))
    weight = population.astype(np.float64) ** power

    def filled(scale: float) -> np.ndarray:
        return np.clip(scale * weight, floor, population)

    low, high = 0.0, 1.0
    while filled(high).sum() < target:
        high *= 2
    for _ in range(100):  # bisection: the scale at which the clipped shares sum to target
        middle = (low + high) / 2
        low, high = (middle, high) if filled(middle).sum() < target else (low, middle)
    share = filled(high)
    counts = np.floor(share).astype(np.int64)
    remainder = share - counts
    for index in np.argsort(-remainder, kind="stable"):  # largest remainders first
        if counts.sum() >= target:
            break
        if counts[index] < population[index]:
            counts[index] += 1
    return counts


def draw_sample(units: pl.DataFrame, settings: SampleSettings) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Draw the stratified sample from ``units`` (with a ``stratum`` column).

    Returns the units with ``sampled`` (bool) and ``inclusion_probability`` added,
    and the design: one row per stratum with its population, sample size and
    inclusion probability.
    """
    sizes = units.group_by("stratum").agg(pl.len().alias("population")).sort("stratum")
    counts = allocate(
        sizes["population"].to_numpy(),
        settings.size,
        settings.min_per_stratum,
        settings.allocation_power,
    )
    sizes = sizes.with_columns(pl.Series("sampled", counts, dtype=pl.Int64))
    chosen: list[str] = []
    ids = units.sort("unit_id").group_by("stratum", maintain_order=True).agg("unit_id")
    wanted = dict(sizes.select("stratum", "sampled").iter_rows())
    for stratum, members in ids.iter_rows():
        rng = np.random.default_rng(group_seed(settings.seed, stratum))
        picks = rng.choice(len(members), size=wanted[stratum], replace=False)
        chosen.extend(members[i] for i in np.sort(picks))
    first = units.select("stratum", "actor", "text", "outlet_group").unique("stratum")
    design = (
        sizes.join(first, on="stratum", how="left")
        .with_columns((pl.col("sampled") / pl.col("population")).alias("inclusion_probability"))
        .select(list(DESIGN_SCHEMA))
        .cast(DESIGN_SCHEMA)
        .sort("stratum")
    )
    sampled = units.with_columns(pl.col("unit_id").is_in(chosen).alias("sampled")).join(
        design.select("stratum", "inclusion_probability"), on="stratum", how="left"
    )
    return sampled.sort("unit_id"), design
