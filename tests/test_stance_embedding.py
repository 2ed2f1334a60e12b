import numpy as np
import pytest

from conftest import SHARED_DATA, mention_frame
from mediaframe.errors import MediaframeError
from mediaframe.stance import get_scorer
from mediaframe.stance.embedding import StanceHead, default_head_path
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


def test_unknown_view():
    with pytest.raises(ValueError, match="unknown stance view"):
        view_text("paragraph", "x", 0, 1)


def test_head_round_trip_matches_the_fitted_model(tmp_path):
    rng = np.random.default_rng(0)
    features = rng.normal(size=(60, 8))
    gold = [["negative", "neutral", "positive"][i % 3] for i in range(60)]
    features[:, 0] += np.array([{"negative": -2, "neutral": 0, "positive": 2}[g] for g in gold])
    layers = fit_head(features, gold, "logreg", c=1.0, hidden=4, seed=0)
    flipped = [(w[:, ::-1].copy(), b[::-1].copy()) for w, b in layers]
    head = StanceHead(
        views=["sentence"],
        embedder={"backend": "use"},
        heads={"en": layers, "ar": flipped},
        card={},
    )
    head.save(tmp_path / "head.npz")
    loaded = StanceHead.load(tmp_path / "head.npz")
    assert sorted(loaded.heads) == ["ar", "en"]
    probabilities = loaded.probabilities(features)
    np.testing.assert_allclose(loaded.probabilities(features, "ar"), probabilities[:, ::-1])
    np.testing.assert_allclose(loaded.probabilities(features, "fr"), probabilities)  # no head: en
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0)
    predicted = [["negative", "neutral", "positive"][i] for i in probabilities.argmax(axis=1)]
    assert np.mean([p == g for p, g in zip(predicted, gold, strict=True)]) > 0.8
    mlp = fit_head(features, gold, "mlp", c=1.0, hidden=4, seed=0)
    assert [w.shape for w, _ in mlp] == [(8, 4), (4, 3)]


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
    reason="needs ../shared/data (NewsMTSC, ArabicStanceX); not in a user's clone",
)
def test_shipped_head_keeps_its_measured_quality(tmp_path):
    """Regression floor a little under the shipped head's measured macro-F1 (dev_rw
    0.697, dev_mt 0.670, ArabicStanceX held-out 0.572; see README)."""
    from mediaframe.stance.evaluate import evaluation_sets, macro_f1

    scorer = get_scorer(
        {"scorer": "embedding", "threads": 2, "embedding": {"cache_dir": str(tmp_path)}}
    )
    floors = {"NewsMTSC dev_rw": 0.68, "NewsMTSC dev_mt": 0.65, "ArabicStanceX held-out 20%": 0.55}
    for name, frame in evaluation_sets(SHARED_DATA).items():
        f1, _ = macro_f1(
            frame["gold"].to_list(), scorer.score(frame.drop("gold"))["label"].to_list()
        )
        assert f1 >= floors[name], name
