"""Identifiers and many-level categories: scores before and after the chance correction.

Plug-in mutual information and the best grouping split both grow with a column's number of
levels, so an identifier (every value unique) or a random category with many levels outranks a
weak real signal. ``chance_correction=True`` (the default) subtracts what chance alone gives.
Each part prints its tables with the correction off and on:

- ``ordinary``: a 5,000-row table with an identifier, no-signal categories of 500 (n/10) and
  2,000 levels, a weak signal (y + N(0, 2.5^2)) and noise, over several seeds: scores and ranks
  for MutualInfoSelector (plain, mRMR, JMI) and GiniSelector; and the candidate corrections
  the choice was made from (Miller-Madow, gain ratio, normalised adjusted MI; for the split, the
  expectation of the multiway gain).
- ``memory``: a 30,000-row table with a 30,000-value string column, each fit in a fresh process
  limited to 4 GB of address space (Linux): time and peak memory.
- ``adult``: the UCI adult file read with its header line as data (every column text, as
  happens): the best columns and the rank of ``fnlwgt``, a number with 21,648 distinct values.
- ``asu``: linear-SVM accuracy on the ASU text sets (BASEHOCK, PCMAC, RELATHE), the published
  protocol: random 50/50 splits, selection on one half, ``LinearSVC()`` trained on it and
  scored on the other; the published infogain, gini and mrmr figures beside.
- ``madelon``: relevant columns found among 500 with k=20, as ``bench_madelon.py``.
- ``spambase``: the ranking of ``skprune select spambase.csv`` (docs/user_guide/cli.md), its
  top 12, and the 5-fold accuracy of a logistic regression on them.

    python benchmarks/bench_chance.py                  # every part
    python benchmarks/bench_chance.py --part ordinary --part memory
    python benchmarks/bench_chance.py --quick          # fewer seeds and splits, for CI
"""

import argparse
import csv
import json
import subprocess
import sys
import textwrap
import time

import numpy as np
import pandas as pd
from _common import SHARED_DATA, print_table
from scipy.special import entr
from sklearn.base import clone
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import LinearSVC

from skprune import GiniSelector, MutualInfoSelector, gini_scores
from skprune._scoring._binning import mutual_info_from_counts
from skprune._scoring._chance import corrected_mutual_info_from_counts

COLUMNS = ["identifier", "500 levels (n/10)", "2,000 levels", "weak signal", "noise"]
SELECTORS = {
    "MutualInfoSelector()": MutualInfoSelector(k=1),
    "MutualInfoSelector(redundancy='mrmr')": MutualInfoSelector(k=5, redundancy="mrmr"),
    "MutualInfoSelector(redundancy='jmi')": MutualInfoSelector(k=5, redundancy="jmi"),
    "GiniSelector()": GiniSelector(k=1),
}

SHORT = dict(zip(SELECTORS, ["MI", "mRMR", "JMI", "Gini split"], strict=True))


