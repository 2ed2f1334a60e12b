"""The actors report's tables, on tiny frames."""

import polars as pl

from mediaframe.report import actors as report

REGISTRY = [
    {"id": "sdf", "names": {"en": "SDF", "ar": "قسد"}},
    {"id": "us", "names": {"en": "United States", "ar": "الولايات المتحدة"}},
    {"id": "isis"},
]
NAMES = report.actor_names(REGISTRY)
SCORED = pl.DataFrame(
    {
        "doc_id": ["a", "a", "b", "c"],
        "outlet": ["x", "x", "y", "x"],
        "kind": ["article", "comment", "article", "article"],
        "actor": ["sdf", "sdf", "us", "sdf"],
        "alias": ["قسد", "لقسد", "واشنطن", "قسد"],
        "sentence_text": ["<b>قسد</b> هنا", "لقسد", "واشنطن", "قسد"],
        "start": [3, 0, 0, 0],
        "end": [6, 4, 6, 3],
        "label": ["negative", "neutral", "positive", "neutral"],
        "score": [-0.5, 0.0, 0.6, 0.1],
        "confidence": [0.9, 0.4, 0.8, 0.7],
        "evidence": ["p", "p · second reading (e5)", "p", "p"],
    }
)


def test_names_fall_back_to_the_id():
    assert NAMES == {"sdf": "SDF", "us": "United States", "isis": "isis"}
    assert report.arabic_names(REGISTRY)["isis"] == ""


def test_counted_once_leaves_out_copies_only_when_asked():
    copies = pl.DataFrame({"doc_id": ["c"], "is_canonical": [False]})
    assert report.counted_once(copies, True)(SCORED)["doc_id"].to_list() == ["a", "a", "b"]
    assert report.counted_once(copies, False)(SCORED).height == 4


def test_mentions_per_actor_lists_every_actor():
    everyone = report.mentions_per_actor(SCORED, NAMES, report.arabic_names(REGISTRY))
    assert everyone.select(
        "name", "mentions", "in articles", "in comments", "documents"
    ).rows() == [
        ("SDF", 3, 2, 1, 2),
        ("United States", 1, 1, 0, 1),
        ("isis", 0, 0, 0, 0),
    ]
    assert report.mentions_figure(everyone).axes[0].get_title() == "Mentions per actor"


def test_alias_and_name_tables():
    assert report.aliases_matched(SCORED, NAMES).rows() == [
        ("SDF", "قسد", 2),
        ("SDF", "لقسد", 1),
        ("United States", "واشنطن", 1),
    ]
    assert report.names_used(SCORED, NAMES).rows()[0] == ("SDF", "x", "قسد", 2)


def test_scorer_note_counts_the_second_reading_for_a_lexicon_it_says_nothing():
    minimum = {"min_articles": 3, "min_sentences": 4}
    lexicon = report.scorer_note({"scorer": "lexicon"}, SCORED, dropped=1, minimum=minimum)
    assert lexicon == (
        "Stance scorer: lexicon. 1 mention(s) in duplicate copies of a story are counted once "
        "(clean.duplicates.count_once). A sentence repeated across articles counts once, "
        "intervals resample articles (not mentions), and cells resting on fewer than 3 distinct "
        "articles or 4 distinct sentences (stance.aggregate) are too few: left blank, with "
        "their counts in the CSV files."
    )
    off = report.scorer_note(
        {"scorer": "embedding", "embedding": {"second_reading_below": 0}}, SCORED, 0, minimum
    )
    assert "The second reading is off" in off


def test_stance_rows_blank_too_few_and_show_percentages():
    aggregates = pl.DataFrame(
        {
            "dimension": ["overall", "overall", "outlet"],
            "group": ["all", "all", "x"],
            "actor": ["sdf", "us", "sdf"],
            "mentions": [12, 2, 12],
            "mean_score": [-0.234, 0.5, -0.2],
            "ci_low": [-0.5, 0.0, -0.4],
            "ci_high": [0.01, 1.0, 0.0],
            "too_few": [False, True, False],
            "share_negative": [0.5, 0.0, 0.5],
            "share_neutral": [0.25, 0.5, 0.5],
            "share_positive": [0.25, 0.5, 0.0],
        }
    )
    part = report.stance_part(aggregates, "overall", NAMES)
    rows = report.stance_rows(part)
    assert rows.row(0) == ("SDF", "all", 12, "-0.23\u00a0[-0.50,\u00a00.01]", 50, 25, 25)
    assert rows.row(1)[2:] == (2, "", None, None, None)  # too few: only the count
    assert report.stance_figure(part) is not None
    assert report.stance_figure(part.filter(pl.col("too_few"))) is None


