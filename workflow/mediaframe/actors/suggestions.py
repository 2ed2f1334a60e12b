"""Suggested actors: names of people, organisations, states or groups after titles
(الرئيس، وزير، المتحدث باسم, President, spokesman) or in the speaker's place of a
reporting verb that no configured alias matches, for the researcher to add to
``config.yaml``.

Arabic has no capital letters, so a name is told from a common noun by cues:

* **Where it stands.** After a title, the title's complement (``وزير الخارجية``,
  ``رئيس الهيئة العامة للسياحة``: words with the article) and honorifics (``معالي``,
  ``صاحب السمو الملكي``, ``د.``) are skipped; the name ends at punctuation, a stopword,
  a configured actor, another title or honorific.
* **How it is written.** A word with an attached pronoun (``سموه``, ``وقذفه``,
  ``معاليه``) is no name, nor is a word of one or two letters.
* **How the corpus writes it** (:class:`ArticleUse`). A name almost never takes the
  article: ``أوباما``, ``كيري``, ``سلمان`` are written with ``ال`` in under 5% of their
  occurrences, while common nouns that fill the same places are written with it
  often (``صحيفة`` 30%, ``مصدر`` 31%, ``مدير`` 23%, ``شركة`` 43% on SaudiNewsNet). A
  candidate whose first word takes the article in at least ``COMMON_NOUN_SHARE`` of
  its occurrences is kept only as an organisation: a common noun followed by a
  word with the article (``حزب القوات اللبنانية``, ``مجلس الوزراء``), not
  ``مصادر محلية``.

English names are capitalised word runs. The report ranks suggestions by the number of
outlets that use them, then by frequency.

Example:
    >>> finder = SuggestionFinder(["الرئيس", "President"], voice)
    >>> rows = finder.find(base, sentence, words(sentence), spans)
    >>> finder.keep_names(rows, ArticleUse.from_words(all_words))
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from mediaframe.actors.voice import Voice, is_arabic
from mediaframe.normalize import normalize_arabic
from mediaframe.text import Word, arabic_stopwords, english_stopwords

_NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "de", "van", "von"})
_SUGGESTION_LENGTH = 3
_LINKS = frozenset({"بن", "ابن", "بنت", "ابو", "ال", "عبد"})  # folded: بن، أبو، آل
# Words with the article or a conjunction + article: a title's complement
# (وزير الخارجية، رئيس الهيئة العامة للسياحة والتراث), never the start of a name.
_ARTICLE_PREFIXES = ("ال", "لل", "وال", "بال", "فال", "كال", "ولل")
# Honorifics and role words between a title and the name (folded forms).
_HONORIFIC_TEXT = (
    "معالي سمو صاحب فخامة سعادة سماحة حضرة جلالة دولة د م أ ق الشيخ الأمير الملك "
    "المهندس الدكتور الأستاذ اللواء العميد العقيد الفريق المستشار السيد السيدة "
    "عضو نائب وكيل مدير أمين"
)
HONORIFICS = frozenset(normalize_arabic(word) for word in _HONORIFIC_TEXT.split())
# Words that fill a title's or a speaker's place and are never a name: religious
# formulae (قال تعالى، صلى الله عليه وسلم), quantities, circumstantial participles and
# adverbs that continue a reporting verb (قائلا، مضيفا، نقلا، مؤخرا) and modal verbs
# that open the quoted words (قال: يجب…).
_NOT_NAMES_TEXT = (
    "تعالى سبحانه صلى عز جل عدد بعض كل أحد جميع معظم غالبية قائلا مضيفا موضحا مشيرا "
    "مؤكدا لافتا منوها معتبرا مبينا مشددا نقلا مؤخرا مساء صباح اليوم أمس يجب ينبغي يمكن "
    "أعتقد أرى نحن"
)
NOT_NAMES = frozenset(normalize_arabic(word) for word in _NOT_NAMES_TEXT.split())
# Particles that precede verbs and never a name (لم يعلن، قد أكد، لا أعتقد).
_VERB_PARTICLES = frozenset({"لم", "لن", "قد", "سوف", "لا", "ولم", "ولن", "وقد", "ولا", "فقد"})
# A first word seen after such a particle in at least this share of its occurrences is a verb.
VERB_SHARE = 0.05
# Attached pronouns: a word ending in one is a verb or a possessed noun, not a name.
_PRONOUN_ENDINGS = ("ه", "ها", "هم", "هما", "هن", "كم")
_NAMES_ENDING_IN_HEH = ("الله", "لله", "طه")
# A first word written with the article at least this often is a common noun.
COMMON_NOUN_SHARE = 0.15
# Below this many occurrences in the shard, how a word is written says nothing.
_MIN_OCCURRENCES = 5


class ArticleUse:
    """How often each folded word is written with the article in a body of text.

    Example:
        >>> use = ArticleUse.from_words(["الصحيفه", "صحيفه", "اوباما", "اوباما"])
        >>> use.share("صحيفه"), use.share("اوباما")
        (0.5, 0.0)
    """

    def __init__(self) -> None:
        self.bare: dict[str, int] = {}
        self.with_article: dict[str, int] = {}
        self.after_particle: dict[str, int] = {}

    @classmethod
    def from_words(cls, folded_words: Iterable[str]) -> ArticleUse:
        use = cls()
        use.update(folded_words)
        return use

    def update(self, folded_words: Iterable[str]) -> None:
        previous = ""
        for word in folded_words:
            if previous in _VERB_PARTICLES:
                self.after_particle[word] = self.after_particle.get(word, 0) + 1
            previous = word
            for prefix in _ARTICLE_PREFIXES:
                if word.startswith(prefix) and len(word) > len(prefix) + 1:
                    rest = word[len(prefix) :]
                    self.with_article[rest] = self.with_article.get(rest, 0) + 1
                    break
            else:
                bare = word[1:] if word[:1] in {"و", "ف"} and len(word) > 3 else word
                self.bare[bare] = self.bare.get(bare, 0) + 1

    def share(self, word: str) -> float | None:
        """Share of ``word``'s occurrences written with the article (None: too rare)."""
        article, bare = self.with_article.get(word, 0), self.bare.get(word, 0)
        if article + bare < _MIN_OCCURRENCES:
            return None
        return article / (article + bare)

    def seen(self, word: str) -> int:
        """How often ``word`` occurs, with or without the article."""
        return self.with_article.get(word, 0) + self.bare.get(word, 0)

    def verb_share(self, word: str) -> float:
        """Share of ``word``'s occurrences right after a verb particle (لم، قد، لا…)."""
        seen = self.seen(word)
        return self.after_particle.get(word, 0) / seen if seen >= _MIN_OCCURRENCES else 0.0


