"""Sparse input is scored from its stored values only, with the results of the same table dense."""

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.datasets import make_classification

from skprune import GiniSelector, MutualInfoSelector, gini_scores, mutual_info_scores
from skprune._core._input import encode_array
from skprune._scoring._binning import EDGE_SAMPLE_ROWS, Binner, joint_counts


def sparse_table(rng, n_samples=300, n_features=8, dtype=np.float64, missing=0.05):
    """Mostly zeros, negative and positive values, ties, NaN; some columns all zero or dense."""
    X = rng.standard_normal((n_samples, n_features)).round(1)
    X[rng.random(X.shape) < rng.uniform(0.5, 0.99, n_features)] = 0.0
    X[rng.random(X.shape) < missing] = np.nan
    X[:, 0] = 0.0
    X[:, -1] = rng.standard_normal(n_samples)  # no zeros at all
    return X.astype(dtype)


def with_explicit_zeros(X, rng):
    """A CSC matrix of X that also stores some of its zeros."""
    matrix = sp.csc_matrix(X)
    zeros = np.argwhere(X == 0)
    extra = zeros[rng.random(len(zeros)) < 0.1]
    rows = np.concatenate([matrix.tocoo().row, extra[:, 0]])
    cols = np.concatenate([matrix.tocoo().col, extra[:, 1]])
    data = np.concatenate([matrix.tocoo().data, np.zeros(len(extra), dtype=X.dtype)])
    return sp.csc_matrix((data, (rows, cols)), shape=X.shape)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("weighted", [False, True])
def test_bins_codes_and_counts_equal_those_of_the_dense_table(seed, weighted):
    rng = np.random.default_rng(seed)
    X = sparse_table(rng, dtype=np.float32 if seed % 2 else np.float64)
    discrete = rng.random(X.shape[1]) < 0.3
    weight = rng.integers(0, 4, X.shape[0]).astype(float) if weighted else None
    n_bins = int(rng.integers(2, 30))
    dense_binner = Binner(n_bins).fit(encode_array(X, discrete), weight)
    sparse_input = encode_array(with_explicit_zeros(X, rng), discrete)
    sparse_binner = Binner(n_bins).fit(sparse_input, weight)
    for j in range(X.shape[1]):
        if discrete[j]:
            np.testing.assert_array_equal(
                np.asarray(sparse_binner.levels_[j]), np.asarray(dense_binner.levels_[j])
            )
        else:
            np.testing.assert_array_equal(sparse_binner.edges_[j], dense_binner.edges_[j])
    dense_codes = dense_binner.transform(encode_array(X, discrete))
    sparse_codes = sparse_binner.transform(sparse_input)
    np.testing.assert_array_equal(sparse_codes.toarray(), dense_codes)
    y = rng.integers(0, 3, X.shape[0])
    n_levels = dense_binner.n_levels().max()
    np.testing.assert_allclose(
        joint_counts(sparse_codes, n_levels, y, 3, weight),
        joint_counts(dense_codes, n_levels, y, 3, weight),
    )


def test_tall_sparse_table_takes_its_edges_from_the_same_row_sample():
    rng = np.random.default_rng(0)
    X = np.zeros((EDGE_SAMPLE_ROWS + 5_000, 3))
    X[rng.random(X.shape) < [0.001, 0.3, 0.9]] = 1.0
    X[:, 1:] *= rng.standard_normal((X.shape[0], 2))
    dense = Binner(20).fit(encode_array(X))
    sparse = Binner(20).fit(encode_array(sp.csr_matrix(X)))
    for j in range(3):
        np.testing.assert_array_equal(sparse.edges_[j], dense.edges_[j])


@pytest.fixture(scope="module")
def classification():
    X, y = make_classification(
        n_samples=600, n_features=30, n_informative=5, n_redundant=0, n_classes=3, random_state=0
    )
    X[np.abs(X) < 0.8] = 0.0  # mostly zeros, as sparse data are
    return X, y


@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("task", ["classification", "regression"])
def test_mutual_info_of_sparse_input_equals_dense(classification, weighted, task):
    X, y = classification
    if task == "regression":
        y = X[:, :3].sum(axis=1) + np.random.default_rng(0).standard_normal(X.shape[0])
    weight = np.random.default_rng(1).uniform(0, 2, X.shape[0]) if weighted else None
    for matrix in (sp.csr_matrix, sp.csc_array):
        sparse = mutual_info_scores(matrix(X), y, sample_weight=weight)
        np.testing.assert_allclose(sparse, mutual_info_scores(X, y, sample_weight=weight))


def test_integer_counts_are_discrete_as_when_dense():
    rng = np.random.default_rng(0)
    counts = rng.poisson(0.3, (400, 40)) * (rng.random((400, 40)) < 0.2)
    counts[:, 5] = rng.integers(0, 100, 400)  # too many levels to be discrete
    y = (counts[:, :3].sum(axis=1) > 0).astype(int)
    dense = MutualInfoSelector(k=5).fit(counts, y)
    sparse = MutualInfoSelector(k=5).fit(sp.csr_matrix(counts), y)
    np.testing.assert_array_equal(sparse.discrete_features_, dense.discrete_features_)
    assert not sparse.discrete_features_[5] and sparse.discrete_features_[0]
    np.testing.assert_allclose(sparse.scores_, dense.scores_)
    np.testing.assert_array_equal(sparse.support_, dense.support_)


