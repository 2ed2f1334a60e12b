"""Krippendorff's α: the project's own implementation against Krippendorff's worked
examples and, on seeded random matrices, against the ``krippendorff`` package."""

from __future__ import annotations

import numpy as np
import pytest

from mediaframe.reliability import alpha_with_interval, krippendorff_alpha

NAN = np.nan
# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", example C: four
# observers, twelve units, values 1-5, missing values.
EXAMPLE_C = np.array(
    [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, NAN, NAN, NAN],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NAN, 3],
        [NAN, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NAN],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NAN],
    ]
)


def random_matrix(rng: np.random.Generator) -> np.ndarray:
    """Coders × units codes with agreement, noise and missing values (NaN)."""
    coders, units, codes = rng.integers(2, 6), rng.integers(1, 40), rng.integers(3, 5)
    truth = rng.integers(0, codes, units)
    noise = rng.integers(0, codes, (coders, units))
    matrix = np.where(rng.random((coders, units)) < rng.random(), truth, noise).astype(float)
    matrix[rng.random((coders, units)) < rng.uniform(0.0, 0.6)] = NAN
    return matrix - 1.0 if rng.random() < 0.5 else matrix  # codes need not start at 0


def test_textbook_values():
    # Example A: binary data, two observers, no missing values.
    binary = np.array([[0, 1, 0, 0, 0, 0, 0, 0, 1, 0], [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]], float)
    assert krippendorff_alpha(binary, "nominal") == pytest.approx(0.095, abs=5e-4)
    # Example C: the paper's nominal and ordinal values.
    assert krippendorff_alpha(EXAMPLE_C, "nominal") == pytest.approx(0.743, abs=5e-4)
    assert krippendorff_alpha(EXAMPLE_C, "ordinal") == pytest.approx(0.815, abs=5e-4)


def test_undefined_and_ignored_units():
    assert krippendorff_alpha(np.array([[1.0, NAN], [NAN, 2.0]]), "nominal") is None
    assert krippendorff_alpha(np.array([[1.0, 1.0], [1.0, 1.0]]), "ordinal") is None
    assert krippendorff_alpha(np.empty((0, 0)), "nominal") is None
    assert alpha_with_interval(np.array([[2.0, 2.0], [2.0, 2.0]]), "nominal", 50, 0) == (
        None,
        None,
        None,
    )
    # A unit with a single value is not pairable: it changes nothing, even a new code.
    lone = np.column_stack([EXAMPLE_C, [NAN, 9.0, NAN, NAN]])
    for level in ("nominal", "ordinal"):
        assert krippendorff_alpha(lone, level) == pytest.approx(
            krippendorff_alpha(EXAMPLE_C, level), abs=1e-12
        )
    with pytest.raises(ValueError, match="level"):
        krippendorff_alpha(EXAMPLE_C, "interval")


@pytest.mark.parametrize("level", ["nominal", "ordinal"])
def test_alpha_equals_krippendorff_package(level):
    krippendorff = pytest.importorskip(
        "krippendorff", reason="the reference `krippendorff` package (dev extra) is not installed"
    )
    rng = np.random.default_rng(2011)
    compared = 0
    for _ in range(400):
        matrix = random_matrix(rng)
        ours = krippendorff_alpha(matrix, level)
        pairable = matrix[:, (~np.isnan(matrix)).sum(axis=0) >= 2]
        if ours is None:
            assert np.unique(pairable[~np.isnan(pairable)]).size < 2
            continue
        reference = krippendorff.alpha(reliability_data=matrix, level_of_measurement=level)
        assert ours == pytest.approx(float(reference), abs=1e-9), matrix
        compared += 1
    assert compared > 300


@pytest.mark.parametrize("level", ["nominal", "ordinal"])
def test_interval_equals_alpha_of_resampled_units(level):
    krippendorff = pytest.importorskip(
        "krippendorff", reason="the reference `krippendorff` package (dev extra) is not installed"
    )
    rng = np.random.default_rng(7)
    matrix = np.where(
        rng.random((3, 80)) < 0.7, rng.integers(0, 3, 80), rng.integers(0, 3, (3, 80))
    )
    matrix = matrix.astype(float)
    matrix[rng.random((3, 80)) < 0.3] = NAN
    point, low, high = alpha_with_interval(matrix, level, resamples=200, seed=5)
    # The reference: α recomputed by the package on each resample of the pairable units,
    # drawn with the same generator in the same order.
    values = matrix[:, (~np.isnan(matrix)).sum(axis=0) >= 2]
    draw = np.random.default_rng(5)
    draws = [
        krippendorff.alpha(
            reliability_data=values[:, draw.integers(0, values.shape[1], values.shape[1])],
            level_of_measurement=level,
        )
        for _ in range(200)
    ]
    assert point == pytest.approx(krippendorff.alpha(values, level_of_measurement=level), abs=1e-9)
    assert [low, high] == pytest.approx(list(np.percentile(draws, [2.5, 97.5])), abs=1e-9)
    assert low < point < high
