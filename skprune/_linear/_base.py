"""What LassoPruner and RidgePruner share: fit in rounds, cut by magnitude, refit, predict.

A subclass says how one penalised fit is done (``_penalised_fit``) and which plain scikit-learn
model holds the result (``_plain_model``); everything else is here.

The pruners are selectors (``transform`` keeps the kept features) and predictors (``predict``
uses the pruned linear model). Whether they classify or regress is decided by ``task``: with
``task="auto"`` it is only known after ``fit``, so scikit-learn's tags call them neither
classifier nor regressor; ``score`` uses the fitted task (accuracy or R^2), which keeps
``GridSearchCV``'s default scoring right. Set ``task`` to get stratified folds and the
classifier/regressor tags.
"""

import warnings
from numbers import Integral
from typing import NamedTuple

import numpy as np
import pandas as pd
from sklearn.exceptions import DataConversionWarning
from sklearn.linear_model import Ridge
from sklearn.preprocessing import LabelBinarizer
from sklearn.utils import ClassifierTags, RegressorTags
from sklearn.utils.metaestimators import available_if
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted

from .._core import _memory
from .._core._base import BaseSelector
from .._core._compat import Interval, StrOptions, _check_sample_weight, _fit_context
from .._core._input import check_target, is_dask_collection, validate_numeric
from .._core._selection import n_to_keep
from ._magnitude import (
    GRANULARITIES,
    best_first,
    feature_scores,
    magnitude_cut,
    n_alive,
    round_targets,
)
from ._moments import table_of_rows
from ._plain_model import with_weights
from ._row_blocks import RowBlocks
from ._standardize import Standardized, standardize

# The light L2 penalty of the refit, per unit of sample weight on standardised features: small
# enough not to shrink the kept weights, large enough to keep a separable refit finite.
REFIT_L2 = 1e-4
# A dense float32 X of at least this many entries (4 MiB) is never copied to float64 whole: a
# regression fits on its moments, a classifier on a float32 standardised copy (or, where the
# solver can, on its rows read by blocks, as a float64 X that large is too). A smaller one is
# standardised in float64, as a float64 X, and gives the float64 result to the last bits.
NARROW_SIZE = 2**20


def _large(X):
    """Whether X is a dense array of NARROW_SIZE entries or more."""
    return isinstance(X, np.ndarray) and X.size >= NARROW_SIZE


def _narrow(X):
    """Whether X is a float32 array large enough to be kept out of float64 (see NARROW_SIZE)."""
    return _large(X) and X.dtype == np.float32


class EveryRow(NamedTuple):
    """The rows of a fit handed a table of their moments, for what needs more than moments."""

    X: RowBlocks  # standardised as the table
    targets: np.ndarray  # (n_samples, n_targets): real targets, or +-1 class indicators
    sample_weight: np.ndarray | None  # None: unit weights

    def of(self, columns):
        """The same rows, with only these columns of X."""
        return self._replace(X=self.X.subset(columns))


class _Problem(NamedTuple):
    """A fit's data, validated and standardised (``_prepare``)."""

    data: Standardized
    y: np.ndarray  # class indices, real targets, or +-1 class indicators (a table of moments)
    sample_weight: np.ndarray
    rows: EveryRow | None  # the rows of a table of their moments
    data_key: str | None  # with ``memory``: the digest of the data
    n_rows: int  # rows of weights: outputs, or classes (one for two)
    granularity: str  # "feature" when there is one row of weights


class _Rounds(NamedTuple):
    """What the rounds of pruning leave (``_prune_in_rounds``)."""

    alive: np.ndarray  # (n_rows, n_features) bool: the weights kept
    scores: np.ndarray  # per feature, from the last fit that saw it
    dropped: list  # per round, the features it dropped, best first
    coef: np.ndarray  # the last round's weights, on its columns
    columns: np.ndarray  # the last round's columns
    intercept: np.ndarray
    alpha: float


