"""Alias context rules: each rule kind, the default registry's rules, the messages for a
bad rule, and the actors report's alias audit."""

import polars as pl
import pytest
import yaml

from conftest import ROOT
from mediaframe.actors.matching import match_sentences, matcher_from_config
from mediaframe.errors import MediaframeError
from mediaframe.report.aliases import alias_audit, alias_contexts, off_profile, rejected_contexts

HEADS = {
    "ar": {"window": 3, "allowed": ["قوات", "وزير", "خارجية"], "excluded": ["دولار", "جامعة"]},
    "en": {"window": 2, "allowed": ["forces"], "excluded": ["dollar"]},
}


def matcher(*aliases, **section):
    return matcher_from_config(
        {"registry": [{"id": "x", "aliases": {"ar": list(aliases)}}], **section}
    )


def found(m, sentence):
    matches, rejected = m.find_all(sentence)
    return [x.matched for x in matches], [x.rule for x in rejected]


@pytest.mark.parametrize(
    ("rule", "sentence", "expected"),
    [
        ({"not_after": ["ضاحية"]}, "قصفت الطائرات ضاحية الأسد", ([], ["not_after"])),
        ({"not_after": ["ضاحية"]}, "قال الأسد إن", (["الأسد"], [])),
        ({"not_after": ["ضاحية"]}, "في «ضاحية» «الأسد»", ([], ["not_after"])),
        ({"not_before": ["الإفريقي"]}, "الأسد الإفريقي مهدد", ([], ["not_before"])),
        ({"not_before": ["الإفريقي"]}, "الأسد يخطب", (["الأسد"], [])),
        ({"requires": ["سوريا"]}, "الأسد في سوريا", (["الأسد"], [])),
        ({"requires": ["سوريا"]}, "الأسد في الغابة", ([], ["requires"])),
        ({"requires": ["سوريا"]}, "وسوريا والأسد", (["والأسد"], [])),
        ({"excludes": ["الغابة"]}, "الأسد في الغابة", ([], ["excludes"])),
        ({"excludes": ["الغابة"]}, "الأسد في دمشق", (["الأسد"], [])),
        ({"not_written": ["كالأسد"]}, "وقف كالأسد", ([], ["not_written"])),
        ({"not_written": ["كالأسد"]}, "وقف للأسد", (["للأسد"], [])),
    ],
)
def test_each_word_rule_rejects_only_its_context(rule, sentence, expected):
    assert found(matcher({"alias": "الأسد", **rule}), sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a governing word before a list governs every name of it
        ("مخيمات اللاجئين في الأردن ولبنان وتركيا", ([], ["not_after"])),
        ("في الأردن، لبنان، تركيا", ([], ["not_after"])),
        ("في الولايات المتحدة وتركيا", ([], ["not_after"])),
        ("في أوروبا أو تركيا", ([], ["not_after"])),
        ("في كل من بلغاريا وتركيا", ([], ["not_after"])),
        ("في كل من تركيا وبلغاريا", ([], ["not_after"])),
        # ... but not a list that does not start after it, nor a new clause
        ("وقال إن الأردن وتركيا اتفقتا", (["وتركيا"], [])),
        ("نشرت القوات في الأردن، وتركيا ترفض", (["وتركيا"], [])),
        ("في حين أن الأردن وتركيا اتفقتا", (["وتركيا"], [])),
        ("في اتفاق واشنطن وتركيا على خطة", (["وتركيا"], [])),  # واشنطن: no و + اشنطن
        # a governing word matches without a pronoun ending or an ال it lacks
        ("المرة التي تعلن فيها تركيا نيتها", (["تركيا"], [])),
        ("تغير الموقف الغربي تركيا", (["تركيا"], [])),
        ("قصفت الطائرات بريف تركيا", ([], ["not_after"])),
    ],
)
def test_not_after_governs_lists_and_only_as_written(sentence, expected):
    m = matcher(
        {"alias": "تركيا", "not_after": ["في", "غربي", "ريف"]},
        "واشنطن",
    )
    matches, rejected = m.find_all(sentence)
    turkey = [x.matched for x in matches if x.alias == "تركيا"]
    assert (turkey, [x.rule for x in rejected]) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("ويزور فابيوس تركيا قريبا", ([], ["not_object_of"])),
        ("ويزور وزير الخارجية، جون كيري، تركيا", ([], ["not_object_of"])),
        ("يزور وزير الخارجية السعودي عادل الجبير تركيا اليوم", ([], ["not_object_of"])),
        ("زيارته لتركيا", ([], ["not_object_of"])),
        ("زار الصين وتركيا والأردن", ([], ["not_object_of"])),
        ("نقل زوجته وابنه من تركيا إلى الريف", ([], ["not_object_of"])),
        # the alias as a head noun's genitive, after a function word, or too far
        ("زار وزير خارجية تركيا موسكو", (["تركيا"], [])),
        ("يزور وفد من تركيا بغداد", (["تركيا"], [])),
        ("وقالت وزارة تركيا", (["تركيا"], [])),  # وزارة is no زار + ه
        ("طلب من تركيا الكف عن ذلك", (["تركيا"], [])),
        ("شحنات متفجرات وشبكات تتلقى أوامرها من تركيا", (["تركيا"], [])),
        ("وأعلنت تركيا أنها زارت", (["تركيا"], [])),
    ],
)
def test_not_object_of_finds_the_place_visited_or_left(sentence, expected):
    m = matcher_from_config(
        {
            "adjective_heads": HEADS,
            "registry": [
                {
                    "id": "x",
                    "aliases": {
                        "ar": [
                            {
                                "alias": "تركيا",
                                "not_object_of": ["زار", "يزور", "زيارته", "نقل من", "شحنات من"],
                            }
                        ]
                    },
                }
            ],
        }
    )
    assert found(m, sentence) == expected


