"""Validation loop pieces: counted units, sampler, sheet, coded-sheet import, gold labels,
agreement and the model against coders."""

from __future__ import annotations

import csv
import datetime as dt

import numpy as np
import polars as pl
import pytest

from mediaframe.errors import MediaframeError
from mediaframe.stance.aggregate import AggregateSettings, aggregate_stance, counted_mentions
from mediaframe.validation.accuracy import accuracy_table, calibration_table, confusion_table
from mediaframe.validation.agreement import AgreementSettings, agreement_table
from mediaframe.validation.coded import gold_labels, read_coded_folder, tie_rule
from mediaframe.validation.sample import (
    SampleSettings,
    allocate,
    assign_strata,
    draw_sample,
    mention_units,
)
from mediaframe.validation.sheet import SHEET_COLUMNS, codebook_html, coding_sheet, write_sheet

SIDEBAR = "وأكدت قسد أنها ستواصل قتال تنظيم داعش في المنطقة."


def scored_mentions(rows):
    """Scored mentions from (doc_id, outlet, sentence_text, label) rows, actor sdf."""
    return pl.DataFrame(
        [
            {
                "doc_id": doc,
                "outlet": outlet,
                "published": dt.date(2024, 1, 1 + i),
                "kind": "body",
                "comment": None,
                "sentence": 0,
                "actor": "sdf",
                "start": text.index("قسد") if "قسد" in text else 0,
                "end": (text.index("قسد") + 3) if "قسد" in text else 3,
                "sentence_text": text,
                "label": label,
                "score": {"negative": -0.8, "neutral": 0.0, "positive": 0.8}[label],
                "confidence": 0.7,
            }
            for i, (doc, outlet, text, label) in enumerate(rows)
        ],
        schema_overrides={"comment": pl.Int64},
    )


def test_one_sentence_copied_into_five_articles_counts_once_and_is_too_few():
    # the same sidebar sentence (once with other punctuation and digits) in 5 articles
    copies = [SIDEBAR] * 3 + [SIDEBAR.replace(".", "!"), SIDEBAR.replace("في", "في  ")]
    scored = scored_mentions([(f"d{i}", "o", text, "positive") for i, text in enumerate(copies)])
    counted = counted_mentions(scored)
    assert counted.height == 1 and counted["doc_id"].item() == "d0"  # the first occurrence
    table = aggregate_stance(
        scored, pl.DataFrame({"doc_id": ["d0"], "topic": [0]}), AggregateSettings(bootstrap=200)
    )
    overall = table.filter(pl.col("dimension") == "overall").row(0, named=True)
    assert (overall["mentions"], overall["articles"], overall["sentences"]) == (1, 1, 1)
    assert overall["too_few"] is True and overall["mean_score"] is None


def test_distinct_sentences_in_distinct_articles_get_a_clustered_interval():
    rows = [(f"d{i}", "o", f"قالت قسد في البيان رقم {'ا' * i} كلاما", "negative") for i in range(4)]
    rows += [("d0", "o", "ورحبت قسد بالاتفاق", "positive")] * 1
    scored = scored_mentions(rows)
    table = aggregate_stance(
        scored, pl.DataFrame({"doc_id": ["d0"], "topic": [0]}), AggregateSettings(bootstrap=400)
    )
    overall = table.filter(pl.col("dimension") == "overall").row(0, named=True)
    assert (overall["articles"], overall["sentences"], overall["too_few"]) == (4, 5, False)
    assert overall["ci_low"] < overall["mean_score"] < overall["ci_high"]


def test_allocation_gives_every_stratum_two_units_and_sums_to_the_size():
    population = np.array([900, 300, 40, 3, 1])
    counts = allocate(population, 100, 2, power=0.5)
    assert counts.sum() == 100 and (counts >= np.minimum(population, 2)).all()
    assert (counts <= population).all()
    assert counts[0] / 900 < counts[2] / 40  # small strata are sampled at a higher rate


