"""The topics report's tables and figures: the fit, outliers and quality, the topic
table with representative articles, sizes, topics over time and by outlet.

Example:
    >>> fit = pl.read_parquet(summary).row(0, named=True)
    >>> show(table(model_table(fit)), table(quality_table(fit)))
"""

from __future__ import annotations

from typing import Any

import matplotlib.pyplot as plt
import polars as pl
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

MAX_TOPICS_IN_FIGURES = 25  # larger models show their biggest topics in figures; tables list all
TOPICS_IN_TIMELINE = 8
SNIPPET_CHARS = 160


def topic_labels(info: pl.DataFrame) -> dict[int, str]:
    """Each topic id's label."""
    return dict(zip(info["topic"], info["label"], strict=True))


def model_table(fit: dict[str, Any]) -> pl.DataFrame:
    """One row: articles, fitted, duplicates left out, topics, method, topic words."""
    return pl.DataFrame(
        {
            "articles": [fit["articles"]],
            "fitted": [fit["documents"]],
            "duplicates left out of fitting": [fit["duplicates_excluded"]],
            "topics": [fit["topics"]],
            "method": [fit["method"]],
            "topic words": [fit["representation"]],
        }
    )


def _share(value: float | None) -> str:
    return "" if value is None else f"{value:.1%}"


def _figure(value: float | None, digits: int = 3) -> str:
    return "not measured" if value is None else f"{value:.{digits}f}"


def quality_table(fit: dict[str, Any]) -> pl.DataFrame:
    """One row: outliers before and after reduction, NPMI, diversity, stability."""
    measured = fit["stability_ari"] is not None
    return pl.DataFrame(
        {
            "outliers before reduction": [
                f"{fit['outliers_before']:,} ({_share(fit['outlier_share_before'])})"
            ],
            "outlier strategy": [fit["outlier_strategy"] or "none"],
            "outliers after": [_share(fit["outlier_share"])],
            "NPMI coherence (mean)": [_figure(fit["npmi"])],
            "topic diversity": [_figure(fit["diversity"])],
            "stability (ARI)": [_figure(fit["stability_ari"])],
            "stability: articles, seeds": [
                f"{fit['stability_documents']:,}; seeds {fit['seeds']}" if measured else ""
            ],
        }
    )


def snippet(title: str | None, text: str | None, chars: int = SNIPPET_CHARS) -> str:
    """An article as one line: its title, then the start of its text."""
    body = " ".join((text or "").split())
    body = body[:chars] + ("…" if len(body) > chars else "")
    return f"{title}: {body}" if title else body


def topic_table(info: pl.DataFrame, articles: pl.DataFrame) -> pl.DataFrame:
    """Topics with label, size, share, words, NPMI and their representative articles."""
    texts = {row[0]: row for row in articles.select("doc_id", "title", "text").iter_rows()}

    def representative(doc_id: str) -> str:
        _, title, text = texts.get(doc_id, (doc_id, None, ""))
        return snippet(title, text)

    total = max(int(info["documents"].sum()), 1)
    return info.with_columns(
        (pl.col("documents") / total).alias("share"),
        pl.col("representative")
        .map_elements(
            lambda ids: " ‖ ".join(representative(i) for i in ids), return_dtype=pl.String
        )
        .alias("representative articles"),
    ).select("topic", "label", "documents", "share", "words", "npmi", "representative articles")


def largest_topics(info: pl.DataFrame, limit: int = MAX_TOPICS_IN_FIGURES) -> pl.DataFrame:
    """The ``limit`` largest topics, largest first (the ones figures show)."""
    return info.sort("documents", descending=True).head(limit)


