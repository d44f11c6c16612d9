"""hypothesis strategies for the tables and targets a selector meets in the wild.

Hypothesis draws the structure (shape, column kinds, which columns are constant, duplicated,
extreme or missing values, the kind of target); the values themselves come from a NumPy generator
seeded by a drawn integer, which keeps examples cheap to generate.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd
from hypothesis import strategies as st

NUMPY_KINDS = ("float64", "float32", "int64", "bool")
NULLABLE_KINDS = ("Int64", "boolean", "Float64")
CATEGORICAL_KINDS = ("category", "string")
SCORABLE_KINDS = NUMPY_KINDS + NULLABLE_KINDS + CATEGORICAL_KINDS
# Complex columns are drawn too: every estimator must refuse them, naming the column.
ALL_KINDS = SCORABLE_KINDS + ("complex128",)
FLOAT_KINDS = ("float64", "float32")
# Kinds that can hold a missing value.
MISSABLE = {"float64", "float32", "Float64", "Int64", "boolean", "category", "string"}

PATTERNS = (
    "random", "random", "few_levels", "constant", "duplicate", "huge", "tiny",
    # Categories with a level per row (an identifier) or per two rows; numbers as "random".
    "identifier", "many_levels",
)  # fmt: skip
# Extreme magnitudes a column of each float width can hold with room to spare.
HUGE = {"float64": 1e300, "float32": 1e34, "Float64": 1e300}
TINY = {"float64": 1e-300, "float32": 1e-34, "Float64": 1e-300}


@dataclass
class Table:
    """A generated X: a DataFrame, or a NumPy array when every column has one NumPy dtype."""

    X: object
    kinds: list

    @property
    def shape(self):
        return self.X.shape


def _column(kind, pattern, n_rows, rng, missing):
    """One column of ``kind`` with the given value ``pattern`` and missing-value mask."""
    base = rng.standard_normal(n_rows)
    if pattern == "few_levels":
        base = rng.integers(0, 3, n_rows).astype(np.float64)
    elif pattern == "constant":
        base = np.full(n_rows, rng.standard_normal())
    if kind == "complex128":
        return base * np.exp(1j * rng.standard_normal(n_rows))
    if kind in FLOAT_KINDS or kind == "Float64":
        values = base * {"huge": HUGE, "tiny": TINY}.get(pattern, {}).get(kind, 1.0)
        values = values.astype(np.float32 if kind == "float32" else np.float64)
        if kind == "Float64":
            return _with_missing(values, kind, missing)
        values[missing] = np.nan
        return values
    if kind in ("int64", "Int64"):
        scale = {"huge": 2.0**61, "few_levels": 1.0}.get(pattern, 100.0)
        values = np.round(base * scale).astype(np.int64)
        if kind == "int64":
            return values
        return _with_missing(values, kind, missing)
    if kind in ("bool", "boolean"):
        values = base > 0
        if kind == "bool":
            return values
        return _with_missing(values, kind, missing)
    labels = np.array(["low", "mid", "high", "top"], dtype=object)[
        np.digitize(base, [-0.7, 0.0, 0.7])
    ]
    if pattern == "random":
        labels = np.array([f"v{int(v * 10)}" for v in base], dtype=object)
    elif pattern in ("identifier", "many_levels"):
        n_levels = n_rows if pattern == "identifier" else max(1, n_rows // 2)
        drawn = rng.permutation(n_rows) % n_levels
        labels = np.array([f"id{v:05d}" for v in drawn], dtype=object)
    return _with_missing(labels, kind, missing)


def _with_missing(values, dtype, missing):
    """A pandas array of ``dtype`` with a missing value where ``missing`` is True."""
    return pd.Series(values, dtype=dtype).where(~missing).array


@st.composite
def tables(draw, kinds=ALL_KINDS, patterns=PATTERNS, nan=True, max_rows=40, max_cols=8):
    """X from 2 rows x 1 column up to p >> n (a few rows, many columns)."""
    if draw(st.booleans()):
        n_rows = draw(st.integers(2, max_rows))
        n_cols = draw(st.integers(1, max_cols))
    else:  # p >> n
        n_rows = draw(st.integers(2, 6))
        n_cols = draw(st.integers(10, 60))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    # One kind and one missing rate for the whole table, or one per column.
    mixed = draw(st.booleans())
    table_kind = draw(st.sampled_from(kinds))
    rates = (0.0, 0.1, 0.5, 1.0) if nan else (0.0,)
    table_rate = draw(st.sampled_from(rates))
    columns, column_kinds = {}, []
    for j in range(n_cols):
        kind = draw(st.sampled_from(kinds)) if mixed else table_kind
        pattern = (
            draw(st.sampled_from(patterns))
            if j
            else draw(st.sampled_from([p for p in patterns if p != "duplicate"]))
        )
        if pattern == "duplicate":
            source = draw(st.integers(0, j - 1))
            columns[f"c{j}"] = columns[f"c{source}"].copy()
            column_kinds.append(column_kinds[source])
            continue
        rate = draw(st.sampled_from(rates)) if mixed else table_rate
        missing = rng.random(n_rows) < rate if kind in MISSABLE else np.zeros(n_rows, bool)
        columns[f"c{j}"] = _column(kind, pattern, n_rows, rng, missing)
        column_kinds.append(kind)
    frame = pd.DataFrame(columns)
    one_numpy_dtype = len(set(column_kinds)) == 1 and column_kinds[0] in NUMPY_KINDS
    if one_numpy_dtype and draw(st.booleans()):
        return Table(frame.to_numpy(), column_kinds)
    return Table(frame, column_kinds)


TARGET_KINDS = ("binary", "multiclass", "labels", "one_class", "every_row", "regression", "huge")


@st.composite
def targets(draw, n_rows, kinds=TARGET_KINDS):
    """y for ``n_rows`` rows: one class to one class per row, labels, or real values."""
    kind = draw(st.sampled_from(kinds))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    if kind in ("regression", "huge"):
        y = rng.standard_normal(n_rows) * (1e300 if kind == "huge" else 1.0)
    elif kind == "one_class":
        y = np.zeros(n_rows, dtype=np.int64)
    elif kind == "every_row":
        y = rng.permutation(n_rows)
    else:
        n_classes = 2 if kind == "binary" else draw(st.integers(2, 5))
        y = rng.integers(0, n_classes, n_rows)
        # Every class present at least once when there are rows enough.
        y[: min(n_classes, n_rows)] = np.arange(min(n_classes, n_rows))
        if kind == "labels":
            y = np.array(["cat", "dog", "eel", "fox", "gnu"], dtype=object)[y]
    if draw(st.booleans()):
        return pd.Series(y, name="target")
    return y


@st.composite
def problems(draw, kinds=ALL_KINDS, patterns=PATTERNS, nan=True, target_kinds=TARGET_KINDS):
    """(Table, y)."""
    table = draw(tables(kinds=kinds, patterns=patterns, nan=nan))
    return table, draw(targets(table.shape[0], kinds=target_kinds))
