"""The block-reading L1/L2 logistic solver: it finds the optimum scikit-learn's solvers find."""

import warnings

import numpy as np
import pytest
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression

from skprune import _moments
from skprune._logistic_blocks import logistic_fit
from skprune._standardize import standardize


@pytest.fixture(autouse=True)
def small_blocks(monkeypatch):
    """Blocks of 4,096 rows: the problems below span several."""
    monkeypatch.setattr(_moments, "BLOCK_ROWS", 4096)


@pytest.fixture(scope="module")
def problem():
    """30,000 rows (8 blocks), rescaled and shifted columns, a constant one; weights."""
    X, y = make_classification(
        n_samples=30_000, n_features=12, n_informative=4, n_redundant=2, random_state=0
    )
    X = X * np.logspace(-3, 3, X.shape[1]) + 5.0
    X[:, 7] = 2.5
    weights = np.random.default_rng(0).uniform(0.2, 3.0, X.shape[0])
    return X.astype(np.float32), y, weights


def objective(X, y, weights, coef, intercept, alpha, l2):
    eta = X @ coef + intercept
    loss = weights @ (np.logaddexp(0, eta) - y * eta) / weights.sum()
    return loss + alpha * np.abs(coef).sum() + l2 / 2 * coef @ coef


@pytest.mark.parametrize("alpha, l2", [(0.02, 0.0), (0.002, 0.0), (0.0, 1e-4), (0.002, 1e-3)])
@pytest.mark.parametrize("weighted", [False, True])
def test_solves_the_penalised_problem(problem, alpha, l2, weighted):
    X, y, weights = problem
    weights = weights if weighted else np.ones(y.size)
    data = standardize(X, weights, copy=False)
    dense = standardize(X.astype(np.float64), weights).X  # the same rows, whole
    coef, intercept = logistic_fit(data.X, y, weights, alpha=alpha, l2=l2)

    # Optimality, checked on the whole rows: the intercept's gradient is zero, a non-zero weight's
    # gradient is -alpha * its sign, a zero weight's is at most alpha in magnitude.
    residual = weights * (1 / (1 + np.exp(-(dense @ coef + intercept))) - y) / weights.sum()
    gradient = dense.T @ residual + l2 * coef
    assert abs(residual.sum()) < 1e-6
    nonzero = coef != 0
    np.testing.assert_allclose(gradient[nonzero], -alpha * np.sign(coef[nonzero]), atol=1e-6)
    assert (np.abs(gradient[~nonzero]) <= alpha + 1e-6).all()
    assert coef[7] == 0  # the constant column
    if alpha:
        assert 0 < nonzero.sum() < X.shape[1] - 1  # the penalty zeroes some weights, not all

    # scikit-learn's solver on the whole standardised copy: the same weights, a worse objective.
    C = 1 / ((alpha or l2) * weights.sum())
    if alpha and not l2:
        # liblinear penalises the intercept too: a large intercept scaling makes that negligible.
        reference = LogisticRegression(
            l1_ratio=1.0, solver="liblinear", C=C, tol=1e-10, intercept_scaling=1e4, max_iter=10**4
        )
    elif l2 and not alpha:
        reference = LogisticRegression(C=C, tol=1e-12, max_iter=10**4)
    else:
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # liblinear's warning at so tight a tolerance
        reference.fit(dense, y, sample_weight=weights)
    np.testing.assert_allclose(coef, reference.coef_[0], atol=1e-4)
    np.testing.assert_array_equal(coef != 0, reference.coef_[0] != 0)
    ours = objective(dense, y, weights, coef, intercept, alpha, l2)
    theirs = objective(dense, y, weights, reference.coef_[0], reference.intercept_[0], alpha, l2)
    assert ours <= theirs + 1e-12


def test_warm_start_reaches_the_same_optimum(problem):
    X, y, weights = problem
    rows = standardize(X, weights, copy=False).X
    cold = logistic_fit(rows, y, weights, alpha=0.005)
    start = logistic_fit(rows, y, weights, alpha=0.05)
    warm = logistic_fit(rows, y, weights, alpha=0.005, start=start)
    np.testing.assert_allclose(warm[0], cold[0], atol=1e-6)
    np.testing.assert_allclose(warm[1], cold[1], atol=1e-6)


def test_separable_rows_get_finite_weights_and_no_warning():
    rng = np.random.default_rng(1)
    X = rng.standard_normal((2000, 5))
    y = (X[:, 0] > 0).astype(np.int64)  # separable by the first column
    weights = np.ones(y.size)
    rows = standardize(X, weights, copy=False).X
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for alpha, l2 in [(1e-4, 0.0), (0.0, 1e-4)]:
            coef, intercept = logistic_fit(rows, y, weights, alpha=alpha, l2=l2)
            assert np.isfinite(coef).all() and np.isfinite(intercept)
            assert np.argmax(np.abs(coef)) == 0 and coef[0] > 10
