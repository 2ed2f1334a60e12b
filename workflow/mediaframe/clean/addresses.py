"""Pages whose address says they are not an article: a site's home page, a tag,
category, author or search listing, a date archive, a later page of a list, a feed, a
dictionary's entry, the site's own pages (terms, privacy, about, contact, FAQ).

Crawls of news sites pick these up beside the articles; their text is a stream of
other pages' teasers or full posts, which would be counted twice and would mix
subjects. The address is a strong sign of its own (trafilatura's URL filters,
``courlan``, use the same cues to skip them when crawling), so such a page is rejected
as "no article" with the address form named, whatever its text looks like. An
address that also names one article (``/category/news/12345-some-story.html``,
``/?p=26615``, ``/archives/173409``) is an article.

>>> listing_address("https://www.example.com/tag/%D8%BA%D8%B2%D8%A9")
'a tag listing (by its address)'
>>> listing_address("http://blog.example.com/2015/06/") is not None
True
>>> listing_address("http://example.com/2017/12/04/some-story-title/") is None
True
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, unquote, urlsplit

# A path segment that makes the page a listing of others (WordPress, Blogger, Joomla,
# Drupal and most news CMSs), with the name the reason gives it.
_LISTING_SEGMENTS = {
    "tag": "a tag listing",
    "tags": "a tag listing",
    "category": "a category listing",
    "categories": "a category listing",
    "cat": "a category listing",
    "author": "an author's listing",
    "authors": "an author's listing",
    "label": "a label listing",
    "itemlist": "a list of items",
    "search": "a search results page",
    # a dictionary's or glossary's entry for a word (``/ar/dict/ar-ar/حرر/``)
    "dict": "a dictionary entry",
    "dictionary": "a dictionary entry",
    "thesaurus": "a dictionary entry",
    "glossary": "a dictionary entry",
    "lexicon": "a dictionary entry",
}
# Query keys of listings on a site's front page (``/?tag=…``, ``/?m=201610&paged=3``,
# ``Default.aspx?date=15082016``); any other key (an article id) makes it no listing.
_LISTING_KEYS = {
    "tag": "a tag listing",
    "cat": "a category listing",
    "category": "a category listing",
    "author": "an author's listing",
    "s": "a search results page",
    "m": "a date archive",
    "date": "a date archive",
    "year": "a date archive",
    "month": "a date archive",
    "day": "a date archive",
    "paged": "a later page of a list",
    "page": "a later page of a list",
}
# A list's offset or page (Joomla ``?start=6``, ``?limitstart=20``, ``/syria?page=5``):
# a later page of whatever list the path names, unless the path names one article.
_OFFSET_KEYS = {"start", "limitstart", "page", "paged"}
# A period in the query (``topstory.asp?month=4&year=2009``, ``Archive.php?MyDate=29-12-2016``):
# a date archive, unless the path names one article by a slug or a number.
_DATE_KEYS = {"m", "date", "year", "month", "day"}
_DATE_VALUE = re.compile(r"\d{1,4}(?:[-/.]\d{1,4}){0,2}")
_NEUTRAL_KEYS = {"lang", "language", "l", "z", "hl", "amp", "output"}
_NUMERIC_KEYS = {"m", "paged", "page", "year", "month", "day", "date"}
_LANGUAGE = re.compile(r"[a-z]{2}(?:[-_][a-z]{2})?")
_FRONT_FILE = re.compile(r"(?:index|default|home|main)(?:\.\w+)?")
_YEAR = re.compile(r"(?:19|20)\d\d")
_DATE_PART = re.compile(r"\d{1,2}")
# An archive named in Arabic, then a period with its year: a wiki's or a site's monthly
# archive (``/الأحداث_الجارية/أرشيف/ديسمبر_2005``, ``/ارشيف/2016``).
_ARABIC_ARCHIVE = frozenset({"أرشيف", "ارشيف", "الأرشيف", "الارشيف"})
_PERIOD = re.compile(r"(?:\D+[_ -])?(?:19|20)\d\d(?:[_ -]\d{1,2}){0,2}")
# A list's page named by its file, a listing word and the list's numbers
# (``/albasheer/artlist-13-1.htm``, ``/sections-10.html``, ``/category_5.php``).
_LISTING_FILE = re.compile(
    r"(?:(?:art|news|post)?list|sections?|categor(?:y|ies)|cat|tags?|archives?)"
    r"(?:[-_]\d+)+(?:\.\w+)?"
)
# Blogger's day, month or year archive: ``/2011_06_19_archive.html``.
_BLOGGER_ARCHIVE = re.compile(r"(?:19|20)\d\d(?:_\d\d){0,2}_archive\.html")
# The site's own pages, named by the address's last segment (``/legal/``,
# ``/privacy``, ``/about-us.html``, ``/من-نحن``); a short name holding one of the
# distinctive words (``jo-gen-faq.asp``, ``site-terms``) counts too.
_SITE_PAGES = frozenset(
    {
        "about",
        "about-us",
        "aboutus",
        "about_us",
        "contact",
        "contact-us",
        "contactus",
        "contact_us",
        "من-نحن",
        "اتصل-بنا",
        "سياسة-الخصوصية",
        "شروط-الاستخدام",
        "اتفاقية-الاستخدام",
    }
)
_SITE_PAGE_WORDS = frozenset(
    {
        "legal",
        "privacy",
        "terms",
        "tos",
        "cookies",
        "disclaimer",
        "imprint",
        "impressum",
        "faq",
        "faqs",
        "sitemap",
    }
)
# A section's front page: the address ends in a section's name (``/news/``,
# ``/رياضة``, ``/articles/الأخبار``, ``/news/world-news``), with no query. (One word
# under a section, ``/reports/libya/``, may be one report: it stays.)
_SECTIONS = frozenset(
    {
        "news",
        "world-news",
        "local-news",
        "latest",
        "sport",
        "sports",
        "politics",
        "economy",
        "business",
        "culture",
        "opinion",
        "articles",
        "reports",
        "أخبار",
        "الأخبار",
        "اخبار",
        "الاخبار",
        "رياضة",
        "الرياضة",
        "سياسة",
        "السياسة",
        "اقتصاد",
        "الاقتصاد",
        "ثقافة",
        "الثقافة",
        "مقالات",
        "المقالات",
        "منوعات",
        "تقارير",
        "محليات",
    }
)
_NAME_PARTS = re.compile(r"[-_]")
_EXTENSION = re.compile(r"\.\w{2,5}$")
# A segment naming one article: a page file, or a slug of four or more words.
_SLUG = re.compile(r"(?:[^-_]+[-_]){3,}[^-_]+")
_ARTICLE_SEGMENT = re.compile(rf".+\.(?:s?html?|php\d?|aspx?|jsp|cfm)|{_SLUG.pattern}")
SUFFIX = " (by its address)"


def listing_address(url: str | None) -> str | None:
    """Why the page at ``url`` is a listing rather than an article, or None."""
    if not url or "//" not in url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    segments = [unquote(s).lower() for s in parts.path.split("/") if s]
    if segments and _FRONT_FILE.fullmatch(segments[0]):  # /index.php/ar/news
        segments = segments[1:]
    if segments and _LANGUAGE.fullmatch(segments[0]):
        segments = segments[1:]
    if segments and _FRONT_FILE.fullmatch(segments[-1]):  # /ar/index.php, /naqed/index.php
        segments = segments[:-1]
    query = [(k.lower(), v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    query = [(k, v) for k, v in query if k not in _NEUTRAL_KEYS and not k.startswith("utm_")]
    kind = _by_path(segments) if segments else _by_query(query)
    if kind is None and _offset_only(query, segments):
        kind = "a later page of a list"
    if kind is None and _period_only(query, segments):
        kind = "a date archive"
    if kind is None and not query and _section_front(segments):
        kind = "a section's front page"
    return kind + SUFFIX if kind else None


def _offset_only(query: list[tuple[str, str]], segments: list[str]) -> bool:
    """The query is only a list's offset, and no path segment names an article."""
    return (
        bool(query)
        and all(k in _OFFSET_KEYS and v.isdigit() for k, v in query)
        and not _names_article(segments)
    )


