"""Simulation tests of the corrected estimator: coverage of its 95% intervals.

A synthetic corpus: articles from four outlets, each with a latent tone shared by all
its mentions (so mentions cluster), article and comment mentions, strata (outlet ×
text kind) that differ in their mix of labels, in the classifier's errors and in the
share of units coders reject as not_actor. Each repetition draws a fresh corpus and a
coded sample with the coding sheet's own sampler (square-root allocation, so
inclusion probabilities differ), and checks whether the interval covers the true
share of the process that generated the corpus.
"""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from mediaframe.validation.estimate import (
    Population,
    corrected_ratio,
    model_only,
    naive_ppi,
    quantity_values,
)
from mediaframe.validation.sample import SampleSettings, assign_strata, draw_sample

LABELS = np.array(["negative", "neutral", "positive"])
OUTLETS = np.array(["big", "mid", "small", "tiny"])
OUTLET_P = np.array([0.45, 0.3, 0.15, 0.1])
TONES = np.array([-1.0, 0.0, 1.0])
TONE_P = np.array([0.3, 0.4, 0.3])
MEAN_MENTIONS = {"article": 3.5, "comment": 0.6}  # per article, Poisson
# class logits per (outlet, kind) before the article's tone shifts them
BASE = {
    ("big", "article"): [0.0, 1.0, 0.2],
    ("big", "comment"): [1.2, 0.0, -0.5],
    ("mid", "article"): [0.6, 0.8, -0.3],
    ("mid", "comment"): [1.5, -0.2, -1.0],
    ("small", "article"): [-0.5, 0.5, 0.8],
    ("small", "comment"): [0.3, 0.3, 0.3],
    ("tiny", "article"): [0.8, 0.2, 0.0],
    ("tiny", "comment"): [1.0, 0.0, 0.5],
}
NOT_ACTOR = {"article": 0.04, "comment": 0.12}
# the classifier: probability of the right label; errors lean toward a stratum's bias
ACCURACY = {"article": 0.8, "comment": 0.45}
ERROR_BIAS = {"big": 1, "mid": 1, "small": 2, "tiny": 1}  # label the errors favour
TONE_SHIFT = 1.3


def class_probabilities(outlet: str, kind: str, tone: np.ndarray) -> np.ndarray:
    logits = np.asarray(BASE[(outlet, kind)]) + np.outer(tone, [-TONE_SHIFT, 0, TONE_SHIFT])
    weights = np.exp(logits - logits.max(axis=1, keepdims=True))
    return weights / weights.sum(axis=1, keepdims=True)


def true_share(label_index: int) -> float:
    """The share among accepted mentions the generating process implies (exact)."""
    numerator = denominator = 0.0
    for outlet, p_outlet in zip(OUTLETS, OUTLET_P, strict=True):
        for kind, mentions in MEAN_MENTIONS.items():
            p = (class_probabilities(outlet, kind, TONES) * TONE_P[:, None]).sum(axis=0)
            weight = p_outlet * mentions * (1 - NOT_ACTOR[kind])
            numerator += weight * p[label_index]
            denominator += weight
    return numerator / denominator


def synthetic_corpus(rng: np.random.Generator, articles: int = 600) -> pl.DataFrame:
    outlet = rng.choice(OUTLETS, size=articles, p=OUTLET_P)
    tone = rng.choice(TONES, size=articles, p=TONE_P)
    parts = []
    for kind, mean in MEAN_MENTIONS.items():
        counts = rng.poisson(mean, size=articles)
        article = np.repeat(np.arange(articles), counts)
        parts.append((np.full(article.size, kind), article))
    kinds = np.concatenate([k for k, _ in parts])
    article = np.concatenate([a for _, a in parts])
    gold = np.empty(article.size, dtype=object)
    model = np.empty(article.size, dtype=object)
    for o in OUTLETS:
        for kind in MEAN_MENTIONS:
            rows = np.flatnonzero((outlet[article] == o) & (kinds == kind))
            if rows.size == 0:
                continue
            p = class_probabilities(o, kind, tone[article[rows]])
            drawn = (rng.random(rows.size)[:, None] > np.cumsum(p, axis=1)).sum(axis=1)
            right = rng.random(rows.size) < ACCURACY[kind]
            biased = rng.random(rows.size) < 0.7
            wrong = np.where(
                biased & (drawn != (2 if kind == "comment" else ERROR_BIAS[o])),
                (2 if kind == "comment" else ERROR_BIAS[o]),
                (drawn + rng.integers(1, 3, rows.size)) % 3,
            )
            gold[rows] = LABELS[drawn]
            model[rows] = LABELS[np.where(right, drawn, wrong)]
            reject = rng.random(rows.size) < NOT_ACTOR[kind]
            gold[rows[reject]] = "not_actor"
    return pl.DataFrame(
        {
            "unit_id": [f"u{i:06d}" for i in range(article.size)],
            "actor": "sdf",
            "text": kinds,
            "outlet": outlet[article],
            "cluster": article.astype(str),
            "gold_hidden": gold.astype(str),
            "label": model.astype(str),
        }
    )


