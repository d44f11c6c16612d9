"""The input contract shared by every skprune estimator.

One place decides how a table becomes numbers: which columns are discrete, how categories are
encoded, what a missing value is, and which inputs are refused with which message.

- pandas ``category``/``object``/``string``/``bool`` columns are *categorical*: encoded as
  integer codes, unordered.
- integer columns (numpy or pandas nullable) with at most ``MAX_DISCRETE_LEVELS`` distinct values
  are *discrete*: kept as numbers, each value its own level.
- every other numeric column is *continuous*.
- NaN / ``pd.NA`` / ``None`` is a missing value and stays NaN; ``inf`` is refused with the
  column named.

The input is never modified: encoding works on copies or read-only views.
"""

from dataclasses import dataclass
from numbers import Integral

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.utils import check_array
from sklearn.utils.multiclass import type_of_target

from ._compat import validate_data
from ._sparse_columns import distinct_counts

MAX_DISCRETE_LEVELS = 32
# The data arguments of the public score functions (``mutual_info_scores``, ``gini_scores``).
SCORE_DATA_CONSTRAINTS = {
    "X": ["array-like", "sparse matrix"],
    "y": ["array-like"],
    "sample_weight": ["array-like", None],
}
# Column blocks keep temporaries (inf checks, bin codes, count indices) small next to the input.
BLOCK_BYTES = 16 * 2**20


@dataclass
class Features:
    """A numeric view of X plus what kind of variable each column is."""

    values: np.ndarray  # (n_samples, n_features) float, NaN = missing; or a CSC matrix
    discrete: np.ndarray  # bool per column: levels are counted as they are, not binned
    categorical: np.ndarray  # bool per column: levels have no order (subset of ``discrete``)
    names: np.ndarray  # column names for messages
    categories: list | None = None  # per column: pd.Index of a categorical column's values


def is_pandas_df(X):
    return isinstance(X, pd.DataFrame)


def is_polars_df(X):
    return type(X).__module__.startswith("polars") and hasattr(X, "schema")


def is_dask_collection(X):
    """A dask array or DataFrame: recognised without importing dask."""
    return type(X).__module__.partition(".")[0] == "dask" and hasattr(X, "dask")


def is_dataframe(X):
    return is_pandas_df(X) or is_polars_df(X)


