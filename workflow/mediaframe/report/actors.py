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
from mediaframe.report.tables import (
    bar_height,
    fold_outlets,
    outlet_rank,
    outlet_ranking,
)
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
            f"first-reading confidence below the threshold ({describe_threshold(below)}) and "
            f"were decided by a second, slower reading ({backend}; "
            "stance.embedding.second_reading_below). "
            if backend
            else "The second reading is off (stance.embedding.second_reading_below: 0). "
        )
    return (
        f"Stance scorer: {scorer}. {second}{counted}A sentence repeated across articles counts "
        "once, intervals resample articles (not mentions), and cells resting on fewer than "
        f"{minimum['min_articles']} distinct articles or {minimum['min_sentences']} distinct "
        "sentences (stance.aggregate) are too few: left blank, with their counts in the CSV files."
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
    fig, ax = plt.subplots(figsize=(7, bar_height(everyone.height, per_bar=0.35)))
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


def _two(value: float) -> str:
    return f"{round(value, 2) + 0:.2f}"  # + 0 after rounding: never "-0.00"


def _format_interval(cell: dict[str, float | None]) -> str | None:
    """No-break spaces, so an interval never wraps inside a narrow table cell."""
    mean, low, high = cell["mean_score"], cell["ci_low"], cell["ci_high"]
    if mean is None:
        return None
    if low is None or high is None:
        return _two(mean)
    return f"{_two(mean)}\u00a0[{_two(low)},\u00a0{_two(high)}]"


def _interval() -> pl.Expr:
    """``-0.23 [-0.50, 0.01]``: the mean score and its 95% interval, two decimals."""
    return pl.struct("mean_score", "ci_low", "ci_high").map_elements(
        _format_interval, return_dtype=pl.String
    )


def stance_rows(part: pl.DataFrame) -> pl.DataFrame:
    """Stance aggregates as the report shows them: mean [95% CI] and the label shares in
    percent, all blank in a "too few" cell (its mentions stay: they say why)."""
    shown = pl.col("too_few").not_()
    return part.with_columns(
        pl.when(shown).then(_interval()).otherwise(pl.lit("")).alias("mean score [95% CI]"),
        *[
            pl.when(shown)
            .then((pl.col(f"share_{label}") * 100).round(0).cast(pl.Int64))
            .alias(f"% {label}")
            for label in ("negative", "neutral", "positive")
        ],
    ).select(
        "actor", "group", "mentions", "mean score [95% CI]", "% negative", "% neutral", "% positive"
    )


def too_few_note(cells: int, minimum: dict[str, Any], shown: str = "blank") -> str:
    """The footnote of a stance table whose "too few" cells are ``shown`` (blank, or
    left out), or "" when it has none."""
    if not cells:
        return ""
    return (
        f"{cells:,} cell(s) rest on fewer than {minimum['min_articles']} distinct articles or "
        f"{minimum['min_sentences']} distinct sentences (stance.aggregate) and are {shown}; "
        "their counts are in the CSV file."
    )


def stance_matrix(part: pl.DataFrame, order: str) -> tuple[pl.DataFrame, int]:
    """One dimension's stance aggregates as groups × actors, each cell the mean score
    [95% CI], blank where it rests on too few articles or sentences; groups in which
    every cell is too few are left out (their number is returned).

    ``order``: ``"mentions"`` (groups with most counted mentions first: outlets, topics)
    or ``"group"`` (by the group's name: periods in time order). Actors, in the columns,
    are ordered by mentions, leaving out actors with no cell to show.
    """
    enough = part.filter(~pl.col("too_few"))
    groups = part["group"].n_unique()
    if enough.is_empty():
        return pl.DataFrame(schema={"group": pl.String}), groups
    actors = (
        enough.group_by("actor")
        .agg(pl.col("mentions").sum())
        .sort("mentions", "actor", descending=[True, False])["actor"]
        .to_list()
    )
    totals = part.group_by("group").agg(pl.col("mentions").sum().alias("mentions"))
    wide = (
        enough.with_columns(_interval().alias("cell"))
        .pivot(on="actor", index="group", values="cell")
        .join(totals, on="group", how="left")
    )
    sort = (
        wide.sort("mentions", "group", descending=[True, False])
        if order == "mentions"
        else wide.sort("group")
    )
    return sort.select("group", "mentions", *actors), groups - wide.height


def stance_figure(overall: pl.DataFrame) -> Figure | None:
    """Mean stance per actor with its 95% interval (None when no actor has enough mentions)."""
    plotted = overall.filter(~pl.col("too_few")).sort("mean_score")
    if plotted.is_empty():
        return None
    fig, ax = plt.subplots(figsize=(7, bar_height(plotted.height, per_bar=0.4)))
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


def outlets_by_actor(
    frame: pl.DataFrame,
    names: dict[str, str],
    value: str,
    top: int,
    total: str = "mentions",
    actor: str = "actor",
    per_cell: int = 3,
) -> pl.DataFrame:
    """Outlets × actors, for a screen: one row per outlet (the ``top`` with most rows,
    then the rest as one group) with its number of rows (column ``total``), one column per actor (most rows
    first), each cell the ``per_cell`` most frequent values of ``value`` with their
    counts and how many others there are: "قسد (12) · قوات سوريا الديمقراطية (3) · (+2)"
    (parentheses and digits read the same way inside Arabic text). The long tables
    (:func:`names_used`, :func:`label_counts`) have every count."""
    folded, rank = _by_outlet(frame, top)
    folded = folded.with_columns(pl.col(actor).replace_strict(names, default=pl.col(actor)))
    actors = (
        folded.group_by(actor).len().sort("len", actor, descending=[True, False])[actor].to_list()
    )
    cells = (
        folded.group_by("outlet", actor, value)
        .agg(pl.len().alias("n"))
        .sort("n", value, descending=[True, False])
        .group_by("outlet", actor, maintain_order=True)
        .agg(
            pl.format("{} ({})", pl.col(value), pl.col("n"))
            .head(per_cell)
            .str.join(" · ")
            .alias("most"),
            pl.len().alias("values"),
        )
        .with_columns(
            pl.when(pl.col("values") > per_cell)
            .then(pl.format("{} · (+{})", pl.col("most"), pl.col("values") - per_cell))
            .otherwise(pl.col("most"))
            .alias("cell")
        )
    )
    totals = folded.group_by("outlet").agg(pl.len().alias(total))
    wide = cells.pivot(on=actor, index="outlet", values="cell")
    return (
        totals.join(wide, on="outlet", how="left")
        .sort(rank, "outlet")
        .select("outlet", total, *actors)
    )


def outlet_counts(
    frame: pl.DataFrame, column: str, top: int, total: str = "sentences"
) -> pl.DataFrame:
    """Rows of ``frame`` per outlet (rows: the ``top`` outlets with most, then the rest
    as one group; their count in column ``total``) and value of ``column`` (one column
    per value, most frequent first): who is quoted, or which agency is cited, where."""
    folded, rank = _by_outlet(frame, top)
    values = folded.group_by(column).len().sort("len", column, descending=[True, False])[column]
    counts = folded.group_by("outlet", column).agg(pl.len().cast(pl.Int64).alias("n"))
    totals = folded.group_by("outlet").agg(pl.len().cast(pl.Int64).alias(total))
    wide = counts.pivot(on=column, index="outlet", values="n")
    return (
        totals.join(wide, on="outlet", how="left")
        .sort(rank, "outlet")
        .select("outlet", total, *values.to_list())
        .fill_null(0)
    )


def _by_outlet(frame: pl.DataFrame, top: int | None) -> tuple[pl.DataFrame, pl.Expr]:
    """``frame`` with the outlets after the ``top`` with most rows folded into one group
    (none folded when ``top`` is None), and the outlets' sort key."""
    ranking = outlet_ranking(frame, "rows")
    top = len(ranking) if top is None else top
    return fold_outlets(frame, ranking, top), outlet_rank(ranking, top)


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


def speaker_shares(voiced: pl.DataFrame, top: int | None = None) -> pl.DataFrame:
    """Quotes per outlet and overall, with the share of each speaker category: a
    configured actor, a named person or body, an anonymous source, unresolved. With
    ``top``, the outlets with most quotes first and the rest as one row, "N other
    outlets" (the shares of all their quotes together)."""
    shares = [
        (pl.col("speaker_category") == category).mean().round(3).alias(label)
        for category, label in SPEAKER_LABELS.items()
    ]
    folded, rank = _by_outlet(voiced, top)
    per_outlet = (
        folded.group_by("outlet")
        .agg(pl.len().alias("quotes"), *shares)
        .sort(rank if top is not None else "outlet", "outlet")
    )
    overall = voiced.select(
        pl.lit("all outlets").alias("outlet"), pl.len().alias("quotes"), *shares
    )
    return pl.concat([overall, per_outlet.cast(overall.schema)])


def most_quoted(voiced: pl.DataFrame) -> pl.DataFrame:
    """Speakers over all outlets, most quoted first: their category, sentences, direct
    quotes, reported speech and the outlets quoting them."""
    return (
        voiced.group_by("speaker", "speaker_category")
        .agg(
            pl.len().alias("sentences"),
            (pl.col("quote_type") == "direct").sum().alias("direct quotes"),
            (pl.col("quote_type") == "reported").sum().alias("reported speech"),
            pl.col("outlet").n_unique().alias("outlets"),
        )
        .with_columns(pl.col("speaker_category").replace_strict(SPEAKER_LABELS).alias("category"))
        .select("speaker", "category", "sentences", "direct quotes", "reported speech", "outlets")
        .sort("sentences", "speaker", descending=[True, False])
    )


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
    """Unmatched names, those used by the most outlets first, then the most frequent,
    with the cues they followed (as written, most frequent first) and an example."""
    cues = (
        candidates.group_by("candidate", "cue")
        .agg(pl.len().alias("_n"))
        .sort("_n", "cue", descending=[True, False])
        .group_by("candidate", maintain_order=True)
        .agg(pl.col("cue").head(5).str.join(" · ").alias("after"))
    )
    return (
        candidates.group_by("candidate", maintain_order=True)
        .agg(
            pl.col("outlet").n_unique().alias("outlets"),
            pl.len().alias("times"),
            pl.col("sentence_text").first().alias("example"),
        )
        .join(cues, on="candidate", how="left")
        .select("candidate", "outlets", "times", "after", "example")
        .sort(["outlets", "times", "candidate"], descending=[True, True, False])
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
