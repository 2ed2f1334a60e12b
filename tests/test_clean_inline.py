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


def test_a_year_before_a_comments_tab_is_not_a_comment_count():
    text = "\n".join(["العنوان", "الأحد , 05 نوفمبر , 2017 تعليقات " + SENTENCES[0], SENTENCES[1]])
    cleaned = clean_document(text, None, CleaningRules())
    assert all(sentence in cleaned.body for sentence in SENTENCES[:2])
    assert not any(a.reason.startswith("reader comments") for a in cleaned.audit)


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


# Words of a corpus vocabulary (as learn_boilerplate learns it: folded, letters only).
VOCABULARY = frozenset(
    [
        "ترامب",
        "الموالون",
        "النقاط",
        "الجيش",
        "داعش",
        "العراق",
        "حلب",
        "قوات",
        "عبد",
        "الله",
        "عبدالله",
        "تدريب",
        "اتهم",
        "المت",
        "قدرات",
        "الملك",
        "السعودي",
        "سلمان",
        "مكالمه",
        "هاتفيه",
        "مع",
        "الجنود",
        "اجري",
    ]
)


def test_glued_words_are_two_corpus_words_but_not_one():
    from mediaframe.clean.inline import glued_parts

    assert glued_parts("ترامبالموالون", VOCABULARY) == ("ترامب", "الموالون")
    assert glued_parts("داعشالعراق", VOCABULARY) == ("داعش", "العراق")
    assert glued_parts("عبدالله", VOCABULARY) is None  # a word of the corpus itself
    assert glued_parts("تدريباتهم", VOCABULARY) is None  # a suffix, not a second word
    assert glued_parts("المتقدرات", VOCABULARY) is None  # article + two letters is no word
    assert glued_parts("ترامبالموالون", frozenset()) is None  # no vocabulary, no guess


def ticker_items(n: int) -> str:
    items = [
        "أجرى الملك السعودي سلمان مكالمة هاتفية مع ترامب",
        "الموالون لقنوات تلجرام يستهدفون صالات المطار في حلب",
        "قوات الجيش تتقدم نحو النقاط",
        "الجيش العراقي يستعيد قرى جديدة من داعش",
        "العراق يعلن الحداد على الجنود",
    ]
    return "".join(items[i % len(items)] for i in range(n))  # no space between items


def test_a_ticker_of_glued_items_is_not_an_article():
    text = ticker_items(11) + " ."
    cleaned = clean_inline(text, None, vocabulary=VOCABULARY)
    assert cleaned.listing is not None and "ticker" in cleaned.listing
    # The same page without the corpus vocabulary (a corpus too small to learn one).
    assert clean_inline(text, None).listing is None


def test_one_glued_name_does_not_make_an_article_a_ticker():
    text = "\n".join(
        ["ترامب يتصل بالملك سلمان", *SENTENCES, "وقال مصدر إن ترامبالموالون كلمة واحدة هنا ."]
    )
    assert clean_inline(text, None, vocabulary=VOCABULARY).listing is None
    english = "\n".join(
        ["YouTube removes videos"]
        + [
            f"YouTube said on Monday that it removed {n} videos that showed the war ."
            for n in range(8)
        ]
    )
    assert clean_inline(english, None, vocabulary=VOCABULARY).listing is None


def test_an_edited_pull_quote_is_removed_and_its_original_kept():
    original = (
        "ولأن دعم الإخوان كطرف وحيد مؤهل لخوض معارك حقيقية ضد الحوثي هو بالنسبة للنظام"
        " السعودي خط أحمر , فقد فعلوا كل شيء إلا هذا ."
    )
    quote = original.removeprefix("و").replace("فقد فعلوا", "فعلوا")
    text = "\n".join(["العنوان الرئيسي للمقال", SENTENCES[0], quote, *SENTENCES[1:3], original])
    cleaned = clean_inline(text, None)
    removed = [r for r in cleaned.removed if r.reason.startswith("repeated in the page")]
    assert [r.line for r in removed] == [3]
    assert cleaned.lines[5] == original
    english_quote = (
        '" The siege left nothing standing in the east of the city , not even a wall . "'
    )
    english = "\n".join(
        [
            "How Aleppo fell",
            "The siege of Aleppo lasted for months and the rebels lost ground every week .",
            english_quote + " The offensive began in the spring of that year .",
            "Witnesses said the siege left nothing standing in the east of the city , not even a"
            " wall to hide behind .",
        ]
    )
    cleaned = clean_inline(english, None)
    assert any(r.text == english_quote for r in cleaned.removed)
    assert "The offensive began in the spring of that year ." in cleaned.lines[2]


def test_paragraphs_sharing_a_few_words_are_not_repeats():
    text = "\n".join(["العنوان الرئيسي للمقال", *SENTENCES])
    assert not clean_inline(text, None).removed


def test_date_box_glued_to_the_headline_and_lead():
    lead = (
        "أعلن الرئيس التركي رجب طيب اردوغان اثر لقائه نظيره الروسي أن البلدين توصلا إلى"
        " اتفاق على صفقة الصواريخ ."
    )
    text = (
        "اجتماع تركي روسي لوضع لمسات اخيرة على اتفاقية دفاعية الثلاثاء 12 ديسمبر 2017 - 04 : 43"
        f" بتوقيت غرينتش {lead}\n{SENTENCES[1]}"
    )
    cleaned = clean_inline(text, None)
    assert cleaned.title == "اجتماع تركي روسي لوضع لمسات اخيرة على اتفاقية دفاعية"
    assert cleaned.lines[0] == lead
    assert [r.reason for r in cleaned.removed] == ["date or relative time (ticker)"]
    # A date inside a sentence is text.
    sentence = "أعلنت الوزارة يوم الخميس 26 أكتوبر 2017 أن الاجتماع سيعقد في الرياض بحضور الوزراء ."
    assert not clean_inline(f"{sentence}\n{SENTENCES[1]}", None).removed
    english = (
        "Turkey and Russia agree on missiles Last updated 7 : 30 PM GMT The two presidents"
        " said on Monday that the deal would be signed within weeks .\nMore text follows here ."
    )
    cleaned = clean_inline(english, None)
    assert "Last updated 7 : 30 PM GMT" in [r.text for r in cleaned.removed]
    # a date written with dots opening a line is the page's date box; in a sentence, text
    dotted = clean_inline(f"العنوان\n30 . 07 . 2015 {lead}\n{SENTENCES[1]}", None)
    assert dotted.lines[1] == lead
    inside = "أعلنت الوزارة في 30 . 07 . 2015 أن الاجتماع سيعقد في الرياض بحضور الوزراء ."
    assert inside in clean_inline(f"العنوان\n{inside}\n{SENTENCES[1]}", None).lines


def test_photo_caption_before_the_lead_but_not_a_dateline():
    lead = "وصل الرئيس الروسي فلاديمير بوتين ظهر الاثنين إلى مطار القاهرة وكان في استقباله نظيره ."
    text = f"بوتين يزور القاهرة\nبوتين وبشار خلال لقاء سابق بينهما رويترز - أرشيف {lead}"
    cleaned = clean_inline(text, None)
    assert cleaned.lines[1] == lead
    assert [(r.text, r.reason) for r in cleaned.removed] == [
        ("بوتين وبشار خلال لقاء سابق بينهما رويترز - أرشيف", "photo caption")
    ]
    dateline = "باريس ( أ ف ب ) - أعلن الرئيس الفرنسي أن بلاده ستشارك في المؤتمر الدولي حول سوريا ."
    assert not clean_inline(f"{dateline}\n{SENTENCES[1]}", None).removed
    english = (
        "Putin in Cairo\nPutin and Assad during an earlier meeting ( AFP ) The Russian"
        " president arrived in Cairo on Monday and was met by his Egyptian counterpart ."
    )
    cleaned = clean_inline(english, None)
    assert cleaned.lines[1].startswith("The Russian president arrived")


def test_a_photo_label_or_a_getty_credit_where_the_text_starts_is_a_caption():
    lead = "وصل الرئيس الروسي فلاديمير بوتين ظهر الاثنين إلى مطار القاهرة وكان في استقباله نظيره ."
    for caption in (
        "صورة أرشيفية",
        "أ ف ب",
        "رويترز - أرشيف",
        'من القمة الثلاثية في " سوتشي " - جيتي',
    ):
        cleaned = clean_inline(f"بوتين يزور القاهرة\n{caption} {lead}", None)
        assert cleaned.lines[1] == lead, caption
        assert [r.reason for r in cleaned.removed] == ["photo caption"]
    # an archive photo in a sentence is text, and so are a dateline before the archives
    # and Getty named without a dash
    for prose in (
        "ونشرت الوكالة صورة أرشيفية للرئيس خلال زيارته السابقة إلى القاهرة .",
        "رويترز - الأرشيف الوطني البريطاني يفرج عن وثائق سرية عن حرب 1967 .",
        "قال مدير متحف جيتي في لوس أنجلوس إن المعرض سيفتتح الشهر المقبل .",
    ):
        assert prose in clean_inline(f"بوتين يزور القاهرة\n{prose}\n{lead}", None).lines


