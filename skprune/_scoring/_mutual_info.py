"""Mutual information between each feature and the target: the score function."""

from dataclasses import dataclass
from numbers import Integral

import numpy as np

from .._core._compat import Interval, StrOptions, _check_sample_weight, validate_params
from .._core._input import (
    SCORE_DATA_CONSTRAINTS,
    check_target,
    is_dask_collection,
    validate_features,
)
from ._binning import Binner, auto_n_bins, joint_counts, target_codes
from ._chance import relevance_from_counts
from ._knn import knn_mutual_info

MUTUAL_INFO_CONSTRAINTS = {
    "task": [StrOptions({"auto", "classification", "regression"})],
    "estimator": [StrOptions({"histogram", "knn"})],
    "discrete_features": [StrOptions({"auto"}), "boolean", "array-like"],
    "n_bins": [StrOptions({"auto"}), Interval(Integral, 2, 65_535, closed="both")],
    "n_neighbors": [Interval(Integral, 1, None, closed="left")],
    "chance_correction": ["boolean"],
    "random_state": ["random_state"],
    "n_jobs": [Integral, None],
}


@validate_params(
    SCORE_DATA_CONSTRAINTS | MUTUAL_INFO_CONSTRAINTS,
    prefer_skip_nested_validation=True,
)
def mutual_info_scores(
    X,
    y,
    *,
    task="auto",
    estimator="histogram",
    discrete_features="auto",
    n_bins="auto",
    n_neighbors=3,
    chance_correction=True,
    sample_weight=None,
    random_state=None,
    n_jobs=None,
):
    """Mutual information (in nats) between each feature and the target.

    A plain score function: it also works as ``SelectKBest(score_func=mutual_info_scores)``.

    Parameters
    ----------
    X : {array-like, sparse matrix, DataFrame} of shape (n_samples, n_features)
        Features. DataFrame columns of category, object, string or bool dtype are categorical.
        NaN is a missing value, scored as a level of its own; infinity is an error. A dask
        array or DataFrame (numeric columns) is counted chunk by chunk (histogram estimator).
    y : array-like of shape (n_samples,)
        Target: class labels or real values.
    task : {"auto", "classification", "regression"}, default="auto"
        "auto" decides from the target's type (``type_of_target``).
    estimator : {"histogram", "knn"}, default="histogram"
        "histogram": plug-in estimate from equal-frequency bins, fast and vectorised.
        "knn": Kraskov/Ross k-nearest-neighbour estimate, as scikit-learn's ``mutual_info_classif``.
    discrete_features : "auto", bool or array-like, default="auto"
        Which columns are discrete (each value a level). "auto": categorical columns and integer
        columns with at most 32 distinct values. A bool applies to all columns; a boolean mask or a
        list of indices names them.
    n_bins : "auto" or int, default="auto"
        Bins per continuous column (and regression target) for the histogram estimator.
        "auto" is ceil(n_samples ** (1/3)), between 2 and 128.
    n_neighbors : int, default=3
        Neighbours of the k-NN estimator.
    chance_correction : bool, default=True
        Subtract from each counted estimate its expectation when the feature and the target are
        paired at random (adjusted mutual information, not normalised; Vinh, Epps & Bailey
        2010). An identifier column then scores 0 instead of H(y), and a category with many
        levels but no relation to the target about 0. False gives the plain plug-in estimate.
        The k-NN estimates of continuous columns are left as they are.
    sample_weight : array-like of shape (n_samples,), default=None
        Weights of the samples (histogram estimator only).
    random_state : int, RandomState instance or None, default=None
        Seeds the tie-breaking noise of the k-NN estimator.
    n_jobs : int, default=None
        Parallel jobs: threads over column blocks (histogram estimator), processes over columns
        (k-NN estimator).

    Returns
    -------
    scores : ndarray of shape (n_features,)
        Mutual information with the target, in nats (with ``chance_correction``, minus its
        expectation by chance: about 0, possibly below, for a feature unrelated to the target).

    Examples
    --------
    >>> from sklearn.datasets import make_classification
    >>> from sklearn.feature_selection import SelectKBest
    >>> from skprune import mutual_info_scores
    >>> X, y = make_classification(n_samples=500, n_features=6, n_informative=2,
    ...                            n_redundant=0, shuffle=False, random_state=0)
    >>> mutual_info_scores(X, y).argsort()[::-1][:2]
    array([1, 0])
    >>> SelectKBest(mutual_info_scores, k=2).fit(X, y).get_support(indices=True)
    array([0, 1])
    """
    if is_dask_collection(X):
        from ._dask import mutual_info_on_chunks

        return mutual_info_on_chunks(
            "mutual_info_scores",
            X,
            y,
            sample_weight,
            estimator=estimator,
            redundancy=None,
            task=task,
            discrete_features=discrete_features,
            n_bins=n_bins,
            chance_correction=chance_correction,
        )[0]
    features = validate_features(None, X, discrete_features=discrete_features)
    _, scores, _ = mutual_info_fit(
        features,
        y,
        sample_weight,
        task=task,
        estimator=estimator,
        n_bins=n_bins,
        bin_edges=None,
        n_neighbors=n_neighbors,
        redundancy=None,
        chance_correction=chance_correction,
        random_state=random_state,
        n_jobs=n_jobs,
    )
    return scores


