"""The stance-scorer interface shared by every scorer."""

from __future__ import annotations

from abc import ABC, abstractmethod

import polars as pl

LABELS = ("negative", "neutral", "positive")

STANCE_COLUMNS: dict[str, pl.DataType] = {
    "label": pl.String(),
    "score": pl.Float64(),
    "confidence": pl.Float64(),
    "evidence": pl.String(),
}


class StanceScorer(ABC):
    """Scores the stance a text takes toward the actor mentioned in it.

    Input: a mentions frame with at least ``sentence_text``, ``start``, ``end`` (the
    mention's offsets in the sentence) and ``actor``. Output: the same frame with
    ``label`` (negative / neutral / positive), ``score`` in [-1, 1], ``confidence``
    in [0, 1] and ``evidence`` (the words or features that drove the score).
    """

    name: str

    @abstractmethod
    def score(self, mentions: pl.DataFrame) -> pl.DataFrame:
        """Return ``mentions`` with the four stance columns appended."""


def label_for(score: float, neutral_band: float) -> str:
    """Map a score in [-1, 1] to a label; scores within ``±neutral_band`` are neutral."""
    if score <= -neutral_band:
        return "negative"
    if score >= neutral_band:
        return "positive"
    return "neutral"
