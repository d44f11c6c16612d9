"""The shared selection rule: pruning_rate, k and threshold."""

import numpy as np
import pytest

from skprune._core._selection import n_to_keep, rank_order, ranking_from_order, select_support


@pytest.mark.parametrize(
    "n, rate, kept", [(10, 0.0, 10), (10, 0.5, 5), (10, 0.55, 5), (10, 0.99, 1), (3, 0.5, 2)]
)
def test_pruning_rate_removes_floor_of_rate_times_n(n, rate, kept):
    assert n_to_keep(n, pruning_rate=rate) == kept
    assert select_support(np.arange(n), pruning_rate=rate).sum() == kept


def test_k_overrides_pruning_rate_and_keeps_the_best():
    scores = np.array([0.1, 0.9, 0.5, 0.7])
    support = select_support(scores, pruning_rate=0.9, k=2)
    np.testing.assert_array_equal(support, [False, True, False, True])


def test_k_above_n_keeps_everything_with_a_warning_naming_k():
    with pytest.warns(UserWarning, match="k=7"):
        support = select_support(np.ones(3), k=7)
    assert support.all()


def test_threshold_keeps_scores_at_or_above_it_and_ignores_pruning_rate():
    scores = np.array([0.1, 0.5, 0.7, 0.5])
    np.testing.assert_array_equal(
        select_support(scores, pruning_rate=0.9, threshold=0.5), [False, True, True, True]
    )
    # With k as well: at most k of those passing, best first, ties by index.
    np.testing.assert_array_equal(
        select_support(scores, k=2, threshold=0.5), [False, True, True, False]
    )


def test_ties_are_broken_by_the_lower_index():
    scores = np.array([1.0, 2.0, 2.0, 1.0, 2.0])
    np.testing.assert_array_equal(rank_order(scores), [1, 2, 4, 0, 3])
    np.testing.assert_array_equal(select_support(scores, k=2), [False, True, True, False, False])


def test_nan_scores_rank_last():
    order = rank_order([np.nan, 0.0, -1.0])
    np.testing.assert_array_equal(order, [1, 2, 0])


def test_ranking_is_one_for_the_best():
    np.testing.assert_array_equal(ranking_from_order(np.array([2, 0, 1])), [2, 3, 1])
