"""LassoPruner and RidgePruner: facts about what they keep and the models they leave."""

import pickle
import warnings

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from sklearn.base import is_classifier, is_regressor
from sklearn.datasets import make_classification, make_regression
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import make_pipeline

from skprune import LassoPruner, RidgePruner
from skprune._linear import _base as _linear_base

PRUNERS = [LassoPruner, RidgePruner]


@pytest.fixture(scope="module")
def rescaled_regression():
    """200 columns, the first 10 informative, columns rescaled by factors 0.01 .. 100."""
    X, y = make_regression(
        n_samples=400, n_features=200, n_informative=10, noise=1.0, shuffle=False, random_state=0
    )
    return X * np.logspace(-2, 2, X.shape[1]), y


@pytest.fixture(scope="module")
def three_classes():
    """3 classes, the first 8 of 100 columns informative."""
    return make_classification(
        n_samples=600,
        n_features=100,
        n_informative=8,
        n_redundant=0,
        n_classes=3,
        shuffle=False,
        random_state=0,
    )


@pytest.mark.parametrize("Pruner", PRUNERS)
def test_keeps_exactly_the_informative_columns_whatever_their_scale(Pruner, rescaled_regression):
    X, y = rescaled_regression
    pruner = Pruner(k=10).fit(X, y)
    np.testing.assert_array_equal(pruner.get_support(indices=True), np.arange(10))
    assert set(np.flatnonzero(pruner.ranking_ <= 10)) == set(range(10))


@pytest.mark.parametrize("Pruner", PRUNERS)
def test_multiclass_keeps_most_informative_columns(Pruner, three_classes):
    X, y = three_classes
    pruner = Pruner(k=8).fit(X, y)
    assert np.isin(pruner.get_support(indices=True), np.arange(8)).sum() >= 6
    assert pruner.coef_.shape == (3, 100)


@pytest.mark.parametrize("Pruner", PRUNERS)
@pytest.mark.parametrize("refit", [True, False])
def test_pruned_columns_have_exactly_zero_weight(Pruner, refit, three_classes):
    X, y = three_classes
    pruner = Pruner(k=12, refit=refit).fit(X, y)
    assert np.all(pruner.coef_[:, ~pruner.support_] == 0)
    assert np.all(np.any(pruner.coef_[:, pruner.support_] != 0, axis=0))


@pytest.mark.parametrize("Pruner", PRUNERS)
def test_estimator_on_kept_columns_is_the_pruned_model(Pruner, rescaled_regression, three_classes):
    X, y = rescaled_regression
    pruner = Pruner(k=10).fit(X, y)
    kept = X[:, pruner.support_]
    linear = X @ pruner.coef_ + pruner.intercept_
    np.testing.assert_allclose(pruner.estimator_.predict(kept), linear)
    np.testing.assert_array_equal(pruner.estimator_.predict(kept), pruner.predict(X))

    X, y = three_classes
    pruner = Pruner(k=10).fit(X, y)
    kept = X[:, pruner.support_]
    decision = X @ pruner.coef_.T + pruner.intercept_
    np.testing.assert_allclose(pruner.estimator_.decision_function(kept), decision)
    np.testing.assert_array_equal(pruner.estimator_.predict(kept), pruner.predict(X))
    np.testing.assert_array_equal(pruner.predict(X), pruner.classes_[decision.argmax(axis=1)])
    # The plain model needs nothing from skprune.
    restored = pickle.loads(pickle.dumps(pruner.estimator_))
    np.testing.assert_array_equal(restored.predict(kept), pruner.predict(X))


def test_lasso_probabilities_come_from_the_pruned_logistic_model(three_classes):
    X, y = three_classes
    pruner = LassoPruner(k=10).fit(X, y)
    assert isinstance(pruner.estimator_, LogisticRegression)
    proba = pruner.predict_proba(X)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    np.testing.assert_array_equal(pruner.classes_[proba.argmax(axis=1)], pruner.predict(X))
    assert not hasattr(RidgePruner().fit(X, y), "predict_proba")