def ordinary_table(seed, n=5000):
    rng = np.random.default_rng(seed)
    y = rng.permutation(np.arange(n) % 2)
    X = pd.DataFrame(
        {
            COLUMNS[0]: [f"c{i:05d}" for i in rng.permutation(n)],
            COLUMNS[1]: [f"s{i}" for i in rng.integers(0, n // 10, n)],
            COLUMNS[2]: [f"r{i}" for i in rng.integers(0, 2000, n)],
            COLUMNS[3]: y + rng.normal(0, 2.5, n),
            COLUMNS[4]: rng.normal(size=n),
        }
    )
    return X, y


def run_ordinary(n_seeds):
    print(f"\n5,000 rows, binary y; mean over {n_seeds} seeds (sd over seeds)\n")
    scores, ranks = {}, {}
    for name, selector in SELECTORS.items():
        for correction in (False, True):
            found = [
                clone(selector).set_params(chance_correction=correction).fit(*ordinary_table(seed))
                for seed in range(n_seeds)
            ]
            scores[name, correction] = np.array([f.scores_ for f in found])
            ranks[name, correction] = np.array([f.ranking_ for f in found])
    label = {False: "plain", True: "corrected"}
    scored = [name for name in SELECTORS if "redundancy" not in name]
    headers = ["column"] + [f"{SHORT[name]} {label[c]}" for name in scored for c in (False, True)]
    rows = [
        [column]
        + [
            f"{scores[name, c][:, j].mean():+.4f} ({scores[name, c][:, j].std():.4f})"
            for name in scored
            for c in (False, True)
        ]  # fmt: skip
        for j, column in enumerate(COLUMNS)
    ]
    print("Scores (mRMR and JMI share MI's scores and rank by their own criterion)\n")
    print_table(headers, rows)
    weak = COLUMNS.index("weak signal")
    headers = ["column"] + [
        f"{SHORT[name]} {label[c]}" for name in SELECTORS for c in (False, True)
    ]
    rows = [
        [column] + [f"{ranks[key][:, j].mean():.2f}" for key in ranks]
        for j, column in enumerate(COLUMNS)
    ]
    rows.append(
        ["weak signal first"] + [f"{(ranks[key][:, weak] == 1).mean():.2f}" for key in ranks]
    )
    print("\nMean rank (1 = best), and the share of seeds where the weak signal ranks first\n")
    print_table(headers, rows)
    print()
    run_candidates(n_seeds)


def mutual_info_candidates(counts):
    """The corrections considered for the plug-in estimate, from (feature, level, class) counts."""
    total = counts.sum(axis=(1, 2))
    plain = mutual_info_from_counts(counts)
    rows, classes = counts.sum(axis=2), counts[0].sum(axis=0)
    levels, n_classes = (rows > 0).sum(axis=1), (classes > 0).sum()
    h_x = entr(rows / total[:, None]).sum(axis=1)
    h_y = entr(classes / total[0]).sum()
    corrected = corrected_mutual_info_from_counts(counts)
    expected = plain - corrected
    return {
        "plug-in": plain,
        "Miller-Madow: - (levels - 1)(classes - 1) / 2n": plain
        - (levels - 1) * (n_classes - 1) / (2 * total),
        "gain ratio: / H(X)": plain / h_x,
        "adjusted MI, normalised (arithmetic mean)": corrected / ((h_x + h_y) / 2 - expected),
        "chosen: - E[MI] under permutation": corrected,
    }


def split_candidates(X, y):
    """The corrections considered for the best split of categorical columns."""
    plain = gini_scores(X, y, chance_correction=False)
    share = np.bincount(y) / y.size
    parent = 1 - (share**2).sum()
    levels = np.array(
        [1 if pd.api.types.is_numeric_dtype(X[c]) else X[c].nunique() for c in X.columns]
    )
    # The expectation of the gain of the split into every level, exact under permutation.
    multiway = parent * (levels - 1) / (y.size - 1)
    return {
        "plain": plain,
        "- E[gain of the multiway split]": plain - multiway,
        "chosen: - mean best gain over 20 shuffles": gini_scores(X, y),
    }


def run_candidates(n_seeds):
    parts = (("Mutual information", None), ("Best split (Gini)", split_candidates))
    for title, candidates in parts:
        scores = {}
        for seed in range(n_seeds):
            X, y = ordinary_table(seed)
            if candidates is None:
                found = mutual_info_candidates(MutualInfoSelector(k=1).fit(X, y).counts_)
            else:
                found = candidates(X, y)
            for name, value in found.items():
                scores.setdefault(name, []).append(value)
        print(f"{title}: the candidate corrections, mean score over {n_seeds} seeds\n")
        rows = []
        for name, values in scores.items():
            values = np.array(values)
            first = (values.argmax(axis=1) == COLUMNS.index("weak signal")).mean()
            rows.append([name, *(f"{v:+.4f}" for v in values.mean(axis=0)), f"{first:.2f}"])
        print_table(["correction", *COLUMNS, "weak signal first"], rows)
        print()


MEMORY_SCRIPT = """
import json, resource, sys, time, tracemalloc
import numpy as np, pandas as pd
from skprune import GiniSelector, MutualInfoSelector

rng = np.random.default_rng(0)
n = 30_000
y = rng.integers(0, 2, n)
X = pd.DataFrame({
    "id": [f"customer {i}" for i in rng.permutation(n)],
    "signal": y + rng.normal(0, 1, n),
    "weak": y + rng.normal(0, 2.5, n),
    "noise": rng.normal(size=n),
    "color": rng.choice(["red", "green", "blue"], n),
})
what, correction = sys.argv[1], sys.argv[2] == "on"
tracemalloc.start()
start = time.perf_counter()
if what == "partial_fit":
    selector = MutualInfoSelector(k=2, chance_correction=correction)
    for rows in np.array_split(np.arange(n), 6):
        selector.partial_fit(X.iloc[rows], y[rows], classes=[0, 1])
elif what == "GiniSelector()":
    selector = GiniSelector(k=2, chance_correction=correction).fit(X, y)
else:
    redundancy = None if what == "MutualInfoSelector()" else what
    selector = MutualInfoSelector(k=2, redundancy=redundancy, chance_correction=correction)
    selector.fit(X, y)
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "traced": tracemalloc.get_traced_memory()[1],
                  "resident": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
                  "kept": selector.get_feature_names_out().tolist()}))
"""


def _limited():
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (4 * 10**9, 4 * 10**9))


def run_memory():
    print("\n30,000 rows: a 30,000-value string column (id), a signal, a weak signal, noise and a")
    print("3-level category; k=2, each fit in a fresh process limited to 4 GB of address space\n")
    rows = []
    for what in ("mrmr", "jmi", "MutualInfoSelector()", "partial_fit", "GiniSelector()"):
        for correction in ("off", "on"):
            result = subprocess.run(
                [sys.executable, "-c", textwrap.dedent(MEMORY_SCRIPT), what, correction],
                preexec_fn=_limited, capture_output=True, text=True, timeout=600,
            )  # fmt: skip
            if result.returncode:
                rows.append([what, correction, result.stderr.strip().splitlines()[-1], "", "", ""])
                continue
            out = json.loads(result.stdout)
            rows.append([what, correction, f"{out['seconds']:.2f}", f"{out['traced'] / 2**20:.0f}",
                         f"{out['resident'] / 2**20:.0f}", ", ".join(out["kept"])])  # fmt: skip
    headers = ["fit", "chance correction", "time (s)", "peak traced (MiB)",
               "peak resident (MiB)", "kept"]  # fmt: skip
    print_table(headers, rows)


ASU_SETS = ("BASEHOCK", "PCMAC", "RELATHE")
ASU_K = (10, 50, 100, 200)
ASU_SELECTORS = {
    "infogain": (MutualInfoSelector(k=200), "MutualInfoSelector()"),
    "gini": (GiniSelector(k=200), "GiniSelector()"),
    "mrmr": (MutualInfoSelector(k=100, redundancy="mrmr"), "MutualInfoSelector(redundancy='mrmr')"),
}


def published(path):
    """{(method, dataset, k): mean linear-SVM accuracy} of the ASU repository's results."""
    with open(path) as handle:
        return {
            (r["method"], r["dataset"], int(r["n_features"])): float(r["res_svm"])
            for r in csv.DictReader(handle)
            if r["n_features"]
        }


def asu_accuracies(X, y, selector, n_splits):
    """{k: [accuracy per split]} of LinearSVC on the k best columns chosen on the training half."""
    accuracies = {}
    for split in range(n_splits):
        order = np.random.default_rng(split).permutation(y.size)
        train, test = order[: y.size // 2], order[y.size // 2 :]
        fitted = clone(selector).fit(X[train], y[train])
        best_first = np.argsort(fitted.ranking_, kind="stable")
        for k in ASU_K:
            if k > selector.k:
                continue
            kept = best_first[:k]
            model = LinearSVC().fit(X[train][:, kept], y[train])
            accuracies.setdefault(k, []).append(model.score(X[test][:, kept], y[test]))
    return accuracies


def _paired(plain, corrected):
    """Mean difference over the same splits, and its standard error."""
    difference = np.subtract(corrected, plain)
    error = difference.std(ddof=1) / np.sqrt(difference.size) if difference.size > 1 else 0.0
    return f"{difference.mean():+.3f} ({error:.3f})"


def run_asu(folder, n_splits, n_splits_mrmr):
    reference = published(folder / "asu_results.csv")
    for name in ASU_SETS:
        data = np.load(folder / f"{name}.npz")
        X, y = data["X"], data["y"]
        print(f"\n{name}: {X.shape[0]} x {X.shape[1]}; linear-SVM accuracy, mean (sd) over "
              f"{n_splits} 50/50 splits ({n_splits_mrmr} for mrmr)\n")  # fmt: skip
        rows = []
        for method, (selector, label) in ASU_SELECTORS.items():
            splits = n_splits_mrmr if method == "mrmr" else n_splits
            start = time.perf_counter()
            found = {
                correction: asu_accuracies(
                    X, y, clone(selector).set_params(chance_correction=correction), splits
                )
                for correction in (False, True)
            }
            seconds = (time.perf_counter() - start) / (2 * splits)
            for k in sorted(found[True]):
                cells = [f"{np.mean(found[c][k]):.3f} ({np.std(found[c][k]):.3f})"
                         for c in (False, True)]  # fmt: skip
                ref = reference.get((method, name, k))
                rows.append([label, k, *cells, _paired(found[False][k], found[True][k]),
                             "-" if ref is None else f"{ref:.3f}", f"{seconds:.1f}"])  # fmt: skip
        headers = ["selector", "k", "plain", "corrected", "corrected - plain (se)",
                   f"published {'/'.join(ASU_SELECTORS)}", "s per split and fit"]  # fmt: skip
        print_table(headers, rows)


def run_madelon(path):
    data = np.load(path)
    relevant = set(data["relevant_features_derived"].tolist())
    X, y = data["X_train"], data["y_train"]
    print(f"\nMadelon: {X.shape[0]:,} x {X.shape[1]}, k=20: relevant columns found (of 20)\n")
    rows = []
    for name, selector in SELECTORS.items():
        found = []
        for correction in (False, True):
            params = dict(k=20, chance_correction=correction)
            kept = clone(selector).set_params(**params).fit(X, y).get_support(indices=True)
            found.append(f"{len(relevant & set(kept.tolist()))}/20")
        rows.append([name, *found])
    print_table(["selector", "plain", "corrected"], rows)


def run_spambase(path, names_path):
    data = np.load(path)
    names = pd.read_csv(names_path, nrows=0).columns[:57]
    X = pd.DataFrame(data["X"], columns=names)
    y = 1 - data["y"]  # the export in docs/user_guide/cli.md: spam = 1
    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
    print("\nSpambase, 4601 x 57: MutualInfoSelector(pruning_rate=0.8), as `skprune select`\n")
    ranked = {}
    for correction in (False, True):
        fitted = MutualInfoSelector(pruning_rate=0.8, chance_correction=correction).fit(X, y)
        order = np.argsort(fitted.ranking_, kind="stable")
        accuracy = cross_val_score(model, X.iloc[:, fitted.get_support()], y, cv=5).mean()
        ranked[correction] = (order, fitted.scores_, accuracy)
    rows = []
    for rank in range(13):
        cells = []
        for correction in (False, True):
            order, scores, _ = ranked[correction]
            cells += [names[order[rank]], f"{scores[order[rank]]:.4f}"]
        rows.append([rank + 1, *cells])
    print_table(["rank", "plain", "score", "corrected", "score"], rows)
    print(f"\nlogistic regression, 5-fold accuracy on the 12 kept: plain {ranked[False][2]:.3f}, "
          f"corrected {ranked[True][2]:.3f}")  # fmt: skip


def run_adult(path):
    """The UCI adult file read with its header line as data: every column becomes text."""
    table = pd.read_csv(path, header=None, skipinitialspace=True)
    table.columns = table.iloc[0].tolist()
    table = table.iloc[1:]
    y = (table.pop("Y") == ">50K").astype(int).to_numpy()
    print(f"\nadult.data read with header=None: {table.shape[0]:,} rows, {table.shape[1]} text"
          f" columns ('fnlwgt': {table['fnlwgt'].nunique():,} distinct values)\n")  # fmt: skip
    rows = []
    for name, selector in SELECTORS.items():
        for correction in (False, True):
            start = time.perf_counter()
            params = dict(k=3, chance_correction=correction)
            fitted = clone(selector).set_params(**params).fit(table, y)
            seconds = time.perf_counter() - start
            best = table.columns[np.argsort(fitted.ranking_, kind="stable")[:3]]
            rank = fitted.ranking_[table.columns.get_loc("fnlwgt")]
            rows.append([name, "on" if correction else "off", ", ".join(best), rank,
                         f"{seconds:.2f}"])  # fmt: skip
    print_table(["selector", "chance correction", "best 3", "rank of fnlwgt", "fit time (s)"], rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parts = ("ordinary", "memory", "adult", "asu", "madelon", "spambase")
    parser.add_argument("--part", action="append", choices=parts, help="run only these parts")
    parser.add_argument("--quick", action="store_true", help="fewer seeds and splits, for CI")
    parser.add_argument("--data", default=SHARED_DATA, help="the shared data folder")
    args = parser.parse_args()
    chosen = args.part or parts
    folder = type(SHARED_DATA)(args.data)
    if "ordinary" in chosen:
        run_ordinary(3 if args.quick else 20)
    if "memory" in chosen and sys.platform == "linux":
        run_memory()
    if "adult" in chosen and (folder / "uci" / "adult").exists():
        run_adult(folder / "uci" / "adult" / "adult.data")
    if "asu" in chosen and (folder / "skfeature").exists():
        run_asu(folder / "skfeature", *((2, 1) if args.quick else (20, 5)))
    if "madelon" in chosen and (folder / "madelon").exists():
        run_madelon(folder / "madelon" / "madelon.npz")
    if "spambase" in chosen and (folder / "spambase").exists():
        run_spambase(folder / "spambase" / "spambase.npz", folder / "uci/spambase/spambase.csv")


if __name__ == "__main__":
    main()