def two_articles(first: str, second: str, texts: list[str]) -> pl.DataFrame:
    """A sentences table: two sentences of article ``first``, one of ``second``."""
    return pl.DataFrame(
        {
            "doc_id": [first, first, second],
            "outlet": ["o"] * 3,
            "published": [None] * 3,
            "kind": ["body"] * 3,
            "comment": [None] * 3,
            "sentence": [0, 1, 0],
            "start": [0, 30, 0],
            "end": [30, 60, 20],
            "text": texts,
        },
        schema_overrides={"published": pl.Date, "comment": pl.Int64},
    )


def test_excludes_in_text_reads_the_whole_article():
    m = matcher({"alias": "الأسد", "excludes_in_text": ["زيمبابوي"]})
    sentences = two_articles(
        "lion", "syria", ["قتل صياد أسدا في زيمبابوي", "وكان الأسد مشهورا", "وكان الأسد يخطب"]
    )
    mentions, rejected = match_sentences(sentences, m)
    assert mentions["doc_id"].to_list() == ["syria"]
    assert rejected.select("doc_id", "rule").rows() == [("lion", "excludes_in_text")]
    assert "زيمبابوي" in rejected["reason"][0]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("عين اليوم – واشنطن", ([], ["not_dateline"])),
        ("11 - نيويورك - واشنطن.", ([], ["not_dateline"])),
        ("عين اليوم – واشنطن تعلن موقفها", (["واشنطن"], [])),
        ("واشنطن - «الشرق الأوسط»: تكشف الوثائق", ([], ["not_dateline"])),
        ("واشنطن: لن نتدخل", (["واشنطن"], [])),  # a headline: Washington says
        ("قالت واشنطن – في بيان", (["واشنطن"], [])),
        ("واشنطن", (["واشنطن"], [])),
    ],
)
def test_not_dateline_rejects_the_place_a_story_was_filed(sentence, expected):
    assert found(matcher({"alias": "واشنطن", "not_dateline": True}), sentence) == expected


def test_requires_in_text_reads_the_whole_article():
    m = matcher({"alias": "الأسد", "requires_in_text": ["سوريا", "دمشق"]})
    sentences = two_articles(
        "poem", "syria", ["قال الشاعر في قصيدته", "ظبي جاب الأسد", "وقال الأسد في دمشق"]
    )
    mentions, rejected = match_sentences(sentences, m)
    assert mentions["doc_id"].to_list() == ["syria"]
    assert rejected.select("doc_id", "rule").rows() == [("poem", "requires_in_text")]


