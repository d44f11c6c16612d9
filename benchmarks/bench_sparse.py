"""Wide sparse tables: skprune's scores against scikit-learn's chi2, side by side in one run.

A bag-of-words-like CSR table (positive values, mostly zeros) with a binary target; its first 20
columns are informative (present five times as often in one class). Every method scores or
selects the columns; the time of each is reported relative to ``sklearn.feature_selection.chi2``
(the cheapest score there is on such a table), with the recall of the informative columns among
those kept. mrmr-selection needs a dense DataFrame: it runs where one fits in 1 GiB.

    python benchmarks/bench_sparse.py            # 5,000 x 50,000 (k=20, 50); 1,000 x 2,000
    python benchmarks/bench_sparse.py --quick    # 1,000 x 1,000 (k=20, 10), for CI
"""

import argparse

import numpy as np
import pandas as pd
import scipy.sparse as sp
from _common import interleaved, print_table
from sklearn.feature_selection import chi2, mutual_info_classif

from skprune import GiniSelector, MutualInfoSelector

N_INFORMATIVE = 20
DENSE_BUDGET = 2**30  # bytes: the largest dense copy mrmr-selection is given
REFERENCE = "sklearn chi2 (reference)"
SLOW = "sklearn mutual_info_classif(discrete_features=True)"


def make_table(n_rows, n_columns, density, seed=0):
    """(X as CSR, y): noise columns at ``density``, then informative ones, first."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, n_rows)
    noise = sp.random(
        n_rows,
        n_columns - N_INFORMATIVE,
        density=density,
        format="csc",
        random_state=rng,
        data_rvs=lambda size: rng.exponential(1.0, size),
    )
    # Informative columns: present with probability 5 * density in class 0, 25 * density in 1.
    present = rng.random((n_rows, N_INFORMATIVE)) < (5 + 20 * y[:, None]) * density
    informative = sp.csc_matrix(present * rng.exponential(1.0, present.shape))
    return sp.hstack([informative, noise], format="csr"), y


def top(scores, k):
    return np.argsort(-scores, kind="stable")[:k]


def methods(n_select, n_greedy):
    """name -> function(X, y) returning the kept columns."""

    def selector(cls, k, **params):
        return lambda X, y: cls(k=k, **params).fit(X, y).get_support(indices=True)

    found = {
        REFERENCE: lambda X, y: top(chi2(X, y)[0], n_select),
        SLOW: lambda X, y: top(
            mutual_info_classif(X, y, discrete_features=True, random_state=0), n_select
        ),
        f"skprune MutualInfoSelector(k={n_select})": selector(MutualInfoSelector, n_select),
        f"skprune GiniSelector(k={n_select})": selector(GiniSelector, n_select),
        f"skprune MutualInfoSelector(k={n_greedy}, redundancy='mrmr')": selector(
            MutualInfoSelector, n_greedy, redundancy="mrmr"
        ),
        f"skprune MutualInfoSelector(k={n_greedy}, redundancy='jmi')": selector(
            MutualInfoSelector, n_greedy, redundancy="jmi"
        ),
    }
    try:
        from mrmr import mrmr_classif

        def mrmr_selection(X, y):
            if X.shape[0] * X.shape[1] * 8 > DENSE_BUDGET:
                return None
            frame = pd.DataFrame(X.toarray())
            return mrmr_classif(X=frame, y=pd.Series(y), K=n_greedy, show_progress=False)

        found[f"mrmr-selection mrmr_classif(K={n_greedy}) (dense)"] = mrmr_selection
    except ImportError:
        print("mrmr-selection is not installed: pip install mrmr-selection (skipped)")
    return found


def run(n_rows, n_columns, density, rounds, n_select=20, n_greedy=50):
    X, y = make_table(n_rows, n_columns, density)
    print(
        f"\n{n_rows:,} x {n_columns:,} CSR, {X.nnz:,} stored values "
        f"({X.nnz / (n_rows * n_columns):.2%}), 2 classes, {N_INFORMATIVE} informative\n"
    )
    every = methods(n_select, n_greedy)
    slow = {name: f for name, f in every.items() if SLOW in name or "mrmr-selection" in name}
    # The fast methods take turns, round after round; the slow peers run once.
    found = interleaved(
        {n: (lambda f=f: f(X, y)) for n, f in every.items() if n not in slow}, rounds
    )
    found |= interleaved({name: (lambda f=f: f(X, y)) for name, f in slow.items()}, 1)
    reference = found[REFERENCE][1]
    rows = []
    for name in every:
        kept, seconds = found[name]
        if kept is None:
            rows.append([name, "-", "-", f"dense X above {DENSE_BUDGET / 2**30:.0f} GiB"])
            continue
        recall = np.isin(np.asarray(kept, dtype=int), np.arange(N_INFORMATIVE)).sum()
        rows.append(
            [name, f"{seconds:.3f}", f"{seconds / reference:.1f}x", f"{recall}/{N_INFORMATIVE}"]
        )
    print_table(["method", "time (s)", "time / chi2", "informative kept"], rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small table, for CI")
    args = parser.parse_args()
    if args.quick:
        run(1_000, 1_000, 0.002, rounds=1, n_greedy=10)
    else:
        run(5_000, 50_000, 0.002, rounds=5)
        # Small enough for mrmr-selection's dense DataFrame, and for its run time.
        run(1_000, 2_000, 0.002, rounds=5, n_greedy=20)


if __name__ == "__main__":
    main()
