"""Default stance scorer: multilingual sentence embeddings of the mention's context
and a small trained head shipped with the package.

The head file (``data/stance_head.npz``, written by ``make train-stance``) says which
views of the context it reads (see :mod:`mediaframe.stance.views`), which embedder
made its training features, and holds the weights: a softmax layer, optionally after
one ReLU hidden layer. Scoring is plain numpy. Because the embedding space is shared
across 16 languages, a head trained on English news transfers to Arabic.

Output per mention: the most probable label, score P(positive) − P(negative),
confidence (the winning probability), evidence (the probabilities and the context
window the head read).

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
from mediaframe.errors import MediaframeError
from mediaframe.stance.base import LABELS, STANCE_COLUMNS, StanceScorer
from mediaframe.stance.views import view_text

EVIDENCE_VIEW = "window6"


def default_head_path() -> Path:
    return Path(str(resources.files("mediaframe").joinpath("data", "stance_head.npz")))


Layers = list[tuple[np.ndarray, np.ndarray]]  # (W, b) per layer; ReLU between layers
_ARABIC = re.compile(r"[\u0600-\u06FF]")


def text_language(sentence: str) -> str:
    """``ar`` for a sentence in Arabic script, else ``en`` (which head reads it)."""
    return "ar" if _ARABIC.search(sentence) else "en"


@dataclass
class StanceHead:
    """Trained heads (one per language, ``en`` at least) and what they read.

    All heads read the same views through the same embedder; a sentence goes to the
    head of its script's language, and to ``en`` when there is no head for it.
    """

    views: list[str]
    embedder: dict[str, Any]
    heads: dict[str, Layers]
    card: dict[str, Any]

    def probabilities(self, features: np.ndarray, language: str = "en") -> np.ndarray:
        hidden = features.astype(np.float64)
        layers = self.heads.get(language, self.heads["en"])
        for index, (weight, bias) in enumerate(layers):
            hidden = hidden @ weight + bias
            if index < len(layers) - 1:
                hidden = np.maximum(hidden, 0.0)
        hidden -= hidden.max(axis=1, keepdims=True)
        exp = np.exp(hidden)
        return exp / exp.sum(axis=1, keepdims=True)

    def save(self, path: Path) -> None:
        arrays: dict[str, np.ndarray] = {}
        for language, layers in self.heads.items():
            for index, (weight, bias) in enumerate(layers):
                arrays[f"{language}_W{index}"] = weight.astype(np.float32)
                arrays[f"{language}_b{index}"] = bias.astype(np.float32)
        meta = {
            "views": self.views,
            "embedder": self.embedder,
            "labels": list(LABELS),
            "card": self.card,
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(path, meta=np.array(json.dumps(meta, ensure_ascii=False)), **arrays)

    @classmethod
    def load(cls, path: Path) -> StanceHead:
        if not path.exists():
            raise MediaframeError(
                f"stance head '{path}' does not exist. Fix: run `make train-stance`, or set "
                "stance.embedding.head to a trained head file."
            )
        heads: dict[str, Layers] = {}
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            for key in sorted(k for k in data.files if "_W" in k):
                language, layer = key.split("_W")
                heads.setdefault(language, []).append(
                    (data[key].astype(np.float64), data[f"{language}_b{layer}"].astype(np.float64))
                )
        if meta["labels"] != list(LABELS) or "en" not in heads:
            raise MediaframeError(
                f"stance head '{path}': labels {meta['labels']}, heads {sorted(heads)}; expected "
                f"{list(LABELS)} and an 'en' head. Fix: retrain it with `make train-stance`."
            )
        return cls(views=meta["views"], embedder=meta["embedder"], heads=heads, card=meta["card"])


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

    def __init__(self, head: StanceHead, embedder: Embedder, cache_dir: Path) -> None:
        self.head = head
        self.embedder = embedder
        self.cache_dir = cache_dir

    @classmethod
    def from_file(cls, path: Path, threads: int, cache_dir: Path) -> EmbeddingScorer:
        head = StanceHead.load(path)
        return cls(head, get_embedder(head.embedder | {"threads": threads}), cache_dir)

    def score(self, mentions: pl.DataFrame) -> pl.DataFrame:
        if mentions.is_empty():
            return mentions.with_columns(
                pl.Series(n, [], dtype=t) for n, t in STANCE_COLUMNS.items()
            )
        features = mention_features(mentions, self.head.views, self.embedder, self.cache_dir)
        languages = np.array([text_language(t) for t in mentions["sentence_text"]])
        probabilities = np.zeros((mentions.height, len(LABELS)))
        for language in np.unique(languages):
            rows = languages == language
            probabilities[rows] = self.head.probabilities(features[rows], str(language))
        negative, positive = LABELS.index("negative"), LABELS.index("positive")
        windows = [
            view_text(EVIDENCE_VIEW, s, b, e)
            for s, b, e in zip(
                mentions["sentence_text"], mentions["start"], mentions["end"], strict=True
            )
        ]
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
                    for row, w in zip(probabilities, windows, strict=True)
                ],
                dtype=pl.String,
            ),
        )
