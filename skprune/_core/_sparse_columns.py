"""The stored values of a sparse matrix, column by column, without densifying it.

A CSC matrix keeps each column's stored values together: ``data[indptr[j]:indptr[j + 1]]``, in
the rows ``indices[...]``. Every function here costs O(stored values + columns), whatever the
number of rows; a column's implicit zeros are counted, never materialised.
"""

import numpy as np


def canonical_csc(X):
    """X as CSC without duplicate entries (a copy only when X has some, or is not CSC)."""
    X = X.tocsc()
    if not X.has_canonical_format:
        X = X.copy()
        X.sum_duplicates()
    return X


def entry_columns(csc):
    """The column of each stored value (intp, non-decreasing)."""
    return np.repeat(np.arange(csc.shape[1]), np.diff(csc.indptr))


def implicit_zeros(csc):
    """Rows of each column that store no value (its implicit zeros)."""
    return csc.shape[0] - np.diff(csc.indptr)


def dense_column(csc, j, dtype=None, fill=0):
    """Column ``j`` as a dense 1-d array, implicit entries set to ``fill``."""
    start, stop = csc.indptr[j], csc.indptr[j + 1]
    column = np.full(csc.shape[0], fill, dtype=csc.dtype if dtype is None else dtype)
    column[csc.indices[start:stop]] = csc.data[start:stop]
    return column


def order_within_columns(columns, values):
    """Order of entries sorting them by column, then by value (NaN last within a column).

    One sort of a combined integer key (column, rank of the value) is several times cheaper than
    ``np.lexsort`` of the two.
    """
    rank = np.empty(values.size, dtype=np.int64)
    rank[np.argsort(values)] = np.arange(values.size)
    # The keys are distinct, so any sort orders them alike (numpy's default one is vectorised).
    return np.argsort(columns.astype(np.int64) * max(values.size, 1) + rank)


def segment_starts(columns, n_columns):
    """Start of each column's run in entries sorted by column (``n_columns + 1`` offsets)."""
    return np.searchsorted(columns, np.arange(n_columns + 1), side="left")


def distinct_values(X):
    """Sorted distinct observed values of each column of a sparse X: ``(values, starts)``.

    Column j's are ``values[starts[j]:starts[j + 1]]``: NaN left out, and zero in wherever the
    column has an implicit zero.
    """
    csc = canonical_csc(X)
    columns, values = entry_columns(csc), csc.data
    observed = ~np.isnan(values)
    columns, values = columns[observed], values[observed]
    # The implicit zeros join as one more zero per column that has any.
    has_zeros = np.flatnonzero(implicit_zeros(csc) > 0)
    columns = np.concatenate([columns, has_zeros])
    values = np.concatenate([values, np.zeros(has_zeros.size, dtype=values.dtype)])
    order = order_within_columns(columns, values)
    columns, values = columns[order], values[order]
    new = np.ones(values.size, dtype=bool)
    new[1:] = (columns[1:] != columns[:-1]) | (values[1:] != values[:-1])
    return values[new], segment_starts(columns[new], csc.shape[1])


def distinct_counts(X):
    """Number of distinct observed (non-NaN) values of each column of a sparse X (zero included)."""
    return np.diff(distinct_values(X)[1])
