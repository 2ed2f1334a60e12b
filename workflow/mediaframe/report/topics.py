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

from mediaframe.report.tables import bar_height, fold_outlets, outlet_rank, outlet_ranking

MAX_TOPICS_IN_FIGURES = 25  # reports.top_topics: figures show the largest; the CSV has all
TOPICS_IN_TIMELINE = 8
SNIPPET_CHARS = 160


def topic_labels(info: pl.DataFrame) -> dict[int, str]:
    """Each topic id's label."""
    return dict(zip(info["topic"], info["label"], strict=True))


def model_table(fit: dict[str, Any]) -> pl.DataFrame:
    """One row: articles, fitted, duplicates left out, topics, minimum topic size, method,
    topic words."""
    rule = fit.get("min_topic_size_rule") or "topics.min_topic_size"
    return pl.DataFrame(
        {
            "articles": [fit["articles"]],
            "fitted": [fit["documents"]],
            "duplicates left out of fitting": [fit["duplicates_excluded"]],
            "topics": [fit["topics"]],
            "minimum topic size": [f"{fit.get('min_topic_size')} ({rule})"],
            "method": [fit["method"]],
            "topic words": [fit["representation"]],
        }
    )


def merge_note(fit: dict[str, Any]) -> str:
    """What ``topics.nr_topics`` did, in one sentence ("" when it is not set)."""
    target = fit.get("nr_topics")
    if target is None:
        return ""
    found, kept = fit.get("topics_found", fit["topics"]), fit["topics"]
    if found == kept:
        return (
            f"topics.nr_topics is {target}: HDBSCAN found {found} topic(s), no more than that, "
            "so none were merged."
        )
    return (
        f"topics.nr_topics is {target}: HDBSCAN found {found} topics (outliers not counted), "
        f"and the most similar were merged (average-linkage clustering of the topic embeddings) "
        f"into {kept}. The table lists each merged topic and the topics it was made of."
    )


def merge_table(merges: pl.DataFrame, labels: dict[int, str]) -> pl.DataFrame:
    """Each topic made by merging, with the topics found before merging that it holds."""
    return merges.select(
        "topic",
        pl.col("topic").replace_strict(labels, default="", return_dtype=pl.String).alias("label"),
        pl.col("documents").alias("articles"),
        pl.col("merged_topic").alias("topic found before merging"),
        pl.col("merged_documents").alias("its articles"),
        pl.col("merged_words").alias("its top words"),
    )


