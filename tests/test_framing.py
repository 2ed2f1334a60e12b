import polars as pl
import pytest
import yaml

from conftest import ROOT
from mediaframe.actors.framing import Framer, FramingSettings
from mediaframe.actors.matching import find_mentions, matcher_from_config


@pytest.fixture(scope="module")
def analyse():
    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    matcher = matcher_from_config(config["actors"])
    framer = Framer(FramingSettings.from_config(config["framing"]))

    def run(*texts: str) -> dict[str, pl.DataFrame]:
        sentences = pl.DataFrame(
            {
                "doc_id": ["d"] * len(texts),
                "outlet": ["o"] * len(texts),
                "published": [None] * len(texts),
                "kind": ["body"] * len(texts),
                "comment": [None] * len(texts),
                "sentence": list(range(len(texts))),
                "start": [0] * len(texts),
                "end": [len(t) for t in texts],
                "text": list(texts),
            },
            schema_overrides={"published": pl.Date, "comment": pl.Int64},
        )
        return framer.analyse(sentences, find_mentions(sentences, matcher))

    return run


def test_labels_go_to_the_adjacent_actor(analyse):
    labels = analyse("أوقف الدوريات المشتركة مع ميليشيا قسد لمواجهة تنظيم داعش")["labels"]
    assert sorted(zip(labels["actor"], labels["label"], labels["valence"], strict=True)) == [
        ("isis", "تنظيم", None),
        ("sdf", "ميليشيا", -1.0),
    ]


def test_english_label_after_the_name(analyse):
    labels = analyse("Ankara shelled the SDF militia near Kobani.")["labels"]
    assert labels.select("actor", "label").rows() == [("sdf", "militia")]


@pytest.mark.parametrize(
    ("sentence", "speaker", "kind"),
    [
        ("أعلن الجيش الأمريكي أنه أوقف الدوريات العسكرية", "united_states", "reported"),
        ("وكانت قسد أعلنت أنها أوقفت جميع العمليات", "sdf", "reported"),
        ('وقال أردوغان: "سننقض على الإرهابيين براً أيضاً"', "turkey", "direct"),
        (
            "وكان وزير الدفاع الأمريكي لويد أوستن قد أكد لنظيره التركي أن واشنطن تعارض",
            "united_states",
            "reported",
        ),
        ("ونقلت رويترز عن المتحدث باسم قسد قوله إن العمليات توقفت", "sdf", "reported"),
        ("وذكر أن بلاده لا تريد أن يؤثر أي شيء على الشراكة مع قسد", None, "reported"),
        (
            'Kirby said "there are many reasons for concern" about Turkey.',
            "united_states",
            "direct",
        ),
    ],
)
def test_speakers_are_resolved_from_the_speakers_place(analyse, sentence, speaker, kind):
    (quote,) = analyse(sentence)["quotes"].iter_rows(named=True)
    assert (quote["speaker"], quote["quote_type"]) == (speaker, kind)


def test_short_quoted_names_are_not_quotes(analyse):
    quotes = analyse('وأطلقت وزارة الدفاع التركية عملية "المخلب - السيف" ضد مواقع قسد')["quotes"]
    assert quotes.is_empty()


def test_agencies_are_cited_through_clitics_and_in_english(analyse):
    out = analyse(
        'وجاء في بيان صادر عن الجيش الأمريكي أن "قواته أوقفت جميع العمليات"، بحسب "رويترز".',
        "AFP and Reuters reported the strikes, the AP said.",
    )
    assert out["agencies"].select("sentence", "agency").rows() == [
        (0, "Reuters"),
        (1, "AFP"),
        (1, "AP"),
        (1, "Reuters"),
    ]
    (first,) = out["quotes"].filter(pl.col("sentence") == 0).iter_rows(named=True)
    assert (first["speaker"], first["agency"], first["quote_type"]) == (
        "united_states",
        "Reuters",
        "direct",
    )


def test_unconfigured_names_after_titles_are_suggested(analyse):
    out = analyse(
        "وقال وزير الخارجية السوري فيصل المقداد إن الحل سياسي",
        "President Emmanuel Macron arrived in Beirut.",
        "وقال الرئيس التركي رجب طيب أردوغان إن",
    )
    assert sorted(out["suggestions"]["candidate"]) == ["Emmanuel Macron", "فيصل المقداد"]


def test_unmatched_speakers_of_reporting_verbs_are_suggested(analyse):
    out = analyse(
        "وقال فيصل المقداد إن الحل سياسي",
        "Aaron Stein said the strikes would continue.",
        "وقال أردوغان إن العملية مستمرة",
        "وقال وزير الخارجية السوري فيصل المقداد إن",
    )
    rows = sorted(out["suggestions"].select("candidate", "cue").rows())
    assert rows == [("Aaron Stein", "said"), ("فيصل المقداد", "قال"), ("فيصل المقداد", "وزير")]
    assert out["suggestions"]["sentence_text"].n_unique() == 3  # one row per name and sentence


