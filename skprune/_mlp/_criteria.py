"""Importance scores of the weights and hidden units of a fitted scikit-learn MLP.

Every score is "higher is more important", one array per layer. Scores that need data read the
network's own forward pass and backpropagation (``_backprop``): its activations ``a`` and its
deltas ``delta`` (the derivative of each sample's loss with respect to a layer's pre-activation).
The derivative of sample n's loss with respect to weight ``w_ij`` is ``a_ni * delta_nj``, so the
sums over samples below are matrix products, computed batch by batch.

Weight criteria (arrays shaped like ``coefs_``):

- ``"magnitude"``: ``|w|``.
- ``"gradient"``: mean over the samples of ``(dL_n/dw)^2`` (the diagonal of the empirical Fisher
  information). Ranks poorly on its own: a weight near zero with a large gradient is kept.
- ``"taylor"``: mean over the samples of ``|w * dL_n/dw|``, the first-order estimate of the change
  of each sample's loss when the weight is removed.
- ``"random"``: uniform noise, the baseline.

Unit criteria (one array per hidden layer), for the same names and two more:

- ``"magnitude"``: ``||incoming weights|| * ||outgoing weights||`` (invariant to rescaling a ReLU
  unit's weights in and out).
- ``"gradient"``: mean of ``(dL_n/da)^2`` for the unit's activation ``a``.
- ``"taylor"``: mean of ``|a * dL_n/da|``.
- ``"activation"``: mean absolute activation.
- ``"apoz"``: ``1 - APoZ``, the fraction of samples on which the unit is not zero (APoZ is the
  average percentage of zeros; a unit that is almost always off scores near 0).
- ``"random"``.

Input criteria (one score per input feature, when the inputs are pruned as units):

- ``"magnitude"``: norm of the feature's outgoing weights (its row of ``coefs_[0]``).
- ``"gradient"``: mean of ``(dL_n/dx)^2``; ``"taylor"``: mean of ``|x * dL_n/dx|``. ``dL_n/dx``
  is the first layer's delta times ``coefs_[0].T``.
- ``"activation"``: mean ``|x|`` (so it depends on the features' scales).
- ``"apoz"``: the fraction of samples on which the feature is not zero.
- ``"random"``.

Means are weighted by ``sample_weight``.
"""

import numpy as np
import scipy.sparse as sp
from sklearn.utils import gen_batches
from sklearn.utils.extmath import safe_sparse_dot

from ._sklearn_private import activation, backprop, forward, loss_function

WEIGHT_CRITERIA = ("magnitude", "gradient", "taylor", "random")
UNIT_CRITERIA = WEIGHT_CRITERIA + ("activation", "apoz")
BATCH_SIZE = 2000


def _abs(A):
    return abs(A) if sp.issparse(A) else np.abs(A)


def _square(A):
    return A.multiply(A) if sp.issparse(A) else A * A


def backprop_batches(network, X, Y, batch_size=BATCH_SIZE):
    """Run the network's own backpropagation batch by batch.

    Yields ``(batch, activations, deltas)``: ``activations[i]`` is the output of layer ``i``
    (``activations[0]`` the input), ``deltas[i]`` the per-sample derivative of the loss with respect
    to the pre-activation of layer ``i + 1``.
    """
    n_layers = network.n_layers_
    for batch in gen_batches(X.shape[0], batch_size):
        activations = [X[batch]] + [None] * (n_layers - 1)
        deltas = [None] * (n_layers - 1)
        coef_grads = [None] * (n_layers - 1)
        intercept_grads = [None] * (n_layers - 1)
        backprop(network, X[batch], Y[batch], activations, deltas, coef_grads, intercept_grads)
        yield batch, activations, deltas


def weight_scores(network, criterion, X=None, Y=None, sample_weight=None, random_state=None):
    """One score per weight of ``network.coefs_``, higher is more important."""
    coefs = network.coefs_
    if criterion == "magnitude":
        return [np.abs(W) for W in coefs]
    if criterion == "random":
        return [random_state.uniform(size=W.shape) for W in coefs]
    if criterion not in ("gradient", "taylor"):
        raise ValueError(f"criterion={criterion!r} does not score weights.")
    sw = _weights(X, sample_weight)
    sums = [np.zeros(W.shape) for W in coefs]
    for batch, activations, deltas in backprop_batches(network, X, Y):
        w = sw[batch][:, None]
        for i, total in enumerate(sums):
            if criterion == "gradient":
                total += safe_sparse_dot(_square(activations[i]).T, _square(deltas[i]) * w)
            else:
                total += safe_sparse_dot(_abs(activations[i]).T, np.abs(deltas[i]) * w)
    sums = [np.asarray(total) / sw.sum() for total in sums]
    if criterion == "taylor":
        sums = [np.abs(W) * total for W, total in zip(coefs, sums, strict=True)]
    return sums


