"""How fast do LassoPruner and RidgePruner reach exactly k features, and what do they keep?

Compared with what a scikit-learn user would write: ``SelectFromModel`` over a cross-validated
model (``LassoCV(cv=5)`` / ``LogisticRegressionCV(cv=5)``), and a bisection on the penalty with
``SelectFromModel`` until exactly k weights are non-zero. Reported: time (best of ``--repeat``),
its ratio to ``LassoPruner``, recall of the informative columns, the held-out score of a plain
unpenalised model on the kept columns, and the held-out score of the pruner's own pruned model
(with and without ``refit``). A last table gives held-out accuracy against the pruning rate on
Spambase.

    python benchmarks/bench_linear.py            # 20,000 x 200, about 5 minutes on 2 cores
    python benchmarks/bench_linear.py --quick    # small sizes, for CI
"""

import argparse
import warnings
from pathlib import Path

import numpy as np
from _common import SHARED_DATA, best_time
from sklearn.datasets import make_classification, make_regression
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_selection import SelectFromModel
from sklearn.linear_model import (
    Lasso,
    LassoCV,
    LinearRegression,
    LogisticRegression,
    LogisticRegressionCV,
)
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from skprune import LassoPruner, RidgePruner
from skprune._core._compat import SKLEARN_VERSION, l1_logistic

DEFAULT_DATA = SHARED_DATA / "spambase" / "spambase.npz"


def bisect_penalty(make_selector, X, y, k, low, high, steps=40):
    """Bisect a penalty (log scale) until the selector keeps exactly k features.

    ``make_selector(penalty)`` returns an unfitted ``SelectFromModel``; a larger penalty keeps
    fewer features. Falls back to the closest count above k, cut by ``max_features``.
    """
    best = None
    for _ in range(steps):
        middle = np.sqrt(low * high)
        selector = make_selector(middle).fit(X, y)
        kept = selector.get_support().sum()
        if kept == k:
            return selector
        if kept > k:
            best, low = middle, middle
        else:
            high = middle
    return make_selector(best if best is not None else low).set_params(max_features=k).fit(X, y)


def regression_rows(X, y, X_test, y_test, k, repeat):
    scaler = StandardScaler().fit(X)
    Xs = scaler.transform(X)
    alpha_high = np.abs(Xs.T @ (y - y.mean())).max() / len(y)

    def lasso_cv():
        model = LassoCV(cv=5, n_jobs=1)
        return SelectFromModel(model, max_features=k, threshold=-np.inf).fit(Xs, y)

    def bisection():
        return bisect_penalty(
            lambda a: SelectFromModel(Lasso(alpha=a)), Xs, y, k, alpha_high * 1e-4, alpha_high
        )

    methods = {
        "LassoPruner(k)": lambda: LassoPruner(k=k).fit(X, y),
        "LassoPruner(k, refit=False)": lambda: LassoPruner(k=k, refit=False).fit(X, y),
        "RidgePruner(k)": lambda: RidgePruner(k=k).fit(X, y),
        "RidgePruner(k, refit=False)": lambda: RidgePruner(k=k, refit=False).fit(X, y),
        "SelectFromModel(LassoCV(cv=5))": lasso_cv,
        "bisection on alpha, Lasso": bisection,
    }
    return _rows(methods, X, y, X_test, y_test, k, repeat, LinearRegression)


def classification_rows(X, y, X_test, y_test, k, repeat):
    scaler = StandardScaler().fit(X)
    Xs = scaler.transform(X)
    # scikit-learn < 1.8 takes the L1 penalty as penalty="l1"; 1.8 deprecates it for l1_ratio.
    l1_cv = dict(penalty="l1") if SKLEARN_VERSION < (1, 8) else dict(l1_ratios=(1.0,))

    def logistic_cv():
        model = LogisticRegressionCV(cv=5, solver="liblinear", Cs=10, **l1_cv)
        return SelectFromModel(model, max_features=k, threshold=-np.inf).fit(Xs, y)

    def bisection():
        return bisect_penalty(
            lambda c: SelectFromModel(l1_logistic(C=1.0 / c, solver="liblinear")),
            Xs,
            y,
            k,
            1e-3,
            1e5,
        )

    methods = {
        "LassoPruner(k)": lambda: LassoPruner(k=k).fit(X, y),
        "LassoPruner(k, refit=False)": lambda: LassoPruner(k=k, refit=False).fit(X, y),
        "RidgePruner(k)": lambda: RidgePruner(k=k).fit(X, y),
        "RidgePruner(k, refit=False)": lambda: RidgePruner(k=k, refit=False).fit(X, y),
        "SelectFromModel(LogisticRegressionCV(cv=5))": logistic_cv,
        "bisection on C, L1 LogisticRegression": bisection,
    }
    return _rows(methods, X, y, X_test, y_test, k, repeat, LogisticRegression)


