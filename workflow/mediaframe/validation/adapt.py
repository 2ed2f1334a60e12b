"""Adaptation: the coded units join the stance head's training data, with cross-fitting.

A user's machine has no training corpora, so the head is adapted rather than retrained:
for each language with coded units, a new logistic-regression layer reads the base
head's centred log-probabilities (its logits less their mean over the three labels,
the same as the log-probabilities up to a per-mention constant) beside the reading's
own features, with classes balanced and L2 regularisation (``validation.adaptation.C``).
The base head is thus a prior the coded units correct, not something they replace: with
few coded units the new layer leans on the base head's logits. Because the base layer
is linear, the new layer folds back into one layer over the features, so the adapted
head has the base head's shape, views and embedders and is saved with
:meth:`~mediaframe.stance.embedding.StanceHead.save`; ``score_stance`` reads it like
any head file. Both readings are adapted (the second reads both readings' features);
the threshold of the second reading is copied from the base head unchanged. A language
whose coded units lack ``min_per_label`` units of each stance label keeps its base
layers; units the coders marked ``not_actor`` carry no stance and train nothing.

Cross-fitting (cross-prediction-powered inference, Zrnic & Candès, PNAS 2024): the
coded units are split into ``folds`` folds grouped by article (a unit's article-mates
are in its fold), stratified by gold label, seeded; each fold is predicted by a head
adapted on the other folds only, so no coded unit's prediction comes from a head
trained on it. These out-of-fold predictions are what the validation report compares
with the coders ("after"; "before" is the base head, which never saw the coded units)
and what the corrected estimates use for the coded units (their rectifier and their
term of the population sum), while every other mention keeps the label of the head
adapted on all coded units. The predictions run through
:meth:`~mediaframe.stance.embedding.EmbeddingScorer.probabilities` (the same two
readings as ``score_stance``).

Example:
    >>> result = adapt_head(base, gold, clusters, languages, features, predict, AdaptSettings())
    >>> result.head.save(Path("results/validation/adapted_head.npz"))
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np
import polars as pl

from mediaframe.errors import MediaframeError
from mediaframe.stance.base import LABELS
from mediaframe.stance.embedding import Layers, Reading, StanceHead
from mediaframe.stance.train import fit_head
from mediaframe.validation.accuracy import macro_f1

CROSSFIT_SCHEMA: dict[str, pl.DataType] = {
    "unit_id": pl.String(),
    "language": pl.String(),
    "fold": pl.Int64(),  # -1: no cross-fitting possible; the base head predicted it
    "gold": pl.String(),
    "base_label": pl.String(),  # the base head's label ("before")
    "base_confidence": pl.Float64(),
    "label": pl.String(),  # the out-of-fold adapted head's label ("after")
    "confidence": pl.Float64(),
}
ADAPTATION_SCHEMA: dict[str, pl.DataType] = {
    "language": pl.String(),  # "all" for every language together
    "units": pl.Int64(),  # coded units with a stance gold label
    "adapted": pl.Boolean(),  # this language's head was adapted (else the base head is kept)
    "note": pl.String(),
    "accuracy_before": pl.Float64(),
    "macro_f1_before": pl.Float64(),
    "accuracy_after": pl.Float64(),
    "macro_f1_after": pl.Float64(),
    "folds": pl.Int64(),
}

Predict = Callable[[StanceHead, np.ndarray], np.ndarray]
"""Class probabilities (rows × 3, ``LABELS`` order) of a head for some coded units."""


@dataclass(frozen=True)
class AdaptSettings:
    """``validation.adaptation``: folds, the L2 strength, the fewest units per label."""

    folds: int = 5
    c: float = 0.3
    min_per_label: int = 3
    seed: int = 42


@dataclass
class Features:
    """Each coded unit's features per reading: the first reading's, and the second
    reading's own (None when the second reading is off; its head reads both)."""

    first: np.ndarray
    second: np.ndarray | None = None

    def of(self, reading: str) -> np.ndarray:
        if reading == "first":
            return self.first
        assert self.second is not None
        return np.hstack([self.first, self.second])


@dataclass
class Adaptation:
    """The head adapted on every coded unit, the cross-fitted predictions, the summary."""

    head: StanceHead
    crossfit: pl.DataFrame
    summary: pl.DataFrame
    notes: dict[str, str] = field(default_factory=dict)


