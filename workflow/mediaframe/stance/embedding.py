"""Default stance scorer: multilingual sentence embeddings of the mention's context
and a small trained head shipped with the package, read in up to two passes.

The head file (``data/stance_head.npz``, written by ``make train-stance``) says which
views of the context it reads (see :mod:`mediaframe.stance.views`), which embedder
made its training features, and holds the weights: a softmax layer per language
(``en``, ``ar``; the format also allows ReLU hidden layers before it). A sentence
goes to the Arabic heads when it has at least as many Arabic-script letters as
Latin ones, else to the English heads.

1. First reading, every mention: the fast USE embeddings of the views, then the head.
2. Second reading, only mentions whose first-reading confidence is below a threshold:
   a slower, more accurate embedder (multilingual-e5-small) reads further views, and
   a second head reads both readings' features. The threshold trades accuracy for
   speed (``stance.embedding.second_reading_below``: 0 turns it off, 1 reads every
   mention twice); the decision is per mention, so it does not depend on sharding.

Output per mention: the most probable label, score P(positive) − P(negative),
confidence (the winning probability), evidence (the probabilities, the context
window the head read, and, when the second reading decided, the first reading's
most probable label and its probability).

Example:
    >>> scorer = EmbeddingScorer.from_file(default_head_path(), threads=2, cache_dir=Path("results/cache"))
    >>> scorer.score(mentions)
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from mediaframe.embed import Embedder, get_embedder
from mediaframe.embed.cache import embed_cached
from mediaframe.errors import MediaframeError, MissingDependencyError
from mediaframe.stance.base import LABELS, STANCE_COLUMNS, StanceScorer
from mediaframe.stance.views import view_text

EVIDENCE_VIEW = "window6"


def default_head_path() -> Path:
    return Path(str(resources.files("mediaframe").joinpath("data", "stance_head.npz")))


Layers = list[tuple[np.ndarray, np.ndarray]]  # (W, b) per layer; ReLU between layers
_ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u0671-\u06D3\u06FA-\u06FC]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00C0-\u024F]")


def text_language(sentence: str) -> str:
    """Which heads read a sentence: ``ar`` when it has at least as many Arabic-script
    letters as Latin ones (so an English sentence quoting an Arabic name stays ``en``)."""
    arabic = len(_ARABIC_LETTER.findall(sentence))
    return "ar" if arabic and arabic >= len(_LATIN_LETTER.findall(sentence)) else "en"


Threshold = float | dict[str, float]
"""The second reading's threshold: one for every language, or one per language (the
``en`` entry serves languages without their own, as the ``en`` head does)."""


def threshold_of(below: Threshold, language: str) -> float:
    """The threshold that applies to mentions in ``language``."""
    if isinstance(below, dict):
        return float(below.get(language, below["en"]))
    return float(below)


LANGUAGE_NAMES = {"ar": "Arabic", "en": "English"}


def describe_threshold(below: Threshold) -> str:
    """The threshold as a reader sees it: ``0.6``, or, per language, ``0.6 for English,
    none for Arabic`` (none: that language is read once)."""
    if not isinstance(below, dict):
        return f"{below:g}"
    return ", ".join(
        f"{f'{value:g}' if value > 0 else 'none'} for {LANGUAGE_NAMES.get(language, language)}"
        for language, value in sorted(below.items(), key=lambda item: -item[1])
    )


def read_again(first: np.ndarray, below: float | np.ndarray) -> np.ndarray:
    """Which mentions get the second reading: first-reading confidence under ``below``
    (one threshold, or one per mention; every mention when it is 1; none when it is 1/3
    or less, since the winning probability of three labels is never below 1/3)."""
    return (first.max(axis=1) < below) | (np.asarray(below) >= 1)


def softmax_layers(layers: Layers, features: np.ndarray) -> np.ndarray:
    """Class probabilities of a head (ReLU between layers, softmax at the end)."""
    hidden = features.astype(np.float64)
    for index, (weight, bias) in enumerate(layers):
        hidden = hidden @ weight + bias
        if index < len(layers) - 1:
            hidden = np.maximum(hidden, 0.0)
    hidden -= hidden.max(axis=1, keepdims=True)
    exp = np.exp(hidden)
    return exp / exp.sum(axis=1, keepdims=True)


@dataclass
class Reading:
    """One pass over a mention: which views, embedded how, and a head per language.

    A second reading's heads read the first reading's features followed by its own.
    """

    views: list[str]
    embedder: dict[str, Any]
    heads: dict[str, Layers]

    def probabilities(self, features: np.ndarray, language: str = "en") -> np.ndarray:
        return softmax_layers(self.heads.get(language, self.heads["en"]), features)


@dataclass
class StanceHead:
    """Trained readings and the card that says how they were made.

    ``second`` is optional; ``second_below`` is the first-reading confidence under
    which it is used, one value or one per language, as chosen at training time (config
    can override it with one value for every language).
    """

    first: Reading
    card: dict[str, Any]
    second: Reading | None = None
    second_below: Threshold = 0.0

    def save(self, path: Path) -> None:
        arrays: dict[str, np.ndarray] = {}
        meta: dict[str, Any] = {"labels": list(LABELS), "card": self.card}
        for name, reading in (("first", self.first), ("second", self.second)):
            if reading is None:
                continue
            meta[name] = {"views": reading.views, "embedder": reading.embedder}
            for language, layers in reading.heads.items():
                for index, (weight, bias) in enumerate(layers):
                    arrays[f"{name}.{language}.W{index}"] = weight.astype(np.float32)
                    arrays[f"{name}.{language}.b{index}"] = bias.astype(np.float32)
        meta["second_below"] = self.second_below
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(path, meta=np.array(json.dumps(meta, ensure_ascii=False)), **arrays)

    @classmethod
    def load(cls, path: Path) -> StanceHead:
        if not path.exists():
            raise MediaframeError(
                f"stance head '{path}' does not exist. Fix: run `make train-stance`, or set "
                "stance.embedding.head to a trained head file."
            )
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            readings: dict[str, Reading] = {}
            for name in ("first", "second"):
                if name not in meta:
                    continue
                heads: dict[str, Layers] = {}
                for key in sorted(k for k in data.files if k.startswith(f"{name}.") and ".W" in k):
                    _, language, layer = key.split(".")
                    bias = data[f"{name}.{language}.b{layer[1:]}"]
                    heads.setdefault(language, []).append(
                        (data[key].astype(np.float64), bias.astype(np.float64))
                    )
                readings[name] = Reading(meta[name]["views"], meta[name]["embedder"], heads)
        if (
            meta["labels"] != list(LABELS)
            or "first" not in readings
            or any("en" not in r.heads for r in readings.values())
        ):
            raise MediaframeError(
                f"stance head '{path}' is not a current head file (labels {meta['labels']}, "
                f"readings {sorted(readings)}; expected {list(LABELS)} and an 'en' head per "
                "reading). Fix: retrain it with `make train-stance`."
            )
        return cls(
            first=readings["first"],
            card=meta["card"],
            second=readings.get("second"),
            second_below=_threshold(meta["second_below"]),
        )


def _threshold(stored: Any) -> Threshold:
    if isinstance(stored, dict):
        return {str(language): float(value) for language, value in stored.items()}
    return float(stored)


def second_setting(head: StanceHead, below: float | None) -> tuple[str | None, Threshold]:
    """The second reading in effect: its embedder (None when off) and the threshold
    (``below`` from config for every language, or the head's trained value(s) when it is
    None)."""
    threshold: Threshold = head.second_below if below is None else float(below)
    values = threshold.values() if isinstance(threshold, dict) else [threshold]
    if head.second is None or all(value <= 0 for value in values):
        return None, threshold
    return str(head.second.embedder.get("backend")), threshold


def mention_features(
    mentions: pl.DataFrame, views: list[str], embedder: Embedder, cache_dir: Path
) -> np.ndarray:
    """Concatenated embeddings of each view of each mention's context."""
    blocks = []
    for view in views:
        texts = [
            view_text(view, s, b, e)
            for s, b, e in zip(
                mentions["sentence_text"], mentions["start"], mentions["end"], strict=True
            )
        ]
        vectors, _ = embed_cached(texts, embedder, cache_dir)
        blocks.append(vectors)
    return np.hstack(blocks)


