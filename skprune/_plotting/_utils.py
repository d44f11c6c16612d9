"""What the Display classes share: matplotlib imported only when a plot is drawn."""

from sklearn.utils.validation import check_is_fitted

PLOT_EXTRA = 'pip install "skprune[plot]"'


def pyplot(caller):
    """``matplotlib.pyplot``, or an ImportError telling how to install it."""
    try:
        import matplotlib.pyplot as plt
    except ImportError as error:
        raise ImportError(f"{caller} needs matplotlib; install it with: {PLOT_EXTRA}") from error
    return plt


def axes(ax, caller):
    """``(ax, figure)``: the given axes, or new ones."""
    if ax is None:
        _, ax = pyplot(caller).subplots()
    return ax, ax.figure


def check_fitted_with(estimator, attribute, needs):
    """A ValueError unless ``estimator`` is fitted and has ``attribute`` (``needs``: what is)."""
    check_is_fitted(estimator)
    if not hasattr(estimator, attribute):
        raise ValueError(f"{type(estimator).__name__} has no {attribute}; {needs}.")
