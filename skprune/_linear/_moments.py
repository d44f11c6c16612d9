"""Weighted moments of the rows of ``[X, y]``, and a small table of rows that has exactly them.

A least-squares fit (``Ridge``; ``Lasso`` by coordinate descent on the Gram matrix) sees the data
only through the total weight, the weighted means and the weighted centred cross-products of
``[X, y]``. They are summed a block of rows at a time in float64, merging blocks by Chan's update
(stable where raw sums of squares would cancel), so X is never copied whole. A table of
``n_features + n_targets + 1`` rows with exactly these moments then goes through the pruner's own
``fit``, which it reproduces within the solver's tolerance: the dask path fits on it, and so does
a dense float32 regression, which would otherwise need a float64 copy of X.
"""

import numpy as np

# A block of rows is at most BLOCK_ROWS rows and BLOCK_BYTES of float64: a buffer small enough to
# be reused, not remapped, and a memory cost of a few blocks whatever the number of rows.
BLOCK_ROWS = 2**16
BLOCK_BYTES = 2**22


def rows_per_block(n_columns):
    """How many rows of ``n_columns`` float64 values make one block."""
    return max(1, min(BLOCK_ROWS, BLOCK_BYTES // (8 * max(1, n_columns))))


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
    """Total weight, weighted means, centred cross-products and range of some rows of ``[X, y]``.

    The range tells the constant columns: their centred cross-products are zero only up to the
    rounding of their mean. ``by_class`` (a :class:`ClassMoments`, or None once some rows' y is
    real-valued) serves a target of class labels, whose numeric ``y`` column is then meaningless.
    """

    def __init__(self, weight, mean, scatter, task, low, high, by_class=None):
        self.weight, self.mean, self.scatter, self.task = weight, mean, scatter, task
        self.low, self.high, self.by_class = low, high, by_class

    @classmethod
    def of(cls, z, w, task):
        """Moments of the rows of ``z`` (centred in place) with weights ``w`` (None: ones)."""
        weight = z.shape[0] if w is None else w.sum()
        low, high = z.min(axis=0), z.max(axis=0)
        if weight == 0:
            return cls(weight, np.zeros(z.shape[1]), np.zeros((z.shape[1],) * 2), task, low, high)
        mean = (z.sum(axis=0) if w is None else w @ z) / weight
        z -= mean
        scatter = z.T @ (z if w is None else z * w[:, None])
        return cls(weight, mean, scatter, task, low, high)

    def __add__(self, other):
        weight = self.weight + other.weight
        task = "regression" if "regression" in (self.task, other.task) else "classification"
        by_class = self.by_class + other.by_class if task == "classification" else None
        low, high = np.minimum(self.low, other.low), np.maximum(self.high, other.high)
        if weight == 0:
            scatter = self.scatter + other.scatter
            return Moments(weight, self.mean, scatter, task, low, high, by_class)
        delta = other.mean - self.mean
        mean = self.mean + delta * (other.weight / weight)
        scatter = self.scatter + other.scatter
        scatter += np.outer(delta, delta) * (self.weight * other.weight / weight)
        return Moments(weight, mean, scatter, task, low, high, by_class)


def row_moments(x, targets, w, task, codes=None, classes=None):
    """Moments of the rows of ``[x, targets]`` (2-d; ``w`` None for unit weights), by blocks.

    With ``codes`` (each row's index into ``classes``) they keep each class's moments too.
    """
    step = rows_per_block(x.shape[1] + targets.shape[1])
    buffer = np.empty((min(step, x.shape[0]), x.shape[1] + targets.shape[1]))
    total = None
    for start in range(0, x.shape[0], step):
        rows = slice(start, start + step)
        z = buffer[: x[rows].shape[0]]
        z[:, : x.shape[1]] = x[rows]
        z[:, x.shape[1] :] = targets[rows]
        block_w = None if w is None else w[rows]
        block = Moments.of(z, block_w, task)
        if codes is not None:
            # Moments.of centred z in place: the class means are taken from the centred rows.
            block.by_class = ClassMoments.of(
                z[:, : x.shape[1]], block.mean[: x.shape[1]], codes[rows], classes, block_w
            )
        total = block if total is None else total + block
    return total


def table_of(mean, scatter, weight, low, high):
    """``(table, weights)``: ``mean.size + 1`` rows with these means and cross-products.

    The first ``low.size`` columns are constant where ``low == high``: exactly, there (as a
    standardisation of the rows finds them), not only up to the rounding of their moments.
    """
    n_rows = mean.size + 1
    values, vectors = np.linalg.eigh(scatter)
    root = np.sqrt(np.clip(values, 0, None))[:, None] * vectors.T  # root.T @ root = scatter
    table = mean + np.sqrt(n_rows / weight) * (_centred_basis(n_rows) @ root)
    constant = np.flatnonzero(low == high)
    table[:, constant] = low[constant]
    return table, np.full(n_rows, weight / n_rows)


def table_of_rows(X, y, sample_weight):
    """``(X, y, sample_weight)`` of a table with the moments of dense X and real y's rows."""
    targets = y.reshape(y.shape[0], -1)
    unit = (sample_weight == 1.0).all()
    moments = row_moments(X, targets, None if unit else sample_weight, "regression")
    table, weights = table_of(
        moments.mean, moments.scatter, moments.weight, moments.low, moments.high
    )
    return table[:, : X.shape[1]], table[:, X.shape[1] :].reshape(-1, *y.shape[1:]), weights


def _centred_basis(n_rows):
    """``n_rows - 1`` orthonormal columns orthogonal to the ones: the table's mean stays exact."""
    spanning = np.column_stack([np.ones(n_rows), np.eye(n_rows)[:, : n_rows - 1]])
    return np.linalg.qr(spanning)[0][:, 1:]
