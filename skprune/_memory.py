"""Caching the scoring part of a fit, so that a search over how much to prune scores once.

A selector's ``fit`` is split in two: a module-level function of the data and the scoring
parameters only, which returns the fitted state and the scores, and the selection, which reads
``pruning_rate``/``k``/``threshold``. With ``memory`` set, the first part goes through
``joblib.Memory``: refitting on the same data with another pruning rate reloads the scores instead
of computing them again, as scikit-learn's ``Pipeline(memory=...)`` does for its transformers.
"""

import os

from sklearn.utils.validation import check_memory

from ._compat import HasMethods

MEMORY_CONSTRAINTS = {"memory": [None, str, os.PathLike, HasMethods(["cache"])]}

# Parameters that change how fast the scores are computed, not what they are.
NOT_HASHED = ["n_jobs"]


def cached_call(memory, function, *args, **kwargs):
    """``function(*args, **kwargs)``, through ``memory``'s cache when ``memory`` is not None.

    ``memory`` is None, a directory (str or path) or an object with joblib.Memory's interface.
    """
    if memory is None:
        return function(*args, **kwargs)
    if isinstance(memory, os.PathLike):
        memory = os.fspath(memory)
    ignore = [name for name in NOT_HASHED if name in kwargs]
    return check_memory(memory).cache(function, ignore=ignore)(*args, **kwargs)
