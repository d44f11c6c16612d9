"""How much of an MLP can MLPPruner remove, and what does it buy at predict time?

Tables (markdown):

1. accuracy versus sparsity: test error of weight pruning by each criterion at each rate,
   one-shot and iterative, next to the dense network, with the time MLPPruner.fit took;
2. neuron pruning: test error, hidden layer sizes and predict time on 10,000 rows against the
   dense network;
3. dense versus CSR inference (``predict_proba(X, sparse=True)``) per sparsity;
4. input features pruned as units (``input_pruning_rate``, no hidden unit removed): test error
   per criterion and share of inputs removed;
5. the dense network's fit time.

Full size: LeNet-300-100 (``hidden_layer_sizes=(300, 100)``) on MNIST (pixels / 255), from
``../shared/data/mnist/mnist.npz`` relative to the repository root. ``--quick``: a one-hidden-layer
network on scikit-learn's ``load_digits`` (for CI, well under a minute).

    python benchmarks/bench_mlp.py --quick
    python benchmarks/bench_mlp.py --parts dense weights neurons sparse inputs
    python benchmarks/bench_mlp.py --defaults --parts weights --criteria magnitude

``--defaults`` builds every pruner with MLPPruner's own fine-tuning schedule (only the rate,
criterion and granularity set), ignoring ``--fine-tune-iter``, ``--rounds`` and the like.
"""

import argparse
import ast
import pickle
import time
import warnings
from pathlib import Path

import numpy as np
from _common import SHARED_DATA, best_time
from sklearn.base import clone
from sklearn.datasets import load_digits
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier

from skprune import MLPPruner

DEFAULT_DATA = SHARED_DATA / "mnist" / "mnist.npz"
PREDICT_ROWS = 10_000


def load(args):
    if args.quick:
        X, y = load_digits(return_X_y=True)
        X_train, X_test, y_train, y_test = train_test_split(
            X / 16.0, y, test_size=0.3, stratify=y, random_state=0
        )
        network = MLPClassifier(hidden_layer_sizes=(100,), max_iter=200, random_state=0)
        return X_train, X_test, y_train, y_test, network
    data = np.load(args.data)
    X_train = data["X_train"].astype(np.float64) / 255.0
    X_test = data["X_test"].astype(np.float64) / 255.0
    network = MLPClassifier(
        hidden_layer_sizes=(300, 100), batch_size=128, max_iter=40, random_state=0
    )
    return X_train, X_test, data["y_train"], data["y_test"], network


def rows(X, n=PREDICT_ROWS):
    """n rows for timing predict, repeating X when it is shorter."""
    return np.resize(X, (n, X.shape[1])) if X.shape[0] < n else X[:n]


def paired_times(f, g, repeat=5):
    """Best times of f and g, timed in turns so that a change in the machine's load hits both."""
    times = [[], []]
    for _ in range(repeat):
        for side, h in enumerate((f, g)):
            start = time.perf_counter()
            h()
            times[side].append(time.perf_counter() - start)
    return min(times[0]), min(times[1])


def dense_network(args, X_train, y_train, network):
    cache = Path(args.cache) if args.cache else None
    if cache is not None and cache.exists():
        with open(cache, "rb") as f:
            return pickle.load(f)
    start = time.perf_counter()
    dense = clone(network).fit(X_train, y_train)
    dense.fit_time_ = time.perf_counter() - start
    if cache is not None:
        with open(cache, "wb") as f:
            pickle.dump(dense, f)
    return dense


def table(header, lines=None):
    """A markdown table; with ``lines=None`` only its header, the rows to follow by ``row``."""
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header), flush=True)
    if lines is not None:
        for line in lines:
            row(line)
        print(flush=True)


def row(line):
    """Print one table row at once: full-size runs take minutes per row."""
    print("| " + " | ".join(str(v) for v in line) + " |", flush=True)


def pct(x):
    return f"{100 * x:.2f}"


def parameter(text):
    """``name=value`` of ``--set`` as a pair, the value read as a Python literal if it is one."""
    name, _, value = text.partition("=")
    try:
        return name, ast.literal_eval(value)
    except (ValueError, SyntaxError):
        return name, value


def tuning(args, **params):
    """The fine-tuning settings of a row: none with ``--defaults``, else those of the command."""
    if args.defaults:
        return dict(args.set)
    return dict(args.set) | dict(
        fine_tune_iter=args.fine_tune_iter, fine_tune_learning_rate=args.fine_tune_lr, **params
    )