def has_pronoun_suffix(word: str) -> bool:
    """Whether an Arabic word as written ends in an attached pronoun (سموه، وقذفه)."""
    if len(word) < 3 or not is_arabic(word) or word.endswith(_NAMES_ENDING_IN_HEH):
        return False
    return word.endswith(_PRONOUN_ENDINGS)


def _is_complement(norm: str) -> bool:
    return norm.startswith(_ARTICLE_PREFIXES) and len(norm) > 3


def _in(norm: str, words: frozenset[str] | set[str]) -> bool:
    """Whether a word, or the word after a leading conjunction (ومعالي), is in ``words``."""
    return norm in words or (norm[:1] in {"و", "ف"} and norm[1:] in words)


def _reads_as_name(row: dict, use: ArticleUse) -> bool:
    """Corpus cues on an Arabic candidate's first word: not a common noun (unless it heads
    an organisation's name), not a verb, not a preposition or conjunction glued to a word
    the corpus writes with the article (لحقوق الإنسان، بمنطقة مكة، ورئيس), while
    فيصل or وليد, whose rests are no such nouns, stay names."""
    first = row["first_word"]
    share = use.share(first)
    if share is not None and share >= COMMON_NOUN_SHARE and not row["organisation"]:
        return False
    if use.verb_share(first) >= VERB_SHARE:
        return False
    clitic, rest = first[:1], first[1:]
    if clitic not in {"ل", "ب", "و"} or len(rest) < 2:
        return True
    rest_share = use.share(rest)  # a noun glued to ل/ب/و takes the article elsewhere
    glued = rest in arabic_stopwords() or (rest_share or 0.0) >= COMMON_NOUN_SHARE
    return not glued