def _rows(methods, X, y, X_test, y_test, k, repeat, Plain):
    rows, reference = [], None
    for name, fit in methods.items():
        selector, seconds = best_time(fit, repeat=repeat)
        reference = reference or seconds
        support = selector.get_support()
        plain = Plain().fit(X[:, support], y).score(X_test[:, support], y_test)
        own = selector.score(X_test, y_test) if hasattr(selector, "coef_") else np.nan
        recall = np.isin(np.flatnonzero(support), np.arange(k)).sum()
        rows.append((name, seconds, seconds / reference, support.sum(), recall, plain, own))
    return rows


def print_table(title, rows, k, score):
    print(f"\n{title}")
    header = (
        f"{'method':46} {'time s':>8} {'ratio':>7} {'kept':>5} {'recall':>7} "
        f"{'plain ' + score:>12} {'own ' + score:>10}"
    )
    print(header)
    print("-" * len(header))
    for name, seconds, ratio, kept, recall, plain, own in rows:
        own_text = "-" if np.isnan(own) else f"{own:.4f}"
        print(
            f"{name:46} {seconds:8.2f} {ratio:7.2f} {kept:5d} {f'{recall}/{k}':>7} "
            f"{plain:12.4f} {own_text:>10}"
        )


def spambase_table(path, rates):
    if not path.exists():
        print(f"\nSpambase: {path} not found; skipping that part (pass --data).")
        return
    data = np.load(path)
    X_train, X_test, y_train, y_test = train_test_split(
        data["X"], data["y"], test_size=0.3, stratify=data["y"], random_state=0
    )
    print(
        f"\nSpambase ({path.name}, {X_train.shape[0]} train / {X_test.shape[0]} test rows, "
        f"{X_train.shape[1]} columns): held-out accuracy of the pruned model"
    )
    pruners = {
        "Lasso refit": lambda r: LassoPruner(r, refit=True),
        "Lasso no refit": lambda r: LassoPruner(r, refit=False),
        "Ridge refit": lambda r: RidgePruner(r, refit=True),
        "Ridge no refit": lambda r: RidgePruner(r, refit=False),
    }
    header = f"{'pruning_rate':>12} {'kept':>5} " + " ".join(f"{n:>15}" for n in pruners)
    print(header)
    print("-" * len(header))
    for rate in rates:
        scores = [
            make(rate).fit(X_train, y_train).score(X_test, y_test) for make in pruners.values()
        ]
        kept = X_train.shape[1] - int(np.floor(rate * X_train.shape[1]))
        print(f"{rate:12.2f} {kept:5d} " + " ".join(f"{s:15.4f}" for s in scores))
    full = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000))
    accuracy = full.fit(X_train, y_train).score(X_test, y_test)
    print(f"(reference: LogisticRegression on all {X_train.shape[1]} columns: {accuracy:.4f})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for CI")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="spambase.npz")
    parser.add_argument("--repeat", type=int, default=None, help="timing runs (best is kept)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    n_samples, n_features, k = (2_000, 50, 10) if args.quick else (20_000, 200, 10)
    repeat = args.repeat or (1 if args.quick else 3)
    warnings.simplefilter("ignore", ConvergenceWarning)
    warnings.simplefilter("ignore", FutureWarning)

    X, y = make_regression(
        n_samples=n_samples * 5 // 4,
        n_features=n_features,
        n_informative=k,
        noise=10.0,
        shuffle=False,
        random_state=args.seed,
    )
    X = X * np.logspace(-2, 2, n_features)  # column scales from 0.01 to 100
    X, X_test, y, y_test = train_test_split(X, y, train_size=n_samples, random_state=args.seed)
    rows = regression_rows(X, y, X_test, y_test, k, repeat)
    print_table(
        f"Regression: {n_samples:,} x {n_features}, {k} informative columns, scales 0.01..100 "
        f"(time: best of {repeat}; ratio to LassoPruner(k); R^2 on {len(y_test):,} held-out rows)",
        rows,
        k,
        "R^2",
    )

    X, y = make_classification(
        n_samples=n_samples * 5 // 4,
        n_features=n_features,
        n_informative=k,
        n_redundant=0,
        flip_y=0.05,
        shuffle=False,
        random_state=args.seed,
    )
    X, X_test, y, y_test = train_test_split(X, y, train_size=n_samples, random_state=args.seed)
    rows = classification_rows(X, y, X_test, y_test, k, repeat)
    print_table(
        f"Classification (2 classes): {n_samples:,} x {n_features}, {k} informative columns "
        f"(accuracy on {len(y_test):,} held-out rows)",
        rows,
        k,
        "acc",
    )

    rates = [0.5, 0.9] if args.quick else [0.0, 0.25, 0.5, 0.75, 0.85, 0.9, 0.95]
    spambase_table(args.data, rates)


if __name__ == "__main__":
    main()
