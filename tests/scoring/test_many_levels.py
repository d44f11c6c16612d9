"""Identifier columns and many-level categories: bounded memory, scores that a table can trust."""

import subprocess
import sys
import textwrap

import numpy as np
import pytest
from sklearn.metrics import mutual_info_score

from skprune._scoring import _joint, _redundancy

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
    marginal = np.array([mutual_info_score(c, c) for c in codes.repeat(repeats, axis=0).T])
    pair = _redundancy.pair_information(codes, candidates, last, marginal, weights, levels)
    joint = _redundancy.joint_information(codes, candidates, last, y, weights, levels)
    repeated, y_repeated = codes.repeat(repeats, axis=0), y.repeat(repeats)
    for position, j in enumerate(candidates):
        expected = mutual_info_score(repeated[:, j], repeated[:, last])
        assert pair[position] == pytest.approx(expected, abs=1e-12)
        combined = repeated[:, j] * levels[last] + repeated[:, last]
        expected = mutual_info_score(combined, y_repeated)
        assert joint[position] == pytest.approx(expected, abs=1e-12)
