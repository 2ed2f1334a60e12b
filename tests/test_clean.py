from pathlib import Path

import polars as pl

from mediaframe.clean import CleaningRules, clean_document, clean_documents, guess_language

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_0ded79b54724b48b.txt"


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


def test_language_guess_by_script():
    assert guess_language("واشنطن توقف العمليات", "en") == "ar"
    assert guess_language("Washington halts operations", "ar") == "en"
    assert guess_language("2022", "ar") == "ar"


def test_shard_tables_and_rejects():
    docs = pl.DataFrame(
        {
            "doc_id": ["seed", "short"],
            "source": ["a.txt", "b.txt"],
            "record": [1, 1],
            "outlet": ["orient", "orient"],
            "published": [None, None],
            "url": [None, None],
            "language": [None, None],
            "title": [None, None],
            "text": [SEED.read_text(encoding="utf-8"), "Title only\n\nok"],
        },
        schema_overrides={
            "published": pl.Date,
            "url": pl.String,
            "language": pl.String,
            "title": pl.String,
        },
    )
    tables = clean_documents(docs, CleaningRules(min_chars=20))
    assert tables["articles"]["doc_id"].to_list() == ["seed"]
    assert tables["articles"]["comments_found"].to_list() == [2]
    assert tables["rejects"].select("doc_id", "stage").rows() == [("short", "clean")]
    assert "shorter than clean.min_chars=20" in tables["rejects"]["reason"][0]
    assert tables["comments"].height == 2
    kinds = set(tables["sentences"]["kind"])
    assert kinds == {"title", "body", "comment"}
    body = tables["articles"]["text"][0]
    for row in tables["sentences"].filter(pl.col("kind") == "body").iter_rows(named=True):
        assert body[row["start"] : row["end"]] == row["text"]
