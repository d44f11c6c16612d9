"""The standardised rows of a large X, a block of rows at a time, in float64.

Some fits must see every row, not only the moments of the rows: the leave-one-out errors of
generalised cross-validation (RidgePruner's ``alpha="auto"``) and the log-loss of a logistic
regression (LassoPruner's classifier, ``_logistic_blocks``). On a large X
(``_linear_base.NARROW_SIZE`` entries) they pass over these blocks: each is converted to float64
and standardised into one reused buffer, so neither a float64 nor a standardised copy of the
whole X is ever made."""

import numpy as np

from ._moments import rows_per_block


class RowBlocks:
    """Blocks of the rows of ``X[:, columns]``, as ``(X - mean) * multiplier`` in float64.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        The data, in any float dtype; never modified.
    mean, multiplier : ndarray of shape (n_features,), default=None
        What standardises each column of X (None: X is used as it is).
    columns : ndarray of int, default=None
        The columns of X these blocks hold (None: all of them).

    Iterating yields ``(rows, block)``: a slice of row indices and a float64 array of shape
    ``(rows, n_columns)``. The block is one buffer, overwritten by the next: use it before
    asking for the next one.
    """

    def __init__(self, X, mean=None, multiplier=None, columns=None):
        self.X, self.mean, self.multiplier = X, mean, multiplier
        self.columns = np.arange(X.shape[1]) if columns is None else np.asarray(columns)

    @classmethod
    def standardized(cls, X, data):
        """The rows of X standardised as ``data`` (a ``_standardize.Standardized``) says.

        Constant columns become zeros, as in the standardised copy.
        """
        multiplier = np.where(data.constant, 0.0, 1.0 / data.scale)
        return cls(X, data.mean, multiplier)

    @property
    def shape(self):
        return self.X.shape[0], self.columns.size

    def subset(self, columns):
        """The blocks of these columns (indices into this object's columns)."""
        return RowBlocks(self.X, self.mean, self.multiplier, self.columns[columns])

    def __getitem__(self, key):
        """``blocks[:, columns]`` is ``subset(columns)``: columns are taken as from an array."""
        rows, columns = key
        if rows != slice(None):
            raise IndexError("RowBlocks selects columns only, as blocks[:, columns].")
        return self.subset(columns)

    def __iter__(self):
        n_rows = self.X.shape[0]
        every_column = np.array_equal(self.columns, np.arange(self.X.shape[1]))
        step = rows_per_block(self.columns.size)
        buffer = np.empty((min(step, n_rows), self.columns.size))
        for start in range(0, n_rows, step):
            rows = slice(start, min(start + step, n_rows))
            block = buffer[: rows.stop - start]
            # Slicing the rows first makes the column selection copy one block, not all of X.
            block[...] = self.X[rows] if every_column else self.X[rows][:, self.columns]
            if self.mean is not None:
                block -= self.mean[self.columns]
                block *= self.multiplier[self.columns]
            yield rows, block
