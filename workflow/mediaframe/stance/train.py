"""Train the default stance head: ``make train-stance``.

Two readings, each with one head per language (see :mod:`mediaframe.stance.embedding`):

* first reading, every mention: USE embeddings of the views ``window20`` (the
  sentence, capped at 20 words either side of the target), ``lx10`` / ``rx10`` (the
  10 words before / after the target, without it) and ``mention`` (the target alone);
* second reading, mentions whose first-reading confidence is below ``--second-below``:
  multilingual-e5-small embeddings of ``window10``, read together with the first
  reading's features.

The ``en`` heads are trained on NewsMTSC ``train.jsonl``; the ``ar`` heads on NewsMTSC
plus the training part of ArabicStanceX (its held-out 20% stays for evaluation),
because the English heads alone do not transfer to Arabic (measured: below the
majority class on held-out ArabicStanceX). The heads are logistic regressions with
classes weighted inversely to their frequency (the target metric is macro-F1).
Deterministic given the same embeddings (fixed seeds, sorted inputs); vectors
computed in other batches can differ in the last float digits, which moves the
weights slightly (a retrain from an empty cache scored within 0.004 of the shipped
head on every evaluation set).

Every choice (views, C, class weights, the second embedder and its threshold) was
made by sentence-grouped 5-fold cross-validation on NewsMTSC train only, never on the
dev sets. ``--cv`` prints that cross-validation for the settings given (the first
reading alone, then with the second reading at a range of thresholds) instead of
training; run it with other ``--views`` / ``--C`` / ``--second-views`` to compare:

    python -m mediaframe.stance.train --data ../shared/data --out workflow/mediaframe/data/stance_head.npz
    python -m mediaframe.stance.train --data ../shared/data --cv
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from pathlib import Path

import numpy as np
import polars as pl

from mediaframe.embed import get_embedder
from mediaframe.io import limit_threads
from mediaframe.stance.base import LABELS
from mediaframe.stance.datasets import holdout_split, read_arabicstancex, read_newsmtsc
from mediaframe.stance.embedding import (
    Layers,
    Reading,
    StanceHead,
    mention_features,
    read_again,
    softmax_layers,
)

NEWSMTSC = "NewsMTSC train.jsonl (Hamborg & Donnay 2021, MIT)"
ARABICSTANCEX = (
    "ArabicStanceX train.jsonl minus the held-out 20% (Alkhathlan et al. 2025, CC BY 4.0)"
)
CV_THRESHOLDS = (0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8, 1.0)


def fit_head(
    features: np.ndarray, gold: list[str], c: float, seed: int, class_weight: str | None = None
) -> Layers:
    """Fit a logistic-regression head; returns its layer as (W, b) with outputs in
    ``LABELS`` order. ``class_weight="balanced"`` weights classes inversely to their
    frequency."""
    from sklearn.linear_model import LogisticRegression

    y = np.array([LABELS.index(g) for g in gold])
    model = LogisticRegression(C=c, max_iter=3000, random_state=seed, class_weight=class_weight)
    model.fit(features, y)
    order = [list(model.classes_).index(i) for i in range(len(LABELS))]
    return [(model.coef_[order].T.copy(), model.intercept_[order].copy())]


def cross_validate(
    frame: pl.DataFrame,
    first: np.ndarray,
    both: np.ndarray | None,
    args: argparse.Namespace,
) -> None:
    """Print sentence-grouped 5-fold CV macro-F1 of the first reading and the cascade."""
    from sklearn.metrics import f1_score
    from sklearn.model_selection import StratifiedGroupKFold

    gold = frame["gold"].to_list()
    y = np.array([LABELS.index(g) for g in gold])
    folds = StratifiedGroupKFold(5, shuffle=True, random_state=args.seed)
    first_p = np.zeros((len(y), len(LABELS)))
    both_p = np.zeros_like(first_p)
    for train, test in folds.split(first, y, frame["doc_id"].to_numpy()):
        fold_gold = [gold[i] for i in train]
        layers = fit_head(first[train], fold_gold, args.c, args.seed, args.weight)
        first_p[test] = softmax_layers(layers, first[test])
        if both is not None:
            layers = fit_head(both[train], fold_gold, args.second_c, args.seed, args.weight)
            both_p[test] = softmax_layers(layers, both[test])
    print(f"sentence-grouped 5-fold CV on NewsMTSC train ({len(y)} targets), macro-F1:")
    print(
        f"  first reading only ({args.views}, C={args.c}): {f1_score(y, first_p.argmax(1), average='macro'):.3f}"
    )
    if both is None:
        return
    for below in CV_THRESHOLDS:
        again = read_again(first_p, below)
        probabilities = np.where(again[:, None], both_p, first_p)
        print(
            f"  second reading below {below:.2f}: {f1_score(y, probabilities.argmax(1), average='macro'):.3f}"
            f" ({again.mean():.0%} of mentions read twice)"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--data",
        type=Path,
        default=Path("../shared/data"),
        help="folder with newsmtsc/ and arabicstancex/",
    )
    parser.add_argument("--out", type=Path, help="head file to write (not with --cv)")
    parser.add_argument("--cv", action="store_true", help="print the CV comparison, train nothing")
    parser.add_argument("--views", default="window20,lx10,rx10,mention")
    parser.add_argument(
        "--C", type=float, default=0.3, dest="c", help="inverse regularisation strength"
    )
    parser.add_argument(
        "--class-weight", choices=["balanced", "none"], default="balanced", dest="class_weight"
    )
    parser.add_argument(
        "--second-embedder",
        default="e5-small",
        help="embedder of the second reading ('none': no second reading)",
    )
    parser.add_argument("--second-views", default="window10")
    parser.add_argument("--second-C", type=float, default=1.0, dest="second_c")
    parser.add_argument(
        "--second-below",
        type=float,
        default=0.6,
        help="first-reading confidence under which the second reading decides",
    )
    parser.add_argument(
        "--arabic-head",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also train Arabic heads on NewsMTSC + the ArabicStanceX training part",
    )
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--cache", type=Path, default=Path("results/cache/embeddings"))
    args = parser.parse_args(argv)
    if args.out is None and not args.cv:
        parser.error("give --out (the head file to write) or --cv")
    args.weight = None if args.class_weight == "none" else args.class_weight
    limit_threads(args.threads)

    started = time.perf_counter()
    first = Reading(args.views.split(","), {"backend": "use"}, {})
    second = (
        None
        if args.second_embedder == "none"
        else Reading(args.second_views.split(","), {"backend": args.second_embedder}, {})
    )
    embedders = {
        r.embedder["backend"]: get_embedder(r.embedder | {"threads": args.threads})
        for r in (first, second)
        if r is not None
    }

    def features(frame: pl.DataFrame, reading: Reading) -> np.ndarray:
        return mention_features(
            frame, reading.views, embedders[reading.embedder["backend"]], args.cache
        )

    english = read_newsmtsc(args.data / "newsmtsc" / "train.jsonl")
    if args.cv:
        first_x = features(english, first)
        both_x = None if second is None else np.hstack([first_x, features(english, second)])
        cross_validate(english, first_x, both_x, args)
        return
    training = {"en": english}
    if args.arabic_head:
        arabic_train, _ = holdout_split(
            read_arabicstancex(args.data / "arabicstancex" / "train.jsonl")
        )
        training["ar"] = pl.concat([english, arabic_train])
    for language, frame in training.items():
        gold = frame["gold"].to_list()
        first_x = features(frame, first)
        first.heads[language] = fit_head(first_x, gold, args.c, args.seed, args.weight)
        if second is not None:
            both_x = np.hstack([first_x, features(frame, second)])
            second.heads[language] = fit_head(both_x, gold, args.second_c, args.seed, args.weight)
    card = {
        "trained": dt.date.today().isoformat(),
        "training_data": {
            language: {NEWSMTSC: english.height}
            | ({ARABICSTANCEX: frame.height - english.height} if language == "ar" else {})
            for language, frame in training.items()
        },
        "head": "logreg",
        "C": args.c,
        "class_weight": args.class_weight,
        "second": None
        if second is None
        else {"embedder": second.embedder, "views": second.views, "C": args.second_c},
        "seed": args.seed,
        "embedder_ids": {name: e.backend_id for name, e in embedders.items()},
        "command": "make train-stance",
    }
    StanceHead(
        first=first,
        card=card,
        second=second,
        second_below=args.second_below if second is not None else 0.0,
    ).save(args.out)
    print(
        f"trained heads {sorted(training)} in {time.perf_counter() - started:.0f} s -> {args.out}"
    )


if __name__ == "__main__":
    main()
