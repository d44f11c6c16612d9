"""The ``skprune`` command line: ``skprune demo`` and ``skprune select``."""

from ._main import main

__all__ = ["main"]
