"""Identifier columns and many-level categories: bounded memory, scores that a table can trust."""

import subprocess
import sys
import textwrap

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.metrics import mutual_info_score
from sklearn.metrics.cluster import contingency_matrix
from sklearn.metrics.cluster._expected_mutual_info_fast import expected_mutual_information

from skprune import GiniSelector, MutualInfoSelector, gini_scores
from skprune._scoring import _chance, _joint, _redundancy

# A run of the selectors on a 30,000-row table with a 30,000-value string column, in a process
# limited to 4 GB of address space: a dense levels x levels table (20 GiB) cannot be allocated.
MANY_LEVELS_SCRIPT = """
import importlib.util
import numpy as np, pandas as pd
from skprune import GiniSelector, MutualInfoSelector

rng = np.random.default_rng(0)
n = 30_000
y = rng.integers(0, 2, n)
X = pd.DataFrame({
    "id": [f"customer {i}" for i in rng.permutation(n)],
    "signal": y + rng.normal(0, 1, n),
    "noise": rng.normal(size=n),
    "color": rng.choice(["red", "green", "blue"], n),
})
for redundancy in ("mrmr", "jmi"):
    selector = MutualInfoSelector(k=3, redundancy=redundancy).fit(X, y)
    assert "signal" in selector.get_feature_names_out(), redundancy
    assert np.isfinite(selector.redundancy_scores_[selector.get_support()]).all()
GiniSelector(k=3).fit(X, y)
selector = MutualInfoSelector(k=3)
for rows in np.array_split(np.arange(n), 5):
    selector.partial_fit(X.iloc[rows], y[rows], classes=[0, 1])
assert selector.counts_.shape[1] == n + 1
if importlib.util.find_spec("dask") is not None:
    import dask.array as da
    numbers = np.column_stack([rng.permutation(n), X["signal"], X["noise"]])
    chunked = da.from_array(numbers, chunks=(6_000, -1))
    MutualInfoSelector(k=2, discrete_features=[0]).fit(chunked, y)
print("fitted")
"""


def _limit_address_space():
    import resource

    limit = 4 * 10**9
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is enforced on Linux")
def test_a_many_level_column_is_scored_within_4_gb_on_every_counting_path():
    # Found on ordinary tables: mRMR asked for a (3, 30001, 30001) float table (20.1 GiB).
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(MANY_LEVELS_SCRIPT)],
        preexec_fn=_limit_address_space,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().endswith("fitted")


