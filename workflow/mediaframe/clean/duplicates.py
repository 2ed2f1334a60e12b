"""Exact and near-duplicate articles (syndicated wire copy, re-publications with edits).

Exact duplicates share the normalised text (``text_norm``). Near duplicates are
found with w-shingling (Broder 1997): each article's first ``max_words`` words form
overlapping ``shingle_words``-word shingles; a fixed hash-based sample of them (one
in ``sample``) is kept, shingles common to more than ``max_document_frequency``
articles are ignored (boilerplate phrases, not evidence of copying), and pairs that
share sampled shingles get an estimated Jaccard similarity; pairs at or above
``threshold`` are candidates. A candidate is then confirmed on the *whole* text: the
Jaccard similarity of the two articles' full shingle sets must reach ``threshold``, so
a shared 400-word header or sidebar never links two different stories. Confirmed pairs are linked, and linked articles form a
group; ``similarity`` is the measured whole-text Jaccard. The candidate search is
polars expressions and joins; the confirmation (on the few candidate pairs) and the
grouping (union-find) are Python.

Each group has one canonical article: the earliest published, then the longest,
then the smallest ``doc_id``. The output lists only articles that are in a group.

Example:
    >>> find_duplicates(articles, DuplicateSettings(threshold=0.8))
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import polars as pl

_MULTIPLIERS = (
    0x9E3779B97F4A7C15,
    0xC2B2AE3D27D4EB4F,
    0x165667B19E3779F9,
    0xD6E8FEB86659FD93,
    0xFF51AFD7ED558CCD,
    0xC4CEB9FE1A85EC53,
    0x94D049BB133111EB,
    0xBF58476D1CE4E5B9,
    0x2545F4914F6CDD1D,
)
# Articles with at most this many words keep all their shingles (see _pairs).
SAMPLE_ABOVE_WORDS = 200
DUPLICATE_SCHEMA: dict[str, pl.DataType] = {
    "doc_id": pl.String(),
    "group": pl.String(),
    "kind": pl.String(),
    "similarity": pl.Float64(),
    "is_canonical": pl.Boolean(),
    "outlet": pl.String(),
    "published": pl.Date(),
    "group_size": pl.Int64(),
}


@dataclass(frozen=True)
class DuplicateSettings:  # shingle_words is at most 8
    """How near two articles must be to count as one story (the ``clean.duplicates`` config)."""

    enabled: bool = True
    count_once: bool = True  # read by topic fitting and aggregation, not here
    threshold: float = 0.8
    shingle_words: int = 5
    max_words: int = 400
    sample: int = 4
    max_document_frequency: int = 100
    min_shared: int = 3


def _pairs(articles: pl.DataFrame, settings: DuplicateSettings) -> pl.DataFrame:
    """Linked pairs ``(a, b, similarity)`` with a < b, by estimated shingle Jaccard."""
    k = settings.shingle_words
    ids = articles.select("doc_id").with_row_index("_i")
    hashed = (
        articles.lazy()
        .with_row_index("_i")
        .select(
            pl.col("_i").alias("doc_id"),  # integer ids: joins and uniques are much faster
            pl.col("text_norm")
            .str.slice(0, settings.max_words * 20)  # enough characters for max_words words
            .str.replace_all(r"[^\w]+", " ")
            .str.strip_chars()
            .str.split(" ")
            .list.head(settings.max_words)
            .list.eval(pl.element().hash(seed=7))
            .alias("h"),
        )
        .with_columns(pl.col("h").list.len().alias("_n"))
        .filter(pl.col("_n") >= k)
        .with_columns((pl.col("_n").cum_sum() - pl.col("_n")).alias("_offset"))
        .explode("h")
        .with_row_index("_row")
    )
    # A shingle's hash: the word hashes of its k words, each times its own odd constant
    # (wrapping 64-bit arithmetic), then mixed so that the low bits used for sampling
    # depend on all bits.
    combined = pl.sum_horizontal(
        [pl.col("h").shift(-i) * pl.lit(_MULTIPLIERS[i], dtype=pl.UInt64) for i in range(k)]
    )
    mixed = (combined ^ (combined // (1 << 31))) * pl.lit(_MULTIPLIERS[-1], dtype=pl.UInt64)
    # Short articles keep every shingle (a sample of a few dozen would make the estimate
    # noisy); longer ones keep one in `sample`. A pair is compared on the shingles both
    # would keep at the coarser of their two rates, so the estimate stays unbiased.
    level = pl.when(pl.col("_n") <= SAMPLE_ABOVE_WORDS).then(1).otherwise(settings.sample)
    kept = (
        hashed.with_columns(mixed.alias("s"), level.cast(pl.UInt64).alias("level"))
        .filter(pl.col("_row") - pl.col("_offset") <= pl.col("_n") - k)
        .select("doc_id", "level", (pl.col("s") ^ (pl.col("s") // (1 << 29))).alias("h"))
        .filter(pl.col("h") % pl.col("level") == 0)
        .unique(["doc_id", "h"])
        .collect()  # used three times below: computing it once is much faster
        .lazy()
    )
    sizes = kept.group_by("doc_id").agg(
        pl.len().alias("n_all"), (pl.col("h") % settings.sample == 0).sum().alias("n_sampled")
    )
    informative = (
        kept.group_by("h")
        .agg(pl.len().alias("df"))
        .filter((pl.col("df") > 1) & (pl.col("df") <= settings.max_document_frequency))
    )
    shared = kept.join(informative.select("h"), on="h", how="semi")

    def size(suffix: str) -> pl.Expr:
        return (
            pl.when(pl.col("rate") == 1)
            .then(pl.col(f"n_all{suffix}"))
            .otherwise(pl.col(f"n_sampled{suffix}"))
        )

    return (
        shared.join(shared, on="h", suffix="_b")
        .filter(pl.col("doc_id") < pl.col("doc_id_b"))
        .with_columns(pl.max_horizontal("level", "level_b").alias("rate"))
        .filter(pl.col("h") % pl.col("rate") == 0)
        .group_by("doc_id", "doc_id_b", "rate")
        .agg(pl.len().alias("shared"))
        .filter(pl.col("shared") >= settings.min_shared)
        .join(sizes, on="doc_id")
        .join(sizes, left_on="doc_id_b", right_on="doc_id", suffix="_b")
        .with_columns(
            (pl.col("shared") / (size("") + size("_b") - pl.col("shared"))).alias("similarity")
        )
        .filter(pl.col("similarity") >= settings.threshold)
        .join(ids.lazy().rename({"_i": "doc_id", "doc_id": "name_a"}), on="doc_id")
        .join(ids.lazy().rename({"_i": "doc_id_b", "doc_id": "name_b"}), on="doc_id_b")
        .select(
            pl.min_horizontal("name_a", "name_b").alias("a"),
            pl.max_horizontal("name_a", "name_b").alias("b"),
            "similarity",
        )
        .sort("a", "b")
        .collect()
    )


def _shingles(text: str, k: int) -> set[int]:
    words = re.sub(r"[^\w]+", " ", text).split()
    return {hash(tuple(words[i : i + k])) for i in range(max(len(words) - k + 1, 1))}


def _confirmed(
    pairs: pl.DataFrame, articles: pl.DataFrame, settings: DuplicateSettings
) -> pl.DataFrame:
    """The candidate pairs whose whole texts are near copies, with their measured
    whole-text Jaccard similarity (see the module docstring)."""
    if pairs.is_empty():
        return pairs
    needed = set(pairs["a"]) | set(pairs["b"])
    texts = dict(
        articles.filter(pl.col("doc_id").is_in(list(needed)))
        .select("doc_id", "text_norm")
        .iter_rows()
    )
    sets = {doc: _shingles(text, settings.shingle_words) for doc, text in texts.items()}
    kept: list[tuple[str, str, float]] = []
    for a, b in pairs.select("a", "b").iter_rows():
        shared = len(sets[a] & sets[b])
        jaccard = shared / len(sets[a] | sets[b])
        if jaccard >= settings.threshold:
            kept.append((a, b, round(jaccard, 4)))
    return pl.DataFrame(
        kept, schema={"a": pl.String, "b": pl.String, "similarity": pl.Float64}, orient="row"
    )


def _components(pairs: list[tuple[str, str]]) -> dict[str, str]:
    """Union-find: each linked doc_id -> a representative of its group."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        root_a, root_b = find(a), find(b)
        if root_a != root_b:
            parent[max(root_a, root_b)] = min(root_a, root_b)
    return {x: find(x) for x in parent}


