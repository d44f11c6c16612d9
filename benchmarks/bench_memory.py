"""Grid search over the pruning rate, with and without ``memory``: are the scores computed once?

A ``GridSearchCV`` over 10 pruning rates refits the selector 10 times per fold. With ``memory``
the feature scores of a fold are computed at its first candidate and reloaded for the nine others,
so the search should cost about what scoring once per fold costs, plus the final model's fits.
The table reports, per selector, the time of one cross-validation at a single rate ("one fit per
fold"), of the search without and with ``memory`` (a fresh cache directory, so the cache starts
cold), how many times the scores were computed (every fit without memory; the results stored in
the cache with it), and the search's ratio to the single cross-validation (target: at most 2 with
memory). The search refits the best pipeline on all the data: one scoring more than the folds.
The pipeline is the selector followed by a Gaussian naive Bayes classifier, whose fit is cheap
next to the scoring. Times are CPU seconds of the process, steadier than wall time on a shared
machine.

The second table does the same for the linear pruners, searched on their own (they predict).
Their scores come out of penalised fits whose number depends on the rate: the Lasso path is walked
from the strongest penalty down until enough features are kept, so pruning_rate=0 walks it to its
end. With ``memory`` each penalised fit is stored and the walks of the other rates reload the fits
they share; the refit on the kept features is done for every candidate. The table adds one
cross-validation at pruning_rate=0 (the longest walk of the grid), the penalised fits stored in
the cache, and the search's ratio to that longest cross-validation.

    python benchmarks/bench_memory.py            # Spambase (4601 x 57), from the shared data
    python benchmarks/bench_memory.py --quick    # make_classification 1000 x 20, for CI
    python benchmarks/bench_memory.py --data path/to/spambase.npz
    python benchmarks/bench_memory.py --only pruners     # one of the two tables
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from _common import SHARED_DATA, print_table
from sklearn.base import clone
from sklearn.datasets import make_classification
from sklearn.model_selection import GridSearchCV, StratifiedKFold, cross_val_score
from sklearn.naive_bayes import GaussianNB
from sklearn.pipeline import Pipeline

from skprune import GiniSelector, LassoPruner, MutualInfoSelector, RidgePruner

RATES = np.round(np.linspace(0.0, 0.9, 10), 2)


def selectors(n_trees):
    return {
        "MutualInfoSelector()": MutualInfoSelector(),
        "MutualInfoSelector(estimator='knn')": MutualInfoSelector(estimator="knn", random_state=0),
        "GiniSelector()": GiniSelector(),
        f"GiniSelector(method='forest', n_estimators={n_trees})": GiniSelector(
            method="forest", n_estimators=n_trees, random_state=0
        ),
    }


def pruners():
    return {
        "LassoPruner()": LassoPruner(),
        "LassoPruner(refit=False)": LassoPruner(refit=False),
        "RidgePruner()": RidgePruner(),
        "RidgePruner(alpha='auto')": RidgePruner(alpha="auto"),
    }


def seconds(function):
    """CPU seconds of this process (all its threads) spent in ``function()``.

    CPU time rather than wall time: on a shared machine the wall time of the same work varies
    with the load of the others, and the comparison is between runs minutes apart.
    """
    start = time.process_time()
    function()
    return time.process_time() - start


def pipeline(selector, memory=None):
    return Pipeline(
        [("select", clone(selector).set_params(memory=memory)), ("model", GaussianNB())]
    )


def n_scorings(cache):
    """How many times the scores were computed: the results joblib stored in ``cache``."""
    return len(list(Path(cache).rglob("output.pkl")))


def run(X, y, n_trees):
    cv = StratifiedKFold(5, shuffle=True, random_state=0)
    grid = {"select__pruning_rate": RATES}
    rows = []
    for name, selector in selectors(n_trees).items():
        single = seconds(lambda selector=selector: cross_val_score(pipeline(selector), X, y, cv=cv))
        without = seconds(
            lambda selector=selector: GridSearchCV(pipeline(selector), grid, cv=cv).fit(X, y)
        )
        with tempfile.TemporaryDirectory() as cache:
            search = GridSearchCV(pipeline(selector, cache), grid, cv=cv)
            with_memory = seconds(lambda search=search: search.fit(X, y))
            computed = n_scorings(cache)
        rows.append(
            [
                name,
                f"{single:.2f}",
                f"{without:.2f}",
                f"{with_memory:.2f}",
                f"{len(RATES) * cv.get_n_splits() + 1} / {computed}",
                f"{without / single:.1f}x",
                f"{with_memory / single:.1f}x",
            ]
        )
    headers = [
        "selector",
        "one fit per fold (CPU s)",
        "search, no memory (CPU s)",
        "search, memory (CPU s)",
        "scorings, no memory / memory",
        "ratio, no memory",
        "ratio, memory",
    ]
    print_table(headers, rows)


def run_pruners(X, y):
    cv = StratifiedKFold(5, shuffle=True, random_state=0)
    grid = {"pruning_rate": RATES}
    rows = []
    for name, pruner in pruners().items():
        single = seconds(lambda pruner=pruner: cross_val_score(clone(pruner), X, y, cv=cv))
        longest = clone(pruner).set_params(pruning_rate=0.0)
        walk = seconds(lambda longest=longest: cross_val_score(longest, X, y, cv=cv))
        without = seconds(lambda pruner=pruner: GridSearchCV(clone(pruner), grid, cv=cv).fit(X, y))
        with tempfile.TemporaryDirectory() as cache:
            search = GridSearchCV(clone(pruner).set_params(memory=cache), grid, cv=cv)
            with_memory = seconds(lambda search=search: search.fit(X, y))
            computed = n_scorings(cache)
        rows.append(
            [
                name,
                f"{single:.2f}",
                f"{walk:.2f}",
                f"{without:.2f}",
                f"{with_memory:.2f}",
                computed,
                f"{without / single:.1f}x",
                f"{with_memory / single:.1f}x",
                f"{with_memory / walk:.1f}x",
            ]
        )
    headers = [
        "pruner",
        "one fit per fold (CPU s)",
        "one fit per fold, rate 0 (CPU s)",
        "search, no memory (CPU s)",
        "search, memory (CPU s)",
        "penalised fits stored",
        "ratio, no memory",
        "ratio, memory",
        "ratio, memory / rate 0",
    ]
    print_table(headers, rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small synthetic table, for CI")
    parser.add_argument(
        "--data", default=SHARED_DATA / "spambase" / "spambase.npz", help="path of spambase.npz"
    )
    parser.add_argument(
        "--only", choices=["selectors", "pruners"], help="run one of the two tables"
    )
    args = parser.parse_args()
    if args.quick:
        X, y = make_classification(n_samples=1000, n_features=20, n_informative=5, random_state=0)
        name, n_trees = "make_classification, 1000 x 20", 20
    else:
        try:
            data = np.load(args.data)
        except FileNotFoundError:
            sys.exit(f"Spambase not found at {args.data}; pass --data PATH to spambase.npz.")
        X, y = data["X"], data["y"]
        name, n_trees = "Spambase, 4601 x 57", 100
    print(f"{name}; GridSearchCV over {len(RATES)} pruning rates, 5 folds, then a refit.\n")
    if args.only != "pruners":
        run(X, y, n_trees)
        print()
    if args.only != "selectors":
        run_pruners(X, y)


if __name__ == "__main__":
    main()
