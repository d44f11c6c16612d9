"""p-values of the histogram scores: the G-test of independence on each feature's count table.

Under independence of a feature and the target, ``G = 2 * N * MI`` (MI in nats, from the
plug-in estimate on a table of ``N`` counts) follows a chi-square distribution with
``(levels - 1) * (classes - 1)`` degrees of freedom, the levels and classes being those that
occur. A regression target is binned, as the histogram estimator bins it.
"""

import numpy as np
from scipy.special import xlogy
from scipy.stats import chi2


def g_test_pvalues(counts):
    """p-value per feature of ``counts``, shape (n_features, n_levels, n_classes).

    A feature with one occurring level (or a target with one occurring class) has no degree of
    freedom: its p-value is 1.
    """
    counts = np.asarray(counts, dtype=np.float64)
    total = counts.sum(axis=(1, 2))
    levels = counts.sum(axis=2)
    classes = counts.sum(axis=1)
    expected_log = xlogy(counts, levels[:, :, None]) + xlogy(counts, classes[:, None, :])
    # G = 2 * sum O * log(O * N / (row * column)), the log-likelihood ratio statistic.
    g = 2 * (
        xlogy(counts, counts).sum(axis=(1, 2)) + xlogy(total, total) - expected_log.sum(axis=(1, 2))
    )
    dof = ((levels > 0).sum(axis=1) - 1) * ((classes > 0).sum(axis=1) - 1)
    pvalues = np.ones(counts.shape[0])
    free = dof > 0
    pvalues[free] = chi2.sf(np.maximum(g[free], 0.0), dof[free])
    return pvalues