def test_sampler_is_stratified_deterministic_and_records_inclusion_probabilities():
    rng = np.random.default_rng(0)
    units = pl.DataFrame(
        {
            "unit_id": [f"u{i:04d}" for i in range(400)],
            "actor": rng.choice(["sdf", "turkey"], 400),
            "text": rng.choice(["article", "comment"], 400, p=[0.85, 0.15]),
            "outlet": rng.choice(["a", "b", "c", "d", "e"], 400, p=[0.5, 0.3, 0.1, 0.07, 0.03]),
        }
    )
    strata = assign_strata(units, top_outlets=2)
    assert set(strata["outlet_group"]) == {"a", "b", "other outlets"}
    sampled, design = draw_sample(strata, SampleSettings(size=60, top_outlets=2, seed=5))
    again, _ = draw_sample(strata, SampleSettings(size=60, top_outlets=2, seed=5))
    assert sampled.equals(again)
    assert sampled["sampled"].sum() == design["sampled"].sum() == 60
    assert design.height == 12 and (design["sampled"] >= 2).all()
    per_stratum = sampled.group_by("stratum").agg(
        pl.col("sampled").sum().alias("n"),
        pl.len().alias("N"),
        pl.col("inclusion_probability").first(),
    )
    assert np.allclose(per_stratum["n"] / per_stratum["N"], per_stratum["inclusion_probability"])


@pytest.fixture
def sheet_inputs():
    mentions = scored_mentions(
        [
            ("a1", "o", "قصفت ميليشيا قسد قرى الريف", "negative"),
            ("a2", "o", "ورحبت قسد <script>x</script> بالاتفاق", "positive"),
        ]
    ).drop("label", "score", "confidence")
    sentences = pl.DataFrame(
        {
            "doc_id": ["a1", "a1", "a2"],
            "kind": ["body"] * 3,
            "comment": [None, None, None],
            "sentence": [0, 1, 0],
            "text": ["قصفت ميليشيا قسد قرى الريف", "وقال شهود إن القصف استمر", "ورحبت قسد"],
        },
        schema_overrides={"comment": pl.Int64},
    )
    units = assign_strata(mention_units(mentions, None), top_outlets=5)
    sampled, design = draw_sample(units, SampleSettings(size=300))
    return sampled, design, sentences


def test_sheet_is_blind_marks_the_mention_and_opens_as_utf8(sheet_inputs, tmp_path):
    sampled, design, sentences = sheet_inputs
    assert sampled["sampled"].all() and (design["inclusion_probability"] == 1).all()
    sheet = coding_sheet(sampled, sentences, {"sdf": "SDF (قسد)"})
    assert sheet.columns == list(SHEET_COLUMNS)
    assert not {"label", "score", "confidence"} & set(sampled.columns)  # nothing to copy from
    row = sheet.filter(pl.col("sentence").str.contains("ميليشيا")).row(0, named=True)
    assert row["sentence"] == "قصفت ميليشيا ⟦قسد⟧ قرى الريف"
    assert row["next_sentence"] == "وقال شهود إن القصف استمر" and row["previous_sentence"] == ""
    assert row["actor"] == "SDF (قسد)"
    write_sheet(sheet, tmp_path / "sheet.csv", tmp_path / "sheet.xlsx")
    raw = (tmp_path / "sheet.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and "⟦قسد⟧".encode() in raw
    assert b"negative" not in raw and b"confidence" not in raw  # blind
    from openpyxl import load_workbook

    cells = list(load_workbook(tmp_path / "sheet.xlsx").active.iter_rows(values_only=True))
    assert cells[0][0] == "unit_id" and len(cells) == 3
    page = codebook_html("# Codebook\n\n| a | b |\n|---|---|\n| قسد | <b>x</b> |\n")
    assert '<td dir="auto">قسد</td>' in page and "<h1" in page


def write_coded(path, rows, header=("unit_id", "label", "coder")):
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            [("u0", "negative", ""), ("uX", "neutral", "")],
            r"coder_a\.csv.*row 3: unit id 'uX' is not in the coding sheet\. Fix",
        ),
        ([("u0", "", "")], r"row 2: the label of unit 'u0' is empty\. Fix: enter one of negative"),
        (
            [("u0", "posative", "")],
            r"row 2: label 'posative' of unit 'u0' is not one of .*Fix: correct",
        ),
        (
            [("u0", "neutral", ""), ("u0", "neutral", "")],
            r"row 3: unit 'u0' is coded by 'coder_a' again \(first in row 2\)\. Fix: keep one",
        ),
    ],
)
def test_bad_coded_sheets_name_file_row_and_fix(tmp_path, rows, message):
    path = write_coded(tmp_path / "coder_a.csv", rows)
    with pytest.raises(MediaframeError, match=message):
        read_coded_folder([path], {"u0", "u1"})


