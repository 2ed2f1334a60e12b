"""Topic modelling with BERTopic on cached embeddings, with the steps a researcher reports.

The fit, in order:

1. **Documents.** Non-canonical duplicates are left out of fitting when
   ``count_once`` (they get their canonical article's topic afterwards, flagged).
2. **Terms.** Each document becomes a term string once (:mod:`mediaframe.topics.words`:
   normalised, proclitics stripped, Arabic + English stopwords dropped, adjacent
   bigrams); the vocabulary keeps terms in at least ``min_word_documents`` documents.
3. **Clusters.** UMAP (fixed seed, ``low_memory``) then HDBSCAN; no probability matrix.
   Optional: guided topics from seed words, merging to ``nr_topics``.
4. **Outliers.** The outlier share is recorded, then BERTopic's ``reduce_outliers``
   (strategy from config) reassigns outliers and the topic words are recomputed.
5. **Words.** c-TF-IDF, optionally refined by KeyBERTInspired or MMR.
6. **Quality.** NPMI coherence and diversity of the top words; stability as the
   adjusted Rand index against a refit with another seed (on a sample for large corpora).

A corpus smaller than ``min_documents`` cannot be clustered meaningfully; it still gets
one topic, whose words come from the same c-TF-IDF step, and a note the report shows.

Example:
    >>> fit = fit_topics(articles, vectors, TopicSettings(min_documents=20))
    >>> fit.summary["method"][0]
    'single topic'
"""

from __future__ import annotations

import json
import logging
import math
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
from scipy import sparse

from mediaframe.embed.base import Embedder
from mediaframe.errors import MediaframeError
from mediaframe.normalize import content_hash
from mediaframe.topics.quality import npmi_coherence, stability_ari, topic_diversity
from mediaframe.topics.words import (
    CorpusStems,
    SurfaceForms,
    TopicAnalyzer,
    TopicStopwords,
    inflection_groups,
    normalise_for_terms,
    split_terms,
    topic_terms,
)

log = logging.getLogger("mediaframe")

__all__ = [
    "TopicAnalyzer",
    "TopicFit",
    "TopicSettings",
    "assign_saved_topics",
    "fit_corpus_topics",
    "fit_topics",
    "save_model",
    "topic_embedder",
    "topics_over_time",
    "topics_per_outlet",
]

TOPIC_INFO_SCHEMA: dict[str, pl.DataType] = {
    "topic": pl.Int64(),
    "label": pl.String(),
    "documents": pl.Int64(),
    "words": pl.List(pl.String()),
    "terms": pl.List(pl.String()),
    "weights": pl.List(pl.Float64()),
    "npmi": pl.Float64(),
    "representative": pl.List(pl.String()),
}
MERGE_SCHEMA: dict[str, pl.DataType] = {
    "topic": pl.Int64(),
    "documents": pl.Int64(),
    "merged_topic": pl.Int64(),
    "merged_documents": pl.Int64(),
    "merged_words": pl.String(),
}
TERMS_VERSION = "terms-v4"  # bump when topic_words changes what a term string holds
OUTLIER_STRATEGIES = ("none", "embeddings", "c-tf-idf")
REPRESENTATIONS = ("c-tf-idf", "keybert", "mmr")


@dataclass(frozen=True)
class TopicSettings:
    """Researcher controls for the topic model (config section ``topics``)."""

    min_documents: int = 20
    min_topic_size: int | None = None  # None: default_min_topic_size(articles)
    min_samples: int | None = None
    nr_topics: int | str | None = None
    top_words: int = 10
    seed: int = 42
    umap_neighbors: int = 15
    umap_components: int = 5
    cluster_selection: str = "eom"
    time_bin: str = "1mo"
    min_word_documents: int = 2
    max_word_share: float = 0.9
    reduce_frequent_words: bool = True
    extra_stopwords: Sequence[str] = ()
    seed_words: Sequence[Sequence[str]] = ()
    representation: str = "c-tf-idf"
    mmr_diversity: float = 0.3
    outliers: dict[str, Any] = field(
        default_factory=lambda: {"strategy": "c-tf-idf", "threshold": 0.0}
    )
    stability: dict[str, Any] = field(
        default_factory=lambda: {"enabled": True, "seed": 43, "sample": 5000}
    )
    labels: dict[int, str] = field(default_factory=dict)
    cache_dir: str | None = None

    @classmethod
    def from_config(cls, section: dict[str, Any]) -> TopicSettings:
        """Settings from the validated ``topics`` config section (label keys become ints)."""
        values = dict(section)
        values["labels"] = {int(k): v for k, v in (values.get("labels") or {}).items()}
        values["seed_words"] = tuple(tuple(words) for words in values.get("seed_words") or ())
        values["extra_stopwords"] = tuple(values.get("extra_stopwords") or ())
        known = set(cls.__dataclass_fields__)
        unknown = sorted(set(values) - known)
        if unknown:
            raise MediaframeError(f"config.yaml: topics has unknown keys {unknown}.")
        return cls(**values)


