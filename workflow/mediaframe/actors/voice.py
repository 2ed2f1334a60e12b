"""Voice: who speaks in a sentence and which agencies it cites.

* **Quotes**: a direct quote or a reporting verb (قال، أكد، أعلن، صرح، أوضح، أشار،
  ذكر، نقل عن / said, told, stated, according to); one attribution per sentence,
  governed by its first cue.
* **Speakers**: one of four categories per quote (a configured actor, a named person or
  body, an anonymous source, unresolved), from the phrase in the speaker's place or the
  last speaker of the sentences before: :mod:`mediaframe.actors.speakers`.
* **Agencies**: news agencies cited (رويترز، فرانس برس، الأناضول، Reuters, AFP), matched
  like actors, through clitics (بحسب "رويترز", لرويترز), acronyms in capitals.

Example:
    >>> voice = Voice(["قال", "said"], ["نقلا عن"], {"Reuters": ["رويترز", "Reuters"]}, 3,
    ...               anonymous_sources=["مصدر", "source"], carry_sentences=3)
    >>> rows = voice.quotes(base, sentence, words(sentence), spans, cited, previous=None)
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from mediaframe.actors.labels import stem
from mediaframe.actors.matching import Actor, ActorMatcher
from mediaframe.actors.speakers import Speaker, SpeakerResolver, is_preposition
from mediaframe.normalize import normalize_arabic
from mediaframe.text import Word, words

_QUOTE = re.compile(r"«([^»]+)»|“([^”]+)”|\"([^\"]+)\"")
_COMPLEMENTIZERS = frozenset({"ان", "انه", "انها", "انهم", "بان", "فان", "that", "فيما"})
_SPEAKER_WINDOW = 8  # words before a cue where the speaker may stand
_SPEAKER_AFTER = 5  # words after an Arabic verb where its subject stands (VSO)
# Cues whose speaker is the subject of the sentence's verb: statement nouns, and
# participles (مؤكدا، مشيرة: a normalised cue ending in alif, or م…ه).
_STATEMENT_NOUNS = ("بيان", "تصريح", "تصريحات", "statement")


def is_participle(cue: str) -> bool:
    """Whether a configured Arabic cue is a participle (مؤكدا، مشيرا، معتبرة), not a
    plural verb (قالوا)."""
    norm = normalize_arabic(cue)
    accusative = norm.endswith("ا") and not norm.endswith("وا")
    return len(norm) >= 4 and (accusative or (norm[0] == "م" and norm.endswith("ه")))


def remembered(speaker: Speaker, known: dict[str, Speaker]) -> Speaker:
    """A speaker named by one word that an actor's speaker of the same text ended with
    (``وقال وزير الدفاع الأمريكي آشتون كارتر`` … ``وأضاف كارتر``) is that actor; an
    actor's speaker is remembered by its last word for the sentences after it."""
    text = (speaker.text or "").split()
    if speaker.category == "named" and len(text) == 1:
        earlier = known.get(normalize_arabic(text[0]))
        if earlier is not None:
            return replace(speaker, category="actor", actor=earlier.actor)
    if speaker.category == "actor" and len(text) > 1:
        known[normalize_arabic(text[-1])] = speaker
    return speaker


def is_arabic(sentence: str) -> bool:
    """Whether a sentence has Arabic script (its word order decides where a speaker stands)."""
    return bool(re.search(r"[\u0600-\u06FF]", sentence))


