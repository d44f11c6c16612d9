"""``skprune select --method mlp``: rank the columns by their weights in a pruned network.

The command keeps a number of input features, while ``MLPPruner`` prunes weights. The columns
are standardised (a network's input weights are only comparable on one scale), a small seeded
network is trained, and ``MLPPruner`` prunes the first layer's weights at the rate asked of the
features (``scope="layer"``, the output layer left whole) and fine-tunes what is left. A feature's
score is the norm of its outgoing weights in the pruned network; the command keeps the best
``k`` (or ``1 - pruning_rate``) features among those with a weight left. A feature whose every
weight was pruned scores 0 and is dropped, as ``MLPPruner.transform`` drops it.
"""

import warnings

import numpy as np
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.preprocessing import StandardScaler

from .._core._input import check_target, validate_numeric
from .._core._selection import n_to_keep, rank_order, ranking_from_order
from .._mlp._pruner import MLPPruner

# The network: one hidden layer of 32 units, Adam, seeded. Its L2 penalty (alpha=0.1, scikit-learn's
# default is 1e-4) shrinks the weights of the inputs it does not use, which is what the ranking
# reads. On Spambase (4601 x 57, about 3 s) the 12 columns it keeps at --pruning-rate 0.8 give a
# logistic regression 0.893 cross-validated accuracy (mutual information's 12: 0.886); the
# default alpha, or early stopping (faster, but barely trained), kept worse columns.
NETWORK = dict(hidden_layer_sizes=(32,), alpha=0.1, max_iter=300, random_state=0)


class NetworkInputRanking:
    """The command's selector for ``--method mlp`` (see the module docstring).

    Holds ``pruner_`` (the fitted ``MLPPruner``), ``scores_``, ``ranking_`` and ``support_`` as
    the other methods' selectors do.
    """

    def __init__(self, pruning_rate=0.5, k=None):
        self.pruning_rate = pruning_rate
        self.k = k

    def fit(self, X, y):
        n_features = X.shape[1]
        n_keep = n_to_keep(n_features, pruning_rate=self.pruning_rate, k=self.k)
        pruner = MLPPruner(
            pruning_rate=1.0 - n_keep / n_features,
            scope="layer",
            max_output_rate=0.0,
            # The ranking reads the surviving input weights: a short fine-tune is enough.
            fine_tune_iter=10,
            random_state=0,
        )
        # The network pruner's own contract: a NaN or infinite value is named by its column.
        values = validate_numeric(pruner, X, model="a neural network")
        y, task, _ = check_target(y, values.shape[0])
        if task == "classification":
            network = MLPClassifier(**NETWORK)
        else:
            network = MLPRegressor(**NETWORK)
            y = (y - y.mean()) / y.std()
        self.pruner_ = pruner.set_params(estimator=network)
        self.pruner_.fit(StandardScaler().fit_transform(values), y)

        self.scores_ = np.linalg.norm(self.pruner_.estimator_.coefs_[0], axis=1)
        order = rank_order(self.scores_)
        self.ranking_ = ranking_from_order(order)
        self.support_ = np.zeros(n_features, dtype=bool)
        self.support_[order[:n_keep]] = True
        self.support_ &= self.scores_ > 0
        if self.support_.sum() < n_keep:
            warnings.warn(
                f"only {self.support_.sum()} features have a weight left in the pruned network; "
                f"they are kept, not {n_keep}.",
                UserWarning,
                stacklevel=2,
            )
        return self

    def __repr__(self):
        amount = f"k={self.k}" if self.k is not None else f"pruning_rate={self.pruning_rate}"
        network = ", ".join(f"{name}={value!r}" for name, value in NETWORK.items())
        return (
            f"MLPPruner(MLP({network}), scope='layer', max_output_rate=0.0) on standardised "
            f"columns, {amount} of the features"
        )