NEAR = {"excludes_near": ["صادرات", "صادراتها", "برميل", "سوق"], "unless_near": ["عقوبات"]}


@pytest.mark.parametrize(
    ("alias", "sentence", "expected"),
    [
        # a country beside its own exports or barrels is an economy
        ("إيران", "وتسعى إيران إلى زيادة صادراتها من النفط", ([], ["excludes_near"])),
        ("إيران", "وضخت إيران 2.85 مليون برميل يوميا", ([], ["excludes_near"])),
        ("إيران", "وقد تصل صادرات الخام من إيران إلى مليون", ([], ["excludes_near"])),
        # ... unless the clause speaks of statecraft, or the word is far or in another clause
        ("إيران", "رفع العقوبات عن إيران سيزيد صادراتها", (["إيران"], [])),
        (
            "إيران",
            "وقالت إيران إن المحادثات مع الدول الكبرى مستمرة وإن السوق تنتظر",
            (["إيران"], []),
        ),
        ("إيران", "وهددت إيران الدول المجاورة، وارتفعت صادرات النفط", (["إيران"], [])),
        ("Iran", "Iran raised its exports by a third", ([], ["excludes_near"])),
        ("Iran", "Iran's exports fell under the sanctions", (["Iran's"], [])),
        ("Iran", "Iran said on Monday that the market was calm", (["Iran"], [])),
    ],
)
def test_excludes_near_reads_the_clause_around_the_alias(alias, sentence, expected):
    rules = {
        "excludes_near": [*NEAR["excludes_near"], "exports", "market"],
        "unless_near": [*NEAR["unless_near"], "sanctions"],
    }
    language = "en" if alias.isascii() else "ar"
    m = matcher_from_config(
        {"registry": [{"id": "x", "aliases": {language: [{"alias": alias, **rules}]}}]}
    )
    assert found(m, sentence) == expected


PEOPLE = {
    **HEADS["ar"],
    "people": ["مسؤول", "قادة", "جنود"],
    "allowed": [*HEADS["ar"]["allowed"], "تصريحات", "جيش"],
}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a plural of people counts after the state's people, or as the actor after its acts
        ("وقال المسؤولون الأمريكيون إن", (["الأمريكيون"], [])),
        ("وقتل ثلاثة من الجنود الأتراك", (["الأتراك"], [])),
        ("التقى المسؤولين الأتراك والإيرانيين", (["الأتراك", "والإيرانيين"], [])),
        ("قتل عناصر من الجيش والشرطة التركيين", (["التركيين"], [])),
        ("ورفض تصريحات الإيرانيين", (["الإيرانيين"], [])),
        # ... not after other people, nor with nothing before it
        ("وانتقده القادة اليهود الأمريكيون", ([], ["adjective"])),
        ("لحماية المدنيين السوريين", ([], ["adjective"])),
        ("لحماية القبارصة الأتراك", ([], ["adjective"])),
        ("الكونجرس والأمريكيين يعتقدون", ([], ["adjective"])),
        # an adjective after a preposition is a noun (a language, a people)
        ("موقع ناطق بالتركية", ([], ["adjective"])),
        ("مساعدات للسوريين", ([], ["adjective"])),
        ("وقصفت قوات الجيش التركية", (["التركية"], [])),
    ],
)
def test_plurals_of_people_count_only_for_the_states_people(sentence, expected):
    m = matcher_from_config(
        {
            "adjective_heads": {"ar": PEOPLE},
            "registry": [
                {
                    "id": nisba,
                    "aliases": {"ar": [{"alias": nisba, "adjective": True}]},
                }
                for nisba in ("الأمريكي", "التركي", "أتراك", "الإيراني", "السوري")
            ],
        }
    )
    assert found(m, sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("وقالت القوات الأمريكية", (["الأمريكية"], [])),
        ("وزير الخارجية الأمريكي جون كيري", (["الأمريكي"], [])),
        ("ارتفع الدولار الأمريكي", ([], ["adjective"])),
        ("رئيس الجامعة الأمريكية", ([], ["adjective"])),  # an excluded noun in the phrase
        ("التقى المتحدث الأمريكي", ([], ["adjective"])),  # no head noun
        ("بدعم القوات من أشقائه الأمريكيين", ([], ["adjective"])),  # phrase ends at من
        ("American forces left", (["American"], [])),
        ("the American dollar rose", ([], ["adjective"])),
    ],
)
def test_adjectives_of_origin_count_after_a_head_noun_only(sentence, expected):
    m = matcher_from_config(
        {
            "adjective_heads": HEADS,
            "registry": [
                {
                    "id": "us",
                    "aliases": {
                        "ar": [{"alias": "الأمريكي", "adjective": True}],
                        "en": [{"alias": "American", "adjective": True}],
                    },
                }
            ],
        }
    )
    assert found(m, sentence) == expected