def test_a_caption_before_a_bracketed_photo_credit_goes_with_it():
    lead = "وصل الرئيس الروسي فلاديمير بوتين ظهر الاثنين إلى مطار القاهرة وكان في استقباله نظيره ."
    for caption in (
        "موالين للسيد مقتدى الصدر في استعراض عسكري ( الصورة : وكالة الأناضول )",
        "[ حقوق الصورة لعبدالوهاب بحيبح ]",
        "حلب اليوم ( المصدر : تويتر )",
        'الرئيس الأمريكي " دونالد ترامب " ( مصدر الصورة : Wikimedia Commons / Gage Skidmore / )',
    ):
        cleaned = clean_inline(f"بوتين يزور القاهرة\n{caption} {lead}", None)
        assert cleaned.lines[1] == lead, caption
        assert [r.reason for r in cleaned.removed] == ["photo caption"]
    # a source named in brackets in a sentence is text
    prose = "وبلغ عدد الإصابات 40 حالة ( المصدر : وزارة الصحة ) في الأسبوع الماضي وحده ."
    assert prose in clean_inline(f"بوتين يزور القاهرة\n{prose}\n{lead}", None).lines


def test_login_and_contact_labels_do_not_take_the_headline_after_them():
    headline = "السفيرة الأمريكية : صاروخ الحوثي على الرياض يحمل بصمات إيران"
    text = (
        f"مميزات العضوية إضافة الخبر لقائمة القراءة تسجيل دخولك من خلال او تذكرني {headline}"
        f" {SENTENCES[0]}\n{SENTENCES[1]}\nإذا أردت ان تتصل بنا لتقديم اقتراح أو تصحيح خطأ ,"
        " ارسل البريد الإلكتروني إلي : Contact us"
    )
    cleaned = clean_inline(text, None)
    assert headline + " " + SENTENCES[0] in cleaned.lines[0]
    assert cleaned.lines[2] == ""
    reasons = {r.reason for r in cleaned.removed}
    assert {"boilerplate phrase (login)", "boilerplate phrase (contact)"} <= reasons


def test_the_corpus_vocabulary_is_learned_but_not_shown_as_boilerplate():
    from mediaframe.report.corpus import learned_boilerplate

    rows = [
        {"doc_id": f"d{i}", "outlet": "x.com", "text": f"{SENTENCES[i % 5]}\nخبر رقم {i} اليوم"}
        for i in range(12)
    ]
    learned = learn_boilerplate(pl.DataFrame(rows), BoilerplateSettings())
    words = learned.filter(pl.col("kind") == "word")
    assert "اليوم" in words["key"].to_list()  # on 12 of 12 pages
    assert "الاسد" not in words["key"].to_list()  # on 3 pages: too few
    assert set(words["outlet"]) == {""}
    assert "word" not in learned_boilerplate(learned)["kind"].to_list()


def test_a_page_of_teasers_cut_by_ellipses_is_a_list_but_a_writers_ellipses_are_not():
    teaser = "أعلنت وزارة الخارجية اليوم عن خطة جديدة لإيصال المساعدات إلى المناطق المحاصرة في"
    items = [f"{teaser} ريف المدينة رقم {i} بعد . . . الكاتب {i}" for i in range(10)]
    listing = clean_inline("أخبار اليوم\n" + " ".join(items), None)
    assert listing.listing == "a list of 10 teasers cut off by an ellipsis"
    # A writer's ellipses come at every distance from each other.
    long = " ".join(SENTENCES).rstrip(" .")
    pieces = [(long if i % 2 else "نعم هكذا كان") + " . . ." for i in range(10)]
    writer = clean_inline("مقال رأي\n" + "\n".join(f"{p} ثم" for p in pieces), None)
    assert writer.listing is None
    # An article followed by its related teasers is an article.
    related = " ".join(items[:9])
    article = clean_inline("\n".join(["العنوان", *SENTENCES * 3, related]), None)
    assert article.listing is None


def test_an_article_then_teasers_cut_by_ellipses_keeps_the_article():
    # The article holds an ellipsis of its own; the site's teasers follow it directly,
    # no heading, each cut at about one length. Seen on a real page (alhadassonline).
    quote = 'وأضاف " سنقوم بكل ما يلزم من أجل أمننا . . . لن نغير إجراءات عملياتنا " .'
    article = [*SENTENCES, quote, SENTENCES[0]]
    teasers = [
        f"أعلنت وزارة الخارجية اليوم عن خطة جديدة لإيصال المساعدات إلى المناطق المحاصرة"
        f" في ريف المدينة رقم {i} بعد أسابيع من الحصار . . ."
        for i in range(14)
    ]
    cleaned = clean_inline("\n".join([*article, " ".join(teasers)]), None)
    assert cleaned.listing is None
    kept = "\n".join(cleaned.lines)
    assert all(sentence in kept for sentence in article)
    assert "المناطق المحاصرة" not in kept
    assert any(
        r.reason == "a list of 14 teasers cut off by an ellipsis, after the article"
        for r in cleaned.removed
    )
    # The same teasers under a site's menu are a list of teasers, and so is a home
    # page whose first teaser is long.
    menu = "الرئيسية أخبار محلية عربي ودولي اقتصاد رياضة فن وثقافة منوعات اتصل بنا " * 5
    assert clean_inline(menu + " ".join(teasers), None).listing is not None
    lead = " ".join(SENTENCES).replace(" .", " ,")
    assert clean_inline(lead + " ".join(teasers), None).listing is not None


def test_a_posts_neighbours_and_a_blog_templates_footer_end_the_article():
    neighbours = "السابق التالي هل تتغير التظاهرات و الاحتجاجات في تغيير النظام في إيران ?"
    cleaned = clean_inline("\n".join(["العنوان", *SENTENCES, neighbours]), None)
    assert cleaned.lines[1:6] == SENTENCES and cleaned.lines[6] == ""
    footer = (
        "Reviewed by on Rating : الاشتراك في : أقسام الموقع أحدث الأخبار recentposts1"
        " ادخل إيميلك ليصلك جديدنا"
    )
    cleaned = clean_inline("\n".join(["العنوان", *SENTENCES[:4], f"{SENTENCES[4]} {footer}"]), None)
    assert cleaned.lines[5] == SENTENCES[4]
    reasons = {r.reason for r in cleaned.removed}
    assert "boilerplate phrase (byline)" in reasons
    # "the next article" and "subscribe" in a sentence are prose
    prose = "وقال الوزير إن الاشتراك في الحكومة المقبلة مشروط بالإصلاح , والتالي هو السابق ."
    assert not clean_inline("\n".join(["العنوان", prose, *SENTENCES]), None).removed


def test_a_date_in_both_calendars_heading_the_page_but_not_in_a_sentence():
    header = "الأحد , 4 جمادى الأول 1439 هجريا , الموافق 21 يناير 2018 ميلاديا"
    text = "\n".join([header, "العنوان الرئيسي للخبر نشر قبل 3 شهور", *SENTENCES])
    cleaned = clean_inline(text, None)
    kept = "\n".join([cleaned.title or "", *cleaned.lines])
    assert "هجريا" not in kept and "الموافق" not in kept and "شهور" not in kept
    assert all(s in kept for s in SENTENCES)
    prose = (
        "وقد صدرت المعايير في جمادى الآخر عام 1424 ه - الموافق أغسطس 2003 م عن هيئة"
        " المحاسبة لدول الخليج ."
    )
    assert prose in clean_inline("\n".join(["العنوان", prose, *SENTENCES]), None).lines


def test_a_comment_forms_thanks_and_related_documents_end_the_article():
    tail = "مستندات لها علاقة شارك Thank you for posting your comment ."
    teasers = "اقرأ أيضا بيان مجلس الوزراء عبارة عن مجموعة تكليفات بالجملة ."
    more = " ".join(f"18 يوليه 2017 12 : 00 ص {s}" for s in SENTENCES[:3])
    cleaned = clean_inline("\n".join(["العنوان", *SENTENCES, tail, teasers, more]), None)
    assert cleaned.lines[1:6] == SENTENCES and not any(cleaned.lines[6:])


def test_an_aggregators_source_box_a_channels_subscription_and_comment_fields():
    # the aggregator's box after the story, "قد يعجبك أيضا" with its stretching as dashes
    box = (
        "عن مصدر الخبر الغد برس قد يعج - - - - - بك ايضا اقسام ساخنة | | | | | العراق مباشر"
        " يمكنك متابعة كل دقيقة من جميع المصادر"
    )
    channel = "للاشتراك في قناة براقش نت على التلجرام ."
    fields = "إضغط على اشتراك تعليقك على الموضوع الإسم : البريد الإلكتروني : التعليق :"
    for tail in (box, channel + "\n" + fields):
        kept = "\n".join(clean_inline("\n".join(["العنوان", *SENTENCES, tail]), None).lines)
        assert all(s in kept for s in SENTENCES)
        assert "الغد" not in kept and "قناة" not in kept and "البريد" not in kept
    # a press release's own offer is text
    offer = "ويمكن الاشتراك عن طريق إرسال 6 إلى 806655 للاشتراك في خدمة جوال النصر ."
    assert offer in clean_inline("\n".join(["العنوان", *SENTENCES, offer]), None).lines


