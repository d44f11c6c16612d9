"""Reading and writing the table files of the command line: CSV, and Parquet with pyarrow."""

from pathlib import Path

import pandas as pd

PARQUET_SUFFIXES = (".parquet", ".pq")


class CommandError(Exception):
    """A problem with the user's input, reported as one line and exit code 2."""


def _is_parquet(path):
    return Path(path).suffix.lower() in PARQUET_SUFFIXES


def _needs_pyarrow(path):
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise CommandError(
            f"{path}: Parquet files need pyarrow; pip install pyarrow, or use CSV."
        ) from None


def read_table(path):
    """The table in ``path`` as a DataFrame; a CommandError naming the file when it is not one."""
    path = Path(path)
    if not path.is_file():
        raise CommandError(f"{path}: no such file.")
    try:
        if _is_parquet(path):
            _needs_pyarrow(path)
            table = pd.read_parquet(path)
        else:
            table = pd.read_csv(path)
    except pd.errors.EmptyDataError:
        raise CommandError(f"{path}: the file is empty.") from None
    except (pd.errors.ParserError, UnicodeDecodeError, ValueError, OSError) as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise CommandError(f"{path}: not a CSV or Parquet table ({reason}).") from None
    if table.shape[0] == 0:
        raise CommandError(f"{path}: the table has a header but no rows.")
    return table


def write_table(table, path):
    """Write ``table`` to ``path``: Parquet for .parquet/.pq, CSV otherwise."""
    path = Path(path)
    try:
        if _is_parquet(path):
            _needs_pyarrow(path)
            table.to_parquet(path, index=False)
        else:
            table.to_csv(path, index=False)
    except OSError as error:
        raise CommandError(f"{path}: cannot write ({error.strerror or error}).") from None