def one_repetition(seed: int, quantity: str, size: int = 300) -> dict[str, tuple[float, float]]:
    rng = np.random.default_rng(seed)
    corpus = assign_strata(synthetic_corpus(rng), top_outlets=2)
    sampled, _ = draw_sample(corpus, SampleSettings(size=size, top_outlets=2, seed=seed))
    coded = sampled["sampled"].to_numpy()
    gold = np.where(coded, sampled["gold_hidden"].to_numpy(), "")
    stratum = np.unique(sampled["stratum"].to_numpy(), return_inverse=True)[1]
    cluster = np.unique(sampled["cluster"].to_numpy(), return_inverse=True)[1]
    population = Population(
        stratum=stratum,
        cluster=cluster,
        coded=coded,
        gold=gold,
        model=sampled["label"].to_numpy().astype(str),
    )
    corrected = corrected_ratio(population, quantity)
    naive = naive_ppi(population, quantity)
    model = model_only(population.model, cluster, quantity, resamples=300, seed=seed)
    return {
        "corrected": (corrected.low, corrected.high),
        "naive": (naive.low, naive.high),
        "model": (model.low, model.high),
    }


def coverage(quantity: str, label_index: int, repetitions: int) -> dict[str, float]:
    truth = true_share(label_index)
    hits = {"corrected": 0, "naive": 0, "model": 0}
    for repetition in range(repetitions):
        for name, (low, high) in one_repetition(1000 + repetition, quantity).items():
            hits[name] += low <= truth <= high
    return {name: count / repetitions for name, count in hits.items()}


def test_corrected_intervals_cover_the_true_share_and_shortcuts_do_not():
    result = coverage("share_negative", 0, repetitions=1000)
    print("coverage of the true share negative over 1000 repetitions:", result)
    assert 0.93 <= result["corrected"] <= 0.97
    assert result["naive"] < 0.85
    assert result["model"] < 0.5


def test_the_simulation_has_the_features_the_estimator_must_handle():
    rng = np.random.default_rng(7)
    corpus = assign_strata(synthetic_corpus(rng), top_outlets=2)
    sampled, design = draw_sample(corpus, SampleSettings(size=300, top_outlets=2, seed=7))
    probabilities = design["inclusion_probability"].to_numpy()
    assert probabilities.max() / probabilities.min() > 2  # unequal inclusion probabilities
    assert (design["sampled"] >= 2).all() and design.height == 6
    per_article = sampled.group_by("cluster").agg(pl.len().alias("n"))["n"]
    assert per_article.mean() > 3  # mentions cluster in articles
    errors = sampled.group_by("text").agg((pl.col("gold_hidden") != pl.col("label")).mean())
    assert errors["gold_hidden"].max() - errors["gold_hidden"].min() > 0.15


@pytest.mark.parametrize("quantity", ["share_negative", "mean_score"])
def test_everything_coded_gives_the_coders_figure(quantity):
    rng = np.random.default_rng(3)
    corpus = assign_strata(synthetic_corpus(rng, articles=40), top_outlets=2)
    gold = corpus["gold_hidden"].to_numpy().astype(str)
    population = Population(
        stratum=np.unique(corpus["stratum"].to_numpy(), return_inverse=True)[1],
        cluster=np.unique(corpus["cluster"].to_numpy(), return_inverse=True)[1],
        coded=np.ones(corpus.height, dtype=bool),
        gold=gold,
        model=corpus["label"].to_numpy().astype(str),
    )
    numerator, accepted = quantity_values(gold, quantity)
    assert corrected_ratio(population, quantity).estimate == pytest.approx(
        numerator.sum() / accepted.sum()
    )
