"""MutualInfoSelector and mutual_info_scores: facts about the features they find."""

import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import make_classification, make_regression
from sklearn.feature_selection import SelectKBest, mutual_info_classif, mutual_info_regression
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import make_pipeline

from skprune import MutualInfoSelector, mutual_info_scores


@pytest.fixture(scope="module")
def classification():
    return make_classification(
        n_samples=3000,
        n_features=20,
        n_informative=5,
        n_redundant=0,
        n_classes=3,
        shuffle=False,
        random_state=0,
    )


@pytest.mark.parametrize("estimator", ["histogram", "knn"])
def test_finds_the_informative_classification_columns(classification, estimator):
    X, y = classification
    selector = MutualInfoSelector(k=5, estimator=estimator, random_state=0).fit(X, y)
    np.testing.assert_array_equal(selector.get_support(indices=True), np.arange(5))
    assert selector.task_ == "classification"
    assert selector.ranking_[selector.get_support()].max() == 5


@pytest.mark.parametrize("estimator", ["histogram", "knn"])
def test_finds_the_informative_regression_columns(estimator):
    X, y = make_regression(
        n_samples=2000, n_features=15, n_informative=4, shuffle=False, random_state=0
    )
    selector = MutualInfoSelector(k=4, estimator=estimator, random_state=0).fit(X, y)
    np.testing.assert_array_equal(selector.get_support(indices=True), np.arange(4))
    assert selector.task_ == "regression"


def test_knn_agrees_with_scikit_learn(classification):
    X, y = classification
    ours = mutual_info_scores(X, y, estimator="knn", random_state=0)
    # Same preprocessing and estimator: only the 1e-10 tie-breaking noise differs.
    np.testing.assert_allclose(ours, mutual_info_classif(X, y, random_state=0), atol=1e-9)
    X_reg, y_reg = make_regression(n_samples=500, n_features=5, random_state=0)
    ours = mutual_info_scores(X_reg, y_reg, estimator="knn", random_state=0)
    np.testing.assert_allclose(
        ours, mutual_info_regression(X_reg, y_reg, random_state=0), atol=1e-9
    )


def test_knn_agrees_with_scikit_learn_on_discrete_columns():
    rng = np.random.default_rng(0)
    X = np.column_stack([rng.integers(0, 4, 800), rng.standard_normal(800)])
    y = (X[:, 0] + rng.integers(0, 2, 800)).astype(int)
    # scikit-learn's estimates are not corrected for chance.
    ours = mutual_info_scores(
        X, y, estimator="knn", discrete_features=[0], chance_correction=False, random_state=0
    )
    theirs = mutual_info_classif(X, y, discrete_features=[0], random_state=0)
    np.testing.assert_allclose(ours, theirs, atol=1e-9)


@pytest.mark.parametrize("estimator, tolerance", [("histogram", 0.05), ("knn", 0.02)])
def test_estimates_the_mutual_information_of_a_gaussian_pair(estimator, tolerance):
    rho = 0.8
    rng = np.random.default_rng(0)
    x = rng.standard_normal(50_000)
    y = rho * x + np.sqrt(1 - rho**2) * rng.standard_normal(50_000)
    truth = -0.5 * np.log(1 - rho**2)
    estimate = mutual_info_scores(x.reshape(-1, 1), y, estimator=estimator, random_state=0)[0]
    assert abs(estimate - truth) < tolerance


def test_categorical_columns_are_scored_and_pass_through_unchanged():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 3, 1000)
    colours = np.array(["red", "green", "blue"])
    frame = pd.DataFrame(
        {
            "noise": rng.standard_normal(1000),
            "colour": pd.Categorical(colours[y]),
            "label": pd.Series(colours[(y + 1) % 3], dtype="string"),
            "flag": rng.integers(0, 2, 1000).astype(bool),
            "small_int": rng.integers(0, 5, 1000),
        }
    )
    before = frame.copy()
    selector = MutualInfoSelector(k=2).fit(frame, y)
    out = selector.transform(frame)
    assert list(out.columns) == ["colour", "label"]
    assert isinstance(out["colour"].dtype, pd.CategoricalDtype)
    assert out["label"].dtype == frame["label"].dtype
    pd.testing.assert_frame_equal(frame, before)
    np.testing.assert_array_equal(selector.discrete_features_, [False, True, True, True, True])


