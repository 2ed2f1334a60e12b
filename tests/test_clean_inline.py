"""In-line boilerplate, headlines and learned phrases on real-looking scraped pages."""

import polars as pl

from mediaframe.clean.boilerplate import BoilerplateSettings, learn_boilerplate
from mediaframe.clean.inline import clean_inline
from mediaframe.clean.pages import CleaningRules, clean_document, clean_documents

MENU = "الرئيسية | أخبار | سياسة | اقتصاد | رياضة"
FOOTER = "اقرأ أيضا مواضيع ذات صلة الأكثر قراءة جميع الحقوق محفوظة لموقع الخبر 2018"
SENTENCES = [
    "وانتقد جونسون وحشية الرئيس السوري بشار الأسد وتواطؤ روسيا في الهجمات على المدنيين .",
    "وقال وزير الخارجية البريطاني إن بلاده لن تقبل بأي حل يبقي الأسد في السلطة إلى ما لا نهاية .",
    "وأضاف أن المجتمع الدولي يجب أن يتحرك بسرعة لوقف القصف على الغوطة الشرقية المحاصرة منذ سنوات .",
    "وأشار إلى أن موسكو تتحمل مسؤولية كبيرة عن استمرار الحرب التي قتل فيها مئات الآلاف من السوريين .",
    "ويأتي ذلك بعد يومين من اجتماع لوزراء خارجية الدول الغربية في لندن لبحث الملف السوري .",
]


def page(title: str, sentences: list[str]) -> str:
    """A scraped page: menu, the title twice and the lead glued on one line, footer glued on."""
    first = f"{MENU} {title} | موقع الخبر {title} {sentences[0]}"
    last = f"{sentences[-1]} {FOOTER}"
    return "\n".join([first, *sentences[1:-1], last])


def outlet_pages() -> list[dict]:
    """One article repeated 6 times, and 5 other distinct articles of the same outlet."""
    rows = [
        {"doc_id": f"copy{i}", "text": page("جونسون ينتقد الأسد وروسيا", SENTENCES)}
        for i in range(6)
    ]
    others = [
        "أعلنت الأمم المتحدة اليوم عن خطة جديدة لإيصال المساعدات إلى المناطق المحاصرة في ريف دمشق .",
        "قالت مصادر محلية إن اشتباكات عنيفة اندلعت في محيط مدينة إدلب منذ صباح اليوم بين الفصائل .",
        "أكدت وزارة الخارجية التركية أن أنقرة لن تسمح بإقامة كيان انفصالي على حدودها الجنوبية أبدا .",
        "نفى المتحدث باسم التحالف الدولي أن تكون غاراته قد أصابت مدنيين في ريف دير الزور الشرقي .",
        "دعا المبعوث الدولي الأطراف السورية إلى العودة لطاولة المفاوضات في جنيف الشهر المقبل للحوار .",
    ]
    for i, lead in enumerate(others):
        body = [
            lead,
            "وهذا نص إضافي عن الخبر كتبه مراسل الموقع من المدينة في يوم الحدث نفسه .",
            lead,
        ]
        rows.append({"doc_id": f"other{i}", "text": page(f"خبر رقم {i} عن سوريا اليوم", body)})
    base = {"source": "x.jsonl", "record": 1, "outlet": "alkhabar.com", "published": None}
    base |= {"url": None, "language": None, "title": None, "comments_text": None}
    return [base | row for row in rows]


def test_a_page_repeated_six_times_loses_no_article_sentence():
    docs = pl.DataFrame(outlet_pages())
    learned = learn_boilerplate(docs, BoilerplateSettings(min_documents=3, min_share=0.05))
    # The six copies count as one distinct page: the outlet has 6 distinct pages, not 11.
    assert set(learned["outlet_documents"]) == {6}
    learned_text = " ".join(learned["key"])
    assert "وحشيه الرئيس السوري" not in learned_text  # the repeated article teaches nothing
    assert "جميع الحقوق محفوظه" in learned_text  # the shared footer is learned
    tables = clean_documents(docs, CleaningRules(), boilerplate=learned)
    copies = tables["articles"].filter(pl.col("doc_id").str.starts_with("copy"))
    assert copies.height == 6
    for text, title in copies.select("text", "title").iter_rows():
        assert text.split("\n\n") == SENTENCES
        assert title == "جونسون ينتقد الأسد وروسيا"
    audit = tables["audit"].filter(pl.col("doc_id") == "copy0")
    removed = " ".join(audit["text"])
    assert not any(sentence in removed for sentence in SENTENCES)
    assert "الرئيسية" in removed and "جميع الحقوق محفوظة" in removed


