"""``topics.update``: refit the topic model on the grown corpus, or assign new articles
to the model fitted earlier and keep every earlier assignment.

Every topics run keeps its fit beside its outputs (``results/<name>/store/topics/``: the
saved model, the fit's topic tables, each article's topic with the hash of the text
that was embedded, and ``fit.json`` with the time and size of the fit). With
``update: assign`` and a kept fit made with the same topic, embedding and duplicate
settings, the run fits nothing: an article whose doc_id and embedded text are those
of an earlier run keeps its topic; a non-canonical copy of a story takes its canonical
article's topic; every other article goes to the saved model's nearest topic (cosine
to the topic embeddings, as BERTopic's ``transform`` does for a model saved with
safetensors; never an outlier). Topic words, NPMI, representatives, words per period
and merges stay those of the fit; topic sizes, topics over time and per outlet count the grown
corpus. Otherwise (``refit``, no kept fit, other settings) the model is fitted on the
whole corpus.

Example:
    >>> saved, why = load_fit(state, fit_digest(topics, embed, count_once))
    >>> tables = assign_to_fit(saved, articles, embeddings, duplicates, settings, count_once)
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import polars as pl

from mediaframe.topics.model import (
    TopicSettings,
    assign_saved_topics,
    topics_over_time,
    topics_per_outlet,
)

UPDATE_MODES = ("refit", "assign")
# Keys of the topics section that do not change the fit: the mode, and the labels
# (names for topic ids, applied to the kept fit's table on every run).
NOT_FIT_KEYS = ("update", "labels")
FIT_TABLES = ("topic_info", "summary", "over_time", "merges")


def fit_digest(topics: dict[str, Any], embed: dict[str, Any], count_once: bool) -> str:
    """A digest of every setting a fit depends on (a kept fit with another is not used)."""
    settings = {
        "topics": {k: v for k, v in topics.items() if k not in NOT_FIT_KEYS},
        "embed": embed,
        "count_once": count_once,
    }
    text = json.dumps(settings, sort_keys=True, default=str)
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def topic_settings(topics: dict[str, Any]) -> TopicSettings:
    """The fit's settings from the topics section (without ``update``)."""
    return TopicSettings.from_config({k: v for k, v in topics.items() if k != "update"})


@dataclass
class KeptFit:
    """A fit kept from an earlier run."""

    folder: Path
    fitted_at: str
    documents: int
    tables: dict[str, pl.DataFrame]
    assignments: pl.DataFrame  # doc_id, text_hash, topic, topic_before_outliers, fitted


def load_fit(state: str | Path, digest: str) -> tuple[KeptFit | None, str]:
    """The kept fit, or None and why it cannot be used."""
    state = Path(state)
    try:
        meta = json.loads((state / "fit.json").read_text(encoding="utf-8"))
        tables = {name: pl.read_parquet(state / f"{name}.parquet") for name in FIT_TABLES}
        assignments = pl.read_parquet(state / "assignments.parquet")
    except (OSError, ValueError, pl.exceptions.PolarsError):
        return None, "no model was kept from an earlier run"
    if meta.get("digest") != digest:
        return None, "the kept model was fitted with other topics, embed or duplicates settings"
    if tables["summary"]["method"][0] != "bertopic":
        return None, "the kept model is not a clustering (the corpus was too small or empty)"
    return KeptFit(state, meta["fitted_at"], meta["documents"], tables, assignments), ""