def update_note(fit: dict[str, Any]) -> str:
    """Which ``topics.update`` made these topics, when the model was fitted and on how
    many articles."""
    if fit.get("update") is None or not fit["fit_documents"]:
        return ""  # no articles: the report's note says why
    if fit["fitted_at"] is None:
        return (
            f"topics.update: {fit['update']}. The model was fitted in this run (the time "
            f"the provenance block states) on {fit['fit_documents']:,} articles."
        )
    return (
        f"topics.update: assign. The model was fitted at {fit['fitted_at']} (UTC) on "
        f"{fit['fit_documents']:,} articles; {fit['assigned']:,} article(s) added or changed "
        "since were assigned to its nearest topic, and every other article keeps the topic "
        "it had. Topic words, coherence, stability and representative articles describe that "
        "fit; sizes, topics over time and by outlet count all articles. Set topics.update: "
        "refit to fit the model again on the whole corpus."
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
    fig, ax = plt.subplots(figsize=(8, bar_height(shown.height)))
    ax.barh(
        [str(label) for label in shown["label"].to_list()[::-1]],
        shown["documents"].to_list()[::-1],
        color="#55A868",
    )
    ax.set_xlabel("articles")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    largest = f" (largest {shown.height} of {topics})" if topics > shown.height else ""
    ax.set_title("Topic sizes" + largest)
    ax.tick_params(axis="y", labelsize=8 if shown.height > 12 else 10)
    fig.tight_layout()
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


def _folded_shares(by_outlet: pl.DataFrame, ranking: list[str], top: int) -> pl.DataFrame:
    """Articles per (outlet, topic) with the ``top`` outlets of ``ranking`` kept and the
    rest folded into one row, each outlet's ``articles`` and each topic's ``share``."""
    return (
        fold_outlets(by_outlet, ranking, top)
        .group_by("outlet", "topic")
        .agg(pl.col("documents").sum())
        .with_columns(
            pl.col("documents").sum().over("outlet").alias("articles"),
            (pl.col("documents") / pl.col("documents").sum().over("outlet")).alias("share"),
        )
    )


def outlet_topic_shares(by_outlet: pl.DataFrame, topics: list[int], top: int) -> pl.DataFrame:
    """Outlet × topic matrix of shares of each outlet's fitted articles (one column per
    topic in ``topics``, named by its id), with the outlet's ``articles``: the ``top``
    outlets with most articles, largest first, then the rest as one row, "N other
    outlets", whose shares are of all their articles together."""
    ranking = outlet_ranking(by_outlet, "documents")
    counted = _folded_shares(by_outlet, ranking, top)
    outlets = counted.select("outlet", "articles").unique()
    present = [str(t) for t in topics if t in set(counted["topic"])]
    shares = (
        counted.filter(pl.col("topic").is_in(topics))
        .with_columns(pl.col("topic").cast(pl.String))
        .pivot(on="topic", index="outlet", values="share")
    )
    return (
        outlets.join(shares, on="outlet", how="left")
        .with_columns(
            [
                pl.col(t).fill_null(0.0) if t in shares.columns else pl.lit(0.0).alias(t)
                for t in present
            ]
        )
        .select("outlet", "articles", *present)
        .sort(outlet_rank(ranking, top), "outlet")
    )


def heatmap_figure(matrix: pl.DataFrame, topics: list[int], labels: dict[int, str]) -> Figure:
    """Heatmap of each outlet's share of articles per topic: topics in rows (their labels
    read horizontally), outlets in columns with their number of articles."""
    present = [str(t) for t in topics if str(t) in matrix.columns]
    values = matrix.select(present).to_numpy().T
    width = min(3.5 + 0.38 * matrix.height, 12.5)
    height = max(bar_height(len(present), per_bar=0.3, most=10), 3.5)
    fig, ax = plt.subplots(figsize=(width, height))
    image = ax.imshow(
        values, aspect="auto", cmap="Blues", vmin=0, vmax=max(float(values.max(initial=0)), 0.01)
    )
    ax.set_yticks(range(len(present)), [labels.get(int(t), t) for t in present], fontsize=8)
    ax.set_xticks(
        range(matrix.height),
        [f"{o} ({n:,})" for o, n in matrix.select("outlet", "articles").iter_rows()],
        rotation=60,
        ha="right",
        fontsize=8,
    )
    ax.set_title("Share of each outlet's articles per topic")
    fig.colorbar(image, ax=ax, fraction=0.03, pad=0.02)
    fig.tight_layout()
    return fig


def outlet_topics(
    by_outlet: pl.DataFrame, labels: dict[int, str], top: int, per_outlet: int = 3
) -> pl.DataFrame:
    """One row per outlet, the ``top`` outlets with most articles and then the rest as
    one row: its fitted articles and its ``per_outlet`` largest topics with their share."""
    ranking = outlet_ranking(by_outlet, "documents")
    counted = (
        _folded_shares(by_outlet, ranking, top)
        .with_columns(
            pl.col("topic")
            .replace_strict(labels, default="", return_dtype=pl.String)
            .alias("label"),
        )
        .sort("outlet", "documents", "topic", descending=[False, True, False])
    )
    return (
        counted.group_by("outlet", maintain_order=True)
        .agg(
            pl.col("articles").first(),
            pl.format("{} ({}%)", pl.col("label"), (pl.col("share") * 100).round(0).cast(pl.Int64))
            .head(per_outlet)
            .str.join(" · ")
            .alias("largest topics"),
        )
        .sort(outlet_rank(ranking, top), "outlet")
    )


def outlet_topic_table(by_outlet: pl.DataFrame, labels: dict[int, str]) -> pl.DataFrame:
    """Every outlet × topic with its label, articles and share, outlets by name, each
    outlet's largest topic first (the CSV behind the outlet figures)."""
    return (
        by_outlet.with_columns(
            pl.col("topic")
            .replace_strict(labels, default="", return_dtype=pl.String)
            .alias("label")
        )
        .sort(["outlet", "documents", "topic"], descending=[False, True, False])
        .select("outlet", "topic", "label", "documents", "share")
    )
