"""Topic modelling with BERTopic on cached embeddings.

With enough documents BERTopic runs as usual (UMAP with a fixed seed, HDBSCAN). A
corpus smaller than ``min_documents`` cannot be clustered meaningfully; it still gets
one topic, whose words come from the same c-TF-IDF step, and a note the report shows.

Example:
    >>> fit = fit_topics(articles, vectors, TopicSettings(min_documents=20))
    >>> fit.summary["method"][0]
    'single topic'
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import polars as pl

from mediaframe.normalize import normalize_arabic
from mediaframe.text import content_tokens

TOPIC_INFO_SCHEMA: dict[str, pl.DataType] = {
    "topic": pl.Int64(),
    "label": pl.String(),
    "documents": pl.Int64(),
    "words": pl.List(pl.String()),
    "weights": pl.List(pl.Float64()),
    "representative": pl.List(pl.String()),
}


@dataclass(frozen=True)
class TopicSettings:
    """Researcher controls for the topic model (config section ``topics``)."""

    min_documents: int = 20
    min_topic_size: int = 5
    top_words: int = 10
    seed: int = 42
    umap_neighbors: int = 15
    umap_components: int = 5
    time_bin: str = "1mo"
    extra_stopwords: Sequence[str] = ()
    labels: dict[int, str] = field(default_factory=dict)


class TopicAnalyzer:
    """Turns a document into unigrams and bigrams of content words (for c-TF-IDF)."""

    def __init__(self, extra_stopwords: Sequence[str] = ()) -> None:
        self.extra = frozenset(normalize_arabic(w) for w in extra_stopwords)

    def __call__(self, document: str) -> list[str]:
        words = content_tokens(document, self.extra)
        return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


@dataclass
class TopicFit:
    doc_topics: pl.DataFrame
    topic_info: pl.DataFrame
    summary: pl.DataFrame
    model: object


def fit_topics(
    articles: pl.DataFrame, vectors: np.ndarray, settings: TopicSettings, threads: int = 1
) -> TopicFit:
    """Fit topics on ``articles`` (doc_id, title, text, ...) with one vector per row."""
    os.environ.setdefault("NUMBA_NUM_THREADS", str(threads))
    from bertopic import BERTopic
    from bertopic.cluster import BaseCluster
    from bertopic.dimensionality import BaseDimensionalityReduction
    from sklearn.feature_extraction.text import CountVectorizer

    docs = [f"{t or ''}\n{x}" for t, x in zip(articles["title"], articles["text"], strict=True)]
    n = len(docs)
    vectorizer = CountVectorizer(analyzer=TopicAnalyzer(settings.extra_stopwords))
    clusterable = n >= max(settings.min_documents, settings.min_topic_size * 2)
    if clusterable:
        from hdbscan import HDBSCAN
        from umap import UMAP

        model = BERTopic(
            umap_model=UMAP(
                n_neighbors=min(settings.umap_neighbors, n - 1),
                n_components=settings.umap_components,
                min_dist=0.0,
                metric="cosine",
                random_state=settings.seed,
            ),
            hdbscan_model=HDBSCAN(
                min_cluster_size=settings.min_topic_size, metric="euclidean", prediction_data=True
            ),
            vectorizer_model=vectorizer,
            language="multilingual",  # "english" would strip every non-ASCII letter before c-TF-IDF
            top_n_words=settings.top_words,
        )
        topics, _ = model.fit_transform(docs, vectors)
        method = "bertopic"
        note = ""
    else:
        model = BERTopic(
            umap_model=BaseDimensionalityReduction(),
            hdbscan_model=BaseCluster(),
            vectorizer_model=vectorizer,
            language="multilingual",  # "english" would strip every non-ASCII letter before c-TF-IDF
            top_n_words=settings.top_words,
        )
        topics, _ = model.fit_transform(docs, vectors, y=np.zeros(n, dtype=int))
        method = "single topic"
        note = (
            f"The corpus has {n} article(s); clustering needs at least "
            f"{max(settings.min_documents, settings.min_topic_size * 2)} (topics.min_documents and "
            "topics.min_topic_size), so all articles form one topic. Its words are still "
            "computed with c-TF-IDF."
        )
    topic_ids = np.asarray(topics, dtype=np.int64)
    doc_topics = (
        pl.DataFrame({"doc_id": articles["doc_id"], "topic": topic_ids})
        .join(articles.select("doc_id", "outlet", "published"), on="doc_id")
        .sort("doc_id")
    )
    info = _topic_info(model, doc_topics, vectors, articles["doc_id"].to_list(), settings)
    outliers = float(np.mean(topic_ids == -1)) if n else 0.0
    summary = pl.DataFrame(
        {
            "documents": [n],
            "topics": [int(info.filter(pl.col("topic") >= 0).height)],
            "outlier_share": [outliers],
            "method": [method],
            "note": [note],
        }
    )
    return TopicFit(doc_topics=doc_topics, topic_info=info, summary=summary, model=model)


def _topic_info(
    model: object,
    doc_topics: pl.DataFrame,
    vectors: np.ndarray,
    doc_ids: list[str],
    settings: TopicSettings,
) -> pl.DataFrame:
    rows = []
    topic_ids = doc_topics.join(
        pl.DataFrame({"doc_id": doc_ids}), on="doc_id", maintain_order="right"
    )["topic"].to_numpy()
    for topic in sorted(set(topic_ids.tolist())):
        members = np.flatnonzero(topic_ids == topic)
        words = model.get_topic(topic) or []  # type: ignore[attr-defined]
        words = [(w, float(s)) for w, s in words if w][: settings.top_words]
        centroid = vectors[members].mean(axis=0)
        norms = np.linalg.norm(vectors[members], axis=1) * (np.linalg.norm(centroid) or 1.0)
        similarity = vectors[members] @ centroid / np.where(norms == 0, 1.0, norms)
        closest = members[np.lexsort((np.array([doc_ids[i] for i in members]), -similarity))][:3]
        auto = "outliers" if topic == -1 else f"{topic}: " + " · ".join(w for w, _ in words[:3])
        rows.append(
            {
                "topic": int(topic),
                "label": settings.labels.get(int(topic), auto),
                "documents": len(members),
                "words": [w for w, _ in words],
                "weights": [round(s, 6) for _, s in words],
                "representative": [doc_ids[i] for i in closest],
            }
        )
    return pl.DataFrame(rows, schema=TOPIC_INFO_SCHEMA).sort("topic")


def topics_over_time(doc_topics: pl.DataFrame, time_bin: str) -> pl.DataFrame:
    """Documents per topic and time bin (articles without a date are left out and counted)."""
    return (
        doc_topics.filter(pl.col("published").is_not_null())
        .with_columns(pl.col("published").dt.truncate(time_bin).alias("period"))
        .group_by("topic", "period")
        .agg(pl.len().cast(pl.Int64).alias("documents"))
        .sort("period", "topic")
    )


def topics_per_outlet(doc_topics: pl.DataFrame) -> pl.DataFrame:
    """Documents per topic and outlet, with the topic's share of the outlet's articles."""
    return (
        doc_topics.group_by("outlet", "topic")
        .agg(pl.len().cast(pl.Int64).alias("documents"))
        .with_columns(
            (pl.col("documents") / pl.col("documents").sum().over("outlet")).alias("share")
        )
        .sort("outlet", "topic")
    )


def save_model(model: object, folder: Path) -> None:
    """Save the fitted BERTopic model with safetensors (no pickle, no embedding model)."""
    model.save(
        str(folder), serialization="safetensors", save_ctfidf=True, save_embedding_model=False
    )  # type: ignore[attr-defined]
