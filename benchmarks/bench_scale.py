"""Selection on a table larger than memory, chunk by chunk on dask: time, rows/s, peak memory.

A table of 20 float32 columns is generated chunk by chunk by dask (a seed per chunk, so the first
rows of a larger table are the smaller table): 5 informative columns, a class target and a real
target. ``MutualInfoSelector`` and ``RidgePruner`` (k=5) select on it with dask's threaded
scheduler; the same selectors and scikit-learn then run in memory on the largest sample that
fits in the memory budget. Every case runs in a fresh process, whose peak resident memory
(VmHWM) is reported.

    python benchmarks/bench_scale.py            # 1 M, 10 M and 100 M rows (100 M: 16 GB at float64)
    python benchmarks/bench_scale.py --quick    # 200,000 rows, for CI
"""

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from _common import print_table

N_FEATURES, N_INFORMATIVE = 20, 5
WEIGHTS = np.array([1.0, 0.8, 0.6, 0.4, 0.3], dtype=np.float32)
BUDGET = 2 * 2**30  # bytes of peak resident memory allowed


def make_chunk(n_rows, index):
    """Rows of chunk ``index``: 20 features, then the class target, then the real target."""
    rng = np.random.default_rng([0, index])
    table = np.empty((n_rows, N_FEATURES + 2), dtype=np.float32)
    table[:, :N_FEATURES] = rng.standard_normal((n_rows, N_FEATURES), dtype=np.float32)
    signal = table[:, :N_INFORMATIVE] @ WEIGHTS + rng.standard_normal(n_rows, dtype=np.float32)
    table[:, N_FEATURES] = signal > 0
    table[:, N_FEATURES + 1] = signal
    return table


