from datetime import date

import polars as pl

from mediaframe.clean.duplicates import DuplicateSettings, duplicate_summary, find_duplicates
from mediaframe.clean.ledger import build_ledger
from mediaframe.clean.pages import normalised_text_expr
from mediaframe.normalize import Folding

WIRE = (
    "دمشق (رويترز) - قالت وزارة الخارجية السورية يوم السبت إن القصف التركي على مناطق في شمال "
    "البلاد يمثل انتهاكا صارخا للسيادة السورية، ودعت مجلس الأمن الدولي إلى التحرك الفوري لوقف "
    "الاعتداءات التي أدت إلى مقتل وإصابة عشرات المدنيين وتدمير البنية التحتية في عدد من القرى."
)


def articles(rows):
    frame = pl.DataFrame(
        rows,
        schema={"doc_id": pl.String, "outlet": pl.String, "published": pl.Date, "text": pl.String},
    )
    return frame.with_columns(normalised_text_expr(Folding(), pl.col("text")).alias("text_norm"))


def test_exact_and_near_duplicates_are_grouped_with_the_earliest_canonical():
    frame = articles(
        [
            {
                "doc_id": "b",
                "outlet": "daily",
                "published": date(2022, 12, 4),
                "text": WIRE.replace("من القرى.", "من القرى الحدودية."),
            },
            {"doc_id": "a", "outlet": "agency", "published": date(2022, 12, 3), "text": WIRE},
            {
                "doc_id": "c",
                "outlet": "weekly",
                "published": date(2022, 12, 5),
                "text": WIRE + "\n",
            },
            {
                "doc_id": "other",
                "outlet": "agency",
                "published": date(2022, 12, 3),
                "text": "The US military halted joint patrols with the SDF in northeast Syria on Friday, the Pentagon said in a statement.",
            },
        ]
    )
    dups = find_duplicates(frame, DuplicateSettings(sample=1))
    assert dups.select("doc_id", "group", "kind", "is_canonical").rows() == [
        ("a", "a", "near", True),
        ("b", "a", "near", False),
        ("c", "a", "exact", False),
    ]
    near = dups.filter(pl.col("doc_id") == "b")["similarity"].item()
    assert 0.8 <= near < 1.0
    assert duplicate_summary(dups).row(0, named=True)["articles"] == 3


def test_different_articles_are_not_grouped_and_threshold_is_respected():
    frame = articles(
        [
            {"doc_id": "a", "outlet": "x", "published": None, "text": WIRE},
            {
                "doc_id": "b",
                "outlet": "y",
                "published": None,
                "text": " ".join(WIRE.split()[:25])
                + " وفي سياق آخر أعلنت الحكومة العراقية إغلاق معبر ربيعة الحدودي مع سوريا بسبب تدهور الوضع الأمني في المنطقة الحدودية وانتشار المسلحين.",
            },
        ]
    )
    assert find_duplicates(frame, DuplicateSettings(sample=1, threshold=0.8)).is_empty()
    assert find_duplicates(frame, DuplicateSettings(sample=1, threshold=0.2)).height == 2


def test_ledger_counts_add_up_and_mark_duplicates():
    manifest = pl.DataFrame({"source": ["a.jsonl"], "digest": ["x"], "records": [4]})
    reject_schema = {
        "source": pl.String,
        "record": pl.Int64,
        "doc_id": pl.String,
        "stage": pl.String,
        "reason": pl.String,
    }
    ingest_rejects = pl.DataFrame(
        [
            {
                "source": "a.jsonl",
                "record": 4,
                "doc_id": None,
                "stage": "ingest",
                "reason": "malformed JSON line",
            }
        ],
        schema=reject_schema,
    )
    documents = pl.DataFrame(
        {"source": ["a.jsonl"] * 3, "record": [1, 2, 3], "doc_id": ["a", "b", "c"]}
    )
    clean_rejects = pl.DataFrame(
        [
            {
                "source": "a.jsonl",
                "record": 3,
                "doc_id": "c",
                "stage": "clean",
                "reason": "too short",
            }
        ],
        schema=reject_schema,
    )
    kept = pl.DataFrame({"doc_id": ["a", "b"]})
    dups = pl.DataFrame({"doc_id": ["a", "b"], "group": ["a", "a"], "is_canonical": [True, False]})
    ledger = build_ledger(manifest, ingest_rejects, documents, clean_rejects, kept, dups)
    assert ledger.select("record", "outcome", "duplicate_of").rows() == [
        (1, "article", None),
        (2, "article", "a"),
        (3, "rejected", None),
        (4, "rejected", None),
    ]
    import pytest

    from mediaframe.errors import MediaframeError

    with pytest.raises(MediaframeError, match=r"a\.jsonl had 5 record"):
        build_ledger(
            manifest.with_columns(pl.lit(5).alias("records")),
            ingest_rejects,
            documents,
            clean_rejects,
            kept,
            dups,
        )


def test_a_shared_long_header_does_not_make_two_stories_duplicates():
    header = " ".join(f"قسم{i} الأخبار العاجلة من موقع الرصد اليومي" for i in range(60))
    story_a = "أعلنت وزارة الصحة اليوم افتتاح مستشفى جديد في مدينة حمص بسعة مئتي سرير للمرضى."
    story_b = "قالت مصادر محلية إن اشتباكات عنيفة اندلعت قرب مدينة درعا بين فصائل مسلحة مساء أمس."
    frame = articles(
        [
            {"doc_id": "x", "outlet": "o", "published": None, "text": header + " " + story_a},
            {
                "doc_id": "y",
                "outlet": "o",
                "published": None,
                "text": header + " " + " ".join(f"{story_b} {i}" for i in range(30)),
            },
            {"doc_id": "z", "outlet": "o", "published": None, "text": WIRE},
            {
                "doc_id": "w",
                "outlet": "o",
                "published": None,
                "text": WIRE.replace("من القرى.", "من القرى الحدودية."),
            },
        ]
    )
    found = find_duplicates(frame, DuplicateSettings(threshold=0.8))
    # x and y share 420 header words (the first 400 the candidate search reads) but
    # not their stories (whole-text Jaccard 0.3); w is z with a word added.
    assert set(found["doc_id"]) == {"z", "w"}
    assert 0.8 <= found.filter(pl.col("doc_id") == "z")["similarity"].item() < 1.0