@pytest.mark.parametrize("k", [1, 5, 17, 60])
def test_auto_alpha_reaches_exactly_k(k, rescaled_regression):
    X, y = rescaled_regression
    pruner = LassoPruner(k=k, refit=False).fit(X, y)
    assert pruner.support_.sum() == k
    assert np.count_nonzero(pruner.coef_) == k


def test_auto_alpha_is_the_strongest_penalty_keeping_enough(rescaled_regression):
    X, y = rescaled_regression
    pruner = LassoPruner(k=10).fit(X, y)
    stronger = LassoPruner(alpha=pruner.alpha_ * 1.2, pruning_rate=0.0, refit=False).fit(X, y)
    assert np.count_nonzero(stronger.coef_) < 10
    at_alpha = LassoPruner(alpha=pruner.alpha_, pruning_rate=0.0, refit=False).fit(X, y)
    assert np.count_nonzero(at_alpha.coef_) >= 10


@pytest.mark.parametrize("Pruner", PRUNERS)
def test_rounds_reach_the_target(Pruner, rescaled_regression):
    X, y = rescaled_regression
    pruner = Pruner(k=10, n_iterations=4).fit(X, y)
    np.testing.assert_array_equal(pruner.get_support(indices=True), np.arange(10))
    np.testing.assert_array_equal(np.sort(pruner.ranking_), np.arange(1, 201))
    # Features cut in the first round (the 200 -> 152 step) rank below all the others.
    assert (pruner.ranking_[~pruner.support_] > 10).all()


def test_weight_granularity_counts_weights(three_classes):
    X, y = three_classes
    pruner = RidgePruner(k=20, granularity="weight").fit(X, y)
    assert np.count_nonzero(pruner.coef_) == 20
    kept = np.flatnonzero(np.any(pruner.coef_ != 0, axis=0))
    np.testing.assert_array_equal(pruner.get_support(indices=True), kept)
    assert pruner.transform(X).shape == (X.shape[0], kept.size)
    lasso = LassoPruner(k=20, granularity="weight", n_iterations=2).fit(X, y)
    assert np.count_nonzero(lasso.coef_) == 20


def test_multi_output_regression_has_one_weight_row_per_target():
    X, Y = make_regression(
        n_samples=300, n_features=30, n_informative=5, n_targets=3, shuffle=False, random_state=0
    )
    for Pruner in PRUNERS:
        pruner = Pruner(k=5).fit(X, Y)
        assert pruner.coef_.shape == (3, 30)
        np.testing.assert_array_equal(pruner.get_support(indices=True), np.arange(5))
        assert pruner.predict(X).shape == Y.shape


@pytest.mark.parametrize("Pruner", PRUNERS)
def test_weights_are_reported_in_the_units_of_x(Pruner, rescaled_regression):
    X, y = rescaled_regression
    pruner = Pruner(k=10).fit(X, y)
    factor = np.ones(X.shape[1])
    factor[:10] = 1000.0
    scaled = Pruner(k=10).fit(X * factor, y)
    np.testing.assert_array_equal(scaled.support_, pruner.support_)
    np.testing.assert_allclose(scaled.coef_ * factor, pruner.coef_, rtol=1e-6)
    np.testing.assert_allclose(scaled.intercept_, pruner.intercept_, rtol=1e-6)


@pytest.mark.parametrize("Pruner", PRUNERS)
@pytest.mark.parametrize("task", ["regression", "classification"])
def test_sparse_input_gives_the_same_selection(Pruner, task, rescaled_regression, three_classes):
    X, y = rescaled_regression if task == "regression" else three_classes
    dense = Pruner(k=10).fit(X, y)
    sparse = Pruner(k=10).fit(sp.csr_matrix(X), y)
    np.testing.assert_array_equal(sparse.support_, dense.support_)
    atol = 1e-3 * np.std(dense.predict(X))
    np.testing.assert_allclose(sparse.predict(sp.csr_matrix(X)), dense.predict(X), atol=atol)


