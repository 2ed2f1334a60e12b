"""Boilerplate learned from the corpus: lines and phrases that recur across an outlet's pages.

Menus, "الأكثر قراءة", "اقرأ أيضاً", share and subscribe lines and copyright footers
repeat on every page of an outlet while article sentences do not. :func:`learn_boilerplate`
counts, per outlet, on how many *distinct pages* each line occurs (compared by
:func:`line_key`: without punctuation, digits, emoji, case, diacritics or Arabic
spelling variants) and each word 4-gram inside a line (a *phrase*: menus and footers
glued onto sentence lines), and keeps those above both thresholds. Distinct pages:
exact and near-duplicate pages (the same article scraped twice, a syndicated copy) are
grouped first (:func:`~mediaframe.clean.duplicates.find_duplicates`) and count once, so
an article that occurs six times teaches nothing. A learned line must also have a
boilerplate form (not a prose sentence); learned phrases are only candidates, which the
cleaner removes outside the article block or where they do not form a sentence
(:mod:`~mediaframe.clean.inline`). Lines after a reader-comments heading are not
counted, so a reader's "شكرا" is never learned.

A page can also be all frame: when a site failed to serve the article, several of its
pages hold the same text (menus, teasers of other stories) under different headlines.
Such pages are found among the duplicate groups (:func:`template_pages`, kind
``template``, one entry per page) and the cleaner rejects them: none of them is the
story its headline names.

Example:
    >>> learn_boilerplate(documents, BoilerplateSettings(min_documents=5, min_share=0.05))
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from mediaframe.clean.duplicates import DuplicateSettings, find_duplicates
from mediaframe.clean.inline import PHRASE_WORDS, is_prose_text
from mediaframe.clean.keys import line_key_expr
from mediaframe.normalize import FOLD_ALL

BOILERPLATE_SCHEMA: dict[str, pl.DataType] = {
    "outlet": pl.String(),
    "kind": pl.String(),
    "key": pl.String(),
    "example": pl.String(),
    "documents": pl.Int64(),
    "outlet_documents": pl.Int64(),
    "share": pl.Float64(),
}


@dataclass(frozen=True)
class BoilerplateSettings:
    """When a recurring line counts as boilerplate.

    A line or phrase is boilerplate for an outlet when it occurs on at least
    ``min_documents`` of the outlet's distinct pages *and* on at least ``min_share`` of
    them; lines longer than ``max_chars`` are never learned as lines (long repeated
    paragraphs are syndicated copy, which duplicate detection handles).
    """

    min_documents: int = 3
    min_share: float = 0.05
    max_chars: int = 200
    enabled: bool = True


def document_lines(documents: pl.LazyFrame | pl.DataFrame) -> pl.LazyFrame:
    """One row per non-blank line: doc_id, outlet, line (number from 1), text."""
    return (
        documents.lazy()
        .select(
            "doc_id",
            "outlet",
            pl.col("text").str.split("\n").alias("text"),
        )
        .with_columns(pl.int_ranges(1, pl.col("text").list.len() + 1).alias("line"))
        .explode("text", "line")
        .with_columns(pl.col("text").str.strip_chars().alias("text"))
        .filter(pl.col("text") != "")
    )


def distinct_pages(documents: pl.LazyFrame | pl.DataFrame) -> pl.DataFrame:
    """``doc_id, outlet, page``: the page a document counts as (its duplicate group's
    canonical document, found on the whole folded text; else itself)."""
    frame = documents.lazy().select("doc_id", "outlet", "text")
    frame = frame.collect() if isinstance(frame, pl.LazyFrame) else frame
    docs = frame.select(
        "doc_id",
        "outlet",
        pl.lit(None, pl.Date).alias("published"),
        FOLD_ALL.expr(pl.col("text")).alias("text_norm"),
    )
    groups = find_duplicates(docs, DuplicateSettings(threshold=0.8))
    return (
        docs.select("doc_id", "outlet")
        .join(groups.select("doc_id", "group"), on="doc_id", how="left")
        .select("doc_id", "outlet", pl.coalesce("group", "doc_id").alias("page"))
    )


# A page's headline: its title, or without one the first words of its first line.
HEAD_WORDS = 10
# A headline is the page's own when at least this many of its words occur nowhere in
# the other pages of its group (a scrape with a ticker line above the headline has the
# others' headline in its text; a missing article's pages have headlines found nowhere
# else; a site's name after the headline is found everywhere).
HEAD_OWN_MIN = 3
# Pages in such a group: two pages may be one story published again under a new
# headline (SaudiNewsNet has a few), a site's frame is served for many pages.
FRAME_MIN_PAGES = 3
_LETTER_WORDS = r"[^\w\s]|[\d_]"


def template_pages(documents: pl.DataFrame, pages: pl.DataFrame) -> pl.DataFrame:
    """Entries (kind ``template``, ``key`` the page's doc_id) for pages that share their
    text with other pages of their outlet (one duplicate group, :func:`distinct_pages`)
    while each has a headline of its own: the site's frame around an article it did not
    serve. The group has at least ``FRAME_MIN_PAGES`` pages and every one of them has
    its own headline (see ``HEAD_OWN_MIN``), so scrapes of one article never qualify.

    Args:
        documents: ``doc_id, outlet, text`` and optionally ``title``.
        pages: :func:`distinct_pages` of the same documents.
    """
    title = (
        pl.col("title").cast(pl.String) if "title" in documents.columns else pl.lit(None, pl.String)
    )
    first_line = pl.col("text").str.strip_chars().str.split("\n").list.first()
    words = (
        FOLD_ALL.expr(pl.coalesce(pl.when(title.str.strip_chars() != "").then(title), first_line))
        .str.replace_all(_LETTER_WORDS, " ")
        .str.split(" ")
        .list.eval(pl.element().filter(pl.element() != ""))
        .list.head(HEAD_WORDS)
    )
    # Only the pages of large enough groups are read: heads and texts are folded there.
    grouped = (
        documents.lazy()
        .select("doc_id", "text", title.alias("title"))
        .join(pages.lazy(), on="doc_id")
        .filter(pl.len().over("page", "outlet") >= FRAME_MIN_PAGES)
        .select(
            "page",
            "outlet",
            "doc_id",
            words.alias("head"),
            FOLD_ALL.expr(pl.concat_str([title.fill_null(""), pl.col("text")], separator="\n"))
            .str.replace_all(_LETTER_WORDS, " ")
            .alias("_all"),
        )
        .collect()
    )
    found: list[dict] = []
    for (_page, outlet), group in grouped.group_by("page", "outlet", maintain_order=True):
        members = group.sort("doc_id").rows(named=True)
        texts = [set(m["_all"].split()) for m in members]
        own = []
        for i, member in enumerate(members):
            others = set().union(*(t for j, t in enumerate(texts) if j != i))
            own.append(sum(w not in others for w in set(member["head"])) >= HEAD_OWN_MIN)
        if not all(own):
            continue
        for member in members:
            found.append(
                {
                    "outlet": outlet,
                    "kind": "template",
                    "key": member["doc_id"],
                    "example": (
                        f"the same text as {len(members) - 1} other page(s) of this outlet "
                        "under other headlines: the site's frame around an article it did "
                        "not serve"
                    ),
                    "documents": len(members),
                }
            )
    outlet_docs = pages.group_by("outlet").agg(pl.len().cast(pl.Int64).alias("outlet_documents"))
    return (
        pl.DataFrame(
            found,
            schema={
                k: BOILERPLATE_SCHEMA[k] for k in ("outlet", "kind", "key", "example", "documents")
            },
        )
        .join(outlet_docs, on="outlet")
        .with_columns((pl.col("documents") / pl.col("outlet_documents")).alias("share"))
        .select(list(BOILERPLATE_SCHEMA))
    )


def learn_boilerplate(
    documents: pl.LazyFrame | pl.DataFrame,
    settings: BoilerplateSettings,
    comment_headings: Sequence[str] = (),
) -> pl.DataFrame:
    """Per outlet, the lines and phrases that recur on enough distinct pages.

    Returns:
        ``outlet, kind`` (``line``, ``phrase``, ``word``: the corpus vocabulary, with
        an empty outlet, or ``template``: a page of :func:`template_pages`, its doc_id as
        key, the reason as example), ``key, example, documents`` (distinct pages with
        it), ``outlet_documents`` (distinct pages of the outlet), ``share``, sorted by
        outlet, kind and key (``example`` is the most common spelling).
    """
    if not settings.enabled:
        return pl.DataFrame(schema=BOILERPLATE_SCHEMA)
    columns = documents.collect_schema().names()
    documents = (
        documents.lazy()
        .select("doc_id", "outlet", "text", *(["title"] if "title" in columns else []))
        .collect()
    )
    pages = distinct_pages(documents)
    templates = template_pages(documents, pages)
    documents = documents.join(pages.select("doc_id", "page"), on="doc_id")
    lines = document_lines(documents.select("doc_id", "outlet", "text")).join(
        pages.lazy().select("doc_id", "page"), on="doc_id"
    )
    if comment_headings:
        heading = _heading_regex(comment_headings)
        lines = lines.filter(
            ~pl.col("text").str.contains(heading).cum_max().over("doc_id", order_by="line")
        )
    lines = lines.collect().lazy()
    outlet_docs = (
        pages.lazy()
        .group_by("outlet")
        .agg(pl.col("page").n_unique().cast(pl.Int64).alias("outlet_documents"))
    )
    keyed = (
        lines.filter(pl.col("text").str.len_chars() <= settings.max_chars)
        .with_columns(line_key_expr(pl.col("text")).alias("key"))
        .filter(pl.col("key") != "")
        .collect()  # used twice below: computing the keys once is much faster
        .lazy()
    )
    learned_lines = _recurring(keyed, outlet_docs, settings, "line")
    # Phrases are counted on at most PHRASE_SAMPLE distinct pages per outlet (a fixed,
    # hash-chosen sample): boilerplate on a few percent of a large outlet's pages is
    # still on dozens of sampled pages, and a 30,000-page corpus learns in seconds.
    sample = (
        pages.unique("page")
        .with_columns(pl.col("page").hash(seed=3).rank("ordinal").over("outlet").alias("_rank"))
        .filter(pl.col("_rank") <= PHRASE_SAMPLE)
        .select("outlet", "page")
    )
    sampled_docs = (
        sample.lazy().group_by("outlet").agg(pl.len().cast(pl.Int64).alias("outlet_documents"))
    )
    learned_phrases = _learn_phrases(
        lines.join(sample.lazy().select("page"), on="page", how="semi"), sampled_docs, settings
    )
    vocabulary = _learn_vocabulary(lines, pages)
    learned = pl.concat(
        [
            frame.select(list(BOILERPLATE_SCHEMA))
            for frame in (learned_lines, learned_phrases, vocabulary, templates.lazy())
        ]
    )
    learned = learned.sort("outlet", "kind", "key").collect().cast(BOILERPLATE_SCHEMA)
    # A learned line needs a boilerplate form too: a recurring sentence stays article text.
    prose = [
        kind == "line" and is_prose_text(example)
        for kind, example in zip(learned["kind"], learned["example"], strict=True)
    ]
    return learned.filter(~pl.Series(prose, dtype=pl.Boolean))


def _recurring(
    keyed: pl.LazyFrame, outlet_docs: pl.LazyFrame, settings: BoilerplateSettings, kind: str
) -> pl.LazyFrame:
    """Keys (with an example text) on at least the thresholds' distinct pages."""
    counts = (
        keyed.unique(["page", "key"])
        .group_by("outlet", "key")
        .agg(pl.len().cast(pl.Int64).alias("documents"))
        .filter(pl.col("documents") >= settings.min_documents)
        .join(outlet_docs, on="outlet")
        .with_columns((pl.col("documents") / pl.col("outlet_documents")).alias("share"))
        .filter(pl.col("share") >= settings.min_share)
    )
    examples = (
        keyed.join(counts.select("outlet", "key"), on=["outlet", "key"], how="semi")
        .group_by("outlet", "key", "text")
        .agg(pl.len().alias("n"))
        .sort("n", "text", descending=[True, False])
        .group_by("outlet", "key")
        .agg(pl.col("text").first().alias("example"))
    )
    return counts.join(examples, on=["outlet", "key"], how="left").with_columns(
        pl.lit(kind).alias("kind")
    )


EDGE_WORDS = 40
PHRASE_SAMPLE = 500
_MULTIPLIERS = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93)


