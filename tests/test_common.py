"""scikit-learn's estimator checks, and the checks users hit next, over every skprune estimator."""

import pickle
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from estimators import CHECKED, PROPERTIES, checked_instances
from sklearn.base import clone
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.utils import get_tags
from sklearn.utils.estimator_checks import parametrize_with_checks

import skprune
from skprune import GiniSelector, LassoPruner, MLPPruner, RidgePruner, StabilitySelector
from skprune._core._compat import SKLEARN_VERSION
from skprune._core._discovery import all_estimators

ESTIMATORS = checked_instances()


def test_every_estimator_is_configured():
    # A new estimator is checked at its defaults from the start; its test configurations (the
    # settings whose code paths differ) belong in tests/estimators.py.
    names = [name for name, _ in all_estimators()]
    assert names == sorted(CHECKED) == sorted(PROPERTIES)
    assert set(names) <= set(skprune.__all__)


def expected_failed_checks(estimator):
    sample_weight_equivalence = (
        "check_sample_weight_equivalence_on_dense_data",
        "check_sample_weight_equivalence_on_sparse_data",
    )
    if getattr(estimator, "method", None) == "forest":
        # A random forest draws bootstrap samples, so a weight of 2 is not the same draw as a
        # repeated row; scikit-learn marks the same checks as expected failures for
        # RandomForestClassifier itself. The split method passes them.
        return {
            check: "the forest's bootstrap makes weights differ from repeated rows"
            for check in sample_weight_equivalence
        }
    if isinstance(estimator, GiniSelector) and estimator.fdr is not None:
        # The permutation p-values shuffle each row's target with its weight: a row of weight 2
        # moves whole, two repeated rows apart, so the null and the kept set can differ.
        return {
            check: "shuffles move a weighted row whole, repeated rows apart"
            for check in sample_weight_equivalence
        }
    if isinstance(estimator, StabilitySelector):
        # Half-samples are drawn over rows: a row of weight 2 goes to one half whole, while two
        # repeated rows can be split between the halves, so the fits differ, as a bootstrap's do
        # (scikit-learn marks these checks as expected failures for BaggingClassifier too).
        return {
            check: "half-samples of rows differ from half-samples of repeated rows"
            for check in sample_weight_equivalence
        }
    if isinstance(estimator, LassoPruner) and estimator.task != "regression":
        # On this check's sparse data (16 rows, 30 uncentred columns) the L1-logistic path runs
        # to tiny penalties where, with more columns than rows, the L1 solution is not unique:
        # the solver's coordinate order then decides which small weights survive, differently
        # for a weight of 2 and a repeated row. scikit-learn marks LogisticRegression's
        # sample-weight checks as expected failures too. The dense check passes; sample weights
        # are tested against repeated rows in test_linear.py.
        return {"check_sample_weight_equivalence_on_sparse_data": "the L1 solution is not unique"}
    if isinstance(estimator, RidgePruner) and estimator.alpha == "auto":
        # alpha="auto" is chosen by leave-one-out (generalised) cross-validation, as in RidgeCV: a
        # row of weight 2 is left out whole, while one of two repeated rows is left out with its
        # copy still in the fit, so the two data sets can choose different alphas. A float alpha
        # passes both checks (the instance above).
        return {
            check: "leave-one-out alpha selection is not invariant to repeating rows"
            for check in sample_weight_equivalence
        }
    if getattr(estimator, "estimator", None) == "knn":
        # The k-NN (KSG) estimator has no weighted form: it refuses sample_weight with a
        # ValueError naming it rather than ignore it (tested in test_mutual_info.py).
        return dict.fromkeys(SAMPLE_WEIGHT_CHECKS, "the k-NN estimator refuses sample_weight")
    if isinstance(estimator, MLPPruner) and SKLEARN_VERSION < (1, 7):
        # scikit-learn's MLP trains with sample_weight from 1.7 on; before, MLPPruner refuses
        # it with a ValueError naming that version (tested in test_mlp_pruner.py).
        return dict.fromkeys(SAMPLE_WEIGHT_CHECKS, "MLP sample_weight needs scikit-learn 1.7")
    return {}


# The checks that fit with sample_weight.
SAMPLE_WEIGHT_CHECKS = (
    "check_sample_weights_pandas_series",
    "check_sample_weights_not_an_array",
    "check_sample_weights_list",
    "check_sample_weights_shape",
    "check_sample_weights_not_overwritten",
    "check_sample_weight_equivalence_on_dense_data",
    "check_sample_weight_equivalence_on_sparse_data",
    "check_all_zero_sample_weights_error",
    "check_classifiers_one_label_sample_weights",
)