@pytest.mark.parametrize("n_classes", [2, 3])
def test_ridge_classifier_on_uncentred_sparse_input_fits_its_intercept(n_classes):
    # A sparse X is scaled, not centred: the ridge fit must find the intercept itself.
    X, y = make_classification(
        n_samples=600, n_features=10, n_informative=4, n_classes=n_classes, random_state=0
    )
    X = X + np.linspace(1, 10, X.shape[1])
    dense = RidgePruner(pruning_rate=0.5).fit(X, y)
    sparse = RidgePruner(pruning_rate=0.5).fit(sp.csr_matrix(X), y)
    np.testing.assert_allclose(sparse.scores_, dense.scores_, atol=1e-3)
    np.testing.assert_array_equal(sparse.support_, dense.support_)
    # Unpruned and not refitted, the penalised model itself predicts.
    dense = RidgePruner(pruning_rate=0.0, refit=False).fit(X, y)
    sparse = RidgePruner(pruning_rate=0.0, refit=False).fit(sp.csr_matrix(X), y)
    np.testing.assert_allclose(
        sparse.decision_function(sp.csr_matrix(X)), dense.decision_function(X), atol=1e-3
    )


def test_sparse_input_stays_sparse(three_classes):
    X, y = three_classes
    X = sp.csr_matrix(np.where(np.abs(X) > 1, X, 0.0))
    out = LassoPruner(k=10).fit(X, y).transform(X)
    assert sp.issparse(out) and out.shape == (X.shape[0], 10)


@pytest.mark.parametrize("Pruner", PRUNERS)
@pytest.mark.parametrize("task", ["regression", "classification"])
def test_weight_two_equals_a_repeated_row(Pruner, task, rescaled_regression, three_classes):
    X, y = rescaled_regression if task == "regression" else three_classes
    X, y = X[:200], y[:200]
    weights = np.ones(len(y))
    weights[:20] = 2
    repeated = np.r_[np.arange(len(y)), np.arange(20)]
    weighted = Pruner(k=10).fit(X, y, sample_weight=weights)
    copied = Pruner(k=10).fit(X[repeated], y[repeated])
    np.testing.assert_array_equal(weighted.support_, copied.support_)
    np.testing.assert_allclose(weighted.coef_, copied.coef_, rtol=1e-5, atol=1e-8)


def test_grid_search_over_pruning_rate_in_a_pipeline(three_classes):
    X, y = three_classes
    pipe = make_pipeline(LassoPruner(), LogisticRegression(max_iter=1000))
    search = GridSearchCV(pipe, {"lassopruner__pruning_rate": [0.0, 0.92, 0.99]}, cv=3)
    search.fit(X, y)
    assert search.best_params_["lassopruner__pruning_rate"] == 0.92


@pytest.mark.parametrize("Pruner", PRUNERS)
def test_grid_search_over_k_scores_the_pruned_model(Pruner, rescaled_regression):
    X, y = rescaled_regression
    search = GridSearchCV(Pruner(), {"k": [2, 10, 40]}, cv=3).fit(X, y)
    assert search.best_params_["k"] in (10, 40)
    assert search.best_score_ > 0.99
    assert search.cv_results_["mean_test_score"][0] < 0.9


def test_task_decides_the_estimator_type():
    assert not is_classifier(LassoPruner()) and not is_regressor(LassoPruner())
    assert is_classifier(LassoPruner(task="classification"))
    assert is_regressor(RidgePruner(task="regression"))


def test_constant_column_gets_zero_weight_and_goes_first(rescaled_regression):
    X, y = rescaled_regression
    X = X[:, :20].copy()
    X[:, 3] = 7.0  # an informative column made constant
    for Pruner in PRUNERS:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            pruner = Pruner(pruning_rate=0.05).fit(X, y)
            sparse = Pruner(pruning_rate=0.05).fit(sp.csr_matrix(X), y)
        for fitted in (pruner, sparse):
            assert fitted.coef_[3] == 0 and fitted.scores_[3] == 0
            assert fitted.ranking_[3] == 20
            assert not fitted.support_[3]


