"""Madelon: which selectors find the 20 relevant columns among 500, with k = 20.

MADELON (NIPS 2003 feature selection challenge) hides 5 informative features and 15 linear
combinations of them among 480 distractors; the target is XOR-like, so no single column is
informative alone. For each selector the table reports the relevant columns found, the balanced
error rate of a k-nearest-neighbour classifier (on the standardised kept columns) on the
validation part, and the fit time. The data is read from the shared data folder, never copied
into the repository.

    python benchmarks/bench_madelon.py                 # 100 trees for the forests
    python benchmarks/bench_madelon.py --quick         # 30 trees, for CI
    python benchmarks/bench_madelon.py --data path/to/madelon.npz
"""

import argparse
import sys
import time

import numpy as np
from _common import SHARED_DATA, print_table
from sklearn.ensemble import RandomForestClassifier
from sklearn.feature_selection import SelectFromModel, SelectKBest, mutual_info_classif
from sklearn.metrics import balanced_accuracy_score
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from skprune import GiniSelector, MutualInfoSelector

K = 20


def selectors(n_trees):
    forest = RandomForestClassifier(n_estimators=n_trees, random_state=0, n_jobs=-1)
    return {
        "skprune MutualInfoSelector() (histogram)": MutualInfoSelector(k=K),
        "skprune MutualInfoSelector(estimator='knn')": MutualInfoSelector(
            k=K, estimator="knn", random_state=0
        ),
        "skprune MutualInfoSelector(redundancy='mrmr')": MutualInfoSelector(k=K, redundancy="mrmr"),
        "skprune MutualInfoSelector(redundancy='jmi')": MutualInfoSelector(k=K, redundancy="jmi"),
        "skprune GiniSelector() (split)": GiniSelector(k=K),
        f"skprune GiniSelector(method='forest', n_estimators={n_trees})": GiniSelector(
            k=K, method="forest", n_estimators=n_trees, random_state=0, n_jobs=-1
        ),
        "sklearn SelectKBest(mutual_info_classif)": SelectKBest(
            lambda X, y: mutual_info_classif(X, y, random_state=0), k=K
        ),
        f"sklearn SelectFromModel(RandomForestClassifier({n_trees}))": SelectFromModel(
            forest, max_features=K, threshold=-np.inf
        ),
    }


def balanced_error(kept, data):
    model = make_pipeline(StandardScaler(), KNeighborsClassifier())
    model.fit(data["X_train"][:, kept], data["y_train"])
    predicted = model.predict(data["X_valid"][:, kept])
    return 1 - balanced_accuracy_score(data["y_valid"], predicted)


def run(data, n_trees):
    relevant = set(data["relevant_features_derived"].tolist())
    X, y = data["X_train"], data["y_train"]
    print(f"\nMadelon: {X.shape[0]:,} x {X.shape[1]} train, {len(data['y_valid'])} valid, k={K}\n")
    rows = []
    for name, selector in selectors(n_trees).items():
        start = time.perf_counter()
        selector.fit(X, y)
        seconds = time.perf_counter() - start
        kept = selector.get_support(indices=True)
        rows.append(
            [
                name,
                f"{len(relevant & set(kept.tolist()))}/{len(relevant)}",
                f"{100 * balanced_error(kept, data):.1f} %",
                f"{seconds:.2f}",
            ]
        )
    rows.append(["(the 20 relevant columns themselves)", "20/20",
                 f"{100 * balanced_error(sorted(relevant), data):.1f} %", "-"])  # fmt: skip
    print_table(["selector", "relevant found", "kNN balanced error (valid)", "fit time (s)"], rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", default=SHARED_DATA / "madelon" / "madelon.npz", help="path of madelon.npz"
    )
    parser.add_argument("--quick", action="store_true", help="fewer trees, for CI")
    args = parser.parse_args()
    try:
        data = dict(np.load(args.data))
    except FileNotFoundError:
        print(f"Madelon data not found at {args.data}; pass --data PATH to madelon.npz.")
        sys.exit(0 if args.quick else 1)
    run(data, n_trees=30 if args.quick else 100)


if __name__ == "__main__":
    main()
