"""``skprune demo --part pruning``: a network and two linear models made smaller on digits."""

import time

import numpy as np
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

from .._linear._lasso_pruner import LassoPruner
from .._linear._ridge_pruner import RidgePruner
from .._mlp._pruner import MLPPruner
from ._text import text_table

HIDDEN = (128, 64)
LINEAR_K = 32


def digits_split(random_state=0):
    """Digits' 8x8 pixels, standardised on a stratified 70 % training part; 30 % held out."""
    X, y = load_digits(return_X_y=True)
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.3, stratify=y, random_state=random_state
    )
    scaler = StandardScaler().fit(X_train)
    return scaler.transform(X_train), scaler.transform(X_test), y_train, y_test


def predict_seconds(model, X, repeats):
    """Best of ``repeats`` timings of ``model.predict(X)``: the least disturbed run."""
    best = np.inf
    for _ in range(repeats):
        start = time.perf_counter()
        model.predict(X)
        best = min(best, time.perf_counter() - start)
    return best


def csr_bytes(matrices):
    """Bytes of CSR matrices as stored: values, column indices and row pointers."""
    return sum(m.data.nbytes + m.indices.nbytes + m.indptr.nbytes for m in matrices)


def fit_pruning_demo():
    """The data and the fitted models of the demo, by name."""
    X_train, X_test, y_train, y_test = digits_split()
    network = MLPClassifier(hidden_layer_sizes=HIDDEN, max_iter=300, random_state=0)
    network.fit(X_train, y_train)
    # The pruners start from the same trained network (prefit) instead of training it again.
    models = {
        "dense": network,
        "weights": MLPPruner(network, pruning_rate=0.9, prefit=True),
        "units": MLPPruner(network, pruning_rate=0.5, granularity="neuron", prefit=True),
        "logistic": LogisticRegression(max_iter=2000),
        "lasso": LassoPruner(k=LINEAR_K),
        "ridge": RidgePruner(k=LINEAR_K),
    }
    for name, model in models.items():
        if name != "dense":
            model.fit(X_train, y_train)
    return (X_train, X_test, y_train, y_test), models


def run_pruning_demo(out=print, repeats=20):
    """Print the weight-pruning table."""
    (X_train, X_test, y_train, y_test), models = fit_pruning_demo()
    out(
        f"Digits: {X_train.shape[0]} training and {X_test.shape[0]} test images of "
        f"{X_train.shape[1]} pixels, standardised. Accuracy is on the test images.\n"
    )
    network, weights, units = models["dense"], models["weights"], models["units"]
    dense_weights = sum(W.size for W in network.coefs_)
    dense_bytes = sum(W.nbytes for W in network.coefs_)
    dense_time = predict_seconds(network, X_test, repeats)
    units_time = predict_seconds(units, X_test, repeats)
    nonzero = sum(int(np.count_nonzero(W)) for W in weights.estimator_.coefs_)
    rows = [
        (
            f"MLPClassifier{HIDDEN}, dense",
            f"{network.score(X_test, y_test):.3f}",
            f"{dense_weights:,} weights, {dense_bytes / 1024:.0f} KiB dense",
        ),
        (
            "MLPPruner(pruning_rate=0.9)",
            f"{weights.score(X_test, y_test):.3f}",
            f"{dense_weights:,} -> {nonzero:,} non-zero weights, "
            f"CSR export {csr_bytes(weights.to_sparse()) / 1024:.0f} KiB",
        ),
        (
            "MLPPruner(pruning_rate=0.5, granularity='neuron')",
            f"{units.score(X_test, y_test):.3f}",
            f"hidden layers {HIDDEN} -> {tuple(units.estimator_.hidden_layer_sizes)}, predict "
            f"{units_time * 1e3:.2f} ms vs {dense_time * 1e3:.2f} ms "
            f"({dense_time / units_time:.1f}x faster)",
        ),
        (
            "LogisticRegression()",
            f"{models['logistic'].score(X_test, y_test):.3f}",
            "all 64 pixels",
        ),
    ]
    for pruner in (models["lasso"], models["ridge"]):
        rows.append(
            (
                f"{type(pruner).__name__}(k={LINEAR_K})",
                f"{pruner.score(X_test, y_test):.3f}",
                f"{int(pruner.get_support().sum())} pixels kept, predicts as a linear model",
            )
        )
    for line in text_table(("model", "test accuracy", "what was pruned"), rows):
        out(line)
