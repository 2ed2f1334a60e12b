"""The actors report's tables and figures: who appears, stance per actor along each
dimension, names and labels, who speaks, agencies, suggested actors and examples.

Example:
    >>> names = actor_names(settings["actors"]["registry"])
    >>> everyone = mentions_per_actor(scored, names, arabic_names(registry))
    >>> show(table(stance_rows(aggregates, "overall", names)))
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import polars as pl
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from mediaframe.clean.duplicates import without_copies
from mediaframe.report.helpers import highlight
from mediaframe.stance import second_reading
from mediaframe.stance.embedding import describe_threshold

SECOND_READING_MARK = "· second reading ("


def counted_once(copies: pl.DataFrame, count_once: bool) -> Callable[[pl.DataFrame], pl.DataFrame]:
    """A function that leaves out non-canonical copies of syndicated stories when
    ``clean.duplicates.count_once`` (and returns frames unchanged otherwise)."""

    def once(frame: pl.DataFrame) -> pl.DataFrame:
        return without_copies(frame, copies) if count_once else frame

    return once


def actor_names(registry: list[dict[str, Any]]) -> dict[str, str]:
    """Each actor id's English display name (the id when it has none)."""
    return {a["id"]: a.get("names", {}).get("en") or a["id"] for a in registry}


def arabic_names(registry: list[dict[str, Any]]) -> dict[str, str]:
    """Each actor id's Arabic display name ("" when it has none)."""
    return {a["id"]: a.get("names", {}).get("ar", "") for a in registry}


def scorer_note(
    stance: dict[str, Any], scored: pl.DataFrame, dropped: int, minimum: dict[str, Any]
) -> str:
    """The scorer in effect, how many mentions its second reading decided, how many
    duplicate mentions were left out, and what a number needs behind it (``minimum``:
    the ``stance.aggregate`` settings)."""
    scorer = stance["scorer"]
    counted = (
        f"{dropped} mention(s) in duplicate copies of a story are counted once "
        "(clean.duplicates.count_once). "
        if dropped
        else ""
    )
    second = ""
    if scorer == "embedding":
        backend, below = second_reading(stance)
        twice = (
            int(scored["evidence"].str.contains(SECOND_READING_MARK, literal=True).sum())
            if scored.height
            else 0
        )
        second = (
            f"{twice} of {scored.height} mentions ({twice / max(scored.height, 1):.0%}) had a "
            f"first-reading confidence below {describe_threshold(below)} and were decided by a second, slower "
            f"reading ({backend}; stance.embedding.second_reading_below). "
            if backend
            else "The second reading is off (stance.embedding.second_reading_below: 0). "
        )
    return (
        f"Stance scorer: {scorer}. {second}{counted}A sentence repeated across articles counts "
        "once, intervals resample articles (not mentions), and cells resting on fewer than "
        f"{minimum['min_articles']} distinct articles or {minimum['min_sentences']} distinct "
        "sentences (stance.aggregate) are shown as too few."
    )


def mentions_per_actor(
    scored: pl.DataFrame, names: dict[str, str], arabic: dict[str, str]
) -> pl.DataFrame:
    """Every configured actor (also those never mentioned) with mentions in articles and
    in comments and the documents they appear in, most mentioned first."""
    text_kind = (
        pl.when(pl.col("kind") == "comment").then(pl.lit("comments")).otherwise(pl.lit("articles"))
    )
    counts = (
        scored.with_columns(text_kind.alias("text"))
        .group_by("actor")
        .agg(
            pl.len().alias("mentions"),
            (pl.col("text") == "articles").sum().alias("in articles"),
            (pl.col("text") == "comments").sum().alias("in comments"),
            pl.col("doc_id").n_unique().alias("documents"),
        )
    )
    everyone = (
        pl.DataFrame({"actor": list(names)}).join(counts, on="actor", how="left").fill_null(0)
    )
    return everyone.with_columns(
        pl.col("actor").replace_strict(names).alias("name"),
        pl.col("actor").replace_strict(arabic).alias("Arabic name"),
    ).sort("mentions", "actor", descending=[True, False])