def test_hours_ago_in_a_ticker_but_not_in_a_sentence():
    # SaudiNewsNet: 57 articles lost such words from their sentences
    prose = [
        "وقال الطبيب إن حالتهم مستقرة منذ 30 يوما على الأقل مع استخدام العلاج الجديد .",
        "وتوقفت المطاحن عن العمل بعد انقطاع الكهرباء لمدة 26 ساعة منذ يوم الأحد الماضي .",
        "وتخضع بلدات الغوطة , التي تعاني من الحصار منذ 4 سنوات , لسيطرة عدة فصائل .",
        "وقالت المنظمة إن الهجوم المكثف على المدينة مستمر منذ 3 أسابيع .",
    ]
    kept = "\n".join(clean_inline("\n".join(["العنوان", *prose, *SENTENCES]), None).lines)
    assert all(p in kept for p in prose)
    ticker = (
        "منذ 17 ساعة خسارة ثانية متتالية للأنصار منذ 15 ساعة منذ 17 ساعة"
        " آخر تحديث للموقع : منذ 23 دقيقة مأرب منذ 18 ساعة و 44 دقيقة"
    )
    cleaned = clean_inline("\n".join(["العنوان", *SENTENCES, ticker]), None)
    times = [r.text for r in cleaned.removed if r.reason == "date or relative time (ticker)"]
    assert {"منذ 17 ساعة", "منذ 23 دقيقة", "منذ 18 ساعة و 44 دقيقة"} <= set(times)


def test_two_hours_ago_in_a_ticker_but_not_in_a_sentence():
    text = "\n".join(
        ["العنوان الرئيسي", *SENTENCES, "منذ ساعتين منذ ساعتين أخبار الجسر تقارير ومقالات"]
    )
    cleaned = clean_inline(text, None)
    assert "منذ ساعتين منذ ساعتين" in [r.text for r in cleaned.removed]
    prose = "وقال الوزير منذ يومين إن الحكومة ستعلن خطة جديدة للتعامل مع الأزمة الاقتصادية ."
    assert not clean_inline(f"العنوان الرئيسي\n{prose}\n{SENTENCES[1]}", None).removed


def test_aggregator_notices_and_disclaimers_around_the_story():
    notice = (
        "نشكركم زوارنا الكرام علي متابعتنا , إيران تؤيد حكما بالإعدام العرب نيوز , حيث تم نقل"
        " الان خبر إيران تؤيد حكما بالإعدام"
    )
    text = "\n".join(["إيران تؤيد حكما بالإعدام", *SENTENCES, notice])
    cleaned = clean_inline(text, None)
    assert cleaned.lines[1:6] == SENTENCES
    assert "boilerplate phrase (source notice)" in {r.reason for r in cleaned.removed}
    # an aggregator's template around the copied story, and its sign-off
    template = (
        "ننشر لكم زوارنا جديد الاخبار اليوم عبر موقعنا المرصد الإخباري ونبدء مع الخبر الابرز ,"
        " إيران تؤيد حكما بالإعدام ."
    )
    signoff = "لا تنسوا عمل لايك لصفحتنا على الفيسبوك ومتابعة"
    copied = clean_inline(
        "\n".join(["إيران تؤيد حكما بالإعدام", template, *SENTENCES, signoff]), None
    )
    kept = "\n".join(copied.lines)
    assert all(s in kept for s in SENTENCES) and "زوارنا" not in kept and "لايك" not in kept
    # "was moved from" in a history text is prose.
    prose = "وقد تم نقله من دلفي إلى القسطنطينية في القرن الرابع ووضع في ساحة سباق الخيل ."
    assert not clean_inline(f"العنوان الرئيسي\n{prose}\n{SENTENCES[1]}", None).removed
    english = "\n".join(
        [
            "Who is the strong man of Syria",
            "Articles signed represent the opinions of their authors and do not necessarily"
            " represent the policy of the site .",
            "The man was pushed to the front of the Syrian stage and began to appear on"
            " television with the foreign minister .",
            "Join 526 other followers",
        ]
    )
    cleaned = clean_inline(english, None)
    assert cleaned.lines[2].startswith("The man was pushed")
    assert cleaned.lines[1] == "" and cleaned.lines[3] == ""


def test_a_menu_shown_three_times_is_not_the_headline():
    menu = "البث المباشر البرنامج المقبل"
    text = f"{menu} {menu} {menu} {menu} مختارات صوتية\n" + "\n".join(SENTENCES)
    assert clean_inline(text, None).title != menu


def test_a_list_of_news_briefs_with_one_source_dateline_is_no_article():
    briefs = [
        f"كردووتش , {day} كانون الأول ( ديسمبر ) 2013 - {SENTENCES[day % 5]}" for day in range(1, 7)
    ]
    listing = clean_inline("أخبار سوريا\n" + "\n".join(briefs), None)
    assert listing.listing == (
        "a list of 6 news briefs, each opening with the dateline «كردووتش , …»"
    )
    english = [
        f"KurdWatch, {day} December 2013 - Clashes broke out near the town again today ."
        for day in range(1, 7)
    ]
    assert clean_inline("News\n" + " ".join(english), None).listing is not None


def test_an_article_with_one_dateline_and_a_chronology_is_kept():
    chronology = [
        f"في {day} كانون الأول ( ديسمبر ) 2013 - {SENTENCES[day % 5]}" for day in range(1, 7)
    ]
    text = "\n".join(
        ["كردووتش , 30 كانون الأول ( ديسمبر ) 2013 - " + SENTENCES[0], *SENTENCES[1:], *chronology]
    )
    assert clean_inline("العنوان\n" + text, None).listing is None


def test_a_blog_byline_glued_before_the_post_is_its_header():
    arabic = (
        "com كتاب مشاركون دبلة الخطوبة Posted : الثلاثاء , 16 يونيو , 2009 by البشاوى in "
        f"{SENTENCES[0]}\n{SENTENCES[1]}\n{SENTENCES[2]}"
    )
    cleaned = clean_inline(arabic, None)
    assert cleaned.lines[0] == SENTENCES[0]
    assert any(r.reason == "boilerplate phrase (byline)" for r in cleaned.removed)
    english = (
        "My Blog Posted on May 3 , 2017 by admin in The council met on Monday and it decided "
        "to open the new school in the north of the city next year .\nThe mayor said that "
        "the building was paid for by the region and by a loan from the bank ."
    )
    cleaned = clean_inline(english, None)
    assert cleaned.lines[0].startswith("The council met on Monday")
    # "posted ... by ... in" inside a sentence of the article is not a byline
    sentence = (
        "The letter was posted on Monday by the minister in person to the council of the city ."
    )
    kept = clean_inline(f"{sentence}\n{SENTENCES[0]}\n{SENTENCES[1]}", "A title")
    assert kept.lines[0] == sentence


def test_site_interface_at_both_ends_of_the_page():
    text = (
        "مرحبا بك في طيران الإمارات أميال سكاي واردز النقاط أو لا تمتلك عضوية ? "
        f"{SENTENCES[0]}\n{SENTENCES[1]}\n{SENTENCES[2]} الحصول على مزيد من المعلومات "
        "يفتح ضمن علامة تبويب جديدة يفتح موقع إنترنت آخر ضمن نافذة جديدة .\n"
        "This article was last modified 3 years ago"
    )
    cleaned = clean_inline(text, "معلومات تأشيرات الدخول")
    assert cleaned.lines[:3] == [SENTENCES[0], SENTENCES[1], SENTENCES[2]]
    assert cleaned.lines[3] == ""
    assert {r.reason for r in cleaned.removed} == {"boilerplate phrase (site interface)"} | {
        "outside the article: page footer"
    }
    # welcoming people in the plural, in a sentence of the article, is not the site speaking
    quote = "وقال المحافظ : مرحبا بكم في المدينة التي تستقبل الزوار من كل مكان منذ سنوات ."
    kept = clean_inline(f"{quote}\n{SENTENCES[0]}\n{SENTENCES[1]}", "عنوان")
    assert kept.lines[0] == quote


def test_a_language_picker_does_not_take_the_headline_after_it():
    headline = "مستقبل التوغل الإيراني في سوريا"
    for picker in ("Select language >", "اختر اللغة", "اقرأ بهذه اللغة"):
        cleaned = clean_inline(f"{picker} {headline} {SENTENCES[0]}\n{SENTENCES[1]}", None)
        assert headline in (cleaned.title or "") + cleaned.lines[0], picker
        assert SENTENCES[0] in cleaned.lines[0], picker
        assert [r.reason for r in cleaned.removed] == ["boilerplate phrase (language picker)"]


LEADS = [
    "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في مدينة حمص بعد سنوات من الانتظار .",
    "قالت مصادر محلية إن اشتباكات عنيفة اندلعت في محيط إدلب منذ صباح اليوم بين الفصائل .",
    "يبحث البرلمان الأوروبي الأسبوع المقبل قانونا يخص حماية البيانات الشخصية على الإنترنت .",
    "فاز المنتخب الأردني على نظيره اللبناني بهدفين نظيفين في مباراة ودية على ملعب عمان .",
    "ارتفعت أسعار النفط في الأسواق العالمية بعد قرار أوبك خفض الإنتاج خلال العام القادم .",
    "كشفت دراسة علمية حديثة أن النوم المبكر يساعد الأطفال على التركيز في دروسهم المدرسية .",
    "افتتح معرض الكتاب الدولي أبوابه أمام الزوار بمشاركة مئات دور النشر من عشرين بلدا .",
    "حذرت الأرصاد الجوية من موجة برد شديدة تضرب المنطقة مع تساقط الثلوج على المرتفعات .",
    "وقعت الحكومة المصرية اتفاقية لتطوير ميناء الإسكندرية مع شركة صينية كبرى للملاحة .",
    "نظمت جمعية خيرية حملة لتوزيع الملابس الشتوية على العائلات النازحة في ريف حلب الشمالي .",
]


