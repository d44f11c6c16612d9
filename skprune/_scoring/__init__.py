"""Selectors that score each feature against the target: mutual information and Gini impurity
decrease, their estimators (histograms, k-NN, splits), redundancy-aware ranking and dask counts.
"""

from ._gini import gini_scores
from ._gini_selector import GiniSelector
from ._mutual_info import mutual_info_scores
from ._mutual_info_selector import MutualInfoSelector
from ._score_tests import gini_test, mutual_info_test

__all__ = [
    "GiniSelector",
    "MutualInfoSelector",
    "gini_scores",
    "gini_test",
    "mutual_info_scores",
    "mutual_info_test",
]
