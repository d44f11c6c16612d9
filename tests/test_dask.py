"""Fits on dask collections equal the in-memory fits, on a real (in-process) dask cluster."""

import joblib
import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.datasets import make_classification, make_regression

from skprune import (
    GiniSelector,
    LassoPruner,
    MutualInfoSelector,
    RidgePruner,
    gini_scores,
    mutual_info_scores,
)

da = pytest.importorskip("dask.array")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

N_ROWS, CHUNK = 300_000, 50_000
# Test arrays travel inside the task graph; real data would be read by the tasks themselves.
pytestmark = pytest.mark.filterwarnings("ignore:Sending large graph:UserWarning")


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        processes=False, n_workers=2, threads_per_worker=1, dashboard_address=None
    )
    with cluster, distributed.Client(cluster) as client:
        yield client


@pytest.fixture(scope="module")
def table():
    """300,000 rows: 3 informative columns of 8, missing values in column 3, float32."""
    X, y = make_classification(
        n_samples=N_ROWS, n_features=8, n_informative=3, n_redundant=0, shuffle=False,
        random_state=0,
    )  # fmt: skip
    X[::97, 3] = np.nan
    X = X.astype(np.float32)
    target = X[:, 0] + X[:, 1] ** 2 + np.random.default_rng(0).normal(size=N_ROWS)
    return X, {"classification": y, "regression": target}


def chunked(*arrays):
    return [da.from_array(a, chunks=(CHUNK,) + a.shape[1:]) for a in arrays]


SELECTORS = [MutualInfoSelector(k=3), GiniSelector(k=3, splitter="histogram")]


@pytest.mark.parametrize("task", ["classification", "regression"])
@pytest.mark.parametrize("selector", SELECTORS, ids=["mutual_info", "gini"])
def test_chunked_fit_equals_the_in_memory_fit(client, table, selector, task):
    X, targets = table
    y = targets[task]
    in_memory = selector.fit(X, y).scores_.copy()
    on_dask = selector.fit(*chunked(X, y))
    # Unweighted counts are integers, exact in any order; Gini regression centres y on a mean
    # summed in another order.
    np.testing.assert_allclose(on_dask.scores_, in_memory, rtol=1e-12, atol=1e-15)
    assert {0, 1} <= set(on_dask.get_support(indices=True))


def test_score_functions_take_dask_input(client, table):
    X, targets = table
    X, y = X[:100_000], targets["regression"][:100_000]
    Xd, yd = chunked(X, y)
    np.testing.assert_allclose(mutual_info_scores(Xd, yd), mutual_info_scores(X, y), rtol=1e-12)
    expected = gini_scores(X, y, splitter="histogram")
    np.testing.assert_allclose(gini_scores(Xd, yd), expected, rtol=1e-9)
    with pytest.raises(TypeError, match="gini_scores.splitter='exact'.*Use splitter='histogram'"):
        gini_scores(Xd, yd, splitter="exact")


def test_same_bin_edges_give_exactly_the_in_memory_counts(client, table):
    X, targets = table
    y = targets["classification"]
    edges = [np.quantile(c[~np.isnan(c)], np.linspace(0, 1, 9)[1:-1]) for c in X.T]
    in_memory = MutualInfoSelector(bin_edges=edges).fit(X, y)
    on_dask = MutualInfoSelector(bin_edges=edges).fit(*chunked(X, y))
    np.testing.assert_array_equal(on_dask.counts_, in_memory.counts_)
    assert on_dask.counts_.sum() == N_ROWS * X.shape[1]


def test_sampled_edges_select_as_exact_quantiles_do_within_a_bounded_score_change(client, table):
    # Edges come from quantiles of a 200,000-row sample (as in memory); against edges of exact
    # quantiles of all 300,000 rows, scores move by less than 5e-4 nats (2.5e-5
    # measured) and the selection holds.
    X, targets = table
    y = targets["classification"]
    on_dask = MutualInfoSelector(k=3).fit(*chunked(X, y))
    quantiles = np.linspace(0, 1, on_dask.binner_.n_bins + 1)[1:-1]
    exact = [np.quantile(c[~np.isnan(c)], quantiles, method="inverted_cdf") for c in X.T]
    reference = MutualInfoSelector(k=3, bin_edges=exact).fit(X, y)
    assert on_dask.binner_.n_bins == 67  # "auto" bins follow all 300,000 rows, not the sample
    assert np.abs(on_dask.scores_ - reference.scores_).max() < 5e-4
    assert on_dask.get_support().tolist() == reference.get_support().tolist()


