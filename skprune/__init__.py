"""Feature selection and weight pruning as scikit-learn estimators."""

from ._feature_scores import FeatureScoreDisplay
from ._gini import gini_scores
from ._gini_selector import GiniSelector
from ._lasso_pruner import LassoPruner
from ._mlp_pruner import MLPPruner
from ._mutual_info import mutual_info_scores
from ._mutual_info_selector import MutualInfoSelector
from ._pruning_curve import PruningCurveDisplay
from ._pruning_history import PruningHistoryDisplay
from ._ridge_pruner import RidgePruner

__version__ = "0.1.0.dev0"

__all__ = [
    "FeatureScoreDisplay",
    "GiniSelector",
    "LassoPruner",
    "MLPPruner",
    "MutualInfoSelector",
    "PruningCurveDisplay",
    "PruningHistoryDisplay",
    "RidgePruner",
    "gini_scores",
    "mutual_info_scores",
]
