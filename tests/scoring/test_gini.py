"""GiniSelector and gini_scores: each test states a fact that fails if the scores are wrong."""

import itertools
import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import make_classification, make_regression
from sklearn.feature_selection import SelectKBest
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

from skprune import GiniSelector, gini_scores


def tree_gain(column, y, task, sample_weight=None):
    """Impurity decrease of a depth-1 scikit-learn tree on one column (0 if it does not split)."""
    tree_class = DecisionTreeClassifier if task == "classification" else DecisionTreeRegressor
    tree = tree_class(max_depth=1, random_state=0)
    tree = tree.fit(np.asarray(column, dtype=float).reshape(-1, 1), y, sample_weight=sample_weight)
    if tree.tree_.node_count == 1:
        return 0.0
    weight, impurity = tree.tree_.weighted_n_node_samples, tree.tree_.impurity
    return impurity[0] - (weight[1] * impurity[1] + weight[2] * impurity[2]) / weight[0]


def best_subset_gain(codes, y, task):
    """Best impurity decrease over every split of the levels into two groups (brute force)."""
    levels = np.unique(codes)
    best = 0.0
    for size in range(1, len(levels)):
        for group in itertools.combinations(levels, size):
            best = max(best, tree_gain(np.isin(codes, group), y, task))
    return best


def random_table(rng, n_samples=300, n_features=6, missing=0.0):
    # Rounded values make ties, the case where only cuts between distinct values are allowed.
    X = rng.standard_normal((n_samples, n_features)).round(1)
    X[rng.random(X.shape) < missing] = np.nan
    return X


@pytest.mark.parametrize("task", ["classification", "regression"])
@pytest.mark.parametrize("missing", [0.0, 0.2])
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("n_classes", [2, 3])
def test_exact_split_equals_a_depth_one_tree(task, missing, weighted, n_classes):
    rng = np.random.default_rng(n_classes)
    X = random_table(rng, missing=missing)
    if task == "classification":
        y = rng.integers(0, n_classes, X.shape[0])
    else:
        y = rng.standard_normal(X.shape[0]) + n_classes * (X[:, 0] > 0)
    weight = rng.integers(0, 4, X.shape[0]).astype(float) if weighted else None
    scores = gini_scores(X, y, task=task, splitter="exact", sample_weight=weight)
    expected = [tree_gain(X[:, j], y, task, weight) for j in range(X.shape[1])]
    np.testing.assert_allclose(scores, expected, rtol=1e-10, atol=1e-14)


@pytest.mark.parametrize("task", ["classification", "regression"])
def test_histogram_equals_exact_when_every_value_has_its_bin(task):
    rng = np.random.default_rng(0)
    X = random_table(rng, missing=0.1)  # about 60 distinct values per column, fewer than bins
    y = rng.integers(0, 2, X.shape[0]) if task == "classification" else rng.standard_normal(300)
    exact = gini_scores(X, y, splitter="exact")
    np.testing.assert_allclose(gini_scores(X, y, splitter="histogram"), exact, rtol=1e-10)


def test_histogram_is_close_to_exact_and_selects_the_same_features():
    X, y = make_classification(
        n_samples=20_000, n_features=20, n_informative=5, n_redundant=0, shuffle=False,
        random_state=0,
    )  # fmt: skip
    exact = GiniSelector(k=5, splitter="exact").fit(X, y)
    binned = GiniSelector(k=5, splitter="histogram").fit(X, y)
    # Cuts between 255 equal-frequency bins lose little: at most 1e-3 of a decrease, never more
    # than the exact search finds.
    assert np.all(binned.scores_ <= exact.scores_ + 1e-12)
    np.testing.assert_allclose(binned.scores_, exact.scores_, atol=1e-3)
    np.testing.assert_array_equal(binned.get_support(), exact.get_support())


@pytest.mark.parametrize("splitter", ["exact", "histogram"])
def test_keeps_the_informative_columns_of_make_classification(splitter):
    X, y = make_classification(
        n_samples=2000, n_features=40, n_informative=5, n_redundant=0, n_clusters_per_class=1,
        class_sep=2.0, shuffle=False, random_state=0,
    )  # fmt: skip
    selector = GiniSelector(k=5, splitter=splitter).fit(X, y)
    np.testing.assert_array_equal(selector.get_support(indices=True), np.arange(5))


