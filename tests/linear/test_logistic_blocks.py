"""The block-reading L1/L2 logistic solver: it finds the optimum scikit-learn's solvers find."""

import warnings

import numpy as np
import pytest
from scipy.special import expit, softmax
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression

from skprune._core._compat import l1_logistic
from skprune._linear import _moments
from skprune._linear._solvers._logistic_blocks import logistic_fit
from skprune._linear._standardize import standardize


@pytest.fixture(autouse=True)
def small_blocks(monkeypatch):
    """Blocks of 4,096 rows: the problems below span several."""
    monkeypatch.setattr(_moments, "BLOCK_ROWS", 4096)


@pytest.fixture(scope="module", params=[2, 3])
def problem(request):
    """Rows over several blocks, rescaled and shifted columns, a constant one; weights."""
    n_classes = request.param
    X, y = make_classification(
        n_samples=30_000 if n_classes == 2 else 8_000,
        n_features=12,
        n_informative=4,
        n_redundant=2,
        n_classes=n_classes,
        random_state=0,
    )
    X = X * np.logspace(-3, 3, X.shape[1]) + 5.0
    X[:, 7] = 2.5
    weights = np.random.default_rng(0).uniform(0.2, 3.0, X.shape[0])
    return X.astype(np.float32), y, weights, n_classes


def probabilities(X, coef, intercept):
    """Of the classes of each row of weights: a sigmoid of one row, a softmax of several."""
    scores = X @ coef.T + intercept
    return expit(scores) if coef.shape[0] == 1 else softmax(scores, axis=1)


def objective(X, y, weights, coef, intercept, alpha, l2):
    p = probabilities(X, coef, intercept)
    p = np.column_stack([1 - p, p]) if coef.shape[0] == 1 else p
    loss = -weights @ np.log(p[np.arange(y.size), y]) / weights.sum()
    return loss + alpha * np.abs(coef).sum() + l2 / 2 * np.square(coef).sum()


def reference_fit(X, y, weights, alpha, l2, n_classes):
    """scikit-learn's solver of the same problem on the whole rows, or None (no such solver)."""
    C = 1 / ((alpha or l2) * weights.sum())
    if alpha and l2:
        return None
    if l2:  # exact Newton steps, as ours (lbfgs stops short on the collinear columns)
        model = LogisticRegression(C=C, solver="newton-cholesky", tol=1e-12, max_iter=1000)
    elif n_classes == 2:
        # liblinear penalises the intercept too: a large intercept scaling makes that small.
        model = l1_logistic(solver="liblinear", C=C, tol=1e-7, intercept_scaling=1e3, max_iter=1000)
    else:
        model = l1_logistic(solver="saga", C=C, tol=1e-10, max_iter=10**5)
    model.set_params(random_state=0)  # liblinear and saga visit the rows in a random order
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # convergence warnings at so tight a tolerance
        return model.fit(X, y, sample_weight=weights)


@pytest.mark.parametrize("alpha, l2", [(0.02, 0.0), (0.002, 0.0), (0.0, 1e-4), (0.002, 1e-3)])
@pytest.mark.parametrize("weighted", [False, True])
def test_solves_the_penalised_problem(problem, alpha, l2, weighted):
    X, y, weights, n_classes = problem
    weights = weights if weighted else np.ones(y.size)
    data = standardize(X, weights, copy=False)
    dense = standardize(X.astype(np.float64), weights).X  # the same rows, whole
    coef, intercept = logistic_fit(data.X, y, weights, n_classes=n_classes, alpha=alpha, l2=l2)
    assert coef.shape == (1 if n_classes == 2 else n_classes, X.shape[1])

    # Optimality, checked on the whole rows: the intercepts' gradient is zero, a non-zero weight's
    # gradient is -alpha * its sign, a zero weight's is at most alpha in magnitude.
    indicators = (y[:, None] == np.arange(n_classes))[:, -coef.shape[0] :]
    residual = weights[:, None] * (probabilities(dense, coef, intercept) - indicators)
    residual /= weights.sum()
    gradient = residual.T @ dense + l2 * coef
    np.testing.assert_allclose(residual.sum(axis=0), 0, atol=1e-6)
    nonzero = coef != 0
    np.testing.assert_allclose(gradient[nonzero], -alpha * np.sign(coef[nonzero]), atol=1e-6)
    assert (np.abs(gradient[~nonzero]) <= alpha + 1e-6).all()
    assert (coef[:, 7] == 0).all()  # the constant column
    if alpha:
        assert 0 < nonzero.sum() < nonzero.size - coef.shape[0]  # some weights zeroed, not all

    # scikit-learn's solver on the whole standardised copy: the same weights, no lower objective.
    reference = reference_fit(dense, y, weights, alpha, l2, n_classes)
    if reference is None:
        return
    np.testing.assert_allclose(coef, reference.coef_, atol=1e-4)
    np.testing.assert_array_equal(coef != 0, reference.coef_ != 0)
    # (liblinear's intercept keeps a small penalty: its probabilities differ by up to 4e-5)
    np.testing.assert_allclose(
        probabilities(dense, coef, intercept),
        probabilities(dense, reference.coef_, reference.intercept_),
        atol=1e-4,
    )
    ours = objective(dense, y, weights, coef, intercept, alpha, l2)
    theirs = objective(dense, y, weights, reference.coef_, reference.intercept_, alpha, l2)
    assert ours <= theirs + 1e-12


def test_warm_start_reaches_the_same_optimum(problem):
    X, y, weights, n_classes = problem
    rows = standardize(X, weights, copy=False).X
    cold = logistic_fit(rows, y, weights, n_classes=n_classes, alpha=0.005)
    start = logistic_fit(rows, y, weights, n_classes=n_classes, alpha=0.05)
    warm = logistic_fit(rows, y, weights, n_classes=n_classes, alpha=0.005, start=start)
    np.testing.assert_allclose(warm[0], cold[0], atol=1e-6)
    np.testing.assert_allclose(warm[1], cold[1], atol=1e-6)


@pytest.mark.parametrize("n_classes", [2, 3])
def test_separable_rows_get_finite_weights_and_no_warning(n_classes):
    rng = np.random.default_rng(1)
    X = rng.standard_normal((2000, 5))
    y = np.digitize(X[:, 0], [0.0] if n_classes == 2 else [-0.5, 0.5])  # separable by column 0
    weights = np.ones(y.size)
    rows = standardize(X, weights, copy=False).X
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for alpha, l2 in [(1e-4, 0.0), (0.0, 1e-4)]:
            penalties = dict(n_classes=n_classes, alpha=alpha, l2=l2)
            coef, intercept = logistic_fit(rows, y, weights, **penalties)
            assert np.isfinite(coef).all() and np.isfinite(intercept).all()
            largest = np.abs(coef).max(axis=0)
            assert largest.argmax() == 0 and largest[0] > 10
