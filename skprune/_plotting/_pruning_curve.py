"""PruningCurveDisplay: cross-validated score against how much is pruned."""

import numpy as np
from sklearn.model_selection import validation_curve

from ._utils import axes, pyplot

DEFAULT_RATES = np.round(np.linspace(0.0, 0.9, 10), 2)


def find_param(estimator, param_name):
    """The full name of ``param_name`` in ``estimator``: itself, or a skprune step's parameter.

    In a Pipeline (or any nested estimator) ``"pruning_rate"`` becomes e.g.
    ``"mutualinfoselector__pruning_rate"``; a full name is accepted as it is.
    """
    params = estimator.get_params(deep=True)
    if "__" in param_name and param_name in params:
        return param_name
    if param_name in params and _is_skprune(estimator):
        return param_name
    found = [
        name
        for name in params
        if name.endswith("__" + param_name) and _is_skprune(params[name[: -len(param_name) - 2]])
    ]
    if len(found) == 1:
        return found[0]
    owner = type(estimator).__name__
    if not found:
        raise ValueError(
            f"{owner} has no skprune estimator with a parameter {param_name!r}; param_name must "
            "name a parameter of a skprune estimator (itself or a step of it)."
        )
    raise ValueError(
        f"{owner} has several skprune steps with a parameter {param_name!r} ({', '.join(found)}); "
        "pass the full name as param_name."
    )


def _is_skprune(estimator):
    return type(estimator).__module__.split(".")[0] == "skprune"


class PruningCurveDisplay:
    """Cross-validated score against a pruning parameter, with the spread across folds.

    Create it with :meth:`from_estimator`, which cross-validates one fit per value of the
    parameter and per fold (scikit-learn's ``validation_curve``) and plots the mean score with a
    band of one standard deviation across folds; the best value is marked.

    Parameters
    ----------
    param_name : str
        The parameter varied (as given to ``from_estimator``).
    param_range : array-like of shape (n_values,)
        Its values.
    test_scores : ndarray of shape (n_values, n_folds)
        Validation score of each value on each fold.
    score_name : str, default="score"
        Label of the score axis.

    Attributes
    ----------
    line_ : matplotlib Line2D
        The mean validation score.
    fill_between_ : matplotlib PolyCollection
        The band of one standard deviation across folds.
    best_marker_ : matplotlib Line2D
        The marker on the best value.
    best_index_ : int
        Index in ``param_range`` of the best mean score.
    ax_ : matplotlib Axes
    figure_ : matplotlib Figure

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from sklearn.datasets import make_classification
    >>> from sklearn.linear_model import LogisticRegression
    >>> from sklearn.pipeline import make_pipeline
    >>> from skprune import MutualInfoSelector, PruningCurveDisplay
    >>> X, y = make_classification(n_samples=300, n_features=20, n_informative=3,
    ...                            random_state=0)
    >>> pipe = make_pipeline(MutualInfoSelector(), LogisticRegression())
    >>> display = PruningCurveDisplay.from_estimator(
    ...     pipe, X, y, param_range=[0.0, 0.5, 0.85], cv=3)
    >>> bool(display.param_range[display.best_index_] > 0)
    True
    """

    def __init__(self, *, param_name, param_range, test_scores, score_name="score"):
        self.param_name = param_name
        self.param_range = np.asarray(param_range)
        self.test_scores = np.asarray(test_scores)
        self.score_name = score_name

    @classmethod
    def from_estimator(
        cls,
        estimator,
        X,
        y,
        *,
        param_name="pruning_rate",
        param_range=None,
        cv=None,
        scoring=None,
        groups=None,
        n_jobs=None,
        params=None,
        score_name=None,
        ax=None,
    ):
        """Cross-validate ``estimator`` at each value of ``param_name`` and plot the curve.

        Parameters
        ----------
        estimator : estimator
            A skprune estimator, or a Pipeline (or other estimator) holding one.
        X : {array-like, DataFrame} of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
        param_name : str, default="pruning_rate"
            A parameter of the skprune estimator: its own name (found in a Pipeline's steps) or
            the full ``step__param`` name.
        param_range : array-like, default=None
            Values to try; for ``pruning_rate`` it defaults to 0, 0.1, ..., 0.9.
        cv : int, cross-validation generator or iterable, default=None
            As in ``cross_validate`` (None: 5-fold).
        scoring : str or callable, default=None
            As in ``cross_validate`` (None: the estimator's ``score``).
        groups : array-like, default=None
            Group labels for a group splitter.
        n_jobs : int, default=None
            Parallel fits.
        params : dict, default=None
            Fit parameters (routed as in ``validation_curve``).
        score_name : str, default=None
            Label of the score axis (default: ``scoring``, or "score").
        ax : matplotlib Axes, default=None
            Axes to draw on; new ones by default.

        Returns
        -------
        display : PruningCurveDisplay
        """
        pyplot(f"{cls.__name__}.from_estimator")
        full_name = find_param(estimator, param_name)
        if param_range is None:
            if param_name.rsplit("__", 1)[-1] != "pruning_rate":
                raise ValueError(f"param_range is needed for param_name={param_name!r}.")
            param_range = DEFAULT_RATES
        if len(param_range) == 0:
            raise ValueError("param_range is empty; give at least one value.")
        _, test_scores = validation_curve(
            estimator,
            X,
            y,
            param_name=full_name,
            param_range=param_range,
            groups=groups,
            cv=cv,
            scoring=scoring,
            n_jobs=n_jobs,
            params=params,
        )
        if score_name is None:
            score_name = scoring if isinstance(scoring, str) else "score"
        display = cls(
            param_name=param_name,
            param_range=param_range,
            test_scores=test_scores,
            score_name=score_name,
        )
        return display.plot(ax=ax)

    def plot(self, ax=None, *, color="C0", band_alpha=0.25):
        """Draw the mean score, the band across folds and the best value.

        Parameters
        ----------
        ax : matplotlib Axes, default=None
            Axes to draw on; new ones by default.
        color : str, default="C0"
            Colour of the curve and its band.
        band_alpha : float, default=0.25
            Opacity of the band.

        Returns
        -------
        display : PruningCurveDisplay
        """
        ax, figure = axes(ax, f"{type(self).__name__}.plot")
        mean, std = self.test_scores.mean(axis=1), self.test_scores.std(axis=1)
        x = self.param_range
        n_folds = self.test_scores.shape[1]
        (self.line_,) = ax.plot(x, mean, "o-", color=color, label=f"mean of {n_folds} folds")
        self.fill_between_ = ax.fill_between(
            x, mean - std, mean + std, color=color, alpha=band_alpha, label="± 1 std. dev."
        )
        self.best_index_ = int(np.argmax(mean))
        best = x[self.best_index_]
        (self.best_marker_,) = ax.plot(
            [best],
            [mean[self.best_index_]],
            "*",
            color="C3",
            markersize=16,
            label=f"best: {self.param_name}={best:g} ({mean[self.best_index_]:.3f})",
        )
        ax.set_xlabel(self.param_name)
        ax.set_ylabel(f"cross-validated {self.score_name}")
        ax.legend(loc="best")
        self.ax_, self.figure_ = ax, figure
        return self
