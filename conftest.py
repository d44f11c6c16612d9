"""Without the optional dask extra, doctest collection leaves skprune's dask modules alone."""

try:
    import dask  # noqa: F401
except ImportError:
    collect_ignore = ["skprune/_dask.py", "skprune/_dask_linear.py"]
