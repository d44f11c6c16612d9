"""Bin codes and count tables of a dense table at memory speed: a table lookup per value.

A continuous value's code is 1 + the number of its column's edges below it. Comparing it with
every edge costs a pass per edge, and a binary search a cache miss per step. Here each value
becomes an integer that sorts as the floats do (its bits, the sign folded), and the integers
between a column's first and last edge are cut into at most ``MAX_BUCKETS`` buckets of equal
width. A small table gives each bucket's code; a bucket holding one edge adds one comparison with
it, and the rare values in a bucket holding several edges are searched among those edges only.
The cost per value does not grow with the number of edges.

The table is read in blocks of rows and a few columns, so no temporary is larger than a block,
and the column blocks run in a thread pool (numpy releases the GIL). Counting (bin, class) cells
goes block by block too: a mutual information fit never holds the codes of the whole table.
"""

import numpy as np
from joblib import Parallel, delayed, effective_n_jobs

from ._edges import code_dtype, count_below, flatten

# Values per block of a pass: a block's temporaries (keys, codes, cells) stay in a core's cache.
BLOCK_VALUES = 2**16
# Buckets per column, and columns per block: a block's lookup tables (256 KB of int32 cells, as
# much of edges) stay in a core's cache, and buckets holding several edges are rare.
MAX_BUCKETS = 4096
COLUMN_BLOCK = 16
# Columns whose rows are transposed together (4,096 rows of them: 2 MB of float32).
GROUP_COLUMNS = 128
# Values of the row sample one block of the quantile pass sorts (16 MB of float32).
SORT_BLOCK_VALUES = 2**22


def sortable_keys(block):
    """Integers that sort as the floats of ``block`` do (-0.0 just below +0.0, NaN outside)."""
    kind = np.int32 if block.dtype == np.float32 else np.int64
    bits = block.view(kind)
    keys = bits >> (8 * bits.itemsize - 1)
    keys &= np.iinfo(kind).max  # negative floats: all bits but the sign flipped
    keys ^= bits
    return keys


def search_edges(edges, dtype):
    """The edges a value of ``dtype`` is compared with: ``value > edge`` holds as before.

    A float64 edge becomes the largest float32 at or below it; NaN edges, which no value exceeds,
    are left out; -0.0 becomes +0.0, the key every zero is compared with.
    """
    edges = np.asarray(edges)
    edges = edges[~np.isnan(edges)]
    cast = edges.astype(dtype)
    above = cast > edges
    cast[above] = np.nextafter(cast[above], dtype.type(-np.inf))
    return cast + dtype.type(0.0)


