"""Weighted moments of the rows of ``[X, y]``, and a small table of rows that has exactly them.

A least-squares fit (``Ridge``; ``Lasso`` by coordinate descent on the Gram matrix) sees the data
only through the total weight, the weighted means and the weighted centred cross-products of
``[X, y]``. They are summed a block of rows at a time in float64, merging blocks by Chan's update
(stable where raw sums of squares would cancel), so X is never copied whole. A table of
``n_features + n_targets + 1`` rows with exactly these moments then goes through the pruner's own
``fit``, which it reproduces within the solver's tolerance: the dask path fits on it, and so does
a dense float32 regression, which would otherwise need a float64 copy of X.
"""

import numpy as np

# Rows per block: a float64 buffer small enough to be reused, not remapped.
BLOCK_ROWS = 2**16


class Moments:
    """Total weight, weighted means, centred cross-products and range of some rows of ``[X, y]``.

    The range tells the constant columns: their centred cross-products are zero only up to the
    rounding of their mean.
    """

    def __init__(self, weight, mean, scatter, task, low, high):
        self.weight, self.mean, self.scatter, self.task = weight, mean, scatter, task
        self.low, self.high = low, high

    @classmethod
    def of(cls, z, w, task):
        """Moments of the rows of ``z`` (centred in place) with weights ``w`` (None: ones)."""
        weight = z.shape[0] if w is None else w.sum()
        low, high = z.min(axis=0), z.max(axis=0)
        if weight == 0:
            return cls(weight, np.zeros(z.shape[1]), np.zeros((z.shape[1],) * 2), task, low, high)
        mean = (z.sum(axis=0) if w is None else w @ z) / weight
        z -= mean
        scatter = z.T @ (z if w is None else z * w[:, None])
        return cls(weight, mean, scatter, task, low, high)

    def __add__(self, other):
        weight = self.weight + other.weight
        task = "regression" if "regression" in (self.task, other.task) else "classification"
        low, high = np.minimum(self.low, other.low), np.maximum(self.high, other.high)
        if weight == 0:
            return Moments(weight, self.mean, self.scatter + other.scatter, task, low, high)
        delta = other.mean - self.mean
        mean = self.mean + delta * (other.weight / weight)
        scatter = self.scatter + other.scatter
        scatter += np.outer(delta, delta) * (self.weight * other.weight / weight)
        return Moments(weight, mean, scatter, task, low, high)


def row_moments(x, targets, w, task):
    """Moments of the rows of ``[x, targets]`` (2-d; ``w`` None for unit weights), by blocks."""
    buffer = np.empty((min(BLOCK_ROWS, x.shape[0]), x.shape[1] + targets.shape[1]))
    total = None
    for start in range(0, x.shape[0], BLOCK_ROWS):
        rows = slice(start, start + BLOCK_ROWS)
        z = buffer[: x[rows].shape[0]]
        z[:, : x.shape[1]] = x[rows]
        z[:, x.shape[1] :] = targets[rows]
        block = Moments.of(z, None if w is None else w[rows], task)
        total = block if total is None else total + block
    return total


def table_of(moments):
    """``(table, weights)``: ``moments.mean.size + 1`` rows of ``[X, y]`` with these moments.

    Its constant columns are exactly constant (as a standardisation of the rows would find).
    """
    n_rows = moments.mean.size + 1
    values, vectors = np.linalg.eigh(moments.scatter)
    root = np.sqrt(np.clip(values, 0, None))[:, None] * vectors.T  # root.T @ root = scatter
    table = moments.mean + np.sqrt(n_rows / moments.weight) * (_centred_basis(n_rows) @ root)
    constant = moments.low == moments.high
    table[:, constant] = moments.low[constant]
    return table, np.full(n_rows, moments.weight / n_rows)


def table_of_rows(X, y, sample_weight):
    """``(X, y, sample_weight)`` of a table with the moments of dense X and real y's rows."""
    targets = y.reshape(y.shape[0], -1)
    unit = (sample_weight == 1.0).all()
    table, weights = table_of(
        row_moments(X, targets, None if unit else sample_weight, "regression")
    )
    return table[:, : X.shape[1]], table[:, X.shape[1] :].reshape(-1, *y.shape[1:]), weights


def _centred_basis(n_rows):
    """``n_rows - 1`` orthonormal columns orthogonal to the ones: the table's mean stays exact."""
    spanning = np.column_stack([np.ones(n_rows), np.eye(n_rows)[:, : n_rows - 1]])
    return np.linalg.qr(spanning)[0][:, 1:]