def _learn_phrases(
    lines: pl.LazyFrame, outlet_docs: pl.LazyFrame, settings: BoilerplateSettings
) -> pl.LazyFrame:
    """Word 4-grams inside lines (letters only, folded: the words
    :func:`mediaframe.clean.inline.clean_inline` looks up) on enough distinct pages.

    The 4-grams are counted as 64-bit hashes; only the learned ones are spelt out.
    """
    n = PHRASE_WORDS
    words = (
        lines.select(
            "outlet",
            "page",
            pl.concat_str([pl.col("doc_id"), pl.col("line").cast(pl.String)], separator="\x00")
            .hash()
            .alias("_line"),
            FOLD_ALL.expr(pl.col("text")).str.replace_all(r"\s+", " ").str.split(" ").alias("word"),
        )
        .explode("word")
        .with_columns(pl.col("word").str.replace_all(r"[^\w]|[\d_]", "").alias("word"))
        .filter(pl.col("word") != "")
        .with_columns(pl.int_range(pl.len()).over("_line").alias("_w"))
        .with_columns(pl.len().over("_line").alias("_n"))
        # Boilerplate is glued onto the ends of lines: only their first and last
        # EDGE_WORDS words are counted (the middle of a long paragraph is prose).
        .filter((pl.col("_w") < EDGE_WORDS) | (pl.col("_w") >= pl.col("_n") - EDGE_WORDS))
        .with_row_index("_r")
        .with_columns(pl.col("word").hash(seed=11).alias("_h"))
        .collect()
        .lazy()
    )
    gram = pl.sum_horizontal(
        [pl.col("_h").shift(-j) * pl.lit(_MULTIPLIERS[j], dtype=pl.UInt64) for j in range(n)]
    )
    grams = (
        words.with_columns(
            gram.alias("_g"),
            (
                (pl.col("_line").shift(-(n - 1)) == pl.col("_line"))
                & (pl.col("_w").shift(-(n - 1)) == pl.col("_w") + (n - 1))
            ).alias("_ok"),
        )
        .filter(pl.col("_ok"))
        .select("outlet", "page", "_g", "_r")
    )
    counts = (
        grams.unique(["outlet", "page", "_g"])
        .group_by("outlet", "_g")
        .agg(pl.len().cast(pl.Int64).alias("documents"), pl.col("_r").min().alias("_r"))
        .filter(pl.col("documents") >= settings.min_documents)
        .join(outlet_docs, on="outlet")
        .with_columns((pl.col("documents") / pl.col("outlet_documents")).alias("share"))
        .filter(pl.col("share") >= settings.min_share)
        .collect()
    )
    spelt = words.select("_r", "word").collect()
    key = counts.select("_r")
    for j in range(n):
        key = key.join(
            spelt.select((pl.col("_r") - j).alias("_r"), pl.col("word").alias(f"w{j}")), on="_r"
        )
    keys = key.select("_r", pl.concat_str([f"w{j}" for j in range(n)], separator=" ").alias("key"))
    return (
        counts.join(keys, on="_r")
        .select(
            "outlet",
            pl.lit("phrase").alias("kind"),
            "key",
            pl.col("key").alias("example"),
            "documents",
            "outlet_documents",
            "share",
        )
        .lazy()
    )


