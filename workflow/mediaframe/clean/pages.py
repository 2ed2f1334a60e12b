"""Separate scraped pages into article text, reader comments and removed boilerplate.

A scraped page (text, or the text trafilatura extracted from HTML) is: a title,
often the title again, body paragraphs, site furniture (menus, "الأكثر قراءة",
share lines, copyright), a comments heading such as ``التعليقات (2)`` and the
comments (author line, time line, text). :func:`clean_documents` does a whole shard
with polars expressions: it splits pages into lines, gives each line a comparison
key, joins the keys against the configured and the learned boilerplate, finds the
comment block, and aggregates the rest back into the article text. Only pages that
have a comment block go through the (Python) comment parser. Every dropped line is
written to the audit with its reason.

:func:`clean_document` is the straightforward per-page implementation of the same
rules; tests check that both give the same tables and the benchmark compares them.

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

from mediaframe.clean.comments import (
    COMMENT_SCHEMA,
    Comment,
    attached_counts,
    finish_comments,
    parse_comments,
)
from mediaframe.clean.inline import (
    RELATIVE_TIME_PATTERN,
    TEASER_PATTERN,
    clean_inline,
    phrase_pattern,
)
from mediaframe.clean.keys import line_key, line_key_expr
from mediaframe.clean.language import DEFAULT_CANDIDATES, identify_language, identify_languages
from mediaframe.clean.sentences import split_sentences
from mediaframe.errors import MediaframeError
from mediaframe.io import REJECT_SCHEMA, SENTENCE_KEY
from mediaframe.normalize import FOLD_ALL, Folding

NOT_AN_ARTICLE = "no article: the page is "
KEEP_NON_ARTICLES = (
    ". Fix: none needed for a list page; set clean.keep_non_articles: true to keep such "
    "pages as articles"
)
DEFAULT_BOILERPLATE = (
    "الأكثر قراءة",
    "الأكثر مشاهدة",
    "أهم المواضيع",
    "أهم التصنيفات",
    "اقرأ أيضا",
    "اقرأ أيضاً",
    "مواضيع ذات صلة",
    "أخبار ذات صلة",
    "شارك",
    "شارك الخبر",
    "تابعونا على",
    "اشترك في النشرة البريدية",
    "جميع الحقوق محفوظة",
    "most read",
    "read more",
    "related articles",
    "share",
    "share this article",
    "subscribe",
)
_TAG_LABELS = (
    r"(?:سمات|الوسوم|وسوم|الكلمات الدلالية|الكلمات المفتاحية|كلمات مفتاحية|كلمات دلالية|tags)"
)
DEFAULT_BOILERPLATE_PATTERNS = (
    r"^(?:©|\(c\)|copyright\b|جميع الحقوق محفوظة).{0,120}$",
    r"^(?:شارك|share)(?:\s*(?:على|on|via)?\s*(?:فيسبوك|تويتر|واتساب|facebook|twitter|whatsapp|x|telegram|تلغرام|email|البريد)[\s,|،/]*)+$",
    # a tag line: the label, then words without a sentence end
    rf"^{_TAG_LABELS}\s*:?\s[^.!?؟]{{1,150}}$",
)
# The same tag line glued after the last sentence of a line («… بحسب الاختصاص. سمات
# آسيوي انتحار بريدة وافد», 1,587 lines of SaudiNewsNet): the sentence stays.
# Group 1 is the sentence's end, group 2 the tags (written for Python's and polars'
# regular expressions alike).
GLUED_TAGS = rf"(?i)([.!?؟\"”»])\s+({_TAG_LABELS}\s*:?\s[^.!?؟]{{1,150}})$"
_GLUED_TAGS = re.compile(GLUED_TAGS)
GLUED_TAGS_REASON = "tag line glued after the last sentence"
DEFAULT_COMMENT_HEADINGS = (
    r"التعليقات",
    r"تعليقات",
    r"تعليقات القراء",
    r"comments?",
    r"reader comments",
)
DEFAULT_COMMENT_TIME = (
    r"منذ\s.{1,30}",
    r"قبل\s.{1,30}",
    r"(?:أمس|امس|اليوم)(?:\s+(?:الساعة\s+)?\d{1,2}:\d{2}.*)?",
    r"\d+\s+(?:second|minute|hour|day|week|month|year)s?\s+ago",
    r"(?:yesterday|today|just now)(?:\s+(?:at\s+)?\d{1,2}:\d{2}.*)?",
    r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[ T]\d{1,2}:\d{2}.*)?",
    r"\d{1,2}[-/.]\d{1,2}[-/.]\d{4}(?:\s.*)?",
    r"\d{1,2}:\d{2}(?::\d{2})?\s*(?:[صم]|am|pm)?",
)

EMPTY_BODY = (
    "no article text left after cleaning: every line was taken as title, boilerplate or "
    "comments. Fix: look up this doc_id in the corpus report's removed lines; if article "
    "text was removed, narrow clean.boilerplate / clean.boilerplate_patterns (or raise "
    "clean.learn_boilerplate.min_documents); a page with no article needs no fix"
)
ARTICLE_SCHEMA: dict[str, pl.DataType] = {
    "doc_id": pl.String(),
    "outlet": pl.String(),
    "subdomain": pl.String(),
    "published": pl.Date(),
    "published_raw": pl.String(),
    "date_problem": pl.String(),
    "url": pl.String(),
    "language": pl.String(),
    "title": pl.String(),
    "text": pl.String(),
    "comments_stated": pl.Int64(),
    "comments_found": pl.Int64(),
    "comments_mismatch": pl.Boolean(),
    "comments_attached": pl.Int64(),
    "author": pl.String(),
    "encoding": pl.String(),
    "repair": pl.String(),
    "title_norm": pl.String(),
    "text_norm": pl.String(),
}
AUDIT_SCHEMA: dict[str, pl.DataType] = {
    "doc_id": pl.String(),
    "outlet": pl.String(),
    "line": pl.Int64(),
    "text": pl.String(),
    "reason": pl.String(),
}
SENTENCE_SCHEMA: dict[str, pl.DataType] = {
    **SENTENCE_KEY,
    "start": pl.Int64(),
    "end": pl.Int64(),
    "text": pl.String(),
}
# Comments as the page parser returns them, before the shared treatment.
_PARSED_SCHEMA: dict[str, pl.DataType] = {
    "doc_id": pl.String(),
    "source": pl.String(),
    "record": pl.Int64(),
    "item": pl.Int64(),
    "author": pl.String(),
    "time_text": pl.String(),
    "text": pl.String(),
}
LEARNED_SCHEMA: dict[str, pl.DataType] = {
    "outlet": pl.String(),
    "key": pl.String(),
    "documents": pl.Int64(),
    "outlet_documents": pl.Int64(),
}


def normalised_text_expr(folding: Folding, column: pl.Expr) -> pl.Expr:
    """The matching copy of a text (``text_norm``): folded, spaces collapsed; the
    display text is untouched."""
    return folding.expr(column).str.replace_all(r"[^\S\n]+", " ").str.strip_chars()


def normalised_text(folding: Folding, text: str) -> str:
    """:func:`normalised_text_expr` for one text (the per-document reference)."""
    return re.sub(r"[^\S\n]+", " ", folding.apply(text)).strip()


@dataclass(frozen=True)
class CleaningRules:
    """What the cleaner removes, how it recognises reader comments, how it normalises."""

    boilerplate: Sequence[str] = DEFAULT_BOILERPLATE
    boilerplate_patterns: Sequence[str] = DEFAULT_BOILERPLATE_PATTERNS
    comment_headings: Sequence[str] = DEFAULT_COMMENT_HEADINGS
    comment_time: Sequence[str] = DEFAULT_COMMENT_TIME
    min_chars: int = 20
    keep_non_articles: bool = False
    default_language: str = "ar"
    languages: Sequence[str] | None = DEFAULT_CANDIDATES
    normalisation: Folding = field(default_factory=Folding)

    @classmethod
    def from_config(cls, clean: dict) -> CleaningRules:
        """Rules from the ``clean`` config section (schema defaults already filled)."""
        defaults = cls()
        return cls(
            boilerplate=tuple(clean.get("boilerplate", defaults.boilerplate)),
            boilerplate_patterns=tuple(
                clean.get("boilerplate_patterns", defaults.boilerplate_patterns)
            ),
            comment_headings=tuple(clean.get("comment_headings", defaults.comment_headings)),
            comment_time=tuple(clean.get("comment_time", defaults.comment_time)),
            min_chars=clean.get("min_chars", defaults.min_chars),
            keep_non_articles=clean.get("keep_non_articles", defaults.keep_non_articles),
            default_language=clean.get("default_language", defaults.default_language),
            languages=tuple(clean["languages"]) if clean.get("languages") else None,
            normalisation=Folding(**clean.get("normalise", {})),
        )

    def __post_init__(self) -> None:
        for key in ("boilerplate_patterns", "comment_headings", "comment_time"):
            check_patterns(f"clean.{key}", getattr(self, key))

    @property
    def heading_regex(self) -> str:
        names = "|".join(self.comment_headings)
        return rf"(?i)^(?:{names})\s*(?:[(\[]\s*([0-9\u0660-\u0669]+)\s*[)\]])?\s*:?$"

    @property
    def heading_pattern(self) -> re.Pattern[str]:
        return re.compile(self.heading_regex)

    @property
    def time_pattern(self) -> re.Pattern[str]:
        return re.compile(rf"^[·•\-\s]*(?:{'|'.join(self.comment_time)})$", re.IGNORECASE)

    @property
    def boilerplate_keys(self) -> dict[str, str]:
        keys: dict[str, str] = {}
        for line in self.boilerplate:
            if line_key(line):
                keys.setdefault(line_key(line), line)
        return keys


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
    listing: str | None = None  # why the page is not an article (a list of teasers)


def check_patterns(key: str, patterns: Sequence[str]) -> None:
    """Stop with a message naming the config key when a pattern is not a valid regular
    expression for both Python's ``re`` and polars (Rust regex), which this stage uses."""
    for pattern in patterns:
        try:
            re.compile(pattern, re.IGNORECASE)
            pl.select(pl.lit("").str.contains(f"(?i){pattern}"))
        except (re.error, pl.exceptions.ComputeError, pl.exceptions.PolarsError) as error:
            reason = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise MediaframeError(
                f"config.yaml: {key}: {pattern!r} is not a valid regular expression "
                f"({reason}). Fix: correct it, or escape special characters such as ( [ + ? "
                "with a backslash."
            ) from None