def _speaker(quote: dict) -> tuple:
    return quote["speaker_category"], quote["speaker"], quote["speaker_text"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the subject after an Arabic reporting verb (VSO), up to a comma or إن
        (
            "وقال وزير الخارجية السعودي عادل الجبير، في مؤتمر صحفي، إن الحل سياسي",
            ("named", None, "وزير الخارجية السعودي عادل الجبير"),
        ),
        ("وأكدت وزارة الداخلية أن الوضع مستقر", ("named", None, "وزارة الداخلية")),
        (
            "وأوضح لـ«عكاظ» مدير الدفاع المدني أن الحريق محدود",
            ("named", None, "مدير الدفاع المدني"),
        ),
        ("وقال د. عبدالرحمن العمر إن الموسم ناجح", ("named", None, "د. عبدالرحمن العمر")),
        # a verb governed by a preposition is a verbal noun, not a report
        ("وعمل الفريق على نقل الأسماك إلى الحوض الجديد", None),
        # titles and roles through the registry's aliases
        (
            "وقال المتحدث باسم الخارجية التركية إن أنقرة لن تسمح بذلك",
            ("actor", "turkey", "المتحدث باسم الخارجية التركية"),
        ),
        ("وأعلن وزير الدفاع الروسي أن الطائرات عادت", ("actor", "russia", "وزير الدفاع الروسي")),
        ("وكان عراقجي يشير إلى قرار مجلس الأمن", ("named", None, "عراقجي")),
        # the addressee after the speaker is not the speaker
        ("وقال روحاني لإردوغان إن البلدين يقفان معا", ("named", None, "روحاني")),
        # news agencies are named bodies
        (
            "وقالت وكالة الأناضول إن الغارات استهدفت مواقع للتنظيم",
            ("named", None, "وكالة الأناضول"),
        ),
        ("وبحسب «رويترز» فإن الغارات استمرت", ("named", None, "رويترز")),
        ('وذكرت وكالة "سانا" أن الطرق مغلقة', ("named", None, 'وكالة "سانا')),
        # anonymous sources: their own category, also behind an agency that quotes them
        (
            "وقال مسؤول رفض الكشف عن اسمه إن المحادثات متعثرة",
            ("anonymous", None, "مسؤول"),
        ),
        ("وذكرت مصادر مطلعة أن الاتفاق قريب", ("anonymous", None, "مصادر مطلعة")),
        (
            "وقال دبلوماسي غربي طلب عدم الكشف عن هويته إن المحادثات متعثرة",
            ("anonymous", None, "دبلوماسي غربي"),
        ),
        ("على ما أفاد متطوع ومصدر طبي في المدينة", ("anonymous", None, "متطوع ومصدر طبي")),
        ("ونقلت رويترز عن مصدر مطلع قوله إن الاتفاق قريب", ("anonymous", None, "مصدر مطلع")),
        ("Officials said the strikes would continue.", ("anonymous", None, "Officials")),
        # a participle speaks with the subject of the sentence's verb
        (
            "وأعرب وزير الخارجية عادل الجبير عن قلقه، مؤكدا أن الحل سياسي",
            ("named", None, "وزير الخارجية عادل الجبير"),
        ),
        ("Federica Mogherini said the talks were useful.", ("named", None, "Federica Mogherini")),
        ('قال لـ "الاقتصادية" مسؤول خليجي إن الاجتماع قريب', ("anonymous", None, "مسؤول خليجي")),
        # بحسب before something that is no source
        ("ويتم توزيع المساعدات بحسب احتياجها في كل منطقة", ("unresolved", None, None)),
        # no subject and nothing before: unresolved
        ("وأضاف أن العمليات مستمرة في الشمال", ("unresolved", None, None)),
        ("he added that the talks would resume.", ("unresolved", None, None)),
    ],
)
def test_each_quote_gets_one_speaker_category(analyse, sentence, expected):
    quotes = analyse(sentence)["quotes"]
    if expected is None:
        assert quotes.is_empty()
        return
    (quote,) = quotes.iter_rows(named=True)
    assert _speaker(quote) == expected


def test_pronoun_speakers_take_the_last_speaker_before_them(analyse):
    quotes = analyse(
        "وقال أردوغان إن العملية مستمرة.",
        "وأضاف: «لن نتراجع عن قرارنا أبدا».",
        "وقال المرصد السوري لحقوق الإنسان إن الاشتباكات عنيفة.",
        "وأشار إلى أن القتلى بالعشرات.",
        "«وقد فر السكان من القرى المجاورة إلى المدينة».",
        "وتابع أن المعارك تتواصل.",
    )["quotes"]
    rows = quotes.select("sentence", "speaker_category", "speaker", "speaker_from").rows()
    assert rows == [
        (0, "actor", "turkey", "after the verb"),
        (1, "actor", "turkey", "carried over"),
        (2, "named", None, "after the verb"),
        (3, "named", None, "carried over"),
        (4, "named", None, "carried over"),  # a quoted paragraph continues its speaker
        (5, "named", None, "carried over"),
    ]
    assert set(quotes["speaker_text"][2:]) == {"المرصد السوري لحقوق الإنسان"}