@dataclass
class TopicFit:
    """What a fit produces: tables for the reports and the BERTopic model."""

    doc_topics: pl.DataFrame
    topic_info: pl.DataFrame
    summary: pl.DataFrame
    over_time: pl.DataFrame
    model: Any
    timings: dict[str, float] = field(default_factory=dict)
    merges: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=MERGE_SCHEMA))


class _BERTopicEmbedder:
    """Our :class:`Embedder` as BERTopic's embedding backend (seed words, KeyBERT, MMR)."""

    def __new__(cls, embedder: Embedder):
        from bertopic.backend import BaseEmbedder

        class Adapter(BaseEmbedder):
            def embed(self, documents, verbose=False):
                return embedder.embed(list(documents))

        return Adapter()


def fit_topics(
    articles: pl.DataFrame,
    vectors: np.ndarray,
    settings: TopicSettings,
    threads: int = 1,
    embedder: Embedder | None = None,
    cache_dir: Path | None = None,
) -> TopicFit:
    """Fit topics on ``articles`` (doc_id, title, text, outlet, published), one vector per row.

    ``embedder`` is needed only for seed words and the KeyBERT / MMR representations;
    ``cache_dir`` keeps the documents' term strings, so a refit with other topic
    parameters skips the Arabic tokenisation.
    """
    os.environ.setdefault("NUMBA_NUM_THREADS", str(threads))
    timings: dict[str, float] = {}
    clock = time.perf_counter()
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    stopwords = TopicStopwords.with_extra(settings.extra_stopwords)
    terms, forms = corpus_terms(articles, stopwords, cache_dir)
    n = len(terms)
    size_rule = ""
    if settings.min_topic_size is None:
        settings = replace(settings, min_topic_size=default_min_topic_size(n))
        size_rule = MIN_TOPIC_SIZE_RULE
    if settings.min_samples is None:
        settings = replace(settings, min_samples=default_min_samples(settings.min_topic_size))
    needed = max(settings.min_documents, settings.min_topic_size * 2)
    clusterable = n >= needed
    vocabulary = _vocabulary(terms, settings, clusterable)
    timings["terms"] = time.perf_counter() - clock

    clock = time.perf_counter()
    model, before, after, merges = _fit_model(
        terms, vectors, vocabulary, settings, clusterable, embedder
    )
    timings["cluster"] = time.perf_counter() - clock

    clock = time.perf_counter()
    doc_ids = articles["doc_id"].to_list()
    doc_terms = model.vectorizer_model.transform(terms)
    info = _topic_info(model, np.asarray(after), vectors, doc_ids, doc_terms, settings, forms)
    if not clusterable:  # co-occurrence over a handful of articles says nothing
        info = info.with_columns(pl.lit(None, dtype=pl.Float64).alias("npmi"))
    doc_topics = (
        pl.DataFrame(
            {
                "doc_id": doc_ids,
                "topic": np.asarray(after, dtype=np.int64),
                "topic_before_outliers": np.asarray(before, dtype=np.int64),
            }
        )
        .join(articles.select("doc_id", "outlet", "published"), on="doc_id", how="left")
        .sort("doc_id")
    )
    over_time = _words_over_time(model, doc_topics, doc_ids, doc_terms, settings, forms)
    real = info.filter(pl.col("topic") >= 0)
    diversity = topic_diversity(real["terms"].to_list()) if real.height > 1 else None
    npmi = real["npmi"].drop_nulls()
    timings["words"] = time.perf_counter() - clock

    clock = time.perf_counter()
    ari, ari_docs = (None, 0)
    if clusterable and settings.stability.get("enabled", True):
        ari, ari_docs = _stability(
            terms, vectors, vocabulary, np.asarray(after), settings, embedder
        )
    timings["stability"] = time.perf_counter() - clock

    note = ""
    if not clusterable:
        note = (
            f"The corpus has {n} article(s); clustering needs at least {needed} "
            "(topics.min_documents and twice topics.min_topic_size), so all articles form one "
            "topic. Its words are still computed with c-TF-IDF; stability is not measured."
        )
    summary = pl.DataFrame(
        {
            "documents": [n],
            "topics": [real.height],
            "topics_found": [real.height + _merged_away(merges)],
            "min_topic_size": [settings.min_topic_size],
            "min_topic_size_rule": [size_rule],
            "min_samples": [settings.min_samples],
            "nr_topics": [None if settings.nr_topics is None else str(settings.nr_topics)],
            "outliers_before": [int(np.sum(np.asarray(before) == -1))],
            "outlier_share_before": [float(np.mean(np.asarray(before) == -1)) if n else 0.0],
            "outlier_share": [float(np.mean(np.asarray(after) == -1)) if n else 0.0],
            "outlier_strategy": [settings.outliers.get("strategy", "none") if clusterable else ""],
            "representation": [settings.representation],
            "npmi": [float(npmi.mean()) if npmi.len() else None],
            "diversity": [diversity],
            "stability_ari": [ari],
            "stability_documents": [ari_docs],
            "seeds": [f"{settings.seed}, {settings.stability.get('seed', settings.seed + 1)}"],
            "method": ["bertopic" if clusterable else "single topic"],
            "note": [note],
        },
        schema_overrides={
            "npmi": pl.Float64,
            "diversity": pl.Float64,
            "stability_ari": pl.Float64,
            "nr_topics": pl.String,
        },
    )
    merges = merges.with_columns(
        pl.col("merged_words").map_elements(
            lambda keys: " · ".join(forms.show(k) for k in keys.split("\x1f") if k),
            return_dtype=pl.String,
        )
    )
    return TopicFit(doc_topics, info, summary, over_time, model, timings, merges)


