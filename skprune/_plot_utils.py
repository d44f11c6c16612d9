"""What the Display classes share: matplotlib imported only when a plot is drawn."""

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