def test_voice_labels_agencies_and_suggestions():
    quotes = pl.DataFrame(
        {
            "speaker_category": ["actor", "unresolved", "named", "anonymous", "named"],
            "speaker": ["us", None, None, None, None],
            "speaker_text": [
                "الخارجية الأمريكية",
                None,
                "وزارة الداخلية",
                "مصدر",
                "وزارة الداخلية",
            ],
            "speaker_from": [
                "after the verb",
                None,
                "after the verb",
                "after the verb",
                "carried over",
            ],
            "outlet": ["x", "x", "x", "y", "y"],
            "quote_type": ["direct", "reported", "reported", "reported", "direct"],
            "quote": ["«نص»", None, None, None, "«نص»"],
            "cue": ["قال", "أكد", "أوضحت", "قال", "أضافت"],
            "agency": [None, "Reuters", None, None, None],
            "sentence_text": ["s1", "s2", "s3", "s4", "s5"],
        }
    )
    voiced = report.speakers(quotes, NAMES)
    assert voiced["speaker"].to_list() == [
        "United States",
        "(unresolved)",
        "وزارة الداخلية",
        "(anonymous source)",
        "وزارة الداخلية",
    ]
    shares = report.speaker_shares(voiced)
    assert shares.columns == [
        "outlet",
        "quotes",
        "configured actor",
        "named person or body",
        "anonymous source",
        "unresolved",
    ]
    assert shares.rows() == [
        ("all outlets", 5, 0.2, 0.4, 0.2, 0.2),
        ("x", 3, 0.333, 0.333, 0.0, 0.333),
        ("y", 2, 0.0, 0.5, 0.5, 0.0),
    ]
    assert report.who_speaks(voiced).rows() == [
        ("(anonymous source)", "anonymous source", "y", 1, 0, 1),
        ("(unresolved)", "unresolved", "x", 1, 0, 1),
        ("United States", "configured actor", "x", 1, 1, 0),
        ("وزارة الداخلية", "named person or body", "x", 1, 0, 1),
        ("وزارة الداخلية", "named person or body", "y", 1, 1, 0),
    ]
    listed = report.quoted_sentences(voiced)
    assert listed["cue"].to_list() == ["قال", "أكد", "أوضحت", "قال", "أضافت"]
    assert listed["speaker_from"].to_list()[-2:] == ["after the verb", "carried over"]
    labels = pl.DataFrame(
        {
            "actor": ["sdf", "sdf"],
            "outlet": ["x", "x"],
            "label": ["ميليشيا"] * 2,
            "valence": [-1.0] * 2,
            "word": ["ميليشيا", "الميليشيا"],
        }
    )
    assert report.label_counts(labels, NAMES).rows() == [
        ("SDF", "x", "ميليشيا", 2, -1.0, "الميليشيا · ميليشيا")
    ]
    cited = pl.DataFrame({"outlet": ["x", "x"], "agency": ["Reuters"] * 2, "doc_id": ["a", "a"]})
    assert report.agencies_cited(cited).rows() == [("x", "Reuters", 2, 1)]
    candidates = pl.DataFrame(
        {
            "candidate": ["مظلوم عبدي"] * 2,
            "cue": ["القائد", "قال"],
            "outlet": ["x", "y"],
            "sentence_text": ["s1", "s2"],
        }
    )
    assert report.suggested_actors(candidates).rows() == [
        ("مظلوم عبدي", 2, 2, "القائد · قال", "s1")
    ]


def test_examples_highlight_the_mention_and_rank_by_confidence():
    examples = report.example_mentions(SCORED, NAMES, per_actor=1)
    assert examples.select("actor", "score").rows() == [("SDF", -0.5), ("United States", 0.6)]
    assert examples["sentence"][0] == "&lt;b&gt;<mark>قسد</mark>&lt;/b&gt; هنا"
