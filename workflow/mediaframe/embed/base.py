"""The embedding interface every backend implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence

import numpy as np


class Embedder(ABC):
    """Turns texts into fixed-size float32 vectors.

    ``backend_id`` names the backend, model and anything else that changes the vectors;
    the embedding cache is keyed by it, so two backends never share cached vectors.
    """

    backend_id: str

    @abstractmethod
    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Return an array of shape ``(len(texts), dimension)``, dtype float32."""