@pytest.mark.parametrize("Pruner", PRUNERS)
@pytest.mark.parametrize("sparse", [False, True])
def test_columns_near_the_float_limits_are_pruned_as_their_rescaled_copies(
    Pruner, sparse, rescaled_regression
):
    # Found by tests/test_properties.py: squares of values near 1e300 overflowed (and of 1e-300
    # underflowed) in the standardisation, which then took such columns for constant ones.
    X, y = rescaled_regression
    X = X[:, :20] / np.abs(X[:, :20]).max(axis=0)
    extreme = X * np.where(np.arange(20) % 2, 1e300, 1e-300)
    to_input = sp.csr_matrix if sparse else np.asarray
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pruner = Pruner(k=10).fit(to_input(extreme), y)
    plain = Pruner(k=10).fit(to_input(X), y)
    np.testing.assert_array_equal(pruner.support_, plain.support_)
    np.testing.assert_allclose(pruner.scores_, plain.scores_, rtol=1e-6)


@pytest.mark.parametrize("Pruner", PRUNERS)
def test_dataframes_keep_their_names(Pruner, three_classes):
    X, y = three_classes
    df = pd.DataFrame(X, columns=[f"c{j}" for j in range(X.shape[1])])
    pruner = Pruner(k=8).fit(df, y)
    names = list(df.columns[pruner.support_])
    assert list(pruner.transform(df).columns) == names
    assert list(pruner.estimator_.feature_names_in_) == names
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        np.testing.assert_array_equal(pruner.estimator_.predict(df[names]), pruner.predict(df))


def _frame(three_classes):
    X, y = three_classes
    # A copy: pandas 1.5 wraps the array, and a test that edits the frame would edit the fixture.
    return pd.DataFrame(X[:, :5], columns=list("abcde"), copy=True), y


@pytest.mark.parametrize("Pruner", PRUNERS)
@pytest.mark.parametrize("bad, kind", [(np.nan, "NaN"), (np.inf, "infinity")])
def test_nan_and_inf_are_refused_with_an_imputer_suggested(Pruner, bad, kind, three_classes):
    df, y = _frame(three_classes)
    df.loc[4, "c"] = bad
    for X in (df, df.to_numpy(), sp.csr_matrix(df.to_numpy())):
        with pytest.raises(ValueError, match=kind) as error:
            Pruner().fit(X, y)
        message = str(error.value)
        assert "SimpleImputer" in message and "linear model" in message
        assert ("'c'" if X is df else "'x2'") in message


@pytest.mark.parametrize("Pruner", PRUNERS)
def test_non_numeric_columns_are_named(Pruner, three_classes):
    df, y = _frame(three_classes)
    df["colour"] = "red"
    df["size"] = pd.Categorical(["S"] * len(df))
    with pytest.raises(TypeError, match="'colour' .*'size'.*OneHotEncoder"):
        Pruner().fit(df, y)


@pytest.mark.parametrize("Pruner", PRUNERS)
@pytest.mark.parametrize("alpha", [0, -1.0, "big"])
def test_bad_alpha_is_named(Pruner, alpha, three_classes):
    X, y = three_classes
    with pytest.raises(ValueError, match="'alpha'"):
        Pruner(alpha=alpha).fit(X, y)


@pytest.mark.parametrize(
    "params, match",
    [
        ({"granularity": "neuron"}, "'granularity'"),
        ({"n_iterations": 0}, "'n_iterations'"),
        ({"task": "ranking"}, "'task'"),
        ({"standardize": "yes"}, "'standardize'"),
    ],
)
def test_bad_parameters_are_named(params, match, three_classes):
    X, y = three_classes
    for Pruner in PRUNERS:
        with pytest.raises(ValueError, match=match):
            Pruner(**params).fit(X, y)


@pytest.mark.parametrize("Pruner", PRUNERS)
def test_one_class_is_refused(Pruner, three_classes):
    X, _ = three_classes
    with pytest.raises(ValueError, match="one class"):
        Pruner(task="classification").fit(X, np.zeros(len(X)))


@pytest.mark.parametrize("Pruner", PRUNERS)
def test_transform_with_other_columns_is_refused(Pruner, three_classes):
    df, y = _frame(three_classes)
    pruner = Pruner(k=2).fit(df, y)
    with pytest.raises(ValueError, match="feature names"):
        pruner.transform(df.rename(columns={"a": "z"}))
    with pytest.raises(ValueError, match="feature names"):
        pruner.predict(df.rename(columns={"a": "z"}))
    with pytest.raises(ValueError, match="features"):
        pruner.transform(df.to_numpy()[:, :4])