def test_learned_reason_states_distinct_pages():
    docs = pl.DataFrame(outlet_pages())
    learned = learn_boilerplate(docs, BoilerplateSettings(min_documents=3, min_share=0.05))
    tables = clean_documents(docs, CleaningRules(), boilerplate=learned)
    reasons = tables["audit"].filter(pl.col("doc_id") == "other0")["reason"].to_list()
    assert any("distinct pages of this outlet" in r for r in reasons), reasons


def test_headline_menu_and_footer_inside_lines():
    text = page("جونسون ينتقد الأسد وروسيا", SENTENCES)
    cleaned = clean_document(text, None, CleaningRules())
    assert cleaned.title == "جونسون ينتقد الأسد وروسيا"
    assert cleaned.body.split("\n\n") == SENTENCES
    reasons = {a.reason for a in cleaned.audit}
    assert "outside the article: page header" in reasons
    assert any(r.startswith("boilerplate phrase (related)") for r in reasons)


def test_one_line_article_keeps_its_text_as_body():
    line = SENTENCES[0] + " " + SENTENCES[1]
    cleaned = clean_document(line, None, CleaningRules())
    assert cleaned.title is None and cleaned.body == line
    tables = clean_documents(
        pl.DataFrame(outlet_pages()[:1]).with_columns(pl.lit(line).alias("text")), CleaningRules()
    )
    assert tables["rejects"].is_empty() and tables["articles"]["text"].item() == line


def test_first_line_is_a_title_only_when_it_looks_like_one():
    as_headline = clean_inline("روسيا تتهم أمريكا بتدريب مقاتلين\n" + SENTENCES[0], None)
    assert as_headline.title == "روسيا تتهم أمريكا بتدريب مقاتلين"
    sentence_first = clean_inline(SENTENCES[0] + "\n" + SENTENCES[1], None)
    assert sentence_first.title is None  # a sentence is body text, never the title


def test_learned_phrase_inside_a_sentence_is_kept():
    learned = {"تنظيم الدوله الاسلاميه في": 9}
    text = "عنوان الخبر\nوقال المتحدث إن مقاتلي تنظيم الدولة الإسلامية في المدينة انسحبوا نحو الصحراء بعد معارك عنيفة ."
    cleaned = clean_inline(text, None, learned, 20)
    assert cleaned.lines[1] == text.split("\n")[1] and cleaned.removed == []


def test_pull_quote_and_listing_page():
    quote = SENTENCES[1].removesuffix(" .")
    text = "\n".join([SENTENCES[0], SENTENCES[1] + " " + SENTENCES[2], quote, SENTENCES[3]])
    cleaned = clean_inline("العنوان\n" + text, None)
    assert [r.reason for r in cleaned.removed] == [
        "repeated in the page (pull quote or second copy)"
    ]
    teasers = "\n".join(
        f"خبر رقم {i} عن الأحداث في المدينة . . . دمشق - وكالات - نص الخبر التالي" for i in range(3)
    )
    listing = clean_document(teasers, None, CleaningRules())
    assert listing.listing == "a list of 3 cut-off teasers" and listing.body == ""


def test_comment_thread_inside_a_line_leaves_the_body():
    text = "\n".join(
        [
            "العنوان",
            SENTENCES[0],
            SENTENCES[1] + ' " " 12 تعليق مللت الرد على المغالطات و لكن فلينتبه كل ذى عقل .',
            "فليحذر اللاعبون بالنار ومن يجاوروهم و لا يأخذون على أيديهم .",
        ]
    )
    cleaned = clean_document(text, None, CleaningRules())
    assert cleaned.body.split("\n\n") == SENTENCES[:2]
    thread = [a for a in cleaned.audit if a.reason.startswith("reader comments (12 تعليق)")]
    assert [a.line for a in thread] == [3, 4]


def test_a_phrase_does_not_take_the_article_after_it():
    text = "العنوان\nفي الأكثر قراءة " + SENTENCES[0] + "\n" + SENTENCES[1]
    cleaned = clean_document(text, None, CleaningRules())
    assert cleaned.body.split("\n\n") == SENTENCES[:2]
    assert [a.text for a in cleaned.audit] == ["في الأكثر قراءة"]


def test_a_run_repeated_inside_the_lead_is_not_taken_for_the_title():
    first = (
        "الجيش الأمريكي ينفذ ضربة جوية ضد داعش في الصومال | قناة الغد قال الجيش الأمريكي"
        " اليوم إنه نفذ ضربة جوية ضد متشددي التنظيم في شمال شرق الصومال ."
    )
    cleaned = clean_inline(first + "\n" + SENTENCES[1], None)
    assert cleaned.title == "الجيش الأمريكي ينفذ ضربة جوية ضد داعش في الصومال"
    assert "نفذ ضربة جوية ضد متشددي التنظيم" in cleaned.lines[0]
