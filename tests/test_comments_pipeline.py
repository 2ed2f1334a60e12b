"""The real workflow on a corpus whose reader comments come as data, in both shapes: a
list inside each article record (JSONL; a JSON string in CSV) and separate comments
files, with hostile cases (a comment without text, an unknown article id, a comments
field that is not a list, 10,000 comments on one article)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polars as pl
import pytest

from conftest import FIXTURES, add_to_config_list, copy_project, snakemake
from mediaframe.stance.aggregate import counted_mentions

pytestmark = pytest.mark.workflow


def busy_article(path: Path, comments: int = 10_000) -> None:
    """One article with ``comments`` nested comments, threads of ten (generated here)."""
    record = {
        "id": "busy",
        "title": "أنقرة تتوعد قسد",
        "text": "قالت تركيا إن عملياتها ضد قسد في شمال سوريا ستستمر حتى إبعاد المقاتلين عن الحدود.",
        "outlet": "daily",
        "published": "2022-12-05",
        "comments": [
            {
                "id": f"k{i}",
                "parent": f"k{i - 1}" if i % 10 else None,
                "author": f"قارئ {i % 97}",
                "time": f"منذ {1 + i % 23} ساعة",
                "text": f"التعليق رقم {i}: "
                + ("تركيا تعتدي على قسد" if i % 1000 == 0 else "كلام عام"),
            }
            for i in range(comments)
        ],
    }
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("comments-run"))
    shutil.copytree(FIXTURES / "comments", root / "corpus")
    busy_article(root / "corpus" / "busy.jsonl")
    articles = ["corpus/nested.jsonl", "corpus/busy.jsonl", "corpus/articles.csv"]
    add_to_config_list(root, "    - seeds/*.txt\n", articles)
    add_to_config_list(
        root, "    paths: []\n", ["corpus/comments.csv", "corpus/more_comments.jsonl"]
    )
    snakemake(root)
    return root


def gathered(root: Path, folder: str) -> pl.DataFrame:
    return pl.concat([pl.read_parquet(p) for p in sorted((root / folder).glob("*.parquet"))])


def test_every_comment_is_attached_or_rejected_and_the_ledger_balances(project):
    manifest = pl.read_parquet(project / "results/seed/ingest/manifest.parquet")
    ledger = pl.read_parquet(project / "results/seed/clean/comment_ledger.parquet")
    comments = gathered(project, "results/seed/clean/comments")
    as_data = ledger.filter(pl.col("origin") != "page")
    assert as_data.height == manifest["comments"].sum() == 10_033
    assert ledger.filter(pl.col("outcome") == "comment").height == comments.height
    rejected = ledger.filter(pl.col("outcome") == "rejected")
    assert rejected["reason"].is_not_null().all()
    reasons = " | ".join(rejected["reason"])
    for expected in (
        "no article with id 'no-such-article'",
        "holds an object, not a list of comment objects",
        "holds text that is not a JSON list",
        "empty comment: no text left",
        "duplicate comment id 'c1'",
        "its article was rejected at clean",
    ):
        assert expected in reasons, expected
    # the seed page's two comments are in the same ledger
    assert ledger.filter(pl.col("origin") == "page").height == 2
    articles = gathered(project, "results/seed/clean/articles")
    assert dict(articles.select("doc_id", "comments_attached").rows())["busy"] == 10_000


def test_threads_and_copies_reach_the_stance_aggregates(project):
    comments = gathered(project, "results/seed/clean/comments")
    busy = comments.filter(pl.col("doc_id") == "busy")
    assert busy["depth"].max() == 9
    duplicates = pl.read_parquet(project / "results/seed/clean/duplicates.parquet")
    assert duplicates.filter(pl.col("doc_id") == "art-4")["is_canonical"].to_list() == [False]
    stance = gathered(project, "results/seed/stance/mentions")
    counted = counted_mentions(stance, duplicates)  # what the aggregates count
    in_copy = counted.filter(pl.col("doc_id") == "art-4")
    # the copy's text is counted once (with art-1), its readers' own comment is counted
    assert set(in_copy["kind"]) == {"comment"} and in_copy.height >= 2  # قسد, تركيا
    aggregates = pl.read_parquet(project / "results/seed/stance/aggregates.parquet")
    in_comments = aggregates.filter(
        (pl.col("dimension") == "text") & (pl.col("group") == "comment")
    )["mentions"].sum()
    assert in_comments == counted.filter(pl.col("kind") == "comment").height
    threads = aggregates.filter(pl.col("dimension") == "thread")
    assert set(threads["group"]) == {"top-level comment", "reply"}
    assert threads["mentions"].sum() == in_comments


def test_reports_show_the_comments_and_their_ledger(project):
    corpus = (project / "reports/seed/corpus.html").read_text(encoding="utf-8")
    assert "The comment counts add up: 10,033 comment records read" in corpus
    assert "no article with id &#x27;no-such-article&#x27;" in corpus or "no-such-article" in corpus
    assert "Traceback" not in corpus
    actors = (project / "reports/seed/actors.html").read_text(encoding="utf-8")
    assert "Stance per actor in top-level comments and in replies" in actors
    assert "top-level comment" in actors and "reply" in actors
