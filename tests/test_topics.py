import numpy as np
import polars as pl

from mediaframe.topics import (
    TopicAnalyzer,
    TopicSettings,
    fit_topics,
    topics_over_time,
    topics_per_outlet,
)

MILITARY = "الجيش الأمريكي يوقف الدوريات العسكرية المشتركة مع قسد في شمال سوريا بعد القصف التركي"
ECONOMY = "البنك المركزي يرفع أسعار الفائدة لمواجهة التضخم وارتفاع أسعار الغذاء في الأسواق"


def corpus(n_per_group=20, seed=0):
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(2, 32))
    rows, vectors = [], []
    for group, text in enumerate([MILITARY, ECONOMY]):
        for i in range(n_per_group):
            rows.append(
                {
                    "doc_id": f"{group}-{i:02d}",
                    "title": None,
                    "text": f"{text} {i}",
                    "outlet": ["a", "b"][i % 2],
                    "published": f"2022-1{group + 1}-0{i % 9 + 1}",
                }
            )
            vectors.append(centres[group] + 0.05 * rng.normal(size=32))
    frame = pl.DataFrame(rows).with_columns(pl.col("published").str.to_date())
    return frame, np.asarray(vectors, dtype=np.float32)


def test_analyzer_drops_stopwords_and_clitics_and_keeps_bigrams():
    words = TopicAnalyzer()("أعلن الجيش الأمريكي أنه أوقف الدوريات مع التحالف الدولي في 2022")
    assert "في" not in words and "انه" not in words and "مع" not in words
    assert "جيش" in words and "تحالف دولي" in words
    assert not any(w.isdigit() for w in words)


def test_single_article_gets_one_topic_and_a_note():
    articles, vectors = corpus(1)
    articles, vectors = articles.head(1), vectors[:1]
    fit = fit_topics(articles, vectors, TopicSettings())
    assert fit.doc_topics["topic"].to_list() == [0]
    assert fit.summary["method"][0] == "single topic"
    assert "1 article" in fit.summary["note"][0]
    words = fit.topic_info["words"][0]
    assert "جيش" in words and "في" not in words


def test_two_clear_groups_become_two_stable_topics():
    articles, vectors = corpus()
    settings = TopicSettings(
        min_documents=20, min_topic_size=5, labels={0: "named by the researcher"}
    )
    first = fit_topics(articles, vectors, settings)
    second = fit_topics(articles, vectors, settings)
    assert first.summary["method"][0] == "bertopic"
    assert first.summary["topics"][0] == 2
    assert first.doc_topics.equals(second.doc_topics)
    topic_of = dict(zip(first.doc_topics["doc_id"], first.doc_topics["topic"], strict=True))
    assert len({topic_of[f"0-{i:02d}"] for i in range(20)}) == 1
    assert topic_of["0-00"] != topic_of["1-00"]
    labels = dict(zip(first.topic_info["topic"], first.topic_info["label"], strict=True))
    assert labels[0] == "named by the researcher"
    assert (first.topic_info["documents"].sum()) == 40
    over_time = topics_over_time(first.doc_topics, "1mo")
    assert over_time["documents"].sum() == 40 and over_time["period"].n_unique() == 2
    per_outlet = topics_per_outlet(first.doc_topics)
    assert per_outlet.group_by("outlet").agg(pl.col("share").sum())["share"].to_list() == [1.0, 1.0]
