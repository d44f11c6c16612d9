"""How many features to keep, without a grid: selection at a false discovery rate and by
stability, against the best k of a grid search, SelectFdr(f_classif) and Boruta.

For each data set the table gives the features each method keeps, the relevant ones found
(Madelon, where they are known), the accuracy of a linear SVM on the kept columns and the
selection time. ASU text sets (BASEHOCK, PCMAC, RELATHE) follow the repository's protocol:
random 50/50 splits, selection and SVM on one half, accuracy on the other. Madelon: train on its
training part, accuracy on its validation part. "best k" is what a 5-fold grid search over
k in 5, 10, 20, 50, 100, 200 (MutualInfoSelector + linear SVM) picks: the count a user would
otherwise tune. The data is read from the shared data folder, never copied into the repository.

    python benchmarks/bench_how_many.py                 # 5 splits, Boruta included
    python benchmarks/bench_how_many.py --splits 2      # 2 splits
    python benchmarks/bench_how_many.py --quick         # 1 split, RELATHE and Madelon, fewer
                                                        # fits and no Boruta, for CI
    python benchmarks/bench_how_many.py --sets Madelon  # some of the data sets only
    python benchmarks/bench_how_many.py --data DIR      # the folder holding skfeature/, madelon/
"""

import argparse
import sys
import time
import warnings
from pathlib import Path

import numpy as np
from _common import SHARED_DATA, print_table
from sklearn.feature_selection import SelectFdr, f_classif
from sklearn.model_selection import GridSearchCV, train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import LinearSVC

from skprune import GiniSelector, LassoPruner, MutualInfoSelector, StabilitySelector

GRID_K = [5, 10, 20, 50, 100, 200]
ASU_SETS = ["BASEHOCK", "PCMAC", "RELATHE"]
# Boruta's default is 100 rounds; 30 keeps a run of the three text sets within the hour on 2 cores
# (features still tentative after the last round count as rejected).
BORUTA_ITERATIONS = 30
# --quick: a smaller shadow test. 0.5 ** 10 still passes Benjamini-Hochberg at 0.05 for 20 of
# Madelon's 500 columns; fewer trees than 50 leave too noisy importances to find any.
QUICK_FOREST = dict(n_estimators=50, shadow_rounds=10)


def methods(quick, data_name):
    small = QUICK_FOREST if quick else {}
    found = {
        "skprune MutualInfoSelector(fdr=0.05)": lambda: MutualInfoSelector(fdr=0.05),
        "skprune GiniSelector(fdr=0.05)": lambda: GiniSelector(fdr=0.05, random_state=0),
        "skprune GiniSelector(method='forest', fdr=0.05)": lambda: GiniSelector(
            method="forest", fdr=0.05, random_state=0, n_jobs=-1, **small
        ),
        "skprune StabilitySelector(LassoPruner)": lambda: StabilitySelector(
            LassoPruner(task="classification"), n_pairs=3 if quick else 25, random_state=0
        ),
        "sklearn SelectFdr(f_classif, alpha=0.05)": lambda: SelectFdr(f_classif, alpha=0.05),
        "best k of a grid search (MI + SVM)": lambda: GridSearchedK(cv=3 if quick else 5),
    }
    if data_name == "Madelon" and not quick:
        # Feature 455 is weak for a forest trying sqrt(n_features) columns per split.
        found["skprune GiniSelector(method='forest', fdr=0.05, max_features=0.1)"] = lambda: (
            GiniSelector(method="forest", fdr=0.05, max_features=0.1, random_state=0, n_jobs=-1)
        )
    if quick:
        print("--quick: Boruta's rows are left out (a minute or more per fit).")
        return found
    try:
        from boruta import BorutaPy
        from sklearn.ensemble import RandomForestClassifier

        forest = RandomForestClassifier(n_jobs=-1, max_depth=5, random_state=0)
        found["boruta BorutaPy(random forest)"] = lambda: BorutaPy(
            forest, n_estimators="auto", max_iter=BORUTA_ITERATIONS, random_state=0
        )
    except ImportError:
        print("boruta is not installed (pip install boruta): its rows are left out.")
    return found


class GridSearchedK:
    """The MutualInfoSelector of the best k by a grid search with a linear SVM."""

    def __init__(self, cv):
        self.cv = cv

    def fit(self, X, y):
        pipe = make_pipeline(MutualInfoSelector(), StandardScaler(), LinearSVC())
        grid = {"mutualinfoselector__k": [k for k in GRID_K if k < X.shape[1]]}
        self.search_ = GridSearchCV(pipe, grid, cv=self.cv, n_jobs=-1).fit(X, y)
        return self

    def get_support(self, indices=False):
        return self.search_.best_estimator_[0].get_support(indices=indices)


