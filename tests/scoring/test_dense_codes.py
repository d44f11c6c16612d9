"""Bin codes of dense tables by bucket lookup equal those of comparing each value with each edge."""

import numpy as np
import pytest
from sklearn.datasets import make_classification

from skprune import MutualInfoSelector, mutual_info_scores
from skprune._core._input import encode_array
from skprune._scoring._binning import (
    EDGE_SAMPLE_ROWS,
    Binner,
    edge_sample_rows,
    joint_counts,
    quantile_edges,
)
from skprune._scoring._dense_codes import BlockCoder, dense_joint_counts, dense_quantile_edges


def compared_codes(column, edges):
    """The codes as they were computed before: one comparison of the column per edge."""
    codes = np.ones(column.shape, dtype=np.int64)
    for edge in edges:
        codes += column > edge
    codes[np.isnan(column)] = 0
    return codes


def awkward_table(rng, kind, n_rows, n_columns, dtype):
    """Values that stress a bucket lookup: heavy tails, offsets, ties, signed zeros, NaN."""
    shape = (n_rows, n_columns)
    if kind == "normal":
        X = rng.standard_normal(shape)
    elif kind == "cauchy":
        X = rng.standard_cauchy(shape) * 10.0 ** rng.integers(-30, 30)
    elif kind == "offset":
        X = 1000 + rng.random(shape) * 1e-3
    elif kind == "ties":
        X = rng.integers(-3, 4, shape) * rng.choice([1.0, -0.0], shape)
    elif kind == "lognormal":
        X = rng.lognormal(0, 5, shape) * rng.choice([-1, 1], shape)
    else:  # mostly zeros, tiny and huge magnitudes
        X = rng.standard_normal(shape) * (rng.random(shape) < 0.3) * 10.0 ** rng.integers(-40, 40)
    X = X.astype(dtype)
    X[rng.random(shape) < 0.05] = np.nan
    return X


@pytest.mark.parametrize("kind", ["normal", "cauchy", "offset", "ties", "lognormal", "zeros"])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_lookup_codes_equal_one_comparison_per_edge(kind, dtype):
    rng = np.random.default_rng(len(kind))
    linear = set()  # buckets equal in value or in key: each kind takes the one it needs
    for trial in range(20):
        X = awkward_table(rng, kind, int(rng.integers(1, 400)), int(rng.integers(1, 8)), dtype)
        edges = []
        for j in range(X.shape[1]):
            observed = X[:, j][~np.isnan(X[:, j])]
            if trial % 5 == 0 or observed.size == 0:  # a user's float64 edges, NaN among them
                given = np.append(rng.standard_normal(int(rng.integers(0, 5))), [np.nan, -0.0])
                edges.append(np.unique(given))
            else:
                share = rng.random(int(rng.integers(0, 300)))
                edges.append(np.unique(np.quantile(observed, share, method="inverted_cdf")))
        coder = BlockCoder(edges, np.dtype(dtype))
        linear.add(coder.linear)
        offset = np.arange(X.shape[1]) * 1000
        table = coder.table(offset, 3, np.int64, -1)
        found = coder.lookup(np.ascontiguousarray(X.T), table, offset, 3, -1)
        expected = [compared_codes(X[:, j], edges[j]) for j in range(X.shape[1])]
        np.testing.assert_array_equal(found, offset[:, None] + 3 * np.array(expected))
    if kind in ("normal", "offset"):
        assert True in linear
    if kind in ("cauchy", "lognormal"):
        assert False in linear


@pytest.mark.parametrize("n_jobs", [None, 2])
@pytest.mark.parametrize("weighted", [False, True])
def test_counts_of_blocks_equal_counts_of_the_codes(n_jobs, weighted):
    rng = np.random.default_rng(0)
    X = awkward_table(rng, "ties", 3000, 40, np.float64)
    X[:, ::3] = rng.standard_normal((3000, 14)).round(2)
    discrete = np.zeros(40, dtype=bool)
    discrete[5::7] = True
    features = encode_array(X, discrete)
    binner = Binner(300, n_jobs=n_jobs).fit(features)
    codes = binner.transform(features)
    for j in range(40):
        if not discrete[j]:
            np.testing.assert_array_equal(codes[:, j], compared_codes(X[:, j], binner.edges_[j]))
    y = rng.integers(0, 3, 3000)
    weight = rng.uniform(0, 2, 3000) if weighted else None
    np.testing.assert_allclose(
        dense_joint_counts(binner, X, y, 3, weight, n_jobs),
        joint_counts(codes, binner.n_levels().max(), y, 3, weight),
    )


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("order", ["C", "F"])
def test_block_quantiles_equal_column_quantiles_and_leave_the_input_alone(dtype, order):
    rng = np.random.default_rng(1)
    X = np.asarray(awkward_table(rng, "ties", 2000, 12, dtype), order=order)
    X[:, 3] = np.nan
    X[:, 4] = rng.standard_normal(2000)
    before = X.copy()
    found = dense_quantile_edges(X, 17, n_jobs=2)
    expected = quantile_edges(X, 17)
    for j in range(X.shape[1]):
        np.testing.assert_array_equal(found[j], expected[j])
        assert found[j].dtype == expected[j].dtype
    np.testing.assert_array_equal(X, before)


def test_tall_table_takes_the_quantiles_of_the_row_sample():
    rng = np.random.default_rng(2)
    X = rng.standard_normal((EDGE_SAMPLE_ROWS + 3_000, 3)).astype(np.float32)
    rows = edge_sample_rows(X.shape[0])
    found = dense_quantile_edges(X, 50, rows)
    expected = quantile_edges(X, 50)
    for j in range(3):
        np.testing.assert_array_equal(found[j], expected[j])


def test_threads_give_the_scores_of_one_thread_on_read_only_float32():
    X, y = make_classification(n_samples=3000, n_features=30, n_informative=5, random_state=0)
    X = np.asfortranarray(X.astype(np.float32))
    X.flags.writeable = False
    one = mutual_info_scores(X, y)
    np.testing.assert_array_equal(mutual_info_scores(X, y, n_jobs=2), one)
    selector = MutualInfoSelector(k=5, n_jobs=-1).fit(X, y)
    np.testing.assert_array_equal(selector.scores_, one)
