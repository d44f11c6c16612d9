"""The shared input contract: what every estimator accepts and how it refuses the rest."""

import warnings

import numpy as np
import pytest

from skprune._input import check_target


def test_a_regression_target_beyond_int64_range_is_continuous_without_warning():
    y = np.array([1.25e299, -1.32e299, 3.0e300])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        y_checked, task, classes = check_target(y, 3)
    assert task == "regression" and classes is None
    np.testing.assert_array_equal(y_checked, y)


def test_a_single_valued_target_is_refused_naming_y():
    with pytest.raises(ValueError, match="y has a single value"):
        check_target(np.zeros(4), 4)
