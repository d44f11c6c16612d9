"""Linear pruners on a dask collection: one pass of weighted moments, then the in-memory fit.

A least-squares fit (``Ridge``; ``Lasso`` by coordinate descent on the Gram matrix) sees the data
only through the total weight, the weighted means and the weighted centred cross-products of
``[X, y]``. One pass over the row chunks sums them, merging chunks by Chan's update (stable where
raw sums of squares would cancel). A table of ``n_features + 2`` rows with exactly these moments
then goes through the pruner's own ``fit``: standardisation, penalty path, rounds and refit are
those of the in-memory fit, which they reproduce within the solver's tolerance.

Ridge classification is least squares on +-1 class indicators (as ``RidgeClassifier``). Their
moments follow from each class's weight and mean of X, which the same pass keeps for a target of
class labels; the table then has one indicator column per class (one for two classes), and the
pruner fits ridge on them. Whether y holds classes is known only once every chunk is seen, so
the pass keeps both summaries and the regression one is dropped at the end, or the class one.
"""

import dask
import numpy as np
import pandas as pd

from ._dask import _sum_up, _weights, check_columns, check_dask_mode, row_chunks
from ._input import _check_finite, check_target, is_pandas_df

# Rows per block of a chunk's moments: a float64 buffer small enough to be reused, not remapped.
BLOCK_ROWS = 2**16


class ClassMoments:
    """Per class label of some rows: the total weight and the weighted mean of X."""

    def __init__(self, classes, weight, mean):
        self.classes, self.weight, self.mean = classes, weight, mean

    @classmethod
    def of(cls, centred, mean, codes, classes, w):
        """Of rows ``centred`` (X minus its mean ``mean``) whose classes are ``classes[codes]``."""
        weight = np.bincount(codes, weights=w, minlength=classes.size).astype(np.float64)
        weighted = centred if w is None else centred * w[:, None]
        sums = np.column_stack(
            [np.bincount(codes, weights=column, minlength=classes.size) for column in weighted.T]
        )
        return cls(classes, weight, mean + _per_weight(sums, weight))

    def __add__(self, other):
        classes = np.union1d(self.classes, other.classes)
        weight = np.zeros(classes.size)
        total = np.zeros((classes.size, self.mean.shape[1]))
        for part in (self, other):
            at = np.searchsorted(classes, part.classes)
            weight[at] += part.weight
            total[at] += part.weight[:, None] * part.mean
        return ClassMoments(classes, weight, _per_weight(total, weight))


def _per_weight(sums, weight):
    """Rows of ``sums`` divided by ``weight``; 0 where a class has no weight (yet)."""
    return np.divide(sums, weight[:, None], out=np.zeros_like(sums), where=weight[:, None] > 0)


class Moments:
    """Total weight, weighted means and centred cross-products of some rows of ``[X, y]``.

    ``by_class`` (a :class:`ClassMoments`, or None once a chunk's y is real-valued) serves a
    target of class labels, whose numeric ``y`` column is then meaningless.
    """

    def __init__(self, weight, mean, scatter, task, by_class=None):
        self.weight, self.mean, self.scatter, self.task = weight, mean, scatter, task
        self.by_class = by_class

    @classmethod
    def of(cls, z, w, task):
        """Moments of the rows of ``z`` (centred in place) with weights ``w`` (None: ones)."""
        weight = z.shape[0] if w is None else w.sum()
        if weight == 0:
            return cls(weight, np.zeros(z.shape[1]), np.zeros((z.shape[1],) * 2), task)
        mean = (z.sum(axis=0) if w is None else w @ z) / weight
        z -= mean
        scatter = z.T @ (z if w is None else z * w[:, None])
        return cls(weight, mean, scatter, task)

    def __add__(self, other):
        weight = self.weight + other.weight
        task = "regression" if "regression" in (self.task, other.task) else "classification"
        by_class = self.by_class + other.by_class if task == "classification" else None
        if weight == 0:
            return Moments(weight, self.mean, self.scatter + other.scatter, task, by_class)
        delta = other.mean - self.mean
        mean = self.mean + delta * (other.weight / weight)
        scatter = self.scatter + other.scatter
        scatter += np.outer(delta, delta) * (self.weight * other.weight / weight)
        return Moments(weight, mean, scatter, task, by_class)


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
    moments = _sum_up(
        dask.delayed(_chunk_moments)(x, y_, w, pruner.task, who)
        for x, y_, w in zip(chunks.x, chunks.y, chunks.w, strict=True)
    )
    moments = dask.compute(moments)[0]
    n_features = moments.mean.size - 1
    classes = None
    if moments.task == "classification":
        if not pruner._classifies_from_moments:
            _refuse_classification(who)
        classes = moments.by_class.classes
        check_target(classes, classes.size, "classification")  # one class: the in-memory error
        mean, scatter = _indicator_moments(moments)
    else:
        mean, scatter = moments.mean, moments.scatter
    n_rows = mean.size + 1
    values, vectors = np.linalg.eigh(scatter)
    root = np.sqrt(np.clip(values, 0, None))[:, None] * vectors.T  # root.T @ root = scatter
    table = mean + np.sqrt(n_rows / moments.weight) * (_centred_basis(n_rows) @ root)
    weights = np.full(n_rows, moments.weight / n_rows)
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


def _centred_basis(n_rows):
    """``n_rows - 1`` orthonormal columns orthogonal to the ones: the table's mean stays exact."""
    spanning = np.column_stack([np.ones(n_rows), np.eye(n_rows)[:, : n_rows - 1]])
    return np.linalg.qr(spanning)[0][:, 1:]


def _chunk_moments(x, y, w, task, who):
    x = np.asarray(x)
    _check_finite(x, None, who)
    w = _weights(w, x)
    codes, task, classes = check_target(y, x.shape[0], task, allow_single=True)
    raw = np.asarray(y.to_numpy() if hasattr(y, "to_numpy") else y).ravel()
    target = raw if raw.dtype.kind in "biuf" else np.zeros(raw.shape)
    # One float64 buffer of [X, y] rows, reused block after block.
    buffer = np.empty((min(BLOCK_ROWS, x.shape[0]), x.shape[1] + 1))
    total = None
    for start in range(0, x.shape[0], BLOCK_ROWS):
        rows = slice(start, start + BLOCK_ROWS)
        z = buffer[: x[rows].shape[0]]
        z[:, :-1] = x[rows]
        z[:, -1] = target[rows]
        block_w = None if w is None else w[rows]
        block = Moments.of(z, block_w, task)
        if task == "classification":
            # Moments.of centred z in place: the class means are taken from the centred rows.
            block.by_class = ClassMoments.of(
                z[:, :-1], block.mean[:-1], codes[rows], classes, block_w
            )
        total = block if total is None else total + block
    return total


def _refuse_classification(who):
    raise TypeError(
        f"{who} classifies by L1-penalised logistic regression, which needs every row in "
        "memory; on a dask collection it fits regression only (a real-valued y, "
        "task='regression' or 'auto'). RidgePruner classifies on dask (least squares on class "
        "indicators); or fit on a numpy or pandas sample."
    )
