from datetime import date
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from mediaframe.clean.boilerplate import BoilerplateSettings, learn_boilerplate
from mediaframe.clean.keys import line_key, line_key_expr
from mediaframe.clean.language import identify_language, identify_languages
from mediaframe.clean.pages import (
    CleaningRules,
    clean_document,
    clean_documents,
    clean_documents_reference,
    normalised_text,
    normalised_text_expr,
)
from mediaframe.normalize import Folding

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_0ded79b54724b48b.txt"


def documents(rows: list[dict]) -> pl.DataFrame:
    base = {
        "source": "x.txt",
        "record": 1,
        "outlet": "orient",
        "published": None,
        "url": None,
        "language": None,
        "title": None,
        "comments_text": None,
    }
    return pl.DataFrame(
        [base | row for row in rows],
        schema={
            "doc_id": pl.String,
            "source": pl.String,
            "record": pl.Int64,
            "outlet": pl.String,
            "published": pl.Date,
            "url": pl.String,
            "language": pl.String,
            "title": pl.String,
            "text": pl.String,
            "comments_text": pl.String,
        },
    )


def test_seed_page_is_split_into_title_body_and_comments():
    page = clean_document(SEED.read_text(encoding="utf-8"), None, CleaningRules())
    assert page.title == "استثناء واحد.. واشنطن توقف العمليات المشتركة مع قسد ضد داعش في سوريا"
    assert page.body.startswith("أعلن الجيش الأمريكي أنه أوقف الدوريات")
    assert page.body.endswith("معبر باب السلامة الحدودي.")
    assert page.title not in page.body
    for navigation in ("الأكثر قراءة", "أهم المواضيع", "أهم التصنيفات", "التعليقات"):
        assert navigation not in page.body
    assert page.comments_stated == 2
    assert [(c.position, c.author, c.time_text) for c in page.comments] == [
        (1, "الجهل", "منذ سنة 4 أشهر"),
        (2, "Selim", "منذ سنة 4 أشهر"),
    ]
    assert page.comments[1].text == "داعش شماغة مشىروخة لتنفيذ المشروع الصهيوني بتقسيم سوريا"
    reasons = sorted(a.reason for a in page.audit)
    assert reasons == [
        "boilerplate: أهم التصنيفات",
        "boilerplate: أهم المواضيع",
        "boilerplate: الأكثر قراءة",
        "comment counter",
        "comments heading",
        "repeated title",
    ]


def test_english_page_with_comments():
    text = "Kirby: US halts patrols\nKirby: US halts patrols\nThe US military said it halted patrols.\nComments (1)\nJane\n2 hours ago\nGood.\nShare"
    page = clean_document(text, None, CleaningRules())
    assert page.body == "The US military said it halted patrols."
    assert [(c.author, c.time_text, c.text) for c in page.comments] == [
        ("Jane", "2 hours ago", "Good.")
    ]
    assert "boilerplate: share" in [a.reason for a in page.audit]


def test_given_title_is_removed_from_body():
    page = clean_document("عنوان الخبر\nنص الخبر الكامل هنا.", "عنوان الخبر", CleaningRules())
    assert page.body == "نص الخبر الكامل هنا."


def test_share_and_copyright_patterns_are_removed_with_their_reason():
    text = "العنوان\nنص الخبر الكامل هنا بما يكفي.\nشارك على فيسبوك تويتر واتساب\n© 2024 الجزيرة نت. جميع الحقوق محفوظة"
    page = clean_document(text, None, CleaningRules())
    assert page.body == "نص الخبر الكامل هنا بما يكفي."
    assert {a.reason for a in page.audit} == {
        "boilerplate phrase (share)",
        "boilerplate phrase (copyright)",
        "outside the article: page footer",  # the rest of the share row and footer
    }
    assert {a.line for a in page.audit} == {3, 4}


