"""Suggested actors: names after titles (الرئيس، وزير، المتحدث باسم, President,
spokesman) or in the speaker's place of a reporting verb that no configured alias
matches, for the researcher to add to ``config.yaml``.

Example:
    >>> finder = SuggestionFinder(["الرئيس", "President"], voice)
    >>> finder.find(base, sentence, words(sentence), spans)
"""

from __future__ import annotations

from collections.abc import Sequence

from mediaframe.actors.voice import Voice, is_arabic
from mediaframe.normalize import normalize_arabic
from mediaframe.text import Word, arabic_stopwords, english_stopwords

_NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "de", "van", "von"})
_SUGGESTION_LENGTH = 3


class SuggestionFinder:
    """Unmatched names after title cues and in unresolved speakers' places."""

    def __init__(self, title_cues: Sequence[str], voice: Voice) -> None:
        self.titles = [tuple(normalize_arabic(c).split()) for c in title_cues]
        self.voice = voice
        self.stopwords = arabic_stopwords() | english_stopwords()

    def find(
        self, base: dict, sentence: str, tokens: list[Word], spans: list[tuple[int, int, dict]]
    ) -> list[dict]:
        """Candidate names in one sentence, each once."""
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
        arabic = is_arabic(sentence)
        titles = {cue[0] for cue in self.titles}
        for position in range(len(tokens)):
            cue = self.voice.cue_at(tokens, position)
            if cue is None or cue not in self.voice.verbs.values():
                continue
            if self.voice.speaker(tokens, position, spans, arabic) is not None:
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