def mentions_figure(everyone: pl.DataFrame) -> Figure:
    """Horizontal bars of mentions per actor, most mentioned on top."""
    fig, ax = plt.subplots(figsize=(7, 0.6 + 0.45 * everyone.height))
    ax.barh(everyone["name"].to_list()[::-1], everyone["mentions"].to_list()[::-1], color="#4C72B0")
    ax.set_xlabel("mentions")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title("Mentions per actor")
    return fig


def aliases_matched(scored: pl.DataFrame, names: dict[str, str]) -> pl.DataFrame:
    """Mentions per actor and alias."""
    return (
        scored.group_by("actor", "alias")
        .agg(pl.len().alias("mentions"))
        .with_columns(pl.col("actor").replace_strict(names))
        .sort("actor", "mentions", "alias", descending=[False, True, False])
    )


def stance_part(aggregates: pl.DataFrame, dimension: str, names: dict[str, str]) -> pl.DataFrame:
    """The aggregates of one dimension, actors by display name."""
    return aggregates.filter(pl.col("dimension") == dimension).with_columns(
        pl.col("actor").replace_strict(names).alias("actor")
    )


def stance_rows(part: pl.DataFrame) -> pl.DataFrame:
    """Stance aggregates as the report shows them: mean [95% CI] ("too few" below the
    minimum) and the label shares in percent."""
    interval = pl.format(
        "{} [{}, {}]",
        pl.col("mean_score").round(2),
        pl.col("ci_low").round(2),
        pl.col("ci_high").round(2),
    )
    return part.with_columns(
        pl.when(pl.col("too_few"))
        .then(pl.lit("too few"))
        .otherwise(interval)
        .alias("mean score [95% CI]"),
        (pl.col("share_negative") * 100).round(0).cast(pl.Int64).alias("% negative"),
        (pl.col("share_neutral") * 100).round(0).cast(pl.Int64).alias("% neutral"),
        (pl.col("share_positive") * 100).round(0).cast(pl.Int64).alias("% positive"),
    ).select(
        "actor", "group", "mentions", "mean score [95% CI]", "% negative", "% neutral", "% positive"
    )


def stance_figure(overall: pl.DataFrame) -> Figure | None:
    """Mean stance per actor with its 95% interval (None when no actor has enough mentions)."""
    plotted = overall.filter(~pl.col("too_few")).sort("mean_score")
    if plotted.is_empty():
        return None
    fig, ax = plt.subplots(figsize=(7, 0.6 + 0.5 * plotted.height))
    means = plotted["mean_score"].to_numpy()
    errors = np.vstack(
        [means - plotted["ci_low"].to_numpy(), plotted["ci_high"].to_numpy() - means]
    )
    ax.errorbar(means, range(plotted.height), xerr=errors, fmt="o", color="#C44E52", capsize=4)
    ax.set_yticks(range(plotted.height), plotted["actor"].to_list())
    ax.axvline(0, color="#999", linewidth=1)
    ax.set_xlim(-1, 1)
    ax.set_xlabel("mean stance score (−1 negative … +1 positive), 95% CI")
    ax.set_title("Stance toward each actor")
    return fig


def names_used(scored: pl.DataFrame, names: dict[str, str]) -> pl.DataFrame:
    """Mentions per actor, outlet and alias: the name each outlet uses."""
    return (
        scored.group_by("actor", "outlet", "alias")
        .agg(pl.len().alias("mentions"))
        .with_columns(pl.col("actor").replace_strict(names))
        .sort("actor", "outlet", "mentions", "alias", descending=[False, False, True, False])
    )


def label_counts(labels: pl.DataFrame, names: dict[str, str]) -> pl.DataFrame:
    """Sentences per actor, outlet and label, with its valence and the words as written."""
    return (
        labels.group_by("actor", "outlet", "label")
        .agg(
            pl.len().alias("sentences"),
            pl.col("valence").first().alias("valence"),
            pl.col("word").unique().sort().str.join(" · ").alias("as written"),
        )
        .with_columns(pl.col("actor").replace_strict(names))
        .sort("actor", "outlet", "sentences", "label", descending=[False, False, True, False])
    )


SPEAKER_LABELS = {
    "actor": "configured actor",
    "named": "named person or body",
    "anonymous": "anonymous source",
    "unresolved": "unresolved",
}


