"""Read a corpus (text, HTML, JSONL, CSV, Parquet, each optionally gzipped) into documents.

Every input record ends either in the documents table or in the rejects table with a
reason, and the manifest counts the records read from each file, so the ledger can
prove that nothing was lost. A *record* is a ``.txt``/``.html`` file, a non-blank
JSONL line, a CSV row or a Parquet row; a file that cannot be read at all is one
record (number 0) rejected as a whole.

Document ids are stable: the mapped id field when the corpus has one, else the file
name (``.txt``, ``.html``) or ``<file name>:<record number>``. Each document records
the encoding its file was decoded with and any mojibake repair.

Example:
    >>> docs, rejects, manifest = read_corpus(["seeds/a.txt"], CorpusSettings(default_outlet="x"))
"""

from __future__ import annotations

import gzip
import hashlib
import html
import io
import json
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import polars as pl

from mediaframe.errors import MediaframeError
from mediaframe.ingest.encoding import decode_bytes, repair_mojibake
from mediaframe.io import REJECT_SCHEMA

FORMATS = ("txt", "html", "jsonl", "csv", "parquet")
OUTLET_SOURCES = ("field", "folder", "domain")
_EXTENSIONS = {
    "txt": "txt",
    "text": "txt",
    "html": "html",
    "htm": "html",
    "xhtml": "html",
    "jsonl": "jsonl",
    "ndjson": "jsonl",
    "csv": "csv",
    "parquet": "parquet",
    "pq": "parquet",
}

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
    "author": pl.String(),
    "format": pl.String(),
    "encoding": pl.String(),
    "repair": pl.String(),
    "comments_text": pl.String(),
    # the record's reader-comments field as given (corpus.fields.comments), JSON-encoded
    # unless it was a string; mediaframe.ingest.comments reads it
    "comments_raw": pl.String(),
}
MANIFEST_SCHEMA: dict[str, pl.DataType] = {
    "source": pl.String(),
    "digest": pl.String(),
    "format": pl.String(),
    "bytes": pl.Int64(),
    "encoding": pl.String(),
    "records": pl.Int64(),
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
    author: str | None = "author"
    comments: str | None = "comments"

    @classmethod
    def from_config(cls, fields: dict[str, str | None]) -> FieldMapping:
        return cls(**fields)


@dataclass(frozen=True)
class CorpusSettings:
    """The ``corpus`` config section, minus the paths (Snakemake expands those)."""

    fields: FieldMapping = field(default_factory=FieldMapping)
    default_outlet: str = "unknown"
    format: str = "auto"
    outlet_from: Sequence[str] = ("field", "domain")
    on_missing_column: str = "reject"
    max_file_mb: float = 200.0
    repair_mojibake: bool = True

    @classmethod
    def from_config(cls, corpus: dict) -> CorpusSettings:
        return cls(
            fields=FieldMapping.from_config(corpus.get("fields", {})),
            default_outlet=corpus.get("default_outlet", "unknown"),
            format=corpus.get("format", "auto"),
            outlet_from=tuple(corpus.get("outlet_from", ("field", "domain"))),
            on_missing_column=corpus.get("on_missing_column", "reject"),
            max_file_mb=corpus.get("max_file_mb", 200.0),
            repair_mojibake=corpus.get("repair_mojibake", True),
        )


def detect_format(path: Path, configured: str = "auto") -> str:
    """Return the corpus format of ``path``: the configured one or its extension."""
    if configured != "auto":
        return configured
    name = path.name.lower().removesuffix(".gz")
    suffix = name.rsplit(".", 1)[-1] if "." in name else ""
    if suffix not in _EXTENSIONS:
        raise MediaframeError(
            f"{path}: cannot tell the corpus format from the extension '.{suffix}'. "
            f"Fix: rename the file or set corpus.format to one of {', '.join(FORMATS)}."
        )
    return _EXTENSIONS[suffix]


def base_name(path: Path) -> str:
    """File name without ``.gz`` and the format extension (``a.jsonl.gz`` -> ``a``)."""
    name = path.name.removesuffix(".gz").removesuffix(".GZ")
    return name.rsplit(".", 1)[0] if "." in name else name


@dataclass
class _FileResult:
    rows: list[dict] = field(default_factory=list)
    rejects: list[dict] = field(default_factory=list)
    encoding: str | None = None
    records: int = 0


def read_corpus(
    paths: Sequence[str | Path], settings: CorpusSettings, *, with_dropped: bool = False
) -> tuple[pl.DataFrame, ...]:
    """Read all corpus files into ``(documents, rejects, manifest)``.

    ``language`` stays null where the corpus does not give it; cleaning identifies it.
    Duplicate ``doc_id``s keep the first occurrence (in sorted path and record order)
    and reject the others. The manifest has one row per file: digest, format, size,
    encoding and the number of records read. With ``with_dropped``, a fourth frame
    holds the documents rejected here (empty text, duplicate id), whose reader
    comments must be accounted for too.
    """
    rows: list[dict] = []
    rejects: list[dict] = []
    manifest: list[dict] = []
    for path in sorted({Path(p) for p in paths}):
        fmt = detect_format(path, settings.format)
        data = path.read_bytes()
        result = _read_file(path, fmt, data, settings)
        rows += result.rows
        rejects += result.rejects
        manifest.append(
            {
                "source": str(path),
                "digest": hashlib.blake2b(data, digest_size=16).hexdigest(),
                "format": fmt,
                "bytes": len(data),
                "encoding": result.encoding,
                "records": result.records,
            }
        )
    documents = _finish_documents(rows, settings)
    read = documents
    empty = documents.filter(pl.col("text").is_null() | (pl.col("text") == ""))
    rejects += [
        _reject(r["source"], r["record"], r["doc_id"], "empty text")
        for r in empty.select("source", "record", "doc_id").iter_rows(named=True)
    ]
    documents = documents.filter(pl.col("text").is_not_null() & (pl.col("text") != ""))
    first = documents.group_by("doc_id").agg(
        pl.col("source").first().alias("_first_source"),
        pl.col("record").first().alias("_first_record"),
    )
    duplicated = (
        documents.filter(~pl.col("doc_id").is_first_distinct())
        .join(first, on="doc_id", how="left")
        .select("source", "record", "doc_id", "_first_source", "_first_record")
    )
    rejects += [
        _reject(
            r["source"],
            r["record"],
            r["doc_id"],
            f"duplicate doc_id '{r['doc_id']}' (first in {r['_first_source']} record {r['_first_record']})",
        )
        for r in duplicated.iter_rows(named=True)
    ]
    documents = documents.filter(pl.col("doc_id").is_first_distinct()).sort("doc_id")
    reject_frame = pl.DataFrame(rejects, schema=REJECT_SCHEMA).sort("source", "record", "doc_id")
    manifest_frame = pl.DataFrame(manifest, schema=MANIFEST_SCHEMA).sort("source")
    if with_dropped:
        dropped = read.join(
            documents.select("source", "record"), on=["source", "record"], how="anti"
        )
        return documents, reject_frame, manifest_frame, dropped
    return documents, reject_frame, manifest_frame


def _finish_documents(rows: list[dict], settings: CorpusSettings) -> pl.DataFrame:
    frame = pl.DataFrame(rows, schema=DOCUMENT_SCHEMA | {"published": pl.String()}, strict=False)
    return frame.with_columns(
        _outlet_expr(settings).alias("outlet"),
        parse_dates(pl.col("published")).alias("published"),
        pl.col("text").str.strip_chars().alias("text"),
        pl.col("title").str.strip_chars().replace("", None).alias("title"),
    )


def _outlet_expr(settings: CorpusSettings) -> pl.Expr:
    """The outlet from the first source in ``outlet_from`` that has one."""
    candidates = []
    for source in settings.outlet_from:
        if source == "field":
            candidates.append(pl.col("outlet"))
        elif source == "folder":
            candidates.append(
                pl.col("source").str.extract(r"([^/\\]+)[/\\][^/\\]+$", 1).alias("_folder")
            )
        elif source == "domain":
            candidates.append(
                pl.col("url")
                .str.extract(r"^[a-zA-Z][a-zA-Z0-9+.-]*://(?:[^@/]*@)?([^/:?#]+)", 1)
                .str.to_lowercase()
                .str.replace(r"^www\d?\.", "")
            )
    candidates.append(pl.lit(settings.default_outlet))
    return pl.coalesce(
        [c.str.strip_chars().replace("", None) for c in candidates[:-1]] + [candidates[-1]]
    )


_INDIC_DIGITS = {chr(0x0660 + d): str(d) for d in range(10)} | {
    chr(0x06F0 + d): str(d) for d in range(10)
}


def parse_dates(column: pl.Expr) -> pl.Expr:
    """Dates as given by scrapers: ISO (with or without time), d/m/Y, Arabic-Indic digits."""
    text = column.str.strip_chars().str.replace_many(
        list(_INDIC_DIGITS), list(_INDIC_DIGITS.values())
    )
    return pl.coalesce(
        text.str.slice(0, 10).str.to_date("%Y-%m-%d", strict=False),
        text.str.to_date("%Y/%m/%d", strict=False),
        text.str.to_date("%d/%m/%Y", strict=False),
        text.str.to_date("%d-%m-%Y", strict=False),
        text.str.to_datetime(strict=False, time_zone="UTC").dt.date(),
    )


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


def _read_file(path: Path, fmt: str, data: bytes, settings: CorpusSettings) -> _FileResult:
    result = _FileResult()
    whole_file = str(path), 0, None

    def reject_file(reason: str) -> _FileResult:
        result.records = 1
        result.rejects.append(_reject(*whole_file, reason))
        return result

    data, problem = file_content(path, data, settings.max_file_mb)
    if problem:
        return reject_file(problem)
    if fmt == "parquet":
        result.encoding = "parquet"
        return _read_table(path, fmt, data, settings, result, reject_file)
    decoded = decode_bytes(data, repair=settings.repair_mojibake and fmt in ("txt", "html"))
    result.encoding = decoded.encoding
    if decoded.text is None:
        return reject_file(decoded.problem or "undecodable")
    if fmt in ("txt", "html"):
        result.records = 1
        result.rows.append(_single_page(path, fmt, decoded.text, decoded.encoding, decoded.repair))
        return result
    if fmt == "jsonl":
        for number, record in _jsonl_records(decoded.text, path, result):
            result.rows.append(_map_record(record, path, number, fmt, settings, result.encoding))
        return result
    return _read_table(path, fmt, decoded.text, settings, result, reject_file)


def file_content(path: Path, data: bytes, max_file_mb: float) -> tuple[bytes, str | None]:
    """A file's bytes, decompressed when gzipped, or why it cannot be read as a whole
    (too large, corrupt gzip, empty)."""
    if len(data) > max_file_mb * 1024 * 1024:
        return data, (
            f"file of {len(data) / 2**20:.0f} MB is larger than corpus.max_file_mb="
            f"{max_file_mb:g} (raise it to read this file)"
        )
    if path.name.lower().endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as error:
            return data, f"corrupt gzip file: {error}"
    if not data.strip():
        return data, "empty file"
    return data, None


def _single_page(path: Path, fmt: str, text: str, encoding: str | None, repair: str | None) -> dict:
    row = {name: None for name in DOCUMENT_SCHEMA} | {
        "doc_id": base_name(path),
        "source": str(path),
        "record": 1,
        "format": fmt,
        "encoding": encoding,
        "repair": repair,
    }
    if fmt == "txt":
        return row | {"text": text}
    from mediaframe.ingest.html_extract import extract_html

    page = extract_html(text)
    return row | {
        "title": page.title,
        "text": page.text,
        "published": page.published,
        "author": page.author,
        "comments_text": page.comments_text,
    }


def _jsonl_records(text: str, path: Path, result: _FileResult) -> Iterator[tuple[int, dict]]:
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        result.records += 1
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as error:
            result.rejects.append(_reject(str(path), number, None, f"malformed JSON line: {error}"))
            continue
        if not isinstance(record, dict):
            result.rejects.append(_reject(str(path), number, None, "JSON line is not an object"))
            continue
        yield number, record


def _read_table(path, fmt, content, settings, result, reject_file) -> _FileResult:
    try:
        if fmt == "csv":
            frame = pl.read_csv(io.BytesIO(content.encode("utf-8")), infer_schema=False)
        else:
            frame = pl.read_parquet(io.BytesIO(content))
    except Exception as error:  # polars raises several error types for unreadable files
        return reject_file(f"unreadable {fmt} file: {str(error).splitlines()[0]}")
    fields = settings.fields
    if fields.text not in frame.columns:
        message = (
            f"{path}: the text field '{fields.text}' is not a column (columns: "
            f"{', '.join(frame.columns)}). Fix: set corpus.fields.text in config.yaml"
        )
        if settings.on_missing_column == "error":
            raise MediaframeError(message + ".")
        result.records = frame.height
        result.rejects += [
            _reject(str(path), number, None, f"missing text column: {message.split(': ', 1)[1]}")
            for number in range(1, frame.height + 1)
        ]
        return result
    result.records = frame.height
    for number, record in enumerate(frame.iter_rows(named=True), start=1):
        result.rows.append(_map_record(record, path, number, fmt, settings, result.encoding))
    return result


def _map_record(
    record: dict, path: Path, number: int, fmt: str, settings: CorpusSettings, encoding: str | None
) -> dict:
    fields = settings.fields

    def value(name: str | None) -> str | None:
        found = record.get(name) if name else None
        return None if found is None else str(found)

    # Scraped records often keep HTML entities (&quot;, &amp;) in their text fields.
    values = {
        name: html.unescape(found) if found and "&" in found else found
        for name, found in ((n, value(getattr(fields, n))) for n in ("text", "title", "author"))
    }
    repairs: set[str] = set()
    if settings.repair_mojibake:
        for name, original in values.items():
            fixed, how = repair_mojibake(original) if original else (original, None)
            if how:
                values[name] = fixed
                repairs.add(how)
    return {
        "doc_id": value(fields.id) or f"{base_name(path)}:{number}",
        "source": str(path),
        "record": number,
        "outlet": value(fields.outlet),
        "published": value(fields.published),
        "url": value(fields.url),
        "language": value(fields.language),
        "title": values["title"],
        "text": values["text"],
        "author": values["author"],
        "format": fmt,
        "encoding": encoding,
        "repair": "; ".join(sorted(repairs)) or None,
        "comments_text": None,
        "comments_raw": _raw_comments(record.get(fields.comments) if fields.comments else None),
    }


def _raw_comments(found: object) -> str | None:
    """The comments field as text: strings as given, anything else JSON-encoded."""
    if found is None or isinstance(found, str):
        return found
    return json.dumps(found, ensure_ascii=False, default=str)


def parse_url_domain(url: str | None) -> str | None:
    """The host of ``url`` without ``www.`` (the same rule as the outlet expression)."""
    if not url:
        return None
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else None
