"""The Arabic news stance data set: sampling, rebuilding texts from the raw corpus, codes."""

from __future__ import annotations

import gzip
import json

import polars as pl
import pytest

from conftest import SHARED_DATA
from mediaframe.errors import MediaframeError
from mediaframe.stance import arabic_news as an

ARTICLES = [
    ("okaz", "u1", "أدانت إيران الهجوم. وقصفت ميليشيات الحوثي الأحياء السكنية في عدن بالصواريخ."),
    (
        "aawsat",
        "u2",
        "واستقبل الرئيس وفدا من تركيا لبحث الأوضاع في المنطقة اليوم.\n\nوقال مسؤول إن روسيا تدعم الحل السياسي في سوريا.",
    ),
    (
        "alriyadh",
        "u3",
        "وقصفت ميليشيات الحوثي الأحياء السكنية في عدن بالصواريخ. ونجحت القوات التركية في إجلاء مئات العائلات.",
    ),
    ("sabq", "u4", "وأعلنت روسيا أنها ستواصل الغارات الجوية في سوريا خلال الأيام المقبلة."),
]


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "saudinewsnet"
    folder.mkdir()
    with gzip.open(folder / "saudinewsnet.jsonl.gz", "wt", encoding="utf-8") as handle:
        for source, url, content in ARTICLES:
            handle.write(json.dumps({"source": source, "url": url, "content": content}) + "\n")
    return tmp_path


def test_population_keeps_a_repeated_sentence_once_with_raw_offsets(corpus):
    mentions = an.population(an.read_saudinewsnet(corpus), an.sampling_matcher())
    houthi = mentions.filter(pl.col("actor") == "houthis")
    assert houthi.height == 1 and houthi["url"][0] == "u1"  # the alriyadh copy is a repeat
    row = mentions.filter(pl.col("url") == "u2", pl.col("actor") == "russia").row(0, named=True)
    assert ARTICLES[1][2][row["mention_start"] : row["mention_end"]] == "روسيا"


def test_sample_splits_by_outlet_and_is_seeded(corpus):
    mentions = an.population(an.read_saudinewsnet(corpus), an.sampling_matcher())
    first = an.sample_units(mentions, ["قصف", "نجحت"], test_units=2, per_actor=4)
    again = an.sample_units(mentions, ["قصف", "نجحت"], test_units=2, per_actor=4)
    assert first.equals(again)
    test = first.filter(pl.col("split") == "test")
    assert set(test["outlet"]) <= set(an.TEST_OUTLETS) and test.height == 2
    in_test_outlets = mentions.filter(pl.col("outlet").is_in(an.TEST_OUTLETS)).height
    assert test["inclusion_probability"].to_list() == [2 / in_test_outlets] * 2
    train = first.filter(pl.col("split") == "train")
    assert not set(train["outlet"]) & set(an.TEST_OUTLETS)
    assert first["unit_id"].n_unique() == first.height


def test_second_round_adds_training_units_and_grows_the_random_test_sample(corpus):
    mentions = an.population(an.read_saudinewsnet(corpus), an.sampling_matcher())
    first = an.sample_units(mentions, ["قصف"], test_units=1, per_actor=1)
    both = an.sample_more(mentions, first, ["قصف"], actors=("russia", "turkey"), test_units=1)
    assert both.sort("unit_id").equals(both) and both["unit_id"].n_unique() == both.height
    assert (
        both.filter(pl.col("unit_id").is_in(first["unit_id"].implode()))
        .drop("inclusion_probability")
        .equals(first.drop("inclusion_probability"))
    )
    added = both.join(first, on="unit_id", how="anti")
    train = added.filter(pl.col("split") == "train")
    assert set(train["actor"]) <= {"russia", "turkey"} and train.height >= 1
    assert not set(train["outlet"]) & set(an.TEST_OUTLETS)
    assert train["drawn_as"].str.ends_with(", round 2").all()
    # no mention is drawn twice; the test sample stays simple random, with one probability
    assert both.select("url", "mention_start").n_unique() == both.height
    test = both.filter(pl.col("split") == "test")
    in_test_outlets = mentions.filter(pl.col("outlet").is_in(an.TEST_OUTLETS)).height
    assert test.height == 2
    assert test["inclusion_probability"].to_list() == [2 / in_test_outlets] * 2


def test_rebuild_marks_the_mention_and_refuses_a_changed_corpus(corpus, tmp_path):
    mentions = an.population(an.read_saudinewsnet(corpus), an.sampling_matcher())
    units = an.sample_units(mentions, [], test_units=10, per_actor=10)
    rebuilt = an.rebuild(units, corpus)
    row = rebuilt.filter(pl.col("actor") == "turkey", pl.col("url") == "u2").row(0, named=True)
    assert row["mention"] == "تركيا" and "⟦تركيا⟧" in row["marked"]
    changed = [(s, u, c.replace("الرئيس", "الملك")) for s, u, c in ARTICLES]
    with gzip.open(corpus / an.CORPUS, "wt", encoding="utf-8") as handle:
        for source, url, content in changed:
            handle.write(json.dumps({"source": source, "url": url, "content": content}) + "\n")
    with pytest.raises(MediaframeError, match="does not match its stored hash"):
        an.rebuild(units, corpus)


def test_final_label_is_the_agreed_or_the_adjudicated_one():
    codes = pl.DataFrame(
        {
            "unit_id": ["a", "b"],
            "label_a": ["negative", "neutral"],
            "label_b": ["negative", "positive"],
            "adjudication": [None, "positive"],
        }
    )
    assert an.final_labels(codes)["final"].to_list() == ["negative", "positive"]
    with pytest.raises(MediaframeError, match="no adjudication"):
        an.final_labels(codes.with_columns(pl.lit(None, dtype=pl.String).alias("adjudication")))


def test_stored_codes_cover_every_unit_and_agree():
    units = an.read_units()
    codes = an.read_codes()
    assert units.height >= 3000
    assert sorted(codes["unit_id"]) == sorted(units["unit_id"])
    assert units.filter(pl.col("split") == "test").height >= 0.2 * units.height
    alpha, low, high = an.nominal_alpha(codes)
    assert alpha is not None and low <= alpha <= high and alpha >= 0.7


@pytest.mark.skipif(
    not (SHARED_DATA / an.CORPUS).exists(),
    reason="needs ../shared/data/saudinewsnet (absent on a user's fresh clone)",
)
def test_every_stored_unit_rebuilds_from_the_shared_corpus():
    rebuilt = an.rebuild(an.read_units(), SHARED_DATA)
    assert rebuilt["sentence"].str.len_chars().min() > 0


@pytest.mark.skipif(
    not (SHARED_DATA / an.CORPUS).exists(),
    reason="needs ../shared/data/saudinewsnet (absent on a user's fresh clone)",
)
def test_the_seeded_sampling_reproduces_the_stored_units(tmp_path):
    an.main(["sample", "--data", str(SHARED_DATA), "--out", str(tmp_path / "units.csv")])
    assert an.read_units(tmp_path / "units.csv").equals(an.read_units())
