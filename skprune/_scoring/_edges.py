"""Sorted values of many columns (bin edges, discrete levels) in one flat array, searched at once.

Column j's values are ``values[starts[j]:starts[j + 1]]``, ascending. ``count_below`` is a binary
search vectorised over the elements searched for, so its cost does not grow with the number of
columns, and grows with the number of edges as its logarithm only.
"""

import numpy as np


def code_dtype(n_levels):
    """The smallest integer type holding codes ``0 .. n_levels - 1``."""
    for dtype in (np.uint8, np.uint16):
        if n_levels <= np.iinfo(dtype).max + 1:
            return dtype
    return np.int32


def flatten(arrays):
    """``(values, starts)`` of a list of sorted 1-d arrays (None counts as empty)."""
    lengths = np.array([0 if a is None else len(a) for a in arrays], dtype=np.intp)
    starts = np.zeros(len(arrays) + 1, dtype=np.intp)
    np.cumsum(lengths, out=starts[1:])
    parts = [a for a in arrays if a is not None and len(a)]
    values = np.concatenate(parts) if parts else np.empty(0)
    return values, starts


def split(values, starts):
    """The per-column arrays (views) of a flat ``(values, starts)``."""
    return [values[a:b] for a, b in zip(starts[:-1].tolist(), starts[1:].tolist(), strict=True)]


def count_below(values, lo, hi, x):
    """Per element of ``x``, how many of ``values[lo:hi]`` (a sorted run) are smaller.

    ``lo``, ``hi`` and ``x`` are arrays of one shape (or broadcast to it): each element is looked
    up in its own run, as ``np.searchsorted(run, x, side="left")`` would. A NaN has none below.
    """
    shape = np.broadcast_shapes(np.shape(lo), np.shape(hi), np.shape(x))
    start = np.broadcast_to(lo, shape)
    lo, hi = start.astype(np.intp), np.broadcast_to(hi, shape).astype(np.intp)
    widest = int((hi - lo).max(initial=0))
    for _ in range(widest.bit_length()):
        active = lo < hi
        mid = (lo + hi) >> 1
        below = values.take(mid, mode="clip") < x
        np.copyto(lo, mid + 1, where=active & below)
        np.copyto(hi, mid, where=active & ~below)
    return lo - start
