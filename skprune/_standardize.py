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


@dataclass
class Standardized:
    """Standardised data and what undoes it."""

    X: object  # dense: centred and scaled, Fortran order; sparse: scaled CSR
    mean: np.ndarray  # subtracted from each column (zeros for sparse X)
    scale: np.ndarray  # each column was divided by this (1 for constant columns)
    constant: np.ndarray  # bool per column

    def to_original_units(self, coef, intercept, columns):
        """Weights ``coef`` (n_rows, len(columns)) and ``intercept`` in the units of X."""
        coef = coef / self.scale[columns]
        return coef, intercept - coef @ self.mean[columns]


def standardize(X, sample_weight, *, scale=True):
    """Centre (dense X only) and, with ``scale``, scale X to unit weighted variance.

    Parameters
    ----------
    X : ndarray or sparse matrix of shape (n_samples, n_features)
        Finite float data. Never modified.
    sample_weight : ndarray of shape (n_samples,)
        Non-negative weights; means and variances are weighted by them.
    scale : bool, default=True
        Divide by the standard deviation; with False only the centring is done.
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
    else:
        # The one float64 copy of X; the weighted moments are products that make no other.
        centred = np.empty(X.shape, order="F")
        np.divide(X, unit, out=centred)
        total = sample_weight.sum()
        mean = (sample_weight @ centred) / total
        centred -= mean
        var = np.einsum("i,ij,ij->j", sample_weight, centred, centred) / total
    eps = np.finfo(np.float64).eps
    # A variance within rounding error of zero is a constant column (as StandardScaler decides).
    constant = (low == high) | (var <= n_samples * eps * var + (n_samples * eps * mean) ** 2)
    # What multiplies the columns in units of ``unit``: 1 / std, or ``unit`` to undo it.
    multiplier = np.where(constant, 0.0, unit)
    if scale:
        np.divide(1.0, np.sqrt(var), out=multiplier, where=~constant)
    column_scale = np.ones_like(multiplier)
    np.divide(unit, multiplier, out=column_scale, where=~constant)
    if sp.issparse(X):
        scaled = sp.csr_matrix(X @ sp.diags(multiplier / unit))
        scaled.eliminate_zeros()
        return Standardized(scaled, np.zeros_like(mean), column_scale, constant)
    centred *= multiplier
    return Standardized(centred, mean * unit, column_scale, constant)


def _power_of_two_below(values):
    """The largest power of two <= each value (1 for 0): dividing by it is exact."""
    exponent = np.frexp(values)[1]
    return np.where(values > 0, np.ldexp(1.0, exponent - 1), 1.0)
