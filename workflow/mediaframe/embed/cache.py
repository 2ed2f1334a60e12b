"""Content-addressed embedding cache: one folder per backend, vectors keyed by text hash.

Each embedding job appends one parquet part holding only the vectors it had to
compute, so re-running a stage with unchanged texts embeds nothing, and parallel
jobs never write the same file.

Example:
    >>> vectors = embed_cached(["نص"], get_embedder({"backend": "use"}), Path("results/cache"))
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import polars as pl

from mediaframe.embed.base import Embedder
from mediaframe.embed.texts import EmbedTextSettings, article_chunks
from mediaframe.normalize import content_hash


def backend_folder(cache_dir: Path, backend_id: str) -> Path:
    return cache_dir / re.sub(r"[^A-Za-z0-9._-]+", "_", backend_id)


def embed_cached(
    texts: Sequence[str], embedder: Embedder, cache_dir: Path
) -> tuple[np.ndarray, int]:
    """Embed ``texts``, reading known vectors from the cache and adding new ones.

    Returns:
        The vectors in input order and how many distinct texts had to be embedded.
    """
    hashes = [content_hash(text) for text in texts]
    folder = backend_folder(cache_dir, embedder.backend_id)
    known = _lookup(folder, set(hashes))
    missing = sorted({h for h in hashes if h not in known})
    if missing:
        text_of = dict(zip(hashes, texts, strict=True))
        vectors = embedder.embed([text_of[h] for h in missing])
        _append(folder, missing, vectors)
        known.update(zip(missing, vectors, strict=True))
    if not hashes:
        return np.zeros((0, 0), dtype=np.float32), 0
    return np.vstack([known[h] for h in hashes]).astype(np.float32), len(missing)


def _lookup(folder: Path, hashes: set[str]) -> dict[str, np.ndarray]:
    if not hashes or not any(folder.glob("*.parquet")):
        return {}
    found = (
        pl.scan_parquet(folder / "*.parquet")
        .filter(pl.col("text_hash").is_in(list(hashes)))
        .unique("text_hash", keep="first", maintain_order=True)
        .collect()
    )
    return {
        h: np.asarray(v, dtype=np.float32)
        for h, v in zip(found["text_hash"], found["vector"].to_list(), strict=True)
    }


def _append(folder: Path, hashes: list[str], vectors: np.ndarray) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    part = folder / f"part-{content_hash(''.join(hashes))}.parquet"
    frame = pl.DataFrame(
        {
            "text_hash": hashes,
            "vector": pl.Series(vectors.astype(np.float32)).cast(
                pl.Array(pl.Float32, vectors.shape[1])
            ),
        }
    )
    temporary = part.with_suffix(".tmp")
    frame.write_parquet(temporary)
    temporary.replace(part)


EMBEDDING_SCHEMA: dict[str, pl.DataType] = {
    "doc_id": pl.String(),
    "text_hash": pl.String(),
    "chunks": pl.Int64(),
    "vector": pl.List(pl.Float32()),
}


def embed_articles(
    articles: pl.DataFrame,
    embedder: Embedder,
    cache_dir: Path,
    max_chars: int = 2000,
    text: EmbedTextSettings | None = None,
) -> tuple[pl.DataFrame, int]:
    """One vector per article (doc_id, text_hash, chunks, vector) and how many texts were
    newly embedded.

    ``text`` says what is embedded (:class:`EmbedTextSettings`; without it, the title and
    the first ``max_chars`` characters). Chunk vectors are averaged and scaled to unit length.
    """
    settings = text or EmbedTextSettings(max_chars=max_chars)
    per_article = [
        article_chunks(t, x, settings)
        for t, x in zip(articles["title"], articles["text"], strict=True)
    ]
    flat = [chunk for chunks in per_article for chunk in chunks]
    vectors, computed = embed_cached(flat, embedder, cache_dir)
    counts = np.array([len(chunks) for chunks in per_article], dtype=np.int64)
    if settings.mode == "chunks" and len(flat):
        owner = np.repeat(np.arange(len(per_article)), counts)
        summed = np.zeros((len(per_article), vectors.shape[1]), dtype=np.float64)
        np.add.at(summed, owner, vectors)
        norms = np.linalg.norm(summed, axis=1, keepdims=True)
        vectors = (summed / np.where(norms == 0, 1.0, norms)).astype(np.float32)
    width = vectors.shape[1] if vectors.size else 0
    frame = pl.DataFrame(
        {
            "doc_id": articles["doc_id"].to_list(),
            "text_hash": [content_hash("\x1f".join(chunks)) for chunks in per_article],
            "chunks": counts,
            "vector": pl.Series(vectors.reshape(len(per_article), width)).cast(pl.List(pl.Float32)),
        },
        schema=EMBEDDING_SCHEMA,
    ).sort("doc_id")
    return frame, computed


def vectors_of(embeddings: pl.DataFrame) -> np.ndarray:
    """The ``vector`` column of an embeddings table as a float32 matrix (rows in order)."""
    if embeddings.is_empty():
        return np.zeros((0, 0), dtype=np.float32)
    flat = embeddings["vector"].explode().to_numpy().astype(np.float32, copy=False)
    return flat.reshape(embeddings.height, -1)
