"""A tall dense table: skprune's histogram mutual information against one read of the table.

A float32 table whose first 10 columns carry a binary target (the others are noise). The fit of
``MutualInfoSelector(k=10)`` is timed against one numpy pass reading the same rows
(``X.sum(axis=0)``), the floor of anything that looks at every value, in the same run.
scikit-learn's ``mutual_info_classif`` (k-NN) runs on the first rows only, with skprune on the
same rows beside it. Peak memory is what the fit allocates (traced), relative to the size of X.

    python benchmarks/bench_tall_dense.py            # 1,000,000 x 100 (sklearn on 20,000 rows)
    python benchmarks/bench_tall_dense.py --quick    # 100,000 x 20 (sklearn on 5,000 rows), for CI
"""

import argparse

import numpy as np
from _common import best_time, measure, print_table
from sklearn.feature_selection import mutual_info_classif

from skprune import MutualInfoSelector

N_INFORMATIVE = 10


def make_table(n_rows, n_columns, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_rows, n_columns), dtype=np.float32)
    weights = np.linspace(1.0, 0.3, N_INFORMATIVE, dtype=np.float32)
    signal = X[:, :N_INFORMATIVE] @ weights + rng.standard_normal(n_rows, dtype=np.float32)
    return X, (signal > 0).astype(np.int64)


def recall(kept):
    return f"{np.isin(kept, np.arange(N_INFORMATIVE)).sum()}/{N_INFORMATIVE}"


def run(n_rows, n_columns, peer_rows, repeat):
    X, y = make_table(n_rows, n_columns)
    print(f"\n{n_rows:,} x {n_columns} float32 ({X.nbytes / 2**20:.0f} MiB), 2 classes\n")
    _, read = best_time(X.sum, axis=0, repeat=5)

    def fit(rows, **params):
        return MutualInfoSelector(k=N_INFORMATIVE, **params).fit(X[:rows], y[:rows])

    rows = [["X.sum(axis=0) (one read pass)", f"{n_rows:,}", f"{read:.3f}", "1.0x", "-", "-"]]
    scores = None
    for params in ({}, {"n_jobs": 2}):
        selector, seconds = best_time(fit, n_rows, repeat=repeat, **params)
        _, _, peak = measure(fit, n_rows, **params)
        if scores is None:
            scores = selector.scores_
        assert np.array_equal(selector.scores_, scores)  # threads change nothing
        name = f"skprune MutualInfoSelector(k={N_INFORMATIVE}{', n_jobs=2' if params else ''})"
        rows.append(
            [name, f"{n_rows:,}", f"{seconds:.3f}", f"{seconds / read:.1f}x",
             f"{peak / X.nbytes:.2f}x", recall(selector.get_support(indices=True))]
        )  # fmt: skip
    part = X[:peer_rows]
    _, read = best_time(part.sum, axis=0, repeat=5)
    rows.append(["X[:rows].sum(axis=0)", f"{peer_rows:,}", f"{read:.4f}", "1.0x", "-", "-"])
    selector, seconds = best_time(fit, peer_rows, repeat=repeat)
    rows.append(
        [f"skprune MutualInfoSelector(k={N_INFORMATIVE})", f"{peer_rows:,}", f"{seconds:.3f}",
         f"{seconds / read:.1f}x", "-", recall(selector.get_support(indices=True))]
    )  # fmt: skip
    scores, seconds = best_time(mutual_info_classif, part, y[:peer_rows], random_state=0, repeat=1)
    _, _, peak = measure(mutual_info_classif, part, y[:peer_rows], random_state=0)
    rows.append(
        ["sklearn mutual_info_classif (k-NN)", f"{peer_rows:,}", f"{seconds:.3f}",
         f"{seconds / read:.1f}x", f"{peak / part.nbytes:.2f}x of its rows",
         recall(np.argsort(-scores, kind="stable")[:N_INFORMATIVE])]
    )  # fmt: skip
    headers = ["method", "rows", "time (s)", "time / read pass", "peak memory / X", "recall"]
    print_table(headers, rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small table, for CI")
    args = parser.parse_args()
    if args.quick:
        run(100_000, 20, 5_000, repeat=1)
    else:
        run(1_000_000, 100, 20_000, repeat=3)


if __name__ == "__main__":
    main()
