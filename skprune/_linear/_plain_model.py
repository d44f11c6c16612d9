"""Plain scikit-learn linear models that hold given weights.

The linear pruners fit on standardised columns and then report their weights in the units of X.
No scikit-learn ``fit`` can produce those weights on the raw kept columns, so the fitted state is
set here, once, as scikit-learn's own ``fit`` would leave it.
"""

import numpy as np

from .._core._compat import set_classes


def with_weights(model, coef, intercept, *, classes=None, feature_names=None):
    """Make the unfitted linear ``model`` a fitted one with the given weights.

    Parameters
    ----------
    model : scikit-learn linear model
        Unfitted; its hyper-parameters describe how the weights were obtained.
    coef : ndarray of shape (n_rows, n_features)
        One row per class (one for a binary problem) or per regression target.
    intercept : ndarray of shape (n_rows,)
    classes : ndarray, default=None
        Class labels of a classifier; None for a regressor.
    feature_names : ndarray of str, default=None
        Column names of the features the model takes.
    """
    if classes is not None:
        set_classes(model, classes)
        model.coef_, model.intercept_ = coef, intercept
    elif coef.shape[0] == 1:
        model.coef_, model.intercept_ = coef[0], float(intercept[0])
    else:
        model.coef_, model.intercept_ = coef, intercept
    model.n_features_in_ = coef.shape[1]
    if feature_names is not None:
        model.feature_names_in_ = np.asarray(feature_names, dtype=object)
    return model