def unit_scores(network, criterion, X=None, Y=None, sample_weight=None, random_state=None):
    """One score per hidden unit, a list over the hidden layers, higher is more important."""
    coefs = network.coefs_
    n_hidden = len(coefs) - 1
    if criterion == "magnitude":
        return [
            np.linalg.norm(coefs[i], axis=0) * np.linalg.norm(coefs[i + 1], axis=1)
            for i in range(n_hidden)
        ]
    if criterion == "random":
        return [random_state.uniform(size=coefs[i].shape[1]) for i in range(n_hidden)]
    if criterion not in UNIT_CRITERIA:
        raise ValueError(f"criterion={criterion!r} does not score units.")
    sw = _weights(X, sample_weight)
    sums = [np.zeros(coefs[i].shape[1]) for i in range(n_hidden)]
    for batch, activations, deltas in backprop_batches(network, X, Y):
        w = sw[batch]
        for i, total in enumerate(sums):
            a = activations[i + 1]
            if criterion == "activation":
                total += w @ np.abs(a)
            elif criterion == "apoz":
                total += w @ (a != 0)
            else:
                grad_a = deltas[i + 1] @ coefs[i + 1].T
                if criterion == "gradient":
                    total += w @ (grad_a * grad_a)
                else:
                    total += w @ np.abs(a * grad_a)
    return [total / sw.sum() for total in sums]


def input_scores(network, criterion, X=None, Y=None, sample_weight=None, random_state=None):
    """One score per input feature (row of ``coefs_[0]``), higher is more important."""
    W = network.coefs_[0]
    if criterion == "magnitude":
        return np.linalg.norm(W, axis=1)
    if criterion == "random":
        return random_state.uniform(size=W.shape[0])
    if criterion not in UNIT_CRITERIA:
        raise ValueError(f"criterion={criterion!r} does not score inputs.")
    sw = _weights(X, sample_weight)
    if criterion == "activation":
        return _weighted_column_sums(_abs(X), sw) / sw.sum()
    if criterion == "apoz":
        return _weighted_column_sums(X != 0, sw) / sw.sum()
    total = np.zeros(W.shape[0])
    for batch, activations, deltas in backprop_batches(network, X, Y):
        grad_x = deltas[0] @ W.T
        if criterion == "gradient":
            total += sw[batch] @ (grad_x * grad_x)
        else:
            x = activations[0]
            product = _abs(x).multiply(np.abs(grad_x)) if sp.issparse(x) else np.abs(x * grad_x)
            total += _weighted_column_sums(product, sw[batch])
    return total / sw.sum()


def mean_inputs(X, sample_weight=None):
    """Mean of every input feature over the samples."""
    sw = _weights(X, sample_weight)
    return _weighted_column_sums(X, sw) / sw.sum()


def _weighted_column_sums(A, w):
    return np.asarray(A.T @ w, dtype=np.float64).ravel()


def mean_activations(network, X, sample_weight=None, batch_size=BATCH_SIZE):
    """Mean output of every hidden unit over the samples, a list over the hidden layers."""
    sw = _weights(X, sample_weight)
    coefs, intercepts = network.coefs_, network.intercepts_
    sums = [np.zeros(coefs[i].shape[1]) for i in range(len(coefs) - 1)]
    activate = activation(network.activation)
    for batch in gen_batches(X.shape[0], batch_size):
        a = X[batch]
        for i, total in enumerate(sums):
            a = safe_sparse_dot(a, coefs[i]) + intercepts[i]
            activate(a)
            total += sw[batch] @ a
    return [total / sw.sum() for total in sums]


def training_loss(network, X, Y, sample_weight=None, batch_size=BATCH_SIZE):
    """Mean loss of the network on (X, Y), without the L2 penalty."""
    loss = loss_function(network)
    sw = _weights(X, sample_weight)
    total = 0.0
    for batch in gen_batches(X.shape[0], batch_size):
        if sw[batch].sum() == 0:
            continue
        total += loss(Y[batch], forward(network, X[batch]), sw[batch]) * sw[batch].sum()
    return float(total / sw.sum())


def _weights(X, sample_weight):
    if sample_weight is None:
        return np.ones(X.shape[0])
    return np.asarray(sample_weight, dtype=np.float64)