def class_indicators(y):
    """+-1 indicators of the classes of y (class indices), one column per class (one for two
    classes); y itself when it holds them already (a dask fit's moments)."""
    if y.ndim == 2:
        return y
    return LabelBinarizer(neg_label=-1).fit_transform(y).astype(np.float64)


def _task(pruner):
    return getattr(pruner, "task_", pruner.task)


def _can_classify(pruner):
    return _task(pruner) != "regression"


def _has_proba(pruner):
    return _can_classify(pruner) and pruner._gives_probabilities


class BaseLinearPruner(BaseSelector):
    """Prune the weights of a penalised linear model by magnitude (see the module docstring)."""

    _parameter_constraints: dict = {
        **BaseSelector._parameter_constraints,
        "task": [StrOptions({"auto", "classification", "regression"})],
        "standardize": ["boolean"],
        "granularity": [StrOptions(set(GRANULARITIES))],
        "refit": ["boolean"],
        "n_iterations": [Interval(Integral, 1, None, closed="left")],
        **_memory.MEMORY_CONSTRAINTS,
    }
    _gives_probabilities = False
    # alpha="auto" is chosen from the weighted moments of X and y alone (so it works on dask).
    _alpha_from_moments = True
    # Classification is least squares on class indicators, whose moments a dask pass can sum.
    _classifies_from_moments = False

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y, sample_weight=None):
        """Fit the penalised model, prune it, and keep the pruned model.

        Parameters
        ----------
        X : {array-like, sparse matrix, DataFrame} of shape (n_samples, n_features)
            Training data: finite numbers (numeric DataFrame columns). A dask array or
            DataFrame is reduced chunk by chunk to its moments (regression, and
            :class:`RidgePruner` classification). A float32 array of 2**20 entries or more is not
            copied to float64 whole: least squares (regression, :class:`RidgePruner`
            classification) fit on its moments, computed in float64 a block of rows at a time
            (``alpha="auto"`` reads the rows again, by blocks, for their leave-one-out errors).
            The L1-logistic classifier of an array of 2**20 entries or more, float32 or float64,
            reads the rows by blocks, with no copy of X.
        y : array-like of shape (n_samples,) or (n_samples, n_targets)
            Class labels, or real targets (several columns: multi-output regression).
        sample_weight : array-like of shape (n_samples,), default=None
            Sample weights.

        Returns
        -------
        self : object
            The fitted pruner.
        """
        problem = self._prepare(X, y, sample_weight)
        return self._finish(problem, self._prune_in_rounds(problem))

    def _prepare(self, X, y, sample_weight):
        """Validate the data, set ``task_`` (and ``classes_``), and standardise X.

        A dask X, or a large float32 X fitted by least squares, is replaced by a small table of
        its moments (``_fits_on_moments``); its rows stay at hand where a fit needs them.
        """
        classes = None
        if is_dask_collection(X):
            from ._dask import moment_table

            X, y, sample_weight, classes = moment_table(self, X, y, sample_weight)
        X = validate_numeric(self, X)
        if classes is None:
            y = self._check_y(y, X.shape[0])
        else:  # y holds +-1 class indicators, one column per class (one for two classes)
            self.task_, self.classes_ = "classification", classes
        sample_weight = _check_sample_weight(
            sample_weight, X, dtype=np.float64, ensure_non_negative=True
        )
        # The key is of the rows themselves: a fit on a table of their moments can need them.
        data_key = self._memory_key(X, y, sample_weight)
        narrow = _narrow(X)
        rows = None
        if narrow and self._fits_on_moments(X, y):
            if self.task_ == "classification":
                y = class_indicators(y)  # what the least squares fit, as on dask
            unit = (sample_weight == 1.0).all()
            rows = X, y.reshape(X.shape[0], -1), None if unit else sample_weight
            X, y, sample_weight = table_of_rows(X, y, sample_weight)
        # Logistic regression takes rows (it would copy columns); the other solvers, columns.
        order = "C" if self.task_ == "classification" else "F"
        dtype = X.dtype if narrow else np.float64
        copy = not (_large(X) and self._reads_rows_by_blocks(X))
        data = standardize(
            X, sample_weight, scale=self.standardize, order=order, dtype=dtype, copy=copy
        )
        if rows is not None:  # the table's moments are X's: so is its standardisation
            rows = EveryRow(RowBlocks.standardized(rows[0], data), *rows[1:])
        n_rows = 1 if y.ndim == 1 else y.shape[1]
        if self.task_ == "classification":
            n_rows = 1 if len(self.classes_) == 2 else len(self.classes_)
        granularity = self.granularity if n_rows > 1 else "feature"
        return _Problem(data, y, sample_weight, rows, data_key, n_rows, granularity)

    def _prune_in_rounds(self, problem):
        """Fit, cut the smallest weights, and fit again on the survivors, ``n_iterations`` times.

        The number kept after each round steps evenly down to what the selection rule asks; the
        last round applies ``threshold``.
        """
        data, granularity = problem.data, problem.granularity
        n_features = data.X.shape[1]
        n_items = n_features if granularity == "feature" else problem.n_rows * n_features
        alive = np.ones((problem.n_rows, n_features), dtype=bool)
        scores = np.zeros(n_features)
        dropped = []
        n_final = n_to_keep(n_items, pruning_rate=self.pruning_rate, k=self.k)
        for round_, n_keep in enumerate(round_targets(n_items, n_final, self.n_iterations), 1):
            columns = np.flatnonzero(alive.any(axis=0))
            round_alive = alive[:, columns]
            round_X = data.X if columns.size == n_features else data.X[:, columns]

            def count(coef, round_alive=round_alive):
                return n_alive((coef != 0) & round_alive, granularity)

            key = (
                None if problem.data_key is None else _memory.memory_key(problem.data_key, columns)
            )
            round_rows = None if problem.rows is None else problem.rows.of(columns)
            coef, intercept, alpha = self._penalised_fit(
                round_X, problem.y, problem.sample_weight, n_keep, count, key, round_rows
            )
            coef = coef * round_alive
            coef[:, data.constant[columns]] = 0.0
            scores[columns] = feature_scores(coef)
            threshold = self.threshold if round_ == self.n_iterations else None
            kept = magnitude_cut(
                coef,
                round_alive,
                data.constant[columns],
                granularity,
                n_keep=self.k if threshold is not None else n_keep,
                threshold=threshold,
            )
            alive[:, columns] = kept
            dropped.append(best_first(columns[~kept.any(axis=0)], scores, data.constant))
        return _Rounds(alive, scores, dropped, coef, columns, intercept, alpha)

    def _finish(self, problem, rounds):
        """Refit the survivors, keep the pruned model, and select through the shared rule."""
        data, sample_weight, alive = problem.data, problem.sample_weight, rounds.alive
        kept_columns = np.flatnonzero(alive.any(axis=0))
        coef = rounds.coef[:, np.isin(rounds.columns, kept_columns)] * alive[:, kept_columns]
        intercept = rounds.intercept
        if self.refit and kept_columns.size:
            kept = alive[:, kept_columns]
            coef, intercept = self._refit(data.X[:, kept_columns], problem.y, sample_weight, kept)
            coef[:, data.constant[kept_columns]] = 0.0
        coef, intercept = data.to_original_units(coef, intercept, kept_columns)

        self.alpha_ = rounds.alpha
        names = getattr(self, "feature_names_in_", None)
        self.estimator_ = with_weights(
            self._plain_model(light=self.refit, total_weight=sample_weight.sum()),
            coef,
            intercept,
            classes=getattr(self, "classes_", None),
            feature_names=None if names is None else names[kept_columns],
        )
        full = np.zeros(alive.shape)
        full[:, kept_columns] = coef
        self.coef_ = full[0] if np.ndim(self.estimator_.coef_) == 1 else full
        self.intercept_ = self.estimator_.intercept_
        # The survivors first (best first), then the features dropped by later rounds first.
        order = np.concatenate(
            [best_first(kept_columns, rounds.scores, data.constant), *rounds.dropped[::-1]]
        )
        return self._select(rounds.scores, order=order, n_selected=kept_columns.size)

    def _fits_on_moments(self, X, y):
        """Whether to fit on a table with the moments of X's rows (``_moments``), not on X.

        A least-squares fit on the rows of a large float32 X would need a float64 copy of it (or
        a float32 solve); the table has the moments in float64 from a pass over blocks of rows,
        and is smaller than X when there are more rows than features. Least squares are every
        regression, and a classifier that fits them on class indicators. A fit that needs more
        than the moments (generalised cross-validation) gets every row too, as ``EveryRow``.
        """
        if self.task_ == "classification":
            n_targets = len(self.classes_) - (len(self.classes_) == 2)
        else:
            n_targets = 1 if y.ndim == 1 else y.shape[1]
        least_squares = self.task_ == "regression" or self._classifies_from_moments
        return least_squares and X.shape[0] > X.shape[1] + n_targets + 1

    def _reads_rows_by_blocks(self, X):
        """Whether the fits of a large X (``_large``) read its standardised rows by blocks.

        Then they get a ``RowBlocks`` in place of the standardised copy of X (a subclass whose
        solver can fit on it says so).
        """
        return False

    def _check_y(self, y, n_samples):
        """Validate y, set ``task_`` (and ``classes_``); class labels become class indices."""
        shape = None if y is None else np.asarray(y).shape
        if self.task == "classification" and y is not None:
            check_classification_targets(y)
        y, self.task_, classes = check_target(
            y, n_samples, self.task, multi_output=True, squared_by=type(self).__name__
        )
        if self.task_ == "classification":
            if len(shape) == 2:
                warnings.warn(
                    "A column-vector y was passed when a 1d array was expected; it is raveled.",
                    DataConversionWarning,
                    stacklevel=3,
                )
            self.classes_ = classes
        elif hasattr(self, "classes_"):
            del self.classes_
        return y

    def _refit(self, X, y, sample_weight, kept):
        """Refit the kept weights (``kept``: rows x kept columns) with the light L2 penalty.

        Outputs whose weights are fitted independently (regression targets, the one-vs-rest
        columns of a ridge classifier) are refitted each on its own kept features; a multinomial
        model is refitted on all kept features and its pruned weights are zeroed again.
        """
        total = sample_weight.sum()
        indicators = self.task_ == "classification" and y.ndim == 2  # from dask moments
        if not indicators and (kept.all() or not self._independent_rows()):
            model = self._plain_model(light=True, total_weight=total)
            model.fit(X, y, sample_weight=sample_weight)
            coef = np.reshape(model.coef_, kept.shape) * kept
            return coef, np.reshape(model.intercept_, kept.shape[0])
        if self.task_ == "classification":
            targets = class_indicators(y)
        else:
            targets = y.reshape(y.shape[0], -1)
        coef = np.zeros(kept.shape)
        intercept = np.average(targets, axis=0, weights=sample_weight)
        for row, row_kept in enumerate(kept):
            columns = np.flatnonzero(row_kept)
            if columns.size:
                ridge = Ridge(alpha=REFIT_L2 * total).fit(
                    X[:, columns], targets[:, row], sample_weight=sample_weight
                )
                coef[row, columns], intercept[row] = ridge.coef_, ridge.intercept_
        return coef, intercept

    def _independent_rows(self):
        """Whether each row of weights is fitted on its own (not a multinomial model)."""
        return True

    def _memory_key(self, X, y, sample_weight):
        """With ``memory``: a digest of what the penalised fits depend on, else None.

        The data and the parameters of the penalty, never ``pruning_rate``, ``k``, ``threshold``
        or ``n_iterations``: fits at the same alpha are shared by every amount of pruning.
        """
        if self.memory is None:
            return None
        penalty = {name: getattr(self, name) for name in ("alpha", "standardize")}
        return _memory.memory_key(type(self).__name__, X, y, sample_weight, self.task_, penalty)

    def _model_input(self, X):
        """The kept columns of X as the fitted ``estimator_`` takes them."""
        check_is_fitted(self)
        values = validate_numeric(self, X, reset=False)[:, self.support_]
        if hasattr(self, "feature_names_in_"):
            return pd.DataFrame(values, columns=self.feature_names_in_[self.support_])
        return values

    def predict(self, X):
        """Predict with the pruned linear model.

        Parameters
        ----------
        X : {array-like, sparse matrix, DataFrame} of shape (n_samples, n_features)
            Samples, with all the features seen in ``fit``.

        Returns
        -------
        y_pred : ndarray of shape (n_samples,) or (n_samples, n_targets)
            Predicted class labels or values.
        """
        X = self._model_input(X)
        return self.estimator_.predict(X)

    @available_if(_can_classify)
    def decision_function(self, X):
        """Confidence scores of the pruned classifier (classification only).

        Parameters
        ----------
        X : {array-like, sparse matrix, DataFrame} of shape (n_samples, n_features)
            Samples.

        Returns
        -------
        scores : ndarray of shape (n_samples,) or (n_samples, n_classes)
            As the underlying scikit-learn classifier's ``decision_function``.
        """
        X = self._model_input(X)
        return self.estimator_.decision_function(X)

    @available_if(_has_proba)
    def predict_proba(self, X):
        """Class probabilities of the pruned logistic model (classification only).

        Parameters
        ----------
        X : {array-like, sparse matrix, DataFrame} of shape (n_samples, n_features)
            Samples.

        Returns
        -------
        proba : ndarray of shape (n_samples, n_classes)
            Probabilities, columns in the order of ``classes_``.
        """
        X = self._model_input(X)
        return self.estimator_.predict_proba(X)

    @available_if(_has_proba)
    def predict_log_proba(self, X):
        """Logarithm of ``predict_proba`` (classification only).

        Parameters
        ----------
        X : {array-like, sparse matrix, DataFrame} of shape (n_samples, n_features)
            Samples.

        Returns
        -------
        log_proba : ndarray of shape (n_samples, n_classes)
            Log-probabilities, columns in the order of ``classes_``.
        """
        X = self._model_input(X)
        return self.estimator_.predict_log_proba(X)

    def score(self, X, y, sample_weight=None):
        """Accuracy (classification) or R^2 (regression) of the pruned model.

        Parameters
        ----------
        X : {array-like, sparse matrix, DataFrame} of shape (n_samples, n_features)
            Test samples.
        y : array-like of shape (n_samples,) or (n_samples, n_targets)
            True labels or values.
        sample_weight : array-like of shape (n_samples,), default=None
            Sample weights.

        Returns
        -------
        score : float
            The score of the fitted task, as the underlying scikit-learn model's ``score``.
        """
        X = self._model_input(X)
        return self.estimator_.score(X, y, sample_weight=sample_weight)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = False
        tags.target_tags.multi_output = self.task != "classification"
        if self.task != "regression":
            # Pruning half of the two features of scikit-learn's check data (the default) cannot
            # keep the accuracy that check expects of an unpruned classifier.
            tags.classifier_tags = ClassifierTags(poor_score=True)
        if self.task != "classification":
            tags.regressor_tags = RegressorTags()
        # With task="auto" the kind of model is only known after fit: no estimator type.
        if self.task == "classification":
            tags.estimator_type = "classifier"
        elif self.task == "regression":
            tags.estimator_type = "regressor"
        return tags
