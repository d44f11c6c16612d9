"""Linear pruners: L1/L2-penalised models pruned by the magnitude of their standardised weights,
the Lasso path, standardisation, moments of rows, and the fenced custom solvers in ``_solvers``.
"""

from ._lasso_pruner import LassoPruner
from ._ridge_pruner import RidgePruner

__all__ = ["LassoPruner", "RidgePruner"]
