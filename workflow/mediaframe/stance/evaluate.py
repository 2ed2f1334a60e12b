"""Evaluate the stance scorers: ``make eval-stance``.

Prints macro-F1 and accuracy for each available scorer on
NewsMTSC ``dev_rw`` and ``dev_mt`` and on the held-out 20% of ArabicStanceX (never used
for training). The default scorer is also run with its second reading off
(``stance.embedding.second_reading_below: 0``), its fastest setting. Speeds are
measured by ``make bench`` (here the embedding cache would distort them). A data
set that is absent is skipped with a message; the NLI scorer runs only when a local
model is given.

    python -m mediaframe.stance.evaluate --data ../shared/data [--nli-model PATH]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import polars as pl

from mediaframe.io import limit_threads
from mediaframe.stance import StanceScorer, get_scorer
from mediaframe.stance.datasets import holdout_split, read_arabicstancex, read_newsmtsc


def macro_f1(gold: list[str], predicted: list[str]) -> tuple[float, float]:
    """Macro-F1 over the three labels and accuracy."""
    from sklearn.metrics import accuracy_score, f1_score

    labels = ["negative", "neutral", "positive"]
    return float(f1_score(gold, predicted, labels=labels, average="macro")), float(
        accuracy_score(gold, predicted)
    )


def evaluation_sets(data: Path) -> dict[str, pl.DataFrame]:
    sets = {}
    for split in ("dev_rw", "dev_mt"):
        path = data / "newsmtsc" / f"{split}.jsonl"
        if path.exists():
            sets[f"NewsMTSC {split}"] = read_newsmtsc(path)
        else:
            print(f"skipped NewsMTSC {split}: {path} not found")
    path = data / "arabicstancex" / "train.jsonl"
    if path.exists():
        sets["ArabicStanceX held-out 20%"] = holdout_split(read_arabicstancex(path))[1]
    else:
        print(f"skipped ArabicStanceX: {path} not found")
    return sets


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--nli-model", default=None)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--cache", type=Path, default=Path("results/cache/embeddings"))
    args = parser.parse_args(argv)
    limit_threads(args.threads)
    sets = evaluation_sets(args.data)
    if not sets:
        print(f"skipped: no evaluation data under {args.data}")
        return
    scorers: dict[str, StanceScorer] = {
        "embedding (default)": get_scorer(
            {
                "scorer": "embedding",
                "threads": args.threads,
                "embedding": {"cache_dir": str(args.cache)},
            }
        ),
        "embedding, 1st reading": get_scorer(
            {
                "scorer": "embedding",
                "threads": args.threads,
                "embedding": {"cache_dir": str(args.cache), "second_reading_below": 0},
            }
        ),
        "lexicon": get_scorer({"scorer": "lexicon"}),
    }
    if args.nli_model:
        scorers["nli"] = get_scorer(
            {"scorer": "nli", "threads": args.threads, "nli": {"model": args.nli_model}}
        )
    else:
        print("skipped nli: no --nli-model given (needs a local NLI model)")
    print(f"{'scorer':22} {'data':28} {'n':>6} {'macro-F1':>9} {'accuracy':>9}")
    for name, scorer in scorers.items():
        for set_name, frame in sets.items():
            predicted = scorer.score(frame.drop("gold"))["label"].to_list()
            f1, accuracy = macro_f1(frame["gold"].to_list(), predicted)
            print(f"{name:22} {set_name:28} {frame.height:>6} {f1:>9.3f} {accuracy:>9.3f}")


if __name__ == "__main__":
    main()
