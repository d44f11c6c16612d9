"""memory=: the scores are computed once per training set, whatever pruning rate is asked."""

import joblib
import numpy as np
import pytest
from sklearn.base import clone
from sklearn.datasets import make_classification, make_regression
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import make_pipeline
from sklearn.tree import DecisionTreeClassifier

from skprune import GiniSelector, LassoPruner, MutualInfoSelector, RidgePruner
from skprune._linear import _base as _linear_base
from skprune._linear import _lasso_pruner
from skprune._scoring import _gini, _mutual_info

SELECTORS = [
    (MutualInfoSelector(), _mutual_info, "relevance_from_counts"),
    (MutualInfoSelector(estimator="knn", random_state=0), _mutual_info, "knn_mutual_info"),
    (MutualInfoSelector(redundancy="mrmr"), _mutual_info, "relevance_from_counts"),
    (GiniSelector(), _gini, "split_scores"),
    (GiniSelector(method="forest", n_estimators=10, random_state=0), _gini, "fit_forest"),
]
IDS = [repr(selector) for selector, _, _ in SELECTORS]


@pytest.fixture(scope="module")
def data():
    return make_classification(n_samples=300, n_features=12, n_informative=4, random_state=0)


def count_calls(monkeypatch, module, name):
    """Count the calls of ``module.name``, the costly step of a fit."""
    calls = []
    original = getattr(module, name)

    def counted(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def fitted_state(selector):
    return {name: value for name, value in vars(selector).items() if name.endswith("_")}


@pytest.mark.parametrize("selector, module, costly", SELECTORS, ids=IDS)
def test_cached_fit_equals_uncached_and_another_rate_does_not_rescore(
    selector, module, costly, data, tmp_path, monkeypatch
):
    X, y = data
    calls = count_calls(monkeypatch, module, costly)
    plain = clone(selector).set_params(pruning_rate=0.7).fit(X, y)
    cached = clone(selector).set_params(memory=tmp_path, pruning_rate=0.7).fit(X, y)
    assert len(calls) == 2
    plain_state, cached_state = fitted_state(plain), fitted_state(cached)
    assert plain_state.keys() == cached_state.keys()
    for name in ("scores_", "ranking_", "support_"):
        np.testing.assert_array_equal(plain_state[name], cached_state[name], err_msg=name)

    # Another rate, another k, a threshold: the scores come from the cache.
    for params in ({"pruning_rate": 0.3}, {"k": 2}, {"threshold": 0.0, "pruning_rate": 0.5}):
        refit = clone(cached).set_params(**params).fit(X, y)
        expected = clone(selector).set_params(**params).fit(X, y)
        np.testing.assert_array_equal(refit.support_, expected.support_)
        np.testing.assert_array_equal(refit.scores_, expected.scores_)
    assert len(calls) == 2 + 3  # only the uncached fits scored again

    # Other data is scored again.
    clone(cached).fit(X[:200], y[:200])
    assert len(calls) == 6


def test_a_grid_search_over_ten_rates_scores_once_per_fold(data, tmp_path, monkeypatch):
    X, y = data
    calls = count_calls(monkeypatch, _gini, "split_scores")
    pipe = make_pipeline(
        GiniSelector(memory=joblib.Memory(tmp_path, verbose=0)),
        DecisionTreeClassifier(random_state=0),
    )
    rates = np.linspace(0, 0.9, 10)
    GridSearchCV(pipe, {"giniselector__pruning_rate": rates}, cv=3).fit(X, y)
    assert len(calls) == 3 + 1  # each fold, then the refit on all the data


def test_n_jobs_does_not_change_the_cache_key(data, tmp_path, monkeypatch):
    X, y = data
    calls = count_calls(monkeypatch, _gini, "split_scores")
    GiniSelector(memory=str(tmp_path), n_jobs=1).fit(X, y)
    GiniSelector(memory=str(tmp_path), n_jobs=2).fit(X, y)
    assert len(calls) == 1


def test_memory_must_be_a_path_or_have_a_cache_method(data):
    X, y = data
    with pytest.raises(ValueError, match="'memory' parameter"):
        GiniSelector(memory=3).fit(X, y)


# The linear pruners cache each penalised fit: along the Lasso path (warm-started fits: liblinear
# for two classes, saga for more, or the solver reading the rows of a large float32 X by blocks;
# coordinate descent on the Gram matrix for regression), and the ridge fit of each round.
PRUNERS = [
    ("binary", LassoPruner()),
    ("binary, large float32", LassoPruner()),
    ("multiclass", LassoPruner()),
    ("multiclass, large float32", LassoPruner()),
    ("regression", LassoPruner()),
    ("regression", LassoPruner(granularity="weight", n_iterations=2)),
    ("binary", RidgePruner()),
    ("multiclass", RidgePruner(alpha="auto")),
    ("regression", RidgePruner(n_iterations=2)),
]
PRUNER_IDS = [f"{task}-{pruner!r}" for task, pruner in PRUNERS]


def linear_data(task):
    if task.endswith(", large float32"):
        X, y = linear_data(task.split(",")[0])
        return X.astype(np.float32), y
    if task == "regression":
        X, y = make_regression(
            n_samples=300, n_features=12, n_informative=4, n_targets=2, noise=5.0, random_state=0
        )
        return X, y
    n_classes = 2 if task == "binary" else 3
    return make_classification(
        n_samples=300, n_features=12, n_informative=4, n_classes=n_classes, random_state=0
    )


def count_penalised_fits(monkeypatch):
    """Record ``(data, alpha)`` of each penalised fit computed (Lasso path or ridge)."""
    fits = []
    l1_fitter = _lasso_pruner.l1_fitter

    def counted_l1_fitter(X, y, sample_weight, task):
        fit, data = l1_fitter(X, y, sample_weight, task), joblib.hash(X)

        def counted(alpha, start=None):
            fits.append((data, alpha))
            return fit(alpha, start)

        return counted

    ridge_fit = RidgePruner._ridge_fit

    def counted_ridge_fit(self, X, y, sample_weight, rows=None):
        fits.append((joblib.hash(X), self.alpha))
        return ridge_fit(self, X, y, sample_weight, rows)

    monkeypatch.setattr(_lasso_pruner, "l1_fitter", counted_l1_fitter)
    monkeypatch.setattr(RidgePruner, "_ridge_fit", counted_ridge_fit)
    return fits


@pytest.mark.parametrize("task, pruner", PRUNERS, ids=PRUNER_IDS)
def test_linear_pruner_cached_fits_equal_uncached_and_are_shared_across_rates(
    task, pruner, tmp_path, monkeypatch
):
    X, y = linear_data(task)
    if task.endswith("large float32"):  # taken for a large one, however small it is
        monkeypatch.setattr(_linear_base, "NARROW_SIZE", 0)
    fits = count_penalised_fits(monkeypatch)
    settings = [{"pruning_rate": 0.7}, {"pruning_rate": 0.2}, {"k": 2}, {"k": 5, "threshold": 0.1}]
    uncached = []
    for params in settings:
        uncached.append(fitted_state(clone(pruner).set_params(**params).fit(X, y)))
    n_uncached = len(fits)

    fits.clear()
    for params, expected in zip(settings, uncached, strict=True):
        cached = clone(pruner).set_params(memory=tmp_path, **params).fit(X, y)
        state = fitted_state(cached)
        assert state.keys() == expected.keys()
        for name in ("coef_", "intercept_", "scores_", "ranking_", "support_", "alpha_"):
            np.testing.assert_array_equal(state[name], expected[name], err_msg=name)
    # Every fit the walks share is computed once: as many as distinct (data, alpha) pairs.
    assert len(fits) == len(set(fits)) <= n_uncached

    # The same settings again: nothing is fitted, everything is reloaded.
    fits.clear()
    for params in settings:
        clone(pruner).set_params(memory=tmp_path, **params).fit(X, y)
    assert fits == []

    # Other data, or another penalty, is fitted again.
    clone(pruner).set_params(memory=tmp_path).fit(X[:200], y[:200])
    assert fits
    fits.clear()
    other_penalty = {"alpha": 0.05} if isinstance(pruner, LassoPruner) else {"alpha": 3.0}
    clone(pruner).set_params(memory=tmp_path, **other_penalty).fit(X, y)
    assert fits


@pytest.mark.parametrize("pruner", [LassoPruner(), RidgePruner()], ids=repr)
def test_a_grid_search_over_ten_rates_fits_each_penalty_once_per_fold(
    pruner, tmp_path, monkeypatch
):
    X, y = linear_data("regression")
    grid = {"pruning_rate": np.linspace(0, 0.9, 10)}
    fits = count_penalised_fits(monkeypatch)
    GridSearchCV(pruner, grid, cv=3).fit(X, y)
    distinct = set(fits)
    fits.clear()
    GridSearchCV(
        clone(pruner).set_params(memory=joblib.Memory(tmp_path, verbose=0)), grid, cv=3
    ).fit(X, y)
    assert sorted(fits) == sorted(distinct)
    if isinstance(pruner, RidgePruner):
        assert len(fits) == 3 + 1  # one ridge fit per fold, then the refit on all the data


@pytest.mark.parametrize("pruner", [LassoPruner(), RidgePruner()], ids=repr)
def test_linear_pruner_memory_must_be_a_path_or_have_a_cache_method(pruner):
    X, y = linear_data("binary")
    with pytest.raises(ValueError, match="'memory' parameter"):
        clone(pruner).set_params(memory=3).fit(X, y)
