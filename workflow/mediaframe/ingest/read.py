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
import logging
import os
import re
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import polars as pl

from mediaframe.errors import MediaframeError, MissingDependencyError
from mediaframe.ingest.dates import parse_published
from mediaframe.ingest.encoding import decode_bytes, repair_mojibake
from mediaframe.io import REJECT_SCHEMA, Progress

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
    "published_raw": pl.String(),
    "date_problem": pl.String(),
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
    # the URL's subdomain (mubasher. of mubasher.aljazeera.net), beside the outlet
    "subdomain": pl.String(),
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
    date_order: str = "DMY"
    max_line_chars: int = 10_000
    # Domain (or host) -> outlet name, for outlets with several domains.
    outlets: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_config(cls, corpus: dict) -> CorpusSettings:
        return cls(
            outlets=dict(corpus.get("outlets") or {}),
            fields=FieldMapping.from_config(corpus.get("fields", {})),
            default_outlet=corpus.get("default_outlet", "unknown"),
            format=corpus.get("format", "auto"),
            outlet_from=tuple(corpus.get("outlet_from", ("field", "domain"))),
            on_missing_column=corpus.get("on_missing_column", "reject"),
            max_file_mb=corpus.get("max_file_mb", 200.0),
            repair_mojibake=corpus.get("repair_mojibake", True),
            date_order=corpus.get("date_order", "DMY"),
            max_line_chars=corpus.get("max_line_chars", 10_000),
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
    paths: Sequence[str | Path],
    settings: CorpusSettings,
    *,
    with_dropped: bool = False,
    progress: logging.Logger | None = None,
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
    files = sorted({Path(p) for p in paths})
    keys = file_keys(files)
    counter = Progress("ingest", len(files), "files", logger=progress) if progress else None
    for path in files:
        if counter:
            counter.advance()
        try:
            fmt = detect_format(path, settings.format)
            data = path.read_bytes()
        except (MediaframeError, OSError) as error:
            # A broken or self-referencing link, a folder, a file without permission or
            # an unknown extension: one record, rejected, the run goes on.
            reason = error.strerror if isinstance(error, OSError) else str(error)
            rejects.append(
                _reject(
                    str(path),
                    0,
                    None,
                    f"{path}: cannot be read ({reason}). Fix: "
                    "replace it with a readable corpus file or narrow corpus.paths",
                )
            )
            manifest.append(
                {
                    "source": str(path),
                    "digest": None,
                    "format": None,
                    "bytes": None,
                    "encoding": None,
                    "records": 1,
                }
            )
            continue
        result = _read_file(path, fmt, data, settings, keys[path])
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
    if counter:
        counter.done()
    for row in rows:
        if row["text"] and len(row["text"]) > settings.max_line_chars:
            row["text"], note = split_long_lines(row["text"], settings.max_line_chars)
            if note:
                row["repair"] = "; ".join(filter(None, [row["repair"], note]))
    documents = _finish_documents(rows, settings)
    read = documents
    visible = pl.col("text").str.contains(r"[^\p{Cf}\p{Z}\s]")
    empty = documents.filter(~visible.fill_null(False))
    rejects += [
        _reject(
            r["source"],
            r["record"],
            r["doc_id"],
            "empty text"
            if not r["text"]
            else "no visible characters (only spaces, zero-width or byte-order marks)",
        )
        for r in empty.select("source", "record", "doc_id", "text").iter_rows(named=True)
    ]
    documents = documents.filter(visible.fill_null(False))
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
    frame = _with_domains(frame, settings)
    dates = parse_published(frame["published"], settings.date_order)
    controls = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
    had_controls = pl.any_horizontal(
        pl.col(name).str.contains(controls).fill_null(False) for name in ("text", "title", "author")
    )
    return (
        frame.with_columns(
            _outlet_expr(settings).alias("outlet"),
            pl.col("published").str.strip_chars().replace("", None).alias("published_raw"),
            dates["published"].alias("published"),
            dates["date_problem"].alias("date_problem"),
            *(
                pl.when(had_controls)
                .then(pl.col(name).str.replace_all(controls, ""))
                .otherwise(pl.col(name))
                .alias(name)
                for name in ("text", "title", "author")
            ),
            pl.when(had_controls)
            .then(
                pl.concat_str(
                    [pl.col("repair"), pl.lit("control characters (NUL…) removed")],
                    separator="; ",
                    ignore_nulls=True,
                )
            )
            .otherwise(pl.col("repair"))
            .alias("repair"),
        )
        .with_columns(
            pl.col("text").str.strip_chars().alias("text"),
            pl.col("title").str.strip_chars().replace("", None).alias("title"),
        )
        .select(list(DOCUMENT_SCHEMA))
    )


_SENTENCE_END = re.compile(r"[.!?؟؛…]+\s")


def split_long_lines(text: str, max_chars: int) -> tuple[str, str | None]:
    """Break lines longer than ``max_chars`` (a page flattened into one line, a dump
    without line breaks) so that every later stage works on bounded pieces: at the last
    sentence end before the limit, else the last space, else at the limit.

    Returns:
        The text and a note for the document's ``repair`` column (``None`` when no line
        was that long).
    """
    lines = text.split("\n")
    longest = max(map(len, lines))
    if longest <= max_chars:
        return text, None
    out: list[str] = []
    split = 0
    for line in lines:
        if len(line) <= max_chars:
            out.append(line)
            continue
        split += 1
        start = 0
        while len(line) - start > max_chars:
            window = line[start : start + max_chars]
            ends = [m.end() for m in _SENTENCE_END.finditer(window, max_chars // 2)]
            cut = ends[-1] if ends else window.rfind(" ", max_chars // 2) + 1
            cut = cut if cut > 0 else max_chars
            out.append(line[start : start + cut])
            start += cut
        out.append(line[start:])
    note = (
        f"{split} line(s) longer than corpus.max_line_chars={max_chars:,} (longest "
        f"{longest:,} characters) split at sentence ends or spaces"
    )
    return "\n".join(out), note


def unparsed_dates(documents: pl.DataFrame, order: str = "DMY") -> pl.DataFrame:
    """The documents whose date field was given but could not be parsed, with why."""
    problems = (
        documents["date_problem"]
        if "date_problem" in documents.columns
        else parse_published(documents["published_raw"], order)["date_problem"]
    )
    return (
        documents.select("source", "record", "doc_id", "published_raw")
        .with_columns(problems.alias("problem"))
        .filter(pl.col("problem").is_not_null())
        .sort("source", "record")
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
            candidates.append(pl.col("_domain"))
    candidates.append(pl.lit(settings.default_outlet))
    if settings.outlets:
        names = settings.outlets
        candidates = [c.replace(list(names), list(names.values())) for c in candidates[:-1]] + [
            candidates[-1]
        ]
    return pl.coalesce(
        [c.str.strip_chars().replace("", None) for c in candidates[:-1]] + [candidates[-1]]
    )


_HOST = r"^[a-zA-Z][a-zA-Z0-9+.-]*://(?:[^@/]*@)?([^/:?#]+)"


def _with_domains(frame: pl.DataFrame, settings: CorpusSettings) -> pl.DataFrame:
    """``_domain`` (the URL's registrable domain: ``mubasher.aljazeera.net`` ->
    ``aljazeera.net``, ``bbc.co.uk``; a configured ``corpus.outlets`` host wins) and
    ``subdomain`` (``mubasher``; ``www`` is not kept)."""
    hosts = frame["url"].str.extract(_HOST, 1).str.to_lowercase().str.strip_chars(".")
    split = {
        host: registrable_domain(host, settings.outlets) for host in hosts.unique().drop_nulls()
    }
    domains = [split[h][0] if h is not None else None for h in hosts]
    subdomains = [split[h][1] if h is not None else None for h in hosts]
    return frame.with_columns(
        pl.Series("_domain", domains, pl.String), pl.Series("subdomain", subdomains, pl.String)
    )


def registrable_domain(host: str, outlets: dict[str, str] | None = None) -> tuple[str, str | None]:
    """``(domain, subdomain)`` of a host, public-suffix aware and offline (tldextract's
    bundled list; private suffixes such as ``wordpress.com`` count, so each blog is its
    own outlet). A host named in ``outlets`` is kept whole, so it can be mapped.

    Example:
        >>> registrable_domain("mubasher.aljazeera.net")
        ('aljazeera.net', 'mubasher')
    """
    if outlets and host in outlets:
        return host, None
    parts = _extractor()(host)
    if not parts.suffix or not parts.domain:  # not a public suffix (localhost, .example)
        return re.sub(r"^www\d?\.", "", host), None
    domain = f"{parts.domain}.{parts.suffix}"
    subdomain = parts.subdomain
    if subdomain == "www" or (subdomain.startswith("www") and subdomain[3:].isdigit()):
        subdomain = ""
    return domain, subdomain.removeprefix("www.") or None


@cache
def _extractor():
    try:
        import tldextract
    except ImportError as error:  # pragma: no cover - a dependency
        raise MissingDependencyError("tldextract", "Outlets from URLs") from error
    # No network: the public suffix list bundled with the package.
    return tldextract.TLDExtract(
        suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True
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


def _read_file(
    path: Path, fmt: str, data: bytes, settings: CorpusSettings, key: str
) -> _FileResult:
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
        return _read_table(path, key, fmt, data, settings, result, reject_file)
    decoded = decode_bytes(data, repair=settings.repair_mojibake and fmt in ("txt", "html"))
    result.encoding = decoded.encoding
    if decoded.text is None:
        return reject_file(decoded.problem or "undecodable")
    if fmt in ("txt", "html"):
        result.records = 1
        result.rows.append(
            _single_page(path, key, fmt, decoded.text, decoded.encoding, decoded.repair)
        )
        return result
    if fmt == "jsonl":
        for number, record in _jsonl_records(decoded.text, path, result):
            _add_record(result, record, path, key, number, fmt, settings)
        if result.records == 0:
            return reject_file("no records (only blank lines)")
        return result
    return _read_table(path, key, fmt, decoded.text, settings, result, reject_file)


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


def _single_page(
    path: Path, key: str, fmt: str, text: str, encoding: str | None, repair: str | None
) -> dict:
    row = {name: None for name in DOCUMENT_SCHEMA} | {
        "doc_id": key,
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
        if _ESCAPED_SURROGATE.search(raw):
            record = _without_lone_surrogates(record)
        yield number, record


def _read_table(path, key, fmt, content, settings, result, reject_file) -> _FileResult:
    try:
        if fmt == "csv":
            frame = pl.read_csv(io.BytesIO(content.encode("utf-8")), infer_schema=False)
        else:
            frame = pl.read_parquet(io.BytesIO(content))
    except Exception as error:  # polars raises several error types for unreadable files
        return reject_file(f"unreadable {fmt} file: {str(error).splitlines()[0]}")
    if frame.height == 0:
        return reject_file(
            f"no records: the {fmt} file has columns ({', '.join(frame.columns)}) but no rows"
        )
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
        _add_record(result, record, path, key, number, fmt, settings)
    return result


def _add_record(
    result: _FileResult,
    record: dict,
    path: Path,
    key: str,
    number: int,
    fmt: str,
    settings: CorpusSettings,
) -> None:
    try:
        result.rows.append(_map_record(record, path, key, number, fmt, settings, result.encoding))
    except _RecordProblem as problem:
        result.rejects.append(_reject(str(path), number, problem.doc_id, str(problem)))


class _RecordProblem(Exception):
    """A record that cannot become a document; the message is its reject reason."""

    def __init__(self, reason: str, doc_id: str | None) -> None:
        super().__init__(reason)
        self.doc_id = doc_id


_SURROGATE = re.compile("[\ud800-\udfff]")
# A lone surrogate (invalid in UTF-8) can only come from a JSON escape such as \ud83d.
_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATES_REPLACED = "\x00surrogates replaced"  # marker key, never a field name


def _without_lone_surrogates(record: dict) -> dict:
    """The record with lone surrogates in its string values replaced by U+FFFD."""
    fixed = {
        name: _SURROGATE.sub("\ufffd", value) if isinstance(value, str) else value
        for name, value in record.items()
    }
    if fixed != record:
        fixed[_SURROGATES_REPLACED] = True
    return fixed


def _map_record(
    record: dict,
    path: Path,
    key: str,
    number: int,
    fmt: str,
    settings: CorpusSettings,
    encoding: str | None,
) -> dict:
    fields = settings.fields
    repairs: set[str] = set()
    if record.get(_SURROGATES_REPLACED):
        repairs.add("lone surrogate replaced by U+FFFD")

    def value(name: str | None) -> str | None:
        found = record.get(name) if name else None
        if isinstance(found, dict | list | tuple):
            kind = "an object" if isinstance(found, dict) else "a list"
            if name == fields.text:
                raise _RecordProblem(
                    f"{path} record {number}: the text field '{name}' holds {kind}, not a "
                    f"string (keys or items: {_preview(found)}). Fix: point corpus.fields.text "
                    "at the field that holds the article text",
                    None,
                )
            repairs.add(f"field '{name}' held {kind}; dropped")
            return None
        return None if found is None else found if isinstance(found, str) else str(found)

    # Scraped records often keep HTML entities (&quot;, &amp;) in their text fields.
    values = {
        name: html.unescape(found) if found and "&" in found else found
        for name, found in ((n, value(getattr(fields, n))) for n in ("text", "title", "author"))
    }
    for name, original in values.items():
        converted, tags = html_to_text(original) if original else (original, 0)
        if tags:
            values[name] = converted
            repairs.add(f"html in {name} converted to text ({tags} tags)")
    if settings.repair_mojibake:
        for name, original in values.items():
            fixed, how = repair_mojibake(original) if original else (original, None)
            if how:
                values[name] = fixed
                repairs.add(how)
    return {
        "doc_id": value(fields.id) or f"{key}:{number}",
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


def _preview(found: dict | list | tuple) -> str:
    items = list(found)[:5] if isinstance(found, dict) else [type(v).__name__ for v in found[:5]]
    return ", ".join(map(str, items))[:80]


def file_keys(files: Sequence[Path]) -> dict[Path, str]:
    """The id stem of each corpus file: its base name, or, where two files share a base
    name (``outletA/123.txt``, ``outletB/123.txt``), its path from the folder the
    clashing files have in common, so distinct articles never share a ``doc_id``."""
    by_name: dict[str, list[Path]] = {}
    for path in files:
        by_name.setdefault(base_name(path), []).append(path)
    keys = {}
    for name, group in by_name.items():
        if len(group) == 1:
            keys[group[0]] = name
            continue
        common = Path(os.path.commonpath([p.parent.absolute() for p in group]))
        for path in group:
            relative = path.parent.absolute().relative_to(common).as_posix()
            keys[path] = f"{relative}/{name}" if relative != "." else name
    return keys


_TAG = re.compile(
    r"</?(?:p|br|div|span|a|li|ul|ol|strong|em|b|i|u|h[1-6]|img|table|tbody|thead|tr|td|th"
    r"|font|section|article|blockquote|figure|figcaption|iframe|hr|sup|sub|small|center)\b[^>]*>",
    re.IGNORECASE,
)
_BLOCK_END = re.compile(
    r"<br\s*/?>|</(?:p|div|li|h[1-6]|tr|blockquote|figcaption)>|<hr\b[^>]*>", re.I
)
_DROPPED = re.compile(r"<(script|style)\b.*?</\1>|<!--.*?-->", re.IGNORECASE | re.DOTALL)


def html_to_text(text: str) -> tuple[str, int]:
    """Text fields that hold HTML (``<p>``, ``<br>``, entities) as plain text: block
    ends and ``<br>`` become line breaks, other tags go, entities are decoded.
    Returns the text and the number of tags removed (0: the text had no HTML).

    Example:
        >>> html_to_text("<p>First &amp; foremost</p><p dir='rtl'>Second<br>line</p>")
        ('First & foremost\nSecond\nline', 6)
    """
    if "<" not in text:
        return text, 0
    tags = len(_TAG.findall(text))
    if not tags:
        return text, 0
    text = _DROPPED.sub(" ", text)
    text = _BLOCK_END.sub("\n", text)
    text = _TAG.sub(" ", text)
    text = html.unescape(text)
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line), tags


def parse_url_domain(url: str | None) -> str | None:
    """The host of ``url`` without ``www.`` (the same rule as the outlet expression)."""
    if not url:
        return None
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else None
