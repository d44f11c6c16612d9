"""Mutual information: skprune against scikit-learn and mrmr-selection, side by side.

For each table size, every method ranks the features of a 3-class ``make_classification`` whose
informative columns are known, keeps as many as there are informative ones, and reports the
time, the speed-up over scikit-learn's ``mutual_info_classif`` (its k-NN estimator), the recall of
the informative columns and the peak memory of the fit relative to the input array.

    python benchmarks/bench_mutual_info.py            # 20,000 x 40 and 100,000 x 100
    python benchmarks/bench_mutual_info.py --quick    # small sizes, for CI
"""

import argparse

import numpy as np
import pandas as pd
from _common import best_time, measure, print_table
from sklearn.datasets import make_classification
from sklearn.feature_selection import mutual_info_classif

from skprune import MutualInfoSelector


def make_data(n_samples, n_features, n_informative):
    return make_classification(
        n_samples=n_samples,
        n_features=n_features,
        n_informative=n_informative,
        n_redundant=0,
        n_classes=3,
        shuffle=False,
        random_state=0,
    )


def top_k(scores, k):
    return set(np.argsort(-scores, kind="stable")[:k].tolist())


def methods(k):
    """name -> function(X, y) returning the set of kept columns."""

    def skprune_selector(**params):
        def run(X, y):
            return set(MutualInfoSelector(k=k, **params).fit(X, y).get_support(indices=True))

        return run

    def sklearn_knn(X, y):
        return top_k(mutual_info_classif(X, y, random_state=0), k)

    found = {
        "sklearn mutual_info_classif (k-NN)": sklearn_knn,
        "skprune histogram (default)": skprune_selector(),
        "skprune knn": skprune_selector(estimator="knn", random_state=0),
        "skprune mrmr (histogram)": skprune_selector(redundancy="mrmr"),
    }
    try:
        from mrmr import mrmr_classif

        def mrmr_selection(X, y):
            frame = pd.DataFrame(X)
            kept = mrmr_classif(X=frame, y=pd.Series(y), K=k, show_progress=False)
            return set(int(c) for c in kept)

        found["mrmr-selection mrmr_classif (F-test/corr)"] = mrmr_selection
    except ImportError:
        print("mrmr-selection is not installed: pip install mrmr-selection (skipped)")
    return found


def run(sizes, repeat):
    for n_samples, n_features, n_informative in sizes:
        X, y = make_data(n_samples, n_features, n_informative)
        informative = set(range(n_informative))
        print(f"\n{n_samples:,} x {n_features} ({n_informative} informative, 3 classes)\n")
        rows, reference = [], None
        for name, function in methods(n_informative).items():
            kept, _, peak = measure(function, X, y)
            # sklearn's k-NN runs once: it takes long enough to time on its own.
            slow = "k-NN" in name or "knn" in name
            _, seconds = best_time(function, X, y, repeat=1 if slow else repeat)
            reference = seconds if reference is None else reference
            rows.append(
                [
                    name,
                    f"{seconds:.3f}",
                    f"{reference / seconds:.1f}x",
                    f"{len(kept & informative)}/{n_informative}",
                    f"{peak / X.nbytes:.2f}x",
                ]
            )
        headers = ["method", "time (s)", "speed-up vs sklearn", "recall", "peak memory / X"]
        print_table(headers, rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for CI")
    args = parser.parse_args()
    if args.quick:
        run([(2_000, 20, 5)], repeat=1)
    else:
        run([(20_000, 40, 10), (100_000, 100, 10)], repeat=5)


if __name__ == "__main__":
    main()