def _names_article(segments: list[str], by_file: bool = True) -> bool:
    """A path segment names one article: a slug, a number or (``by_file``) a page file."""
    pattern = _ARTICLE_SEGMENT if by_file else _SLUG
    return any(pattern.fullmatch(s) or s.isdigit() for s in segments)


def _section_front(segments: list[str]) -> bool:
    """The path ends in a section's name, and no segment names an article (a slug, a
    page file, a number or a date)."""
    return (
        bool(segments)
        and segments[-1] in _SECTIONS
        and not _names_article(segments)
        and not any(c.isdigit() for s in segments for c in s)
    )


def _period_only(query: list[tuple[str, str]], segments: list[str]) -> bool:
    """The query is only a period (a month and year, a date), and no path segment
    names an article by a slug or a number (an archive's script may be any file)."""
    return (
        bool(query)
        and all(
            (k in _DATE_KEYS or k.endswith("date")) and _DATE_VALUE.fullmatch(v) for k, v in query
        )
        and not _names_article(segments, by_file=False)
    )


def _by_path(segments: list[str]) -> str | None:
    paged = len(segments) >= 2 and segments[-2] == "page" and segments[-1].isdigit()
    rest = segments[:-2] if paged else segments
    if rest and rest[-1] == "feed":
        return "a feed"
    if rest and _site_page(rest[-1]):
        return "the site's own page (terms, privacy, about, contact or FAQ)"
    if len(rest) == 1 and _BLOGGER_ARCHIVE.fullmatch(rest[0]):
        return "a date archive"
    if rest and _LISTING_FILE.fullmatch(rest[-1]):
        return "a later page of a list" if paged else "a list of articles"
    if len(rest) >= 2 and rest[-2] in _ARABIC_ARCHIVE and _PERIOD.fullmatch(rest[-1]):
        return "a date archive"
    if (
        rest
        and len(rest) <= 3
        and _YEAR.fullmatch(rest[0])
        and all(_DATE_PART.fullmatch(s) for s in rest[1:])
    ):
        return "a date archive"
    # The last listing segment names the page (``/search/label/…`` is a label listing).
    for index in reversed(range(len(rest))):
        segment = rest[index]
        if segment in _LISTING_SEGMENTS:
            if any(_ARTICLE_SEGMENT.fullmatch(s) for s in rest[index + 1 :]):
                return None
            return _LISTING_SEGMENTS[segment]
    return "a later page of a list" if paged else None


def _site_page(segment: str) -> bool:
    """The segment names one of the site's own pages rather than an article."""
    name = _EXTENSION.sub("", segment)
    if name in _SITE_PAGES:
        return True
    words = [w for w in _NAME_PARTS.split(name) if w]
    return len(words) <= 3 and any(w in _SITE_PAGE_WORDS for w in words)


def _by_query(query: list[tuple[str, str]]) -> str | None:
    if not query:
        return "the site's home page"
    if any(k not in _LISTING_KEYS for k, _ in query):
        return None
    if any(k in _NUMERIC_KEYS and not v.isdigit() for k, v in query):
        return None
    # The most specific key names the listing: a tag or category before its page number.
    order = list(_LISTING_KEYS)
    return _LISTING_KEYS[min((k for k, _ in query), key=order.index)]
