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
from _common import best_time, interleaved, measure, print_table
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


def run(n_rows, n_columns, peer_rows, rounds):
    X, y = make_table(n_rows, n_columns)
    print(f"\n{n_rows:,} x {n_columns} float32 ({X.nbytes / 2**20:.0f} MiB), 2 classes\n")

    def fit(rows, **params):
        return lambda: MutualInfoSelector(k=N_INFORMATIVE, **params).fit(X[:rows], y[:rows])

    selector = f"skprune MutualInfoSelector(k={N_INFORMATIVE})"
    # label -> (rows, the function, its fit parameters or None for a read pass)
    cases = {
        "X.sum(axis=0) (one read pass)": (n_rows, lambda: X.sum(axis=0), None),
        selector: (n_rows, fit(n_rows), {}),
        f"{selector[:-1]}, n_jobs=2)": (n_rows, fit(n_rows, n_jobs=2), {"n_jobs": 2}),
        "X[:rows].sum(axis=0) (one read pass)": (
            peer_rows,
            lambda: X[:peer_rows].sum(axis=0),
            None,
        ),
        f"{selector} ": (peer_rows, fit(peer_rows), {}),
    }
    found = interleaved({label: case[1] for label, case in cases.items()}, rounds)
    read = {rows: found[label][1] for label, (rows, _, params) in cases.items() if params is None}
    table, scores = [], None
    for label, (rows, _, params) in cases.items():
        result, seconds = found[label]
        peak = kept = "-"
        if params is not None:
            kept = recall(result.get_support(indices=True))
            if rows == n_rows:
                peak = f"{measure(fit(rows, **params))[2] / X.nbytes:.2f}x"
                scores = result.scores_ if scores is None else scores
                assert np.array_equal(result.scores_, scores)  # threads change nothing
        table.append(
            [
                label.strip(),
                f"{rows:,}",
                f"{seconds:.4f}",
                f"{seconds / read[rows]:.1f}x",
                peak,
                kept,
            ]
        )
    part = X[:peer_rows]
    scores, seconds = best_time(mutual_info_classif, part, y[:peer_rows], random_state=0, repeat=1)
    _, _, peak = measure(mutual_info_classif, part, y[:peer_rows], random_state=0)
    table.append(
        ["sklearn mutual_info_classif (k-NN)", f"{peer_rows:,}", f"{seconds:.3f}",
         f"{seconds / read[peer_rows]:.1f}x", f"{peak / part.nbytes:.2f}x of its rows",
         recall(np.argsort(-scores, kind="stable")[:N_INFORMATIVE])]
    )  # fmt: skip
    headers = ["method", "rows", "time (s)", "time / read pass", "peak memory / X", "recall"]
    print_table(headers, table)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small table, for CI")
    args = parser.parse_args()
    if args.quick:
        run(100_000, 20, 5_000, rounds=2)
    else:
        run(1_000_000, 100, 20_000, rounds=5)


if __name__ == "__main__":
    main()
