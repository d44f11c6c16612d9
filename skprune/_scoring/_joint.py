"""Joint counts of coded columns with another code, from the combinations that occur.

The redundancy-aware rankings (``_redundancy``) need, for every candidate column X_j, the joint
distribution of X_j with the last chosen column X_s (mRMR) or with (X_s, Y) (JMI). A dense
(levels x levels) table is out of the question for a many-level column: an identifier of 30,000
values would need 30,000 x 30,000 cells per column. Only the combinations that occur are counted:

- columns whose table is small (at most ``DENSE_CELLS_PER_ROW`` cells per row, and
  ``MAX_TABLE_CELLS`` per block) are counted by one ``bincount`` per block of columns, fast;
- the others one column at a time, by sorting their joint codes (``np.unique``).

Either way a column costs O(rows) memory, whatever its number of levels; the result is the
list of occurring cells, from which the entropies follow.
"""

import numpy as np

from .._core._input import BLOCK_BYTES
from ._binning import MAX_TABLE_CELLS

# A dense count table may hold this many cells per row of the data before the occurring
# combinations are sorted instead: bincount's pass over a table a few times the height of the data
# still beats a sort.
DENSE_CELLS_PER_ROW = 64


def compact(codes):
    """Codes renumbered 0..m-1 over the values that occur, and m."""
    levels, inverse = np.unique(codes, return_inverse=True)
    return inverse.reshape(-1), levels.size


def occurring_cells(codes, columns, other, n_other, weights=None, levels=None):
    """The (code of column j, ``other``) combinations that occur, for each j of ``columns``.

    Parameters
    ----------
    codes : ndarray of shape (n_samples, n_features)
        Non-negative integer codes.
    columns : array-like of int
        The columns of ``codes`` to count.
    other : ndarray of int, shape (n_samples,)
        Codes in ``range(n_other)``.
    weights : ndarray of shape (n_samples,), default=None
        Weights of the rows.
    levels : ndarray of int, shape (n_features,), default=None
        1 + the largest code of every column of ``codes``, if known.

    Returns
    -------
    owner : ndarray of int
        Position in ``columns`` of each occurring cell. A column's cells are contiguous, in
        increasing order of their code; the columns come in no particular order.
    cell : ndarray of int64
        The cell's code, ``code of column j * n_other + other``.
    counts : ndarray of float
        Its (weighted) count.
    """
    n_samples = codes.shape[0]
    columns = np.asarray(columns)
    if levels is None:
        levels = codes.max(axis=0).astype(np.int64) + 1
    levels = levels[columns]
    order = np.argsort(levels, kind="stable")
    dense_limit = min(MAX_TABLE_CELLS, DENSE_CELLS_PER_ROW * max(n_samples, 64))
    # The block's int64 index array stays near BLOCK_BYTES.
    max_width = max(1, BLOCK_BYTES // (8 * max(n_samples, 1)))
    parts = [(np.empty(0, np.intp), np.empty(0, np.int64), np.empty(0))]
    start = 0
    while start < order.size:
        if levels[order[start]] * n_other > dense_limit:
            cell, count = _sorted_cells(codes[:, columns[order[start]]], other, n_other, weights)
            parts.append((np.full(count.size, order[start]), cell, count))
            start += 1
            continue
        # Columns in order of levels: the block's table is as wide as its last column's.
        width = np.arange(1, min(order.size - start, max_width) + 1)
        cells = levels[order[start : start + width.size]] * n_other
        fits = (cells * width <= MAX_TABLE_CELLS) & (cells <= dense_limit)
        stop = start + (width.size if fits.all() else max(1, int(np.argmin(fits))))
        block = order[start:stop]
        owner, cell, count = _dense_cells(codes[:, columns[block]], other, n_other, weights)
        parts.append((block[owner], cell, count))
        start = stop
    return tuple(np.concatenate(arrays) for arrays in zip(*parts, strict=True))


def _dense_cells(block, other, n_other, weights):
    """Occurring cells of a block of columns, counted by one ``bincount``."""
    width = block.shape[1]
    cells = (int(block.max()) + 1) * n_other
    index = block.astype(np.int64) * n_other
    index += other[:, None]
    index += np.arange(width, dtype=np.int64) * cells
    w = None if weights is None else np.broadcast_to(weights[:, None], index.shape).ravel()
    table = np.bincount(index.ravel(), weights=w, minlength=width * cells)
    occurring = np.flatnonzero(table)
    owner, cell = np.divmod(occurring, cells)
    return owner, cell, table[occurring].astype(np.float64)


def _sorted_cells(column, other, n_other, weights):
    """Occurring cells of one many-level column, by sorting its joint codes."""
    joint = column.astype(np.int64) * n_other + other
    if weights is None:
        cell, count = np.unique(joint, return_counts=True)
        return cell, count.astype(np.float64)
    cell, inverse = np.unique(joint, return_inverse=True)
    count = np.bincount(inverse.reshape(-1), weights=weights)
    kept = count > 0
    return cell[kept], count[kept]


def merge_cells(owner, cell, counts, factor):
    """Cells grouped by ``cell // factor`` within each column (a coarser table): owner, counts.

    Relies on the order ``occurring_cells`` returns: a column's cells contiguous and sorted.
    """
    coarse = cell // factor
    new = np.ones(owner.size, dtype=bool)
    new[1:] = (owner[1:] != owner[:-1]) | (coarse[1:] != coarse[:-1])
    starts = np.flatnonzero(new)
    return owner[starts], np.add.reduceat(counts, starts) if starts.size else counts[:0]


def entropies(owner, counts, n_columns):
    """Entropy (nats) of each column's cells: log T - sum(c log c) / T."""
    total = np.bincount(owner, weights=counts, minlength=n_columns)
    # Occurring cells have positive counts: no 0 log 0 to guard.
    sum_c_log_c = np.bincount(owner, weights=counts * np.log(counts), minlength=n_columns)
    safe = np.where(total > 0, total, 1.0)
    return np.log(safe) - sum_c_log_c / safe


def entropy(codes, weights=None):
    """Entropy (nats) of one column of non-negative codes."""
    counts = np.bincount(codes, weights=weights)
    counts = counts[counts > 0]
    return float(entropies(np.zeros(counts.size, dtype=np.intp), counts, 1)[0])


def first_maximum(score):
    """Index of the first score within rounding of the maximum: ties go to the lower index.

    Equal criteria (two columns that determine the target alike) are computed from their cells
    in different orders, which leaves them unequal in the last bits.
    """
    top = score.max()
    return int(np.argmax(score >= top - 1e-12 * max(1.0, abs(top))))
