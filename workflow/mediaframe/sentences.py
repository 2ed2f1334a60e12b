"""Arabic-aware sentence segmentation with character offsets.

Sentences end at ``.`` ``!`` ``?`` ``؟`` ``؛`` ``…`` followed by white space, and at
line breaks. A full stop inside a number (``3.5``), after a single letter (``U.S.``)
or after a known abbreviation does not end a sentence.

Example:
    >>> [text[s:e] for s, e in split_sentences(text := "قال أكار: لا تهديد. U.S. forces left.")]
    ['قال أكار: لا تهديد.', 'U.S. forces left.']
"""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "jr",
        "sr",
        "gen",
        "col",
        "lt",
        "sgt",
        "no",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "u.s",
        "u.n",
        "u.k",
    }
)

_BOUNDARY = re.compile(r"[.!?؟؛…]+[\"'”»)\]]*(?=\s)|\n")
_LAST_TOKEN = re.compile(r"(\S+)$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the sentences in ``text``, stripped of spaces."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group() == "." and _is_abbreviation(text[start : match.start()]):
            continue
        _append_stripped(text, start, match.end(), spans)
        start = match.end()
    _append_stripped(text, start, len(text), spans)
    return spans


def _is_abbreviation(before: str) -> bool:
    token = _LAST_TOKEN.search(before)
    if token is None:
        return False
    word = token.group(1).lower().lstrip("(\"'«“")
    return (
        (len(word) == 1 and word.isalpha())
        or word in ABBREVIATIONS
        or bool(re.fullmatch(r"(?:\w\.)+\w", word))
    )


def _append_stripped(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    segment = text[start:end]
    left = len(segment) - len(segment.lstrip())
    right = len(segment.rstrip())
    if right > left:
        spans.append((start + left, start + right))
