"""Quality figures for a topic model: NPMI coherence, topic diversity, stability (ARI).

- **NPMI coherence** of a topic's top words: for each pair, how much more often the two
  occur in the same document than chance, normalised to [-1, 1] (Bouma 2009; Röder et
  al. 2015 found document co-occurrence NPMI tracks human judgement). 0 is chance, 1
  is always together, -1 never together.
- **Topic diversity**: the share of unique words among all topics' top words (Dieng
  et al. 2020); 1 means no topic repeats another's words.
- **Stability**: the adjusted Rand index between the topic assignments of two fits with
  different seeds (1 = the same partition, 0 = chance agreement).

Example:
    >>> topic_diversity([["a", "b"], ["b", "c"]])
    0.75
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse


def npmi_coherence(
    top_words: Sequence[Sequence[str]], doc_terms: sparse.csr_matrix, vocabulary: dict[str, int]
) -> list[float | None]:
    """Mean pairwise NPMI of each topic's words over documents (``doc_terms``: docs × terms).

    Words missing from the vocabulary are skipped; a topic with fewer than two known
    words gets ``None``.
    """
    n_docs = doc_terms.shape[0]
    columns = sorted({vocabulary[w] for words in top_words for w in words if w in vocabulary})
    if n_docs == 0 or not columns:
        return [None] * len(top_words)
    position = {c: i for i, c in enumerate(columns)}
    present = (doc_terms[:, columns] > 0).astype(np.float64).tocsc()
    together = (present.T @ present).toarray()
    p_word = np.diag(together) / n_docs
    scores: list[float | None] = []
    for words in top_words:
        ids = [position[vocabulary[w]] for w in words if w in vocabulary]
        pairs = [(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :]]
        if not pairs:
            scores.append(None)
            continue
        values = []
        for a, b in pairs:
            p_joint = together[a, b] / n_docs
            if p_joint == 0:
                values.append(-1.0)
            elif p_joint == 1:
                values.append(1.0)
            else:
                values.append(float(np.log(p_joint / (p_word[a] * p_word[b])) / -np.log(p_joint)))
        scores.append(float(np.mean(values)))
    return scores


def topic_diversity(top_words: Sequence[Sequence[str]]) -> float | None:
    """Unique words / all words over the topics' top-word lists (None without topics)."""
    total = sum(len(words) for words in top_words)
    if total == 0:
        return None
    return len({w for words in top_words for w in words}) / total


def stability_ari(first: Sequence[int], second: Sequence[int]) -> float:
    """Adjusted Rand index between two topic assignments of the same documents."""
    from sklearn.metrics import adjusted_rand_score

    return float(adjusted_rand_score(np.asarray(first), np.asarray(second)))
