"""Boruta's test of a forest's importances against shadow features (Kursa & Rudnicki 2010).

Each round fits the forest on ``[X, shadow]``, where every column of ``shadow`` is an independent
permutation of the matching column of X: a copy with the same values and no relation to the
target. A feature scores a *hit* when its importance exceeds the largest shadow importance. Under
the null (no relation to the target) Boruta takes a hit to be a fair coin, so the hits over R
rounds are Binomial(R, 1/2) and the p-value is their upper tail.
"""

from numbers import Integral

import numpy as np
import scipy.sparse as sp
from scipy.stats import binom
from sklearn.utils import check_random_state

from .._core._compat import Interval
from .._core._input import Features, check_target
from ._gini import checked_sample_weight, fit_forest

SHADOW_CONSTRAINTS = {"shadow_rounds": [Interval(Integral, 1, None, closed="left")]}


def shadow_pvalues(hits, rounds):
    """Upper tail of Binomial(rounds, 1/2) at ``hits``: P(H >= hits), 1 for no hit."""
    return binom.sf(np.asarray(hits) - 1, rounds, 0.5)


def check_shadow_fdr(selector):
    """Refuse, before any fit, an ``fdr`` that the shadow test cannot serve.

    Only ``method="forest"`` runs the shadow test. Fewer rounds than ``log2(1 / fdr)`` could keep
    nothing: the smallest p-value, ``0.5 ** shadow_rounds``, would exceed ``fdr``, and the
    Benjamini-Hochberg adjusted p-value of a feature is at least its own p-value.
    """
    fdr, rounds = selector.fdr, selector.shadow_rounds
    if fdr is None:
        return
    if selector.method != "forest":
        return
    if 0.5**rounds > fdr:
        raise ValueError(
            f"shadow_rounds={rounds} cannot keep any feature at fdr={fdr}: the smallest p-value "
            f"of {rounds} rounds is 0.5 ** {rounds} = {0.5**rounds:.3g} > fdr. Use "
            f"shadow_rounds >= {int(np.ceil(np.log2(1 / fdr)))}."
        )


def shadow_test(
    features, y, sample_weight, *, task, n_estimators, max_features, shadow_rounds,
    random_state, n_jobs,
):  # fmt: skip
    """Boruta's shadow test of every feature: ``({"shadow_hits_", "pvalues_"}, pvalues)``.

    The rounds' shadows and forests are drawn from ``random_state``: an int gives the same hits
    on every fit.
    """
    y, task, classes = check_target(y, features.values.shape[0], task, squared_by="GiniSelector")
    labels = y if classes is None else classes[y]
    sample_weight = checked_sample_weight(sample_weight, features)
    rng = check_random_state(random_state)
    n_features = features.values.shape[1]
    hits = np.zeros(n_features, dtype=np.intp)
    for _ in range(shadow_rounds):
        doubled = _with_shadows(features, rng)
        seed = rng.randint(np.iinfo(np.int32).max)
        forest = fit_forest(
            doubled, labels, task, n_estimators, max_features, sample_weight, seed, n_jobs
        )
        importances = forest.feature_importances_
        hits += importances[:n_features] > importances[n_features:].max()
    pvalues = shadow_pvalues(hits, shadow_rounds)
    return {"shadow_hits_": hits, "pvalues_": pvalues}, pvalues


def _with_shadows(features, rng):
    """``[X, shadow]``: X beside a copy whose every column is permuted on its own."""
    values = features.values
    if sp.issparse(values):
        shadow = _sparse_shadow(values, rng)
        doubled = sp.hstack([values, shadow], format="csc")
    else:
        rows = np.argsort(rng.random_sample(values.shape), axis=0)
        doubled = np.hstack([values, np.take_along_axis(values, rows, axis=0)])
    twice = lambda a: np.concatenate([a, a])  # noqa: E731
    return Features(
        doubled, twice(features.discrete), twice(features.categorical), twice(features.names)
    )


def _sparse_shadow(values, rng):
    """A CSC matrix whose every column holds the stored values of ``values`` on random rows."""
    values = sp.csc_matrix(values)
    n_samples = values.shape[0]
    rows = np.empty_like(values.indices)
    for column in range(values.shape[1]):
        start, stop = values.indptr[column], values.indptr[column + 1]
        # Distinct rows drawn at random: the image of the stored rows under a permutation.
        rows[start:stop] = rng.choice(n_samples, size=stop - start, replace=False)
    shadow = sp.csc_matrix((values.data.copy(), rows, values.indptr.copy()), shape=values.shape)
    shadow.sort_indices()
    return shadow