def test_speakers_are_carried_only_a_few_sentences(analyse):
    quotes = analyse(
        "وقال أردوغان إن العملية مستمرة.",
        "واستهدفت الطائرات مواقع في الشمال.",
        "وسقط عدد من القتلى.",
        "وفر السكان من القرى.",
        "وأضاف أن العمليات لن تتوقف.",  # four sentences after the speaker (carry_sentences 3)
        "وكان الحزب الحاكم قد عقد اجتماعا طارئا.",
        "«نحن لن نتراجع عن هذا القرار أبدا» قال أحد الحضور.",
    )["quotes"]
    assert quotes.select("sentence", "speaker_category").rows() == [
        (0, "actor"),
        (4, "unresolved"),
        (6, "anonymous"),
    ]


def test_quotations_without_a_reporting_word_keep_titles_apart(analyse):
    quotes = analyse(
        "وقال أردوغان إن العملية مستمرة.",
        "وعرض التلفزيون فيلم «الطريق إلى دمشق الجديدة» مساء أمس.",
    )["quotes"]
    title = quotes.filter(pl.col("sentence") == 1).row(0, named=True)
    assert title["speaker_category"] == "unresolved"  # a quoted title is nobody's speech


def test_a_second_verb_speaks_with_the_sentence_subject(analyse):
    (quote,) = analyse("ودافع وزير الدفاع الروسي عن الاتفاق وقال إنه يخدم الاستقرار")[
        "quotes"
    ].iter_rows(named=True)
    assert _speaker(quote) == ("actor", "russia", "وزير الدفاع الروسي")
    assert quote["speaker_from"] == "subject of the sentence"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("فموسكو تقول شيئا وتفعل شيئا آخر", ("actor", "russia", "فموسكو")),
        (
            "المدرب الوطني عبدالعزيز الخالد يقول معلقا على ذلك: لا أعتقد",
            ("named", None, "المدرب الوطني عبدالعزيز الخالد"),
        ),
        ("وبحسب ما أفادت وكالة الأناضول فإن الطرق مغلقة", ("named", None, "وكالة الأناضول")),
        ("والاتفاق حسب ما نشر يوفر آلية صارمة", ("unresolved", None, None)),
    ],
)
def test_subjects_before_present_tense_verbs_and_sources_after_bihasab_ma(
    analyse, sentence, expected
):
    (quote,) = analyse(sentence)["quotes"].iter_rows(named=True)
    assert _speaker(quote) == expected


def test_plural_reporting_verbs_take_their_subject_after_them(analyse):
    (quote,) = analyse("وأكدوا أن الطريق مغلق منذ أيام")["quotes"].iter_rows(named=True)
    assert quote["speaker_category"] == "unresolved"  # a pronoun, nothing before it
    (quote,) = analyse("وقالوا شهود عيان إن الطريق مغلق")["quotes"].iter_rows(named=True)
    assert _speaker(quote) == ("anonymous", None, "شهود عيان")


# -- speakers, second round: resolve only on strong evidence (issue 14) ---------------

UNRESOLVED = ("unresolved", None, None)


