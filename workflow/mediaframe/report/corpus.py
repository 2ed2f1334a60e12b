"""The corpus report's tables and figures: the ledger, articles per outlet and per day,
rejects, what cleaning removed, reader comments, duplicates and languages.

Example:
    >>> corpus = read_corpus_artifacts(manifest=..., ingest_rejects=..., ...)
    >>> ledger_counts(corpus)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import matplotlib.pyplot as plt
import polars as pl
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from mediaframe.io import read_parquets
from mediaframe.report.tables import (
    bar_height,
    fold_outlets,
    is_other_outlets,
    outlet_rank,
    outlet_ranking,
)

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
    # one outcome per reader comment (page, field or file): kept or rejected with a reason
    comment_ledger: pl.DataFrame = field(default_factory=pl.DataFrame)

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
    comment_ledger: str,
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
        comment_ledger=pl.read_parquet(comment_ledger),
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
            "comments rejected": [
                corpus.comment_ledger.filter(pl.col("outcome") == "rejected").height
                if corpus.comment_ledger.height
                else 0
            ],
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


def comment_balance_note(corpus: CorpusArtifacts) -> str:
    """Whether the comment records read from fields and files = comments + rejects, and
    how many comments came from the pages, in words."""
    ledger = corpus.comment_ledger
    if not ledger.height:
        return "No reader comments were found on the pages or given as data."
    as_data = ledger.filter(pl.col("origin") != "page")
    read = int(corpus.files["comments"].sum()) if "comments" in corpus.files.columns else 0
    kept = as_data.filter(pl.col("outcome") == "comment").height
    rejected = as_data.height - kept
    pages = ledger.filter(pl.col("origin") == "page")
    page_kept = pages.filter(pl.col("outcome") == "comment").height
    balanced = read == as_data.height
    return (
        ("The comment counts add up: " if balanced else "THE COMMENT COUNTS DO NOT ADD UP: ")
        + f"{read:,} comment records read from record fields and comments files = "
        f"{kept:,} comments + {rejected:,} rejects. "
        f"{pages.height:,} comments were parsed from the pages ({page_kept:,} kept, "
        f"{pages.height - page_kept:,} rejected)."
    )


def comment_rejects_by_reason(comment_ledger: pl.DataFrame) -> pl.DataFrame:
    """Rejected comments per origin, stage and reason, most frequent first."""
    if not comment_ledger.height:
        return pl.DataFrame(
            schema={
                "origin": pl.String,
                "stage": pl.String,
                "reason": pl.String,
                "comments": pl.UInt32,
            }
        )
    return (
        comment_ledger.filter(pl.col("outcome") == "rejected")
        .group_by("origin", "stage", "reason")
        .agg(pl.len().alias("comments"))
        .sort("comments", "reason", descending=[True, False])
    )


def comment_rejects(comment_ledger: pl.DataFrame) -> pl.DataFrame:
    """Every rejected comment: where it was read, its article and why."""
    if not comment_ledger.height:
        return comment_ledger
    return comment_ledger.filter(pl.col("outcome") == "rejected").select(
        "source", "record", "item", "doc_id", "origin", "comment_id", "stage", "reason"
    )


def input_files(corpus: CorpusArtifacts) -> pl.DataFrame:
    """Each input file's format, detected encoding, size, and article and comment records read."""
    columns = ["source", "format", "encoding", "bytes", "records"]
    if "comments" in corpus.files.columns:
        columns.append("comments")
    return corpus.files.select(columns)


def repaired_articles(corpus: CorpusArtifacts) -> pl.DataFrame:
    """Articles whose mojibake was repaired (doc_id, encoding, repair), in shard order."""
    if "repair" not in corpus.articles_read.columns:
        return corpus.articles_read.head(0)
    return corpus.articles_read.filter(pl.col("repair").is_not_null())


def _comments_per_article(articles: pl.DataFrame, comments: pl.DataFrame) -> pl.DataFrame:
    """Each article's outlet with its kept comments: all, from pages, as data, replies."""
    per_article = comments.group_by("doc_id").agg(
        pl.len().cast(pl.Int64).alias("comments"),
        (pl.col("origin") == "page").sum().cast(pl.Int64).alias("from pages"),
        (pl.col("origin") != "page").sum().cast(pl.Int64).alias("given as data"),
        (pl.col("depth") > 0).sum().cast(pl.Int64).alias("replies"),
    )
    return (
        articles.select("doc_id", "outlet").join(per_article, on="doc_id", how="left").fill_null(0)
    )


def articles_per_outlet(
    articles: pl.DataFrame, comments: pl.DataFrame, top: int | None = None
) -> pl.DataFrame:
    """Articles and reader comments per outlet, largest first; with ``top``, the outlets
    after the ``top`` largest are one row, "N other outlets", at the end."""
    per_article = _comments_per_article(articles, comments)
    ranking = outlet_ranking(per_article, "rows")
    top = len(ranking) if top is None else top
    return (
        fold_outlets(per_article, ranking, top)
        .group_by("outlet")
        .agg(pl.len().alias("articles"), pl.col("comments").sum().alias("comments"))
        .sort(outlet_rank(ranking, top), "outlet")
    )


