"""Stance shares corrected by the coded sample: stratified prediction-powered inference.

The estimand is a ratio of two totals over the counted mentions of a domain (an
actor; an actor in one outlet, text kind or period): for the share negative, the
number of mentions coders would label negative over the number they would accept as
mentions of the actor (``not_actor`` excluded); for the mean score, (positive −
negative) over the same denominator.

Each total is estimated as prediction-powered inference does (Angelopoulos et al.,
Science 2023), with the rectifier estimated per stratum and weighted by the
stratum's population, as the stratified sample requires::

    T = Σ_i d_i f_i  +  Σ_h N_h · mean_{coded j in h} d_j (y_j − f_j)

with ``f`` the model's value (1 if the model's label is negative, say), ``y`` the
coders' value, ``d`` the domain indicator and ``N_h`` the units in stratum ``h``. The
first sum runs over every unit, so it carries no sampling error; the second corrects
the model's bias stratum by stratum. This is the stratified difference estimator of
survey sampling with the model as the auxiliary variable, equivalently the
design-based supervised learning estimator of Egami et al. (NeurIPS 2023) with known
inclusion probabilities ``n_h / N_h``.

Variance. Mentions in one article are not independent, so the variance is
cluster-robust with the article as the cluster: the estimate is linearised (each
article's contribution to the ratio's influence function, Taylor / delta method) and
the variance is the empirical variance of the article contributions, scaled by
``A / (A − 1)``; the coded deviations in each stratum carry the small-sample factor
``n_h / (n_h − 1)``. Articles are treated as draws from the outlet's output, so the
interval covers what the outlet's coverage would show under the same conditions,
not only the finite set of articles collected (the latter would be narrower).

With adaptation (:mod:`mediaframe.validation.adapt`), ``f`` of a coded unit, in the
rectifier and in the population sum alike, is the out-of-fold prediction of a head
adapted without the unit's fold (cross-prediction-powered inference, Zrnic & Candès,
PNAS 2024), so no coded unit corrects a head trained on it; the other units keep the
label of the head adapted on all coded units. Zrnic & Candès average the fold heads
over the unlabelled units instead; the head adapted on all coded units differs from
them only by the (K − 1)/K to 1 share of the coded units it saw, and scoring every
mention with K heads would multiply the cost of stance scoring.

Example:
    >>> corrected_ratio(RatioInputs(...))
    Estimate(estimate=0.41, low=0.33, high=0.49, se=0.04)
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import polars as pl

from mediaframe.stance.aggregate import cluster_bootstrap_interval

Z95 = 1.959963984540054
QUANTITIES = ("share_negative", "share_neutral", "share_positive", "mean_score")
ESTIMATE_SCHEMA: dict[str, pl.DataType] = {
    "actor": pl.String(),
    "dimension": pl.String(),  # overall, text, outlet, period
    "group": pl.String(),
    "quantity": pl.String(),
    "mentions": pl.Int64(),  # counted mentions in the domain
    "articles": pl.Int64(),
    "coded": pl.Int64(),  # coded units in the domain
    "coded_articles": pl.Int64(),
    "model": pl.Float64(),
    "model_low": pl.Float64(),
    "model_high": pl.Float64(),
    "corrected": pl.Float64(),
    "corrected_low": pl.Float64(),
    "corrected_high": pl.Float64(),
    "supported": pl.Boolean(),  # enough coded units and articles for this domain
}


@dataclass(frozen=True)
class Estimate:
    estimate: float
    low: float
    high: float
    se: float


@dataclass
class Population:
    """Every counted unit of the population, as numpy arrays of equal length.

    ``stratum`` and ``cluster`` are integer codes; ``coded`` marks the coded units.
    ``gold`` holds the coders' label where coded (anything elsewhere); ``model`` the
    model's label; ``model_rectifier`` the label used for coded units, in the rectifier
    and in the population sum (the out-of-fold prediction with cross-fitting; the same
    as ``model`` when None).
    """

    stratum: np.ndarray
    cluster: np.ndarray
    coded: np.ndarray
    gold: np.ndarray
    model: np.ndarray
    model_rectifier: np.ndarray | None = None
    strata_sizes: np.ndarray = field(init=False)
    coded_sizes: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        self.strata_sizes = np.bincount(self.stratum).astype(np.float64)
        self.coded_sizes = np.bincount(
            self.stratum, weights=self.coded.astype(np.float64), minlength=self.strata_sizes.size
        )


def quantity_values(labels: np.ndarray, quantity: str) -> tuple[np.ndarray, np.ndarray]:
    """Numerator and denominator values of ``quantity`` for an array of labels."""
    accepted = (labels != "not_actor").astype(np.float64)
    if quantity == "mean_score":
        numerator = (labels == "positive").astype(np.float64) - (labels == "negative")
    else:
        numerator = (labels == quantity.removeprefix("share_")).astype(np.float64)
    return numerator, accepted


def _total(
    population: Population,
    f_all: np.ndarray,
    f_rect: np.ndarray,
    y: np.ndarray,
    domain: np.ndarray,
) -> tuple[float, np.ndarray]:
    """The stratified PPI total and each unit's linearised contribution."""
    h = population.stratum
    sizes, coded_n = population.strata_sizes, population.coded_sizes
    coded = population.coded
    rectifier = np.where(coded, domain * (y - f_rect), 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_rect = np.where(
            coded_n > 0, np.bincount(h, weights=rectifier, minlength=sizes.size) / coded_n, 0.0
        )
        small_sample = np.where(coded_n > 1, np.sqrt(coded_n / (coded_n - 1)), 1.0)
        expansion = np.where(coded_n > 0, sizes / coded_n, 0.0)
    total = float((domain * f_all).sum() + (sizes * mean_rect).sum())
    contribution = (
        domain * f_all
        + mean_rect[h]
        + np.where(coded, expansion[h] * small_sample[h] * (rectifier - mean_rect[h]), 0.0)
    )
    return total, contribution


def _clustered_se(contribution: np.ndarray, cluster: np.ndarray) -> float:
    sums = np.bincount(cluster, weights=contribution)
    articles = sums.size
    if articles < 2:
        return float("nan")
    return float(np.sqrt(articles / (articles - 1) * ((sums - sums.mean()) ** 2).sum()))


def corrected_ratio(
    population: Population, quantity: str, domain: np.ndarray | None = None, z: float = Z95
) -> Estimate:
    """The corrected estimate of ``quantity`` over ``domain`` (a 0/1 array; all units
    when None) with its cluster-robust 95% interval."""
    domain = np.ones(population.stratum.size) if domain is None else domain.astype(np.float64)
    y_num, y_den = quantity_values(population.gold, quantity)
    rect_labels = (
        population.model if population.model_rectifier is None else population.model_rectifier
    )
    r_num, r_den = quantity_values(rect_labels, quantity)
    # a coded unit's population term uses the same prediction as its rectifier: with
    # cross-fitting, a head that did not see it
    f_num, f_den = quantity_values(
        np.where(population.coded, rect_labels, population.model), quantity
    )
    r_den = np.ones_like(r_den)  # the model takes every unit for a mention
    f_den = np.ones_like(f_den)
    t_num, u_num = _total(population, f_num, r_num, y_num, domain)
    t_den, u_den = _total(population, f_den, r_den, y_den, domain)
    if t_den <= 0:
        return Estimate(float("nan"), float("nan"), float("nan"), float("nan"))
    ratio = t_num / t_den
    se = _clustered_se((u_num - ratio * u_den) / t_den, population.cluster)
    low_bound = -1.0 if quantity == "mean_score" else 0.0
    return Estimate(
        ratio,
        float(np.clip(ratio - z * se, low_bound, 1.0)),
        float(np.clip(ratio + z * se, low_bound, 1.0)),
        se,
    )


def naive_ppi(population: Population, quantity: str, z: float = Z95) -> Estimate:
    """Classical PPI that ignores the design: the coded units taken as a simple random
    sample of all units, and units as independent (for comparison only)."""
    y_num, y_den = quantity_values(population.gold, quantity)
    f_num, _ = quantity_values(population.model, quantity)
    coded = population.coded
    accepted = y_den[coded] > 0
    # the share among accepted mentions: rectify the model on coded units that are mentions
    rect = (y_num[coded] - f_num[coded])[accepted]
    estimate = f_num.mean() + rect.mean()
    se = np.sqrt(f_num.var(ddof=1) / f_num.size + rect.var(ddof=1) / rect.size)
    return Estimate(float(estimate), float(estimate - z * se), float(estimate + z * se), float(se))


def model_only(
    labels: np.ndarray, cluster: np.ndarray, quantity: str, resamples: int, seed: int
) -> Estimate:
    """The model's own figure with the article-resampling bootstrap interval the
    aggregates use (it assumes the model is right)."""
    numerator, _ = quantity_values(labels, quantity)
    low, high = cluster_bootstrap_interval(numerator, cluster, resamples, seed)
    return Estimate(float(numerator.mean()), low, high, float("nan"))


@dataclass(frozen=True)
class EstimateSettings:
    """``validation.estimates``: which domains, how much coding each needs, the bootstrap
    of the model-only intervals."""

    dimensions: tuple[str, ...] = ("text", "outlet", "period")
    min_coded: int = 30
    min_coded_articles: int = 10
    min_articles: int = 3  # fewer distinct articles: figures without intervals ("too few")
    bootstrap: int = 1000
    seed: int = 42
    time_bin: str = "1mo"


def population_from_frame(frame: pl.DataFrame) -> Population:
    """A :class:`Population` from units with ``stratum, cluster, label, gold`` (null
    when uncoded) and optionally ``label_rectifier`` (the out-of-fold label of coded
    units, with cross-fitting)."""
    stratum = frame["stratum"].cast(pl.Categorical).to_physical().to_numpy().astype(np.int64)
    _, cluster = np.unique(frame["cluster"].to_numpy(), return_inverse=True)
    return Population(
        stratum=np.unique(stratum, return_inverse=True)[1],
        cluster=cluster,
        coded=frame["gold"].is_not_null().to_numpy(),
        gold=frame["gold"].fill_null("").to_numpy().astype(str),
        model=frame["label"].to_numpy().astype(str),
        model_rectifier=frame["label_rectifier"].fill_null(frame["label"]).to_numpy().astype(str)
        if "label_rectifier" in frame.columns
        else None,
    )


def estimates_table(frame: pl.DataFrame, settings: EstimateSettings) -> pl.DataFrame:
    """Model-only and corrected figures per actor (and per text kind, outlet and period
    where the coded sample supports it) for every quantity.

    ``frame``: every counted unit with ``actor, text, outlet, published, stratum,
    cluster, label`` and ``gold`` (null when uncoded).
    """
    from mediaframe.stance.aggregate import group_seed

    frame = frame.with_columns(
        pl.lit("all").alias("overall"),
        pl.col("published").dt.truncate(settings.time_bin).cast(pl.String).alias("period"),
    )
    population = population_from_frame(frame)
    rows = []
    for dimension in ("overall", *settings.dimensions):
        keys = frame.select("actor", dimension).unique().drop_nulls().sort("actor", dimension)
        for actor, group in keys.iter_rows():
            # fill_null: undated units (null period) beside dated ones are simply outside
            inside = (
                ((frame["actor"] == actor) & (frame[dimension] == group))
                .fill_null(False)
                .to_numpy()
            )
            coded_inside = inside & population.coded
            coded_count = int(coded_inside.sum())
            coded_articles = int(np.unique(population.cluster[coded_inside]).size)
            supported = (
                coded_count >= settings.min_coded and coded_articles >= settings.min_coded_articles
            )
            if dimension != "overall" and not supported:
                continue
            articles = int(np.unique(population.cluster[inside]).size)
            few = articles < settings.min_articles
            for quantity in QUANTITIES:
                model = model_only(
                    population.model[inside],
                    population.cluster[inside],
                    quantity,
                    settings.bootstrap,
                    group_seed(settings.seed, dimension, actor, group, quantity),
                )
                corrected = (
                    corrected_ratio(population, quantity, inside)
                    if coded_count
                    else Estimate(*(float("nan"),) * 4)
                )
                rows.append(
                    {
                        "actor": actor,
                        "dimension": dimension,
                        "group": str(group),
                        "quantity": quantity,
                        "mentions": int(inside.sum()),
                        "articles": articles,
                        "coded": coded_count,
                        "coded_articles": coded_articles,
                        "model": model.estimate,
                        "model_low": None if few else model.low,
                        "model_high": None if few else model.high,
                        "corrected": _finite(corrected.estimate),
                        "corrected_low": None if few else _finite(corrected.low),
                        "corrected_high": None if few else _finite(corrected.high),
                        "supported": supported,
                    }
                )
    return pl.DataFrame(rows, schema=ESTIMATE_SCHEMA)


def _finite(value: float) -> float | None:
    return float(value) if np.isfinite(value) else None
