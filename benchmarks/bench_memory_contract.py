"""Memory of fit on a float32 table: does any estimator copy the whole input to float64?

The question: a user with a float32 table as large as their memory allows must be able to fit a
skprune estimator on it. A float64 copy of the whole input is twice its size, so the peak memory
traced during ``fit`` (numpy reports its buffers to tracemalloc; X itself is allocated before the
trace starts) is printed as a ratio to the size of X: below 2.0, no such copy was made. Compiled
code that allocates its own memory is not traced; the peak resident memory above that before the
call (Linux only) counts it too, along with memory the allocator keeps.

    python benchmarks/bench_memory_contract.py            # 1,000,000 x 50
    python benchmarks/bench_memory_contract.py --quick    # 100,000 x 50, for CI
    python benchmarks/bench_memory_contract.py --only Pruner   # the linear pruners alone
"""

import argparse

import numpy as np
from _common import measure, peak_resident, print_table

from skprune import GiniSelector, LassoPruner, MutualInfoSelector, RidgePruner


def estimators():
    """(name, estimator, which target it is fitted on)."""
    return [
        ("MutualInfoSelector()", MutualInfoSelector(k=10), "classes"),
        (
            "MutualInfoSelector(redundancy='mrmr')",
            MutualInfoSelector(k=10, redundancy="mrmr"),
            "classes",
        ),
        ("GiniSelector()", GiniSelector(k=10), "classes"),
        ("GiniSelector(splitter='histogram')", GiniSelector(k=10, splitter="histogram"), "classes"),
        (
            "GiniSelector(method='forest', n_estimators=2)",
            GiniSelector(k=10, method="forest", n_estimators=2, random_state=0),
            "classes",
        ),
        ("LassoPruner(k=10)", LassoPruner(k=10), "values"),
        ("LassoPruner(k=10)", LassoPruner(k=10), "classes"),
        ("RidgePruner(k=10)", RidgePruner(k=10), "values"),
        ("RidgePruner(k=10)", RidgePruner(k=10), "classes"),
        ("RidgePruner(k=10, alpha='auto')", RidgePruner(k=10, alpha="auto"), "values"),
        ("RidgePruner(k=10, alpha='auto')", RidgePruner(k=10, alpha="auto"), "classes"),
    ]


def make_data(n_samples, n_features):
    rng = np.random.default_rng(0)
    X = rng.standard_normal((n_samples, n_features), dtype=np.float32)
    values = X[:, :5].sum(axis=1, dtype=np.float64) + rng.standard_normal(n_samples)
    return X, {"classes": (values > 0).astype(np.int64), "values": values}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100,000 rows (CI)")
    parser.add_argument("--only", default="", help="only the estimators whose name has this")
    args = parser.parse_args()
    n_samples, n_features = (100_000, 50) if args.quick else (1_000_000, 50)
    X, targets = make_data(n_samples, n_features)
    print(f"X: {n_samples:,} x {n_features} float32, {X.nbytes / 2**20:.0f} MiB\n")
    rows = []
    for name, estimator, target in estimators():
        if args.only not in name:
            continue
        (_, seconds, peak), resident = peak_resident(measure, estimator.fit, X, targets[target])
        ratio = peak / X.nbytes
        verdict = "yes" if ratio >= 2.0 else "no"
        resident = "n/a" if resident is None else f"{resident / X.nbytes:.2f}"
        cells = [f"{seconds:.1f}", f"{peak / 2**20:.0f}", f"{ratio:.2f}", verdict, resident]
        rows.append([name, target, *cells])
    headers = ["estimator", "y", "fit (s)", "peak (MiB)", "peak / size of X"]
    headers += ["float64-sized copy", "resident peak / size of X"]
    print_table(headers, rows)


if __name__ == "__main__":
    main()
