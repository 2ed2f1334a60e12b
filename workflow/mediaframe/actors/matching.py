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

Example:
    >>> matcher = ActorMatcher([Actor("sdf", {"ar": ["قسد"]})])
    >>> [(m.actor, m.matched) for m in matcher.find("وقال المتحدث باسم لقسد")]
    [('sdf', 'لقسد')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import polars as pl

from mediaframe.errors import MediaframeError
from mediaframe.io import SENTENCE_KEY, Progress
from mediaframe.normalize import (
    DEFAULT_VARIANTS,
    FOLD_ALL,
    Folding,
    normalize_with_offsets,
    span_end,
)

ARABIC_SUFFIXES = ("ه", "ها", "هم", "ين", "ون", "يين", "يون", "يه")

MENTION_SCHEMA: dict[str, pl.DataType] = {
    **SENTENCE_KEY,
    "actor": pl.String(),
    "member": pl.String(),
    "alias": pl.String(),
    "matched": pl.String(),
    "start": pl.Int64(),
    "end": pl.Int64(),
    "text_start": pl.Int64(),
    "text_end": pl.Int64(),
    "sentence_text": pl.String(),
}

_ARABIC_CHAR = re.compile(r"[\u0600-\u06FF]")
_WORD = re.compile(r"\w+")
_KEY = 3  # letters of an alias core used as its index key
_MAX_PROCLITICS = 4  # و + ب + ال


@dataclass(frozen=True)
class Member:
    """A person or body whose mentions count for the actor."""

    name: str
    aliases: dict[str, Sequence[str]]


@dataclass(frozen=True)
class Actor:
    """A configured actor: id, aliases per language, members."""

    id: str
    aliases: dict[str, Sequence[str]]
    members: Sequence[Member] = field(default_factory=tuple)
    names: dict[str, str] = field(default_factory=dict)
    kind: str = "organisation"

    @classmethod
    def from_config(cls, entry: dict) -> Actor:
        members = tuple(Member(m["name"], m.get("aliases", {})) for m in entry.get("members", []))
        return cls(
            id=entry["id"],
            aliases=entry.get("aliases", {}),
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


class ActorMatcher:
    """Compiled alias patterns for a list of actors."""

    def __init__(
        self,
        actors: Sequence[Actor],
        variants: Sequence[Sequence[str]] = DEFAULT_VARIANTS,
        folding: Folding = FOLD_ALL,
    ) -> None:
        self.variants = variants
        self.folding = folding
        # Sentences keep their case, so that capitalised aliases (US, SDF) match only
        # in capitals; the other English aliases carry their own (?i:) flag.
        self._case_kept = replace(folding, lowercase=False)
        entries: list[tuple[str, str | None, str]] = []
        for actor in actors:
            entries += [(actor.id, None, a) for aliases in actor.aliases.values() for a in aliases]
            for member in actor.members:
                entries += [
                    (actor.id, member.name, a)
                    for aliases in member.aliases.values()
                    for a in aliases
                ]
        # Each alias becomes a pattern anchored at a word start, indexed by the first
        # letters of its core (the alias without ال), so a sentence is scanned word by
        # word with a few dictionary look-ups instead of trying every alias everywhere.
        compiled: list[tuple[int, str, re.Pattern[str], tuple[str, str | None, str]]] = []
        seen: set[str] = set()
        for actor_id, member, alias in entries:
            pattern, key_length, core = self._alias_pattern(alias)
            if pattern in seen:
                continue
            seen.add(pattern)
            regex = re.compile(rf"(?<!\w){pattern}(?!\w)")
            compiled.append((key_length, core, regex, (actor_id, member, alias)))
        # Longest alias first, so "الجيش الأمريكي" wins over "الأمريكي" at the same place.
        compiled.sort(key=lambda c: -c[0])
        self._index: dict[str, list[tuple[int, re.Pattern[str], tuple[str, str | None, str]]]] = {}
        for length, core, regex, info in compiled:
            key = _WORD.match(core)
            self._index.setdefault((key.group() if key else core)[:_KEY].lower(), []).append(
                (length, regex, info)
            )
        self._key_lengths = sorted({len(k) for k in self._index})

    def _alias_pattern(self, alias: str) -> tuple[str, int, str]:
        """The alias's pattern, its length for precedence, and its core (first word
        without ال) for the index."""
        normalised, _ = normalize_with_offsets(alias.strip(), self.variants, self.folding)
        if not normalised.split():
            raise MediaframeError(
                f"config.yaml: actors.registry: the alias {alias!r} has no letters left after "
                "normalisation and would match anywhere. Fix: remove it or write the name."
            )
        first = normalised.split()[0]
        if _ARABIC_CHAR.search(normalised):
            words = [re.escape(w) for w in normalised.split()]
            head = words[0]
            if head.startswith("ال") and len(head) > 2:
                prefix = rf"[وف]?(?:[بك]?ال|لل){head[2:]}"
                first = first[2:]
            else:
                prefix = rf"[وف]?[بلك]?(?:ال)?{head}"
            core = r"\s+".join([prefix, *words[1:]])
            suffix = "|".join(sorted(ARABIC_SUFFIXES, key=len, reverse=True))
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
        normalised, offsets = normalize_with_offsets(sentence, self.variants, self._case_kept)
        matches = []
        resume = 0
        for word in _WORD.finditer(normalised):
            if word.start() < resume:
                continue
            found = self._match_at(normalised, word.start(), word.group().lower())
            if found is None:
                continue
            hit, (actor_id, member, alias) = found
            start = offsets[hit.start()]
            end = span_end(sentence, offsets[hit.end() - 1] + 1)
            matches.append(Match(actor_id, member, alias, sentence[start:end], start, end))
            resume = hit.end()
        return matches

    def _match_at(
        self, text: str, position: int, word: str
    ) -> tuple[re.Match[str], tuple[str, str | None, str]] | None:
        """The longest alias matching at a word start; its core may follow up to four
        letters of proclitics (و ف ب ك ل ال)."""
        candidates = []
        for skip in range(min(_MAX_PROCLITICS, len(word) - 1) + 1):
            for length in self._key_lengths:
                candidates += self._index.get(word[skip : skip + length], ())
        if not candidates:
            return None
        for _, regex, info in sorted(candidates, key=lambda c: -c[0]):
            hit = regex.match(text, position)
            if hit:
                return hit, info
        return None


def find_mentions(
    sentences: pl.DataFrame, matcher: ActorMatcher, progress: Progress | None = None
) -> pl.DataFrame:
    """One row per actor mention in a sentences table (see ``clean.SENTENCE_SCHEMA``);
    ``progress`` (optional) is advanced once per sentence."""
    rows = []
    for sentence in sentences.iter_rows(named=True):
        if progress:
            progress.advance()
        for match in matcher.find(sentence["text"]):
            rows.append(
                {
                    "doc_id": sentence["doc_id"],
                    "outlet": sentence["outlet"],
                    "published": sentence["published"],
                    "kind": sentence["kind"],
                    "comment": sentence["comment"],
                    "sentence": sentence["sentence"],
                    "actor": match.actor,
                    "member": match.member,
                    "alias": match.alias,
                    "matched": match.matched,
                    "start": match.start,
                    "end": match.end,
                    "text_start": sentence["start"] + match.start,
                    "text_end": sentence["start"] + match.end,
                    "sentence_text": sentence["text"],
                }
            )
    return pl.DataFrame(rows, schema=MENTION_SCHEMA).sort(
        "doc_id", "kind", "comment", "sentence", "start", nulls_last=False
    )