@pytest.mark.parametrize("method", ["split", "forest"])
def test_keeps_the_informative_columns_of_make_regression(method):
    X, y = make_regression(
        n_samples=1000, n_features=30, n_informative=5, noise=1.0, shuffle=False, random_state=0
    )
    selector = GiniSelector(k=5, method=method, n_estimators=50, random_state=0).fit(X, y)
    assert selector.task_ == "regression"
    np.testing.assert_array_equal(selector.get_support(indices=True), np.arange(5))


def test_missing_values_go_to_the_better_side():
    # Observed values split cleanly at 0 (class 0 below, class 1 above); every missing row is of
    # class 1, so they belong on the right: the best split then separates the classes perfectly.
    rng = np.random.default_rng(0)
    x = np.concatenate([rng.uniform(-2, -0.1, 100), rng.uniform(0.1, 2, 100), np.full(50, np.nan)])
    y = np.repeat([0, 1, 1], [100, 100, 50])
    parent_gini = 1 - (100 / 250) ** 2 - (150 / 250) ** 2
    for column in (x, -x):  # whichever side the class-1 rows are on
        score = gini_scores(column.reshape(-1, 1), y)[0]
        np.testing.assert_allclose(score, parent_gini)
    wrong_side = gini_scores(np.nan_to_num(x, nan=-5.0).reshape(-1, 1), y)[0]
    assert wrong_side < parent_gini - 0.05


@pytest.mark.parametrize("task", ["classification", "regression"])
def test_missing_score_is_the_better_of_both_placements(task):
    # The candidates with NaN are exactly those of NaN replaced by a value below every observed
    # value, plus those of NaN above every observed value.
    rng = np.random.default_rng(1)
    X = random_table(rng, missing=0.3)
    y = rng.integers(0, 3, 300) if task == "classification" else rng.standard_normal(300)
    below = gini_scores(np.nan_to_num(X, nan=-10.0), y, task=task)
    above = gini_scores(np.nan_to_num(X, nan=10.0), y, task=task)
    np.testing.assert_allclose(gini_scores(X, y, task=task), np.maximum(below, above), rtol=1e-10)


@pytest.mark.parametrize("task", ["classification", "regression"])
@pytest.mark.parametrize("splitter", ["exact", "histogram"])
def test_categorical_columns_score_their_best_grouping_of_categories(task, splitter):
    rng = np.random.default_rng(2)
    n = 400
    codes = rng.integers(0, 6, n)
    effect = np.array([0.1, 0.9, 0.3, 0.8, 0.2, 0.6])[codes]
    if task == "classification":
        y = (rng.random(n) < effect).astype(int)
    else:
        y = effect + 0.3 * rng.standard_normal(n)
    labels = np.array(list("abcdef"), dtype=object)[codes]
    labels[rng.random(n) < 0.1] = None  # missing values are a category of their own
    frame = pd.DataFrame({"category": pd.Categorical(labels), "string": labels})
    # The plain gain; the chance correction is tested in test_many_levels.py.
    scores = gini_scores(frame, y, task=task, splitter=splitter, chance_correction=False)
    expected = best_subset_gain(pd.factorize(labels, use_na_sentinel=False)[0], y, task)
    np.testing.assert_allclose(scores, [expected, expected], rtol=1e-10)


def test_multiclass_categories_try_the_order_of_each_class():
    # Rows per category (a, b, c, d) and class (0, 1, 2). Ordering the categories by the share of
    # class 1 misses the best grouping; the orders by class 0 and class 2 find it.
    counts = np.array([[50, 40, 30], [20, 20, 10], [10, 10, 10], [50, 40, 50]])
    labels = np.repeat(list("abcd"), counts.sum(axis=1))
    y = np.concatenate([np.repeat(np.arange(3), row) for row in counts])
    expected = best_subset_gain(pd.factorize(labels)[0], y, "classification")
    scores = gini_scores(pd.DataFrame({"letter": labels}), y, chance_correction=False)
    np.testing.assert_allclose(scores, [expected])


