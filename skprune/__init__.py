"""Feature selection and weight pruning as scikit-learn estimators."""

from ._linear import LassoPruner, RidgePruner
from ._mlp import MLPPruner
from ._plotting import (
    FeatureScoreDisplay,
    PruningCurveDisplay,
    PruningHistoryDisplay,
    StabilityPathDisplay,
)
from ._scoring import (
    GiniSelector,
    MutualInfoSelector,
    gini_scores,
    gini_test,
    mutual_info_scores,
    mutual_info_test,
)
from ._stability import StabilitySelector
from ._version import __version__ as __version__

__all__ = [
    "FeatureScoreDisplay",
    "GiniSelector",
    "LassoPruner",
    "MLPPruner",
    "MutualInfoSelector",
    "PruningCurveDisplay",
    "PruningHistoryDisplay",
    "RidgePruner",
    "StabilityPathDisplay",
    "StabilitySelector",
    "gini_scores",
    "gini_test",
    "mutual_info_scores",
    "mutual_info_test",
]