def test_partial_fit_on_sparse_chunks_equals_dense_chunks():
    rng = np.random.default_rng(0)
    X = rng.poisson(0.5, (900, 12)).astype(float) * (rng.random((900, 12)) < 0.3)
    X[600:, 2] += 7  # values the first chunk never saw
    y = rng.integers(0, 2, 900)
    dense, sparse = MutualInfoSelector(k=4), MutualInfoSelector(k=4)
    for rows in (slice(0, 300), slice(300, 600), slice(600, 900)):
        dense.partial_fit(X[rows], y[rows], classes=[0, 1])
        sparse.partial_fit(sp.csr_matrix(X[rows]), y[rows], classes=[0, 1])
    np.testing.assert_allclose(sparse.counts_, dense.counts_)
    np.testing.assert_allclose(sparse.scores_, dense.scores_)


def test_duplicate_entries_are_summed_and_the_input_is_left_alone():
    rng = np.random.default_rng(0)
    X = sparse_table(rng, missing=0.0)
    coo = sp.coo_matrix(X)
    # Every stored value split in two halves stored separately.
    halves = sp.csc_matrix(
        (np.concatenate([coo.data / 2, coo.data / 2]),
         (np.tile(coo.row, 2), np.tile(coo.col, 2))),
        shape=X.shape,
    )  # fmt: skip
    halves.has_canonical_format = False
    data = halves.data.copy()
    y = rng.integers(0, 2, X.shape[0])
    np.testing.assert_allclose(mutual_info_scores(halves, y), mutual_info_scores(X, y))
    np.testing.assert_allclose(gini_scores(halves, y), gini_scores(X, y))
    np.testing.assert_array_equal(halves.data, data)


def test_sparse_and_dense_selectors_keep_the_same_columns(classification):
    X, y = classification
    for selector in (MutualInfoSelector(k=5), GiniSelector(k=5)):
        dense = selector.fit(X, y).support_
        np.testing.assert_array_equal(selector.fit(sp.csr_matrix(X), y).support_, dense)


@pytest.mark.parametrize("task", ["classification", "regression"])
@pytest.mark.parametrize("missing", [0.0, 0.1])
@pytest.mark.parametrize("weighted", [False, True])
def test_exact_gini_of_sparse_input_equals_dense(task, missing, weighted):
    rng = np.random.default_rng(int(missing * 10) + 2 * weighted)
    X = sparse_table(rng, n_features=10, missing=missing)
    if task == "classification":
        y = rng.integers(0, 3, X.shape[0])
    else:
        y = rng.standard_normal(X.shape[0]) + 2 * (np.nan_to_num(X[:, 1]) > 0)
    weight = rng.integers(0, 4, X.shape[0]).astype(float) if weighted else None
    sparse = gini_scores(with_explicit_zeros(X, rng), y, task=task, sample_weight=weight)
    dense = gini_scores(X, y, task=task, splitter="exact", sample_weight=weight)
    np.testing.assert_allclose(sparse, dense, rtol=1e-10, atol=1e-14)
    histogram = gini_scores(
        sp.csr_matrix(X), y, task=task, splitter="histogram", sample_weight=weight
    )
    np.testing.assert_allclose(
        histogram, gini_scores(X, y, task=task, splitter="histogram", sample_weight=weight)
    )


@pytest.mark.parametrize("method", ["mrmr", "jmi"])
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("chance_correction", [False, True])
def test_greedy_ranking_of_sparse_input_equals_dense(
    classification, method, weighted, chance_correction
):
    X, y = classification
    X = np.hstack([X, X[:, :4]])  # copies: redundancy decides between them
    weight = np.random.default_rng(2).integers(0, 3, X.shape[0]) if weighted else None
    params = dict(k=12, redundancy=method, chance_correction=chance_correction)
    dense = MutualInfoSelector(**params).fit(X, y, sample_weight=weight)
    sparse = MutualInfoSelector(**params)
    sparse.fit(sp.csr_matrix(X), y, sample_weight=weight)
    np.testing.assert_array_equal(sparse.ranking_, dense.ranking_)
    np.testing.assert_allclose(sparse.redundancy_scores_, dense.redundancy_scores_, atol=1e-12)


@pytest.mark.parametrize("method", ["mrmr", "jmi"])
@pytest.mark.parametrize("chance_correction", [False, True])
def test_greedy_ranking_with_missing_values_and_levels_equals_dense(method, chance_correction):
    rng = np.random.default_rng(5)
    X = sparse_table(rng, n_samples=500, n_features=12)
    X[:, 3] = rng.integers(0, 4, X.shape[0]) * (rng.random(X.shape[0]) < 0.3)
    y = np.nan_to_num(X[:, 1]) + np.nan_to_num(X[:, 2]) + rng.standard_normal(X.shape[0])
    params = dict(
        k=8, redundancy=method, discrete_features=[3], n_bins=6,
        chance_correction=chance_correction,
    )  # fmt: skip
    dense = MutualInfoSelector(**params).fit(X, y)
    sparse = MutualInfoSelector(**params).fit(with_explicit_zeros(X, rng), y)
    np.testing.assert_array_equal(sparse.ranking_, dense.ranking_)
    np.testing.assert_allclose(sparse.redundancy_scores_, dense.redundancy_scores_, atol=1e-12)
