"""Complementary pairs of half-samples and the error bound of stability selection.

Shah and Samworth (2013): each of ``n_pairs`` draws splits the rows into two disjoint halves,
and a feature's frequency is the share of the ``2 * n_pairs`` half-sample fits that select it.
Under their (mild) conditions the expected number of selected noise features is at most
``q**2 / ((2 * threshold - 1) * p)``, with ``q`` the mean number selected per fit and ``p`` the
number of features (Meinshausen and Bühlmann's bound, which complementary pairs keep).
"""

import numpy as np


def complementary_halves(n_samples, n_pairs, rng, groups=None):
    """``2 * n_pairs`` arrays of row indices: pairs of disjoint halves of ``n_samples // 2`` rows.

    With ``groups`` (class labels) the shuffled rows of each group go alternately to the two
    halves, so that every group of two rows or more is in both; the odd row of a group goes to
    each half in turn, which keeps the halves' sizes within one row.
    """
    half = n_samples // 2
    if groups is not None:
        groups = np.unique(groups, return_inverse=True)[1].ravel()
    halves = []
    for _ in range(n_pairs):
        if groups is None:
            order = rng.permutation(n_samples)
            halves.extend([np.sort(order[:half]), np.sort(order[half : 2 * half])])
            continue
        order = np.lexsort((rng.random(n_samples), groups))
        _, group, counts = np.unique(groups[order], return_inverse=True, return_counts=True)
        position = np.arange(n_samples) - np.concatenate([[0], np.cumsum(counts)[:-1]])[group]
        odd = counts % 2 == 1
        flip = np.zeros(len(counts), dtype=np.int64)
        flip[odd] = (np.arange(odd.sum()) + rng.randint(2)) % 2
        side = (position + flip[group]) % 2
        if n_samples % 2:
            # One half has a row too many: one of its groups' odd rows drops out of both.
            extra = (side == np.bincount(side).argmax()) & odd[group]
            extra &= position == counts[group] - 1
            side[rng.choice(np.flatnonzero(extra))] = -1
        halves.extend([np.sort(order[side == 0]), np.sort(order[side == 1])])
    return halves


def false_selection_bound(mean_selected, n_features, threshold):
    """Bound on the expected number of noise features selected at ``threshold`` (> 0.5)."""
    if threshold <= 0.5:
        return np.inf
    return mean_selected**2 / ((2 * threshold - 1) * n_features)


def threshold_for_bound(mean_selected, n_features, max_false_selections):
    """The frequency threshold whose bound is ``max_false_selections``: may exceed 1."""
    return 0.5 * (1 + mean_selected**2 / (max_false_selections * n_features))


def selections_for_bound(n_features, threshold, max_false_selections):
    """The mean number selected per fit, ``q``, whose bound at ``threshold`` (> 0.5) is
    ``max_false_selections``."""
    return np.sqrt(max_false_selections * (2 * threshold - 1) * n_features)
