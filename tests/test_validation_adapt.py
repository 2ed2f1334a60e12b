"""Adaptation of the stance head on coded units, and cross-fitting.

The cross-fitting test is built so that a head trained on a unit memorises its label
(each unit carries its own one-hot feature, and labels are random): a prediction from
a head that saw the unit would be right, one from a head that did not is a guess.
"""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from mediaframe.stance.base import LABELS
from mediaframe.stance.embedding import Reading, StanceHead, softmax_layers
from mediaframe.stance.train import fit_head
from mediaframe.validation.adapt import (
    AdaptSettings,
    Features,
    adapt_head,
    adapt_layers,
    assign_folds,
    centred_logits,
)
from mediaframe.validation.estimate import Population, corrected_ratio
from mediaframe.validation.sample import SampleSettings, assign_strata, draw_sample
from test_validation_estimator import synthetic_corpus, true_share


def base_head(dimensions: int, rng: np.random.Generator, scale: float = 0.0) -> StanceHead:
    layers = {
        language: [(rng.normal(0, scale, (dimensions, 3)), np.zeros(3))]
        for language in ("en", "ar")
    }
    return StanceHead(
        first=Reading(["window20"], {"backend": "use"}, layers),
        card={"head": "logreg"},
        second_below={"en": 0.6, "ar": 0.5},  # opaque: copied, whatever its form
    )


def first_reading(features: np.ndarray, languages: np.ndarray):
    def predict(head: StanceHead, rows: np.ndarray) -> np.ndarray:
        out = np.zeros((rows.size, 3))
        for language in np.unique(languages[rows]):
            mine = languages[rows] == language
            out[mine] = head.first.probabilities(features[rows][mine], str(language))
        return out

    return predict


def memorising_setup(units: int = 150, seed: int = 0):
    rng = np.random.default_rng(seed)
    gold = rng.choice(LABELS, size=units)
    clusters = np.array([f"a{i // 2:03d}" for i in range(units)])  # two units per article
    features = np.eye(units) * 3.0  # each unit's own feature: a head that saw it remembers it
    languages = np.full(units, "en")
    return gold, clusters, features, languages


def test_no_coded_unit_is_predicted_by_a_head_trained_on_it():
    gold, clusters, features, languages = memorising_setup()
    head = base_head(features.shape[1], np.random.default_rng(1))
    predict = first_reading(features, languages)
    result = adapt_head(
        head,
        np.array([f"u{i:03d}" for i in range(gold.size)]),
        gold,
        clusters,
        languages,
        Features(first=features),
        predict,
        AdaptSettings(folds=5, c=100.0, min_per_label=3, seed=7),
    )
    in_sample = np.array(LABELS)[predict(result.head, np.arange(gold.size)).argmax(axis=1)]
    assert (in_sample == gold).mean() > 0.95  # the full head has memorised the coded units
    crossfit = result.crossfit.sort("unit_id")
    out_of_fold = crossfit["label"].to_numpy().astype(str)
    assert (out_of_fold == gold).mean() < 0.5  # the out-of-fold ones are guesses
    folds = crossfit.with_columns(pl.Series("article", clusters))
    assert folds.group_by("article").agg(pl.col("fold").n_unique())["fold"].max() == 1
    assert sorted(set(folds["fold"])) == [0, 1, 2, 3, 4]
    summary = result.summary.row(0, named=True)
    assert summary["language"] == "all" and summary["units"] == gold.size
    assert summary["accuracy_after"] == pytest.approx((out_of_fold == gold).mean())


def test_the_adapted_layer_folds_into_one_layer_over_the_features():
    rng = np.random.default_rng(2)
    features = rng.normal(size=(90, 12))
    gold = np.array(LABELS)[rng.integers(0, 3, 90)].tolist()
    base = [(rng.normal(size=(12, 3)), rng.normal(size=3))]
    folded = adapt_layers(base, features, gold, c=1.0, seed=3)
    augmented = np.hstack([centred_logits(base, features), features])
    direct = fit_head(augmented, gold, 1.0, 3, class_weight="balanced")
    assert len(folded) == 1 and folded[0][0].shape == (12, 3)
    np.testing.assert_allclose(
        softmax_layers(folded, features), softmax_layers(direct, augmented), atol=1e-9
    )


def test_adaptation_learns_what_the_base_head_misses_and_keeps_thin_languages():
    rng = np.random.default_rng(4)
    units = 240
    signal = rng.normal(size=(units, 6))
    truth = np.array(LABELS)[signal[:, :3].argmax(axis=1)]
    languages = np.where(np.arange(units) < 230, "ar", "en")  # 10 English units: too few
    head = base_head(6, rng)
    head.first.heads["ar"] = [(-np.eye(6)[:, :3], np.zeros(3))]  # the base head reads it backwards
    clusters = np.array([f"a{i // 3:03d}" for i in range(units)])
    predict = first_reading(signal, languages)
    result = adapt_head(
        head,
        np.array([f"u{i:03d}" for i in range(units)]),
        truth,
        clusters,
        languages,
        Features(first=signal),
        predict,
        AdaptSettings(folds=5, c=1.0, min_per_label=5, seed=1),
    )
    arabic = result.summary.filter(pl.col("language") == "ar").row(0, named=True)
    assert arabic["adapted"] and arabic["macro_f1_before"] < 0.2
    assert arabic["macro_f1_after"] > 0.8
    english = result.summary.filter(pl.col("language") == "en").row(0, named=True)
    assert not english["adapted"] and "kept the base head" in english["note"]
    np.testing.assert_array_equal(result.head.first.heads["en"][0][0], head.first.heads["en"][0][0])
    assert result.head.second_below == {"en": 0.6, "ar": 0.5}


