"""p-values of the histogram MI (G-test) and the fdr rule: calibrated under the null, powerful on
a planted signal, and refused where there are no p-values."""

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2_contingency, kstest
from sklearn.feature_selection import SelectFdr
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import make_pipeline

from skprune import GiniSelector, LassoPruner, MutualInfoSelector, mutual_info_test
from skprune._core._selection import benjamini_hochberg, select_support
from skprune._scoring._significance import g_test_pvalues


def test_g_test_is_scipys_where_cells_are_large():
    # With many rows per cell the permutation mean of G is the textbook (L - 1)(C - 1).
    rng = np.random.default_rng(0)
    y = rng.integers(0, 3, 20_000)
    X = np.column_stack([rng.integers(0, 4, 20_000), (y + rng.integers(0, 6, 20_000)) // 3])
    pvalues = MutualInfoSelector(discrete_features=True).fit(X, y).pvalues_
    for column, pvalue in zip(X.T, pvalues, strict=True):
        table = np.array([np.bincount(y[column == level], minlength=3) for level in range(4)])
        table = table[table.sum(axis=1) > 0]
        expected = chi2_contingency(table, correction=False, lambda_="log-likelihood")[1]
        assert pvalue == pytest.approx(expected, rel=0.02, abs=1e-300)


def test_identifiers_and_many_level_categories_are_not_discoveries():
    # The textbook degrees of freedom give an identifier p = 0: cells of one row are not
    # chi-square. The permutation mean of G (2 N E[MI]) gives it about 0.5.
    rng = np.random.default_rng(0)
    n = 5000
    y = rng.integers(0, 2, n)
    X = pd.DataFrame(
        {
            "id": [f"c{i}" for i in range(n)],
            "street": rng.integers(0, 2000, n).astype(str),
            "weak": y + rng.normal(0, 2.5, n),
            "noise": rng.normal(size=n),
        }
    )
    selector = MutualInfoSelector(fdr=0.1).fit(X, y)
    assert list(selector.get_feature_names_out()) == ["weak"]
    assert 0.3 < selector.pvalues_[0] < 0.7
    assert selector.pvalues_[1] > 0.1


def test_a_constant_column_has_p_value_one():
    counts = np.zeros((2, 3, 2))
    counts[0, 0] = [50, 50]
    counts[1] = [[20, 10], [10, 20], [20, 20]]
    assert g_test_pvalues(counts)[0] == 1


def test_benjamini_hochberg_adjusts_step_up():
    pvalues = np.array([0.01, 0.04, 0.03, 0.005, 0.9])
    # Sorted: 0.005, 0.01, 0.03, 0.04, 0.9 times 5/rank: 0.025, 0.025, 0.05, 0.05, 0.9.
    np.testing.assert_allclose(benjamini_hochberg(pvalues), [0.025, 0.05, 0.05, 0.025, 0.9])
    support = select_support(-pvalues, fdr=0.03, pvalues=pvalues)
    np.testing.assert_array_equal(support, [True, False, False, True, False])
    support = select_support(-pvalues, fdr=0.06, k=2, pvalues=pvalues)
    np.testing.assert_array_equal(support, [True, False, False, True, False])


def null_table(seed, n_rows=300, n_features=100):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n_rows, n_features)), rng.integers(0, 2, n_rows)


def test_p_values_are_uniform_under_independence():
    pvalues = np.concatenate(
        [MutualInfoSelector().fit(*null_table(seed, n_features=20)).pvalues_ for seed in range(50)]
    )
    # 1,000 p-values, fixed seeds: uniform within 0.06 (the 5 % critical distance is 0.043).
    assert kstest(pvalues, "uniform").statistic < 0.06


# The targets, for both selectors with p-values: MI's G-test, the split's permutations.
TESTED = {
    "mutual-info": lambda seed: MutualInfoSelector(fdr=0.1),
    "gini-split": lambda seed: GiniSelector(fdr=0.1, random_state=seed),
}