def test_family_names_full_names_win_and_other_first_names_reject():
    m = matcher_from_config(
        {
            "family_names": [{"name": "الأسد", "others": ["حافظ", "رفعت"]}],
            "registry": [
                {
                    "id": "syria",
                    "members": [{"name": "بشار الأسد", "aliases": {"ar": ["بشار الأسد", "الأسد"]}}],
                    "aliases": {"ar": ["النظام السوري"]},
                },
                {
                    "id": "exile",
                    "members": [{"name": "رفعت الأسد", "aliases": {"ar": ["رفعت الأسد"]}}],
                    "aliases": {},
                },
            ],
        }
    )
    assert [(x.actor, x.alias) for x in m.find("قال بشار الأسد")] == [("syria", "بشار الأسد")]
    assert [(x.actor, x.alias) for x in m.find("عاد رفعت الأسد")] == [("exile", "رفعت الأسد")]
    matches, rejected = m.find_all("توفي حافظ الأسد عام 2000")
    assert matches == [] and [(r.rule, r.matched) for r in rejected] == [("family_name", "الأسد")]
    assert "حافظ الأسد" in rejected[0].reason
    assert [(x.actor, x.member) for x in m.find("وقال الأسد إن")] == [("syria", "بشار الأسد")]


def test_one_alias_for_two_actors_goes_to_the_one_whose_rules_accept_it():
    lists = {"yemen": ["اليمن", "الحوثي"], "isis": ["داعش", "سوريا"]}
    m = matcher_from_config(
        {
            "word_lists": lists,
            "registry": [
                {
                    "id": "intl",
                    "aliases": {
                        "ar": [{"alias": "التحالف", "requires": ["@isis"], "excludes": ["@yemen"]}]
                    },
                },
                {
                    "id": "saudi",
                    "aliases": {
                        "ar": [{"alias": "التحالف", "requires": ["@yemen"], "excludes": ["@isis"]}]
                    },
                },
            ],
        }
    )
    assert [x.actor for x in m.find("قصفت طائرات التحالف مواقع الحوثيين")] == ["saudi"]
    assert [x.actor for x in m.find("طائرات التحالف ضربت داعش في سوريا")] == ["intl"]
    matches, rejected = m.find_all("التحالف الوطني العراقي")
    assert matches == [] and rejected[0].rule == "requires"
    assert "intl: requires" in rejected[0].reason and "saudi: requires" in rejected[0].reason


