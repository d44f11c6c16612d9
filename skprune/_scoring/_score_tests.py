"""Score functions that return p-values too, for scikit-learn's SelectFdr, SelectFpr, SelectFwe."""

from .._core._compat import validate_params
from .._core._input import SCORE_DATA_CONSTRAINTS, is_dask_collection
from ._gini import GINI_CONSTRAINTS
from ._gini_selector import GiniSelector
from ._mutual_info_selector import MutualInfoSelector
from ._split_significance import AUTO_FDR, PERMUTATION_CONSTRAINTS


def mutual_info_test(X, y, *, task="auto", discrete_features="auto", n_bins="auto"):
    """Mutual information of each feature with the target, and its G-test p-value.

    The histogram estimator's scores and p-values (``MutualInfoSelector.pvalues_``): under
    independence ``G = 2 * n_samples * MI`` (plug-in) follows chi-square, with as many degrees
    of freedom as the mean of ``G`` under permutation: ``(levels - 1) * (classes - 1)`` where
    cells are large, more where cells hold a row or two, so that an identifier is no discovery.
    It is what scikit-learn's ``SelectFdr``, ``SelectFpr`` and ``SelectFwe`` take as
    ``score_func``; within skprune, ``MutualInfoSelector(fdr=...)`` applies the same test.

    Parameters
    ----------
    X : {array-like, sparse matrix, DataFrame} of shape (n_samples, n_features)
        Features, as ``MutualInfoSelector`` takes them (categorical columns, NaN as a level).
    y : array-like of shape (n_samples,)
        Target: class labels, or real values (binned as the histogram estimator bins them).
    task : {"auto", "classification", "regression"}, default="auto"
        "auto" decides from the target's type.
    discrete_features : "auto", bool or array-like, default="auto"
        Which columns are discrete, as in ``MutualInfoSelector``.
    n_bins : "auto" or int, default="auto"
        Equal-frequency bins per continuous column (and regression target).

    Returns
    -------
    scores : ndarray of shape (n_features,)
        Mutual information, in nats, as ``MutualInfoSelector.scores_``.
    pvalues : ndarray of shape (n_features,)
        p-values of the G-test of independence.

    See Also
    --------
    MutualInfoSelector : The selector, with ``fdr`` for Benjamini-Hochberg selection.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.feature_selection import SelectFdr
    >>> from skprune import mutual_info_test
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(500, 20))
    >>> y = (X[:, 0] + X[:, 1] + rng.normal(size=500) > 0).astype(int)
    >>> SelectFdr(mutual_info_test, alpha=0.05).fit(X, y).get_support(indices=True)
    array([0, 1])
    """
    selector = MutualInfoSelector(
        task=task, discrete_features=discrete_features, n_bins=n_bins
    ).fit(X, y)
    return selector.scores_, selector.pvalues_


GINI_TEST_PARAMETERS = ("task", "discrete_features", "splitter", "max_bins", "chance_correction")


@validate_params(
    SCORE_DATA_CONSTRAINTS
    | {name: GINI_CONSTRAINTS[name] for name in GINI_TEST_PARAMETERS + ("random_state",)}
    | PERMUTATION_CONSTRAINTS,
    prefer_skip_nested_validation=True,
)
def gini_test(
    X,
    y,
    *,
    task="auto",
    discrete_features="auto",
    splitter="auto",
    max_bins=255,
    chance_correction=True,
    n_permutations="auto",
    sample_weight=None,
    random_state=None,
):
    """Gain of each feature's best split, and its permutation p-value.

    The scores and p-values of ``GiniSelector(method="split", fdr=...)`` (``scores_`` and
    ``pvalues_``). The best split's gain is a maximum over thresholds, so it is tested against
    its distribution when the target is shuffled: ``p = (1 + #{null gains >= gain}) / (B + 1)``
    with ``B = n_permutations``. It is what scikit-learn's ``SelectFdr``, ``SelectFpr`` and
    ``SelectFwe`` take as ``score_func``.

    Parameters
    ----------
    X : {array-like, sparse matrix, DataFrame} of shape (n_samples, n_features)
        Features, as ``GiniSelector`` takes them (categorical columns, NaN as missing), in
        memory.
    y : array-like of shape (n_samples,)
        Target: class labels or real values.
    task : {"auto", "classification", "regression"}, default="auto"
        "auto" decides from the target's type.
    discrete_features : "auto", bool or array-like, default="auto"
        Which columns are discrete, as in ``GiniSelector``.
    splitter : {"auto", "exact", "histogram"}, default="auto"
        Where the cuts lie: between distinct values ("exact") or between ``max_bins``
        equal-frequency bins ("histogram"); "auto" is exact up to 1,000,000 rows.
    max_bins : int, default=255
        Bins per continuous column of the histogram splitter.
    chance_correction : bool, default=True
        Whether the scores of categorical columns are corrected for chance, as in
        ``GiniSelector``. The p-values do not depend on it (a constant shift per column).
    n_permutations : "auto" or int, default="auto"
        The most permutations of the target; the smallest p-value is
        ``1 / (n_permutations + 1)``. "auto": as ``GiniSelector(fdr=0.05)`` plans them (the
        default ``alpha`` of ``SelectFdr``): 999, and more for the features no shuffled target
        reached, until Benjamini-Hochberg at 0.05 keeps them or a lone one could be kept.
    sample_weight : array-like of shape (n_samples,), default=None
        Weights of the samples; they move with their rows' targets when these are shuffled.
    random_state : int, RandomState instance or None, default=None
        Seeds the permutations; an int gives the same p-values at every call.

    Returns
    -------
    scores : ndarray of shape (n_features,)
        Impurity decrease of each feature's best split, as ``GiniSelector.scores_``.
    pvalues : ndarray of shape (n_features,)
        Permutation p-values of the gains.

    See Also
    --------
    GiniSelector : The selector, with ``fdr`` for Benjamini-Hochberg selection.
    mutual_info_test : Mutual information and its G-test p-value.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.feature_selection import SelectFdr
    >>> from skprune import gini_test
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(500, 20))
    >>> y = (X[:, 0] + X[:, 1] + rng.normal(size=500) > 0).astype(int)
    >>> scores, pvalues = gini_test(X, y, random_state=0)
    >>> pvalues[:2]
    array([0.001, 0.001])
    >>> SelectFdr(gini_test, alpha=0.05).fit(X, y).get_support(indices=True)
    array([0, 1])
    """
    if is_dask_collection(X):
        raise ValueError(
            "gini_test needs X in memory, to shuffle the whole target; compute the dask X first."
        )
    # The selector's own fit, as mutual_info_test does: one path for the scores and p-values.
    selector = GiniSelector(
        fdr=AUTO_FDR,
        task=task,
        discrete_features=discrete_features,
        splitter=splitter,
        max_bins=max_bins,
        chance_correction=chance_correction,
        n_permutations=n_permutations,
        random_state=random_state,
    ).fit(X, y, sample_weight=sample_weight)
    return selector.scores_, selector.pvalues_