def _codes_with_an_identifier(n=300, seed=0):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, n)
    codes = np.column_stack(
        [
            rng.permutation(n) + 1,  # an identifier
            (y + rng.integers(0, 2, n)) % 4 + 1,
            rng.integers(1, 6, n),
            rng.integers(1, n // 3, n),  # a many-level category
        ]
    )
    return codes, y


@pytest.mark.parametrize("dense_cells_per_row", [0, _joint.DENSE_CELLS_PER_ROW])
@pytest.mark.parametrize("weighted", [False, True])
def test_pair_terms_are_the_mutual_information_of_the_pairs(
    monkeypatch, dense_cells_per_row, weighted
):
    # 0 cells per row sends every column to the sorted count of occurring combinations.
    monkeypatch.setattr(_joint, "DENSE_CELLS_PER_ROW", dense_cells_per_row)
    codes, y = _codes_with_an_identifier()
    # Whole weights are repetitions: the weighted terms are those of the repeated rows.
    repeats = np.random.default_rng(1).integers(1, 4, y.size) if weighted else np.ones(y.size, int)
    weights = repeats.astype(float) if weighted else None
    levels = codes.max(axis=0) + 1
    candidates = np.array([0, 2, 3])
    last = 1
    same = np.zeros(y.size, dtype=np.intp)
    owner, _, counts = _joint.occurring_cells(codes, np.arange(4), same, 1, weights)
    marginal = (owner, counts, _joint.entropies(owner, counts, 4))
    pair = _redundancy.pair_information(codes, candidates, last, marginal, weights, levels)
    joint = _redundancy.joint_information(codes, candidates, last, y, weights, levels)
    repeated, y_repeated = codes.repeat(repeats, axis=0), y.repeat(repeats)
    for position, j in enumerate(candidates):
        expected = mutual_info_score(repeated[:, j], repeated[:, last])
        assert pair[position] == pytest.approx(expected, abs=1e-12)
        combined = repeated[:, j] * levels[last] + repeated[:, last]
        expected = mutual_info_score(combined, y_repeated)
        assert joint[position] == pytest.approx(expected, abs=1e-12)


def _ordinary_table(seed=0, n=5000):
    """An identifier, two no-signal categories (n/10 and 2,000 levels), a weak signal, noise."""
    rng = np.random.default_rng(seed)
    y = rng.permutation(np.arange(n) % 2)
    X = pd.DataFrame(
        {
            "customer_id": [f"c{i:05d}" for i in rng.permutation(n)],
            "shop": [f"s{i}" for i in rng.integers(0, n // 10, n)],
            "street": [f"r{i}" for i in rng.integers(0, 2000, n)],
            "weak": y + rng.normal(0, 2.5, n),
            "noise": rng.normal(size=n),
        }
    )
    return X, y


SELECTORS = {
    "mi": MutualInfoSelector(k=1),
    "mrmr": MutualInfoSelector(k=1, redundancy="mrmr"),
    "jmi": MutualInfoSelector(k=1, redundancy="jmi"),
    "gini-split": GiniSelector(k=1),
}


@pytest.mark.parametrize("name", SELECTORS)
@pytest.mark.parametrize("seed", [0, 1])
def test_identifiers_and_many_level_noise_score_about_0_below_a_weak_signal(name, seed):
    X, y = _ordinary_table(seed)
    selector = clone(SELECTORS[name]).fit(X, y)
    scores = pd.Series(selector.scores_, index=X.columns)
    assert selector.get_feature_names_out().tolist() == ["weak"]
    assert selector.ranking_[X.columns.get_loc("weak")] == 1
    assert scores["customer_id"] == pytest.approx(0, abs=1e-9)
    # About 0: within a few of their chance deviations (0.004 nats, 0.003 Gini), while the
    # weak signal scores 0.015 to 0.02.
    assert abs(scores["shop"]) < 0.01 and abs(scores["street"]) < 0.01
    assert scores["weak"] > 0.01
    plain = clone(SELECTORS[name]).set_params(chance_correction=False).fit(X, y)
    assert plain.get_feature_names_out().tolist() == ["customer_id"]


def test_corrected_mutual_info_is_plug_in_minus_the_exact_expectation_by_chance():
    # scikit-learn's adjusted_mutual_info_score sums the hypergeometric expectation exactly.
    rng = np.random.default_rng(0)
    for n, levels, classes in [(40, 5, 2), (300, 120, 3), (5000, 2000, 2), (20000, 30, 7)]:
        x = rng.integers(0, levels, n)
        y = (x * rng.integers(0, 2, n) + rng.integers(0, classes, n)) % classes
        table = contingency_matrix(x, y)
        expected = mutual_info_score(x, y) - expected_mutual_information(table, n)
        corrected = _chance.corrected_mutual_info_from_counts(table[None].astype(float))[0]
        assert corrected == pytest.approx(expected, abs=1e-9)


def test_the_correction_leaves_ordered_columns_to_the_gini_split_and_is_reproducible():
    X, y = _ordinary_table()
    corrected, plain = gini_scores(X, y), gini_scores(X, y, chance_correction=False)
    np.testing.assert_array_equal(corrected[3:], plain[3:])  # "weak" and "noise": numbers
    assert (corrected[:3] < plain[:3]).all()
    np.testing.assert_array_equal(gini_scores(X, y), corrected)


def test_a_many_level_category_with_a_real_effect_keeps_its_score():
    # 200 shops, each with its own share of class 1: real information spread over many levels.
    rng = np.random.default_rng(0)
    n = 5000
    shop = rng.integers(0, 200, n)
    y = (rng.random(n) < rng.uniform(0.2, 0.8, 200)[shop]).astype(int)
    X = pd.DataFrame({"shop": [f"s{i}" for i in shop], "noise": rng.normal(size=n)})
    for selector in (MutualInfoSelector(k=1), GiniSelector(k=1)):
        fitted = selector.fit(X, y)
        assert fitted.get_feature_names_out().tolist() == ["shop"]
        assert fitted.scores_[0] > 10 * abs(fitted.scores_[1])