def _stated(match: re.Match[str]) -> int | None:
    digits = match.group(1)
    return int(digits.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))) if digits else None


def clean_document(
    text: str,
    title: str | None,
    rules: CleaningRules,
    learned: dict[str, str] | None = None,
    comments_text: str | None = None,
    phrases: PhraseBook | None = None,
    url: str | None = None,
    inline: bool = True,
) -> CleanedPage:
    """Split one page into title, body, reader comments and an audit (per-page reference).

    ``learned`` maps line keys learned as this outlet's boilerplate to the reason
    recorded; ``comments_text`` is an HTML page's comment block; ``phrases`` are the
    outlet's learned phrases for the in-line pass (:func:`inline_pass`), which runs
    when ``inline`` (see :func:`scrape_signs`).
    """
    learned = learned or {}
    if inline:
        found = inline_pass(text, title, rules, phrases or PhraseBook(), url)
    else:
        found = InlineResult(title, text.split("\n"), [])
    inline_result = found
    raw_lines = inline_result.lines
    comments_from = len(raw_lines) + 1 if comments_text is not None else None
    if comments_text is not None:
        raw_lines += comments_text.split("\n")
    lines = [(n, raw.strip()) for n, raw in enumerate(raw_lines, start=1) if raw.strip()]
    page = CleanedPage(title=inline_result.title, body="", listing=inline_result.listing)
    page.audit += [AuditLine(r.line, r.text, r.reason) for r in inline_result.removed]
    for i, (number, line) in enumerate(lines):
        if glued := _GLUED_TAGS.search(line):
            page.audit.append(AuditLine(number, glued.group(2).strip(), GLUED_TAGS_REASON))
            lines[i] = (number, line[: glued.start(2)].rstrip())
    title_key = line_key(page.title or "")
    boilerplate = rules.boilerplate_keys
    patterns = [(p, re.compile(p, re.IGNORECASE)) for p in rules.boilerplate_patterns]
    heading = rules.heading_pattern

    body: list[str] = []
    comment_lines: list[tuple[int, str]] = []
    in_comments = False
    for number, line in lines:
        key = line_key(line)
        match = heading.match(line)
        in_comments = (
            in_comments or bool(match) or (comments_from is not None and number >= comments_from)
        )
        if match:
            if page.comments_stated is None:
                page.comments_stated = _stated(match)
            page.audit.append(AuditLine(number, line, "comments heading"))
        elif key and key == title_key:
            page.audit.append(AuditLine(number, line, "repeated title"))
        elif key in boilerplate:
            page.audit.append(AuditLine(number, line, f"boilerplate: {boilerplate[key]}"))
        elif key in learned:
            page.audit.append(AuditLine(number, line, learned[key]))
        elif pattern := next((p for p, r in patterns if r.search(line)), None):
            page.audit.append(AuditLine(number, line, f"boilerplate pattern: {pattern}"))
        elif in_comments:
            comment_lines.append((number, line))
        else:
            body.append(line)
    page.body = "\n\n".join(body)
    page.comments, dropped = parse_comments(comment_lines, rules.time_pattern)
    page.audit += [AuditLine(*d) for d in dropped]
    page.audit.sort(key=lambda a: a.line)
    return page


