"""The forest's shadow test under the global null: pure-noise tables, beside BorutaPy.

Each table is 300 rows of 100 standard-normal columns and a binary target drawn apart from them
(the noise tables of ``tests/scoring/test_significance.py``, seeds 0, 1, ...). Nothing is related
to the target, so every kept feature is a false discovery and the false discovery rate is the
share of tables that keep anything: ``fdr=0.1`` promises at most 10 %. The table gives, per
method, the tables that kept anything, the most features one table kept, the smallest p-value
seen and the mean time of a fit. BorutaPy (the ``boruta`` package, its defaults: 100 rounds,
depth-5 trees, ``alpha`` set to the same 0.1) drops the features it rejects between rounds;
GiniSelector does not (docs/user_guide/gini.rst).

    python benchmarks/bench_shadow_null.py               # 20 tables, BorutaPy beside
    python benchmarks/bench_shadow_null.py --tables 50   # more tables
    python benchmarks/bench_shadow_null.py --quick       # 2 tables, small forests, for CI
"""

import argparse
import time

import numpy as np
from _common import print_table

from skprune import GiniSelector

FDR = 0.1


def null_table(seed, n_rows=300, n_features=100):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n_rows, n_features)), rng.integers(0, 2, n_rows)


def methods(quick):
    small = dict(n_estimators=20, shadow_rounds=10) if quick else {}
    found = {
        f"skprune GiniSelector(method='forest', fdr={FDR})": lambda seed: GiniSelector(
            method="forest", fdr=FDR, random_state=seed, n_jobs=-1, **small
        )
    }
    if quick:
        print("--quick: BorutaPy's row is left out (tens of seconds per table).")
        return found
    try:
        from boruta import BorutaPy
        from sklearn.ensemble import RandomForestClassifier
    except ImportError:
        print("boruta is not installed (pip install boruta): its row is left out.")
        return found
    found[f"boruta BorutaPy(random forest, alpha={FDR})"] = lambda seed: BorutaPy(
        RandomForestClassifier(n_jobs=-1, max_depth=5, random_state=seed),
        n_estimators="auto",
        alpha=FDR,
        random_state=seed,
    )
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tables", type=int, default=20, help="pure-noise tables")
    parser.add_argument("--quick", action="store_true", help="2 tables, small forests, for CI")
    args = parser.parse_args()
    n_tables = 2 if args.quick else args.tables
    rows = []
    for name, make in methods(args.quick).items():
        kept, smallest, seconds = [], [], []
        for seed in range(n_tables):
            X, y = null_table(seed)
            selector = make(seed)
            start = time.perf_counter()
            selector.fit(X, y)
            seconds.append(time.perf_counter() - start)
            kept.append(int(np.count_nonzero(selector.support_)))  # both have support_
            if hasattr(selector, "pvalues_"):
                smallest.append(selector.pvalues_.min())
        rows.append([
            name,
            f"{sum(k > 0 for k in kept)} of {n_tables}",
            max(kept),
            f"{min(smallest):.2g}" if smallest else "-",
            f"{np.mean(seconds):.1f}",
        ])  # fmt: skip
    print(f"\n{n_tables} pure-noise tables, 300 x 100, binary y; fdr = {FDR}\n")
    headers = ["method", "tables keeping anything", "most kept", "smallest p-value", "time (s)"]
    print_table(headers, rows)


if __name__ == "__main__":
    main()
