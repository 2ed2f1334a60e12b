"""Offline language identification for articles and reader comments.

Arabic-script text without Persian or Urdu letters is Arabic; deciding that from
the script is exact and costs nothing, and it is most of an Arabic news corpus.
Everything else (Latin script, Persian/Urdu letters, mixed text) goes to
py3langid, whose model ships inside the wheel, restricted to the configured
candidate languages and reading the first ``max_chars`` characters. Text with no
letters at all gets the fallback language.

Example:
    >>> identify_language("Washington halts joint patrols with the SDF", "ar")
    'en'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import polars as pl

from mediaframe.errors import MissingDependencyError

ARABIC_LETTERS = r"[\u0621-\u063A\u0641-\u064A]"
# Letters Persian, Urdu, Kurdish and Pashto use and Arabic does not.
NON_ARABIC_LETTERS = r"[\u067E\u0686\u0698\u06A9\u06AF\u06CC\u0679\u0688\u0691\u06BA\u06BE\u06C1\u06D2\u06D5\u06B5\u06CE\u06C6]"
LATIN_LETTERS = r"[A-Za-z\u00C0-\u024F]"
DEFAULT_CANDIDATES = ("ar", "en", "fr", "fa", "ur", "tr", "de", "es", "ru", "he")
MAX_CHARS = 400


@lru_cache(maxsize=8)
def _identifier(candidates: tuple[str, ...] | None):
    try:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier
    except ImportError as error:  # pragma: no cover - a dependency
        raise MissingDependencyError("py3langid", "Language identification") from error
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    if candidates:
        identifier.set_languages(list(candidates))
    return identifier


def _by_model(text: str, candidates: tuple[str, ...] | None, max_chars: int) -> str:
    """py3langid on the sample, without the letters of the minority script.

    In a mostly English article quoting an Arabic name, the Arabic letters (two bytes
    each in UTF-8, and the model reads bytes) would otherwise outweigh the English.
    """
    sample = text[:max_chars]
    latin = len(re.findall(LATIN_LETTERS, sample))
    arabic_script = len(re.findall(r"[\u0600-\u06FF]", sample))
    minority = r"[\u0600-\u06FF]" if latin > arabic_script else LATIN_LETTERS
    return str(_identifier(candidates).classify(re.sub(minority, "", sample))[0])


def identify_language(
    text: str,
    fallback: str,
    candidates: Sequence[str] | None = DEFAULT_CANDIDATES,
    max_chars: int = MAX_CHARS,
) -> str:
    """The language code of one text (the reference for :func:`identify_languages`)."""
    sample = text[:max_chars]
    arabic = len(re.findall(ARABIC_LETTERS, sample))
    latin = len(re.findall(LATIN_LETTERS, sample))
    other = len(re.findall(NON_ARABIC_LETTERS, sample))
    if arabic + latin + other == 0 and not re.search(r"[^\W\d_]", sample):
        return fallback
    if arabic >= latin and arabic > 0 and other == 0:
        return "ar"
    return _by_model(text, tuple(candidates) if candidates else None, max_chars)


def identify_languages(
    texts: pl.Series,
    fallback: str,
    candidates: Sequence[str] | None = DEFAULT_CANDIDATES,
    max_chars: int = MAX_CHARS,
) -> pl.Series:
    """Language codes of many texts: script counts as expressions, the model where needed."""
    frame = pl.DataFrame({"text": texts.fill_null("")}).with_columns(
        pl.col("text").str.slice(0, max_chars).alias("sample")
    )
    frame = frame.with_columns(
        pl.col("sample").str.count_matches(ARABIC_LETTERS).alias("arabic"),
        pl.col("sample").str.count_matches(LATIN_LETTERS).alias("latin"),
        pl.col("sample").str.count_matches(NON_ARABIC_LETTERS).alias("other"),
        pl.col("sample").str.contains(r"[^\W\d_]").alias("has_letters"),
    )
    script = (
        pl.when(
            (pl.col("arabic") + pl.col("latin") + pl.col("other") == 0) & ~pl.col("has_letters")
        )
        .then(pl.lit(fallback))
        .when(
            (pl.col("arabic") >= pl.col("latin")) & (pl.col("arabic") > 0) & (pl.col("other") == 0)
        )
        .then(pl.lit("ar"))
        .otherwise(None)
    )
    frame = frame.with_columns(script.alias("language"))
    undecided = frame["language"].is_null()
    if undecided.any():
        key = tuple(candidates) if candidates else None
        guesses = [_by_model(t, key, max_chars) for t in frame.filter(undecided)["sample"]]
        filled = frame["language"].to_list()
        it = iter(guesses)
        frame = frame.with_columns(
            pl.Series("language", [v if v is not None else next(it) for v in filled], pl.String)
        )
    return frame["language"].alias(texts.name)
