"""Gini impurity decrease: skprune against one argsort and against scikit-learn's trees.

The question: is scoring every feature by its best single split about as cheap as sorting the
table once? Each method ranks the features of a ``make_classification`` table whose informative
columns are known and keeps as many as there are informative ones. The table reports the time,
its ratio to one ``np.argsort(X, axis=0)`` and the recall of the informative columns.
scikit-learn's natural alternatives are a depth-1 ``DecisionTreeClassifier`` per feature (the same
scores as the split method) and a ``RandomForestClassifier``'s ``feature_importances_`` (the same
scores as the forest method).

    python benchmarks/bench_gini.py            # 100,000 x 100
    python benchmarks/bench_gini.py --quick    # 10,000 x 20, for CI
"""

import argparse

import numpy as np
from _common import best_time, print_table
from sklearn.datasets import make_classification
from sklearn.ensemble import RandomForestClassifier
from sklearn.tree import DecisionTreeClassifier

from skprune import GiniSelector


def make_data(n_samples, n_features, n_informative):
    return make_classification(
        n_samples=n_samples,
        n_features=n_features,
        n_informative=n_informative,
        n_redundant=0,
        shuffle=False,
        random_state=0,
    )


def stump_scores(X, y):
    """Impurity decrease of a depth-1 scikit-learn tree on each feature alone."""
    scores = np.zeros(X.shape[1])
    for j in range(X.shape[1]):
        tree = DecisionTreeClassifier(max_depth=1).fit(X[:, [j]], y).tree_
        if tree.node_count == 3:
            weight, impurity = tree.weighted_n_node_samples, tree.impurity
            scores[j] = impurity[0] - (weight[1:] * impurity[1:]).sum() / weight[0]
    return scores


def methods(k, n_trees):
    """name -> (function(X, y) returning scores, runs to time)."""

    def selector(**params):
        return lambda X, y: GiniSelector(k=k, **params).fit(X, y).scores_

    def forest(X, y):
        model = RandomForestClassifier(n_estimators=n_trees, random_state=0, n_jobs=-1)
        return model.fit(X, y).feature_importances_

    return {
        "np.argsort(X, axis=0) (reference)": (lambda X, y: None, 5),
        "skprune GiniSelector() (exact)": (selector(), 5),
        "skprune GiniSelector(splitter='histogram')": (selector(splitter="histogram"), 5),
        "skprune GiniSelector(n_jobs=2) (exact)": (selector(n_jobs=2), 5),
        "sklearn DecisionTreeClassifier(max_depth=1) per feature": (stump_scores, 1),
        f"skprune GiniSelector(method='forest', n_estimators={n_trees}, n_jobs=-1)": (
            selector(method="forest", n_estimators=n_trees, random_state=0, n_jobs=-1),
            1,
        ),
        f"sklearn RandomForestClassifier(n_estimators={n_trees}, n_jobs=-1)": (forest, 1),
    }


def run(n_samples, n_features, n_informative, n_trees):
    X, y = make_data(n_samples, n_features, n_informative)
    informative = set(range(n_informative))
    print(f"\n{n_samples:,} x {n_features} float64 ({n_informative} informative, 2 classes)\n")
    _, reference = best_time(np.argsort, X, axis=0, repeat=5)
    rows = []
    for name, (function, repeat) in methods(n_informative, n_trees).items():
        if "argsort" in name:
            scores, seconds = None, reference
        else:
            scores, seconds = best_time(function, X, y, repeat=repeat)
        recall = "-"
        if scores is not None:
            kept = set(np.argsort(-scores, kind="stable")[:n_informative].tolist())
            recall = f"{len(kept & informative)}/{n_informative}"
        rows.append([name, f"{seconds:.3f}", f"{seconds / reference:.2f}x", recall])
    print_table(["method", "time (s)", "time / argsort", "recall"], rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for CI")
    args = parser.parse_args()
    if args.quick:
        run(10_000, 20, 5, n_trees=10)
    else:
        run(100_000, 100, 10, n_trees=20)


if __name__ == "__main__":
    main()