def assert_speaker(analyse, sentence: str, expected: tuple) -> None:
    """The one quote of ``sentence`` has the expected (category, actor, words); words
    None: any."""
    (quote,) = analyse(sentence)["quotes"].iter_rows(named=True)
    category, actor, text = expected
    assert (quote["speaker_category"], quote["speaker"]) == (category, actor)
    if text is not None:
        assert quote["speaker_text"] == text


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the verb's subject needs its speech after it
        ("وأضاف الوزير أن المحادثات مستمرة", ("named", None, "الوزير")),
        ("وأضاف أحمد عيد الهدف الثاني في الدقيقة 14", ("unresolved", None, None)),
        ("وأشار المصدر إلى مقتل ثمانية عشر مسلحا", ("anonymous", None, "المصدر")),
        # an adjective of origin makes an actor only on an office of the state
        ("وقال وزير الخارجية الأمريكي إن الاتفاق جيد", ("actor", "united_states", None)),
        ("وكان معهد البترول الأمريكي قال إن المخزونات تراجعت", ("named", None, None)),
        ("وارتفعت الأسعار بحسب صحيفة واشنطن بوست.", ("named", None, "صحيفة واشنطن بوست")),
        # an office in construct with a definite noun is named, not anonymous
        (
            "وكشف مسؤول الرقابة عن المنشطات في الوفد أن العينات كثيرة",
            ("named", None, "مسؤول الرقابة"),
        ),
        ("وقال مسؤول أمريكي إن الاتفاق قريب", ("anonymous", None, "مسؤول أمريكي")),
        # a name, then an actor that no office joins to it: the speaker ends before it
        ("وقال عباس الولايات المتحدة في مؤتمر صحفي إن", ("named", None, "عباس")),
        (
            "وقال المتحدث باسم الولايات المتحدة إن الاتفاق جيد",
            ("actor", "united_states", "المتحدث باسم الولايات المتحدة"),
        ),
        # a participle's sentence: an office at the head, the complement after a preposition
        ("وقدم التهنئة للفارس على المستوى، مؤكدا أن الاتحاد يدعم الفرسان", UNRESOLVED),
        ("واستنكر النائب فلان العمل الإرهابي، مؤكدا أن العمل مدان", UNRESOLVED),
        # بحسب: a source, not a noun
        ("وبحسب أردوغان، فإن العملية مستمرة", ("actor", "turkey", "أردوغان")),
        ("وبحسب غليزر، فإن التنظيم يحصل على الملايين", ("named", None, "غليزر")),
        ("وذلك على حسب رؤية واختيار الفنان التشكيلي", UNRESOLVED),
        ("وذلك حسب تصنيف المنتخبات في آخر بطولة آسيوية", UNRESOLVED),
        # a subject before the verb after a complementizer or أما
        (
            "يذكر أن المديرية العامة للجوازات أعلنت عن بدء الخدمة",
            ("named", None, "المديرية العامة للجوازات"),
        ),
        ("ومن الرسائل التي يمكن أن تظهر رسالة تقول إن المطعم مزدحم", UNRESOLVED),
        (
            "أما السيد حسن - بائع في محل - فيقول: «نسبة مبيعاتنا لا تصل إلى 40%»",
            ("named", None, "السيد حسن"),
        ),
        # tanween fatha marks an accusative, never a subject
        ("أخيرًا يقول ماجد الديحاني: هذا موسمي الأفضل", ("named", None, "ماجد الديحاني")),
        # a masculine verb before a feminine noun: not its subject
        ("وشكر سفارة المملكة في عمان، مضيفا أن المسؤولين حرصوا على الحضور", UNRESOLVED),
        ("وكانت آخر مرة أعلن فيها عن وفاته قبل أسابيع", UNRESOLVED),
        ("وقال أسامة إن الفريق جاهز", ("named", None, "أسامة")),
        # words keep their diacritics: وأكَّدت is one word, a reporting verb
        ("وأكَّدت الحكومة الليبية أن الوضع مستقر", ("named", None, "الحكومة الليبية")),
        # a reporting verb inside a quotation is not the sentence's report
        (
            'وطالب عباس الولايات المتحدة بإدانة الحادثة "لأنهم لا يقولون لنا أنهم يخرجون"',
            UNRESOLVED,
        ),
        # only the press is an addressee; لهيئة after a title is the office's body
        (
            "وأوضح المتحدث الرسمي لهيئة الهلال الأحمر فهد الغامدي أن البلاغ وصل",
            ("named", None, "المتحدث الرسمي لهيئة الهلال الأحمر فهد الغامدي"),
        ),
        ("وقال المتحدث لوكالة الأنباء إن الحريق محدود", ("named", None, "المتحدث")),
        ("فماذا قال:", UNRESOLVED),
        # a short quoted name after the verb is its subject; a quotation is not
        (
            'ونقلت "رويترز" عن المتحدث باسم قسد، آرام حنة، قوله إن العمليات توقفت',
            ("actor", "sdf", "المتحدث باسم قسد"),
        ),
        ("وقالت «الحكومة لن تتراجع عن قرارها»", UNRESOLVED),
        # a clause about the speaker ends the phrase
        ("وقال بروكمان وهو أب لخمسة إنه سافر إلى سوريا", ("named", None, "بروكمان")),
        # a name in quotation marks is no speech; a participle's speech is its own
        ("توقيع عقد نقل النفايات بين الخضري و«الشؤون البلدية»", UNRESOLVED),
        (
            "وذكر رئيس اللجنة محمد المسعودي حاجة المحافظة إلى فرع، مضيفا أن المحافظة كبيرة",
            UNRESOLVED,
        ),
        ('وأشار "الباز" إلى أن الإدارة أوصلت الكتب', ("named", None, "الباز")),
        # a statement's issuer after الصادر عن
        (
            "وأكد البيان الصادر عن مكتب رئيس الوزراء التركي أن العمليات تواصلت",
            ("actor", "turkey", "مكتب رئيس الوزراء التركي"),
        ),
        # a subject before a present-tense verb inside a sentence is no speaker
        ("ناهيك عن مناطق مثل أبها وبعض المصائف يؤكد أن السياحة تنمو", UNRESOLVED),
        ("إذا كان ثلث السعوديات عوانس كما ذكرت إحدى الدراسات", UNRESOLVED),
        # a participle's sentence: only a verb whose complement takes a preposition
        ("وجدد الوزير شكري تأكيد وحدة الرؤى مع المسؤولين، مشيرا إلى أن التعاون مستمر", UNRESOLVED),
        (
            "وحذر وزير الداخلية من الشائعات، مشددا على أن الأمن مستقر",
            ("named", None, "وزير الداخلية"),
        ),
    ],
)
def test_speakers_need_strong_evidence(analyse, sentence, expected):
    assert_speaker(analyse, sentence, expected)


