"""
How much can a linear model be pruned?
======================================

How much can a linear model be pruned? Its cross-validated accuracy against the pruning rate.

LassoPruner fits an L1-penalised logistic regression, keeps the features with the largest
weights and refits them. PruningCurveDisplay cross-validates it at each pruning rate and draws
the mean accuracy, its spread across the folds, and the best rate.

Run it with ``python examples/plot_pruning_curve.py`` (``--quick`` for the size CI runs).
"""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
from _example import parse_args, save  # noqa: E402
from sklearn.datasets import load_breast_cancer  # noqa: E402
from sklearn.model_selection import StratifiedKFold  # noqa: E402

from skprune import LassoPruner, PruningCurveDisplay  # noqa: E402


def main():
    args = parse_args(__doc__)
    X, y = load_breast_cancer(return_X_y=True, as_frame=True)
    n_rates = 6 if args.quick else 15
    rates = np.round(np.linspace(0.0, 0.97, n_rates), 2)
    cv = StratifiedKFold(3 if args.quick else 10, shuffle=True, random_state=0)
    display = PruningCurveDisplay.from_estimator(
        LassoPruner(task="classification"), X, y, param_range=rates, cv=cv, scoring="accuracy"
    )
    mean = display.test_scores.mean(axis=1)
    for rate, score in zip(rates, mean, strict=True):
        kept = X.shape[1] - int(np.floor(rate * X.shape[1]))
        print(
            f"pruning_rate={rate:<5} keeps {kept:2d} of {X.shape[1]} features: accuracy {score:.3f}"
        )
    best = rates[display.best_index_]
    print(f"best: pruning_rate={best} (accuracy {mean[display.best_index_]:.3f})")
    display.ax_.set_title("LassoPruner on breast cancer (30 features)")
    display.figure_.set_size_inches(6.5, 4)
    save(display.figure_, "pruning_curve.png", args)


if __name__ == "__main__":
    main()
