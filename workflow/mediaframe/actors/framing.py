"""Framing signals beside stance: labels attached to actors, who speaks, which agencies.

* **Labels**: configured words (``ميليشيا``, ``تنظيم``, ``الإرهابيين``, ``militia``)
  within two words of a mention, each with an optional valence.
* **Voice**: sentences with a direct quote or a reporting verb (قال، أكد، أعلن، صرح،
  أوضح، أشار، ذكر، نقل عن / said, told, stated, according to), with the speaker
  resolved to an actor where a mention stands in the speaker's place.
* **Agencies**: news agencies cited (رويترز، فرانس برس، الأناضول، Reuters, AFP).
* **Suggested actors**: names after titles (الرئيس، وزير، المتحدث باسم, President,
  spokesman) that no alias matches, for the researcher to add to ``config.yaml``.

Example:
    >>> framer = Framer(FramingSettings.from_config(config["framing"]))
    >>> labels, quotes, agencies, suggestions = framer.analyse(sentences, mentions)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from mediaframe.actors.matching import Actor, ActorMatcher
from mediaframe.io import SENTENCE_KEY
from mediaframe.normalize import normalize_arabic
from mediaframe.text import (
    Word,
    arabic_stopwords,
    english_stopwords,
    strip_proclitics,
    word_range,
    words,
)

LABEL_SCHEMA: dict[str, pl.DataType] = {
    "doc_id": pl.String(),
    "outlet": pl.String(),
    "published": pl.Date(),
    "kind": pl.String(),
    "sentence": pl.Int64(),
    "actor": pl.String(),
    "label": pl.String(),
    "word": pl.String(),
    "valence": pl.Float64(),
}
QUOTE_SCHEMA: dict[str, pl.DataType] = {
    **SENTENCE_KEY,
    "quote_type": pl.String(),
    "cue": pl.String(),
    "speaker": pl.String(),
    "speaker_text": pl.String(),
    "agency": pl.String(),
    "quote": pl.String(),
    "sentence_text": pl.String(),
}
AGENCY_SCHEMA: dict[str, pl.DataType] = {
    "doc_id": pl.String(),
    "outlet": pl.String(),
    "published": pl.Date(),
    "kind": pl.String(),
    "sentence": pl.Int64(),
    "agency": pl.String(),
    "matched": pl.String(),
}
SUGGESTION_SCHEMA: dict[str, pl.DataType] = {
    "doc_id": pl.String(),
    "outlet": pl.String(),
    "candidate": pl.String(),
    "cue": pl.String(),
    "sentence_text": pl.String(),
}

_QUOTE = re.compile(r"«([^»]+)»|“([^”]+)”|\"([^\"]+)\"")
_COMPLEMENTIZERS = frozenset({"ان", "انه", "انها", "انهم", "بان", "فان", "that", "فيما"})
_SPEAKER_WINDOW = 8  # words before a cue where the speaker may stand
_SPEAKER_AFTER = 5  # words after an Arabic verb where its subject stands (VSO)
_LABEL_WINDOW = 2
_NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "de", "van", "von"})
_SUGGESTION_LENGTH = 3


@dataclass(frozen=True)
class FramingSettings:
    """Config section ``framing``: label words, reporting cues, agencies, title cues."""

    labels: dict[str, float | None] = field(default_factory=dict)
    reporting_verbs: Sequence[str] = ()
    attribution_cues: Sequence[str] = ()
    agencies: dict[str, Sequence[str]] = field(default_factory=dict)
    title_cues: Sequence[str] = ()
    min_quote_words: int = 3

    @classmethod
    def from_config(cls, section: dict[str, Any]) -> FramingSettings:
        return cls(
            labels={entry["term"]: entry.get("valence") for entry in section.get("labels", [])},
            reporting_verbs=section.get("reporting_verbs", []),
            attribution_cues=section.get("attribution_cues", []),
            agencies=section.get("agencies", {}),
            title_cues=section.get("title_cues", []),
            min_quote_words=section.get("min_quote_words", 3),
        )


def _stem(word: str) -> str:
    return strip_proclitics(normalize_arabic(word))


class Framer:
    """Finds labels, quotes, agencies and suggested actors in a shard's sentences."""

    def __init__(self, settings: FramingSettings) -> None:
        self.settings = settings
        self.labels = sorted(
            ((_stem(t), t, v) for t, v in settings.labels.items()), key=lambda x: -len(x[0])
        )
        self.verbs = {_stem(v): v for v in settings.reporting_verbs}
        self.verbs |= {normalize_arabic(v): v for v in settings.reporting_verbs}
        self.attribution = [tuple(normalize_arabic(c).split()) for c in settings.attribution_cues]
        self.titles = [tuple(normalize_arabic(c).split()) for c in settings.title_cues]
        # Agencies match like actors: through clitics (بحسب "رويترز", لرويترز), acronyms in capitals.
        self.agencies = ActorMatcher(
            [Actor(name, {"any": aliases}) for name, aliases in settings.agencies.items()]
        )
        self.stopwords = arabic_stopwords() | english_stopwords()

    # -- labels ---------------------------------------------------------------

    def _label_at(self, word: Word) -> tuple[str, float | None] | None:
        stem = strip_proclitics(word.norm)
        for term_stem, term, valence in self.labels:
            if stem.startswith(term_stem) and len(stem) - len(term_stem) <= 4:
                return term, valence
        return None

    # -- voice ----------------------------------------------------------------

    def _cue_at(self, tokens: list[Word], position: int) -> str | None:
        norm = tokens[position].norm
        for form in (norm, norm[1:] if norm[:1] in {"و", "ف"} else "", strip_proclitics(norm)):
            if form in self.verbs:
                return self.verbs[form]
        for cue in self.attribution:
            if tuple(t.norm for t in tokens[position : position + len(cue)]) == cue:
                return " ".join(cue)
        return None

    def _speaker(
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

    def analyse(self, sentences: pl.DataFrame, mentions: pl.DataFrame) -> dict[str, pl.DataFrame]:
        """Labels, quotes, agencies and suggested actors for a shard."""
        by_sentence: dict[tuple, list[dict]] = {}
        for mention in mentions.iter_rows(named=True):
            key = (mention["doc_id"], mention["kind"], mention["comment"], mention["sentence"])
            by_sentence.setdefault(key, []).append(mention)
        labels, quotes, agencies, suggestions = [], [], [], []
        for row in sentences.iter_rows(named=True):
            key = (row["doc_id"], row["kind"], row["comment"], row["sentence"])
            sentence = row["text"]
            tokens = words(sentence)
            spans = [
                (*word_range(tokens, m["start"], m["end"]), m) for m in by_sentence.get(key, [])
            ]
            base = {
                "doc_id": row["doc_id"],
                "outlet": row["outlet"],
                "published": row["published"],
                "kind": row["kind"],
            }
            labels += self._labels(base | {"sentence": row["sentence"]}, tokens, spans)
            cited = self._agencies(sentence)
            agencies += [
                base | {"sentence": row["sentence"], "agency": a, "matched": m} for a, m in cited
            ]
            quotes += self._quotes(
                base | {"comment": row["comment"], "sentence": row["sentence"]},
                sentence,
                tokens,
                spans,
                cited,
            )
            suggestions += self._suggestions(base, sentence, tokens, spans)
        return {
            "labels": pl.DataFrame(labels, schema=LABEL_SCHEMA).sort(
                "doc_id", "kind", "sentence", "actor", "label"
            ),
            "quotes": pl.DataFrame(quotes, schema=QUOTE_SCHEMA).sort(
                "doc_id", "kind", "comment", "sentence", "cue", nulls_last=False
            ),
            "agencies": pl.DataFrame(agencies, schema=AGENCY_SCHEMA).sort(
                "doc_id", "kind", "sentence", "agency"
            ),
            "suggestions": pl.DataFrame(
                [{k: s[k] for k in SUGGESTION_SCHEMA} for s in suggestions],
                schema=SUGGESTION_SCHEMA,
            ).sort("doc_id", "candidate", "cue", "sentence_text"),
        }

    def _labels(
        self, base: dict, tokens: list[Word], spans: list[tuple[int, int, dict]]
    ) -> list[dict]:
        """Label words within two words of a mention, credited to the nearest mention."""
        covered = {i for first, last, _ in spans for i in range(first, last + 1)}
        found: dict[tuple[str, str], dict] = {}
        for position, token in enumerate(tokens):
            if position in covered:
                continue
            distances = [max(first - position, position - last) for first, last, _ in spans]
            nearest = min(distances, default=_LABEL_WINDOW + 1)
            if nearest > _LABEL_WINDOW:
                continue
            label = self._label_at(token)
            if label is None:
                continue
            for (_, _, mention), distance in zip(spans, distances, strict=True):
                if distance == nearest:
                    row = base | {
                        "actor": mention["actor"],
                        "label": label[0],
                        "word": token.text,
                        "valence": label[1],
                    }
                    found.setdefault((mention["actor"], label[0]), row)  # once per sentence
        return list(found.values())

    def _agencies(self, sentence: str) -> list[tuple[str, str]]:
        found: dict[str, str] = {}
        for match in self.agencies.find(sentence):
            found.setdefault(match.actor, match.matched)
        return list(found.items())

    def _quotes(
        self,
        base: dict,
        sentence: str,
        tokens: list[Word],
        spans: list[tuple[int, int, dict]],
        cited: list[tuple[str, str]],
    ) -> list[dict]:
        direct = [
            q
            for q in (next(g for g in m.groups() if g) for m in _QUOTE.finditer(sentence))
            if len(words(q)) >= self.settings.min_quote_words
        ]
        arabic = bool(re.search(r"[\u0600-\u06FF]", sentence))
        rows = []
        for position in range(len(tokens)):
            cue = self._cue_at(tokens, position)
            if cue is None:
                continue
            speaker = self._speaker(tokens, position, spans, arabic)
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

    def _suggestions(
        self, base: dict, sentence: str, tokens: list[Word], spans: list[tuple[int, int, dict]]
    ) -> list[dict]:
        covered = {i for first, last, _ in spans for i in range(first, last + 1)}
        rows = []
        for position in range(len(tokens)):
            for cue in self.titles:
                if tuple(t.norm for t in tokens[position : position + len(cue)]) != cue:
                    continue
                name = self._name_after(sentence, tokens, position + len(cue), covered)
                if name:
                    rows.append(
                        base | {"candidate": name, "cue": " ".join(cue), "sentence_text": sentence}
                    )
        rows += self._unresolved_speakers(base, sentence, tokens, spans, covered)
        unique: dict[str, dict] = {}
        for row in rows:  # a name found twice in a sentence (title and verb) counts once
            unique.setdefault(row["candidate"], row)
        return list(unique.values())

    def _unresolved_speakers(
        self,
        base: dict,
        sentence: str,
        tokens: list[Word],
        spans: list[tuple[int, int, dict]],
        covered: set[int],
    ) -> list[dict]:
        """Names in the speaker's place of a reporting verb whose speaker is no actor:
        after an Arabic verb (وقال فلان), before an English one (Smith said)."""
        arabic = bool(re.search(r"[\u0600-\u06FF]", sentence))
        titles = {cue[0] for cue in self.titles}
        for position in range(len(tokens)):
            cue = self._cue_at(tokens, position)
            if cue is None or cue not in self.verbs.values():
                continue
            if self._speaker(tokens, position, spans, arabic) is not None:
                return []
            following = tokens[position + 1].norm if position + 1 < len(tokens) else ""
            if arabic and following not in titles:
                name = self._name_after(sentence, tokens, position + 1, covered)
            elif not arabic:
                name = self._name_before(sentence, tokens, position, covered)
            else:
                name = None
            if name:
                return [base | {"candidate": name, "cue": cue, "sentence_text": sentence}]
            return []
        return []

    def _name_before(
        self, sentence: str, tokens: list[Word], end: int, covered: set[int]
    ) -> str | None:
        """Up to three capitalised words right before an English reporting verb."""
        picked: list[Word] = []
        position = end - 1
        while position >= 0 and len(picked) < _SUGGESTION_LENGTH:
            word = tokens[position]
            gap = sentence[word.end : (picked[-1] if picked else tokens[end]).start]
            if gap.strip(" -") or position in covered or word.norm in self.stopwords:
                break
            if not word.text[0].isupper() and word.text not in _NAME_PARTICLES:
                break
            picked.append(word)
            position -= 1
        while picked and picked[-1].text in _NAME_PARTICLES:
            picked.pop()
        if not picked:
            return None
        return sentence[picked[-1].start : picked[0].end]

    def _name_after(
        self, sentence: str, tokens: list[Word], start: int, covered: set[int]
    ) -> str | None:
        """Up to three words after a title: leading ال-adjectives skipped, stopping at
        punctuation, a stopword or a configured actor."""
        position = start
        while position < len(tokens) and (
            tokens[position].norm.startswith("ال") or position in covered
        ):
            position += 1
        picked: list[Word] = []
        while position < len(tokens) and len(picked) < _SUGGESTION_LENGTH:
            word = tokens[position]
            gap = sentence[tokens[position - 1].end : word.start] if position else ""
            if picked and gap.strip(" -"):  # punctuation ends a name
                break
            if position in covered or word.norm in self.stopwords:
                break
            if word.text[0].islower() and word.text not in _NAME_PARTICLES:
                break  # English names are capitalised
            picked.append(word)
            position += 1
        while picked and picked[-1].text in _NAME_PARTICLES:
            picked.pop()
        if not picked:
            return None
        return sentence[picked[0].start : picked[-1].end]
