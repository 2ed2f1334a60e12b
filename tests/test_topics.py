import itertools
from dataclasses import replace

import numpy as np
import polars as pl
import pytest
import yaml
from polars.testing import assert_frame_equal

from conftest import ROOT
from mediaframe.embed.base import Embedder
from mediaframe.errors import MediaframeError
from mediaframe.text import arabic_stopwords, english_stopwords
from mediaframe.topics.model import (
    TopicSettings,
    assign_saved_topics,
    default_min_samples,
    default_min_topic_size,
    fit_corpus_topics,
    fit_topics,
    save_model,
    topics_over_time,
    topics_per_outlet,
)
from mediaframe.topics.words import (
    BARE_CLITICS,
    CorpusStems,
    SurfaceForms,
    TopicAnalyzer,
    TopicStopwords,
    split_terms,
    topic_terms,
)

MILITARY = "الجيش الأمريكي يوقف الدوريات العسكرية المشتركة مع قسد في شمال سوريا بعد القصف التركي"
ECONOMY = "البنك المركزي يرفع أسعار الفائدة لمواجهة التضخم وارتفاع أسعار الغذاء في الأسواق"
FOOTBALL = "فاز فريق الهلال على النصر في مباراة الدوري السعودي وسجل المهاجم هدفين للفريق"
TEXTS = [MILITARY, ECONOMY, FOOTBALL]
STOP = arabic_stopwords() | english_stopwords() | BARE_CLITICS


def corpus(n_per_group=20, seed=0, groups=2, noise=0):
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(groups, 32))
    rows, vectors = [], []
    for group in range(groups):
        for i in range(n_per_group):
            rows.append(
                {
                    "doc_id": f"{group}-{i:02d}",
                    "title": None,
                    "text": f"{TEXTS[group]} {i}",
                    "outlet": ["a", "b"][i % 2],
                    "published": f"2022-1{group}-0{i % 9 + 1}",
                }
            )
            vectors.append(centres[group] + 0.05 * rng.normal(size=32))
    stray = rng.normal(size=32)  # a few articles on a subject too small to be a topic
    for i in range(noise):
        rows.append(
            {
                "doc_id": f"n-{i:02d}",
                "title": "تقرير متنوع",
                "text": f"نص متفرق رقم {i} عن موضوعات مختلفة",
                "outlet": "a",
                "published": "2022-10-05",
            }
        )
        vectors.append(stray + 0.05 * rng.normal(size=32))
    frame = pl.DataFrame(rows).with_columns(pl.col("published").str.to_date())
    return frame, np.asarray(vectors, dtype=np.float32)


def written_words(text):
    """The words and bigrams of ``text`` as the topic tables show them."""
    forms = SurfaceForms()
    terms = topic_terms(text, TopicStopwords(), surfaces=forms)
    return [forms.show(term) for term in split_terms(terms)]


