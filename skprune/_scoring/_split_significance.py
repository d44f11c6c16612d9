"""p-values of the best split's gain (``GiniSelector(method="split")``): a permutation test.

The gain of a feature's best split is a maximum over its cuts, so it follows no chi-square law;
its null distribution comes from permutations of the target. A feature cuts its rows, sorted by
value, into fixed *blocks*: one per distinct value (exact splitter) or bin (histogram splitter),
plus the block of missing rows. Permuting the target and cutting the sorted rows at the block
boundaries is the same as cutting one permuted target sequence at those boundaries. So each
permutation takes cumulative sums of the rows' channels (see ``_splits``) once, and a feature's
per-block sums are differences of them at its boundaries. Features with the same block sizes
(every continuous column without ties, for instance) share one null distribution exactly: the
null is computed once per distinct *profile* of block sizes, and costs at most
``n_permutations * (n_samples * n_channels + blocks of the distinct profiles)``: a feature's
permutations stop once 20 null gains have reached its gain (Besag & Clifford's sequential
p-value), so most of that is spent on the features near or past significance.

Categorical columns are compared uncorrected: the chance correction shifts a column's gain by a
constant, and the null's gains are not shifted. Sample weights travel with their rows' targets.
"""

import math
from numbers import Integral

import numpy as np
import scipy.sparse as sp
from sklearn.utils import check_random_state

from .._core._compat import Interval, StrOptions
from .._core._input import check_target, column_blocks, dense_block
from .._core._selection import benjamini_hochberg
from .._core._sparse_columns import segment_starts
from ._binning import Binner, joint_counts
from ._gini import EXACT_MAX_SAMPLES, _columns, checked_sample_weight
from ._sparse_splits import sorted_entries
from ._splits import (
    best_split_gain,
    categorical_table_gains,
    channel_counts,
    ordered_table_gains,
    row_channels,
)

PERMUTATION_CONSTRAINTS = {
    "n_permutations": [StrOptions({"auto"}), Interval(Integral, 1, None, closed="left")]
}
# n_permutations="auto": the first count; more only where they can change the selection.
FIRST_PERMUTATIONS = 999
# The false discovery rate "auto" plans for without an ``fdr``: SelectFdr's default alpha.
AUTO_FDR = 0.05
# Elements of the cumulative sums and block tables held per batch of permutations.
BATCH_ELEMENTS = 2**21
# h of the sequential test: permutations stop for a feature once this many null gains reach its.
STOP_AFTER = 20
# Permutations of the first batch; each further batch doubles the count done so far.
FIRST_BATCH = 32
# Null gains within this fraction of the root impurity of the observed gain count as reaching
# it: the same table summed in another order may differ in its last digits (regression).
RELATIVE_TOLERANCE = 1e-10


def split_test(
    features, y, sample_weight, *, task, splitter, max_bins, n_permutations, random_state,
    fdr=AUTO_FDR, stop_after=STOP_AFTER,
):  # fmt: skip
    """p-values of ``GiniSelector(method="split")``'s features (see ``split_pvalues``)."""
    y, task, _ = check_target(y, features.values.shape[0], task, squared_by="GiniSelector")
    sample_weight = checked_sample_weight(sample_weight, features)
    if splitter == "auto":
        splitter = "exact" if features.values.shape[0] <= EXACT_MAX_SAMPLES else "histogram"
    return split_pvalues(
        features,
        y,
        task,
        row_channels(y, task, sample_weight),
        splitter=splitter,
        max_bins=max_bins,
        sample_weight=sample_weight,
        n_permutations=n_permutations,
        random_state=random_state,
        fdr=fdr,
        stop_after=stop_after,
    )


