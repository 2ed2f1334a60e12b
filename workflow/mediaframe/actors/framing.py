"""Framing signals beside stance: labels attached to actors, who speaks, which agencies.

* **Labels**: configured words (``ميليشيا``, ``تنظيم``, ``الإرهابيين``, ``militia``)
  within two words of a mention, each with an optional valence.
* **Voice**: sentences with a direct quote or a reporting verb (قال، أكد، أعلن، صرح،
  أوضح، أشار، ذكر، نقل عن / said, told, stated, according to), each with its speaker
  in one of four categories (a configured actor, a named person or body, an anonymous
  source, unresolved); a pronoun speaker (وأضاف) takes the speaker of the previous
  sentence of the same text (``carry_sentences``) when their verbs agree.
* **Agencies**: news agencies cited (رويترز، فرانس برس، الأناضول، Reuters, AFP).
* **Suggested actors**: names of people, organisations, states or groups after titles
  (الرئيس، وزير، المتحدث باسم, President, spokesman) or in a reporting verb's speaker
  place that no alias matches, for the researcher to add to ``config.yaml``; common
  nouns, verbs and fragments are filtered out (:mod:`mediaframe.actors.suggestions`).

The steps, per sentence: :class:`~mediaframe.actors.labels.LabelFinder` (labels),
:class:`~mediaframe.actors.voice.Voice` (agencies, then quotes with their speakers) and
:class:`~mediaframe.actors.suggestions.SuggestionFinder` (suggested actors).

Example:
    >>> framer = Framer(FramingSettings.from_config(config["framing"]))
    >>> labels, quotes, agencies, suggestions = framer.analyse(sentences, mentions)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from mediaframe.actors.labels import LabelFinder
from mediaframe.actors.speakers import Speaker
from mediaframe.actors.suggestions import ArticleUse, SuggestionFinder
from mediaframe.actors.voice import Voice
from mediaframe.io import SENTENCE_KEY
from mediaframe.text import word_range, words

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
    "speaker_category": pl.String(),
    "speaker": pl.String(),
    "speaker_text": pl.String(),
    "speaker_from": pl.String(),
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


@dataclass(frozen=True)
class FramingSettings:
    """Config section ``framing``: label words, reporting cues, agencies, title cues."""

    labels: dict[str, float | None] = field(default_factory=dict)
    reporting_verbs: Sequence[str] = ()
    attribution_cues: Sequence[str] = ()
    agencies: dict[str, Sequence[str]] = field(default_factory=dict)
    title_cues: Sequence[str] = ()
    min_quote_words: int = 3
    anonymous_sources: Sequence[str] = ()
    carry_sentences: int = 1

    @classmethod
    def from_config(cls, section: dict[str, Any]) -> FramingSettings:
        return cls(
            labels={entry["term"]: entry.get("valence") for entry in section.get("labels", [])},
            reporting_verbs=section.get("reporting_verbs", []),
            attribution_cues=section.get("attribution_cues", []),
            agencies=section.get("agencies", {}),
            title_cues=section.get("title_cues", []),
            min_quote_words=section.get("min_quote_words", 3),
            anonymous_sources=section.get("anonymous_sources", []),
            carry_sentences=section.get("carry_sentences", 1),
        )


class Framer:
    """Finds labels, quotes, agencies and suggested actors in a shard's sentences."""

    def __init__(self, settings: FramingSettings) -> None:
        self.settings = settings
        self.label_finder = LabelFinder(settings.labels)
        self.voice = Voice(
            settings.reporting_verbs,
            settings.attribution_cues,
            settings.agencies,
            settings.min_quote_words,
            settings.anonymous_sources,
            settings.carry_sentences,
        )
        self.suggestion_finder = SuggestionFinder(settings.title_cues, self.voice)

    def analyse(self, sentences: pl.DataFrame, mentions: pl.DataFrame) -> dict[str, pl.DataFrame]:
        """Labels, quotes, agencies and suggested actors for a shard."""
        by_sentence = _mentions_by_sentence(mentions)
        labels, quotes, agencies, suggestions = [], [], [], []
        article_use = ArticleUse()  # how the shard writes each word: names rarely take ال
        # the last speaker of each text (title, body, comment), for pronoun speakers
        last_speaker: dict[tuple, tuple[int, Speaker]] = {}
        # the actors' speakers of each text by their last word (كارتر after وزير
        # الدفاع الأمريكي آشتون كارتر)
        known: dict[tuple, dict[str, Speaker]] = {}
        ordered = sentences.sort("doc_id", "kind", "comment", "sentence", nulls_last=False)
        for row in ordered.iter_rows(named=True):
            key = (row["doc_id"], row["kind"], row["comment"], row["sentence"])
            sentence = row["text"]
            tokens = words(sentence)
            article_use.update(t.norm for t in tokens)
            spans = [
                (*word_range(tokens, m["start"], m["end"]), m) for m in by_sentence.get(key, [])
            ]
            base = {
                "doc_id": row["doc_id"],
                "outlet": row["outlet"],
                "published": row["published"],
                "kind": row["kind"],
            }
            labels += self.label_finder.find(base | {"sentence": row["sentence"]}, tokens, spans)
            cited = self.voice.agencies_cited(sentence)
            agencies += [
                base | {"sentence": row["sentence"], "agency": a, "matched": m} for a, m in cited
            ]
            text_key = key[:3]
            earlier = last_speaker.get(text_key)
            found = self.voice.quotes(
                base | {"comment": row["comment"], "sentence": row["sentence"]},
                sentence,
                tokens,
                spans,
                cited,
                (row["sentence"] - earlier[0], earlier[1]) if earlier else None,
                known.setdefault(text_key, {}),
            )
            if found and self.voice.last_speaker is not None and self.voice.last_speaker.resolved:
                last_speaker[text_key] = (row["sentence"], self.voice.last_speaker)
            quotes += found
            suggestions += self.suggestion_finder.find(base, sentence, tokens, spans)
        suggestions = self.suggestion_finder.keep_names(suggestions, article_use)
        return _framing_tables(labels, quotes, agencies, suggestions)


def _mentions_by_sentence(mentions: pl.DataFrame) -> dict[tuple, list[dict]]:
    """The mentions of each sentence, keyed by (doc_id, kind, comment, sentence)."""
    by_sentence: dict[tuple, list[dict]] = {}
    for mention in mentions.iter_rows(named=True):
        key = (mention["doc_id"], mention["kind"], mention["comment"], mention["sentence"])
        by_sentence.setdefault(key, []).append(mention)
    return by_sentence


def _framing_tables(
    labels: list[dict], quotes: list[dict], agencies: list[dict], suggestions: list[dict]
) -> dict[str, pl.DataFrame]:
    """The four framing tables, each sorted so that identical input gives identical bytes."""
    return {
        "labels": pl.DataFrame(labels, schema=LABEL_SCHEMA).sort(
            "doc_id", "kind", "sentence", "actor", "label", maintain_order=True
        ),
        "quotes": pl.DataFrame(quotes, schema=QUOTE_SCHEMA).sort(
            "doc_id", "kind", "comment", "sentence", "cue", nulls_last=False, maintain_order=True
        ),
        "agencies": pl.DataFrame(agencies, schema=AGENCY_SCHEMA).sort(
            "doc_id", "kind", "sentence", "agency", maintain_order=True
        ),
        "suggestions": pl.DataFrame(
            [{k: s[k] for k in SUGGESTION_SCHEMA} for s in suggestions],
            schema=SUGGESTION_SCHEMA,
        ).sort("doc_id", "candidate", "cue", "sentence_text", maintain_order=True),
    }
