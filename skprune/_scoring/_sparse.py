"""Bins and count tables of a sparse matrix in O(stored values), never densified.

All the implicit zeros of a column fall in one bin, its *zero bin*. Its equal-frequency edges come
from the stored values around one block of zeros of known weight; the count of (zero bin, class)
is the class's total minus the column's stored values of that class. Edges, codes and counts are
those of the same matrix made dense (``tests/scoring/test_sparse.py`` compares them).
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._core._sparse_columns import (
    canonical_csc,
    distinct_values,
    entry_columns,
    order_within_columns,
    segment_starts,
)
from ._edges import code_dtype, count_below, flatten, split


@dataclass
class SparseCodes:
    """Bin codes of a sparse matrix: one per stored value, and each column's zero bin."""

    shape: tuple
    indptr: np.ndarray  # CSC structure of the matrix
    indices: np.ndarray  # row of each stored value
    data: np.ndarray  # code of each stored value
    zero_code: np.ndarray  # (n_features,) code of a column's implicit zeros
    columns: np.ndarray  # column of each stored value

    def toarray(self):
        """All the codes, dense."""
        codes = np.repeat(self.zero_code[None, :], self.shape[0], axis=0)
        codes[self.indices, self.columns] = self.data
        return codes

    def column(self, j):
        """Codes of column ``j``, dense."""
        start, stop = self.indptr[j], self.indptr[j + 1]
        codes = np.full(self.shape[0], self.zero_code[j], dtype=self.data.dtype)
        codes[self.indices[start:stop]] = self.data[start:stop]
        return codes


def fit_sparse(binner, X, sample_weight=None, sample_rows=None):
    """``Binner.fit`` of a sparse matrix: edges of the continuous columns, levels of the others.

    The edges are quantiles of the ``sample_rows`` only, when given (``edge_sample_rows``).
    """
    csc = canonical_csc(X)
    discrete = binner.discrete_
    found = split(*sparse_quantile_edges(csc, binner.n_bins, sample_weight, sample_rows))
    if binner.edges is not None:
        # A user's edges replace the quantiles; a None entry keeps them.
        found = [
            q if e is None else np.unique(np.asarray(e, dtype=np.float64))
            for q, e in zip(found, binner.edges, strict=True)
        ]
    levels = split(*distinct_values(csc)) if discrete.any() else [None] * csc.shape[1]
    binner.edges_ = [None if d else e for d, e in zip(discrete.tolist(), found, strict=True)]
    # Sorted arrays, not pd.Index: a wide table would spend most of its fit building indexes.
    binner.levels_ = [v if d else None for d, v in zip(discrete.tolist(), levels, strict=True)]
    return binner


def sparse_quantile_edges(csc, n_bins, sample_weight=None, rows=None):
    """``quantile_edges`` of every column of a CSC matrix, as a flat ``(values, starts)``.

    A column's values in order are its negative stored values, a block of zeros (implicit and
    stored) and its positive stored values. Quantiles falling in the zero block need no sorting:
    only the columns with a quantile outside it have their stored values sorted.
    """
    if rows is not None:
        csc = canonical_csc(csc[rows])
        sample_weight = None if sample_weight is None else sample_weight[rows]
    n_rows, n_columns = csc.shape
    columns, values = entry_columns(csc), csc.data
    if sample_weight is None:
        weights, total = np.ones(values.size), float(n_rows)
    else:
        weights, total = sample_weight[csc.indices], float(sample_weight.sum())

    def weight_of(mask):
        return np.bincount(columns[mask], weights[mask], minlength=n_columns)

    missing = np.isnan(values)
    negative, zero = weight_of(values < 0), total - weight_of(values != 0)
    observed = total - weight_of(missing)
    quantiles = np.linspace(0, 1, n_bins + 1)[1:-1]
    # A quantile falls on the first value whose cumulative weight reaches quantile * observed.
    targets = quantiles * observed[:, None]
    in_zeros = (targets > negative[:, None]) & (targets <= (negative + zero)[:, None])
    empty = observed <= 0
    sorted_columns = np.flatnonzero(~in_zeros.all(axis=1) & ~empty)
    picked = _picked_values(
        columns, values, weights, sorted_columns, zero, targets[sorted_columns], missing
    )
    keep = np.ones(picked.shape, dtype=bool)
    keep[:, 1:] = picked[:, 1:] != picked[:, :-1]  # unique: each row is non-decreasing
    counts = np.where(empty, 0, 1)
    counts[sorted_columns] = keep.sum(axis=1)
    starts = np.zeros(n_columns + 1, dtype=np.intp)
    np.cumsum(counts, out=starts[1:])
    edges = np.zeros(starts[-1], dtype=values.dtype)
    # Row r of ``picked`` fills its column's run, in order.
    row = np.repeat(np.arange(sorted_columns.size), keep.sum(axis=1))
    rank = np.arange(row.size) - np.searchsorted(row, row, side="left")
    edges[starts[sorted_columns][row] + rank] = picked[keep]
    return edges, starts


