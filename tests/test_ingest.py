import json
import shutil
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from mediaframe.errors import MediaframeError
from mediaframe.ingest.encoding import decode_bytes, repair_mojibake
from mediaframe.ingest.read import (
    CorpusSettings,
    FieldMapping,
    partition,
    read_corpus,
    shard_of,
    unparsed_dates,
)

CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus"


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def big_jsonl(path: Path, megabytes: int = 20) -> int:
    """A JSONL file of about ``megabytes`` MB of distinct Arabic articles (never committed)."""
    words = [
        "قالت",
        "مصادر",
        "محلية",
        "إن",
        "القوات",
        "التركية",
        "قصفت",
        "قرى",
        "في",
        "ريف",
        "حلب",
        "الشمالي",
        "مساء",
        "اليوم",
    ]
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        while handle.tell() < megabytes * 1024 * 1024:
            body = " ".join(words[(count + i) % len(words)] for i in range(400)) + f" رقم {count}."
            handle.write(
                json.dumps({"id": f"big-{count}", "text": body}, ensure_ascii=False) + "\n"
            )
            count += 1
    return count


@pytest.fixture(scope="module")
def fixture_corpus():
    docs, rejects, manifest = read_corpus(
        sorted(CORPUS.iterdir()), CorpusSettings(default_outlet="x")
    )
    return docs, rejects, manifest


def test_fixture_corpus_every_record_has_exactly_one_outcome(fixture_corpus):
    docs, rejects, manifest = fixture_corpus
    assert manifest["records"].sum() == docs.height + rejects.height
    outcomes = pl.concat([docs.select("source", "record"), rejects.select("source", "record")])
    per_file = outcomes.group_by("source").agg(pl.len().alias("n"))
    assert dict(per_file.iter_rows()) == dict(manifest.select("source", "records").iter_rows())
    reasons = {Path(s).name: r for s, r in rejects.select("source", "reason").iter_rows()}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["image.txt"].startswith("binary file")
    assert "missing text column" in reasons["missing_column.csv"]
    assert "corpus.fields.text" in reasons["missing_column.csv"]
    by_record = {
        (Path(s).name, r): reason
        for s, r, reason in rejects.select("source", "record", "reason").iter_rows()
    }
    assert by_record[("articles.jsonl", 4)].startswith("malformed JSON line")
    assert by_record[("articles.jsonl", 6)].startswith("duplicate doc_id 'wire-1' (first in")


def test_encodings_are_detected_and_recorded(fixture_corpus):
    docs = fixture_corpus[0]
    by_id = {row["doc_id"]: row for row in docs.iter_rows(named=True)}
    assert by_id["windows1256"]["encoding"] == "cp1256"
    assert by_id["windows1256"]["text"].startswith("تركيا تهدد بعملية عسكرية")
    assert by_id["iso8859_6"]["text"].startswith("روسيا تدعو إلى ضبط النفس")
    assert by_id["utf16"]["encoding"] == "utf-16"
    assert by_id["utf8_bom"]["encoding"] == "utf-8-sig"
    assert not by_id["utf8_bom"]["text"].startswith("\ufeff")
    assert by_id["mojibake_cp1252"]["text"].startswith("الأمم المتحدة تحذر")
    assert by_id["mojibake_cp1252"]["repair"] == "mojibake: utf-8 read as cp1252"
    assert by_id["mojibake_cp1256"]["text"].startswith("العراق يغلق الحدود")
    assert by_id["mojibake_cp1256"]["repair"] == "mojibake: utf-8 read as cp1256"
    assert by_id["mixed"]["encoding"] == "utf-8" and by_id["mixed"]["repair"] is None