@dataclass(frozen=True)
class PhraseBook:
    """One outlet's learned phrases (word 4-gram key -> distinct pages), its number of
    distinct pages, and the corpus vocabulary (for words glued together)."""

    phrases: dict[str, int] = field(default_factory=dict)
    pages: int = 0
    vocabulary: frozenset[str] = frozenset()


def phrase_books(boilerplate: pl.DataFrame | None) -> dict[str, PhraseBook]:
    """The learned phrases of each outlet, from the learned boilerplate table; the
    book of outlet ``""`` holds only the corpus vocabulary (for outlets without
    learned phrases)."""
    if boilerplate is None or "kind" not in boilerplate.columns:
        return {}
    vocabulary = frozenset(boilerplate.filter(pl.col("kind") == "word")["key"].to_list())
    books: dict[str, PhraseBook] = {"": PhraseBook(vocabulary=vocabulary)}
    for outlet, key, pages, total in (
        boilerplate.filter(pl.col("kind") == "phrase")
        .select("outlet", "key", "documents", "outlet_documents")
        .iter_rows()
    ):
        book = books.setdefault(outlet, PhraseBook(pages=total, vocabulary=vocabulary))
        book.phrases[key] = pages
    return books


def frame_pages(boilerplate: pl.DataFrame | None, rules: CleaningRules) -> dict[str, str]:
    """doc_id -> why, for the pages learned to be a site's frame without their article
    (:func:`mediaframe.clean.boilerplate.template_pages`); none when non-articles are
    kept (``clean.keep_non_articles``)."""
    if rules.keep_non_articles or boilerplate is None or "kind" not in boilerplate.columns:
        return {}
    return dict(
        boilerplate.filter(pl.col("kind") == "template").select("key", "example").iter_rows()
    )


def learned_lines(boilerplate: pl.DataFrame | None) -> pl.DataFrame | None:
    """The learned whole lines (the learned table without its phrases)."""
    if boilerplate is None or "kind" not in boilerplate.columns:
        return boilerplate
    return boilerplate.filter(pl.col("kind") == "line")


