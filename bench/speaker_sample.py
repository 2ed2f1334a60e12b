"""The speaker evaluation sample and the resolved-speaker share on SaudiNewsNet.

Two uses, both on ``../shared/data/saudinewsnet`` through the pipeline's own ingest,
clean, actor matching and framing (``config.yaml``'s ``actors`` and ``framing``):

``--draw FOLDER``
    Draws the evaluation units: a seeded sample of articles from every outlet (at
    most ``ARTICLES_PER_OUTLET`` each), the quotes and reported-speech sentences the
    quote detector finds in their bodies, then ``UNITS_PER_OUTLET`` sentences per
    outlet (one per article at most; outlets with fewer give their share to the
    others, largest first). Writes ``FOLDER/units.csv`` (UTF-8: unit id, doc id,
    outlet, sentence number, title, the two previous sentences, the sentence and its
    cue) and ``FOLDER/unit_ids.csv`` (the same without any text: unit id, doc id,
    sentence number and a hash of the sentence), which is what the repository keeps
    (``bench/gold/speaker_units.csv``). The units were drawn with the detector of
    commit e8d3977, before the speaker resolver existed; the sample is that file. To
    draw it again byte for byte, run the draw with that commit's library and config:
    ``git archive e8d3977 workflow config.yaml | tar -x -C /tmp/e8d`` and
    ``PYTHONPATH=/tmp/e8d/workflow python bench/speaker_sample.py --draw DIR --config
    /tmp/e8d/config.yaml``.

``--share N``
    The share of quotes with a resolved speaker over all quotes in a seeded sample of
    ``N`` articles (all outlets), with whatever ``mediaframe`` is importable: run it
    with ``PYTHONPATH=../main/workflow`` for the code before a change and with this
    tree for after. A quote counts as resolved when its ``speaker_category`` is not
    ``unresolved``, or, for code that predates the categories, when it has a speaker.

Documents get the id ``sn<line>`` (their line in the corpus file), so a unit can be
found again without storing its text (SaudiNewsNet is CC BY-NC-SA; no text enters the
repository). Run by hand: ``python bench/speaker_sample.py --draw /tmp/speakers_eval``.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import random
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from clean_bench import _settings

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "saudinewsnet" / "saudinewsnet.jsonl.gz"
SEED = 14
ARTICLES_PER_OUTLET = 80
UNITS_PER_OUTLET = 10
MIN_UNITS = 140


def corpus_records() -> list[dict]:
    """Every SaudiNewsNet record with its id ``sn<line>``."""
    with gzip.open(DATA, "rt", encoding="utf-8") as lines:
        return [json.loads(line) | {"id": f"sn{n}"} for n, line in enumerate(lines)]


def framed(records: list[dict], config_path: Path) -> dict:
    """Sentences, mentions and quotes of ``records`` through ingest, clean and actors."""
    import polars as pl
    import yaml

    from mediaframe.actors.framing import Framer, FramingSettings
    from mediaframe.actors.matching import find_mentions, matcher_from_config
    from mediaframe.clean.pages import CleaningRules, clean_documents
    from mediaframe.ingest.read import read_corpus

    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    defaults = _settings()  # clean_bench's SaudiNewsNet fields, with the sn<line> ids
    settings = replace(defaults, fields=replace(defaults.fields, id="id"))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sample.jsonl"
        path.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
        )
        documents, _, _ = read_corpus([path], settings)
    cleaned = clean_documents(documents, CleaningRules())
    sentences, articles = cleaned["sentences"], cleaned["articles"]
    matcher = matcher_from_config(config["actors"])
    mentions = find_mentions(sentences, matcher)
    quotes = Framer(FramingSettings.from_config(config["framing"])).analyse(sentences, mentions)[
        "quotes"
    ]
    return {
        "sentences": sentences,
        "quotes": quotes,
        "titles": dict(articles.select("doc_id", pl.col("title").fill_null("")).iter_rows()),
    }


def sentence_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def excluded_documents(paths: list[Path]) -> set[str]:
    """The ``doc_id`` column of each earlier sample's ``unit_ids.csv`` / ``units.csv``."""
    documents: set[str] = set()
    for path in paths:
        with path.open(encoding="utf-8", newline="") as rows:
            documents |= {row["doc_id"] for row in csv.DictReader(rows)}
    return documents


