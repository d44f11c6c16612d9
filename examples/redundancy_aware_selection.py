"""
Redundancy-aware selection
==========================

Redundancy-aware selection: do not keep five copies of the same information.

Breast cancer's 30 columns are ten measurements of a cell nucleus, each as a mean, a standard
error and a worst value; radius, perimeter and area are nearly the same number. Ranked by
relevance alone, the best columns are copies of each other. mRMR (relevance minus redundancy with
the columns already chosen) and JMI (joint mutual information) pick columns that add something.
The table shows, for k = 5 columns kept, which ones, how correlated they are, and the
cross-validated accuracy of a logistic regression on them.

Run it with ``python examples/redundancy_aware_selection.py`` (``--quick`` for the size CI runs).
"""

import numpy as np
from _example import parse_args
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from skprune import MutualInfoSelector

K = 5


def main():
    args = parse_args(__doc__)
    X, y = load_breast_cancer(return_X_y=True, as_frame=True)
    cv = 3 if args.quick else 10
    for redundancy in (None, "mrmr", "jmi"):
        selector = MutualInfoSelector(k=K, redundancy=redundancy)
        kept = selector.fit(X, y).get_feature_names_out()
        corr = np.abs(np.corrcoef(X[kept].to_numpy(), rowvar=False))
        mean_corr = corr[np.triu_indices(K, 1)].mean()
        pipe = make_pipeline(selector, StandardScaler(), LogisticRegression(max_iter=1000))
        accuracy = cross_val_score(pipe, X, y, cv=cv).mean()
        print(f"redundancy={redundancy!r}: mean |correlation| between the kept columns "
              f"{mean_corr:.2f}, {cv}-fold accuracy {accuracy:.3f}")  # fmt: skip
        print(f"    kept: {', '.join(kept)}")


if __name__ == "__main__":
    main()
