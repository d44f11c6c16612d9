"""
Stability selection over the L1 path
====================================

Which features are really related to the target? Stability selection over the L1 path.

StabilitySelector refits a LassoPruner on 100 half-samples of the rows (50 complementary pairs)
and counts how often each feature has a non-zero weight at each penalty. Here the table has
100 rows and 1,000 features, of which five carry the signal (weights 3, -3, 2.5, -2.5 and 2,
unit noise). The features selected in at least 60 % of the fits are kept, and the selector
reports the bound on the expected number of noise features among them. The path ends where
the fit on all rows selects the q whose bound is one noise feature; the half-sample fits
select more along the way, so the bound reported for them is looser.

Run it with ``python examples/plot_stability_path.py`` (``--quick`` for the size CI runs).
"""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
from _example import parse_args, save  # noqa: E402

from skprune import LassoPruner, StabilityPathDisplay, StabilitySelector  # noqa: E402


def main():
    args = parse_args(__doc__)
    rng = np.random.default_rng(0)
    n_features = 200 if args.quick else 1000
    X = rng.normal(size=(100, n_features))
    y = X[:, :5] @ np.array([3, -3, 2.5, -2.5, 2]) + rng.normal(size=100)
    selector = StabilitySelector(
        LassoPruner(task="regression"), n_pairs=10 if args.quick else 50, random_state=0
    ).fit(X, y)
    kept = selector.get_support(indices=True)
    print(f"kept {len(kept)} of {n_features} features: {kept.tolist()}")
    print(f"their frequencies: {selector.frequencies_[kept].round(2).tolist()}")
    print(
        f"largest frequency of a noise feature: {np.delete(selector.frequencies_, kept).max():.2f}"
    )
    print(
        f"features selected per fit, q = {selector.mean_selected_:.1f}; expected noise features "
        f"kept at threshold {selector.threshold_}: at most {selector.false_selection_bound_:.3f}"
    )
    display = StabilityPathDisplay.from_estimator(selector)
    display.ax_.set_title(f"Stability path: LassoPruner, 100 rows x {n_features} features")
    display.figure_.set_size_inches(6.5, 4)
    save(display.figure_, "stability_path.png", args)


if __name__ == "__main__":
    main()
