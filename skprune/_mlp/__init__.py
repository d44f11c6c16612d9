"""MLPPruner: weight and unit criteria, masked fine-tuning, unit removal and sparse export of a
scikit-learn MLP. Only ``_sklearn_private`` touches the MLP's private internals.
"""

from ._pruner import MLPPruner

__all__ = ["MLPPruner"]