@pytest.mark.parametrize("Pruner", PRUNERS)
def test_input_is_never_modified(Pruner, three_classes):
    X, y = three_classes
    weights = np.linspace(0.5, 2, len(y))
    inputs = [X.copy(), sp.csr_matrix(X), pd.DataFrame(X)]
    for data in inputs:
        before = data.copy()
        y_before, w_before = y.copy(), weights.copy()
        Pruner(k=5).fit(data, y, sample_weight=weights)
        if sp.issparse(data):
            assert (data != before).nnz == 0
        else:
            np.testing.assert_array_equal(np.asarray(data), np.asarray(before))
        np.testing.assert_array_equal(y, y_before)
        np.testing.assert_array_equal(weights, w_before)


@pytest.fixture
def narrow_float32(monkeypatch):
    """Keep every float32 X out of float64, as a large one is, however small it is."""
    monkeypatch.setattr(_linear_base, "NARROW_SIZE", 0)


@pytest.fixture(scope="module")
def tall_problems():
    """More rows than features (float32 regression fits on their moments), rescaled columns."""
    X, y = make_regression(
        n_samples=3000, n_features=30, n_informative=10, noise=5.0, shuffle=False, random_state=0
    )
    X = X * np.logspace(-2, 2, X.shape[1])
    X2, y2 = make_classification(
        n_samples=3000,
        n_features=30,
        n_informative=6,
        n_redundant=0,
        n_classes=2,
        shuffle=False,
        random_state=0,
    )
    return {
        "regression": (X, y),
        "two targets": (X, np.column_stack([y, X[:, :10] @ np.arange(10.0)])),
        "binary": (X2 * np.logspace(-2, 2, X2.shape[1]), y2),
    }


@pytest.mark.parametrize("Pruner", PRUNERS)
@pytest.mark.parametrize("problem", ["regression", "two targets", "binary", "wide", "3 classes"])
@pytest.mark.parametrize("weighted", [False, True])
def test_float32_input_selects_as_float64(
    Pruner, problem, weighted, narrow_float32, tall_problems, rescaled_regression, three_classes
):
    X, y = {"wide": rescaled_regression, "3 classes": three_classes, **tall_problems}[problem]
    X32 = X.astype(np.float32)
    before = X32.copy()
    weights = np.linspace(0.5, 2, len(y)) if weighted else None
    wide = Pruner(k=10).fit(X32.astype(np.float64), y, sample_weight=weights)
    narrow = Pruner(k=10).fit(X32, y, sample_weight=weights)
    np.testing.assert_array_equal(X32, before)
    np.testing.assert_array_equal(narrow.support_, wide.support_)
    if wide.task_ == "regression":
        predicted = wide.predict(X32)
        atol = 1e-4 * np.std(predicted)
        np.testing.assert_allclose(narrow.predict(X32), predicted, atol=atol)
        np.testing.assert_allclose(
            narrow.coef_, wide.coef_, rtol=1e-3, atol=1e-6 * abs(wide.coef_).max()
        )
    else:
        assert (narrow.predict(X32) == wide.predict(X32)).mean() > 0.99


@pytest.mark.parametrize("problem", ["regression", "two targets", "binary", "3 classes"])
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("n_iterations", [1, 2])
def test_float32_ridge_cross_validates_alpha_as_ridgecv(
    problem, weighted, n_iterations, narrow_float32, tall_problems, three_classes
):
    # A large float32 X is fitted on its moments; the leave-one-out errors are computed from
    # its rows a block at a time, and must pick RidgeCV's alpha on the float64 copy.
    X, y = {"3 classes": three_classes, **tall_problems}[problem]
    X32 = X.astype(np.float32)
    weights = np.linspace(0.5, 2, len(y)) if weighted else None
    params = dict(k=10, alpha="auto", n_iterations=n_iterations)
    wide = RidgePruner(**params).fit(X32.astype(np.float64), y, sample_weight=weights)
    narrow = RidgePruner(**params).fit(X32, y, sample_weight=weights)
    assert narrow.alpha_ == wide.alpha_
    np.testing.assert_array_equal(narrow.support_, wide.support_)
    # The moments solve agrees with the rows' solve to rounding in the largest weights.
    atol = 1e-7 * wide.scores_.max()
    np.testing.assert_allclose(narrow.scores_, wide.scores_, rtol=1e-5, atol=atol)


