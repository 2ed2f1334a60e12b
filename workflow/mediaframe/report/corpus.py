"""The corpus report's tables and figures: the ledger, articles per outlet and per day,
rejects, what cleaning removed, reader comments, duplicates and languages.

Example:
    >>> corpus = read_corpus_artifacts(manifest=..., ingest_rejects=..., ...)
    >>> ledger_counts(corpus)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import matplotlib.pyplot as plt
import polars as pl
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from mediaframe.io import read_parquets

BAR_COLOUR = "#4C72B0"


@dataclass(frozen=True)
class CorpusArtifacts:
    """What ingest and cleaning wrote, as the report reads it."""

    files: pl.DataFrame  # the manifest: one row per input file
    rejects: pl.DataFrame  # ingest and clean rejects
    articles_read: pl.DataFrame  # articles in shard order
    comments: pl.DataFrame
    removed: pl.DataFrame  # the cleaning audit: one row per removed line
    learned: pl.DataFrame  # learned boilerplate
    duplicates: pl.DataFrame
    ledger: pl.DataFrame

    @property
    def articles(self) -> pl.DataFrame:
        """The articles sorted by doc_id."""
        return self.articles_read.sort("doc_id")

    @property
    def records(self) -> int:
        """Input records read."""
        return int(self.files["records"].sum())


def read_corpus_artifacts(
    manifest: str,
    ingest_rejects: str,
    clean_rejects: Sequence[str],
    articles: Sequence[str],
    comments: Sequence[str],
    audit: Sequence[str],
    boilerplate: str,
    duplicates: str,
    ledger: str,
) -> CorpusArtifacts:
    """Read the artifacts the corpus report shows (the notebook's parameters)."""
    return CorpusArtifacts(
        files=pl.read_parquet(manifest),
        rejects=pl.concat([pl.read_parquet(ingest_rejects), read_parquets(clean_rejects)]),
        articles_read=read_parquets(articles),
        comments=read_parquets(comments),
        removed=read_parquets(audit),
        learned=pl.read_parquet(boilerplate),
        duplicates=pl.read_parquet(duplicates),
        ledger=pl.read_parquet(ledger),
    )


def ledger_counts(corpus: CorpusArtifacts) -> pl.DataFrame:
    """One row: files, records, articles kept (and duplicates), rejects, comments, lines removed."""
    return pl.DataFrame(
        {
            "input files": [corpus.files.height],
            "input records": [corpus.records],
            "articles kept": [corpus.articles_read.height],
            "of which duplicates (counted once)": [
                corpus.duplicates.filter(~pl.col("is_canonical")).height
            ],
            "records rejected": [corpus.rejects.height],
            "reader comments": [corpus.comments.height],
            "lines removed by cleaning": [corpus.removed.height],
        }
    )


def balance_note(corpus: CorpusArtifacts) -> str:
    """Whether records read = articles + rejects = ledger rows, in words."""
    articles, rejects = corpus.articles_read.height, corpus.rejects.height
    balanced = corpus.records == articles + rejects == corpus.ledger.height
    return ("The counts add up: " if balanced else "THE COUNTS DO NOT ADD UP: ") + (
        f"{corpus.records:,} records read = {articles:,} articles + {rejects:,} rejects."
    )


def input_files(corpus: CorpusArtifacts) -> pl.DataFrame:
    """Each input file's format, detected encoding, size and records read."""
    return corpus.files.select("source", "format", "encoding", "bytes", "records")


def repaired_articles(corpus: CorpusArtifacts) -> pl.DataFrame:
    """Articles whose mojibake was repaired (doc_id, encoding, repair), in shard order."""
    if "repair" not in corpus.articles_read.columns:
        return corpus.articles_read.head(0)
    return corpus.articles_read.filter(pl.col("repair").is_not_null())


def articles_per_outlet(articles: pl.DataFrame) -> pl.DataFrame:
    """Articles and reader comments per outlet, largest first."""
    return (
        articles.group_by("outlet")
        .agg(pl.len().alias("articles"), pl.col("comments_found").sum().alias("comments"))
        .sort("articles", "outlet", descending=[True, False])
    )


def outlet_figure(per_outlet: pl.DataFrame) -> Figure:
    """Horizontal bars of articles per outlet, largest on top."""
    fig, ax = plt.subplots(figsize=(7, 0.5 + 0.4 * per_outlet.height))
    ax.barh(
        per_outlet["outlet"].to_list()[::-1],
        per_outlet["articles"].to_list()[::-1],
        color=BAR_COLOUR,
    )
    ax.set_xlabel("articles")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title("Articles per outlet")
    return fig


def articles_per_day(articles: pl.DataFrame) -> pl.DataFrame:
    """Dated articles per publication day (empty when no article has a date)."""
    return (
        articles.filter(pl.col("published").is_not_null())
        .group_by("published")
        .agg(pl.len().alias("articles"))
        .sort("published")
    )


def day_figure(per_day: pl.DataFrame) -> Figure:
    """Bars of articles per day."""
    fig, ax = plt.subplots()
    ax.bar(per_day["published"].to_list(), per_day["articles"].to_list(), color=BAR_COLOUR)
    ax.set_ylabel("articles")
    ax.set_title("Articles per day")
    fig.autofmt_xdate()
    return fig


def rejects_by_reason(rejects: pl.DataFrame) -> pl.DataFrame:
    """Rejected records per stage and reason, most frequent first."""
    return (
        rejects.group_by("stage", "reason")
        .agg(pl.len().alias("documents"))
        .sort("documents", "reason", descending=[True, False])
    )


def removed_by_reason(removed: pl.DataFrame) -> pl.DataFrame:
    """Removed lines per reason (the part before any colon), most frequent first."""
    return (
        removed.with_columns(pl.col("reason").str.replace(r":.*$", "").alias("reason"))
        .group_by("reason")
        .agg(pl.len().alias("lines"))
        .sort("lines", "reason", descending=[True, False])
    )


def most_removed_lines(removed: pl.DataFrame, per_outlet: int = 10) -> pl.DataFrame:
    """Each outlet's most frequently removed lines (``per_outlet`` each), by outlet."""
    return (
        removed.group_by("outlet", "text", "reason")
        .agg(pl.len().alias("times"))
        .sort("times", "outlet", "text", descending=[True, False, False])
        .with_columns(pl.int_range(pl.len()).over("outlet").alias("rank"))
        .filter(pl.col("rank") < per_outlet)
        .drop("rank")
        .sort("outlet", "times", "text", descending=[False, True, False])
    )


def learned_boilerplate(learned: pl.DataFrame) -> pl.DataFrame:
    """Learned boilerplate lines per outlet, most widespread first."""
    return learned.select("outlet", "example", "documents", "outlet_documents", "share").sort(
        "outlet", "documents", descending=[False, True]
    )


def comments_per_outlet(articles: pl.DataFrame) -> pl.DataFrame:
    """Articles, articles with comments and comments per outlet."""
    return (
        articles.group_by("outlet")
        .agg(
            pl.len().alias("articles"),
            (pl.col("comments_found") > 0).sum().alias("articles with comments"),
            pl.col("comments_found").sum().alias("comments"),
        )
        .sort("outlet")
    )


def comment_count_mismatches(articles: pl.DataFrame) -> pl.DataFrame:
    """Articles whose stated comment count differs from the comments parsed."""
    return articles.filter(
        pl.col("comments_stated").is_not_null()
        & (pl.col("comments_stated") != pl.col("comments_found"))
    ).select("doc_id", "comments_stated", "comments_found")


def comment_table(comments: pl.DataFrame) -> pl.DataFrame:
    """The reader comments as the report lists them."""
    return comments.select("doc_id", "position", "author", "time_text", "time", "language", "text")


def duplicate_articles(duplicates: pl.DataFrame) -> pl.DataFrame:
    """The articles in duplicate groups as the report lists them."""
    return duplicates.select(
        "group", "doc_id", "kind", "similarity", "is_canonical", "outlet", "published"
    )


def languages(articles: pl.DataFrame, comments: pl.DataFrame) -> pl.DataFrame:
    """Languages identified, for articles and for reader comments, most frequent first."""
    return (
        pl.concat(
            [
                articles.select("language", pl.lit("article").alias("text")),
                comments.select("language", pl.lit("comment").alias("text")),
            ]
        )
        .group_by("text", "language")
        .agg(pl.len().alias("count"))
        .sort("text", "count", descending=[False, True])
    )


def article_table(articles: pl.DataFrame) -> pl.DataFrame:
    """The cleaned articles with their length in characters."""
    return articles.select(
        "doc_id",
        "outlet",
        "published",
        "language",
        "title",
        "comments_found",
        pl.col("text").str.len_chars().alias("characters"),
    )
