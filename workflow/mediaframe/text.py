"""Word-level helpers for matching and topic words: tokens, proclitics, stopwords.

Example:
    >>> strip_proclitics("والولايات")
    'ولايات'
    >>> [w.norm for w in words("أعلن الجيشُ")]
    ['اعلن', 'الجيش']
    >>> [w.norm for w in words("وأكَّدت الوزارة")]
    ['واكدت', 'الوزاره']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from mediaframe.normalize import normalize_arabic

_ARABIC = re.compile(r"^[\u0621-\u064A]+$")
# A word is letters, with Arabic diacritics (shadda, harakat, dagger alif) inside it:
# «وأكَّدت» is one word, not «وأك» and «دت».
_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|[\u064B-\u065F\u0670])*(?:n't)?", re.UNICODE)
# Conjunction (و ف), preposition (ب ك ل) and article (ال) combinations, longest first.
_PROCLITICS = (
    "وبال",
    "وكال",
    "فبال",
    "وال",
    "فال",
    "بال",
    "كال",
    "ولل",
    "فلل",
    "لل",
    "ال",
    "و",
    "ف",
    "ب",
    "ل",
    "ك",
)
_MIN_STEM = 3


def strip_proclitics(token: str) -> str:
    """Remove Arabic proclitics while at least three letters remain.

    Single-letter clitics (و ف ب ل ك) are removed only when the rest is a known word
    or still long, so ``وقف`` (stopped) is not read as و + قف.
    """
    if not _ARABIC.match(token):
        return token
    for clitic in _PROCLITICS:
        if token.startswith(clitic) and len(token) - len(clitic) >= _MIN_STEM:
            rest = token[len(clitic) :]
            if len(clitic) == 1 and len(rest) < 4 and rest not in arabic_stopwords():
                continue
            return strip_proclitics(rest) if clitic in {"و", "ف"} else rest
    return token


@cache
def arabic_stopwords() -> frozenset[str]:
    """The Arabic stopword list shipped with the package, normalised."""
    return _load_words("stopwords_ar.txt")


@cache
def english_stopwords() -> frozenset[str]:
    return _load_words("stopwords_en.txt")


def _load_words(name: str) -> frozenset[str]:
    raw = resources.files("mediaframe").joinpath("data", name).read_text(encoding="utf-8")
    words = [normalize_arabic(line.strip()) for line in raw.splitlines()]
    return frozenset(w for w in words if w and not w.startswith("#"))


@dataclass(frozen=True)
class Word:
    """A word of a sentence: character span, original text and normalised form."""

    start: int
    end: int
    text: str
    norm: str


def words(sentence: str) -> list[Word]:
    """The words of ``sentence`` (letters only) with offsets and normalised forms."""
    return [
        Word(m.start(), m.end(), m.group(), normalize_arabic(m.group()))
        for m in _WORD.finditer(sentence)
    ]


def word_range(sentence_words: list[Word], start: int, end: int) -> tuple[int, int]:
    """Indexes ``(first, last)`` of the words overlapping the character span ``[start, end)``.

    A span that covers no word gets ``(n, n)``, past the last word.
    """
    inside = [i for i, w in enumerate(sentence_words) if w.start < end and w.end > start]
    if not inside:
        return len(sentence_words), len(sentence_words)
    return inside[0], inside[-1]