def now() -> str:
    """The time a fit is made (UTC, to the second), as stated in the topics report."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def assign_to_fit(
    kept: KeptFit,
    articles: pl.DataFrame,
    embeddings: pl.DataFrame,
    duplicates: pl.DataFrame,
    settings: TopicSettings,
    count_once: bool,
) -> dict[str, pl.DataFrame]:
    """The topic tables of the grown corpus from the kept fit (module docstring).

    ``articles`` and ``embeddings`` are sorted by doc_id and row-aligned.
    """
    from mediaframe.embed.cache import vectors_of

    copies = _copies(duplicates)
    current = (
        articles.select("doc_id", "outlet", "published")
        .with_columns(embeddings["text_hash"].alias("text_hash"))
        .join(copies, on="doc_id", how="left")
    )
    kept_rows = current.join(kept.assignments, on=["doc_id", "text_hash"], how="inner").select(
        "doc_id", "topic", "topic_before_outliers", "fitted"
    )
    todo = current.join(kept_rows, on="doc_id", how="anti")
    rows = todo.with_row_index("_i")
    vectors = vectors_of(embeddings)[
        current.with_row_index("_i").join(todo, on="doc_id", how="semi")["_i"].to_numpy()
    ]
    nearest = assign_saved_topics(kept.folder / "model", vectors) if len(vectors) else []
    new = rows.select("doc_id", "duplicate_of", pl.Series("_model", list(nearest), pl.Int64))
    # a copy takes its canonical article's topic (kept or assigned in this run)
    known = pl.concat(
        [kept_rows.select("doc_id", "topic"), new.select("doc_id", pl.col("_model").alias("topic"))]
    )
    new = (
        new.join(
            known.rename({"doc_id": "duplicate_of", "topic": "_canonical"}),
            on="duplicate_of",
            how="left",
        )
        .select(
            "doc_id",
            pl.coalesce("_canonical", "_model").alias("topic"),
        )
        .with_columns(pl.col("topic").alias("topic_before_outliers"), pl.lit(False).alias("fitted"))
    )
    counted = pl.col("duplicate_of").is_null() if count_once else pl.lit(True)
    every = pl.concat([kept_rows, new]).join(current, on="doc_id").sort("doc_id")
    doc_topics = every.select(
        "doc_id",
        "topic",
        "topic_before_outliers",
        counted.alias("in_fit"),
        "duplicate_of",
        "outlet",
        "published",
    )
    sizes = (
        doc_topics.filter(pl.col("in_fit"))
        .group_by("topic")
        .agg(pl.len().cast(pl.Int64).alias("_size"))
    )
    info = kept.tables["topic_info"]
    info = (
        info.join(sizes, on="topic", how="left")
        .with_columns(
            pl.col("_size").fill_null(0).alias("documents"),
            _labels(info, settings).alias("label"),
        )
        .select(info.columns)
        .sort("topic")
    )
    summary = kept.tables["summary"].with_columns(
        pl.lit(articles.height).cast(pl.Int32).alias("articles"),
        pl.lit(int(current["duplicate_of"].is_not_null().sum())).cast(pl.Int32).alias("duplicates"),
        pl.lit("assign").alias("update"),
        pl.lit(kept.fitted_at).alias("fitted_at"),
        pl.lit(kept.documents).cast(pl.Int64).alias("fit_documents"),
        pl.lit(int((~every["fitted"]).sum())).cast(pl.Int64).alias("assigned"),
    )
    return {
        "doc_topics": doc_topics,
        "topic_info": info,
        "summary": summary,
        "over_time": topics_over_time(doc_topics, settings.time_bin, kept.tables["over_time"]),
        "per_outlet": topics_per_outlet(doc_topics),
        "merges": kept.tables["merges"],
        "assignments": every.select(*ASSIGNMENT_COLUMNS),
    }


ASSIGNMENT_COLUMNS = ("doc_id", "text_hash", "topic", "topic_before_outliers", "fitted")


def fitted_assignments(doc_topics: pl.DataFrame, embeddings: pl.DataFrame) -> pl.DataFrame:
    """The assignments of a fit made in this run: every article counts as fitted."""
    return (
        doc_topics.join(embeddings.select("doc_id", "text_hash"), on="doc_id")
        .with_columns(pl.lit(True).alias("fitted"))
        .select(*ASSIGNMENT_COLUMNS)
        .sort("doc_id")
    )


def with_update_columns(summary: pl.DataFrame, mode: str) -> pl.DataFrame:
    """A fit made in this run: the mode, no earlier fit time, the fitted articles."""
    return summary.with_columns(
        pl.lit(mode).alias("update"),
        pl.lit(None, pl.String).alias("fitted_at"),
        pl.col("documents").cast(pl.Int64).alias("fit_documents"),
        pl.lit(0, pl.Int64).alias("assigned"),
    )


def keep_fit(
    state: str | Path,
    model: str | Path,
    tables: dict[str, pl.DataFrame],
    assignments: pl.DataFrame,
    meta: dict[str, Any],
) -> None:
    """Keep this run's fit (model, fit tables, fit.json) and assignments for the next run,
    replacing the earlier state in one rename."""
    state = Path(state)
    fresh = state.with_name(f".{state.name}.new-{os.getpid()}")
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.copytree(model, fresh / "model")
    for name in FIT_TABLES:
        tables[name].write_parquet(fresh / f"{name}.parquet")
    assignments.write_parquet(fresh / "assignments.parquet")
    (fresh / "fit.json").write_text(json.dumps(meta, sort_keys=True), encoding="utf-8")
    old = state.with_name(f".{state.name}.old-{os.getpid()}")
    if state.exists():
        state.rename(old)
    fresh.rename(state)
    with contextlib.suppress(OSError):
        shutil.rmtree(old)


def _copies(duplicates: pl.DataFrame) -> pl.DataFrame:
    """doc_id, duplicate_of (the canonical article) of every non-canonical copy."""
    canonical = (
        duplicates.filter(pl.col("is_canonical"))
        .select("group", pl.col("doc_id").alias("duplicate_of"))
        .unique("group")
    )
    return (
        duplicates.filter(~pl.col("is_canonical"))
        .join(canonical, on="group", how="left")
        .select("doc_id", "duplicate_of")
        .unique("doc_id")
    )


def _labels(info: pl.DataFrame, settings: TopicSettings) -> pl.Expr:
    """The researcher's labels over the automatic ones (the fit's top words)."""
    auto = (
        pl.when(pl.col("topic") == -1)
        .then(pl.lit("outliers"))
        .otherwise(
            pl.format("{}: {}", pl.col("topic"), pl.col("words").list.head(3).list.join(" · "))
        )
    )
    labels = settings.labels
    mapped = (
        pl.col("topic").replace_strict(
            list(labels), list(labels.values()), default=None, return_dtype=pl.String
        )
        if labels
        else pl.lit(None, pl.String)
    )
    return pl.coalesce(mapped, auto)