def find_duplicates(articles: pl.DataFrame, settings: DuplicateSettings) -> pl.DataFrame:
    """Group exact and near-duplicate articles and pick a canonical one per group.

    Args:
        articles: cleaned articles with ``doc_id, outlet, published, text_norm``.
        settings: thresholds (see :class:`DuplicateSettings`).

    Returns:
        One row per article that has a duplicate: ``doc_id, group`` (the canonical
        ``doc_id``), ``kind`` (``exact``: same normalised text as the canonical one;
        ``near``: similar; the canonical row carries its group's kind), ``similarity``
        (whole-text Jaccard with the most similar article of the group, 1.0 for exact), ``is_canonical``,
        ``outlet, published, group_size``; sorted by group and doc_id.
    """
    if not settings.enabled or articles.is_empty():
        return pl.DataFrame(schema=DUPLICATE_SCHEMA)
    docs = articles.select(
        "doc_id",
        "outlet",
        "published",
        "text_norm",
        pl.col("text_norm").str.len_chars().alias("_length"),
    )
    exact = docs.with_columns(pl.col("doc_id").min().over("text_norm").alias("_exact_root"))
    representatives = exact.filter(pl.col("doc_id") == pl.col("_exact_root"))
    pairs = _confirmed(_pairs(representatives, settings), representatives, settings)
    links = list(zip(pairs["a"], pairs["b"], strict=True))
    links += [
        (row[0], row[1])
        for row in exact.filter(pl.col("doc_id") != pl.col("_exact_root"))
        .select("doc_id", "_exact_root")
        .iter_rows()
    ]
    roots = _components(links)
    if not roots:
        return pl.DataFrame(schema=DUPLICATE_SCHEMA)
    grouped = exact.join(
        pl.DataFrame({"doc_id": list(roots), "_root": list(roots.values())}), on="doc_id"
    )
    canonical = (
        grouped.sort(
            ["published", "_length", "doc_id"],
            descending=[False, True, False],
            nulls_last=True,
        )
        .group_by("_root", maintain_order=True)
        .agg(
            pl.col("doc_id").first().alias("group"),
            pl.col("text_norm").first().alias("_canonical_text"),
            pl.len().cast(pl.Int64).alias("group_size"),
        )
    )
    # Similarity to the group: the best linked pair of each document (both directions).
    best = (
        pl.concat(
            [pairs, pairs.select(pl.col("b").alias("a"), pl.col("a").alias("b"), "similarity")]
        )
        .group_by("a")
        .agg(pl.col("similarity").max().alias("_best"))
        .rename({"a": "doc_id"})
    )
    result = (
        grouped.join(canonical, on="_root")
        .join(best.rename({"doc_id": "_exact_root"}), on="_exact_root", how="left")
        .with_columns(
            (pl.col("text_norm") == pl.col("_canonical_text")).alias("_same"),
            (pl.col("doc_id") == pl.col("group")).alias("is_canonical"),
        )
        .with_columns(
            pl.when(pl.col("_same").all().over("group"))
            .then(pl.lit("exact"))
            .otherwise(pl.lit("near"))
            .alias("_group_kind")
        )
        .with_columns(
            pl.when(pl.col("is_canonical"))
            .then(pl.col("_group_kind"))
            .when(pl.col("_same"))
            .then(pl.lit("exact"))
            .otherwise(pl.lit("near"))
            .alias("kind"),
            pl.when(pl.col("_same") | pl.col("is_canonical"))
            .then(pl.lit(1.0))
            .otherwise(pl.col("_best").fill_null(pl.lit(settings.threshold)))
            .alias("similarity"),
        )
    )
    return result.select(list(DUPLICATE_SCHEMA)).cast(DUPLICATE_SCHEMA).sort("group", "doc_id")