def test_dataframe_with_integer_levels_missing_values_and_weights(client, table):
    X, targets = table
    frame = pd.DataFrame(X[:60_000], columns=[f"f{j}" for j in range(8)])
    frame["level"] = (X[:60_000, 0] > 0).astype(np.int64) + 2 * (X[:60_000, 1] > 1)
    y = pd.Series(targets["classification"][:60_000], name="y")
    weight = np.random.default_rng(1).integers(0, 3, 60_000).astype(float)
    lazy = dd.from_pandas(frame, npartitions=4)
    for selector in SELECTORS:
        in_memory = selector.fit(frame, y, sample_weight=weight).scores_.copy()
        on_dask = selector.fit(
            lazy, dd.from_pandas(y, npartitions=4), sample_weight=da.from_array(weight, 15_000)
        )
        np.testing.assert_allclose(on_dask.scores_, in_memory, rtol=1e-9, atol=1e-12)
        assert on_dask.feature_names_in_.tolist() == frame.columns.tolist()
    assert MutualInfoSelector().fit(lazy, y).discrete_features_.tolist() == [False] * 8 + [True]


def test_a_dask_refit_forgets_the_p_values_of_an_in_memory_fit(client, table):
    X, targets = table
    y = targets["classification"]
    selector = GiniSelector(fdr=0.05, n_permutations=50, random_state=0).fit(X[:2000], y[:2000])
    assert hasattr(selector, "pvalues_")
    selector.set_params(fdr=None, k=3).fit(da.from_array(X, CHUNK), da.from_array(y, CHUNK))
    assert not hasattr(selector, "pvalues_")
    assert selector.get_support().sum() == 3


def test_transform_stays_lazy_and_keeps_the_selected_columns(client, table):
    X, targets = table
    Xd, yd = chunked(X, targets["classification"])
    selector = MutualInfoSelector(k=3).fit(Xd, yd)
    reduced = selector.transform(Xd)
    assert isinstance(reduced, da.Array)
    np.testing.assert_array_equal(reduced[:1000].compute(), X[:1000, :3])
    frame = dd.from_array(Xd[:1000], columns=[f"f{j}" for j in range(8)])
    frame = frame.repartition(npartitions=1)
    named = MutualInfoSelector(k=3).fit(frame, targets["classification"][:1000])
    assert named.transform(frame).columns.tolist() == named.get_feature_names_out().tolist()


def test_a_chunked_fit_goes_on_with_partial_fit(client, table):
    X, targets = table
    y = targets["classification"]
    selector = MutualInfoSelector().fit(*chunked(X[:200_000], y[:200_000]))
    selector.partial_fit(X[200_000:], y[200_000:])
    whole = MutualInfoSelector(bin_edges=selector.bin_edges_).fit(X, y)
    np.testing.assert_array_equal(selector.counts_, whole.counts_)


def _no_score(estimator, X, y):
    """A scorer for dask-ml, which requires one even to fit (selectors have no ``score``)."""
    return 0.0


def test_dask_ml_incremental_feeds_partial_fit_chunk_after_chunk(client, table):
    wrappers = pytest.importorskip("dask_ml.wrappers")
    X, targets = table
    y = targets["classification"]
    incremental = wrappers.Incremental(MutualInfoSelector(k=3), scoring=_no_score, random_state=0)
    fitted = incremental.fit(*chunked(X, y)).estimator_
    # Shuffled chunks: the first one dealt fixes the bins, the counts are those of all rows.
    whole = MutualInfoSelector(k=3, bin_edges=fitted.bin_edges_).fit(X, y)
    np.testing.assert_array_equal(fitted.counts_, whole.counts_)
    np.testing.assert_allclose(fitted.scores_, whole.scores_, rtol=1e-12)
    assert fitted.get_support().tolist() == MutualInfoSelector(k=3).fit(X, y).get_support().tolist()
    assert fitted.get_support(indices=True).tolist() == [0, 1, 2]
    assert isinstance(incremental.transform(chunked(X)[0]), da.Array)


@pytest.mark.parametrize(
    "selector, match",
    [
        (MutualInfoSelector(estimator="knn"), "estimator='knn'.*Use estimator='histogram'"),
        (MutualInfoSelector(redundancy="mrmr"), "redundancy='mrmr'.*Use redundancy=None"),
        (GiniSelector(method="forest"), "method='forest'.*Use method='split'"),
        (GiniSelector(splitter="exact"), "splitter='exact'.*Use splitter='histogram'"),
    ],
)
def test_modes_that_need_the_table_in_memory_name_the_one_that_does_not(selector, match):
    X = da.zeros((100, 3), chunks=50)
    with pytest.raises(TypeError, match=match):
        selector.fit(X, np.arange(100) % 2)


def _unknown_chunks():
    frame = dd.from_pandas(pd.DataFrame({"a": np.arange(100.0)}), npartitions=2)
    return frame.to_dask_array()


