"""Arabic-aware topic words: the terms c-TF-IDF counts, computed once per document.

Each document becomes a *term string*: its normalised, clitic-stripped content words
separated by spaces, with ``|`` wherever two words were not adjacent in the text (a
stopword, a number or punctuation stood between them, or a document ended). Bigrams
are read only across a space, so ``قوات سوريا`` and ``التحالف الدولي`` become terms,
while ``X في Y`` does not turn into a bigram ``X Y``. The term strings are what the
BERTopic vectorizer sees, so c-TF-IDF is recomputed (after outlier reduction, per
time bin) by splitting strings instead of tokenising Arabic again.

Example:
    >>> terms = topic_terms("أعلن التحالف الدولي في 2022", TopicStopwords())
    >>> split_terms(terms)
    ['اعلن', 'تحالف', 'دولي', 'اعلن تحالف', 'تحالف دولي']
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from mediaframe.normalize import normalize_arabic
from mediaframe.text import arabic_stopwords, english_stopwords, strip_proclitics

# Proclitics that include the article (ال, لل) are unambiguous and always stripped;
# a single-letter proclitic (و ف ب ك ل) is stripped only when the corpus attests the
# rest as a word of its own (see :class:`CorpusStems`), so وزارة, ويندوز, فعاليات,
# برشلونة keep their first letter while وقال, ومصر, بمستشفى lose the clitic.
_ARTICLE_CLITICS = ("وبال", "وكال", "فبال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال")
_LETTER_CLITICS = ("و", "ف", "ب", "ك", "ل")
_ARABIC_WORD = re.compile(r"^[\u0621-\u064A]+$")
_MIN_STEM = 3

BREAK = "|"
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_ONLY_SPACE = re.compile(r"^[ \t]*$")  # a line break ends a phrase as well
# Proclitic combinations and single letters: never a topic word on their own.
BARE_CLITICS = frozenset(
    {"ال", "وال", "بال", "فال", "كال", "لل", "ولل", "فلل", "وبال", "وكال", "فبال", "و", "ف", "ب"}
    | {"ل", "ك", "س", "لا", "يا"}
)


@dataclass(frozen=True)
class TopicStopwords:
    """The shipped Arabic and English stopword lists plus a researcher's extra words."""

    extra: frozenset[str] = frozenset()

    @classmethod
    def with_extra(cls, words: Iterable[str]) -> TopicStopwords:
        extra = set()
        for word in words:
            norm = normalize_arabic(word).lower()
            extra.update({norm, strip_proclitics(norm)})
        return cls(frozenset(extra))

    def words(self) -> frozenset[str]:
        return arabic_stopwords() | english_stopwords() | BARE_CLITICS | self.extra


class CorpusStems:
    """Proclitic stripping informed by the corpus: how often each normalised word occurs.

    Without counts, or with too few words to judge (under ``min_words`` running words,
    a few dozen articles), it falls back to :func:`mediaframe.text.strip_proclitics`.
    """

    def __init__(self, counts: dict[str, int] | None = None, min_words: int = 20_000) -> None:
        self.counts = counts if counts and sum(counts.values()) >= min_words else None
        self._memo: dict[str, str] = {}

    @classmethod
    def from_texts(cls, normalised_texts: Iterable[str]) -> CorpusStems:
        from collections import Counter

        counts: Counter[str] = Counter()
        for text in normalised_texts:
            counts.update(_WORD.findall(text))
        return cls(dict(counts))

    def stem(self, token: str) -> str:
        found = self._memo.get(token)
        if found is None:
            found = self._strip(token) if self.counts is not None else strip_proclitics(token)
            self._memo[token] = found
        return found

    def _attested(self, rest: str, token: str) -> bool:
        counts = self.counts or {}
        seen = counts.get(rest, 0) + counts.get("ال" + rest, 0)
        return seen >= max(2, counts.get(token, 0) // 10)

    def _strip(self, token: str) -> str:
        if not _ARABIC_WORD.match(token):
            return token
        for clitic in _ARTICLE_CLITICS:
            if token.startswith(clitic) and len(token) - len(clitic) >= _MIN_STEM:
                return token[len(clitic) :]
        for clitic in _LETTER_CLITICS:
            rest = token[1:]
            if token.startswith(clitic) and len(rest) >= _MIN_STEM and self._attested(rest, token):
                return self._strip(rest) if clitic in {"و", "ف"} else rest
        return token


def normalise_for_terms(text: str | None) -> str:
    """The folding topic words are computed on (Arabic letter variants, lower case)."""
    return normalize_arabic(text or "").lower()


def topic_terms(
    text: str,
    stopwords: TopicStopwords,
    stems: CorpusStems | None = None,
    min_letters: int = 2,
    normalised: bool = False,
) -> str:
    """``text`` as a term string: content stems in order, ``|`` where adjacency breaks."""
    stop = stopwords.words()
    stems = stems or CorpusStems()
    normalised_text = text if normalised else normalise_for_terms(text)
    normalised = normalised_text
    out: list[str] = []
    previous_end = None
    for match in _WORD.finditer(normalised):
        token = match.group()
        stem = token if token in stop else stems.stem(token)
        keep = token not in stop and stem not in stop and len(stem) >= min_letters
        adjacent = previous_end is not None and _ONLY_SPACE.match(
            normalised[previous_end : match.start()]
        )
        if not keep:
            previous_end = None
            continue
        if out and not adjacent and out[-1] != BREAK:
            out.append(BREAK)
        out.append(stem)
        previous_end = match.end()
    if out and out[-1] != BREAK:
        out.append(BREAK)
    return " ".join(out)


def split_terms(terms: str) -> list[str]:
    """Unigrams and adjacent bigrams of a term string (the vectorizer's analyzer)."""
    words = terms.split()
    unigrams = [w for w in words if w != BREAK]
    bigrams = [f"{a} {b}" for a, b in itertools.pairwise(words) if a != BREAK and b != BREAK]
    return unigrams + bigrams


class TopicAnalyzer:
    """Raw document -> unigrams and bigrams of content words (for ad-hoc use and tests)."""

    def __init__(self, extra_stopwords: Sequence[str] = ()) -> None:
        self.stopwords = TopicStopwords.with_extra(extra_stopwords)

    def __call__(self, document: str) -> list[str]:
        return split_terms(topic_terms(document, self.stopwords))
