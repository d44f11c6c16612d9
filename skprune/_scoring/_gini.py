"""Gini impurity decrease (variance decrease for regression) of each feature: the score function."""

from numbers import Integral, Real

import numpy as np
import scipy.sparse as sp
from joblib import Parallel, delayed
from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor

from .._core._compat import Interval, StrOptions, _check_sample_weight, validate_params
from .._core._input import (
    SCORE_DATA_CONSTRAINTS,
    Features,
    check_target,
    column_blocks,
    dense_block,
    is_dask_collection,
    validate_features,
)
from ._binning import Binner
from ._chance import chance_gains
from ._sparse_splits import sparse_sorted_gains
from ._splits import (
    categorical_gains,
    channel_counts,
    ordered_table_gains,
    row_channels,
    sorted_gains,
)

# splitter="auto" sorts up to this many rows and bins above it. Measured on 2 cores with AVX-512
# (where numpy's argsort is vectorised), time relative to one np.argsort(X, axis=0), classification:
#   100,000 x 100: exact 1.8, histogram 4.2 (binning, a binary search per value, costs more)
#   1,000,000 x 10: exact 2.3, histogram 1.9
#   4,000,000 x 4: exact 4.0, histogram 1.7 (the sort's temporaries no longer fit in cache)
EXACT_MAX_SAMPLES = 1_000_000
# Temporaries of the sorting splitter per value and channel (indices, sorted values, cumulative
# sums, proxies): the column blocks are sized on this many bytes per value.
SORT_BYTES_PER_VALUE = 48

GINI_CONSTRAINTS = {
    "method": [StrOptions({"split", "forest"})],
    "task": [StrOptions({"auto", "classification", "regression"})],
    "discrete_features": [StrOptions({"auto"}), "boolean", "array-like"],
    "splitter": [StrOptions({"auto", "exact", "histogram"})],
    "max_bins": [Interval(Integral, 2, 65_535, closed="both")],
    "chance_correction": ["boolean"],
    "n_estimators": [Interval(Integral, 1, None, closed="left")],
    "max_features": [
        StrOptions({"sqrt", "log2"}),
        Interval(Integral, 1, None, closed="left"),
        Interval(Real, 0, 1, closed="right"),
        None,
    ],
    "random_state": ["random_state"],
    "n_jobs": [Integral, None],
}


