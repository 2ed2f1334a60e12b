"""Report tables at scale: outlets ranked and grouped, empty rows hidden, "too few" cells
out of the way, full tables written as CSV and linked. Grouping is checked as a property
on seeded random corpora: grouped totals equal the ungrouped ones."""

import numpy as np
import polars as pl
import pytest

from mediaframe.report import actors, corpus, topics
from mediaframe.report.tables import (
    TableFolder,
    fold_outlets,
    grouped_caption,
    is_other_outlets,
    linked_table,
    outlet_ranking,
)


def random_corpus(rng: np.random.Generator) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Articles from 1-300 outlets with a long tail (most outlets have one article) and
    reader comments on a few of them."""
    outlets = int(rng.integers(1, 300))
    sizes = rng.zipf(1.6, size=outlets).clip(1, 400)
    names = [f"outlet{i:03d}.com" for i in range(outlets)]
    outlet = np.repeat(names, sizes)
    doc_ids = [f"d{i}" for i in range(outlet.size)]
    articles = pl.DataFrame({"doc_id": doc_ids, "outlet": outlet.tolist()})
    commented = rng.choice(outlet.size, size=int(rng.integers(0, 40)), replace=True)
    comments = pl.DataFrame(
        {
            "doc_id": [doc_ids[i] for i in commented],
            "origin": rng.choice(["page", "file"], size=commented.size).tolist(),
            "depth": rng.integers(0, 3, size=commented.size).tolist(),
        },
        schema={"doc_id": pl.String, "origin": pl.String, "depth": pl.Int64},
    )
    return articles, comments


def totals(frame: pl.DataFrame) -> dict[str, int]:
    return {c: int(frame[c].sum()) for c in frame.columns if c != "outlet"}


def test_grouped_totals_equal_ungrouped_totals_on_random_corpora():
    rng = np.random.default_rng(15)
    for _ in range(60):
        articles, comments = random_corpus(rng)
        top = int(rng.integers(1, 30))
        every = corpus.articles_per_outlet(articles, comments)
        grouped = corpus.articles_per_outlet(articles, comments, top)
        assert totals(grouped) == totals(every)
        outlets = every.height
        assert grouped.height == (outlets if outlets <= top + 1 else top + 1)
        # the largest outlets keep their own rows, in the same order
        assert grouped["outlet"].to_list()[:top] == every["outlet"].to_list()[:top]
        if grouped.height < outlets:
            assert grouped["outlet"][-1] == f"{outlets - top:,} other outlets"
        assert grouped["articles"][:top].is_sorted(descending=True)

        shown, silent = corpus.commented_outlets(articles, comments, top)
        full = corpus.comments_per_outlet(articles, comments)
        quiet = full.filter(pl.col("comments") == 0)
        assert silent == quiet.height
        assert (shown["comments"] > 0).all()
        assert totals(shown.vstack(quiet)) == totals(full)


def test_fold_keeps_a_lone_outlet_and_names_the_group():
    frame = pl.DataFrame({"outlet": ["a", "a", "a", "b", "b", "c", "d"], "n": [1] * 7})
    ranking = outlet_ranking(frame, "rows")
    assert ranking == ["a", "b", "c", "d"]
    # one outlet left over keeps its name: a group of one hides it for nothing
    assert fold_outlets(frame, ranking, 3)["outlet"].to_list() == frame["outlet"].to_list()
    folded = fold_outlets(frame, ranking, 2)["outlet"].to_list()
    assert folded == ["a", "a", "a", "b", "b", "2 other outlets", "2 other outlets"]
    assert is_other_outlets("1,204 other outlets") and not is_other_outlets("othernews.com")
    assert grouped_caption("Per outlet", 4, 2, "articles") == (
        "Per outlet: the 2 outlets with most articles of 4, the rest as one row"
    )
    assert grouped_caption("Per outlet", 3, 2, "articles") == "Per outlet"


def test_comments_table_hides_outlets_without_comments_and_ranks_by_comments():
    articles = pl.DataFrame(
        {"doc_id": ["a1", "a2", "b1", "c1", "d1"], "outlet": ["a", "a", "b", "c", "d"]}
    )
    comments = pl.DataFrame(
        {"doc_id": ["b1", "b1", "c1"], "origin": ["page", "page", "file"], "depth": [0, 1, 0]}
    )
    shown, silent = corpus.commented_outlets(articles, comments, top=5)
    assert silent == 2
    assert shown.select("outlet", "articles", "comments", "replies").rows() == [
        ("b", 1, 2, 1),
        ("c", 1, 1, 0),
    ]
    assert corpus.comments_per_outlet(articles, comments)["outlet"].to_list() == [
        "b",
        "c",
        "a",
        "d",
    ]


def test_outlet_topic_shares_group_other_outlets_by_their_documents():
    by_outlet = pl.DataFrame(
        {
            "outlet": ["big", "big", "mid", "x", "y", "y"],
            "topic": [0, 1, 1, 0, 0, 1],
            "documents": [6, 2, 3, 1, 1, 1],
        }
    )
    matrix = topics.outlet_topic_shares(by_outlet, [1, 0], top=2)
    assert matrix.columns == ["outlet", "articles", "1", "0"]
    assert matrix.rows() == [
        ("big", 8, 0.25, 0.75),
        ("mid", 3, 1.0, 0.0),
        ("2 other outlets", 3, 1 / 3, 2 / 3),
    ]
    assert int(matrix["articles"].sum()) == int(by_outlet["documents"].sum())
    labels = {0: "0: قسد", 1: "1: داعش"}
    summary = topics.outlet_topics(by_outlet, labels, top=2, per_outlet=1)
    assert summary.rows() == [
        ("big", 8, "0: قسد (75%)"),
        ("mid", 3, "1: داعش (100%)"),
        ("2 other outlets", 3, "0: قسد (67%)"),
    ]
    figure = topics.heatmap_figure(matrix, [1, 0], labels)
    assert [t.get_text() for t in figure.axes[0].get_yticklabels()] == ["1: داعش", "0: قسد"]
    assert figure.axes[0].get_xticklabels()[-1].get_text() == "2 other outlets (3)"


def test_figures_grow_with_their_rows_but_fit_a_screen():
    many = pl.DataFrame({"outlet": [f"o{i}" for i in range(300)], "articles": range(300, 0, -1)})
    assert corpus.outlet_figure(many.head(5)).get_size_inches()[1] < 3
    assert corpus.outlet_figure(many).get_size_inches()[1] <= 9
    info = pl.DataFrame({"topic": range(150), "label": [f"t{i}" for i in range(150)]})
    info = info.with_columns(pl.col("topic").alias("documents"))
    shown = topics.largest_topics(info, 25)
    assert shown["topic"].to_list()[:2] == [149, 148] and shown.height == 25
    assert topics.size_figure(shown, topics=150).get_size_inches()[1] <= 9


AGGREGATES = pl.DataFrame(
    {
        "dimension": ["outlet"] * 5,
        "actor": ["sdf", "sdf", "us", "us", "sdf"],
        "group": ["big.com", "small.com", "big.com", "mid.com", "tiny.com"],
        "mentions": [30, 2, 10, 8, 1],
        "mean_score": [-0.4, None, 0.1, 0.2, None],
        "ci_low": [-0.6, None, -0.1, 0.0, None],
        "ci_high": [-0.2, None, 0.3, 0.4, None],
        "too_few": [False, True, False, False, True],
        "share_negative": [0.5, 1.0, 0.2, 0.1, 0.0],
        "share_neutral": [0.5, 0.0, 0.6, 0.8, 1.0],
        "share_positive": [0.0, 0.0, 0.2, 0.1, 0.0],
    }
)
NAMES = {"sdf": "SDF", "us": "United States"}


def test_stance_matrix_blanks_too_few_cells_and_leaves_out_empty_groups():
    part = actors.stance_part(AGGREGATES, "outlet", NAMES)
    matrix, empty = actors.stance_matrix(part, "mentions")
    assert empty == 2  # small.com and tiny.com: every cell too few
    assert matrix.columns == ["group", "mentions", "SDF", "United States"]
    assert matrix.rows() == [
        ("big.com", 40, "-0.40\u00a0[-0.60,\u00a0-0.20]", "0.10\u00a0[-0.10,\u00a00.30]"),
        ("mid.com", 8, None, "0.20\u00a0[0.00,\u00a00.40]"),
    ]
    rows = actors.stance_rows(part)
    assert rows.filter(pl.col("group") == "small.com").row(0)[2:] == (2, "", None, None, None)
    note = actors.too_few_note(2, {"min_articles": 3, "min_sentences": 3})
    assert note.startswith("2 cell(s) rest on fewer than 3 distinct articles")
    assert actors.too_few_note(0, {"min_articles": 3, "min_sentences": 3}) == ""
    nothing, groups = actors.stance_matrix(part.filter(pl.col("too_few")), "mentions")
    assert nothing.width == 1 and groups == 2


def test_outlet_counts_group_outlets_after_the_top_and_keep_the_total():
    cited = pl.DataFrame(
        {"outlet": ["a", "a", "b", "c", "d"], "agency": ["AFP", "SANA", "AFP", "AFP", "AFP"]}
    )
    grouped = actors.outlet_counts(cited, "agency", top=1)
    assert grouped.rows() == [("a", 2, 1, 1), ("3 other outlets", 3, 3, 0)]
    assert grouped.columns == ["outlet", "sentences", "AFP", "SANA"]
    assert grouped["sentences"].sum() == cited.height


def test_linked_table_writes_every_row_as_csv_and_links_it(tmp_path):
    folder = TableFolder.beside(
        tmp_path / "reports/corpus.html", tmp_path / "reports/tables/corpus"
    )
    assert folder.href == "tables/corpus"
    full = pl.DataFrame(
        {"outlet": [f"موقع{i}" for i in range(50)], "words": [["قسد", "داعش"]] * 50}
    )
    html = linked_table(folder, "outlets", full, "Outlets", max_rows=10, notes=["3 hidden."])
    assert 'href="tables/corpus/outlets.csv"' in html
    assert "The first 10 of 50 rows; every row is in the CSV file." in html
    assert "3 hidden." in html and "Showing" not in html
    assert html.count("<tr>") == 11  # the header and ten rows
    written = (tmp_path / "reports/tables/corpus/outlets.csv").read_bytes()
    assert written.startswith(b"\xef\xbb\xbf")  # a BOM: spreadsheet programs show Arabic
    back = pl.read_csv(tmp_path / "reports/tables/corpus/outlets.csv")
    assert back.height == 50 and back["words"][0] == "قسد · داعش"


@pytest.mark.parametrize("top", [1, 3])
def test_rank_ties_are_broken_by_name(top):
    frame = pl.DataFrame({"outlet": ["b", "a", "c", "d"], "articles": [2, 2, 1, 1]})
    assert outlet_ranking(frame, "articles") == ["a", "b", "c", "d"]
    assert fold_outlets(frame, outlet_ranking(frame, "articles"), top)["articles"].sum() == 6


def test_validation_design_table_links_its_csv(tmp_path):
    from mediaframe.report.validation import design_table

    design = pl.DataFrame(
        {
            "actor": ["sdf"] * 30,
            "text": ["article"] * 30,
            "outlet_group": [f"o{i}" for i in range(30)],
            "population": list(range(30)),
            "sampled": [2] * 30,
            "inclusion_probability": [0.5] * 30,
        }
    )
    folder = TableFolder.beside(tmp_path / "validation.html", tmp_path / "tables/validation")
    html = design_table(design, NAMES, folder, max_rows=5)
    assert 'href="tables/validation/design.csv"' in html
    assert "The first 5 of 30 rows" in html
    assert pl.read_csv(tmp_path / "tables/validation/design.csv").height == 30
    assert "Showing 30 of" not in design_table(design, NAMES)  # without a folder: in full


def test_outlets_by_actor_fit_a_screen_and_keep_the_counts():
    mentions = pl.DataFrame(
        {
            "actor": ["sdf", "sdf", "sdf", "sdf", "sdf", "us", "sdf", "sdf"],
            "outlet": ["a", "a", "a", "a", "a", "a", "b", "c"],
            "alias": ["قسد", "قسد", "ق", "قوات", "SDF", "واشنطن", "قسد", "قسد"],
        }
    )
    wide = actors.outlets_by_actor(mentions, NAMES, "alias", top=1, per_cell=2)
    assert wide.columns == ["outlet", "mentions", "SDF", "United States"]
    assert wide.rows() == [
        ("a", 6, "قسد (2) · SDF (1) · (+2)", "واشنطن (1)"),
        ("2 other outlets", 2, "قسد (2)", None),
    ]
    quotes = pl.DataFrame(
        {"speaker": ["us", "us", "(unresolved)", "us"], "outlet": ["a", "a", "a", "b"]}
    )
    assert actors.outlet_counts(quotes, "speaker", top=5).rows() == [("a", 3, 2, 1), ("b", 1, 1, 0)]


def test_speaker_categories_group_other_outlets_and_most_quoted_sums_them():
    voiced = pl.DataFrame(
        {
            "speaker": ["SDF", "SDF", "(unresolved)", "SDF", "(anonymous source)"],
            "speaker_category": ["actor", "actor", "unresolved", "actor", "anonymous"],
            "outlet": ["a", "a", "a", "b", "c"],
            "quote_type": ["direct", "reported", "reported", "direct", "direct"],
        }
    )
    shares = actors.speaker_shares(voiced, top=1)
    assert shares.select("outlet", "quotes", "configured actor").rows() == [
        ("all outlets", 5, 0.6),
        ("a", 3, 0.667),
        ("2 other outlets", 2, 0.5),
    ]
    assert actors.most_quoted(voiced).rows()[0] == ("SDF", "configured actor", 3, 2, 1, 2)


def test_reject_reasons_differing_by_a_count_are_one_reason():
    rejects = pl.DataFrame(
        {
            "stage": ["clean"] * 4,
            "reason": [
                "no article: the page is a list of 8 items",
                "no article: the page is a list of 41 items",
                "article text shorter than clean.min_chars=20",
                "article text shorter than clean.min_chars=20",
            ],
        }
    )
    assert corpus.rejects_by_reason(rejects).rows() == [
        ("clean", "article text shorter than clean.min_chars=20", 2),
        ("clean", "no article: the page is a list of N items", 2),
    ]
