"""The validation report (``analysis/validation.ipynb``): HTML fragments and figures.

Corpus text and actor names are escaped by :func:`mediaframe.report.helpers.table`; text cells
carry ``dir="auto"`` so Arabic names read right to left.

Example (in a notebook):
    >>> show(estimates_table_html(estimates, names))
"""

from __future__ import annotations

import polars as pl

from mediaframe.report.helpers import escape, table
from mediaframe.report.tables import TableFolder, linked_table
from mediaframe.stance.base import LABELS
from mediaframe.validation.estimate import QUANTITIES

QUANTITY_NAMES = {
    "share_negative": "share negative",
    "share_neutral": "share neutral",
    "share_positive": "share positive",
    "mean_score": "mean score",
}


def interval(value: float | None, low: float | None, high: float | None) -> str:
    """``0.41 [0.33, 0.49]``, or an em dash when there is no figure."""
    if value is None:
        return "—"
    if low is None or high is None:
        return f"{value:.2f} (too few articles for an interval)"
    return f"{value:.2f} [{low:.2f}, {high:.2f}]"


def _shown(
    shown: pl.DataFrame, caption: str, tables: TableFolder | None, name: str, max_rows: int
) -> str:
    """The table on the page; with ``tables``, its full CSV file is written and linked."""
    if tables is None:
        return table(shown, caption=caption)
    return linked_table(tables, name, shown, caption, max_rows=max_rows)


def design_table(
    design: pl.DataFrame,
    names: dict[str, str],
    tables: TableFolder | None = None,
    max_rows: int = 200,
) -> str:
    shown = design.select(
        pl.col("actor").replace_strict(names, default=pl.col("actor")).alias("actor"),
        pl.col("text").alias("text kind"),
        pl.col("outlet_group").alias("outlet"),
        pl.col("population").alias("mentions"),
        pl.col("sampled").alias("in the sheet"),
        pl.col("inclusion_probability").round(3).alias("inclusion probability"),
    )
    caption = "Sampling design: strata, their mentions and the units drawn"
    return _shown(shown, caption, tables, "design", max_rows)


def agreement_table_html(agreement: pl.DataFrame, names: dict[str, str]) -> str:
    shown = agreement.select(
        pl.col("actor").replace_strict(names | {"all": "all actors"}, default=pl.col("actor")),
        pl.col("level"),
        pl.col("units").alias("units coded twice or more"),
        pl.col("coders"),
        pl.struct("alpha", "ci_low", "ci_high")
        .map_elements(
            lambda r: interval(r["alpha"], r["ci_low"], r["ci_high"]), return_dtype=pl.String
        )
        .alias("Krippendorff's α [95% CI]"),
        pl.col("observed_agreement").round(3).alias("pairs agreeing"),
    )
    return table(shown, caption="Agreement between coders (before adjudication)")


def accuracy_table_html(accuracy: pl.DataFrame, names: dict[str, str]) -> str:
    shown = accuracy.select(
        pl.col("dimension").alias("by"),
        pl.when(pl.col("dimension") == "actor")
        .then(pl.col("group").replace_strict(names, default=pl.col("group")))
        .otherwise(pl.col("group"))
        .alias("group"),
        pl.col("units").alias("coded units (stance)"),
        pl.col("not_actor").alias("coded not_actor"),
        pl.col("accuracy").round(3),
        pl.col("weighted_accuracy").round(3).alias("accuracy, design-weighted"),
        pl.col("macro_f1").round(3).alias("macro-F1"),
    )
    return table(shown, caption="The model against the coders' gold labels")


def confusion_html(confusion: pl.DataFrame, actor: str, title: str) -> str:
    """One confusion matrix: gold labels in rows, the model's in columns."""
    part = confusion.filter(pl.col("actor") == actor)
    wide = (
        part.pivot(on="model", index="gold", values="units", aggregate_function="sum")
        .select("gold", *LABELS)
        .rename({"gold": "coders ↓ / model →"})
    )
    return table(wide, caption=f"Confusion matrix: {title}")


def calibration_figure(calibration: pl.DataFrame):
    """Accuracy against the model's confidence, per confidence bin, with the diagonal."""
    import matplotlib.pyplot as plt

    shown = calibration.filter(pl.col("units") > 0)
    figure, axis = plt.subplots(figsize=(5.2, 4.2))
    axis.plot([1 / 3, 1], [1 / 3, 1], color="#999", linestyle="--", label="perfectly calibrated")
    axis.plot(
        shown["mean_confidence"], shown["accuracy"], marker="o", color="#1f5fa8", label="model"
    )
    for x, y, n in shown.select("mean_confidence", "accuracy", "units").iter_rows():
        axis.annotate(f"n={n}", (x, y), textcoords="offset points", xytext=(4, -12), fontsize=8)
    axis.set(
        xlim=(0.3, 1.02),
        ylim=(0, 1.02),
        xlabel="model confidence (probability of its label)",
        ylabel="share the coders agree with",
        title="Calibration on the coded units",
    )
    axis.legend(loc="upper left", frameon=False)
    figure.tight_layout()
    return figure


