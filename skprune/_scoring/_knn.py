"""k-nearest-neighbour (Kraskov / Ross) mutual information, one column at a time.

Continuous-continuous pairs use the KSG estimator (Kraskov, Stoegbauer & Grassberger 2004,
algorithm 1); continuous-discrete pairs use Ross (2014); discrete-discrete pairs are counted.
Preprocessing follows scikit-learn's ``mutual_info_classif``/``mutual_info_regression``
(continuous variables scaled to unit variance, 1e-10 noise to break ties), so values agree with
scikit-learn's on the same data.

Missing values: with M the "x is missing" indicator, I(X; Y) = I(M; Y) + P(M=0) I(X; Y | M=0) by
the chain rule, so the k-NN estimate on the observed rows is combined with the count estimate of
what missingness itself says about y.
"""

import numpy as np
from joblib import Parallel, delayed
from scipy.special import digamma
from sklearn.neighbors import KDTree, NearestNeighbors
from sklearn.utils import check_random_state

from .._core._input import dense_block
from ._binning import mutual_info_from_counts
from ._chance import corrected_mutual_info_from_counts


def knn_mutual_info(
    features, y, *, discrete_target, n_neighbors=3, chance_correction=False, random_state=None,
    n_jobs=None,
):  # fmt: skip
    """Mutual information (nats) between each column of ``features`` and ``y``.

    ``chance_correction`` applies to the counted (discrete column, discrete target) pairs.
    """
    rng = check_random_state(random_state)
    n_features = features.values.shape[1]
    seeds = rng.randint(np.iinfo(np.int32).max, size=n_features + 1)
    if not discrete_target:
        y = _scaled_with_noise(y, seeds[-1])
    scores = Parallel(n_jobs=n_jobs)(
        delayed(_column_mutual_info)(
            np.ravel(dense_block(features.values, slice(j, j + 1))).astype(np.float64),
            bool(features.discrete[j]),
            y,
            discrete_target,
            n_neighbors,
            seeds[j],
            chance_correction,
        )
        for j in range(n_features)
    )
    return np.array(scores)


def _scaled_with_noise(values, seed):
    # Dividing by the largest magnitude first keeps the variance finite for values near 1e308.
    peak = np.abs(values).max(initial=0.0)
    values = values / (peak if peak > 0 else 1.0)
    std = values.std()
    values = values / (std if std > 0 else 1.0)
    noise = np.random.RandomState(seed).standard_normal(values.shape[0])
    return values + 1e-10 * max(1.0, np.mean(np.abs(values))) * noise


def _column_mutual_info(x, x_discrete, y, y_discrete, n_neighbors, seed, corrected=False):
    missing = np.isnan(x)
    if x_discrete:
        # A missing value is one more level of a discrete column.
        x = np.where(missing, np.nanmax(x, initial=0) + 1, x)
        return _pair_mutual_info(x, True, y, y_discrete, n_neighbors, corrected)
    observed = ~missing
    if observed.sum() <= n_neighbors:
        return 0.0
    x_obs = _scaled_with_noise(x[observed], seed)
    mi = observed.mean() * _pair_mutual_info(x_obs, False, y[observed], y_discrete, n_neighbors)
    if missing.any():
        missing = missing.astype(np.float64)
        mi += _pair_mutual_info(missing, True, y, y_discrete, n_neighbors, corrected)
    return mi


def _pair_mutual_info(x, x_discrete, y, y_discrete, n_neighbors, corrected=False):
    if x_discrete and y_discrete:
        return _counted(x, y, corrected)
    if x_discrete:
        return _continuous_discrete(y, x, n_neighbors)
    if y_discrete:
        return _continuous_discrete(x, y, n_neighbors)
    return _continuous_continuous(x, y, n_neighbors)


def _counted(x, y, corrected=False):
    _, x_codes = np.unique(x, return_inverse=True)
    _, y_codes = np.unique(y, return_inverse=True)
    shape = (x_codes.max() + 1, y_codes.max() + 1)
    counts = np.bincount(x_codes * shape[1] + y_codes, minlength=shape[0] * shape[1])
    counts = counts.reshape(shape).astype(np.float64)
    if corrected:
        return float(corrected_mutual_info_from_counts(counts[None])[0])
    return float(mutual_info_from_counts(counts))


def _continuous_continuous(x, y, n_neighbors):
    """KSG algorithm 1: k-th neighbour distance in the joint max-norm space."""
    n_samples = x.size
    x, y = x.reshape(-1, 1), y.reshape(-1, 1)
    joint = NearestNeighbors(metric="chebyshev", n_neighbors=n_neighbors).fit(np.hstack((x, y)))
    # Neighbours strictly closer than the k-th one are counted in each marginal.
    radius = np.nextafter(joint.kneighbors()[0][:, -1], 0)
    n_x = KDTree(x, metric="chebyshev").query_radius(x, radius, count_only=True) - 1.0
    n_y = KDTree(y, metric="chebyshev").query_radius(y, radius, count_only=True) - 1.0
    mi = (
        digamma(n_samples)
        + digamma(n_neighbors)
        - np.mean(digamma(n_x + 1))
        - np.mean(digamma(n_y + 1))
    )
    return max(0.0, float(mi))


def _continuous_discrete(c, d, n_neighbors):
    """Ross (2014): k-th neighbour within the point's own label, then counts in all the data."""
    c = c.reshape(-1, 1)
    radius = np.empty(c.shape[0])
    label_counts = np.empty(c.shape[0])
    k_all = np.empty(c.shape[0])
    for label in np.unique(d):
        mask = d == label
        count = mask.sum()
        if count > 1:
            k = min(n_neighbors, count - 1)
            distances = NearestNeighbors(n_neighbors=k).fit(c[mask]).kneighbors()[0]
            radius[mask] = np.nextafter(distances[:, -1], 0)
            k_all[mask] = k
        label_counts[mask] = count
    # Points whose label occurs once have no neighbour of their own label.
    keep = label_counts > 1
    if keep.sum() < 2:
        return 0.0
    c, radius = c[keep], radius[keep]
    m_all = KDTree(c).query_radius(c, radius, count_only=True)
    mi = (
        digamma(keep.sum())
        + np.mean(digamma(k_all[keep]))
        - np.mean(digamma(label_counts[keep]))
        - np.mean(digamma(m_all))
    )
    return max(0.0, float(mi))