@parametrize_with_checks(ESTIMATORS, expected_failed_checks=expected_failed_checks)
def test_sklearn_compatible(estimator, check):
    check(estimator)


@pytest.fixture
def frame():
    X, y = make_classification(n_samples=200, n_features=6, n_informative=3, random_state=0)
    return pd.DataFrame(X, columns=[f"col_{j}" for j in range(6)]), y


@pytest.mark.parametrize("estimator", ESTIMATORS, ids=repr)
def test_feature_names_out_are_kept_columns(estimator, frame):
    X, y = frame
    fitted = clone(estimator).set_params(k=2).fit(X, y)
    names = fitted.get_feature_names_out()
    assert list(names) == list(X.columns[fitted.get_support()])
    assert list(fitted.transform(X).columns) == list(names)


@pytest.mark.parametrize("output", ["pandas", "polars"])
@pytest.mark.parametrize("estimator", ESTIMATORS, ids=repr)
def test_set_output(estimator, frame, output):
    pytest.importorskip(output)
    X, y = frame
    fitted = clone(estimator).set_params(k=3).set_output(transform=output).fit(X.to_numpy(), y)
    out = fitted.transform(X.to_numpy())
    assert type(out).__module__.split(".")[0] == output
    assert list(out.columns) == list(fitted.get_feature_names_out())


@pytest.mark.parametrize("estimator", ESTIMATORS, ids=repr)
@pytest.mark.parametrize(
    "params, match",
    [
        ({"pruning_rate": 1.0}, "pruning_rate"),
        ({"pruning_rate": -0.1}, "pruning_rate"),
        ({"pruning_rate": "half"}, "pruning_rate"),
        ({"k": 0}, "'k'"),
        ({"threshold": "high"}, "threshold"),
    ],
)
def test_bad_selection_parameters_are_named(estimator, frame, params, match):
    X, y = frame
    with pytest.raises((ValueError, TypeError), match=match):
        clone(estimator).set_params(**params).fit(X, y)


@pytest.mark.parametrize("estimator", ESTIMATORS, ids=repr)
def test_pickled_pipeline_predicts_the_same(estimator, frame):
    X, y = frame
    pipe = make_pipeline(clone(estimator), LogisticRegression()).fit(X, y)
    restored = pickle.loads(pickle.dumps(pipe))
    np.testing.assert_array_equal(restored.predict(X), pipe.predict(X))


@pytest.mark.parametrize("estimator", ESTIMATORS, ids=repr)
def test_read_only_float32_input_fits_as_a_writeable_copy(estimator, frame):
    # A memory map opened read-only, or pandas 3's to_numpy() of one column: nothing may write
    # into X, and scikit-learn's own checks of it must not fail. Found by the properties'
    # release run: the forest failed on missing values ("buffer source array is read-only").
    X, y = frame
    X = np.array(X, dtype=np.float32, order="C")
    if get_tags(estimator).input_tags.allow_nan:
        X[::9, 1] = np.nan
    read_only = X.copy()
    read_only.setflags(write=False)
    # Two fits compared: a seedable estimator is seeded, as scikit-learn's checks do.
    params = {"k": 3} | ({"random_state": 0} if "random_state" in estimator.get_params() else {})
    expected = clone(estimator).set_params(**params).fit(X, y)
    fitted = clone(estimator).set_params(**params).fit(read_only, y)
    np.testing.assert_array_equal(fitted.get_support(), expected.get_support())
    np.testing.assert_array_equal(fitted.transform(read_only), expected.transform(X))


def test_in_memory_fits_never_import_dask():
    # dask is an optional extra: only a dask input loads skprune's dask module.
    code = (
        "import sys; import numpy as np; from skprune import GiniSelector, MutualInfoSelector; "
        "X = np.random.default_rng(0).normal(size=(200, 4)); y = X[:, 0] > 0; "
        "MutualInfoSelector().fit(X, y).transform(X); GiniSelector().fit(X, y); "
        "dask_modules = ('dask', 'skprune._core._chunks', 'skprune._scoring._dask', "
        "'skprune._linear._dask'); "
        "assert not [m for m in sys.modules if m.startswith(dask_modules)]"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[1])
