"""Parameter descriptions shared by several estimators, written once.

A class docstring holds ``{{name}}`` on a line of its own where a fragment goes, indented as the
parameter list; ``Substitution`` fills it in, indenting the fragment's lines to match, as
imbalanced-learn's ``Substitution`` does.
"""

import re

FRAGMENTS = {
    "feature_selection": """\
pruning_rate : float in [0, 1), default=0.5
    Fraction of the features removed: ``floor(pruning_rate * n_features)`` are dropped.
    Ignored when ``k`` or ``threshold`` is given.
k : int, default=None
    Number of features kept; overrides ``pruning_rate``. A ``k`` above the number of features
    keeps them all, with a warning.""",
    "weight_selection": """\
pruning_rate : float in [0, 1), default=0.5
    Fraction of the features removed (of the weights, with ``granularity="weight"``).
    Ignored when ``k`` is given.
k : int, default=None
    Number of features kept (of weights, with ``granularity="weight"``); overrides
    ``pruning_rate``. A ``k`` above their number keeps them all, with a warning.""",
    "score_memory": """\
memory : str, path or joblib.Memory, default=None
    Caches the scores: refitting on the same data with another ``pruning_rate``, ``k`` or
    ``threshold`` (a grid search over them) reloads the scores instead of recomputing them.""",
    "fit_memory": """\
memory : str, path or joblib.Memory, default=None
    Caches the penalised fits: refitting on the same data with another ``pruning_rate``, ``k``
    or ``threshold`` (a grid search over them) reloads the fits already computed instead of
    computing them again.""",
}

_PLACEHOLDER = re.compile(r"^( *)\{\{(\w+)\}\}$", re.MULTILINE)


class Substitution:
    """Class decorator: fill the ``{{name}}`` lines of the docstring from ``FRAGMENTS``."""

    def __init__(self, *names):
        self.names = names

    def __call__(self, obj):
        def fill(match):
            indent, name = match.groups()
            if name not in self.names:
                raise KeyError(f"{obj.__name__}'s docstring asks for {name!r}, not substituted.")
            return "\n".join(indent + line for line in FRAGMENTS[name].splitlines())

        obj.__doc__ = _PLACEHOLDER.sub(fill, obj.__doc__)
        return obj