def test_an_author_page_of_leads_is_not_an_article_but_a_tag_page_with_one_article_is():
    text = "جميل مطر , Author at على الطريق\n" + "\n".join(LEADS)
    listing = clean_document(text, None, CleaningRules(), url="http://site.com/jamil-matar")
    assert listing.listing is not None and "author, tag or archive page" in listing.listing
    assert "by its heading (author at)" in listing.listing
    assert listing.body == ""
    # the same leads without a list page's heading: kept (form alone is no proof)
    plain = clean_document(text.split("\n", 1)[1], None, CleaningRules(), url="http://s.com/1")
    assert plain.listing is None
    # an archive heading above one whole article that keeps to its subject: kept
    article = "Johnson Archives - The Daily\n" + "\n".join(SENTENCES * 2)
    tag = clean_document(article, None, CleaningRules(), url="http://site.com/johnson-says")
    assert tag.listing is None and SENTENCES[1] in tag.body
    # an English list of leads on a category page
    english = "\n".join(
        [
            "World Archives - The Daily",
            "The council opened a new school in the north of the city on Monday morning .",
            "Oil prices rose in the world markets after the cartel decided to cut its output .",
            "A storm with heavy snow is expected to hit the mountains of the region this week .",
            "The national team won the friendly match by two goals to nil in the capital .",
            "Scientists say that children who go to bed early are more focused at their school .",
            "The book fair opened its doors with hundreds of publishers from twenty countries .",
            "Parliament will debate a law on the protection of personal data on the internet .",
            "A charity gave winter clothes to the families who fled from the fighting there .",
            "The government signed a deal with a shipping company to build a new harbour .",
        ]
    )
    assert clean_inline(english, None, url="http://daily.com/world-news-today").listing is not None
    assert clean_inline(english, None, find_lists=False).listing is None


def test_a_list_page_is_rejected_naming_the_key_that_keeps_it():
    text = "جميل مطر , Author at على الطريق\n" + "\n".join(LEADS)
    row = {"doc_id": "author", "source": "x.jsonl", "record": 1, "outlet": "site.com"}
    row |= {"published": None, "url": "http://site.com/jamil-matar", "language": None}
    row |= {"title": None, "text": text, "comments_text": None}
    documents = pl.DataFrame([row])
    tables = clean_documents(documents, CleaningRules())
    assert tables["articles"].is_empty()
    [reason] = tables["rejects"]["reason"].to_list()
    assert reason.startswith("no article: the page is an author, tag or archive page")
    assert "clean.keep_non_articles: true" in reason
    kept = clean_documents(documents, CleaningRules(keep_non_articles=True))
    assert kept["articles"].height == 1 and kept["rejects"].is_empty()


def test_a_closing_widget_ends_the_article_only_in_the_pages_last_part():
    footer = "مجموع المشاهدات : 654 | مشاركة في : أخبارنا - الرباط خبر آخر عن المدينة . . ."
    cleaned = clean_inline("\n".join(["العنوان", *SENTENCES, footer]), None)
    kept = "\n".join(cleaned.lines)
    assert all(sentence in kept for sentence in SENTENCES) and "654" not in kept
    reasons = {r.reason for r in cleaned.removed}
    assert "the page's closing block (from «مجموع المشاهدات»)" in reasons
    english = "Rate this article : Number of views : 1206 All rights reserved 2015"
    page = clean_inline("\n".join(["Title", *SENTENCES, english]), None)
    assert "1206" not in "\n".join(page.lines)
    # early in the page (a tag line under the headline) it is no end: the article stays
    early = clean_inline("\n".join(["العنوان", "الكلمات الدلالية سوريا", *SENTENCES]), None)
    assert all(sentence in "\n".join(early.lines) for sentence in SENTENCES)
    # a form to write to the writer closes the page too
    form = "الاسم الكامل البريد الالكتروني عنوان الرسالة نص الرسالة أدخل الرقم الظاهر"
    written = clean_inline("\n".join(["العنوان", *SENTENCES, form]), None)
    assert all(s in "\n".join(written.lines) for s in SENTENCES)
    assert "أدخل" not in "\n".join(written.lines)
    # a share box repeating the headline under the article
    box = "هذا المقال على صفحات : وزير الدفاع : 48 ألف جندي شاركوا في الحملة العسكرية"
    shared = clean_inline("\n".join(["العنوان", *SENTENCES, box]), None)
    assert all(s in "\n".join(shared.lines) for s in SENTENCES)
    assert "صفحات" not in "\n".join(shared.lines)
    # the words in a sentence are not the box
    reprinted = "وكان الكاتب قد نشر هذا المقال على صفحات صحيفة الغارديان قبل أسبوع ."
    kept = clean_inline("\n".join(["العنوان", *SENTENCES, reprinted, SENTENCES[0]]), None)
    assert reprinted in kept.lines


FEED = [
    "الأربعاء 18 نونبر 201502 : 34 إطلاق نار خلال عملية للشرطة في ضواحي المدينة الشمالية",
    "02 : 04 شركة الطيران تعلن أنها تلقت انذارات هاتفية حول وجود قنبلة على متن طائرة",
    "01 : 58 طائرتان كانتا في طريقهما إلى العاصمة تهبطان اضطراريا بسبب انذار أمني",
    "21 : 45 أعلن الرئيس في مقابلة مع مجلة فرنسية أنه مستعد للتبادل الاستخباراتي",
    "21 : 32 وتعتزم بلجيكا تعزيز حماية محطات القطارات والمترو والمطارات",
    "21 : 20 اعلنت الشرطة الالمانية انها افرجت عن سبعة اشخاص كانت اعتقلتهم قرب الحدود",
]


def test_a_live_feed_closing_the_page_is_dropped_with_its_heading():
    article = SENTENCES * 4  # over LIVE_FEED_AFTER words before the feed
    text = "\n".join(["العنوان", *article, "مواضيع ذات صلة : " + " ".join(FEED)])
    cleaned = clean_inline(text, None)
    kept = "\n".join(cleaned.lines)
    assert all(s in kept for s in SENTENCES)
    assert "نونبر" not in kept and "مواضيع ذات صلة" not in kept and "بلجيكا" not in kept
    assert any(
        r.reason.startswith("a live feed closing the page (6 entries") for r in cleaned.removed
    )
    # a page that is a live feed from its top keeps its entries (it is the article)
    alone = clean_inline("\n".join(["تغطية مباشرة", *FEED, *SENTENCES]), None)
    assert "بلجيكا" in "\n".join(alone.lines)
    # times in sentences (a programme "من الساعة 8:30 وحتى 9:45") are no entries
    schedule = " ".join(
        f"ويبدأ العرض {n} من الساعة {h}:30 وحتى {h + 1}:15 مساء على المسرح الكبير ."
        for n, h in zip(
            ["الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس"], range(14, 20), strict=True
        )
    )
    program = clean_inline("\n".join(["العنوان", *article, schedule]), None)
    assert "السادس" in "\n".join(program.lines)


def test_a_headline_shown_three_times_is_the_headline_but_not_a_run_inside_the_lead():
    headline = "قوات سوريا الديمقراطية : الرقة ستكون جزءا من سوريا لا مركزية"
    text = f"{headline} خبر عاجل {headline} {headline} شفق نيوز / {SENTENCES[0]}\n" + "\n".join(
        SENTENCES[1:]
    )
    cleaned = clean_inline(text, None)
    assert cleaned.title == headline
    assert headline not in "\n".join(cleaned.lines)
    assert cleaned.lines[0].endswith(SENTENCES[0])
    # five words the header shows twice and the lead's sentence once more are no
    # headline of their own: the lead keeps them
    words = "الواقعة ضمن مناطق خفض التوتر"
    first = (
        f"نظام الأسد يقصف الغوطة الشرقية {words} بريف دمشق ويقتل مدنيينقناة العربية"
        f" | أحدث الأخبار X نظام الأسد يقصف الغوطة الشرقية {words} بريف دمشق ويقتل 9"
        f" مدنيين 2017 - 10 - 27 قتل 9 مدنيين في قصف على الغوطة الشرقية {words} ."
    )
    lead = clean_inline(first + "\n" + "\n".join(SENTENCES), None)
    assert lead.title != words
    assert f"قتل 9 مدنيين في قصف على الغوطة الشرقية {words} ." in lead.lines[0]


def test_the_slash_of_a_month_given_twice_does_not_cut_the_lead():
    headline = "بيان حول استهداف أحد مراكز الاحتجاز من قبل قوات التحالف"
    lead = (
        "بدأت الولايات المتحدة وحلفاؤها بتاريخ 23 أيلول / سبتمبر 2014 أولى الضربات الجوية"
        " ضد تنظيم الدولة في عدة مدن وبلدات سورية وخاصة في محافظتي الرقة ودير الزور ."
    )
    text = f"مركز التوثيق - {headline} بيانات صحفية : : {headline} {headline} {lead}\n"
    cleaned = clean_inline(text + "\n".join(SENTENCES), None)
    assert cleaned.title == headline
    assert lead in cleaned.lines[0]


