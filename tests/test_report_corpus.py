"""The corpus report's tables, on tiny frames."""

import datetime as dt

import polars as pl
from polars.testing import assert_frame_equal

from mediaframe.report import corpus as report

ARTICLES = pl.DataFrame(
    {
        "doc_id": ["b", "a", "c"],
        "outlet": ["enabbaladi", "aawsat", "aawsat"],
        "published": [dt.date(2024, 3, 2), None, dt.date(2024, 3, 2)],
        "language": ["ar", "ar", "en"],
        "title": ["واشنطن توقف العمليات", "قسد", "SDF"],
        "text": ["أعلنت واشنطن", "نص", "text"],
        "comments_stated": [2, None, 1],
        "comments_found": [2, 0, 0],
        "repair": [None, "cp1256", None],
    }
)
COMMENTS = pl.DataFrame(
    {
        "doc_id": ["b", "b"],
        "language": ["ar", "en"],
        "origin": ["page", "file"],
        "depth": [0, 1],
    }
)
COMMENT_LEDGER = pl.DataFrame(
    {
        "source": ["p.txt", "c.csv", "c.csv", "c.csv"],
        "record": [1, 1, 2, 3],
        "item": [1, 0, 0, 0],
        "doc_id": ["b", "b", "zz", None],
        "origin": ["page", "file", "file", "file"],
        "comment_id": [None, "f1", "f2", "f3"],
        "outcome": ["comment", "comment", "rejected", "rejected"],
        "stage": [None, None, "ingest", "ingest"],
        "reason": [None, None, "no article with id 'zz'", "no article id"],
    }
)


def artifacts(**changes) -> report.CorpusArtifacts:
    parts = {
        "files": pl.DataFrame({"source": ["x.jsonl"], "records": [4]}),
        "rejects": pl.DataFrame({"doc_id": ["d"], "stage": ["clean"], "reason": ["too short"]}),
        "articles_read": ARTICLES,
        "comments": COMMENTS,
        "removed": pl.DataFrame({"outlet": ["aawsat"], "text": ["شارك"], "reason": ["x"]}),
        "learned": pl.DataFrame(),
        "duplicates": pl.DataFrame({"doc_id": ["a", "c"], "is_canonical": [True, False]}),
        "ledger": pl.DataFrame({"doc_id": ["a", "b", "c", "d"]}),
        "comment_ledger": COMMENT_LEDGER,
    }
    return report.CorpusArtifacts(**(parts | changes))


def test_ledger_counts_every_record_once():
    counts = report.ledger_counts(artifacts()).row(0, named=True)
    assert counts["input records"] == 4
    assert counts["articles kept"] == 3
    assert counts["of which duplicates (counted once)"] == 1
    assert counts["records rejected"] == 1
    assert counts["reader comments"] == 2
    assert counts["comments rejected"] == 2


def test_balance_note_says_whether_the_counts_add_up():
    assert report.balance_note(artifacts()).startswith("The counts add up: 4 records read")
    short = artifacts(ledger=pl.DataFrame({"doc_id": ["a"]}))
    assert report.balance_note(short).startswith("THE COUNTS DO NOT ADD UP")


def test_comment_balance_note_counts_comments_given_as_data_and_from_pages():
    files = pl.DataFrame({"source": ["p.txt", "c.csv"], "records": [4, 0], "comments": [0, 3]})
    note = report.comment_balance_note(artifacts(files=files))
    assert note == (
        "The comment counts add up: 3 comment records read from record fields and comments "
        "files = 1 comments + 2 rejects. 1 comments were parsed from the pages (1 kept, 0 rejected)."
    )
    files = files.with_columns(pl.Series("comments", [0, 4]))
    assert report.comment_balance_note(artifacts(files=files)).startswith(
        "THE COMMENT COUNTS DO NOT"
    )
    assert report.comment_rejects_by_reason(COMMENT_LEDGER).rows() == [
        ("file", "ingest", "no article id", 1),
        ("file", "ingest", "no article with id 'zz'", 1),
    ]
    assert report.comment_rejects(COMMENT_LEDGER)["comment_id"].to_list() == ["f2", "f3"]


def test_articles_are_sorted_and_repairs_keep_shard_order():
    corpus = artifacts()
    assert corpus.articles["doc_id"].to_list() == ["a", "b", "c"]
    assert report.repaired_articles(corpus)["doc_id"].to_list() == ["a"]
    plain = artifacts(articles_read=ARTICLES.drop("repair"))
    assert report.repaired_articles(plain).is_empty()


def test_articles_per_outlet_largest_first():
    expected = pl.DataFrame(
        {"outlet": ["aawsat", "enabbaladi"], "articles": [2, 1], "comments": [0, 2]},
        schema={"outlet": pl.String, "articles": pl.UInt32, "comments": pl.Int64},
    )
    assert_frame_equal(report.articles_per_outlet(ARTICLES, COMMENTS), expected)


def test_articles_per_day_leave_out_undated_articles():
    per_day = report.articles_per_day(ARTICLES)
    assert per_day.rows() == [(dt.date(2024, 3, 2), 2)]


def test_removed_lines_grouped_by_reason_before_the_colon():
    removed = pl.DataFrame(
        {
            "outlet": ["a", "a", "b"],
            "text": ["x", "x", "y"],
            "reason": ["boilerplate: x", "boilerplate: y", "repeated title"],
        }
    )
    assert report.removed_by_reason(removed).rows() == [("boilerplate", 2), ("repeated title", 1)]
    top = report.most_removed_lines(removed, per_outlet=1)
    assert top.select("outlet", "times").rows() == [("a", 1), ("b", 1)]


def test_comment_tables():
    assert report.comments_per_outlet(ARTICLES, COMMENTS).rows() == [
        ("enabbaladi", 1, 1, 2, 1, 1, 1),
        ("aawsat", 2, 0, 0, 0, 0, 0),
    ]
    assert report.comment_count_mismatches(ARTICLES)["doc_id"].to_list() == ["c"]


def test_languages_of_articles_and_comments():
    rows = report.languages(ARTICLES, COMMENTS).rows()
    assert rows[0] == ("article", "ar", 2)
    assert set(rows[2:]) == {("comment", "ar", 1), ("comment", "en", 1)}


def test_rejects_by_reason_and_figures():
    rejects = pl.DataFrame({"stage": ["clean", "ingest", "clean"], "reason": ["a", "b", "a"]})
    assert report.rejects_by_reason(rejects).rows() == [("clean", "a", 2), ("ingest", "b", 1)]
    figure = report.outlet_figure(report.articles_per_outlet(ARTICLES, COMMENTS))
    assert figure.axes[0].get_title() == "Articles per outlet"
    assert report.day_figure(report.articles_per_day(ARTICLES)).axes[0].get_ylabel() == "articles"


def test_unparsed_dates_lists_the_value_as_given_and_why():
    from mediaframe.report.corpus import unparsed_dates

    articles = pl.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "outlet": ["x", "x", "y"],
            "published_raw": ["2022-13-45", "2022-12-04", None],
            "date_problem": ["month 13 does not exist", None, None],
        }
    )
    assert unparsed_dates(articles).rows() == [("a", "x", "2022-13-45", "month 13 does not exist")]
    assert unparsed_dates(articles.drop("date_problem", "published_raw")).is_empty()