def outlet_figure(per_outlet: pl.DataFrame) -> Figure:
    """Horizontal bars of articles per outlet, largest on top. A group of other outlets
    (:func:`articles_per_outlet` with ``top``) is named in the title, not drawn: its bar
    would dwarf the outlets shown."""
    other = per_outlet.filter(
        pl.col("outlet").map_elements(is_other_outlets, return_dtype=pl.Boolean)
    )
    shown = per_outlet.join(other, on="outlet", how="anti")
    fig, ax = plt.subplots(figsize=(7, bar_height(shown.height)))
    ax.barh(shown["outlet"].to_list()[::-1], shown["articles"].to_list()[::-1], color=BAR_COLOUR)
    ax.tick_params(axis="y", labelsize=8 if shown.height > 12 else 10)
    ax.set_xlabel("articles")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    title = "Articles per outlet"
    if other.height:
        name, count = other.row(0)[:2]
        title += f", the {shown.height} largest\n(not drawn: {name}, {count:,} articles)"
    ax.set_title(title)
    fig.tight_layout()
    return fig


def articles_per_day(articles: pl.DataFrame) -> pl.DataFrame:
    """Dated articles per publication day (empty when no article has a date)."""
    return (
        articles.filter(pl.col("published").is_not_null())
        .group_by("published")
        .agg(pl.len().alias("articles"))
        .sort("published")
    )


def unparsed_dates(articles: pl.DataFrame) -> pl.DataFrame:
    """Articles whose date field was given but could not be parsed: the value as given
    and why (these articles count as undated)."""
    if "date_problem" not in articles.columns:
        return pl.DataFrame(
            schema={n: pl.String for n in ("doc_id", "outlet", "published_raw", "date_problem")}
        )
    return (
        articles.filter(pl.col("date_problem").is_not_null())
        .select("doc_id", "outlet", "published_raw", "date_problem")
        .sort("outlet", "doc_id")
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
    """Rejected records per stage and reason, most frequent first; a number standing
    alone in a reason reads N, so "a list of 8 items" and "a list of 41 items" are one
    reason, while a setting ("clean.min_chars=20") keeps its value (every record keeps
    its own reason in the table of rejected records)."""
    return (
        rejects.with_columns(
            pl.col("reason").str.replace_all(r"(^|\s)\d[\d,.]*(\s|$)", "${1}N${2}")
        )
        .group_by("stage", "reason")
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
    """Learned boilerplate lines and phrases per outlet, most widespread first, with the
    distinct pages they occur on (duplicate pages counted once); the corpus vocabulary
    learned beside them (kind ``word``) is not boilerplate and is left out, as are the
    pages found to be a site's frame (kind ``template``: they are in the rejects)."""
    kind = pl.col("kind") if "kind" in learned.columns else pl.lit("line")
    return (
        learned.filter(~kind.is_in(["word", "template"]))
        .select(
            "outlet",
            kind.alias("kind"),
            "example",
            pl.col("documents").alias("distinct pages"),
            pl.col("outlet_documents").alias("of the outlet's"),
            "share",
        )
        .sort("outlet", "distinct pages", "kind", descending=[False, True, False])
    )


def comments_per_outlet(articles: pl.DataFrame, comments: pl.DataFrame) -> pl.DataFrame:
    """Articles, articles with comments and comments per outlet: from the pages or given
    as data (a record's comments field or a comments file), and how many are replies;
    most comments first, then most articles."""
    return _comment_counts(_comments_per_article(articles, comments)).sort(
        "comments", "articles", "outlet", descending=[True, True, False]
    )


def commented_outlets(
    articles: pl.DataFrame, comments: pl.DataFrame, top: int
) -> tuple[pl.DataFrame, int]:
    """:func:`comments_per_outlet` as the report shows it: outlets without a comment left
    out (their number is returned), the ``top`` outlets with most comments on their own
    and the rest as one row, "N other outlets", at the end."""
    per_article = _comments_per_article(articles, comments)
    with_comments = per_article.filter(pl.col("comments").sum().over("outlet") > 0)
    hidden = per_article["outlet"].n_unique() - with_comments["outlet"].n_unique()
    ranking = outlet_ranking(with_comments, "comments")
    shown = _comment_counts(fold_outlets(with_comments, ranking, top)).sort(
        outlet_rank(ranking, top), "outlet"
    )
    return shown, hidden


def _comment_counts(per_article: pl.DataFrame) -> pl.DataFrame:
    return per_article.group_by("outlet").agg(
        pl.len().alias("articles"),
        (pl.col("comments") > 0).sum().alias("articles with comments"),
        pl.col("comments").sum(),
        pl.col("from pages").sum(),
        pl.col("given as data").sum(),
        pl.col("replies").sum(),
    )


def comment_count_mismatches(articles: pl.DataFrame) -> pl.DataFrame:
    """Articles whose stated comment count differs from the comments parsed."""
    return articles.filter(
        pl.col("comments_stated").is_not_null()
        & (pl.col("comments_stated") != pl.col("comments_found"))
    ).select("doc_id", "comments_stated", "comments_found")


def comment_table(comments: pl.DataFrame) -> pl.DataFrame:
    """The reader comments as the report lists them, with where each came from and its
    place in the thread (depth 0: top-level; the parent's comment id for a reply)."""
    return comments.select(
        "doc_id",
        "position",
        "origin",
        "depth",
        "parent",
        "author",
        "time_text",
        "time",
        "likes",
        "language",
        "text",
    )


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
        "comments_attached",
        pl.col("text").str.len_chars().alias("characters"),
    )