def test_tag_lines_are_removed_and_a_sentence_opening_with_the_same_word_stays():
    text = (
        "وقالت الشرطة إن المظاهرات استمرت في المدينة لليلة الثالثة.\n"
        "سمات أمريكا فيرجسون مظاهرات\n"
        "سمات التميز في شخصيته كثيرة، وهي أكبر من أن تحصى."
    )
    page = clean_document(text, "العنوان", CleaningRules(), inline=False)
    assert "فيرجسون" not in page.body and "سمات التميز" in page.body
    [removed] = page.audit
    assert removed.line == 2 and removed.reason.startswith("boilerplate pattern: ^(?:سمات")
    english = "The police said protests went on for a third night.\nTags: Syria, Russia, Ferguson"
    assert "Ferguson" not in clean_document(english, "Title", CleaningRules(), inline=False).body


def test_a_tag_line_glued_after_the_last_sentence_goes_and_the_sentence_stays():
    text = (
        "قالت الشرطة إن الحادثة أحيلت إلى هيئة التحقيق لاستكمال الإجراءات. سمات آسيوي إيران بريدة\n"
        "ومن أبرز سمات هذه المرحلة أن الحكومة لم تعد قادرة على ضبط الأسعار.\n"
        "وقال الباحث إن الصبر مهم. سمات القائد كثيرة ومنها الصبر والحكمة والقدرة على الإقناع."
    )
    docs = documents([{"doc_id": "a", "title": "العنوان", "text": text}])
    for clean in (clean_documents, clean_documents_reference):
        tables = clean(docs, CleaningRules())
        body = tables["articles"]["text"][0]
        assert "إيران" not in body and "لاستكمال الإجراءات." in body
        assert "سمات هذه المرحلة" in body and "سمات القائد كثيرة" in body
        audit = tables["audit"].select("line", "text", "reason").rows()
        assert audit == [(1, "سمات آسيوي إيران بريدة", "tag line glued after the last sentence")]


def test_language_identification_offline():
    assert identify_language("واشنطن توقف العمليات", "en") == "ar"
    assert identify_language("Washington halts operations against ISIS", "ar") == "en"
    assert identify_language("2022", "ar") == "ar"
    assert identify_language("این گزارش درباره سوریه است", "ar") == "fa"
    texts = pl.Series(["واشنطن توقف العمليات", "Le gouvernement a annoncé hier", "۱۲", None])
    assert identify_languages(texts, "ar").to_list() == ["ar", "fr", "ar", "ar"]


def test_line_key_expression_matches_the_reference():
    lines = [
        "اقرأ أيضاً:",
        "الأكثـــر قراءةً 🔥",
        "Share on Facebook!",
        "جميع الحقوق محفوظة © 2023",
        "إسرائيل",
    ]
    keys = pl.DataFrame({"l": lines}).select(line_key_expr(pl.col("l")))["l"].to_list()
    assert keys == [line_key(line) for line in lines]
    assert keys[0] == "اقرا ايضا" and keys[1] == "الاكثر قراءه"


def test_text_norm_folds_as_configured_and_collapses_spaces():
    text = "الأميركيّة  إلى مدرسة ١٢٣ عامـــاً "
    assert normalised_text(Folding(), text) == "الاميركيه الي مدرسه 123 عاما"
    assert normalised_text(Folding(teh_marbuta=False), text) == "الاميركية الي مدرسة 123 عاما"
    folded = pl.DataFrame({"t": [text]}).select(
        normalised_text_expr(Folding(teh_marbuta=False), pl.col("t"))
    )
    assert folded.item() == normalised_text(Folding(teh_marbuta=False), text)