def split_pvalues(
    features, y, task, channels, *, splitter, max_bins, sample_weight, n_permutations,
    random_state, fdr=AUTO_FDR, stop_after=STOP_AFTER,
):  # fmt: skip
    """Permutation p-value of each feature's best-split gain.

    ``(1 + #{null >= gain}) / (B + 1)``, except that permutations stop for a feature once
    ``stop_after`` (``h``) null gains have reached its own, after ``L`` of them: its p-value is
    then ``h / L`` (Besag & Clifford 1991), valid as well, and the features far from
    significance cost a few dozen permutations instead of ``B``.

    Parameters
    ----------
    features : Features
        The encoded table (``validate_features``).
    y : ndarray of shape (n_samples,)
        Class indices or the regression target, as ``check_target`` returns them.
    channels : ndarray of shape (n_channels, n_samples)
        The rows' channels (``row_channels``).
    splitter : {"exact", "histogram"}
        Where the cuts of the ordered columns lie: between distinct values, or between bins.
    n_permutations : int or "auto"
        ``B``: the most permutations of the target. The smallest p-value is ``1 / (B + 1)``.
        "auto": 999, then ten times more for the features no null gain reached, while
        Benjamini-Hochberg at ``fdr`` does not keep them and ``B < n_features / fdr``.
    stop_after : int or None
        ``h``; None runs all ``B`` permutations for every feature.
    """
    n_features = features.values.shape[1]
    gains, keys, profiles = np.zeros(n_features), [None] * n_features, {}
    tables = _feature_tables(features, y, task, channels, splitter, max_bins, sample_weight)
    for columns, categorical, table, sizes in tables:
        gains[columns], column_keys = _observed(table, sizes, categorical, task, profiles)
        for column, key in zip(columns, column_keys, strict=True):
            keys[column] = key
    # Null gains within the tolerance of a feature's gain count as reaching it.
    gains -= RELATIVE_TOLERANCE * max(_root_impurity(channels, task), np.finfo(float).tiny)
    for index, key in enumerate(keys):
        profiles[key].append(index)
    members = {key: np.array(indices) for key, indices in profiles.items()}
    auto = n_permutations == "auto"
    most = max(FIRST_PERMUTATIONS, math.ceil(gains.size / fdr)) if auto else n_permutations
    counts = _Counts(gains, stop_after, random_state)
    done, target = 0, FIRST_PERMUTATIONS if auto else n_permutations
    while True:
        counts.run(members, channels, task, done, min(target, most))
        pvalues = counts.pvalues()
        if target >= most:
            break
        # Only p-values at the floor 1 / (B + 1) can change what Benjamini-Hochberg keeps.
        floor = (counts.reached == 0) & (benjamini_hochberg(pvalues) > fdr)
        if not floor.any():
            break
        members = {key: f[floor[f]] for key, f in members.items() if floor[f].any()}
        done, target = target, 10 * (target + 1) - 1
    return pvalues


def _feature_tables(features, y, task, channels, splitter, max_bins, sample_weight):
    """``(columns, categorical, table, sizes)`` per group of columns.

    ``table`` holds the channel sums and ``sizes`` the rows per column and level: level 0 the
    missing rows, then the bins of the histogram splitter (and of categorical columns, whose
    level order does not matter) or the column's distinct values for the exact splitter.
    """
    values = features.values
    for categorical in (True, False):
        columns = np.flatnonzero(features.categorical == categorical)
        if not columns.size:
            continue
        if categorical or splitter == "histogram":
            part = _columns(features, columns)
            codes = Binner(max_bins).fit(part, sample_weight).transform(part)
            codes = codes.toarray() if sp.issparse(codes) else codes
            yield columns, categorical, *_code_tables(codes, y, task, channels, sample_weight)
        elif sp.issparse(values):
            for group, table, sizes in _sparse_tables(values[:, columns], channels):
                yield columns[group], False, table, sizes
        else:
            for block in column_blocks(values.shape[0], columns.size, 8 * 4):
                codes = _rank_codes(dense_block(values, columns[block]))
                yield columns[block], False, *_code_tables(codes, y, task, channels, sample_weight)


def _code_tables(codes, y, task, channels, sample_weight):
    """Channel sums and rows per column and level of ``codes``."""
    n_levels = int(codes.max(initial=0)) + 1
    table = channel_counts(codes, n_levels, y, task, channels, sample_weight)
    sizes = joint_counts(codes, n_levels, np.zeros(codes.shape[0], np.intp), 1)[:, :, 0]
    return table, sizes


def _sparse_tables(X, channels):
    """``(columns, table, sizes)`` of a sparse X's columns, grouped by their number of levels.

    A column's levels are its missing rows, then its distinct values in increasing order, its
    implicit zeros among them (one entry standing for them all): only stored values are sorted.
    """
    n_columns = X.shape[1]
    columns, values, stored, sizes = sorted_entries(X, channels, with_sizes=True)
    new = np.ones(values.size, dtype=bool)
    new[1:] = (columns[1:] != columns[:-1]) | (values[1:] != values[:-1])
    block = np.cumsum(new) - 1
    first = block[segment_starts(columns, n_columns)[:-1]]
    level = np.where(np.isnan(values), 0, block - first[columns] + 1)
    n_levels = np.zeros(n_columns, dtype=np.intp)
    np.maximum.at(n_levels, columns, level + 1)
    # Columns of similar numbers of levels (within a factor of 2) share one padded table.
    group = np.ceil(np.log2(np.maximum(n_levels, 2))).astype(int)
    for size in np.unique(group):
        members = np.flatnonzero(group == size)
        local = np.full(n_columns, -1)
        local[members] = np.arange(members.size)
        entries = local[columns] >= 0
        width = int(n_levels[members].max())
        cell = local[columns[entries]] * width + level[entries]

        def count(weights, cell=cell, cells=members.size * width, width=width):
            return np.bincount(cell, weights, minlength=cells).reshape(-1, width)

        table = np.stack([count(s[entries]) for s in stored], axis=2)
        yield members, table, count(sizes[entries])