def test_teasers_cut_at_one_length_after_a_list_heading_end_the_article():
    teasers = " ".join(
        f"لم يتوقع احد ان يتصرف الرئيس كما يفعل الآن تجاه التطورات الجارية في البلد رقم {i}"
        " وهذا ما يفسر الكثير من قراراته . ."
        for i in range(6)
    )
    column = [*SENTENCES * 5, f"بقلم : الكاتب مقالات أخرى {teasers} آخر"]
    cleaned = clean_inline("\n".join(["العنوان", *column]), None)
    kept = "\n".join(cleaned.lines)
    assert all(s in kept for s in SENTENCES) and "البلد رقم" not in kept
    assert any(
        r.reason.startswith("a list of teasers (from «مقالات اخري»") for r in cleaned.removed
    )
    # a writer's ". ." after an inline "اقرأ أيضا :" come at every length: the text stays
    pauses = " . . ".join(
        ["ويقولون ان ولي العهد نفذ خطة", SENTENCES[1], "وبالتالي", SENTENCES[2] * 3, "خصوصا"]
    )
    kept = "\n".join(
        clean_inline("\n".join(["العنوان", *SENTENCES * 5, f"اقرأ أيضا : {pauses} ."]), None).lines
    )
    assert "ويقولون ان ولي العهد نفذ خطة" in kept


def test_a_ligature_that_folds_to_several_words_keeps_the_tokens_in_step():
    # "ﷺ" folds to four words, a lone shadda to none: each is still one token
    line = "وقال النبي ﷺ: إنما الأعمال بالنيات ّ وهذا حديث معروف ، ثم أضاف 21 / 3 / 2015"
    text = "\n".join(["العنوان", line, *SENTENCES])
    cleaned = clean_inline(text, None)
    assert cleaned.lines[1].startswith("وقال النبي ﷺ: إنما الأعمال")
    assert all(s in "\n".join(cleaned.lines) for s in SENTENCES)


def test_a_long_headline_opening_the_page_with_a_menu_glued_after_it():
    headline = "فورمولا واحد : هاميلتون بطل العالم في انتظار التتويج"
    menu = "رياضات عربية بطولات أوروبية بطولات دولية المزيد"
    text = f"{headline} {menu} أشهر الرياضات {menu} {headline} {SENTENCES[0]}\n" + "\n".join(
        SENTENCES[1:]
    )
    cleaned = clean_inline(text, None)
    assert cleaned.title == headline
    assert cleaned.lines[0] == SENTENCES[0]
    # a short run opening the page is not told by its repeats alone
    short = clean_inline(f"أخبار سوريا اليوم تحديث أخبار سوريا اليوم {SENTENCES[0]}", None)
    assert short.title != "أخبار سوريا اليوم"


def test_the_writers_box_closes_the_page_where_it_opens_a_unit_but_not_in_a_sentence():
    bio = (
        "عن الكاتب هو صحفي من مواليد مدينة المحلة الكبرى , وقد عمل في عدد من الصحف التي"
        " تهتم بالشأن العربي وهو يكتب في هذا الموقع منذ سنوات طويلة مع فريق التحرير ."
    )
    boxed = clean_inline("\n".join(["العنوان", *SENTENCES * 2, bio]), None)
    kept = "\n".join(boxed.lines)
    assert all(s in kept for s in SENTENCES) and "المحلة" not in kept
    # "released the writer and journalist …" is a sentence of the article
    released = "وفي العام نفسه أفرجت السلطات , عن الكاتب والصحفي ميشيل كيلو بعد انتهاء محكوميته ."
    text = "\n".join(["العنوان", *SENTENCES * 2, released, SENTENCES[0]])
    assert released in "\n".join(clean_inline(text, None).lines)


def test_newsletter_sponsor_subscription_and_feed_reader_notices():
    sponsor = "هذه النشرة برعاية " + SENTENCES[2]
    mail = "نشرة الموقع تضع في بريدك الخاص كل ما تحتاج معرفته عن مصر , من الأحد إلى الخميس ."
    click = "اضغط للاشتراك في نشرة الموقع مجانا ."
    reader = (
        "هذه الصفحة هي مجرد قارئ تلقائي للأخبار باستخدام خدمة RSS و نشر هذه الأخبار هنا"
        " لا تعني تأييدها على الإطلاق ."
    )
    text = "\n".join(
        ["العنوان", SENTENCES[0], SENTENCES[1], sponsor, SENTENCES[3], mail, click, reader]
    )
    cleaned = clean_inline(text, None)
    kept = "\n".join(cleaned.lines)
    # the sponsor's words go, the story after them on the line stays
    assert all(s in kept for s in SENTENCES[:4])
    assert "برعاية" not in kept and "بريدك" not in kept and "للاشتراك" not in kept
    assert "تلقائي" not in kept
    reasons = {r.reason for r in cleaned.removed}
    assert {"boilerplate phrase (sponsor)", "boilerplate phrase (subscribe)"} <= reasons
    # under a patron's sponsorship, and a reader's e-mail in a sentence, are prose
    patron = "وافتتح المؤتمر برعاية خادم الحرمين الشريفين بحضور عدد كبير من الوزراء والسفراء ."
    asked = (
        "عندما تسجل في أي تطبيق غربي , يسألون دائما عن عنوان بريدك الإلكتروني وليس عن رقم هاتفك ."
    )
    prose = clean_inline("\n".join(["العنوان", patron, asked, *SENTENCES]), None)
    assert patron in prose.lines and asked in prose.lines


def test_a_footer_addressed_to_a_woman_or_to_many_readers():
    for heading in ("اقرئي أيضا", "شاهدي أيضا", "اقرؤوا أيضا", "شاهدوا أيضا"):
        footer = f"{heading} فستان العروس في موسم الأعراس عشر أفكار لحفلة الخطوبة"
        cleaned = clean_inline("\n".join(["العنوان", *SENTENCES, footer]), None)
        kept = "\n".join(cleaned.lines)
        assert all(s in kept for s in SENTENCES) and "فستان" not in kept, heading


def test_the_site_name_after_a_bar_in_the_page_title_is_not_the_headline():
    headline = "أستراليا ستنهي ضرباتها الجوية في سوريا والعراق"
    # "Headline | Site" (the HTML title), then the heading and the site's dateline
    first = f"{headline} | الوركاء الأحد , يناير 21 , 2018 {headline} الوركاء : {SENTENCES[0]}"
    cleaned = clean_inline("\n".join([first, *SENTENCES[1:]]), None)
    assert cleaned.title == headline
    assert cleaned.lines[0].endswith(SENTENCES[0])
    assert "الوركاء" not in cleaned.lines[0] and headline not in "\n".join(cleaned.lines)
    assert {r.reason for r in cleaned.removed if r.text == "| الوركاء"} == {
        "the site's name after the headline"
    }
    # the headline's further copies go with it
    copies = (
        f"{headline} | مرآة سوريا {headline} {headline} ( مرآة سوريا - متابعات ) {SENTENCES[0]}"
    )
    repeated = clean_inline("\n".join([copies, *SENTENCES[1:]]), None)
    assert repeated.title == headline and headline not in "\n".join(repeated.lines)


def test_aggregator_notices_the_sites_self_description_and_page_widgets():
    aggregator = "الموقع عبارة عن محرك بحث اخباري فقط ولا يتحمل المسؤولية عن إي محتوى منشور ."
    about = (
        "اليوم قناة إخبارية مستقلة , تهدف إلى نشر ثقافة حقوق الانسان والحوار والتسامح "
        "بين أطياف المجتمع السوري ."
    )
    notify = "Notify me of follow - up comments by email ."
    first = (
        "ملاحظة : المحتوى الذي عنوانه ( عنوان الخبر ) نشر أولا على موقع ( ميدل ايست ) ولا "
        "تتحمل الموسوعة مضمونه ."
    )
    text = "\n".join(["العنوان", *SENTENCES[:3], aggregator, about, notify, first])
    kept = "\n".join(clean_inline(text, None).lines)
    assert all(s in kept for s in SENTENCES[:3])
    assert "محرك بحث" not in kept and "مستقلة" not in kept and "Notify" not in kept
    assert "ميدل ايست" not in kept
    copied = (
        "ملحوظة : مضمون هذا الخبر تم كتابته بواسطة كتاب ولا يعبر عن وجهة نظر وانما تم نقله"
        " بمحتواه كما هو ونحن غير مسئولين عن محتوى الخبر والعهدة على المصدر السابق ذكره ."
    )
    thanks = (
        "شكرا لقرائتكم خبر عن العنوان ونحيطكم علما بان محتوى الموضوع تم كتابته بواسطة الموقع"
        " ويمكنك متابعة مستجدات هذا الخبر من مصدره الأساسي ."
    )
    for notice in (copied, thanks):
        kept = "\n".join(clean_inline("\n".join(["العنوان", *SENTENCES, notice]), None).lines)
        assert all(s in kept for s in SENTENCES) and "مصدر" not in kept
    # a view counter between the headline and the lead: only the counter goes
    counted = "\n".join(
        [
            "أطفال سوريا في شوارع بيروت لتأمين قوت العائلة المشاهدات : 583 " + SENTENCES[0],
            SENTENCES[1],
        ]
    )
    page = clean_inline(counted, None)
    kept = "\n".join([page.title or "", *page.lines])
    assert "أطفال سوريا في شوارع بيروت لتأمين قوت العائلة" in kept and SENTENCES[0] in kept
    assert [r.reason for r in page.removed if "583" in r.text] == [
        "page widget: a view counter, a poll, a results ticker or a wiki's label"
    ]
    # an independent outlet named in a report is prose
    report = (
        "وقالت صحيفة الأخبار في تقرير نشرته أمس إن الحكومة لم تتخذ أي قرار بشأن المعبر "
        "الحدودي حتى الآن ."
    )
    assert report in clean_inline("\n".join(["العنوان", report, *SENTENCES[:2]]), None).lines