def corpus_of_one_outlet() -> pl.DataFrame:
    rows = []
    places = ["دمشق", "حلب", "إدلب", "الرقة", "حمص", "درعا"]
    for i, place in enumerate(places):
        rows.append(
            {
                "doc_id": f"d{i}",
                "published": date(2022, 12, 5),
                "text": f"أخبار {place} اليوم\n\nالرئيسية | سياسة | اقتصاد\n\nهذا نص الخبر عن الأحداث في مدينة {place} السورية.\n\nاشترك في قناتنا على يوتيوب\n\nالتعليقات (1)\nسليم\nمنذ يومين\nتعليق القارئ على خبر {place}",
            }
        )
    rows.append(
        {
            "doc_id": "html",
            "title": "Washington halts patrols",
            "text": "The US military said on Friday that it halted joint patrols.",
            "comments_text": "Comments (2)\nJane\n2022-12-04 10:30\nGood point.",
        }
    )
    rows.append({"doc_id": "short", "text": "عنوان\nقصير"})
    return documents(rows)


def test_boilerplate_is_learned_per_outlet_and_audited():
    docs = corpus_of_one_outlet()
    learned = learn_boilerplate(
        docs, BoilerplateSettings(min_documents=5, min_share=0.5), ["التعليقات"]
    )
    lines = learned.filter(pl.col("kind") == "line")
    assert set(lines["example"]) == {"الرئيسية | سياسة | اقتصاد", "اشترك في قناتنا على يوتيوب"}
    # Word 4-grams recurring on the outlet's distinct pages are learned as phrases too.
    assert "اشترك في قناتنا علي" in learned.filter(pl.col("kind") == "phrase")["key"].to_list()
    tables = clean_documents(docs, CleaningRules(), boilerplate=learned)
    article = tables["articles"].filter(pl.col("doc_id") == "d3").row(0, named=True)
    assert article["text"] == "هذا نص الخبر عن الأحداث في مدينة الرقة السورية."
    assert article["title"] == "أخبار الرقة اليوم"
    reasons = tables["audit"].filter(pl.col("doc_id") == "d3")["reason"].to_list()
    assert reasons[:2] == [
        "learned boilerplate: in 6 of 8 distinct pages of this outlet",
        "boilerplate phrase (subscribe)",
    ]
    comments = tables["comments"].filter(pl.col("doc_id") == "d3").row(0, named=True)
    assert comments["author"] == "سليم" and comments["time"] == date(2022, 12, 3)
    assert comments["time_basis"] == "relative to article date"


def test_html_comment_block_and_mismatch_are_reported():
    tables = clean_documents(corpus_of_one_outlet(), CleaningRules())
    article = tables["articles"].filter(pl.col("doc_id") == "html").row(0, named=True)
    assert article["comments_stated"] == 2 and article["comments_found"] == 1
    assert article["comments_mismatch"] is True
    comment = tables["comments"].filter(pl.col("doc_id") == "html").row(0, named=True)
    assert (comment["author"], comment["time"], comment["language"]) == (
        "Jane",
        date(2022, 12, 4),
        "en",
    )


@pytest.mark.parametrize("learn", [False, True])
def test_vectorised_cleaning_equals_the_per_page_reference(learn):
    docs = pl.concat(
        [
            corpus_of_one_outlet(),
            documents(
                [
                    {"doc_id": "seed", "text": SEED.read_text(encoding="utf-8")},
                    {
                        "doc_id": "en",
                        "text": "Kirby: US halts patrols\nKirby: US halts patrols\nThe U.S. military said it halted patrols. Dr. Smith agreed.\nComments (1)\nJane\n2 hours ago\nGood.\nShare",
                    },
                    {"doc_id": "empty", "text": "\n\n"},
                ]
            ),
        ]
    )
    learned = (
        learn_boilerplate(docs, BoilerplateSettings(min_documents=3, min_share=0.1), ["التعليقات"])
        if learn
        else None
    )
    fast = clean_documents(docs, CleaningRules(), boilerplate=learned)
    slow = clean_documents_reference(docs, CleaningRules(), boilerplate=learned)
    assert fast.keys() == slow.keys()
    for name in fast:
        assert_frame_equal(fast[name], slow[name], check_column_order=True), name
    assert fast["articles"].height + fast["rejects"].height == docs.height