def mutual_info_fit(
    features, y, sample_weight, *, task, estimator, n_bins, bin_edges, n_neighbors, redundancy,
    chance_correction, random_state, n_jobs,
):  # fmt: skip
    """The scoring part of a mutual information fit, without any selection.

    Returns ``(fitted state, scores, tables)``: the state maps a selector's attributes to their
    values (the count tables of the histogram estimator among them); ``tables`` are the bin codes a
    redundancy-aware ranking needs (None without ``redundancy``).
    """
    y, task, classes = check_target(y, features.values.shape[0], task)
    state = {"task_": task, "discrete_features_": features.discrete}
    if estimator == "knn":
        check_knn_options(sample_weight)
        scores = knn_mutual_info(
            features,
            y,
            discrete_target=task == "classification",
            n_neighbors=n_neighbors,
            chance_correction=chance_correction,
            random_state=random_state,
            n_jobs=n_jobs,
        )
        tables = None
        if redundancy is not None:
            tables = histogram_tables(features, y, task, n_bins, bin_edges, n_jobs=n_jobs)
    else:
        tables = histogram_tables(
            features, y, task, n_bins, bin_edges, sample_weight, n_jobs, redundancy is not None
        )
        state |= table_state(tables, features.categories)
        if task == "classification":
            state["classes_"] = classes
        scores = relevance_from_counts(tables.counts, chance_correction)
    return state, scores, tables if redundancy is not None else None


def table_state(tables, categories):
    """The fitted attributes that hold a histogram fit's tables (``partial_fit`` adds to them)."""
    return {
        "binner_": tables.binner,
        "bin_edges_": tables.binner.edges_,
        "target_edges_": tables.target_edges,
        "counts_": tables.counts,
        "categories_": categories,
    }


@dataclass
class HistogramTables:
    binner: Binner
    codes: np.ndarray | None  # (n_samples, n_features) bin codes, 0 = missing; or SparseCodes
    y_codes: np.ndarray
    n_classes: int  # number of target codes
    target_edges: np.ndarray | None  # bin edges of a regression target
    counts: np.ndarray  # (n_features, n_levels, n_classes)


def histogram_tables(
    features, y, task, n_bins, bin_edges=None, sample_weight=None, n_jobs=None, keep_codes=True
):
    """Bin the features (and a regression target) and count their joint occurrences.

    Without ``keep_codes`` the codes are counted block by block and not kept (``codes`` is None).
    """
    if sample_weight is not None:
        sample_weight = _check_sample_weight(
            sample_weight, features.values, ensure_non_negative=True
        )
    if n_bins == "auto":
        n_bins = auto_n_bins(
            features.values.shape[0] if sample_weight is None else sample_weight.sum()
        )
    binner = Binner(n_bins, bin_edges, n_jobs).fit(features, sample_weight)
    target_edges = None
    if task == "classification":
        y_codes, n_classes = y, int(y.max()) + 1
    else:
        y_codes, target_edges = target_codes(y, n_bins, sample_weight)
        n_classes = len(target_edges) + 1
    if keep_codes:
        codes = binner.transform(features)
        counts = joint_counts(codes, binner.n_levels().max(), y_codes, n_classes, sample_weight)
    else:
        codes = None
        counts = binner.joint_counts(features, y_codes, n_classes, sample_weight)
    return HistogramTables(binner, codes, y_codes, n_classes, target_edges, counts)


def check_knn_options(sample_weight):
    if sample_weight is not None:
        raise ValueError(
            "sample_weight is supported by estimator='histogram' only; the k-NN estimator has no "
            "weighted form."
        )