# The default minimum topic size: 2% of the articles fitted, at least 10 and at most 50.
MIN_TOPIC_SHARE = 0.02
MIN_TOPIC_SIZE_RANGE = (10, 50)
MIN_TOPIC_SIZE_RULE = "2% of the articles fitted, at least 10, at most 50"


def default_min_topic_size(documents: int) -> int:
    """The smallest topic HDBSCAN may report when ``topics.min_topic_size`` is null.

    A topic must hold ``MIN_TOPIC_SHARE`` of the articles, within ``MIN_TOPIC_SIZE_RANGE``:
    a fixed size makes dozens of splinter topics in a large corpus (a story followed for
    a week is 10 articles) and none in a small one; the floor keeps a few hundred
    articles clusterable and the ceiling keeps a subject of 50 articles a topic of its
    own however large the corpus (at 100, HDBSCAN folded 5,000 SaudiNewsNet articles
    into two topics; at 50 it found 21).

    Example:
        >>> default_min_topic_size(300), default_min_topic_size(1_600), default_min_topic_size(31_030)
        (10, 32, 50)
    """
    low, high = MIN_TOPIC_SIZE_RANGE
    return int(min(high, max(low, round(documents * MIN_TOPIC_SHARE))))


def default_min_samples(min_topic_size: int) -> int:
    """HDBSCAN's ``min_samples`` when ``topics.min_samples`` is null: the square root of
    the minimum topic size, rounded up.

    ``min_samples`` sets how dense a neighbourhood must be to seed a cluster. HDBSCAN's
    own default (equal to the minimum size) grows with it, files more and more articles
    as outliers and, on news, can fold the corpus into two giant topics; growing with
    the square root keeps it conservative enough to ignore stray articles.

    Example:
        >>> default_min_samples(10), default_min_samples(32), default_min_samples(100)
        (4, 6, 10)
    """
    return max(1, min(min_topic_size, math.ceil(math.sqrt(min_topic_size))))


def _merged_away(merges: pl.DataFrame) -> int:
    """How many topics the merge removed (each merged topic is one row per original)."""
    if merges.is_empty():
        return 0
    return merges.height - merges["topic"].n_unique()


# Topic words are read from at most this many characters of an article (title + text).
# News articles are far shorter (SaudiNewsNet's longest has 33,687); the cap keeps
# memory bounded when a corpus holds a 50 MB dump as one "article" (13.5 GB without it).
MAX_TERM_CHARS = 100_000


def corpus_terms(
    articles: pl.DataFrame, stopwords: TopicStopwords, cache_dir: Path | None = None
) -> tuple[list[str], SurfaceForms]:
    """Term strings of all articles (title + text) and how each term is written, cached
    by corpus and stopwords.

    Proclitic stripping reads corpus-wide word counts, so the cache key covers every
    text, the stopwords and this module's term rules.
    """
    texts = [
        f"{t or ''}\n{x or ''}"[:MAX_TERM_CHARS]
        for t, x in zip(articles["title"], articles["text"], strict=True)
    ]
    capped = int((articles["text"].str.len_chars().fill_null(0) > MAX_TERM_CHARS).sum())
    if capped:
        log.warning(
            "%d article(s) longer than %s characters: their topic words come from the first "
            "%s characters (a longer text is a dump, not an article, and would need many GB)",
            capped,
            f"{MAX_TERM_CHARS:,}",
            f"{MAX_TERM_CHARS:,}",
        )
    key = content_hash(
        "\x1f".join([TERMS_VERSION, *sorted(stopwords.extra), *(content_hash(t) for t in texts)])
    )
    cached = Path(cache_dir) / f"terms-{key}.parquet" if cache_dir else None
    forms_file = Path(cache_dir) / f"surfaces-{key}.parquet" if cache_dir else None
    if cached is not None and cached.exists() and forms_file.exists():
        forms = SurfaceForms.from_frame(pl.read_parquet(forms_file))
        return pl.read_parquet(cached)["terms"].to_list(), forms
    stems = CorpusStems.from_texts(normalise_for_terms(text) for text in texts)
    stem_counts: dict[str, int] = {}
    for word, times in (stems.word_counts or {}).items():
        stem = stems.stem(word)
        stem_counts[stem] = stem_counts.get(stem, 0) + times
    merged = inflection_groups(stem_counts)
    forms = SurfaceForms()
    terms = [topic_terms(text, stopwords, stems, surfaces=forms, merged=merged) for text in texts]
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        for frame, path in (
            (pl.DataFrame({"terms": terms}), cached),
            (forms.to_frame(), forms_file),
        ):
            temporary = path.with_suffix(".tmp")
            frame.write_parquet(temporary)
            temporary.replace(path)
    return terms, forms