def test_integer_columns_are_ordered_numbers_and_categories_are_not():
    # y is 1 at the two ends of the scale: no cut of the ordered numbers separates it, a
    # grouping of categories does.
    x = np.repeat(np.arange(5), 40)
    y = np.isin(x, [0, 4]).astype(int)
    as_numbers = gini_scores(pd.DataFrame({"x": x}), y)[0]
    as_categories = gini_scores(pd.DataFrame({"x": pd.Categorical(x)}), y, chance_correction=False)[
        0
    ]
    parent_gini = 1 - 0.4**2 - 0.6**2
    np.testing.assert_allclose(as_categories, parent_gini)
    assert as_numbers < 0.75 * parent_gini
    np.testing.assert_allclose(as_numbers, tree_gain(x, y, "classification"))


def test_categorical_columns_pass_through_transform_unchanged():
    rng = np.random.default_rng(3)
    n = 300
    color = pd.Categorical(rng.choice(["red", "green", "blue"], n))
    y = (np.asarray(color) == "red").astype(int)
    frame = pd.DataFrame(
        {
            "noise": rng.standard_normal(n),
            "color": color,
            "name": pd.Series(np.where(y == 1, "yes", "no"), dtype="string"),
            "count": rng.integers(0, 3, n),
        }
    )
    selector = GiniSelector(k=2).fit(frame, y)
    out = selector.transform(frame)
    assert list(out.columns) == ["color", "name"]
    pd.testing.assert_frame_equal(out, frame[["color", "name"]])


def test_forest_finds_an_xor_that_single_splits_cannot():
    rng = np.random.default_rng(0)
    X = rng.uniform(-1, 1, (2000, 10))
    y = ((X[:, 3] > 0) ^ (X[:, 7] > 0)).astype(int)
    split = GiniSelector(k=2).fit(X, y)
    forest = GiniSelector(k=2, method="forest", n_estimators=50, random_state=0).fit(X, y)
    np.testing.assert_array_equal(forest.get_support(indices=True), [3, 7])
    assert split.scores_[[3, 7]].max() < 0.01
    assert forest.scores_[[3, 7]].min() > 0.3


def test_forest_is_exposed_with_the_original_labels():
    X, y = make_classification(n_samples=200, n_features=5, random_state=0)
    labels = np.array(["no", "yes"])[y]
    selector = GiniSelector(method="forest", n_estimators=5, random_state=0).fit(X, labels)
    assert list(selector.estimator_.classes_) == ["no", "yes"]
    np.testing.assert_allclose(selector.scores_, selector.estimator_.feature_importances_)
    assert set(selector.estimator_.predict(X)) <= {"no", "yes"}


@pytest.mark.parametrize("splitter", ["exact", "histogram"])
@pytest.mark.parametrize("task", ["classification", "regression"])
def test_weight_two_equals_a_repeated_row(splitter, task):
    rng = np.random.default_rng(4)
    X = random_table(rng, n_samples=200, missing=0.1)
    y = rng.integers(0, 3, 200) if task == "classification" else rng.standard_normal(200)
    weight = rng.integers(0, 3, 200)
    repeated = gini_scores(X.repeat(weight, axis=0), y.repeat(weight), task=task, splitter=splitter)
    weighted = gini_scores(X, y, task=task, splitter=splitter, sample_weight=weight)
    np.testing.assert_allclose(weighted, repeated, rtol=1e-9, atol=1e-15)


def test_constant_and_empty_columns_score_zero_without_warnings():
    rng = np.random.default_rng(5)
    X = np.column_stack([np.ones(100), np.full(100, np.nan), rng.standard_normal(100)])
    y = rng.integers(0, 2, 100)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        scores = gini_scores(X, y)
        binned = gini_scores(X, y, splitter="histogram")
    np.testing.assert_array_equal(scores[:2], [0.0, 0.0])
    np.testing.assert_array_equal(binned[:2], [0.0, 0.0])
    assert scores[2] > 0


