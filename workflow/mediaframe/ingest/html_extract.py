"""HTML page -> main text, title, date, author and the reader-comments block.

The main text comes from trafilatura (a maintained extractor that drops menus,
scripts, event handlers and footers). Reader comments are taken out of the page
*before* extraction, from the elements whose class or id says they hold comments,
and kept as lines (author, time, text) so that the same comment parser as for
text pages can split them; trafilatura's own comment text is the fallback.

Example:
    >>> page = extract_html("<html><body><article><p>Body text here.</p></article></body></html>")
    >>> page.text
    'Body text here.'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mediaframe.errors import MissingDependencyError

_COMMENT_CONTAINER = re.compile(r"comment|disqus|reply-?list|تعليق", re.IGNORECASE)
_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "form", "button")


@dataclass(frozen=True)
class ExtractedPage:
    """What an HTML page holds; any field may be None where the page lacks it."""

    title: str | None
    text: str | None
    published: str | None
    author: str | None
    comments_text: str | None


def extract_html(html: str, url: str | None = None) -> ExtractedPage:
    """Extract the article and the reader-comments block from one HTML page."""
    try:
        import lxml.html
        import trafilatura
    except ImportError as error:  # pragma: no cover - both are dependencies
        raise MissingDependencyError("trafilatura", "Reading .html corpus files") from error
    if not html.strip():
        return ExtractedPage(None, None, None, None, None)
    try:
        tree = lxml.html.document_fromstring(html)
    except Exception:  # lxml raises several error types for broken markup
        return ExtractedPage(None, None, None, None, None)
    for element in tree.xpath("|".join(f"//{tag}" for tag in _DROP_TAGS)):
        _drop(element)
    comments_text = _take_comment_blocks(tree)
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        include_comments=comments_text is None,
        with_metadata=True,
        include_tables=True,
        favor_recall=True,
    )
    if document is None:
        return ExtractedPage(None, None, None, None, comments_text)
    fields = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    if comments_text is None and fields.get("comments"):
        comments_text = str(fields["comments"])
    return ExtractedPage(
        title=_clean(fields.get("title")),
        text=_clean(fields.get("text")),
        published=_clean(fields.get("date")),
        author=_clean(fields.get("author")),
        comments_text=comments_text,
    )


def _clean(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _drop(element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    # Keep the tail: it is text of the parent that follows the dropped element.
    if element.tail and element.tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _take_comment_blocks(tree) -> str | None:
    """Remove the outermost comment containers from ``tree``; return their lines."""
    containers = [
        element
        for element in tree.iter()
        if isinstance(element.tag, str)
        and _COMMENT_CONTAINER.search(f"{element.get('class', '')} {element.get('id', '')}")
    ]
    outermost = [
        element
        for element in containers
        if not any(ancestor in containers for ancestor in element.iterancestors())
    ]
    blocks = []
    for container in outermost:
        lines = [
            piece.strip()
            for element in container.iter()
            for piece in (
                element.text if isinstance(element.tag, str) else None,
                element.tail if element is not container else None,  # its tail is page text
            )
            if piece and piece.strip()
        ]
        _drop(container)
        if lines:
            blocks.append("\n".join(lines))
    return "\n".join(blocks) if blocks else None
