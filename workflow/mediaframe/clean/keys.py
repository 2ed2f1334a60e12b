"""Comparison keys of lines: without punctuation, digits, emoji, case, diacritics or
Arabic spelling variants, so that a menu line matches however it is decorated.

Example:
    >>> line_key("اقرأ أيضاً:")
    'اقرا ايضا'
"""

from __future__ import annotations

import re

import polars as pl

from mediaframe.normalize import FOLD_ALL

_NON_LETTERS = r"[^\w\s]|[\d_]"
# Lines longer than this are article paragraphs: they get no key and are never
# compared with the title or with boilerplate (configured lines and learned ones are
# short), which keeps keying cheap.
KEY_MAX_CHARS = 500


def line_key(line: str) -> str:
    """The comparison key of a line (the reference for :func:`line_key_expr`)."""
    if len(line) > KEY_MAX_CHARS:
        return ""
    return " ".join(re.sub(_NON_LETTERS, " ", FOLD_ALL.apply(line)).split())


def line_key_expr(column: pl.Expr) -> pl.Expr:
    """:func:`line_key` as a polars expression."""
    short = pl.when(column.str.len_chars() <= KEY_MAX_CHARS).then(column).otherwise(pl.lit(""))
    return (
        FOLD_ALL.expr(short)
        .str.replace_all(_NON_LETTERS, " ")
        .str.replace_all(r"\s+", " ")
        .str.strip_chars()
    )
