"""p-values of the histogram scores: the G-test of independence on each feature's count table.

Under independence of a feature and the target, ``G = 2 * N * MI`` (MI in nats, from the
plug-in estimate on a table of ``N`` counts) follows a chi-square distribution. Its degrees of
freedom are taken as the mean of ``G`` under permutation, ``2 * N * E[MI]``, with ``E[MI]`` the
exact expectation of the chance correction (``_chance``): where every cell holds many rows this
is the textbook ``(levels - 1) * (classes - 1)``, and where cells hold a row or two (an
identifier, a category with a level for every few rows), where the textbook count makes any such
column look significant, it keeps the test honest: an identifier gets a p-value near 0.5.
A regression target is binned, as the histogram estimator bins it.
"""

import numpy as np
from scipy.stats import chi2

from ._binning import mutual_info_from_counts
from ._chance import corrected_mutual_info_from_counts

# Below this many degrees of freedom a table has a single level or class: nothing to test.
NO_FREEDOM = 1e-9


def g_test_pvalues(counts):
    """p-value per feature of ``counts``, shape (n_features, n_levels, n_classes).

    The class totals are the same in every table (every row is counted in each). A feature with
    one occurring level, or a target with one class, has no degree of freedom: its p-value is 1.
    """
    counts = np.asarray(counts, dtype=np.float64)
    total = counts.sum(axis=(1, 2))
    plain = mutual_info_from_counts(counts)
    # G and its mean under permutation, both 2 N times a mutual information.
    g = 2 * total * plain
    dof = 2 * total * (plain - corrected_mutual_info_from_counts(counts))
    pvalues = np.ones(counts.shape[0])
    free = dof > NO_FREEDOM
    pvalues[free] = chi2.sf(g[free], dof[free])
    return pvalues
