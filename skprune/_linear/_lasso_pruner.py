"""LassoPruner: keep the features an L1-penalised linear model keeps."""

from numbers import Real

import numpy as np
from sklearn.linear_model import Lasso, LogisticRegression, Ridge

from .._core._compat import Interval, StrOptions, l1_logistic
from .._core._docstring import Substitution
from .._core._memory import WarmStartedFits
from ._base import REFIT_L2, BaseLinearPruner
from ._lasso_path import alpha_max, l1_fitter, path_alphas, targets_matrix, walk_path
from ._row_blocks import RowBlocks
from ._solvers._logistic_blocks import logistic_fit

# The block solver's Hessian is at most (n_rows * n_features)**2 float64 values (one row of
# weights for two classes, else one per class): it is used while that is no larger than X, or
# than 4 MiB.
HESSIAN_BYTES = 2**22


@Substitution("weight_selection", "fit_memory")
class LassoPruner(BaseLinearPruner):
    """Prune features (or weights) of an L1-penalised linear model down to a target size.

    The L1 penalty drives weights to exactly zero. With ``alpha="auto"`` the pruner walks the
    regularisation path from the strongest penalty down (warm starts) and stops at the first
    ``alpha`` whose model keeps at least the requested number of features, then cuts to exactly
    that number by weight magnitude. Regression uses :class:`~sklearn.linear_model.Lasso`
    (several targets: one weight row per target); classification an L1-penalised
    :class:`~sklearn.linear_model.LogisticRegression` (liblinear for two classes; for more, the
    saga solver, multinomial, with one weight row per class). Classes of a dense X of 2**20
    entries or more are fitted by proximal Newton steps that read the rows a block at a time, so
    that X is not copied. Weights are compared on standardised features and reported in the units
    of X.

    Parameters
    ----------
    {{weight_selection}}
    threshold : float, default=None
        Keep only features whose score (``scores_``, absolute weight on standardised features) is
        >= threshold, at most ``k`` of them. The path and the rounds still aim at the number
        given by ``k`` or ``pruning_rate``.
    alpha : "auto" or float > 0, default="auto"
        L1 penalty, in Lasso's units (per unit of mean loss on standardised features; for
        classification ``C = 1 / (alpha * n_samples)``). "auto": walk the regularisation path
        (100 values from the smallest alpha that zeroes every weight down to 1e-4 times it) and
        take the strongest penalty that keeps enough features. A float: fit once, then cut by
        magnitude.
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
        Refit the kept features with a light L2 penalty (1e-4 per unit of sample weight on
        standardised features) so that the kept weights are not shrunk (the relaxed lasso).
        On the benchmark (``benchmarks/bench_linear.py``) the refitted model scores as well or
        better on held-out data whenever features are pruned; see Notes.
    n_iterations : int, default=1
        Prune in this many rounds, refitting on the remaining features between them (as
        :class:`~sklearn.feature_selection.RFE`); the number kept falls evenly to the target.
    {{fit_memory}}
        Each fit along the regularisation path is cached, keyed by the data,
        ``alpha``, ``task`` and ``standardize`` (never by how much is pruned), so the walk for
        another ``k`` only computes the alphas no walk before reached. The refit on the kept
        features is not cached (it depends on them). A path is the cache directory; None: no
        caching. Cached and uncached fits give the same pruner.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,) or (n_outputs, n_features)
        Weights of the pruned model in the units of X; pruned weights are exactly 0. Shaped
        as the underlying scikit-learn model's.
    intercept_ : float or ndarray of shape (n_outputs,)
        Intercept of the pruned model, in the units of X.
    estimator_ : Lasso, Ridge or LogisticRegression
        A plain fitted scikit-learn model on the kept features (``transform(X)``) that holds
        the pruned weights: ``Lasso``/``LogisticRegression`` (L1) at ``alpha_``, or after
        ``refit`` the ``Ridge``/``LogisticRegression`` (L2) of the refit.
    alpha_ : float
        The L1 penalty of the last fit.
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
    RidgePruner : The same with an L2 penalty.
    sklearn.feature_selection.SelectFromModel : Select with any fitted model's weights.

    Notes
    -----
    ``refit=True`` is the default because the penalty strong enough to keep few features also
    shrinks them. Held-out accuracy of the pruned model on Spambase (``benchmarks/bench_linear.py``,
    57 columns) with refit / without: 0.916 / 0.880 keeping 29 columns, 0.857 / 0.729 keeping 6,
    0.826 / 0.613 keeping 3; on 20,000 x 200 synthetic data with k=10 it is as good or slightly
    better (R^2 0.9975 / 0.9974, accuracy 0.7438 / 0.7416). Only with nothing pruned
    (``pruning_rate=0``) was it slightly worse (0.914 / 0.918).

    Examples
    --------
    >>> from sklearn.datasets import make_regression
    >>> from skprune import LassoPruner
    >>> X, y = make_regression(n_samples=200, n_features=20, n_informative=3, shuffle=False,
    ...                        random_state=0)
    >>> pruner = LassoPruner(k=3).fit(X, y)
    >>> pruner.get_support(indices=True)
    array([0, 1, 2])
    >>> int((pruner.coef_ != 0).sum())
    3
    >>> round(pruner.score(X, y), 3)
    1.0
    """

    _parameter_constraints: dict = {
        **BaseLinearPruner._parameter_constraints,
        "alpha": [StrOptions({"auto"}), Interval(Real, 0, None, closed="neither")],
    }
    _gives_probabilities = True

    def __init__(
        self,
        pruning_rate=0.5,
        *,
        k=None,
        threshold=None,
        alpha="auto",
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
        """Weights of the L1 fit that keeps at least ``n_keep`` items (as ``count`` counts).

        With a ``key`` (see ``_memory_key``) every fit along the path goes through ``memory``.
        The Lasso sees the data only through their moments: X's ``rows`` are not needed.
        """
        fit = l1_fitter(X, y, sample_weight, self.task_)
        if key is not None:
            fit = WarmStartedFits(self.memory, key, fit)
        if self.alpha != "auto":
            return *fit(self.alpha), float(self.alpha)
        n_classes = len(self.classes_) if self.task_ == "classification" else None
        targets = targets_matrix(y, self.task_, n_classes)
        alphas = path_alphas(alpha_max(X, targets, sample_weight))
        coef, intercept, alpha = walk_path(fit, alphas, n_keep, count)
        return coef, intercept, float(alpha)

    def _support_path(self, X, y, sample_weight=None, alphas=None, stop_at=None):
        """The features with a non-zero weight in the L1 fits along ``alphas``, warm-started.

        For stability selection (``StabilitySelector``), which takes the largest selection
        frequency along the path (Meinshausen and Bühlmann). ``alphas=None``: the pruner's own
        path on this data, or ``alpha`` when it is a number. ``stop_at``: the path ends at the
        first fit that keeps that many features. Returns ``(alphas, supports)``, supports of
        shape (n_alphas, n_features).
        """
        problem = self._prepare(X, y, sample_weight)
        data = problem.data
        fit = l1_fitter(data.X, problem.y, problem.sample_weight, self.task_)
        if alphas is None and self.alpha != "auto":
            alphas = np.array([float(self.alpha)])
        elif alphas is None:
            n_classes = len(self.classes_) if self.task_ == "classification" else None
            targets = targets_matrix(problem.y, self.task_, n_classes)
            alphas = path_alphas(alpha_max(data.X, targets, problem.sample_weight))
        supports = []
        for alpha in alphas:
            supports.append((fit(alpha)[0] != 0).any(axis=0) & ~data.constant)
            if stop_at is not None and supports[-1].sum() >= stop_at:
                break
        return np.asarray(alphas[: len(supports)]), np.array(supports)

    def _reads_rows_by_blocks(self, X):
        # L1-logistic: liblinear would copy X into its own structures (about 10 times a float32
        # X) and SAGA is slower (3.4x for one fit on 1,000,000 x 50, bench_memory_contract.py);
        # the proximal Newton solver of ``_logistic_blocks`` reads the rows by blocks, while
        # its Hessian stays small.
        if self.task_ != "classification":
            return False
        n_rows = 1 if len(self.classes_) == 2 else len(self.classes_)
        return 8 * (n_rows * X.shape[1]) ** 2 <= max(X.nbytes, HESSIAN_BYTES)

    def _refit(self, X, y, sample_weight, kept):
        if isinstance(X, RowBlocks):
            # The light L2 refit, LogisticRegression(C=1 / (REFIT_L2 * total weight)), by the
            # same block solver; a multinomial model's pruned weights are zeroed again after it.
            n_classes = len(self.classes_)
            coef, intercept = logistic_fit(X, y, sample_weight, n_classes=n_classes, l2=REFIT_L2)
            return coef * kept, intercept
        return super()._refit(X, y, sample_weight, kept)

    def _independent_rows(self):
        return self.task_ == "regression"

    def _plain_model(self, *, light, total_weight):
        penalty = float(REFIT_L2 * total_weight if light else self.alpha_ * total_weight)
        if self.task_ == "regression":
            return Ridge(alpha=penalty) if light else Lasso(alpha=self.alpha_)
        if light:
            return LogisticRegression(C=1.0 / penalty, max_iter=1000)
        return l1_logistic(C=1.0 / penalty, solver="saga", random_state=0)
