"""Without the optional dask extra, doctest collection leaves skprune's dask modules alone."""

from pathlib import Path

# Every module that imports dask at its top; tests/test_architecture.py checks the list is complete.
DASK_MODULES = ["skprune/_core/_chunks.py", "skprune/_linear/_dask.py", "skprune/_scoring/_dask.py"]

try:
    import dask  # noqa: F401
except ImportError:
    collect_ignore = [str(Path(__file__).parent / path) for path in DASK_MODULES]