def _rank_codes(block):
    """Rank of each value among its column's distinct values (1 = smallest), 0 for NaN."""
    order = np.argsort(block, axis=0)  # NaN sorts last
    ordered = np.take_along_axis(block, order, axis=0)
    new_value = np.zeros(ordered.shape, dtype=np.intp)
    new_value[1:] = ordered[1:] > ordered[:-1]
    ranks = 1 + np.cumsum(new_value, axis=0)
    codes = np.empty(block.shape, dtype=np.intp)
    np.put_along_axis(codes, order, ranks, axis=0)
    codes[np.isnan(block)] = 0
    return codes


def _observed(table, sizes, categorical, task, profiles):
    """Observed (uncorrected) gains of the columns of ``table`` and the key of each profile.

    ``profiles`` gathers the distinct profiles: ``(categorical, missing rows, block sizes)``.
    """
    gains_of = categorical_table_gains if categorical else ordered_table_gains
    gains = gains_of(table, task)
    sizes = np.rint(sizes).astype(np.intp)
    if categorical:
        # Level order does not matter to a category (missing is one level among them).
        sizes = -np.sort(-sizes, axis=1)
    else:
        # Empty bins cut nothing new: the observed levels, in order, after the missing count.
        observed = sizes[:, 1:]
        moved = np.argsort(observed == 0, axis=1, kind="stable")
        sizes[:, 1:] = np.take_along_axis(observed, moved, axis=1)
    distinct, inverse = np.unique(sizes, axis=0, return_inverse=True)
    keys = []
    for row in distinct:
        blocks = row if categorical else row[1:]
        key = (categorical, 0 if categorical else int(row[0]), tuple(blocks[blocks > 0]))
        profiles.setdefault(key, [])
        keys.append(key)
    return gains, [keys[i] for i in np.ravel(inverse)]


