"""Caching the scoring part of a fit, so that a search over how much to prune scores once.

A selector's ``fit`` is split in two: a module-level function of the data and the scoring
parameters only, which returns the fitted state and the scores, and the selection, which reads
``pruning_rate``/``k``/``threshold``. With ``memory`` set, the first part goes through
``joblib.Memory``: refitting on the same data with another pruning rate reloads the scores instead
of computing them again, as scikit-learn's ``Pipeline(memory=...)`` does for its transformers.

The linear pruners' scores come from penalised fits whose number and alphas depend on how much is
pruned (the Lasso path is walked until enough features are kept), so they cache each penalised
fit instead, keyed by a digest of the data and the penalty parameters taken once per ``fit``
(``keyed_call``); a walk for another ``k`` reloads the fits it shares with the walks before it.
"""

import os

import joblib
import sklearn
from sklearn.utils.validation import check_memory

from .._version import __version__
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
    ignore = [name for name in NOT_HASHED if name in kwargs]
    return _joblib_memory(memory).cache(function, ignore=ignore)(*args, **kwargs)


def memory_key(*parts):
    """A digest of ``parts`` (arrays included), with the versions of skprune and scikit-learn (whose
    solvers compute what is cached): a cache key."""
    return joblib.hash((__version__, sklearn.__version__, *parts))


def keyed_call(memory, key, function, *args):
    """``function(*args)``, cached under ``key`` alone when ``memory`` is not None.

    ``key`` must determine the result (a ``memory_key`` of what ``function`` depends on). The
    arguments are not hashed: the data of a fit is hashed once into its key, not at every call.
    """
    if memory is None:
        return function(*args)
    return _joblib_memory(memory).cache(_call, ignore=["function", "args"])(key, function, args)


def _joblib_memory(memory):
    """A joblib.Memory-like object for ``memory``: a directory (str or path) or such an object."""
    return check_memory(os.fspath(memory) if isinstance(memory, os.PathLike) else memory)


def _call(key, function, args):
    return function(*args)


class WarmStartedFits:
    """``fit(alpha)`` of a warm-started solver, through ``memory``'s cache.

    A warm-started fit depends on the fits before it, so each fit is keyed by the key of the one
    before and its own alpha: a walk that visits the same alphas in the same order reloads them,
    and a fit that is not in the cache starts from the weights the one before returned (``fit``
    takes them as ``start``), loaded or computed, as it would without a cache.
    """

    def __init__(self, memory, key, fit):
        self.memory, self.key, self.fit = memory, key, fit
        self.last = None

    def __call__(self, alpha):
        self.key = memory_key(self.key, alpha)
        self.last = keyed_call(self.memory, self.key, self.fit, alpha, self.last)
        return self.last
