"""Every skprune estimator, found by walking the package (as scikit-learn's
``utils.discovery.all_estimators`` does), so that the test suite cannot forget one."""

import importlib
import inspect
import pkgutil

from sklearn.base import BaseEstimator

# Modules not to import while walking: the command-line entry point runs on import, and the
# dask modules need the optional extra (they define no estimator).
SKIPPED = (
    "skprune.__main__",
    "skprune._core._chunks",
    "skprune._scoring._dask",
    "skprune._linear._dask",
)


def all_estimators():
    """``(name, class)`` of each concrete skprune estimator, sorted by name.

    Every module is imported by name (the package root is not imported at import time), and
    each class defined in skprune that subclasses ``BaseEstimator`` is kept, but for the base
    classes (named ``Base...``).
    """
    package = importlib.import_module("skprune")
    found = {}
    for info in pkgutil.walk_packages(package.__path__, prefix="skprune."):
        if info.name in SKIPPED:
            continue
        module = importlib.import_module(info.name)
        for name, value in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(value, BaseEstimator)
                and value.__module__.startswith("skprune.")
                and not name.startswith(("_", "Base"))
            ):
                found[name] = value
    return sorted(found.items())