class _Counts:
    """Per feature: how many null gains reached its gain, after how many permutations the
    ``stop_after``-th did (0: not yet), and how many permutations it has seen."""

    def __init__(self, gains, stop_after, random_state):
        self.gains = gains
        self.stop_after = stop_after
        self.rng = np.random.default_rng(check_random_state(random_state).randint(2**31 - 1))
        self.reached = np.zeros(gains.shape[0], dtype=np.int64)
        self.stopped_at = np.zeros(gains.shape[0], dtype=np.int64)
        self.seen = np.zeros(gains.shape[0], dtype=np.int64)

    def pvalues(self):
        pvalues = (1 + self.reached) / (self.seen + 1)
        stopped = self.stopped_at > 0
        pvalues[stopped] = self.stop_after / self.stopped_at[stopped]
        return pvalues

    def run(self, members, channels, task, done, target):
        """Permutations ``done + 1`` to ``target`` for the features of ``members``.

        ``members`` maps each profile to its features. A profile's permutations stop once
        every one of its features has been reached ``stop_after`` times.
        """
        n_channels, n_samples = channels.shape
        largest = max(1, BATCH_ELEMENTS // (n_channels * (n_samples + 1)))
        active, stop_after = list(members), self.stop_after
        totals = channels.sum(axis=1)
        while done < target and active:
            # Small batches first, so that profiles far from significance stop early.
            size = min(largest, max(FIRST_BATCH, done), target - done)
            span = max(_span(key, n_samples) for key in active)
            rows = _shuffled_prefixes(self.rng, size, n_samples, span)
            cumulative = np.zeros((size, n_channels, span + 1))
            np.cumsum(channels[:, rows].transpose(1, 0, 2), axis=2, out=cumulative[:, :, 1:])
            for key, null in _batch_gains(cumulative, totals, active, task, n_samples):
                features = members[key]
                hits = null >= self.gains[features, None]
                running = self.reached[features, None] + np.cumsum(hits, axis=1)
                if stop_after is not None:
                    now = (self.reached[features] < stop_after) & (running[:, -1] >= stop_after)
                    stops = np.argmax(running[now] >= stop_after, axis=1)
                    self.stopped_at[features[now]] = done + stops + 1
                self.reached[features] = running[:, -1]
                self.seen[features] = done + size
            done += size
            if stop_after is not None:
                active = [key for key in active if np.any(self.reached[members[key]] < stop_after)]


def _levels(key):
    """Rows per level of a profile, as its table orders them (ordered: the missing rows first)."""
    categorical, missing, blocks = key
    return np.array(blocks if categorical else (missing, *blocks), dtype=np.intp)


def _dominant(key, n_samples):
    """Whether one level holds half the rows or more (a sparse column's zeros, for one).

    Such a level is laid out last, where its sums are the totals minus the other levels': only
    the other rows of the shuffled sequence are summed. Categories always are.
    """
    return key[0] or 2 * _levels(key).max(initial=0) >= n_samples


def _span(key, n_samples):
    """Leading positions of the shuffled sequence that a profile's levels read."""
    if _dominant(key, n_samples):
        return n_samples - int(_levels(key).max(initial=0))
    return n_samples - key[1]  # the observed blocks in order; the missing rows after them


def _shuffled_prefixes(rng, size, n_samples, span):
    """The first ``span`` positions of ``size`` random permutations of the rows."""
    rows = np.tile(np.arange(n_samples), (size, 1))
    if 4 * span >= n_samples:
        return rng.permuted(rows, axis=1)[:, :span]
    # A partial Fisher-Yates shuffle: only the first ``span`` positions are drawn.
    every = np.arange(size)
    for position, pick in enumerate(rng.integers(np.arange(span), n_samples, (size, span)).T):
        rows[every, position], rows[every, pick] = rows[every, pick], rows[every, position]
    return rows[:, :span]


def _batch_gains(cumulative, totals, profiles, task, n_samples):
    """``(profile, gains)`` of one batch of permutations, profiles of as many blocks at once."""
    size, n_channels, _ = cumulative.shape
    groups = {}
    for key in profiles:
        groups.setdefault((key[0], len(key[2]), _dominant(key, n_samples)), []).append(key)
    for (categorical, n_blocks, dominant), keys in groups.items():
        if n_blocks == 0:  # every value missing: no split
            yield from ((key, np.zeros(size)) for key in keys)
            continue
        width = max(1, BATCH_ELEMENTS // (size * n_channels * (n_blocks + 1)))
        for part in range(0, len(keys), width):
            chunk = keys[part : part + width]
            if dominant:
                gains = _dominant_gains(cumulative, totals, chunk, categorical, task)
            else:
                gains = _ordered_gains(cumulative, totals, chunk, task)
            yield from zip(chunk, gains.T, strict=True)


def _dominant_gains(cumulative, totals, keys, categorical, task):
    """Gains, shape (permutations, profiles), of profiles with as many levels each, their
    largest level laid out last (its sums: the totals minus the others')."""
    n_permutations, n_channels, _ = cumulative.shape
    levels = np.array([_levels(key) for key in keys])
    profiles = np.arange(len(keys))
    rest = np.argmax(levels, axis=1)
    laid = levels.copy()
    laid[profiles, rest] = 0
    ends = np.cumsum(laid, axis=1)
    table = cumulative[:, :, ends] - cumulative[:, :, ends - laid]
    table[:, :, profiles, rest] = totals[None, :, None] - table.sum(axis=3)
    # (permutations, channels, profiles, levels) -> (permutations * profiles, levels, channels)
    table = table.transpose(0, 2, 3, 1).reshape(-1, levels.shape[1], n_channels)
    gains_of = categorical_table_gains if categorical else ordered_table_gains
    return gains_of(table, task).reshape(n_permutations, len(keys))


def _ordered_gains(cumulative, totals, keys, task):
    """Gains, shape (permutations, profiles), of ordered profiles with as many blocks each.

    The rows of a profile are laid out in order: its blocks, then its missing rows; the sums
    left of each cut are the cumulative sums at the blocks' ends.
    """
    n_permutations, n_channels, _ = cumulative.shape
    ends = np.cumsum(np.array([key[2] for key in keys], dtype=np.intp), axis=1)
    seen = cumulative[:, :, ends[:, -1]]
    channels = range(n_channels)
    observed = [seen[:, c].ravel() for c in channels]
    missing = [(totals[c] - seen[:, c]).ravel() for c in channels]
    left = [
        cumulative[:, c][:, ends[:, :-1]].reshape(n_permutations * len(keys), -1) for c in channels
    ]
    gains = best_split_gain(left, None, observed, missing, task)
    return gains.reshape(n_permutations, len(keys))


def _root_impurity(channels, task):
    """Impurity of the whole table: the largest gain a split can reach."""
    totals = channels.sum(axis=1)
    weight = totals[0]
    if weight <= 0:
        return 0.0
    if task == "classification":
        shares = np.append(weight - totals[1:].sum(), totals[1:]) / weight
        return float(1 - shares @ shares)
    centred = channels[1] / np.where(channels[0] > 0, channels[0], 1.0)
    return float(channels[0] @ centred**2 / weight - (totals[1] / weight) ** 2)
