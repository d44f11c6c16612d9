"""Magnitude pruning of a weight matrix, by feature or by single weight, in one or more rounds.

Weights are laid out as scikit-learn's linear models keep them: one row per output (class or
target), one column per feature. The shared selection rule (``select_support``) decides which
items survive; this module only says what an item and its score are.
"""

import numpy as np

from .._core._selection import rank_order, select_support

GRANULARITIES = ("feature", "weight")


def feature_scores(coef):
    """Importance of each feature: |weight|, or the norm of its weights across outputs."""
    return np.sqrt(np.square(coef).sum(axis=0))


def round_targets(n_items, n_final, n_rounds):
    """Number of items kept after each round: evenly spaced, the last one ``n_final``."""
    steps = np.arange(1, n_rounds + 1) / n_rounds
    return [int(round(n_items - (n_items - n_final) * step)) for step in steps]


def n_alive(mask, granularity):
    """Number of items with a weight left in ``mask`` (rows x features)."""
    return int(mask.any(axis=0).sum()) if granularity == "feature" else int(mask.sum())


def magnitude_cut(coef, alive, constant, granularity, *, n_keep, threshold=None):
    """Mask of the weights kept in ``coef`` among the ``alive`` ones.

    Items already pruned (not ``alive``) stay pruned; constant columns go first. With
    ``threshold`` only items whose score is >= threshold survive, at most ``n_keep`` of them
    (``n_keep=None``: no limit).
    """
    if granularity == "feature":
        scores = feature_scores(coef * alive)
        key = np.where(alive.any(axis=0), scores, -np.inf)
    else:
        key = np.where(alive, np.abs(coef), -np.inf)
    key = np.where(constant, np.where(np.isfinite(key), -1.0, key), key)
    if threshold is None:
        kept = select_support(key.ravel(), k=n_keep)
    else:
        kept = select_support(key.ravel(), k=n_keep, threshold=threshold)
    return alive & kept.reshape(key.shape)


def best_first(indices, scores, constant):
    """``indices`` ordered by decreasing score, constant columns last."""
    key = np.where(constant[indices], -1.0, scores[indices])
    return indices[rank_order(key)]
