"""Krippendorff's α over a numeric reliability matrix, with a bootstrap 95% interval.

Pure statistics shared by the validation stage (coders of a researcher's sheet) and the
stance training data (the coders of the Arabic news stance data set). Computed from the
coincidence matrix (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability"),
checked against the ``krippendorff`` package in the tests.

Example:
    >>> krippendorff_alpha(np.array([[0, 1, 1], [0, 1, 0]], dtype=float), "nominal")
    0.4444444444444444
"""

from __future__ import annotations

import numpy as np


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


def pair_agreement(matrix: np.ndarray) -> float | None:
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