@dataclass
class InlineResult:
    title: str | None
    lines: list[str]
    removed: list
    listing: str | None = None


def inline_pass(
    text: str, title: str | None, rules: CleaningRules, book: PhraseBook, url: str | None = None
) -> InlineResult:
    """The in-line pass (:func:`mediaframe.clean.inline.clean_inline`) on the page text
    above its reader-comments heading."""
    heading = rules.heading_pattern
    lines = text.split("\n")
    stop = next((n for n, line in enumerate(lines, 1) if heading.match(line.strip())), None)
    page = clean_inline(
        text,
        title,
        book.phrases,
        book.pages,
        stop,
        url,
        book.vocabulary,
        find_lists=not rules.keep_non_articles,
    )
    return InlineResult(page.title, page.lines, page.removed, page.listing)


def scrape_signs(docs: pl.DataFrame, books: dict[str, PhraseBook]) -> pl.Series:
    """Which pages go through the in-line pass: those without a title field (a raw
    scraped page), and those showing boilerplate inside their text (a boilerplate
    phrase, a cut-off teaser, a relative time, a separator run, or a phrase learned
    for their outlet opening or closing the page). A page from a structured corpus without any of these is kept as
    given, and the corpus is cleaned at the speed of its lines.
    """
    if docs.is_empty():
        return pl.Series("_sign", [], pl.Boolean)
    folded = pl.col("_folded")
    sign = (
        pl.col("title").is_null()
        | folded.str.contains("(?i)" + phrase_pattern())
        | folded.str.contains(TEASER_PATTERN)
        | folded.str.contains(RELATIVE_TIME_PATTERN)
        | pl.col("text").str.contains(r"(?:[^\w\s\d]\s+){4}")
    )
    frame = docs.select(
        pl.int_range(pl.len()).alias("_row"),
        "outlet",
        "title",
        "text",
        FOLD_ALL.expr(pl.col("text")).alias("_folded"),
    )
    hit = _learned_at_line_edges(frame, books)
    return frame.select(sign.alias("_sign") | pl.col("_row").is_in(hit.implode()))["_sign"]


def _learned_at_line_edges(pages: pl.DataFrame, books: dict[str, PhraseBook]) -> pl.Series:
    """Rows (``_row``) of the pages (``_row``, ``outlet``, ``_folded`` text) that open or
    close with a learned phrase (where glued menus, bylines and footers sit; a learned
    phrase in mid-sentence is a name)."""
    learned = pl.DataFrame(
        [(outlet, key) for outlet, book in books.items() for key in book.phrases],
        schema={"outlet": pl.String, "key": pl.String},
        orient="row",
    )
    if learned.is_empty():
        return pl.Series("_row", [], pl.Int64)
    gram = r"\S+ \S+ \S+ \S+"

    def keyed(column: pl.Expr) -> pl.Expr:
        return (
            column.str.replace_all(r"[^\w\s]|[\d_]", "")
            .str.replace_all(r"\s+", " ")
            .str.strip_chars()
        )

    # The first and last words are read off each end of the page; a page whose end
    # holds fewer than five words there (numbers, marks) is keyed whole.
    head = keyed(pl.col("_folded").str.slice(0, EDGE_CHARS)).str.extract(f"^({gram}) \\S", 1)
    tail = keyed(pl.col("_folded").str.slice(-EDGE_CHARS)).str.extract(f"\\S ({gram})$", 1)
    ends = pages.select("_row", "outlet", head.alias("first"), tail.alias("last"))
    whole = ends["first"].is_null() | ends["last"].is_null()
    keyed_whole = pages.filter(whole).select(
        "_row", "outlet", keyed(pl.col("_folded")).alias("_keyed")
    )
    ends = pl.concat(
        [
            ends.filter(~whole),
            keyed_whole.select(
                "_row",
                "outlet",
                pl.col("_keyed").str.extract(f"^({gram})", 1).alias("first"),
                pl.col("_keyed").str.extract(f"({gram})$", 1).alias("last"),
            ),
        ]
    )
    edges = ends.select("_row", "outlet", pl.concat_list("first", "last").alias("key"))
    edges = edges.explode("key")
    return edges.join(learned, on=["outlet", "key"], how="semi")["_row"]


# Characters read at each end of a page for its first and last words.
EDGE_CHARS = 400


def _learned_reason() -> pl.Expr:
    return pl.format(
        "learned boilerplate: in {} of {} distinct pages of this outlet",
        pl.col("documents"),
        pl.col("outlet_documents"),
    )


