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
    python benchmarks/bench_memory_contract.py --dtype float64 # a float64 table of that shape

A second table sets one L1 fit of ``LassoPruner`` (at the ``alpha`` its walk chose for k=10)
beside what a scikit-learn user would fit for the same selection on the same table:
``make_pipeline(StandardScaler(), SelectFromModel(Lasso or L1 LogisticRegression))`` at the
same penalty (liblinear for two classes, saga for three), with the ratios of their time and
peaks (``--no-peers``: skip it).
"""

import argparse
from multiprocessing import get_context

import numpy as np
from _common import measure, peak_resident, print_table
from sklearn.feature_selection import SelectFromModel
from sklearn.linear_model import Lasso
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from skprune import GiniSelector, LassoPruner, MutualInfoSelector, RidgePruner
from skprune._core._compat import l1_logistic


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
        ("LassoPruner(k=10)", LassoPruner(k=10), "3 classes"),
        ("RidgePruner(k=10)", RidgePruner(k=10), "values"),
        ("RidgePruner(k=10)", RidgePruner(k=10), "classes"),
        ("RidgePruner(k=10, alpha='auto')", RidgePruner(k=10, alpha="auto"), "values"),
        ("RidgePruner(k=10, alpha='auto')", RidgePruner(k=10, alpha="auto"), "classes"),
    ]


def make_data(n_samples, n_features, dtype=np.float32):
    rng = np.random.default_rng(0)
    X = rng.standard_normal((n_samples, n_features), dtype=dtype)
    values = X[:, :5].sum(axis=1, dtype=np.float64) + rng.standard_normal(n_samples)
    targets = {"classes": (values > 0).astype(np.int64), "values": values}
    return X, {**targets, "3 classes": np.digitize(values, [-1.0, 1.0])}


def peers(alpha, target, n_samples):
    """(skprune, scikit-learn) fits of the same L1 selection at Lasso's ``alpha``."""
    pruner = LassoPruner(k=10, alpha=alpha, refit=False)
    if target == "values":
        model = Lasso(alpha=alpha)
    else:  # C in LogisticRegression's units; liblinear for two classes, saga (multinomial) beyond
        solver = "liblinear" if target == "classes" else "saga"
        C = 1.0 / (alpha * n_samples)
        model = l1_logistic(solver=solver, C=C, random_state=0)
    selector = SelectFromModel(model, max_features=10, threshold=-np.inf)
    return pruner, make_pipeline(StandardScaler(), selector)


def fit_in_fresh_process(estimator, target, table):
    """``(seconds, traced peak, resident peak or None, fitted estimator)`` of one fit.

    ``table`` is ``(n_samples, n_features, dtype)``, what ``make_data`` takes. The peaks are
    ratios to the size of X. The fit runs in a process of its own on the table made again there:
    memory an earlier fit freed but the allocator kept would otherwise hide a later fit's
    resident peak.
    """
    with get_context("spawn").Pool(1) as pool:
        return pool.apply(_measured_fit, (estimator, target, table))


def _measured_fit(estimator, target, table):
    X, targets = make_data(*table)
    (_, seconds, peak), resident = peak_resident(measure, estimator.fit, X, targets[target])
    return seconds, peak / X.nbytes, None if resident is None else resident / X.nbytes, estimator


def ratio(ours, theirs):
    """How many times ours ``theirs`` is; n/a where either is unknown or ours is nothing."""
    return "n/a" if ours is None or theirs is None or ours <= 0 else f"{theirs / ours:.1f}x"


def peer_rows(alphas, table):
    """Rows of the side-by-side table: one L1 fit each, skprune then scikit-learn."""
    rows = []
    for target, alpha in alphas.items():
        fits = [fit_in_fresh_process(e, target, table)[:3] for e in peers(alpha, target, table[0])]
        names = ("skprune", "scikit-learn")
        for name, (seconds, traced, resident) in zip(names, fits, strict=True):
            resident = "n/a" if resident is None else f"{resident:.2f}"
            rows.append([name, target, f"{seconds:.1f}", f"{traced:.2f}", resident])
        ratios = [ratio(ours, theirs) for ours, theirs in zip(*fits, strict=True)]
        rows.append(["scikit-learn / skprune", target, *ratios])
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100,000 rows (CI)")
    parser.add_argument("--only", default="", help="only the estimators whose name has this")
    parser.add_argument("--no-peers", action="store_true", help="skip the side-by-side table")
    parser.add_argument("--dtype", choices=["float32", "float64"], default="float32")
    args = parser.parse_args()
    n_samples, n_features = (100_000, 50) if args.quick else (1_000_000, 50)
    table = (n_samples, n_features, args.dtype)
    size = n_samples * n_features * np.dtype(args.dtype).itemsize
    print(f"X: {n_samples:,} x {n_features} {args.dtype}, {size / 2**20:.0f} MiB\n")
    rows = []
    alphas = {}  # the L1 penalty LassoPruner(k=10) chose, per target
    for name, estimator, target in estimators():
        if args.only not in name:
            continue
        seconds, peak, resident, fitted = fit_in_fresh_process(estimator, target, table)
        if isinstance(fitted, LassoPruner):
            alphas[target] = fitted.alpha_
        # A float64 copy of the whole input is 2x a float32 X, 1x a float64 one.
        verdict = "yes" if peak >= 8 / np.dtype(args.dtype).itemsize else "no"
        resident = "n/a" if resident is None else f"{resident:.2f}"
        cells = [f"{seconds:.1f}", f"{peak * size / 2**20:.0f}", f"{peak:.2f}", verdict, resident]
        rows.append([name, target, *cells])
    headers = ["estimator", "y", "fit (s)", "peak (MiB)", "peak / size of X"]
    headers += ["float64-sized copy", "resident peak / size of X"]
    print_table(headers, rows)
    if alphas and not args.no_peers:
        print("\nOne L1 fit at the alpha LassoPruner(k=10) chose, skprune beside scikit-learn:\n")
        headers = ["fit", "y", "fit (s)", "peak / size of X", "resident peak / size of X"]
        print_table(headers, peer_rows(alphas, table))


if __name__ == "__main__":
    main()
