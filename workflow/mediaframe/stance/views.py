"""Texts built around a mention for embedding-based stance ("views" of the context).

A view name says which text is embedded for a mention:

* ``sentence``: the whole sentence;
* ``marked``: the sentence with the target wrapped in brackets;
* ``window{k}``: ``k`` words either side of the target, target included;
* ``left{k}`` / ``right{k}``: the target with ``k`` words before / after it;
* ``lx{k}`` / ``rx{k}``: the ``k`` words before / after the target, without it
  (``.`` when there are none);
* ``mention``: the target alone.

The same function builds the views at training and at scoring time, so the head
always sees the texts it was trained on.

Example:
    >>> view_text("sentence", "Ankara shelled the SDF again.", 19, 22)
    'Ankara shelled the SDF again.'
    >>> view_text("left2", "Ankara shelled the SDF again.", 19, 22)
    'shelled the SDF'
"""

from __future__ import annotations

import re

_VIEW = re.compile(r"^(sentence|marked|mention|window|left|right|lx|rx)(\d*)$")
_WORD = re.compile(r"\S+")


def view_text(view: str, sentence: str, start: int, end: int) -> str:
    """The text of ``view`` for the target at ``[start, end)`` of ``sentence``."""
    match = _VIEW.match(view)
    if match is None:
        raise ValueError(f"unknown stance view '{view}'")
    kind, size = match.group(1), int(match.group(2) or 0)
    if kind == "sentence":
        return sentence
    if kind == "marked":
        return f"{sentence[:start]}[{sentence[start:end]}]{sentence[end:]}"
    if kind == "mention":
        return sentence[start:end]
    if kind == "lx":
        return " ".join(sentence[:start].split()[-size:]) or "."
    if kind == "rx":
        return " ".join(sentence[end:].split()[:size]) or "."
    left, right = start, end
    if kind in {"window", "left"} and size:
        before = [m.start() for m in _WORD.finditer(sentence[:start])]
        left = before[max(0, len(before) - size)] if before else start
    if kind in {"window", "right"} and size:
        after = [m.end() for m in _WORD.finditer(sentence, end)]
        right = after[min(size, len(after)) - 1] if after else end
    return sentence[left:right].strip()
