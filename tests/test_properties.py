"""Properties every skprune estimator keeps on whatever table it is given (hypothesis).

Run longer with ``HYPOTHESIS_PROFILE=long`` (see ``conftest.py``).
"""

import copy
import pickle
import re
import warnings
from concurrent.futures import ThreadPoolExecutor
from unittest import mock

import numpy as np
import pandas as pd
import pytest
from estimators import property_instances
from hypothesis import assume, given
from hypothesis import strategies as st
from sklearn.base import clone
from sklearn.exceptions import ConvergenceWarning
from strategies import (
    FLOAT_KINDS,
    NUMPY_KINDS,
    PATTERNS,
    SCORABLE_KINDS,
    TARGET_KINDS,
    problems,
)

from skprune import LassoPruner, RidgePruner
from skprune._core._compat import SKLEARN_VERSION
from skprune._linear import _base as _linear_base

ESTIMATORS = property_instances()
LINEAR = {name for name, estimator in ESTIMATORS.items() if isinstance(estimator, LassoPruner)}
LINEAR |= {name for name, estimator in ESTIMATORS.items() if isinstance(estimator, RidgePruner)}
# Rank-based scores: the same after a strictly increasing transform of a column.
RANK_BASED = ["mi-histogram", "mi-mrmr", "gini-split", "gini-histogram"]

# Every refusal names its fault: a column, y, X's shape, or what the estimator needs.
FAULTS = re.compile(
    r"column 'x?c?\d+'|column\(s\) 'c\d+'|\by\b|X is empty|n_samples=|needs at least|"
    r"\d+ (sample|feature)\(s\)",
    re.IGNORECASE,
)

VALID_TARGETS = tuple(kind for kind in TARGET_KINDS if kind != "one_class")
MODERATE = tuple(pattern for pattern in PATTERNS if pattern != "huge")
# Estimators that sum squares of a regression target refuse one near 1e300.
SQUARED_TARGETS = tuple(kind for kind in VALID_TARGETS if kind != "huge")


# StabilitySelector's contract is its estimator's on each half: at least 4 rows, and (halves
# being split class by class) two classes of two rows or more for a class target.
STABILITY_INNER = {"stability-mi": "mi-histogram", "stability-lasso": "lasso"}


def halves_fit(problem):
    table, y = problem
    y = np.asarray(y)
    if table.shape[0] < 4:
        return False
    if y.dtype.kind == "f":
        return True
    return (np.unique(y, return_counts=True)[1] >= 2).sum() >= 2


def accepted(name):
    """Problems inside an estimator's contract: it must fit every one of them."""
    if name in STABILITY_INNER:
        return accepted(STABILITY_INNER[name]).filter(halves_fit)
    if name in LINEAR:
        kinds = NUMPY_KINDS + ("Int64", "Float64")
        return problems(kinds=kinds, nan=False, target_kinds=SQUARED_TARGETS)
    if name == "mlp":  # a classifier network: numbers in, class labels out
        classes = tuple(kind for kind in SQUARED_TARGETS if kind not in ("regression",))
        return problems(kinds=NUMPY_KINDS, nan=False, patterns=MODERATE, target_kinds=classes)
    if name.startswith("gini"):
        # scikit-learn's trees work in float32: the forest refuses values beyond its range.
        patterns = MODERATE if name == "gini-forest" else PATTERNS
        return problems(kinds=SCORABLE_KINDS, patterns=patterns, target_kinds=SQUARED_TARGETS)
    return problems(kinds=SCORABLE_KINDS, target_kinds=VALID_TARGETS)


MANY_CLASSES = (UserWarning, "The number of unique classes is greater than 50%")


def allowed_warnings(name):
    """Warnings an estimator may pass on; every other one fails the test.

    - The L1 path's solvers (liblinear, SAGA) may stop at their iteration limit on degenerate
      tables (duplicated columns, 2 rows): the weights are still a usable path point, and
      scikit-learn's own ConvergenceWarning is what a user of LogisticRegression would see.
    - The forest and the L1-logistic model pass on scikit-learn's warning that a class target
      with more classes than half the rows may be a regression target: true of the data, and
      named after y. On scikit-learn 1.7 alone ``type_of_target`` itself gives that warning, so
      every estimator passes it on (1.8 moved it into the classifiers' ``fit``).
    """
    allowed = [MANY_CLASSES] if SKLEARN_VERSION == (1, 7) else []
    if name.startswith(("lasso", "stability-lasso")):
        return [(ConvergenceWarning, ""), MANY_CLASSES]
    if name == "gini-forest":
        return [MANY_CLASSES]
    if name == "ridge-auto" and SKLEARN_VERSION < (1, 9):
        # Before scikit-learn 1.9, RidgeCV's leave-one-out errors divide 0 by 0 on a table of
        # two rows, warning as RidgeClassifierCV warns its own users; 1.9 does not.
        return [*allowed, (RuntimeWarning, "invalid value encountered in divide")]
    if name == "mlp":
        # The network's own optimiser, stopped at max_iter on purpose; and MLPPruner's
        # documented warning when the rule would empty a layer of a tiny network.
        return [
            *allowed,
            (ConvergenceWarning, ""),
            (UserWarning, "The selection would remove every"),
        ]
    return allowed


