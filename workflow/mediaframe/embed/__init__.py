"""Sentence-embedding backends behind one interface, chosen by name in config.

Example:
    >>> embedder = get_embedder({"backend": "use", "threads": 2})
    >>> embedder.embed(["واشنطن توقف العمليات", "Washington halts operations"]).shape
    (2, 512)
"""

from __future__ import annotations

from typing import Any

from mediaframe.embed.base import Embedder
from mediaframe.errors import MediaframeError

BACKENDS = ("use", "e5-small", "sentence-transformers")


def get_embedder(settings: dict[str, Any]) -> Embedder:
    """Build the embedder named by ``settings["backend"]`` (config section ``embed``)."""
    backend = settings.get("backend", "use")
    threads = int(settings.get("threads", 1))
    if backend == "use":
        from mediaframe.embed.use import USEEmbedder

        return USEEmbedder(threads=threads)
    if backend == "e5-small":
        from mediaframe.embed.e5 import E5Embedder

        return E5Embedder(threads=threads)
    if backend == "sentence-transformers":
        from mediaframe.embed.sentence_transformers import SentenceTransformerEmbedder

        return SentenceTransformerEmbedder(settings["model"], threads=threads)
    raise MediaframeError(
        f"config.yaml: embed.backend '{backend}' is unknown. Fix: use one of {', '.join(BACKENDS)}."
    )


__all__ = ["BACKENDS", "Embedder", "get_embedder"]
