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

# Arabic diacritics (harakat, tanween, shadda, sukun, superscript alef) and tatweel.
_DROP = set(chr(c) for c in range(0x064B, 0x0660)) | {"\u0670", "\u0640"}
_DROP |= {"\u200c", "\u200d", "\u200e", "\u200f", "\ufeff"}  # joiners, direction marks, BOM
_MAP = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ى": "ي",
    "ة": "ه",
    "ؤ": "و",
    "ئ": "ي",
}
_MAP.update({chr(0x0660 + d): str(d) for d in range(10)})  # Arabic-Indic digits
_MAP.update({chr(0x06F0 + d): str(d) for d in range(10)})  # Persian digits

_TABLE = str.maketrans({**_MAP, **{char: None for char in _DROP}})

# Spelling variants that survive the letter folding above: (variant, canonical).
DEFAULT_VARIANTS: tuple[tuple[str, str], ...] = (("اميرك", "امريك"),)


def normalize_with_offsets(
    text: str, variants: Sequence[Sequence[str]] = DEFAULT_VARIANTS, lowercase: bool = True
) -> tuple[str, Sequence[int]]:
    """Fold ``text`` for matching and map each output character to its source index.

    Folding: NFKC per character, lower case (unless ``lowercase=False``), Arabic
    diacritics and tatweel removed, alef/yeh/teh-marbuta variants unified,
    Arabic-Indic digits to ASCII, then the ``variants`` substitutions (e.g.
    ``اميرك`` → ``امريك``).

    Returns:
        The normalised string and a sequence of the same length whose ``i``-th item
        is the index in ``text`` of the character that produced output character ``i``.
    """
    folded, offsets = _fold_fast(text, lowercase)
    if folded is None:
        folded, offsets = _fold_per_character(text, lowercase)
    for variant, canonical in variants:
        if variant == canonical or variant not in folded:
            continue
        if len(variant) == len(canonical):  # the common case: offsets are unchanged
            folded = folded.replace(variant, canonical)
        else:
            folded, offsets = _replace_with_offsets(folded, list(offsets), variant, canonical)
    return folded, offsets


def _fold_fast(text: str, lowercase: bool) -> tuple[str | None, Sequence[int]]:
    """One ``str.translate`` when NFKC and lower-casing change no character's count,
    which holds for almost all news text; ``None`` sends the text to the slow path."""
    if not unicodedata.is_normalized("NFKC", text):
        return None, ()
    folded = text.translate(_TABLE)
    if lowercase:
        lowered = folded.lower()
        if len(lowered) != len(folded):
            return None, ()
        folded = lowered
    if len(folded) == len(text):
        return folded, range(len(text))
    return folded, [i for i, char in enumerate(text) if char not in _DROP]


def _fold_per_character(text: str, lowercase: bool) -> tuple[str, list[int]]:
    out: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        if char in _DROP:
            continue
        folded = _MAP.get(char)
        if folded is None:
            folded = unicodedata.normalize("NFKC", char)
            folded = folded.lower() if lowercase else folded
            folded = "".join(_MAP.get(c, c) for c in folded if c not in _DROP)
        for piece in folded:
            out.append(piece)
            offsets.append(index)
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
    while end < len(text) and text[end] in _DROP:
        end += 1
    return end


def normalize_arabic(text: str, variants: Sequence[Sequence[str]] = DEFAULT_VARIANTS) -> str:
    """Return only the normalised (lower-cased) text of :func:`normalize_with_offsets`."""
    return normalize_with_offsets(text, variants)[0]


def content_hash(text: str) -> str:
    """Stable hex digest of a text, used for cache keys and provenance."""
    import hashlib

    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()