def test_pronoun_speakers_take_only_the_previous_sentences_agreeing_speaker(analyse):
    quotes = analyse(
        "وقال الوزير إن المحادثات مستمرة.",
        "وأضاف أن الاتفاق قريب.",  # carried: the previous sentence, a masculine verb
        "وأشارت المصادر إلى أن المليشيات تقصف المنازل.",
        "وأشار إلى أن الانتهاكات مستمرة.",  # masculine after feminine: not المصادر
        "وقال الوزير إن العملية مستمرة.",
        "انه تجسيد لحديث النبي حينما قال: نعمتان مغبون فيهما كثير من الناس.",  # not opening
        "وقال المتحدث باسم الوزارة إن الحريق محدود.",
        "واستهدفت الطائرات مواقع في الشمال.",
        "وأضاف أن العمليات لن تتوقف.",  # two sentences after its speaker
    )["quotes"]
    rows = quotes.select("sentence", "speaker_category", "speaker_from").rows()
    assert rows == [
        (0, "named", "after the verb"),
        (1, "named", "carried over"),
        (2, "anonymous", "after the verb"),
        (3, "unresolved", None),
        (4, "named", "after the verb"),
        (5, "unresolved", None),
        (6, "named", "after the verb"),
        (8, "unresolved", None),
    ]


def test_documents_speak_for_the_previous_sentences_speaker(analyse):
    quotes = analyse(
        "وأوضحت وزارة الداخلية في بيان لها أن قاربا اصطدم بمركب.",
        "وأشار البيان إلى أنه تم إنقاذ ستة أشخاص.",
    )["quotes"]
    assert quotes.select("speaker_category", "speaker_text", "speaker_from").rows()[1] == (
        "named",
        "وزارة الداخلية",
        "carried over",
    )
    (alone,) = analyse("وأشار البيان إلى أن الاتحاد سيتخذ عقوبات.")["quotes"].iter_rows(named=True)
    assert alone["speaker_category"] == "unresolved"  # nobody issued it before


@pytest.mark.parametrize(
    ("verb", "expected"),
    [
        ("قال", "m"),
        ("وقالت", "f"),
        ("لفت", "m"),
        ("لفتت", "f"),
        ("تقول", "f"),
        ("يقول", "m"),
        ("قالوا", "p"),
        ("تابع", "m"),
        ("مؤكدة", "f"),
        ("مؤكدا", "m"),
        ("said", None),
    ],
)
def test_verb_agreement(verb, expected):
    from mediaframe.actors.speakers import agreement
    from mediaframe.text import words

    (token,) = words(verb)
    assert agreement(token) == expected