class EmbeddingScorer(StanceScorer):
    name = "embedding"

    def __init__(
        self,
        head: StanceHead,
        threads: int,
        cache_dir: Path,
        second_below: float | None = None,
    ) -> None:
        self.head = head
        self.threads = threads
        self.cache_dir = cache_dir
        self.second_backend, self.second_below = second_setting(head, second_below)
        values = (
            list(self.second_below.values())
            if isinstance(self.second_below, dict)
            else [self.second_below]
        )
        if not all(0 <= value <= 1 for value in values):
            raise MediaframeError(
                "stance.embedding.second_reading_below is "
                f"{describe_threshold(self.second_below)}. Fix: give a confidence between 0 "
                "(second reading off) and 1 (every mention read twice)."
            )
        if max(values) > 0 and head.second is None:
            raise MediaframeError(
                "config.yaml: stance.embedding.second_reading_below is above 0 but the stance "
                "head has no second reading. Fix: set it to 0 (or null), or use a head "
                "trained with a second reading (`make train-stance`)."
            )
        self._embedders: dict[str, Embedder] = {}
        if self.second_backend is not None and head.second is not None:
            self._embedder(head.second)  # a missing package fails here, not on some shard

    @classmethod
    def from_file(
        cls, path: Path, threads: int, cache_dir: Path, second_below: float | None = None
    ) -> EmbeddingScorer:
        return cls(StanceHead.load(path), threads, cache_dir, second_below)

    def _embedder(self, reading: Reading) -> Embedder:
        key = json.dumps(reading.embedder, sort_keys=True)
        if key not in self._embedders:
            try:
                self._embedders[key] = get_embedder(reading.embedder | {"threads": self.threads})
            except MissingDependencyError as error:
                if reading is self.head.first:
                    raise
                raise MediaframeError(
                    f"{error}; or score with the first reading only: set "
                    "stance.embedding.second_reading_below to 0 in config.yaml."
                ) from error
        return self._embedders[key]

    def _features(self, reading: Reading, mentions: pl.DataFrame) -> np.ndarray:
        return mention_features(mentions, reading.views, self._embedder(reading), self.cache_dir)

    def probabilities(self, mentions: pl.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per mention: the first reading's class probabilities, the final ones, and
        whether the second reading decided."""
        languages = np.array([text_language(t) for t in mentions["sentence_text"]])
        first = self._features(self.head.first, mentions)
        first_p = np.zeros((mentions.height, len(LABELS)))
        for language in np.unique(languages):
            rows = languages == language
            first_p[rows] = self.head.first.probabilities(first[rows], str(language))
        final = first_p.copy()
        below = np.array([threshold_of(self.second_below, str(lang)) for lang in languages])
        again = read_again(first_p, below) & (self.head.second is not None)
        if self.head.second is not None and again.any():
            rows = np.flatnonzero(again)
            both = np.hstack([first[rows], self._features(self.head.second, mentions[rows])])
            for language in np.unique(languages[rows]):
                subset = languages[rows] == language
                final[rows[subset]] = self.head.second.probabilities(both[subset], str(language))
        return first_p, final, again

    def score(self, mentions: pl.DataFrame) -> pl.DataFrame:
        if mentions.is_empty():
            return mentions.with_columns(
                pl.Series(n, [], dtype=t) for n, t in STANCE_COLUMNS.items()
            )
        first, probabilities, again = self.probabilities(mentions)
        negative, positive = LABELS.index("negative"), LABELS.index("positive")
        windows = [
            view_text(EVIDENCE_VIEW, s, b, e)
            for s, b, e in zip(
                mentions["sentence_text"], mentions["start"], mentions["end"], strict=True
            )
        ]
        second = self.second_backend
        return mentions.with_columns(
            pl.Series("label", [LABELS[i] for i in probabilities.argmax(axis=1)], dtype=pl.String),
            pl.Series(
                "score",
                np.round(probabilities[:, positive] - probabilities[:, negative], 6),
                dtype=pl.Float64,
            ),
            pl.Series("confidence", np.round(probabilities.max(axis=1), 4), dtype=pl.Float64),
            pl.Series(
                "evidence",
                [
                    ", ".join(f"P({n})={p:.2f}" for n, p in zip(LABELS, row, strict=True))
                    + f" · read: …{w}…"
                    + (
                        f" · second reading ({second}); first reading "
                        f"P({LABELS[int(f.argmax())]})={f.max():.2f}"
                        if twice
                        else ""
                    )
                    for row, f, w, twice in zip(probabilities, first, windows, again, strict=True)
                ],
                dtype=pl.String,
            ),
        )