class BlockCoder:
    """The bucket tables and edges of a block of columns, prepared once for all its rows.

    ``edges`` holds each column's edges, or None for a discrete column (its codes come from the
    caller); ``dtype`` is the table's float type. A lookup table maps buckets to
    ``offset[j] + scale * code``: the codes themselves, or count cells (column, code, class).
    """

    def __init__(self, edges, dtype):
        self.dtype = np.dtype(dtype)
        empty = np.empty(0, self.dtype)
        edges = [empty if e is None else search_edges(e, self.dtype) for e in edges]
        self.edges, self.starts = flatten(edges)
        self.edges = self.edges.astype(self.dtype)
        column = np.repeat(np.arange(len(edges)), np.diff(self.starts))
        # Buckets of equal width in value are the cheapest to compute; a block with a column
        # they would not separate (skewed, or of a huge range) takes buckets equal in key.
        self.linear = self._linear_buckets()
        cell = self._edge_cells(column) if self.linear else None
        if cell is None or _shared(cell):
            self.linear = False
            self._key_buckets()
            cell = self._edge_cells(column)
        self.in_bucket = np.bincount(cell, minlength=self.buckets.sum())
        # Per bucket, how many of the column's edges lie in earlier buckets.
        self.before = np.cumsum(self.in_bucket) - self.in_bucket
        self.before -= np.repeat(self.starts[:-1], self.buckets)
        # A bucket's edge, when it holds one: a value above it is one code higher.
        self.bucket_edge = np.full(len(self.in_bucket), np.inf, dtype=self.dtype)
        single = self.in_bucket[cell] == 1
        self.bucket_edge[cell[single]] = self.edges[single]

    def _linear_buckets(self):
        """``value * slope + intercept`` puts a column's first edge in bucket 1, its last in
        MAX_BUCKETS - 2. False when that overflows (then buckets are equal in key)."""
        width = len(self.starts) - 1
        has = np.diff(self.starts) > 0
        lo, hi = np.zeros(width), np.zeros(width)
        lo[has], hi[has] = self.edges[self.starts[:-1][has]], self.edges[self.starts[1:][has] - 1]
        with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
            span = hi - lo
            slope = np.where(span > 0, (MAX_BUCKETS - 3) / span, 1.0).astype(self.dtype)
            slope[~has] = 0
            intercept = 1 - lo.astype(self.dtype) * slope
        buckets = np.where(has, MAX_BUCKETS, 1)
        finite = np.isfinite(slope).all() and np.isfinite(intercept).all()
        if not finite or buckets.sum() >= 2**24:
            return False
        self.buckets = buckets
        # The column's first bucket is added in (whole numbers below 2**24 are exact in float32).
        base = np.concatenate([[0], np.cumsum(self.buckets)[:-1]]).astype(self.dtype)
        intercept += base
        # Per-column constants as (columns, 1): one scalar per contiguous row of a block.
        self.slope, self.intercept = slope[:, None], intercept[:, None]
        self.low, self.high = base[:, None], (base + self.buckets - 1).astype(self.dtype)[:, None]
        return True

    def _key_buckets(self):
        """Buckets of equal width in ``sortable_keys``, values near zero folded together."""
        kind, unsigned = (
            (np.int32, np.uint32) if self.dtype == np.float32 else (np.int64, np.uint64)
        )
        counts = np.diff(self.starts)
        fold = _fold_below(self.edges, self.starts, kind)
        keys = _fold(sortable_keys(self.edges), np.repeat(fold, counts)).astype(np.int64)
        # Bucket 0 holds the values below the first edge, the last one those far above the last.
        has = counts > 0
        lo, hi = np.zeros(len(counts), dtype=np.int64), np.zeros(len(counts), dtype=np.int64)
        lo[has], hi[has] = keys[self.starts[:-1][has]], keys[self.starts[1:][has] - 1]
        shift = _bucket_shift(_minus(hi, lo))
        step = np.left_shift(np.uint64(1), shift).astype(np.int64)
        lo[has] = np.maximum(lo[has] - step[has], np.iinfo(kind).min)
        hi[has] = np.minimum(hi[has] + step[has], np.iinfo(kind).max)
        self.buckets = (_minus(hi, lo) >> shift).astype(np.intp) + 1
        base = np.concatenate([[0], np.cumsum(self.buckets)[:-1]])
        column = (slice(None), None)
        self.fold, self.lo, self.hi = fold[column], lo.astype(kind)[column], hi.astype(kind)[column]
        self.lo_unsigned = self.lo.view(unsigned)
        self.shift, self.base = shift.astype(unsigned)[column], base.astype(unsigned)[column]

    def _edge_cells(self, column):
        """The cell of each edge, by the very operations that place the values."""
        cells = np.empty(len(self.edges), dtype=np.intp)
        for j in np.unique(column).tolist():
            part = slice(self.starts[j], self.starts[j + 1])
            cells[part] = self.cells(self.edges[None, part], slice(j, j + 1))[0]
        return cells

    def cells(self, block, columns=slice(None)):
        """Table index (bucket of the column, counted from the block's first) of each value."""
        if self.linear:
            with np.errstate(over="ignore", invalid="ignore"):  # huge values: to either end
                found = np.multiply(block, self.slope[columns])
                found += self.intercept[columns]
            np.fmax(found, self.low[columns], out=found)  # NaN goes to bucket 0 (then code 0)
            np.fmin(found, self.high[columns], out=found)
            return found.astype(np.intp)
        keys = _fold(sortable_keys(block), self.fold[columns])
        np.maximum(keys, self.lo[columns], out=keys)
        np.minimum(keys, self.hi[columns], out=keys)
        found = keys.view(self.lo_unsigned.dtype)
        found -= self.lo_unsigned[columns]
        found >>= self.shift[columns]
        # Indices as intp: ``take`` would otherwise convert them itself, twice.
        return np.add(
            found, self.base[columns], out=np.empty(found.shape, np.intp), casting="unsafe"
        )

    def table(self, offset, scale, dtype, sentinel):
        """Lookup table of ``offset[j] + scale * code`` of a value at or below the bucket's edge.

        ``sentinel`` marks the buckets holding several edges.
        """
        value = np.repeat(offset, self.buckets) + scale * (1 + self.before)
        return np.where(self.in_bucket > 1, sentinel, value).astype(dtype)

    def lookup(self, block, table, offset, scale, sentinel):
        """``offset[j] + scale * code`` of each value of a (columns, rows) contiguous block."""
        cells = self.cells(block)
        found = table.take(cells)
        above = np.greater(block, self.bucket_edge.take(cells))
        if scale != 1:
            above = above * found.dtype.type(scale)
        found += above
        unsure = np.flatnonzero(found == sentinel)
        if unsure.size:
            column = unsure // block.shape[1]
            code = self._resolve(cells.ravel()[unsure], column, block.ravel()[unsure])
            found.ravel()[unsure] = offset[column] + scale * code
        missing = np.isnan(block)
        if missing.any():
            found[missing] = np.broadcast_to(offset[:, None], block.shape)[missing]
        return found

    def _resolve(self, cell, column, values):
        """Codes of values in buckets holding several edges: counted against those edges only."""
        first = self.starts[column] + self.before[cell]
        below = count_below(self.edges, first, first + self.in_bucket[cell], values)
        return 1 + self.before[cell] + below


