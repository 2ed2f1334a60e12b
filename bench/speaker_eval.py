"""Speaker resolution against a hand-coded gold standard (issue 14).

Reads the evaluation units (``bench/gold/speaker_units.csv``: unit id, SaudiNewsNet
document ``sn<line>``, body sentence number, sentence hash; drawn by
``bench/speaker_sample.py`` before the resolver was written), rebuilds their articles
from ``../shared/data/saudinewsnet`` through the pipeline (ingest, clean, actors with
``config.yaml``), so pronoun speakers see the sentences before them as in a real run,
and compares each unit's speaker with the gold file given on the command line:

    python bench/speaker_eval.py --gold /tmp/speakers_eval/gold.csv \\
        --pred /tmp/speakers_eval/pred.csv

The second, fresh sample (``bench/gold/speaker_units_2.csv``, drawn for the resolver's
second round) is scored with ``--units bench/gold/speaker_units_2.csv --gold FILE``.

With ``PYTHONPATH`` pointing at an older tree (and ``--config`` at its config), it scores
that code instead: before the speaker categories, a quote with an actor speaker counts
as ``actor`` and any other as ``unresolved``.

The gold file (``unit_id, category, actor_id, speaker_text, not_speech``; the coding
guide is ``bench/gold/speaker_guide.md``) holds the speakers' words and stays outside
the repository. Prints the share of units in each category (predicted and gold), the
share resolved (any category but ``unresolved``; target >= 50%), the precision of the
resolved ones (target >= 90%): right category, the same actor id for actors, and for
named and anonymous speakers words in common with the gold (at least half of the
shorter one's content words), overall, per predicted category and per place the
speaker was found (``speaker_from``), and every resolved unit the gold disagrees with.

A gold actor id that the registry in ``config.yaml`` lacks (the coding guide lists the
actors the registry is being extended with) is scored as a named speaker: the resolver
cannot know an actor that is not configured. The figures say how many units that was.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from speaker_sample import DATA, ROOT, corpus_records, framed, sentence_hash

UNITS = ROOT / "bench" / "gold" / "speaker_units.csv"
CATEGORIES = ("actor", "named", "anonymous", "unresolved")
_GENERIC = {"باسم", "عن", "في", "من", "ل", "the", "of", "a"}


def predictions(units: list[dict], config: Path) -> list[dict]:
    """The resolver's speaker for each unit (``unresolved`` where the sentence is no
    longer a quote for the current detector), with the sentence hash checked."""
    import polars as pl

    wanted = {u["doc_id"] for u in units}
    records = [r for r in corpus_records() if r["id"] in wanted]
    result = framed(records, config)
    quotes = result["quotes"].filter(pl.col("kind") == "body")
    by_key = {(q["doc_id"], q["sentence"]): q for q in quotes.iter_rows(named=True)}
    body = result["sentences"].filter(pl.col("kind") == "body")
    texts = {(d, s): t for d, s, t in body.select("doc_id", "sentence", "text").iter_rows()}
    rows = []
    for unit in units:
        key = (unit["doc_id"], int(unit["sentence"]))
        text = texts.get(key)
        if text is None or sentence_hash(text) != unit["sentence_sha256_16"]:
            raise SystemExit(
                f"unit {unit['unit_id']}: sentence {key} is not the one drawn (cleaning or "
                "sentence splitting changed since the draw); redraw with speaker_sample.py"
            )
        quote = by_key.get(key)
        if quote is not None and "speaker_category" not in quote:  # code before issue 14
            quote |= {
                "speaker_category": "actor" if quote["speaker"] else "unresolved",
                "speaker_from": "",
            }
        rows.append(
            {
                "unit_id": unit["unit_id"],
                "category": quote["speaker_category"] if quote else "unresolved",
                "actor_id": (quote["speaker"] or "") if quote else "",
                "speaker_text": (quote["speaker_text"] or "") if quote else "",
                "speaker_from": (quote["speaker_from"] or "") if quote else "not a quote now",
                "cue": (quote["cue"] or "") if quote else "",
            }
        )
    return rows


def _content_words(text: str) -> set[str]:
    from mediaframe.normalize import normalize_arabic
    from mediaframe.text import words

    found = set()
    for word in words(text):
        norm = normalize_arabic(word.text).lower()
        for prefix in ("وال", "بال", "لل", "ال", "و"):
            if norm.startswith(prefix) and len(norm) - len(prefix) >= 3:
                norm = norm[len(prefix) :]
                break
        if norm not in _GENERIC and len(norm) > 1:
            found.add(norm)
    return found


def same_speaker(pred: dict, gold: dict, registry: set[str]) -> bool:
    """Whether a resolved prediction names the gold speaker (see the module docstring)."""
    gold_category = gold["category"]
    if gold_category == "actor" and gold["actor_id"] not in registry:
        gold_category = "named"
    if pred["category"] != gold_category:
        return False
    if gold_category == "actor":
        return pred["actor_id"] == gold["actor_id"]
    said, coded = _content_words(pred["speaker_text"]), _content_words(gold["speaker_text"])
    if not said or not coded:
        return False
    return len(said & coded) >= 0.5 * min(len(said), len(coded))


def report(preds: list[dict], gold: dict[str, dict], registry: set[str]) -> None:
    n = len(preds)
    missing = [p["unit_id"] for p in preds if p["unit_id"] not in gold]
    if missing:
        print(f"   warning: {len(missing)} unit(s) without gold, left out: {missing[:10]}")
    scored = [p for p in preds if p["unit_id"] in gold]
    n = len(scored)
    pred_share = Counter(p["category"] for p in scored)
    gold_share = Counter(gold[p["unit_id"]]["category"] for p in scored)
    print(f"   {n} units; share per category, resolver / gold:")
    for category in CATEGORIES:
        print(
            f"     {category:<11} {pred_share[category] / n:6.1%} ({pred_share[category]:>3})"
            f"   {gold_share[category] / n:6.1%} ({gold_share[category]:>3})"
        )
    outside = sum(
        1
        for p in scored
        if gold[p["unit_id"]]["category"] == "actor"
        and gold[p["unit_id"]]["actor_id"] not in registry
    )
    not_speech = sum(1 for p in scored if gold[p["unit_id"]].get("not_speech", "") == "yes")
    resolved = [p for p in scored if p["category"] != "unresolved"]
    right = [p for p in resolved if same_speaker(p, gold[p["unit_id"]], registry)]
    category_right = [
        p
        for p in resolved
        if p["category"]
        == (
            "named"
            if gold[p["unit_id"]]["category"] == "actor"
            and gold[p["unit_id"]]["actor_id"] not in registry
            else gold[p["unit_id"]]["category"]
        )
    ]
    gold_resolved = [p for p in scored if gold[p["unit_id"]]["category"] != "unresolved"]
    found = [p for p in gold_resolved if same_speaker(p, gold[p["unit_id"]], registry)]
    print(
        f"   resolved: {len(resolved)} of {n} = {len(resolved) / n:.1%} (target >= 50%)\n"
        f"   precision of the resolved: {len(right)} of {len(resolved)} = "
        f"{len(right) / max(len(resolved), 1):.1%} (target >= 90%); category alone right: "
        f"{len(category_right) / max(len(resolved), 1):.1%}\n"
        f"   recall: {len(found)} of the {len(gold_resolved)} units with a gold speaker = "
        f"{len(found) / max(len(gold_resolved), 1):.1%}\n"
        f"   gold actors outside the registry, scored as named: {outside}; "
        f"units the gold marks as no speech: {not_speech}"
    )
    by_cat = Counter((p["category"], p in right) for p in resolved)
    print(
        "   precision per predicted category: "
        + ", ".join(
            f"{c} {by_cat[(c, True)]}/{by_cat[(c, True)] + by_cat[(c, False)]}"
            for c in CATEGORIES[:3]
        )
    )
    by_path = Counter((p["speaker_from"], p in right) for p in resolved)
    print(
        "   precision per place the speaker was found: "
        + ", ".join(
            f"{path} {by_path[(path, True)]}/{by_path[(path, True)] + by_path[(path, False)]}"
            for path in sorted({p["speaker_from"] for p in resolved})
        )
    )
    print("   resolved units the gold disagrees with (unit: resolver | gold):")
    for p in resolved:
        if p in right:
            continue
        g = gold[p["unit_id"]]
        print(
            f"     {p['unit_id']}: {p['category']} {p['actor_id']} «{p['speaker_text']}» "
            f"({p['speaker_from']}) | {g['category']} {g.get('actor_id', '')} "
            f"«{g.get('speaker_text', '')}»"
        )


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, required=True, help="the coder's gold.csv")
    parser.add_argument("--pred", type=Path, help="where to write the predictions (CSV)")
    parser.add_argument("--units", type=Path, default=UNITS)
    parser.add_argument("--config", type=Path, default=ROOT / "config.yaml")
    args = parser.parse_args(argv)
    if not DATA.exists():
        print(f"   skipped: {DATA} is absent (SaudiNewsNet is not shipped with the project)")
        return
    if not args.gold.exists():
        print(f"   skipped: no gold file at {args.gold}")
        return
    import yaml

    with args.units.open(encoding="utf-8") as handle:
        units = list(csv.DictReader(handle))
    preds = predictions(units, args.config)
    if args.pred:
        with args.pred.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(preds[0]))
            writer.writeheader()
            writer.writerows(preds)
    with args.gold.open(encoding="utf-8") as handle:
        gold = {row["unit_id"]: row for row in csv.DictReader(handle)}
    config = yaml.safe_load(args.config.read_text(encoding="utf-8"))
    report(preds, gold, {a["id"] for a in config["actors"]["registry"]})


if __name__ == "__main__":
    main(sys.argv[1:])
