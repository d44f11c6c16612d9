"""Boruta's shadow test behind GiniSelector(method="forest", fdr=...)."""

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from sklearn.base import clone

from skprune import GiniSelector
from skprune._scoring._shadow import shadow_pvalues

# Small forests and few rounds keep each fit well under a second.
FAST = dict(method="forest", n_estimators=10, shadow_rounds=8)


def signal_table(seed, n_samples=200, n_features=12):
    """y depends on columns 0 and 1 (and noise); the others are noise."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_samples, n_features))
    y = (X[:, 0] + X[:, 1] + 0.5 * rng.normal(size=n_samples) > 0).astype(int)
    return X, y


def test_pure_noise_keeps_nothing_in_most_seeds():
    # A noise feature beats the largest of 12 noise shadows in about 1 round of 13, far from
    # the 1 in 2 of Boruta's null: the test is conservative and keeps nothing here.
    kept = []
    for seed in range(5):
        rng = np.random.default_rng(seed)
        X, y = rng.normal(size=(200, 12)), rng.integers(0, 2, size=200)
        selector = GiniSelector(fdr=0.1, random_state=seed, **FAST).fit(X, y)
        kept.append(selector.get_support().sum())
        assert selector.pvalues_.min() > 0.5**8
    assert sum(k == 0 for k in kept) >= 4, kept


def test_planted_signal_is_found():
    X, y = signal_table(0)
    selector = GiniSelector(fdr=0.1, random_state=0, **FAST).fit(X, y)
    kept = selector.get_support(indices=True)
    assert {0, 1} <= set(kept.tolist())
    assert len(kept) <= 3
    assert selector.shadow_hits_[:2].tolist() == [8, 8]
    np.testing.assert_allclose(selector.pvalues_[:2], 0.5**8)


def test_regression_and_mixed_frames_are_tested_too():
    rng = np.random.default_rng(7)
    X = rng.normal(size=(200, 12))
    y = X[:, 0] + X[:, 1] + 0.5 * rng.normal(size=200)
    selector = GiniSelector(fdr=0.1, random_state=0, **FAST).fit(X, y)
    assert selector.task_ == "regression"
    assert {0, 1} <= set(selector.get_support(indices=True).tolist())
    frame = pd.DataFrame(
        {
            "colour": pd.Categorical(rng.choice(["red", "blue", "green"], size=200)),
            "signal": X[:, 0],
            "gappy": np.where(rng.random(200) < 0.2, np.nan, X[:, 2]),
        }
    )
    selector = GiniSelector(fdr=0.1, random_state=0, **FAST).fit(frame, (X[:, 0] > 0).astype(int))
    assert selector.get_feature_names_out().tolist() == ["signal"]


def test_p_values_are_the_binomial_tail_and_fall_with_hits():
    pvalues = shadow_pvalues(np.arange(21), 20)
    assert pvalues[0] == 1.0
    assert pvalues[-1] == pytest.approx(0.5**20)
    assert np.all(np.diff(pvalues) < 0)
    assert pvalues[10] == pytest.approx(0.5 + 0.5 * 0.5**20 * 184756)  # P(H >= 10)
    X, y = signal_table(1)
    selector = GiniSelector(fdr=0.1, random_state=1, **FAST).fit(X, y)
    np.testing.assert_allclose(selector.pvalues_, shadow_pvalues(selector.shadow_hits_, 8))


def test_random_state_makes_the_test_reproducible():
    X, y = signal_table(2)
    first = GiniSelector(fdr=0.1, random_state=3, **FAST).fit(X, y)
    second = clone(first).fit(X, y)
    np.testing.assert_array_equal(first.shadow_hits_, second.shadow_hits_)
    np.testing.assert_array_equal(first.support_, second.support_)


def test_sparse_input_gets_shadows_of_its_stored_values():
    X, y = signal_table(4)
    X[np.abs(X) < 0.3] = 0
    selector = GiniSelector(fdr=0.1, random_state=0, **FAST).fit(sp.csr_matrix(X), y)
    assert {0, 1} <= set(selector.get_support(indices=True).tolist())


def test_the_test_runs_only_with_fdr_and_a_refit_forgets_it():
    X, y = signal_table(5, n_samples=150)
    selector = GiniSelector(fdr=0.1, random_state=0, **FAST).fit(X, y)
    assert hasattr(selector, "shadow_hits_")
    selector.set_params(fdr=None, k=2).fit(X, y)
    assert not hasattr(selector, "shadow_hits_")
    assert not hasattr(selector, "pvalues_")


def test_bad_combinations_are_refused():
    X, y = signal_table(6, n_samples=100)
    with pytest.raises(ValueError, match=r"shadow_rounds=3 cannot keep any feature at fdr=0.1"):
        GiniSelector(method="forest", fdr=0.1, shadow_rounds=3).fit(X, y)
    with pytest.raises(ValueError, match="'shadow_rounds' parameter"):
        GiniSelector(method="forest", fdr=0.1, shadow_rounds=0).fit(X, y)
    with pytest.raises(ValueError, match="'fdr' parameter"):
        GiniSelector(method="forest", fdr=1.5).fit(X, y)