@validate_params(
    SCORE_DATA_CONSTRAINTS | GINI_CONSTRAINTS,
    prefer_skip_nested_validation=True,
)
def gini_scores(
    X,
    y,
    *,
    task="auto",
    method="split",
    discrete_features="auto",
    splitter="auto",
    max_bins=255,
    chance_correction=True,
    n_estimators=100,
    max_features="sqrt",
    sample_weight=None,
    random_state=None,
    n_jobs=None,
):
    """Gini impurity decrease (variance decrease for regression) of each feature.

    A plain score function: it also works as ``SelectKBest(score_func=gini_scores)``.

    Parameters
    ----------
    X : {array-like, sparse matrix, DataFrame} of shape (n_samples, n_features)
        Features. DataFrame columns of category, object, string or bool dtype are categorical.
        NaN is a missing value; infinity is an error. A dask array or DataFrame (numeric
        columns) is counted chunk by chunk (``method="split"``, histogram splitter).
    y : array-like of shape (n_samples,)
        Target: class labels or real values.
    task : {"auto", "classification", "regression"}, default="auto"
        "auto" decides from the target's type (``type_of_target``).
    method : {"split", "forest"}, default="split"
        "split": the impurity decrease of each feature's single best split (a depth-1 tree per
        feature). "forest": the mean decrease in impurity of a random forest, which also credits
        features that matter only together with others.
    discrete_features : "auto", bool or array-like, default="auto"
        Which columns are discrete. "auto": categorical columns and integer columns with at most
        32 distinct values. Discrete numeric columns are split as ordered numbers; categorical
        ones by ordering their categories.
    splitter : {"auto", "exact", "histogram"}, default="auto"
        How ``method="split"`` finds the best split. "exact" sorts every column and tries every
        cut between distinct values; "histogram" tries only the cuts between ``max_bins``
        equal-frequency bins. "auto" is exact up to 1,000,000 rows.
    max_bins : int, default=255
        Bins per continuous column of the histogram splitter.
    chance_correction : bool, default=True
        ``method="split"``: subtract from the gain of each categorical column its mean over
        20 random pairings of the rows' targets with the column (fixed seed: a table always gets
        the same scores). Grouping many levels into two finds a good split by chance: an
        identifier splits perfectly. Corrected, such columns score about 0. Ordered columns are
        left as they are: the best of their cuts gains by chance only a little, and that little
        does not grow with their number of distinct values. False: the plain gain.
    n_estimators : int, default=100
        Trees of the forest.
    max_features : {"sqrt", "log2"}, int, float or None, default="sqrt"
        Features considered at each split of a forest tree (as in ``RandomForestClassifier``).
    sample_weight : array-like of shape (n_samples,), default=None
        Weights of the samples; a weight of 2 counts as a repeated row.
    random_state : int, RandomState instance or None, default=None
        Seeds the forest.
    n_jobs : int, default=None
        Parallel jobs: threads over column blocks (split) or trees (forest).

    Returns
    -------
    scores : ndarray of shape (n_features,)
        Impurity decrease of each feature. For ``method="forest"`` the importances sum to 1.

    Examples
    --------
    >>> from sklearn.datasets import make_classification
    >>> from sklearn.feature_selection import SelectKBest
    >>> from skprune import gini_scores
    >>> X, y = make_classification(n_samples=500, n_features=6, n_informative=2,
    ...                            n_redundant=0, n_clusters_per_class=1,
    ...                            shuffle=False, random_state=5)
    >>> gini_scores(X, y).round(3)
    array([0.05 , 0.423, 0.012, 0.005, 0.007, 0.004])
    >>> SelectKBest(gini_scores, k=2).fit(X, y).get_support(indices=True)
    array([0, 1])
    """
    if is_dask_collection(X):
        from ._dask import gini_on_chunks

        return gini_on_chunks(
            "gini_scores",
            X,
            y,
            sample_weight,
            method=method,
            splitter=splitter,
            task=task,
            discrete_features=discrete_features,
            max_bins=max_bins,
        )[0]
    features = validate_features(None, X, discrete_features=discrete_features)
    _, scores = gini_fit(
        features,
        y,
        sample_weight,
        task=task,
        method=method,
        splitter=splitter,
        max_bins=max_bins,
        chance_correction=chance_correction,
        n_estimators=n_estimators,
        max_features=max_features,
        random_state=random_state,
        n_jobs=n_jobs,
    )
    return scores


def gini_fit(
    features, y, sample_weight, *, task, method, splitter, max_bins, chance_correction,
    n_estimators, max_features, random_state, n_jobs,
):  # fmt: skip
    """The scoring part of a Gini fit: ``(fitted state, scores)``, without any selection.

    The state holds ``task_`` and, for the forest, ``estimator_`` (trained on the original labels).
    """
    y, task, classes = check_target(y, features.values.shape[0], task, squared_by="GiniSelector")
    sample_weight = checked_sample_weight(sample_weight, features)
    if method == "forest":
        labels = y if classes is None else classes[y]
        forest = fit_forest(
            features, labels, task, n_estimators, max_features, sample_weight, random_state, n_jobs
        )
        return {"task_": task, "estimator_": forest}, forest.feature_importances_
    scores = split_scores(
        features, y, task, splitter, max_bins, sample_weight, n_jobs, chance_correction
    )
    return {"task_": task}, scores


def checked_sample_weight(sample_weight, features):
    if sample_weight is None:
        return None
    return _check_sample_weight(sample_weight, features.values, ensure_non_negative=True)


