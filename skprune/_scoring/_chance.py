"""Scores corrected for chance: minus their expectation when the target is paired at random.

Plug-in mutual information grows with the number of levels even without any dependency: an
identifier column (every value unique) gets I(X; Y) = H(Y), the highest possible score. The
correction subtracts the expectation of the plug-in estimate when the pairing of the two columns'
values is random, both columns' counts (margins) being kept: the hypergeometric model of adjusted
mutual information (Vinh, Epps & Bailey 2010), not normalised, so that scores stay in nats.

With ``n`` the table's cells, ``a`` its row and ``b`` its column totals and ``N`` the grand total,

    I = (1/N) sum n log n + log N - (1/N) sum a log a - (1/N) sum b log b,

and only the first term varies under permutation; so

    I - E[I] = (1/N) sum over cells (n log n - E[n log n]),

where ``n`` of the cell (i, c) is hypergeometric: ``a_i`` draws from ``N`` rows of which ``b_c`` are
of column value c. An identifier scores exactly 0 (every count is 0 or 1, and so is every draw).
A column that carries nothing scores about 0, above or below.

E[n log n] is computed once per distinct pair (a, b): summed over the hypergeometric
distribution within 12 standard deviations of the mean (beyond, the probabilities are below
1e-30), or, for cells expected to hold ``SERIES_MEAN`` rows or more, by its Taylor series about
the mean. Weighted counts (a weight counts as repeated rows) are rounded to whole rows for the
expectation.

The best split of a categorical column (``_splits.categorical_gains``) groups its levels in
two; that maximum has no closed-form expectation, so ``chance_gains`` averages it over shuffles
of the target.
"""

import numpy as np
from scipy.special import gammaln

from ._binning import mutual_info_from_counts
from ._splits import categorical_gains

# Random pairings of the target with the categorical columns whose best-split gains are averaged.
PERMUTATIONS = 20
# Half-width of the summed part of a hypergeometric distribution, in standard deviations (+ rows).
TAIL_SD = 12
TAIL_ROWS = 10
# Cells expected to hold this many rows or more take the Taylor series of E[n log n] about the
# mean, whose error falls as 1/mean^2: about 1e-8 at 1,000 rows, the rounding of the exact sums.
SERIES_MEAN = 1000


def expected_n_log_n(draws, successes, total):
    """E[n log n] for n hypergeometric: ``draws`` rows of ``total``, ``successes`` of them marked.

    Arrays of equal shape (``total`` may be a scalar) holding whole numbers.
    """
    draws, successes = np.broadcast_arrays(
        np.asarray(draws, dtype=np.float64), np.asarray(successes, dtype=np.float64)
    )
    total = np.broadcast_to(np.asarray(total, dtype=np.float64), draws.shape)
    a, b, N = draws.ravel(), successes.ravel(), total.ravel()
    mean = a * b / np.maximum(N, 1)
    variance = mean * (N - a) / np.maximum(N, 1) * (N - b) / np.maximum(N - 1, 1)
    result = np.zeros(a.size)
    large = np.flatnonzero(mean >= SERIES_MEAN)
    result[large] = _series(mean[large], variance[large], a[large], b[large], N[large])
    small = np.flatnonzero(mean < SERIES_MEAN)
    result[small] = _summed(mean[small], variance[small], a[small], b[small], N[small])
    return result.reshape(draws.shape)


def _series(mean, variance, a, b, N):
    """Taylor series of E[n log n] about the mean, to the fourth central moment.

    f = n log n has f'' = 1/n, f''' = -1/n^2, f'''' = 2/n^3; the hypergeometric third central
    moment is variance (N - 2a)(N - 2b) / (N (N - 2)), the fourth about 3 variance^2.
    """
    third = variance * (N - 2 * a) * (N - 2 * b) / (N * np.maximum(N - 2, 1))
    return (
        mean * np.log(mean)
        + variance / (2 * mean)
        - third / (6 * mean**2)
        + variance**2 / (4 * mean**3)
    )