@pytest.mark.parametrize(
    "X, y, match",
    [
        (_unknown_chunks, np.arange(100) % 2, r"X has unknown chunk sizes.*compute_chunk_sizes"),
        (
            lambda: da.zeros((100, 2), chunks=50),
            lambda: _unknown_chunks()[:, 0],
            r"y has unknown chunk sizes.*lengths=True",
        ),
        (lambda: da.zeros((100, 2), chunks=50), np.arange(99) % 2, "X has 100 rows but y"),
        (
            lambda: da.zeros((100, 2), chunks=50),
            lambda: da.from_array(np.arange(100) % 2, chunks=40),
            r"y is split into row chunks.*rechunk",
        ),
        (
            lambda: da.from_array(np.where(np.eye(100, 2) > 0, np.inf, 0.0), chunks=50),
            np.arange(100) % 2,
            "infinity in column 'x0'",
        ),
        (
            lambda: da.zeros((100, 2), chunks=50),
            np.where(np.arange(100) == 70, np.nan, np.arange(100) % 2),
            "y contains missing values",
        ),
        (lambda: da.zeros((100, 2), chunks=50), np.zeros(100), "y has a single value"),
        (
            lambda: dd.from_pandas(pd.DataFrame({"c": list("ab") * 50}), npartitions=2),
            np.arange(100) % 2,
            "Column 'c' of the dask DataFrame X has dtype",
        ),
    ],
)
def test_bad_dask_input_is_refused_with_the_fault_named(client, X, y, match):
    X = X() if callable(X) else X
    y = y() if callable(y) else y
    with pytest.raises((ValueError, TypeError), match=match):
        MutualInfoSelector().fit(X, y)


def test_missing_values_in_dask_input_are_a_level_as_in_memory(client):
    X = np.where(np.arange(2000)[:, None] % 3 == 0, np.nan, 1.0) * np.ones((1, 2))
    y = (np.arange(2000) % 3 == 0).astype(int)
    on_dask = MutualInfoSelector().fit(*chunked(X, y))
    np.testing.assert_allclose(on_dask.scores_, MutualInfoSelector().fit(X, y).scores_)
    assert on_dask.scores_[0] > 0.6  # missingness tells the class


@pytest.mark.parametrize(
    "selector",
    [
        GiniSelector(method="forest", n_estimators=8, n_jobs=2, random_state=0),
        MutualInfoSelector(estimator="knn", n_jobs=2, random_state=0),
    ],
    ids=["forest", "knn"],
)
def test_n_jobs_runs_on_the_cluster_through_joblib(client, selector):
    X, y = make_classification(n_samples=400, n_features=6, random_state=0)
    expected = clone(selector).set_params(n_jobs=None).fit(X, y).scores_
    with distributed.get_task_stream(client) as tasks, joblib.parallel_backend("dask"):
        found = selector.fit(X, y).scores_
    np.testing.assert_allclose(found, expected)
    assert len(tasks.data) > 0


@pytest.fixture(scope="module")
def regression():
    """300,000 rows of 10 columns on different scales and offsets, 3 informative; weights."""
    X, y = make_regression(
        n_samples=N_ROWS, n_features=10, n_informative=3, noise=5.0, shuffle=False,
        random_state=0,
    )  # fmt: skip
    X = X * np.arange(1, 11) + 100.0
    return X, y, np.random.default_rng(0).integers(0, 3, N_ROWS).astype(float)


@pytest.mark.parametrize(
    "pruner",
    [
        RidgePruner(alpha=1.0, k=3),
        LassoPruner(k=3, refit=False),
        LassoPruner(alpha=0.5, pruning_rate=0.3, n_iterations=2),
    ],
    ids=["ridge", "lasso-path", "lasso-rounds"],
)
@pytest.mark.parametrize("weighted", [False, True])
def test_linear_pruners_fit_from_chunked_moments_as_in_memory(client, regression, pruner, weighted):
    X, y, weight = regression
    weight = weight if weighted else None
    in_memory = clone(pruner).fit(X, y, sample_weight=weight)
    Xd, yd = chunked(X, y)
    on_dask = pruner.fit(Xd, yd, sample_weight=None if weight is None else chunked(weight)[0])
    assert on_dask.get_support().tolist() == in_memory.get_support().tolist()
    assert on_dask.alpha_ == pytest.approx(in_memory.alpha_, rel=1e-9)
    # Within the coordinate descent's tolerance (1e-6); measured 1e-12.
    np.testing.assert_allclose(on_dask.coef_, in_memory.coef_, rtol=1e-6)
    np.testing.assert_allclose(on_dask.intercept_, in_memory.intercept_, rtol=1e-6)
    np.testing.assert_allclose(on_dask.predict(X[:100]), in_memory.predict(X[:100]), rtol=1e-6)