def test_html_page_main_text_metadata_and_comments_without_scripts(fixture_corpus):
    page = fixture_corpus[0].filter(pl.col("doc_id") == "ankara").row(0, named=True)
    assert page["title"].startswith("أنقرة تحذر")
    assert page["published"] == date(2022, 12, 4)
    assert page["author"] == "سارة أحمد"
    assert "حذر وزير الدفاع التركي خلوصي أكار" in page["text"]
    for leaked in ("alert", "document.", "evil.example", "onmouseover", "<img", "الرئيسية"):
        assert leaked not in page["text"], leaked
    assert page["comments_text"].startswith("التعليقات (3)\nأبو محمد\nمنذ يومين")


def test_fields_outlets_dates_and_gzip(fixture_corpus):
    docs = fixture_corpus[0]
    by_id = {row["doc_id"]: row for row in docs.iter_rows(named=True)}
    assert by_id["wire-1"]["outlet"] == "agency"
    assert by_id["en-1"]["outlet"] == "news.example"  # from the URL's domain
    assert by_id["gz-1"]["published"] == date(2022, 12, 6)  # Arabic-Indic digits
    assert by_id["csv-ok"]["published"] == date(2022, 12, 4)  # d/m/Y
    assert by_id["mixed"]["outlet"] == "x"


def test_outlet_from_folder(tmp_path):
    (tmp_path / "aljazeera").mkdir()
    write(tmp_path / "aljazeera" / "a.txt", "عنوان\nنص")
    docs, _, _ = read_corpus(
        [tmp_path / "aljazeera" / "a.txt"],
        CorpusSettings(outlet_from=("folder",), default_outlet="x"),
    )
    assert docs["outlet"].to_list() == ["aljazeera"]


def test_twenty_megabyte_file_is_read_in_full(tmp_path):
    count = big_jsonl(tmp_path / "big.jsonl")
    assert (tmp_path / "big.jsonl").stat().st_size >= 20 * 1024 * 1024
    docs, rejects, manifest = read_corpus([tmp_path / "big.jsonl"], CorpusSettings())
    assert docs.height == count and rejects.is_empty()
    assert manifest["records"].to_list() == [count]
    docs, rejects, _ = read_corpus([tmp_path / "big.jsonl"], CorpusSettings(max_file_mb=10))
    assert docs.is_empty() and "corpus.max_file_mb=10" in rejects["reason"][0]


def test_reads_txt_jsonl_csv_and_parquet_with_stable_ids(tmp_path):
    write(tmp_path / "a1.txt", "عنوان\n\nنص المقال هنا.")
    write(
        tmp_path / "b.jsonl",
        json.dumps(
            {
                "id": "j1",
                "title": "T",
                "body": "Washington halts patrols.",
                "site": "wire",
                "date": "2022-12-03",
            }
        )
        + "\n",
    )
    write(
        tmp_path / "c.csv",
        "id,title,body,site,date\nc1,Title,Ankara warns the SDF.,daily,2022-12-04\n",
    )
    pl.DataFrame(
        {"id": ["p1"], "title": ["P"], "body": ["Moscow is silent."], "site": ["x"], "date": [None]}
    ).write_parquet(tmp_path / "d.parquet")
    fields = FieldMapping(
        id="id",
        title="title",
        text="body",
        outlet="site",
        published="date",
        url=None,
        language=None,
    )
    docs, rejects, _ = read_corpus(sorted(tmp_path.iterdir()), CorpusSettings(fields=fields))
    assert rejects.is_empty()
    assert docs["doc_id"].to_list() == ["a1", "c1", "j1", "p1"]
    by_id = {row["doc_id"]: row for row in docs.iter_rows(named=True)}
    assert by_id["a1"]["outlet"] == "unknown"
    assert by_id["j1"]["outlet"] == "wire"
    assert str(by_id["c1"]["published"]) == "2022-12-04"
    assert by_id["p1"]["text"] == "Moscow is silent."


def test_missing_text_column_can_stop_the_run_naming_file_and_fix(tmp_path):
    shutil.copy(CORPUS / "missing_column.csv", tmp_path / "c.csv")
    with pytest.raises(MediaframeError, match=r"c\.csv.*'text'.*corpus\.fields\.text"):
        read_corpus([tmp_path / "c.csv"], CorpusSettings(on_missing_column="error"))