def split_scores(
    features, y, task, splitter="auto", max_bins=255, sample_weight=None, n_jobs=None,
    chance_correction=False,
):  # fmt: skip
    """Impurity decrease of each feature's best single split (``method="split"``)."""
    values = features.values
    n_samples, n_features = values.shape
    channels = row_channels(y, task, sample_weight)
    if splitter == "auto":
        splitter = "exact" if n_samples <= EXACT_MAX_SAMPLES else "histogram"
    categorical = np.flatnonzero(features.categorical)
    ordered = np.flatnonzero(~features.categorical)
    scores = np.zeros(n_features)
    if categorical.size:
        binner = Binner(max_bins).fit(_columns(features, categorical), sample_weight)
        codes = binner.transform(_columns(features, categorical))
        scores[categorical] = categorical_gains(codes, y, task, channels, sample_weight)
        if chance_correction:
            scores[categorical] -= chance_gains(codes, y, task, channels, sample_weight)
    if ordered.size and splitter == "histogram":
        table = _count_table(
            _columns(features, ordered), y, task, channels, max_bins, sample_weight, n_jobs
        )
        scores[ordered] = ordered_table_gains(table, task)
    elif ordered.size and sp.issparse(values):
        scores[ordered] = sparse_sorted_gains(_columns(features, ordered).values, channels, task)
    elif ordered.size:
        blocks = [
            ordered[part]
            for part in column_blocks(n_samples, ordered.size, SORT_BYTES_PER_VALUE * len(channels))
        ]
        gains = Parallel(n_jobs=n_jobs, prefer="threads")(
            delayed(_sorted_block_gains)(values, columns, channels, task, sample_weight is None)
            for columns in blocks
        )
        for columns, gain in zip(blocks, gains, strict=True):
            scores[columns] = gain
    return scores


def _sorted_block_gains(values, columns, channels, task, unit_weight):
    # One contiguous row per feature: argsort and cumulative sums then run along memory.
    block = np.ascontiguousarray(dense_block(values, columns).T)
    return sorted_gains(block, channels, task, unit_weight)


def _columns(features, columns):
    if columns.size == features.values.shape[1]:
        return features  # every column: no copy
    return Features(
        features.values[:, columns],
        features.discrete[columns],
        features.categorical[columns],
        features.names[columns],
    )


def _count_table(features, y, task, channels, max_bins, sample_weight, n_jobs=None):
    """Sums of the rows' channels per feature and level: shape (n_features, n_levels, channels).

    Level 0 holds the missing rows; continuous columns get ``max_bins`` equal-frequency bins,
    discrete ones a level per value (in increasing order).
    """
    binner = Binner(max_bins, n_jobs=n_jobs).fit(features, sample_weight)
    codes = binner.transform(features)
    return channel_counts(codes, binner.n_levels().max(), y, task, channels, sample_weight)


def fit_forest(features, y, task, n_estimators, max_features, sample_weight, random_state, n_jobs):
    """A random forest on the encoded features (categories as their codes, NaN kept)."""
    _check_float32_range(features)
    forest_class = RandomForestClassifier if task == "classification" else RandomForestRegressor
    forest = forest_class(
        n_estimators=n_estimators,
        max_features=max_features,
        random_state=random_state,
        n_jobs=n_jobs,
    )
    values = features.values
    if isinstance(values, np.ndarray) and not values.flags.writeable:
        # scikit-learn (1.9) fails on a read-only C-ordered float32 X with missing values
        # ("buffer source array is read-only"): a memory map opened read-only, or pandas 3's
        # ``to_numpy()`` of one column. It gets a writeable copy.
        values = values.copy()
    return forest.fit(values, y, sample_weight=sample_weight)


def _check_float32_range(features):
    """scikit-learn's trees work in float32: refuse values it would turn into infinity."""
    limit = np.finfo(np.float32).max
    values = features.values
    for block in column_blocks(*values.shape):
        with np.errstate(invalid="ignore"):
            columns = np.flatnonzero((np.abs(dense_block(values, block)) > limit).any(axis=0))
        if columns.size:
            name = features.names[block.start + columns[0]]
            raise ValueError(
                f"Column {name!r} of X holds values beyond float32's range (|x| > {limit:.3g}): "
                "method='forest' fits scikit-learn trees, which work in float32. Rescale the "
                "column, or use method='split'."
            )