class HashEmbedder(Embedder):
    """A deterministic stand-in backend: words hashed into a small vector space."""

    backend_id = "hash-test"

    def embed(self, texts):
        out = np.zeros((len(texts), 32), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.split():
                out[row, sum(map(ord, word)) % 32] += 1.0
        return out + 1e-3


def test_analyzer_drops_stopwords_and_clitics_and_keeps_bigrams():
    words = TopicAnalyzer()("أعلن الجيش الأمريكي أنه أوقف الدوريات مع التحالف الدولي في 2022")
    assert "في" not in words and "انه" not in words and "مع" not in words
    assert "جيش" in words and "تحالف دولي" in words
    assert not any(w.isdigit() for w in words)
    # no bigram across a removed stopword or punctuation
    assert "دوريات تحالف" not in words
    assert "قوات سوريا" in TopicAnalyzer()("وقالت قوات سوريا الديمقراطية، إن")


def test_single_letter_clitics_are_stripped_only_when_the_corpus_attests_the_rest():
    counts = {"وزاره": 40, "زاره": 0, "وقال": 30, "قال": 90, "مصر": 12, "ومصر": 3}
    stems = CorpusStems(counts, min_words=100)
    assert stems.stem("وزاره") == "وزاره"  # وزارة is a word, not و + زارة
    assert stems.stem("وقال") == "قال"
    assert stems.stem("ومصر") == "مصر"
    assert stems.stem("والولايات") == "ولايات"  # و + ال is always a clitic
    # too few words to judge: the dictionary-free rule of mediaframe.text applies
    assert CorpusStems(counts).stem("ومصر") == "ومصر" and CorpusStems(counts).stem("وقال") == "قال"


def test_single_article_gets_one_topic_and_a_note():
    articles, vectors = corpus(1)
    articles, vectors = articles.head(1), vectors[:1]
    fit = fit_topics(articles, vectors, TopicSettings())
    assert fit.doc_topics["topic"].to_list() == [0]
    assert fit.summary["method"][0] == "single topic"
    assert "1 article" in fit.summary["note"][0]
    assert fit.summary["stability_ari"][0] is None
    words = fit.topic_info["terms"][0].to_list()
    assert len(words) == 10 and set(words) <= set(TopicAnalyzer()(MILITARY))
    assert "شمال سوريا" in words and not STOP & set(words)
    shown = fit.topic_info["words"][0].to_list()  # as written: hamza, ة and the article kept
    assert "الأمريكي" in shown and "العسكرية" in shown and "العسكرية المشتركة" in shown
    assert not {"امريكي", "عسكريه"} & set(shown)


@pytest.fixture(scope="module")
def two_groups():
    articles, vectors = corpus()
    settings = TopicSettings(
        min_documents=20, min_topic_size=5, labels={0: "named by the researcher"}
    )
    return articles, vectors, settings, fit_topics(articles, vectors, settings)


def test_two_clear_groups_become_two_stable_topics(two_groups):
    articles, vectors, settings, first = two_groups
    second = fit_topics(articles, vectors, settings)
    assert first.summary["method"][0] == "bertopic"
    assert first.summary["topics"][0] == 2
    assert first.doc_topics.equals(second.doc_topics)
    assert first.topic_info.equals(second.topic_info)
    topic_of = dict(zip(first.doc_topics["doc_id"], first.doc_topics["topic"], strict=True))
    assert len({topic_of[f"0-{i:02d}"] for i in range(20)}) == 1
    assert topic_of["0-00"] != topic_of["1-00"]
    labels = dict(zip(first.topic_info["topic"], first.topic_info["label"], strict=True))
    assert labels[0] == "named by the researcher"
    assert first.topic_info["documents"].sum() == 40


def test_quality_figures_are_reported(two_groups):
    *_, fit = two_groups
    summary = fit.summary.row(0, named=True)
    assert summary["stability_ari"] == pytest.approx(1.0)
    assert summary["stability_documents"] == 40
    assert 0 < summary["npmi"] <= 1 and summary["diversity"] == pytest.approx(1.0)
    for words in fit.topic_info["terms"]:
        assert len(words) == 10
        assert not STOP & set(words)
        assert all(
            any(ch.isalpha() for ch in w) and not any(ch.isdigit() for ch in w) for w in words
        )


def test_topics_over_time_and_per_outlet(two_groups):
    *_, fit = two_groups
    over_time = topics_over_time(fit.doc_topics, "1mo", fit.over_time)
    assert over_time["documents"].sum() == 40 and over_time["period"].n_unique() == 2
    # each month's words come from that month's articles only
    for row in over_time.iter_rows(named=True):
        month_text = MILITARY if row["period"].month == 10 else ECONOMY
        other = ECONOMY if month_text == MILITARY else MILITARY
        written = set(written_words(month_text))
        assert set(row["words"]) & written
        assert not set(row["words"]) & (set(written_words(other)) - written)
    per_outlet = topics_per_outlet(fit.doc_topics)
    assert per_outlet.group_by("outlet").agg(pl.col("share").sum())["share"].to_list() == [1.0, 1.0]


@pytest.fixture
def strays_out(monkeypatch):
    """HDBSCAN that also files the last 4 articles (the strays, n-*) as outliers, as on
    real news."""
    import hdbscan

    real = hdbscan.HDBSCAN

    class LeavesStraysOut(real):
        def fit(self, X, y=None):
            super().fit(X, y)
            self.labels_[-4:] = -1
            return self

    monkeypatch.setattr(hdbscan, "HDBSCAN", LeavesStraysOut)


@pytest.mark.usefixtures("strays_out")
def test_outliers_are_counted_before_and_after_reduction():
    articles, vectors = corpus(noise=4)
    kept = fit_topics(
        articles, vectors, TopicSettings(min_topic_size=5, outliers={"strategy": "none"})
    )
    reduced = fit_topics(articles, vectors, TopicSettings(min_topic_size=5))
    before = kept.summary.row(0, named=True)
    after = reduced.summary.row(0, named=True)
    assert before["outliers_before"] == 4
    assert before["outlier_share"] == before["outlier_share_before"] == pytest.approx(4 / 44)
    assert kept.topic_info["topic"].to_list()[0] == -1
    assert kept.topic_info["label"].to_list()[0] == "outliers"
    assert after["outlier_share_before"] == before["outlier_share_before"]
    assert after["outlier_share"] == 0.0 and after["outlier_strategy"] == "c-tf-idf"
    doc_topics = reduced.doc_topics
    assert doc_topics.height == articles.height  # nothing dropped
    strays = doc_topics.filter(pl.col("doc_id").str.starts_with("n-"))
    assert (strays["topic_before_outliers"] == -1).all() and (strays["topic"] >= 0).all()
    assert -1 not in reduced.topic_info["topic"].to_list()
    # the strays share no word with any topic: c-TF-IDF alone leaves them outliers (a
    # threshold keeps them so); with threshold 0 they go to the nearest centroid, as
    # with the embeddings strategy
    words_only = fit_topics(
        articles,
        vectors,
        TopicSettings(min_topic_size=5, outliers={"strategy": "c-tf-idf", "threshold": 0.01}),
    )
    assert words_only.summary["outlier_share"][0] == pytest.approx(4 / 44)
    by_centroid = fit_topics(
        articles, vectors, TopicSettings(min_topic_size=5, outliers={"strategy": "embeddings"})
    )
    assert by_centroid.summary["outlier_share"][0] == 0.0
    assert_frame_equal(
        by_centroid.doc_topics.filter(pl.col("doc_id").str.starts_with("n-")), strays
    )


def test_cluster_selection_reaches_hdbscan(monkeypatch):
    import hdbscan

    real = hdbscan.HDBSCAN
    methods = []

    class Recording(real):
        def fit(self, X, y=None):
            methods.append(self.cluster_selection_method)
            return super().fit(X, y)

    monkeypatch.setattr(hdbscan, "HDBSCAN", Recording)
    articles, vectors = corpus()
    topics = {
        method: fit_topics(
            articles,
            vectors,
            TopicSettings(min_topic_size=5, cluster_selection=method, stability={"enabled": False}),
        ).summary["topics"][0]
        for method in ("eom", "leaf")
    }
    assert methods == ["eom", "leaf"]
    assert topics["eom"] == 2 <= topics["leaf"]  # leaf: the finest clusters of the tree
    assert TopicSettings().cluster_selection == "eom"


@pytest.mark.usefixtures("strays_out")
def test_nr_topics_counts_real_topics_and_the_merge_is_reported():
    articles, vectors = corpus(groups=3, noise=4)
    settings = TopicSettings(min_topic_size=5, nr_topics=2, outliers={"strategy": "none"})
    fit = fit_topics(articles, vectors, settings)
    summary = fit.summary.row(0, named=True)
    # BERTopic's own nr_topics=2 counts the outlier topic and leaves one real topic
    assert summary["topics"] == 2 and summary["topics_found"] == 3
    assert sorted(fit.topic_info["topic"].to_list()) == [-1, 0, 1]
    assert summary["outliers_before"] == 4 and summary["nr_topics"] == "2"
    merges = fit.merges
    assert merges.height == 2 and merges["topic"].n_unique() == 1  # two topics became one
    merged_into = merges["topic"][0]
    size = fit.doc_topics.filter(pl.col("topic_before_outliers") == merged_into).height
    assert merges["documents"][0] == size == merges["merged_documents"].sum() == 40
    assert merges["merged_topic"].n_unique() == 2
    written = {w for text in TEXTS for w in written_words(text)}
    for words in merges["merged_words"]:  # the merged topics' top words, as written
        assert words and set(words.split(" · ")) <= written
    unmerged = fit_topics(articles, vectors, replace(settings, nr_topics=5))
    assert unmerged.summary["topics"][0] == unmerged.summary["topics_found"][0] == 3
    assert unmerged.merges.is_empty()


def test_min_topic_size_follows_the_corpus_size_unless_set():
    sizes = [default_min_topic_size(n) for n in range(0, 20_000, 7)]
    assert all(10 <= s <= 50 for s in sizes)
    assert all(a <= b for a, b in itertools.pairwise(sizes))  # never shrinks as n grows
    rng = np.random.default_rng(5)
    for n in rng.integers(0, 1_000_000, size=2_000).tolist():
        size = default_min_topic_size(n)
        assert size == min(50, max(10, round(0.02 * n)))
        samples = default_min_samples(size)
        assert 1 <= samples <= size and samples * samples >= size > (samples - 1) ** 2
    assert [default_min_samples(s) for s in range(2, 200)] == sorted(
        default_min_samples(s) for s in range(2, 200)
    )
    articles, vectors = corpus()
    fit = fit_topics(articles, vectors, TopicSettings(stability={"enabled": False}))
    summary = fit.summary.row(0, named=True)
    assert summary["min_topic_size"] == 10 and summary["min_samples"] == 4
    assert "2% of the articles" in summary["min_topic_size_rule"]
    fixed = fit_topics(articles, vectors, TopicSettings(min_topic_size=5, min_samples=2))
    assert fixed.summary["min_topic_size"][0] == 5 and fixed.summary["min_samples"][0] == 2
    assert fixed.summary["min_topic_size_rule"][0] == ""


def test_duplicates_are_fitted_once_and_keep_their_canonical_topic(tmp_path):
    articles, vectors = corpus()
    duplicates = pl.DataFrame(
        {
            "doc_id": ["0-00", "0-01", "1-05"],
            "group": ["g1", "g1", "g1"],
            "kind": ["exact"] * 3,
            "similarity": [1.0] * 3,
            "is_canonical": [True, False, False],
            "outlet": ["a", "b", "b"],
            "published": [None] * 3,
            "group_size": [3] * 3,
        },
        schema_overrides={"published": pl.Date},
    )
    settings = TopicSettings(min_topic_size=5)
    fit = fit_corpus_topics(articles, vectors, duplicates, settings, count_once=True)
    rows = {r["doc_id"]: r for r in fit.doc_topics.iter_rows(named=True)}
    assert fit.doc_topics.height == 40 and fit.summary["documents"][0] == 38
    assert fit.summary["duplicates_excluded"][0] == 2
    assert rows["0-01"]["in_fit"] is False and rows["0-01"]["duplicate_of"] == "0-00"
    assert rows["1-05"]["topic"] == rows["0-00"]["topic"]
    assert rows["0-00"]["in_fit"] is True and rows["0-00"]["duplicate_of"] is None
    assert topics_per_outlet(fit.doc_topics)["documents"].sum() == 38
    every = fit_corpus_topics(articles, vectors, duplicates, settings, count_once=False)
    assert every.summary["documents"][0] == 40 and every.doc_topics["in_fit"].all()


def test_saved_model_assigns_new_documents(two_groups, tmp_path):
    *_, fit = two_groups
    save_model(fit.model, tmp_path / "model", {0: "named"})
    assert (tmp_path / "model" / "topic_embeddings.safetensors").exists()
    assert not list((tmp_path / "model").glob("*.pkl"))
    _, vectors = corpus(seed=0)  # same centres, new noise
    new = np.asarray(vectors) + np.random.default_rng(9).normal(scale=0.05, size=vectors.shape)
    expected = fit.doc_topics.sort("doc_id")["topic"].to_numpy()
    assert (assign_saved_topics(tmp_path / "model", new.astype(np.float32)) == expected).all()
    with pytest.raises(MediaframeError, match="dimensions"):
        assign_saved_topics(tmp_path / "model", np.zeros((1, 7), dtype=np.float32))


def test_mmr_and_seed_words_run_with_the_embed_backend():
    articles, vectors = corpus()
    settings = TopicSettings(
        min_topic_size=5, representation="mmr", seed_words=[["البنك المركزي", "التضخم"]]
    )
    with pytest.raises(MediaframeError, match="needs the embed backend"):
        fit_topics(articles, vectors, settings)
    fit = fit_topics(articles, vectors, settings, embedder=HashEmbedder())
    assert fit.summary["topics"][0] == 2
    words = [w for ws in fit.topic_info["terms"].to_list() for w in ws]
    assert "بنك مركزي" in words and not STOP & set(words)


def test_settings_from_the_shipped_config():
    section = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))["topics"]
    from mediaframe.topics.update import topic_settings

    settings = topic_settings(section | {"labels": {"3": "حرب اليمن"}})
    assert settings.labels == {3: "حرب اليمن"}
    assert settings.outliers["strategy"] == "c-tf-idf" and settings.stability["enabled"]
    assert settings.cluster_selection == "eom"
    with pytest.raises(MediaframeError, match="unknown keys"):
        TopicSettings.from_config({"min_topic_sise": 3})
