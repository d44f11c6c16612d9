"""The few private scikit-learn helpers skprune relies on, and the shims for older releases.

scikit-learn >= 1.6.1 is required (1.6 brings ``validate_data`` and ``__sklearn_tags__``).
An upgrade that moves one of these names only has to touch this module; the MLP's private
training code, which only ``MLPPruner`` uses, is reached through ``_mlp/_sklearn_private.py``.

Shims, each with the releases that need it:

- ``l1_logistic``: scikit-learn < 1.8 reads ``l1_ratio`` only with ``penalty="elasticnet"``
  (an ``l1_ratio=1.0`` alone fits an L2 model); 1.8 deprecates ``penalty``.
- ``set_classes``: scikit-learn < 1.8 makes ``RidgeClassifier.classes_`` a read-only property
  of its label binarizer.
"""

import re

import numpy as np
import sklearn
from sklearn.base import _fit_context
from sklearn.linear_model import LogisticRegression, RidgeClassifier
from sklearn.preprocessing import LabelBinarizer
from sklearn.utils import _safe_indexing
from sklearn.utils._param_validation import HasMethods, Interval, StrOptions, validate_params
from sklearn.utils.validation import _check_sample_weight, validate_data

__all__ = [
    "SKLEARN_VERSION",
    "HasMethods",
    "Interval",
    "StrOptions",
    "_check_sample_weight",
    "_safe_indexing",
    "_fit_context",
    "l1_logistic",
    "release",
    "set_classes",
    "validate_data",
    "validate_params",
]


def release(version):
    """``(major, minor)`` of a version string: ``release("1.6.1") == (1, 6)``."""
    return tuple(int(part) for part in re.match(r"(\d+)\.(\d+)", version).groups())


SKLEARN_VERSION = release(sklearn.__version__)


def l1_logistic(**params):
    """An L1-penalised ``LogisticRegression`` with the other ``params``, on every release.

    Examples
    --------
    The L1 penalty sets the weight of a column that carries no signal to exactly zero:

    >>> from sklearn.datasets import make_classification
    >>> from skprune._core._compat import l1_logistic
    >>> X, y = make_classification(n_features=4, n_informative=1, n_redundant=0,
    ...                            n_clusters_per_class=1, random_state=0)
    >>> model = l1_logistic(C=0.05, solver="liblinear").fit(X, y)
    >>> model.coef_[0] == 0
    array([False,  True,  True,  True])
    """
    if SKLEARN_VERSION < (1, 8):
        return LogisticRegression(penalty="l1", **params)
    return LogisticRegression(l1_ratio=1.0, **params)


def set_classes(model, classes):
    """Give the classifier ``model`` the class labels ``classes`` as its ``fit`` would."""
    classes = np.asarray(classes)
    if isinstance(model, RidgeClassifier):
        # RidgeClassifier decodes its predictions with the binarizer it fitted on y.
        model._label_binarizer = LabelBinarizer(pos_label=1, neg_label=-1).fit(classes)
    # On scikit-learn < 1.8, RidgeClassifier.classes_ is a read-only view of that binarizer.
    if not isinstance(getattr(type(model), "classes_", None), property):
        model.classes_ = classes
    return model