def test_missing_values_are_information():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 2000)
    X = rng.standard_normal((2000, 3))
    X[y == 1, 1] = np.nan  # whether column 1 is missing tells the class
    X_before = X.copy()
    for estimator in ("histogram", "knn"):
        selector = MutualInfoSelector(k=1, estimator=estimator, random_state=0).fit(X, y)
        assert selector.get_support(indices=True).tolist() == [1]
        # I(missing; y) = log 2 for a balanced binary target.
        assert selector.scores_[1] == pytest.approx(np.log(2), abs=0.01)
    np.testing.assert_array_equal(X, X_before)


def test_redundancy_drops_duplicated_informative_columns():
    # Three independent informative columns, the first the strongest, and two copies of it.
    # Not much the strongest: JMI credits a copy with the original's joint information with the
    # second pick, I(X_0, X_1; Y), and with a weight of 1.5 on X_0 that outweighs what X_2 adds
    # (JMI then keeps a copy in 7 seeds of 10 with plain estimates, 10 of 10 corrected).
    rng = np.random.default_rng(0)
    Z = rng.standard_normal((4000, 6))
    y = (1.2 * Z[:, 0] + Z[:, 1] + Z[:, 2] + 0.5 * rng.standard_normal(4000) > 0).astype(int)
    X = np.column_stack([Z, Z[:, 0], Z[:, 0]])
    univariate = MutualInfoSelector(k=3).fit(X, y).get_support(indices=True)
    assert univariate.tolist() == [0, 6, 7]  # the column and its two copies
    for redundancy in ("mrmr", "jmi"):
        selector = MutualInfoSelector(k=3, redundancy=redundancy).fit(X, y)
        assert selector.get_support(indices=True).tolist() == [0, 1, 2], redundancy
        assert np.isfinite(selector.redundancy_scores_[[0, 1, 2]]).all()


def test_partial_fit_chunks_equal_a_whole_fit_with_the_same_edges(classification):
    X, y = classification
    edges = [np.quantile(X[:, j], [0.25, 0.5, 0.75]) for j in range(X.shape[1])]
    weights = np.random.default_rng(0).uniform(0.5, 2, X.shape[0])
    whole = MutualInfoSelector(k=5, bin_edges=edges).fit(X, y, sample_weight=weights)
    chunked = MutualInfoSelector(k=5, bin_edges=edges)
    for rows in np.array_split(np.arange(X.shape[0]), 7):
        chunked.partial_fit(X[rows], y[rows], sample_weight=weights[rows])
    np.testing.assert_allclose(chunked.counts_, whole.counts_)
    np.testing.assert_allclose(chunked.scores_, whole.scores_)
    np.testing.assert_array_equal(chunked.get_support(), whole.get_support())


def test_partial_fit_grows_categories_and_classes():
    frame = pd.DataFrame({"c": ["a", "b", "a", "c", "d", "d"], "x": [1.0, 2, 3, 4, 5, 6]})
    y = np.array([0, 1, 0, 1, 2, 2])
    whole = MutualInfoSelector(k=1, bin_edges=[None, [3.5]]).fit(frame, y)
    chunked = MutualInfoSelector(k=1, bin_edges=[None, [3.5]])
    chunked.partial_fit(frame.iloc[:3], y[:3])  # classes 0, 1 and categories a, b only
    chunked.partial_fit(frame.iloc[3:], y[3:])
    np.testing.assert_array_equal(chunked.classes_, [0, 1, 2])
    np.testing.assert_allclose(chunked.scores_, whole.scores_)


def test_partial_fit_is_not_offered_where_it_cannot_work():
    assert not hasattr(MutualInfoSelector(estimator="knn"), "partial_fit")
    assert not hasattr(MutualInfoSelector(redundancy="mrmr"), "partial_fit")


