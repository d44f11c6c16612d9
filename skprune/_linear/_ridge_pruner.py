"""RidgePruner: cut the smallest weights of an L2-penalised linear model."""

from numbers import Real

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import Ridge, RidgeClassifier, RidgeClassifierCV, RidgeCV

from .._core._compat import Interval, StrOptions
from .._core._docstring import Substitution
from .._core._memory import keyed_call
from ._base import REFIT_L2, BaseLinearPruner, class_indicators
from ._solvers._ridge_gcv import gcv_alpha

# alpha="auto": the generalised cross-validation grid, per unit of sample weight (Ridge's alpha is
# a penalty on the summed loss, so the grid grows with the data).
GCV_ALPHAS = np.logspace(-5, 1, 13)


@Substitution("weight_selection", "fit_memory")
class RidgePruner(BaseLinearPruner):
    """Prune features (or weights) of a ridge model by weight magnitude.

    The L2 penalty shrinks weights without zeroing them; the smallest (on standardised features)
    are cut. Regression uses :class:`~sklearn.linear_model.Ridge` (several targets: one weight row
    per target); classification uses :class:`~sklearn.linear_model.RidgeClassifier` (least squares
    on +-1 class indicators, one weight row per class beyond two), chosen over an L2 logistic
    regression because it is solved in closed form, in one solve for every class, and has the
    same efficient generalised cross-validation for ``alpha="auto"``. It has no
    ``predict_proba``; use :class:`LassoPruner` for probabilities.

    Parameters
    ----------
    {{weight_selection}}
    threshold : float, default=None
        Keep only features whose score (``scores_``, absolute weight on standardised features) is
        >= threshold, at most ``k`` of them. The rounds still aim at the number given by ``k``
        or ``pruning_rate``.
    alpha : float > 0 or "auto", default=1.0
        L2 penalty in Ridge's units (on the summed squared error, standardised features).
        "auto": efficient leave-one-out (generalised) cross-validation, as ``RidgeCV``, over
        ``n_samples * np.logspace(-5, 1, 13)`` (``sum(sample_weight)`` with weights).
    task : {"auto", "classification", "regression"}, default="auto"
        "auto" decides from the type of ``y`` at ``fit``. Set it to make scikit-learn treat the
        pruner as a classifier or a regressor (stratified folds in ``GridSearchCV``).
    standardize : bool, default=True
        Compare weights on standardised features (dense X: centred and scaled; sparse X: scaled
        only, so it stays sparse). ``coef_`` and ``intercept_`` are always in the units of X.
    granularity : {"feature", "weight"}, default="feature"
        "feature": a feature goes with all its weights; with several outputs its score is the
        norm of its weights across them. "weight": single weights are zeroed, counted by
        ``k``/``pruning_rate``; ``transform`` drops only the features with no weight left.
    refit : bool, default=True
        Refit the kept features with a light L2 penalty (1e-4 per unit of sample weight) once
        the others are gone, so that their weights take over what the pruned ones explained.
        On the benchmark (``benchmarks/bench_linear.py``) this scores at least as well on
        held-out data as keeping the cut weights (Spambase, 6 of 57 columns kept: accuracy
        0.802 against 0.755).
    n_iterations : int, default=1
        Prune in this many rounds, refitting on the remaining features between them (as
        :class:`~sklearn.feature_selection.RFE`); the number kept falls evenly to the target.
    {{fit_memory}}
        The ridge fit of each round is cached, keyed by the data, ``alpha``,
        ``task`` and ``standardize`` (never by how much is pruned). The refit on the kept features
        is not cached (it depends on them). A path is the cache directory; None: no caching. Cached
        and uncached fits give the same pruner.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,) or (n_outputs, n_features)
        Weights of the pruned model in the units of X; pruned weights are exactly 0. Shaped
        as the underlying scikit-learn model's.
    intercept_ : float or ndarray of shape (n_outputs,)
        Intercept of the pruned model, in the units of X.
    estimator_ : Ridge or RidgeClassifier
        A plain fitted scikit-learn model on the kept features (``transform(X)``) that holds
        the pruned weights (its ``alpha`` is ``alpha_``, or the light penalty after ``refit``).
    alpha_ : float
        The L2 penalty of the last fit (chosen by cross-validation with ``alpha="auto"``).
    scores_ : ndarray of shape (n_features,)
        Absolute weight of each feature on standardised features (norm across outputs) in the last
        penalised fit it took part in.
    ranking_ : ndarray of shape (n_features,)
        1 = best; features pruned in earlier rounds rank after those pruned later, constant
        features last.
    support_ : ndarray of bool, shape (n_features,)
        The kept features.
    task_ : str
        "classification" or "regression".
    classes_ : ndarray of shape (n_classes,)
        Class labels (classification only).
    n_features_in_ : int
        Number of features seen during ``fit``.
    feature_names_in_ : ndarray of shape (n_features,)
        Names of the features seen during ``fit``, when X has string column names.

    See Also
    --------
    LassoPruner : The same with an L1 penalty, which zeroes weights itself.
    sklearn.feature_selection.RFE : Recursive elimination with any estimator.

    Examples
    --------
    >>> from sklearn.datasets import make_classification
    >>> from skprune import RidgePruner
    >>> X, y = make_classification(n_samples=300, n_features=20, n_informative=3,
    ...                            n_redundant=0, shuffle=False, random_state=0)
    >>> pruner = RidgePruner(k=3, task="classification").fit(X, y)
    >>> pruner.get_support(indices=True)
    array([0, 1, 2])
    >>> pruner.estimator_.coef_.shape
    (1, 3)
    >>> pruner.transform(X).shape
    (300, 3)
    """

    _parameter_constraints: dict = {
        **BaseLinearPruner._parameter_constraints,
        "alpha": [StrOptions({"auto"}), Interval(Real, 0, None, closed="neither")],
    }
    # Generalised cross-validation needs every row's leverage, not only the moments: a dask
    # fit refuses alpha="auto" (a large float32 X in memory is read again, a block at a time).
    _alpha_from_moments = False
    _classifies_from_moments = True

    def __init__(
        self,
        pruning_rate=0.5,
        *,
        k=None,
        threshold=None,
        alpha=1.0,
        task="auto",
        standardize=True,
        granularity="feature",
        refit=True,
        n_iterations=1,
        memory=None,
    ):
        self.pruning_rate = pruning_rate
        self.k = k
        self.threshold = threshold
        self.alpha = alpha
        self.task = task
        self.standardize = standardize
        self.granularity = granularity
        self.refit = refit
        self.n_iterations = n_iterations
        self.memory = memory

    def _penalised_fit(self, X, y, sample_weight, n_keep, count, key=None, rows=None):
        """Weights of one ridge fit (``n_keep`` and ``count`` matter to the L1 path only).

        With a ``key`` (see ``_memory_key``) the fit goes through ``memory``. ``rows``
        (``EveryRow``) are the rows of X when X is a table of their moments.
        """
        return keyed_call(self.memory, key, self._ridge_fit, X, y, sample_weight, rows)

    def _ridge_fit(self, X, y, sample_weight, rows=None):
        """``(coef, intercept, alpha)`` of the ridge model on X."""
        classify = self.task_ == "classification"
        # Unit weights are passed as none: scikit-learn then skips its weighted copy of X.
        unit = (sample_weight == 1.0).all()
        alpha = self.alpha
        if alpha == "auto" and rows is None:
            alphas = GCV_ALPHAS * sample_weight.sum()
            model = RidgeClassifierCV(alphas=alphas) if classify else RidgeCV(alphas=alphas)
            model.fit(X, y, sample_weight=None if unit else sample_weight)
            coef = np.reshape(model.coef_, (-1, X.shape[1]))
            return coef, np.reshape(model.intercept_, -1), float(model.alpha_)
        if alpha == "auto":
            # X is a table of the moments of the rows; the leave-one-out errors need the rows.
            weights = rows.sample_weight
            total = rows.targets.shape[0] if weights is None else weights.sum()
            alpha = gcv_alpha(rows.X, rows.targets, weights, GCV_ALPHAS * total)
        if classify:
            # RidgeClassifier's least squares on +-1 class indicators, without its copies of X
            # (it always reweights X, with ones when no class is weighted, and centres a copy):
            # a dense X, the pruner's standardised copy, is centred already, so the intercepts
            # are the indicators' weighted means. A sparse X is only scaled: scikit-learn
            # centres it implicitly, without a copy.
            centred = not sp.issparse(X)
            targets = class_indicators(y)
            model = Ridge(alpha=alpha, fit_intercept=not centred, copy_X=not centred)
            model.fit(X, targets, sample_weight=None if unit else sample_weight)
            intercept = (
                np.average(targets, axis=0, weights=sample_weight) if centred else model.intercept_
            )
            return model.coef_, intercept, float(alpha)
        model = Ridge(alpha=alpha).fit(X, y, sample_weight=None if unit else sample_weight)
        coef = np.reshape(model.coef_, (-1, X.shape[1]))
        return coef, np.reshape(model.intercept_, -1), float(alpha)

    def _plain_model(self, *, light, total_weight):
        alpha = float(REFIT_L2 * total_weight) if light else self.alpha_
        if self.task_ == "classification":
            return RidgeClassifier(alpha=alpha)
        return Ridge(alpha=alpha)
