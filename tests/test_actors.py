import polars as pl
import pytest
import yaml

from conftest import ROOT
from mediaframe.actors.matching import find_mentions, matcher_from_config


@pytest.fixture(scope="module")
def matcher():
    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    return matcher_from_config(config["actors"])


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("وواشنطن توقف العمليات", [("united_states", "وواشنطن")]),
        ("الضغط على لقسد", [("sdf", "لقسد")]),
        ("التنسيق بقسد", [("sdf", "بقسد")]),
        ("الدفاع بتركيا", []),  # ب + a country is mostly "in" (not_written)
        ("والولايات المتحدة تعارض", [("united_states", "والولايات المتحدة")]),
        ("للولايات المتحدة", [("united_states", "للولايات المتحدة")]),
        ("القوات الأميركية", [("united_states", "القوات الأميركية")]),
        ("القيادة المركزية الأمريكية", [("united_states", "القيادة المركزية الأمريكية")]),
        ("وقال أردوغان", [("turkey", "أردوغان")]),
        ("تنظيم داعش", [("isis", "داعش")]),
        ("مع التحالف الدولي", [("coalition", "التحالف الدولي")]),
        (
            "The SDF said Turkey's strikes hurt U.S. troops",
            [("sdf", "SDF"), ("turkey", "Turkey's"), ("united_states", "U.S.")],
        ),
        ("Ankara told us nothing", [("turkey", "Ankara")]),
        ("أوقف الدوريات", []),
        ("ميليشيات قسدية", [("sdf", "قسدية")]),
        ("التحالفات الإقليمية وتركيب المعدات", []),
    ],
)
def test_aliases_match_through_clitics_and_variants(matcher, sentence, expected):
    assert [(m.actor, m.matched) for m in matcher.find(sentence)] == expected


def test_longest_alias_wins_and_nothing_is_counted_twice(matcher):
    found = matcher.find("أعلن الجيش الأمريكي أنه أوقف الدوريات")
    assert [(m.actor, m.alias, m.matched) for m in found] == [
        ("united_states", "الجيش الأمريكي", "الجيش الأمريكي")
    ]


def test_members_roll_up_to_their_actor(matcher):
    found = matcher.find("قال المتحدث جون كيربي")
    assert [(m.actor, m.member) for m in found] == [("united_states", "جون كيربي")]


def test_offsets_index_the_original_sentence(matcher):
    sentence = "وكانت قسدُ أعلنت"
    (match,) = matcher.find(sentence)
    assert sentence[match.start : match.end] == "قسدُ"


def test_mentions_table_has_sentence_and_text_offsets(matcher):
    sentences = pl.DataFrame(
        {
            "doc_id": ["d"],
            "outlet": ["o"],
            "published": [None],
            "kind": ["body"],
            "comment": [None],
            "sentence": [3],
            "start": [100],
            "end": [120],
            "text": ["ضد مواقع قسد في سوريا"],
        },
        schema_overrides={"published": pl.Date, "comment": pl.Int64},
    )
    mentions = find_mentions(sentences, matcher)
    row = mentions.row(0, named=True)
    assert (row["actor"], row["start"], row["end"], row["text_start"]) == ("sdf", 9, 12, 109)
