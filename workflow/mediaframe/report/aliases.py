"""The actors report's alias audit: what each alias matched, what its rules rejected, a
few random contexts to check, and a warning where an alias seems to name more than one
thing.

**The warning (off-profile share).** An alias used for its actor appears in the same kind
of sentences as the actor's other names; one that also names something else (الأسد the
lion, التحالف an Iraqi party list) brings sentences of another kind. For each alias of an
actor with other names, every mention is scored by how typical its sentence's words are
of the actor's *other* aliases' sentences, against all mentions' sentences::

    affinity(m) = mean over the content words w of m's sentence of
                  log P(w | other aliases of the actor) - log P(w | all mentions)

(add-one smoothing; each reference mention is scored without its own words). The
threshold is the 10th percentile of the affinities of the other aliases' own mentions,
so about 10% of an alias used like the others falls below it by construction. An alias
with at least ``min_mentions`` mentions of which ``warn_share`` (30%) or more fall below
gets the warning, and its off-profile contexts are shown first among its examples.

Example:
    >>> audit = alias_audit(scored, rejected, names)
    >>> show(table(audit, caption="Alias audit"))
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import numpy as np
import polars as pl

from mediaframe.normalize import normalize_arabic
from mediaframe.report.helpers import highlight
from mediaframe.text import arabic_stopwords, english_stopwords, strip_proclitics

WARN_SHARE = 0.3
MIN_MENTIONS = 20
REFERENCE_QUANTILE = 0.1
_WORD = re.compile(r"[^\W\d_]{3,}")


def _content_words(sentence: str, start: int, end: int) -> list[str]:
    """The sentence's content words outside the mention, folded and without clitics."""
    stop = arabic_stopwords() | english_stopwords()
    text = f"{sentence[:start]} {sentence[end:]}"
    words = (strip_proclitics(normalize_arabic(w).lower()) for w in _WORD.findall(text))
    return [w for w in words if w not in stop]


def _neighbour(sentence: str, start: int, end: int, before: bool) -> str:
    """The word right before (or after) the mention, as written."""
    words = _WORD.findall(sentence[max(0, start - 40) : start] if before else sentence[end:])
    if not words:
        return ""
    return words[-1] if before else words[0]