def test_a_family_name_after_an_actors_speaker_is_that_actor(analyse):
    quotes = analyse(
        "وقال وزير الدفاع الأمريكي آشتون كارتر إن الاتفاق جيد.",
        "وأضاف كارتر أن الخيار العسكري قائم.",
        "وقال غليزر إن التنظيم يبيع النفط.",  # never introduced as an actor's official
    )["quotes"]
    assert quotes.select("speaker_category", "speaker", "speaker_text").rows() == [
        ("actor", "united_states", "وزير الدفاع الأمريكي آشتون كارتر"),
        ("actor", "united_states", "كارتر"),
        ("named", None, "غليزر"),
    ]
    (alone,) = analyse("وأضاف كارتر أن الخيار العسكري قائم.")["quotes"].iter_rows(named=True)
    assert (alone["speaker_category"], alone["speaker"]) == ("named", None)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # an addressee in parentheses after the verb
        (
            "وأكدت لـ(عكاظ) مصادر مطلعة أن المدربات غير مؤهلات",
            ("anonymous", None, "مصادر مطلعة"),
        ),
        # "to me" is no speaker
        ("وقال لي بانه سوف يستفيد من التجربة", UNRESOLVED),
        # a present-tense verb inside a sentence: its subject came before it
        ("يود المركز الإعلامي بالنادي أن يوضح لجمهور النادي ما يلي: شكرا", UNRESOLVED),
        (
            "وهي السياسة التي يتبعها الأمير في تعامله مع الإرهاب بعمليات استباقية تؤكد "
            "بطريقة علمية أن العقل يتحرك",
            UNRESOLVED,
        ),
        ("فسامي في اللقاء تارة يقول رجالات الهلال يعرفون مصلحة الكيان وأنهم يدعمونه", UNRESOLVED),
        ("من جانبه يؤكد المدير العام أن المشروع مكتمل", ("named", None, "المدير العام")),
        # unnamed people: many, one of them, another one
        ("ويقول كثير من المواطنين إن العلاج مكلف", ("anonymous", None, "كثير")),
        ('وقال أحدهم بعد التجربة "كاد قلبي أن يتوقف"', ("anonymous", None, "أحدهم")),
        ('من جانبها تقول مشاركة أخرى: "استفدنا من المهرجان"', ("anonymous", None, None)),
    ],
)
def test_speakers_after_the_blind_samples_errors(analyse, sentence, expected):
    assert_speaker(analyse, sentence, expected)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a verb of assertion opening the sentence reports what its object says
        (
            "وأكد الحمزي في بداية الاجتماع التزام المديرية بمراجعة إجراءاتها",
            ("named", None, "الحمزي"),
        ),
        (
            "وأعلنت القوات المسلحة المصرية مساء أمس نجاح عناصر الجيش في صد الهجوم",
            ("named", None, "القوات المسلحة المصرية"),
        ),
        # ... but not with a common noun in the subject's place
        ("وأعلنت حالة الطوارئ في المدينة بعد الهجوم", UNRESOLVED),
        # a time between the verb and its subject
        (
            "قالت أمس الأربعاء وزارة الداخلية التونسية : إن قوات الأمن فككت خلية",
            ("named", None, "وزارة الداخلية التونسية"),
        ),
        # the complement after a phrase of circumstance, or after the subject's quoted name
        (
            "وأكد مدير المكتب مروان خاشقجي، في كلمة له في مستهل البرنامج، على مضامين الضوابط",
            ("named", None, "مدير المكتب مروان خاشقجي"),
        ),
        (
            "وأعلنت الشركة السعودية للصناعات الأساسية «سابك» عن توزيع أرباح نقدية",
            ("named", None, "الشركة السعودية للصناعات الأساسية"),
        ),
        # a title goes on through على after a supervising office and through و inside an
        # institution's name, to the name before the comma; a new conjunct stops it
        (
            "وأوضح المشرف على برنامج إحالتي بوزارة الصحة سليمان بن أحمد الشريع، أن البرنامج رصد"
            " الحالات",
            ("named", None, "المشرف على برنامج إحالتي بوزارة الصحة سليمان بن أحمد الشريع"),
        ),
        (
            "وأوضح مدير عام فرع الهيئة العامة للسياحة والتراث الوطني وليد الحسين أن الحرفيين"
            " يشاركون",
            ("named", None, "مدير عام فرع الهيئة العامة للسياحة والتراث الوطني وليد الحسين"),
        ),
        ("وقال الوزير والرئيس إن الاتفاق جيد", ("named", None, "الوزير")),
        # an unnamed group: a plural and its adjective of origin or trade
        ("وقال متحدثون عسكريون إن الهجوم فشل", ("anonymous", None, "متحدثون عسكريون")),
        ("وقال وانغ للصحافيين إن المحادثات جيدة", ("named", None, None)),
        # «إذ» (since, as) names no one
        ("إذ قال: لذة العالم بعلمه", UNRESOLVED),
        # a pronoun on a particle, a word addressed to the reader, an event as the object
        ("لكنه قال إن مقاومة الإرهاب لن تنتهي بالمصادقة على القانون", UNRESOLVED),
        ("تستطيع أن تختار المكان حسب ميولك، كما ذكرت المكاتب السياحية", UNRESOLVED),
        ("وأكد حدوث التفجير في الركعة الأخيرة، مبينا أن النار أحرقت المصاحف", UNRESOLVED),
    ],
)
def test_speakers_of_assertions_and_of_subjects_set_off(analyse, sentence, expected):
    assert_speaker(analyse, sentence, expected)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # an office goes on through في into the body it serves, to the name after it
        (
            "وقال مدير العلاقات العامة والإعلام في الوزارة شامخ الرشيدي في تصريح صحافي إن الخبر"
            " عار من الصحة",
            ("named", None, "مدير العلاقات العامة والإعلام في الوزارة شامخ الرشيدي"),
        ),
        (
            "وقال نائب رئيس المجلس التنفيذي في حزب الله نبيل قاووق، إن المعركة مستمرة",
            ("actor", "hezbollah", "نائب رئيس المجلس التنفيذي في حزب الله نبيل قاووق"),
        ),
        # ... but not into the occasion (في بيان، في مؤتمر صحفي)
        ("وقال الوزير في مؤتمر صحفي إن الاتفاق جيد", ("named", None, "الوزير")),
        # a phrase cut off by its length does not end on في
        (
            "وأوضح المهندس عمر بن عبدالعزيز المبارك مدير عام الادارة العامة للتراخيص المكلف في"
            " الهيئة أن الغرض هو التأكد",
            (
                "named",
                None,
                "المهندس عمر بن عبدالعزيز المبارك مدير عام الادارة العامة للتراخيص المكلف",
            ),
        ),
        # a title before a slash goes on to the name
        (
            "وقال السيد/ يوسف مبيضين مدير المجمع إن سعادتنا لا توصف",
            ("named", None, "السيد/ يوسف مبيضين مدير المجمع"),
        ),
        # one unnamed person: an indefinite role and an adjective of origin
        (
            "قالت قاضية أمريكية في مانهاتن أمس إن المطالب قد تنجح يوما ما",
            ("anonymous", None, "قاضية أمريكية"),
        ),
        ("وقال طبيب سوري إن المستشفى قصف", ("anonymous", None, "طبيب سوري")),
        # two of a role, an unnamed body with its adjective of origin; a quoted name is a name
        ("قال مندوبان في منظمة أوبك إن المنظمة لا تنوي عقد اجتماع", ("anonymous", None, None)),
        ("ونقلت الصحيفة عن صحف بريطانية أنه تم الكشف عن الجهاز", ("anonymous", None, None)),
        ('بحسب ما نقلته صحيفة "نيكي" عن مصادر مطلعة.', ("named", None, None)),
        # the name set off by commas after an office is the speaker's; a description is not
        (
            "وأوضحت مدير تطوير قطاع الأفراد والعائلات لدى بوبا، ولاء نحاس، أن البرنامج صمم",
            ("named", None, "مدير تطوير قطاع الأفراد والعائلات لدى بوبا، ولاء نحاس"),
        ),
        (
            "وقال وزير الخارجية الروسي، سيرغي لافروف، إن الاتفاق جيد",
            ("actor", "russia", "وزير الخارجية الروسي، سيرغي لافروف"),
        ),
        (
            "وأكدت الهيئة، المشرفة على الممر البحري، أن الحركة طبيعية",
            ("named", None, "الهيئة"),
        ),
        ("وقال المدير، في كلمة له، إن الاتفاق جيد", ("named", None, "المدير")),
        # لدى goes on to the body, not to an occasion nor to the host country
        (
            "وقال سفير المملكة لدى الأمم المتحدة عبدالله المعلمي إن القرار مهم",
            ("named", None, "سفير المملكة لدى الأمم المتحدة عبدالله المعلمي"),
        ),
        ("وقال المتحدث لدى وصوله إن الزيارة مهمة", ("named", None, "المتحدث")),
        ("وقال سفير المملكة لدى إيران إن العلاقات مقطوعة", ("named", None, "سفير المملكة")),
        # the second letter of أ.د, and a relative of someone unnamed
        ("وقال أ.د صالح سندي في تغريدته : يقتل نفسه", ("named", None, "أ.د صالح سندي")),
        ("وقال الوالد: عندما استيقظنا لم نجدهما", ("anonymous", None, "الوالد")),
        ("وكشف شقيق الضحية عن حاجة والدته للعلاج", ("anonymous", None, "شقيق الضحية")),
        ("وأكد نجل الرئيس أن الحزب سيشارك", ("named", None, "نجل الرئيس")),
        ("وقالت وام إن الوزير وصل", ("named", None, "وام")),
        # where someone spoke is not their office, nor a topic their name; a name ending in
        # ي is no adjective of origin; ابن before a definite word is often a name
        (
            "وقال الرئيس الأذربيجاني إلهام علييف في البرلمان التركي إن العلاقات جيدة",
            ("named", None, "الرئيس الأذربيجاني إلهام علييف"),
        ),
        ("وقال وزير الخارجية، بشأن الهجوم التركي، إن الوضع خطير", ("named", None, "وزير الخارجية")),
        ("وقال مستشار خامنئي إن الاتفاق سيئ", ("actor", "iran", "مستشار خامنئي")),
        ("وقال محامي مرسي إن الحكم باطل", ("named", None, "محامي مرسي")),
        ("قال ابن القيم: العلم نور", ("named", None, "ابن القيم")),
        # لدى before a feminine body; an occasion after لدى is cut off
        (
            "وقال مدير التسويق لدى شركة أرامكو إن الأسعار ترتفع",
            ("named", None, "مدير التسويق لدى شركة أرامكو"),
        ),
        ("وقال وزير الصحة لدى إطلاق الحملة إن التطعيم مهم", ("named", None, "وزير الصحة")),
        ("وقال أ. د صالح سندي إن القرار مهم", ("named", None, "أ. د صالح سندي")),
        # a survey speaks for no one named
        ("وأشار المسح إلى أن معروض الإمدادات ارتفع", UNRESOLVED),
        # «the former», «the latter» point back to someone: not a name
        ("وأكد الأول أنهم واصلوا عادتهم السنوية", UNRESOLVED),
    ],
)
def test_speakers_in_bodies_unnamed_people_and_back_references(analyse, sentence, expected):
    assert_speaker(analyse, sentence, expected)