def estimates_table_html(
    estimates: pl.DataFrame,
    names: dict[str, str],
    dimension: str,
    tables: TableFolder | None = None,
    max_rows: int = 200,
) -> str:
    part = estimates.filter(pl.col("dimension") == dimension)
    shown = part.select(
        pl.col("actor").replace_strict(names, default=pl.col("actor")),
        *([pl.col("group")] if dimension != "overall" else []),
        pl.col("quantity").replace_strict(QUANTITY_NAMES),
        pl.col("mentions"),
        pl.col("articles"),
        pl.col("coded").alias("coded units"),
        pl.struct("corrected", "corrected_low", "corrected_high")
        .map_elements(
            lambda r: interval(r["corrected"], r["corrected_low"], r["corrected_high"]),
            return_dtype=pl.String,
        )
        .alias("corrected [95% CI]"),
        pl.struct("model", "model_low", "model_high")
        .map_elements(
            lambda r: interval(r["model"], r["model_low"], r["model_high"]),
            return_dtype=pl.String,
        )
        .alias("model alone [95% CI]"),
    )
    title = "each actor" if dimension == "overall" else f"each actor by {dimension}"
    caption = f"Corrected and model-only estimates, {title}"
    return _shown(shown, caption, tables, f"estimates_{dimension}", max_rows)


def estimates_figure(estimates: pl.DataFrame, names: dict[str, str], quantity: str):
    """Corrected against model-only estimate of ``quantity`` per actor, with intervals."""
    import matplotlib.pyplot as plt

    part = estimates.filter(
        (pl.col("dimension") == "overall") & (pl.col("quantity") == quantity)
    ).sort("actor", descending=True)
    labels = [names.get(a, a) for a in part["actor"]]
    figure, axis = plt.subplots(figsize=(7.5, 0.55 * max(len(labels), 2) + 1.2))
    rows = range(len(labels))
    for offset, column, colour, name in (
        (0.15, "corrected", "#1f5fa8", "corrected by the coded sample"),
        (-0.15, "model", "#c0392b", "model alone"),
    ):
        values = part[column].to_list()
        lows, highs = part[f"{column}_low"].to_list(), part[f"{column}_high"].to_list()
        for row, value, low, high in zip(rows, values, lows, highs, strict=True):
            if value is None or low is None or high is None:
                continue
            axis.plot([low, high], [row + offset] * 2, color=colour, linewidth=2)
        axis.plot(
            [v if v is not None else float("nan") for v in values],
            [r + offset for r in rows],
            "o",
            color=colour,
            label=name,
        )
    axis.set_yticks(list(rows), labels)
    axis.set_xlabel(QUANTITY_NAMES[quantity] + " (95% interval)")
    axis.legend(loc="lower right", frameon=False, fontsize=8)
    figure.tight_layout()
    return figure


def adaptation_table_html(adaptation: pl.DataFrame) -> str:
    """Agreement with the coders before adaptation (the base head, which never saw the
    coded units) and after it (out-of-fold predictions), overall and per language."""
    shown = adaptation.select(
        pl.col("language").replace({"all": "all languages"}),
        pl.col("units").alias("coded units (stance)"),
        pl.col("accuracy_before").round(3).alias("accuracy before"),
        pl.col("macro_f1_before").round(3).alias("macro-F1 before"),
        pl.col("accuracy_after").round(3).alias("accuracy after (cross-validated)"),
        pl.col("macro_f1_after").round(3).alias("macro-F1 after (cross-validated)"),
        pl.col("note").alias("head"),
    )
    return table(shown, caption="Agreement with the coders before and after adaptation")


def actor_sentences(
    accuracy: pl.DataFrame, estimates: pl.DataFrame, names: dict[str, str]
) -> list[str]:
    """One plain sentence per actor: agreement of coders and model, corrected and
    model-only share negative."""
    agree = {
        row["group"]: row
        for row in accuracy.filter(pl.col("dimension") == "actor").iter_rows(named=True)
    }
    sentences = []
    negative = estimates.filter(
        (pl.col("dimension") == "overall") & (pl.col("quantity") == "share_negative")
    ).sort("actor")
    for row in negative.iter_rows(named=True):
        name = names.get(row["actor"], row["actor"])
        accuracy_row = agree.get(row["actor"])
        if row["coded"] == 0 or accuracy_row is None or accuracy_row["accuracy"] is None:
            sentences.append(
                f"{name}: no coded units yet; model alone share negative {row['model']:.2f}."
            )
            continue
        sentences.append(
            f"{name}: coders and model agree on {accuracy_row['accuracy']:.0%} of "
            f"{accuracy_row['units']} coded units; corrected share negative "
            f"{interval(row['corrected'], row['corrected_low'], row['corrected_high'])}, "
            f"model alone {row['model']:.2f} ({row['articles']} article(s))."
        )
    return sentences


def sentence_list(sentences: list[str]) -> str:
    items = "".join(f'<li dir="auto">{escape(s)}</li>' for s in sentences)
    return f"<ul>{items}</ul>"


__all__ = [
    "QUANTITIES",
    "accuracy_table_html",
    "actor_sentences",
    "adaptation_table_html",
    "agreement_table_html",
    "calibration_figure",
    "confusion_html",
    "design_table",
    "estimates_figure",
    "estimates_table_html",
    "interval",
    "sentence_list",
]