def _vocabulary(terms: list[str], settings: TopicSettings, clusterable: bool) -> dict[str, int]:
    """Terms kept for c-TF-IDF: in enough documents, and not in most of them."""
    from sklearn.feature_extraction.text import CountVectorizer

    min_df = settings.min_word_documents if clusterable else 1
    max_df = settings.max_word_share if clusterable else 1.0
    try:
        counter = CountVectorizer(analyzer=split_terms, min_df=min_df, max_df=max_df).fit(terms)
    except ValueError:  # nothing survives (tiny or empty corpora): keep every term
        counter = CountVectorizer(analyzer=split_terms).fit([*terms, "topic"])
    return {term: i for i, term in enumerate(sorted(counter.vocabulary_))}


def _fit_model(
    terms: list[str],
    vectors: np.ndarray,
    vocabulary: dict[str, int],
    settings: TopicSettings,
    clusterable: bool,
    embedder: Embedder | None,
    with_representation: bool = True,
) -> tuple[Any, list[int], list[int]]:
    """The BERTopic fit; returns the model and topics before and after outlier reduction."""
    from bertopic import BERTopic
    from bertopic.cluster import BaseCluster
    from bertopic.dimensionality import BaseDimensionalityReduction
    from bertopic.vectorizers import ClassTfidfTransformer
    from sklearn.feature_extraction.text import CountVectorizer

    n = len(terms)
    needs_embedder = bool(settings.seed_words) or settings.representation != "c-tf-idf"
    if needs_embedder and embedder is None:
        raise MediaframeError(
            "config.yaml: topics.seed_words and topics.representation 'keybert'/'mmr' embed "
            "words, so the topics step needs the embed backend; none was given."
        )
    vectorizer = CountVectorizer(analyzer=split_terms, vocabulary=vocabulary)
    seed_terms = sorted(
        {t for words in settings.seed_words for w in words for t in split_terms(_seed(w))}
    )
    ctfidf = ClassTfidfTransformer(
        reduce_frequent_words=settings.reduce_frequent_words, seed_words=seed_terms or None
    )
    representation = _representation(settings) if with_representation else None
    common = {
        "vectorizer_model": vectorizer,
        "ctfidf_model": ctfidf,
        "representation_model": representation,
        "embedding_model": _BERTopicEmbedder(embedder) if embedder is not None else None,
        "language": "multilingual",  # "english" would strip every non-ASCII letter
        "top_n_words": settings.top_words,
        "calculate_probabilities": False,
    }
    if not clusterable:
        model = BERTopic(
            umap_model=BaseDimensionalityReduction(), hdbscan_model=BaseCluster(), **common
        )
        topics, _ = model.fit_transform(terms, vectors, y=np.zeros(n, dtype=int))
        return model, list(topics), list(topics), pl.DataFrame(schema=MERGE_SCHEMA)

    from hdbscan import HDBSCAN
    from umap import UMAP

    model = BERTopic(
        umap_model=UMAP(
            n_neighbors=min(settings.umap_neighbors, n - 1),
            n_components=settings.umap_components,
            min_dist=0.0,
            metric="cosine",
            random_state=settings.seed,
            low_memory=True,
            n_jobs=1,  # a fixed random_state makes UMAP single-threaded anyway
        ),
        hdbscan_model=HDBSCAN(
            min_cluster_size=settings.min_topic_size,
            min_samples=settings.min_samples,
            metric="euclidean",
            cluster_selection_method=settings.cluster_selection,
            prediction_data=False,
            core_dist_n_jobs=1,
        ),
        seed_topic_list=[list(words) for words in settings.seed_words] or None,
        **common,
    )
    before, _ = model.fit_transform(terms, vectors)
    before, merges = _merge_topics(model, terms, [int(t) for t in before], settings.nr_topics)
    strategy = settings.outliers.get("strategy", "embeddings")
    after = before
    if strategy != "none" and -1 in before and len(set(before)) > 1:
        threshold = float(settings.outliers.get("threshold", 0.0))
        after = model.reduce_outliers(
            terms, before, strategy=strategy, threshold=threshold, embeddings=vectors
        )
        if strategy == "c-tf-idf" and threshold == 0 and -1 in after:
            # articles that share no topic word with any topic: nearest centroid instead
            after = model.reduce_outliers(
                terms, list(after), strategy="embeddings", threshold=0.0, embeddings=vectors
            )
        after = [int(t) for t in after]
        model.update_topics(
            terms,
            topics=after,
            top_n_words=settings.top_words,
            vectorizer_model=vectorizer,
            ctfidf_model=ctfidf,
            representation_model=representation,
        )
    return model, before, after, merges


