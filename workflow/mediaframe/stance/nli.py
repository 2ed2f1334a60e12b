"""Zero-shot stance with a transformers NLI model (entailment of a hypothesis per label).

For each mention the sentence is the premise; each label has a hypothesis about the
target (``{target}`` is replaced by the matched alias), per language. The entailment
logits of the three hypotheses are turned into probabilities; the score is
P(positive) − P(negative), the label the most probable hypothesis, the confidence its
probability, and the evidence
lists the three probabilities.

The model is loaded from a local folder or the local Hugging Face cache only; a model
that is not on this machine fails with a message saying how to provide it.

Example:
    >>> scorer = NLIScorer("path/to/xnli-model", HYPOTHESES)
    >>> scorer.score(mentions)
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

import numpy as np
import polars as pl

from mediaframe.errors import MediaframeError, MissingDependencyError
from mediaframe.stance.base import LABELS, STANCE_COLUMNS, StanceScorer

DEFAULT_HYPOTHESES: dict[str, dict[str, str]] = {
    "ar": {
        "negative": "النص ينتقد {target}.",
        "neutral": "النص محايد تجاه {target}.",
        "positive": "النص يؤيد {target}.",
    },
    "en": {
        "negative": "The text is critical of {target}.",
        "neutral": "The text is neutral about {target}.",
        "positive": "The text is favourable to {target}.",
    },
}
_ARABIC = re.compile(r"[\u0600-\u06FF]")


class NLIScorer(StanceScorer):
    name = "nli"

    def __init__(
        self,
        model: str,
        hypotheses: Mapping[str, Mapping[str, str]] | None = None,
        batch_size: int = 16,
        threads: int = 1,
    ) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            import torch
            from transformers import AutoModelForSequenceClassification, AutoTokenizer
        except ImportError as error:
            raise MissingDependencyError(
                "transformers", "stance.scorer 'nli'", extra="transformers"
            ) from error
        torch.set_num_threads(threads)
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(model, local_files_only=True)
            self.model = AutoModelForSequenceClassification.from_pretrained(
                model, local_files_only=True
            )
        except (OSError, ValueError) as error:
            raise MediaframeError(
                f"config.yaml: stance.nli.model '{model}' could not be loaded offline "
                f"({type(error).__name__}). Fix: set stance.nli.model to a local folder holding a "
                "saved transformers NLI model (e.g. an XNLI model downloaded on a machine with "
                "network access), or use stance.scorer 'embedding'."
            ) from error
        self.model.eval()
        label2id = {k.lower(): v for k, v in self.model.config.label2id.items()}
        entailment = [v for k, v in label2id.items() if k.startswith("entail")]
        if not entailment:
            raise MediaframeError(
                f"stance.nli.model '{model}': its labels {sorted(label2id)} have no 'entailment'. "
                "Fix: use a model fine-tuned for natural language inference (NLI/XNLI)."
            )
        self.entailment = entailment[0]
        self.hypotheses = {lang: dict(h) for lang, h in (hypotheses or DEFAULT_HYPOTHESES).items()}
        self.batch_size = batch_size
        self._torch = torch

    def _entailment_logits(self, premises: list[str], hypotheses: list[str]) -> np.ndarray:
        out = []
        for i in range(0, len(premises), self.batch_size):
            batch = self.tokenizer(
                premises[i : i + self.batch_size],
                hypotheses[i : i + self.batch_size],
                truncation=True,
                padding=True,
                max_length=256,
                return_tensors="pt",
            )
            with self._torch.no_grad():
                logits = self.model(**batch).logits
            out.append(logits[:, self.entailment].double().numpy())
        return np.concatenate(out) if out else np.zeros(0)

    def score(self, mentions: pl.DataFrame) -> pl.DataFrame:
        premises, hypotheses = [], []
        for sentence, target in zip(mentions["sentence_text"], mentions["matched"], strict=True):
            language = "ar" if _ARABIC.search(sentence) else "en"
            templates = self.hypotheses.get(language) or next(iter(self.hypotheses.values()))
            for label in LABELS:
                premises.append(sentence)
                hypotheses.append(templates[label].format(target=target))
        logits = self._entailment_logits(premises, hypotheses).reshape(-1, len(LABELS))
        logits -= logits.max(axis=1, keepdims=True) if logits.size else 0
        probabilities = (
            np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True) if logits.size else logits
        )
        results = []
        for row in probabilities:
            score = float(row[LABELS.index("positive")] - row[LABELS.index("negative")])
            label = LABELS[int(row.argmax())]
            evidence = ", ".join(f"P({name})={p:.2f}" for name, p in zip(LABELS, row, strict=True))
            results.append((label, round(score, 6), round(float(row.max()), 4), evidence))
        columns = list(zip(*results, strict=True)) if results else [[], [], [], []]
        return mentions.with_columns(
            pl.Series(name, values, dtype=dtype)
            for (name, dtype), values in zip(STANCE_COLUMNS.items(), columns, strict=True)
        )
