"""StabilityPathDisplay: how often each feature is selected, along the L1 path or in total."""

import numpy as np

from ._utils import axes, check_fitted_with


class StabilityPathDisplay:
    """Selection frequencies of a fitted StabilitySelector, against its threshold.

    Create it with :meth:`from_estimator`. Over a :class:`LassoPruner` it draws the stability
    path of Meinshausen and Bühlmann: each feature's frequency against the penalty, from the
    largest penalty on the left; the kept features in colour, the others in grey. Over any other
    estimator it draws the ``top_n`` frequencies as bars. The dashed line is ``threshold_``.

    Parameters
    ----------
    frequencies : array-like of shape (n_features,)
        ``frequencies_``.
    support : array-like of bool, shape (n_features,)
        ``support_``.
    feature_names : array-like of str, shape (n_features,)
    threshold : float
        ``threshold_``.
    alphas : array-like of shape (n_alphas,), default=None
        ``alphas_``, for a path.
    path_frequencies : array-like of shape (n_alphas, n_features), default=None
        ``path_frequencies_``, for a path.

    Attributes
    ----------
    lines_ : list of matplotlib Line2D
        One per feature, for a path (kept features first); empty for bars.
    bars_ : matplotlib BarContainer or None
        The frequencies, without a path.
    threshold_line_ : matplotlib Line2D
    ax_ : matplotlib Axes
    figure_ : matplotlib Figure

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import numpy as np
    >>> from skprune import LassoPruner, StabilityPathDisplay, StabilitySelector
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(100, 50))
    >>> y = 3 * X[:, 0] - 2 * X[:, 1] + rng.normal(size=100)
    >>> selector = StabilitySelector(LassoPruner(task="regression"), n_pairs=10,
    ...                              random_state=0).fit(X, y)
    >>> display = StabilityPathDisplay.from_estimator(selector)
    >>> len(display.lines_)
    50
    """

    def __init__(
        self, *, frequencies, support, feature_names, threshold, alphas=None,
        path_frequencies=None,
    ):  # fmt: skip
        self.frequencies = np.asarray(frequencies, dtype=float)
        self.support = np.asarray(support, dtype=bool)
        self.feature_names = np.asarray(feature_names, dtype=object)
        self.threshold = threshold
        self.alphas = alphas
        self.path_frequencies = path_frequencies

    @classmethod
    def from_estimator(cls, selector, *, top_n=20, ax=None):
        """Plot the frequencies of a fitted StabilitySelector.

        Parameters
        ----------
        selector : fitted StabilitySelector
        top_n : int, default=20
            Bars drawn without a path: the most frequent features.
        ax : matplotlib Axes, default=None
            New axes by default.

        Returns
        -------
        display : StabilityPathDisplay
        """
        check_fitted_with(
            selector, "frequencies_", "StabilityPathDisplay needs a fitted StabilitySelector"
        )
        display = cls(
            frequencies=selector.frequencies_,
            support=selector.support_,
            feature_names=_all_names(selector),
            threshold=selector.threshold_,
            alphas=getattr(selector, "alphas_", None),
            path_frequencies=getattr(selector, "path_frequencies_", None),
        )
        return display.plot(ax=ax, top_n=top_n)

    def plot(self, ax=None, *, top_n=20, kept_color="C0", pruned_color="0.75"):
        """Draw the path (or the bars) and the threshold.

        Parameters
        ----------
        ax : matplotlib Axes, default=None
        top_n : int, default=20
            Bars drawn without a path.
        kept_color, pruned_color : str
            Colours of the kept and the other features.

        Returns
        -------
        display : StabilityPathDisplay
        """
        ax, self.figure_ = axes(ax, f"{type(self).__name__}.plot")
        self.lines_, self.bars_ = [], None
        if self.path_frequencies is not None:
            self._plot_path(ax, kept_color, pruned_color)
        else:
            self._plot_bars(ax, top_n, kept_color, pruned_color)
        self.threshold_line_ = ax.axhline(
            self.threshold, color="k", linestyle="--", linewidth=1, label="threshold"
        )
        ax.set_ylim(0, 1.05)
        ax.set_ylabel("selection frequency")
        self.ax_ = ax
        return self

    def _plot_path(self, ax, kept_color, pruned_color):
        path = np.asarray(self.path_frequencies)
        # Kept features drawn last, so that the grey lines of the others stay beneath them.
        for j in np.argsort(self.support, kind="stable")[::-1]:
            kept = self.support[j]
            (line,) = ax.plot(
                self.alphas, path[:, j], color=kept_color if kept else pruned_color,
                linewidth=1.5 if kept else 0.8, zorder=3 if kept else 2,
                label=str(self.feature_names[j]) if kept else None,
            )  # fmt: skip
            self.lines_.append(line)
        ax.set_xscale("log")
        ax.xaxis.set_minor_formatter("")  # a short path spans less than a decade: no crowding
        ax.invert_xaxis()
        ax.set_xlabel("penalty alpha")
        ax.set_title("stability path")
        if self.support.any():
            ax.legend(fontsize=8, loc="center right")

    def _plot_bars(self, ax, top_n, kept_color, pruned_color):
        order = np.argsort(-self.frequencies, kind="stable")[:top_n]
        colors = [kept_color if self.support[j] else pruned_color for j in order]
        self.bars_ = ax.bar(
            [str(name) for name in self.feature_names[order]], self.frequencies[order],
            color=colors,
        )  # fmt: skip
        ax.tick_params(axis="x", labelrotation=90)
        ax.set_title(f"selection frequency, top {len(order)}")


def _all_names(selector):
    """Every input feature's name: the column names seen at fit, or x0, x1, ..."""
    names = getattr(selector, "feature_names_in_", None)
    if names is not None:
        return np.asarray(names, dtype=object)
    return np.array([f"x{j}" for j in range(selector.n_features_in_)], dtype=object)
