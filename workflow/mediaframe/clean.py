"""Separate scraped pages into article text, reader comments and removed boilerplate.

The seed layout (an Arabic news page copied as text) is: the title, the title again,
body paragraphs, a comments heading such as ``التعليقات (2)``, then for each comment
an author line, a relative time line (``·منذ سنة 4 أشهر``) and the comment text,
followed by site navigation (``الأكثر قراءة``). :func:`clean_document` splits one
page; :func:`clean_documents` does a whole shard and returns the four tables the
rest of the pipeline reads. Every dropped line is written to the audit with a reason.

Example:
    >>> page = clean_document("Title\\n\\nTitle\\n\\nBody text.\\n\\nMost read", None, CleaningRules())
    >>> page.body, [a.reason for a in page.audit]
    ('Body text.', ['repeated title', 'boilerplate: most read'])
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import polars as pl

from mediaframe.normalize import normalize_arabic
from mediaframe.sentences import split_sentences

DEFAULT_BOILERPLATE = (
    "الأكثر قراءة",
    "أهم المواضيع",
    "أهم التصنيفات",
    "اقرأ أيضا",
    "شارك",
    "most read",
    "read more",
    "share",
)
DEFAULT_COMMENT_HEADINGS = (r"التعليقات", r"تعليقات", r"comments?")
DEFAULT_COMMENT_TIME = (
    r"منذ\s.+",
    r"قبل\s.+",
    r"\d+\s+(?:second|minute|hour|day|week|month|year)s?\s+ago",
    r"(?:yesterday|today|just now)",
)

ARTICLE_SCHEMA: dict[str, pl.DataType] = {
    "doc_id": pl.String(),
    "outlet": pl.String(),
    "published": pl.Date(),
    "url": pl.String(),
    "language": pl.String(),
    "title": pl.String(),
    "text": pl.String(),
    "comments_stated": pl.Int64(),
    "comments_found": pl.Int64(),
}
COMMENT_SCHEMA: dict[str, pl.DataType] = {
    "doc_id": pl.String(),
    "position": pl.Int64(),
    "author": pl.String(),
    "time_text": pl.String(),
    "language": pl.String(),
    "text": pl.String(),
}
AUDIT_SCHEMA: dict[str, pl.DataType] = {
    "doc_id": pl.String(),
    "line": pl.Int64(),
    "text": pl.String(),
    "reason": pl.String(),
}
SENTENCE_SCHEMA: dict[str, pl.DataType] = {
    "doc_id": pl.String(),
    "outlet": pl.String(),
    "published": pl.Date(),
    "kind": pl.String(),
    "comment": pl.Int64(),
    "sentence": pl.Int64(),
    "start": pl.Int64(),
    "end": pl.Int64(),
    "text": pl.String(),
}

_ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_NON_LETTERS = re.compile(r"[^\w\s]|_|\d", re.UNICODE)


@dataclass(frozen=True)
class CleaningRules:
    """What the cleaner removes and how it recognises reader comments."""

    boilerplate: Sequence[str] = DEFAULT_BOILERPLATE
    comment_headings: Sequence[str] = DEFAULT_COMMENT_HEADINGS
    comment_time: Sequence[str] = DEFAULT_COMMENT_TIME
    min_chars: int = 20

    @property
    def heading_pattern(self) -> re.Pattern[str]:
        names = "|".join(self.comment_headings)
        return re.compile(rf"^(?:{names})\s*(?:[(\[]\s*(\d+)\s*[)\]])?\s*:?$", re.IGNORECASE)

    @property
    def time_pattern(self) -> re.Pattern[str]:
        return re.compile(rf"^[·•\-\s]*(?:{'|'.join(self.comment_time)})$", re.IGNORECASE)

    @property
    def boilerplate_keys(self) -> dict[str, str]:
        return {_line_key(line): line for line in self.boilerplate}


@dataclass
class Comment:
    position: int
    author: str | None
    time_text: str | None
    text: str


@dataclass
class AuditLine:
    line: int
    text: str
    reason: str


@dataclass
class CleanedPage:
    title: str | None
    body: str
    comments: list[Comment] = field(default_factory=list)
    comments_stated: int | None = None
    audit: list[AuditLine] = field(default_factory=list)


def _line_key(line: str) -> str:
    """Compare lines without emoji, punctuation, digits, case or Arabic spelling variants."""
    return " ".join(normalize_arabic(_NON_LETTERS.sub(" ", line)).split())


def guess_language(text: str, default: str) -> str:
    """Script-based language guess: ``ar`` when Arabic letters dominate, ``en`` for Latin."""
    arabic = len(_ARABIC_LETTER.findall(text))
    latin = len(_LATIN_LETTER.findall(text))
    if arabic == latin == 0:
        return default
    return "ar" if arabic >= latin else "en"


def clean_document(text: str, title: str | None, rules: CleaningRules) -> CleanedPage:
    """Split one page into title, body paragraphs, reader comments and an audit."""
    lines = [(number, raw.strip()) for number, raw in enumerate(text.splitlines(), start=1)]
    lines = [(number, line) for number, line in lines if line]
    page = CleanedPage(title=title, body="")
    if page.title is None and lines:
        page.title = lines[0][1]
        lines = lines[1:]
    title_key = _line_key(page.title or "")
    boilerplate = rules.boilerplate_keys
    heading = rules.heading_pattern

    body: list[str] = []
    comment_lines: list[tuple[int, str]] = []
    in_comments = False
    for number, line in lines:
        key = _line_key(line)
        if key and key == title_key:
            page.audit.append(AuditLine(number, line, "repeated title"))
        elif key in boilerplate:
            page.audit.append(AuditLine(number, line, f"boilerplate: {boilerplate[key]}"))
        elif match := heading.match(line):
            in_comments = True
            if match.group(1):
                page.comments_stated = int(match.group(1))
            page.audit.append(AuditLine(number, line, "comments heading"))
        elif in_comments:
            comment_lines.append((number, line))
        else:
            body.append(line)
    page.body = "\n\n".join(body)
    page.comments = _parse_comments(comment_lines, rules.time_pattern, page.audit)
    return page


def _parse_comments(
    lines: list[tuple[int, str]], time_pattern: re.Pattern[str], audit: list[AuditLine]
) -> list[Comment]:
    """Each comment is an author line, a time line, then text lines until the next author."""
    time_rows = [i for i, (_, line) in enumerate(lines) if time_pattern.match(line)]
    comments: list[Comment] = []
    if not time_rows:
        # No recognisable layout: keep each line as an anonymous comment rather than lose it.
        for _, line in lines:
            if line.isdigit():
                continue
            comments.append(Comment(len(comments) + 1, None, None, line))
        return comments
    for index, row in enumerate(time_rows):
        author_row = row - 1 if row > 0 and (index == 0 or row - 1 > time_rows[index - 1]) else None
        text_end = time_rows[index + 1] - 1 if index + 1 < len(time_rows) else len(lines)
        text_lines = []
        for number, line in lines[row + 1 : text_end]:
            if line.isdigit():  # page counters and pagination between comments
                audit.append(AuditLine(number, line, "comment counter"))
            else:
                text_lines.append(line)
        comments.append(
            Comment(
                position=index + 1,
                author=lines[author_row][1] if author_row is not None else None,
                time_text=lines[row][1].lstrip("·•- ").strip(),
                text="\n".join(text_lines),
            )
        )
    for number, line in lines[: time_rows[0] - 1]:
        audit.append(AuditLine(number, line, "text before the first comment"))
    return comments


def clean_documents(
    documents: pl.DataFrame, rules: CleaningRules, default_language: str = "ar"
) -> dict[str, pl.DataFrame]:
    """Clean a shard of documents.

    A document's language is the ingested one when the corpus gives it, else a
    script-based guess falling back to ``default_language``.

    Returns:
        ``articles``, ``comments``, ``sentences``, ``audit`` and ``rejects`` frames,
        each sorted so that identical input gives identical bytes.
    """
    articles, comments, audit, rejects, sentences = [], [], [], [], []
    for doc in documents.iter_rows(named=True):
        page = clean_document(doc["text"], doc["title"], rules)
        doc_id = doc["doc_id"]
        audit += [
            {"doc_id": doc_id, "line": a.line, "text": a.text, "reason": a.reason}
            for a in page.audit
        ]
        if len(page.body) < rules.min_chars:
            reason = (
                "no article text left after cleaning"
                if not page.body
                else (f"article text shorter than clean.min_chars={rules.min_chars}")
            )
            rejects.append(
                {
                    "source": doc["source"],
                    "record": doc["record"],
                    "doc_id": doc_id,
                    "stage": "clean",
                    "reason": reason,
                }
            )
            continue
        language = doc["language"] or guess_language(page.body, default_language)
        articles.append(
            {
                "doc_id": doc_id,
                "outlet": doc["outlet"],
                "published": doc["published"],
                "url": doc["url"],
                "language": language,
                "title": page.title,
                "text": page.body,
                "comments_stated": page.comments_stated,
                "comments_found": len(page.comments),
            }
        )
        base = {"doc_id": doc_id, "outlet": doc["outlet"], "published": doc["published"]}
        if page.title:
            sentences += _sentences(base, "title", None, page.title)
        sentences += _sentences(base, "body", None, page.body)
        for comment in page.comments:
            comments.append(
                {
                    "doc_id": doc_id,
                    "position": comment.position,
                    "author": comment.author,
                    "time_text": comment.time_text,
                    "language": guess_language(comment.text, language),
                    "text": comment.text,
                }
            )
            sentences += _sentences(base, "comment", comment.position, comment.text)
    return {
        "articles": pl.DataFrame(articles, schema=ARTICLE_SCHEMA).sort("doc_id"),
        "comments": pl.DataFrame(comments, schema=COMMENT_SCHEMA).sort("doc_id", "position"),
        "sentences": pl.DataFrame(sentences, schema=SENTENCE_SCHEMA).sort(
            "doc_id", "kind", "comment", "sentence", nulls_last=False
        ),
        "audit": pl.DataFrame(audit, schema=AUDIT_SCHEMA).sort("doc_id", "line"),
        "rejects": pl.DataFrame(rejects, schema=_REJECT_SCHEMA).sort("doc_id"),
    }


_REJECT_SCHEMA = {
    "source": pl.String(),
    "record": pl.Int64(),
    "doc_id": pl.String(),
    "stage": pl.String(),
    "reason": pl.String(),
}


def _sentences(base: dict, kind: str, comment: int | None, text: str) -> list[dict]:
    return [
        base
        | {"kind": kind, "comment": comment, "sentence": i, "start": s, "end": e, "text": text[s:e]}
        for i, (s, e) in enumerate(split_sentences(text))
    ]