@pytest.fixture(scope="module")
def default():
    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    return matcher_from_config(config["actors"])


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("وقال الأسد إن الحل العسكري مستمر", [("syrian_government", "الأسد")]),
        ("قصفت قوات نظام بشار الأسد مدينة حلب", [("syrian_government", "بشار الأسد")]),
        ("في عهد حافظ الأسد", []),
        ("أكد فيها الأسد الأب وبعده الابن تمسكه بعلاقته مع حلفائه في سوريا", []),
        ("وفاز الفيلم بجائزة الأسد الذهبي في مهرجان فينيسيا عن سوريا", []),
        ("الهر الذي يحكي انتفاخا صولة الأسد في سوريا", []),
        ("وعندما آل الحكم لابنه ريتشارد قلب الأسد ساءت الأوضاع في سوريا", []),
        ("وصلت القوات إلى ضاحية الأسد", []),
        ("لفررت من الموقع فراري من الأسد في سوريا", []),
        ("وأغارت طائرات التحالف على مواقع الحوثيين في صنعاء", [("saudi_coalition", "التحالف")]),
        ("وقصف التحالف مواقع داعش في الرقة", [("coalition", "التحالف"), ("isis", "داعش")]),
        ("ارتفع سعر الدولار الأمريكي", []),
        ("وتراجعت الليرة التركية", []),
        ("يدرس في الجامعة الأمريكية ببيروت", []),
        ("وقصفت الطائرات التركية مواقع للحزب", [("turkey", "التركي")]),
        ("وقالت الخارجية الأمريكية في بيان", [("united_states", "الأمريكي")]),
        ("وقع الانفجار جنوب شرق تركيا", []),
        ("وطالبت تركيا بمنطقة آمنة", [("turkey", "تركيا")]),
        ("وقال حزب الله في بيان", [("hezbollah", "حزب الله")]),
        # country names as places, economies, teams, parts of other names
        ("مخيمات اللاجئين في الأردن ولبنان وتركيا", []),
        ("ومن المقرر أن يزور فابيوس إيران قريبا", []),
        ("وزار وزير خارجية إيران تركيا", [("iran", "إيران")]),
        ("فاز على كلوب أمريكا بهدف", []),
        ("وتراجع ترتيب الولايات المتحدة في المؤشر", []),
        ("جامايكا تجرد الولايات المتحدة من اللقب في البطولة", []),
        ("قصفت الطائرات بلدات ريف دمشق", []),
        ("عاد الفريق من معسكر تركيا", []),
        ("الحكومة ستقطع علاقاتها بإيران", [("iran", "إيران")]),
        ("وقالت تركيا إنها تتعرض لخطر إرهابي", [("turkey", "تركيا")]),
        ("وحضرت ميشيل أوباما الحفل", []),
        ("وقال أوباما إن", [("united_states", "أوباما")]),
        ("التحالف الشيعي الكردي في العراق", []),
        ("عين اليوم – واشنطن", []),
        ("وكانت تركيا مقصدا لعدد كبير من الأندية", []),
        ("تقلل من تأثيرات عودة إيران لسوق النفط", []),
        ("وبحلول ظهر الخميس بتوقيت موسكو", []),
        ("في العاصمة الروسية موسكو", []),
        ("عروض في ساحات دمشقية", []),
        ("وكان التحالف الدولي بأفغانستان قد أعلن", []),
        (
            "وأكدت قوات التحالف التي تقودها الولايات المتحدة أن ثمانية متعاقدين أفغان قتلوا",
            [("united_states", "الولايات المتحدة")],
        ),
        # a definite adjective right after an indefinite noun is a noun of its own
        ("مشروع بإدارة السورية نغم ناعسة", []),
        ("وقالت الإدارة السورية", [("syrian_government", "السوري")]),
        ("تصريحات مسؤولي الإيرانيين", [("iran", "الإيراني")]),
        ("وجمدوا ممتلكات بنك إيران المركزي", [("iran", "إيران")]),
        ("وعلي السليماني ومحمد البدر", []),
        ("وكانت آخر زيارة قام بها لموسكو في 2010", []),
        ("منذ نشأة الدولة الإسلامية في المدينة", []),
        ("حاولت القفز إلى داخل البيت الأبيض", []),
        ("وقال مسؤول في البيت الأبيض إن", [("united_states", "البيت الأبيض")]),
        ("وأعلن البيت الأبيض أن", [("united_states", "البيت الأبيض")]),
        ("نشر معهد واشنطن لسياسة الشرق الأدنى مقالا", []),
        ("بمشاركة أطباء من الولايات المتحدة والصين", []),
        ("وأقيمت احتفالات في شوارع طهران", []),
        ("العرب سيواصلون التدفق على تركيا في القطاع السياحي", []),
        ("وأعلن الائتلاف الوطني السوري رفضه", [("syrian_opposition", "الائتلاف الوطني السوري")]),
        # a country as an economy, a market or a route; people of a country
        ("وتعتزم روسيا زيادة صادراتها النفطية", []),
        ("وضخت إيران نحو 2.8 مليون برميل يوميا", []),
        (
            "وفرضت واشنطن عقوبات على طهران أضرت بصادراتها",
            [("united_states", "واشنطن"), ("iran", "طهران")],
        ),
        ("ارتفع مؤشر بورصة طهران", []),
        ("وتبقى الولايات المتحدة أكبر اقتصاد في العالم", []),
        ("أسهم أمريكا تفتح مرتفعة", []),
        ("سافر إلى سوريا عن طريق تركيا", []),
        ("ويقدم الفنان العائد من أمريكا عرضا", []),
        ("وقال المسؤولون الإيرانيون إن", [("iran", "الإيراني")]),
        ("لحماية المدنيين السوريين", []),
        ("وقالت إن مواطني أميركا لا يمكنهم النهوض", []),
        ("وحيا شعب إيران وسكان روسيا", []),
        ("وغضب عدد من القادة اليهود الأميركيين", []),
        ("ويتحدث السكان بالتركية", []),
        # a country's own elections are not its state acting
        ("لخوض سباق الرئاسة الأمريكية للعام 2016", []),
        ("وفقا لاستطلاع حول انتخابات الرئاسة الأمريكية", []),
        ("وقالت الرئاسة الأمريكية في بيان إن", [("united_states", "الأمريكي")]),
        # a border town or strip of a country is geography; a market of its capital
        ("سيطروا على مدينة تل أبيض الحدودية مع تركيا", []),
        ("قرب الشريط الحدودي مع تركيا", []),
        ("تجاوز الروبل 64 لكل دولار في تبادلات موسكو", []),
        ("وأغلقت تركيا حدودها مع سوريا", [("turkey", "تركيا")]),
        # a masculine or plural verb of arrival right before a country: its object
        ("وكان المبعوث الأممي قد وصل دمشق صباح أمس", []),
        ("ملايين من العمال يدخلون روسيا كل عام", []),
        ("ودخلت تركيا الحرب على التنظيم", [("turkey", "تركيا")]),
        ("وصلت روسيا إلى اتفاق مع الغرب", [("russia", "روسيا")]),
        # a club and a movement named after a country; a team's own match
        ("وثلاثة انتصارات حققها على أميركا المكسيكي", []),
        ("وهي ثورة قادتها حركة تركيا الفتاة عام 1908", []),
        ("وخسر الفريق مباراته الودية مع أمريكا", []),
        # bordering is geography; a president's son is not the president
        ("على معظم أنحاء محافظة إدلب التي تتاخم تركيا", []),
        ("في الإقليم الشرقي المتاخم لإيران", []),
        ("حث بو بايدن والده على الترشح", []),
        # the place where events happen, a bombing in it, a launch from it
        ("وشهدت تركيا مؤخرا موجة من العنف", []),
        ("الكساد الكبير الذي شهدته الولايات المتحدة", []),
        ("داعش يستهدف الأكراد في تفجير تركيا", [("isis", "داعش")]),
        ("أول ضربة جوية في سوريا انطلاقا من تركيا", []),
        ("عبر الحدود بين سوريا وتركيا", []),
        # one word and a comma before a country end a clause; three names make a list
        (
            "علاقاتها مع الولايات المتحدة تشهد تذبذباً، روسيا خلقت حلفاً",
            [("united_states", "الولايات المتحدة"), ("russia", "روسيا")],
        ),
        (
            "علاقاتها مع الولايات المتحدة تشهد تذبذباً، روسيا أوقفت الحلف",
            [("united_states", "الولايات المتحدة"), ("russia", "روسيا")],
        ),
        ("وتعيش الجاليات في الأردن، لبنان، تركيا", []),
        ("انتشرت الاحتجاجات في الصين، روسيا وإيران", []),
        ("وتعمل الشركة في الصين، روسيا، إيران", []),
        ("وطالبت حكومة إقليم كردستان تركيا بوقف القصف", [("turkey", "تركيا")]),
        ("وقال شهود من إقليم شرناخ في كردستان تركيا", []),
        ("في فضيحة إيران غيت", []),
        ("عابرة جبال تركيا الوعرة", []),
        ("وثمة أسطورة لعل الدمشقيين هم الذين ابتدعوها", []),
        ("وتشتهر المائدة الدمشقية بأطباقها", []),
        ("وقد يشكك المسؤولون في هجوم تركيا على الحزب", [("turkey", "تركيا")]),
        ("وقال بايدن إن الاتفاق جيد", [("united_states", "بايدن")]),
    ],
)
def test_the_default_registry_rules(default, sentence, expected):
    assert [(m.actor, m.alias) for m in default.find(sentence)] == expected