def _merge_topics(
    model: Any, terms: list[str], topics: list[int], nr_topics: int | str | None
) -> tuple[list[int], pl.DataFrame]:
    """Merge to ``nr_topics`` real topics (the outlier topic -1 is not one of them), and
    say what merged into what.

    BERTopic's ``nr_topics`` counts the outlier topic as one of the topics to keep, so
    ``nr_topics: 10`` gave 9 topics; this asks it for ``nr_topics`` + 1 when there are
    outliers. Topics merge by average-linkage clustering of their embeddings (BERTopic's
    ``reduce_topics``); ``"auto"`` merges topics HDBSCAN finds close. Returns the new
    topic of every document and one row per original topic that was merged with others
    (``topic``: the new id, ``merged_topic``: the original id, its documents and top
    term keys joined by U+001F).
    """
    real = sorted(set(topics) - {-1})
    if nr_topics is None or (nr_topics != "auto" and len(real) <= int(nr_topics)):
        return topics, pl.DataFrame(schema=MERGE_SCHEMA)
    words = {t: [w for w, _ in (model.get_topic(t) or [])[:3] if w] for t in real}
    target = nr_topics if nr_topics == "auto" else int(nr_topics) + int(-1 in topics)
    model.reduce_topics(terms, nr_topics=target)
    merged = [int(t) for t in model.topics_]
    pairs = pl.DataFrame({"merged_topic": topics, "topic": merged}).filter(
        pl.col("merged_topic") >= 0
    )
    sizes = pairs.group_by("topic").agg(pl.len().alias("documents"))
    table = (
        pairs.group_by("merged_topic", "topic")
        .agg(pl.len().alias("merged_documents"))
        .with_columns(pl.col("merged_topic").n_unique().over("topic").alias("_parts"))
        .filter(pl.col("_parts") > 1)
        .join(sizes, on="topic")
        .with_columns(
            pl.col("merged_topic")
            .replace_strict({t: "\x1f".join(w) for t, w in words.items()}, return_dtype=pl.String)
            .alias("merged_words")
        )
        .select(list(MERGE_SCHEMA))
        .cast(MERGE_SCHEMA)
        .sort("topic", "merged_documents", "merged_topic", descending=[False, True, False])
    )
    return merged, table


def _seed(word: str) -> str:
    return topic_terms(word, TopicStopwords())


def _representation(settings: TopicSettings) -> Any:
    if settings.representation == "keybert":
        from bertopic.representation import KeyBERTInspired

        return KeyBERTInspired(top_n_words=settings.top_words, random_state=settings.seed)
    if settings.representation == "mmr":
        from bertopic.representation import MaximalMarginalRelevance

        return MaximalMarginalRelevance(
            diversity=settings.mmr_diversity, top_n_words=settings.top_words
        )
    return None


def _topic_info(
    model: Any,
    topic_ids: np.ndarray,
    vectors: np.ndarray,
    doc_ids: list[str],
    doc_terms: sparse.csr_matrix,
    settings: TopicSettings,
    forms: SurfaceForms,
) -> pl.DataFrame:
    """One row per topic: size, words as written (``terms``: their folded keys), NPMI of
    the keys, and the three articles closest to the topic's centroid."""
    topics = sorted(set(topic_ids.tolist()))
    words_of = {}
    for topic in topics:
        words = model.get_topic(topic) or []
        words_of[topic] = [(w, float(s)) for w, s in words if w][: settings.top_words]
    vocabulary = model.vectorizer_model.vocabulary_
    npmi = npmi_coherence(
        [[w for w, _ in words_of[t]] for t in topics], doc_terms.tocsr(), vocabulary
    )
    ids = np.asarray(doc_ids)
    rows = []
    for topic, coherence in zip(topics, npmi, strict=True):
        members = np.flatnonzero(topic_ids == topic)
        centroid = vectors[members].mean(axis=0)
        norms = np.linalg.norm(vectors[members], axis=1) * (np.linalg.norm(centroid) or 1.0)
        similarity = vectors[members] @ centroid / np.where(norms == 0, 1.0, norms)
        closest = members[np.lexsort((ids[members], -similarity))][:3]
        words = words_of[topic]
        shown = [forms.show(w) for w, _ in words]
        auto = "outliers" if topic == -1 else f"{topic}: " + " · ".join(shown[:3])
        rows.append(
            {
                "topic": int(topic),
                "label": settings.labels.get(int(topic), auto),
                "documents": len(members),
                "words": shown,
                "terms": [w for w, _ in words],
                "weights": [round(s, 6) for _, s in words],
                "npmi": None if coherence is None else round(coherence, 6),
                "representative": [doc_ids[i] for i in closest],
            }
        )
    return pl.DataFrame(rows, schema=TOPIC_INFO_SCHEMA).sort("topic")


