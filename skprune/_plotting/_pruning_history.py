"""PruningHistoryDisplay: how an MLPPruner's rounds went, and how sparse each layer ended."""

import numpy as np

from ._utils import check_fitted_with, pyplot


class PruningHistoryDisplay:
    """An MLPPruner's training loss after each round, and the sparsity of each layer.

    Create it with :meth:`from_estimator` from a fitted ``MLPPruner``. The left axes show the
    training loss (without the L2 penalty) against the sparsity reached at each round, round 0
    being the network before pruning; the right axes show the final fraction of zero or removed
    weights per layer.

    Parameters
    ----------
    history : list of dict
        ``pruning_history_``: per round, at least ``sparsity`` and ``loss``.
    layer_sparsity : array-like of shape (n_layers,)
        ``sparsity_["layers"]``.

    Attributes
    ----------
    loss_line_ : matplotlib Line2D
        Training loss against sparsity, one marker per round.
    layer_bars_ : matplotlib BarContainer
        One bar per layer of weights.
    ax_ : ndarray of two matplotlib Axes
    figure_ : matplotlib Figure

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from sklearn.datasets import load_digits
    >>> from sklearn.neural_network import MLPClassifier
    >>> from skprune import MLPPruner, PruningHistoryDisplay
    >>> X, y = load_digits(return_X_y=True)
    >>> net = MLPClassifier(hidden_layer_sizes=(16,), max_iter=50, random_state=0)
    >>> pruner = MLPPruner(net, pruning_rate=0.8, n_iterations=2, fine_tune_iter=5)
    >>> display = PruningHistoryDisplay.from_estimator(pruner.fit(X / 16, y))
    >>> len(display.loss_line_.get_xdata()), len(display.layer_bars_)
    (3, 2)
    """

    def __init__(self, *, history, layer_sparsity):
        self.history = list(history)
        self.layer_sparsity = np.asarray(layer_sparsity, dtype=float)

    @classmethod
    def from_estimator(cls, pruner, *, axes=None):
        """Plot the history of a fitted MLPPruner.

        Parameters
        ----------
        pruner : fitted MLPPruner
        axes : sequence of two matplotlib Axes, default=None
            Where to draw the loss and the layers; a new figure with two axes by default.

        Returns
        -------
        display : PruningHistoryDisplay
        """
        check_fitted_with(
            pruner, "pruning_history_", "PruningHistoryDisplay needs a fitted MLPPruner"
        )
        display = cls(history=pruner.pruning_history_, layer_sparsity=pruner.sparsity_["layers"])
        return display.plot(axes=axes)

    def plot(self, axes=None, *, color="C0"):
        """Draw the loss per round and the sparsity per layer.

        Parameters
        ----------
        axes : sequence of two matplotlib Axes, default=None
            A new figure with two axes by default.
        color : str, default="C0"

        Returns
        -------
        display : PruningHistoryDisplay
        """
        if axes is None:
            _, axes = pyplot(f"{type(self).__name__}.plot").subplots(
                1, 2, figsize=(9, 3.5), layout="constrained"
            )
        loss_ax, layer_ax = axes
        sparsity = [100 * entry["sparsity"] for entry in self.history]
        loss = [entry["loss"] for entry in self.history]
        (self.loss_line_,) = loss_ax.plot(sparsity, loss, "o-", color=color)
        for entry, x, y in zip(self.history, sparsity, loss, strict=True):
            loss_ax.annotate(f"round {entry['round']}", (x, y), textcoords="offset points",
                             xytext=(-6, 4), ha="right", fontsize=8)  # fmt: skip
        loss_ax.margins(x=0.15, y=0.1)
        loss_ax.set_xlabel("weights pruned (%)")
        loss_ax.set_ylabel("training loss")
        loss_ax.set_title("after each round of pruning and fine-tuning")
        names = [f"layer {j + 1}" for j in range(len(self.layer_sparsity))]
        self.layer_bars_ = layer_ax.bar(names, 100 * self.layer_sparsity, color=color)
        layer_ax.bar_label(self.layer_bars_, fmt="%.1f %%", fontsize=8)
        layer_ax.set_ylim(0, 105)
        layer_ax.set_ylabel("weights pruned (%)")
        layer_ax.set_title("per layer, at the end")
        self.ax_, self.figure_ = np.asarray(axes), loss_ax.figure
        return self
