"""Histogram scores of a dask array or DataFrame, chunk by chunk: the table is never gathered.

Imported only when ``fit`` receives a dask collection. Each row chunk is read twice, by tasks that
return small summaries which a tree of dask tasks adds up:

1. *survey*: the rows of the bin-edge sample that fall in the chunk (``edge_sample_rows``, the
   same rows an in-memory fit of the same table samples), the levels of discrete columns, and the
   target's classes or sums;
2. *count*: the chunk's codes counted into the (feature, bin, target) table.

Edges, levels and tables being those of the in-memory fit, the scores are the in-memory scores
(unweighted counts are integers, exact in any order of summation), through the same scoring
functions (``mutual_info_from_counts``, ``ordered_table_gains``).
"""

from dataclasses import dataclass
from functools import reduce

import dask
import dask.array as da
import numpy as np
import pandas as pd

from .._core._compat import _check_sample_weight, validate_data
from .._core._input import (
    MAX_DISCRETE_LEVELS,
    Features,
    _check_no_inf,
    _resolve_discrete,
    check_target,
    is_pandas_df,
)
from ._binning import (
    Binner,
    auto_n_bins,
    edge_sample_rows,
    joint_counts,
    mutual_info_from_counts,
    target_codes,
)
from ._gini import channel_counts
from ._splits import ordered_table_gains, row_channels

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


@dataclass
class Plan:
    """What every count task needs: the bins, the target coding and which table to count."""

    binner: Binner
    names: np.ndarray
    task: str
    classes: np.ndarray | None
    target_edges: np.ndarray | None
    mean: float | None
    n_targets: int
    table: str  # "mutual_info" or "split"


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


def histogram_scores(X, y, sample_weight, *, table, task, discrete_features, n_bins, edges=None):
    """Scores and fitted plan of a dask X: ``table="mutual_info"`` or ``"split"`` (Gini gains).

    Returns ``(scores, counts, plan, discrete)``.
    """
    chunks = row_chunks(X, y, sample_weight)
    none = np.zeros(len(chunks.names), dtype=bool)
    forced = _resolve_discrete(discrete_features, none, none, chunks.names)
    auto = isinstance(discrete_features, str)
    candidates = chunks.integer if auto else forced
    survey = _sum_up(
        dask.delayed(_survey)(x, y_, w, rows, candidates, auto, task, chunks.names)
        for x, y_, w, rows in zip(
            chunks.x, chunks.y, chunks.w, _split_rows(chunks.lengths), strict=True
        )
    )
    survey = dask.compute(survey)[0]
    plan, discrete = _plan(survey, chunks, table, task, candidates, n_bins, edges)
    counts = _sum_up(
        dask.delayed(_count)(x, y_, w, plan)
        for x, y_, w in zip(chunks.x, chunks.y, chunks.w, strict=True)
    )
    counts = dask.compute(counts)[0]
    if table == "mutual_info":
        return mutual_info_from_counts(counts), counts, plan, discrete
    return ordered_table_gains(counts, plan.task), counts, plan, discrete


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
        check_target(None, X.shape[0])  # the in-memory message for a missing target
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


def _split_rows(lengths):
    """Per chunk, the chunk's rows of the edge sample (local indices), or None for all rows."""
    rows = edge_sample_rows(sum(lengths))
    if rows is None:
        return [None] * len(lengths)
    bounds = np.cumsum((0, *lengths))
    cuts = np.searchsorted(rows, bounds)
    return [rows[a:b] - start for a, b, start in zip(cuts[:-1], cuts[1:], bounds[:-1], strict=True)]


def _sum_up(parts):
    """A tree of tasks adding up ``parts`` (delayed summaries), FAN_IN at a time."""
    parts = list(parts)
    while len(parts) > 1:
        parts = [dask.delayed(_fold)(*parts[i : i + FAN_IN]) for i in range(0, len(parts), FAN_IN)]
    return parts[0]


def _fold(*parts):
    return reduce(lambda a, b: a + b, parts)


def _numbers(x, names):
    """A chunk of X as floats (float32 stays float32), infinity refused by column name."""
    x = np.asarray(x)
    if x.dtype not in (np.float32, np.float64):
        x = x.astype(np.float64)
    _check_no_inf(x, names)
    return x


def _weights(w, x):
    return None if w is None else _check_sample_weight(w, x, ensure_non_negative=True)


