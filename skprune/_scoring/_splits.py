"""The best single split of each feature: impurity decrease from sorted columns or count tables.

A node is summarised by per-row *channels* summed over its rows. Channel 0 is the weight; then

- classification: the weight of the rows of class 1, 2, ... (class 0 holds the remaining weight).
  The node's Gini impurity is ``1 - sum_c (W_c / W) ** 2``.
- regression: the weighted sum of the (centred) target. The node's variance is
  ``sum w y**2 / W - (sum w y / W) ** 2``.

For both criteria the weighted impurity of a node is ``a - P`` with ``a`` additive over rows and
``P`` the *proxy* ``sum_c W_c**2 / W`` (Gini) or ``(sum w y)**2 / W`` (variance). The impurity
decrease of a split of a parent of weight W is therefore
``(P(left) + P(right) - P(parent)) / W``, the quantity scikit-learn's trees compute as
``impurity(parent) - (W_left impurity(left) + W_right impurity(right)) / W``.

Missing values (NaN) go to whichever side gives the larger decrease; "all observed rows on one
side, missing rows on the other" is a candidate split as well.
"""

import numpy as np

from ._binning import joint_counts


def row_channels(y, task, sample_weight, n_classes=None, mean=None):
    """Per-row channels, shape (n_channels, n_samples), of class indices or a regression target.

    ``n_classes`` and ``mean`` default to those of ``y``; a chunk of a larger table passes the
    whole table's, so that its channels add up with the other chunks'.
    """
    weight = np.ones(y.shape[0]) if sample_weight is None else sample_weight
    if task == "classification":
        n_classes = int(y.max()) + 1 if n_classes is None else n_classes
        channels = np.zeros((n_classes, y.shape[0]))
        channels[0] = weight
        rows = np.flatnonzero(y > 0)
        channels[y[rows], rows] = weight[rows]
        return channels
    # Centring keeps the proxies small and the subtraction P(left) + P(right) - P(parent) exact
    # to more digits.
    if mean is None:
        total = weight.sum()
        mean = (weight @ y) / total if total > 0 else 0.0
    return np.stack([weight, weight * (y - mean)])


def proxy(stats, task):
    """``P`` of nodes given their channel sums (a sequence of equally shaped arrays)."""
    weight = stats[0]
    if task == "classification":
        first_class = weight - sum(stats[1:])
        squares = first_class * first_class + sum(s * s for s in stats[1:])
    else:
        squares = stats[1] * stats[1]
    shape = np.broadcast_shapes(np.shape(squares), np.shape(weight))
    return np.divide(squares, weight, out=np.zeros(shape), where=weight > 0)


def best_split_gain(left, cut, observed, missing, task):
    """Largest impurity decrease over candidate cuts, per feature.

    Parameters
    ----------
    left : list of ndarray of shape (n_features, n_cuts)
        Per channel, the sums over observed rows left of each cut.
    cut : ndarray of bool, shape (n_features, n_cuts), or None
        Which cuts are allowed (None: all).
    observed, missing : list of ndarray of shape (n_features,)
        Per channel, the sums over the observed and over the missing rows.
    task : {"classification", "regression"}

    Returns
    -------
    gain : ndarray of shape (n_features,)
    """
    total = [o + m for o, m in zip(observed, missing, strict=True)]
    column = (slice(None), None)
    # Missing rows on the right.
    right = [t[column] - s for t, s in zip(total, left, strict=True)]
    best = proxy(left, task) + proxy(right, task)
    if any(np.any(m != 0) for m in missing):
        # Missing rows on the left; then observed rows against missing rows.
        best = np.maximum(
            best,
            proxy([s + m[column] for s, m in zip(left, missing, strict=True)], task)
            + proxy([o[column] - s for o, s in zip(observed, left, strict=True)], task),
        )
        alone = proxy(observed, task) + proxy(missing, task)
    else:
        alone = np.full(best.shape[0], -np.inf)
    if cut is not None:
        best = np.where(cut, best, -np.inf)
    best = np.maximum(best.max(axis=1, initial=-np.inf), alone)
    weight = total[0]
    gain = np.divide(best - proxy(total, task), weight, out=np.zeros_like(best), where=weight > 0)
    # No allowed cut (a constant column) or rounding below zero: no decrease.
    return np.where(np.isfinite(gain), np.maximum(gain, 0.0), 0.0)


