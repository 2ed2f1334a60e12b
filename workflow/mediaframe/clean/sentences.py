"""Arabic-aware sentence segmentation with character offsets.

Sentences end at ``.`` ``!`` ``?`` ``؟`` ``؛`` ``…`` followed by white space, and at
line breaks. A full stop inside a number (``3.5``), after a single letter (``U.S.``,
``د.``) or after a known abbreviation does not end a sentence, and neither does
punctuation inside a quotation (``«...»``, ``“...”``, ``"..."``) that closes on the
same line, so a quoted statement stays in one sentence with its speaker.

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
_OPENING = {"«": "»", "“": "”"}
_MAX_QUOTE = 600  # a quotation longer than this is probably an unbalanced mark
_DOTTED = re.compile(r"(?:\w\.)+\w")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the sentences in ``text``, stripped of spaces."""
    spans: list[tuple[int, int]] = []
    start = 0
    quoted = any(mark in text for mark in ('"', "«", "“"))
    for match in _BOUNDARY.finditer(text):
        end = match.start()
        if match.group() == "." and _is_abbreviation(text[max(start, end - 40) : end]):
            continue
        if quoted and match.group() != "\n" and _inside_quotation(text, match.end()):
            continue
        _append_stripped(text, start, match.end(), spans)
        start = match.end()
    _append_stripped(text, start, len(text), spans)
    return spans


def _inside_quotation(text: str, position: int) -> bool:
    """True when ``position`` lies in a quotation that closes later on the same line."""
    line_start = max(text.rfind("\n", 0, position) + 1, position - _MAX_QUOTE)
    line_end = text.find("\n", position)
    line_end = len(text) if line_end < 0 else min(line_end, position + _MAX_QUOTE)
    before = text[line_start:position]
    after = text[position:line_end]
    for opening, closing in _OPENING.items():
        if before.count(opening) > before.count(closing) and closing in after:
            return True
    return before.count('"') % 2 == 1 and '"' in after


def _is_abbreviation(before: str) -> bool:
    """True when the word just before a full stop is a letter, a known abbreviation or
    dotted letters (``U.S``); str methods, as this runs at every full stop of a corpus."""
    tail = before[-40:]
    if tail.endswith("\n"):  # ``$`` of the pattern this replaced matched there too
        tail = tail[:-1]
    if not tail or tail[-1].isspace():
        return False
    word = tail.split()[-1].lower().lstrip("(\"'«“")
    return (
        (len(word) == 1 and word.isalpha())
        or word in ABBREVIATIONS
        or ("." in word and _DOTTED.fullmatch(word) is not None)
    )


def _append_stripped(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    segment = text[start:end]
    left = len(segment) - len(segment.lstrip())
    right = len(segment.rstrip())
    if right > left:
        spans.append((start + left, start + right))