def test_leave_one_out_errors_are_ridgecvs():
    from sklearn.linear_model import RidgeCV

    from skprune._linear._row_blocks import RowBlocks
    from skprune._linear._solvers._ridge_gcv import loo_errors
    from skprune._linear._standardize import standardize

    rng = np.random.default_rng(0)
    X = rng.standard_normal((300, 6)) * [1, 10, 100, 0.1, 1, 1] + 5
    y = np.column_stack([X[:, 0] + rng.standard_normal(300), X[:, 1] - X[:, 2] / 10])
    weights = rng.uniform(0, 2, 300)
    data = standardize(X, weights)
    alphas = np.logspace(-3, 3, 7)
    ridge = RidgeCV(alphas=alphas, store_cv_results=True)
    expected = ridge.fit(data.X, y, sample_weight=weights).cv_results_.mean(axis=(0, 1))
    errors = loo_errors(RowBlocks.standardized(X, data), y, weights, alphas)
    np.testing.assert_allclose(errors, expected, rtol=1e-10)
    assert errors.argmin() not in (0, alphas.size - 1)  # the choice is not at an end of the grid


def test_float32_constant_column_gets_zero_weight_and_goes_last(narrow_float32, tall_problems):
    X, y = tall_problems["regression"]
    X = X.astype(np.float32)
    X[:, 3] = 7.0
    for Pruner in PRUNERS:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            pruner = Pruner(k=10).fit(X, y)
        assert pruner.coef_[3] == 0 and pruner.scores_[3] == 0
        assert pruner.ranking_[3] == X.shape[1]


@pytest.mark.parametrize("problem", ["binary", "3 classes"])
def test_large_l1_logistic_hands_x_to_no_scikit_learn_solver(
    problem, narrow_float32, tall_problems, three_classes, monkeypatch
):
    # liblinear would copy X into its own structures (about 10 times a float32 X), SAGA is
    # slower: the L1 path and the refit of a large X, float32 or float64, read the standardised
    # rows by blocks instead.
    X, y = three_classes if problem == "3 classes" else tall_problems["binary"]
    with monkeypatch.context() as small:
        small.setattr(_linear_base, "NARROW_SIZE", X.size + 1)  # X is small: scikit-learn's
        reference = LassoPruner(k=8).fit(X, y)

    def refuse(*args, **kwargs):
        raise AssertionError("X was handed to a scikit-learn solver")

    monkeypatch.setattr(LogisticRegression, "fit", refuse)
    pruner = LassoPruner(k=8).fit(X.astype(np.float32), y)
    informative = 6 if problem == "binary" else 8  # the first columns
    assert (LassoPruner(k=8).fit(X, y).support_ == pruner.support_).all()  # float64 X too
    # The 8 kept hold the 6 informative of the binary problem, most of the 8 of the other.
    assert np.isin(pruner.get_support(indices=True), np.arange(informative)).sum() >= 6
    # ... the same 8 as scikit-learn's solvers keep, and (nearly) the same predictions.
    np.testing.assert_array_equal(pruner.support_, reference.support_)
    assert (pruner.predict(X) == reference.predict(X)).mean() > 0.99


def test_float32_table_too_wide_for_the_block_solver_fits_with_scikit_learns(
    narrow_float32, monkeypatch
):
    # 3 classes x 400 columns: the block solver's Hessian would hold 1200**2 float64 values
    # (11 MiB, against 94 KiB of X); scikit-learn's solver takes a float32 copy instead.
    from skprune._linear import _lasso_path, _lasso_pruner

    def refuse(*args, **kwargs):
        raise AssertionError("the block solver was used")

    monkeypatch.setattr(_lasso_path, "logistic_fit", refuse)
    monkeypatch.setattr(_lasso_pruner, "logistic_fit", refuse)
    X, y = make_classification(
        n_samples=60, n_features=400, n_informative=5, n_classes=3, shuffle=False, random_state=0
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # saga's convergence on 60 rows
        pruner = LassoPruner(k=5).fit(X.astype(np.float32), y)
    assert pruner.support_.sum() == 5