def test_the_adapted_head_saves_and_loads_as_a_head_file(tmp_path):
    rng = np.random.default_rng(5)
    features = rng.normal(size=(60, 4))
    gold = np.array(LABELS)[features[:, :3].argmax(axis=1)]
    head = base_head(4, rng, scale=0.1)
    head.second_below = 0.6
    result = adapt_head(
        head,
        np.array([f"u{i:02d}" for i in range(60)]),
        gold,
        np.array([f"a{i}" for i in range(60)]),
        np.full(60, "en"),
        Features(first=features),
        first_reading(features, np.full(60, "en")),
        AdaptSettings(folds=3, c=1.0, min_per_label=3, seed=1),
    )
    result.head.save(tmp_path / "adapted.npz")
    loaded = StanceHead.load(tmp_path / "adapted.npz")
    np.testing.assert_allclose(
        loaded.first.probabilities(features, "en"),
        result.head.first.probabilities(features, "en"),
        atol=1e-5,
    )
    assert loaded.second_below == 0.6 and "adapted" in loaded.card


def test_nothing_coded_gives_the_base_head_and_no_predictions():
    head = base_head(4, np.random.default_rng(6), scale=0.1)
    empty = np.array([], dtype=str)
    result = adapt_head(
        head,
        empty,
        empty,
        empty,
        empty,
        Features(first=np.zeros((0, 4))),
        first_reading(np.zeros((0, 4)), empty),
        AdaptSettings(),
    )
    assert result.crossfit.height == 0 and result.summary["units"].to_list() == [0]
    assert result.head.first.heads["en"][0][0] is head.first.heads["en"][0][0]


def test_folds_group_articles_and_need_two_articles():
    clusters = np.array(["a", "a", "b", "b", "c", "d", "e", "e"])
    gold = np.array(["negative", "neutral"] * 4)
    folds = assign_folds(clusters, gold, 3, 42)
    for article in set(clusters):
        assert len(set(folds[clusters == article])) == 1
    assert set(folds) == {0, 1, 2}
    assert (assign_folds(np.array(["a", "a"]), gold[:2], 5, 42) == -1).all()


# --- the corrected estimator with cross-fitted predictions ---------------------------

FOLDS = 5


def adapted_labels(
    gold: np.ndarray, model: np.ndarray, trained: np.ndarray, fix: np.ndarray
) -> np.ndarray:
    """What a head adapted on the units ``trained`` predicts: it remembers those units'
    gold labels, and fixes each other error with a chance that grows with how many
    units it saw (``fix``: a uniform draw per unit; 40% of errors fixed at 300 units)."""
    fixed = fix < 0.4 * trained.sum() / 300
    predicted = np.where(fixed & np.isin(gold, LABELS), gold, model)
    return np.where(trained & np.isin(gold, LABELS), gold, predicted)


def crossfit_repetition(seed: int) -> dict[str, bool]:
    rng = np.random.default_rng(seed)
    corpus = assign_strata(synthetic_corpus(rng), top_outlets=2)
    sampled, _ = draw_sample(corpus, SampleSettings(size=300, top_outlets=2, seed=seed))
    coded = sampled["sampled"].to_numpy()
    hidden = sampled["gold_hidden"].to_numpy().astype(str)
    model = sampled["label"].to_numpy().astype(str)
    clusters = sampled["cluster"].to_numpy().astype(str)
    fix = rng.random(coded.size)
    full = adapted_labels(hidden, model, coded, fix)
    fold = np.full(coded.size, -1)
    fold[coded] = assign_folds(clusters[coded], hidden[coded], FOLDS, seed)
    out_of_fold = full.copy()
    for k in range(FOLDS):
        held_out = fold == k
        out_of_fold[held_out] = adapted_labels(hidden, model, coded & ~held_out, fix)[held_out]
    common = {
        "stratum": np.unique(sampled["stratum"].to_numpy(), return_inverse=True)[1],
        "cluster": np.unique(clusters, return_inverse=True)[1],
        "coded": coded,
        "gold": np.where(coded, hidden, ""),
        "model": full,
    }
    truth = true_share(0)
    hits = {}
    for name, rectifier in (("cross-fitted", out_of_fold), ("in-sample", None)):
        estimate = corrected_ratio(
            Population(**common, model_rectifier=rectifier), "share_negative"
        )
        hits[name] = estimate.low <= truth <= estimate.high
    return hits


def test_cross_fitted_corrected_intervals_keep_coverage_and_in_sample_ones_do_not():
    repetitions = 300
    hits = [crossfit_repetition(2000 + r) for r in range(repetitions)]
    coverage = {name: np.mean([h[name] for h in hits]) for name in hits[0]}
    print(f"coverage of the true share negative over {repetitions} repetitions:", coverage)
    assert 0.92 <= coverage["cross-fitted"] <= 0.98
    assert coverage["in-sample"] < 0.8
