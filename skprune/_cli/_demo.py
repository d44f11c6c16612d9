"""``skprune demo``: every selector on breast cancer data hidden among decoy columns, then the
pruners making a network and linear models smaller (``_demo_pruning``)."""

import time

import numpy as np
import pandas as pd
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from .._linear._lasso_pruner import LassoPruner
from .._linear._ridge_pruner import RidgePruner
from .._scoring._gini_selector import GiniSelector
from .._scoring._mutual_info_selector import MutualInfoSelector
from ._demo_pruning import run_pruning_demo
from ._text import text_table


def demo_data(random_state=0):
    """Breast cancer's 30 columns plus 30 decoys: each a shuffled copy of a real column.

    A decoy has the distribution of a real measurement but no relation to the diagnosis, so a
    selector that keeps one has been fooled.
    """
    X, y = load_breast_cancer(return_X_y=True, as_frame=True)
    rng = np.random.default_rng(random_state)
    decoys = pd.DataFrame(
        {f"decoy {name}": rng.permutation(X[name].to_numpy()) for name in X.columns},
        index=X.index,
    )
    return pd.concat([X, decoys], axis=1), y


def demo_selectors(k):
    return {
        "MutualInfoSelector()": MutualInfoSelector(k=k),
        "MutualInfoSelector(estimator='knn')": MutualInfoSelector(
            k=k, estimator="knn", random_state=0
        ),
        "MutualInfoSelector(redundancy='mrmr')": MutualInfoSelector(k=k, redundancy="mrmr"),
        "GiniSelector()": GiniSelector(k=k),
        "GiniSelector(method='forest')": GiniSelector(k=k, method="forest", random_state=0),
        "LassoPruner()": LassoPruner(k=k),
        "RidgePruner()": RidgePruner(k=k),
    }


def run_demo(k=10, cv=5, part="all", out=print):
    """Run the selection part, the pruning part, or both (``part="all"``)."""
    if part in ("selection", "all"):
        run_selection_demo(k=k, cv=cv, out=out)
    if part == "all":
        out("")
    if part in ("pruning", "all"):
        run_pruning_demo(out=out)


def run_selection_demo(k=10, cv=5, out=print):
    X, y = demo_data()
    out(
        f"Breast cancer: {X.shape[0]} samples, 30 real columns + 30 decoys (shuffled copies). "
        f"Each selector keeps k={k};\naccuracy is {cv}-fold cross-validated "
        "StandardScaler + LogisticRegression, selection refitted inside every fold.\n"
    )
    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000))
    baseline = cross_val_score(model, X, y, cv=cv).mean()
    rows = [("all 60 columns", "-", "-", f"{baseline:.3f}", "-")]
    kept_names = {}
    for name, selector in demo_selectors(k).items():
        start = time.perf_counter()
        selector.fit(X, y)
        seconds = time.perf_counter() - start
        kept = selector.get_feature_names_out()
        kept_names[name] = kept
        decoys = sum(column.startswith("decoy") for column in kept)
        pipe = make_pipeline(StandardScaler(), selector, LogisticRegression(max_iter=2000))
        accuracy = cross_val_score(pipe, X, y, cv=cv).mean()
        rows.append((name, str(len(kept)), str(decoys), f"{accuracy:.3f}", f"{seconds:.3f}"))
    headers = ("selector", "kept", "decoys kept", "CV accuracy", "fit time (s)")
    for line in text_table(headers, rows):
        out(line)
    out("")
    for name, kept in kept_names.items():
        out(f"{name} keeps: {', '.join(kept)}")
    return rows
