"""p-values of GiniSelector(method="split"): the permutation test of the best split's gain is
calibrated under the null, finds planted signals, equals a plain permutation test, and is
refused where it does not exist."""

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from scipy.stats import kstest
from sklearn.feature_selection import SelectFdr
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import make_pipeline

from skprune import GiniSelector, gini_scores, gini_test
from skprune._core._input import validate_features
from skprune._scoring._split_significance import split_test


def null_table(seed, n_rows=300, n_features=100):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n_rows, n_features)), rng.integers(0, 2, n_rows)


def mixed_columns(rng, n):
    """Untied, tied (few distinct values), partly missing and integer columns."""
    tied = np.round(rng.normal(size=n) * 3)
    missing = rng.normal(size=n)
    missing[rng.random(n) < 0.2] = np.nan
    return np.column_stack([rng.normal(size=n), tied, missing, rng.integers(0, 12, n)])


def plain_permutation_pvalues(X, y, n_permutations, seed):
    """The textbook test: refit the gains on shuffled targets."""
    rng = np.random.default_rng(seed)
    observed = gini_scores(X, y, chance_correction=False)
    reached = np.zeros(X.shape[1])
    for _ in range(n_permutations):
        reached += gini_scores(X, rng.permutation(y), chance_correction=False) >= observed - 1e-12
    return (1 + reached) / (n_permutations + 1)


def every_permutation(X, y, n_permutations):
    """The p-values without the sequential stop: all ``n_permutations`` for every feature."""
    features = validate_features(None, X)
    options = dict(task="auto", splitter="auto", max_bins=255, random_state=0)
    return split_test(features, y, None, n_permutations=n_permutations, stop_after=None, **options)


def test_p_values_equal_a_plain_permutation_test():
    # Weak signals, so that the p-values lie where a wrong null would show (0.01 to 0.5).
    rng = np.random.default_rng(1)
    n = 200
    # Mostly zeros (as in a sparse column), then mostly missing: a level of over half the rows.
    zeros = rng.poisson(0.5, n) * (rng.random(n) < 0.3)
    gaps = np.where(rng.random(n) < 0.6, np.nan, rng.normal(size=n))
    X = np.column_stack([mixed_columns(rng, n), zeros, gaps])
    signal = np.nan_to_num(X[:, 2]) + X[:, 1] / 3 + X[:, 0] / 2 + X[:, 3] / 6 + X[:, 4]
    y = (0.15 * signal + 0.2 * np.nan_to_num(X[:, 5]) + rng.normal(size=n) > 0).astype(int)
    fast = every_permutation(X, y, 4000)
    plain = plain_permutation_pvalues(X, y, 1000, seed=0)
    assert 0.005 < plain.min() and plain.max() < 0.6
    # Monte Carlo error of the plain test at p <= 0.5: sd <= 0.016.
    np.testing.assert_allclose(fast, plain, atol=0.05)


def test_categorical_and_regression_p_values_equal_a_plain_permutation_test():
    rng = np.random.default_rng(2)
    n = 200
    colour = rng.choice(["red", "green", "blue", "grey", "pink"], n).astype(object)
    colour[rng.random(n) < 0.1] = None
    X = pd.DataFrame({"colour": colour, "x": rng.normal(size=n)})
    y = 0.6 * (X["colour"] == "red") + 0.25 * X["x"] + rng.normal(size=n)
    fast = every_permutation(X, y, 4000)
    plain = plain_permutation_pvalues(X, y, 1000, seed=0)
    assert 0.005 < plain.min() and plain.max() < 0.6
    np.testing.assert_allclose(fast, plain, atol=0.05)


def test_the_sequential_stop_changes_p_values_by_its_precision_only():
    # Stopped after h = 20 reaching null gains, p = 20 / L is within about 1 / sqrt(20) of p.
    rng = np.random.default_rng(1)
    X = np.column_stack([mixed_columns(rng, 300) for _ in range(5)])
    y = (0.1 * np.nan_to_num(X).sum(axis=1) + rng.normal(size=300) > 0).astype(int)
    full = every_permutation(X, y, 2000)
    stopped = gini_test(X, y, n_permutations=2000, random_state=1)[1]
    close = np.abs(np.log(stopped / full)) < 3 / np.sqrt(20)
    assert close.all(), (full[~close], stopped[~close])


def test_p_values_are_uniform_under_independence():
    full, stopped = [], []
    for seed in range(40):
        rng = np.random.default_rng(seed)
        X = np.column_stack([mixed_columns(rng, 300)[:, :3] for _ in range(8)])
        y = rng.integers(0, 2, 300)
        full.append(every_permutation(X, y, 499))
        stopped.append(gini_test(X, y, n_permutations=499, random_state=seed)[1])
    # 960 p-values, fixed seeds: uniform within 0.06 (the 5 % critical distance is 0.044).
    assert kstest(np.concatenate(full), "uniform").statistic < 0.06
    # Stopped early, p = h / L is coarser near 1 (p = 1 whenever the first h null gains reach
    # the gain), never smaller than it should be: P(p <= t) <= t within the same distance.
    assert kstest(np.concatenate(stopped), "uniform", alternative="greater").statistic < 0.06


@pytest.mark.parametrize("splitter", ["exact", "histogram"])
def test_regression_and_multiclass_signals_are_discoveries(splitter):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(600, 8))
    y = X[:, 0] + 0.5 * rng.normal(size=600)
    selector = GiniSelector(fdr=0.05, splitter=splitter, max_bins=32, random_state=0).fit(X, y)
    assert selector.task_ == "regression"
    assert list(selector.get_support(indices=True)) == [0]
    classes = np.digitize(X[:, 3] + 0.5 * rng.normal(size=600), [-0.5, 0.5])
    selector = GiniSelector(fdr=0.05, splitter=splitter, max_bins=32, random_state=0)
    assert list(selector.fit(X, classes).get_support(indices=True)) == [3]


