"""Small helpers shared by the benchmark scripts: timing, peak memory, table printing."""

import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"


def measure(function, *args, **kwargs):
    """(result, seconds, peak traced bytes) of one call; numpy reports buffers to tracemalloc."""
    tracemalloc.start()
    start = time.perf_counter()
    result = function(*args, **kwargs)
    seconds = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return result, seconds, peak


def peak_resident(function, *args, **kwargs):
    """(result, peak resident bytes above those at the call) of one call; None off Linux.

    Unlike the traced peak it counts what compiled code allocates itself (liblinear's copy of its
    input, for one). Linux resets the peak (VmHWM) to the current resident size on request.
    """
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return function(*args, **kwargs), None
    start = _status_bytes("VmRSS")
    result = function(*args, **kwargs)
    return result, _status_bytes("VmHWM") - start


def _status_bytes(field):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) * 1024
    raise KeyError(field)


def best_time(function, *args, repeat=3, **kwargs):
    """(result, best seconds over ``repeat`` calls): the least disturbed run."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        result = function(*args, **kwargs)
        best = min(best, time.perf_counter() - start)
    return result, best


def print_table(headers, rows):
    """A GitHub-flavoured markdown table, pasted as printed into docs/user_guide/benchmarks/."""
    cells = [[str(c) for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in cells:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |")


def interleaved(functions, rounds):
    """name -> (result, best seconds) of each function of a dict.

    Every round calls each function once, in turn, so that a change of the machine's load hits
    all of them alike; the best of the rounds is the least disturbed.
    """
    found = {}
    for _ in range(rounds):
        for name, function in functions.items():
            start = time.perf_counter()
            result = function()
            seconds = time.perf_counter() - start
            found[name] = (result, min(seconds, found.get(name, (None, float("inf")))[1]))
    return found
