"""Reader comments stored as data: a list inside each article record, or separate files.

Two shapes, both common in scraped and exported corpora:

- **nested**: each article record has a field (``corpus.fields.comments``) holding a list
  of comment objects, or a JSON string of one (a CSV cell). The keys of each object are
  mapped by ``corpus.comment_fields``.
- **separate files** (``corpus.comments``): JSONL, CSV or Parquet files with one comment
  per record, joined to the articles by an article-id column.

Every comment record read ends either in the ingested comments (sharded like the
articles, by the article's ``doc_id``) or in the comment rejects with a reason naming the
file, the record and the fix: a comments field that is not a list, an item that is not
an object, a text that is not text, a comment without an article id, a comment whose
article is not in the corpus or was rejected. Comment text keeps its words only: HTML
markup and entities are removed and mojibake is repaired, each repair recorded. Times
given as Unix timestamps become ISO dates; other times stay as given (cleaning resolves
them against the article date).

Example:
    >>> comments, rejects, manifest = ingest_comments(documents, dropped, files, settings)
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path

import polars as pl

from mediaframe.errors import MediaframeError
from mediaframe.ingest.encoding import decode_bytes, repair_mojibake
from mediaframe.ingest.read import MANIFEST_SCHEMA, detect_format, file_content
from mediaframe.io import COMMENT_REJECT_SCHEMA

# One row per comment record that was read and attached to an article.
INGESTED_COMMENT_SCHEMA: dict[str, pl.DataType] = {
    "doc_id": pl.String(),  # the article the comment belongs to
    "source": pl.String(),  # the file it was read from
    "record": pl.Int64(),  # the record in that file (the article record, if nested)
    "item": pl.Int64(),  # position in the record's comments list (1-based); 0 for a file row
    "origin": pl.String(),  # "field" (nested in the article record) or "file"
    "comment_id": pl.String(),
    "parent": pl.String(),  # the comment id this one replies to
    "author": pl.String(),
    "time_text": pl.String(),
    "text": pl.String(),
    "likes": pl.Int64(),
    "repair": pl.String(),
}
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_BREAK = re.compile(r"<\s*(?:br\s*/?|/\s*(?:p|div|li|blockquote))\s*>", re.IGNORECASE)
# Unix timestamps between 2001 and 2286 in seconds, or in milliseconds.
_SECONDS = (1e9, 1e10)
_MILLISECONDS = (1e12, 1e13)


@dataclass(frozen=True)
class CommentFields:
    """Which key of a comment object (or column of a comments file) holds each attribute.

    ``article`` (the article id) is read only from separate comments files.
    """

    article: str | None = "article_id"
    id: str | None = "id"
    parent: str | None = "parent"
    author: str | None = "author"
    time: str | None = "time"
    text: str = "text"
    likes: str | None = "likes"

    @classmethod
    def from_config(cls, mapping: dict[str, str | None] | None) -> CommentFields:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in (mapping or {}).items() if k in known})


@dataclass(frozen=True)
class CommentSettings:
    """The comment parts of the ``corpus`` config section (paths excluded)."""

    nested_field: str | None = "comments"  # corpus.fields.comments
    item_fields: CommentFields = field(default_factory=CommentFields)  # corpus.comment_fields
    file_fields: CommentFields = field(default_factory=CommentFields)  # corpus.comments.fields
    format: str = "auto"  # corpus.comments.format
    repair_mojibake: bool = True
    max_file_mb: float = 200.0

    @classmethod
    def from_config(cls, corpus: dict) -> CommentSettings:
        files = corpus.get("comments") or {}
        return cls(
            nested_field=(corpus.get("fields") or {}).get("comments", "comments"),
            item_fields=CommentFields.from_config(corpus.get("comment_fields")),
            file_fields=CommentFields.from_config(files.get("fields")),
            format=files.get("format", "auto"),
            repair_mojibake=corpus.get("repair_mojibake", True),
            max_file_mb=corpus.get("max_file_mb", 200.0),
        )


def comment_text(text: str, repair: bool = True) -> tuple[str, list[str]]:
    """A comment's text without HTML markup or entities, mojibake repaired; and what was done.

    Example:
        >>> comment_text("رأي<br>ثانٍ &amp; ثالث")
        ('رأي\\nثانٍ & ثالث', ['html entities', 'html markup'])
    """
    done = []
    if "<" in text and _TAG.search(text):
        text = _TAG.sub("", _BREAK.sub("\n", text))
        done.append("html markup")
    if "&" in text:
        unescaped = html.unescape(text)
        if unescaped != text:
            text = unescaped
            done.append("html entities")
    if repair:
        fixed, how = repair_mojibake(text)
        if how:
            text = fixed
            done.append(how)
    return text, sorted(done)


def comment_items(raw: str | None) -> tuple[list | None, str | None]:
    """The comment objects a record's comments field holds, or why it holds none.

    ``None``, ``""`` and ``[]`` hold no comments (and no records); a list (or a JSON
    string of one) holds its items; anything else is a reason.
    """
    if raw is None or not raw.strip():
        return [], None
    try:
        value = json.loads(raw)
    except json.JSONDecodeError:
        return None, f"holds text that is not a JSON list of comment objects ({_excerpt(raw)})"
    if value is None:
        return [], None
    if not isinstance(value, list):
        kind = {dict: "an object", str: "a string", bool: "true/false"}.get(type(value), "a number")
        return None, f"holds {kind}, not a list of comment objects ({_excerpt(raw)})"
    return value, None


def ingest_comments(
    documents: pl.DataFrame,
    dropped: pl.DataFrame,
    document_rejects: pl.DataFrame,
    manifest: pl.DataFrame,
    comment_files: Sequence[str | Path],
    settings: CommentSettings,
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """All reader comments given as data, attached to their articles.

    Args:
        documents: the ingested documents (with ``comments_raw``).
        dropped: the documents rejected at ingest (``read_corpus(..., with_dropped=True)``);
            their comments are rejected with the article's reason.
        document_rejects: the ingest rejects (why each dropped document was rejected).
        manifest: the corpus manifest from ``read_corpus``.
        comment_files: the files matched by ``corpus.comments.paths``.
        settings: the comment settings from config.

    Returns:
        ``(comments, rejects, manifest)``: the comments attached to kept documents, the
        comment rejects, and the manifest with a ``comments`` column (comment records read
        per file) and a row for each comments file (``records`` 0: it holds no articles,
        so the article ledger is unaffected).

    Raises:
        MediaframeError: a file is matched by both corpus.paths and corpus.comments.paths.
    """
    both = set(manifest["source"]) & {str(Path(p)) for p in comment_files}
    if both:
        raise MediaframeError(
            f"{sorted(both)[0]} is matched by both corpus.paths and corpus.comments.paths. "
            "Fix: make corpus.comments.paths match only the comments files."
        )
    rows: list[dict] = []
    rejects: list[dict] = []
    counts: dict[str, int] = {}
    for doc in _with_raw(documents).iter_rows(named=True):
        _nested(doc, settings, rows, rejects, counts)
    why = {
        (source, record): reason
        for source, record, reason in document_rejects.select(
            "source", "record", "reason"
        ).iter_rows()
    }
    for doc in _with_raw(dropped).iter_rows(named=True):
        reason = why.get((doc["source"], doc["record"]), "rejected")
        _nested(doc, settings, rows, rejects, counts, article_rejected=reason)
    files = [
        _read_comment_file(path, settings, rows, rejects, counts)
        for path in sorted({Path(p) for p in comment_files})
    ]
    comments = pl.DataFrame(rows, schema=INGESTED_COMMENT_SCHEMA)
    comments, orphans = _attach(comments, documents, dropped, why, settings)
    reject_frame = (
        pl.concat([pl.DataFrame(rejects, schema=COMMENT_REJECT_SCHEMA), orphans])
        .cast(COMMENT_REJECT_SCHEMA)
        .sort("source", "record", "item")
    )
    count_frame = pl.DataFrame(
        {"source": list(counts), "comments": list(counts.values())},
        schema={"source": pl.String, "comments": pl.Int64},
    )
    with_files = (
        pl.concat([manifest, pl.DataFrame(files, schema=MANIFEST_SCHEMA).select(manifest.columns)])
        .join(count_frame, on="source", how="left")
        .with_columns(pl.col("comments").fill_null(0))
        .sort("source")
    )
    return (
        comments.cast(INGESTED_COMMENT_SCHEMA).sort("doc_id", "source", "record", "item"),
        reject_frame,
        with_files,
    )


def _with_raw(documents: pl.DataFrame) -> pl.DataFrame:
    if "comments_raw" not in documents.columns or documents.is_empty():
        return pl.DataFrame(schema={"doc_id": pl.String, "source": pl.String, "record": pl.Int64})
    return documents.filter(pl.col("comments_raw").is_not_null()).select(
        "doc_id", "source", "record", "comments_raw"
    )


def _nested(
    doc: dict,
    settings: CommentSettings,
    rows: list,
    rejects: list,
    counts: dict,
    article_rejected: str | None = None,
) -> None:
    """The comment objects of one article record (all rejected when the record was)."""
    items, problem = comment_items(doc.get("comments_raw"))
    where = {"source": doc["source"], "record": doc["record"], "doc_id": doc["doc_id"]}
    if article_rejected:
        reason = f"its article record was rejected at ingest: {article_rejected}"
        numbers = [0] if problem else range(1, len(items or []) + 1)
        counts[doc["source"]] = counts.get(doc["source"], 0) + len(numbers)
        for item in numbers:
            value = items[item - 1] if item else None
            rejects.append(_reject(where, item, "field", _id_of(value, settings), "ingest", reason))
        return
    if problem:
        counts[doc["source"]] = counts.get(doc["source"], 0) + 1
        rejects.append(
            _reject(
                where,
                0,
                "field",
                None,
                "ingest",
                f"the comments field '{settings.nested_field}' {problem}. Fix: store the comments as a "
                "list of objects (or set corpus.fields.comments to the field that holds one)",
            )
        )
        return
    counts[doc["source"]] = counts.get(doc["source"], 0) + len(items or [])
    for item, value in enumerate(items or [], start=1):
        row, reason = _comment_row(value, settings.item_fields, settings, "comment")
        if reason:
            rejects.append(_reject(where, item, "field", _id_of(value, settings), "ingest", reason))
            continue
        rows.append(row | where | {"item": item, "origin": "field"})


def _read_comment_file(
    path: Path, settings: CommentSettings, rows: list, rejects: list, counts: dict
) -> dict:
    """Read one comments file; returns its manifest row."""
    fmt = detect_format(path, settings.format)
    data = path.read_bytes()
    entry = {
        "source": str(path),
        "digest": hashlib.blake2b(data, digest_size=16).hexdigest(),
        "format": fmt,
        "bytes": len(data),
        "encoding": None,
        "records": 0,
    }
    source = str(path)

    def reject_file(reason: str) -> dict:
        counts[source] = 1
        rejects.append(
            _reject(
                {"source": source, "record": 0, "doc_id": None}, 0, "file", None, "ingest", reason
            )
        )
        return entry

    if fmt not in ("jsonl", "csv", "parquet"):
        return reject_file(
            f"a comments file must be JSONL, CSV or Parquet, not {fmt}. "
            "Fix: export the comments in one of those formats (or set corpus.comments.format)"
        )
    data, problem = file_content(path, data, settings.max_file_mb)
    if problem:
        return reject_file(problem)
    records = _file_records(path, fmt, data, settings, entry, rejects)
    if records is None:
        return reject_file(entry.pop("_problem"))
    count = 0
    mapping = settings.file_fields
    for number, value in records:
        count += 1
        where = {"source": source, "record": number, "doc_id": None}
        if not isinstance(value, dict):
            continue  # rejected while reading (malformed line)
        row, reason = _comment_row(value, mapping, settings, "record")
        article = _text_value(value.get(mapping.article)) if mapping.article else None
        if not reason and not article:
            reason = (
                f"no article id in column '{mapping.article}'. Fix: set "
                "corpus.comments.fields.article to the column holding the article id"
            )
        if reason:
            rejects.append(
                _reject(where, 0, "file", _id_of(value, settings, mapping), "ingest", reason)
            )
            continue
        rows.append(row | where | {"doc_id": article, "item": 0, "origin": "file"})
    counts[source] = count
    return entry


def _file_records(
    path: Path, fmt: str, data: bytes, settings: CommentSettings, entry: dict, rejects: list
) -> Iterator[tuple[int, object]] | None:
    """The records of a comments file as (number, dict); None (with ``entry['_problem']``)
    when the file cannot be read at all."""
    source = str(path)
    if fmt == "parquet":
        entry["encoding"] = "parquet"
        try:
            frame = pl.read_parquet(io.BytesIO(data))
        except Exception as error:  # polars raises several error types for unreadable files
            entry["_problem"] = f"unreadable parquet file: {str(error).splitlines()[0]}"
            return None
        return enumerate(frame.iter_rows(named=True), start=1)
    decoded = decode_bytes(data, repair=False)
    entry["encoding"] = decoded.encoding
    if decoded.text is None:
        entry["_problem"] = decoded.problem or "undecodable"
        return None
    if fmt == "csv":
        try:
            frame = pl.read_csv(io.BytesIO(decoded.text.encode("utf-8")), infer_schema=False)
        except Exception as error:  # polars raises several error types for unreadable files
            entry["_problem"] = f"unreadable csv file: {str(error).splitlines()[0]}"
            return None
        missing = [
            name
            for name in (settings.file_fields.text, settings.file_fields.article)
            if name and name not in frame.columns
        ]
        if missing:
            entry["_problem"] = (
                f"the comments file has no column '{missing[0]}' (columns: "
                f"{', '.join(frame.columns)}). Fix: set corpus.comments.fields in config.yaml"
            )
            return None
        return enumerate(frame.iter_rows(named=True), start=1)
    return _jsonl(decoded.text, source, rejects)


def _jsonl(text: str, source: str, rejects: list) -> Iterator[tuple[int, object]]:
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        where = {"source": source, "record": number, "doc_id": None}
        try:
            value = json.loads(raw)
        except json.JSONDecodeError as error:
            rejects.append(
                _reject(where, 0, "file", None, "ingest", f"malformed JSON line: {error}")
            )
            yield number, None
            continue
        if not isinstance(value, dict):
            rejects.append(_reject(where, 0, "file", None, "ingest", "JSON line is not an object"))
            yield number, None
            continue
        yield number, value


def _comment_row(
    value: object, mapping: CommentFields, settings: CommentSettings, what: str
) -> tuple[dict, str | None]:
    """One comment object mapped to the ingested columns, or why it cannot be."""
    if not isinstance(value, dict):
        return {}, (
            f"{what} is {_kind(value)}, not a comment object "
            f"({_excerpt(json.dumps(value, ensure_ascii=False, default=str))}). "
            "Fix: each comment must be an object with a text key (corpus.comment_fields.text)"
        )
    raw_text = value.get(mapping.text)
    if isinstance(raw_text, dict | list):
        return {}, (
            f"the comment text '{mapping.text}' is {_kind(raw_text)}, not text. Fix: map "
            "corpus.comment_fields.text (or corpus.comments.fields.text) to the text key"
        )
    repairs: list[str] = []
    text = _text_value(raw_text)
    if text:
        text, repairs = comment_text(text, settings.repair_mojibake)
    author = _text_value(value.get(mapping.author)) if mapping.author else None
    if author:
        author, author_repairs = comment_text(author, settings.repair_mojibake)
        repairs = sorted({*repairs, *author_repairs})
        author = author.strip() or None
    return {
        "comment_id": _text_value(value.get(mapping.id)) if mapping.id else None,
        "parent": _text_value(value.get(mapping.parent)) if mapping.parent else None,
        "author": author,
        "time_text": _time_text(value.get(mapping.time)) if mapping.time else None,
        "text": text,
        "likes": _likes(value.get(mapping.likes)) if mapping.likes else None,
        "repair": "; ".join(repairs) or None,
    }, None


def _attach(
    comments: pl.DataFrame,
    documents: pl.DataFrame,
    dropped: pl.DataFrame,
    why: dict[tuple[str, int], str],
    settings: CommentSettings,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Comments whose article is a kept document, and rejects for the others (comments
    files only: nested comments always have their article)."""
    ids = documents.select("doc_id")
    kept = comments.join(ids, on="doc_id", how="semi")
    others = comments.join(ids, on="doc_id", how="anti")
    reasons = pl.DataFrame(
        [
            {"doc_id": doc_id, "_why": why.get((source, record), "rejected")}
            for doc_id, source, record in dropped.select("doc_id", "source", "record").iter_rows()
        ],
        schema={"doc_id": pl.String, "_why": pl.String},
    ).unique("doc_id", keep="first", maintain_order=True)
    column = settings.file_fields.article
    rejected = others.join(reasons, on="doc_id", how="left").select(
        "source",
        "record",
        "item",
        "doc_id",
        "origin",
        "comment_id",
        pl.lit("ingest").alias("stage"),
        pl.when(pl.col("_why").is_not_null())
        .then(pl.format("its article '{}' was rejected at ingest: {}", "doc_id", "_why"))
        .otherwise(
            pl.format(
                f"no article with id '{{}}' (column '{column}') in the corpus. Fix: check that "
                "corpus.paths covers the commented articles and that corpus.fields.id names "
                "the articles' id field",
                "doc_id",
            )
        )
        .alias("reason"),
    )
    return kept, rejected