def test_unknown_extension_is_a_reject_naming_the_fix(tmp_path):
    write(tmp_path / "a.docx", "x")
    documents, rejects, manifest = read_corpus([tmp_path / "a.docx"], CorpusSettings())
    assert documents.height == 0 and manifest["records"].to_list() == [1]
    assert "corpus.format" in rejects["reason"][0]


def test_hostile_records_each_get_one_outcome(tmp_path):
    for outlet in ("outletA", "outletB"):
        (tmp_path / outlet).mkdir()
        write(tmp_path / outlet / "123.txt", f"خبر عاجل من {outlet} عن الحدود الشمالية.")
    lines = [
        '{"id": "obj", "text": {"body": "نص المقال"}}',
        '{"id": "list", "text": ["a", "b"]}',
        '{"id": "title-list", "title": ["x"], "text": "A story about the border crossing."}',
        '{"id": "surrogate", "text": "Broken emoji \\ud83d in a story about Aleppo."}',
        '{"id": "nul", "text": "Text with a NUL\\u0000 byte inside it, about Idlib."}',
        '{"id": "zw", "text": "\u200b\ufeff\u200c  \u200b"}',
    ]
    write(tmp_path / "h.jsonl", "\n".join(lines))
    write(tmp_path / "header.csv", "id,title,text\n")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    paths = sorted(p for p in tmp_path.rglob("*") if not p.is_dir())
    documents, rejects, manifest = read_corpus(paths, CorpusSettings())
    assert manifest["records"].sum() == documents.height + rejects.height == 10
    assert sorted(documents["doc_id"]) == [
        "nul",
        "outletA/123",
        "outletB/123",
        "surrogate",
        "title-list",
    ]
    by_source = {Path(s).name: r for s, r in rejects.select("source", "reason").iter_rows()}
    reasons = {
        (doc_id or f"record {record}"): reason
        for doc_id, record, reason in rejects.select("doc_id", "record", "reason").iter_rows()
    }
    assert "holds an object" in reasons["record 1"] and "corpus.fields.text" in reasons["record 1"]
    assert "holds a list" in reasons["record 2"]
    assert reasons["zw"].startswith("no visible characters")
    assert by_source["header.csv"].startswith("no records")
    assert "cannot be read" in by_source["loop.txt"]
    rows = {r["doc_id"]: r for r in documents.iter_rows(named=True)}
    assert "\x00" not in rows["nul"]["text"] and "control characters" in rows["nul"]["repair"]
    assert "\ufffd" in rows["surrogate"]["text"] and "surrogate" in rows["surrogate"]["repair"]
    assert rows["title-list"]["title"] is None and "held a list" in rows["title-list"]["repair"]


def test_dates_are_parsed_and_the_original_kept(tmp_path):
    dates = [
        "2022-12-04T10:00:00Z",
        "4 December 2022",
        "Dec 4, 2022",
        "Sun, 04 Dec 2022 10:00:00 +0000",
        "4 ديسمبر 2022",
        "٤ كانون الأول ٢٠٢٢",
        "1670112000",
        "2022-13-45",
        "0000-01-01",
    ]
    write(
        tmp_path / "d.jsonl",
        "\n".join(
            json.dumps({"id": f"d{i}", "text": "Some article text.", "published": d})
            for i, d in enumerate(dates)
        ),
    )
    documents, _, _ = read_corpus([tmp_path / "d.jsonl"], CorpusSettings())
    documents = documents.sort("record")
    assert documents["published_raw"].to_list() == dates
    assert documents["published"].to_list() == [date(2022, 12, 4)] * 7 + [None, None]
    problems = unparsed_dates(documents)
    assert problems["published_raw"].to_list() == ["2022-13-45", "0000-01-01"]
    assert "outside the years" in problems["problem"][1] or "not a date" in problems["problem"][1]


