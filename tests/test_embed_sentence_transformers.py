"""The sentence-transformers backend, on a tiny BERT model the test builds and saves."""

import numpy as np
import polars as pl
import pytest

from conftest import tiny_bert_config
from mediaframe.embed import get_embedder
from mediaframe.embed.cache import embed_articles, vectors_of
from mediaframe.errors import MediaframeError

WORDS = ["واشنطن", "توقف", "العمليات", "مع", "قسد", "washington", "halts", "operations", "sdf"]


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    torch = pytest.importorskip("torch", reason="the transformers extra is not installed")
    transformers = pytest.importorskip(
        "transformers", reason="the transformers extra is not installed"
    )
    st = pytest.importorskip(
        "sentence_transformers", reason="the transformers extra is not installed"
    )
    try:
        from sentence_transformers.sentence_transformer import modules as models
    except ImportError:  # sentence-transformers < 6
        from sentence_transformers import models
    torch.manual_seed(0)
    vocab = {t: i for i, t in enumerate(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *WORDS])}
    tokenizer = transformers.BertTokenizerFast(vocab=vocab, do_lower_case=True)
    config = tiny_bert_config(
        len(vocab),
        max_position_embeddings=64,
    )
    folder = tmp_path_factory.mktemp("tiny-bert")
    transformers.BertModel(config).save_pretrained(folder / "bert")
    tokenizer.save_pretrained(folder / "bert")
    word = models.Transformer(str(folder / "bert"), max_seq_length=32)
    pooling = models.Pooling(
        (
            word.get_embedding_dimension()
            if hasattr(word, "get_embedding_dimension")
            else word.get_word_embedding_dimension()
        ),
        pooling_mode="mean",
    )
    target = folder / "sentence-model"
    st.SentenceTransformer(modules=[word, pooling], device="cpu").save(str(target))
    return target


def test_local_sentence_transformers_model_embeds_through_the_common_interface(
    tiny_model, tmp_path
):
    embedder = get_embedder(
        {"backend": "sentence-transformers", "model": str(tiny_model), "threads": 1}
    )
    vectors = embedder.embed(["واشنطن توقف العمليات مع قسد", "washington halts operations"])
    assert vectors.shape == (2, 16) and vectors.dtype == np.float32
    assert not np.allclose(vectors[0], vectors[1])
    assert embedder.backend_id.startswith("sentence-transformers-")
    articles = pl.DataFrame(
        {"doc_id": ["a", "b"], "title": ["قسد", None], "text": ["واشنطن توقف", "sdf operations"]}
    )
    frame, computed = embed_articles(articles, embedder, tmp_path)
    assert computed == 2 and vectors_of(frame).shape == (2, 16)
    again, computed = embed_articles(articles, embedder, tmp_path)
    assert computed == 0
    np.testing.assert_array_equal(vectors_of(again), vectors_of(frame))


def test_a_model_that_is_not_on_this_machine_says_so(tmp_path):
    pytest.importorskip("sentence_transformers", reason="the transformers extra is not installed")
    with pytest.raises(
        MediaframeError, match=r"could not be loaded offline.*Fix: set embed\.model"
    ):
        get_embedder({"backend": "sentence-transformers", "model": "no-such-org/no-such-model"})
