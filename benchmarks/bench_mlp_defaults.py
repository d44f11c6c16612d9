"""MLPPruner at its defaults on a small data set: does the network keep its accuracy?

``load_digits`` standardised (on all rows), a 70/30 stratified split (``random_state=0``) and
``MLPClassifier(hidden_layer_sizes=(128, 64), max_iter=300, random_state=...)`` wrapped in an
``MLPPruner`` that sets only ``pruning_rate``, ``granularity`` and ``scope``. Prints a markdown
table: test accuracy, points lost against the dense network, sparsity and fit time, per network
seed and averaged over the seeds.

    python benchmarks/bench_mlp_defaults.py                      # seed 0, the three settings
    python benchmarks/bench_mlp_defaults.py --quick              # a (32, 16) network, for CI
    python benchmarks/bench_mlp_defaults.py --seeds 0 1 2 3 4
    python benchmarks/bench_mlp_defaults.py --set n_iterations=3 fine_tune_iter=30

``--set`` adds MLPPruner parameters to every row (values are read as Python literals), to
compare the defaults with other schedules on the same rows.
"""

import argparse
import ast
import time
import warnings

import numpy as np
from sklearn.datasets import load_digits
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

from skprune import MLPPruner

SETTINGS = {
    "weights-90": dict(pruning_rate=0.9),
    "neurons-50": dict(pruning_rate=0.5, granularity="neuron"),
    "layer-90": dict(pruning_rate=0.9, scope="layer"),
}


def data():
    X, y = load_digits(return_X_y=True)
    # Scaled on all rows, as in the setup this benchmark reproduces.
    X = StandardScaler().fit_transform(X)
    return train_test_split(X, y, test_size=0.3, stratify=y, random_state=0)


def network(seed, quick=False):
    if quick:
        return MLPClassifier(hidden_layer_sizes=(32, 16), max_iter=50, random_state=seed)
    return MLPClassifier(hidden_layer_sizes=(128, 64), max_iter=300, random_state=seed)


def parse_set(items):
    params = {}
    for item in items:
        name, _, value = item.partition("=")
        try:
            params[name] = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            params[name] = value
    return params


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a smaller network, for CI")
    parser.add_argument("--seeds", nargs="+", type=int, default=[0])
    parser.add_argument("--settings", nargs="+", default=list(SETTINGS), choices=list(SETTINGS))
    parser.add_argument("--set", nargs="*", default=[], help="extra MLPPruner params, name=value")
    args = parser.parse_args(argv)
    extra = parse_set(args.set)
    warnings.simplefilter("ignore", ConvergenceWarning)
    X_train, X_test, y_train, y_test = data()
    print(f"digits, train {X_train.shape}, test {X_test.shape}; extra parameters: {extra}\n")
    print("| setting | seed | accuracy | vs dense (points) | sparsity % | hidden sizes | fit s |")
    print("|---|---|---|---|---|---|---|", flush=True)
    lost = {name: [] for name in args.settings}
    for seed in args.seeds:
        start = time.perf_counter()
        dense = network(seed, args.quick).fit(X_train, y_train)
        seconds = time.perf_counter() - start
        dense_acc = dense.score(X_test, y_test)
        print(f"| dense | {seed} | {dense_acc:.3f} | | 0 | {dense.hidden_layer_sizes} "
              f"| {seconds:.1f} |", flush=True)  # fmt: skip
        for name in args.settings:
            pruner = MLPPruner(network(seed, args.quick), **SETTINGS[name], **extra)
            start = time.perf_counter()
            pruner.fit(X_train, y_train)
            seconds = time.perf_counter() - start
            acc = pruner.score(X_test, y_test)
            lost[name].append(100 * (dense_acc - acc))
            print(
                f"| {name} | {seed} | {acc:.3f} | {100 * (acc - dense_acc):+.1f} "
                f"| {100 * pruner.sparsity_['overall']:.1f} "
                f"| {pruner.estimator_.hidden_layer_sizes} | {seconds:.1f} |",
                flush=True,
            )
    if len(args.seeds) > 1:
        print("\nPoints lost against the dense network, mean (worst) over the seeds:")
        for name, points in lost.items():
            print(f"- {name}: {np.mean(points):.2f} ({max(points):.2f})")


if __name__ == "__main__":
    main()
