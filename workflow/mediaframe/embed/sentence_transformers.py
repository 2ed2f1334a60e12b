"""sentence-transformers models from a local path or the local Hugging Face cache.

Loading never downloads: ``HF_HUB_OFFLINE`` is set, so a model that is not on this
machine fails with a message saying how to get it, not a network time-out.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import numpy as np

from mediaframe.embed.base import Embedder
from mediaframe.errors import MediaframeError, MissingDependencyError


class SentenceTransformerEmbedder(Embedder):
    """Any sentence-transformers model available offline."""

    def __init__(self, model: str, threads: int = 1, batch_size: int = 32) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            import torch
            from sentence_transformers import SentenceTransformer
        except ImportError as error:
            raise MissingDependencyError(
                "sentence-transformers",
                "embed.backend 'sentence-transformers'",
                extra="transformers",
            ) from error
        torch.set_num_threads(threads)
        try:
            self._model = SentenceTransformer(model, device="cpu")
        except Exception as error:  # OSError, ValueError, HF errors: all mean "not available"
            raise MediaframeError(
                f"config.yaml: embed.model '{model}' could not be loaded offline ({type(error).__name__}: "
                f"{str(error).splitlines()[0] if str(error) else ''}). Fix: set embed.model to a local "
                "folder holding a saved sentence-transformers model, or download it on a machine with "
                "network access into the Hugging Face cache first."
            ) from error
        self._batch_size = batch_size
        self.backend_id = f"sentence-transformers-{os.path.basename(os.path.normpath(model))}"

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        vectors = self._model.encode(
            list(texts), batch_size=self._batch_size, convert_to_numpy=True, show_progress_bar=False
        )
        return np.asarray(vectors, dtype=np.float32)