def test_shard_tables_and_rejects():
    docs = documents(
        [
            {"doc_id": "seed", "text": SEED.read_text(encoding="utf-8")},
            {"doc_id": "short", "source": "b.txt", "text": "Title only\n\nok"},
        ]
    )
    tables = clean_documents(docs, CleaningRules(min_chars=20))
    assert tables["articles"]["doc_id"].to_list() == ["seed"]
    assert tables["articles"]["comments_found"].to_list() == [2]
    assert tables["rejects"].select("doc_id", "stage").rows() == [("short", "clean")]
    assert "shorter than clean.min_chars=20" in tables["rejects"]["reason"][0]
    # a page whose every line is boilerplate: the reject says where to look and the fix
    empty = documents([{"doc_id": "menu", "text": "Title\nالأكثر قراءة\nشارك\nمواضيع ذات صلة"}])
    for clean in (clean_documents, clean_documents_reference):
        reason = clean(empty, CleaningRules())["rejects"]["reason"][0]
        assert reason.startswith("no article text left after cleaning")
        assert "Fix:" in reason and "clean.boilerplate" in reason
    assert tables["comments"].height == 2
    assert set(tables["comments"]["language"]) == {"ar"}
    kinds = set(tables["sentences"]["kind"])
    assert kinds == {"title", "body", "comment"}
    article = tables["articles"].row(0, named=True)
    assert "الامريكي" in article["text_norm"] and "الأمريكي" in article["text"]
    for row in tables["sentences"].filter(pl.col("kind") == "body").iter_rows(named=True):
        assert article["text"][row["start"] : row["end"]] == row["text"]


def test_sentences_keep_quotations_numbers_and_abbreviations_together():
    from mediaframe.clean.sentences import split_sentences

    text = "قال أردوغان: «سننقض على الإرهابيين. لن نتراجع» وأضاف أن العملية مستمرة. بلغ النمو 3.5 في المئة؛ وقال د. أحمد إن ذلك جيد؟ نعم!\nU.S. forces left."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "قال أردوغان: «سننقض على الإرهابيين. لن نتراجع» وأضاف أن العملية مستمرة.",
        "بلغ النمو 3.5 في المئة؛",
        "وقال د. أحمد إن ذلك جيد؟",
        "نعم!",
        "U.S. forces left.",
    ]


def test_articles_keep_the_subdomain_in_both_cleaners():
    text = "Blogs and news\nThe opinion piece argues that the war will not end soon ."
    docs = documents(
        [{"doc_id": "a", "text": text, "url": "https://blogs.aljazeera.net/x"}]
    ).with_columns(pl.lit("blogs").alias("subdomain"))
    fast = clean_documents(docs, CleaningRules())["articles"]
    assert fast["subdomain"].to_list() == ["blogs"]
    reference = clean_documents_reference(docs, CleaningRules())["articles"]
    assert_frame_equal(fast, reference)
    # Documents from an ingest without subdomains: the column is there, empty.
    older = clean_documents(docs.drop("subdomain"), CleaningRules())["articles"]
    assert older["subdomain"].to_list() == [None]


