"""Remove hidden units from a fitted scikit-learn MLP: its weight matrices really shrink.

Hidden layer ``l`` (1-based, as in ``activations[l]``) receives ``coefs_[l - 1]`` and
``intercepts_[l - 1]`` and feeds ``coefs_[l]``. Removing unit ``j`` deletes column ``j`` of
``coefs_[l - 1]``, entry ``j`` of ``intercepts_[l - 1]`` and row ``j`` of ``coefs_[l]``, and updates
``hidden_layer_sizes``. The removed unit's mean output over the training data is folded into the
next layer's intercept, so the network loses only the unit's variation, not its average; for a
unit whose incoming weights are all zero that is exactly its output.
"""

import numpy as np

from ._sklearn_private import forget_optimizer


def hidden_sizes(network):
    return [W.shape[1] for W in network.coefs_[:-1]]


def remove_units(network, layer, keep, fill=None):
    """Keep the hidden units ``keep`` (bool mask) of hidden layer ``layer`` (1-based), in place.

    ``fill`` is the constant output (one value per unit of the layer) that stands in for the
    removed units: ``fill[j] * coefs_[layer][j]`` is added to ``intercepts_[layer]``.
    """
    keep = np.asarray(keep, dtype=bool)
    if not keep.any():
        raise ValueError(f"Removing every unit of hidden layer {layer} would cut the network.")
    coefs, intercepts = network.coefs_, network.intercepts_
    if fill is not None:
        removed = ~keep
        shift = np.asarray(fill)[removed] @ coefs[layer][removed]
        intercepts[layer] = (intercepts[layer] + shift).astype(intercepts[layer].dtype)
    coefs[layer - 1] = np.ascontiguousarray(coefs[layer - 1][:, keep])
    intercepts[layer - 1] = intercepts[layer - 1][keep].copy()
    coefs[layer] = np.ascontiguousarray(coefs[layer][keep])
    network.set_params(hidden_layer_sizes=tuple(hidden_sizes(network)))
    forget_optimizer(network)
    return network


def remove_inputs(network, keep, fill=None):
    """Cut the input features not in ``keep`` (bool mask) off the network, in place.

    Their rows of ``coefs_[0]`` become zero rather than being deleted, so the network still takes
    every column of X and its values there no longer matter. ``fill`` (one value per feature,
    typically its mean) stands in for the cut features: ``fill[j] * coefs_[0][j]`` is added to
    ``intercepts_[0]``.
    """
    keep = np.asarray(keep, dtype=bool)
    W = network.coefs_[0]
    removed = ~keep
    if fill is not None and removed.any():
        shift = np.asarray(fill)[removed] @ W[removed]
        network.intercepts_[0] = (network.intercepts_[0] + shift).astype(W.dtype)
    W[~keep] = 0.0
    return network
