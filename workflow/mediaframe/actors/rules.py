"""Context rules that decide whether an alias found in a sentence names its actor.

An alias in ``actors.registry`` is either a plain string or a mapping with the alias
and its rules (``config.yaml`` documents each key)::

    - alias: التحالف
      not_before: [الوطني, مع]          # a word right after it: another alliance
      requires: ["@isis_war"]           # a word of this list must be in the sentence
      excludes: ["@yemen_war"]          # no word of this list may be in the sentence
    - {alias: الأسد, not_after: [ضاحية, حصة], not_written: [كالأسد]}
    - {alias: الأمريكي, adjective: true}  # only after a head noun (codebook rule 6)

Rule kinds, each checked on the normalised sentence:

- ``not_after`` / ``not_before``: words or phrases that must not stand right before /
  right after the alias (quotes and brackets between them are skipped; Arabic words
  match through clitics like aliases do; a function word such as في or إلى matches
  without a pronoun ending, since في+ها governs the pronoun, not the alias). A
  ``not_after`` word also governs a list of names that ends in the alias: «في الأردن
  ولبنان وتركيا», «في كل من تركيا وبلغاريا» (:func:`list_starts`).
- ``not_object_of``: verbs or verbal nouns (زار، يزور، زيارة) whose object the alias is
  when it follows them with at most their subject between («سيزور فابيوس إيران»: Iran is
  the place visited), unless a head noun right before the alias makes it that noun's
  genitive («زار وزير خارجية إيران موسكو»: إيران counts, موسكو does not). An entry
  that ends in a preposition (``نقل من``) governs the alias through it, with the
  verb's object between («نقل زوجته وابنه من موسكو»).
- ``requires`` / ``excludes``: at least one / none of these words anywhere else in the
  sentence; ``excludes_in_text``: none of these words anywhere in the same article (or
  comment), for a namesake whose story the sentence alone does not give away (الأسد in
  an article about a lion shot in Zimbabwe); ``requires_in_text``: at least one of these
  words somewhere in the article (or comment): الأسد counts only where the text is
  about Syria at all, not in a poem about a lion.
- ``excludes_near`` / ``unless_near``: none of the ``excludes_near`` words within
  :data:`NEAR_WORDS` words on either side of the alias, in its clause (up to a comma or
  other punctuation), unless a word of ``unless_near`` is anywhere in that clause: a
  country whose own production, exports or market stand beside it is an economy
  («تزيد إيران صادراتها», «أنتجت إيران 2.85 مليون برميل»), not the state, unless the
  clause speaks of statecraft (sanctions, the nuclear deal, a minister).
- ``not_written``: whole written forms that do not count (``كالأسد``, *like a lion*).
- ``not_dateline``: a place name that ends a short line after a dash, or opens a line
  before a dash and the outlet, is the dateline («عين اليوم – واشنطن», «واشنطن -
  «الشرق الأوسط»: …»), not the actor.
- ``adjective``: an adjective of origin counts only where a noun naming the actor's
  agents, institutions or acts (``actors.adjective_heads.<language>.allowed``) heads
  it, and no excluded noun (currency, company, place …) does: Arabic looks back over
  the words of the noun phrase before it, English forward. An Arabic adjective after a
  preposition (``بالتركية``, *in Turkish*; ``للسوريين``, *for the Syrians*) is a noun
  and never counts. A plural of people (``الأمريكيين``, ``الإيرانيون``, ``أتراك``)
  counts only where the noun right before it names the state's people (``people``:
  المسؤولين، القادة، الجنود، الدبلوماسيين …) or its acts (``allowed``: «تصريحات
  الإيرانيين»; a first conjunct is read through: «المسؤولين الأتراك والإيرانيين»):
  citizens, civilians, Jews, Kurds, rebels or executives are not the state's agents.
- family names (``actors.family_names``): a bare family name (``الأسد``) counts for its
  actor unless a first name of another person of the family stands right before it
  (``حافظ الأسد``, ``رفعت الأسد``). Full names (``بشار الأسد``, or another actor's
  ``ماهر الأسد``) are aliases of their own and win by being longer. (Carrying the last
  full name of an article over to later bare mentions was tried and dropped: on
  SaudiNewsNet it took most of Bashar al-Assad's mentions away in articles that name a
  relative once.)

A word list entry ``@name`` stands for the list ``actors.word_lists.name``.

Example:
    >>> entry = AliasEntry.parse({"alias": "الأسد", "not_after": ["حافظ"]}, "actor 'x'", {})
    >>> entry.not_after
    ('حافظ',)
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from mediaframe.errors import MediaframeError
from mediaframe.text import arabic_stopwords, english_stopwords

WORD_RULES = (
    "not_after",
    "not_before",
    "not_object_of",
    "requires",
    "excludes",
    "excludes_in_text",
    "requires_in_text",
    "excludes_near",
    "unless_near",
    "not_written",
)
RULE_KEYS = ("alias", *WORD_RULES, "adjective", "not_dateline")
CONFIG = "config.yaml: actors"
_ARABIC = re.compile(r"[\u0600-\u06FF]")
# Between a rule word and the alias: spaces, quotes, brackets and dashes, nothing else.
_GAP_CHARS = " \t\n«»\"'“”‘’()[]-–"
_GAP = r"[\s«»\"'“”‘’()\[\]\-–]*"
_WORD = re.compile(r"\w+")
# Where an Arabic noun phrase before an adjective ends: punctuation (the words are read
# from the normalised sentence, cut at the last of these).
_PHRASE_END = re.compile(r"[.,;:!?،؛؟\"«»“”()\[\]\-–—/]")
_DEFINITE = re.compile(r"[وف]?(?:[بك]?ال|لل)\w\w")
_MAX_LOOKBACK = 160  # characters of the sentence read before an alias by a rule
# a dateline: a short line whose last word, after a dash, is a place («عين اليوم –
# واشنطن», «11 - نيويورك - أميركا»)
_DATELINE_BEFORE = re.compile(r"\A\W*(?:\w+\W+){0,4}?[-–—]\s*\Z")
# ... or that opens a line before a dash and the outlet («واشنطن - «الشرق الأوسط»: …»)
_DATELINE_AFTER = re.compile(r"\s*[-–—]\s*(?:«[^»]{1,40}»|\w+(?:\s+\w+){0,3})\s*:")
# a subject between a verb and its object may hold an apposition in commas («وغادر
# وزير الخارجية، جون كيري، واشنطن»)
_SUBJECT_END = re.compile(r"[.;:!?؛؟\"«»“”()\[\]\-–—/]")
_PERFORMED = re.compile(r"[وف]?(?:قام|قامت|قاموا|يقوم|تقوم|يقومون|سيقوم|ستقوم)")
NEAR_WORDS = 5  # words on each side of an alias that excludes_near / unless_near read
# where the clause an alias stands in ends, for excludes_near
_CLAUSE_END = re.compile(r"(?<!\d)[.,](?!\d)|[;:!?،؛؟\"«»“”()\[\]–—]")  # not 2.85
# an Arabic adjective after a preposition is a noun («الناطق بالتركية», «للسوريين»)
_PREPOSITION = re.compile(r"[وف]?(?:[بك]ال|لل)")
_MAX_LIST = 8  # names in a list before an alias that a not_after word can govern
_MAX_SUBJECT = 5  # words between a not_object_of verb and the alias (its subject)
_MAX_OBJECT = 2  # words between a verb and its preposition (نقل زوجته وابنه من)
# «كل من» / «كلا من» opens a list after a preposition («في كل من تركيا وبلغاريا»)
_LIST_OPENER = re.compile(r"(?<!\w)كل[اه]?\s+من\s*\Z")


@cache
def _function_words() -> frozenset[str]:
    return arabic_stopwords() | english_stopwords()


@dataclass(frozen=True)
class AliasEntry:
    """One alias of an actor or member, with the rules that decide where it counts."""

    alias: str
    not_after: tuple[str, ...] = ()
    not_before: tuple[str, ...] = ()
    not_object_of: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()
    excludes_in_text: tuple[str, ...] = ()
    requires_in_text: tuple[str, ...] = ()
    excludes_near: tuple[str, ...] = ()
    unless_near: tuple[str, ...] = ()
    not_written: tuple[str, ...] = ()
    adjective: bool = False
    not_dateline: bool = False

    @property
    def has_rules(self) -> bool:
        return (
            self.adjective or self.not_dateline or any(getattr(self, kind) for kind in WORD_RULES)
        )

    @classmethod
    def parse(cls, raw: Any, where: str, word_lists: Mapping[str, Sequence[str]]) -> AliasEntry:
        """An alias as configured (a string or a mapping), with ``@name`` word lists
        expanded; ``where`` names the actor for messages."""
        if isinstance(raw, str):
            return cls(raw)
        if not isinstance(raw, Mapping) or not isinstance(raw.get("alias"), str):
            raise MediaframeError(
                f"{CONFIG}.registry: {where}: the alias {raw!r} is neither a name nor a "
                "mapping with an 'alias' key. Fix: write the name, or "
                "{alias: NAME, not_after: [...], ...}."
            )
        alias = raw["alias"]
        here = f"{where}, alias {alias!r}"
        for key in raw:
            if key not in RULE_KEYS:
                close = difflib.get_close_matches(str(key), RULE_KEYS, n=1)
                hint = f"did you mean '{close[0]}'? " if close else ""
                raise MediaframeError(
                    f"{CONFIG}.registry: {here}: unknown rule '{key}'. Fix: {hint}use one "
                    f"of {', '.join(RULE_KEYS[1:])}."
                )
        words = {kind: _words(raw.get(kind, []), kind, here, word_lists) for kind in WORD_RULES}
        flags = {}
        for key in ("adjective", "not_dateline"):
            flags[key] = raw.get(key, False)
            if not isinstance(flags[key], bool):
                raise MediaframeError(
                    f"{CONFIG}.registry: {here}: {key} is {flags[key]!r}. Fix: write true or false."
                )
        return cls(alias, **flags, **words)


def _words(
    value: Any, kind: str, where: str, word_lists: Mapping[str, Sequence[str]]
) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise MediaframeError(
            f"{CONFIG}.registry: {where}: {kind} must be a list of words, not {value!r}. "
            f"Fix: write {kind}: [word, ...]."
        )
    words: list[str] = []
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise MediaframeError(
                f"{CONFIG}.registry: {where}: {kind} holds {item!r}, which is no word. "
                "Fix: remove it or write the word."
            )
        if item.startswith("@"):
            name = item[1:]
            if name not in word_lists:
                known = ", ".join(sorted(word_lists)) or "none"
                raise MediaframeError(
                    f"{CONFIG}.registry: {where}: {kind} refers to the word list '{item}', "
                    f"which actors.word_lists does not define (defined: {known}). Fix: add "
                    f"it under actors.word_lists or correct the name."
                )
            words += [w for w in word_lists[name]]
        else:
            words.append(item)
    return tuple(dict.fromkeys(words))


@dataclass(frozen=True)
class FamilyName:
    """A family name several people share (``actors.family_names``)."""

    name: str
    others: tuple[str, ...]


def parse_family_names(section: Sequence[Mapping[str, Any]]) -> list[FamilyName]:
    families = []
    for entry in section:
        name = entry.get("name") if isinstance(entry, Mapping) else None
        if not isinstance(name, str) or not name.strip():
            raise MediaframeError(
                f"{CONFIG}.family_names: the entry {entry!r} has no name. Fix: write "
                "{name: FAMILY NAME, others: [first names of other people of the family]}."
            )
        others = entry.get("others", [])
        if isinstance(others, str) or not all(isinstance(o, str) and o.strip() for o in others):
            raise MediaframeError(
                f"{CONFIG}.family_names: {name!r}: others must be a list of first names, "
                f"not {others!r}. Fix: write others: [name, ...]."
            )
        families.append(FamilyName(name, tuple(others)))
    return families


class PhraseSet:
    """A list of words or phrases compiled into one pattern over normalised text."""

    def __init__(self, words: Sequence[str], pattern_of: Callable[[str], str]) -> None:
        self.words = tuple(words)
        alternatives = sorted({pattern_of(w) for w in words}, key=len, reverse=True)
        body = "|".join(alternatives) or r"(?!x)x"
        self.anywhere = re.compile(rf"(?<!\w)(?:{body})(?!\w)")
        self.ending = re.compile(rf"(?<!\w)(?:{body}){_GAP}\Z")
        self.starting = re.compile(rf"\A{_GAP}(?:{body})(?!\w)")
        self.whole = re.compile(rf"(?:{body})\Z")

    def __bool__(self) -> bool:
        return bool(self.words)


@dataclass(frozen=True)
class Rejection:
    rule: str
    reason: str


@dataclass(frozen=True)
class HeadNouns:
    """Nouns that make an adjective of origin name the actor (``allowed``) or a thing
    (``excluded``), for one language."""

    allowed: PhraseSet
    excluded: PhraseSet
    window: int
    backwards: bool
    # nouns of people that a plural of people («الأمريكيين») must follow to count
    people: PhraseSet | None = None


class CompiledRule:
    """The rules of one alias, compiled against the matcher's normalisation."""

    def __init__(
        self,
        entry: AliasEntry,
        pattern_of: Callable[..., str],
        normalise: Callable[[str], str],
        heads: HeadNouns | None,
        family: FamilyName | None,
        waw_names: frozenset[str] = frozenset(),
    ) -> None:
        self.entry = entry
        self.waw_names = waw_names

        def governing(word: str) -> str:
            return pattern_of(word, governing=True)

        self.not_after = PhraseSet(entry.not_after, governing)
        self.not_before = PhraseSet(entry.not_before, pattern_of)
        # «نقل … من»: an entry ending in a preposition governs the alias through it
        direct, through = [], {}
        for phrase in entry.not_object_of:
            words = normalise(phrase).split()
            if len(words) > 1 and words[-1] in _function_words():
                through.setdefault(words[-1], []).append(" ".join(words[:-1]))
            else:
                direct.append(phrase)
        self.not_object_of = PhraseSet(direct, governing)
        self.object_through = [
            (PhraseSet([preposition], governing), PhraseSet(verbs, governing))
            for preposition, verbs in through.items()
        ]
        alias = normalise(entry.alias).lstrip()
        # the alias's own first letter, to tell وتركيا (و + تركيا) from واشنطن
        self._starts_with_waw = alias.startswith("و")
        # an adjective alias that is no nisba in ي (أتراك) is a plural of people
        self._plural_alias = not alias.endswith("ي")
        self.requires = PhraseSet(entry.requires, pattern_of)
        self.excludes = PhraseSet(entry.excludes, pattern_of)
        self.excludes_in_text = PhraseSet(entry.excludes_in_text, pattern_of)
        self.requires_in_text = PhraseSet(entry.requires_in_text, pattern_of)
        self.excludes_near = PhraseSet(entry.excludes_near, pattern_of)
        self.unless_near = PhraseSet(entry.unless_near, pattern_of)
        self.not_written = {normalise(w).lstrip() for w in entry.not_written}
        self.heads = heads
        self.family = family
        self.family_others = PhraseSet(family.others, pattern_of) if family else None

    def rejects(
        self,
        text: str,
        start: int,
        end: int,
        written_as: Callable[[int, int], str] = lambda start, end: "",
        whole_text: Callable[[], str] | None = None,
    ) -> Rejection | None:
        """Why the match ``text[start:end]`` (normalised sentence) is not the actor, or
        None when it is; ``written_as(start, end)`` gives a span of ``text`` as the
        sentence writes it, for the reason; ``whole_text()`` the normalised article or
        comment the sentence belongs to (for ``excludes_in_text``)."""
        low = max(0, start - _MAX_LOOKBACK)

        def shown(first: int, last: int) -> str:
            return repr(written_as(first, last).strip(_GAP_CHARS) or text[first:last])

        before = text[low:start]
        after = text[end : end + _MAX_LOOKBACK]
        written = text[start:end]
        if self.not_written and (written in self.not_written or written[1:] in self.not_written):
            return Rejection("not_written", f"written {shown(start, end)}")
        if self.entry.not_dateline and (
            (_DATELINE_BEFORE.search(text, 0, start) and not text[end:].strip(_GAP_CHARS + ".:،,"))
            or (not text[:start].strip(_GAP_CHARS) and _DATELINE_AFTER.match(text, end))
        ):
            return Rejection("not_dateline", "a dateline: the place the story was filed")
        if self.not_after or self.not_object_of or self.object_through:
            conjunct = self._conjunct(text, start, end)
            for first in list_starts(text, low, start, end, conjunct, self.waw_names):
                ahead = _LIST_OPENER.sub("", text[low:first])
                listed = "" if first == start else f" (a list: {shown(first, end)})"
                if self.not_after and (hit := self.not_after.ending.search(ahead)):
                    where = shown(low + hit.start(), low + hit.end())
                    return Rejection("not_after", f"after {where}{listed}")
                verb = None
                if self.not_object_of:
                    verb = self._verb_before(text, low + len(ahead), self.not_object_of)
                for preposition, verbs in self.object_through:
                    if verb is None and (hit := preposition.ending.search(ahead)):
                        verb = self._verb_before(
                            text, low + hit.start(), verbs, genitive=False, window=_MAX_OBJECT
                        )
                if verb is not None:
                    where = shown(verb.start(), verb.end())
                    return Rejection("not_object_of", f"the object of {where}{listed}")
        if self.not_before and (hit := self.not_before.starting.match(after)):
            return Rejection("not_before", f"before {shown(end + hit.start(), end + hit.end())}")
        if self.family_others and (hit := self.family_others.ending.search(before)):
            name = shown(low + hit.start(), end)
            return Rejection("family_name", f"{name} is another person of the family")
        rest = f"{text[:start]}{' ' * (end - start)}{text[end:]}"
        if self.excludes and (hit := self.excludes.anywhere.search(rest)):
            return Rejection("excludes", f"the sentence has {shown(hit.start(), hit.end())}")
        if self.requires and not self.requires.anywhere.search(rest):
            return Rejection("requires", "no word of its requires list in the sentence")
        if (
            self.excludes_in_text
            and whole_text is not None
            and (hit := self.excludes_in_text.anywhere.search(whole_text()))
        ):
            return Rejection("excludes_in_text", f"the text has {hit.group()!r}")
        if (
            self.requires_in_text
            and whole_text is not None
            and not self.requires_in_text.anywhere.search(whole_text())
        ):
            return Rejection("requires_in_text", "no word of its requires_in_text list in the text")
        if (
            self.excludes_near
            and (hit := self._near(text, start, end, self.excludes_near))
            and not self._near(text, start, end, self.unless_near, window=None)
        ):
            return Rejection("excludes_near", f"{shown(hit.start(), hit.end())} near it")
        if self.entry.adjective and self.heads is not None:
            return self._adjective(text, start, end, shown)
        return None

    @staticmethod
    def _near(
        text: str, start: int, end: int, words: PhraseSet, window: int | None = NEAR_WORDS
    ) -> re.Match[str] | None:
        """A word of ``words`` within ``window`` words before or after the alias at
        ``text[start:end]`` in the same clause (anywhere in the clause: ``None``)."""
        if not words:
            return None
        before = _words_before(text, start, _CLAUSE_END)
        after = _words_after(text, end, _CLAUSE_END)
        if window is not None:
            before, after = before[len(before) - window :] if window else [], after[:window]
        if before and (hit := words.anywhere.search(text, before[0].start(), start)):
            return hit
        if after:
            return words.anywhere.search(text, end, after[-1].end())
        return None

    def _conjunct(self, text: str, start: int, end: int) -> bool:
        """Whether the alias is joined to what precedes it by و or a comma (وتركيا,
        «، تركيا»), so that it can end a list."""
        written = text[start:end]
        if written.startswith("و") and not (self._starts_with_waw and written[1:2] != "و"):
            # «، وإيران» opens a new clause more often than it ends a list
            return not _COMMA_BEFORE.search(text, max(0, start - 4), start)
        return bool(_JOINED.search(text, max(0, start - 6), start))

    def _verb_before(
        self,
        text: str,
        position: int,
        verbs: PhraseSet,
        genitive: bool = True,
        window: int = _MAX_SUBJECT,
    ) -> re.Match[str] | None:
        """A verb of ``verbs`` before ``position`` with at most its subject (or object)
        between (no function word, no punctuation); with ``genitive``, the word right
        before ``position`` must not be a head noun that would take the alias as its
        genitive."""
        words = _words_before(text, position, _SUBJECT_END)[::-1]
        stop = _function_words()
        for between, word in enumerate(words[: window + 1]):
            if verbs.whole.match(word.group()):
                governed = (
                    genitive
                    and between > 0
                    and self.heads is not None
                    and self.heads.allowed.whole.match(words[0].group())
                )
                return None if governed else word
            if word.group() in stop and not (
                word.group() in ("به", "بها")
                and between + 1 < len(words)
                and _PERFORMED.fullmatch(words[between + 1].group())
            ):
                return None  # «زيارة قام بها الجبير لموسكو» reads through «قام بها»
        return None

    def _adjective(
        self, text: str, start: int, end: int, shown: Callable[[int, int], str]
    ) -> Rejection | None:
        heads = self.heads
        written = text[start:end]
        if heads.backwards and _PREPOSITION.match(written):
            return Rejection(
                "adjective", f"{shown(start, end)} after a preposition is a noun, not the actor"
            )
        if heads.backwards:
            found = _words_before(text, start, _PHRASE_END)[::-1]
        else:
            found = _words_after(text, end, _PHRASE_END)
        # the noun phrase ends at a function word (في، من، مع, of, the …) or the window
        found = found[: heads.window]
        stop = _function_words()
        found = found[: next((i for i, w in enumerate(found) if w.group().lower() in stop), None)]
        if (
            heads.backwards
            and heads.people
            and (self._plural_alias or written.endswith(("ين", "ون")))
        ):
            return self._people(written, found, shown)
        head = None
        # a definite singular adjective (not «مسؤولي الإيرانيين», the Iranians' officials)
        definite = (
            heads.backwards
            and bool(_DEFINITE.match(text, start))
            and not text[start:end].endswith(("ين", "ون"))
        )
        for nearest, word in enumerate(found):
            if (
                definite
                and nearest == 0
                and heads.backwards
                and not _DEFINITE.match(word.group())
                and heads.allowed.whole.match(word.group())
            ):
                # «بإدارة السورية نغم»: a definite adjective right after an indefinite
                # noun does not describe it (it would agree in ال); it is a noun of its own
                break
            if heads.excluded and heads.excluded.whole.match(word.group()):
                where = shown(word.start(), word.end())
                return Rejection("adjective", f"describes {where}, not the actor's agents")
            if heads.allowed.whole.match(word.group()):
                head = head or word
            elif heads.backwards and not _DEFINITE.match(word.group()):
                # an Arabic adjective with ال agrees with a definite head: an indefinite
                # word (أشقائه، أبرامز) ends the phrase it can belong to
                break
        if head is None:
            nearby = "nothing"
            if found:
                span = (found[-1].start(), start) if heads.backwards else (end, found[-1].end())
                nearby = shown(*span)
            return Rejection("adjective", f"no head noun naming the actor's agents ({nearby})")
        return None

    def _people(
        self, written: str, found: list[re.Match[str]], shown: Callable[[int, int], str]
    ) -> Rejection | None:
        """A plural of people counts only right after a noun naming the state's people
        (``people``) or the actor's agents, institutions or acts (``allowed``: «تصريحات
        الإيرانيين»), or after two joined nouns one of which does; as a second conjunct
        («الأتراك والإيرانيين») after the first."""
        people = self.heads.people
        if found and written.startswith("و") and not self._starts_with_waw:
            found = found[1:]  # «المسؤولين الأتراك والإيرانيين»: read through الأتراك
        if found and (
            people.whole.match(found[0].group()) or self.heads.allowed.whole.match(found[0].group())
        ):
            return None  # «المسؤولين الإيرانيين»; «تصريحات الإيرانيين», the Iranians' statements
        # a dual or plural after two joined nouns describes both («الجيش والشرطة
        # التركيين», «الدعم والدفاع الأميركيين»)
        joined = found[:2] if len(found) > 1 and found[0].group().startswith("و") else []
        if any(
            people.whole.match(w.group()) or self.heads.allowed.whole.match(w.group())
            for w in joined
        ):
            return None
        after = f"after {shown(found[0].start(), found[0].end())}" if found else "as a noun"
        return Rejection("adjective", f"a plural of people {after}, not the state's agents")