@pytest.mark.parametrize(
    ("alias", "words"),
    [
        (
            {"alias": "الأسد", "not_befor": ["x"]},
            ["unknown rule 'not_befor'", "did you mean 'not_before'"],
        ),
        (
            {"alias": "الأسد", "requires": ["@syria"]},
            ["'@syria'", "actors.word_lists does not define"],
        ),
        ({"alias": "الأسد", "excludes": "الغابة"}, ["excludes must be a list of words"]),
        ({"alias": "الأسد", "adjective": "yes"}, ["adjective is 'yes'", "true or false"]),
        ({"alias": "واشنطن", "not_dateline": 1}, ["not_dateline is 1", "true or false"]),
        (
            {"alias": "الأسد", "requires_in_txt": ["x"]},
            ["unknown rule 'requires_in_txt'", "did you mean 'requires_in_text'"],
        ),
        (
            {"alias": "الأمريكي", "adjective": True},
            ["adjective_heads has no allowed head nouns for 'ar'"],
        ),
        ({"requires": ["x"]}, ["neither a name nor a mapping with an 'alias' key"]),
    ],
)
def test_a_bad_rule_names_the_file_actor_alias_and_fix(alias, words):
    with pytest.raises(MediaframeError) as error:
        matcher(alias)
    message = str(error.value)
    assert message.startswith("config.yaml: actors") and "actor 'x'" in message
    assert "Fix:" in message
    for word in words:
        assert word in message