def sorted_gains(block, channels, task, unit_weight=False):
    """Exact best-split gains of the columns of ``block`` by sorting.

    Parameters
    ----------
    block : ndarray of shape (n_features, n_samples)
        One feature per (contiguous) row; NaN marks a missing value.
    channels : ndarray of shape (n_channels, n_samples)
        The rows' channels (see ``row_channels``).
    unit_weight : bool, default=False
        Every row weighs 1: the cumulative weight is then the position, not a sum to gather.
    """
    n_features, n_samples = block.shape
    order = np.argsort(block, axis=1)  # NaN sorts last
    values = np.take_along_axis(block, order, axis=1)
    # A cut between positions i and i + 1 of the sorted rows separates distinct observed values;
    # NaN compares False, so no cut reaches into the missing rows.
    cut = values[:, :-1] < values[:, 1:]
    n_observed = n_samples - np.isnan(values).sum(axis=1)
    last = np.maximum(n_observed - 1, 0)[:, None]
    left, observed, missing = [], [], []
    for index, channel in enumerate(channels):
        if index == 0 and unit_weight:
            left.append(np.arange(1.0, n_samples)[None, :])
            observed.append(n_observed.astype(np.float64))
            missing.append((n_samples - n_observed).astype(np.float64))
            continue
        cumulative = channel[order]
        np.cumsum(cumulative, axis=1, out=cumulative)
        observed.append(np.where(n_observed > 0, np.take_along_axis(cumulative, last, 1)[:, 0], 0))
        # Exactly zero without missing rows: the same cumulative sum, read twice.
        missing.append(cumulative[:, -1] - observed[-1])
        left.append(cumulative[:, :-1])
    return best_split_gain(left, cut, observed, missing, task)


def ordered_table_gains(counts, task):
    """Best-split gains from count tables of ordered levels; level 0 holds the missing rows.

    ``counts`` has shape (n_features, n_levels, n_channels): per feature and level (bin), the sums
    of the rows' channels.
    """
    observed_levels = counts[:, 1:, :]
    cumulative = np.cumsum(observed_levels, axis=1)
    left = [cumulative[:, :-1, c] for c in range(counts.shape[2])]
    # Summed rather than read off the cumulative sums: a table may have no observed level at all
    # (every column entirely missing).
    observed = [observed_levels[:, :, c].sum(axis=1) for c in range(counts.shape[2])]
    missing = [counts[:, 0, c] for c in range(counts.shape[2])]
    return best_split_gain(left, None, observed, missing, task)


def categorical_table_gains(counts, task):
    """Best-split gains of unordered levels (the missing level 0 is one category among them).

    Levels are ordered by target mean (regression) or by the proportion of one class, which finds
    the best split for the variance and for binary Gini (Breiman et al., 1984); with more classes
    the ordering by each class's proportion is tried and the best kept.
    """
    n_features, n_levels, n_channels = counts.shape
    weight = counts[:, :, 0]
    if task == "regression":
        keys = [_share(counts[:, :, 1], weight)]
    else:
        shares = [_share(counts[:, :, c], weight) for c in range(1, n_channels)]
        # Binary: the order by class 1 is optimal; else also try the order by class 0.
        keys = shares if n_channels == 2 else [-sum(shares)] + shares
    none_missing = [np.zeros(n_features)] * n_channels
    gains = np.zeros(n_features)
    for key in keys:
        order = np.argsort(key, axis=1, kind="stable")[:, :, None]
        cumulative = np.cumsum(np.take_along_axis(counts, order, axis=1), axis=1)
        left = [cumulative[:, :-1, c] for c in range(n_channels)]
        observed = [cumulative[:, -1, c] for c in range(n_channels)]
        gains = np.maximum(gains, best_split_gain(left, None, observed, none_missing, task))
    return gains


def categorical_gains(codes, y, task, channels, sample_weight=None):
    """Best-split gains of categorical columns from their codes (``Binner`` codes, 0 = missing).

    Columns are counted in groups of similar numbers of levels (within a factor of 2), so that a
    column of 20,000 levels does not pad the tables of columns of 5.
    """
    levels = codes.max(axis=0).astype(np.int64) + 1
    group = np.ceil(np.log2(np.maximum(levels, 2))).astype(int)
    gains = np.zeros(codes.shape[1])
    for size in np.unique(group):
        columns = np.flatnonzero(group == size)
        n_levels = int(levels[columns].max())
        table = channel_counts(codes[:, columns], n_levels, y, task, channels, sample_weight)
        gains[columns] = categorical_table_gains(table, task)
    return gains


def _share(part, whole):
    return np.divide(part, whole, out=np.zeros(part.shape), where=whole > 0)


def channel_counts(codes, n_levels, y, task, channels, sample_weight=None):
    """Sums of the rows' ``channels`` per column and bin code (codes from a fitted ``Binner``)."""
    if task == "classification":
        per_class = joint_counts(codes, n_levels, y, channels.shape[0], sample_weight)
        return np.concatenate([per_class.sum(axis=2, keepdims=True), per_class[:, :, 1:]], axis=2)
    zeros = np.zeros(y.shape[0], dtype=np.intp)
    return np.concatenate(
        [joint_counts(codes, n_levels, zeros, 1, channel) for channel in channels], axis=2
    )
