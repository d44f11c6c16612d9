"""StabilitySelector: keep the features a selector picks on most half-samples of the rows."""

import warnings
from numbers import Integral, Real

import numpy as np
from joblib import Parallel, delayed
from sklearn.base import clone
from sklearn.utils import check_random_state, get_tags

from .._core._base import BaseSelector
from .._core._compat import (
    HasMethods,
    Interval,
    _check_sample_weight,
    _fit_context,
    _safe_indexing,
    validate_data,
)
from .._core._input import is_dataframe, target_type
from .._core._selection import n_to_keep
from ._subsampling import (
    complementary_halves,
    false_selection_bound,
    selections_for_bound,
    threshold_for_bound,
)


def _fit_half(estimator, X, y, sample_weight, rows, alphas):
    """The support of one half-sample fit: (n_features,), or (n_alphas, n_features) on a path."""
    X_half, y_half = _safe_indexing(X, rows), _safe_indexing(y, rows)
    weight = None if sample_weight is None else sample_weight[rows]
    with warnings.catch_warnings():
        # A half-sample fit may warn where the full fit would not (k above a tiny half's size).
        warnings.simplefilter("ignore", UserWarning)
        if alphas is not None:
            return clone(estimator)._support_path(X_half, y_half, weight, alphas)[1]
        fitted = clone(estimator)
        if weight is None:
            fitted.fit(X_half, y_half)
        else:
            fitted.fit(X_half, y_half, sample_weight=weight)
    return fitted.get_support()