def test_a_survey_takes_no_speaker_from_the_sentence_before(analyse):
    quotes = analyse(
        "وقال وزير الخارجية التركي إن الاتفاق جيد.",
        "وأشار الاستطلاع إلى أن الأغلبية تؤيد الحكومة.",
    )["quotes"]
    assert quotes["speaker_category"].to_list() == ["actor", "unresolved"]


def test_a_back_reference_carries_no_speaker_over(analyse):
    quotes = analyse(
        "وأكد الأخير أن الصفقة تمت.",
        "وأضاف: «سنستمر في التعاقد مع اللاعبين».",
    )["quotes"]
    assert quotes["speaker_category"].to_list() == ["unresolved", "unresolved"]


def test_a_demonstrative_is_no_name_and_an_unnamed_plural_is_anonymous(analyse):
    quotes = analyse(
        "وقال هؤلاء إن عملهم تحول إلى النهج الثوري.",
        "وقال مصرفيون إن البنوك رفعت الفائدة.",
    )["quotes"]
    assert quotes["speaker_category"].to_list() == ["unresolved", "anonymous"]


def test_a_body_named_again_by_its_noun_is_the_previous_speakers_body(analyse):
    quotes = analyse(
        "وأفادت وكالة أنباء الصين الجديدة شينخوا أن خمسة عمال لا يزالون عالقين.",
        "وأوضحت الوكالة أن المياه غمرت أجزاء من المنجم.",
        "وقال الموقع إن المباراة تأجلت.",  # no site was named before: the site itself
    )["quotes"]
    assert quotes.select("speaker_text", "speaker_from").rows()[1:] == [
        ("وكالة أنباء الصين الجديدة شينخوا", "carried over"),
        ("الموقع", "after the verb"),
    ]
    # a definite name given in full, then its noun alone
    again = analyse(
        "وقالت الشركة السعودية للكهرباء إن الانقطاع انتهى.",
        "وأوضحت الشركة أن الفرق تعمل في المنطقة.",
    )["quotes"]
    assert again.select("speaker_text", "speaker_from").rows()[1] == (
        "الشركة السعودية للكهرباء",
        "carried over",
    )


