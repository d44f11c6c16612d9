"""Stability selection: any skprune selector or pruner refitted on complementary halves of the
rows, keeping the features it selects often, with a bound on the expected false selections."""

from ._selector import StabilitySelector

__all__ = ["StabilitySelector"]