class StabilitySelector(BaseSelector):
    """Stability selection over any skprune selector or pruner.

    ``fit`` refits ``estimator`` on ``2 * n_pairs`` half-samples of the rows, drawn as
    complementary pairs (two disjoint halves per draw; Shah and Samworth 2013), and counts how
    often each feature is selected: ``frequencies_``. It keeps the features selected at least
    ``threshold`` of the time, and reports the bound on the expected number of noise features
    kept, ``q**2 / ((2 * threshold - 1) * n_features)``, with ``q`` the mean number selected per
    fit (Meinshausen and Bühlmann 2010). Give that bound as ``max_false_selections`` instead and
    the threshold follows from it.

    With :class:`LassoPruner` the frequency of a feature is its largest along the regularisation
    path: the L1 fits from the penalty that zeroes every weight down to the one that keeps, on the
    whole data, the pruner's own ``k`` (or ``pruning_rate``) features or, if fewer, the ``q`` whose
    bound is one noise feature (``max_false_selections``) at the threshold; or at the pruner's
    ``alpha`` when it is a number. Any other estimator contributes the features its own rule keeps
    on each half. ``q`` grows with what one fit keeps, and the bound with ``q**2``: give the
    estimator a ``k`` near the number of features expected to matter (for a :class:`LassoPruner` the
    path then stops early). Stability selection controls the selection of noise; it does not
    separate near-copies of one signal, whose frequency it spreads over the copies.

    Parameters
    ----------
    estimator : skprune selector or pruner
        Refitted on every half-sample; its own ``k``, ``pruning_rate`` or ``threshold`` decide
        what one fit selects.
    pruning_rate : float in [0, 1), default=0.5
        Used only with ``threshold=None``: fraction of the features removed, by frequency.
    k : int, default=None
        At most this many features kept (the most frequent). Without ``threshold``: exactly
        ``k``.
    threshold : float in (0, 1] or None, default=0.6
        Keep the features selected in at least this share of the half-sample fits. Above 0.5
        the error bound ``false_selection_bound_`` holds; Meinshausen and Bühlmann advise 0.6 to
        0.9. Ignored when ``max_false_selections`` is given.
    max_false_selections : float > 0 or None, default=None
        The bound on the expected number of noise features kept: the threshold is set to
        ``(1 + q**2 / (max_false_selections * n_features)) / 2``. When that exceeds 1 no
        threshold can guarantee it, and nothing is kept (with a warning).
    n_pairs : int, default=50
        Complementary pairs drawn: the estimator is fitted ``2 * n_pairs`` times.
    n_jobs : int, default=None
        Half-sample fits run in parallel through joblib (so a dask backend spreads them).
    random_state : int, RandomState instance or None, default=None
        Seeds the half-samples. A classification target is split class by class, so that every
        half holds about half of each class.

    Attributes
    ----------
    frequencies_ : ndarray of shape (n_features,)
        Share of the half-sample fits that select each feature (the largest along the path
        for a :class:`LassoPruner`).
    path_frequencies_ : ndarray of shape (n_alphas, n_features)
        With a :class:`LassoPruner`: the frequencies at each penalty of ``alphas_``.
    alphas_ : ndarray of shape (n_alphas,)
        With a :class:`LassoPruner`: the penalties of the path, largest first.
    threshold_ : float
        The frequency threshold applied (from ``max_false_selections`` when given).
    mean_selected_ : float
        ``q``: the mean number of features one fit selects (along the whole path for a
        :class:`LassoPruner`).
    false_selection_bound_ : float
        The bound on the expected number of noise features kept at ``threshold_``; infinite
        at or below 0.5.
    scores_ : ndarray of shape (n_features,)
        The frequencies, as every skprune selector's scores.
    ranking_ : ndarray of shape (n_features,)
        Rank of each feature by frequency (1 = most frequent).
    support_ : ndarray of bool, shape (n_features,)
        The kept features.
    n_features_in_ : int
        Number of features seen during ``fit``.
    feature_names_in_ : ndarray of shape (n_features,)
        Names of the features seen during ``fit``, when X has string column names.

    See Also
    --------
    LassoPruner : The L1 path whose frequencies make the classic stability path.

    References
    ----------
    Meinshausen and Bühlmann (2010), "Stability selection", JRSS B 72(4). Shah and Samworth
    (2013), "Variable selection with error control: another look at stability selection",
    JRSS B 75(1).

    Examples
    --------
    >>> import numpy as np
    >>> from skprune import LassoPruner, StabilitySelector
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(100, 50))
    >>> y = 3 * X[:, 0] - 2 * X[:, 1] + rng.normal(size=100)
    >>> selector = StabilitySelector(LassoPruner(task="regression"), n_pairs=10,
    ...                              random_state=0).fit(X, y)
    >>> selector.get_support(indices=True)
    array([0, 1])
    >>> print(selector.frequencies_[:3], round(selector.false_selection_bound_, 2))
    [1. 1. 0.] 2.97
    """

    _parameter_constraints: dict = {
        **BaseSelector._parameter_constraints,
        "estimator": [HasMethods(["fit", "get_support"])],
        "threshold": [Interval(Real, 0, 1, closed="right"), None],
        "max_false_selections": [Interval(Real, 0, None, closed="neither"), None],
        "n_pairs": [Interval(Integral, 1, None, closed="left")],
        "n_jobs": [Integral, None],
        "random_state": ["random_state"],
    }

    def __init__(
        self,
        estimator,
        *,
        pruning_rate=0.5,
        k=None,
        threshold=0.6,
        max_false_selections=None,
        n_pairs=50,
        n_jobs=None,
        random_state=None,
    ):
        self.estimator = estimator
        self.pruning_rate = pruning_rate
        self.k = k
        self.threshold = threshold
        self.max_false_selections = max_false_selections
        self.n_pairs = n_pairs
        self.n_jobs = n_jobs
        self.random_state = random_state

    @_fit_context(prefer_skip_nested_validation=False)
    def fit(self, X, y, sample_weight=None):
        """Fit the estimator on complementary half-samples and keep the stable features.

        Parameters
        ----------
        X : {array-like, sparse matrix, DataFrame} of shape (n_samples, n_features)
            Training data, as ``estimator`` takes it.
        y : array-like of shape (n_samples,)
            Target values.
        sample_weight : array-like of shape (n_samples,), default=None
            Sample weights, passed to every half-sample fit with its rows.

        Returns
        -------
        self : object
            The fitted selector.
        """
        X, y, sample_weight = self._check_data(X, y, sample_weight)
        rng = check_random_state(self.random_state)
        groups = y if target_type(y) in ("binary", "multiclass") else None
        halves = complementary_halves(len(y), self.n_pairs, rng, groups)
        alphas = self._path_alphas(X, y, sample_weight)
        supports = Parallel(n_jobs=self.n_jobs)(
            delayed(_fit_half)(self.estimator, X, y, sample_weight, rows, alphas) for rows in halves
        )
        supports = np.array(supports, dtype=bool)
        if alphas is None:
            self.frequencies_ = supports.mean(axis=0)
            self.mean_selected_ = float(supports.sum(axis=1).mean())
        else:
            self.alphas_ = alphas
            self.path_frequencies_ = supports.mean(axis=0)
            self.frequencies_ = self.path_frequencies_.max(axis=0)
            self.mean_selected_ = float(supports.any(axis=1).sum(axis=1).mean())
        self.threshold_ = self._resolve_threshold()
        self.false_selection_bound_ = (
            np.inf
            if self.threshold_ is None
            else false_selection_bound(self.mean_selected_, self.n_features_in_, self.threshold_)
        )
        return self._select(self.frequencies_)

    def _check_data(self, X, y, sample_weight):
        """Feature names and counts from X (the estimator validates the rest, half by half)."""
        if is_dataframe(X):
            validate_data(self, X, skip_check_array=True)
        else:
            X = validate_data(
                self, X, accept_sparse=["csr", "csc"], dtype=None, ensure_all_finite=False
            )
        if y is None:
            raise ValueError("StabilitySelector requires y to be passed, but the target y is None.")
        y = np.asarray(y.to_numpy() if hasattr(y, "to_numpy") else y)
        if y.ndim == 2 and y.shape[1] == 1:
            y = y.ravel()
        if y.shape[0] != X.shape[0]:
            raise ValueError(f"X has {X.shape[0]} rows but y has {y.shape[0]}.")
        if y.shape[0] < 4:
            raise ValueError(
                f"StabilitySelector needs at least 4 samples to fit on halves; got "
                f"n_samples={y.shape[0]}."
            )
        if sample_weight is not None:
            sample_weight = _check_sample_weight(sample_weight, X, ensure_non_negative=True)
        return X, y, sample_weight

    def _path_alphas(self, X, y, sample_weight):
        """A LassoPruner's penalties, down to where it keeps the path's count on all rows; or None.

        The count is the pruner's own, at most the ``q`` whose bound is one noise feature (or
        ``max_false_selections``): further down, ``q`` outgrows any useful bound.
        """
        if not hasattr(self.estimator, "_support_path"):
            return None
        n_features = self.n_features_in_
        n_keep = n_to_keep(n_features, pruning_rate=self.estimator.pruning_rate, k=self.estimator.k)
        n_keep = min(n_keep, self._largest_useful_q(n_features))
        return clone(self.estimator)._support_path(X, y, sample_weight, stop_at=n_keep)[0]

    def _largest_useful_q(self, n_features):
        """The ``q`` whose bound is ``max_false_selections`` (or 1) at the threshold.

        With ``max_false_selections`` the threshold is not known yet: 0.9, the top of
        Meinshausen and Bühlmann's advised range, stands for it.
        """
        bound = 1.0 if self.max_false_selections is None else self.max_false_selections
        threshold = 0.9 if self.max_false_selections is not None else self.threshold
        if threshold is None or threshold <= 0.5:
            threshold = 0.9
        return max(1, int(selections_for_bound(n_features, threshold, bound)))

    def _resolve_threshold(self):
        if self.max_false_selections is None:
            return self.threshold
        threshold = threshold_for_bound(
            self.mean_selected_, self.n_features_in_, self.max_false_selections
        )
        if threshold > 1:
            warnings.warn(
                f"max_false_selections={self.max_false_selections} cannot be guaranteed: "
                f"the fits select {self.mean_selected_:.1f} features on average, which needs a "
                f"frequency threshold of {threshold:.2f} > 1. No feature is kept; select fewer "
                "per fit (the estimator's k) or allow more false selections.",
                UserWarning,
                stacklevel=3,
            )
        return threshold

    def _selection_threshold(self):
        return self.threshold_

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        inner = get_tags(self.estimator)
        tags.input_tags.allow_nan = inner.input_tags.allow_nan
        tags.input_tags.sparse = inner.input_tags.sparse
        tags.input_tags.categorical = inner.input_tags.categorical
        return tags
