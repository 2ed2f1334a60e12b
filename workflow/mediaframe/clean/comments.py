"""Reader comments: split a comment block into comments, date their time lines, and give
every comment (from a page, a record's comments field or a comments file) one treatment.

A comment block (the lines after a heading such as ``التعليقات (2)``, or the comment
container of an HTML page) is, for each comment, an author line, a time line
(``·منذ سنة 4 أشهر``, ``2 hours ago``, ``2022-12-04 10:30``) and the comment text.
:func:`parse_comments` splits it; :func:`resolve_comment_date` turns the time as
given into a date where it can: absolute dates directly, relative ones counted back
from the article date (for scraped pages that date is usually the scrape date, the
moment relative times refer to), and the basis of each date is recorded.


:func:`finish_comments` is that one treatment, for page comments and comments given as
data alike: comments of a rejected article, empty comments and duplicates (the same
comment id, or the same author and text, on one article) are rejected with a reason;
reply depth is followed up the parent ids; each comment gets its place on the article
(``position``), a date and a language.

Example:
    >>> resolve_comment_date("منذ يومين", date(2022, 12, 5))
    (datetime.date(2022, 12, 3), 'relative to article date')
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import polars as pl

from mediaframe.clean.language import identify_languages
from mediaframe.io import COMMENT_REJECT_SCHEMA

# The comments table: one row per reader comment kept, whatever its origin.
COMMENT_SCHEMA: dict[str, pl.DataType] = {
    "doc_id": pl.String(),
    "position": pl.Int64(),  # its place among the article's comments, from 1 (sentences' key)
    "origin": pl.String(),  # "page" (parsed from the page), "field" (nested), "file"
    "source": pl.String(),  # the input file it was read from
    "record": pl.Int64(),  # the record in that file
    "item": pl.Int64(),  # its place in the page's comment block or the record's list; 0: a file row
    "comment_id": pl.String(),
    "parent": pl.String(),  # the comment id it replies to
    "depth": pl.Int64(),  # 0 top-level, 1 a reply, 2 a reply to a reply…
    "author": pl.String(),
    "time_text": pl.String(),
    "time": pl.Date(),
    "time_basis": pl.String(),
    "likes": pl.Int64(),
    "language": pl.String(),
    "text": pl.String(),
    "repair": pl.String(),
}
ORIGINS = ("page", "field", "file")
_WHERE = [c for c in COMMENT_REJECT_SCHEMA if c not in ("stage", "reason")]
# Reply chains longer than this are cut (and cycles broken) when following parents.
MAX_DEPTH = 100

_INDIC = str.maketrans({chr(0x0660 + d): str(d) for d in range(10)})
_MONTHS = {
    **{
        name: number
        for number, names in enumerate(
            [
                ("يناير", "كانون الثاني", "january", "jan"),
                ("فبراير", "شباط", "february", "feb"),
                ("مارس", "آذار", "march", "mar"),
                ("أبريل", "ابريل", "إبريل", "نيسان", "april", "apr"),
                ("مايو", "أيار", "ايار", "may"),
                ("يونيو", "يونيه", "حزيران", "june", "jun"),
                ("يوليو", "يوليه", "تموز", "july", "jul"),
                ("أغسطس", "اغسطس", "آب", "august", "aug"),
                ("سبتمبر", "أيلول", "ايلول", "september", "sep", "sept"),
                ("أكتوبر", "اكتوبر", "تشرين الأول", "october", "oct"),
                ("نوفمبر", "تشرين الثاني", "november", "nov"),
                ("ديسمبر", "كانون الأول", "december", "dec"),
            ],
            start=1,
        )
        for name in names
    }
}
_MONTH_NAMES = "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True))
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_NAMED = re.compile(rf"(\d{{1,2}})\s+({_MONTH_NAMES}),?\s+(\d{{4}})", re.IGNORECASE)
_NAMED_US = re.compile(rf"({_MONTH_NAMES})\s+(\d{{1,2}}),?\s+(\d{{4}})", re.IGNORECASE)

# Units of relative times: singular, dual and plural Arabic forms, English forms.
_UNITS = (
    ("minute", r"دقيقت(?:ين|ان)|دقائق|دقيقة|minutes?|mins?", r"دقيقت(?:ين|ان)"),
    ("hour", r"ساعت(?:ين|ان)|ساعات|ساعة|hours?|hrs?", r"ساعت(?:ين|ان)"),
    ("day", r"يوم(?:ين|ان)|أيام|ايام|يوم|days?", r"يوم(?:ين|ان)"),
    (
        "week",
        r"أسبوع(?:ين|ان)|اسبوع(?:ين|ان)|أسابيع|اسابيع|أسبوع|اسبوع|weeks?",
        r"[أا]سبوع(?:ين|ان)",
    ),
    ("month", r"شهر(?:ين|ان)|أشهر|اشهر|شهور|شهر|months?", r"شهر(?:ين|ان)"),
    (
        "year",
        r"سنت(?:ين|ان)|سنوات|سنين|سنة|عام(?:ين|ان)|أعوام|اعوام|عام|years?",
        r"(?:سنت|عام)(?:ين|ان)",
    ),
)
_RELATIVE_PART = re.compile(
    r"(?:(\d+)\s*)?(" + "|".join(f"(?P<{name}>{forms})" for name, forms, _ in _UNITS) + r")",
    re.IGNORECASE,
)
_RELATIVE_CUE = re.compile(r"منذ|قبل|\bago\b", re.IGNORECASE)
_YESTERDAY = re.compile(r"أمس|امس|البارحة|yesterday", re.IGNORECASE)
_TODAY = re.compile(r"اليوم|الآن|الان|\btoday\b|just now|\bnow\b", re.IGNORECASE)


@dataclass
class Comment:
    """One reader comment; ``position`` counts from 1 in page order."""

    position: int
    author: str | None
    time_text: str | None
    text: str


def parse_comments(
    lines: list[tuple[int, str]], time_pattern: re.Pattern[str]
) -> tuple[list[Comment], list[tuple[int, str, str]]]:
    """Split comment-block lines into comments.

    Each comment is an author line, a time line, then text lines until the next
    author. Without any time line, every line is kept as an anonymous comment rather
    than lost. Returns the comments and the ``(line, text, reason)`` of lines dropped.
    """
    dropped: list[tuple[int, str, str]] = []
    time_rows = [i for i, (_, line) in enumerate(lines) if time_pattern.match(line)]
    comments: list[Comment] = []
    if not time_rows:
        for number, line in lines:
            if line.isdigit():
                dropped.append((number, line, "comment counter"))
                continue
            comments.append(Comment(len(comments) + 1, None, None, line))
        return comments, dropped
    for index, row in enumerate(time_rows):
        has_author = row > 0 and (index == 0 or row - 1 > time_rows[index - 1])
        text_end = time_rows[index + 1] - 1 if index + 1 < len(time_rows) else len(lines)
        text_lines = []
        for number, line in lines[row + 1 : text_end]:
            if line.isdigit():  # page counters and pagination between comments
                dropped.append((number, line, "comment counter"))
            else:
                text_lines.append(line)
        comments.append(
            Comment(
                position=index + 1,
                author=lines[row - 1][1] if has_author else None,
                time_text=lines[row][1].lstrip("·•- ").strip(),
                text="\n".join(text_lines),
            )
        )
    first_author = time_rows[0] - 1 if time_rows[0] > 0 else 0
    for number, line in lines[:first_author]:
        dropped.append((number, line, "text before the first comment"))
    return comments, dropped


def resolve_comment_date(
    time_text: str | None, article_date: date | None
) -> tuple[date | None, str | None]:
    """The date of a comment's time line, and what it was resolved from.

    Returns ``(date, "absolute")`` for a written date, ``(date, "relative to article
    date")`` for ``منذ يومين`` / ``2 days ago`` / ``أمس`` when the article has a date,
    and ``(None, None)`` when the text names no date.
    """
    if not time_text:
        return None, None
    text = time_text.translate(_INDIC)
    absolute = _absolute_date(text)
    if absolute is not None:
        return absolute, "absolute"
    if article_date is None:
        return None, None
    if _YESTERDAY.search(text):
        return article_date - timedelta(days=1), "relative to article date"
    if _RELATIVE_CUE.search(text):
        offset = _relative_offset(text)
        if offset is not None:
            return _shift(article_date, *offset), "relative to article date"
    if _TODAY.search(text) or re.fullmatch(
        r"\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:[صم]|am|pm)?\s*", text, re.IGNORECASE
    ):
        return article_date, "relative to article date"
    return None, None


def _absolute_date(text: str) -> date | None:
    for pattern, order in ((_ISO, "ymd"), (_DMY, "dmy"), (_NAMED, "dMy"), (_NAMED_US, "Mdy")):
        match = pattern.search(text)
        if not match:
            continue
        a, b, c = match.groups()
        try:
            if order == "ymd":
                return date(int(a), int(b), int(c))
            if order == "dmy":
                return date(int(c), int(b), int(a))
            if order == "dMy":
                return date(int(c), _MONTHS[b.lower()], int(a))
            return date(int(c), _MONTHS[a.lower()], int(b))
        except (ValueError, KeyError):
            continue
    return None


def _relative_offset(text: str) -> tuple[int, int, int] | None:
    """(years, months, days) named by a relative time such as ``سنة 4 أشهر``."""
    years = months = days = 0
    minutes = 0
    found = False
    for match in _RELATIVE_PART.finditer(text):
        unit = next(name for name, _, _ in _UNITS if match.group(name))
        dual = next(d for name, _, d in _UNITS if name == unit)
        count = (
            int(match.group(1))
            if match.group(1)
            else (2 if re.fullmatch(dual, match.group(2)) else 1)
        )
        found = True
        if unit == "year":
            years += count
        elif unit == "month":
            months += count
        elif unit == "week":
            days += 7 * count
        elif unit == "day":
            days += count
        elif unit == "hour":
            minutes += 60 * count
        else:
            minutes += count
    if not found:
        return None
    return years, months, days + minutes // (24 * 60)


def _shift(start: date, years: int, months: int, days: int) -> date:
    month_index = start.year * 12 + (start.month - 1) - (years * 12 + months)
    year, month = divmod(month_index, 12)
    month += 1
    day = min(
        start.day,
        [
            31,
            29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28,
            31,
            30,
            31,
            30,
            31,
            31,
            30,
            31,
            30,
            31,
        ][month - 1],
    )
    return date(year, month, day) - timedelta(days=days)


def finish_comments(
    page_comments: pl.DataFrame,
    structured: pl.DataFrame | None,
    articles: pl.DataFrame,
    article_rejects: pl.DataFrame,
    languages: Sequence[str] | None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """One treatment for every reader comment of a shard.

    Args:
        page_comments: comments parsed from pages (doc_id, source, record, item, author,
            time_text, text), for every document of the shard, kept or not.
        structured: comments given as data (the ingest's comments table), or None.
        articles: the kept articles (doc_id, outlet, published, language).
        article_rejects: the clean rejects (doc_id, reason) of the other documents.
        languages: the candidate languages for identification.

    Returns:
        ``(comments, rejects)``: the comments (:data:`COMMENT_SCHEMA` plus the article's
        outlet and published date) and a reject row for each comment not kept.
    """
    every = _combined(page_comments, structured)
    every = _with_depth(every)
    on_kept = every.join(articles.select("doc_id"), on="doc_id", how="semi")
    rejected_article = every.join(articles.select("doc_id"), on="doc_id", how="anti").join(
        article_rejects.select("doc_id", pl.col("reason").alias("_why")),
        on="doc_id",
        how="left",
    )
    text = (
        pl.col("text")
        .str.replace_all(r"[^\S\n]+", " ")
        .str.replace_all(r" ?\n[\s]*\n ?", "\n")
        .str.strip_chars()
    )
    on_kept = on_kept.with_columns(text.alias("text")).with_columns(
        (pl.col("text").is_null() | (pl.col("text") == "")).alias("_empty")
    )
    key = pl.concat_str(
        [pl.col("author").fill_null("").str.to_lowercase(), pl.col("text").str.to_lowercase()],
        separator="\u0000",
    )
    order = ["doc_id", "_origin", "source", "record", "item"]
    on_kept = on_kept.sort(order).with_columns(
        pl.when(pl.col("comment_id").is_not_null() & ~pl.col("_empty"))
        .then(pl.int_range(pl.len()).over("doc_id", "comment_id"))
        .otherwise(0)
        .alias("_same_id"),
        pl.when(~pl.col("_empty")).then(key).alias("_key"),
    )
    on_kept = on_kept.with_columns(
        pl.when(pl.col("_key").is_not_null())
        .then(pl.int_range(pl.len()).over("doc_id", "_key"))
        .otherwise(0)
        .alias("_same_text"),
        _first_of("comment_id").alias("_first_id"),
        _first_of("_key").alias("_first_text"),
    )
    reason = (
        pl.when(pl.col("_empty"))
        .then(pl.lit("empty comment: no text left (HTML markup and spaces removed)"))
        .when(pl.col("_same_id") > 0)
        .then(pl.format("duplicate comment id '{}' (first at {})", "comment_id", "_first_id"))
        .when(pl.col("_same_text") > 0)
        .then(
            pl.format("duplicate comment: same author and text as the comment at {}", "_first_text")
        )
        .alias("reason")
    )
    on_kept = on_kept.with_columns(reason)
    kept = on_kept.filter(pl.col("reason").is_null()).with_columns(
        (pl.int_range(pl.len()).over("doc_id") + 1).cast(pl.Int64).alias("position")
    )
    kept = date_and_language(kept.join(articles, on="doc_id", how="left"), languages)
    rejects = pl.concat(
        [
            on_kept.filter(pl.col("reason").is_not_null()).select(*_WHERE, "reason"),
            rejected_article.select(
                *_WHERE,
                pl.format(
                    "its article was rejected at clean: {}", pl.col("_why").fill_null("rejected")
                ).alias("reason"),
            ),
        ],
        how="diagonal",
    ).with_columns(pl.lit("clean").alias("stage"))
    return (
        kept.select(*COMMENT_SCHEMA, "outlet", "published")
        .cast(COMMENT_SCHEMA)
        .sort("doc_id", "position", maintain_order=True),
        rejects.select(list(COMMENT_REJECT_SCHEMA))
        .cast(COMMENT_REJECT_SCHEMA)
        .sort("source", "record", "item", "doc_id", maintain_order=True),
    )


def attached_counts(articles: pl.DataFrame, comments: pl.DataFrame) -> pl.DataFrame:
    """``articles`` with ``comments_attached``: its comments given as data and kept."""
    counts = (
        comments.filter(pl.col("origin") != "page")
        .group_by("doc_id")
        .agg(pl.len().cast(pl.Int64).alias("comments_attached"))
    )
    return articles.join(counts, on="doc_id", how="left").with_columns(
        pl.col("comments_attached").fill_null(0)
    )


def date_and_language(comments: pl.DataFrame, languages: Sequence[str] | None) -> pl.DataFrame:
    """Each comment's date (``time``, resolved against its article's ``published`` where
    relative, with ``time_basis``) and language (a comment without letters takes its
    article's ``language``)."""
    # Many comments share a time text ("منذ ساعة") and an article date: resolve each pair once.
    pairs = comments.select("time_text", "published").unique(maintain_order=True)
    resolved = [resolve_comment_date(text, published) for text, published in pairs.iter_rows()]
    dates = pairs.with_columns(
        pl.Series("time", [r[0] for r in resolved], pl.Date),
        pl.Series("time_basis", [r[1] for r in resolved], pl.String),
    )
    return comments.with_columns(_comment_languages(comments, languages).alias("language")).join(
        dates, on=["time_text", "published"], how="left", nulls_equal=True, maintain_order="left"
    )


def _comment_languages(comments: pl.DataFrame, languages: Sequence[str] | None) -> pl.Series:
    if comments.is_empty():
        return pl.Series("language", [], pl.String)
    marker = "\u0000"
    guesses = identify_languages(comments["text"], marker, languages)
    return (
        pl.DataFrame({"guess": guesses, "article": comments["language"]})
        .select(
            pl.when(pl.col("guess") == marker).then(pl.col("article")).otherwise(pl.col("guess"))
        )
        .to_series()
    )


def _first_of(column: str) -> pl.Expr:
    """Where the first comment with the same value of ``column`` on the article is."""
    where = pl.format("{} record {} item {}", "source", "record", "item")
    return where.first().over("doc_id", column)


def _combined(page: pl.DataFrame, structured: pl.DataFrame | None) -> pl.DataFrame:
    """Page comments and comments given as data in one frame, ordered page, field, file."""
    columns = {
        "doc_id": pl.String,
        "source": pl.String,
        "record": pl.Int64,
        "item": pl.Int64,
        "origin": pl.String,
        "comment_id": pl.String,
        "parent": pl.String,
        "author": pl.String,
        "time_text": pl.String,
        "text": pl.String,
        "likes": pl.Int64,
        "repair": pl.String,
    }
    frames = [
        page.with_columns(
            pl.lit("page").alias("origin"),
            *(
                pl.lit(None, dtype).alias(n)
                for n, dtype in columns.items()
                if n not in page.columns and n != "origin"
            ),
        )
        .select(list(columns))
        .cast(columns)
    ]
    if structured is not None:
        frames.append(structured.select(list(columns)).cast(columns))
    return pl.concat(frames).with_columns(
        pl.col("origin")
        .replace_strict(ORIGINS, list(range(len(ORIGINS))), return_dtype=pl.Int64)
        .alias("_origin")
    )


def _with_depth(comments: pl.DataFrame) -> pl.DataFrame:
    """``depth`` of each comment: how many parent links lead up to a comment without a
    parent. A parent id not among the article's comments counts as one level (a reply to
    a comment that was not collected)."""
    parents = {
        (doc, cid): parent
        for doc, cid, parent in comments.select("doc_id", "comment_id", "parent").iter_rows()
        if cid is not None
    }
    depths = []
    for doc, parent in comments.select("doc_id", "parent").iter_rows():
        depth = 0
        seen: set[str] = set()
        while parent is not None and parent not in seen and depth < MAX_DEPTH:
            depth += 1
            seen.add(parent)
            parent = parents.get((doc, parent))
        depths.append(depth)
    return comments.with_columns(pl.Series("depth", depths, pl.Int64))