def test_pages_opening_or_closing_with_a_learned_phrase_are_found_at_either_end():
    # the ends are read off the first and last characters; a page whose end is mostly
    # numbers and marks there is keyed whole, so its phrase is still found
    from mediaframe.clean.pages import PhraseBook, scrape_signs

    phrase = "نافذة الخبر المسائية اليوم"
    prose = " ".join(SENTENCES * 3)
    texts = {
        "opens": f"{phrase} {prose}",
        "closes": f"{prose} {phrase}",
        "numbers first": "1 , 2 . 3 - " * 60 + f"{phrase} {prose}",
        "numbers last": f"{prose} {phrase} " + "4 / 5 : 6 ؛ " * 60,
        "middle": f"{prose} {phrase} {prose}",
        "other outlet": f"{phrase} {prose}",
    }
    docs = pl.DataFrame(
        {
            "outlet": ["alkhabar.com"] * 5 + ["other.com"],
            "title": ["عنوان"] * 6,
            "text": list(texts.values()),
        }
    )
    books = {"alkhabar.com": PhraseBook(phrases={"نافذه الخبر المساييه اليوم": 9}, pages=20)}
    signs = dict(zip(texts, scrape_signs(docs, books), strict=True))
    assert signs == {
        "opens": True,
        "closes": True,
        "numbers first": True,
        "numbers last": True,
        "middle": False,
        "other outlet": False,
    }


def test_tag_lists_categories_useful_links_and_a_wikis_language_links_end_the_article():
    endings = [
        "كلمات دليلية م - واض - ي - ع م - ق - ت - رح - ة 24 ساعة",
        "ضمن تصنيف : الوسوم مقالات ذات صلة",
        "وسوم الأكثر انتشارا ع السريع | السيسي يعلن ترشحه للرئاسة . . وسامي عنان",
        "الصفحة 1 الأقسام روابط مفيدة المزيد من الجميلة",
        "تصنيفات : بلغات أخرى : English : , Español : , Deutsch : تم عرض هذه الصفحة 5 ' 150 مرة .",
    ]
    for ending in endings:
        cleaned = clean_inline("\n".join(["العنوان", *SENTENCES, ending]), None)
        kept = " ".join(cleaned.lines)
        assert all(s in cleaned.lines for s in SENTENCES), ending
        assert not any(w in kept for w in ("دليلية", "تصنيف", "وسوم", "روابط", "بلغات")), ending
    # hashtags in a sentence are prose
    prose = "وأشار إلى ما يتم إطلاقه من وسوم حول الكوارث والأزمات على مواقع التواصل ."
    assert prose in clean_inline("\n".join(["العنوان", prose, *SENTENCES]), None).lines


TEASER_LEDES = [
    "أعلن وزير الخارجية الأردني اليوم عن مبادرة جديدة لدعم الحوار بين الأطراف في المنطقة بعد",
    "قتل أكثر من عشرين مسلحا في قصف جوي استهدف مواقعهم في الساحل الغربي خلال الساعات",
    "أفاد مسؤول محلي في مدينة زوارة بأنه جرى استئناف العمل في المعبر الحدودي اليوم بعد",
    "نفت روسيا على لسان سفيرها دعمها لقائد الجيش في شرق البلاد مؤكدة أن موقفها لم",
    "أكد المستشار الإعلامي لجهاز مكافحة الهجرة أن آلاف المهاجرين يوجدون حاليا في البلاد وأن",
]


def test_a_run_of_cut_off_teasers_closing_an_articles_page_goes_to_the_word():
    # Fewer teasers than make a list page (seen on aljamila, alwarkaa, mourassiloun): the
    # run closing the page goes and the article stays whole, also when it pauses with
    # ellipses of its own (their dots count as words where the cut is placed).
    pauses = (
        "وقال الكاتب إن الوطن . . . أمانة في أعناقنا جميعا . . . ولا بد من الوقوف معه"
        " . . . في السراء . . . وفي كل الظروف . . . والأحوال ."
    )
    article = [*SENTENCES[:3], pauses, *SENTENCES[3:]]
    teasers = " ".join(f"{lede} . . ." for lede in TEASER_LEDES)
    cleaned = clean_inline("\n".join(["العنوان", *article, f"تسوق معنا {teasers}"]), None)
    assert cleaned.listing is None
    kept = "\n".join(cleaned.lines)
    assert all(sentence in kept for sentence in article)
    assert not any(
        word in kept for word in ("تسوق", "الأردني", "عشرين", "زوارة", "سفيرها", "المهاجرين")
    )
    assert any(
        r.reason == "a list of 5 teasers cut off by an ellipsis, after the article"
        for r in cleaned.removed
    )
    # A writer's pauses closing an article come at every length: no run of teasers.
    ends = [
        "نعم هكذا كان",
        "وكانت المدينة تعيش أياما صعبة بين الحصار والقصف والجوع وانقطاع الكهرباء والماء عن"
        " معظم أحيائها القديمة والجديدة على حد سواء",
        "ثم ماذا",
        "لم يبق من الحي الذي ولدت فيه إلا الذكريات والصور القديمة المعلقة على الجدران",
        "لا شيء",
    ]
    closing = " . . . ".join(ends) + " ."
    cleaned = clean_inline("\n".join(["العنوان", *SENTENCES, closing]), None)
    assert not any("teasers" in r.reason for r in cleaned.removed)
    assert "لم يبق من الحي الذي ولدت فيه" in "\n".join(cleaned.lines)


def test_an_email_cloaking_notice_and_a_polls_results_go_and_a_page_of_dated_items_is_a_list():
    cloak = "عنوان البريد الإلكتروني هذا محمي من روبوتات السبام ."
    poll = "في رأيك . . هل تنجح المفاوضات ? 26 % 66 % 8 %"
    cleaned = clean_inline("\n".join(["العنوان", *SENTENCES, poll, cloak]), None)
    kept = "\n".join(cleaned.lines)
    assert all(sentence in kept for sentence in SENTENCES)
    assert "روبوتات" not in kept and "%" not in kept
    ticker = "الدوري المصري بتروجيت 2 x 1 إنبي 1 x 0 وادي دجلة الانتاج الحربي 1 x 0 طلائع الجيش"
    cleaned = clean_inline("\n".join(["العنوان", f"{ticker} {SENTENCES[0]}", *SENTENCES[1:]]), None)
    kept = "\n".join(cleaned.lines)
    assert all(s in kept for s in SENTENCES) and " x " not in kept and "إنبي" not in kept
    # percentages and a score in a sentence are text
    score = "وفاز الفريق على السد القطري 2 - 1 وعلى الشعب الإماراتي 3 - 0 في مبارياته الودية ."
    assert score in clean_inline("\n".join(["العنوان", score, *SENTENCES]), None).lines
    prose = "وارتفعت الصادرات 26 % والواردات 8 % خلال العام الماضي مقارنة بالعام الذي سبقه ."
    assert prose in clean_inline("\n".join(["العنوان", prose, *SENTENCES]), None).lines
    # a page of items, each stamped with its publication date, is a list
    items = [
        f"تاريخ النشر : {day} - 01 - 2018 مجموعة العمل - دمشق {SENTENCES[day % 5]}"
        for day in range(1, 11)
    ]
    assert clean_inline("\n".join(items), None).listing == (
        "a list of 10 items, each with its publication date"
    )
    # an article shows its own date once or twice
    article = ["تاريخ النشر : 20 - 01 - 2018", *SENTENCES, "تاريخ النشر : 20 - 01 - 2018"]
    assert clean_inline("\n".join(article), None).listing is None


def test_a_dash_ends_the_headline_where_the_page_repeats_the_words_before_it():
    headline = "صفقات القوات المسلحة ترتفع إلى 14 . 7 مليار درهم"
    menu = "معلومات مباشر يحدث الآن نبض السوق أخبار الدول أخبار إقليمية ."
    # "Headline - site's menu" (the HTML title), then the heading glued after a crumb
    first = f"{headline} - {menu}"
    second = f"الاكتتابات {headline} من : عمرو عادل دبي - مباشر : {SENTENCES[0]}"
    cleaned = clean_inline("\n".join([first, second, *SENTENCES[1:]]), None)
    assert cleaned.title == headline
    kept = "\n".join(cleaned.lines)
    assert "نبض السوق" not in kept and headline not in kept
    assert all(sentence in kept for sentence in SENTENCES)
    assert {r.reason for r in cleaned.removed if "نبض السوق" in r.text} == {
        "the site's name after the headline"
    }
    # the heading's copy goes with the mark that closes the headline
    quoted = 'مهاجرو باريس يتربص بهم الموت في " جحيم الليل "'
    lines = [f"{quoted} - مهاجر نيوز", f"صورة من الأرشيف {quoted} {SENTENCES[0]}", *SENTENCES[1:]]
    cleaned = clean_inline("\n".join(lines), None)
    assert cleaned.title == quoted
    assert cleaned.lines[1].endswith(SENTENCES[0]) and '"' not in cleaned.lines[1]
    # a dateline's dash, or words before a dash that the page does not repeat, stay
    dateline = f"دمشق - رويترز - {SENTENCES[0]}"
    assert clean_inline("\n".join([dateline, *SENTENCES[1:]]), None).lines[0] == dateline
    unrepeated = f"{headline} - {menu}"
    other = clean_inline("\n".join([unrepeated, *SENTENCES]), None)
    assert "نبض السوق" in (other.title or "") + "\n".join(other.lines)
    # a long rest after the dash is the lead: the headline ends at the dash, the rest stays
    lead = f"{headline} - {SENTENCES[1]} {SENTENCES[2]}"
    cleaned = clean_inline("\n".join([lead, f"{headline} {SENTENCES[0]}", *SENTENCES[3:]]), None)
    assert cleaned.title == headline
    assert SENTENCES[1] in "\n".join(cleaned.lines) and SENTENCES[2] in "\n".join(cleaned.lines)