VOCABULARY_SAMPLE = 2000
VOCABULARY_MIN_PAGES = 10


def _learn_vocabulary(lines: pl.LazyFrame, pages: pl.DataFrame) -> pl.LazyFrame:
    """The corpus vocabulary: folded words (letters only, at least three) on at least
    ``VOCABULARY_MIN_PAGES`` of up to ``VOCABULARY_SAMPLE`` distinct pages (a fixed,
    hash-chosen sample), ``outlet`` empty.

    The cleaner uses it to find words glued together (``ترامبالموالون``: two corpus
    words, itself not one), the mark of ticker items run together without punctuation
    (:func:`mediaframe.clean.inline.glued_parts`).
    """
    sample = (
        pages.unique("page")
        .with_columns(pl.col("page").hash(seed=5).rank("ordinal").alias("_rank"))
        .filter(pl.col("_rank") <= VOCABULARY_SAMPLE)
        .select("page")
    )
    sampled = sample.height
    return (
        lines.join(sample.lazy(), on="page", how="semi")
        .select(
            "page",
            FOLD_ALL.expr(pl.col("text")).str.split(" ").alias("key"),
        )
        .explode("key")
        .with_columns(pl.col("key").str.replace_all(r"[^\w]|[\d_]", ""))
        .filter(pl.col("key").str.len_chars() >= 3)
        .unique(["page", "key"])
        .group_by("key")
        .agg(pl.len().cast(pl.Int64).alias("documents"))
        .filter(pl.col("documents") >= VOCABULARY_MIN_PAGES)
        .select(
            pl.lit("").alias("outlet"),
            pl.lit("word").alias("kind"),
            "key",
            pl.col("key").alias("example"),
            "documents",
            pl.lit(sampled, pl.Int64).alias("outlet_documents"),
            (pl.col("documents") / sampled).alias("share"),
        )
    )


def _heading_regex(headings: Sequence[str]) -> str:
    """The comments-heading pattern (shared with the cleaner)."""
    names = "|".join(headings)
    return rf"(?i)^(?:{names})\s*(?:[(\[]\s*[0-9\u0660-\u0669]+\s*[)\]])?\s*:?$"