def chunk_sizes(n_rows, chunk_rows):
    return [chunk_rows] * (n_rows // chunk_rows) + [n_rows % chunk_rows] * (n_rows % chunk_rows > 0)


def dask_table(n_rows, chunk_rows):
    import dask.array as da

    sizes = chunk_sizes(n_rows, chunk_rows)

    def block(block_id=None):
        return make_chunk(sizes[block_id[0]], block_id[0])

    table = da.map_blocks(block, chunks=(tuple(sizes), (N_FEATURES + 2,)), dtype=np.float32)
    return table[:, :N_FEATURES], table[:, N_FEATURES], table[:, N_FEATURES + 1]


def memory_table(n_rows, chunk_rows):
    sizes = chunk_sizes(n_rows, chunk_rows)
    X = np.empty((n_rows, N_FEATURES), dtype=np.float32)
    y = np.empty(n_rows, dtype=np.float32)
    target = np.empty(n_rows, dtype=np.float32)
    start = 0
    for index, size in enumerate(sizes):
        chunk = make_chunk(size, index)
        X[start : start + size], y[start : start + size] = chunk[:, :-2], chunk[:, -2]
        target[start : start + size] = chunk[:, -1]
        start += size
    return X, y, target


def peak_rss():
    """Peak resident memory of this process in bytes (VmHWM; ru_maxrss where /proc is absent)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def run_case(case, n_rows, chunk_rows):
    """One measurement, in this (fresh) process: a dict printed as JSON."""
    from sklearn.feature_selection import mutual_info_classif
    from sklearn.linear_model import Ridge

    from skprune import MutualInfoSelector, RidgePruner

    selectors = {
        "mi": lambda: MutualInfoSelector(k=N_INFORMATIVE),
        "ridge": lambda: RidgePruner(k=N_INFORMATIVE),
    }
    kind, where = case.split("-")
    scores = None
    if where == "dask":
        import dask

        X, y, target = dask_table(n_rows, chunk_rows)
        with dask.config.set(scheduler="threads", num_workers=2):
            start = time.perf_counter()
            fitted = selectors[kind]().fit(X, y if kind == "mi" else target)
            seconds = time.perf_counter() - start
        kept, scores = fitted.get_support(indices=True), fitted.scores_
    else:
        X, y, target = memory_table(n_rows, chunk_rows)
        start = time.perf_counter()
        if where == "memory":
            fitted = selectors[kind]().fit(X, y if kind == "mi" else target)
            kept, scores = fitted.get_support(indices=True), fitted.scores_
        elif kind == "mi":  # scikit-learn's k-NN estimate
            kept = np.sort(np.argsort(-mutual_info_classif(X, y, random_state=0))[:N_INFORMATIVE])
        else:  # scikit-learn's Ridge, top k by |weight| (the columns share one scale)
            coef = Ridge(alpha=1.0).fit(X, target).coef_
            kept = np.sort(np.argsort(-np.abs(coef))[:N_INFORMATIVE])
        seconds = time.perf_counter() - start
    return {
        "case": case,
        "rows": n_rows,
        "seconds": seconds,
        "peak": peak_rss(),
        "kept": [int(j) for j in kept],
        "scores": None if scores is None else [float(s) for s in scores],
    }


def measure(case, n_rows, chunk_rows):
    command = [sys.executable, __file__, "--case", case, "--rows", str(n_rows)]
    command += ["--chunk-rows", str(chunk_rows)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def millions(n):
    return f"{n / 1e6:g} M"


def gigabytes(n):
    return f"{n / 2**30:.2f} GB"


def row_of(result, reference=None):
    rate = result["rows"] / result["seconds"]
    cells = [
        result["case"],
        millions(result["rows"]),
        gigabytes(result["rows"] * N_FEATURES * 8),
        f"{result['seconds']:.1f}",
        f"{rate / 1e6:.2f} M",
        gigabytes(result["peak"]),
        " ".join(map(str, result["kept"])),
    ]
    if reference is not None:
        cells.append(f"{rate / (reference['rows'] / reference['seconds']):.2f}")
    return cells


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="200,000 rows, for CI")
    parser.add_argument("--rows", type=int, nargs="+", help="row counts of the dask runs")
    parser.add_argument("--sample-rows", type=int, help="rows of the in-memory comparison")
    parser.add_argument("--sklearn-mi-rows", type=int, help="rows of mutual_info_classif")
    parser.add_argument("--chunk-rows", type=int, default=1_000_000)
    parser.add_argument("--case", help=argparse.SUPPRESS)
    args = parser.parse_args()
    try:
        import dask  # noqa: F401
    except ImportError:
        print("bench_scale.py: dask is not installed (pip install '.[dask]'); skipped.")
        return
    if args.case:
        print(json.dumps(run_case(args.case, args.rows[0], args.chunk_rows)))
        return
    if args.quick:
        rows, sample, knn_rows, chunk = [200_000], 200_000, 20_000, 50_000
    else:
        rows = args.rows or [1_000_000, 10_000_000, 100_000_000]
        sample, knn_rows, chunk = 10_000_000, 200_000, args.chunk_rows
    sample = args.sample_rows or sample
    knn_rows = args.sklearn_mi_rows or knn_rows

    print(f"## Scaling on dask (threaded scheduler, 2 workers; chunks of {chunk:,} rows)\n")
    scaling = {n: [measure(f"{kind}-dask", n, chunk) for kind in ("mi", "ridge")] for n in rows}
    headers = ["case", "rows", "data at float64", "seconds", "rows/s", "peak memory", "kept"]
    print_table(headers, [row_of(r) for n in rows for r in scaling[n]])

    print(f"\n## In memory, on the first {sample:,} rows of the same table\n")
    on_dask = {r["case"].split("-")[0]: r for r in measure_all(sample, chunk, rows, scaling)}
    memory = [
        measure("mi-memory", sample, chunk),
        measure("mi-sklearn", knn_rows, chunk),
        measure("ridge-memory", sample, chunk),
        measure("ridge-sklearn", sample, chunk),
    ]
    reference = {r["case"]: r for r in memory}
    table = []
    for result in memory:
        table.append(row_of(result, on_dask[result["case"].split("-")[0]]))
    print_table([*headers, "rows/s / dask's"], table)

    print("\n## Must show\n")
    largest = max(rows)
    for kind in ("mi", "ridge"):
        big = next(r for r in scaling[largest] if r["case"] == f"{kind}-dask")
        print(
            f"- {kind} on dask, {millions(largest)} rows: peak {gigabytes(big['peak'])} "
            f"(budget {gigabytes(BUDGET)}: {'ok' if big['peak'] <= BUDGET else 'EXCEEDED'}); "
            f"data at float64 is {largest * N_FEATURES * 8 / big['peak']:.1f}x the peak"
        )
        same = reference[f"{kind}-memory"]["kept"] == on_dask[kind]["kept"]
        gap = np.abs(
            np.subtract(reference[f"{kind}-memory"]["scores"], on_dask[kind]["scores"])
        ).max()
        print(
            f"- {kind} on {millions(sample)} rows: dask selection "
            f"{'equals' if same else 'DIFFERS FROM'} the in-memory one; max score difference "
            f"{gap:.2g}"
        )
    ratio = (reference["mi-memory"]["rows"] / reference["mi-memory"]["seconds"]) / (
        on_dask["mi"]["rows"] / on_dask["mi"]["seconds"]
    )
    print(f"- histogram MI per row: in memory {ratio:.2f}x the dask throughput (limit 3x)")


def measure_all(sample, chunk, rows, scaling):
    """The dask runs on ``sample`` rows: reused from the scaling runs when they have that size."""
    if sample in rows:
        return scaling[sample]
    return [measure(f"{kind}-dask", sample, chunk) for kind in ("mi", "ridge")]


if __name__ == "__main__":
    main()
