"""Exact best splits of the columns of a sparse matrix: only the stored values are sorted.

A column's implicit zeros are one block of equal values, so no cut falls inside it: the block
joins the column's stored values as a single entry whose channel sums are the totals minus those
of the stored values. Sorting all columns' entries at once and taking cumulative sums gives every
candidate cut; see ``_splits`` for the channels and the impurity decrease of a cut.
"""

import numpy as np

from .._core._sparse_columns import (
    canonical_csc,
    entry_columns,
    implicit_zeros,
    order_within_columns,
)
from ._splits import proxy


def sorted_entries(X, channels, with_sizes=False):
    """Each column's entries of a sparse X, sorted by value within the column.

    ``(columns, values, stored)``: the column and value of every entry and its channel sums,
    shape (n_channels, n_entries). The stored values are entries of one row each; one entry of
    value 0 per column with implicit zeros stands for all of them, its sums the totals minus
    those of the column's stored values. ``with_sizes`` adds the rows of each entry.
    """
    csc = canonical_csc(X)
    n_columns = csc.shape[1]
    columns, values = entry_columns(csc), csc.data
    stored = channels[:, csc.indices]
    implicit = implicit_zeros(csc)
    zeros = np.flatnonzero(implicit > 0)
    per_column = np.stack([np.bincount(columns, s, minlength=n_columns) for s in stored])
    columns = np.concatenate([columns, zeros])
    values = np.concatenate([values, np.zeros(zeros.size, dtype=values.dtype)])
    totals = channels.sum(axis=1)
    stored = np.concatenate([stored, totals[:, None] - per_column[:, zeros]], axis=1)
    order = order_within_columns(columns, values)
    entries = columns[order], values[order], stored[:, order]
    if not with_sizes:
        return entries
    sizes = np.concatenate([np.ones(csc.data.size), implicit[zeros]])[order]
    return (*entries, sizes)


def sparse_sorted_gains(X, channels, task):
    """Exact best-split gains of every column of a sparse X (``sorted_gains`` of it dense).

    Parameters
    ----------
    X : sparse matrix of shape (n_samples, n_features)
        NaN marks a missing value.
    channels : ndarray of shape (n_channels, n_samples)
        The rows' channels (see ``row_channels``).
    task : {"classification", "regression"}
    """
    n_columns = X.shape[1]
    totals = channels.sum(axis=1)
    columns, values, stored = sorted_entries(X, channels)
    missing_entry = np.isnan(values)
    missing = np.stack(
        [np.bincount(columns[missing_entry], s[missing_entry], n_columns) for s in stored]
    )
    observed = totals[:, None] - missing
    # Cumulative sums of each column from its own first entry.
    left = np.cumsum(stored, axis=1)
    first = np.searchsorted(columns, np.arange(n_columns), side="left")
    left -= np.concatenate([np.zeros((len(stored), 1)), left], axis=1)[:, first][:, columns]
    # A cut after an entry separates it from a larger value of the same column (NaN: no cut).
    cut = np.flatnonzero((columns[:-1] == columns[1:]) & (values[:-1] < values[1:]))
    column = columns[cut]
    left = left[:, cut]
    best = proxy(left, task) + proxy(totals[:, None] - left, task)
    if missing.any():
        # Missing rows on the left; then observed rows against missing rows.
        moved = proxy(left + missing[:, column], task) + proxy(observed[:, column] - left, task)
        best = np.maximum(best, moved)
        alone = proxy(observed, task) + proxy(missing, task)
    else:
        alone = np.full(n_columns, -np.inf)
    np.maximum.at(alone, column, best)
    weight = totals[0]
    gain = (alone - proxy(totals, task)) / weight if weight > 0 else np.zeros(n_columns)
    # No cut (a constant column) or rounding below zero: no decrease.
    return np.where(np.isfinite(gain), np.maximum(gain, 0.0), 0.0)