def test_favourites_buttons_a_comment_forms_fields_and_a_sign_off_go():
    buttons = "أضف هذا المقال إلى المفضلةإحذف هذا المقال من المفضلة شارك بتعليق على هذا المقال"
    form = "هل أعجبك هذا المقال ? الاسم * البريد الإلكتروني يرجى إدخال الأرقام *"
    sign_off = "شكرا لكم لمتابعتنا ونعدكم دائما بتقديم كل ما هو افضل ."
    footer = "موضوعات قد تعجبك إن المواد المنشورة في الموقع ممنوع بثها أو إعادة توزيعها ."
    lines = ["العنوان", buttons, *SENTENCES, sign_off, form, footer]
    kept = "\n".join(clean_inline("\n".join(lines), None).lines)
    assert all(sentence in kept for sentence in SENTENCES)
    for gone in ("المفضلة", "بتعليق", "أعجبك", "الأرقام", "لمتابعتنا", "تعجبك", "بثها"):
        assert gone not in kept
    # "comment through: (a service)" under the article, an empty thread's moderation
    # notice, a newsletter form's hidden field, a donation appeal
    for tail, word in (
        ("التعليق عن طريق : تفاصيل التعليق .", "تفاصيل"),
        ("لا يوجد تعليقات تنويه تتم مراجعة كافة التعليقات , وتنشر عند الموافقة .", "تنويه"),
        (
            "انضم لقائمتنا البريدية البريد الإلكتروني : Leave this field empty if you ' re human :",
            "field",
        ),
        ("ادعمنا للاستمرار في مهمتنا لصناعة الوعي , تبرع الآن", "مهمتنا"),
        ("لن يتم نشر البريد الإلكتروني . الحقول الإلزامية مشار إليها", "الإلكتروني"),
        # a comment policy: its disclaimer, its review and its rules, and an ad notice
        ("الآراء والتعليقات المنشورة تعبر عن رأي أصحابها فقط Developed by", "Developed"),
        (
            "تعبر المشاركات عن وجهة نظر كاتبيها ولا تعكس بأي شكل من الأشكال وجهة نظر الجريدة .",
            "كاتبيها",
        ),
        (
            "المشاركة / التعليق تتم مراجعة المشاركات التي يتقدم بها القراء , وتنشر بعد التأكد"
            " من أنها لا تتضمن أية كلمات تخالف شروط النشر التالية .",
            "القراء",
        ),
        ("يعد الإعلان السلوكي طريقة لاستخدام المعلومات المتعلقة بنشاطك .", "بنشاطك"),
        # a closed thread, related items under other names, a newsletter, a password box
        (
            "ابتداء من تاريخ 30 تموز 2015 , تم إيقاف التعليقات على المقالات مؤقتا نظرا لبعض"
            " الصعوبات التقنية .",
            "الصعوبات",
        ),
        ("المصدر : القدس العربي التعليقات مغلقة .", "مغلقة"),
        ("مضامين ذات صلة", "مضامين"),
        ("تويتر الحدث هاشتاغات ذات علاقة الحدث", "هاشتاغات"),
        ("الاشتراك في الرسائل الإخبارية", "الرسائل"),
        (
            "سيتم إرسال رابط إلى بريدك الإلكتروني تستطيع من خلاله إنشاء كلمة مرور جديدة .",
            "تستطيع",
        ),
    ):
        kept = clean_inline("\n".join(["العنوان", *SENTENCES, tail]), None).lines
        assert all(sentence in kept for sentence in SENTENCES), tail
        assert word not in "\n".join(kept), tail
    # a sentence's own words are no notice: courses related to a subject, a proposal
    for prose in (
        "وتضم الخطة مواد ذات علاقة بالطب البديل في المناهج .",
        "ونوصي القارئ ألا يفوتك هذا المعرض في دورته المقبلة .",
        "وأوضح أنه سيتم مراجعة المشاركات من قبل لجنة تحكيم مستقلة .",
        "وأشار إلى أنه سيتم إرسال رابط الاختبار إلى الطلاب قبل موعده .",
        "وأوضح أن هذه التصريحات تعبر عن رأي أصحابها فقط ولا تمثل الموقف الرسمي .",
        "وقررت الهيئة حجب الموقع بسبب مخالفة قواعد النشر المعمول بها .",
        "وأكدت الشركة أنه لن يتم نشر البريد الإلكتروني للمستخدمين أو أرقام هواتفهم .",
    ):
        kept = clean_inline("\n".join(["العنوان", *SENTENCES, prose]), None).lines
        assert prose in kept, prose


def test_a_page_of_items_each_dated_before_a_bar_of_counters_is_a_list():
    # each teaser cut off and run into the next item's date, as the page shows them
    items = [
        f"{SENTENCES[day % 5][:40]} {day:02d} - 05 - 2015 | 0 | 0 | {SENTENCES[(day + 1) % 5]}"
        for day in range(1, 11)
    ]
    assert clean_inline("\n".join(items), None).listing == (
        "a list of 10 items, each with its publication date"
    )
    # an article's own date bar, and dates in its sentences, do not make it a list
    dated = [f"{s} وذلك في 2{n} - 05 - 2015 حسب المصادر ." for n, s in enumerate(SENTENCES)]
    article = ["20 - 01 - 2018 | 0 | 0 |", *dated, *SENTENCES]
    assert clean_inline("\n".join(article), None).listing is None


def test_a_headline_run_that_is_the_headline_twice_is_one_copy():
    headline = "مسئول إسرائيلي : إيران تنفق مئات الملايين لمساندة حلفائها"
    # an aggregator's header: the headline, in quotes, shown again and again between
    # its notices
    quoted = f'" {headline} "'
    first = (
        f"{quoted} متداولة الان {quoted} {quoted} {quoted} شبكة الفرسان نقلا عن"
        f" الدستور ننشر لكم {quoted} , {quoted} ننشر لكم زوارنا جديد الاخبار اليوم"
        f" عبر موقعنا شبكة الفرسان ونبدء مع الخبر الابرز , {quoted} ."
    )
    cleaned = clean_inline("\n".join([first, *SENTENCES]), None)
    assert cleaned.title == headline
    assert all(sentence in cleaned.lines for sentence in SENTENCES)


def test_the_headline_is_in_the_pages_script_not_its_interface_labels():
    labels = (
        "X Desktop : Size > = 1024 Desktop : Size < = 1024 Tablate portrait : Size < = 800"
        " Tablate portrait : Size < = 1024 Tablate portrait"
    )
    cleaned = clean_inline("\n".join([labels, *SENTENCES]), None)
    assert "Size" not in (cleaned.title or "") and "Size" not in "\n".join(cleaned.lines)
    assert all(sentence in cleaned.lines for sentence in SENTENCES)
    # an English page's headline, shown twice, is its headline
    english = [
        "Assad meets the UN envoy in Damascus | Daily News Assad meets the UN envoy in Damascus",
        "The Syrian president met the United Nations envoy on Sunday to discuss the talks .",
        "The envoy said that the meeting had been useful and that talks would resume soon .",
    ]
    assert clean_inline("\n".join(english), None).title == "Assad meets the UN envoy in Damascus"


def test_four_teasers_each_led_by_its_date_and_time_close_the_page():
    teasers = [
        "قال كبير الديمقراطيين في لجنة المخابرات إن الشهادة توحي بغسيل أموال .",
        "توفيت الناشطة في مجال إغاثة اللاجئين عن خمسة وسبعين عاما اليوم .",
        "سيطر التنظيم في الساعات الأخيرة على عدد كبير من القرى في ريف حماة .",
        "طوقت الشرطة البريطانية محطة قطارات وسط لندن بعد العثور على جسم مشبوه .",
    ]
    stamps = ["2018 - 01 - 19 19 : 36", "2018 - 01 - 19 18 : 55", "2018 - 01 - 19 18 : 45"]
    stamps.append("2018 - 01 - 19 16 : 52")
    feed = [f"{stamp} {teaser}" for stamp, teaser in zip(stamps, teasers, strict=True)]
    article = SENTENCES * 4  # over LIVE_FEED_AFTER words before the teasers
    cleaned = clean_inline("\n".join(["العنوان", *article, *feed]), None)
    kept = "\n".join(cleaned.lines)
    assert all(s in kept for s in SENTENCES) and not any(t in kept for t in teasers)
    # three are not enough to tell teasers from a story's own timeline
    three = clean_inline("\n".join(["العنوان", *article, *feed[:3]]), None)
    assert all(t in "\n".join(three.lines) for t in teasers[:3])