def assign_folds(clusters: np.ndarray, gold: np.ndarray, folds: int, seed: int) -> np.ndarray:
    """A fold per unit, grouped by article (``clusters``) and stratified by ``gold``.

    Returns -1 for every unit when fewer than two articles are coded (nothing can be
    held out); with fewer articles than ``folds``, one fold per article.

    Example:
        >>> assign_folds(np.array(["a", "a", "b", "c"]), np.array(["neutral"] * 4), 3, 42)
        array([...])  # units of article "a" share a fold
    """
    from sklearn.model_selection import StratifiedGroupKFold

    articles = np.unique(clusters)
    k = min(folds, articles.size)
    assigned = np.full(clusters.size, -1, dtype=np.int64)
    if k < 2:
        return assigned
    splitter = StratifiedGroupKFold(k, shuffle=True, random_state=seed)
    with warnings.catch_warnings():  # a label rarer than k: fine, the folds still split
        warnings.simplefilter("ignore", UserWarning)
        for index, (_, held_out) in enumerate(splitter.split(clusters, gold, clusters)):
            assigned[held_out] = index
    return assigned


def centred_logits(layers: Layers, features: np.ndarray) -> np.ndarray:
    """The base layer's logits less their mean over the labels (log-probabilities up to
    a per-row constant)."""
    weight, bias = _single_layer(layers)
    logits = features @ weight + bias
    return logits - logits.mean(axis=1, keepdims=True)


def _single_layer(layers: Layers) -> tuple[np.ndarray, np.ndarray]:
    if len(layers) != 1:
        raise MediaframeError(
            f"validation.adapt needs a stance head with one linear layer per language (a "
            f"logistic regression, as `make train-stance` writes); this head has {len(layers)} "
            "layers. Fix: set validation.adapt to false, or adapt a logistic-regression head."
        )
    return layers[0]


def adapt_layers(
    base: Layers, features: np.ndarray, gold: list[str], c: float, seed: int
) -> Layers:
    """One layer fitted on [base centred logits, features] (balanced classes, L2), folded
    back into one layer over ``features``.

    With ``A`` the weights on the centred logits and ``B`` on the features, the new
    logits are ``(x W0 + b0) P A + x B + c`` with ``P = I − 11ᵀ/3``, that is
    ``x (W0 P A + B) + (b0 P A + c)``.
    """
    weight, bias = _single_layer(base)
    centring = np.eye(len(LABELS)) - 1.0 / len(LABELS)
    augmented = np.hstack([centred_logits(base, features), features])
    [(fitted, intercept)] = fit_head(augmented, gold, c, seed, class_weight="balanced")
    on_logits, on_features = fitted[: len(LABELS)], fitted[len(LABELS) :]
    return [(weight @ centring @ on_logits + on_features, bias @ centring @ on_logits + intercept)]


def _label_counts(gold: np.ndarray) -> dict[str, int]:
    return {label: int((gold == label).sum()) for label in LABELS}


def adapted_head(
    base: StanceHead,
    features: Features,
    gold: np.ndarray,
    languages: np.ndarray,
    rows: np.ndarray,
    settings: AdaptSettings,
) -> tuple[StanceHead, dict[str, str]]:
    """The base head adapted on the coded units ``rows`` (a boolean mask); a note per
    language saying what was done."""
    readings: dict[str, Reading | None] = {"first": base.first, "second": base.second}
    notes: dict[str, str] = {}
    new_heads: dict[str, dict[str, Layers]] = {
        name: dict(r.heads) for name, r in readings.items() if r is not None
    }
    for language in sorted(set(languages[rows])):
        mine = rows & (languages == language) & np.isin(gold, LABELS)
        counts = _label_counts(gold[mine])
        if min(counts.values()) < settings.min_per_label:
            notes[language] = (
                "kept the base head: "
                + ", ".join(f"{n} {label}" for label, n in counts.items())
                + f" coded units (at least {settings.min_per_label} of each label are needed)"
            )
            continue
        labels = gold[mine].tolist()
        for name, reading in readings.items():
            if reading is None or (name == "second" and features.second is None):
                continue
            layers = reading.heads.get(language, reading.heads["en"])
            new_heads[name][language] = adapt_layers(
                layers, features.of(name)[mine], labels, settings.c, settings.seed
            )
        notes[language] = "adapted on " + ", ".join(f"{n} {lab}" for lab, n in counts.items())
    adapted = {
        name: Reading(r.views, r.embedder, new_heads[name])
        for name, r in readings.items()
        if r is not None
    }
    card = dict(base.card) | {
        "adapted": {
            "coded_units": {lang: note for lang, note in notes.items()},
            "C": settings.c,
            "class_weight": "balanced",
            "method": "logistic regression on [base centred logits, features], folded into one layer",
        }
    }
    return (
        replace(base, first=adapted["first"], second=adapted.get("second"), card=card),
        notes,
    )


