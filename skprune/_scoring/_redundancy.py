"""Greedy redundancy-aware ranking: mRMR and JMI on binned codes.

Both start from the most relevant feature and add, one at a time, the feature that maximises:

- ``"mrmr"`` (Peng, Long & Ding 2005, difference form):
  I(X_j; Y) - mean over selected s of I(X_j; X_s)
- ``"jmi"`` (Yang & Moody 1999; Brown et al. 2012):
  mean over selected s of I(X_j, X_s; Y)

A duplicate of a selected feature adds no information: its redundancy equals its relevance (mRMR),
and its joint information with the original equals the original's alone (JMI), so it falls behind
features that carry something new.

The pairwise terms are entropies of the (X_j, X_s) and (X_j, X_s, Y) combinations that occur
(``_joint``): O(rows) memory per pair, whatever the number of levels of either column. With the
chance correction each term is minus its expectation under permutation (``_chance``), as the
relevance is: a many-level column is neither redundant nor jointly informative by chance.
"""

import numpy as np

from ._chance import expected_cell_sums
from ._joint import compact, entropies, entropy, first_maximum, merge_cells, occurring_cells
from ._sparse_redundancy import sparse_greedy_order


def greedy_order(
    codes, y_codes, relevance, *, method, n_select, weights=None, chance_correction=False
):
    """Best-first order of the first ``n_select`` features and each one's criterion when picked.

    Parameters
    ----------
    codes : ndarray of shape (n_samples, n_features)
        Binned features (``Binner`` codes).
    y_codes : ndarray of shape (n_samples,)
        Target codes.
    relevance : ndarray of shape (n_features,)
        I(X_j; Y) for every feature.
    chance_correction : bool, default=False
        Every pairwise term minus its expectation under permutation (``_chance``).

    Returns
    -------
    order : ndarray of int, shape (n_select,)
    criterion : ndarray of float, shape (n_select,)
    """
    if not isinstance(codes, np.ndarray):  # SparseCodes: counted from the stored values
        n_classes = int(y_codes.max()) + 1
        return sparse_greedy_order(
            codes, y_codes, n_classes, relevance, method=method, n_select=n_select,
            weights=weights, chance_correction=chance_correction,
        )  # fmt: skip
    n_features = codes.shape[1]
    remaining = np.ones(n_features, dtype=bool)
    accumulated = np.zeros(n_features)
    order = [int(np.argmax(relevance))]
    criterion = [float(relevance[order[0]])]
    remaining[order[0]] = False
    levels = codes.max(axis=0).astype(np.int64) + 1
    marginal = None
    if method == "mrmr" and n_select > 1:
        # Cells of each column with a code that never changes: its levels.
        same = np.zeros(codes.shape[0], dtype=np.intp)
        owner, _, counts = occurring_cells(codes, np.arange(n_features), same, 1, weights, levels)
        marginal = (owner, counts, entropies(owner, counts, n_features))
    for n_selected in range(1, n_select):
        candidates = np.flatnonzero(remaining)
        last = order[-1]
        if method == "mrmr":
            term = pair_information(
                codes, candidates, last, marginal, weights, levels, chance_correction
            )
            accumulated[candidates] += term
            score = relevance[candidates] - accumulated[candidates] / n_selected
        else:
            term = joint_information(
                codes, candidates, last, y_codes, weights, levels, chance_correction
            )
            accumulated[candidates] += term
            score = accumulated[candidates] / n_selected
        best = first_maximum(score)
        order.append(int(candidates[best]))
        criterion.append(float(score[best]))
        remaining[candidates[best]] = False
    return np.array(order, dtype=np.intp), np.array(criterion)


def pair_information(codes, candidates, last, marginal, weights, levels, corrected=False):
    """I(X_j; X_s) for each candidate j and the last pick s.

    ``marginal`` holds every column's level cells and entropy: ``(owner, counts, entropies)``.
    Plain: H(X_j) + H(X_s) - H(X_j, X_s). Corrected: minus its expectation under permutation.
    """
    chosen, n_chosen = compact(codes[:, last])
    owner, _, counts = occurring_cells(codes, candidates, chosen, n_chosen, weights, levels)
    if corrected:
        level_owner, level_counts, _ = marginal
        chosen_totals = level_counts[level_owner == last]
        expected = expected_cell_sums(level_owner, level_counts, chosen_totals, codes.shape[1])
        return _corrected(owner, counts, expected[candidates])
    entropy_of = marginal[2]
    joint = entropies(owner, counts, len(candidates))
    return np.maximum(entropy_of[candidates] + entropy_of[last] - joint, 0.0)


def joint_information(codes, candidates, last, y_codes, weights, levels, corrected=False):
    """I(X_j, X_s; Y) for each candidate j: H(X_j, X_s) + H(Y) - H(X_j, X_s, Y), or corrected."""
    n, n_classes = len(candidates), int(y_codes.max()) + 1
    chosen, n_chosen = compact(codes[:, last])
    # Cells of (X_j, X_s, Y); grouping the classes of each gives those of (X_j, X_s).
    owner, cell, counts = occurring_cells(
        codes, candidates, chosen * n_classes + y_codes, n_chosen * n_classes, weights, levels
    )
    pair_owner, pair_counts = merge_cells(owner, cell, counts, n_classes)
    if corrected:
        class_totals = np.bincount(y_codes, weights=weights)
        return _corrected(
            owner, counts, expected_cell_sums(pair_owner, pair_counts, class_totals, n)
        )
    triple = entropies(owner, counts, n)
    pair = entropies(pair_owner, pair_counts, n)
    return np.maximum(pair + entropy(y_codes, weights) - triple, 0.0)


def _corrected(owner, counts, expected):
    """(sum over cells of n log n - its expectation) / N: mutual information minus chance."""
    n = expected.size
    total = np.bincount(owner, weights=counts, minlength=n)
    observed = np.bincount(owner, weights=counts * np.log(counts), minlength=n)
    return (observed - expected) / np.where(total > 0, total, 1.0)