def _words_before(text: str, position: int, boundary: re.Pattern[str]) -> list[re.Match[str]]:
    """The words between the last ``boundary`` mark before ``position`` (looking at most
    ``_MAX_LOOKBACK`` characters back) and ``position``, in reading order."""
    low = max(0, position - _MAX_LOOKBACK)
    cut = [m.end() for m in boundary.finditer(text, low, position)]
    return list(_WORD.finditer(text, cut[-1] if cut else low, position))


def _words_after(text: str, position: int, boundary: re.Pattern[str]) -> list[re.Match[str]]:
    """The words from ``position`` to the next ``boundary`` mark (at most
    ``_MAX_LOOKBACK`` characters on), in reading order."""
    stop = boundary.search(text, position, position + _MAX_LOOKBACK)
    return list(_WORD.finditer(text, position, stop.start() if stop else position + _MAX_LOOKBACK))


_JOINED = re.compile(r"(?:[،,]\s*|\s(?:و|او)\s+)\Z")
_COMMA_BEFORE = re.compile(r"[،,]\s*\Z")
_GAP_IN_LIST = re.compile(r"\s*(?:[،,]\s*|\s(?:و|او)\s+)?")
# after the alias, a comma or و (written on the next name or apart) and a name; أو only
# as a word of its own (not the أو of أوقفت)
_LIST_GOES_ON = re.compile(r"\s*[،,]\s*\w|\s+(?:و\s*|او\s+)\w")


