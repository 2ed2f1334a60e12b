"""Find configured actors in sentences, through Arabic clitics and spelling variants.

An actor has aliases per language and optional members (people who speak for it);
a member's mention rolls up to the actor. Matching runs on the normalised sentence
(see :mod:`mediaframe.normalize`) with one combined regular expression, and reports
offsets in the original sentence and in the text the sentence came from.

Arabic aliases match with proclitics (و ف, then ب ك ل, with or without ال, and ل+ال
written لل) and a few suffixes (feminine ة, plurals, pronoun endings), so ``وواشنطن``,
``لقسد``, ``بتركيا``, ``والولايات المتحدة`` and ``الأميركية`` (for ``الأمريكي``) all
match. English aliases match case-insensitively on word boundaries, with possessive
``'s``; an alias written in capitals (``US``, ``SDF``) matches only in capitals.

An alias may carry context rules (words that must not stand before or after it,
words the sentence must or must not contain, adjectives of origin that count only
after a head noun, family names shared by several people; see
:mod:`mediaframe.actors.rules`). A match its rules reject is not a mention; it is
returned by :meth:`ActorMatcher.find_all` and :func:`match_sentences` as a rejected
match with the rule and the reason, for the actors report's alias audit.

Example:
    >>> matcher = ActorMatcher([Actor("sdf", {"ar": ["قسد"]})])
    >>> [(m.actor, m.matched) for m in matcher.find("وقال المتحدث باسم لقسد")]
    [('sdf', 'لقسد')]
    >>> matcher = matcher_from_config(config["actors"])  # the registry with its rules
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import polars as pl

from mediaframe.actors.rules import (
    AliasEntry,
    CompiledRule,
    FamilyName,
    HeadNouns,
    PhraseSet,
    Rejection,
    parse_family_names,
)
from mediaframe.errors import MediaframeError
from mediaframe.io import SENTENCE_KEY, Progress
from mediaframe.normalize import (
    DEFAULT_VARIANTS,
    FOLD_ALL,
    Folding,
    normalize_with_offsets,
    span_end,
)
from mediaframe.text import arabic_stopwords

ARABIC_SUFFIXES = ("ه", "ها", "هم", "ين", "ون", "يين", "يون", "يه")
RULE_WORD_SUFFIXES = ("ه", "ها", "هم", "ين", "ون")

# The columns of a match, found or rejected (see _match_fields).
MATCH_COLUMNS: dict[str, pl.DataType] = {
    "actor": pl.String(),
    "member": pl.String(),
    "alias": pl.String(),
    "matched": pl.String(),
    "start": pl.Int64(),
    "end": pl.Int64(),
}
MENTION_SCHEMA: dict[str, pl.DataType] = {
    **SENTENCE_KEY,
    **MATCH_COLUMNS,
    "text_start": pl.Int64(),
    "text_end": pl.Int64(),
    "sentence_text": pl.String(),
}

REJECTED_SCHEMA: dict[str, pl.DataType] = {
    **SENTENCE_KEY,
    **MATCH_COLUMNS,
    "rule": pl.String(),
    "reason": pl.String(),
    "sentence_text": pl.String(),
}

_ARABIC_CHAR = re.compile(r"[\u0600-\u06FF]")
_WORD = re.compile(r"\w+")
_KEY = 3  # letters of an alias core used as its index key
_MAX_PROCLITICS = 4  # و + ب + ال


Alias = str | AliasEntry


@dataclass(frozen=True)
class Member:
    """A person or body whose mentions count for the actor."""

    name: str
    aliases: dict[str, Sequence[Alias]]


@dataclass(frozen=True)
class Actor:
    """A configured actor: id, aliases per language (names, or :class:`AliasEntry`
    with context rules), members."""

    id: str
    aliases: dict[str, Sequence[Alias]]
    members: Sequence[Member] = field(default_factory=tuple)
    names: dict[str, str] = field(default_factory=dict)
    kind: str = "organisation"

    @classmethod
    def from_config(
        cls, entry: dict, word_lists: Mapping[str, Sequence[str]] | None = None
    ) -> Actor:
        """An actor of ``actors.registry``; alias rules naming ``@list`` take their
        words from ``word_lists`` (``actors.word_lists``)."""
        lists = word_lists or {}

        def parsed(aliases: dict[str, Sequence[Any]], where: str) -> dict[str, list[Alias]]:
            return {
                language: [AliasEntry.parse(a, where, lists) for a in names]
                for language, names in aliases.items()
            }

        where = f"actor '{entry['id']}'"
        members = tuple(
            Member(m["name"], parsed(m.get("aliases", {}), f"{where}, member '{m['name']}'"))
            for m in entry.get("members", [])
        )
        return cls(
            id=entry["id"],
            aliases=parsed(entry.get("aliases", {}), where),
            members=members,
            names=entry.get("names", {}),
            kind=entry.get("kind", "organisation"),
        )


@dataclass(frozen=True)
class Match:
    actor: str
    member: str | None
    alias: str
    matched: str
    start: int
    end: int


@dataclass(frozen=True)
class RejectedMatch(Match):
    """An alias found where its rules say it does not name the actor: the match's
    fields, and the rule that refused it and why."""

    rule: str
    reason: str


Info = tuple[str, str | None, str]  # actor id, member name, alias as configured


class ActorMatcher:
    """Compiled alias patterns (and their context rules) for a list of actors.

    ``adjective_heads`` (``actors.adjective_heads``: per language, ``allowed`` and
    ``excluded`` head nouns and a ``window`` of words) serves aliases marked
    ``adjective``; ``family_names`` (``actors.family_names``) the aliases that are a
    family name shared by several people.
    """

    def __init__(
        self,
        actors: Sequence[Actor],
        variants: Sequence[Sequence[str]] = DEFAULT_VARIANTS,
        folding: Folding = FOLD_ALL,
        adjective_heads: Mapping[str, Mapping[str, Any]] | None = None,
        family_names: Sequence[FamilyName] = (),
    ) -> None:
        self.variants = variants
        self.folding = folding
        # Sentences keep their case, so that capitalised aliases (US, SDF) match only
        # in capitals; the other English aliases carry their own (?i:) flag.
        self._case_kept = replace(folding, lowercase=False)
        entries: list[tuple[str, str | None, AliasEntry, str]] = []
        for actor in actors:
            for language, aliases in actor.aliases.items():
                entries += [(actor.id, None, _entry(a), language) for a in aliases]
            for member in actor.members:
                for language, aliases in member.aliases.items():
                    entries += [(actor.id, member.name, _entry(a), language) for a in aliases]
        heads = self._heads(adjective_heads or {}, entries)
        families = {self._normalised(f.name): f for f in family_names}
        # names whose own first letter is و (واشنطن), which a list of names must not
        # read as و + name
        waw_names = frozenset(
            first
            for _, _, entry, _ in entries
            if (first := self._normalised(entry.alias).split()[0]).startswith("و")
        )
        # Each alias becomes a pattern anchored at a word start, indexed by the first
        # letters of its core (the alias without ال), so a sentence is scanned word by
        # word with a few dictionary look-ups instead of trying every alias everywhere.
        # One pattern may serve several actors when their rules differ (التحالف for the
        # international and the Saudi-led coalition): the first whose rules accept wins.
        compiled: list[tuple[int, str, re.Pattern[str], Info, CompiledRule | None]] = []
        seen: set[tuple[str, str]] = set()
        for actor_id, member, entry, language in entries:
            pattern, key_length, core = self._alias_pattern(entry.alias)
            if (pattern, actor_id) in seen:
                continue
            seen.add((pattern, actor_id))
            normalised = self._normalised(entry.alias)
            family = families.get(normalised)
            rule = None
            if entry.has_rules or family:
                rule = CompiledRule(
                    entry,
                    self._rule_word_pattern,
                    self._normalised,
                    heads.get(language),
                    family,
                    waw_names,
                )
            regex = re.compile(rf"(?<!\w){pattern}(?!\w)")
            compiled.append((key_length, core, regex, (actor_id, member, entry.alias), rule))
        # Longest alias first, so "الجيش الأمريكي" wins over "الأمريكي" at the same place.
        compiled.sort(key=lambda c: -c[0])
        self._index: dict[str, list[tuple[int, re.Pattern[str], Info, CompiledRule | None]]] = {}
        for length, core, regex, info, rule in compiled:
            key = _WORD.match(core)
            self._index.setdefault((key.group() if key else core)[:_KEY].lower(), []).append(
                (length, regex, info, rule)
            )
        self._key_lengths = sorted({len(k) for k in self._index})

    def _normalised(self, text: str) -> str:
        return normalize_with_offsets(text.strip(), self.variants, self.folding)[0]

    def _heads(
        self,
        section: Mapping[str, Mapping[str, Any]],
        entries: list[tuple[str, str | None, AliasEntry, str]],
    ) -> dict[str, HeadNouns]:
        """The head nouns per language; an adjective alias in a language without them
        stops with a message."""
        heads = {}
        for language, nouns in section.items():
            pattern = self._rule_word_pattern
            heads[language] = HeadNouns(
                allowed=PhraseSet(nouns.get("allowed", []), pattern),
                excluded=PhraseSet(nouns.get("excluded", []), pattern),
                window=int(nouns.get("window", 3)),
                backwards=language == "ar",
                people=PhraseSet(nouns.get("people", []), pattern),
            )
        for actor_id, member, entry, language in entries:
            if entry.adjective and not (language in heads and heads[language].allowed):
                who = f"actor '{actor_id}'" + (f", member '{member}'" if member else "")
                raise MediaframeError(
                    f"config.yaml: actors.registry: {who}, alias {entry.alias!r}: adjective "
                    f"is true but actors.adjective_heads has no allowed head nouns for "
                    f"'{language}'. Fix: add actors.adjective_heads.{language}.allowed, or "
                    "drop adjective from the alias."
                )
        return heads

    def _rule_word_pattern(self, word: str, governing: bool = False) -> str:
        """A rule word's pattern: like an alias, but without the nisba endings (يه, يين,
        يون), so the head noun رئيس does not match رئيسية (main); a function word (في،
        إلى) without pronoun endings either, since in «التي تعلن فيها إيران» في governs
        the pronoun, not the alias. A ``governing`` word (not_after, not_object_of: it
        takes the alias as its genitive or object) matches neither with a pronoun ending
        nor with an ال it is not written with: «ريف دمشق» is a place, «المزاج الغربي تجاه
        إيران» has no غربي governing إيران, and «زاره» (visited him) is no «زار»."""
        bare = governing or self._normalised(word) in arabic_stopwords()
        suffixes = () if bare else RULE_WORD_SUFFIXES
        return self._alias_pattern(
            word, suffixes=suffixes, with_lil=not governing, definite=not governing
        )[0]

    def _alias_pattern(
        self,
        alias: str,
        suffixes: Sequence[str] = ARABIC_SUFFIXES,
        with_lil: bool = False,
        definite: bool = True,
    ) -> tuple[str, int, str]:
        """The alias's pattern, its length for precedence, and its core (first word
        without ال) for the index. ``with_lil`` lets a word written without ال also match
        after ل+ال (للشركات for شركات), as rule words need; aliases keep the pattern the
        stored Arabic news data set was sampled with. ``definite`` False: a word written
        without ال matches only without it (after و ف ب ك ل)."""
        normalised, _ = normalize_with_offsets(alias.strip(), self.variants, self.folding)
        if not normalised.split():
            raise MediaframeError(
                f"config.yaml: actors.registry: the alias or rule word {alias!r} has no "
                "letters left after normalisation and would match anywhere. Fix: remove it "
                "or write the name."
            )
        first = normalised.split()[0]
        if _ARABIC_CHAR.search(normalised):
            words = [re.escape(w) for w in normalised.split()]
            head = words[0]
            if head.startswith("ال") and len(head) > 2:
                prefix = rf"[وف]?(?:[بك]?ال|لل){head[2:]}"
                first = first[2:]
            else:
                article = "(?:ال)?" if definite else ""
                clitics = rf"(?:[بلك]?{article}|لل)" if with_lil else rf"[بلك]?{article}"
                prefix = rf"[وف]?{clitics}{head}"
            core = r"\s+".join([prefix, *words[1:]])
            suffix = "|".join(sorted(suffixes, key=len, reverse=True))
            return rf"{core}(?:{suffix})?", len(normalised), first
        original_words = alias.strip().split()
        escaped = r"\s+".join(
            re.escape(normalize_with_offsets(w, self.variants, self.folding)[0])
            for w in original_words
        )
        acronym = alias.strip().replace(".", "").isupper()
        if acronym:
            escaped = r"\s+".join(re.escape(w) for w in original_words)
            return rf"{escaped}(?:['’]s)?", len(normalised), first
        return rf"(?i:{escaped}(?:['’]s)?)", len(normalised), first

    def find(self, sentence: str) -> list[Match]:
        """All actor mentions in ``sentence``, left to right, never overlapping."""
        return self.find_all(sentence)[0]

    def normalise(self, text: str) -> str:
        """``text`` as the matcher reads it (folded, case kept)."""
        return normalize_with_offsets(text, self.variants, self._case_kept)[0]

    def find_all(
        self, sentence: str, whole_text: Callable[[], str] | None = None
    ) -> tuple[list[Match], list[RejectedMatch]]:
        """The mentions in ``sentence`` and the alias matches their rules rejected;
        ``whole_text()`` gives the normalised article or comment the sentence is part of
        (rules with ``excludes_in_text`` read it; without it they are not applied)."""
        normalised, offsets = normalize_with_offsets(sentence, self.variants, self._case_kept)
        matches: list[Match] = []
        rejected: list[RejectedMatch] = []

        def written_as(first: int, last: int) -> str:
            if first >= last:
                return ""
            return sentence[offsets[first] : span_end(sentence, offsets[last - 1] + 1)]

        resume = 0
        for word in _WORD.finditer(normalised):
            if word.start() < resume:
                continue
            found, refused = self._match_at(
                normalised, word.start(), word.group().lower(), written_as, whole_text
            )
            if found is None and not refused:
                continue
            hit, info = found if found is not None else refused[0][:2]
            start = offsets[hit.start()]
            end = span_end(sentence, offsets[hit.end() - 1] + 1)
            actor_id, member, alias = info
            if found is not None:
                matches.append(Match(actor_id, member, alias, sentence[start:end], start, end))
            else:
                reason = "; ".join(f"{i[0]}: {r.rule} ({r.reason})" for _, i, r in refused)
                rule = refused[0][2].rule
                rejected.append(
                    RejectedMatch(
                        actor_id, member, alias, sentence[start:end], start, end, rule, reason
                    )
                )
                continue  # a rejected match consumes nothing: a shorter alias may follow
            resume = hit.end()
        return matches, rejected

    def _match_at(
        self,
        text: str,
        position: int,
        word: str,
        written_as: Callable[[int, int], str],
        whole_text: Callable[[], str] | None,
    ) -> tuple[tuple[re.Match[str], Info] | None, list[tuple[re.Match[str], Info, Rejection]]]:
        """The longest alias matching at a word start whose rules accept it (its core may
        follow up to four letters of proclitics, و ف ب ك ل ال), and the matches whose
        rules refused them on the way."""
        candidates = []
        for skip in range(min(_MAX_PROCLITICS, len(word) - 1) + 1):
            for length in self._key_lengths:
                candidates += self._index.get(word[skip : skip + length], ())
        refused: list[tuple[re.Match[str], Info, Rejection]] = []
        for _, regex, info, rule in sorted(candidates, key=lambda c: -c[0]):
            hit = regex.match(text, position)
            if not hit:
                continue
            if any(r.span() == hit.span() and r.re is not regex for r, _, _ in refused):
                # the same words, read as another alias that its rules rejected (إيران
                # through its nisba ending in «الإيرانية» after the adjective الإيراني was
                # rejected): no shorter alias may take them; the same alias configured for
                # another actor (التحالف) may
                continue
            rejection = (
                rule.rejects(text, hit.start(), hit.end(), written_as, whole_text) if rule else None
            )
            if rejection is None:
                return (hit, info), refused
            refused.append((hit, info, rejection))
        return None, refused


def _entry(alias: Alias) -> AliasEntry:
    return alias if isinstance(alias, AliasEntry) else AliasEntry(alias)


def matcher_from_config(section: Mapping[str, Any], folding: Folding = FOLD_ALL) -> ActorMatcher:
    """The matcher for the ``actors`` section of config.yaml: the registry with its
    alias rules, spelling variants, adjective head nouns and family names."""
    word_lists = section.get("word_lists") or {}
    return ActorMatcher(
        [Actor.from_config(entry, word_lists) for entry in section["registry"]],
        section.get("spelling_variants", DEFAULT_VARIANTS),
        folding,
        adjective_heads=section.get("adjective_heads") or {},
        family_names=parse_family_names(section.get("family_names") or []),
    )


def match_sentences(
    sentences: pl.DataFrame, matcher: ActorMatcher, progress: Progress | None = None
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The mentions in a sentences table (see ``clean.SENTENCE_SCHEMA``) and the alias
    matches their rules rejected (:data:`REJECTED_SCHEMA`: the rule and the reason).
    ``progress`` (optional) is advanced once per sentence."""
    mentions, rejected = [], []
    # the sentences of each text (an article, a comment), normalised and joined only
    # when a rule asks for the whole text
    texts: dict[tuple, list[str]] = {}
    for doc_id, comment, text in sentences.select("doc_id", "comment", "text").iter_rows():
        texts.setdefault((doc_id, comment), []).append(text)
    joined: dict[tuple, str] = {}

    def whole_text_of(key: tuple) -> Callable[[], str]:
        def whole_text() -> str:
            if key not in joined:
                joined.clear()
                joined[key] = matcher.normalise("\n".join(texts[key]))
            return joined[key]

        return whole_text

    for sentence in sentences.iter_rows(named=True):
        if progress:
            progress.advance()
        key = (sentence["doc_id"], sentence["comment"])
        found, refused = matcher.find_all(sentence["text"], whole_text_of(key))
        key = {
            "doc_id": sentence["doc_id"],
            "outlet": sentence["outlet"],
            "published": sentence["published"],
            "kind": sentence["kind"],
            "comment": sentence["comment"],
            "sentence": sentence["sentence"],
        }
        for match in found:
            mentions.append(
                key
                | _match_fields(match)
                | {
                    "text_start": sentence["start"] + match.start,
                    "text_end": sentence["start"] + match.end,
                    "sentence_text": sentence["text"],
                }
            )
        for match in refused:
            rejected.append(
                key
                | _match_fields(match)
                | {"rule": match.rule, "reason": match.reason, "sentence_text": sentence["text"]}
            )
    order = ("doc_id", "kind", "comment", "sentence", "start")
    return (
        pl.DataFrame(mentions, schema=MENTION_SCHEMA).sort(
            *order, nulls_last=False, maintain_order=True
        ),
        pl.DataFrame(rejected, schema=REJECTED_SCHEMA).sort(
            *order, nulls_last=False, maintain_order=True
        ),
    )


def _match_fields(match: Match) -> dict[str, Any]:
    """The columns a found and a rejected match share (:data:`MATCH_COLUMNS`)."""
    return {name: getattr(match, name) for name in MATCH_COLUMNS}


def find_mentions(
    sentences: pl.DataFrame, matcher: ActorMatcher, progress: Progress | None = None
) -> pl.DataFrame:
    """One row per actor mention in a sentences table (see ``clean.SENTENCE_SCHEMA``);
    ``progress`` (optional) is advanced once per sentence."""
    return match_sentences(sentences, matcher, progress)[0]
