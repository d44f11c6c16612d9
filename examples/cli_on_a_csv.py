"""
The command line on a CSV file
==============================

The command line on a CSV file: rank its columns, keep the best, write them out.

Writes breast cancer data (with its diagnosis as a text column) to a CSV file in a temporary
folder and runs, as from a shell::

    skprune select cancer.csv --target diagnosis --k 8 --output kept.csv --scores scores.csv

Run it with ``python examples/cli_on_a_csv.py`` (``--quick`` for the size CI runs).
"""

import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd
from _example import parse_args
from sklearn.datasets import load_breast_cancer


def main():
    parse_args(__doc__)  # quick or not, this runs in a few seconds
    data = load_breast_cancer(as_frame=True)
    table = data.frame.rename(columns={"target": "diagnosis"})
    table["diagnosis"] = data.target_names[data.target]
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        table.to_csv(folder / "cancer.csv", index=False)
        command = ["select", "cancer.csv", "--target", "diagnosis", "--k", "8",
                   "--output", "kept.csv", "--scores", "scores.csv"]  # fmt: skip
        print("$ skprune " + " ".join(command))
        # "python -m skprune" is the "skprune" console script, run by this Python.
        result = subprocess.run([sys.executable, "-m", "skprune", *command], cwd=folder)
        if result.returncode != 0:
            sys.exit(result.returncode)
        kept = pd.read_csv(folder / "kept.csv")
        print(f"\nkept.csv: {kept.shape[0]} rows, columns: {', '.join(kept.columns)}")


if __name__ == "__main__":
    main()