def clean_documents(
    documents: pl.DataFrame,
    rules: CleaningRules,
    default_language: str | None = None,
    boilerplate: pl.DataFrame | None = None,
    comments: pl.DataFrame | None = None,
) -> dict[str, pl.DataFrame]:
    """Clean a shard of documents with polars expressions.

    Each page goes through the same named steps, all pages of the shard at once:
    its lines (:func:`_page_lines`), its title (:func:`_titles`), the reason each
    other line is dropped or set aside as comments (:func:`_line_reasons`: comment
    headings, repeated title, boilerplate), the reader comments
    (:func:`_parse_comment_blocks`), the article body and the pages too short to keep
    (:func:`_pages`, :func:`_short_page_rejects`), the article table with language and
    normalised text (:func:`_article_table`), and the sentences (:func:`_sentence_table`).

    Args:
        documents: the ingest table (doc_id, source, record, outlet, published, url,
            language, title, text, and optionally author, encoding, repair, comments_text).
        rules: the cleaning rules from config.
        default_language: overrides ``rules.default_language``.
        boilerplate: the learned boilerplate (outlet, key, documents, outlet_documents).
        comments: the reader comments given as data for these documents (the ingest's
            comments table), if any.

    Returns:
        ``articles``, ``comments``, ``sentences``, ``audit``, ``rejects`` and
        ``comment_rejects`` frames, each sorted so that identical input gives identical
        bytes.
    """
    fallback = default_language or rules.default_language
    docs = _with_optional_columns(documents).with_row_index("_doc")
    docs, inline_audit = _inline(
        docs, rules, phrase_books(boilerplate), frame_pages(boilerplate, rules)
    )
    boilerplate = learned_lines(boilerplate)
    lines, titles = _titles(_page_lines(docs), docs)
    lines = _line_reasons(lines, titles, rules, boilerplate)
    parsed, comment_audit = _parse_comment_blocks(
        lines.filter(pl.col("reason").is_null() & pl.col("_in_comments")), rules
    )
    audit = pl.concat(
        [
            inline_audit,
            lines.filter(pl.col("_tags").is_not_null()).select(
                "_doc",
                "line",
                pl.col("_tags").alias("text"),
                pl.lit(GLUED_TAGS_REASON).alias("reason"),
            ),
            lines.filter(pl.col("reason").is_not_null()).select("_doc", "line", "text", "reason"),
            comment_audit,
        ]
    )
    pages = _pages(docs, titles, lines, parsed)
    rejects = _short_page_rejects(pages, rules)
    kept = pages.filter(~_rejected(rules))
    kept = kept.with_columns(
        pl.coalesce(
            pl.col("language"), identify_languages(kept["body"], fallback, rules.languages)
        ).alias("language")
    )
    page_comments = parsed.join(docs.select("_doc", "doc_id", "source", "record"), on="_doc")
    comments, comment_rejects = finish_comments(
        page_comments.rename({"position": "item"}),
        comments,
        kept.select("doc_id", "outlet", "published", "language"),
        rejects,
        rules.languages,
    )
    articles = attached_counts(_article_table(kept, rules.normalisation), comments)
    sentences = _sentence_table(articles, comments)
    doc_ids = docs.select("_doc", "doc_id", "outlet")
    return {
        "articles": articles.select(list(ARTICLE_SCHEMA)).cast(ARTICLE_SCHEMA).sort("doc_id"),
        "comments": comments.select(list(COMMENT_SCHEMA)),
        "sentences": sentences,
        "audit": audit.join(doc_ids, on="_doc")
        .select(list(AUDIT_SCHEMA))
        .cast(AUDIT_SCHEMA)
        .sort("doc_id", "line", "reason", maintain_order=True),
        "rejects": rejects.cast(REJECT_SCHEMA).sort("doc_id"),
        "comment_rejects": comment_rejects,
    }


