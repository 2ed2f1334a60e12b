"""Read a corpus (folders of .txt, JSONL, CSV, Parquet) into one documents table.

Every input record ends either in the documents table or in the rejects table with a
reason. Document ids are stable: the mapped id field when the corpus has one, else the
file name (``.txt``) or ``<file stem>:<record number>``.

Example:
    >>> docs, rejects = read_corpus(["seeds/a.txt"], FieldMapping(), default_outlet="x")
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from mediaframe.errors import MediaframeError

FORMATS = ("txt", "jsonl", "csv", "parquet")

DOCUMENT_SCHEMA: dict[str, pl.DataType] = {
    "doc_id": pl.String(),
    "source": pl.String(),
    "record": pl.Int64(),
    "outlet": pl.String(),
    "published": pl.Date(),
    "url": pl.String(),
    "language": pl.String(),
    "title": pl.String(),
    "text": pl.String(),
}
REJECT_SCHEMA: dict[str, pl.DataType] = {
    "source": pl.String(),
    "record": pl.Int64(),
    "doc_id": pl.String(),
    "stage": pl.String(),
    "reason": pl.String(),
}


@dataclass(frozen=True)
class FieldMapping:
    """Which input field holds each document attribute (record formats only)."""

    id: str | None = "id"
    title: str | None = "title"
    text: str = "text"
    outlet: str | None = "outlet"
    published: str | None = "published"
    url: str | None = "url"
    language: str | None = "language"

    @classmethod
    def from_config(cls, fields: dict[str, str | None]) -> FieldMapping:
        return cls(**fields)


def detect_format(path: Path, configured: str = "auto") -> str:
    """Return the corpus format of ``path``: the configured one or its extension."""
    if configured != "auto":
        return configured
    suffix = path.suffix.lower().lstrip(".")
    aliases = {"txt": "txt", "text": "txt", "jsonl": "jsonl", "ndjson": "jsonl", "csv": "csv"}
    aliases |= {"parquet": "parquet", "pq": "parquet"}
    if suffix not in aliases:
        raise MediaframeError(
            f"{path}: cannot tell the corpus format from the extension '.{suffix}'. "
            f"Fix: rename the file or set corpus.format to one of {', '.join(FORMATS)}."
        )
    return aliases[suffix]


def read_corpus(
    paths: Sequence[str | Path],
    fields: FieldMapping,
    *,
    default_outlet: str,
    corpus_format: str = "auto",
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Read all corpus files into ``(documents, rejects)``.

    ``language`` stays null where the corpus does not give it; cleaning guesses it.
    Duplicate ``doc_id``s keep the first occurrence (in sorted path and record order)
    and reject the others.
    """
    rows: list[dict] = []
    rejects: list[dict] = []
    for path in sorted(Path(p) for p in paths):
        fmt = detect_format(path, corpus_format)
        reader = {"txt": _read_txt, "jsonl": _read_jsonl, "csv": _read_table}
        reader["parquet"] = _read_table
        for record in reader[fmt](path, fields, rejects):
            rows.append(record)

    documents = pl.DataFrame(rows, schema=DOCUMENT_SCHEMA | {"published": pl.String()})
    documents = documents.with_columns(
        pl.col("outlet").fill_null(default_outlet).alias("outlet"),
        pl.col("published").str.to_date(strict=False).alias("published"),
        pl.col("text").str.strip_chars().alias("text"),
    )
    empty = documents.filter(pl.col("text").is_null() | (pl.col("text") == ""))
    rejects += [
        _reject(r["source"], r["record"], r["doc_id"], "empty text")
        for r in empty.iter_rows(named=True)
    ]
    documents = documents.filter(pl.col("text").is_not_null() & (pl.col("text") != ""))

    duplicated = documents.filter(
        pl.col("doc_id").is_duplicated() & ~pl.col("doc_id").is_first_distinct()
    )
    rejects += [
        _reject(r["source"], r["record"], r["doc_id"], f"duplicate doc_id '{r['doc_id']}'")
        for r in duplicated.iter_rows(named=True)
    ]
    documents = documents.filter(pl.col("doc_id").is_first_distinct()).sort("doc_id")
    reject_frame = pl.DataFrame(rejects, schema=REJECT_SCHEMA).sort("source", "record")
    return documents, reject_frame


def shard_of(doc_id: str, shards: int) -> int:
    """Stable shard number of a document (independent of Python's hash seed)."""
    digest = hashlib.blake2b(doc_id.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % shards


def partition(documents: pl.DataFrame, shards: int) -> list[pl.DataFrame]:
    """Split documents into ``shards`` frames by a stable hash of ``doc_id``."""
    shard_ids = pl.Series([shard_of(d, shards) for d in documents["doc_id"]], dtype=pl.Int64)
    with_shard = documents.with_columns(shard_ids.alias("_shard"))
    return [
        with_shard.filter(pl.col("_shard") == i).drop("_shard").sort("doc_id")
        for i in range(shards)
    ]


def _reject(source: str, record: int, doc_id: str | None, reason: str) -> dict:
    return {
        "source": source,
        "record": record,
        "doc_id": doc_id,
        "stage": "ingest",
        "reason": reason,
    }


def _read_txt(path: Path, fields: FieldMapping, rejects: list[dict]) -> Iterable[dict]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        rejects.append(
            _reject(
                str(path), 1, path.stem, f"not valid UTF-8 ({error.reason} at byte {error.start})"
            )
        )
        return
    yield {
        "doc_id": path.stem,
        "source": str(path),
        "record": 1,
        "outlet": None,
        "published": None,
        "url": None,
        "language": None,
        "title": None,
        "text": text,
    }


def _read_jsonl(path: Path, fields: FieldMapping, rejects: list[dict]) -> Iterable[dict]:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                record = json.loads(raw.decode("utf-8-sig"))
            except (UnicodeDecodeError, json.JSONDecodeError) as error:
                rejects.append(_reject(str(path), number, None, f"malformed JSON line: {error}"))
                continue
            if not isinstance(record, dict):
                rejects.append(_reject(str(path), number, None, "JSON line is not an object"))
                continue
            yield _map_record(record, path, number, fields)


def _read_table(path: Path, fields: FieldMapping, rejects: list[dict]) -> Iterable[dict]:
    try:
        if path.suffix.lower() == ".csv":
            frame = pl.read_csv(path, infer_schema=False)
        else:
            frame = pl.read_parquet(path)
    except Exception as error:  # polars raises several error types for unreadable files
        rejects.append(_reject(str(path), 0, None, f"unreadable table: {error}"))
        return
    if fields.text not in frame.columns:
        raise MediaframeError(
            f"{path}: the text field '{fields.text}' is not a column (columns: "
            f"{', '.join(frame.columns)}). Fix: set corpus.fields.text in config.yaml."
        )
    for number, record in enumerate(frame.iter_rows(named=True), start=1):
        yield _map_record(record, path, number, fields)


def _map_record(record: dict, path: Path, number: int, fields: FieldMapping) -> dict:
    def field(name: str | None) -> str | None:
        value = record.get(name) if name else None
        return None if value is None else str(value)

    doc_id = field(fields.id) or f"{path.stem}:{number}"
    return {
        "doc_id": doc_id,
        "source": str(path),
        "record": number,
        "outlet": field(fields.outlet),
        "published": field(fields.published),
        "url": field(fields.url),
        "language": field(fields.language),
        "title": field(fields.title),
        "text": field(fields.text),
    }