def _words_over_time(
    model: Any,
    doc_topics: pl.DataFrame,
    doc_ids: list[str],
    doc_terms: sparse.csr_matrix,
    settings: TopicSettings,
    forms: SurfaceForms,
    n_words: int = 5,
) -> pl.DataFrame:
    """Top words of each topic in each time bin, from that bin's documents only.

    This is BERTopic's ``topics_over_time`` without global or evolution tuning: the
    counts come from the bin's documents, weighted by the corpus-wide c-TF-IDF idf, so
    no word from another bin or from the topic as a whole leaks in.
    """
    schema = {
        "topic": pl.Int64(),
        "period": pl.Date(),
        "documents": pl.Int64(),
        "words": pl.List(pl.String()),
    }
    position = {d: i for i, d in enumerate(doc_ids)}
    dated = (
        doc_topics.filter(pl.col("published").is_not_null())
        .with_columns(pl.col("published").dt.truncate(settings.time_bin).alias("period"))
        .with_columns(pl.col("doc_id").replace_strict(position).alias("row"))
    )
    if dated.is_empty():
        return pl.DataFrame(schema=schema)
    groups = dated.group_by("topic", "period").agg(pl.col("row")).sort("period", "topic")
    rows, cols = [], []
    for g, members in enumerate(groups["row"].to_list()):
        rows.extend([g] * len(members))
        cols.extend(members)
    indicator = sparse.csr_matrix(
        (np.ones(len(rows)), (rows, cols)), shape=(groups.height, len(doc_ids))
    )
    counts = indicator @ doc_terms
    weighted = model.ctfidf_model.transform(counts).tocsr()
    names = np.asarray(model.vectorizer_model.get_feature_names_out())
    words = []
    for g in range(groups.height):
        row = weighted.getrow(g)
        order = np.lexsort((names[row.indices], -row.data))[:n_words]
        words.append([forms.show(str(names[row.indices[i]])) for i in order if row.data[i] > 0])
    return pl.DataFrame(
        {
            "topic": groups["topic"],
            "period": groups["period"],
            "documents": groups["row"].list.len().cast(pl.Int64),
            "words": words,
        },
        schema=schema,
    )


def _stability(
    terms: list[str],
    vectors: np.ndarray,
    vocabulary: dict[str, int],
    topics: np.ndarray,
    settings: TopicSettings,
    embedder: Embedder | None,
) -> tuple[float | None, int]:
    """ARI between this fit and a refit with another seed (on a sample of large corpora).

    On a sample the minimum topic size shrinks in proportion, so the refit looks for
    topics of the same share of the corpus.
    """
    n = len(terms)
    sample_size = int(settings.stability.get("sample", 5000))
    rng = np.random.default_rng(settings.seed)
    rows = np.sort(rng.choice(n, size=sample_size, replace=False)) if n > sample_size else None
    other = replace(settings, seed=int(settings.stability.get("seed", settings.seed + 1)))
    sub_terms, sub_vectors, reference = terms, vectors, topics
    if rows is not None:
        fraction = sample_size / n
        other = replace(
            other,
            min_topic_size=max(2, round(settings.min_topic_size * fraction)),
            min_samples=None
            if settings.min_samples is None
            else max(1, round(settings.min_samples * fraction)),
            nr_topics=settings.nr_topics,
        )
        sub_terms = [terms[i] for i in rows]
        sub_vectors, reference = vectors[rows], topics[rows]
    if len(sub_terms) < max(other.min_documents, other.min_topic_size * 2):
        return None, 0
    _, _, refit, _ = _fit_model(
        sub_terms, sub_vectors, vocabulary, other, True, embedder, with_representation=False
    )
    return stability_ari(reference, refit), len(sub_terms)


def nearest_topics(topic_embeddings: np.ndarray, has_outlier_row: bool, vectors: np.ndarray):
    """The topic whose embedding is most similar (cosine) to each vector.

    This is how a BERTopic model saved with safetensors assigns new documents.
    """
    topics = topic_embeddings[1:] if has_outlier_row else topic_embeddings
    if len(vectors) == 0 or len(topics) == 0:
        return np.zeros(len(vectors), dtype=np.int64)
    a = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    b = topics / np.maximum(np.linalg.norm(topics, axis=1, keepdims=True), 1e-12)
    return np.argmax(a @ b.T, axis=1).astype(np.int64)


