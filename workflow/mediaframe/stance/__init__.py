"""Stance scorers behind one interface, chosen by name in config (section ``stance``).

Example:
    >>> scorer = get_scorer({"scorer": "lexicon", "lexicon": {"path": None, "window": 8}})
    >>> scored = scorer.score(mentions)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mediaframe.errors import MediaframeError
from mediaframe.stance.base import LABELS, STANCE_COLUMNS, StanceScorer

SCORERS = ("embedding", "lexicon", "nli")


def get_scorer(settings: dict[str, Any]) -> StanceScorer:
    """Build the scorer named by ``settings["scorer"]``."""
    name = settings.get("scorer", "embedding")
    if name == "embedding":
        from mediaframe.stance.embedding import EmbeddingScorer

        options = settings.get("embedding", {})
        cache = Path(options.get("cache_dir") or "results/cache/embeddings")
        return EmbeddingScorer.from_file(
            _head_path(options),
            threads=int(settings.get("threads", 1)),
            cache_dir=cache,
            second_below=options.get("second_reading_below"),
        )
    if name == "lexicon":
        from mediaframe.stance.lexicon import LexiconScorer, default_lexicon_path

        options = settings.get("lexicon", {})
        path = Path(options["path"]) if options.get("path") else default_lexicon_path()
        return LexiconScorer.from_csv(
            path,
            window=int(options.get("window", 8)),
            neutral_band=float(settings.get("neutral_band", 0.2)),
        )
    if name == "nli":
        from mediaframe.stance.nli import NLIScorer

        options = settings.get("nli", {})
        if not options.get("model"):
            raise MediaframeError(
                "config.yaml: stance.scorer is 'nli' but stance.nli.model is empty. Fix: set it to a local NLI model folder."
            )
        return NLIScorer(
            options["model"],
            hypotheses=options.get("hypotheses"),
            batch_size=int(options.get("batch_size", 16)),
            threads=int(settings.get("threads", 1)),
        )
    raise MediaframeError(
        f"config.yaml: stance.scorer '{name}' is unknown. Fix: use one of {', '.join(SCORERS)}."
    )


def _head_path(options: dict[str, Any]) -> Path:
    from mediaframe.stance.embedding import default_head_path

    return Path(options["head"]) if options.get("head") else default_head_path()


def second_reading(settings: dict[str, Any]) -> tuple[str | None, float | dict[str, float]]:
    """The embedding scorer's second reading as configured (config section ``stance``):
    its embedder, or None when it is off, and the confidence under which it is used."""
    from mediaframe.stance.embedding import StanceHead, second_setting

    options = settings.get("embedding", {})
    head = StanceHead.load(_head_path(options))
    backend, below = second_setting(head, options.get("second_reading_below"))
    return backend, below if backend else 0.0


__all__ = ["LABELS", "SCORERS", "STANCE_COLUMNS", "StanceScorer", "get_scorer", "second_reading"]