def test_sample_weight_counts_as_repetition(classification):
    X, y = classification
    X, y = X[:500], y[:500]
    weights = np.random.default_rng(0).integers(0, 3, 500)
    weighted = mutual_info_scores(X, y, sample_weight=weights)
    repeated = mutual_info_scores(np.repeat(X, weights, axis=0), np.repeat(y, weights))
    np.testing.assert_allclose(weighted, repeated)


def test_works_as_a_score_function_of_select_k_best(classification):
    X, y = classification
    support = SelectKBest(mutual_info_scores, k=5).fit(X, y).get_support(indices=True)
    np.testing.assert_array_equal(support, np.arange(5))


def test_pipeline_grid_search_over_pruning_rate(classification):
    X, y = classification
    X = pd.DataFrame(X, columns=[f"f{j}" for j in range(X.shape[1])])
    pipe = make_pipeline(MutualInfoSelector(), LogisticRegression(max_iter=500))
    search = GridSearchCV(pipe, {"mutualinfoselector__pruning_rate": [0.0, 0.5, 0.75]}, cv=3)
    search.fit(X, y)
    kept = search.best_estimator_[0].get_feature_names_out()
    assert {f"f{j}" for j in range(5)} <= set(kept)


def test_threshold_keeps_scores_at_or_above_it(classification):
    X, y = classification
    selector = MutualInfoSelector(threshold=0.05).fit(X, y)
    np.testing.assert_array_equal(selector.get_support(), selector.scores_ >= 0.05)


def test_equal_scores_keep_the_lower_index():
    rng = np.random.default_rng(0)
    x = rng.standard_normal(500)
    X = np.column_stack([rng.standard_normal(500), x, x])
    y = (x > 0).astype(int)
    assert MutualInfoSelector(k=1).fit(X, y).get_support(indices=True).tolist() == [1]


def test_n_bins_auto_follows_the_documented_rule():
    rng = np.random.default_rng(0)
    X, y = rng.standard_normal((1000, 1)), rng.integers(0, 2, 1000)
    selector = MutualInfoSelector().fit(X, y)
    assert len(selector.bin_edges_[0]) == 10 - 1  # ceil(1000 ** (1/3)) = 10 bins


def test_knn_scores_do_not_depend_on_the_magnitude_of_the_values():
    # Found by tests/test_properties.py: values near 1e300 overflowed the variance the k-NN
    # estimator scales by (a RuntimeWarning, and no scaling).
    rng = np.random.default_rng(0)
    X, y = rng.standard_normal((200, 2)), rng.standard_normal(200)
    y += X[:, 0]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        huge = mutual_info_scores(X * 1e300, y * 1e300, estimator="knn", random_state=0)
    plain = mutual_info_scores(X, y, estimator="knn", random_state=0)
    np.testing.assert_allclose(huge, plain, rtol=1e-6)


# Bad input: each error names what is at fault, nothing is mutated.


def test_infinity_is_refused_naming_the_column():
    X = pd.DataFrame({"a": [1.0, 2.0, 3.0, 4.0], "b": [1.0, np.inf, 0.0, 1.0]})
    with pytest.raises(ValueError, match="infinity in column 'b'"):
        MutualInfoSelector().fit(X, [0, 1, 0, 1])
    with pytest.raises(ValueError, match="infinity in column 'x1'"):
        MutualInfoSelector().fit(X.to_numpy(), [0, 1, 0, 1])


@pytest.mark.parametrize(
    "X, y, match",
    [
        (np.empty((0, 3)), [], "0 sample"),
        (np.empty((5, 0)), [0, 1, 0, 1, 0], "0 feature"),
        (pd.DataFrame(index=range(4)), [0, 1, 0, 1], "X is empty"),
        (np.ones((4, 2)), [0, 1, 0], "X has 4 rows but y has 3"),
        (np.random.default_rng(0).normal(size=(4, 2)), [1, 1, 1, 1], "y has a single value"),
        (np.random.default_rng(0).normal(size=(4, 2)), [1.5, 1.5, 1.5, 1.5], "y has a single"),
    ],
)
def test_bad_data_gets_a_clear_error(X, y, match):
    with pytest.raises(ValueError, match=match):
        MutualInfoSelector().fit(X, y)


