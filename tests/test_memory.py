"""memory=: the scores are computed once per training set, whatever pruning rate is asked."""

import joblib
import numpy as np
import pytest
from sklearn.base import clone
from sklearn.datasets import make_classification
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import make_pipeline
from sklearn.tree import DecisionTreeClassifier

from skprune import GiniSelector, MutualInfoSelector, _gini, _mutual_info

SELECTORS = [
    (MutualInfoSelector(), _mutual_info, "mutual_info_from_counts"),
    (MutualInfoSelector(estimator="knn", random_state=0), _mutual_info, "knn_mutual_info"),
    (MutualInfoSelector(redundancy="mrmr"), _mutual_info, "mutual_info_from_counts"),
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