def _shared(cells):
    """Whether some bucket holds several edges."""
    return cells.size > 1 and bool((np.diff(np.sort(cells)) == 0).any())


def _fold_below(edges, starts, kind):
    """Per column, the key magnitude below which values are folded onto zero (see ``_fold``).

    An octave below the column's smallest non-zero edge magnitude: the keys of floats near zero
    span every exponent down to the smallest, which data rarely use, and would otherwise take
    most of the buckets.
    """
    magnitude = np.abs(edges)
    magnitude[magnitude == 0] = np.inf
    fold = np.zeros(len(starts) - 1, dtype=kind)
    has = np.diff(starts) > 0
    smallest = np.minimum.reduceat(magnitude, starts[:-1][has]) if has.any() else magnitude[:0]
    finite = np.isfinite(smallest)
    octave = 1 << (23 if kind == np.int32 else 52)
    keys = sortable_keys(smallest[finite].astype(edges.dtype)).astype(np.int64)
    fold[np.flatnonzero(has)[finite]] = np.maximum(keys - octave, 0)
    return fold


def _fold(keys, fold):
    """Keys with every magnitude up to ``fold`` mapped to 0: still in the order of the floats."""
    keys -= np.minimum(np.maximum(keys, -fold), fold)
    return keys


def _minus(a, b):
    """``a - b`` of int64 keys with ``a >= b``, as uint64 (the difference may exceed int64)."""
    return a.view(np.uint64) - b.view(np.uint64)


def _bucket_shift(span):
    """Per column, the smallest shift leaving ``span >> shift`` below MAX_BUCKETS - 2."""
    shift = np.zeros(span.shape, dtype=np.uint64)
    while True:
        wide = (span >> shift) >= MAX_BUCKETS - 2
        if not wide.any():
            return shift
        shift[wide] += np.uint64(1)


def dense_codes(binner, values, n_jobs=None):
    """``Binner.transform`` of a dense table: codes of every value, 0 for NaN."""
    n_rows, n_columns = values.shape
    codes = np.empty((n_rows, n_columns), dtype=code_dtype(binner.n_levels().max()))
    zero = np.zeros(n_columns, dtype=np.intp)

    def fill(columns, rows, found):
        codes[rows, columns] = found.T

    _column_pass(binner, values, zero, 1, codes.dtype, 0, fill, n_jobs)
    return codes


def dense_joint_counts(binner, values, y_codes, n_classes, sample_weight=None, n_jobs=None):
    """``joint_counts`` of ``binner``'s codes of a dense table, never holding them all.

    Each block of values becomes count cells ``(column, code, class)`` and is counted at once.
    """
    n_columns = values.shape[1]
    n_levels = int(binner.n_levels().max())
    cells = n_levels * n_classes
    offset = np.arange(n_columns, dtype=np.intp) * cells
    dtype = np.int32 if n_columns * cells < 2**31 else np.intp
    parts = {}

    def count(columns, rows, found):
        found += y_codes[rows].astype(found.dtype)
        weights = None
        if sample_weight is not None:
            weights = np.broadcast_to(sample_weight[rows], found.shape).ravel()
        counted = np.bincount(found.ravel(), weights, (columns.stop - columns.start) * cells)
        part = parts.setdefault(columns.start, np.zeros(counted.shape))
        part += counted

    _column_pass(binner, values, offset, n_classes, dtype, -1, count, n_jobs)
    table = np.concatenate([parts[start] for start in sorted(parts)])
    return table.reshape(n_columns, n_levels, n_classes)