class Voice:
    """Reporting cues, speakers, quotes and cited agencies in one sentence."""

    def __init__(
        self,
        reporting_verbs: Sequence[str],
        attribution_cues: Sequence[str],
        agencies: Mapping[str, Sequence[str]],
        min_quote_words: int,
        anonymous_sources: Sequence[str] = (),
        carry_sentences: int = 3,
    ) -> None:
        self.min_quote_words = min_quote_words
        # the speaker of the last sentence :meth:`quotes` found a quote in, with the
        # agreement of its verb, for the next sentence's pronoun speaker
        self.last_speaker: Speaker | None = None
        self.carry_sentences = carry_sentences
        self.verbs = {stem(v): v for v in reporting_verbs}
        self.verbs |= {normalize_arabic(v): v for v in reporting_verbs}
        self.attribution = [tuple(normalize_arabic(c).split()) for c in attribution_cues]
        self.agencies = ActorMatcher(
            [Actor(name, {"any": aliases}) for name, aliases in agencies.items()]
        )
        self.resolver = SpeakerResolver(
            anonymous_sources,
            self.agencies,
            participle_cues=[v for v in reporting_verbs if is_participle(v)],
            statement_cues=[v for v in reporting_verbs if v in _STATEMENT_NOUNS],
        )

    def cue_at(self, tokens: list[Word], position: int) -> str | None:
        """The reporting verb (with و/ف in front) or attribution cue that starts at
        ``position``, as configured, or None (also for a verb after a preposition)."""
        norm = tokens[position].norm
        # a verb with its conjunction (وقال، فأكد), never with the article (للكشف، التابع)
        for form in (norm, norm[1:] if norm[:1] in {"و", "ف"} else ""):
            if form in self.verbs:
                verb = self.verbs[form] not in _STATEMENT_NOUNS
                if verb and position and is_preposition(tokens[position - 1]):
                    return None  # a verbal noun (على نقل الأسماك), not a report
                return self.verbs[form]
        for cue in self.attribution:
            found = [t.norm for t in tokens[position : position + len(cue)]]
            if found and found[0][:1] in {"و", "ف"} and found[0][1:] == cue[0]:
                found[0] = found[0][1:]  # وبحسب، وحسب
            if tuple(found) == cue:
                return " ".join(cue)
        return None

    def speaker(
        self, tokens: list[Word], cue_at: int, spans: list[tuple[int, int, dict]], arabic: bool
    ) -> dict | None:
        """The mention in the speaker's place: after an Arabic verb (VSO) up to a
        complementizer, else the nearest one before the cue."""
        after = [
            (first, m) for first, last, m in spans if cue_at < first <= cue_at + _SPEAKER_AFTER
        ]
        stop = next(
            (i for i in range(cue_at + 1, len(tokens)) if tokens[i].norm in _COMPLEMENTIZERS),
            len(tokens),
        )
        preceded_by_qad = cue_at > 0 and tokens[cue_at - 1].norm in {"قد", "وقد"}
        before = [
            (last, m) for first, last, m in spans if cue_at - _SPEAKER_WINDOW <= last < cue_at
        ]
        candidates_after = [m for first, m in sorted(after, key=lambda x: x[0]) if first < stop]
        candidate_before = max(before, key=lambda x: x[0])[1] if before else None
        if arabic and not preceded_by_qad and candidates_after:
            return candidates_after[0]
        return candidate_before or (candidates_after[0] if candidates_after else None)

    def agencies_cited(self, sentence: str) -> list[tuple[str, str]]:
        """Each agency the sentence cites, once, with the text that matched."""
        found: dict[str, str] = {}
        for match in self.agencies.find(sentence):
            found.setdefault(match.actor, match.matched)
        return list(found.items())

    def quotes(
        self,
        base: dict,
        sentence: str,
        tokens: list[Word],
        spans: list[tuple[int, int, dict]],
        cited: list[tuple[str, str]],
        previous: tuple[int, Speaker] | None = None,
        known: dict[str, Speaker] | None = None,
    ) -> list[dict]:
        """The sentence's attribution: quote type, cue, speaker (category, actor, the
        words naming it, where they stand), agency and quote. ``previous``: how many
        sentences back the last speaker of this text was found, and that speaker (for
        pronoun speakers: وأضاف، وقال:). ``known``: the actors' speakers of the text so
        far, by their last word (see :func:`remembered`), updated here. The speaker
        found is kept in ``last_speaker``."""
        direct = [
            q
            for q in (next(g for g in m.groups() if g) for m in _QUOTE.finditer(sentence))
            if len(words(q)) >= self.min_quote_words
        ]
        cue_position = next(
            (p for p in range(len(tokens)) if self.cue_at(tokens, p) is not None), None
        )
        if cue_position is None and not direct:
            return []
        cue = self.cue_at(tokens, cue_position) if cue_position is not None else None
        distance, last = previous if previous is not None else (0, None)
        # a pronoun speaker, a document or a quoted paragraph takes the speaker of the
        # sentences just before (carry_sentences; the resolver decides when it may)
        speaker = self.resolver.resolve(
            sentence,
            tokens,
            cue_position,
            cue,
            spans,
            last if last is not None and distance <= self.carry_sentences else None,
            attribution=cue is not None and cue not in self.verbs.values(),
        )
        if known is not None:
            speaker = remembered(speaker, known)
        self.last_speaker = speaker
        return [
            base
            | {
                "quote_type": "direct" if direct else "reported",
                "cue": cue,
                "speaker_category": speaker.category,
                "speaker": speaker.actor,
                "speaker_text": speaker.text,
                "speaker_from": speaker.found,
                "agency": cited[0][0] if cited else None,
                "quote": direct[0] if direct else None,
                "sentence_text": sentence,
            }
        ]
