"""Reader comments given as data: nested lists, comments files, one treatment, the ledger."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import polars as pl
import pytest
import yaml
from polars.testing import assert_frame_equal

from conftest import FIXTURES, ROOT
from mediaframe.clean.ledger import build_comment_ledger
from mediaframe.clean.pages import CleaningRules, clean_documents, clean_documents_reference
from mediaframe.errors import MediaframeError
from mediaframe.ingest.comments import (
    CommentSettings,
    comment_items,
    comment_text,
    ingest_comments,
)
from mediaframe.ingest.read import CorpusSettings, read_corpus

COMMENTS = FIXTURES / "comments"
CONFIG = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))["corpus"]


def ingest(article_files: list[Path], comment_files: list[Path]):
    documents, rejects, manifest, dropped = read_corpus(
        article_files, CorpusSettings.from_config(CONFIG), with_dropped=True
    )
    comments, comment_rejects, manifest = ingest_comments(
        documents, dropped, rejects, manifest, comment_files, CommentSettings.from_config(CONFIG)
    )
    return documents, comments, comment_rejects, manifest


@pytest.fixture(scope="module")
def fixture_run():
    documents, comments, ingest_rejects, manifest = ingest(
        [COMMENTS / "nested.jsonl", COMMENTS / "articles.csv"],
        [COMMENTS / "comments.csv", COMMENTS / "more_comments.jsonl"],
    )
    tables = clean_documents(documents, CleaningRules(), comments=comments)
    return documents, comments, ingest_rejects, manifest, tables


def reason_of(rejects: pl.DataFrame, doc_id: str | None, item: int, record: int | None = None):
    rows = rejects.filter(
        (pl.col("doc_id").eq_missing(doc_id))
        & (pl.col("item") == item)
        & (pl.col("record") == record if record is not None else pl.lit(True))
    )
    assert rows.height == 1, rows
    return rows["reason"].item()


def test_comment_text_loses_markup_and_mojibake_and_says_so():
    assert comment_text("رأي<br>ثانٍ &amp; <b>ثالث</b>") == (
        "رأي\nثانٍ & ثالث",
        ["html entities", "html markup"],
    )
    broken = "قسد".encode().decode("cp1252")
    assert comment_text(broken) == ("قسد", ["mojibake: utf-8 read as cp1252"])
    assert comment_text("a < b and c > d") == ("a < b and c > d", [])


def test_comment_items_accept_lists_and_json_strings_and_explain_the_rest():
    assert comment_items(None) == ([], None)
    assert comment_items("") == ([], None)
    assert comment_items('[{"text": "x"}]') == ([{"text": "x"}], None)
    assert comment_items('{"text": "x"}')[1].startswith("holds an object, not a list")
    assert comment_items("5")[1].startswith("holds a number, not a list")
    assert comment_items("no comments yet")[1].startswith("holds text that is not a JSON list")


def test_nested_and_file_comments_are_attached_or_rejected_with_a_reason(fixture_run):
    _, comments, rejects, manifest, _ = fixture_run
    attached = comments.group_by("doc_id").len().sort("doc_id").rows()
    assert attached == [
        ("art-1", 10),
        ("art-3", 3),
        ("art-4", 2),
        ("art-6", 1),
        ("sep-1", 3),
        ("sep-2", 1),
    ]
    assert reason_of(rejects, "art-2", 0).startswith(
        "the comments field 'comments' holds an object, not a list of comment objects"
    )
    assert "holds a number" in reason_of(rejects, "art-7", 0)
    assert "holds text that is not a JSON list" in reason_of(rejects, "sep-2", 0)
    assert reason_of(rejects, "art-1", 8).startswith("comment is a string, not a comment object")
    assert "('\"تعليق بلا بنية\"')" in reason_of(rejects, "art-1", 8)
    assert reason_of(rejects, "art-1", 12).startswith("the comment text 'text' is an object")
    assert reason_of(rejects, "no-such-article", 0).startswith(
        "no article with id 'no-such-article' (column 'article_id') in the corpus. Fix:"
    )
    assert reason_of(rejects, None, 0, record=6).startswith("no article id in column 'article_id'")
    assert reason_of(rejects, "art-5", 1) == "its article record was rejected at ingest: empty text"
    assert (
        reason_of(rejects, "art-5", 0) == "its article 'art-5' was rejected at ingest: empty text"
    )
    assert reason_of(rejects, None, 0, record=2).startswith("malformed JSON line")
    # the manifest counts comment records per file; comments files hold no articles
    counts = dict(manifest.select("source", "comments").rows())
    records = dict(manifest.select("source", "records").rows())
    assert counts[str(COMMENTS / "nested.jsonl")] == 20
    assert (
        counts[str(COMMENTS / "comments.csv")] == 8 and records[str(COMMENTS / "comments.csv")] == 0
    )
    assert counts[str(COMMENTS / "more_comments.jsonl")] == 4
    assert sum(counts.values()) == comments.height + rejects.height


def test_times_likes_and_repairs_as_given(fixture_run):
    _, comments, *_ = fixture_run
    by_id = {row["comment_id"]: row for row in comments.iter_rows(named=True)}
    assert by_id["c3"]["time_text"] == "2022-12-05 08:00:00"  # a Unix timestamp
    assert by_id["c2"]["likes"] == 3 and by_id["f2"]["likes"] is None
    assert by_id["c2"]["text"] == "لا، قوات سوريا الديمقراطية حاربت داعش\nوحررت الرقة & دير الزور"
    assert by_id["c6"]["text"] == "تركيا تكذب دائما على الناس"
    assert by_id["c6"]["repair"] == "mojibake: utf-8 read as cp1252"


def test_one_treatment_rejects_empty_and_duplicate_comments_and_threads_replies(fixture_run):
    _, _, _, _, tables = fixture_run
    kept = tables["comments"]
    rejects = tables["comment_rejects"]
    assert reason_of(rejects, "art-1", 4).startswith("empty comment: no text left")
    assert reason_of(rejects, "art-1", 7).startswith("empty comment")
    assert reason_of(rejects, "art-1", 5).startswith(
        "duplicate comment: same author and text as the comment at"
    )
    assert reason_of(rejects, "art-1", 10).startswith("duplicate comment id 'c1' (first at")
    assert reason_of(rejects, "art-6", 1) == (
        "its article was rejected at clean: article text shorter than clean.min_chars=20"
    )
    art1 = kept.filter(pl.col("doc_id") == "art-1")
    assert art1.select("position", "comment_id", "parent", "depth").rows() == [
        (1, "c1", None, 0),
        (2, "c2", "c1", 1),
        (3, "c3", "c2", 2),
        (4, "c6", None, 0),
        (5, "c9", None, 0),
        (6, "c11", "c-missing", 1),  # a reply to a comment that was not collected
    ]
    by_id = {row["comment_id"]: row for row in kept.iter_rows(named=True)}
    assert (by_id["c1"]["time"], by_id["c1"]["time_basis"]) == (
        dt.date(2022, 12, 3),
        "relative to article date",
    )
    assert by_id["c3"]["time_basis"] == "absolute"
    assert by_id["c9"]["language"] == "en" and by_id["c1"]["language"] == "ar"
    # a nested list first, then a comments file, each in input order
    assert kept.filter(pl.col("doc_id") == "art-3").select(
        "comment_id", "origin", "depth"
    ).rows() == [
        ("e1", "field", 0),
        ("e2", "field", 1),
        ("e3", "file", 2),
    ]
    articles = dict(tables["articles"].select("doc_id", "comments_attached").rows())
    assert articles == {
        "art-1": 6,
        "art-2": 0,
        "art-3": 3,
        "art-4": 2,
        "art-7": 0,
        "sep-1": 3,
        "sep-2": 1,
    }
    sentences = tables["sentences"].filter(pl.col("kind") == "comment")
    assert set(sentences.select("doc_id", "comment").unique().rows()) == set(
        kept.select("doc_id", "position").rows()
    )


def test_reference_cleaner_gives_the_same_tables_with_comments_given_as_data(fixture_run):
    documents, comments, _, _, tables = fixture_run
    reference = clean_documents_reference(documents, CleaningRules(), comments=comments)
    for name, frame in tables.items():
        assert_frame_equal(frame, reference[name])


def test_comment_ledger_balances_and_refuses_a_lost_comment(fixture_run):
    _, _, ingest_rejects, manifest, tables = fixture_run
    arguments = (manifest, ingest_rejects, tables["comments"], tables["comment_rejects"])
    ledger = build_comment_ledger(*arguments, tables["articles"])
    assert ledger.height == manifest["comments"].sum() == 33
    assert ledger.filter(pl.col("outcome") == "comment").height == tables["comments"].height
    with pytest.raises(MediaframeError, match=r"comment record\(s\) read but"):
        build_comment_ledger(
            manifest,
            ingest_rejects,
            tables["comments"].slice(1),
            *arguments[3:],
            tables["articles"],
        )


def test_ten_thousand_comments_on_one_article(tmp_path):
    record = {
        "id": "busy",
        "title": "تركيا وقسد",
        "text": "قالت تركيا إن عملياتها ضد قسد في شمال سوريا ستستمر حتى إبعاد المقاتلين عن الحدود.",
        "published": "2022-12-05",
        "comments": [
            {
                "id": f"k{i}",
                "parent": f"k{i - 1}" if i % 10 else None,
                "author": f"قارئ {i % 97}",
                "time": "منذ ساعة",
                "text": f"التعليق رقم {i} على الخبر",
            }
            for i in range(10_000)
        ],
    }
    path = tmp_path / "busy.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    documents, comments, rejects, _ = ingest([path], [])
    tables = clean_documents(documents, CleaningRules(), comments=comments)
    kept = tables["comments"]
    assert kept.height == 10_000 and rejects.is_empty() and tables["comment_rejects"].is_empty()
    assert kept["depth"].max() == 9 and (kept["depth"] == 0).sum() == 1000
    assert tables["articles"]["comments_attached"].item() == 10_000


def test_a_file_in_both_path_lists_stops_with_a_message():
    with pytest.raises(
        MediaframeError, match=r"matched by both corpus\.paths and corpus\.comments\.paths"
    ):
        ingest([COMMENTS / "articles.csv"], [COMMENTS / "articles.csv"])