def fit(name, X, y, **params):
    """Fit a fresh ``ESTIMATORS[name]``, every warning but the allowed ones an error."""
    estimator = clone(ESTIMATORS[name]).set_params(**params)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for category, message in allowed_warnings(name):
            warnings.filterwarnings("ignore", message=message, category=category)
        return estimator.fit(X, y)


def kept_columns(X, support):
    if isinstance(X, pd.DataFrame):
        return X.loc[:, support]
    return X[:, support]


def assert_same(a, b):
    """Equal tables (NaN equal to NaN), with equal dtypes."""
    if isinstance(a, pd.DataFrame):
        pd.testing.assert_frame_equal(a, b)
    elif isinstance(a, pd.Series):
        pd.testing.assert_series_equal(a, b)
    else:
        assert a.dtype == b.dtype
        np.testing.assert_array_equal(a, b)


def outputs(estimator, X):
    """What a fitted estimator gives back for X: its transform and, if any, its predictions."""
    out = {"transform": estimator.transform(X)}
    for method in ("predict", "predict_proba", "decision_function"):
        if hasattr(estimator, method):
            out[method] = getattr(estimator, method)(X)
    return out


def assert_same_fit(a, b):
    """The same selection, scores and (for MLPPruner) network weights, to the last bit."""
    np.testing.assert_array_equal(a.support_, b.support_)
    if hasattr(a, "scores_"):
        np.testing.assert_array_equal(a.scores_, b.scores_)
    networks = [getattr(getattr(f, "estimator_", None), "coefs_", []) for f in (a, b)]
    for coef_a, coef_b in zip(*networks, strict=True):
        np.testing.assert_array_equal(coef_a, coef_b)


def assert_same_outputs(a, b):
    assert a.keys() == b.keys()
    for key in a:
        assert_same(a[key], b[key])


names = pytest.mark.parametrize("name", list(ESTIMATORS))


@names
@given(problem=problems())
def test_fits_or_refuses_naming_the_fault(name, problem):
    table, y = problem
    try:
        fitted = fit(name, table.X, y)
    except (ValueError, TypeError) as error:
        assert FAULTS.search(str(error)), f"the message does not name the fault: {error}"
        return
    assert fitted.support_.shape == (table.shape[1],)


@names
@given(data=st.data())
def test_transform_is_the_kept_columns_and_nothing_is_mutated(name, data):
    table, y = data.draw(accepted(name))
    X_before, y_before = copy.deepcopy(table.X), copy.deepcopy(y)
    fitted = fit(name, table.X, y)
    out = outputs(fitted, table.X)
    assert_same(out["transform"], kept_columns(X_before, fitted.support_))
    assert_same(table.X, X_before)
    assert_same(y, y_before)


@names
@given(data=st.data())
def test_pickle_and_clone_give_identical_outputs(name, data):
    table, y = data.draw(accepted(name))
    fitted = fit(name, table.X, y)
    out = outputs(fitted, table.X)
    assert_same_outputs(outputs(pickle.loads(pickle.dumps(fitted)), table.X), out)
    refitted = fit(name, table.X, y, **clone(fitted).get_params())
    assert_same_outputs(outputs(refitted, table.X), out)


@names
@given(data=st.data(), seed=st.integers(0, 2**31 - 1))
def test_same_random_state_same_selection_whatever_n_jobs(name, data, seed):
    table, y = data.draw(accepted(name))
    params = ESTIMATORS[name].get_params()
    first, second = {}, {}
    if "random_state" in params:
        first["random_state"] = second["random_state"] = seed
    if "n_jobs" in params:
        first["n_jobs"], second["n_jobs"] = 1, 2
    assert_same_fit(fit(name, table.X, y, **first), fit(name, table.X, y, **second))


def assert_same_selection_up_to_ties(scores, support, other_scores, other_support):
    """Equal scores, and equal support unless the last kept and first dropped scores tie."""
    np.testing.assert_allclose(other_scores, scores, rtol=1e-9, atol=1e-12)
    ordered = np.sort(scores)[::-1]
    n_kept = support.sum()
    if 0 < n_kept < scores.size and not np.isclose(ordered[n_kept - 1], ordered[n_kept]):
        np.testing.assert_array_equal(other_support, support)


@pytest.mark.parametrize("name", RANK_BASED)
@given(data=st.data())
def test_rank_based_selection_ignores_increasing_transforms(name, data):
    table, y = data.draw(problems(kinds=FLOAT_KINDS + ("Float64",), target_kinds=SQUARED_TARGETS))
    X = table.X
    column = data.draw(st.integers(0, X.shape[1] - 1))
    transform = data.draw(st.sampled_from(INCREASING))
    changed = replace_column(X, column, transform)
    a, b = fit(name, X, y), fit(name, changed, y)
    np.testing.assert_array_equal(b.scores_, a.scores_)
    np.testing.assert_array_equal(b.support_, a.support_)