def adapt_head(
    base: StanceHead,
    unit_ids: np.ndarray,
    gold: np.ndarray,
    clusters: np.ndarray,
    languages: np.ndarray,
    features: Features,
    predict: Predict,
    settings: AdaptSettings,
) -> Adaptation:
    """Adapt ``base`` on the coded units and cross-fit their predictions.

    Args:
        base: The head adaptation starts from (the shipped or configured one).
        unit_ids, gold, clusters, languages: Per coded unit: its id, the coders' gold
            label (``not_actor`` included), its article, the language of its heads.
        features: The units' features per reading (as the base head's readings embed them).
        predict: Class probabilities of a head for the units at some row indices (the
            scorer's two readings).
        settings: Folds, C, the fewest units per label, the seed.

    Returns:
        The head adapted on every coded unit, one row per unit with the base head's and
        the out-of-fold label, and the agreement before and after per language.
    """
    everything = np.ones(gold.size, dtype=bool)
    head, notes = adapted_head(base, features, gold, languages, everything, settings)
    fold = assign_folds(clusters, gold, settings.folds, settings.seed)
    base_p = predict(base, np.arange(gold.size)) if gold.size else np.zeros((0, len(LABELS)))
    after_p = base_p.copy()
    for k in sorted(set(fold.tolist()) - {-1}):
        held_out = fold == k
        fold_head, _ = adapted_head(base, features, gold, languages, ~held_out, settings)
        after_p[held_out] = predict(fold_head, np.flatnonzero(held_out))
    crossfit = pl.DataFrame(
        {
            "unit_id": unit_ids,
            "language": languages,
            "fold": fold,
            "gold": gold,
            "base_label": [LABELS[i] for i in base_p.argmax(axis=1)],
            "base_confidence": np.round(base_p.max(axis=1), 4) if gold.size else [],
            "label": [LABELS[i] for i in after_p.argmax(axis=1)],
            "confidence": np.round(after_p.max(axis=1), 4) if gold.size else [],
        },
        schema=CROSSFIT_SCHEMA,
    ).sort("unit_id")
    folds = len(set(fold.tolist()) - {-1})
    return Adaptation(head, crossfit, agreement_before_after(crossfit, notes, folds), notes)


def agreement_before_after(
    crossfit: pl.DataFrame, notes: dict[str, str], folds: int
) -> pl.DataFrame:
    """Accuracy and macro-F1 on the coded units with a stance gold label, of the base
    head (before) and of the out-of-fold adapted heads (after), overall and per language."""
    stance = crossfit.filter(pl.col("gold").is_in(LABELS))
    rows = []
    groups = [("all", stance)] + [
        (language, stance.filter(pl.col("language") == language))
        for language in sorted(set(crossfit["language"]))
    ]
    for language, part in groups:
        gold = part["gold"].to_numpy().astype(str)
        before = part["base_label"].to_numpy().astype(str)
        after = part["label"].to_numpy().astype(str)
        any_units = part.height > 0
        rows.append(
            {
                "language": language,
                "units": part.height,
                "adapted": any(n.startswith("adapted") for n in notes.values())
                if language == "all"
                else notes.get(language, "").startswith("adapted"),
                "note": "" if language == "all" else notes.get(language, ""),
                "accuracy_before": float((gold == before).mean()) if any_units else None,
                "macro_f1_before": macro_f1(gold, before) if any_units else None,
                "accuracy_after": float((gold == after).mean()) if any_units else None,
                "macro_f1_after": macro_f1(gold, after) if any_units else None,
                "folds": folds,
            }
        )
    return pl.DataFrame(rows, schema=ADAPTATION_SCHEMA)