def mentions(rows):
    return pl.DataFrame(
        rows, schema=["actor", "alias", "sentence_text", "start", "end"], orient="row"
    )


def test_off_profile_flags_an_alias_that_also_names_something_else():
    syria = "قصف الجيش مدينة حلب وقتل مدنيين في سوريا {}"
    lion = "شاهد الزوار في حديقة الحيوان {} يأكل اللحم"
    rows = [("s", "النظام", syria.format(i), 0, 6) for i in range(60)]
    rows += [("s", "الأسد", syria.format(i), 0, 6) for i in range(30)]
    rows += [("s", "الأسد", lion.format(i), 0, 6) for i in range(30)]
    rows += [("s", "دمشق", syria.format(i), 0, 4) for i in range(40)]
    shares = off_profile(mentions(rows))
    assert shares[("s", "الأسد")][0] >= 0.45
    assert shares[("s", "دمشق")][0] <= 0.2
    assert ("t", "x") not in shares  # an actor with one alias has no profile to compare


def test_audit_counts_rejections_by_rule_and_contexts_are_seeded():
    scored = mentions(
        [("us", "الأمريكي", "قالت القوات الأمريكية", 13, 22)] * 3
        + [("us", "واشنطن", "قالت واشنطن", 5, 11)] * 2
    ).with_columns(pl.lit("d").alias("doc_id"))
    rejected = pl.DataFrame(
        {
            "actor": ["us", "us", "us"],
            "alias": ["الأمريكي"] * 3,
            "rule": ["adjective", "adjective", "not_before"],
            "reason": ["us: adjective (describes 'الدولار', not the actor's agents)"] * 3,
            "sentence_text": ["ارتفع الدولار الأمريكي"] * 3,
            "start": [14] * 3,
            "end": [22] * 3,
        }
    )
    audit = alias_audit(scored, rejected, {"us": "United States"})
    row = audit.filter(pl.col("alias") == "الأمريكي").row(0, named=True)
    assert (row["mentions"], row["rejected"], row["rejected by"]) == (
        3,
        3,
        "adjective 2 · not_before 1",
    )
    assert row["words before"] == "القوات 3"
    first = alias_contexts(scored, {"us": "United States"}, per_alias=2, seed=3)
    assert first.equals(alias_contexts(scored, {"us": "United States"}, per_alias=2, seed=3))
    assert first.height == 4 and all("<mark>" in s for s in first["sentence"])
    shown = rejected_contexts(rejected, {"us": "United States"}, per_rule=1)
    assert shown.select("rule").to_series().to_list() == ["adjective", "not_before"]