def _dense_ranks(values):
    observed = ~np.isnan(values)
    ranks = np.full(values.shape, np.nan)
    ranks[observed] = np.unique(values[observed], return_inverse=True)[1] + 1.0
    return ranks


# Strictly increasing maps, applied to a column's dense ranks so that distinct values stay
# distinct in any float width.
INCREASING = [
    lambda r: r,
    lambda r: r**3 - 50.0,
    lambda r: -1.0 / r,
    lambda r: np.exp(r / 8.0),
]


def replace_column(X, column, transform):
    """X with ``transform`` (of the dense ranks) applied to one column, dtype kept."""
    X = X.copy()
    if isinstance(X, pd.DataFrame):
        series = X.iloc[:, column]
        values = series.to_numpy(dtype=np.float64, na_value=np.nan)
        X.isetitem(
            column, pd.Series(transform(_dense_ranks(values)), index=X.index).astype(series.dtype)
        )
        return X
    X[:, column] = transform(_dense_ranks(X[:, column].astype(np.float64)))
    return X


def permuted(X, order):
    return X.iloc[:, order] if isinstance(X, pd.DataFrame) else X[:, order]


# Not mRMR: its greedy criterion ties often (two columns equally redundant with the ones already
# chosen) and such ties go to the lower column index, so column order can change its selection.
@pytest.mark.parametrize("name", [name for name in RANK_BASED if name != "mi-mrmr"])
@given(data=st.data())
def test_selection_ignores_column_order(name, data):
    table, y = data.draw(accepted(name))
    order = np.asarray(data.draw(st.permutations(range(table.shape[1]))))
    a, b = fit(name, table.X, y), fit(name, permuted(table.X, order), y)
    assert_same_selection_up_to_ties(a.scores_[order], a.support_[order], b.scores_, b.support_)


@pytest.mark.parametrize("name", sorted(LINEAR))
@given(data=st.data())
def test_large_float32_path_fits_keeps_dtype_and_mutates_nothing(name, data):
    # A float32 X of 2**20 entries or more takes its own path (a table of its moments, its rows
    # read again by blocks), and so does the L1-logistic fit of a float64 X that large (its rows
    # read by blocks); forced here on small tables, they must keep properties 1 to 3.
    kinds = ("float32", "float64")
    table, y = data.draw(problems(kinds=kinds, nan=False, target_kinds=SQUARED_TARGETS))
    X_before, y_before = copy.deepcopy(table.X), copy.deepcopy(y)
    with mock.patch.object(_linear_base, "NARROW_SIZE", 0):
        fitted = fit(name, table.X, y)
    out = outputs(fitted, table.X)
    assert_same(out["transform"], kept_columns(X_before, fitted.support_))
    assert_same(table.X, X_before)
    assert_same(y, y_before)
    for values in map(np.asarray, out.values()):
        assert values.dtype.kind != "f" or np.isfinite(values).all()


@pytest.mark.parametrize("name", sorted(LINEAR))
@given(data=st.data())
def test_standardized_linear_selection_ignores_column_scale(name, data):
    table, y = data.draw(problems(kinds=FLOAT_KINDS, nan=False, target_kinds=SQUARED_TARGETS))
    X = table.X
    # Powers of two rescale exactly: the standardised columns are the same bits.
    exponents = data.draw(st.lists(st.integers(-20, 20), min_size=X.shape[1], max_size=X.shape[1]))
    factors = np.ldexp(1.0, exponents)
    rescaled = X * factors if isinstance(X, np.ndarray) else X.mul(factors, axis=1)
    values = np.asarray(rescaled, dtype=np.float64)
    tiny = np.finfo(np.asarray(X).dtype if isinstance(X, np.ndarray) else np.float64).tiny
    assume(np.isfinite(values).all() and ((values == 0) | (np.abs(values) >= tiny)).all())
    a, b = fit(name, X, y), fit(name, rescaled, y)
    np.testing.assert_array_equal(b.support_, a.support_)
    np.testing.assert_allclose(b.scores_, a.scores_, rtol=1e-9)


@names
def test_parallel_threads_fit_as_one_by_one(name):
    rng = np.random.default_rng(0)
    problems_ = [(rng.standard_normal((60, 8)), rng.integers(0, 3, 60)) for _ in range(6)]
    # Plain fits: catching warnings is not thread-safe.
    one_by_one = [clone(ESTIMATORS[name]).fit(X, y) for X, y in problems_]
    with ThreadPoolExecutor(max_workers=4) as pool:
        in_threads = list(pool.map(lambda p: clone(ESTIMATORS[name]).fit(*p), problems_))
    for a, b in zip(one_by_one, in_threads, strict=True):
        assert_same_fit(a, b)