def list_starts(
    text: str,
    low: int,
    start: int,
    end: int,
    conjunct: bool,
    waw_names: frozenset[str] = frozenset(),
) -> list[int]:
    """Where a governing word may stand before the alias at ``start`` (ending at
    ``end``, where the list may go on): right before it,
    and, when the alias is joined by و or a comma to names before it (``conjunct``),
    before the first name of that list («في الأردن ولبنان وتركيا» → before الأردن).
    The names of the list are one or two words each, without function words or
    punctuation; the first may be one or two words, so both starts are returned. A word
    of ``waw_names`` (names whose own first letter is و: واشنطن) is not read as و + name."""
    starts = [start]
    if not conjunct:
        return starts
    # a list joined by commas alone names three or more («الصين، روسيا، فرنسا», «الصين،
    # روسيا وإيران»): one name and a comma before the alias, and no name after it, is a
    # clause's end («تشهد تذبذباً، روسيا خلقت»)
    commas_only = bool(_COMMA_BEFORE.search(text, max(0, start - 4), start))
    stop = _function_words()
    position, names, taken = start, 0, 0  # taken: words of the current name so far
    first_word = ""
    for word in reversed(list(_WORD.finditer(text, low, start))):
        written = word.group()
        if written in ("و", "او"):
            continue  # «الأردن و تركيا», «أوروبا أو أمريكا»: the gap reads it
        if not _GAP_IN_LIST.fullmatch(text, word.end(), position):
            break  # punctuation other than a comma, or a comma inside a two-word name
        if written in stop or (written.startswith("و") and written[1:] in stop):
            break
        taken += 1
        position = word.start()
        joined = written.startswith("و") and written not in waw_names
        if joined or _JOINED.search(text, low, position):
            names, taken = names + 1, 0  # a later name of the list: read on
            if names >= _MAX_LIST:
                break
            continue
        if taken == 1:
            starts.append(position)  # the first name of the list, if it is one word
            first_word = written
            continue
        # a first name of two words is definite in both (الولايات المتحدة), so that
        # «تجاه السعودية وإيران» is not read as a name «تجاه السعودية»
        if _DEFINITE.match(written) and _DEFINITE.match(first_word):
            starts.append(position)
        break
    if commas_only and names == 0 and not _LIST_GOES_ON.match(text, end):
        return [start]
    return starts
