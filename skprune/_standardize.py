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
    if sp.issparse(X):
        X = sp.csc_matrix(X)
        mean, var = mean_variance_axis(X, axis=0, weights=sample_weight)
        low, high = min_max_axis(X, axis=0)
    else:
        mean = np.average(X, axis=0, weights=sample_weight)
        centred = np.asfortranarray(X - mean)
        var = np.average(centred**2, axis=0, weights=sample_weight)
        low, high = X.min(axis=0), X.max(axis=0)
    eps = np.finfo(np.float64).eps
    # A variance within rounding error of zero is a constant column (as StandardScaler decides).
    constant = (low == high) | (var <= n_samples * eps * var + (n_samples * eps * mean) ** 2)
    multiplier = np.where(constant, 0.0, 1.0)
    if scale:
        np.divide(1.0, np.sqrt(var), out=multiplier, where=~constant)
    column_scale = np.ones_like(multiplier)
    np.divide(1.0, multiplier, out=column_scale, where=~constant)
    if sp.issparse(X):
        scaled = sp.csr_matrix(X @ sp.diags(multiplier))
        scaled.eliminate_zeros()
        return Standardized(scaled, np.zeros_like(mean), column_scale, constant)
    centred *= multiplier
    return Standardized(centred, mean, column_scale, constant)