def _picked_values(columns, values, weights, chosen, zero, targets, missing):
    """The values at the quantile ``targets`` of the ``chosen`` columns, by sorting them.

    Each chosen column's observed non-zero stored values are sorted with one entry standing for
    its whole block of zeros; one cumulative sum over all of them finds every target at once.
    """
    position = np.full(zero.size, -1)
    position[chosen] = np.arange(chosen.size)
    entry = (position[columns] >= 0) & ~missing & (values != 0)
    column = np.concatenate([position[columns[entry]], np.arange(chosen.size)])
    value = np.concatenate([values[entry], np.zeros(chosen.size, dtype=values.dtype)])
    weight = np.concatenate([weights[entry], zero[chosen]])
    order = order_within_columns(column, value)
    column, value = column[order], value[order]
    cumulative = np.cumsum(weight[order])
    starts = segment_starts(column, chosen.size)
    # Each column's own cumulative weights: with whole weights exact, so a target is compared with
    # the sums the dense quantile compares it with (not with larger totals it would round into).
    cumulative -= np.concatenate([[0.0], cumulative])[starts[:-1]][column]
    lo, hi = starts[:-1, None], starts[1:, None]
    found = lo + count_below(cumulative, lo, hi, targets)
    return value[np.minimum(found, hi - 1)]


def sparse_codes(binner, X, grow=False):
    """``Binner.transform`` of a sparse matrix: codes of its stored values and zero bins."""
    csc = canonical_csc(X)
    columns = entry_columns(csc)
    if grow:
        _grow_levels(binner, csc, columns)
    n_columns = csc.shape[1]
    data = code_values(binner, columns, csc.data)
    zero_code = code_values(binner, np.arange(n_columns), np.zeros(n_columns, dtype=csc.dtype))
    return SparseCodes(csc.shape, csc.indptr, csc.indices, data, zero_code, columns)


def code_values(binner, columns, values):
    """Codes of ``values`` in their ``columns`` (non-decreasing) by a fitted ``Binner``.

    A continuous value's code is 1 + the number of edges below it; a discrete value's is 1 + its
    position among the levels (0 when it is not one of them), and NaN's is 0.
    """
    discrete = binner.discrete_
    runs, unsorted = [], []
    for j, (is_discrete, edges, levels) in enumerate(
        zip(discrete.tolist(), binner.edges_, binner.levels_, strict=True)
    ):
        if not is_discrete:
            runs.append(edges)
        elif isinstance(levels, pd.Index) and not levels.is_monotonic_increasing:
            runs.append(None)  # levels grown by partial_fit: looked up by the index
            unsorted.append(j)
        else:
            runs.append(np.asarray(levels))
    flat, starts = flatten(runs)
    flat = np.append(flat, np.nan)  # a value to take at every position, equal to none
    lo, hi = starts[columns], starts[columns + 1]
    below = count_below(flat, lo, hi, values)
    codes = (below + 1).astype(code_dtype(binner.n_levels().max()))
    is_level = (below < hi - lo) & (flat.take(lo + below, mode="clip") == values)
    codes[discrete[columns] & ~is_level] = 0
    codes[np.isnan(values)] = 0
    bounds = segment_starts(columns, len(runs))
    for j in unsorted:
        part = slice(bounds[j], bounds[j + 1])
        codes[part] = binner.levels_[j].get_indexer(values[part]) + 1
    return codes


def _grow_levels(binner, csc, columns):
    """Add the unseen values of discrete columns (zero among them) as new levels."""
    discrete = np.flatnonzero(binner.discrete_)
    zeros = discrete[np.diff(csc.indptr)[discrete] < csc.shape[0]]
    column = np.concatenate([columns, zeros])
    value = np.concatenate([csc.data, np.zeros(zeros.size, dtype=csc.dtype)])
    order = np.argsort(column, kind="stable")
    column, value = column[order], value[order]
    unseen = (code_values(binner, column, value) == 0) & binner.discrete_[column]
    unseen &= ~np.isnan(value)
    bounds = segment_starts(column, csc.shape[1])
    for j in np.unique(column[unseen]).tolist():
        part = slice(bounds[j], bounds[j + 1])
        new = np.unique(value[part][unseen[part]])
        binner.levels_[j] = pd.Index(binner.levels_[j]).append(pd.Index(new))


def sparse_joint_counts(codes, n_levels, y_codes, n_classes, sample_weight=None):
    """``joint_counts`` of ``SparseCodes``: stored values counted, zero bins by subtraction."""
    n_columns = codes.shape[1]
    cells = (codes.columns * n_levels + codes.data) * n_classes + y_codes[codes.indices]
    weights = None if sample_weight is None else sample_weight[codes.indices]
    table = np.bincount(cells, weights, minlength=n_columns * n_levels * n_classes)
    table = table.astype(np.float64).reshape(n_columns, n_levels, n_classes)
    totals = np.bincount(y_codes, sample_weight, minlength=n_classes)
    zeros = totals - table.sum(axis=1)
    if sample_weight is None or sample_weight.min(initial=0) >= 0:
        # Rounding of weighted sums must not leave a negative count (signed sums may be negative).
        zeros = np.maximum(zeros, 0.0)
    table[np.arange(n_columns), codes.zero_code] += zeros
    return table
