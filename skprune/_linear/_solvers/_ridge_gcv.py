"""Ridge's alpha by generalised (efficient leave-one-out) cross-validation, by blocks of rows.

scikit-learn's ``RidgeCV`` makes a float64 copy of X and decomposes it. The leave-one-out error of
row i, for the weighted and centred rows ``x_i`` and ``y_i`` (weights ``s_i``), is

    e_i(alpha) = r_i / (1 - s_i x_i^T H^-1 x_i - s_i / sum(s)),   r_i = y_i - x_i^T H^-1 X^T S y,

with ``H = X^T S X + alpha I`` (the last term of the denominator is the intercept's leverage). With
the eigendecomposition ``X^T S X = V diag(l) V^T`` every alpha costs only ``z_i = V^T x_i``:
``x_i^T H^-1 x_i = sum_j z_ij^2 / (l_j + alpha)``. So one pass over the rows gives ``X^T S X`` and
``X^T S y``, a second the errors of every alpha at once; like ``RidgeCV`` (without ``scoring``) the
alpha with the smallest mean of ``s_i e_i^2`` over rows and targets wins, the first on a tie.
"""

import numpy as np

from .._moments import Moments


def gcv_alpha(rows, targets, sample_weight, alphas):
    """The alpha ``RidgeCV(alphas=alphas)`` chooses: the first of the smallest ``loo_errors``."""
    return float(alphas[np.argmin(loo_errors(rows, targets, sample_weight, alphas))])


def loo_errors(rows, targets, sample_weight, alphas):
    """Mean weighted squared leave-one-out error of each alpha, over rows and targets.

    The mean of ``RidgeCV(alphas=alphas, store_cv_results=True).cv_results_`` over its rows (of
    ``RidgeClassifierCV``'s with +-1 class indicators), from two passes over blocks of rows.

    Parameters
    ----------
    rows : RowBlocks
        The (standardised) rows of X, in float64 blocks.
    targets : ndarray of shape (n_samples, n_targets)
        Real targets, or +-1 class indicators (``RidgeClassifierCV``).
    sample_weight : ndarray of shape (n_samples,) or None
        None for unit weights.
    alphas : ndarray of shape (n_alphas,)
        The candidates, in Ridge's units.
    """
    n_features = rows.shape[1]
    moments = None
    for block_rows, block in rows:
        w = None if sample_weight is None else sample_weight[block_rows]
        z = np.hstack([block, targets[block_rows]])
        part = Moments.of(z, w, "regression")
        moments = part if moments is None else moments + part
    gram = moments.scatter[:n_features, :n_features]
    values, vectors = np.linalg.eigh(gram)
    # X^T S y in the eigenbasis, one column per target.
    projected = vectors.T @ moments.scatter[:n_features, n_features:]
    inverse = 1.0 / (np.clip(values, 0.0, None)[:, None] + alphas)  # (n_features, n_alphas)
    x_mean, y_mean = moments.mean[:n_features], moments.mean[n_features:]
    squared = np.zeros(alphas.size)
    for block_rows, block in rows:
        block -= x_mean  # the buffer is the iteration's own
        z = block @ vectors
        w = 1.0 if sample_weight is None else sample_weight[block_rows][:, None]
        residuals = [
            (targets[block_rows, target] - y_mean[target])[:, None]
            - z @ (projected[:, target][:, None] * inverse)
            for target in range(targets.shape[1])
        ]
        leverage = w * (np.square(z, out=z) @ inverse) + w / moments.weight
        for residual in residuals:
            squared += (w * (residual / (1.0 - leverage)) ** 2).sum(axis=0)
    return squared / (rows.shape[0] * targets.shape[1])