def off_profile(mentions: pl.DataFrame) -> dict[tuple[str, str], tuple[float, list[bool]]]:
    """For each (actor, alias) whose actor has other aliases with mentions: the share of
    its mentions whose affinity falls below the reference threshold, and the flag per
    mention (in the frame's order)."""
    rows = mentions.select("actor", "alias", "sentence_text", "start", "end").rows()
    bags = pl.DataFrame(
        {
            "id": range(len(rows)),
            "actor": [r[0] for r in rows],
            "alias": [r[1] for r in rows],
            "w": [_content_words(s, b, e) for _, _, s, b, e in rows],
        },
        schema={"id": pl.Int64, "actor": pl.String, "alias": pl.String, "w": pl.List(pl.String)},
    )
    words = bags.explode("w").drop_nulls("w")
    if words.is_empty():
        return {}
    vocabulary = words["w"].n_unique() + 1
    background = words.group_by("w").agg(
        (((pl.len() + 1) / (words.height + vocabulary)).log()).alias("log_bg")
    )
    own = words.group_by("id", "actor", "alias", "w").agg(pl.len().alias("own"))
    sizes = bags.select("id", pl.col("w").list.len().alias("own_size"))
    alias_counts = words.group_by("actor", "alias", "w").agg(pl.len().alias("alias_n"))
    actor_counts = words.group_by("actor", "w").agg(pl.len().alias("actor_n"))
    alias_sizes = words.group_by("actor", "alias").agg(pl.len().alias("alias_size"))
    actor_sizes = words.group_by("actor").agg(pl.len().alias("actor_size"))
    aliases = (
        bags.select("actor", pl.col("alias").alias("tested"))
        .unique()
        .join(bags.group_by("actor").agg(pl.col("alias").n_unique().alias("names")), on="actor")
        .filter(pl.col("names") > 1)
    )
    if aliases.is_empty():
        return {}
    # every mention of an actor scored against the profile of each of its aliases: the
    # actor's words without that alias's, and without the mention's own words
    scored = (
        own.join(aliases.select("actor", "tested"), on="actor")
        .join(actor_counts, on=["actor", "w"])
        .join(alias_counts.rename({"alias": "tested"}), on=["actor", "tested", "w"], how="left")
        .join(actor_sizes, on="actor")
        .join(alias_sizes.rename({"alias": "tested"}), on=["actor", "tested"])
        .join(sizes, on="id")
        .join(background, on="w")
        .with_columns(
            (pl.col("alias") != pl.col("tested")).cast(pl.Int64).alias("reference"),
            pl.col("alias_n").fill_null(0),
        )
        .with_columns(
            (
                (
                    (
                        pl.col("actor_n")
                        - pl.col("alias_n")
                        - pl.col("reference") * pl.col("own")
                        + 1
                    )
                    / (
                        pl.col("actor_size")
                        - pl.col("alias_size")
                        - pl.col("reference") * pl.col("own_size")
                        + vocabulary
                    )
                ).log()
                - pl.col("log_bg")
            ).alias("lift")
        )
        .group_by("id", "actor", "alias", "tested", "reference")
        .agg(((pl.col("lift") * pl.col("own")).sum() / pl.col("own").sum()).alias("affinity"))
    )
    thresholds = (
        scored.filter(pl.col("reference") == 1)
        .group_by("actor", "tested")
        .agg(pl.col("affinity").quantile(REFERENCE_QUANTILE, "linear").alias("threshold"))
    )
    tested = (
        bags.select("id", "actor", "alias")
        .join(aliases.rename({"tested": "alias"}).select("actor", "alias"), on=["actor", "alias"])
        .join(scored.filter(pl.col("reference") == 0).select("id", "affinity"), on="id", how="left")
        .join(thresholds.rename({"tested": "alias"}), on=["actor", "alias"], how="left")
        .with_columns(
            (pl.col("affinity").fill_null(0.0) < pl.col("threshold")).fill_null(False).alias("off")
        )
        .sort("id")
    )
    result = {}
    for (actor, alias), group in tested.group_by("actor", "alias", maintain_order=True):
        flags = group["off"].to_list()
        result[(actor, alias)] = (sum(flags) / len(flags), flags)
    return result


def alias_audit(
    scored: pl.DataFrame,
    rejected: pl.DataFrame,
    names: dict[str, str],
    min_mentions: int = MIN_MENTIONS,
    warn_share: float = WARN_SHARE,
) -> pl.DataFrame:
    """One row per actor and alias: mentions counted, matches its rules rejected (with
    the rules), the words most often right before and after it, the off-profile share
    and a warning where it looks like more than one referent."""
    keys = sorted(
        {*scored.select("actor", "alias").rows(), *rejected.select("actor", "alias").rows()}
    )
    shares = off_profile(scored) if scored.height else {}
    rows = []
    for actor, alias in keys:
        kept = scored.filter((pl.col("actor") == actor) & (pl.col("alias") == alias))
        refused = rejected.filter((pl.col("actor") == actor) & (pl.col("alias") == alias))
        rules = Counter(refused["rule"].to_list())
        before = Counter(
            _neighbour(s, b, e, True)
            for s, b, e in kept.select("sentence_text", "start", "end").rows()
        )
        after = Counter(
            _neighbour(s, b, e, False)
            for s, b, e in kept.select("sentence_text", "start", "end").rows()
        )
        share = shares.get((actor, alias), (None, []))[0]
        warn = share is not None and kept.height >= min_mentions and share >= warn_share
        rows.append(
            {
                "actor": names.get(actor, actor),
                "alias": alias,
                "mentions": kept.height,
                "rejected": refused.height,
                "rejected by": " · ".join(f"{r} {n:,}" for r, n in rules.most_common()),
                "words before": _top(before),
                "words after": _top(after),
                "off-profile": None if share is None else round(100 * share),
                "warning": (
                    "contexts look like more than one referent: check the examples" if warn else ""
                ),
            }
        )
    schema: dict[str, Any] = {
        "actor": pl.String,
        "alias": pl.String,
        "mentions": pl.Int64,
        "rejected": pl.Int64,
        "rejected by": pl.String,
        "words before": pl.String,
        "words after": pl.String,
        "off-profile": pl.Int64,
        "warning": pl.String,
    }
    return pl.DataFrame(rows, schema=schema).sort(
        "actor", "mentions", "alias", descending=[False, True, False]
    )


