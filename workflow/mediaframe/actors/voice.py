"""Voice: who speaks in a sentence and which agencies it cites.

* **Quotes**: a direct quote or a reporting verb (قال، أكد، أعلن، صرح، أوضح، أشار،
  ذكر، نقل عن / said, told, stated, according to); one attribution per sentence,
  governed by its first cue.
* **Speakers**: the actor mention in the speaker's place: after an Arabic verb (VSO),
  up to a complementizer, else the nearest mention before the cue.
* **Agencies**: news agencies cited (رويترز، فرانس برس، الأناضول، Reuters, AFP), matched
  like actors, through clitics (بحسب "رويترز", لرويترز), acronyms in capitals.

Example:
    >>> voice = Voice(["قال", "said"], ["نقلا عن"], {"Reuters": ["رويترز", "Reuters"]}, 3)
    >>> voice.quotes(base, sentence, words(sentence), spans, voice.agencies_cited(sentence))
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from mediaframe.actors.labels import stem
from mediaframe.actors.matching import Actor, ActorMatcher
from mediaframe.normalize import normalize_arabic
from mediaframe.text import Word, strip_proclitics, words

_QUOTE = re.compile(r"«([^»]+)»|“([^”]+)”|\"([^\"]+)\"")
_COMPLEMENTIZERS = frozenset({"ان", "انه", "انها", "انهم", "بان", "فان", "that", "فيما"})
_SPEAKER_WINDOW = 8  # words before a cue where the speaker may stand
_SPEAKER_AFTER = 5  # words after an Arabic verb where its subject stands (VSO)


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
    ) -> None:
        self.min_quote_words = min_quote_words
        self.verbs = {stem(v): v for v in reporting_verbs}
        self.verbs |= {normalize_arabic(v): v for v in reporting_verbs}
        self.attribution = [tuple(normalize_arabic(c).split()) for c in attribution_cues]
        self.agencies = ActorMatcher(
            [Actor(name, {"any": aliases}) for name, aliases in agencies.items()]
        )

    def cue_at(self, tokens: list[Word], position: int) -> str | None:
        """The reporting verb (with a conjunction or proclitics) or attribution cue that
        starts at ``position``, as configured, or None."""
        norm = tokens[position].norm
        for form in (norm, norm[1:] if norm[:1] in {"و", "ف"} else "", strip_proclitics(norm)):
            if form in self.verbs:
                return self.verbs[form]
        for cue in self.attribution:
            if tuple(t.norm for t in tokens[position : position + len(cue)]) == cue:
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
    ) -> list[dict]:
        """The sentence's attribution: quote type, cue, speaker, agency and quote."""
        direct = [
            q
            for q in (next(g for g in m.groups() if g) for m in _QUOTE.finditer(sentence))
            if len(words(q)) >= self.min_quote_words
        ]
        arabic = is_arabic(sentence)
        rows = []
        for position in range(len(tokens)):
            cue = self.cue_at(tokens, position)
            if cue is None:
                continue
            speaker = self.speaker(tokens, position, spans, arabic)
            rows.append(
                base
                | {
                    "quote_type": "direct" if direct else "reported",
                    "cue": cue,
                    "speaker": speaker["actor"] if speaker else None,
                    "speaker_text": speaker["matched"] if speaker else None,
                    "agency": cited[0][0] if cited else None,
                    "quote": direct[0] if direct else None,
                    "sentence_text": sentence,
                }
            )
            break  # one attribution per sentence: the first cue governs it
        if not rows and direct:
            rows.append(
                base
                | {
                    "quote_type": "direct",
                    "cue": None,
                    "speaker": None,
                    "speaker_text": None,
                    "agency": cited[0][0] if cited else None,
                    "quote": direct[0],
                    "sentence_text": sentence,
                }
            )
        return rows