@pytest.mark.parametrize("make", TESTED.values(), ids=TESTED.keys())
def test_fdr_keeps_nothing_on_most_pure_noise_tables(make):
    # Under the global null the FDR is P(anything kept): at 0.1, nothing in at least 85 of 100.
    empty = sum(not make(seed).fit(*null_table(seed)).get_support().any() for seed in range(100))
    assert empty >= 85


@pytest.mark.parametrize("make", TESTED.values(), ids=TESTED.keys())
def test_fdr_finds_a_logistic_signal_with_few_false_features(make):
    recalls, false_shares = [], []
    for seed in range(100, 110):
        rng = np.random.default_rng(seed)
        X = rng.normal(size=(1000, 100))
        y = rng.random(1000) < 1 / (1 + np.exp(-0.5 * X[:, :10].sum(axis=1)))
        kept = make(seed).fit(X, y).get_support(indices=True)
        recalls.append(np.isin(np.arange(10), kept).mean())
        false_shares.append((kept >= 10).sum() / max(kept.size, 1))
    assert np.mean(recalls) >= 0.9
    assert np.mean(false_shares) <= 0.15


def test_fdr_with_k_keeps_at_most_k_of_the_discoveries():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(1000, 30))
    y = (X[:, :6].sum(axis=1) > 0).astype(int)
    discoveries = MutualInfoSelector(fdr=0.05).fit(X, y)
    assert set(discoveries.get_support(indices=True)) == set(range(6))
    at_most = MutualInfoSelector(fdr=0.05, k=3).fit(X, y)
    assert at_most.get_support().sum() == 3
    assert set(at_most.get_support(indices=True)) <= set(range(6))


def test_regression_target_categories_and_partial_fit_have_p_values():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(2000, 5))
    y = X[:, 0] + 0.5 * rng.normal(size=2000)
    selector = MutualInfoSelector(fdr=0.01).fit(X, y)
    assert list(selector.get_support(indices=True)) == [0]
    edges = selector.bin_edges_
    chunked = MutualInfoSelector(bin_edges=list(edges), task="classification")
    labels = (y > 0).astype(int)
    for rows in np.array_split(np.arange(2000), 4):
        chunked.partial_fit(X[rows], labels[rows], classes=[0, 1])
    whole = MutualInfoSelector(bin_edges=list(edges)).fit(X, labels)
    np.testing.assert_allclose(chunked.pvalues_, whole.pvalues_)


def test_mutual_info_test_serves_select_fdr():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(500, 20))
    y = (X[:, 0] + X[:, 1] + rng.normal(size=500) > 0).astype(int)
    scores, pvalues = mutual_info_test(X, y)
    selector = MutualInfoSelector().fit(X, y)
    np.testing.assert_array_equal(scores, selector.scores_)
    np.testing.assert_array_equal(pvalues, selector.pvalues_)
    assert list(SelectFdr(mutual_info_test, alpha=0.05).fit(X, y).get_support(indices=True)) == [
        0,
        1,
    ]


def test_fdr_is_tunable_in_a_grid_search():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(400, 10))
    y = (X[:, 0] + rng.normal(size=400) > 0).astype(int)
    pipe = make_pipeline(MutualInfoSelector(), LogisticRegression())
    search = GridSearchCV(pipe, {"mutualinfoselector__fdr": [0.01, 0.1]}, cv=3).fit(X, y)
    assert search.best_estimator_[0].get_support()[0]


def test_fdr_is_refused_without_p_values():
    X, y = null_table(0, n_features=5)
    with pytest.raises(ValueError, match="fdr=0.1 needs p-values.*estimator='knn'"):
        MutualInfoSelector(fdr=0.1, estimator="knn").fit(X, y)
    with pytest.raises(ValueError, match="Invalid parameter 'fdr'"):
        LassoPruner().set_params(fdr=0.1)
    with pytest.raises(ValueError, match="'fdr' parameter"):
        MutualInfoSelector(fdr=1.0).fit(X, y)
