"""The validation loop: a blind, stratified coding sheet; coded sheets read back and
checked; agreement between coders; the model against the coders; and stance shares
corrected by the coded sample with intervals that respect the sampling design and
the clustering of mentions in articles.

Modules (each pure functions over polars frames; none imports snakemake):

* :mod:`~mediaframe.validation.sample`: mention units, strata, the sampler and its design;
* :mod:`~mediaframe.validation.sheet`: the coding sheet (CSV with BOM, XLSX) and the codebook page;
* :mod:`~mediaframe.validation.coded`: reading coded sheets, gold labels (adjudication, majority, ties);
* :mod:`~mediaframe.validation.agreement`: Krippendorff's α with a bootstrap interval;
* :mod:`~mediaframe.validation.accuracy`: model against coders (F1, confusion, calibration);
* :mod:`~mediaframe.validation.estimate`: stratified prediction-powered estimates;
* :mod:`~mediaframe.validation.adapt`: the stance head adapted on the coded units, with
  cross-fitted (out-of-fold) predictions for them (``validation.adapt``).

The report's tables and figures are in :mod:`mediaframe.report.validation`.
"""

CODED_LABELS = ("negative", "neutral", "positive", "not_actor")
STANCE_ORDER = {"negative": -1.0, "neutral": 0.0, "positive": 1.0}
