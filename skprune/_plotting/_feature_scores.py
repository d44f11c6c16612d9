"""FeatureScoreDisplay: a fitted selector's scores as bars, the kept features highlighted."""

import numpy as np

from ._utils import axes, check_fitted_with

SCORE_NAMES = {
    "MutualInfoSelector": "mutual information with the target (nats)",
    "GiniSelector": "impurity decrease",
    "LassoPruner": "largest |weight| (standardised features)",
    "RidgePruner": "largest |weight| (standardised features)",
}


class FeatureScoreDisplay:
    """Feature scores as horizontal bars, best at the top, kept features highlighted.

    Create it with :meth:`from_estimator` from a fitted skprune selector.

    Parameters
    ----------
    scores : array-like of shape (n_features,)
    support : array-like of bool, shape (n_features,)
        The kept features.
    feature_names : array-like of str, shape (n_features,)
    ranking : array-like of int, default=None
        Rank of each feature (1 = best); by default decreasing score.
    score_name : str, default="score"
        Label of the score axis.

    Attributes
    ----------
    bars_ : matplotlib BarContainer
        One bar per feature shown, best first.
    ax_ : matplotlib Axes
    figure_ : matplotlib Figure

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from sklearn.datasets import make_classification
    >>> from skprune import FeatureScoreDisplay, GiniSelector
    >>> X, y = make_classification(n_samples=300, n_features=30, random_state=0)
    >>> selector = GiniSelector(k=5).fit(X, y)
    >>> display = FeatureScoreDisplay.from_estimator(selector, top_n=10)
    >>> len(display.bars_)
    10
    """

    def __init__(self, *, scores, support, feature_names, ranking=None, score_name="score"):
        self.scores = np.asarray(scores, dtype=float)
        self.support = np.asarray(support, dtype=bool)
        self.feature_names = np.asarray(feature_names, dtype=object)
        self.ranking = ranking
        self.score_name = score_name

    @classmethod
    def from_estimator(cls, selector, *, top_n=20, score_name=None, ax=None):
        """Plot the scores of a fitted skprune selector.

        Parameters
        ----------
        selector : fitted skprune selector
            Anything with ``scores_`` and ``get_support()`` (every skprune selector and pruner).
        top_n : int or None, default=20
            Show the ``top_n`` best-ranked features; None shows all of them.
        score_name : str, default=None
            Label of the score axis (by default, what the selector scores).
        ax : matplotlib Axes, default=None
            Axes to draw on; new ones by default.

        Returns
        -------
        display : FeatureScoreDisplay
        """
        check_fitted_with(
            selector, "scores_", "FeatureScoreDisplay needs a fitted skprune selector"
        )
        n_features = len(selector.scores_)
        names = getattr(selector, "feature_names_in_", None)
        if names is None:
            names = [f"x{j}" for j in range(n_features)]
        display = cls(
            scores=selector.scores_,
            support=selector.get_support(),
            feature_names=names,
            ranking=getattr(selector, "ranking_", None),
            score_name=score_name or SCORE_NAMES.get(type(selector).__name__, "score"),
        )
        return display.plot(ax=ax, top_n=top_n)

    def plot(self, ax=None, *, top_n=20, kept_color="C0", pruned_color="0.75"):
        """Draw the bars.

        Parameters
        ----------
        ax : matplotlib Axes, default=None
            Axes to draw on; new ones by default.
        top_n : int or None, default=20
            Number of best-ranked features shown; None shows all.
        kept_color, pruned_color : str
            Colours of the kept and pruned features' bars.

        Returns
        -------
        display : FeatureScoreDisplay
        """
        if top_n is not None and top_n < 1:
            raise ValueError(f"top_n must be a positive integer or None; got {top_n!r}.")
        ax, figure = axes(ax, f"{type(self).__name__}.plot")
        if self.ranking is None:
            order = np.argsort(-self.scores, kind="stable")
        else:
            order = np.argsort(np.asarray(self.ranking), kind="stable")
        shown = order[:top_n]
        colors = [kept_color if self.support[j] else pruned_color for j in shown]
        positions = np.arange(len(shown))[::-1]  # best at the top
        self.bars_ = ax.barh(positions, self.scores[shown], color=colors)
        ax.set_yticks(positions, [str(name) for name in self.feature_names[shown]])
        ax.set_xlabel(self.score_name)
        n_kept = int(self.support.sum())
        title = f"{n_kept} of {len(self.scores)} features kept"
        if len(shown) < len(self.scores):
            title += f" (best {len(shown)} shown)"
        ax.set_title(title)
        from matplotlib.patches import Patch

        ax.legend(
            handles=[
                Patch(color=kept_color, label="kept"),
                Patch(color=pruned_color, label="pruned"),
            ],
            loc="lower right",
        )
        self.ax_, self.figure_ = ax, figure
        return self
