"""Equal-frequency binning and count tables: the plug-in (histogram) estimators' raw material.

Every column becomes small integer codes. Code 0 is reserved for a missing value in every column, so
that NaN is a level of its own and codes stay stable when later chunks bring new levels
(``partial_fit``). Continuous columns get codes 1..B from equal-frequency bins; discrete columns get
one code per distinct value.
"""

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.special import entr

from .._core._input import column_blocks, dense_block
from ._dense_codes import dense_codes, dense_joint_counts, dense_quantile_edges

# Quantiles of more rows than this are taken on a fixed-seed random sample of this many rows: bin
# edges barely move past it, and sorting every row would dominate the cost of a fit.
EDGE_SAMPLE_ROWS = 200_000
# Count tables are built a few columns at a time so that one block's table stays near 32 MB.
MAX_TABLE_CELLS = 2**22


def auto_n_bins(n_samples):
    """The ``n_bins="auto"`` rule: ceil(n_samples ** (1/3)), between 2 and 128.

    With sample weights, ``n_samples`` is their sum (weights count repetitions). The cube root
    keeps the expected count per cell of a (bins x bins) joint table growing with n_samples,
    which bounds the plug-in estimator's upward bias.
    """
    return int(np.clip(np.ceil(n_samples ** (1 / 3)), 2, 128))


def edge_sample_rows(n_samples):
    """The sorted rows whose quantiles make the bin edges of a taller table, or None for all rows.

    A fixed seed makes the sample depend on ``n_samples`` only, so a table read chunk by chunk
    (``_scoring._dask``) gets exactly the edges of the same table in memory.
    """
    if n_samples <= EDGE_SAMPLE_ROWS:
        return None
    return np.sort(np.random.default_rng(0).choice(n_samples, EDGE_SAMPLE_ROWS, replace=False))


def quantile_edges(values, n_bins, sample_weight=None):
    """Interior edges of ``n_bins`` equal-frequency bins of each column of a dense block.

    With ``sample_weight`` the bins hold equal weight (a weight of 2 counts as a repeated row).
    Returns a list with one sorted array of unique edges per column (fewer edges when values tie).
    """
    rows = edge_sample_rows(values.shape[0])
    if rows is not None:
        values = values[rows]
        sample_weight = None if sample_weight is None else sample_weight[rows]
    quantiles = np.linspace(0, 1, n_bins + 1)[1:-1]
    edges = []
    for column in values.T:
        if sample_weight is None:
            ordered = np.sort(column)  # NaN sorts last
            n_observed = np.searchsorted(ordered, np.nan)
            edges.append(np.unique(_inverted_cdf(ordered[:n_observed], quantiles)))
        else:
            observed = ~np.isnan(column)
            cut = _inverted_cdf(column[observed], quantiles, sample_weight[observed])
            edges.append(np.unique(cut))
    return edges


def _inverted_cdf(values, quantiles, weights=None):
    """The smallest observed values whose (weighted) cumulative share reaches each quantile.

    ``values`` are sorted when no weights are given. Observed values as edges, with
    "value <= edge" bins when coding, put each tied value wholly in one bin. Unit weights give
    the same edges as no weights: a weight counts as repeated rows.
    """
    if values.size == 0:
        return np.empty(0)
    if weights is None:
        position = np.ceil(quantiles * values.size).astype(np.intp) - 1
        return values[np.clip(position, 0, values.size - 1)]
    order = np.argsort(values, kind="stable")
    cumulative = np.cumsum(weights[order])
    if cumulative[-1] <= 0:
        return np.empty(0)
    position = np.searchsorted(cumulative, quantiles * cumulative[-1], side="left")
    return values[order][np.minimum(position, values.size - 1)]


