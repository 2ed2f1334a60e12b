"""The topics report's tables, on tiny frames."""

import polars as pl

from mediaframe.report import topics as report

INFO = pl.DataFrame(
    {
        "topic": [-1, 0, 1],
        "label": ["outliers", "0_قسد_واشنطن", "1_داعش"],
        "documents": [1, 3, 2],
        "words": [["a"], ["قسد", "واشنطن"], ["داعش"]],
        "npmi": [None, 0.2, 0.1],
        "representative": [["x"], ["a", "b"], ["zz"]],
    }
)
FIT = {
    "articles": 6,
    "documents": 6,
    "duplicates_excluded": 0,
    "topics": 2,
    "method": "bertopic",
    "representation": "c-tf-idf",
    "outliers_before": 2,
    "outlier_share_before": 1 / 3,
    "outlier_strategy": None,
    "outlier_share": 1 / 6,
    "npmi": 0.15,
    "diversity": 1.0,
    "stability_ari": None,
    "stability_documents": 0,
    "seeds": [42, 43],
    "min_topic_size": 10,
    "min_topic_size_rule": "2% of the articles fitted, at least 10, at most 50",
    "topics_found": 2,
    "nr_topics": None,
}


def test_model_and_quality_rows():
    assert report.model_table(FIT).row(0) == (
        6,
        6,
        0,
        2,
        "10 (2% of the articles fitted, at least 10, at most 50)",
        "bertopic",
        "c-tf-idf",
    )
    assert report.model_table(FIT | {"min_topic_size": 5, "min_topic_size_rule": ""}).row(0)[4] == (
        "5 (topics.min_topic_size)"
    )
    quality = report.quality_table(FIT).row(0, named=True)
    assert quality["outliers before reduction"] == "2 (33.3%)"
    assert quality["outlier strategy"] == "none"
    assert quality["stability (ARI)"] == "not measured"
    assert quality["stability: articles, seeds"] == ""


def test_topic_table_shares_and_representative_snippets():
    articles = pl.DataFrame(
        {"doc_id": ["a", "b"], "title": ["واشنطن", None], "text": ["نص  طويل\n" * 40, "short"]}
    )
    rows = report.topic_table(INFO, articles)
    assert rows["share"].to_list() == [1 / 6, 3 / 6, 2 / 6]
    snippet = rows.filter(pl.col("topic") == 0)["representative articles"][0]
    first, second = snippet.split(" ‖ ")
    assert first.startswith("واشنطن: نص طويل") and first.endswith("…")
    assert second == "short"
    assert rows.filter(pl.col("topic") == 1)["representative articles"][0] == ""


def test_largest_topics_and_timeline_topics_leave_out_outliers():
    shown = report.largest_topics(INFO, limit=2)
    assert shown["topic"].to_list() == [0, 1]
    assert report.timeline_topics(report.largest_topics(INFO)) == [0, 1]
    figure = report.size_figure(shown, topics=3)
    assert figure.axes[0].get_title() == "Topic sizes (largest 2 of 3)"


def test_period_words_and_outlet_tables():
    labels = report.topic_labels(INFO)
    timeline = pl.DataFrame(
        {
            "topic": [0, 1, 0],
            "period": ["2024-03", "2024-03", "2024-04"],
            "documents": [1, 2, 2],
            "words": [["a"], ["b"], ["c"]],
        }
    )
    words = report.period_words(timeline, [0, 1], labels)
    assert words.select("period", "label").rows() == [
        ("2024-03", "1_داعش"),
        ("2024-03", "0_قسد_واشنطن"),
        ("2024-04", "0_قسد_واشنطن"),
    ]
    by_outlet = pl.DataFrame(
        {
            "outlet": ["b", "a", "a"],
            "topic": [0, 0, 1],
            "documents": [1, 3, 1],
            "share": [1.0, 0.75, 0.25],
        }
    )
    matrix = report.outlet_topic_shares(by_outlet, [0, 1], top=15)
    assert matrix.rows() == [("a", 4, 0.75, 0.25), ("b", 1, 1.0, 0.0)]
    every = report.outlet_topic_table(by_outlet, labels)
    assert every.select("outlet", "topic").rows() == [("a", 0), ("a", 1), ("b", 0)]
    assert report.heatmap_figure(matrix, [0, 1], labels).axes[0].get_xticklabels()[0].get_text()
    assert (
        report.undated_fitted(
            pl.DataFrame({"in_fit": [True, True, False], "published": [None, 1, None]})
        )
        == 1
    )


def test_the_merge_to_nr_topics_is_explained():
    assert report.merge_note(FIT) == ""
    merged = FIT | {"nr_topics": "2", "topics_found": 5}
    assert "found 5 topics" in report.merge_note(merged) and "into 2" in report.merge_note(merged)
    same = FIT | {"nr_topics": "4", "topics_found": 2}
    assert "none were merged" in report.merge_note(same)
    merges = pl.DataFrame(
        {
            "topic": [0, 0],
            "documents": [7, 7],
            "merged_topic": [3, 1],
            "merged_documents": [4, 3],
            "merged_words": ["الاقتصاد · النفط", "الأسهم · السوق"],
        }
    )
    rows = report.merge_table(merges, {0: "0: النفط"}).rows()
    assert rows == [
        (0, "0: النفط", 7, 3, 4, "الاقتصاد · النفط"),
        (0, "0: النفط", 7, 1, 3, "الأسهم · السوق"),
    ]


def test_update_note_says_which_mode_and_when_the_model_was_fitted():
    fitted = FIT | {"update": "refit", "fitted_at": None, "fit_documents": 6, "assigned": 0}
    assert report.update_note(fitted).startswith("topics.update: refit. The model was fitted in")
    assigned = fitted | {"update": "assign", "fitted_at": "2026-11-26T05:03:21+00:00"}
    note = report.update_note(assigned | {"assigned": 1204})
    assert "fitted at 2026-11-26T05:03:21+00:00 (UTC) on 6 articles; 1,204 article(s)" in note
    assert report.update_note(FIT) == ""  # a summary from before topics.update
    assert report.update_note(fitted | {"fit_documents": 0}) == ""  # no articles
