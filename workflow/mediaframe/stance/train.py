"""Train the default stance head: ``make train-stance``.

Reads NewsMTSC ``train.jsonl`` (and, with ``--arabicstancex``, the training part of
ArabicStanceX, whose held-out 20% stays for evaluation), embeds the configured
views of each target's context with the multilingual USE, fits a multinomial
logistic regression (or a one-hidden-layer MLP) and writes the head file shipped in
the package. Deterministic: fixed seeds, sorted inputs, single-threaded solver.

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
    parser.add_argument("--views", default="sentence,left10,right10")
    parser.add_argument("--head", choices=["logreg", "mlp"], default="logreg")
    parser.add_argument(
        "--C", type=float, default=0.3, dest="c", help="inverse regularisation strength"
    )
    parser.add_argument("--hidden", type=int, default=256)
    parser.add_argument(
        "--arabicstancex",
        type=float,
        default=0.0,
        help="share of the ArabicStanceX training part to add (0 = none)",
    )
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--cache", type=Path, default=Path("results/cache/embeddings"))
    args = parser.parse_args(argv)
    limit_threads(args.threads)

    frames = [read_newsmtsc(args.data / "newsmtsc" / "train.jsonl")]
    if args.arabicstancex > 0:
        arabic_train, _ = holdout_split(
            read_arabicstancex(args.data / "arabicstancex" / "train.jsonl")
        )
        frames.append(
            arabic_train.sample(fraction=args.arabicstancex, seed=args.seed).sort("doc_id")
        )
    train = pl.concat(frames)
    views = args.views.split(",")
    embedder_settings = {"backend": "use"}
    embedder = get_embedder(embedder_settings | {"threads": args.threads})
    started = time.perf_counter()
    features = mention_features(train, views, embedder, args.cache)
    layers = fit_head(features, train["gold"].to_list(), args.head, args.c, args.hidden, args.seed)
    card = {
        "trained": dt.date.today().isoformat(),
        "training_data": {
            "NewsMTSC train.jsonl (Hamborg & Donnay 2021, MIT)": int(frames[0].height),
            **(
                {
                    "ArabicStanceX train part (Alkhathlan et al. 2025, CC BY 4.0)": int(
                        frames[1].height
                    )
                }
                if len(frames) > 1
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
    StanceHead(views=views, embedder=embedder_settings, weights=layers, card=card).save(args.out)
    print(
        f"trained on {train.height:,} targets in {time.perf_counter() - started:.0f} s -> {args.out}"
    )


if __name__ == "__main__":
    main()