def draw(
    folder: Path, config_path: Path, seed: int = SEED, exclude: frozenset[str] = frozenset()
) -> None:
    """Write ``units.csv`` and ``unit_ids.csv`` to ``folder`` (see the module docstring).

    ``exclude`` names documents that may not be drawn (an earlier sample's), so a new
    seed gives a sample of other articles.
    """
    import polars as pl

    rng = random.Random(seed)
    by_outlet: dict[str, list[dict]] = {}
    for record in corpus_records():
        if record["id"] not in exclude:
            by_outlet.setdefault(record["source"], []).append(record)
    chosen = []
    for outlet in sorted(by_outlet):
        pool = by_outlet[outlet]
        chosen += rng.sample(pool, min(ARTICLES_PER_OUTLET, len(pool)))
    result = framed(chosen, config_path)
    body = result["sentences"].filter(pl.col("kind") == "body")
    text_of = {(d, s): t for d, s, t in body.select("doc_id", "sentence", "text").iter_rows()}
    quotes = result["quotes"].filter(pl.col("kind") == "body")
    candidates: dict[str, list[dict]] = {}
    for row in quotes.sort("doc_id", "sentence").iter_rows(named=True):
        candidates.setdefault(row["outlet"], []).append(row)
    picked: list[dict] = []
    leftovers: list[list[dict]] = []
    for outlet in sorted(candidates):
        rows = candidates[outlet][:]
        rng.shuffle(rows)
        seen, first, rest = set(), [], []
        for row in rows:
            (rest if row["doc_id"] in seen else first).append(row)
            seen.add(row["doc_id"])
        picked += first[:UNITS_PER_OUTLET]
        leftovers.append(first[UNITS_PER_OUTLET:])
    extra = sorted(
        (r for rows in leftovers for r in rows), key=lambda r: (r["doc_id"], r["sentence"])
    )
    rng.shuffle(extra)
    picked += extra[: max(0, MIN_UNITS - len(picked))]
    picked.sort(key=lambda r: (r["outlet"], r["doc_id"], r["sentence"]))
    folder.mkdir(parents=True, exist_ok=True)
    with (
        (folder / "units.csv").open("w", encoding="utf-8", newline="") as full,
        (folder / "unit_ids.csv").open("w", encoding="utf-8", newline="") as ids,
    ):
        texts = csv.writer(full)
        keys = csv.writer(ids)
        texts.writerow(
            [
                "unit_id",
                "doc_id",
                "outlet",
                "sentence",
                "title",
                "previous_2",
                "previous",
                "text",
                "cue",
            ]
        )
        keys.writerow(["unit_id", "doc_id", "sentence", "sentence_sha256_16"])
        for number, row in enumerate(picked, 1):
            unit = f"sp{number:03d}"
            doc, n = row["doc_id"], row["sentence"]
            texts.writerow(
                [
                    unit,
                    doc,
                    row["outlet"],
                    n,
                    result["titles"].get(doc, ""),
                    text_of.get((doc, n - 2), ""),
                    text_of.get((doc, n - 1), ""),
                    row["sentence_text"],
                    row["cue"] or "(quotation marks)",
                ]
            )
            keys.writerow([unit, doc, n, sentence_hash(row["sentence_text"])])
    outlets = {r["outlet"] for r in picked}
    print(
        f"{len(picked)} units from {len({r['doc_id'] for r in picked})} articles of "
        f"{len(outlets)} outlets ({len(chosen)} articles read, {quotes.height} quotes found) "
        f"-> {folder / 'units.csv'}"
    )


def share(articles: int, config_path: Path) -> None:
    """Print the share of quotes with a resolved speaker in ``articles`` random articles."""
    import polars as pl

    records = random.Random(SEED).sample(corpus_records(), articles)
    quotes = framed(records, config_path)["quotes"]
    if "speaker_category" in quotes.columns:
        resolved = pl.col("speaker_category") != "unresolved"
        counts = quotes["speaker_category"].value_counts().sort("speaker_category").rows()
    else:
        resolved = pl.col("speaker").is_not_null()
        counts = [("actor", quotes["speaker"].is_not_null().sum())]
    n = quotes.filter(resolved).height
    print(
        f"{articles:,} articles, {quotes.height:,} quotes, {n:,} with a resolved speaker "
        f"({n / max(quotes.height, 1):.1%}); by category: "
        + ", ".join(f"{c} {k:,}" for c, k in counts)
    )


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--draw", type=Path, help="folder for units.csv and unit_ids.csv")
    parser.add_argument("--share", type=int, help="articles for the resolved-speaker share")
    parser.add_argument("--config", type=Path, default=ROOT / "config.yaml")
    parser.add_argument("--seed", type=int, default=SEED, help=f"draw seed (default {SEED})")
    parser.add_argument(
        "--exclude",
        type=Path,
        action="append",
        default=[],
        help="an earlier sample's unit_ids.csv: its articles are not drawn (repeatable)",
    )
    args = parser.parse_args(argv)
    if not DATA.exists():
        print(f"skipped: {DATA} is absent (SaudiNewsNet is not shipped with the project)")
        return
    if args.draw:
        draw(args.draw, args.config, args.seed, frozenset(excluded_documents(args.exclude)))
    if args.share:
        share(args.share, args.config)


if __name__ == "__main__":
    main(sys.argv[1:])
