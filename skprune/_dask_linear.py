"""Linear pruners on a dask collection: one pass of weighted moments, then the in-memory fit.

One pass over the row chunks sums the weighted moments of ``[X, y]`` (``_moments``); a table of
``n_features + 2`` rows with exactly these moments then goes through the pruner's own ``fit``:
standardisation, penalty path, rounds and refit are those of the in-memory fit, which they
reproduce within the solver's tolerance.
"""

import dask
import numpy as np
import pandas as pd

from ._dask import _sum_up, _weights, check_columns, check_dask_mode, row_chunks
from ._input import _check_finite, check_target, is_pandas_df
from ._moments import row_moments, table_of


def moment_table(pruner, X, y, sample_weight):
    """``(X, y, sample_weight)`` in memory, of ``n_features + 2`` rows, with X's and y's moments."""
    who = type(pruner).__name__
    if pruner.alpha == "auto" and not pruner._alpha_from_moments:
        check_dask_mode(pruner, "alpha", "auto", 1.0)
    if pruner.task == "classification":
        _refuse_classification(who)
    check_columns(pruner, X, reset=True)
    columns = X.columns if is_pandas_df(getattr(X, "_meta", None)) else None
    chunks = row_chunks(X, y, sample_weight)
    moments = _sum_up(
        dask.delayed(_chunk_moments)(x, y_, w, pruner.task, who)
        for x, y_, w in zip(chunks.x, chunks.y, chunks.w, strict=True)
    )
    moments = dask.compute(moments)[0]
    if moments.task == "classification":
        _refuse_classification(who)
    table, weights = table_of(moments)
    features = table[:, :-1]
    if columns is not None:
        features = pd.DataFrame(features, columns=columns)
    return features, table[:, -1], weights


def _chunk_moments(x, y, w, task, who):
    x = np.asarray(x)
    _check_finite(x, None, who)
    w = _weights(w, x)
    _, task, _ = check_target(y, x.shape[0], task, allow_single=True)
    raw = np.asarray(y.to_numpy() if hasattr(y, "to_numpy") else y).ravel()
    target = raw if raw.dtype.kind in "biuf" else np.zeros(raw.shape)
    return row_moments(x, target[:, None], w, task)


def _refuse_classification(who):
    raise TypeError(
        f"{who} classifies with every row in memory; on a dask collection it fits regression "
        "only (a real-valued y, task='regression' or 'auto'). Fit the classifier on a numpy or "
        "pandas sample."
    )
