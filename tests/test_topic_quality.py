import math

import numpy as np
import pytest
from scipy import sparse

from mediaframe.topics.quality import npmi_coherence, stability_ari, topic_diversity


def test_npmi_by_hand():
    # a and b always together in 2 of 4 documents; c alone in the other 2
    docs = sparse.csr_matrix(np.array([[1, 1, 0], [2, 1, 0], [0, 0, 1], [0, 0, 3]]))
    vocabulary = {"a": 0, "b": 1, "c": 2}
    together, apart, unknown = npmi_coherence(
        [["a", "b"], ["a", "c"], ["a", "zz"]], docs, vocabulary
    )
    assert together == pytest.approx(1.0)
    assert apart == pytest.approx(-1.0)
    assert unknown is None
    # partial overlap: a in 2 docs, d in 3 docs, together in 1 of 4
    docs = sparse.csr_matrix(np.array([[1, 1], [1, 0], [0, 1], [0, 1]]))
    (value,) = npmi_coherence([["a", "d"]], docs, {"a": 0, "d": 1})
    expected = math.log(0.25 / (0.5 * 0.75)) / -math.log(0.25)
    assert value == pytest.approx(expected)


def test_diversity_and_ari():
    assert topic_diversity([["a", "b"], ["b", "c"]]) == 0.75
    assert topic_diversity([]) is None
    assert stability_ari([0, 0, 1, 1], [5, 5, 7, 7]) == pytest.approx(1.0)
    assert stability_ari([0, 0, 1, 1], [0, 1, 0, 1]) < 0