def size_figure(shown: pl.DataFrame, topics: int) -> Figure:
    """Horizontal bars of the shown topics' sizes; ``topics`` is the model's topic count."""
    fig, ax = plt.subplots(figsize=(8, 0.6 + 0.32 * shown.height))
    ax.barh(
        [str(label) for label in shown["label"].to_list()[::-1]],
        shown["documents"].to_list()[::-1],
        color="#55A868",
    )
    ax.set_xlabel("articles")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    largest = f" (largest {shown.height} of {topics})" if topics > shown.height else ""
    ax.set_title("Topic sizes" + largest)
    return fig


def timeline_topics(shown: pl.DataFrame, limit: int = TOPICS_IN_TIMELINE) -> list[int]:
    """The largest topics drawn over time (outliers left out)."""
    return [topic for topic in shown["topic"].to_list() if topic != -1][:limit]


def undated_fitted(assigned: pl.DataFrame) -> int:
    """Fitted articles without a publication date (not in the timeline)."""
    return assigned.filter(pl.col("in_fit") & pl.col("published").is_null()).height


def timeline_figure(
    timeline: pl.DataFrame, topics: list[int], labels: dict[int, str], time_bin: str
) -> Figure:
    """Articles per topic and period, one line per topic."""
    fig, ax = plt.subplots(figsize=(9, 4))
    for topic in topics:
        part = timeline.filter(pl.col("topic") == topic).sort("period")
        ax.plot(
            part["period"].to_list(),
            part["documents"].to_list(),
            marker="o",
            markersize=3,
            label=labels.get(topic, str(topic)),
        )
    ax.set_ylabel("articles")
    ax.set_title(f"Articles per topic and {time_bin} (largest topics)")
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1, 1))
    fig.autofmt_xdate()
    return fig


def period_words(timeline: pl.DataFrame, topics: list[int], labels: dict[int, str]) -> pl.DataFrame:
    """Each period's own top words for the given topics."""
    return (
        timeline.filter(pl.col("topic").is_in(topics))
        .with_columns(
            pl.col("topic").replace_strict(labels, return_dtype=pl.String).alias("label"),
            pl.col("period").cast(pl.String),
        )
        .select("period", "label", "documents", "words")
        .sort("period", "documents", descending=[False, True])
    )


def outlet_topic_shares(by_outlet: pl.DataFrame, topics: list[int]) -> pl.DataFrame:
    """Outlet × topic matrix of shares (one column per topic present, named by its id)."""
    return (
        by_outlet.filter(pl.col("topic").is_in(topics))
        .pivot(on="topic", index="outlet", values="share")
        .fill_null(0.0)
        .sort("outlet")
    )


def heatmap_figure(matrix: pl.DataFrame, topics: list[int], labels: dict[int, str]) -> Figure:
    """Heatmap of each outlet's share of articles per topic."""
    present = [str(t) for t in topics if str(t) in matrix.columns]
    values = matrix.select(present).to_numpy()
    fig, ax = plt.subplots(figsize=(2.5 + 0.45 * len(present), 1.5 + 0.4 * matrix.height))
    image = ax.imshow(
        values, aspect="auto", cmap="Blues", vmin=0, vmax=max(float(values.max()), 0.01)
    )
    ax.set_xticks(
        range(len(present)), [labels.get(int(t), t) for t in present], rotation=90, fontsize=8
    )
    ax.set_yticks(range(matrix.height), matrix["outlet"].to_list())
    ax.set_title("Share of each outlet's articles per topic")
    fig.colorbar(image, ax=ax)
    return fig


def top_topics_per_outlet(
    by_outlet: pl.DataFrame, labels: dict[int, str], per_outlet: int = 5
) -> pl.DataFrame:
    """Each outlet's ``per_outlet`` largest topics."""
    return (
        by_outlet.with_columns(
            pl.col("topic").replace_strict(labels, return_dtype=pl.String).alias("label")
        )
        .sort(["outlet", "documents", "topic"], descending=[False, True, False])
        .group_by("outlet", maintain_order=True)
        .head(per_outlet)
        .select("outlet", "topic", "label", "documents", "share")
    )