def _reject(
    where: dict, item: int, origin: str, comment_id: str | None, stage: str, reason: str
) -> dict:
    return {
        "source": where["source"],
        "record": where["record"],
        "item": item,
        "doc_id": where.get("doc_id"),
        "origin": origin,
        "comment_id": comment_id,
        "stage": stage,
        "reason": reason,
    }


def _id_of(
    value: object, settings: CommentSettings, mapping: CommentFields | None = None
) -> str | None:
    key = (mapping or settings.item_fields).id
    return _text_value(value.get(key)) if isinstance(value, dict) and key else None


def _text_value(value: object) -> str | None:
    """A scalar as text (ints without a trailing .0); None for missing and containers."""
    if value is None or isinstance(value, dict | list):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _time_text(value: object) -> str | None:
    """The time as given; a Unix timestamp (seconds or milliseconds) as an ISO time."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = value / 1000 if _MILLISECONDS[0] <= value < _MILLISECONDS[1] else value
        if _SECONDS[0] <= seconds < _SECONDS[1]:
            return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%d %H:%M:%S")
    text = _text_value(value)
    return text.strip() or None if text else None


def _likes(value: object) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return int(float(str(value).replace(",", "").strip()))
    except ValueError:
        return None


def _kind(value: object) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "null"
    return "a number" if isinstance(value, int | float) else type(value).__name__


def _excerpt(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[:limit] + "…")