def _summed(mean, variance, a, b, N):
    """E[n log n] summed over the hypergeometric distribution, within TAIL_SD deviations."""
    spread = TAIL_SD * np.sqrt(np.maximum(variance, 0)) + TAIL_ROWS
    # n log n is 0 for n = 0 and 1: the sum starts at 2.
    low = np.maximum.reduce([np.full(a.shape, 2.0), a + b - N, np.floor(mean - spread)])
    high = np.minimum.reduce([a, b, np.ceil(mean + spread)])
    width = np.maximum(high - low + 1, 0).astype(np.int64)
    result = np.zeros(a.size)
    summed = np.flatnonzero(width)
    if summed.size == 0:
        return result
    width = width[summed]
    starts = np.concatenate([[0], np.cumsum(width)[:-1]])
    pair = np.repeat(np.arange(summed.size), width)
    n = low[summed][pair] + (np.arange(pair.size) - starts[pair])
    a, b, N = a[summed][pair], b[summed][pair], N[summed][pair]
    log_p = _log_choose(b, n) + _log_choose(N - b, a - n) - _log_choose(N, a)
    result[summed] = np.add.reduceat(np.exp(log_p) * n * np.log(n), starts)
    return result


def _log_choose(n, k):
    return gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1)


def expected_cell_sums(owner, row_totals, column_totals, n_columns):
    """Per column of a batch of tables, sum over its cells of E[n log n] under permutation.

    Parameters
    ----------
    owner : ndarray of int
        Table (position in the batch) of each row total.
    row_totals : ndarray
        The rows' totals ``a`` of every table, rows with a zero total left out or not.
    column_totals : ndarray
        The column totals ``b``, the same for every table of the batch.
    n_columns : int
        Number of tables.

    Returns
    -------
    ndarray of shape (n_columns,)
    """
    a = np.rint(row_totals)
    b = np.rint(column_totals)
    b = b[b >= 2]
    total = float(np.rint(np.sum(column_totals)))
    keep = a >= 2
    if not keep.any() or b.size == 0:
        return np.zeros(n_columns)
    distinct_a, inverse = np.unique(a[keep], return_inverse=True)
    distinct_b, multiplicity = np.unique(b, return_counts=True)
    per_a = expected_n_log_n(distinct_a[:, None], distinct_b[None, :], total) @ multiplicity
    return np.bincount(owner[keep], weights=per_a[inverse], minlength=n_columns)


def corrected_mutual_info_from_counts(counts):
    """Mutual information minus its expectation under permutation, of (F, levels, classes) tables.

    The class totals must be the same in every table (every row is counted in each, a missing
    value as a level of its own).
    """
    n_features = counts.shape[0]
    total = counts.sum(axis=(1, 2))
    safe = np.where(total > 0, total, 1.0)
    positive = np.where(counts > 0, counts, 1.0)
    observed = (counts * np.log(positive)).sum(axis=(1, 2))
    rows = counts.sum(axis=2)
    owner = np.broadcast_to(np.arange(n_features)[:, None], rows.shape)
    present = rows > 0
    expected = expected_cell_sums(owner[present], rows[present], counts[0].sum(axis=0), n_features)
    return (observed - expected) / safe


def relevance_from_counts(counts, chance_correction):
    """I(X_j; Y) of (feature, bin, target) count tables, corrected for chance or not."""
    if chance_correction:
        return corrected_mutual_info_from_counts(counts)
    return mutual_info_from_counts(counts)


def chance_gains(codes, y, task, channels, sample_weight=None):
    """Mean best-split gain of categorical columns when the rows' targets are shuffled.

    The best grouping of many levels into two sides has no closed-form expectation under
    permutation; it is averaged over ``PERMUTATIONS`` shuffles of the rows' targets (and weights,
    which go with their rows), drawn from a fixed seed. Counting the tables again costs about
    as much as the first count, per shuffle.
    """
    rng = np.random.default_rng(0)
    total = np.zeros(codes.shape[1])
    for _ in range(PERMUTATIONS):
        rows = rng.permutation(y.shape[0])
        weight = None if sample_weight is None else sample_weight[rows]
        total += categorical_gains(codes, y[rows], task, channels[:, rows], weight)
    return total / PERMUTATIONS
