"""Reader comments: split a comment block into comments, and date their time lines.

A comment block (the lines after a heading such as ``التعليقات (2)``, or the comment
container of an HTML page) is, for each comment, an author line, a time line
(``·منذ سنة 4 أشهر``, ``2 hours ago``, ``2022-12-04 10:30``) and the comment text.
:func:`parse_comments` splits it; :func:`resolve_comment_date` turns the time as
given into a date where it can: absolute dates directly, relative ones counted back
from the article date (for scraped pages that date is usually the scrape date, the
moment relative times refer to), and the basis of each date is recorded.

Example:
    >>> resolve_comment_date("منذ يومين", date(2022, 12, 5))
    (datetime.date(2022, 12, 3), 'relative to article date')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

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
