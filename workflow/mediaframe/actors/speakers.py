"""Speakers: who speaks in a quote or a reported-speech sentence, in one of four categories.

* ``actor``: a configured actor's mention stands in the speaker's phrase
  (``المتحدث باسم الخارجية التركية`` → turkey, ``وزير الخارجية الإيراني`` → iran,
  ``أردوغان`` → turkey through its member).
* ``named``: a person or body that no alias matches (``وزير الخارجية السعودي عادل
  الجبير``, ``وزارة الداخلية``), a news agency (``وكالة الأناضول``, ``رويترز``).
* ``anonymous``: a source the reader cannot identify, headed by a configured word
  (``مصدر مطلع``, ``مصادر``, ``مسؤول رفض الكشف عن اسمه``, ``شهود عيان``, ``a source``).
* ``unresolved``: no speaker in the sentence, and none in the sentences just before it.

Where the speaker's phrase is looked for (the ``speaker_from`` column):

* ``after the verb``: Arabic news puts the subject after the verb (``وقال وزير
  الخارجية …، إن``); the phrase runs to a comma, colon, quotation mark, complementizer
  (أن، إن), preposition (في، خلال، لـ), relative pronoun, an addressee (``لـ«عكاظ»``,
  ``لإردوغان``) or a new conjunct (``ونظيره``), nine words at most. ``ونقل X عن Y``
  is Y's speech.
* ``before the verb``: English (``the ministry said``), ``كان X قد قال``, a present-tense
  verb after its subject (``فإيران تقول``), and a short noun phrase opening an Arabic
  sentence (``مدير المنتخب ابراهيم العيد يؤكد``).
* ``after the cue``: ``بحسب``، ``وفقا لـ``، ``نقلا عن``، ``according to`` and the
  issuer of a statement (``في بيان للوزارة``، ``بيان صادر عن``).
* ``subject of the sentence``: a participle (``مؤكدا``، ``مشيرا``), a statement noun
  (``في بيان``) or a second verb (``ودافع أوباما عن الاتفاق وقال``) speaks with the
  subject of the sentence's opening verb (``ونددت الوحدات في بيان``).
* ``carried over``: a pronoun speaker (``وأضاف``، ``وقال:``، ``سموه``، ``he added``)
  is the last speaker found in the ``carry_sentences`` sentences before it, of the same
  text (body or comment).

Example:
    >>> resolver = SpeakerResolver(["مصدر", "source"], ActorMatcher([]))
    >>> sentence = "وقال مصدر مطلع إن المحادثات متعثرة"
    >>> resolver.resolve(sentence, words(sentence), 0, "قال", spans=[], previous=None)
    Speaker(category='anonymous', actor=None, text='مصدر مطلع', found='after the verb')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from mediaframe.actors.matching import ActorMatcher
from mediaframe.normalize import normalize_arabic
from mediaframe.text import Word

SPEAKER_CATEGORIES = ("actor", "named", "anonymous", "unresolved")
_PHRASE_WORDS = 9  # a speaker's phrase: title, name, affiliation
_BEFORE_WORDS = 6  # a noun phrase opening a sentence before its verb


def _norm(words: Iterable[str]) -> frozenset[str]:
    return frozenset(normalize_arabic(w).lower() for w in words)


def _listed(*lines: str) -> frozenset[str]:
    """The space-separated words of ``lines``, normalised."""
    return _norm(word for line in lines for word in line.split())


# Words after which no subject follows the verb: the verb's speaker is a pronoun.
_COMPLEMENTIZERS = _listed(
    "أن إن أنه إنه أنها إنها أنهم إنهم أننا إننا بأن بأنه بأنها بأنهم لأن فإن",
    "that",
)
_PREPOSITIONS = _listed(
    "في خلال لدى عن من مع على إلى أمام عقب بعد قبل أثناء حول عبر ضمن بين منذ حتى عند "
    "حيال تجاه نحو إثر لـ ل ب فيه فيها فيهما عنه عنها عنهما عنهم له لها لهما لهم منه منها منهم "
    "إليه إليها إليهما إليهم عليه عليها عليهما عليهم به بها بهما بهم",
    "in at on to for from with during after before about of by",
)
_ADVERBS = _listed(
    "أمس اليوم أيضا الليلة صباح مساء السبت الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة "
    "سابقا مؤخرا كذلك بدوره بدورها قائلا قائلة قائلين مستدركا لاحقا مجددا رسميا كما ولكن "
    "لكن إذا ما لا لم لن قد هذا هذه ذلك تلك هناك هنا بذلك لذلك قوله قولها قولهم بعدها بعده "
    "بشكل بصورة بالقول بقوله بدوره بدورها",
    "also then later earlier on yesterday today",
)
# Personal and honorific pronouns: the speaker is someone named before.
_PRONOUNS = _listed(
    "هو هي هم هما سموه معاليه فضيلته سعادته سماحته دولته جلالته",
    "he she they it we i",
)
# What a reporting verb takes as its object when it has no subject of its own
# (أكد أهمية …، أكد ضرورة …، أوضح ذلك).
_OBJECTS = _listed(
    "أهمية ضرورة حرص عزم استعداد رفض دعم التزام عدم وجود استمرار تمسك أحقية جاهزية "
    "صحة وفاة مقتل تراجع ارتفاع انخفاض الكثير كثيرا أمورا الأهمية النقاب اللثام الستار طلب فضل "
    "انتباه",
)
_RELATIVES = _listed("الذي التي الذين اللذان اللتان اللواتي who which")
# كان X قد قال / كان X يقول: the subject stands between كان and the verb.
_KANA = _listed("كان كانت كانوا وكان وكانت")
_QAD = _listed("قد وقد")
# A statement's issuer: بيان صادر عن X, بيان أصدره X, بيان لـ X.
_ISSUED = _listed("صادر صادرة صدر أصدره أصدرته أصدرها أصدرتها")
_NAQALA = _listed("نقل نقلت ونقل ونقلت ينقل تنقل ناقلا ناقلة")
_AN = _listed("عن")
# Verbs of بحسب ما …: the source is their subject (بحسب ما أفادت الوكالة) or, after
# جاء / ورد, what follows في.
_SAID = _listed(
    "قال قالت ذكر ذكرت أفاد أفادت أعلن أعلنت أكد أكدت أوضح أوضحت نشرت نقلت أورد أوردت "
    "كشف كشفت أشار أشارت صرح صرحت جاء ورد"
)
_CAME = _listed("جاء ورد")
_ACCUSATIVES = _listed("شيئا كثيرا قليلا جدا دائما أحيانا")
# Heads of a source after بحسب / according to, besides bodies and anonymous sources.
_SOURCE_NOUNS = _listed(
    "بيان تقرير تقارير دراسة إحصاءات احصائيات بيانات وزير وزارة رئيس مدير المتحدث متحدث "
    "الناطق ناطق مسؤول خبير محلل شهود سفير قائد مصدر مصادر أرقام معلومات"
)
_ABBREVIATIONS = _listed("د م أ ج dr mr mrs ms gen col prof sen rep st")
# Who a speaker talks to, after the speaker (وقال روحاني لإردوغان، قال المتحدث لوكالة
# الأنباء): the phrase ends at لـ + a body, the press or an actor's mention.
_PRESS = _listed(
    "صحفيين الصحفيين الصحافيين صحافيين مراسل مراسلين المراسلين وسائل التلفزيون الإذاعة"
)
# A source who asked not to be named (مسؤول رفض الكشف عن اسمه، declined to be named).
_UNNAMED = re.compile(
    r"(?:الكشف عن|ذكر|نشر|الإفصاح عن|الافصاح عن) (?:اسمه|اسمها|هويته|هويتها|أسمائهم|اسمائهم|هوياتهم)"
    r"|not (?:authori[sz]ed|allowed) to|declined to be (?:named|identified)|anonymity"
)
# Nouns of bodies whose name follows in quotation marks (وكالة «رويترز»).
_BODIES = _listed(
    "وكالة صحيفة جريدة موقع قناة شركة مجلة تلفزيون إذاعة حزب جماعة حركة منظمة مركز "
    "مجموعة هيئة جمعية تنظيم مجلس اتحاد نادي مؤسسة برنامج حساب الصحيفة الوكالة الموقع "
    "القناة الشركة المجلة معهد المعهد"
)
_PUNCTUATION = re.compile(r"[^\s\u0640]")  # anything but spaces and tatweel between words
_ARABIC = re.compile(r"[\u0600-\u06FF]")


@dataclass(frozen=True)
class Speaker:
    """Who speaks: category, actor id (actors only), the words naming the speaker as
    written, and where they were found (``after the verb``, ``carried over`` …)."""

    category: str
    actor: str | None = None
    text: str | None = None
    found: str | None = None

    @property
    def resolved(self) -> bool:
        return self.category != "unresolved"


UNRESOLVED = Speaker("unresolved")
_NO_SOURCE = Speaker("unresolved", found="after the cue")


def _stripped(norm: str) -> str:
    """A word without its conjunction و/ف, for looking it up in the word lists."""
    if len(norm) > 2 and norm[0] in "وف" and norm[1:] != "الي":  # والي is a governor
        return norm[1:]
    return norm


def _is(token: Word, words: frozenset[str]) -> bool:
    norm = token.norm.lower()
    return norm in words or _stripped(norm) in words


def is_preposition(token: Word) -> bool:
    """Whether a word is a preposition (في، على، عن, of): a reporting word after it is
    a verbal noun (على نقل الأسماك), not a report."""
    return _is(token, _PREPOSITIONS)


def _adverbial(token: Word) -> bool:
    """Whether a word has the shape of a circumstantial participle (معلقا، مضيفا) or is
    a common accusative (شيئا، كثيرا): not a subject."""
    norm = token.norm
    return norm in _ACCUSATIVES or (len(norm) >= 5 and norm[0] == "م" and norm.endswith("ا"))


def _governed(token: Word) -> bool:
    """Whether a word carries a preposition and the article (بالوزارة، للشركة): it
    cannot be the subject of a verb."""
    return token.norm.startswith(("بال", "لل", "وبال", "ولل", "فبال", "فلل"))


class SpeakerResolver:
    """Finds the speaker of one quote sentence (see the module docstring).

    Args:
        anonymous_sources: words heading an anonymous source (``مصدر``, ``مصادر``,
            ``مسؤول``, ``شهود``, ``source``, ``official``); matched as a phrase's first
            word, after و/ف and ال.
        agencies: the agency matcher (``framing.agencies``): a phrase naming an agency
            is a ``named`` speaker, and ``لرويترز`` after a speaker is its addressee.
        participle_cues: participle cues (``مؤكدا``, ``مشيرة``): their speaker is the
            subject of the sentence's opening verb.
        statement_cues: statement nouns (``بيان``): their speaker is the issuer
            (``بيان للوزارة``) or else the sentence's subject.

    How far back a pronoun speaker may look is the caller's (``previous``).
    """

    def __init__(
        self,
        anonymous_sources: Sequence[str],
        agencies: ActorMatcher,
        participle_cues: Sequence[str] = (),
        statement_cues: Sequence[str] = (),
    ) -> None:
        self.anonymous = _norm(anonymous_sources)
        self.agencies = agencies
        self.participles = _norm(participle_cues)
        self.statements = _norm(statement_cues)
        self._mentioned: set[int] = set()  # first words of the sentence's actor mentions

    # -- the phrase in the speaker's place ---------------------------------------------

    def _boundary(self, sentence: str, tokens: list[Word], position: int) -> bool:
        """Whether punctuation stands between word ``position - 1`` and ``position``
        (not counted before a phrase's first word: see :meth:`phrase_after`)."""
        if position == 0:
            return False
        gap = sentence[tokens[position - 1].end : tokens[position].start]
        if gap.strip() == "." and tokens[position - 1].norm.lower() in _ABBREVIATIONS:
            return False  # د. عبدالرحمن, Dr. Smith
        return bool(_PUNCTUATION.search(gap))

    def _ends_phrase(self, token: Word, first: bool, abbreviation: bool = False) -> bool:
        norm = token.norm.lower()
        if len(_stripped(norm)) < 2 and norm not in {"i"} and not abbreviation:
            return True  # a lone clitic (لـ«عكاظ») or letter
        if any(
            _is(token, words) for words in (_COMPLEMENTIZERS, _PREPOSITIONS, _RELATIVES, _ADVERBS)
        ):
            return True
        # a new conjunct: ونظيره، والرئيس (but not وزير, وكالة: و is part of the word)
        return not first and norm[:1] == "و" and norm[1:3] == "ال"

    def phrase_after(
        self, sentence: str, tokens: list[Word], start: int, quoted: bool = False
    ) -> tuple[int, int]:
        """The speaker's phrase starting at word ``start``: ``(start, end)``, empty when
        the verb has no subject there (a pronoun speaker: وقال: «…»). ``quoted``: the
        phrase may open with a quotation mark (بحسب «رويترز»)."""
        position = start
        while position < len(tokens) and not (
            self._boundary(sentence, tokens, position) and not (quoted and position == start)
        ):
            token = tokens[position]
            first = position == start
            abbreviation = (
                token.norm.lower() in _ABBREVIATIONS
                and position + 1 < len(tokens)
                and sentence[token.end : tokens[position + 1].start].strip() == "."
            )
            if (
                self._ends_phrase(token, first, abbreviation)
                or (not first and self._recipient(token, position))
                or _is(token, _OBJECTS)  # وأكد الوزير أهمية …
                or (first and (_is(token, _PRONOUNS) or _governed(token) or _adverbial(token)))
            ):
                break
            if position - start >= _PHRASE_WORDS:
                break
            position += 1
        return start, self._with_quoted_name(sentence, tokens, start, position)

    def _source_like(self, token: Word, position: int) -> bool:
        """Whether the word after بحسب / according to can open a source: a body, an
        office, an anonymous source, an agency, an actor or a name (no article, no
        pronoun suffix: بحسب احتياجها is not a source)."""
        norm = _stripped(token.norm.lower())
        bare = norm[2:] if norm.startswith("ال") else norm
        if norm in self.anonymous or bare in self.anonymous or bare in _SOURCE_NOUNS:
            return True
        if norm in _BODIES or position in self._mentioned or self.agencies.find(token.text):
            return True
        if not _ARABIC.search(token.text):
            return token.text[:1].isupper()
        return not norm.startswith("ال") and not token.text.endswith(("ها", "هم", "هما", "ه"))

    def _recipient(self, token: Word, position: int) -> bool:
        """Whether a word inside a phrase opens its addressee: لـ + a body's noun or the
        press (لوكالة، لصحفيين), or لـ + an actor's or agency's name (لإردوغان)."""
        norm = token.norm
        if not norm.startswith("ل") or norm.startswith("لل") or len(norm) < 4:
            return False
        rest = norm[1:]
        if rest in _BODIES or rest in _PRESS or position in self._mentioned:
            return True
        return any(True for _ in self.agencies.find(token.text[1:]))

    def _with_quoted_name(self, sentence: str, tokens: list[Word], start: int, end: int) -> int:
        """The phrase's end, extended over a short quoted name after a body's noun
        (وكالة «رويترز»، صحيفة "واشنطن بوست"), not over a quotation (قال «…»)."""
        if end <= start or end >= len(tokens) or not _is(tokens[end - 1], _BODIES):
            return end
        gap = sentence[tokens[end - 1].end : tokens[end].start]
        if not re.search(r"[«“\"]", gap):
            return end
        closing = re.search(r"[»”\"]", sentence[tokens[end].start :])
        if closing is None:
            return end
        stop = tokens[end].start + closing.start()
        inside = [i for i in range(end, len(tokens)) if tokens[i].end <= stop]
        if not inside or len(inside) > 3:
            return end
        return inside[-1] + 1

    def phrase_before(self, sentence: str, tokens: list[Word], end: int) -> tuple[int, int]:
        """The phrase right before word ``end`` up to punctuation or a function word."""
        position = end
        while position > 0 and end - position < _BEFORE_WORDS:
            if self._boundary(sentence, tokens, position):
                break
            token = tokens[position - 1]
            if self._ends_phrase(token, first=True) or _is(token, _KANA | _QAD):
                break
            position -= 1
        return position, end

    # -- what the phrase names ---------------------------------------------------------

    def classify(
        self,
        sentence: str,
        tokens: list[Word],
        phrase: tuple[int, int],
        spans: list[tuple[int, int, dict]],
        found: str,
    ) -> Speaker | None:
        """The speaker a phrase names, or None for an empty phrase."""
        first, end = phrase
        if first >= end:
            return None
        text = sentence[tokens[first].start : tokens[end - 1].end]
        head = tokens[first].norm.lower()
        bare = _stripped(head)
        following = sentence[tokens[end - 1].end : tokens[end - 1].end + 60]
        conjoined = [  # متطوع ومصدر طبي
            t.norm[1:] for t in tokens[first + 1 : end] if t.norm[:1] == "و" and len(t.norm) > 3
        ]
        if (
            head in self.anonymous
            or bare in self.anonymous
            or (bare.startswith("ال") and bare[2:] in self.anonymous)
            or any(word in self.anonymous for word in conjoined)
            or _UNNAMED.search(following)
        ):
            return Speaker("anonymous", None, text, found)
        if _is(tokens[first], _PRONOUNS):
            return None
        inside = sorted(
            (span_first, mention)
            for span_first, last, mention in spans
            if first <= span_first < end
        )
        if inside:
            return Speaker("actor", inside[0][1]["actor"], text, found)
        agency = next(iter(self.agencies.find(text)), None)
        if agency is not None:
            return Speaker("named", None, text, found)
        if not _ARABIC.search(text) and not any(t.text[:1].isupper() for t in tokens[first:end]):
            return None  # English speakers are named with capitals ("the ministry" is not)
        return Speaker("named", None, text, found)

    # -- one sentence ------------------------------------------------------------------

    def resolve(
        self,
        sentence: str,
        tokens: list[Word],
        cue_at: int | None,
        cue: str | None,
        spans: list[tuple[int, int, dict]],
        previous: Speaker | None,
        attribution: bool = False,
    ) -> Speaker:
        """The speaker of the quote governed by the cue at word ``cue_at`` (None: a
        quotation without a cue); ``previous`` is the last speaker found in the sentences
        just before, for pronoun speakers, or None; ``attribution``: the cue is an
        attribution phrase (بحسب، according to), not a verb."""
        self._mentioned = {first for first, _, _ in spans}
        found = self._speaker_in_sentence(sentence, tokens, cue_at, cue, spans, attribution)
        if found is _NO_SOURCE:
            return UNRESOLVED  # بحسب without a source: nothing to carry over
        if found is not None:
            return found
        if previous is not None and previous.resolved:
            return Speaker(previous.category, previous.actor, previous.text, "carried over")
        return UNRESOLVED

    def _speaker_in_sentence(
        self, sentence: str, tokens: list[Word], cue_at: int | None, cue: str | None,
        spans: list[tuple[int, int, dict]], attribution: bool,
    ) -> Speaker | None:  # fmt: skip
        """The speaker the sentence itself names (see :meth:`resolve`), or None."""
        if cue_at is None:  # a quotation without a reporting word: "X: «…»"
            colon = sentence.find(":")
            opener = next((i for i, t in enumerate(tokens) if t.start > colon), None)
            if colon > 0 and opener is not None and opener <= _BEFORE_WORDS:
                return self.classify(
                    sentence,
                    tokens,
                    self.phrase_before(sentence, tokens, opener),
                    spans,
                    "before the verb",
                )
            return None
        cue_norm = normalize_arabic(cue or "").lower()
        cue_words = len(cue_norm.split())
        if attribution:
            start = cue_at + cue_words
            # بحسب ما أفادت وكالة …، according to what X said: the verb's subject
            if start + 1 < len(tokens) and tokens[start].norm == "ما":
                if not _is(tokens[start + 1], _SAID):
                    return _NO_SOURCE  # بحسب ما نشر، حسب ما هو متوقع
                start += 2
                if (
                    _is(tokens[start - 1], _CAME)
                    and start < len(tokens)
                    and tokens[start].norm == "في"
                ):
                    start += 1  # بحسب ما جاء في التقرير
            phrase = self.phrase_after(sentence, tokens, start, quoted=True)
            if phrase[0] < phrase[1] and not self._source_like(tokens[phrase[0]], phrase[0]):
                return _NO_SOURCE  # بحسب الحاجة، حسب التصنيف: not a source
            return self.classify(sentence, tokens, phrase, spans, "after the cue") or _NO_SOURCE
        if cue_norm in self.statements:
            issuer = self._statement_issuer(sentence, tokens, cue_at, spans)
            if issuer is not None:
                return issuer
        if cue_norm in self.participles or cue_norm in self.statements:
            return self._sentence_subject(sentence, tokens, cue_at, spans)
        if _ARABIC.search(sentence):
            return self._arabic_speaker(sentence, tokens, cue_at, spans)
        return self._english_speaker(sentence, tokens, cue_at, spans)

    def _arabic_speaker(
        self, sentence: str, tokens: list[Word], cue_at: int, spans: list[tuple[int, int, dict]]
    ) -> Speaker | None:
        # كان الوزير قد قال، وكان عراقجي يشير: the subject stands between كان and the verb
        kana = next(
            (
                i
                for i in range(cue_at - 1, max(-1, cue_at - 2 - _PHRASE_WORDS), -1)
                if _is(tokens[i], _KANA)
            ),
            None,
        )
        if kana is not None and not any(
            self._boundary(sentence, tokens, i) for i in range(kana + 1, cue_at + 1)
        ):
            end = cue_at - 1 if _is(tokens[cue_at - 1], _QAD) else cue_at
            return self.classify(sentence, tokens, (kana + 1, end), spans, "before the verb")
        # a present-tense verb after its subject: فإيران تقول، المدرب فلان يقول معلقا
        if (
            cue_at > 0
            and tokens[cue_at].norm[:1] in {"ي", "ت"}
            and not self._boundary(sentence, tokens, cue_at)
            and not self._ends_phrase(tokens[cue_at - 1], True)
            and not _is(tokens[cue_at - 1], _KANA | _QAD | _PRONOUNS)
        ):
            before = self.phrase_before(sentence, tokens, cue_at)
            speaker = self.classify(sentence, tokens, before, spans, "before the verb")
            # only a sentence's opening phrase or a known speaker (رسالة تقول is no one)
            if speaker is not None and (before[0] == 0 or speaker.category != "named"):
                return speaker
        subject_at = self._past_recipient(sentence, tokens, cue_at + 1)
        after = self.phrase_after(sentence, tokens, subject_at, quoted=subject_at > cue_at + 1)
        speaker = self.classify(sentence, tokens, after, spans, "after the verb")
        if speaker is not None:
            # ونقلت الصحيفة عن مسؤول: the official speaks
            if (
                _is(tokens[cue_at], _NAQALA)
                and after[1] < len(tokens)
                and _is(tokens[after[1]], _AN)
                and not _PUNCTUATION.search(
                    sentence[tokens[after[1] - 1].end : tokens[after[1]].start].strip("»”\"' ")
                )
            ):
                source = self.phrase_after(sentence, tokens, after[1] + 1, quoted=True)
                return self.classify(sentence, tokens, source, spans, "after the cue") or speaker
            return speaker
        # a short noun phrase opening the sentence: مدير المنتخب فلان يؤكد
        before = self.phrase_before(sentence, tokens, cue_at)
        if before[0] == 0 and before[1] > 0 and not self._ends_phrase(tokens[0], True):
            return self.classify(sentence, tokens, before, spans, "before the verb")
        # a sentence opening with a noun: الشرطة الشيشانية، من جانبها، ذكرت
        if 0 < cue_at <= _PHRASE_WORDS + 3 and _stripped(tokens[0].norm).startswith("ال"):
            opening = self.phrase_after(sentence, tokens, 0)
            return self.classify(sentence, tokens, opening, spans, "before the verb")
        # a second verb of the sentence's subject: ودافع أوباما عن الاتفاق وقال إنه …
        if cue_at > 2 and tokens[cue_at].norm[:1] == "و":
            return self._sentence_subject(sentence, tokens, cue_at, spans)
        return None

    def _past_recipient(self, sentence: str, tokens: list[Word], position: int) -> int:
        """The word after an addressee right after the verb (وأوضح لـ«عكاظ» الناطق …):
        a lone لـ and the quoted name after it."""
        if position + 1 >= len(tokens) or tokens[position].norm != "ل":
            return position
        name = tokens[position + 1].start  # the closing mark is after the name's first word
        closing = re.search(r"[»”\"]", sentence[name:])
        if closing is None:
            return position
        at = name + closing.end()
        nxt = next((i for i in range(position + 1, len(tokens)) if tokens[i].start >= at), None)
        if nxt is None or _PUNCTUATION.search(sentence[at : tokens[nxt].start]):
            return position
        return nxt

    def _english_speaker(
        self, sentence: str, tokens: list[Word], cue_at: int, spans: list[tuple[int, int, dict]]
    ) -> Speaker | None:
        before = self.phrase_before(sentence, tokens, cue_at)
        while before[0] < before[1] and tokens[before[0]].norm.lower() in {"the", "a", "an"}:
            before = (before[0] + 1, before[1])
        speaker = self.classify(sentence, tokens, before, spans, "before the verb")
        if speaker is not None:
            return speaker
        after = self.phrase_after(sentence, tokens, cue_at + 1)  # "said John Kerry"
        return self.classify(sentence, tokens, after, spans, "after the verb")

    def _statement_issuer(
        self, sentence: str, tokens: list[Word], cue_at: int, spans: list[tuple[int, int, dict]]
    ) -> Speaker | None:
        """The issuer of ``بيان``: بيان للوزارة، بيان صادر عن الوزارة، بيان أصدره الديوان."""
        position = cue_at + 1
        if position >= len(tokens) or self._boundary(sentence, tokens, position):
            return None
        if _is(tokens[position], _ISSUED):
            position += 1
            if position < len(tokens) and _is(tokens[position], _AN):
                position += 1
            phrase = self.phrase_after(sentence, tokens, position)
            return self.classify(sentence, tokens, phrase, spans, "after the cue")
        norm = tokens[position].norm
        if norm.startswith("ل") and len(norm) > 3:  # بيان للوزارة، بيان لرئيس الوزراء
            phrase = self.phrase_after(sentence, tokens, position)
            speaker = self.classify(sentence, tokens, phrase, spans, "after the cue")
            if speaker is not None and speaker.text:
                text = "ال" + speaker.text[2:] if norm.startswith("لل") else speaker.text[1:]
                return Speaker(speaker.category, speaker.actor, text, speaker.found)
            return speaker
        return None

    def _after_opener(self, sentence: str, tokens: list[Word]) -> int:
        """The first word after a short opening phrase set off by a comma (من جهته،
        من جانب آخر، في سياق متصل،), else 0."""
        if not tokens or not _is(tokens[0], _PREPOSITIONS):
            return 0
        for position in range(1, min(len(tokens), 5)):
            if self._boundary(sentence, tokens, position):
                return position
        return 0

    def _sentence_subject(
        self, sentence: str, tokens: list[Word], cue_at: int, spans: list[tuple[int, int, dict]]
    ) -> Speaker | None:
        """The subject of the verb opening the sentence, for a participle or noun cue
        (ونددت الوحدات في بيان …، وأعرب الوزير عن … مؤكدا)."""
        verb = self._after_opener(sentence, tokens)  # من جهته، أشاد الوزير … مؤكدا
        if cue_at < verb + 2 or _is(tokens[verb], _PREPOSITIONS | _ADVERBS):
            return None
        token = tokens[verb].norm
        if _stripped(token).startswith("ال") or self._ends_phrase(tokens[verb], True):
            return None
        following = tokens[verb + 1].norm if verb + 1 < len(tokens) else ""
        if following[:1] in {"ب", "ل"} and verb + 1 not in self._mentioned:
            return None  # ونوه بمساهمات …: the verb's object, its subject a pronoun
        phrase = self.phrase_after(sentence, tokens, verb + 1)
        if phrase[1] > cue_at:
            phrase = (phrase[0], cue_at)
        return self.classify(sentence, tokens, phrase, spans, "subject of the sentence")