def test_layered_mojibake_is_repaired_layer_by_layer():
    text = "العراق يغلق الحدود مع سوريا"
    twice = text.encode("utf-8").decode("cp1252").encode("utf-8").decode("cp1252")
    assert repair_mojibake(twice) == (text, "mojibake: utf-8 read as cp1252, 2 layers")


def test_decoding_and_mojibake_repair_units():
    assert decode_bytes("السلام عليكم".encode("cp1256")).text == "السلام عليكم"
    assert decode_bytes("Hello".encode("utf-16-le")).encoding == "utf-16-le"
    assert decode_bytes(b"\x00\x01\x02\x03binary\x00").problem.startswith("binary")
    genuine = "Café au lait, naïve; مرحبا"
    assert repair_mojibake(genuine) == (genuine, None)


def test_shards_are_stable_and_cover_every_document():
    docs = pl.DataFrame({"doc_id": [f"d{i}" for i in range(50)], "text": ["x"] * 50})
    parts = partition(docs, 3)
    assert sum(p.height for p in parts) == 50
    assert shard_of("d7", 3) == shard_of("d7", 3)
    assert {d for p in parts for d in p["doc_id"]} == set(docs["doc_id"])
    assert all(p.height > 0 for p in parts)


def test_html_entities_in_records_are_unescaped(tmp_path):
    import json

    from mediaframe.ingest.read import CorpusSettings, read_corpus

    path = tmp_path / "e.jsonl"
    path.write_text(
        json.dumps({"id": "e1", "title": "A &amp; B", "text": "قال &quot;رويترز&quot; إن"}) + "\n",
        encoding="utf-8",
    )
    documents, rejects, _ = read_corpus([path], CorpusSettings(default_outlet="o"))
    assert rejects.is_empty()
    assert documents.select("title", "text").row(0) == ("A & B", 'قال "رويترز" إن')


def test_outlet_is_the_registrable_domain_with_the_subdomain_kept(tmp_path):
    rows = [
        {"id": "a", "url": "http://mubasher.aljazeera.net/news/1", "text": "نص الخبر الأول هنا"},
        {"id": "b", "url": "https://www.aljazeera.net/news/2", "text": "نص الخبر الثاني هنا"},
        {"id": "c", "url": "http://www.bbc.co.uk/arabic/3", "text": "نص الخبر الثالث هنا"},
        {"id": "d", "url": "https://alwatan.blogspot.com/4", "text": "مدونة الوطن هنا"},
        {"id": "e", "url": "https://www.aljazeera.com/5", "text": "Al Jazeera in English"},
    ]
    path = tmp_path / "pages.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    fields = FieldMapping(title=None, outlet=None, published=None, language=None, author=None)
    settings = CorpusSettings(fields=fields, outlets={"aljazeera.com": "aljazeera.net"})
    docs, _, _ = read_corpus([path], settings)
    got = {r["doc_id"]: (r["outlet"], r["subdomain"]) for r in docs.iter_rows(named=True)}
    assert got == {
        "a": ("aljazeera.net", "mubasher"),
        "b": ("aljazeera.net", None),
        "c": ("bbc.co.uk", None),
        "d": ("alwatan.blogspot.com", None),  # a blog host: each blog is an outlet
        "e": ("aljazeera.net", None),  # corpus.outlets maps the second domain
    }


def test_html_in_jsonl_text_fields_is_converted_and_recorded(tmp_path):
    record = {
        "id": "h",
        "title": "<b>عنوان</b> الخبر",
        "text": "<p dir='rtl'>الفقرة الأولى &amp; الثانية</p><p>سطر<br/>جديد</p><script>x()</script>",
    }
    path = tmp_path / "html.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    docs, _, _ = read_corpus([path], CorpusSettings())
    row = docs.row(0, named=True)
    assert row["text"] == "الفقرة الأولى & الثانية\nسطر\nجديد"
    assert row["title"] == "عنوان الخبر"
    assert "html in text converted to text (5 tags)" in row["repair"]