@pytest.mark.parametrize("Pruner", [RidgePruner, LassoPruner])
def test_constant_column_of_a_dask_array_gets_zero_weight(client, Pruner, regression):
    X, y, _ = regression
    X = X.copy()
    X[:, 1] = 0.1  # informative before; its mean is 0.1 only up to rounding
    pruner = Pruner(k=3).fit(*chunked(X, y))
    assert pruner.coef_[1] == 0 and pruner.scores_[1] == 0 and pruner.ranking_[1] == 10


@pytest.mark.parametrize("n_classes", [2, 3])
@pytest.mark.parametrize(
    "pruner",
    [RidgePruner(alpha=1.0, k=3), RidgePruner(alpha=10.0, pruning_rate=0.3, n_iterations=2)],
    ids=["k", "rounds"],
)
def test_ridge_classification_fits_from_chunked_class_moments_as_in_memory(
    client, pruner, n_classes
):
    X, y = make_classification(
        n_samples=N_ROWS, n_features=10, n_informative=3, n_redundant=0, n_classes=n_classes,
        shuffle=False, random_state=0,
    )  # fmt: skip
    X = X * np.arange(1, 11) + 100.0
    labels = np.array(["low", "mid", "high"])[y]  # labels need not be numbers
    weight = np.random.default_rng(0).integers(0, 3, N_ROWS).astype(float)
    in_memory = clone(pruner).fit(X, labels, sample_weight=weight)
    Xd, yd, wd = chunked(X, labels, weight)
    on_dask = pruner.fit(Xd, yd, sample_weight=wd)
    assert on_dask.task_ == "classification"
    assert on_dask.classes_.tolist() == in_memory.classes_.tolist()
    assert on_dask.get_support().tolist() == in_memory.get_support().tolist()
    # One least-squares solve on the same moments: measured 5e-13.
    np.testing.assert_allclose(on_dask.coef_, in_memory.coef_, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(on_dask.intercept_, in_memory.intercept_, rtol=1e-9)
    np.testing.assert_array_equal(on_dask.predict(X[:2000]), in_memory.predict(X[:2000]))
    np.testing.assert_allclose(
        on_dask.decision_function(X[:2000]),
        in_memory.decision_function(X[:2000]),
        rtol=1e-9,
        atol=1e-12,  # decision values near 0: rounding of the in-memory standardisation
    )


def test_a_real_target_whose_first_chunk_looks_like_classes_is_regression(client, regression):
    X, y, _ = regression
    X, y = X[:100_000], y[:100_000].copy()
    y[:CHUNK] = np.round(y[:CHUNK] / 100)  # a few integer values: labels, seen alone
    on_dask = RidgePruner(k=3).fit(*chunked(X, y))
    in_memory = RidgePruner(k=3).fit(X, y)
    assert on_dask.task_ == in_memory.task_ == "regression"
    np.testing.assert_allclose(on_dask.coef_, in_memory.coef_, rtol=1e-9)


def test_linear_pruner_keeps_the_names_of_a_dask_dataframe(client, regression):
    X, y, _ = regression
    frame = pd.DataFrame(X[:20_000], columns=[f"f{j}" for j in range(10)])
    pruner = RidgePruner(k=3).fit(dd.from_pandas(frame, npartitions=3), y[:20_000])
    assert pruner.get_feature_names_out().tolist() == ["f0", "f1", "f2"]
    assert pruner.predict(frame.head()).shape == (5,)


@pytest.mark.parametrize(
    "pruner, y, match",
    [
        (RidgePruner(alpha="auto"), np.arange(100.0), "alpha='auto'.*Use alpha=1.0"),
        (LassoPruner(), np.arange(100) % 2, "fits regression only.*RidgePruner classifies"),
        (LassoPruner(task="classification"), np.arange(100) % 2, "L1-penalised logistic"),
        (RidgePruner(task="classification"), np.zeros(100), "y has a single value"),
        (
            LassoPruner(),
            np.where(np.arange(100) == 3, np.nan, 1.0),
            "y contains missing values",
        ),
    ],
)
def test_linear_pruners_refuse_what_the_moments_cannot_give(client, pruner, y, match):
    X = da.from_array(np.random.default_rng(0).normal(size=(100, 3)), chunks=50)
    with pytest.raises((TypeError, ValueError), match=match):
        pruner.fit(X, y)


def test_linear_pruners_refuse_missing_values_in_a_chunk(client):
    X = np.random.default_rng(0).normal(size=(100, 3))
    X[70, 2] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        RidgePruner().fit(da.from_array(X, chunks=50), np.arange(100.0))
