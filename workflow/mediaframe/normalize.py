"""Text normalisation for matching, with a map back to the original characters.

Matching (actor aliases, lexicon terms, topic words) works on a normalised copy of
the text; everything a reader sees keeps the original. :func:`normalize_with_offsets`
returns, for every character of the normalised string, the index of the original
character it came from, so a match can be reported in original offsets.

Example:
    >>> normalize_arabic("الأميركيّة")
    'الامريكيه'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import polars as pl

_DIACRITICS = [chr(c) for c in range(0x064B, 0x0660)] + [
    "\u0670"
]  # harakat, shadda, sukun, dagger alef
_TATWEEL = ["\u0640"]
# Characters that change no letter but split a word when left in: zero-width space and
# joiners, direction marks (U+061C Arabic letter mark, LRM/RLM, embeddings, isolates),
# the soft hyphen, the word joiner and the byte-order mark.
_INVISIBLE = [
    "\u00ad",
    "\u061c",
    "\u180e",
    *(chr(c) for c in range(0x200B, 0x2010)),
    *(chr(c) for c in range(0x202A, 0x202F)),
    *(chr(c) for c in range(0x2060, 0x2065)),
    *(chr(c) for c in range(0x2066, 0x206A)),
    "\ufeff",
]
_ALEF = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي"}  # alef forms and hamza seats
_DIGITS = {chr(0x0660 + d): str(d) for d in range(10)} | {
    chr(0x06F0 + d): str(d) for d in range(10)
}

# Characters NFKC leaves alone one by one (ASCII, the Arabic block without the
# compatibility and composing characters, common quotes and dashes). A text made only
# of them, without two Arabic combining marks in a row (which NFKC may reorder), is
# already NFKC; skipping those texts saves most of the normalisation time.
NEEDS_NFKC = (
    "[^\x00-\x7f\u0600-\u0652\u0656-\u0674\u0679-\u06ff\u00ab\u00bb\u2013\u2014\u2018-\u201d]"
    "|[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]{2}"
)


@dataclass(frozen=True)
class Folding:
    """Which foldings matching applies (config section ``clean.normalise``).

    Every flag defaults to on: diacritics and tatweel removed, alef forms and hamza
    seats unified, ى→ي, ة→ه, Arabic-Indic digits to ASCII, lower case. Joiners,
    direction marks and byte-order marks are always removed.
    """

    diacritics: bool = True
    tatweel: bool = True
    alef: bool = True
    yeh: bool = True
    teh_marbuta: bool = True
    digits: bool = True
    lowercase: bool = True

    def mapping(self) -> dict[str, str | None]:
        """Character replacements (``None`` drops the character)."""
        return _mapping(self)

    def dropped(self) -> frozenset[str]:
        return frozenset(c for c, v in self.mapping().items() if v is None)

    def expr(self, column: pl.Expr) -> pl.Expr:
        """The folding as a polars expression (the same result as :meth:`apply`)."""
        mapping = self.mapping()
        drop = "[" + "".join(re.escape(c) for c, v in mapping.items() if v is None) + "]"
        pairs = [(c, v) for c, v in mapping.items() if v is not None]
        out = nfkc_expr(column).str.replace_all(drop, "")
        if pairs:
            out = out.str.replace_many([c for c, _ in pairs], [v for _, v in pairs])
        return lowercase_expr(out) if self.lowercase else out

    def apply(self, text: str) -> str:
        return normalize_with_offsets(text, (), self)[0]


@cache
def _mapping(folding: Folding) -> dict[str, str | None]:
    mapping: dict[str, str | None] = dict.fromkeys(_INVISIBLE)
    if folding.diacritics:
        mapping |= dict.fromkeys(_DIACRITICS)
    if folding.tatweel:
        mapping |= dict.fromkeys(_TATWEEL)
    if folding.alef:
        mapping |= _ALEF
    if folding.yeh:
        mapping["ى"] = "ي"
    if folding.teh_marbuta:
        mapping["ة"] = "ه"
    if folding.digits:
        mapping |= _DIGITS
    return mapping


@cache
def _table(folding: Folding) -> dict[int, str | None]:
    return str.maketrans(folding.mapping())


FOLD_ALL = Folding()
_MARKS = frozenset(_DIACRITICS + _TATWEEL + _INVISIBLE)


def nfkc_expr(column: pl.Expr) -> pl.Expr:
    """NFKC as a polars expression, computed only for the rows that can change."""
    return column.map_batches(_nfkc_series, return_dtype=pl.String)


# Characters without a lower-case form of their own (ASCII but A-Z, Latin-1 punctuation,
# the Arabic block and presentation forms, general punctuation). A text made only of
# them is its own lower case; most Arabic news has no other letter, and lowering only
# the rest saves most of the time lowering takes.
NEEDS_LOWERCASE = (
    r"[^\x00-\x40\x5b-\xbf\x{0600}-\x{06ff}\x{2000}-\x{206f}\x{fb50}-\x{fdff}\x{fe70}-\x{feff}]"
)


def lowercase_expr(column: pl.Expr) -> pl.Expr:
    """``str.to_lowercase`` as a polars expression, computed only for the rows that can
    change."""
    return column.map_batches(_lowercase_series, return_dtype=pl.String)


def _lowercase_series(series: pl.Series) -> pl.Series:
    rows = series.str.contains(NEEDS_LOWERCASE).fill_null(False).arg_true()
    if rows.len() == 0:
        return series
    return series.scatter(rows, series.gather(rows).str.to_lowercase())


def _nfkc_series(series: pl.Series) -> pl.Series:
    rows = series.str.contains(NEEDS_NFKC).fill_null(False).arg_true()
    if rows.len() == 0:
        return series
    return series.scatter(rows, series.gather(rows).str.normalize("NFKC"))


# Spelling variants that survive the letter folding above: (variant, canonical).
DEFAULT_VARIANTS: tuple[tuple[str, str], ...] = (("اميرك", "امريك"),)


def normalize_with_offsets(
    text: str, variants: Sequence[Sequence[str]] = DEFAULT_VARIANTS, folding: Folding = FOLD_ALL
) -> tuple[str, Sequence[int]]:
    """Fold ``text`` for matching and map each output character to its source index.

    Folding: NFKC, then the :class:`Folding` flags (by default: diacritics and
    tatweel removed, alef/yeh/teh-marbuta variants unified, Arabic-Indic digits to
    ASCII, lower case), then the ``variants`` substitutions (e.g. ``اميرك`` → ``امريك``).

    Returns:
        The normalised string and a sequence of the same length whose ``i``-th item
        is the index in ``text`` of the character that produced output character ``i``.
    """
    folded, offsets = _fold_fast(text, folding)
    if folded is None:
        folded, offsets = _fold_per_character(text, folding)
    for variant, canonical in variants:
        if variant == canonical or variant not in folded:
            continue
        if len(variant) == len(canonical):  # the common case: offsets are unchanged
            folded = folded.replace(variant, canonical)
        else:
            folded, offsets = _replace_with_offsets(folded, list(offsets), variant, canonical)
    return folded, offsets


def _fold_fast(text: str, folding: Folding) -> tuple[str | None, Sequence[int]]:
    """One ``str.translate`` when NFKC and lower-casing change no character's count,
    which holds for almost all news text; ``None`` sends the text to the slow path."""
    if not unicodedata.is_normalized("NFKC", text):
        return None, ()
    folded = text.translate(_table(folding))
    if folding.lowercase:
        lowered = folded.lower()
        if len(lowered) != len(folded):
            return None, ()
        folded = lowered
    if len(folded) == len(text):
        return folded, range(len(text))
    dropped = folding.dropped()
    return folded, [i for i, char in enumerate(text) if char not in dropped]


def _fold_per_character(text: str, folding: Folding) -> tuple[str, list[int]]:
    """The slow path, one character cluster at a time: a base letter with the combining
    marks that follow it is normalised together, so decomposed text (``Erdog`` +
    U+0306 + ``an``) composes as NFKC composes it (``Erdoğan``)."""
    mapping = folding.mapping()
    out: list[str] = []
    offsets: list[int] = []
    index = 0
    while index < len(text):
        char = text[index]
        end = index + 1
        while end < len(text) and unicodedata.combining(text[end]) and text[end] not in mapping:
            end += 1
        if end == index + 1 and char in mapping and mapping[char] is None:
            index = end
            continue
        folded = mapping.get(char) if end == index + 1 else None
        if folded is None:
            folded = unicodedata.normalize("NFKC", text[index:end])
            folded = folded.lower() if folding.lowercase else folded
            folded = "".join(mapping.get(c, c) or "" for c in folded)
        for piece in folded:
            out.append(piece)
            offsets.append(index)
        index = end
    return "".join(out), offsets


def _replace_with_offsets(
    text: str, offsets: list[int], old: str, new: str
) -> tuple[str, list[int]]:
    pieces: list[str] = []
    new_offsets: list[int] = []
    cursor = 0
    for match in re.finditer(re.escape(old), text):
        pieces.append(text[cursor : match.start()])
        new_offsets.extend(offsets[cursor : match.start()])
        pieces.append(new)
        span = offsets[match.start() : match.end()]
        new_offsets.extend(span[min(i, len(span) - 1)] for i in range(len(new)))
        cursor = match.end()
    pieces.append(text[cursor:])
    new_offsets.extend(offsets[cursor:])
    return "".join(pieces), new_offsets


def span_end(text: str, end: int) -> int:
    """Move ``end`` past diacritics and tatweel that belong to the last matched letter."""
    while end < len(text) and text[end] in _MARKS:
        end += 1
    return end


def normalize_arabic(
    text: str, variants: Sequence[Sequence[str]] = DEFAULT_VARIANTS, folding: Folding = FOLD_ALL
) -> str:
    """Return only the normalised text of :func:`normalize_with_offsets`."""
    return normalize_with_offsets(text, variants, folding)[0]


def content_hash(text: str) -> str:
    """Stable hex digest of a text, used for cache keys and provenance."""
    import hashlib

    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()