FRAME = (
    "الوقت - أودعت السعودية اليوم مبلغ ملياري دولار كوديعة في حساب البنك المركزي اليمني . . .\n"
    "أكد السفير الإيراني في العراق أن العلاقات بين البلدين قوية واستراتيجية وأنها بنيت على أسس "
    "متينة ورصينة مؤكدا استعداد بلاده للمشاركة في إعادة إعمار العراق .\n"
    "الوقت - تشكل الروح القتالية العالية أحد مفاتيح الانتصارات في الحروب ويصفها آخرون بأنها "
    "الدماء التي تجري في عروق المقاتلين أثناء المعارك الطويلة .\n"
    "الدروز أو الموحدون الدروز إحدى الطوائف التي تأسست في مصر عام 1021 وانتقلت إلى بلاد الشام "
    "في مرحلة لاحقة من تاريخها .\n"
    "الوقت - يسير اليمن شيئا فشيئا نحو ترسيخ المعادلة الكبرى بعد أشهر قليلة على بدء الحرب "
    "لتبدأ من حدود خميس مشيط وتمر عبر حدود أخرى . . .\n"
    "أبشع المجازر ينفذها الاحتلال منذ عام 1948 إثر وعد بلفور المشؤوم وإنشاء دولته على أرض "
    "فلسطين التاريخية ."
)
STORY = (
    "استعاد الجيش السوري مدينة البوكمال على الحدود مع العراق بعد معارك استمرت أياما، وقال "
    "مصدر عسكري إن وحدات الهندسة بدأت تفكيك العبوات الناسفة في أحياء المدينة.\n"
    "وتقدمت القوات في ريف حماة الشرقي وسيطرت على عدة قرى، فيما تحدثت مصادر محلية عن نزوح "
    "مئات العائلات نحو الشمال."
)
HEADLINES = (
    "الجيش السوري يستعيد البوكمال آخر معاقل التنظيم ويتقدم بريف حماة",
    "حظر بيع الأسلحة إلى الرياض يقظة أوروبية أم ضحك على اللحى",
    "أنقرة تستكمل بناء أول قاعدة عسكرية شمال سوريا مع خريطة",
)


def test_pages_sharing_their_text_under_different_headlines_are_a_sites_frame():
    from mediaframe.clean.boilerplate import template_pages  # noqa: F401  (documented API)
    from mediaframe.clean.incremental import learned_in_documents

    frame = [{"doc_id": f"f{n}", "text": f"{h}\n{FRAME}"} for n, h in enumerate(HEADLINES)]
    other = [{"doc_id": "story", "text": f"{HEADLINES[0]}\n{STORY}"}]
    docs = documents(frame + other)
    learned = learn_boilerplate(docs, BoilerplateSettings(), [])
    templates = learned.filter(pl.col("kind") == "template")
    assert templates["key"].to_list() == ["f0", "f1", "f2"]
    assert set(templates["documents"]) == {3}
    for clean in (clean_documents, clean_documents_reference):
        tables = clean(docs, CleaningRules(), boilerplate=learned)
        assert tables["articles"]["doc_id"].to_list() == ["story"]
        reasons = tables["rejects"].sort("doc_id")["reason"].to_list()
        assert all("the site's frame around an article it did not serve" in r for r in reasons)
        assert all("keep_non_articles" in r for r in reasons)
        kept = clean(docs, CleaningRules(keep_non_articles=True), boilerplate=learned)
        assert kept["articles"].height == 4
    # each page's entry belongs to that page alone (its cleaning key)
    attached = learned_in_documents(docs, learned).filter(pl.col("kind") == "template")
    assert attached.select("doc_id", "key").rows() == [("f0", "f0"), ("f1", "f1"), ("f2", "f2")]


def test_scrapes_of_one_article_or_two_headlines_over_one_text_are_not_a_frame():
    article = "\n".join(HEADLINES[:1]) + "\n" + FRAME
    # one article scraped three times, one scrape with a ticker line above the headline
    copies = [
        {"doc_id": "a1", "text": article},
        {"doc_id": "a2", "text": article},
        {"doc_id": "a3", "text": "عاجل : زلزال يضرب جنوب تركيا ولا أنباء عن ضحايا\n" + article},
    ]
    # one story published again under a new headline: two pages are not enough
    again = [
        {"doc_id": f"b{n}", "outlet": "riyadh", "text": f"{h}\n{FRAME}"}
        for n, h in enumerate(HEADLINES[1:])
    ]
    learned = learn_boilerplate(documents(copies + again), BoilerplateSettings(), [])
    assert learned.filter(pl.col("kind") == "template").is_empty()
