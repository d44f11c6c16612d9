"""
Pruning a neural network
========================

Pruning a neural network: accuracy against the fraction of weights removed, and its rounds.

MLPPruner trains scikit-learn's MLPClassifier on handwritten digits, removes the smallest weights
and fine-tunes the rest with the removed ones held at zero. PruningCurveDisplay cross-validates it
at each pruning rate; PruningHistoryDisplay shows one pruner's rounds (training loss against the
weights removed so far) and how sparse each layer ended.

Run it with ``python examples/plot_mlp_pruning.py`` (``--quick`` for the size CI runs).
"""

import warnings

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
from _example import parse_args, save  # noqa: E402
from sklearn.datasets import load_digits  # noqa: E402
from sklearn.exceptions import ConvergenceWarning  # noqa: E402
from sklearn.neural_network import MLPClassifier  # noqa: E402

from skprune import MLPPruner, PruningCurveDisplay, PruningHistoryDisplay  # noqa: E402


def main():
    args = parse_args(__doc__)
    warnings.simplefilter("ignore", ConvergenceWarning)  # short training runs, on purpose
    X, y = load_digits(return_X_y=True)
    X = X / 16
    net = MLPClassifier(
        hidden_layer_sizes=(32,) if args.quick else (64,),
        max_iter=30 if args.quick else 100,
        random_state=0,
    )
    # The default fine-tuning trains until the loss stops improving, within the network's
    # max_iter and a budget of gradient steps.
    pruner = MLPPruner(net, random_state=0)
    rates = [0.0, 0.8, 0.95] if args.quick else [0.0, 0.5, 0.8, 0.9, 0.95, 0.98]
    curve = PruningCurveDisplay.from_estimator(
        pruner, X, y, param_range=rates, cv=2 if args.quick else 3, scoring="accuracy"
    )
    for rate, score in zip(rates, curve.test_scores.mean(axis=1), strict=True):
        print(f"pruning_rate={rate:<5} accuracy {score:.3f}")
    curve.ax_.set_title(f"MLPPruner, one hidden layer of {net.hidden_layer_sizes[0]}, digits")
    curve.figure_.set_size_inches(6.5, 4)
    save(curve.figure_, "mlp_pruning_curve.png", args)

    rounds = MLPPruner(net, pruning_rate=0.95, n_iterations=4, random_state=0).fit(X, y)
    history = PruningHistoryDisplay.from_estimator(rounds)
    sparsity = np.round(100 * np.asarray(rounds.sparsity_["layers"]), 1)
    print(f"pruning_rate=0.95 in 4 rounds: layers {sparsity.tolist()} % pruned")
    save(history.figure_, "mlp_pruning_history.png", args)


if __name__ == "__main__":
    main()