def test_missing_column_and_same_unit_in_two_files_of_one_coder(tmp_path):
    path = write_coded(tmp_path / "a.csv", [("u0", "neutral")], header=("unit", "label"))
    with pytest.raises(MediaframeError, match=r"a\.csv, row 1: the header has no unit_id column"):
        read_coded_folder([path], {"u0"})
    one = write_coded(tmp_path / "b.csv", [("u0", "neutral", "sara")])
    two = write_coded(tmp_path / "c.csv", [("u0", "negative", "sara")])
    with pytest.raises(
        MediaframeError, match=r"c\.csv, row 2: unit 'u0' is coded by 'sara' in two files"
    ):
        read_coded_folder([one, two], {"u0"})


def test_gold_labels_adjudication_majority_and_ties(tmp_path):
    a = write_coded(
        tmp_path / "a.csv",
        [
            ("u0", "negative", ""),
            ("u1", "Negative", ""),
            ("u2", "negative", ""),
            ("u3", "not actor", ""),
        ],
    )
    b = write_coded(
        tmp_path / "b.csv",
        [
            ("u0", "negative", ""),
            ("u1", "positive", ""),
            ("u2", "positive", ""),
            ("u3", "positive", ""),
        ],
    )
    c = write_coded(tmp_path / "c.csv", [("u2", "positive", "")])
    adjudication = write_coded(tmp_path / "adj.csv", [("u1", "negative", "adjudicator")])
    coded = read_coded_folder([a, b, c, adjudication], {"u0", "u1", "u2", "u3"})
    gold = {
        r["unit_id"]: (r["gold"], r["source"])
        for r in gold_labels(coded, "adjudicator").iter_rows(named=True)
    }
    assert gold == {
        "u0": ("negative", "unanimous"),
        "u1": ("negative", "adjudicated"),
        "u2": ("positive", "majority"),
        "u3": ("positive", "tie"),
    }
    assert tie_rule(["negative", "positive"]) == "neutral"
    assert tie_rule(["negative", "neutral"]) == "neutral"


def test_agreement_is_one_for_identical_coders_and_lower_for_noise():
    rng = np.random.default_rng(1)
    labels = rng.choice(["negative", "neutral", "positive"], 60)
    units = [f"u{i}" for i in range(60)]
    same = pl.DataFrame(
        {"unit_id": units * 2, "coder": ["a"] * 60 + ["b"] * 60, "label": list(labels) * 2}
    )
    actors = pl.DataFrame({"unit_id": units, "actor": ["sdf"] * 30 + ["isis"] * 30})
    table = agreement_table(same, actors, AgreementSettings(bootstrap=200, min_units=25))
    assert set(table["actor"]) == {"all", "sdf", "isis"}
    assert table["alpha"].to_list() == pytest.approx([1.0] * 6)
    noisy = same.with_columns(
        pl.when((pl.col("coder") == "b") & pl.Series(rng.random(120) < 0.5))
        .then(pl.lit("neutral"))
        .otherwise(pl.col("label"))
        .alias("label")
    )
    row = agreement_table(noisy, actors, AgreementSettings(bootstrap=200, min_units=100)).row(
        0, named=True
    )
    assert row["actor"] == "all" and row["level"] == "nominal" and row["units"] == 60
    assert row["ci_low"] < row["alpha"] < row["ci_high"] < 0.95


def test_model_against_coders_tables():
    joined = pl.DataFrame(
        {
            "unit_id": ["u0", "u1", "u2", "u3", "u4"],
            "actor": ["sdf", "sdf", "sdf", "isis", "isis"],
            "outlet": ["a", "a", "b", "b", "b"],
            "gold": ["negative", "neutral", "positive", "negative", "not_actor"],
            "label": ["negative", "negative", "positive", "negative", "neutral"],
            "confidence": [0.9, 0.5, 0.8, 0.95, 0.4],
            "inclusion_probability": [0.5, 0.5, 1.0, 1.0, 1.0],
        }
    )
    table = accuracy_table(joined)
    overall = table.filter(pl.col("dimension") == "overall").row(0, named=True)
    assert (overall["units"], overall["not_actor"], overall["accuracy"]) == (4, 1, 0.75)
    # F1: negative 2·2/(2·2+1) = 0.8, neutral 0, positive 1
    assert overall["macro_f1"] == pytest.approx((0.8 + 0 + 1) / 3)
    assert overall["weighted_accuracy"] == pytest.approx((2 + 0 + 1 + 1) / (2 + 2 + 1 + 1))
    confusion = confusion_table(joined)
    assert (
        confusion.filter(
            (pl.col("actor") == "all")
            & (pl.col("gold") == "neutral")
            & (pl.col("model") == "negative")
        )["units"].item()
        == 1
    )
    assert confusion.height == 3 * 4 * 3
    calibration = calibration_table(joined)
    assert calibration["units"].sum() == 4