def weights_table(args, dense, X_train, y_train, X_test, y_test):
    dense_error = 1 - dense.score(X_test, y_test)
    cap = "" if args.max_output_rate is None else f", max_output_rate={args.max_output_rate}"
    print(f"Weight pruning; dense test error {pct(dense_error)} %{cap}")
    header = ["criterion", "schedule", "sparsity %", "per layer %", "error %", "vs dense",
              "fit s"]  # fmt: skip
    table(header)
    for criterion in args.criteria:
        for schedule in ["defaults"] if args.defaults else args.schedules:
            n_iterations = 1 if schedule == "one-shot" else args.rounds
            for rate in args.rates:
                pruner = MLPPruner(
                    dense,
                    prefit=True,
                    pruning_rate=rate,
                    criterion=criterion,
                    random_state=0,
                    **tuning(args, n_iterations=n_iterations, max_output_rate=args.max_output_rate),
                )
                start = time.perf_counter()
                pruner.fit(X_train, y_train)
                seconds = time.perf_counter() - start
                error = 1 - pruner.score(X_test, y_test)
                layers = "/".join(pct(s) for s in pruner.sparsity_["layers"])
                row(
                    [
                        criterion,
                        schedule,
                        pct(pruner.sparsity_["overall"]),
                        layers,
                        pct(error),
                        f"{100 * (error - dense_error):+.2f}",
                        f"{seconds:.1f}",
                    ]
                )
    print(flush=True)


def neurons_table(args, dense, X_train, y_train, X_test, y_test):
    X_rows = rows(X_test)
    dense_error = 1 - dense.score(X_test, y_test)
    _, dense_time = best_time(lambda: dense.predict(X_rows), repeat=5)
    print(
        f"Neuron pruning; predict on {X_rows.shape[0]} rows (best of 5; the speed-up against the "
        "dense network timed in turns with each pruned one)"
    )
    header = ["criterion", "units removed %", "hidden sizes", "error %", "vs dense",
              "predict ms", "speed-up"]  # fmt: skip
    table(header)
    row(["dense", "0", dense.hidden_layer_sizes, pct(dense_error), "+0.00",
         f"{1000 * dense_time:.1f}", "1.00"])  # fmt: skip
    for criterion in args.neuron_criteria:
        for rate in args.neuron_rates:
            pruner = MLPPruner(
                dense,
                prefit=True,
                pruning_rate=rate,
                criterion=criterion,
                granularity="neuron",
                random_state=0,
                **tuning(args),
            ).fit(X_train, y_train)
            error = 1 - pruner.score(X_test, y_test)
            # The dense network is timed again beside each pruned one: the ratio is what counts.
            dense_again, seconds = paired_times(
                lambda: dense.predict(X_rows), lambda p=pruner: p.estimator_.predict(X_rows)
            )
            row(
                [
                    criterion,
                    pct(rate),
                    pruner.estimator_.hidden_layer_sizes,
                    pct(error),
                    f"{100 * (error - dense_error):+.2f}",
                    f"{1000 * seconds:.1f}",
                    f"{dense_again / seconds:.2f}",
                ]
            )
    print(flush=True)


def inputs_table(args, dense, X_train, y_train, X_test, y_test):
    dense_error = 1 - dense.score(X_test, y_test)
    n_features = X_train.shape[1]
    print("Input features pruned as units (input_pruning_rate; every hidden unit kept)")
    table(["criterion", "inputs removed %", "inputs kept", "error %", "vs dense"])
    row(["dense", "0", n_features, pct(dense_error), "+0.00"])
    for criterion in args.input_criteria:
        for rate in args.input_rates:
            pruner = MLPPruner(
                dense,
                prefit=True,
                pruning_rate=0.0,
                granularity="neuron",
                input_pruning_rate=rate,
                criterion=criterion,
                random_state=0,
                **tuning(args),
            ).fit(X_train, y_train)
            error = 1 - pruner.score(X_test, y_test)
            row(
                [criterion, pct(rate), int(pruner.get_support().sum()), pct(error),
                 f"{100 * (error - dense_error):+.2f}"]
            )  # fmt: skip
    print(flush=True)


