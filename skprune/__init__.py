"""Feature selection and weight pruning as scikit-learn estimators."""

from ._lasso_pruner import LassoPruner
from ._mutual_info import mutual_info_scores
from ._mutual_info_selector import MutualInfoSelector
from ._ridge_pruner import RidgePruner

__version__ = "0.1.0.dev0"

__all__ = ["LassoPruner", "MutualInfoSelector", "RidgePruner", "mutual_info_scores"]
