"""Per-document results kept between runs, so that a grown corpus computes only its new
documents in the per-document stages (clean, actors, stance).

Shards are a hash of ``doc_id``, so the new documents of an added file land in every
shard and every shard's job runs again. Each such job keys every document by a digest
of all it reads for that document (its input rows, and for cleaning the learned
boilerplate entries that occur in its text) and keeps, beside its outputs, a *store*:
hard links to the outputs it wrote and the keys (``results/<name>/store/<stage>/<shard>/``).
The next run takes the rows of every document whose key is unchanged from the store and
computes the others, so the result equals a full run's by construction. The store is
void as a whole when the stage's settings, its library code or the polars version (row
digests use polars' hashing) differ from the run that wrote it.

Example:
    >>> store = DocumentStore("results/seed/store/clean/00", salt_of(settings, code_files))
    >>> tables, counts = store.run(document_keys(documents), compute)
    >>> store.save(counts.keys, outputs)
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

KEYS = "keys.parquet"
_SEEDS = (0x5EED0001, 0x5EED0002)


def salt_of(settings: object, code_files: Sequence[str | Path]) -> str:
    """A digest of a stage's settings, the files they name (a stance head, a lexicon),
    its library code and the polars version: the part of every document's key that is
    the same for all documents."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(json.dumps(settings, sort_keys=True, default=str).encode())
    digest.update(pl.__version__.encode())
    named = sorted({s for s in _strings(settings) if os.path.isfile(s)})
    for path in [*sorted(str(p) for p in code_files), *named]:
        digest.update(Path(path).name.encode())
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()


def _strings(value: object) -> list[str]:
    """Every string inside nested dicts and lists."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return []


def row_digests(frame: pl.DataFrame, by: str = "doc_id") -> pl.DataFrame:
    """``by, digest``: one 128-bit digest (two UInt64 columns hashed into a string)
    of all rows of each document, in their order."""
    if frame.is_empty():
        return pl.DataFrame(schema={by: pl.String(), "digest": pl.String()})
    hashed = frame.select(
        pl.col(by),
        *(pl.Series(f"_h{i}", frame.hash_rows(seed=seed)) for i, seed in enumerate(_SEEDS)),
    )
    return (
        hashed.group_by(by, maintain_order=True)
        .agg("_h0", "_h1")
        .select(
            by,
            pl.concat_str(
                pl.col("_h0").hash(seed=_SEEDS[0]).cast(pl.String),
                pl.col("_h1").hash(seed=_SEEDS[1]).cast(pl.String),
                separator="-",
            ).alias("digest"),
        )
    )


def document_keys(doc_ids: pl.Series, *parts: pl.DataFrame) -> pl.DataFrame:
    """``doc_id, key`` for every id in ``doc_ids``: the digests of each part's rows of
    that document (:func:`row_digests`; a document without rows in a part counts as
    empty), joined."""
    keys = pl.DataFrame({"doc_id": doc_ids.unique(maintain_order=True).cast(pl.String)})
    for number, part in enumerate(parts):
        keys = keys.join(
            row_digests(part).rename({"digest": f"_p{number}"}), on="doc_id", how="left"
        )
    columns = [pl.col(f"_p{n}").fill_null("") for n in range(len(parts))]
    return keys.select("doc_id", pl.concat_str(columns, separator="|").alias("key"))


@dataclass(frozen=True)
class Reuse:
    """What a run took from the store: the keys it wrote, and document counts."""

    keys: pl.DataFrame
    computed: int
    stored: int

    def describe(self) -> str:
        return f"{self.computed} documents computed, {self.stored} from the store"


class DocumentStore:
    """The stored outputs of one stage on one shard, and the key of each document."""

    def __init__(self, folder: str | Path, salt: str) -> None:
        self.folder = Path(folder)
        self.salt = salt

    def _stored_keys(self) -> pl.DataFrame | None:
        path = self.folder / KEYS
        with contextlib.suppress(OSError, pl.exceptions.PolarsError):
            keys = pl.read_parquet(path)
            if keys.height and keys["salt"][0] == self.salt:
                return keys.select("doc_id", "key")
        return None

    def run(
        self,
        keys: pl.DataFrame,
        compute: Callable[[pl.Series], Mapping[str, pl.DataFrame]],
        tables: Mapping[str, Sequence[str]],
    ) -> tuple[dict[str, pl.DataFrame], Reuse]:
        """The stage's tables for the documents in ``keys``.

        ``compute(doc_ids)`` returns the tables for those documents (a full run calls
        it with every id). ``tables`` names each table and the columns it is sorted by
        (a stable sort, which must include ``doc_id``): each document's rows must come
        out of ``compute`` in the same order whatever other documents it is given. The
        stored rows of unchanged documents and the computed rows of the others are
        merged in that order, so the tables equal a full run's.
        """
        stored_keys = self._stored_keys()
        hits = (
            keys.join(stored_keys, on=["doc_id", "key"], how="semi")
            if stored_keys is not None
            else keys.head(0)
        )
        todo = keys.join(hits, on="doc_id", how="anti")["doc_id"]
        stored = {} if hits.is_empty() else self._stored_rows(hits["doc_id"], tables)
        if stored is None:  # a stored table is missing or unreadable: compute everything
            stored, todo, hits = {}, keys["doc_id"], keys.head(0)
        if todo.is_empty() and stored:
            result = stored
        else:
            computed = dict(compute(todo))
            result = {
                name: _merge(stored[name], computed[name], order) if stored else computed[name]
                for name, order in tables.items()
            }
        return result, Reuse(keys, computed=todo.len(), stored=hits.height)

    def _stored_rows(
        self, doc_ids: pl.Series, tables: Sequence[str]
    ) -> dict[str, pl.DataFrame] | None:
        frames = {}
        for name in tables:
            try:
                frame = pl.read_parquet(self.folder / f"{name}.parquet")
            except (OSError, pl.exceptions.PolarsError):
                return None
            frames[name] = frame.filter(pl.col("doc_id").is_in(doc_ids.implode()))
        return frames

    def save(self, reuse: Reuse, outputs: Mapping[str, str | Path]) -> None:
        """Keep the written ``outputs`` (hard links, or copies where links fail) and the
        keys, replacing the previous store in one rename."""
        parent = self.folder.parent
        parent.mkdir(parents=True, exist_ok=True)
        fresh = parent / f".{self.folder.name}.new-{os.getpid()}"
        shutil.rmtree(fresh, ignore_errors=True)
        fresh.mkdir()
        for name, path in outputs.items():
            try:
                os.link(path, fresh / f"{name}.parquet")
            except OSError:
                shutil.copyfile(path, fresh / f"{name}.parquet")
        reuse.keys.with_columns(pl.lit(self.salt).alias("salt")).write_parquet(fresh / KEYS)
        old = parent / f".{self.folder.name}.old-{os.getpid()}"
        if self.folder.exists():
            self.folder.rename(old)
        fresh.rename(self.folder)
        shutil.rmtree(old, ignore_errors=True)


def _merge(stored: pl.DataFrame, computed: pl.DataFrame, order: Sequence[str]) -> pl.DataFrame:
    """Stored and computed rows in a full run's order (``order``, stable: a document's
    own rows keep their order)."""
    if computed.is_empty():
        return stored.rechunk()
    merged = pl.concat([stored, computed.select(stored.columns).cast(stored.schema)])
    return merged.sort(*order, nulls_last=False, maintain_order=True).rechunk()
