"""Which learned boilerplate can touch a document, so that a grown corpus re-cleans
only the old documents its new pages change.

New pages change an outlet's learned boilerplate: new lines and phrases pass the
thresholds, others fall below them, and the counts the audit states ("in N of M
distinct pages of this outlet") move. An entry can change a document's cleaning only
if all its words occur in the document (its title or text), so a document's cleaning
key (:func:`clean_keys`) holds its own rows, its reader comments given as data and
the learned entries of its outlet whose words it contains; a document is cleaned again
exactly when one of those changed. The test is on words folded as the keys are and
with every non-letter deleted, so a word split or glued by punctuation still counts as
present: it may keep more entries than the cleaner uses, never fewer. A ``template``
entry (a page that is a site's frame without its article) names its page by doc_id and
belongs to that page alone.

Example:
    >>> keys = clean_keys(documents, comments, boilerplate)
"""

from __future__ import annotations

import polars as pl

from mediaframe.docstore import document_keys
from mediaframe.normalize import FOLD_ALL

_NON_LETTERS = r"[^\w\s]|[\d_]"


def learned_in_documents(documents: pl.DataFrame, boilerplate: pl.DataFrame) -> pl.DataFrame:
    """The learned entries (all their columns) of each document's outlet whose words all
    occur in its title or text, one row per document and entry, with ``doc_id``, sorted
    by doc_id, kind and key."""
    columns = ["doc_id", *boilerplate.columns]
    empty = pl.DataFrame(schema={"doc_id": pl.String(), **boilerplate.schema}).select(columns)
    if documents.is_empty() or boilerplate.is_empty():
        return empty
    frame = pl.col("kind") == "template" if "kind" in boilerplate.columns else pl.lit(False)
    pages = (
        boilerplate.filter(frame)
        .with_columns(pl.col("key").alias("doc_id"))
        .join(documents.select("doc_id"), on="doc_id", how="semi")
        .select(columns)
    )
    return pl.concat([_by_words(documents, boilerplate.filter(~frame), empty), pages]).sort(
        "doc_id", *[c for c in ("kind", "key") if c in boilerplate.columns]
    )


def _by_words(
    documents: pl.DataFrame, boilerplate: pl.DataFrame, empty: pl.DataFrame
) -> pl.DataFrame:
    """The entries whose words all occur in a document of their outlet (unsorted;
    ``empty`` when none)."""
    if boilerplate.is_empty():
        return empty
    entries = boilerplate.with_row_index("_entry")
    words = (
        entries.select("_entry", "outlet", pl.col("key").str.split(" ").alias("word"))
        .explode("word")
        .filter(pl.col("word") != "")
        .unique()
    )
    needed = words.group_by("_entry").agg(pl.len().alias("_needed"))
    text = FOLD_ALL.expr(
        pl.concat_str([pl.col("title").fill_null(""), pl.col("text").fill_null("")], separator="\n")
    ).str.replace_all(_NON_LETTERS, "")
    found = []
    for (outlet,), vocabulary in words.group_by("outlet"):
        docs = documents.filter(pl.col("outlet") == outlet)
        if docs.is_empty():
            continue
        patterns = vocabulary["word"].unique().sort()
        found.append(
            docs.select(
                "doc_id",
                pl.lit(outlet).alias("outlet"),
                text.str.extract_many(patterns.implode(), overlapping=True).alias("word"),
            )
            .explode("word")
            .drop_nulls("word")
            .unique()
        )
    if not found:
        return empty
    present = (
        pl.concat(found)
        .join(words, on=["outlet", "word"])
        .group_by("doc_id", "_entry")
        .agg(pl.len().alias("_found"))
        .join(needed, on="_entry")
        .filter(pl.col("_found") == pl.col("_needed"))
    )
    return present.join(entries, on="_entry").select(empty.columns)


def clean_keys(
    documents: pl.DataFrame, comments: pl.DataFrame, boilerplate: pl.DataFrame
) -> pl.DataFrame:
    """``doc_id, key`` per document: a digest of its rows, its comments given as data
    and the learned entries that can touch it (:func:`learned_in_documents`)."""
    return document_keys(
        documents["doc_id"],
        documents,
        comments,
        learned_in_documents(documents, boilerplate),
    )