@pytest.mark.parametrize("splitter", ["exact", "histogram"])
def test_an_entirely_missing_integer_column_scores_zero(splitter):
    # Found by tests/test_properties.py: a discrete column with no observed value has no level
    # in the histogram splitter's table (an IndexError before the fix).
    X = pd.DataFrame({"a": pd.array([pd.NA] * 3, dtype="Int64")})
    np.testing.assert_array_equal(gini_scores(X, [0, 1, 0], splitter=splitter), [0.0])


def test_forest_refuses_values_beyond_float32_naming_the_column():
    # Found by tests/test_properties.py: scikit-learn's trees cast X to float32, which turned
    # 1e300 into infinity with an overflow warning before refusing it.
    X = pd.DataFrame({"a": [1.0, 2.0, 3.0, 4.0], "b": [1e300, -2e300, 3e300, 0.5]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match="Column 'b' of X holds values beyond float32"):
            GiniSelector(method="forest", n_estimators=2).fit(X, [0, 1, 0, 1])
        GiniSelector().fit(X, [0, 1, 0, 1])  # the split method takes them


def test_threads_and_column_blocks_do_not_change_the_scores(monkeypatch):
    import skprune._scoring._gini as gini_module

    X, y = make_classification(n_samples=500, n_features=30, random_state=0)
    whole = gini_scores(X, y)
    monkeypatch.setattr(gini_module, "SORT_BYTES_PER_VALUE", 2**20)  # one column per block
    np.testing.assert_array_equal(gini_scores(X, y, n_jobs=2), whole)


def test_score_function_works_inside_select_k_best():
    X, y = make_regression(n_samples=300, n_features=10, n_informative=2, shuffle=False,
                           random_state=0)  # fmt: skip
    kept = SelectKBest(gini_scores, k=2).fit(X, y).get_support(indices=True)
    np.testing.assert_array_equal(kept, [0, 1])


@pytest.fixture
def data():
    return make_classification(n_samples=100, n_features=5, random_state=0)


@pytest.mark.parametrize(
    "params, match",
    [
        ({"method": "tree"}, "'method'"),
        ({"splitter": "fast"}, "'splitter'"),
        ({"max_bins": 1}, "'max_bins'"),
        ({"k": 0}, "'k'"),
        ({"n_estimators": 0}, "'n_estimators'"),
        ({"max_features": "all"}, "'max_features'"),
        ({"task": "ranking"}, "'task'"),
    ],
)
def test_bad_parameters_are_named(data, params, match):
    X, y = data
    with pytest.raises(ValueError, match=match):
        GiniSelector(**params).fit(X, y)


def test_bad_data_is_refused_with_the_culprit_named(data):
    X, y = data
    frame = pd.DataFrame(X, columns=list("abcde"))
    frame_with_inf = frame.copy()
    frame_with_inf.loc[3, "c"] = np.inf
    with pytest.raises(ValueError, match="infinity in column 'c'"):
        GiniSelector().fit(frame_with_inf, y)
    assert np.isinf(frame_with_inf.loc[3, "c"])  # nothing mutated
    with pytest.raises(ValueError, match="y has a single value"):
        GiniSelector().fit(X, np.zeros(100))
    with pytest.raises(ValueError, match="y has a single value"):
        GiniSelector(task="regression").fit(X, np.ones(100))
    with pytest.raises(ValueError, match="100 rows but y has 99"):
        GiniSelector().fit(X, y[:99])
    with pytest.raises(ValueError, match="sample_weight"):
        GiniSelector().fit(X, y, sample_weight=-np.ones(100))
    with pytest.raises(ValueError, match="X is empty"):
        GiniSelector().fit(frame.iloc[:0], y[:0])
    with pytest.raises(ValueError, match="X has 4 features, but GiniSelector is expecting 5"):
        GiniSelector().fit(X, y).transform(X[:, :4])
    with pytest.raises(ValueError, match="feature names should match"):
        GiniSelector().fit(frame, y).transform(frame.rename(columns={"a": "z"}))


def test_k_above_the_number_of_features_keeps_all_with_a_warning(data):
    X, y = data
    with pytest.warns(UserWarning, match="k=9"):
        selector = GiniSelector(k=9).fit(X, y)
    assert selector.get_support().all()
