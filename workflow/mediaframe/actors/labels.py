"""Labels: configured words (``ميليشيا``, ``تنظيم``, ``militia``) standing within two
words of an actor mention, credited to the nearest mention, with an optional valence.

Example:
    >>> finder = LabelFinder({"ميليشيا": -1.0})
    >>> finder.find(base, words(sentence), spans)
"""

from __future__ import annotations

from mediaframe.normalize import normalize_arabic
from mediaframe.text import Word, strip_proclitics

_LABEL_WINDOW = 2


def stem(word: str) -> str:
    """A word as configured cues are compared: normalised, proclitics stripped."""
    return strip_proclitics(normalize_arabic(word))


class LabelFinder:
    """Finds the configured label words next to the mentions of one sentence."""

    def __init__(self, labels: dict[str, float | None]) -> None:
        self.labels = sorted(((stem(t), t, v) for t, v in labels.items()), key=lambda x: -len(x[0]))

    def label_at(self, word: Word) -> tuple[str, float | None] | None:
        """The configured label (term, valence) this word is, allowing a short suffix."""
        stem = strip_proclitics(word.norm)
        for term_stem, term, valence in self.labels:
            if stem.startswith(term_stem) and len(stem) - len(term_stem) <= 4:
                return term, valence
        return None

    def find(
        self, base: dict, tokens: list[Word], spans: list[tuple[int, int, dict]]
    ) -> list[dict]:
        """Label words within two words of a mention, credited to the nearest mention."""
        covered = {i for first, last, _ in spans for i in range(first, last + 1)}
        found: dict[tuple[str, str], dict] = {}
        for position, token in enumerate(tokens):
            if position in covered:
                continue
            distances = [max(first - position, position - last) for first, last, _ in spans]
            nearest = min(distances, default=_LABEL_WINDOW + 1)
            if nearest > _LABEL_WINDOW:
                continue
            label = self.label_at(token)
            if label is None:
                continue
            for (_, _, mention), distance in zip(spans, distances, strict=True):
                if distance == nearest:
                    row = base | {
                        "actor": mention["actor"],
                        "label": label[0],
                        "word": token.text,
                        "valence": label[1],
                    }
                    found.setdefault((mention["actor"], label[0]), row)  # once per sentence
        return list(found.values())
