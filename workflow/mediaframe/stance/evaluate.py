"""Evaluate the stance scorers: ``make eval-stance``.

Prints macro-F1 and accuracy for each available scorer on NewsMTSC ``dev_rw`` and
``dev_mt``, on the test outlets of the project's Arabic news stance data set (a simple
random sample of mentions in outlets never used for training or tuning; see
:mod:`mediaframe.stance.arabic_news`) and on the held-out 20% of ArabicStanceX (tweets
toward topics; no longer trained on, kept as an out-of-domain check). For Arabic news it
also prints two baselines, "always neutral" and each actor's majority label in the
training split (a scorer that only knows which actor is mentioned), and macro-F1 per
actor against that baseline. The default scorer is also run with its second reading off
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
from mediaframe.stance.arabic_news import CORPUS, coded_units, training_frame
from mediaframe.stance.datasets import holdout_split, read_arabicstancex, read_newsmtsc

ARABIC_NEWS_TEST = "Arabic news, test outlets"
MIN_ACTOR_UNITS = 30  # per-actor figures only for actors with this many test units


def macro_f1(
    gold: list[str], predicted: list[str], labels: list[str] | None = None
) -> tuple[float, float]:
    """Macro-F1 over the three labels (or ``labels``) and accuracy."""
    from sklearn.metrics import accuracy_score, f1_score

    labels = labels or ["negative", "neutral", "positive"]
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
    if (data / CORPUS).exists():
        sets[ARABIC_NEWS_TEST] = training_frame(data, "test")
    else:
        print(f"skipped Arabic news: {data / CORPUS} not found")
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
    predictions: dict[str, list[str]] = {}
    for name, scorer in scorers.items():
        for set_name, frame in sets.items():
            predicted = scorer.score(frame.drop("gold"))["label"].to_list()
            if set_name == ARABIC_NEWS_TEST:
                predictions[name] = predicted
            f1, accuracy = macro_f1(frame["gold"].to_list(), predicted)
            print(f"{name:22} {set_name:28} {frame.height:>6} {f1:>9.3f} {accuracy:>9.3f}")
    if ARABIC_NEWS_TEST in sets:
        train = coded_units("train").rename({"final": "gold"})
        arabic_news_tables(sets[ARABIC_NEWS_TEST], train, predictions)


def actor_majority(train: pl.DataFrame, test: pl.DataFrame) -> list[str]:
    """Each test unit's actor's most frequent label in the training split (neutral for
    an actor the training split lacks; ties broken by label order)."""
    majority = (
        train.group_by("actor", "gold")
        .len()
        .sort("actor", "len", "gold", descending=[False, True, False])
        .unique("actor", keep="first", maintain_order=True)
    )
    lookup = dict(zip(majority["actor"], majority["gold"], strict=True))
    return [lookup.get(actor, "neutral") for actor in test["actor"]]


def arabic_news_tables(
    test: pl.DataFrame, train: pl.DataFrame, predictions: dict[str, list[str]]
) -> None:
    """Baselines on the Arabic news test split, then macro-F1 per actor."""
    gold = test["gold"].to_list()
    baselines = {
        "always neutral": ["neutral"] * test.height,
        "actor's majority label": actor_majority(train, test),
    }
    for name, predicted in baselines.items():
        f1, accuracy = macro_f1(gold, predicted)
        print(f"{name:22} {ARABIC_NEWS_TEST:28} {test.height:>6} {f1:>9.3f} {accuracy:>9.3f}")
    shares = test.group_by("gold").len().sort("gold")
    print(
        "label shares in the test split: "
        + ", ".join(f"{g} {n / test.height:.0%}" for g, n in shares.iter_rows())
    )
    columns = {**predictions, "actor majority": baselines["actor's majority label"]}
    print(
        f"\nmacro-F1 per actor on {ARABIC_NEWS_TEST} (actors with >= {MIN_ACTOR_UNITS} units; "
        "over the labels the coders gave that actor):"
    )
    print(f"{'actor':22} {'n':>4} " + " ".join(f"{name[:22]:>22}" for name in columns))
    actors = test["actor"].to_list()
    for actor in sorted(set(actors)):
        rows = [i for i, a in enumerate(actors) if a == actor]
        if len(rows) < MIN_ACTOR_UNITS:
            continue
        present = sorted({gold[i] for i in rows})  # an actor never coded positive: 2 labels
        cells = [
            macro_f1([gold[i] for i in rows], [predicted[i] for i in rows], present)[0]
            for predicted in columns.values()
        ]
        print(f"{actor:22} {len(rows):>4} " + " ".join(f"{c:>22.3f}" for c in cells))


if __name__ == "__main__":
    main()
