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

from mediaframe.normalize import normalize_arabic, normalize_with_offsets
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
        self.word_counts = counts or {}
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


# Inflectional endings that make one word several keys, and what each becomes:
# nisba plurals and feminine (روسيين، روسية → روسي), sound masculine plurals
# (لاعبين، مواطنون → لاعب، مواطن) and sound feminine plurals (شركات → شركة).
INFLECTION_RULES: tuple[tuple[str, str], ...] = (
    ("يين", "ي"),
    ("يون", "ي"),
    ("يه", "ي"),
    ("ين", ""),
    ("ون", ""),
    ("ات", "ه"),
)


def inflection_groups(counts: dict[str, int], min_base: int = 2) -> dict[str, str]:
    """Map each folded Arabic word to the base form of its inflection group.

    A word ending in one of :data:`INFLECTION_RULES` joins the base form only when the
    corpus has the base as a word of its own (at least ``min_base`` times, at least three
    letters): ``اللاجئين`` joins ``لاجئ`` in a corpus that writes ``لاجئ``, ``الروسية``
    joins ``روسي``, while ``فلسطين`` stays whole (no ``فلسط``). Only endings are
    compared: prefixes are the corpus-attested clitic stripping's job (:class:`CorpusStems`).
    Country names and their adjectives (``روسيا``, ``روسي``) and broken plurals stay apart.

    Example:
        >>> inflection_groups({"لاجي": 5, "لاجيين": 9, "روسي": 4, "روسيه": 6, "فلسطين": 3})
        {'روسيه': 'روسي', 'لاجيين': 'لاجي'}
    """
    groups: dict[str, str] = {}
    for word in sorted(counts):
        if not _ARABIC_WORD.match(word):
            continue
        for suffix, replacement in INFLECTION_RULES:
            if not word.endswith(suffix):
                continue
            base = word[: -len(suffix)] + replacement
            if len(base) >= _MIN_STEM and base != word and counts.get(base, 0) >= min_base:
                groups[word] = base
                break
    return {word: _root_of(base, groups) for word, base in groups.items()}


def _root_of(word: str, groups: dict[str, str]) -> str:
    seen = {word}
    while word in groups and groups[word] not in seen:
        word = groups[word]
        seen.add(word)
    return word


def normalise_for_terms(text: str | None) -> str:
    """The folding topic words are computed on (Arabic letter variants, lower case)."""
    return normalize_with_offsets(text or "")[0]


def topic_terms(
    text: str,
    stopwords: TopicStopwords,
    stems: CorpusStems | None = None,
    min_letters: int = 2,
    normalised: bool = False,
    surfaces: SurfaceForms | None = None,
    merged: dict[str, str] | None = None,
) -> str:
    """``text`` as a term string: content stems in order, ``|`` where adjacency breaks.

    ``surfaces`` (only for a text not yet ``normalised``) counts how each kept stem is
    written in ``text``; ``merged`` maps a stem to the key of its inflection group
    (:mod:`mediaframe.topics.inflection`).
    """
    stop = stopwords.words()
    stems = stems or CorpusStems()
    merged = merged or {}
    if normalised or surfaces is None:
        normalised_text, offsets = (text if normalised else normalise_for_terms(text)), None
    else:
        normalised_text, offsets = normalize_with_offsets(text or "")
    normalised = normalised_text
    out: list[str] = []
    previous_end = None
    for match in _WORD.finditer(normalised):
        token = match.group()
        stem = token if token in stop else stems.stem(token)
        keep = token not in stop and stem not in stop and len(stem) >= min_letters
        if keep and offsets is not None:
            surfaces.add_token(text, offsets, match.start(), token, stem, merged.get(stem, stem))
        stem = merged.get(stem, stem)
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


class SurfaceForms:
    """How each folded term key is written: counts of its original surface forms.

    Topic words are computed on folded keys (``لاجيين``, ``رييس``, ``صلاه``), which is not
    how anyone writes; :meth:`show` gives the most frequent original form (``لاجئين``,
    ``الرئيس``, ``صلاة``), ties broken by the form that sorts first. A form is the word as
    written without its conjunction or preposition (و ف ب ك ل) and without diacritics or
    tatweel; a word written with the article is counted with it (``لللاجئين`` counts as
    ``اللاجئين``). A bigram shows its two words' forms.

    Example:
        >>> forms = SurfaceForms()
        >>> _ = topic_terms("وقال الرئيس إن اللاجئين", TopicStopwords(), surfaces=forms)
        >>> forms.show("رييس"), forms.show("رييس لاجيين")
        ('الرئيس', 'الرئيس اللاجئين')
    """

    def __init__(self) -> None:
        self.counts: dict[str, dict[str, int]] = {}
        self._best: dict[str, str] = {}

    def add(self, key: str, surface: str, times: int = 1) -> None:
        forms = self.counts.setdefault(key, {})
        forms[surface] = forms.get(surface, 0) + times
        self._best.pop(key, None)

    def add_token(
        self, text: str, offsets: Sequence[int], start: int, token: str, stem: str, key: str
    ) -> None:
        """Count the original spelling of ``stem`` (the end of ``token`` at ``start``)."""
        first = start + len(token) - len(stem)
        written = _unmarked(text[offsets[first] : offsets[start + len(token) - 1] + 1])
        prefix = token[: len(token) - len(stem)]
        before = _unmarked(text[offsets[start] : offsets[first]]) if prefix else ""
        article = before.endswith(("ال", "لل"))
        if prefix.endswith("ال") and not article:  # أل of ألمانيا folds to ال: no article
            before = before[1:] if len(before) > 2 else before
            self.add(key, before + written)
            return
        self.add(key, f"ال{written}" if article else written)

    def update(self, other: SurfaceForms) -> None:
        for key, forms in other.counts.items():
            for surface, times in forms.items():
                self.add(key, surface, times)

    def best(self, key: str) -> str:
        """The most frequent form of one key (the key itself when none was counted)."""
        found = self._best.get(key)
        if found is None:
            forms = self.counts.get(key)
            found = min(forms.items(), key=lambda kv: (-kv[1], kv[0]))[0] if forms else key
            self._best[key] = found
        return found

    def show(self, term: str) -> str:
        """A unigram or bigram term as written."""
        return " ".join(self.best(part) for part in term.split(" "))

    def to_frame(self):
        import polars as pl

        rows = [(k, s, n) for k, forms in self.counts.items() for s, n in forms.items()]
        return pl.DataFrame(
            rows, schema={"key": pl.String, "surface": pl.String, "count": pl.Int64}, orient="row"
        ).sort("key", "surface")

    @classmethod
    def from_frame(cls, frame) -> SurfaceForms:
        forms = cls()
        for key, surface, count in frame.iter_rows():
            forms.add(key, surface, count)
        return forms


_MARK_TABLE = dict.fromkeys(
    [*range(0x064B, 0x0660), 0x0670, 0x0640, 0x00AD, 0x061C, *range(0x200B, 0x2010), 0xFEFF]
)


def _unmarked(written: str) -> str:
    """The letters of a written word: NFKC, no diacritics, tatweel or invisible marks."""
    import unicodedata

    return unicodedata.normalize("NFKC", written).translate(_MARK_TABLE)


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
