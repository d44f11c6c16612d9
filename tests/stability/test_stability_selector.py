"""StabilitySelector: the planted features are stable, noise is not, and the bound is honest."""

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import make_pipeline

from skprune import GiniSelector, LassoPruner, MutualInfoSelector, StabilitySelector
from skprune._stability._subsampling import (
    complementary_halves,
    false_selection_bound,
    selections_for_bound,
    threshold_for_bound,
)


@pytest.fixture(scope="module")
def sparse_regression():
    # The case: 100 rows, 1,000 features, five real weights, unit noise.
    rng = np.random.default_rng(0)
    X = rng.normal(size=(100, 1000))
    y = X[:, :5] @ np.array([3, -3, 2.5, -2.5, 2]) + rng.normal(size=100)
    return X, y


def test_lasso_path_keeps_the_five_real_features(sparse_regression):
    X, y = sparse_regression
    selector = StabilitySelector(LassoPruner(task="regression"), random_state=0).fit(X, y)
    kept = selector.get_support(indices=True)
    assert set(range(5)) <= set(kept)
    assert len(kept) <= 6
    assert selector.frequencies_.shape == (1000,)
    assert selector.path_frequencies_.shape == (len(selector.alphas_), 1000)
    np.testing.assert_array_equal(selector.frequencies_, selector.path_frequencies_.max(axis=0))
    # The penalties go down the path, and more is selected as they do.
    assert np.all(np.diff(selector.alphas_) < 0)
    selected = selector.path_frequencies_.sum(axis=1)
    assert selected[0] < selected[-1] / 2
    assert np.isfinite(selector.false_selection_bound_)


def test_noise_is_rarely_stable(sparse_regression):
    X, y = sparse_regression
    selector = StabilitySelector(LassoPruner(task="regression"), n_pairs=20, random_state=0)
    selector.fit(X, y)
    noise = selector.frequencies_[5:]
    assert np.all(selector.frequencies_[:5] == 1)
    assert np.median(noise) < 0.1


def test_any_selector_classification_finds_the_informative_columns():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(400, 20))
    y = (X[:, :3].sum(axis=1) + 0.5 * rng.normal(size=400) > 0).astype(int)
    for inner in (MutualInfoSelector(k=3), GiniSelector(k=3)):
        selector = StabilitySelector(inner, n_pairs=10, random_state=0).fit(X, y)
        assert set(selector.get_support(indices=True)) == {0, 1, 2}
        assert selector.mean_selected_ == pytest.approx(3)
        assert not hasattr(selector, "alphas_")


def test_max_false_selections_sets_the_threshold():
    X, y = make_classification(n_samples=300, n_features=30, n_informative=3, random_state=0)
    selector = StabilitySelector(
        MutualInfoSelector(k=3), n_pairs=10, max_false_selections=1, random_state=0
    ).fit(X, y)
    expected = 0.5 * (1 + selector.mean_selected_**2 / 30)
    assert selector.threshold_ == pytest.approx(expected)
    assert selector.false_selection_bound_ == pytest.approx(1)
    assert np.all(selector.frequencies_[selector.get_support()] >= selector.threshold_)


def test_an_impossible_bound_warns_and_keeps_nothing():
    X, y = make_classification(n_samples=200, n_features=10, random_state=0)
    selector = StabilitySelector(
        MutualInfoSelector(k=8), n_pairs=5, max_false_selections=0.1, random_state=0
    )
    with pytest.warns(UserWarning, match="max_false_selections=0.1 cannot be guaranteed"):
        selector.fit(X, y)
    assert selector.threshold_ > 1
    assert selector.get_support().sum() == 0


def test_halves_are_disjoint_and_stratified():
    rng = np.random.RandomState(0)  # what check_random_state gives the selector
    groups = np.repeat([0, 1, 2], [50, 31, 19])
    halves = complementary_halves(100, 5, rng, groups)
    assert len(halves) == 10
    for first, second in zip(halves[::2], halves[1::2], strict=True):
        assert len(first) == len(second) == 50
        assert not np.intersect1d(first, second).size
        for label, size in ((0, 50), (1, 31), (2, 19)):
            assert abs((groups[first] == label).sum() - size / 2) <= 1


def test_bound_and_threshold_invert_each_other():
    threshold = threshold_for_bound(mean_selected=10, n_features=1000, max_false_selections=0.5)
    assert false_selection_bound(10, 1000, threshold) == pytest.approx(0.5)
    assert false_selection_bound(10, 1000, 0.5) == np.inf


def test_same_seed_same_frequencies_and_parallel_equals_serial():
    X, y = make_classification(n_samples=200, n_features=15, random_state=1)
    selector = StabilitySelector(MutualInfoSelector(k=4), n_pairs=6, random_state=3)
    serial = clone(selector).fit(X, y).frequencies_
    np.testing.assert_array_equal(clone(selector).fit(X, y).frequencies_, serial)
    parallel = clone(selector).set_params(n_jobs=2).fit(X, y).frequencies_
    np.testing.assert_array_equal(parallel, serial)


def test_in_a_grid_search_pipeline_with_a_dataframe():
    X, y = make_classification(n_samples=200, n_features=8, n_informative=3, random_state=0)
    X = pd.DataFrame(X, columns=[f"f{j}" for j in range(8)])
    pipe = make_pipeline(
        StabilitySelector(MutualInfoSelector(k=3), n_pairs=4, random_state=0),
        LogisticRegression(),
    )
    search = GridSearchCV(pipe, {"stabilityselector__threshold": [0.6, 0.9]}, cv=3).fit(X, y)
    names = search.best_estimator_[:-1].get_feature_names_out()
    assert set(names) <= set(X.columns)
    assert len(names) >= 1


def test_frame_in_frame_out_and_sample_weight_reaches_every_fit():
    X, y = make_classification(n_samples=120, n_features=6, random_state=0)
    X = pd.DataFrame(X, columns=list("abcdef"))
    weight = np.ones(len(y))
    selector = StabilitySelector(MutualInfoSelector(k=2), n_pairs=3, random_state=0)
    selector.set_output(transform="pandas").fit(X, y, sample_weight=weight)
    assert list(selector.transform(X).columns) == list(selector.get_feature_names_out())
    unweighted = clone(selector).fit(X, y)
    np.testing.assert_array_equal(unweighted.frequencies_, selector.frequencies_)


@pytest.mark.parametrize(
    "params, match",
    [
        (dict(estimator=LogisticRegression()), "estimator"),
        (dict(n_pairs=0), "n_pairs"),
        (dict(max_false_selections=0), "max_false_selections"),
        (dict(threshold=0), "threshold"),
    ],
)
def test_bad_parameters_are_named(params, match):
    X, y = make_classification(n_samples=50, n_features=4, random_state=0)
    selector = StabilitySelector(MutualInfoSelector()).set_params(**params)
    with pytest.raises((ValueError, TypeError), match=match):
        selector.fit(X, y)


def test_too_few_rows_for_halves_is_named():
    with pytest.raises(ValueError, match="at least 4 samples"):
        StabilitySelector(MutualInfoSelector()).fit(np.eye(3), [0, 1, 0])


def test_selections_for_bound_inverts_the_bound():
    q = selections_for_bound(n_features=1000, threshold=0.6, max_false_selections=1)
    assert false_selection_bound(q, 1000, 0.6) == pytest.approx(1)
