"""Linear pruners on a dask collection: one pass of weighted moments, then the in-memory fit.

One pass over the row chunks sums the weighted moments of ``[X, y]`` (``_moments``); a table of
``n_features + 2`` rows with exactly these moments then goes through the pruner's own ``fit``:
standardisation, penalty path, rounds and refit are those of the in-memory fit, which they
reproduce within the solver's tolerance.

Ridge classification is least squares on +-1 class indicators (as ``RidgeClassifier``). Their
moments follow from each class's weight and mean of X, which the same pass keeps for a target of
class labels; the table then has one indicator column per class (one for two classes), and the
pruner fits ridge on them. Whether y holds classes is known only once every chunk is seen, so
the pass keeps both summaries and the regression one is dropped at the end, or the class one.
"""

import dask
import numpy as np
import pandas as pd

from .._core._chunks import check_columns, check_dask_mode, chunk_weights, row_chunks, sum_up
from .._core._input import check_finite, check_target, check_two_classes, is_pandas_df
from ._moments import row_moments, table_of


def moment_table(pruner, X, y, sample_weight):
    """``(X, y, sample_weight, classes)`` in memory, a few rows with the moments of X and y.

    For regression ``y`` is 1-d and ``classes`` None; for classification ``y`` holds the +-1
    class indicators (one column per class, one for two classes) and ``classes`` the labels.
    """
    who = type(pruner).__name__
    if pruner.alpha == "auto" and not pruner._alpha_from_moments:
        check_dask_mode(pruner, "alpha", "auto", 1.0)
    if pruner.task == "classification" and not pruner._classifies_from_moments:
        _refuse_classification(who)
    check_columns(pruner, X, reset=True)
    columns = X.columns if is_pandas_df(getattr(X, "_meta", None)) else None
    chunks = row_chunks(X, y, sample_weight)
    moments = sum_up(
        dask.delayed(_chunk_moments)(x, y_, w, pruner.task, who) for x, y_, w in chunks.blocks()
    )
    n_features = moments.mean.size - 1
    classes = None
    if moments.task == "classification":
        if not pruner._classifies_from_moments:
            _refuse_classification(who)
        classes = moments.by_class.classes
        check_two_classes(classes)
        mean, scatter = _indicator_moments(moments)
    else:
        mean, scatter = moments.mean, moments.scatter
    low, high = moments.low[:n_features], moments.high[:n_features]
    table, weights = table_of(mean, scatter, moments.weight, low, high)
    features = table[:, :n_features]
    if columns is not None:
        features = pd.DataFrame(features, columns=columns)
    targets = table[:, n_features:] if classes is not None else table[:, -1]
    return features, targets, weights, classes


def _indicator_moments(moments):
    """Means and centred cross-products of ``[X, Y]``, Y the +-1 indicators of the classes.

    With ``w_k`` and ``m_k`` a class's weight and mean of X, ``W`` and ``m`` the totals:
    ``mean(Y_k) = 2 w_k / W - 1``, ``S(X, Y_k) = 2 w_k (m_k - m)`` and
    ``S(Y_j, Y_k) = 4 (w_k [j = k] - w_j w_k / W)``.
    """
    by_class, total = moments.by_class, moments.weight
    n_features = moments.mean.size - 1
    x_mean = moments.mean[:n_features]
    # Two classes: one indicator, of the second class (as LabelBinarizer codes them).
    kept = slice(1, None) if by_class.classes.size == 2 else slice(None)
    weight = by_class.weight[kept]
    cross = 2 * weight[:, None] * (by_class.mean[kept] - x_mean)
    indicators = 4 * (np.diag(weight) - np.outer(weight, weight) / total)
    scatter = np.block([[moments.scatter[:n_features, :n_features], cross.T], [cross, indicators]])
    return np.concatenate([x_mean, 2 * weight / total - 1]), scatter


def _chunk_moments(x, y, w, task, who):
    x = np.asarray(x)
    check_finite(x, None, who)
    w = chunk_weights(w, x)
    codes, task, classes = check_target(y, x.shape[0], task, allow_single=True)
    raw = np.asarray(y.to_numpy() if hasattr(y, "to_numpy") else y).ravel()
    target = raw if raw.dtype.kind in "biuf" else np.zeros(raw.shape)
    codes = codes if task == "classification" else None
    return row_moments(x, target[:, None], w, task, codes, classes)


def _refuse_classification(who):
    raise TypeError(
        f"{who} classifies by L1-penalised logistic regression, which needs every row in "
        "memory; on a dask collection it fits regression only (a real-valued y, "
        "task='regression' or 'auto'). RidgePruner classifies on dask (least squares on class "
        "indicators); or fit on a numpy or pandas sample."
    )