class Survey:
    """Pass 1 over one chunk, and (by ``+``) over several: sample rows, levels, target summary."""

    def __init__(self, x, y, w, levels, task, classes, stats):
        self.x, self.y, self.w = x, y, w
        self.levels, self.task, self.classes, self.stats = levels, task, classes, stats

    def __add__(self, other):
        levels = {
            j: None if a is None or other.levels[j] is None else np.union1d(a, other.levels[j])
            for j, a in self.levels.items()
        }
        regression = "regression" in (self.task, other.task)
        classes = None if regression else np.union1d(self.classes, other.classes)
        stats = np.concatenate(
            [
                self.stats[:2] + other.stats[:2],
                [min(self.stats[2], other.stats[2]), max(self.stats[3], other.stats[3])],
            ]
        )
        return Survey(
            np.concatenate([self.x, other.x]),
            np.concatenate([self.y, other.y]),
            None if self.w is None else np.concatenate([self.w, other.w]),
            levels,
            "regression" if regression else "classification",
            classes,
            stats,
        )


def _survey(x, y, w, rows, candidates, auto, task, names):
    x = _numbers(x, names)
    w = _weights(w, x)
    checked, task, classes = check_target(y, x.shape[0], task, allow_single=True)
    levels = {}
    for j in np.flatnonzero(candidates):
        column = x[:, j]
        found = np.unique(column[~np.isnan(column)])
        levels[j] = None if auto and found.size > MAX_DISCRETE_LEVELS else found
    raw = np.asarray(y.to_numpy() if hasattr(y, "to_numpy") else y).ravel()
    # Sum of weighted target, of weights, and the target's range (zeros for labels).
    values = raw.astype(np.float64) if raw.dtype.kind in "biuf" else np.zeros(raw.shape)
    weight = np.ones_like(values) if w is None else w
    stats = np.array([weight @ values, weight.sum(), values.min(), values.max()])
    take = slice(None) if rows is None else rows
    return Survey(x[take], raw[take], None if w is None else w[take], levels, task, classes, stats)


def _plan(survey, chunks, table, task, candidates, n_bins, edges):
    """Bins from the surveyed sample (levels from every row), the target's coding."""
    task = survey.task if task == "auto" else task
    total = sum(chunks.lengths) if survey.w is None else survey.stats[1]
    if task == "classification":
        classes = survey.classes
        check_target(classes, classes.size, "classification")  # one class: the in-memory error
        mean, n_targets = None, classes.size
    else:
        classes = None
        check_target(survey.stats[2:], 2, "regression")  # a constant: the in-memory error
        mean = survey.stats[0] / survey.stats[1] if survey.stats[1] > 0 else 0.0
    discrete = np.array(
        [bool(candidates[j]) and survey.levels.get(j) is not None for j in range(len(candidates))]
    )
    n_bins = auto_n_bins(total) if n_bins == "auto" else n_bins
    sample = Features(survey.x, discrete, np.zeros_like(discrete), chunks.names)
    binner = Binner(n_bins, edges).fit(sample, survey.w)
    for j in np.flatnonzero(discrete):
        binner.levels_[j] = pd.Index(survey.levels[j])
    target_edges = None
    if task == "regression" and table == "mutual_info":
        target_edges = target_codes(survey.y.astype(np.float64), n_bins, survey.w)[1]
        n_targets = len(target_edges) + 1
    elif task == "regression":
        n_targets = 2  # the weight and the weighted, centred target
    plan = Plan(binner, chunks.names, task, classes, target_edges, mean, n_targets, table)
    return plan, discrete


def _count(x, y, w, plan):
    x = _numbers(x, plan.names)
    w = _weights(w, x)
    features = Features(x, plan.binner.discrete_, np.zeros_like(plan.binner.discrete_), plan.names)
    codes = plan.binner.transform(features)
    n_levels = plan.binner.n_levels().max()
    y, _, local = check_target(y, x.shape[0], plan.task, allow_single=True)
    if plan.task == "classification":
        y = np.searchsorted(plan.classes, local)[y]
    if plan.table == "split":
        channels = row_channels(y, plan.task, w, n_classes=plan.n_targets, mean=plan.mean)
        return channel_counts(codes, n_levels, y, plan.task, channels, w)
    if plan.target_edges is not None:
        y = np.searchsorted(plan.target_edges, y, side="left")
    return joint_counts(codes, n_levels, y, plan.n_targets, w)
