"""Greedy redundancy-aware ranking: mRMR and JMI on binned codes.

Both start from the most relevant feature and add, one at a time, the feature that maximises:

- ``"mrmr"`` (Peng, Long & Ding 2005, difference form):
  I(X_j; Y) - mean over selected s of I(X_j; X_s)
- ``"jmi"`` (Yang & Moody 1999; Brown et al. 2012):
  mean over selected s of I(X_j, X_s; Y)

A duplicate of a selected feature adds no information: its redundancy equals its relevance (mRMR),
and its joint information with the original equals the original's alone (JMI), so it falls behind
features that carry something new.
"""

import numpy as np

from ._binning import joint_counts, mutual_info_from_counts
from ._sparse_redundancy import sparse_greedy_order


def greedy_order(codes, n_levels, y_codes, n_classes, relevance, *, method, n_select, weights=None):
    """Best-first order of the first ``n_select`` features and each one's criterion when picked.

    Parameters
    ----------
    codes : ndarray of shape (n_samples, n_features)
        Binned features (``Binner`` codes), all with fewer than ``n_levels`` levels.
    y_codes : ndarray of shape (n_samples,)
        Target codes in ``range(n_classes)``.
    relevance : ndarray of shape (n_features,)
        I(X_j; Y) for every feature.

    Returns
    -------
    order : ndarray of int, shape (n_select,)
    criterion : ndarray of float, shape (n_select,)
    """
    if not isinstance(codes, np.ndarray):  # SparseCodes: counted from the stored values
        return sparse_greedy_order(
            codes, y_codes, n_classes, relevance, method=method, n_select=n_select, weights=weights
        )
    n_features = codes.shape[1]
    remaining = np.ones(n_features, dtype=bool)
    accumulated = np.zeros(n_features)
    order = [int(np.argmax(relevance))]
    criterion = [float(relevance[order[0]])]
    remaining[order[0]] = False
    for n_selected in range(1, n_select):
        candidates = np.flatnonzero(remaining)
        last = codes[:, order[-1]].astype(np.intp)
        if method == "mrmr":
            counts = joint_counts(codes[:, candidates], n_levels, last, n_levels, weights)
            accumulated[candidates] += mutual_info_from_counts(counts)
            score = relevance[candidates] - accumulated[candidates] / n_selected
        else:
            # Counting (X_j, (X_s, Y)) gives the joint table of all three; grouping its first two
            # axes gives I(X_j, X_s; Y).
            pair_target = last * n_classes + y_codes
            counts = joint_counts(
                codes[:, candidates], n_levels, pair_target, n_levels * n_classes, weights
            )
            counts = counts.reshape(len(candidates), n_levels * n_levels, n_classes)
            accumulated[candidates] += mutual_info_from_counts(counts)
            score = accumulated[candidates] / n_selected
        best = int(np.argmax(score))  # first maximum: ties go to the lower index
        order.append(int(candidates[best]))
        criterion.append(float(score[best]))
        remaining[candidates[best]] = False
    return np.array(order, dtype=np.intp), np.array(criterion)
