"""Feature selection and weight pruning as scikit-learn estimators."""

from ._mlp_pruner import MLPPruner
from ._mutual_info import mutual_info_scores
from ._mutual_info_selector import MutualInfoSelector

__version__ = "0.1.0.dev0"

__all__ = ["MLPPruner", "MutualInfoSelector", "mutual_info_scores"]