def column_blocks(n_rows, n_cols, itemsize=8):
    """Slices of columns such that one block of ``n_rows`` rows holds about BLOCK_BYTES."""
    width = max(1, BLOCK_BYTES // max(1, n_rows * itemsize))
    for start in range(0, n_cols, width):
        yield slice(start, min(start + width, n_cols))


def dense_block(values, cols):
    """Columns ``cols`` of ``values`` as a dense array (a view when already dense)."""
    block = values[:, cols]
    return block.toarray() if sp.issparse(block) else block


def validate_features(estimator, X, *, discrete_features="auto", reset=True, categories=None):
    """Validate X (for ``estimator``: feature names, ``n_features_in_``) and encode it.

    DataFrames keep their column kinds; arrays and sparse matrices must be numeric. With
    ``estimator=None`` (the public score functions) only the data is checked.
    """
    if is_dataframe(X):
        if estimator is not None:
            validate_data(estimator, X, skip_check_array=True, reset=reset)
        X = X.to_pandas() if is_polars_df(X) else X
        return encode_dataframe(X, discrete_features, categories)
    # Infinity is looked for afterwards, to name the column that holds it.
    check = dict(accept_sparse="csc", dtype="numeric", ensure_all_finite=False)
    if estimator is None:
        X = check_array(X, input_name="X", **check)
    else:
        X = validate_data(estimator, X, reset=reset, **check)
    return encode_array(X, discrete_features)


def validate_numeric(estimator, X, *, reset=True, model="a linear model"):
    """Validate X for a model that needs finite numbers (the linear pruners, the network pruner).

    Returns a float array (float32 stays float32: the standardised copy the pruners fit on is
    their only float64 copy), or a CSR/CSC matrix for sparse input. DataFrames must have
    numeric (or bool) columns only; the others are named in the error. NaN and inf are refused
    with the column named and an imputer suggested.
    """
    who = type(estimator).__name__
    if is_dataframe(X):
        validate_data(estimator, X, skip_check_array=True, reset=reset)
        X = X.to_pandas() if is_polars_df(X) else X
        if X.shape[0] == 0 or X.shape[1] == 0:
            raise ValueError(
                f"X is empty (shape {X.shape}); at least one row and column are needed."
            )
        if reset and X.shape[0] < 2:
            raise ValueError(f"{who} needs at least 2 samples to fit; got n_samples=1.")
        names = np.asarray(X.columns.astype(str), dtype=object)
        for name, dtype in zip(names, X.dtypes, strict=True):
            check_not_complex(name, dtype)
        bad = [
            f"{name!r} ({dtype})"
            for name, dtype in zip(names, X.dtypes, strict=True)
            if isinstance(dtype, pd.CategoricalDtype) or not pd.api.types.is_numeric_dtype(dtype)
        ]
        if bad:
            raise TypeError(
                f"{who} fits {model} and needs numeric columns; column(s) "
                f"{', '.join(bad)} of X are not numeric. Encode them first, e.g. with "
                "sklearn.preprocessing.OneHotEncoder."
            )
        dtype = np.float32 if (X.dtypes == np.float32).all() else np.float64
        values = X.to_numpy(dtype=dtype, na_value=np.nan)
    else:
        values = validate_data(
            estimator,
            X,
            accept_sparse=("csr", "csc"),
            dtype=(np.float64, np.float32),
            ensure_all_finite=False,
            ensure_min_samples=2 if reset else 1,
            reset=reset,
        )
        names = None
    check_finite(values, names, who, model)
    return values


def check_finite(values, names, who, model="a linear model"):
    """Refuse NaN or infinity in X, naming the first column that holds one and ``who`` fits."""
    bad = None
    if sp.issparse(values):
        if not np.isfinite(values.data).all():
            csc = values.tocsc()
            entry = np.flatnonzero(~np.isfinite(csc.data))[0]
            bad = (np.searchsorted(csc.indptr, entry, "right") - 1, csc.data[entry])
    else:
        for block in column_blocks(*values.shape, itemsize=1):
            columns = np.flatnonzero(~np.isfinite(values[:, block]).all(axis=0))
            if columns.size:
                column = block.start + columns[0]
                bad = (column, values[~np.isfinite(values[:, column]), column][0])
                break
    if bad is None:
        return
    column, value = bad
    name = names[column] if names is not None else f"x{column}"
    kind = "NaN" if np.isnan(value) else "infinity"
    raise ValueError(
        f"Input X contains {kind} in column {name!r}. {who} fits {model}, which cannot "
        "take missing or infinite values: impute them first (e.g. with "
        "sklearn.impute.SimpleImputer in a Pipeline) or drop those rows."
    )


def encode_array(X, discrete_features="auto"):
    """Encode a validated numeric array or sparse matrix."""
    names = np.array([f"x{j}" for j in range(X.shape[1])], dtype=object)
    integer = np.issubdtype(X.dtype, np.integer) or X.dtype == bool
    if X.dtype not in (np.float32, np.float64):
        X = X.astype(np.float64)
    if sp.issparse(X):
        X = X.tocsc()
    check_no_inf(X, names)
    auto = np.zeros(X.shape[1], dtype=bool)
    if integer and sp.issparse(X):
        auto = distinct_counts(X) <= MAX_DISCRETE_LEVELS
    elif integer:
        auto = np.array([_few_levels(dense_block(X, j)) for j in range(X.shape[1])])
    discrete = resolve_discrete(discrete_features, auto, np.zeros_like(auto), names)
    return Features(X, discrete, np.zeros_like(discrete), names)


def encode_dataframe(df, discrete_features="auto", categories=None):
    """Encode a pandas DataFrame column by column, keeping float32 where every column is.

    Categorical columns become codes into ``Features.categories`` (one ``pd.Index`` of the values
    seen, per column). Passing the categories of an earlier chunk keeps codes stable across chunks;
    values not seen before are appended.
    """
    if df.shape[0] == 0 or df.shape[1] == 0:
        raise ValueError(f"X is empty (shape {df.shape}); at least one row and column are needed.")
    names = np.asarray(df.columns.astype(str), dtype=object)
    categories = list(categories) if categories is not None else [None] * df.shape[1]
    columns, categorical, auto = [], [], []
    for j, (name, column) in enumerate(df.items()):
        if _is_categorical(column.dtype):
            encoded, categories[j] = _category_codes(column, categories[j])
            columns.append(encoded)
            categorical.append(True)
            auto.append(True)
            continue
        encoded, is_discrete = _numeric_column(name, column)
        columns.append(encoded)
        categorical.append(False)
        auto.append(is_discrete)
    dtype = np.float32 if all(c.dtype == np.float32 for c in columns) else np.float64
    values = np.empty(df.shape, dtype=dtype)
    for j, column in enumerate(columns):
        values[:, j] = column
    check_no_inf(values, names)
    categorical = np.array(categorical, dtype=bool)
    discrete = resolve_discrete(discrete_features, np.array(auto), categorical, names)
    return Features(values, discrete, categorical, names, categories)


def _is_categorical(dtype):
    return (
        isinstance(dtype, pd.CategoricalDtype)
        or pd.api.types.is_bool_dtype(dtype)
        or pd.api.types.is_object_dtype(dtype)
        or pd.api.types.is_string_dtype(dtype)
    )


def _category_codes(column, known):
    """Codes (float, NaN = missing) of a categorical column into ``known``, extended as needed."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        levels, codes = column.cat.categories, column.cat.codes.to_numpy()
    else:
        codes, levels = pd.factorize(column, use_na_sentinel=True)
    levels = pd.Index(levels, dtype=object)
    known = levels if known is None else known.append(levels.difference(known, sort=False))
    position = known.get_indexer(levels).astype(np.float64)
    encoded = np.full(codes.shape[0], np.nan)
    present = codes >= 0
    encoded[present] = position[codes[present]]
    return encoded, known


def _numeric_column(name, column):
    """(float values with NaN, is discrete by the 'auto' rule) for a numeric column."""
    dtype = column.dtype
    check_not_complex(name, dtype)
    if not pd.api.types.is_numeric_dtype(dtype):
        raise TypeError(
            f"Column {name!r} of X has dtype {dtype}, which skprune cannot score; convert it to "
            "a number or a category."
        )
    target = np.float32 if dtype == np.float32 else np.float64
    values = column.to_numpy(dtype=target, na_value=np.nan)
    return values, pd.api.types.is_integer_dtype(dtype) and _few_levels(values)


def check_not_complex(name, dtype):
    """Refuse a complex column, as a complex array is refused, rather than drop its imaginary part.

    pandas counts complex dtypes as numeric, and casting them to float only warns.
    """
    if pd.api.types.is_complex_dtype(dtype):
        raise ValueError(
            f"Column {name!r} of X holds complex numbers (dtype {dtype}): complex data is not "
            "supported. Split it into its real and imaginary parts (or take its modulus) first."
        )


def _few_levels(values):
    values = values[~np.isnan(values)]
    return np.unique(values).size <= MAX_DISCRETE_LEVELS


def check_no_inf(values, names):
    """Refuse infinity in X (NaN is a missing value), naming the first column that holds one."""
    if sp.issparse(values):
        entries = np.flatnonzero(np.isinf(values.data))
        bad = None if entries.size == 0 else np.searchsorted(values.indptr, entries[0], "right") - 1
    else:
        bad = None
        for block in column_blocks(*values.shape, itemsize=1) if _has_inf(values) else ():
            columns = np.flatnonzero(np.isinf(values[:, block]).any(axis=0))
            if columns.size:
                bad = block.start + columns[0]
                break
    if bad is not None:
        raise ValueError(
            f"Input X contains infinity in column {names[bad]!r}. Missing values may be NaN; "
            "infinite values must be removed or replaced."
        )


def _has_inf(values):
    """Whether a dense array holds infinity, read in blocks along its memory order."""
    if values.flags.f_contiguous and not values.flags.c_contiguous:
        values = values.T
    step = max(1, 2**20 // max(1, values[0].size)) if values.shape[0] else 1
    return any(np.isinf(values[a : a + step]).any() for a in range(0, values.shape[0], step))


def resolve_discrete(discrete_features, auto, categorical, names):
    """The discrete mask from the user's ``discrete_features`` and the 'auto' rule."""
    n = len(names)
    if isinstance(discrete_features, str):
        mask = auto | categorical
    elif isinstance(discrete_features, (bool, np.bool_)):
        mask = np.full(n, bool(discrete_features))
    else:
        given = np.asarray(discrete_features)
        if given.dtype == bool:
            if given.shape != (n,):
                raise ValueError(
                    f"discrete_features is a boolean mask of length {given.size}, but X has {n} "
                    "columns."
                )
            mask = given.copy()
        elif given.ndim == 1 and all(isinstance(i, Integral) for i in given.tolist()):
            if given.size and (given.min() < -n or given.max() >= n):
                raise ValueError(
                    f"discrete_features holds column indices out of range for X's {n} columns: "
                    f"{given.tolist()}."
                )
            mask = np.zeros(n, dtype=bool)
            mask[given] = True
        else:
            raise ValueError(
                "discrete_features must be 'auto', a bool, a boolean mask or a list of column "
                f"indices; got {discrete_features!r}."
            )
    continuous_categorical = categorical & ~mask
    if continuous_categorical.any():
        name = names[np.flatnonzero(continuous_categorical)[0]]
        raise ValueError(
            f"Column {name!r} of X is categorical and cannot be treated as continuous; mark it "
            "discrete in discrete_features."
        )
    return mask


def check_target(
    y, n_samples, task="auto", allow_single=False, multi_output=False, squared_by=None
):
    """Validate the target and resolve the task.

    Returns ``(y, task, classes)``: for classification ``y`` holds class indices into ``classes``;
    for regression it is a float array and ``classes`` is None. With ``multi_output``, a 2-D
    ``y`` of several columns is accepted as a multi-output regression target. ``squared_by``
    names an estimator that sums squares of a regression target (variances, squared errors):
    a target whose sum of squares overflows float64 is then refused.
    """
    if y is None:
        refuse_missing_target()
    y = np.asarray(y.to_numpy() if hasattr(y, "to_numpy") else y)
    if y.ndim == 2 and y.shape[1] == 1:
        y = y.ravel()
    if multi_output and y.ndim == 2:
        return _check_squares(_check_multi_output(y, n_samples, task, allow_single), squared_by)
    if y.ndim != 1:
        raise ValueError(f"y must be one-dimensional; got shape {y.shape}.")
    if y.shape[0] != n_samples:
        raise ValueError(f"X has {n_samples} rows but y has {y.shape[0]}; they must match.")
    if pd.isna(y).any():
        raise ValueError("y contains missing values; remove or impute them first.")
    if task == "auto":
        # Integer and bool labels are classes: no need for type_of_target's pass over unique values.
        kind = "multiclass" if y.dtype.kind in "biu" else target_type(y)
        if kind in ("binary", "multiclass"):
            task = "classification"
        elif kind == "continuous":
            task = "regression"
        else:
            raise ValueError(
                f"Unknown label type: y of type {kind!r} is not supported (one target column of "
                "class labels or real values is)."
            )
    if task == "classification":
        classes, y = _class_indices(y)
        if not allow_single:
            check_two_classes(classes)
        return y.astype(np.intp), task, classes
    try:
        y = y.astype(np.float64)
    except (TypeError, ValueError) as error:
        raise ValueError(f"y must be numeric for task='regression': {error}") from None
    if not np.isfinite(y).all():
        raise ValueError("y contains infinity; it must be finite.")
    if not allow_single:
        check_not_constant(y.min(), y.max())
    return _check_squares((y, task, None), squared_by)


def _class_indices(y):
    """``np.unique(y, return_inverse=True)``: by counting when y holds integers of a small range.

    Counting costs a pass over y; sorting it (``np.unique``) several.
    """
    if y.dtype.kind in "iu" and y.size:
        low = y.min()
        width = int(y.max()) - int(low) + 1
        if width <= max(y.size, 256):
            offset = (y - low).astype(np.intp, copy=False)
            present = np.bincount(offset, minlength=width) > 0
            classes = (np.flatnonzero(present) + low).astype(y.dtype)
            if present.all():  # classes 0, 1, ... from the lowest: the offsets are the indices
                return classes, offset
            return classes, (np.cumsum(present) - 1)[offset]
    return np.unique(y, return_inverse=True)


def refuse_missing_target():
    """The error for a missing target (y=None)."""
    raise ValueError(
        "This estimator requires y to be passed, but the target y is None: skprune scores "
        "features against a target."
    )


def check_two_classes(classes):
    """Refuse a classification target of a single class."""
    if len(classes) < 2:
        raise ValueError(
            "y has a single value (one class); at least two classes are needed to score features."
        )


def check_not_constant(low, high):
    """Refuse a regression target whose smallest and largest values are equal."""
    if low == high:
        raise ValueError("y has a single value; a constant target carries no information.")


def _check_squares(checked, squared_by):
    y = checked[0]
    if squared_by is None or checked[1] != "regression":
        return checked
    # A margin of 4 for centring and weights.
    limit = np.sqrt(np.finfo(np.float64).max / y.shape[0]) / 4
    largest = np.abs(y).max()
    if largest > limit:
        raise ValueError(
            f"y holds values as large as {largest:.3g}, whose sum of squares overflows float64 "
            f"(the limit for {y.shape[0]} rows is {limit:.3g}): {squared_by} sums squares of a "
            "regression target. Rescale y, e.g. divide it by its standard deviation."
        )
    return checked


def target_type(y):
    """scikit-learn's ``type_of_target`` of y, without its cast warning on huge values.

    It casts y to int64 to see whether y holds whole numbers; values beyond int64's range (1e300)
    are simply not whole numbers, not a reason to warn.
    """
    with np.errstate(invalid="ignore", over="ignore"):
        return type_of_target(y, input_name="y")


def _check_multi_output(y, n_samples, task, allow_single):
    """A 2-D target of several columns: multi-output regression only."""
    if y.shape[0] != n_samples:
        raise ValueError(f"X has {n_samples} rows but y has {y.shape[0]}; they must match.")
    kind = target_type(y)
    if task == "classification" or (task == "auto" and kind != "continuous-multioutput"):
        raise ValueError(
            f"y of type {kind!r} with {y.shape[1]} columns is not supported: a 2-D y is taken as "
            "a multi-output regression target (set task='regression'); classification needs one "
            "column of class labels."
        )
    try:
        y = y.astype(np.float64)
    except (TypeError, ValueError) as error:
        raise ValueError(f"y must be numeric for task='regression': {error}") from None
    if not np.isfinite(y).all():
        raise ValueError("y contains NaN or infinity; it must be finite.")
    if np.ptp(y, axis=0).max() == 0 and not allow_single:
        raise ValueError(
            "y has a single value in every column; a constant target carries no information."
        )
    return y, "regression", None
