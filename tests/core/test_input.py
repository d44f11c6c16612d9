"""The shared input contract: what every estimator accepts and how it refuses the rest."""

import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone

from skprune import GiniSelector, LassoPruner, MLPPruner, MutualInfoSelector, RidgePruner
from skprune._core._input import check_target


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


@pytest.mark.parametrize(
    "estimator",
    [GiniSelector(), GiniSelector(method="forest", n_estimators=2), LassoPruner(), RidgePruner()],
    ids=repr,
)
def test_a_target_whose_squares_overflow_is_refused_where_squares_are_summed(estimator):
    # Found by tests/test_properties.py: a regression target near 1e300 overflowed the variances
    # and squared errors of these estimators (RuntimeWarnings, meaningless scores).
    rng = np.random.default_rng(0)
    X, y = rng.standard_normal((30, 4)), rng.standard_normal(30)
    with pytest.raises(ValueError, match="y holds values as large as .* overflows float64"):
        clone(estimator).fit(X, y * 1e300)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        MutualInfoSelector().fit(X, y * 1e300)  # ranks and bins: any magnitude
        clone(estimator).fit(X, y * 1e150)  # squares still finite


@pytest.mark.parametrize(
    "estimator",
    [MutualInfoSelector(), GiniSelector(), LassoPruner(), RidgePruner(), MLPPruner()],
    ids=repr,
)
@pytest.mark.parametrize("dtype", ["complex128", "complex64"])
def test_a_complex_column_is_refused_naming_it_as_a_complex_array_is(estimator, dtype):
    # pandas counts complex columns as numeric: casting them to float dropped the imaginary part
    # with only numpy's warning, while a complex ndarray was refused.
    rng = np.random.default_rng(0)
    X = pd.DataFrame({"real": rng.standard_normal(20), "wave": np.exp(1j * np.arange(20))})
    X = X.astype({"wave": dtype})
    y = np.arange(20) % 2
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match="Column 'wave' of X holds complex numbers"):
            clone(estimator).fit(X, y)
    with pytest.raises(ValueError, match="Complex data not supported"):
        clone(estimator).fit(X.to_numpy(), y)
