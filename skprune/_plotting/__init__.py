"""Displays, drawn with matplotlib (the ``plot`` extra): pruning curves, scores, pruning history,
stability paths."""

from ._feature_scores import FeatureScoreDisplay
from ._pruning_curve import PruningCurveDisplay
from ._pruning_history import PruningHistoryDisplay
from ._stability_path import StabilityPathDisplay

__all__ = [
    "FeatureScoreDisplay",
    "PruningCurveDisplay",
    "PruningHistoryDisplay",
    "StabilityPathDisplay",
]