def test_a_wikis_labels_go_alone_and_the_same_words_in_a_sentence_stay():
    lines = [
        "لغات أخرى العلاقات الإيرانية اللبنانية هي العلاقات بين الجمهورية الإسلامية ولبنان .",
        f"فهرست {SENTENCES[0]}",
        f"مقالة رئيسية : الأكراد {SENTENCES[1]}",
        f"هذا المقال هو جزء من سلسلة عن : تاريخ لبنان {SENTENCES[2]}",
        *SENTENCES[3:],
    ]
    cleaned = clean_inline("\n".join(["العنوان", *lines]), None)
    kept = "\n".join(cleaned.lines)
    assert all(sentence in kept for sentence in SENTENCES)
    assert "هي العلاقات بين الجمهورية الإسلامية ولبنان" in kept
    for label in ("لغات أخرى", "فهرست", "مقالة رئيسية", "جزء من سلسلة"):
        assert label not in kept
    prose = "ويتحدث سكان المنطقة لغات أخرى إلى جانب العربية منذ قرون طويلة في القرى ."
    assert prose in clean_inline("\n".join(["العنوان", prose, *SENTENCES]), None).lines


def test_a_headline_closed_by_a_year_in_both_copies_is_the_headline():
    headline = "مجلة التايم تختار طالبة سعودية بين الأكثر تأثيرا في 2017"
    first = f"{headline} {headline} الطالبة ريوف الحميضي وكالات - المدائن {SENTENCES[0]}"
    cleaned = clean_inline("\n".join([first, *SENTENCES[1:]]), None)
    assert cleaned.title == headline
    assert cleaned.lines[0].endswith(SENTENCES[0]) and "2017" not in "\n".join(cleaned.lines)
    # a run that two dates surround is a date box, not a headline
    dates = "الأحد 21 يناير 2018 أخبار اليوم 21 يناير 2018 أخبار اليوم 22"
    assert clean_inline("\n".join([dates, *SENTENCES]), None).title != "أخبار اليوم"


def test_a_sites_sign_up_box_its_rules_and_republishing_terms_end_the_article():
    lines = [
        "العنوان",
        "شباب السفير الملحق الأسبوعي مقالات للكاتب نفسه",
        *SENTENCES,
        "يجوز الاقتباس وإعادة نشر ما يصدر عن الحزب شريطة أمانة النقل .",
        "قواعد التسجيل والمشاركة يحق لأي قارئ التسجيل في الموقع .",
        "التسجيل عليك التسجيل للاستفادة من كافة خدمات الموقع حفظ التعديلات",
    ]
    kept = "\n".join(clean_inline("\n".join(lines), None).lines)
    assert all(sentence in kept for sentence in SENTENCES)
    for gone in ("للكاتب نفسه", "يجوز الاقتباس", "قواعد التسجيل", "للاستفادة"):
        assert gone not in kept


def test_a_web_address_with_a_path_goes_but_the_text_around_it_stays_one_block():
    link = "pic . twitter . com / IFbj4Jpiin"
    short = "www . almadaen . com . sa / ? p = 281154"
    lines = [
        "العنوان",
        f"{SENTENCES[0]} {link} {SENTENCES[1]}",
        f"{short} {SENTENCES[2]}",
        *SENTENCES[3:],
    ]
    cleaned = clean_inline("\n".join(lines), None)
    kept = "\n".join(cleaned.lines)
    assert all(sentence in kept for sentence in SENTENCES)
    assert "twitter" not in kept and "almadaen" not in kept and "281154" not in kept
    assert {r.reason for r in cleaned.removed if "twitter" in r.text} == {"a web address"}
    # a site named in a sentence, without a path, is prose
    named = "وللمزيد من المعلومات يمكن زيارة موقع www . example . com على الانترنت دائما ."
    assert named in clean_inline("\n".join(["العنوان", named, *SENTENCES]), None).lines


def test_an_embedded_posts_credit_goes_and_the_quoted_post_and_the_article_stay():
    post = "الحمد لله وصلت الى بيروت بالسلامة ."
    lines = [
        "العنوان",
        SENTENCES[0],
        f"{post} - Saad Hariri ( @ saadhariri ) November 4 , 2017 {SENTENCES[1]}",
        f"- التلفزيون العربي ( @ AlarabyTV ) {SENTENCES[2]}",
        SENTENCES[3],
        f"- خبرگزاری ایسنا ( @ isna-farsi ) November 13 , 2017 {SENTENCES[4]}",
        *SENTENCES[5:],
    ]
    cleaned = clean_inline("\n".join(lines), None)
    kept = "\n".join(cleaned.lines)
    assert all(sentence in kept for sentence in [post, *SENTENCES])
    assert "saadhariri" not in kept and "Hariri" not in kept and "2017" not in kept
    assert "AlarabyTV" not in kept and "التلفزيون العربي" not in kept
    assert "isna-farsi" not in kept
    reasons = {r.reason for r in cleaned.removed if "@" in r.text}
    assert reasons == {"an embedded post's credit (its account and date)"}
    # a handle in a sentence, without the dash before it, is prose
    named = "وكتب الحريري على حسابه ( @ saadhariri ) أنه عائد الى بيروت قريبا جدا ."
    assert named in clean_inline("\n".join(["العنوان", named, *SENTENCES]), None).lines


def test_teasers_after_in_the_same_section_end_a_short_article():
    # a short report (two long sentences, about 70 words), then the section's teasers
    article = [
        " ".join(SENTENCES[:2]).replace(" .", " ,", 1),
        " ".join(SENTENCES[2:4]).replace(" .", " ,", 1),
    ]
    teasers = " ".join(f"{SENTENCES[n % 5]} {SENTENCES[(n + 1) % 5][:50]} . . ." for n in range(8))
    lines = ["العنوان", *article, "( رويترز (", f": في نفس القسم {teasers}"]
    cleaned = clean_inline("\n".join(lines), None)
    kept = "\n".join(cleaned.lines)
    assert all(sentence in kept for sentence in article)
    assert "في نفس القسم" not in kept and ". . ." not in kept


def test_a_stretched_see_also_and_a_no_quoting_notice_end_the_article():
    footer = (
        "مواضيع شاهد ايض - - - ا الموقع مرخص بموجب أحكام المطبوعات و يمنع الاقتباس أو"
        " إعادة النشر بدون ذكر المصدر"
    )
    kept = "\n".join(clean_inline("\n".join(["العنوان", *SENTENCES, footer]), None).lines)
    assert all(sentence in kept for sentence in SENTENCES)
    assert "شاهد" not in kept and "الاقتباس" not in kept


def test_a_date_box_after_the_headline_and_the_site_before_it_are_not_the_headline():
    headline = "تركيا تريد إجلاء مصابين من الغوطة الشرقية إليها لعلاجهم"
    # "Site - Headline <date box> Headline lead", all on one line
    first = (
        f"Lebanon News , Breaking News - {headline} 24 كانون الأول 2017 - 14 : 33"
        f" {headline} {SENTENCES[0]}"
    )
    cleaned = clean_inline("\n".join([first, *SENTENCES[1:]]), None)
    assert cleaned.title == headline
    kept = "\n".join(cleaned.lines)
    assert "Breaking" not in kept and headline not in kept and SENTENCES[0] in kept
    # "Site - Headline" on its own line, the heading below repeating the headline
    lines = [f"مشاهير بالصور - {headline}", f"{headline} {SENTENCES[0]}", *SENTENCES[1:]]
    cleaned = clean_inline("\n".join(lines), None)
    assert cleaned.title == headline
    assert {r.reason for r in cleaned.removed if "مشاهير" in r.text} == {
        "the site's name before the headline"
    }


def test_a_sidebar_of_times_written_the_other_way_round_goes_but_one_in_prose_stays():
    sidebar = "ساعة قبل - 12 ساعة قبل - 13 ساعة قبل - 3 ساعات قبل - 2 يومين قبل"
    lines = ["العنوان", f"{sidebar} ماب نيوز - متابعات {SENTENCES[0]}", *SENTENCES[1:]]
    kept = "\n".join(clean_inline("\n".join(lines), None).lines)
    assert all(sentence in kept for sentence in SENTENCES) and "قبل -" not in kept
    prose = "ووصل الوفد قبل الاجتماع بساعات ثم غادر بعد 12 ساعة قبل أن يعود مجددا إلى العاصمة ."
    assert prose in clean_inline("\n".join(["العنوان", prose, *SENTENCES]), None).lines


def test_a_first_line_the_next_line_repeats_is_the_headline_even_ending_in_a_mark():
    headline = "البطريرك الراعي من الرياض : مقتنع باستقالة الحريري !"
    lines = [headline, f"January 21 , 2018 {headline}", f", 2 months ago {SENTENCES[0]}"]
    cleaned = clean_inline("\n".join([*lines, *SENTENCES[1:]]), None)
    assert cleaned.title == headline
    kept = "\n".join(cleaned.lines)
    assert "مقتنع" not in kept and "months ago" not in kept
    assert all(sentence in kept for sentence in SENTENCES)
    # a first sentence that the next line only continues is no headline
    lead = ["قال الوزير إن الحكومة ستعلن خطتها قريبا !", *SENTENCES]
    assert clean_inline("\n".join(lead), None).title is None


def test_a_newsletter_box_closing_the_article_and_a_comments_disclaimer_go():
    box = (
        "DON ' T MISS A STORY للاشتراك سجلوا هنا للاشتراك مجانا بنشرة الفنار للإعلام حول"
        " التعليم العالي سجل للحصول على نشرة الفنار"
    )
    disclaimer = "الآراء الواردة في التعليقات تعبر عن آراء أصحابها وليس عن رأي الموقع"
    lines = ["العنوان", *SENTENCES, f'{SENTENCES[0][:-2]} " {box}', disclaimer]
    kept = "\n".join(clean_inline("\n".join(lines), None).lines)
    assert all(sentence in kept for sentence in SENTENCES)
    assert "MISS" not in kept and "بنشرة" not in kept and "الآراء الواردة" not in kept
