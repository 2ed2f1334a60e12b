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

import hashlib
from dataclasses import dataclass

import numpy as np
import polars as pl

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


def _value_counts(matrix: np.ndarray) -> np.ndarray:
    """Units × codes: how many coders gave each code (sorted) to each unit."""
    codes = np.unique(matrix[~np.isnan(matrix)])
    return (matrix.T[:, :, np.newaxis] == codes).sum(axis=1).astype(float)


def _squared_distances(totals: np.ndarray, level: str) -> np.ndarray:
    """δ²(c, k) for each row of code totals ``n_c`` (rows × codes → rows × codes × codes)."""
    size = totals.shape[-1]
    if level == "nominal":
        return np.broadcast_to(1.0 - np.eye(size), (*totals.shape[:-1], size, size))
    if level != "ordinal":
        raise ValueError(f"level must be 'nominal' or 'ordinal', not {level!r}")
    through = np.cumsum(totals, axis=-1)  # Σ n_g for g ≤ c
    before = through - totals  # Σ n_g for g < c
    index = np.arange(size)
    low, high = np.minimum.outer(index, index), np.maximum.outer(index, index)
    between = through[..., high] - before[..., low]  # Σ n_g for g from c to k
    return (between - (totals[..., :, np.newaxis] + totals[..., np.newaxis, :]) / 2) ** 2


def _alpha_from_coincidences(o: np.ndarray, level: str) -> np.ndarray:
    """α for each of a stack of coincidence matrices (NaN where α is undefined)."""
    totals = o.sum(axis=-1)  # n_c
    n = totals.sum(axis=-1)
    delta = _squared_distances(totals, level)
    observed = (o * delta).sum(axis=(-2, -1))
    expected = (totals[:, :, np.newaxis] * totals[:, np.newaxis, :] * delta).sum(axis=(-2, -1))
    defined = (totals > 0).sum(axis=-1) >= 2  # without variation, D_e = 0
    alpha = np.full(o.shape[0], np.nan)
    alpha[defined] = 1.0 - (n[defined] - 1.0) * observed[defined] / expected[defined]
    return alpha


def _unit_coincidences(matrix: np.ndarray) -> np.ndarray:
    """Each pairable unit's contribution to the coincidence matrix (units × codes × codes).

    A unit coded ``m_u`` times adds ``(n_uc · n_uk − [c = k] · n_uc) / (m_u − 1)`` to
    ``o_ck``; units with fewer than two values add nothing and are dropped.
    """
    counts = _value_counts(matrix)
    coded = counts.sum(axis=1)
    counts, coded = counts[coded >= 2], coded[coded >= 2]
    pairs = counts[:, :, np.newaxis] * counts[:, np.newaxis, :]
    pairs -= counts[:, :, np.newaxis] * np.eye(counts.shape[1])
    return pairs / (coded - 1.0)[:, np.newaxis, np.newaxis]


def krippendorff_alpha(matrix: np.ndarray, level: str) -> float | None:
    """Krippendorff's α of a coders × units matrix, nominal or ordinal.

    The computation follows Krippendorff (2011), "Computing Krippendorff's
    Alpha-Reliability" (Annenberg School for Communication, University of
    Pennsylvania), through the coincidence matrix. Within each unit ``u`` with
    ``m_u ≥ 2`` values, every ordered pair of values from different coders adds
    ``1 / (m_u − 1)`` to ``o_ck``; units with fewer than two values are ignored.
    With ``n_c = Σ_k o_ck`` and ``n = Σ_c n_c``::

        α = 1 − D_o / D_e = 1 − (n − 1) · Σ_ck o_ck δ²(c, k) / Σ_ck n_c n_k δ²(c, k)

    where nominal ``δ²(c, k) = [c ≠ k]`` and ordinal
    ``δ²(c, k) = (Σ_{g=c..k} n_g − (n_c + n_k) / 2)²`` over the codes in numeric order.

    Args:
        matrix: Coders × units, numeric codes, NaN where a coder did not code a unit
            (as :func:`reliability_matrix` builds it).
        level: ``"nominal"`` or ``"ordinal"``.

    Returns:
        α, or None when it is undefined: no unit has two values, or the paired values
        show no variation (a single code).

    Raises:
        ValueError: An unknown ``level``.

    Example:
        >>> round(krippendorff_alpha(np.array([[0, 1, 1, np.nan], [0, 1, 0, 1]]), "nominal"), 4)
        0.4444
    """
    contributions = _unit_coincidences(np.asarray(matrix, dtype=float))
    if contributions.shape[0] == 0:
        return None
    alpha = _alpha_from_coincidences(contributions.sum(axis=0, keepdims=True), level)[0]
    return None if np.isnan(alpha) else float(alpha)


def _pair_agreement(matrix: np.ndarray) -> float | None:
    counts = _value_counts(matrix)
    coded = counts.sum(axis=1)
    pairs = (coded * (coded - 1.0)).sum()  # ordered pairs of values within units
    return float((counts * (counts - 1.0)).sum() / pairs) if pairs else None


def alpha_with_interval(
    matrix: np.ndarray, level: str, resamples: int, seed: int
) -> tuple[float | None, float | None, float | None]:
    """α and its percentile bootstrap 95% interval (units resampled with replacement).

    Only pairable units (two or more values) are resampled. Each unit's contribution
    to the coincidence matrix is computed once; a resample is then the sum of those
    contributions weighted by how often it drew each unit. Resamples where α is
    undefined are left out; with fewer than half of them left, there is no interval.

    Args:
        matrix: Coders × units, NaN where missing (see :func:`reliability_matrix`).
        level: ``"nominal"`` or ``"ordinal"``.
        resamples: Bootstrap resamples.
        seed: Seed of the resampling generator.

    Returns:
        α, the 2.5th and the 97.5th percentile of the resampled α (each None when
        undefined).
    """
    point = krippendorff_alpha(matrix, level)
    if point is None:
        return None, None, None
    contributions = _unit_coincidences(np.asarray(matrix, dtype=float))
    units, codes = contributions.shape[:2]
    rng = np.random.default_rng(seed)
    weights = np.empty((resamples, units))  # how often each resample drew each unit
    for draw in range(resamples):
        weights[draw] = np.bincount(rng.integers(0, units, units), minlength=units)
    resampled = (weights @ contributions.reshape(units, -1)).reshape(resamples, codes, codes)
    draws = _alpha_from_coincidences(resampled, level)
    kept = draws[~np.isnan(draws)]
    if kept.size == 0 or kept.size < resamples / 2:
        return point, None, None
    low, high = np.percentile(kept, [2.5, 97.5])
    return point, float(low), float(high)


def _seed(seed: int, *key: str) -> int:
    digest = hashlib.blake2b("\x1f".join(key).encode("utf-8"), digest_size=8).digest()
    return seed ^ int.from_bytes(digest, "big")


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
                    matrix, level, settings.bootstrap, _seed(settings.seed, actor, level)
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
                    "observed_agreement": _pair_agreement(matrix) if units else None,
                }
            )
    return pl.DataFrame(rows, schema=AGREEMENT_SCHEMA)
