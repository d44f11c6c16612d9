"""mRMR and JMI on sparse codes: redundancy from co-occurrence counts of the stored values.

The greedy ranking of ``_redundancy`` needs, at each step, the joint table of every column with
the column picked last (and the target, for JMI). A column's cells away from its zero bin count
its stored values only, by the picked column's code in the same rows (one gather over the stored
values); its zero bin's cells are the picked column's totals minus those. A step costs O(stored
values + table cells), and no column but the picked one is ever densified. With the chance
correction each term is minus its expectation under permutation, from the same tables.
"""

import numpy as np
from scipy.special import entr, xlogy

from ._chance import expected_cell_sums
from ._joint import first_maximum


def sparse_greedy_order(
    codes, y_codes, n_classes, relevance, *, method, n_select, weights=None,
    chance_correction=False,
):  # fmt: skip
    """``greedy_order`` of ``SparseCodes``: the same order and criterion, to rounding."""
    tables = _Tables(codes, weights)
    class_totals = np.bincount(y_codes, weights, n_classes)
    class_entropy = _entropy(class_totals[None, :], tables.total)
    remaining = np.ones(codes.shape[1], dtype=bool)
    accumulated = np.zeros(codes.shape[1])
    order = [int(np.argmax(relevance))]
    criterion = [float(relevance[order[0]])]
    remaining[order[0]] = False
    for n_selected in range(1, n_select):
        candidates = np.flatnonzero(remaining)
        last = codes.column(order[-1]).astype(np.intp)
        n_last = int(last.max()) + 1
        if method == "mrmr":
            joint, partner = tables.joint_with(last, n_last)
            if chance_correction:
                information = tables.corrected(joint, joint.sum(axis=1), 1, partner[0])
            else:
                information = tables.own_entropy + _entropy(partner, tables.total)
                information = np.maximum(information - tables.entropies(joint), 0.0)
        else:
            # I(X_j, X_s; Y) = H(X_j, X_s) + H(Y) - H(X_j, X_s, Y).
            joint, _ = tables.joint_with(last * n_classes + y_codes, n_last * n_classes)
            pairs = joint.reshape(len(joint), n_last, n_classes).sum(axis=2)
            if chance_correction:
                information = tables.corrected(joint, pairs.ravel(), n_last, class_totals)
            else:
                information = tables.entropies(pairs) + class_entropy - tables.entropies(joint)
                information = np.maximum(information, 0.0)
        accumulated[candidates] += information[candidates]
        if method == "mrmr":
            score = relevance[candidates] - accumulated[candidates] / n_selected
        else:
            score = accumulated[candidates] / n_selected
        best = first_maximum(score)
        order.append(int(candidates[best]))
        criterion.append(float(score[best]))
        remaining[candidates[best]] = False
    return np.array(order, dtype=np.intp), np.array(criterion)


class _Tables:
    """Joint tables of every column with a partner code, rows of one flat level axis.

    Column j's levels are rows ``offsets[j]:offsets[j + 1]`` (its own number of levels, not the
    widest column's), so a table has as many rows as all columns have levels.
    """

    def __init__(self, codes, weights):
        levels = codes.zero_code.astype(np.intp)
        np.maximum.at(levels, codes.columns, codes.data)
        self.offsets = np.zeros(codes.shape[1] + 1, dtype=np.intp)
        np.cumsum(levels + 1, out=self.offsets[1:])
        self.row_owner = np.repeat(np.arange(codes.shape[1]), levels + 1)  # column of each row
        self.cells = self.offsets[codes.columns] + codes.data  # row of each stored value
        self.zero_cells = self.offsets[:-1] + codes.zero_code
        self.rows = codes.indices
        self.weights = weights
        self.entry_weights = None if weights is None else weights[codes.indices]
        self.total = float(codes.shape[0] if weights is None else weights.sum())
        alone, _ = self.joint_with(np.zeros(codes.shape[0], dtype=np.intp), 1)
        self.own_entropy = self.entropies(alone)

    def joint_with(self, partner, n_partner):
        """(table of shape (level rows, ``n_partner``), weight of each partner code)."""
        totals = np.bincount(partner, self.weights, n_partner)[None, :]
        cells = self.cells * n_partner + partner[self.rows]
        table = np.bincount(cells, self.entry_weights, self.offsets[-1] * n_partner)
        table = table.astype(np.float64).reshape(-1, n_partner)
        # A zero bin holds the partner's totals minus the column's stored values.
        zeros = totals - np.add.reduceat(table, self.offsets[:-1], axis=0)
        if self.weights is None or self.weights.min(initial=0) >= 0:
            zeros = np.maximum(zeros, 0.0)  # rounding of weighted sums: no negative count
        table[self.zero_cells] += zeros
        return table, totals

    def corrected(self, table, row_totals, per_row, column_totals):
        """Each column's mutual information minus its expectation under permutation (``_chance``).

        ``table`` holds the observed cells; ``row_totals`` the totals the expectation pairs with
        ``column_totals``, ``per_row`` of them for each level row (mRMR: the rows' own totals;
        JMI: the (X_j, X_s) cells of each row).
        """
        owner = np.repeat(self.row_owner, per_row)
        expected = expected_cell_sums(owner, row_totals, column_totals, len(self.offsets) - 1)
        observed = np.add.reduceat(xlogy(table, table).sum(axis=1), self.offsets[:-1])
        return (observed - expected) / self.total

    def entropies(self, table):
        """Entropy (nats) of each column's part of a table of weights."""
        return np.add.reduceat(_entropy(table, self.total), self.offsets[:-1])


def _entropy(table, total):
    """Entropy of each row's cells as shares of ``total``."""
    return entr(table / total).sum(axis=1)
