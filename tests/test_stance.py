import numpy as np
import polars as pl
import pytest

from conftest import mention_frame
from mediaframe.errors import MediaframeError
from mediaframe.stance import get_scorer
from mediaframe.stance.aggregate import AggregateSettings, aggregate_stance, bootstrap_interval
from mediaframe.stance.lexicon import LexiconScorer


@pytest.fixture(scope="module")
def scorer():
    return get_scorer({"scorer": "lexicon"})


def test_label_goes_to_the_nearest_mention(scorer):
    sentence = "أوقف الجيش الأمريكي الدوريات مع ميليشيا قسد"
    us = (sentence.index("الجيش"), sentence.index("الجيش") + len("الجيش الأمريكي"))
    sdf = (sentence.index("قسد"), sentence.index("قسد") + 3)
    (us_label, *_), (sdf_label, sdf_score, _, evidence) = scorer.score_sentence(sentence, [us, sdf])
    assert us_label == "neutral"
    assert sdf_label == "negative" and sdf_score < 0
    assert "ميليشيا" in evidence


def test_negation_flips_valence(scorer):
    text = "الولايات المتحدة لا تدعم قسد"
    (label, score, _, evidence) = scorer.score_sentence(text, [(0, 16)])[0]
    assert label == "negative" and score < 0
    assert evidence.startswith("not تدعم ")  # the word as written


def test_evidence_shows_words_as_written(scorer):
    sentence = "هاجمت الميليشيات الإرهابية قسد"
    (_, _, _, evidence) = scorer.score_sentence(sentence, [(sentence.index("قسد"), len(sentence))])[
        0
    ]
    assert "الإرهابية" in evidence and "ارهاب" not in evidence


def test_english_and_no_evidence(scorer):
    supportive = scorer.score_sentence("Washington supports its partners", [(0, 10)])[0]
    assert supportive[0] == "positive" and 0 < supportive[1] <= 1
    assert scorer.score_sentence("Washington met on Tuesday", [(0, 10)])[0] == (
        "neutral",
        0.0,
        0.0,
        "",
    )


def test_score_frame_contract(scorer):
    frame = mention_frame(
        [("sdf", "مع ميليشيا قسد", "قسد"), ("turkey", "تركيا تهدد بعملية", "تركيا")]
    )
    scored = scorer.score(frame)
    assert scored.columns[-4:] == ["label", "score", "confidence", "evidence"]
    assert scored["label"].to_list() == ["negative", "negative"]
    assert scored["score"].is_between(-1, 1).all()
    assert scored["confidence"].is_between(0, 1).all()


def test_bad_lexicon_row_names_file_and_line(tmp_path):
    path = tmp_path / "lex.csv"
    path.write_text("term,valence\nجيد,0.5\nسيء,bad\n", encoding="utf-8")
    with pytest.raises(MediaframeError, match=r"lex\.csv, line 3"):
        LexiconScorer.from_csv(path)


def test_unknown_scorer_is_a_clear_error():
    with pytest.raises(MediaframeError, match=r"stance\.scorer 'magic'"):
        get_scorer({"scorer": "magic"})


def test_bootstrap_interval_contains_the_mean():
    scores = np.array([-0.5, -0.2, 0.0, 0.3, 0.6, -0.1])
    low, high = bootstrap_interval(scores, 2000, seed=1)
    assert low < scores.mean() < high
    assert bootstrap_interval(scores, 2000, seed=1) == (low, high)


def test_aggregates_hide_small_cells_and_split_articles_from_comments():
    scored = pl.DataFrame(
        {
            "doc_id": ["a"] * 5,
            "outlet": ["o"] * 5,
            "published": [None] * 5,
            "kind": ["body", "body", "title", "comment", "body"],
            "actor": ["sdf", "sdf", "sdf", "sdf", "isis"],
            "score": [-0.7, -0.5, 0.0, 0.6, -0.9],
            "label": ["negative", "negative", "neutral", "positive", "negative"],
        },
        schema_overrides={"published": pl.Date},
    )
    doc_topics = pl.DataFrame({"doc_id": ["a"], "topic": [0]})
    table = aggregate_stance(
        scored, doc_topics, AggregateSettings(min_articles=1, min_sentences=2, bootstrap=200)
    )
    text = {
        (r["actor"], r["group"]): r
        for r in table.filter(pl.col("dimension") == "text").iter_rows(named=True)
    }
    assert text[("sdf", "article")]["mentions"] == 3
    assert text[("sdf", "article")]["mean_score"] == pytest.approx(-0.4)
    assert text[("sdf", "comment")]["too_few"] is True
    assert text[("sdf", "comment")]["mean_score"] is None
    overall = table.filter((pl.col("dimension") == "overall") & (pl.col("actor") == "isis")).row(
        0, named=True
    )
    assert overall["too_few"] is True and overall["share_negative"] == 1.0
    assert table.filter(pl.col("dimension") == "period").is_empty()  # no dates, no timeline


def test_duplicate_copies_are_counted_once():
    scored = pl.DataFrame(
        {
            "doc_id": ["wire", "copy", "own"],
            "outlet": ["a", "b", "b"],
            "published": [None] * 3,
            "kind": ["body"] * 3,
            "actor": ["sdf"] * 3,
            "score": [-0.8, -0.8, 0.4],
            "label": ["negative", "negative", "positive"],
        },
        schema_overrides={"published": pl.Date},
    )
    doc_topics = pl.DataFrame({"doc_id": ["wire", "copy", "own"], "topic": [0, 0, 0]})
    duplicates = pl.DataFrame({"doc_id": ["wire", "copy"], "is_canonical": [True, False]})
    settings = AggregateSettings(min_articles=1, min_sentences=1, bootstrap=200)
    once = aggregate_stance(scored, doc_topics, settings, duplicates=duplicates)
    every = aggregate_stance(scored, doc_topics, settings)
    overall = pl.col("dimension") == "overall"
    assert once.filter(overall)["mentions"].item() == 2
    assert every.filter(overall)["mentions"].item() == 3
    assert once.filter(overall)["mean_score"].item() == pytest.approx(-0.2)


def test_comment_mentions_split_by_thread_and_kept_in_copies():
    scored = pl.DataFrame(
        {
            "doc_id": ["wire", "copy", "copy", "copy"],
            "outlet": ["a", "b", "b", "b"],
            "published": [None] * 4,
            "kind": ["body", "body", "comment", "comment"],
            "comment": [None, None, 1, 2],
            "actor": ["sdf"] * 4,
            "score": [-0.8, -0.8, 0.5, -0.5],
            "label": ["negative", "negative", "positive", "negative"],
        },
        schema_overrides={"published": pl.Date, "comment": pl.Int64},
    )
    doc_topics = pl.DataFrame({"doc_id": ["wire", "copy"], "topic": [0, 0]})
    duplicates = pl.DataFrame({"doc_id": ["wire", "copy"], "is_canonical": [True, False]})
    comments = pl.DataFrame({"doc_id": ["copy", "copy"], "position": [1, 2], "depth": [0, 1]})
    settings = AggregateSettings(min_articles=1, min_sentences=1, bootstrap=100)
    table = aggregate_stance(scored, doc_topics, settings, duplicates=duplicates, comments=comments)
    # the copy's body is counted once, but its readers' comments stay
    text = dict(table.filter(pl.col("dimension") == "text").select("group", "mentions").rows())
    assert text == {"article": 1, "comment": 2}
    thread = table.filter(pl.col("dimension") == "thread").select("group", "mean_score").rows()
    assert thread == [("reply", -0.5), ("top-level comment", 0.5)]
