"""Every use of scikit-learn's private MLP internals, in one module.

``MLPPruner`` builds on the network's own training code rather than around it: backpropagation
(``_backprop``), the fast forward pass, the input validation and label encoding it trains with,
its activation and loss functions, and the optimiser and stopping state of ``warm_start`` fits.
None of these is public API, so an upgrade of scikit-learn that changes them touches this module
only (``sklearn/neural_network/_multilayer_perceptron.py`` and ``_base.py`` are the source).

Shims for scikit-learn < 1.7, whose MLP takes no ``sample_weight``: its loss functions take no
weights (``loss_function``), its ``_backprop`` takes no ``sample_weight`` argument
(``backprop``), and its ``fit`` none at all (``check_sample_weight_support``).
"""

from contextlib import contextmanager

import numpy as np
import sklearn
from sklearn.neural_network._base import ACTIVATIONS, LOSS_FUNCTIONS

from .._core._compat import SKLEARN_VERSION

# The first release whose MLP trains with sample_weight.
WEIGHTED_MLP = (1, 7)


def activation(name):
    """The in-place activation function called ``name`` ("relu", "logistic", ...)."""
    return ACTIVATIONS[name]


def loss_function(network):
    """``f(Y, output, sample_weight)``: the network's mean training loss, without the penalty."""
    name = network.loss
    if name == "log_loss" and network.out_activation_ == "logistic":
        name = "binary_log_loss"
    loss = LOSS_FUNCTIONS[name]
    if SKLEARN_VERSION >= WEIGHTED_MLP:
        return loss

    def unweighted_loss(Y, output, sample_weight):
        # Weights here are never unequal: check_sample_weight_support refuses them first.
        if np.ptp(sample_weight) != 0:
            raise ValueError(_NO_WEIGHTS)
        return loss(Y, output)

    return unweighted_loss


def backprop(network, X, Y, activations, deltas, coef_grads, intercept_grads):
    """The network's own backpropagation on one batch; fills the lists in place."""
    if SKLEARN_VERSION < WEIGHTED_MLP:
        return network._backprop(X, Y, activations, deltas, coef_grads, intercept_grads)
    return network._backprop(X, Y, None, activations, deltas, coef_grads, intercept_grads)


_NO_WEIGHTS = (
    f"MLPPruner's sample_weight needs scikit-learn >= {'.'.join(map(str, WEIGHTED_MLP))}, whose "
    f"MLP trains with sample weights; this is scikit-learn {sklearn.__version__}. Upgrade "
    "scikit-learn or fit without sample_weight."
)


def check_sample_weight_support(sample_weight):
    """Refuse ``sample_weight`` where scikit-learn's MLP cannot train with it."""
    if sample_weight is not None and SKLEARN_VERSION < WEIGHTED_MLP:
        raise ValueError(_NO_WEIGHTS)


def forward(network, X):
    """The network's output on X (already validated)."""
    return network._forward_pass_fast(X, check_input=False)


def training_arrays(network, X, y):
    """X and the encoded target exactly as the fitted network trains on them."""
    return network._validate_input(X, y, incremental=True, reset=False)


def decode_labels(network, output):
    """Class labels of a classifier network's output activations."""
    return network._label_binarizer.inverse_transform(output)


@contextmanager
def masked_gradients(network, masks):
    """Within the block, ``network._backprop`` returns gradients multiplied by ``masks``.

    ``masks`` is one boolean array per layer, shaped like ``coefs_`` (True = trainable), or None
    for no masking. The override is an instance attribute, removed on exit: the network stays a
    plain scikit-learn estimator.
    """
    if masks is None:
        yield network
        return
    original = network._backprop

    def masked_backprop(*args, **kwargs):
        loss, coef_grads, intercept_grads = original(*args, **kwargs)
        for grad, mask in zip(coef_grads, masks, strict=True):
            np.multiply(grad, mask, out=grad)
        return loss, coef_grads, intercept_grads

    network._backprop = masked_backprop
    try:
        yield network
    finally:
        del network._backprop


def forget_optimizer(network):
    """Drop the optimiser state and take the current weights as the best ones.

    State shaped like older layers would break a later fit, and early stopping would restore
    weights from before a cut.
    """
    if hasattr(network, "_optimizer"):
        del network._optimizer
    network._best_coefs = [W.copy() for W in network.coefs_]
    network._best_intercepts = [b.copy() for b in network.intercepts_]


def reset_training_state(network):
    """Forget the optimiser and the stopping state of earlier fits (keeps ``loss_curve_``)."""
    forget_optimizer(network)
    if network.solver == "lbfgs":
        return
    network._no_improvement_count = 0
    if network.early_stopping:
        network.validation_scores_ = []
        network.best_validation_score_ = -np.inf
        network.best_loss_ = None
    else:
        network.best_loss_ = np.inf
        network.validation_scores_ = None
        network.best_validation_score_ = None
    if not hasattr(network, "loss_curve_"):
        network.loss_curve_ = []
