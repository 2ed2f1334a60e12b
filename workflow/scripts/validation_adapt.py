"""Adapt the stance head on the coded units, with cross-fitted predictions for them.

Inputs: mentions (per shard), the units of the coding sheet, the gold labels, the base
head (the configured or shipped one). Outputs: the adapted head (read by score_stance),
each coded unit's base-head and out-of-fold labels (crossfit.parquet) and agreement with
the coders before and after (adaptation.parquet). See mediaframe.validation.adapt.
"""

from pathlib import Path

import numpy as np
import polars as pl

from mediaframe.embed import get_embedder
from mediaframe.io import limit_threads, read_parquets, step_logging, write_parquet
from mediaframe.stance.embedding import (
    EmbeddingScorer,
    StanceHead,
    mention_features,
    second_setting,
    text_language,
)
from mediaframe.validation.adapt import AdaptSettings, Features, adapt_head
from mediaframe.validation.sample import unit_id_expr


def main(inputs, embedding, adaptation, threads, output, log):
    with step_logging(log) as logger:
        limit_threads(threads)
        cache = Path(embedding["cache_dir"])
        below = embedding.get("second_reading_below")
        base = StanceHead.load(Path(inputs.base_head))
        gold = pl.read_parquet(inputs.gold).select("unit_id", "gold")
        units = pl.read_parquet(inputs.units).select("unit_id", "cluster")
        coded = (
            read_parquets(inputs.mentions)
            .with_columns(unit_id_expr().alias("unit_id"))
            .join(gold, on="unit_id", how="inner")
            .join(units, on="unit_id", how="inner")
            .unique("unit_id", keep="first")
            .sort("unit_id")
        )
        if coded.height != gold.height:
            missing = sorted(set(gold["unit_id"]) - set(coded["unit_id"]))[:5]
            logger.warning(
                "%d coded unit(s) are not among the current mentions (e.g. %s); they do not "
                "join the adaptation",
                gold.height - coded.height,
                ", ".join(missing),
            )

        def embed(reading):
            embedder = get_embedder(reading.embedder | {"threads": threads})
            return mention_features(coded, reading.views, embedder, cache)

        second_on = second_setting(base, below)[0] is not None and base.second is not None
        features = Features(
            first=embed(base.first) if coded.height else np.zeros((0, 1)),
            second=embed(base.second) if second_on and coded.height else None,
        )

        def predict(head: StanceHead, rows: np.ndarray) -> np.ndarray:
            scorer = EmbeddingScorer(head, threads, cache, below)
            return scorer.probabilities(coded[rows])[1]

        result = adapt_head(
            base,
            coded["unit_id"].to_numpy().astype(str),
            coded["gold"].to_numpy().astype(str),
            coded["cluster"].to_numpy().astype(str),
            np.array([text_language(t) for t in coded["sentence_text"]], dtype=str),
            features,
            predict,
            AdaptSettings(
                folds=adaptation["folds"],
                c=adaptation["C"],
                min_per_label=adaptation["min_per_label"],
                seed=adaptation["seed"],
            ),
        )
        result.head.save(Path(output.head))
        write_parquet(result.crossfit, output.crossfit)
        write_parquet(result.summary, output.adaptation)
        for language, note in sorted(result.notes.items()):
            logger.info("%s: %s", language, note)
        overall = result.summary.row(0, named=True)
        logger.info(
            "%d coded units, %d folds; macro-F1 before %s, after (out of fold) %s",
            coded.height,
            overall["folds"],
            overall["macro_f1_before"],
            overall["macro_f1_after"],
        )


if __name__ == "__main__":
    p = snakemake.params
    main(
        snakemake.input,
        p.embedding,
        p.adaptation,
        snakemake.threads,
        snakemake.output,
        snakemake.log[0],
    )
