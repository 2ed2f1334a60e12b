"""Stance training and evaluation data as mention frames (the scorers' input).

NewsMTSC (Hamborg & Donnay, EACL 2021, MIT): English news sentences with the
sentiment toward a marked target (2 negative, 4 neutral, 6 positive).
ArabicStanceX (Alkhathlan et al. 2025, CC BY 4.0): Arabic tweets with a stance
(Against / None / Favor) toward a topic; the topic stands in for the target and is
prepended to the tweet so that the target has a span in the text.

Example:
    >>> frame = read_newsmtsc(Path("../shared/data/newsmtsc/dev_rw.jsonl"))
    >>> frame.columns
    ['doc_id', 'kind', 'comment', 'sentence', 'actor', 'matched', 'sentence_text', 'start', 'end', 'gold']
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl

from mediaframe.errors import MediaframeError

NEWSMTSC_POLARITY = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
ARABICSTANCEX_STANCE = {"Against": "negative", "None": "neutral", "Favor": "positive"}

GOLD_SCHEMA: dict[str, pl.DataType] = {
    "doc_id": pl.String(),
    "kind": pl.String(),
    "comment": pl.Int64(),
    "sentence": pl.Int64(),
    "actor": pl.String(),
    "matched": pl.String(),
    "sentence_text": pl.String(),
    "start": pl.Int64(),
    "end": pl.Int64(),
    "gold": pl.String(),
}


def _read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        raise MediaframeError(
            f"{path} does not exist. Fix: put the data set there (see ../shared/data/README.md)."
        )
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def read_newsmtsc(path: Path) -> pl.DataFrame:
    """One row per target: the sentence, the target's span and its gold label."""
    rows = []
    for number, record in enumerate(_read_jsonl(path)):
        sentence = record["sentence_normalized"]
        for target in record["targets"]:
            rows.append(
                {
                    "doc_id": f"{path.stem}:{number}",
                    "kind": "body",
                    "comment": None,
                    "sentence": number,
                    "actor": target["mention"],
                    "matched": sentence[target["from"] : target["to"]],
                    "sentence_text": sentence,
                    "start": target["from"],
                    "end": target["to"],
                    "gold": NEWSMTSC_POLARITY[float(target["polarity"])],
                }
            )
    return pl.DataFrame(rows, schema=GOLD_SCHEMA)


def read_arabicstancex(path: Path) -> pl.DataFrame:
    """One row per tweet: ``"<topic>: <tweet>"`` with the topic as the target."""
    rows = []
    for number, record in enumerate(_read_jsonl(path)):
        topic = record["topic"]
        text = f"{topic}: {record['text']}"
        rows.append(
            {
                "doc_id": f"{path.stem}:{number}",
                "kind": "body",
                "comment": None,
                "sentence": number,
                "actor": topic,
                "matched": topic,
                "sentence_text": text,
                "start": 0,
                "end": len(topic),
                "gold": ARABICSTANCEX_STANCE[record["stance"]],
            }
        )
    return pl.DataFrame(rows, schema=GOLD_SCHEMA)


def holdout_split(frame: pl.DataFrame, share: float = 0.2) -> tuple[pl.DataFrame, pl.DataFrame]:
    """A stable ``(train, held_out)`` split by a hash of ``doc_id`` (independent of row order)."""
    import hashlib

    buckets = [
        int(hashlib.blake2b(d.encode(), digest_size=4).hexdigest(), 16) % 1000
        for d in frame["doc_id"]
    ]
    held = pl.Series(buckets) < int(share * 1000)
    return frame.filter(~held), frame.filter(held)