def duplicate_summary(duplicates: pl.DataFrame) -> pl.DataFrame:
    """One row per group: canonical doc_id, kind, size, outlets (for the report)."""
    return (
        duplicates.group_by("group")
        .agg(
            pl.col("kind").filter(pl.col("is_canonical")).first().alias("kind"),
            pl.len().alias("articles"),
            pl.col("outlet").unique().sort().str.join(", ").alias("outlets"),
            pl.col("similarity").min().alias("min_similarity"),
        )
        .sort("articles", "group", descending=[True, False])
    )


def without_copies(frame: pl.DataFrame, duplicates: pl.DataFrame) -> pl.DataFrame:
    """``frame`` (any table with ``doc_id``) without rows of non-canonical duplicates,
    so that a syndicated story is counted once.

    Rows from reader comments (``kind`` is ``comment``) stay: each copy's readers wrote
    their own comments, so a copy's comments are counted like any other.
    """
    copies = duplicates.filter(~pl.col("is_canonical")).select("doc_id")
    if "kind" not in frame.columns:
        return frame.join(copies, on="doc_id", how="anti", maintain_order="left")
    in_copy = pl.col("doc_id").is_in(copies["doc_id"].implode())
    return frame.filter(~in_copy | (pl.col("kind") == "comment"))
