"""The selection rule shared by every skprune estimator.

A fitted selector holds one score per feature (or per weight). Which of them survive is decided
here, from three parameters that mean the same thing in every estimator:

- ``pruning_rate``: the fraction removed; ``floor(pruning_rate * n)`` items are removed.
- ``k``: the number kept; when given it overrides ``pruning_rate``.
- ``threshold``: keep only items whose score is >= threshold. When given, ``pruning_rate`` is
  ignored; combined with ``k`` it keeps at most ``k`` items that pass the threshold.
- ``fdr`` (estimators with p-values only): keep the items whose Benjamini-Hochberg adjusted
  p-value is at most ``fdr``. When given, ``pruning_rate`` is ignored; with ``k``, at most ``k``
  of them; with ``threshold``, only those that pass it too.

Ties are broken deterministically: between equal scores the item with the lower index ranks first.
"""

import warnings
from numbers import Integral, Real

import numpy as np

from ._compat import Interval

SELECTION_CONSTRAINTS = {
    "pruning_rate": [Interval(Real, 0, 1, closed="left")],
    "k": [Interval(Integral, 1, None, closed="left"), None],
    "threshold": [Real, None],
}
FDR_CONSTRAINT = {"fdr": [Interval(Real, 0, 1, closed="neither"), None]}


def rank_order(scores):
    """Indices of ``scores`` from best to worst; ties keep the lower index first, NaN last."""
    scores = np.asarray(scores, dtype=np.float64)
    keyed = np.where(np.isnan(scores), -np.inf, scores)
    # A stable sort of the negated scores keeps equal scores in index order.
    return np.argsort(-keyed, kind="stable")


def ranking_from_order(order):
    """Turn a best-first order of indices into ranks (1 = best)."""
    ranking = np.empty(len(order), dtype=np.intp)
    ranking[order] = np.arange(1, len(order) + 1)
    return ranking


def n_to_keep(n_items, *, pruning_rate=0.5, k=None):
    """Number of items kept out of ``n_items`` by ``k`` or ``pruning_rate``.

    ``k`` larger than ``n_items`` keeps every item with a warning naming ``k``, as scikit-learn's
    ``SelectKBest`` does, so that a grid over ``k`` shared by several data sets does not fail.
    """
    if k is not None:
        if k > n_items:
            warnings.warn(
                f"k={k} is greater than the number of items ({n_items}); all of them are kept.",
                UserWarning,
                stacklevel=3,
            )
            return n_items
        return int(k)
    return n_items - int(np.floor(pruning_rate * n_items))


def benjamini_hochberg(pvalues):
    """Benjamini-Hochberg adjusted p-values: ``min over j >= i of p_(j) * m / j``, capped at 1.

    An item is kept at false discovery rate ``q`` when its adjusted p-value is at most ``q``:
    the step-up procedure of Benjamini and Hochberg (1995). NaN p-values count as 1.
    """
    pvalues = np.nan_to_num(np.asarray(pvalues, dtype=np.float64), nan=1.0)
    m = pvalues.size
    order = np.argsort(pvalues, kind="stable")
    scaled = pvalues[order] * m / np.arange(1, m + 1)
    adjusted = np.empty(m)
    adjusted[order] = np.minimum(np.minimum.accumulate(scaled[::-1])[::-1], 1.0)
    return adjusted


def select_support(
    scores, *, pruning_rate=0.5, k=None, threshold=None, order=None, fdr=None, pvalues=None
):
    """Boolean mask of the kept items.

    Parameters
    ----------
    scores : array-like of shape (n_items,)
        Higher is better. ``threshold`` is compared with these.
    pruning_rate, k, threshold :
        The shared selection parameters (see the module docstring).
    order : array-like of int, default=None
        Best-first order of the items, when it is not simply decreasing score (a greedy,
        redundancy-aware ranking). Defaults to ``rank_order(scores)``.
    fdr : float in (0, 1), default=None
        False discovery rate: keep the items whose adjusted ``pvalues`` are at most ``fdr``.
    pvalues : array-like of shape (n_items,), default=None
        Needed with ``fdr``.

    Returns
    -------
    support : ndarray of bool, shape (n_items,)
    """
    scores = np.asarray(scores, dtype=np.float64)
    order = rank_order(scores) if order is None else np.asarray(order)
    support = np.zeros(scores.shape[0], dtype=bool)
    if fdr is not None:
        passing = order[benjamini_hochberg(pvalues)[order] <= fdr]
        if threshold is not None:
            passing = passing[scores[passing] >= threshold]
        support[passing[:k]] = True
        return support
    if threshold is not None:
        passing = order[scores[order] >= threshold]
        if k is not None:
            passing = passing[:k]
        support[passing] = True
        return support
    support[order[: n_to_keep(scores.shape[0], pruning_rate=pruning_rate, k=k)]] = True
    return support