def test_a_pronoun_on_a_particle_takes_the_previous_speaker(analyse):
    quotes = analyse(
        "وقال رئيس المجلس محمد الناصر إن التصويت انجاز عظيم.",
        "لكنه قال إن مقاومة الإرهاب لن تنتهي بالمصادقة على القانون.",
    )["quotes"]
    assert quotes.select("speaker_text", "speaker_from").rows()[-1] == (
        "رئيس المجلس محمد الناصر",
        "carried over",
    )


def test_a_quotations_first_word_is_no_time_before_the_subject(analyse):
    quotes = analyse(
        "وقال مميش في مؤتمر صحفي إن التشغيل التجريبي كان ناجحا.",
        'وأضاف "اليوم تم المرور من الاتجاهين في القناة".',
    )["quotes"]
    assert quotes.select("speaker_category", "speaker_text", "speaker_from").rows()[1] == (
        "named",
        "مميش",
        "carried over",
    )


def test_suggestions_skip_honorifics_and_title_complements_and_keep_organisations(analyse):
    out = analyse(
        "وقال وزير الشؤون البلدية والقروية المهندس عبداللطيف آل الشيخ إن المشروع اكتمل",
        "وبعث ولي العهد نائب رئيس مجلس الوزراء وزير الداخلية.",
        "وأكد رئيس حزب القوات اللبنانية سمير جعجع أن",
        "والتقى الرئيس العام لرعاية الشباب الأمير عبدالله بن مساعد",
        "استقبل وزير الخارجية معالي الدكتور نزار مدني، الوفد",
    )
    names = set(out["suggestions"]["candidate"])
    assert names == {
        "حزب القوات اللبنانية",
        "عبدالله بن مساعد",
        "عبداللطيف آل الشيخ",
        "مجلس الوزراء",  # the name stops at the next title (وزير)
        "نزار مدني",
    }
    assert set(out["suggestions"]["cue"]) == {"وزير", "رئيس", "الرئيس"}  # cues as configured


def test_suggestions_leave_out_pronouns_verbs_formulae_and_fragments(analyse):
    out = analyse(
        "وأضاف سموه أن المملكة ماضية في دعم الشباب",
        "قال تعالى في كتابه الكريم",
        "وقال وقذفه بالبيض الفاسد أمام الناس",
        "وأوضح قائلا إن العمل مستمر",
        "وقال رئيس اللجنة الوطنية لحقوق الإنسان إن",
        "قال يجب أن نعمل معا",
        *[f"دافع عن الحقوق مرة {i}" for i in range(5)],  # حقوق takes the article: a noun
    )
    assert out["suggestions"].is_empty()


def test_common_nouns_in_the_speakers_place_are_told_from_names_by_the_article(analyse):
    common = [f"نشرت الصحيفة تقريرا رقم {i}" for i in range(4)]
    names = [f"زار تسيبراس المنطقة مرة {i}" for i in range(4)]
    out = analyse(
        *common,
        *names,
        "وقالت صحيفة محلية إن الأسعار ارتفعت",  # صحيفة takes the article: a common noun
        "وقال تسيبراس إن المحادثات مستمرة",  # تسيبراس never does: a name
        "وقالت مصادر إن الاجتماع انتهى",  # too rare here to judge: kept
    )
    assert sorted(out["suggestions"]["candidate"]) == ["تسيبراس", "مصادر"]


def test_article_use_counts_how_the_corpus_writes_a_word():
    from mediaframe.actors.suggestions import ArticleUse, has_pronoun_suffix

    use = ArticleUse.from_words(
        ["الصحيفه", "صحيفه", "وصحيفه", "للصحيفه", "صحيفه", "اوباما", "لم", "يعلن"] + ["يعلن"] * 4
    )
    assert use.share("صحيفه") == 0.4 and use.share("اوباما") is None  # seen once: no judgement
    assert use.verb_share("يعلن") == 0.2
    assert has_pronoun_suffix("سموه") and has_pronoun_suffix("وقذفه")
    assert not has_pronoun_suffix("عبدالله") and not has_pronoun_suffix("صحيفة")
