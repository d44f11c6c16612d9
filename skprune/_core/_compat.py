"""The few private scikit-learn helpers skprune relies on, gathered in one place.

scikit-learn >= 1.6 is required: it provides ``validate_data`` and ``__sklearn_tags__``.
An upgrade that moves one of these names only has to touch this module; the MLP's private
training code, which only ``MLPPruner`` uses, is reached through ``_mlp/_sklearn_private.py``.
"""

from sklearn.base import _fit_context
from sklearn.utils import _safe_indexing
from sklearn.utils._param_validation import HasMethods, Interval, StrOptions, validate_params
from sklearn.utils.validation import _check_sample_weight, validate_data

__all__ = [
    "HasMethods",
    "Interval",
    "StrOptions",
    "_check_sample_weight",
    "_safe_indexing",
    "_fit_context",
    "validate_data",
    "validate_params",
]