def kept_columns(selector):
    if hasattr(selector, "support_") and not hasattr(selector, "get_support"):
        return np.flatnonzero(selector.support_)  # BorutaPy
    return selector.get_support(indices=True)


def svm_accuracy(kept, X_train, y_train, X_test, y_test):
    if len(kept) == 0:
        return np.mean(y_test == np.bincount(y_train).argmax())
    model = make_pipeline(StandardScaler(), LinearSVC()).fit(X_train[:, kept], y_train)
    return model.score(X_test[:, kept], y_test)


def evaluate(name, make, splits, relevant=None):
    kept_counts, found, accuracies, seconds = [], [], [], []
    for X_train, y_train, X_test, y_test in splits:
        selector = make()
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # solvers' convergence notes on word counts
            selector.fit(X_train, y_train)
        seconds.append(time.perf_counter() - start)
        kept = kept_columns(selector)
        kept_counts.append(len(kept))
        if relevant is not None:
            found.append(len(relevant & set(kept.tolist())))
        accuracies.append(svm_accuracy(kept, X_train, y_train, X_test, y_test))
    return [
        name,
        f"{np.mean(kept_counts):.0f}" + (f" ({min(kept_counts)}-{max(kept_counts)})"
                                         if len(splits) > 1 else ""),
        f"{np.mean(found):.0f}/{len(relevant)}" if relevant is not None else "-",
        f"{np.mean(accuracies):.3f}",
        f"{np.mean(seconds):.2f}",
    ]  # fmt: skip


def asu_splits(path, n_splits):
    data = np.load(path)
    X, y = data["X"].astype(np.float64), data["y"].astype(np.int64)
    splits = []
    for seed in range(n_splits):
        X_a, X_b, y_a, y_b = train_test_split(X, y, test_size=0.5, random_state=seed, stratify=y)
        splits.append((X_a, y_a, X_b, y_b))
    return splits


def madelon_split(path):
    data = np.load(path)
    to_01 = lambda labels: (labels > 0).astype(np.int64)  # noqa: E731
    split = (data["X_train"].astype(np.float64), to_01(data["y_train"]),
             data["X_valid"].astype(np.float64), to_01(data["y_valid"]))  # fmt: skip
    return [split], set(data["relevant_features_derived"].tolist())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=SHARED_DATA, help="folder with skfeature/, madelon/")
    parser.add_argument("--quick", action="store_true", help="1 split, two data sets, for CI")
    parser.add_argument("--splits", type=int, default=5, help="random 50/50 splits (ASU sets)")
    parser.add_argument("--sets", nargs="+", choices=[*ASU_SETS, "Madelon"], help="data sets")
    args = parser.parse_args()
    folder = Path(args.data)
    sets = ["RELATHE"] if args.quick else ASU_SETS
    chosen_sets = args.sets or [*sets, "Madelon"]
    sets = [name for name in sets if name in chosen_sets]
    n_splits = 1 if args.quick else args.splits
    if not (folder / "madelon" / "madelon.npz").exists():
        print(f"data not found under {folder}; pass --data DIR (with skfeature/ and madelon/).")
        sys.exit(0 if args.quick else 1)
    runs = [(name, *([asu_splits(folder / "skfeature" / f"{name}.npz", n_splits)] + [None]))
            for name in sets]  # fmt: skip
    if "Madelon" in chosen_sets:
        runs.append(("Madelon", *madelon_split(folder / "madelon" / "madelon.npz")))
    headers = ["method", "features kept", "relevant found", "linear SVM accuracy", "time (s)"]
    for name, splits, relevant in runs:
        X = splits[0][0]
        print(f"\n{name}: {X.shape[0]} x {X.shape[1]} selection rows, {len(splits)} split(s)\n")
        chosen = methods(args.quick, name) | {"(every feature)": EveryFeature}
        rows = [evaluate(label, make, splits, relevant) for label, make in chosen.items()]
        print_table(headers, rows)


class EveryFeature:
    """No selection: the reference accuracy."""

    def fit(self, X, y):
        self.n_features_ = X.shape[1]
        return self

    def get_support(self, indices=False):
        return np.arange(self.n_features_)


if __name__ == "__main__":
    main()