def fit_corpus_topics(
    articles: pl.DataFrame,
    vectors: np.ndarray,
    duplicates: pl.DataFrame,
    settings: TopicSettings,
    count_once: bool = True,
    threads: int = 1,
    embedder: Embedder | None = None,
    cache_dir: Path | None = None,
) -> TopicFit:
    """Fit on the corpus without non-canonical duplicates (when ``count_once``), then give
    every article a topic row: duplicates take their canonical article's topic.

    ``doc_topics`` gains ``duplicate_of`` (the canonical doc_id, or null) and ``in_fit``.
    """
    canonical = (
        duplicates.filter(pl.col("is_canonical"))
        .select("group", pl.col("doc_id").alias("duplicate_of"))
        .unique("group")
    )
    copies = (
        duplicates.filter(~pl.col("is_canonical"))
        .join(canonical, on="group", how="left")
        .select("doc_id", "duplicate_of")
        .unique("doc_id")
    )
    articles = articles.join(copies, on="doc_id", how="left")
    mask = (
        articles["duplicate_of"].is_null().to_numpy()
        if count_once
        else np.ones(articles.height, dtype=bool)
    )
    fit = fit_topics(
        articles.filter(pl.Series(mask)), vectors[mask], settings, threads, embedder, cache_dir
    )
    fit_rows = fit.doc_topics.with_columns(pl.lit(True).alias("in_fit"))
    left_out = articles.filter(pl.Series(~mask))
    if left_out.height:
        topic_of = dict(zip(fit.doc_topics["doc_id"], fit.doc_topics["topic"], strict=True))
        model_topics = nearest_topics(
            np.asarray(fit.model.topic_embeddings_), fit.model._outliers == 1, vectors[~mask]
        )
        assigned = [
            topic_of.get(canon, int(fallback))
            for canon, fallback in zip(left_out["duplicate_of"], model_topics, strict=True)
        ]
        extra = left_out.select(
            "doc_id",
            pl.Series("topic", assigned, dtype=pl.Int64),
            pl.Series("topic_before_outliers", assigned, dtype=pl.Int64),
            "outlet",
            "published",
            pl.lit(False).alias("in_fit"),
        )
        fit_rows = pl.concat([fit_rows, extra], how="vertical")
    fit.doc_topics = (
        fit_rows.join(articles.select("doc_id", "duplicate_of"), on="doc_id", how="left")
        .select(
            "doc_id",
            "topic",
            "topic_before_outliers",
            "in_fit",
            "duplicate_of",
            "outlet",
            "published",
        )
        .sort("doc_id")
    )
    fit.summary = fit.summary.with_columns(
        pl.lit(articles.height).alias("articles"),
        pl.lit(int((~mask).sum())).alias("duplicates_excluded"),
        pl.lit(int(articles["duplicate_of"].is_not_null().sum())).alias("duplicates"),
    )
    return fit