def sparse_table(args, dense, X_train, y_train, X_test):
    X_rows = rows(X_test)
    lines, faster = [], []
    for rate in args.sparse_rates:
        # Timing only: the pattern of a magnitude cut, no fine-tuning needed.
        pruner = MLPPruner(dense, prefit=True, pruning_rate=rate, fine_tune_iter=0)
        pruner.fit(X_train, y_train)
        dense_time, sparse_time = paired_times(
            lambda p=pruner: p.predict_proba(X_rows),
            lambda p=pruner: p.predict_proba(X_rows, sparse=True),
        )
        ratio = dense_time / sparse_time
        faster.append(ratio > 1)
        lines.append(
            [
                pct(pruner.sparsity_["overall"]),
                f"{1000 * dense_time:.1f}",
                f"{1000 * sparse_time:.1f}",
                f"{ratio:.2f}",
            ]  # fmt: skip
        )
    print(f"Dense versus CSR inference, predict_proba on {X_rows.shape[0]} rows (best of 5)")
    table(["sparsity %", "dense ms", "CSR ms", "CSR speed-up"], lines)
    # The crossover: the lowest sparsity from which CSR wins at every higher sparsity measured.
    crossover = next((r for i, r in enumerate(args.sparse_rates) if all(faster[i:])), None)
    where = "never in this range" if crossover is None else f"from {pct(crossover)} % sparsity"
    print(f"CSR beats dense: {where}\n")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="load_digits, for CI")
    parser.add_argument("--data", default=str(DEFAULT_DATA), help="mnist.npz")
    parser.add_argument("--cache", default=None, help="pickle of the dense network to reuse")
    parser.add_argument(
        "--parts", nargs="+", default=["dense", "weights", "neurons", "sparse", "inputs"],
        choices=["dense", "weights", "neurons", "sparse", "inputs"],
    )  # fmt: skip
    parser.add_argument(
        "--criteria", nargs="+", default=["magnitude", "gradient", "taylor", "random"]
    )
    parser.add_argument("--schedules", nargs="+", default=["one-shot", "iterative"])
    parser.add_argument(
        "--max-output-rate", type=float, default=None, help="weight pruning's output-layer cap"
    )
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the iterative schedule")
    parser.add_argument(
        "--rates", nargs="+", type=float, default=[0.5, 0.8, 0.9, 0.92, 0.95, 0.97, 0.99]
    )
    parser.add_argument("--neuron-criteria", nargs="+", default=["activation", "taylor"])
    parser.add_argument("--neuron-rates", nargs="+", type=float, default=[0.25, 0.5, 0.75])
    parser.add_argument("--input-criteria", nargs="+", default=["magnitude", "taylor"])
    parser.add_argument("--input-rates", nargs="+", type=float, default=[0.5, 0.9])
    parser.add_argument(
        "--sparse-rates", nargs="+", type=float,
        default=[0.5, 0.8, 0.9, 0.95, 0.97, 0.98, 0.99, 0.995],
    )  # fmt: skip
    parser.add_argument(
        "--defaults", action="store_true",
        help="MLPPruner at its defaults: only the rate, criterion and granularity are set",
    )  # fmt: skip
    parser.add_argument(
        "--set", nargs="*", default=[], type=parameter,
        help="MLPPruner parameters added to every row, name=value (a Python literal)",
    )  # fmt: skip
    parser.add_argument("--fine-tune-iter", type=int, default=None)
    parser.add_argument("--fine-tune-lr", type=float, default=None)
    args = parser.parse_args(argv)
    if args.fine_tune_iter is None:
        args.fine_tune_iter = 50 if args.quick else 10
    if args.fine_tune_lr is None and args.quick:
        args.fine_tune_lr = 0.01
    warnings.simplefilter("ignore", ConvergenceWarning)

    fine_tune = "at MLPPruner's defaults"
    if not args.defaults:
        fine_tune = (
            f"{args.fine_tune_iter} epochs, learning rate {args.fine_tune_lr or 'as trained'}"
        )
    X_train, X_test, y_train, y_test, network = load(args)
    dense = dense_network(args, X_train, y_train, network)
    print(
        f"data: {'load_digits' if args.quick else args.data}, train {X_train.shape}, "
        f"test {X_test.shape}, network {network.hidden_layer_sizes}, fine-tune {fine_tune}\n"
    )
    if "dense" in args.parts:
        table(
            ["network", "fit s", "epochs", "test error %"],
            [[dense.hidden_layer_sizes, f"{getattr(dense, 'fit_time_', float('nan')):.1f}",
              dense.n_iter_, pct(1 - dense.score(X_test, y_test))]],
        )  # fmt: skip
    if "weights" in args.parts:
        weights_table(args, dense, X_train, y_train, X_test, y_test)
    if "neurons" in args.parts:
        neurons_table(args, dense, X_train, y_train, X_test, y_test)
    if "sparse" in args.parts:
        sparse_table(args, dense, X_train, y_train, X_test)
    if "inputs" in args.parts:
        inputs_table(args, dense, X_train, y_train, X_test, y_test)


if __name__ == "__main__":
    main()
