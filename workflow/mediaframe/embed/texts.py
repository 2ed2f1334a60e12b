"""Which text of an article is embedded: title + lead, the first N characters, or the
whole text in chunks whose vectors are averaged.

Sentence encoders read short texts best (USE was trained on sentences and short
paragraphs), so the default embeds the title and the start of the body. ``chunks``
covers long articles whose subject shifts, at the cost of one embedding per chunk.

Example:
    >>> article_chunks("عنوان", "فقرة أولى\\nفقرة ثانية", EmbedTextSettings(mode="title_lead"))
    ['عنوان\\nفقرة أولى\\nفقرة ثانية']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from mediaframe.errors import MediaframeError

MODES = ("first_chars", "title_lead", "chunks")
_SENTENCE_END = re.compile(r"(?<=[.!?؟؛…])\s+|\n+")


@dataclass(frozen=True)
class EmbedTextSettings:
    """The ``embed`` config keys that decide the embedded text."""

    mode: str = "first_chars"
    max_chars: int = 2000
    lead_chars: int = 400
    chunk_chars: int = 1000
    max_chunks: int = 8

    @classmethod
    def from_config(cls, section: dict[str, Any]) -> EmbedTextSettings:
        settings = cls(
            **{k: section[k] for k in cls.__dataclass_fields__ if section.get(k) is not None}
        )
        if settings.mode not in MODES:
            raise MediaframeError(
                f"config.yaml: embed.mode '{settings.mode}' is unknown. Fix: use one of "
                f"{', '.join(MODES)}."
            )
        return settings


def article_chunks(title: str | None, text: str | None, settings: EmbedTextSettings) -> list[str]:
    """The texts embedded for one article (one, except in ``chunks`` mode)."""
    text = text or ""
    head = f"{title}\n" if title else ""
    if settings.mode == "first_chars":
        return [(head + text)[: settings.max_chars]]
    if settings.mode == "title_lead":
        lead = ""
        for paragraph in (p.strip() for p in text.splitlines()):
            if paragraph:
                lead = f"{lead}\n{paragraph}" if lead else paragraph
            if len(lead) >= settings.lead_chars:
                break
        return [(head + lead)[: settings.max_chars]]
    chunks: list[str] = []
    current = head
    for piece in _SENTENCE_END.split(text):
        piece = piece.strip()
        if not piece:
            continue
        if current and len(current) + len(piece) + 1 > settings.chunk_chars:
            chunks.append(current.strip())
            if len(chunks) == settings.max_chunks:
                return chunks
            current = ""
        current = f"{current} {piece}" if current else piece
    if current.strip() or not chunks:
        chunks.append(current.strip()[: settings.chunk_chars * 2])
    return chunks[: settings.max_chunks]
