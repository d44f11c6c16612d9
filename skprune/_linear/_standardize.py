"""Standardisation for the linear pruners, and the way back to the original units.

Weight magnitudes only mean something when the features are on one scale, so the linear pruners
fit on standardised columns: dense X is centred and scaled to unit (weighted) variance; sparse X is
only scaled, so that it stays sparse (the models fit the intercept themselves). Constant columns
become all-zero columns, so every model gives them a weight of exactly 0, and nothing is divided by
a zero standard deviation.
"""

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.utils.sparsefuncs import mean_variance_axis, min_max_axis

from .._core._input import column_blocks
from ._row_blocks import RowBlocks


@dataclass
class Standardized:
    """Standardised data and what undoes it."""

    X: object  # dense: centred and scaled, in X's dtype (or RowBlocks); sparse: scaled CSR
    mean: np.ndarray  # subtracted from each column (zeros for sparse X)
    scale: np.ndarray  # each column was divided by this (1 for constant columns)
    constant: np.ndarray  # bool per column

    def to_original_units(self, coef, intercept, columns):
        """Weights ``coef`` (n_rows, len(columns)) and ``intercept`` in the units of X."""
        coef = coef / self.scale[columns]
        return coef, intercept - coef @ self.mean[columns]


def standardize(X, sample_weight, *, scale=True, order="F", dtype=np.float64, copy=True):
    """Centre (dense X only) and, with ``scale``, scale X to unit weighted variance.

    Parameters
    ----------
    X : ndarray or sparse matrix of shape (n_samples, n_features)
        Finite float data. Never modified.
    sample_weight : ndarray of shape (n_samples,)
        Non-negative weights; means and variances are weighted by them.
    scale : bool, default=True
        Divide by the standard deviation; with False only the centring is done.
    order : {"F", "C"}, default="F"
        Memory layout of the dense copy: "F" for the coordinate-descent and least-squares
        solvers, "C" for those that take rows (``LogisticRegression`` copies anything else).
    dtype : {np.float64, np.float32}, default=np.float64
        Type of the dense copy. The moments are float64 whatever it is.
    copy : bool, default=True
        False (dense X only): make no copy; the result's ``X`` is a ``RowBlocks`` that reads the
        rows of X standardised, a block at a time.
    """
    n_samples = X.shape[0]
    # Moments are taken of the columns divided by a power of two near their largest magnitude:
    # exact, and squares of values near 1e300 (or 1e-300) stay finite (and non-zero).
    if sp.issparse(X):
        X = sp.csc_matrix(X)
        low, high = min_max_axis(X, axis=0)
    else:
        low, high = X.min(axis=0), X.max(axis=0)
    unit = _power_of_two_below(np.maximum(-low, high).astype(np.float64))
    if sp.issparse(X):
        mean, var = mean_variance_axis(X @ sp.diags(1.0 / unit), axis=0, weights=sample_weight)
        constant, multiplier, column_scale = _multipliers(
            low, high, mean, var, unit, scale, n_samples
        )
        scaled = sp.csr_matrix(X @ sp.diags(multiplier / unit))
        scaled.eliminate_zeros()
        return Standardized(scaled, np.zeros_like(mean), column_scale, constant)
    # A float64 copy is standardised in place, at once. A float32 copy is filled through a
    # float64 buffer a block of columns at a time, so the moments are float64 all the same and
    # a float32 X is never copied to float64 whole.
    standardized = np.empty(X.shape, dtype=dtype, order=order) if copy else None
    in_place = copy and standardized.dtype == np.float64
    blocks = [slice(None)] if in_place else column_blocks(*X.shape)
    mean, multiplier, column_scale = (np.empty(X.shape[1]) for _ in range(3))
    constant = np.empty(X.shape[1], dtype=bool)
    total = sample_weight.sum()
    for block in blocks:
        columns = X[:, block]
        centred = standardized if in_place else np.empty(columns.shape, order="F")
        np.divide(columns, unit[block], out=centred)
        mean[block] = (sample_weight @ centred) / total
        centred -= mean[block]
        # The weighted moments are products that make no other copy.
        var = np.einsum("i,ij,ij->j", sample_weight, centred, centred) / total
        constant[block], multiplier[block], column_scale[block] = _multipliers(
            low[block], high[block], mean[block], var, unit[block], scale, n_samples
        )
        centred *= multiplier[block]
        if copy and not in_place:
            standardized[:, block] = centred
    data = Standardized(standardized, mean * unit, column_scale, constant)
    if not copy:
        data.X = RowBlocks.standardized(X, data)
    return data


def _multipliers(low, high, mean, var, unit, scale, n_samples):
    """Which columns are constant, what multiplies them in units of ``unit``, and their scale."""
    eps = np.finfo(np.float64).eps
    # A variance within rounding error of zero is a constant column (as StandardScaler decides).
    constant = (low == high) | (var <= n_samples * eps * var + (n_samples * eps * mean) ** 2)
    # What multiplies the columns in units of ``unit``: 1 / std, or ``unit`` to undo it.
    multiplier = np.where(constant, 0.0, unit)
    if scale:
        np.divide(1.0, np.sqrt(var), out=multiplier, where=~constant)
    column_scale = np.ones_like(multiplier)
    np.divide(unit, multiplier, out=column_scale, where=~constant)
    return constant, multiplier, column_scale


def _power_of_two_below(values):
    """The largest power of two <= each value (1 for 0): dividing by it is exact."""
    exponent = np.frexp(values)[1]
    return np.where(values > 0, np.ldexp(1.0, exponent - 1), 1.0)
