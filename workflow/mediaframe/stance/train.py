"""Train the default stance head: ``make train-stance``.

Embeds the configured views of each target's context with the multilingual USE and
fits a multinomial logistic regression (or a one-hidden-layer MLP) per language:
the ``en`` head on NewsMTSC ``train.jsonl``; the ``ar`` head on NewsMTSC plus the
training part of ArabicStanceX (its held-out 20% stays for evaluation), because the
English head alone does not transfer to Arabic (measured: below the majority class
on held-out ArabicStanceX). Writes the head file shipped in the package.
Deterministic: fixed seeds, sorted inputs. The views (the sentence, the 10 words
before and after the target without it, the target alone) and C were chosen by
sentence-grouped 5-fold cross-validation on NewsMTSC train only; the sentence view
is capped at 20 words either side of the target (``window20``), which leaves
NewsMTSC's sentences nearly whole and bounds the cost of long news sentences.

    python -m mediaframe.stance.train --data ../shared/data --out workflow/mediaframe/data/stance_head.npz
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
from mediaframe.stance.embedding import StanceHead, mention_features


def fit_head(
    features: np.ndarray, gold: list[str], head: str, c: float, hidden: int, seed: int
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Fit the head; returns its layers as (W, b) with outputs in ``LABELS`` order."""
    y = np.array([LABELS.index(g) for g in gold])
    if head == "logreg":
        from sklearn.linear_model import LogisticRegression

        model = LogisticRegression(C=c, max_iter=3000, random_state=seed)
        model.fit(features, y)
        order = [list(model.classes_).index(i) for i in range(len(LABELS))]
        return [(model.coef_[order].T.copy(), model.intercept_[order].copy())]
    from sklearn.neural_network import MLPClassifier

    model = MLPClassifier(
        hidden_layer_sizes=(hidden,),
        alpha=1.0 / c,
        early_stopping=True,
        random_state=seed,
        max_iter=300,
    )
    model.fit(features, y)
    order = [list(model.classes_).index(i) for i in range(len(LABELS))]
    (w0, w1), (b0, b1) = model.coefs_, model.intercepts_
    return [(w0, b0), (w1[:, order], b1[order])]


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
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--views", default="window20,lx10,rx10,mention")
    parser.add_argument("--head", choices=["logreg", "mlp"], default="logreg")
    parser.add_argument(
        "--C", type=float, default=0.3, dest="c", help="inverse regularisation strength"
    )
    parser.add_argument("--hidden", type=int, default=256)
    parser.add_argument(
        "--arabic-head",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also train an Arabic head on NewsMTSC + the ArabicStanceX training part",
    )
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--cache", type=Path, default=Path("results/cache/embeddings"))
    args = parser.parse_args(argv)
    limit_threads(args.threads)

    views = args.views.split(",")
    embedder_settings = {"backend": "use"}
    embedder = get_embedder(embedder_settings | {"threads": args.threads})
    started = time.perf_counter()
    english = read_newsmtsc(args.data / "newsmtsc" / "train.jsonl")
    training = {"en": english}
    if args.arabic_head:
        arabic_train, _ = holdout_split(
            read_arabicstancex(args.data / "arabicstancex" / "train.jsonl")
        )
        training["ar"] = pl.concat([english, arabic_train])
    heads = {}
    for language, frame in training.items():
        features = mention_features(frame, views, embedder, args.cache)
        heads[language] = fit_head(
            features, frame["gold"].to_list(), args.head, args.c, args.hidden, args.seed
        )
    card = {
        "trained": dt.date.today().isoformat(),
        "training_data": {
            "en": {"NewsMTSC train.jsonl (Hamborg & Donnay 2021, MIT)": english.height},
            **(
                {
                    "ar": {
                        "NewsMTSC train.jsonl (Hamborg & Donnay 2021, MIT)": english.height,
                        "ArabicStanceX train.jsonl minus the held-out 20% (Alkhathlan et al. 2025, CC BY 4.0)": training[
                            "ar"
                        ].height
                        - english.height,
                    }
                }
                if "ar" in training
                else {}
            ),
        },
        "head": args.head,
        "C": args.c,
        "hidden": args.hidden if args.head == "mlp" else None,
        "seed": args.seed,
        "embedder_id": embedder.backend_id,
        "command": "make train-stance",
    }
    StanceHead(views=views, embedder=embedder_settings, heads=heads, card=card).save(args.out)
    print(f"trained heads {sorted(heads)} in {time.perf_counter() - started:.0f} s -> {args.out}")


if __name__ == "__main__":
    main()