def test_k_larger_than_the_number_of_features_keeps_all_with_a_warning(classification):
    X, y = classification
    with pytest.warns(UserWarning, match="k=50"):
        selector = MutualInfoSelector(k=50).fit(X, y)
    assert selector.get_support().all()


def test_transform_with_other_columns_is_refused(classification):
    X, y = classification
    frame = pd.DataFrame(X, columns=[f"f{j}" for j in range(X.shape[1])])
    selector = MutualInfoSelector().fit(frame, y)
    with pytest.raises(ValueError, match="feature names"):
        selector.transform(frame.rename(columns={"f0": "other"}))
    with pytest.raises(ValueError, match="20 features"):
        MutualInfoSelector().fit(X, y).transform(X[:, :5])


@pytest.mark.parametrize(
    "params, match",
    [
        ({"discrete_features": [True, False]}, "discrete_features"),
        ({"discrete_features": [0, 99]}, "discrete_features"),
        ({"bin_edges": [[0.0]]}, "bin_edges"),
        ({"estimator": "kde"}, "estimator"),
        ({"redundancy": "max"}, "redundancy"),
        ({"n_bins": 1}, "n_bins"),
        ({"task": "ranking"}, "task"),
    ],
)
def test_bad_parameters_are_named(classification, params, match):
    X, y = classification
    with pytest.raises(ValueError, match=match):
        MutualInfoSelector(**params).fit(X, y)


def test_sample_weight_with_knn_is_refused_not_ignored(classification):
    X, y = classification
    with pytest.raises(ValueError, match="sample_weight"):
        MutualInfoSelector(estimator="knn").fit(X, y, sample_weight=np.ones(len(y)))


def test_a_text_column_cannot_be_declared_continuous():
    frame = pd.DataFrame({"a": ["x", "y", "x", "y"], "b": [1.0, 2.0, 3.0, 4.0]})
    with pytest.raises(ValueError, match="Column 'a'"):
        MutualInfoSelector(discrete_features=[False, False]).fit(frame, [0, 1, 0, 1])


def test_a_date_column_is_refused_by_name():
    frame = pd.DataFrame({"when": pd.date_range("2020", periods=4), "b": [1.0, 2, 3, 4]})
    with pytest.raises(TypeError, match="Column 'when'"):
        MutualInfoSelector().fit(frame, [0, 1, 0, 1])


def test_sparse_input_gives_the_dense_selection(classification):
    import scipy.sparse as sp

    X, y = classification
    X = np.where(np.abs(X) < 0.5, 0.0, X)  # mostly zeros, as sparse data are
    dense = MutualInfoSelector(k=5).fit(X, y)
    sparse = MutualInfoSelector(k=5).fit(sp.csr_matrix(X), y)
    np.testing.assert_allclose(sparse.scores_, dense.scores_)
    assert sp.issparse(sparse.transform(sp.csr_matrix(X)))


def test_polars_in_polars_out(classification):
    pl = pytest.importorskip("polars")
    X, y = classification
    frame = pl.DataFrame({f"f{j}": X[:, j] for j in range(X.shape[1])})
    selector = MutualInfoSelector(k=5).fit(frame, y)
    out = selector.transform(frame)
    assert isinstance(out, pl.DataFrame)
    assert out.columns == [f"f{j}" for j in range(5)]


def test_float32_stays_float32(classification):
    X, y = classification
    X32 = X.astype(np.float32)
    assert MutualInfoSelector(k=5).fit(X32, y).transform(X32).dtype == np.float32
    frame = pd.DataFrame(X32)
    frame.columns = [f"f{j}" for j in range(X.shape[1])]
    out = MutualInfoSelector(k=5).fit(frame, y).transform(frame)
    assert (out.dtypes == np.float32).all()
