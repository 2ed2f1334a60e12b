"""Transparent lexicon scorer: valenced words near the mention, with negation.

Each lexicon row is ``term,valence`` (valence in [-1, 1]). A word within ``window``
words of the mention, and no nearer to another mention in the sentence, fires a term when, after normalisation and proclitic removal, it
starts with the term (so ``إرهاب`` fires on ``الإرهابيين``, ``support`` on
``supported``). A negator among the two words before it (لا لم لن ليس غير دون, not,
no, never, without) flips its valence. The score is the mean valence of the fired
terms; confidence grows with the number of terms that agree with the label; the
evidence lists every term that fired.

Example:
    >>> scorer = LexiconScorer.from_csv(default_lexicon_path())
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import polars as pl

from mediaframe.errors import MediaframeError
from mediaframe.normalize import normalize_arabic
from mediaframe.stance.base import STANCE_COLUMNS, StanceScorer, label_for
from mediaframe.text import strip_proclitics, word_range, words

NEGATORS = frozenset(
    normalize_arabic(w)
    for w in (
        "لا",
        "لم",
        "لن",
        "ليس",
        "ليست",
        "غير",
        "دون",
        "بدون",
        "not",
        "no",
        "never",
        "without",
        "n't",
    )
)


def default_lexicon_path() -> Path:
    """The small Arabic and English lexicon shipped with the package."""
    return Path(str(resources.files("mediaframe").joinpath("data", "stance_lexicon.csv")))


@dataclass(frozen=True)
class _Hit:
    term: str
    valence: float
    negated: bool


class LexiconScorer(StanceScorer):
    name = "lexicon"

    def __init__(
        self, lexicon: dict[str, float], window: int = 8, neutral_band: float = 0.2
    ) -> None:
        self.terms = sorted(lexicon.items(), key=lambda kv: -len(kv[0]))
        self.window = window
        self.neutral_band = neutral_band

    @classmethod
    def from_csv(cls, path: Path, window: int = 8, neutral_band: float = 0.2) -> LexiconScorer:
        """Load a ``term,valence`` CSV; a bad row stops with its file and line number."""
        if not path.exists():
            raise MediaframeError(
                f"stance.lexicon: the file '{path}' does not exist. Fix: point stance.lexicon.path at a CSV with columns term,valence."
            )
        lexicon: dict[str, float] = {}
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for number, row in enumerate(csv.DictReader(handle), start=2):
                try:
                    valence = float(row["valence"])
                    term = normalize_arabic(row["term"].strip())
                except (KeyError, TypeError, ValueError) as error:
                    raise MediaframeError(
                        f"{path}, line {number}: expected columns term,valence with a number for valence "
                        f"({error}). Fix: correct that row."
                    ) from error
                if not -1.0 <= valence <= 1.0:
                    raise MediaframeError(
                        f"{path}, line {number}: valence {valence} is outside [-1, 1]. Fix: rescale it."
                    )
                lexicon[strip_proclitics(term)] = valence
        return cls(lexicon, window=window, neutral_band=neutral_band)

    def _term_at(self, word: str) -> tuple[str, float] | None:
        stem = strip_proclitics(word)
        for term, valence in self.terms:
            if stem.startswith(term) and len(stem) - len(term) <= 4:
                return term, valence
        return None

    def score_sentence(
        self, sentence: str, spans: list[tuple[int, int]]
    ) -> list[tuple[str, float, float, str]]:
        """Score every mention (character span) of one sentence.

        A valenced word counts for the nearest mention within ``window`` words (ties
        count for each), so in ``ميليشيا قسد ... الجيش الأمريكي`` the label goes to قسد.
        """
        tokens = words(sentence)
        centres = [word_range(tokens, start, end) for start, end in spans]
        hits: list[list[_Hit]] = [[] for _ in spans]
        covered = {i for first, last in centres for i in range(first, last + 1)}
        for position, token in enumerate(tokens):
            if position in covered:
                continue
            distances = [max(first - position, position - last, 0) for first, last in centres]
            nearest = min(distances, default=self.window + 1)
            if nearest > self.window:
                continue
            found = self._term_at(token.norm)
            if found is None:
                continue
            negated = any(w.norm in NEGATORS for w in tokens[max(0, position - 2) : position])
            for index, distance in enumerate(distances):
                if distance == nearest:
                    # evidence shows the word as written, not its folded lexicon key
                    hits[index].append(_Hit(token.text, found[1], negated))
        return [self._summarise(h) for h in hits]

    def _summarise(self, hits: list[_Hit]) -> tuple[str, float, float, str]:
        if not hits:
            return "neutral", 0.0, 0.0, ""
        values = [-h.valence if h.negated else h.valence for h in hits]
        score = max(-1.0, min(1.0, sum(values) / len(values)))
        label = label_for(score, self.neutral_band)
        agree = (
            sum(1 for v in values if (v < 0) == (score < 0) and v != 0) if label != "neutral" else 0
        )
        confidence = round(agree / (len(values) + 1), 4)
        evidence = "; ".join(
            f"{'not ' if h.negated else ''}{h.term} ({v:+.1f})"
            for h, v in zip(hits, values, strict=True)
        )
        return label, round(score, 6), confidence, evidence

    def score(self, mentions: pl.DataFrame) -> pl.DataFrame:
        keyed = mentions.with_row_index("_row")
        results: dict[int, tuple[str, float, float, str]] = {}
        for _, group in keyed.group_by(
            "doc_id", "kind", "comment", "sentence", maintain_order=True
        ):
            spans = list(zip(group["start"], group["end"], strict=True))
            for row, result in zip(
                group["_row"], self.score_sentence(group["sentence_text"][0], spans), strict=True
            ):
                results[row] = result
        columns = (
            list(zip(*(results[i] for i in range(mentions.height)), strict=True))
            if results
            else [[], [], [], []]
        )
        return mentions.with_columns(
            pl.Series(name, values, dtype=dtype)
            for (name, dtype), values in zip(STANCE_COLUMNS.items(), columns, strict=True)
        )
