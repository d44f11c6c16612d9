"""Histogram scores of a dask array or DataFrame, chunk by chunk: the table is never gathered.

Imported only when ``fit`` receives a dask collection. Each row chunk (``_core._chunks``) is read
twice, by tasks that return small summaries which a tree of dask tasks adds up:

1. *survey*: the rows of the bin-edge sample that fall in the chunk (``edge_sample_rows``, the
   same rows an in-memory fit of the same table samples), the levels of discrete columns, and the
   target's classes or sums;
2. *count*: the chunk's codes counted into the (feature, bin, target) table of the criterion.

Edges, levels and tables being those of the in-memory fit, the scores are the in-memory scores
(unweighted counts are integers, exact in any order of summation), through the same scoring
functions (``relevance_from_counts``, ``ordered_table_gains``).
"""

from collections.abc import Callable
from dataclasses import dataclass

import dask
import numpy as np
import pandas as pd

from .._core._chunks import (
    check_dask_mode,
    chunk_numbers,
    chunk_weights,
    row_chunks,
    sum_up,
)
from .._core._input import (
    MAX_DISCRETE_LEVELS,
    Features,
    check_not_constant,
    check_target,
    check_two_classes,
    resolve_discrete,
)
from ._binning import (
    Binner,
    auto_n_bins,
    edge_sample_rows,
    joint_counts,
    target_codes,
)
from ._chance import relevance_from_counts
from ._splits import channel_counts, ordered_table_gains, row_channels


@dataclass
class Plan:
    """What every count task needs: the bins, the target coding and the criterion's count."""

    binner: Binner
    names: np.ndarray
    task: str
    classes: np.ndarray | None
    target_edges: np.ndarray | None
    mean: float | None
    n_targets: int
    count: Callable  # _mutual_info_table or _split_table


def mutual_info_on_chunks(who, X, y, sample_weight, *, estimator, redundancy, task,
                          discrete_features, n_bins, edges=None,
                          chance_correction=True):  # fmt: skip
    """Mutual information of each column of a dask X, on histograms.

    ``who`` is the estimator or score function, named in errors. Returns
    ``(scores, counts, plan, discrete)``.
    """
    check_dask_mode(who, "estimator", estimator, "histogram")
    check_dask_mode(who, "redundancy", redundancy, None)
    counts, plan, discrete = _histograms(
        X, y, sample_weight, _mutual_info_table, task, discrete_features, n_bins, edges
    )
    return relevance_from_counts(counts, chance_correction), counts, plan, discrete


def gini_on_chunks(who, X, y, sample_weight, *, method, splitter, task, discrete_features,
                   max_bins):  # fmt: skip
    """Gini (or variance) decrease of the best split of each column of a dask X, on histograms.

    Returns ``(scores, plan)``.
    """
    check_dask_mode(who, "method", method, "split")
    check_dask_mode(who, "splitter", "histogram" if splitter == "auto" else splitter, "histogram")
    counts, plan, _ = _histograms(
        X, y, sample_weight, _split_table, task, discrete_features, max_bins, None
    )
    return ordered_table_gains(counts, plan.task), plan


def _histograms(X, y, sample_weight, count, task, discrete_features, n_bins, edges):
    """The summed count table of a dask X, its plan, and which columns were discrete."""
    chunks = row_chunks(X, y, sample_weight)
    none = np.zeros(len(chunks.names), dtype=bool)
    forced = resolve_discrete(discrete_features, none, none, chunks.names)
    auto = isinstance(discrete_features, str)
    candidates = chunks.integer if auto else forced
    survey = sum_up(
        dask.delayed(_survey)(x, y_, w, rows, candidates, auto, task, chunks.names)
        for (x, y_, w), rows in zip(chunks.blocks(), _split_rows(chunks.lengths), strict=True)
    )
    plan, discrete = _plan(survey, chunks, count, task, candidates, n_bins, edges)
    counts = sum_up(dask.delayed(_count)(x, y_, w, plan) for x, y_, w in chunks.blocks())
    return counts, plan, discrete


def _split_rows(lengths):
    """Per chunk, the chunk's rows of the edge sample (local indices), or None for all rows."""
    rows = edge_sample_rows(sum(lengths))
    if rows is None:
        return [None] * len(lengths)
    bounds = np.cumsum((0, *lengths))
    cuts = np.searchsorted(rows, bounds)
    return [rows[a:b] - start for a, b, start in zip(cuts[:-1], cuts[1:], bounds[:-1], strict=True)]


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
    x = chunk_numbers(x, names)
    w = chunk_weights(w, x)
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


def _plan(survey, chunks, count, task, candidates, n_bins, edges):
    """Bins from the surveyed sample (levels from every row), the target's coding."""
    task = survey.task if task == "auto" else task
    total = sum(chunks.lengths) if survey.w is None else survey.stats[1]
    if task == "classification":
        classes = survey.classes
        check_two_classes(classes)
        mean, n_targets = None, classes.size
    else:
        classes = None
        check_not_constant(*survey.stats[2:])
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
    if task == "regression" and count is _mutual_info_table:
        target_edges = target_codes(survey.y.astype(np.float64), n_bins, survey.w)[1]
        n_targets = len(target_edges) + 1
    elif task == "regression":
        n_targets = 2  # the weight and the weighted, centred target
    plan = Plan(binner, chunks.names, task, classes, target_edges, mean, n_targets, count)
    return plan, discrete


def _count(x, y, w, plan):
    """One chunk's (feature, bin, target) table, as ``plan.count`` counts it."""
    x = chunk_numbers(x, plan.names)
    w = chunk_weights(w, x)
    features = Features(x, plan.binner.discrete_, np.zeros_like(plan.binner.discrete_), plan.names)
    codes = plan.binner.transform(features)
    y, _, local = check_target(y, x.shape[0], plan.task, allow_single=True)
    if plan.task == "classification":
        y = np.searchsorted(plan.classes, local)[y]
    return plan.count(codes, plan.binner.n_levels().max(), y, w, plan)


def _mutual_info_table(codes, n_levels, y, w, plan):
    """Joint counts of bins and target classes (or bins of a real target)."""
    if plan.target_edges is not None:
        y = np.searchsorted(plan.target_edges, y, side="left")
    return joint_counts(codes, n_levels, y, plan.n_targets, w)


def _split_table(codes, n_levels, y, w, plan):
    """Per bin, the weight of each class (or the weight and weighted, centred target)."""
    channels = row_channels(y, plan.task, w, n_classes=plan.n_targets, mean=plan.mean)
    return channel_counts(codes, n_levels, y, plan.task, channels, w)