def test_categories_missing_values_and_identifiers():
    rng = np.random.default_rng(0)
    n = 1000
    y = rng.integers(0, 2, n)
    colour = np.where(y == 1, rng.choice(["red", "blue"], n), rng.choice(["blue", "grey"], n))
    colour = colour.astype(object)
    colour[rng.random(n) < 0.1] = None
    weak = y + rng.normal(0, 2.0, n)
    weak[rng.random(n) < 0.2] = np.nan
    X = pd.DataFrame(
        {
            "colour": colour,
            "id": [f"c{i}" for i in range(n)],
            "street": rng.integers(0, 300, n).astype(str),
            "weak": weak,
            "noise": rng.normal(size=n),
            "constant": np.ones(n),
        }
    )
    selector = GiniSelector(fdr=0.1, random_state=0).fit(X, y)
    assert list(selector.get_feature_names_out()) == ["colour", "weak"]
    # An identifier splits perfectly whatever the targets: never a discovery.
    assert selector.pvalues_[1] == 1
    assert selector.pvalues_[2] > 0.05
    assert selector.pvalues_[5] == 1


def test_sparse_and_weights_of_one_give_the_dense_p_values():
    rng = np.random.default_rng(0)
    X = rng.poisson(0.3, size=(400, 30)).astype(float)
    X[:, 0] += rng.integers(0, 2, 400) * 2
    y = (X[:, 0] > 1).astype(int) ^ (rng.random(400) < 0.2)
    dense = gini_test(X, y, n_permutations=199, random_state=0)
    for other in (
        gini_test(sp.csr_matrix(X), y, n_permutations=199, random_state=0),
        gini_test(X, y, n_permutations=199, random_state=0, sample_weight=np.ones(400)),
    ):
        np.testing.assert_array_equal(other[1], dense[1])
        np.testing.assert_allclose(other[0], dense[0])
    assert dense[1][0] == 1 / 200  # the smallest p-value: 1 / (B + 1)


def test_gini_test_serves_select_fdr_and_matches_the_selector():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(500, 20))
    y = (X[:, 0] + X[:, 1] + rng.normal(size=500) > 0).astype(int)
    scores, pvalues = gini_test(X, y, random_state=3)
    selector = GiniSelector(fdr=0.05, random_state=3).fit(X, y)
    np.testing.assert_array_equal(scores, selector.scores_)
    np.testing.assert_array_equal(pvalues, selector.pvalues_)
    kept = SelectFdr(gini_test, alpha=0.05).fit(X, y).get_support(indices=True)
    assert list(kept) == [0, 1]


def test_fdr_is_tunable_in_a_grid_search_and_p_values_only_come_with_it():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(400, 10))
    y = (X[:, 0] + rng.normal(size=400) > 0).astype(int)
    pipe = make_pipeline(GiniSelector(random_state=0), LogisticRegression())
    search = GridSearchCV(pipe, {"giniselector__fdr": [0.01, 0.1]}, cv=3).fit(X, y)
    assert search.best_estimator_[0].get_support()[0]
    selector = GiniSelector(fdr=0.1, random_state=0).fit(X, y)
    assert hasattr(selector, "pvalues_")
    assert not hasattr(selector.set_params(fdr=None).fit(X, y), "pvalues_")


def test_bad_permutation_settings_are_refused():
    X, y = null_table(0, n_features=5)
    with pytest.raises(ValueError, match="'n_permutations' parameter"):
        GiniSelector(fdr=0.1, n_permutations=0).fit(X, y)
    with pytest.raises(ValueError, match="'fdr' parameter"):
        GiniSelector(fdr=0.0).fit(X, y)
    with pytest.raises(ValueError, match="'n_permutations' parameter"):
        gini_test(X, y, n_permutations=-1)


def test_dask_input_refuses_fdr():
    da = pytest.importorskip("dask.array")
    X, y = null_table(0, n_features=5)
    with pytest.raises(ValueError, match="fdr=0.1 needs permutations of the whole target"):
        GiniSelector(fdr=0.1).fit(da.from_array(X, chunks=100), y)
    with pytest.raises(ValueError, match="gini_test needs X in memory"):
        gini_test(da.from_array(X, chunks=100), y)


def test_auto_permutations_reach_the_resolution_a_lone_discovery_needs():
    # One strong feature among 100 at fdr=0.05 passes only if p <= 0.05 / 100: 999 shuffles
    # (p >= 0.001) cannot keep it; "auto" adds shuffles for it alone, up to 100 / 0.05.
    rng = np.random.default_rng(0)
    X = rng.normal(size=(300, 100))
    y = (X[:, 0] + 0.5 * rng.normal(size=300) > 0).astype(int)
    coarse = GiniSelector(fdr=0.05, n_permutations=999, random_state=0).fit(X, y)
    assert coarse.pvalues_[0] == 1 / 1000 and not coarse.get_support().any()
    auto = GiniSelector(fdr=0.05, random_state=0).fit(X, y)
    assert auto.pvalues_[0] == 1 / 2001
    assert list(auto.get_support(indices=True)) == [0]
    # The other features kept the p-values of the first 999 shuffles.
    np.testing.assert_array_equal(auto.pvalues_[1:], coarse.pvalues_[1:])