class Binner:
    """Learns per column bin edges (continuous) or levels (discrete); turns columns into codes.

    Parameters
    ----------
    n_bins : int
        Number of equal-frequency bins of a continuous column.
    edges : list or None
        User-given interior edges, one entry per column (ignored for discrete columns).
    n_jobs : int or None
        Threads over column blocks of a dense table (``_dense_codes``).
    """

    def __init__(self, n_bins, edges=None, n_jobs=None):
        self.n_bins = n_bins
        self.edges = edges
        self.n_jobs = n_jobs

    def fit(self, features, sample_weight=None):
        values, discrete = features.values, features.discrete
        self.discrete_ = discrete
        if sp.issparse(values):
            from ._sparse import fit_sparse

            return fit_sparse(self, values, sample_weight, edge_sample_rows(values.shape[0]))
        self.edges_ = [None] * values.shape[1]
        self.levels_ = [None] * values.shape[1]
        quantiles = None
        if sample_weight is None:
            rows = edge_sample_rows(values.shape[0])
            quantiles = dense_quantile_edges(values, self.n_bins, rows, self.n_jobs)
        for block in column_blocks(*values.shape):
            data = dense_block(values, block)
            if quantiles is None:
                found = quantile_edges(data, self.n_bins, sample_weight)
            else:
                found = quantiles[block]
            if self.edges is not None:
                # A user's edges replace the quantiles; a None entry keeps them.
                given = self.edges[block]
                found = [
                    q if e is None else np.unique(np.asarray(e, dtype=np.float64))
                    for q, e in zip(found, given, strict=True)
                ]
            for offset, column in enumerate(data.T):
                j = block.start + offset
                if discrete[j]:
                    self.levels_[j] = pd.Index(np.unique(column[~np.isnan(column)]))
                else:
                    self.edges_[j] = found[offset]
        return self

    def n_levels(self):
        """Number of codes of each column, the missing-value code 0 included."""
        levels = np.array([0 if v is None else len(v) for v in self.levels_], dtype=np.intp)
        edges = np.array([0 if e is None else len(e) for e in self.edges_], dtype=np.intp)
        return np.where(self.discrete_, levels + 1, edges + 2)

    def transform(self, features, *, grow=False):
        """Codes of every column; ``grow=True`` first adds unseen discrete values as new levels."""
        values = features.values
        if sp.issparse(values):
            from ._sparse import sparse_codes

            return sparse_codes(self, values, grow)
        if grow:
            self._grow_levels(values)
        return dense_codes(self, values, self.n_jobs)

    def joint_counts(self, features, y_codes, n_classes, sample_weight=None):
        """``joint_counts`` of the codes of ``features``, without holding those of a dense table."""
        values = features.values
        if sp.issparse(values):
            codes = self.transform(features)
            return joint_counts(codes, self.n_levels().max(), y_codes, n_classes, sample_weight)
        return dense_joint_counts(self, values, y_codes, n_classes, sample_weight, self.n_jobs)

    def _level_index(self, j):
        """The levels of column j as a pd.Index (a sparse fit keeps them as sorted arrays)."""
        if not isinstance(self.levels_[j], pd.Index):
            self.levels_[j] = pd.Index(self.levels_[j])
        return self.levels_[j]

    def _grow_levels(self, values):
        for j in np.flatnonzero(self.discrete_):
            column = np.ravel(dense_block(values, slice(j, j + 1)))
            unseen = (self._level_index(j).get_indexer(column) < 0) & ~np.isnan(column)
            if unseen.any():
                self.levels_[j] = self.levels_[j].append(pd.Index(np.unique(column[unseen])))


def target_codes(y, n_bins, sample_weight=None):
    """Equal-frequency codes of a continuous target, and their edges."""
    edges = quantile_edges(y.reshape(-1, 1), n_bins, sample_weight)[0]
    return np.searchsorted(edges, y, side="left"), edges


def joint_counts(codes, n_levels, y_codes, n_classes, sample_weight=None):
    """Weighted counts of (code of column j, target code): shape (n_features, n_levels, n_classes).

    One ``bincount`` per block of columns: each column's cells get their own offset in one flat
    table, so counting is vectorised over features.
    """
    if not isinstance(codes, np.ndarray):
        from ._sparse import sparse_joint_counts

        return sparse_joint_counts(codes, n_levels, y_codes, n_classes, sample_weight)
    n_samples, n_features = codes.shape
    cells = n_levels * n_classes
    table = np.empty((n_features, n_levels, n_classes))
    max_width = max(1, MAX_TABLE_CELLS // cells)
    for block in column_blocks(n_samples, n_features):
        for start in range(block.start, block.stop, max_width):
            part = slice(start, min(start + max_width, block.stop))
            table[part] = _count_block(codes[:, part], cells, y_codes, n_classes, sample_weight)
    return table


def _count_block(codes, cells, y_codes, n_classes, sample_weight):
    width = codes.shape[1]
    index = codes.astype(np.intp) * n_classes
    index += y_codes[:, None]
    index += np.arange(width) * cells
    weights = None
    if sample_weight is not None:
        weights = np.broadcast_to(sample_weight[:, None], index.shape).ravel()
    counts = np.bincount(index.ravel(), weights=weights, minlength=width * cells)
    return counts.reshape(width, cells // n_classes, n_classes)


def mutual_info_from_counts(counts):
    """Plug-in mutual information (nats) of the last two axes of a count table.

    I(X; Y) = H(X) + H(Y) - H(X, Y), with entropies of the empirical distributions.
    """
    total = counts.sum(axis=(-2, -1))
    p = counts / np.where(total > 0, total, 1)[..., None, None]
    joint = entr(p).sum(axis=(-2, -1))
    mi = entr(p.sum(axis=-1)).sum(axis=-1) + entr(p.sum(axis=-2)).sum(axis=-1) - joint
    return np.maximum(mi, 0.0)