def _inline(
    docs: pl.DataFrame,
    rules: CleaningRules,
    books: dict[str, PhraseBook],
    frames: dict[str, str],
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The in-line pass on every page: the new text and title, and the removed spans.
    A page in ``frames`` (doc_id -> why: :func:`frame_pages`) is not an article."""
    titles: list[str | None] = []
    texts: list[str] = []
    audit: list[dict] = []
    empty = books.get("", PhraseBook())
    listings: list[str | None] = []
    signs = scrape_signs(docs, books)
    for doc, doc_id, outlet, text, title, url, sign in docs.select(
        "_doc", "doc_id", "outlet", "text", "title", "url", signs.alias("_sign")
    ).iter_rows():
        if doc_id in frames:
            titles.append(title)
            texts.append(text)
            listings.append(frames[doc_id])
            continue
        if not sign:
            titles.append(title)
            texts.append(text)
            listings.append(None)
            continue
        result = inline_pass(text, title, rules, books.get(outlet, empty), url)
        listings.append(result.listing)
        titles.append(result.title)
        texts.append("\n".join(result.lines))
        audit += [
            {"_doc": doc, "line": r.line, "text": r.text, "reason": r.reason}
            for r in result.removed
        ]
    return (
        docs.with_columns(
            pl.Series("title", titles, pl.String),
            pl.Series("text", texts, pl.String),
            pl.Series("_listing", listings, pl.String),
        ),
        pl.DataFrame(
            audit,
            schema={"_doc": pl.UInt32, "line": pl.Int64, "text": pl.String, "reason": pl.String},
        ),
    )


def _page_lines(docs: pl.DataFrame) -> pl.DataFrame:
    """Every non-blank line of each page (article text, then the comment container),
    stripped, numbered from 1, with its boilerplate key; ``_comments_from`` is the
    first line of the comment container, if the page had one; ``_tags`` the tag line
    cut from the line's end (:data:`GLUED_TAGS`), if any.
    """
    return (
        docs.lazy()
        .select(
            "_doc",
            "outlet",
            pl.when(pl.col("comments_text").is_not_null())
            .then(pl.col("text").str.count_matches("\n") + 2)
            .alias("_comments_from"),
            pl.concat_str(
                [pl.col("text"), pl.col("comments_text")], separator="\n", ignore_nulls=True
            )
            .str.split("\n")
            .alias("text"),
        )
        .with_columns(pl.int_ranges(1, pl.col("text").list.len() + 1).alias("line"))
        .explode("text", "line")
        .with_columns(pl.col("text").str.strip_chars().alias("text"), pl.col("line").cast(pl.Int64))
        .filter(pl.col("text") != "")
        .with_columns(
            pl.col("text").str.extract(GLUED_TAGS, 2).str.strip_chars().alias("_tags"),
            pl.col("text").str.replace(GLUED_TAGS, "${1}").str.strip_chars().alias("text"),
        )
        .with_columns(line_key_expr(pl.col("text")).alias("key"))
        .collect()
    )


def _titles(lines: pl.DataFrame, docs: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Each page's title (the given one, or the headline the in-line pass found) with
    its key, to find it repeated on a line of its own.
    """
    titles = docs.select(
        "_doc",
        "title",
        line_key_expr(pl.col("title")).fill_null("").alias("_title_key"),
    )
    return lines.with_columns(pl.lit(False).alias("_is_title")), titles


def _line_reasons(
    lines: pl.DataFrame,
    titles: pl.DataFrame,
    rules: CleaningRules,
    boilerplate: pl.DataFrame | None,
) -> pl.DataFrame:
    """The non-title lines with why each is dropped (``reason``: comments heading,
    repeated title, configured boilerplate, learned boilerplate, boilerplate pattern;
    null for a kept line), whether it is in the comments (``_in_comments``: from a
    comments heading or the comment container on) and a stated comment count.
    """
    learned = (
        boilerplate if boilerplate is not None else pl.DataFrame(schema=LEARNED_SCHEMA)
    ).select("outlet", "key", _learned_reason().alias("_learned"))
    configured = pl.DataFrame(
        {"key": list(rules.boilerplate_keys), "_configured": list(rules.boilerplate_keys.values())},
        schema={"key": pl.String, "_configured": pl.String},
    ).filter(pl.col("key") != "")
    heading = pl.col("text").str.extract(rules.heading_regex, 1)
    heading_match = pl.col("text").str.contains(rules.heading_regex)
    pattern_reason: pl.Expr = pl.lit(None, dtype=pl.String)
    for pattern in reversed(rules.boilerplate_patterns):
        pattern_reason = (
            pl.when(pl.col("text").str.contains(f"(?i){pattern}"))
            .then(pl.lit(f"boilerplate pattern: {pattern}"))
            .otherwise(pattern_reason)
        )
    return (
        lines.filter(~pl.col("_is_title"))
        .join(titles.select("_doc", "_title_key"), on="_doc", how="left")
        .join(configured, on="key", how="left")
        .join(learned, on=["outlet", "key"], how="left")
        .sort("_doc", "line")
        .with_columns(
            heading_match.alias("_heading"),
            heading.str.replace_many(list("٠١٢٣٤٥٦٧٨٩"), list("0123456789"))
            .cast(pl.Int64, strict=False)
            .alias("_stated"),
        )
        .with_columns(
            (pl.col("_heading") | (pl.col("line") >= pl.col("_comments_from")).fill_null(False))
            .cum_max()
            .over("_doc")
            .alias("_in_comments"),
            pl.when(pl.col("_heading"))
            .then(pl.lit("comments heading"))
            .when((pl.col("key") != "") & (pl.col("key") == pl.col("_title_key")))
            .then(pl.lit("repeated title"))
            .when(pl.col("_configured").is_not_null())
            .then(pl.lit("boilerplate: ") + pl.col("_configured"))
            .when(pl.col("_learned").is_not_null())
            .then(pl.col("_learned"))
            .otherwise(pattern_reason)
            .alias("reason"),
        )
    )


def _pages(
    docs: pl.DataFrame, titles: pl.DataFrame, lines: pl.DataFrame, comments: pl.DataFrame
) -> pl.DataFrame:
    """Each document with its title, body (kept article lines, a blank line between
    them), the comment count the page states and the number of comments parsed.
    """
    body = (
        lines.filter(pl.col("reason").is_null() & ~pl.col("_in_comments"))
        .group_by("_doc", maintain_order=True)
        .agg(pl.col("text").str.join("\n\n").alias("body"))
    )
    stated = (
        lines.filter(pl.col("_stated").is_not_null())
        .group_by("_doc")
        .agg(pl.col("_stated").first().alias("comments_stated"))
    )
    found = comments.group_by("_doc").agg(pl.len().cast(pl.Int64).alias("comments_found"))
    return (
        docs.join(titles.select("_doc", pl.col("title").alias("_title")), on="_doc", how="left")
        .join(body, on="_doc", how="left")
        .join(stated, on="_doc", how="left")
        .join(found, on="_doc", how="left")
        .with_columns(
            pl.col("body").fill_null(""),
            pl.col("comments_found").fill_null(0),
        )
    )


def _short_page_rejects(pages: pl.DataFrame, rules: CleaningRules) -> pl.DataFrame:
    """A reject row for each page whose body is shorter than ``clean.min_chars``."""
    return pages.filter(_rejected(rules)).select(
        "source",
        "record",
        "doc_id",
        pl.lit("clean").alias("stage"),
        pl.when(pl.col("_listing").is_not_null())
        .then(pl.lit(NOT_AN_ARTICLE) + pl.col("_listing") + pl.lit(KEEP_NON_ARTICLES))
        .when(pl.col("body") == "")
        .then(pl.lit(EMPTY_BODY))
        .otherwise(pl.lit(f"article text shorter than clean.min_chars={rules.min_chars}"))
        .alias("reason"),
    )


def _rejected(rules: CleaningRules) -> pl.Expr:
    return pl.col("_listing").is_not_null() | (pl.col("body").str.len_chars() < rules.min_chars)


def _article_table(kept: pl.DataFrame, norm: Folding) -> pl.DataFrame:
    """The articles table: the kept pages' columns, the comment-count check and the
    normalised title and text used for matching.
    """
    return kept.select(
        "doc_id",
        "outlet",
        "subdomain",
        "published",
        "published_raw",
        "date_problem",
        "url",
        "language",
        pl.col("_title").alias("title"),
        pl.col("body").alias("text"),
        "comments_stated",
        "comments_found",
        (
            pl.col("comments_stated").is_not_null()
            & (pl.col("comments_stated") != pl.col("comments_found"))
        ).alias("comments_mismatch"),
        "author",
        "encoding",
        "repair",
        normalised_text_expr(norm, pl.col("_title")).alias("title_norm"),
        normalised_text_expr(norm, pl.col("body")).alias("text_norm"),
    )


def _with_optional_columns(documents: pl.DataFrame) -> pl.DataFrame:
    """Documents from older ingests lack the columns added later; fill them with nulls."""
    optional = {"author": pl.String, "encoding": pl.String, "repair": pl.String}
    optional |= {"published_raw": pl.String, "date_problem": pl.String}
    optional["subdomain"] = pl.String
    optional["comments_text"] = pl.String
    missing = [
        pl.lit(None, dtype=t).alias(n) for n, t in optional.items() if n not in documents.columns
    ]
    return documents.with_columns(missing) if missing else documents


def _parse_comment_blocks(
    comment_lines: pl.DataFrame, rules: CleaningRules
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Run the comment parser on the pages that have a comment block (only those)."""
    time_pattern = rules.time_pattern
    comments: list[dict] = []
    audit: list[dict] = []
    grouped = comment_lines.group_by("_doc", maintain_order=True).agg("line", "text")
    for doc, numbers, texts in grouped.iter_rows():
        parsed, dropped = parse_comments(list(zip(numbers, texts, strict=True)), time_pattern)
        comments += [
            {
                "_doc": doc,
                "position": c.position,
                "author": c.author,
                "time_text": c.time_text,
                "text": c.text,
            }
            for c in parsed
        ]
        audit += [{"_doc": doc, "line": n, "text": t, "reason": r} for n, t, r in dropped]
    return (
        pl.DataFrame(
            comments,
            schema={
                "_doc": pl.UInt32,
                "position": pl.Int64,
                "author": pl.String,
                "time_text": pl.String,
                "text": pl.String,
            },
        ),
        pl.DataFrame(
            audit,
            schema={"_doc": pl.UInt32, "line": pl.Int64, "text": pl.String, "reason": pl.String},
        ),
    )


def _sentence_table(articles: pl.DataFrame, comments: pl.DataFrame) -> pl.DataFrame:
    """Sentences of titles, bodies and comments, with offsets into each text."""
    base = ["doc_id", "outlet", "published"]
    units = pl.concat(
        [
            articles.filter(pl.col("title").is_not_null() & (pl.col("title") != ""))
            .select(
                *base,
                pl.lit("title").alias("kind"),
                pl.lit(None, pl.Int64).alias("comment"),
                "title",
            )
            .rename({"title": "unit"}),
            articles.select(
                *base,
                pl.lit("body").alias("kind"),
                pl.lit(None, pl.Int64).alias("comment"),
                pl.col("text").alias("unit"),
            ),
            comments.select(
                *base,
                pl.lit("comment").alias("kind"),
                pl.col("position").alias("comment"),
                pl.col("text").alias("unit"),
            ),
        ]
    )
    unit_ids: list[int] = []
    numbers: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    texts: list[str] = []
    # Python slicing is constant time per character offset; polars' str.slice walks the
    # UTF-8 bytes from the start, which is quadratic on a very long page.
    for unit, text in enumerate(units["unit"]):
        for number, (start, end) in enumerate(split_sentences(text)):
            unit_ids.append(unit)
            numbers.append(number)
            starts.append(start)
            ends.append(end)
            texts.append(text[start:end])
    spans = pl.DataFrame(
        {"_unit": unit_ids, "sentence": numbers, "start": starts, "end": ends, "text": texts},
        schema={
            "_unit": pl.UInt32,
            "sentence": pl.Int64,
            "start": pl.Int64,
            "end": pl.Int64,
            "text": pl.String,
        },
    )
    return (
        units.with_row_index("_unit")
        .join(spans, on="_unit")
        .select(list(SENTENCE_SCHEMA))
        .cast(SENTENCE_SCHEMA)
        .sort("doc_id", "kind", "comment", "sentence", nulls_last=False, maintain_order=True)
    )


def clean_documents_reference(
    documents: pl.DataFrame,
    rules: CleaningRules,
    default_language: str | None = None,
    boilerplate: pl.DataFrame | None = None,
    comments: pl.DataFrame | None = None,
) -> dict[str, pl.DataFrame]:
    """The same tables as :func:`clean_documents`, one page at a time in plain Python
    (the reader comments then go through the same :func:`finish_comments`)."""
    fallback = default_language or rules.default_language
    learned: dict[tuple[str, str], str] = {}
    books = phrase_books(boilerplate)
    frames = frame_pages(boilerplate, rules)
    boilerplate = learned_lines(boilerplate)
    if boilerplate is not None:
        for row in boilerplate.iter_rows(named=True):
            learned[(row["outlet"], row["key"])] = (
                f"learned boilerplate: in {row['documents']} of {row['outlet_documents']} "
                "distinct pages of this outlet"
            )
    by_outlet: dict[str, dict[str, str]] = {}
    for (outlet, key), reason in learned.items():
        by_outlet.setdefault(outlet, {})[key] = reason
    norm = rules.normalisation
    articles, parsed, audit, rejects, sentences = [], [], [], [], []
    documents = _with_optional_columns(documents)
    signs = scrape_signs(documents, books).to_list()
    for doc, sign in zip(documents.iter_rows(named=True), signs, strict=True):
        page = clean_document(
            doc["text"],
            doc["title"],
            rules,
            by_outlet.get(doc["outlet"], {}),
            doc["comments_text"],
            books.get(doc["outlet"], books.get("")) if sign else None,
            doc["url"],
            inline=sign and doc["doc_id"] not in frames,
        )
        doc_id = doc["doc_id"]
        page.listing = frames.get(doc_id, page.listing)
        parsed += [
            {
                "doc_id": doc_id,
                "source": doc["source"],
                "record": doc["record"],
                "item": c.position,
                "author": c.author,
                "time_text": c.time_text,
                "text": c.text,
            }
            for c in page.comments
        ]
        audit += [
            {
                "doc_id": doc_id,
                "outlet": doc["outlet"],
                "line": a.line,
                "text": a.text,
                "reason": a.reason,
            }
            for a in page.audit
        ]
        if page.listing is not None or len(page.body) < rules.min_chars:
            reason = (
                f"{NOT_AN_ARTICLE}{page.listing}{KEEP_NON_ARTICLES}"
                if page.listing is not None
                else EMPTY_BODY
                if not page.body
                else f"article text shorter than clean.min_chars={rules.min_chars}"
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
        language = doc["language"] or identify_language(page.body, fallback, rules.languages)
        articles.append(
            {
                "doc_id": doc_id,
                "outlet": doc["outlet"],
                "subdomain": doc["subdomain"],
                "published": doc["published"],
                "published_raw": doc["published_raw"],
                "date_problem": doc["date_problem"],
                "url": doc["url"],
                "language": language,
                "title": page.title,
                "text": page.body,
                "comments_stated": page.comments_stated,
                "comments_found": len(page.comments),
                "comments_mismatch": page.comments_stated is not None
                and page.comments_stated != len(page.comments),
                "author": doc["author"],
                "encoding": doc["encoding"],
                "repair": doc["repair"],
                "title_norm": normalised_text(norm, page.title) if page.title is not None else None,
                "text_norm": normalised_text(norm, page.body),
            }
        )
        base = {"doc_id": doc_id, "outlet": doc["outlet"], "published": doc["published"]}
        if page.title:
            sentences += _sentence_rows(base, "title", None, page.title)
        sentences += _sentence_rows(base, "body", None, page.body)
    article_frame = pl.DataFrame(articles, schema=ARTICLE_SCHEMA | {"comments_attached": pl.Int64})
    reject_frame = pl.DataFrame(rejects, schema=REJECT_SCHEMA)
    comment_frame, comment_rejects = finish_comments(
        pl.DataFrame(parsed, schema=_PARSED_SCHEMA),
        comments,
        article_frame.select("doc_id", "outlet", "published", "language"),
        reject_frame,
        rules.languages,
    )
    for row in comment_frame.iter_rows(named=True):
        base = {key: row[key] for key in ("doc_id", "outlet", "published")}
        sentences += _sentence_rows(base, "comment", row["position"], row["text"])
    return {
        "articles": attached_counts(article_frame.drop("comments_attached"), comment_frame)
        .select(list(ARTICLE_SCHEMA))
        .sort("doc_id"),
        "comments": comment_frame.select(list(COMMENT_SCHEMA)),
        "sentences": pl.DataFrame(sentences, schema=SENTENCE_SCHEMA).sort(
            "doc_id", "kind", "comment", "sentence", nulls_last=False
        ),
        "audit": pl.DataFrame(audit, schema=AUDIT_SCHEMA).sort(
            "doc_id", "line", "reason", maintain_order=True
        ),
        "rejects": reject_frame.sort("doc_id"),
        "comment_rejects": comment_rejects,
    }


def _sentence_rows(base: dict, kind: str, comment: int | None, text: str) -> list[dict]:
    return [
        base
        | {"kind": kind, "comment": comment, "sentence": i, "start": s, "end": e, "text": text[s:e]}
        for i, (s, e) in enumerate(split_sentences(text))
    ]
