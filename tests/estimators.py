"""The estimators that the common and property tests run: every skprune estimator, discovered
by ``all_estimators``, in the configurations listed here for its class.

A class without configurations is tested with its defaults, so a new estimator is checked from
the day it exists; ``test_every_estimator_is_configured`` asks for its configurations here.
"""

from sklearn.neural_network import MLPClassifier, MLPRegressor

from skprune import LassoPruner, MutualInfoSelector
from skprune._core._discovery import all_estimators

# Small networks trained by L-BFGS: deterministic, fast, and sample weights mean repetitions.
SMALL_MLP = dict(hidden_layer_sizes=(8,), solver="lbfgs", max_iter=100, random_state=0)

# scikit-learn's estimator checks and the checks users hit next (tests/test_common.py).
CHECKED = {
    "GiniSelector": [
        {},
        dict(splitter="histogram"),
        dict(method="forest", n_estimators=10, random_state=0),
        dict(fdr=0.5, random_state=0),
        # The shadow test, small: p-values down to 0.5 ** 4, so that the checks' tables keep some.
        dict(method="forest", fdr=0.9, n_estimators=5, shadow_rounds=4, random_state=0),
    ],
    "LassoPruner": [
        {},
        dict(task="classification"),
        dict(task="regression", granularity="weight", n_iterations=2),
    ],
    "MLPPruner": [
        # An unseeded network at the defaults: the checks set the pruner's random_state, which
        # must make the whole fit reproducible. It needs no expected failure (nor does
        # MLPClassifier in scikit-learn's own checks), sample-weight equivalence included.
        dict(estimator=MLPClassifier()),
        dict(estimator=MLPClassifier(**SMALL_MLP), fine_tune_iter=20),
        dict(
            estimator=MLPRegressor(**SMALL_MLP),
            granularity="neuron",
            criterion="taylor",
            fine_tune_iter=20,
        ),
        dict(
            estimator=MLPClassifier(**SMALL_MLP),
            granularity="neuron",
            criterion="gradient",
            # 0.3 keeps both columns of the checks' two-feature data, which one column cannot fit.
            input_pruning_rate=0.3,
            fine_tune_iter=20,
        ),
    ],
    "MutualInfoSelector": [{}, dict(estimator="knn", random_state=0), dict(redundancy="mrmr")],
    "RidgePruner": [
        {},
        dict(task="classification"),
        dict(task="classification", alpha="auto"),
        dict(task="regression", refit=False),
    ],
    # Few pairs keep the checks fast; the LassoPruner instance takes the path branch.
    "StabilitySelector": [
        dict(estimator=MutualInfoSelector(), n_pairs=5, random_state=0),
        dict(estimator=LassoPruner(), n_pairs=5, random_state=0),
    ],
}

# The generated-data properties (tests/test_properties.py), by the names they report.
PROPERTIES = {
    "GiniSelector": {
        "gini-split": {},
        "gini-histogram": dict(splitter="histogram"),
        "gini-forest": dict(method="forest", n_estimators=5, random_state=0),
    },
    "LassoPruner": {
        "lasso": {},
        "lasso-weight": dict(granularity="weight", n_iterations=2),
    },
    "MLPPruner": {
        "mlp": dict(
            estimator=MLPClassifier(
                hidden_layer_sizes=(4,), solver="lbfgs", max_iter=30, random_state=0
            ),
            fine_tune_iter=5,
            random_state=0,
        ),
    },
    "MutualInfoSelector": {
        "mi-histogram": {},
        "mi-knn": dict(estimator="knn", random_state=0),
        "mi-mrmr": dict(redundancy="mrmr"),
    },
    "RidgePruner": {"ridge": {}, "ridge-auto": dict(alpha="auto")},
    "StabilitySelector": {
        "stability-mi": dict(estimator=MutualInfoSelector(), n_pairs=3, random_state=0),
        "stability-lasso": dict(estimator=LassoPruner(), n_pairs=3, random_state=0),
    },
}


def checked_instances():
    """One instance per configuration in ``CHECKED`` (defaults for an unlisted class)."""
    return [cls(**params) for name, cls in all_estimators() for params in CHECKED.get(name, [{}])]


def property_instances():
    """``{label: instance}`` per configuration in ``PROPERTIES`` (an unlisted class: defaults)."""
    instances = {}
    for name, cls in all_estimators():
        for label, params in PROPERTIES.get(name, {name.lower(): {}}).items():
            instances[label] = cls(**params)
    return instances
