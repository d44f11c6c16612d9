"""What every skprune estimator shares: the base class, the selection rule, input validation,
the score cache, scikit-learn's private helpers, chunked (dask) reductions and shared docstrings."""
