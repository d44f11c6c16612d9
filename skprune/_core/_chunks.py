"""A dask table read chunk by chunk: rows split alike with the target, summaries added up.

Imported only when ``fit`` receives a dask collection. The families build their own reductions
on it (histogram counts in ``_scoring``, moments of rows in ``_linear``): each row chunk goes to
a task returning a small summary, and ``sum_up`` adds the summaries in a tree of tasks, so the
table is never gathered.
"""

from dataclasses import dataclass
from functools import reduce

import dask
import dask.array as da
import numpy as np

from ._compat import _check_sample_weight, validate_data
from ._input import check_no_inf, is_pandas_df, refuse_missing_target

# Summaries are added up this many at a time: a tree of tasks rather than one task holding all.
FAN_IN = 8
UNKNOWN_CHUNKS = (
    "{name} has unknown chunk sizes (NaN in .chunks), so its rows cannot be matched with the "
    "target's; compute them first with {name}.compute_chunk_sizes(), or for a dask DataFrame "
    "with .to_dask_array(lengths=True)."
)


@dataclass
class Chunks:
    """A dask table split into row chunks, with its target (and weights) split alike."""

    x: list  # delayed 2-d blocks, all columns
    y: list  # delayed 1-d blocks
    w: list  # delayed 1-d blocks, or Nones
    lengths: tuple
    names: np.ndarray
    integer: np.ndarray  # bool per column: integer dtype (a candidate for "auto" discrete)

    def blocks(self):
        """``(x, y, w)`` of each chunk."""
        return zip(self.x, self.y, self.w, strict=True)


def check_columns(estimator, X, reset):
    """``n_features_in_`` and ``feature_names_in_`` of a dask X, from its shape or empty meta."""
    schema = X._meta if is_pandas_df(getattr(X, "_meta", None)) else X
    validate_data(estimator, schema, skip_check_array=True, reset=reset)


def select_columns(selector, X):
    """``transform`` of a dask X: the kept columns, still lazy."""
    check_columns(selector, X, reset=False)
    kept = np.flatnonzero(selector.get_support())
    if is_pandas_df(getattr(X, "_meta", None)):
        return X[list(X.columns[kept])]
    return X[:, kept]


def check_dask_mode(who, name, value, usable):
    """Refuse a setting that needs the whole table in memory, naming the one that does not.

    ``who`` is an estimator (named by its class) or a score function's name.
    """
    who = who if isinstance(who, str) else type(who).__name__
    if value != usable:
        raise TypeError(
            f"{who}({name}={value!r}) cannot take a dask collection: it needs "
            f"the whole table in memory. Use {name}={usable!r}, which counts chunk by chunk, or "
            "pass a numpy or pandas sample."
        )


def row_chunks(X, y, sample_weight):
    """Split X, y and the weights into the same row chunks, refusing what cannot be matched."""
    if is_pandas_df(getattr(X, "_meta", None)):
        names = np.asarray(X.columns.astype(str), dtype=object)
        for name, dtype in X.dtypes.items():
            if not (isinstance(dtype, np.dtype) and dtype.kind in "biuf"):
                raise TypeError(
                    f"Column {name!r} of the dask DataFrame X has dtype {dtype}; skprune counts "
                    "numeric dask columns only. Encode it as numbers (e.g. .cat.codes) and mark "
                    "it in discrete_features."
                )
        integer = np.array([dtype.kind in "biu" for dtype in X.dtypes], dtype=bool)
        # One pass over the partitions for their lengths, which the target is matched against.
        lengths = tuple(int(n) for n in X.map_partitions(len).compute())
        X = X.to_dask_array(lengths=lengths)
    else:
        if X.ndim != 2:
            raise ValueError(f"X must be two-dimensional; got a dask array of shape {X.shape}.")
        if X.dtype.kind not in "biuf":
            raise TypeError(f"X has dtype {X.dtype}; skprune counts numeric dask arrays only.")
        _check_known(X, "X")
        names = np.array([f"x{j}" for j in range(X.shape[1])], dtype=object)
        integer = np.full(X.shape[1], X.dtype.kind in "biu")
    if 0 in X.shape:
        raise ValueError(f"X is empty (shape {X.shape}); at least one row and column are needed.")
    X = X.rechunk({1: -1})
    y = _aligned(y, X, "y")
    w = [None] * X.numblocks[0] if sample_weight is None else _aligned(sample_weight, X, "w")
    # Unoptimised blocks keep the keys X shares with a target computed from it (one read).
    x = list(X.to_delayed(optimize_graph=False).ravel())
    return Chunks(x, y, w, X.chunks[0], names, integer)


def _check_known(array, name):
    if any(np.isnan(size) for sizes in array.chunks for size in sizes):
        raise ValueError(UNKNOWN_CHUNKS.format(name=name))


def _aligned(values, X, name):
    """Delayed blocks of ``values`` (dask or in memory) cut at X's row chunks."""
    label = "sample_weight" if name == "w" else name
    if values is None:
        refuse_missing_target()
    if hasattr(values, "to_dask_array"):  # a dask Series: X's lengths if partitioned alike
        same = values.npartitions == X.numblocks[0]
        values = values.to_dask_array(lengths=list(X.chunks[0]) if same else True)
    if not hasattr(values, "dask"):
        values = np.asarray(values.to_numpy() if hasattr(values, "to_numpy") else values)
        if values.ndim == 2 and values.shape[1] == 1:
            values = values.ravel()
        if values.ndim != 1 or values.shape[0] != X.shape[0]:
            raise ValueError(
                f"X has {X.shape[0]} rows but {label} has shape {values.shape}; they must match."
            )
        values = da.from_array(values, chunks=(X.chunks[0],))
    _check_known(values, label)
    if values.ndim == 2 and values.shape[1] == 1:
        values = values[:, 0]
    if values.ndim != 1 or values.shape[0] != X.shape[0]:
        raise ValueError(
            f"X has {X.shape[0]} rows but {label} has shape {values.shape}; they must match."
        )
    if values.chunks[0] != X.chunks[0]:
        raise ValueError(
            f"{label} is split into row chunks {values.chunks[0][:4]}... and X into "
            f"{X.chunks[0][:4]}...; they must be chunked alike: {label}.rechunk(X.chunks[0])."
        )
    return list(values.to_delayed(optimize_graph=False))


def sum_up(parts):
    """The sum of ``parts`` (delayed summaries), computed by a tree of tasks FAN_IN at a time."""
    parts = list(parts)
    while len(parts) > 1:
        parts = [dask.delayed(_fold)(*parts[i : i + FAN_IN]) for i in range(0, len(parts), FAN_IN)]
    return dask.compute(parts[0])[0]


def _fold(*parts):
    return reduce(lambda a, b: a + b, parts)


def chunk_numbers(x, names):
    """A chunk of X as floats (float32 stays float32), infinity refused by column name."""
    x = np.asarray(x)
    if x.dtype not in (np.float32, np.float64):
        x = x.astype(np.float64)
    check_no_inf(x, names)
    return x


def chunk_weights(w, x):
    """A chunk's sample weights, validated against its rows (None: unit weights)."""
    return None if w is None else _check_sample_weight(w, x, ensure_non_negative=True)