def _column_pass(binner, values, offset, scale, dtype, sentinel, consume, n_jobs):
    """Look up ``offset[j] + scale * code`` block by block; ``consume(columns, rows, found)``.

    ``found`` has shape (columns, rows) and offsets counted from the block's first column.
    Neighbouring column blocks form a group whose rows are transposed once for all of them; the
    groups run in a thread pool of ``n_jobs``.
    """
    n_rows, n_columns = values.shape
    n_threads = effective_n_jobs(n_jobs)
    blocks = _column_slices(n_columns)
    size = min(GROUP_COLUMNS // COLUMN_BLOCK, -(-len(blocks) // n_threads))
    groups = [blocks[i : i + size] for i in range(0, len(blocks), size)]
    discrete = binner.discrete_

    def prepare(columns):
        given = zip(discrete[columns], binner.edges_[columns], strict=True)
        coder = BlockCoder([None if d else e for d, e in given], values.dtype)
        local = offset[columns] - offset[columns.start]
        levels = np.flatnonzero(discrete[columns]).tolist()
        return columns, coder, local, coder.table(local, scale, dtype, sentinel), levels

    def task(group):
        prepared = [prepare(columns) for columns in group]
        first, last = group[0].start, group[-1].stop
        step = max(1, BLOCK_VALUES // COLUMN_BLOCK)
        for start in range(0, n_rows, step):
            rows = slice(start, min(start + step, n_rows))
            transposed = np.ascontiguousarray(values[rows, first:last].T)
            for columns, coder, local, table, levels in prepared:
                block = transposed[columns.start - first : columns.stop - first]
                found = coder.lookup(block, table, local, scale, sentinel)
                for j in levels:
                    code = binner._level_index(columns.start + j).get_indexer(block[j]) + 1
                    found[j] = local[j] + scale * code
                consume(columns, rows, found)

    Parallel(n_jobs=min(n_threads, len(groups)), prefer="threads")(
        delayed(task)(group) for group in groups
    )


def _column_slices(n_columns):
    """Column blocks of at most COLUMN_BLOCK columns, of even widths."""
    n_blocks = -(-n_columns // COLUMN_BLOCK)
    bounds = np.linspace(0, n_columns, n_blocks + 1).round().astype(int)
    return [slice(a, b) for a, b in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True)]


def dense_quantile_edges(values, n_bins, rows=None, n_jobs=None):
    """``quantile_edges`` (unweighted) of every column of a dense table, by column blocks.

    ``rows`` are the sorted sample rows (``edge_sample_rows``), or None for all. A block of the
    sample's columns is sorted at once, one contiguous row per column, in a thread pool.
    """
    n_columns = values.shape[1]
    n_rows = values.shape[0] if rows is None else len(rows)
    quantiles = np.linspace(0, 1, n_bins + 1)[1:-1]
    width = max(1, SORT_BLOCK_VALUES // max(n_rows, 1))
    blocks = [slice(a, min(a + width, n_columns)) for a in range(0, n_columns, width)]

    def block_edges(columns):
        # One row per column, gathered a few thousand rows at a time, while they are in cache.
        ordered = np.empty((columns.stop - columns.start, n_rows), dtype=values.dtype)
        for start in range(0, n_rows, BLOCK_VALUES // COLUMN_BLOCK):
            part = slice(start, min(start + BLOCK_VALUES // COLUMN_BLOCK, n_rows))
            taken = part if rows is None else rows[part]
            ordered[:, part] = values[taken, columns].T
        ordered.sort(axis=1)  # NaN sorts last
        observed = np.full(len(ordered), n_rows)
        missing = np.flatnonzero(np.isnan(ordered[:, -1]))  # NaN sorts last: rows ending in NaN
        observed[missing] -= np.isnan(ordered[missing]).sum(axis=1)
        position = np.ceil(quantiles * observed[:, None]).astype(np.intp) - 1
        position = np.clip(position, 0, np.maximum(observed - 1, 0)[:, None])
        cut = np.take_along_axis(ordered, position, axis=1)
        new = np.ones(cut.shape, dtype=bool)
        new[:, 1:] = cut[:, 1:] != cut[:, :-1]  # unique: each row is non-decreasing
        return [
            row[keep] if n > 0 else np.empty(0)
            for row, keep, n in zip(cut, new, observed, strict=True)
        ]

    found = Parallel(n_jobs=min(effective_n_jobs(n_jobs), len(blocks)), prefer="threads")(
        delayed(block_edges)(columns) for columns in blocks
    )
    return [edges for block in found for edges in block]
