"""Linear pruners on a dask collection: one pass of weighted moments, then the in-memory fit.

A least-squares fit (``Ridge``; ``Lasso`` by coordinate descent on the Gram matrix) sees the data
only through the total weight, the weighted means and the weighted centred cross-products of
``[X, y]``. One pass over the row chunks sums them, merging chunks by Chan's update (stable where
raw sums of squares would cancel). A table of ``n_features + 2`` rows with exactly these moments
then goes through the pruner's own ``fit``: standardisation, penalty path, rounds and refit are
those of the in-memory fit, which they reproduce within the solver's tolerance.
"""

import dask
import numpy as np
import pandas as pd

from ._dask import _sum_up, _weights, check_columns, check_dask_mode, row_chunks
from ._input import _check_finite, check_target, is_pandas_df

# Rows per block of a chunk's moments: a float64 buffer small enough to be reused, not remapped.
BLOCK_ROWS = 2**16


class Moments:
    """Total weight, weighted means and centred cross-products of some rows of ``[X, y]``."""

    def __init__(self, weight, mean, scatter, task):
        self.weight, self.mean, self.scatter, self.task = weight, mean, scatter, task

    @classmethod
    def of(cls, z, w, task):
        """Moments of the rows of ``z`` (centred in place) with weights ``w`` (None: ones)."""
        weight = z.shape[0] if w is None else w.sum()
        if weight == 0:
            return cls(weight, np.zeros(z.shape[1]), np.zeros((z.shape[1],) * 2), task)
        mean = (z.sum(axis=0) if w is None else w @ z) / weight
        z -= mean
        scatter = z.T @ (z if w is None else z * w[:, None])
        return cls(weight, mean, scatter, task)

    def __add__(self, other):
        weight = self.weight + other.weight
        task = "regression" if "regression" in (self.task, other.task) else "classification"
        if weight == 0:
            return Moments(weight, self.mean, self.scatter + other.scatter, task)
        delta = other.mean - self.mean
        mean = self.mean + delta * (other.weight / weight)
        scatter = self.scatter + other.scatter
        scatter += np.outer(delta, delta) * (self.weight * other.weight / weight)
        return Moments(weight, mean, scatter, task)


def moment_table(pruner, X, y, sample_weight):
    """``(X, y, sample_weight)`` in memory, of ``n_features + 2`` rows, with X's and y's moments."""
    who = type(pruner).__name__
    if pruner.alpha == "auto" and not pruner._alpha_from_moments:
        check_dask_mode(pruner, "alpha", "auto", 1.0)
    if pruner.task == "classification":
        _refuse_classification(who)
    check_columns(pruner, X, reset=True)
    columns = X.columns if is_pandas_df(getattr(X, "_meta", None)) else None
    chunks = row_chunks(X, y, sample_weight)
    moments = _sum_up(
        dask.delayed(_chunk_moments)(x, y_, w, pruner.task, who)
        for x, y_, w in zip(chunks.x, chunks.y, chunks.w, strict=True)
    )
    moments = dask.compute(moments)[0]
    if moments.task == "classification":
        _refuse_classification(who)
    n_rows = moments.mean.size + 1
    values, vectors = np.linalg.eigh(moments.scatter)
    root = np.sqrt(np.clip(values, 0, None))[:, None] * vectors.T  # root.T @ root = scatter
    table = moments.mean + np.sqrt(n_rows / moments.weight) * (_centred_basis(n_rows) @ root)
    weights = np.full(n_rows, moments.weight / n_rows)
    features = table[:, :-1]
    if columns is not None:
        features = pd.DataFrame(features, columns=columns)
    return features, table[:, -1], weights


def _centred_basis(n_rows):
    """``n_rows - 1`` orthonormal columns orthogonal to the ones: the table's mean stays exact."""
    spanning = np.column_stack([np.ones(n_rows), np.eye(n_rows)[:, : n_rows - 1]])
    return np.linalg.qr(spanning)[0][:, 1:]


def _chunk_moments(x, y, w, task, who):
    x = np.asarray(x)
    _check_finite(x, None, who)
    w = _weights(w, x)
    _, task, _ = check_target(y, x.shape[0], task, allow_single=True)
    raw = np.asarray(y.to_numpy() if hasattr(y, "to_numpy") else y).ravel()
    target = raw if raw.dtype.kind in "biuf" else np.zeros(raw.shape)
    # One float64 buffer of [X, y] rows, reused block after block.
    buffer = np.empty((min(BLOCK_ROWS, x.shape[0]), x.shape[1] + 1))
    total = None
    for start in range(0, x.shape[0], BLOCK_ROWS):
        rows = slice(start, start + BLOCK_ROWS)
        z = buffer[: x[rows].shape[0]]
        z[:, :-1] = x[rows]
        z[:, -1] = target[rows]
        block = Moments.of(z, None if w is None else w[rows], task)
        total = block if total is None else total + block
    return total


def _refuse_classification(who):
    raise TypeError(
        f"{who} classifies with every row in memory; on a dask collection it fits regression "
        "only (a real-valued y, task='regression' or 'auto'). Fit the classifier on a numpy or "
        "pandas sample."
    )