def topics_over_time(
    doc_topics: pl.DataFrame, time_bin: str, words: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Documents per topic and time bin (articles without a date are left out).

    Only fitted articles count (duplicates left out of fitting are counted once).
    ``words`` (from :class:`TopicFit`.over_time) adds each bin's own top words.
    """
    counted = doc_topics.filter(pl.col("in_fit")) if "in_fit" in doc_topics.columns else doc_topics
    frame = (
        counted.filter(pl.col("published").is_not_null())
        .with_columns(pl.col("published").dt.truncate(time_bin).alias("period"))
        .group_by("topic", "period")
        .agg(pl.len().cast(pl.Int64).alias("documents"))
        .with_columns(
            (pl.col("documents") / pl.col("documents").sum().over("period")).alias("share")
        )
    )
    if words is not None:
        frame = frame.join(
            words.select("topic", "period", "words"), on=["topic", "period"], how="left"
        )
    return frame.sort("period", "topic")


def topics_per_outlet(doc_topics: pl.DataFrame) -> pl.DataFrame:
    """Documents per topic and outlet, with the topic's share of the outlet's articles."""
    counted = doc_topics.filter(pl.col("in_fit")) if "in_fit" in doc_topics.columns else doc_topics
    return (
        counted.group_by("outlet", "topic")
        .agg(pl.len().cast(pl.Int64).alias("documents"))
        .with_columns(
            (pl.col("documents") / pl.col("documents").sum().over("outlet")).alias("share")
        )
        .sort("outlet", "topic")
    )


def save_model(model: Any, folder: Path, labels: dict[int, str] | None = None) -> None:
    """Save the fitted BERTopic model with safetensors (no pickle, no embedding model).

    The researcher's labels are stored with it (``labels.json``).
    """
    model.save(
        str(folder), serialization="safetensors", save_ctfidf=True, save_embedding_model=False
    )
    save_labels(folder, labels)


def save_labels(folder: str | Path, labels: dict[int, str] | None = None) -> None:
    """The researcher's names for topic ids, beside the saved model (``labels.json``)."""
    (Path(folder) / "labels.json").write_text(
        json.dumps({str(k): v for k, v in sorted((labels or {}).items())}, ensure_ascii=False),
        encoding="utf-8",
    )


def assign_saved_topics(folder: str | Path, vectors: np.ndarray) -> np.ndarray:
    """Assign new documents (their embeddings, same backend) to a saved model's topics.

    Example:
        >>> assign_saved_topics("results/topics/model", embedder.embed(["نص جديد"]))
        array([3])
    """
    from safetensors.numpy import load_file

    folder = Path(folder)
    if not (folder / "topic_embeddings.safetensors").exists():
        raise MediaframeError(
            f"{folder}: no topic_embeddings.safetensors. Fix: point at the model folder the "
            "topics step wrote (results/topics/model)."
        )
    embeddings = load_file(str(folder / "topic_embeddings.safetensors"))["topic_embeddings"]
    topics = json.loads((folder / "topics.json").read_text(encoding="utf-8"))
    has_outliers = bool(topics.get("_outliers", 0))
    if embeddings.shape[1] != np.asarray(vectors).shape[1]:
        raise MediaframeError(
            f"{folder}: the model's topic embeddings have {embeddings.shape[1]} dimensions, "
            f"the new vectors {np.asarray(vectors).shape[1]}. Fix: embed with the same backend."
        )
    return nearest_topics(embeddings, has_outliers, np.asarray(vectors, dtype=np.float32))


def topic_embedder(settings: TopicSettings, embed: dict[str, Any]) -> Embedder | None:
    """The embed backend, loaded only when seed words or KeyBERT / MMR need it."""
    if not settings.seed_words and settings.representation == "c-tf-idf":
        return None
    from mediaframe.embed import get_embedder

    return get_embedder(embed)


NO_ARTICLES_NOTE = (
    "No articles are left after cleaning (every input record was rejected; see the corpus "
    "report's ledger), so there are no topics."
)


def no_topic_tables(settings: TopicSettings) -> dict[str, pl.DataFrame]:
    """The topic tables of a corpus with no article left: empty, with a summary whose
    note says why (BERTopic cannot fit on nothing)."""
    return {
        "doc_topics": pl.DataFrame(
            schema={
                "doc_id": pl.String,
                "topic": pl.Int64,
                "topic_before_outliers": pl.Int64,
                "in_fit": pl.Boolean,
                "duplicate_of": pl.String,
                "outlet": pl.String,
                "published": pl.Date,
            }
        ),
        "topic_info": pl.DataFrame(
            schema={
                "topic": pl.Int64,
                "label": pl.String,
                "documents": pl.Int64,
                "words": pl.List(pl.String),
                "terms": pl.List(pl.String),
                "weights": pl.List(pl.Float64),
                "npmi": pl.Float64,
                "representative": pl.List(pl.String),
            }
        ),
        "summary": pl.DataFrame(
            {
                "documents": [0],
                "topics": [0],
                "topics_found": [0],
                "min_topic_size": [settings.min_topic_size or MIN_TOPIC_SIZE_RANGE[0]],
                "min_topic_size_rule": ["" if settings.min_topic_size else MIN_TOPIC_SIZE_RULE],
                "min_samples": [settings.min_samples or 1],
                "nr_topics": [None if settings.nr_topics is None else str(settings.nr_topics)],
                "outliers_before": [0],
                "outlier_share_before": [0.0],
                "outlier_share": [0.0],
                "outlier_strategy": [""],
                "representation": [settings.representation],
                "npmi": [None],
                "diversity": [None],
                "stability_ari": [None],
                "stability_documents": [0],
                "seeds": [f"{settings.seed}"],
                "method": ["none"],
                "note": [NO_ARTICLES_NOTE],
                "articles": [0],
                "duplicates_excluded": [0],
                "duplicates": [0],
            },
            schema_overrides={
                "npmi": pl.Float64,
                "diversity": pl.Float64,
                "stability_ari": pl.Float64,
                "nr_topics": pl.String,
                "articles": pl.Int32,
                "duplicates_excluded": pl.Int32,
                "duplicates": pl.Int32,
            },
        ),
        "merges": pl.DataFrame(schema=MERGE_SCHEMA),
        "over_time": pl.DataFrame(
            schema={
                "topic": pl.Int64,
                "period": pl.Date,
                "documents": pl.Int64,
                "share": pl.Float64,
                "words": pl.List(pl.String),
            }
        ),
        "per_outlet": pl.DataFrame(
            schema={
                "outlet": pl.String,
                "topic": pl.Int64,
                "documents": pl.Int64,
                "share": pl.Float64,
            }
        ),
    }