def speakers(quotes: pl.DataFrame, names: dict[str, str]) -> pl.DataFrame:
    """Quotes with the speaker as the report shows it: the actor's display name, the
    named speaker's words, "(anonymous source)" or "(unresolved)"."""
    return quotes.with_columns(
        pl.when(pl.col("speaker_category") == "actor")
        .then(pl.col("speaker").replace_strict(names, default=pl.col("speaker")))
        .when(pl.col("speaker_category") == "named")
        .then(pl.col("speaker_text"))
        .when(pl.col("speaker_category") == "anonymous")
        .then(pl.lit("(anonymous source)"))
        .otherwise(pl.lit("(unresolved)"))
        .alias("speaker")
    )


def speaker_shares(voiced: pl.DataFrame) -> pl.DataFrame:
    """Quotes per outlet and overall, with the share of each speaker category: a
    configured actor, a named person or body, an anonymous source, unresolved."""
    shares = [
        (pl.col("speaker_category") == category).mean().round(3).alias(label)
        for category, label in SPEAKER_LABELS.items()
    ]
    per_outlet = voiced.group_by("outlet").agg(pl.len().alias("quotes"), *shares).sort("outlet")
    overall = voiced.select(
        pl.lit("all outlets").alias("outlet"), pl.len().alias("quotes"), *shares
    )
    return pl.concat([overall, per_outlet.cast(overall.schema)])


def who_speaks(voiced: pl.DataFrame) -> pl.DataFrame:
    """Sentences, direct quotes and reported speech per speaker and outlet, with the
    speaker's category."""
    return (
        voiced.group_by("speaker", "speaker_category", "outlet")
        .agg(
            pl.len().alias("sentences"),
            (pl.col("quote_type") == "direct").sum().alias("direct quotes"),
            (pl.col("quote_type") == "reported").sum().alias("reported speech"),
        )
        .with_columns(pl.col("speaker_category").replace_strict(SPEAKER_LABELS).alias("category"))
        .select("speaker", "category", "outlet", "sentences", "direct quotes", "reported speech")
        .sort("sentences", "speaker", "outlet", descending=[True, False, False])
    )


def quoted_sentences(voiced: pl.DataFrame) -> pl.DataFrame:
    """The quoted and reported sentences as the report lists them, with where the
    speaker was found (after the verb, carried over from an earlier sentence …)."""
    return voiced.with_columns(pl.col("speaker_from").fill_null("")).select(
        "speaker", "speaker_from", "cue", "quote_type", "agency", "sentence_text"
    )


def agencies_cited(cited: pl.DataFrame) -> pl.DataFrame:
    """Sentences and articles citing each agency, per outlet."""
    return (
        cited.group_by("outlet", "agency")
        .agg(pl.len().alias("sentences"), pl.col("doc_id").n_unique().alias("articles"))
        .sort("outlet", "sentences", descending=[False, True])
    )


def suggested_actors(candidates: pl.DataFrame) -> pl.DataFrame:
    """Unmatched names, most frequent first, with the cues they followed and an example."""
    return (
        candidates.group_by("candidate")
        .agg(
            pl.len().alias("times"),
            pl.col("cue").unique().sort().str.join(" · ").alias("after"),
            pl.col("outlet").n_unique().alias("outlets"),
            pl.col("sentence_text").first().alias("example"),
        )
        .sort("times", "candidate", descending=[True, False])
    )


def example_mentions(scored: pl.DataFrame, names: dict[str, str], per_actor: int) -> pl.DataFrame:
    """The ``per_actor`` most confident mentions of each actor, the mention highlighted
    (HTML: show the ``sentence`` column raw)."""
    examples = (
        scored.with_columns(
            pl.col("confidence").rank("ordinal", descending=True).over("actor").alias("_rank")
        )
        .filter(pl.col("_rank") <= per_actor)
        .sort("actor", "_rank")
    )
    sentences = zip(examples["sentence_text"], examples["start"], examples["end"], strict=True)
    return pl.DataFrame(
        {
            "actor": [names.get(a, a) for a in examples["actor"]],
            "text": examples["kind"].to_list(),
            "sentence": [highlight(s, b, e) for s, b, e in sentences],
            "label": examples["label"].to_list(),
            "score": examples["score"].to_list(),
            "evidence": examples["evidence"].to_list(),
        },
        schema={
            "actor": pl.String,
            "text": pl.String,
            "sentence": pl.String,
            "label": pl.String,
            "score": pl.Float64,
            "evidence": pl.String,
        },
    )