def _top(counts: Counter[str], n: int = 3) -> str:
    return " · ".join(f"{w} {c}" for w, c in [(w, c) for w, c in counts.most_common() if w][:n])


def alias_contexts(
    scored: pl.DataFrame, names: dict[str, str], per_alias: int = 3, seed: int = 42
) -> pl.DataFrame:
    """A few random mentions of each alias (seeded), the mention highlighted (HTML: show
    the ``sentence`` column raw); an alias with off-profile mentions shows one of those
    first, marked."""
    if scored.is_empty():
        return pl.DataFrame(
            schema={
                "actor": pl.String,
                "alias": pl.String,
                "off-profile": pl.String,
                "sentence": pl.String,
            }
        )
    flags = off_profile(scored)
    marks = np.zeros(scored.height, dtype=bool)
    indexed = scored.with_row_index("_row")
    for (actor, alias), (_, flagged) in flags.items():
        rows = indexed.filter((pl.col("actor") == actor) & (pl.col("alias") == alias))["_row"]
        marks[rows.to_numpy()] = flagged
    rng = np.random.default_rng(seed)
    chosen = []
    for (actor, alias), group in indexed.group_by("actor", "alias", maintain_order=True):
        rows = group["_row"].to_numpy()
        odd = rows[marks[rows]]
        picks = list(rng.choice(odd, size=1, replace=False)) if len(odd) else []
        rest = np.setdiff1d(rows, picks)
        picks += list(rng.choice(rest, size=min(per_alias - len(picks), len(rest)), replace=False))
        chosen += [(actor, alias, int(r)) for r in picks]
    chosen.sort(key=lambda c: (names.get(c[0], c[0]), c[1], c[2]))
    records = scored.select("sentence_text", "start", "end").rows()
    return pl.DataFrame(
        {
            "actor": [names.get(a, a) for a, _, _ in chosen],
            "alias": [alias for _, alias, _ in chosen],
            "off-profile": ["yes" if marks[r] else "" for *_, r in chosen],
            "sentence": [highlight(*records[r]) for *_, r in chosen],
        },
        schema={
            "actor": pl.String,
            "alias": pl.String,
            "off-profile": pl.String,
            "sentence": pl.String,
        },
    )


def rejected_contexts(
    rejected: pl.DataFrame, names: dict[str, str], per_rule: int = 2, seed: int = 42
) -> pl.DataFrame:
    """A few random rejected matches per alias and rule (seeded), with the reason."""
    schema = {
        "actor": pl.String,
        "alias": pl.String,
        "rule": pl.String,
        "reason": pl.String,
        "sentence": pl.String,
    }
    if rejected.is_empty():
        return pl.DataFrame(schema=schema)
    picked = (
        rejected.with_columns(
            pl.int_range(pl.len()).shuffle(seed=seed).over("actor", "alias", "rule").alias("_pick")
        )
        .filter(pl.col("_pick") < per_rule)
        .sort("actor", "alias", "rule", "_pick")
    )
    rows = picked.select("sentence_text", "start", "end").rows()
    return pl.DataFrame(
        {
            "actor": [names.get(a, a) for a in picked["actor"]],
            "alias": picked["alias"].to_list(),
            "rule": picked["rule"].to_list(),
            "reason": picked["reason"].to_list(),
            "sentence": [highlight(*r) for r in rows],
        },
        schema=schema,
    )
