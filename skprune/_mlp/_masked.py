"""Masked fine-tuning of a scikit-learn MLP: pruned weights stay exactly zero.

Re-applying the masks after training is not enough: between re-applications the optimiser moves
pruned weights off zero and its state (Adam's moments, SGD's velocities) keeps the momentum of
the weights from before the cut. So the gradients are masked inside backpropagation, before the
optimiser sees them, and every round of fine-tuning starts with a fresh optimiser. A masked
weight then gets a zero gradient, zero moments and a zero update: it stays exactly zero with
"adam", "sgd" and "lbfgs" alike.

The network trains with its own ``fit`` (``warm_start=True``, ``max_iter`` = the epochs of the
round), so batching, shuffling, learning-rate schedules and early stopping are scikit-learn's.
Its stopping state is reset first: with ``warm_start`` the best loss and the count of epochs
without improvement survive from the previous fit and would stop the round after one epoch, and
with ``early_stopping`` the best coefficients saved before the cut would be restored at the end.
"""

import math
import warnings

from sklearn.exceptions import ConvergenceWarning

from ._sklearn_private import masked_gradients, reset_training_state


def apply_masks(network, masks):
    """Zero the pruned weights of ``network`` in place."""
    for W, mask in zip(network.coefs_, masks, strict=True):
        W[~mask] = 0.0


def epochs_within(network, n_samples, n_steps):
    """The most epochs of ``network``'s training that hold at most ``n_steps`` gradient steps.

    An epoch of "sgd" or "adam" takes one step per mini-batch of the training part (without the
    validation split of ``early_stopping``); an iteration of "lbfgs" counts as one step. At least
    one epoch, at most the network's ``max_iter``.
    """
    if network.solver == "lbfgs":
        return max(1, min(network.max_iter, n_steps))
    n_train = n_samples
    if network.early_stopping:
        n_train -= math.ceil(network.validation_fraction * n_samples)
    n_train = max(n_train, 1)
    batch = min(200, n_train) if network.batch_size == "auto" else network.batch_size
    steps_per_epoch = math.ceil(n_train / min(max(batch, 1), n_train))
    return max(1, min(network.max_iter, n_steps // steps_per_epoch))


def fine_tune(network, X, y, sample_weight=None, *, n_epochs, masks=None):
    """Train ``network`` for at most ``n_epochs`` epochs, keeping masked weights at zero.

    Returns the number of epochs actually run (fewer when scikit-learn's stopping rule fires).
    ``warm_start`` and ``max_iter`` of the network are restored afterwards.
    """
    saved = network.get_params()
    reset_training_state(network)
    network.set_params(warm_start=True, max_iter=n_epochs)
    fit_params = {} if sample_weight is None else {"sample_weight": sample_weight}
    try:
        with masked_gradients(network, masks), warnings.catch_warnings():
            # A fixed budget of epochs usually ends before convergence; that is the point.
            warnings.simplefilter("ignore", ConvergenceWarning)
            network.fit(X, y, **fit_params)
    finally:
        network.set_params(warm_start=saved["warm_start"], max_iter=saved["max_iter"])
    if masks is not None:
        kept_zero = all(not W[~mask].any() for W, mask in zip(network.coefs_, masks, strict=True))
        if not kept_zero:  # pragma: no cover - the masked gradients make this impossible
            raise RuntimeError("A pruned weight moved off zero during fine-tuning.")
    return int(network.n_iter_)
