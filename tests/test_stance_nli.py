"""The NLI scorer's loading and scoring path, on a tiny model the test builds itself."""

import pytest

from conftest import mention_frame, tiny_bert_config
from mediaframe.errors import MediaframeError
from mediaframe.stance import get_scorer

transformers = pytest.importorskip("transformers", reason="the transformers extra is not installed")
torch = pytest.importorskip("torch", reason="the transformers extra is not installed")


@pytest.fixture(scope="module")
def tiny_nli_model(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tiny-nli")
    letters = sorted(set("abcdefghijklmnopqrstuvwxyz" + "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإةى"))
    vocab = [
        "[PAD]",
        "[UNK]",
        "[CLS]",
        "[SEP]",
        "[MASK]",
        *letters,
        *[f"##{c}" for c in letters],
        ".",
        "،",
    ]
    tokenizer = transformers.BertTokenizerFast(vocab={token: i for i, token in enumerate(vocab)})
    torch.manual_seed(0)
    config = tiny_bert_config(
        len(vocab),
        max_position_embeddings=256,
        initializer_range=1.0,  # large random weights, so the hypotheses get different logits
        num_labels=3,
        id2label={0: "contradiction", 1: "neutral", 2: "entailment"},
        label2id={"contradiction": 0, "neutral": 1, "entailment": 2},
    )
    transformers.BertForSequenceClassification(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def mentions():
    return mention_frame(
        [
            ("united_states", "واشنطن توقف العمليات المشتركة مع قسد", "واشنطن"),
            ("sdf", "The SDF halted all joint operations.", "SDF"),
        ]
    )


def test_nli_scorer_loads_a_local_model_and_scores(tiny_nli_model):
    scorer = get_scorer({"scorer": "nli", "nli": {"model": str(tiny_nli_model), "batch_size": 2}})
    first = scorer.score(mentions())
    second = scorer.score(mentions())
    assert first.equals(second)
    assert set(first["label"]) <= {"negative", "neutral", "positive"}
    assert first["score"].is_between(-1, 1).all()
    assert first["confidence"].is_between(1 / 3, 1).all()
    assert (first["confidence"] > 0.34).any()  # the three hypotheses were told apart
    assert all(e.startswith("P(negative)=") for e in first["evidence"])


def test_missing_nli_model_is_a_clear_error(tmp_path):
    with pytest.raises(
        MediaframeError, match=r"stance\.nli\.model .*could not be loaded offline.*Fix"
    ):
        get_scorer({"scorer": "nli", "nli": {"model": str(tmp_path / "absent")}})


def test_a_model_without_entailment_label_is_refused(tiny_nli_model, tmp_path):
    config = transformers.AutoConfig.from_pretrained(tiny_nli_model)
    config.id2label = {0: "a", 1: "b", 2: "c"}
    config.label2id = {"a": 0, "b": 1, "c": 2}
    model = transformers.AutoModelForSequenceClassification.from_pretrained(
        tiny_nli_model, config=config
    )
    model.save_pretrained(tmp_path)
    transformers.AutoTokenizer.from_pretrained(tiny_nli_model).save_pretrained(tmp_path)
    with pytest.raises(MediaframeError, match="no 'entailment'"):
        get_scorer({"scorer": "nli", "nli": {"model": str(tmp_path)}})