class SuggestionFinder:
    """Unmatched names after title cues and in unresolved speakers' places."""

    def __init__(self, title_cues: Sequence[str], voice: Voice) -> None:
        # each folded title with the title as configured: what the report shows
        self.title_forms = {tuple(normalize_arabic(c).split()): c for c in title_cues}
        self.titles = list(self.title_forms)
        self.title_words = {cue[0] for cue in self.titles} | {
            cue[0][2:] for cue in self.titles if cue[0].startswith("ال")
        }
        self.voice = voice
        self.stopwords = arabic_stopwords() | english_stopwords()

    def find(
        self, base: dict, sentence: str, tokens: list[Word], spans: list[tuple[int, int, dict]]
    ) -> list[dict]:
        """Candidate names in one sentence, each once, with the cue as written and the
        folded ``first_word`` :meth:`keep_names` judges."""
        covered = {i for first, last, _ in spans for i in range(first, last + 1)}
        rows = []
        for position in range(len(tokens)):
            for cue in self.titles:
                if tuple(t.norm for t in tokens[position : position + len(cue)]) != cue:
                    continue
                found = self._name_after(sentence, tokens, position + len(cue), covered)
                if found:
                    rows.append(self._row(base, sentence, found, self.title_forms[cue]))
        rows += self._unresolved_speakers(base, sentence, tokens, spans, covered)
        unique: dict[str, dict] = {}
        for row in rows:  # a name found twice in a sentence (title and verb) counts once
            unique.setdefault(row["candidate"], row)
        return list(unique.values())

    @staticmethod
    def _row(base: dict, sentence: str, found: list[Word], cue: str) -> dict:
        name = sentence[found[0].start : found[-1].end]
        return base | {
            "candidate": name,
            "cue": cue,
            "sentence_text": sentence,
            "first_word": found[0].norm,
            "organisation": any(_is_complement(w.norm) for w in found[1:]),
        }

    @staticmethod
    def keep_names(rows: list[dict], use: ArticleUse) -> list[dict]:
        """The rows whose candidate reads as a name by how the corpus writes its first word:
        a common noun (often written with the article) only as the head of an
        organisation's name."""
        return [row for row in rows if not is_arabic(row["candidate"]) or _reads_as_name(row, use)]

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
        for position in range(len(tokens)):
            cue = self.voice.cue_at(tokens, position)
            if cue is None or cue not in self.voice.verbs.values():
                continue
            if self.voice.speaker(tokens, position, spans, arabic) is not None:
                return []
            following = tokens[position + 1].norm if position + 1 < len(tokens) else ""
            if arabic and following not in self.title_words:
                found = self._name_after(sentence, tokens, position + 1, covered)
            elif not arabic:
                found = self._name_before(sentence, tokens, position, covered)
            else:
                found = None
            if found:
                return [self._row(base, sentence, found, cue)]
            return []
        return []

    def _name_before(
        self, sentence: str, tokens: list[Word], end: int, covered: set[int]
    ) -> list[Word] | None:
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
        return picked[::-1] or None

    def _name_after(
        self, sentence: str, tokens: list[Word], start: int, covered: set[int]
    ) -> list[Word] | None:
        """Up to three words of a name after a title or a reporting verb (the title's
        complement and honorifics skipped), stopping at punctuation, a stopword, a
        configured actor, another title or an honorific; None when what stands there is
        no name (a word with a pronoun attached, one or two letters)."""
        position = start
        while position < len(tokens):
            norm = tokens[position].norm
            following = tokens[position + 1].norm if position + 1 < len(tokens) else ""
            # لرعاية الشباب، لكرة القدم: a preposition's noun with its own complement
            governed = norm[:1] in {"ل", "ب"} and len(norm) > 3 and _is_complement(following)
            skipped = _is_complement(norm) or _in(norm, HONORIFICS) or governed
            if not skipped and position not in covered:
                break
            position += 1
        picked: list[Word] = []
        while position < len(tokens) and len(picked) < _SUGGESTION_LENGTH:
            word = tokens[position]
            gap = sentence[tokens[position - 1].end : word.start] if position else ""
            if picked and gap.strip(" -"):  # punctuation ends a name
                break
            if position in covered or word.norm in self.stopwords:
                break
            after_al = bool(picked) and picked[-1].norm == "ال"  # آل الشيخ is a family name
            if _in(word.norm, self.title_words) or (
                picked and _in(word.norm, HONORIFICS) and not after_al
            ):
                break
            if word.text[0].islower() and word.text not in _NAME_PARTICLES:
                break  # English names are capitalised
            picked.append(word)
            position += 1
        while picked and (picked[-1].text in _NAME_PARTICLES or picked[-1].norm in _LINKS):
            picked.pop()  # a name cut after بن or آل is cut short, not a name ending in it
        first = picked[0].norm if picked else ""
        if not picked or _in(first, HONORIFICS | NOT_NAMES) or _is_complement(first):
            return None
        if sum(len(w.norm) for w in picked) < 3 or any(has_pronoun_suffix(w.text) for w in picked):
            return None
        return picked
