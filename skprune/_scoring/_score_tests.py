"""Score functions that return p-values too, for scikit-learn's SelectFdr, SelectFpr, SelectFwe."""

from ._mutual_info_selector import MutualInfoSelector


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
