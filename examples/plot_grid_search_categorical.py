"""
Tuning how many columns to keep, on a DataFrame with categories
===============================================================

Tune how many columns to keep, in a Pipeline, on a DataFrame with categorical columns.

The selector scores categorical columns as they are (no encoding first), a ColumnTransformer
one-hot encodes whichever categorical columns survive, and GridSearchCV picks the pruning rate.
``memory`` caches the scores, so the ten candidate rates cost one scoring per fold.
The picture shows the scores of the selector the search kept.

Run it with ``python examples/plot_grid_search_categorical.py`` (``--quick`` for the size CI runs).
"""

import tempfile

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from _example import parse_args, save  # noqa: E402
from sklearn.compose import make_column_selector, make_column_transformer  # noqa: E402
from sklearn.model_selection import GridSearchCV  # noqa: E402
from sklearn.neighbors import KNeighborsClassifier  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.preprocessing import OneHotEncoder, StandardScaler  # noqa: E402

from skprune import FeatureScoreDisplay, MutualInfoSelector  # noqa: E402


def customers(n_samples, n_noise, random_state=0):
    """Who cancels a subscription: four columns matter (one of them categorical), the rest not."""
    rng = np.random.default_rng(random_state)
    frame = pd.DataFrame(
        {
            "plan": pd.Categorical(rng.choice(["basic", "plus", "family"], n_samples)),
            "region": pd.Categorical(rng.choice(list("NESW"), n_samples)),
            "monthly_fee": rng.gamma(4.0, 5.0, n_samples),
            "support_calls": rng.poisson(1.5, n_samples),
            "tenure_months": rng.integers(1, 72, n_samples),
        }
    )
    for j in range(n_noise):
        frame[f"noise_{j}"] = rng.normal(size=n_samples)
        frame[f"noise_cat_{j}"] = pd.Categorical(rng.choice(list("abcd"), n_samples))
    logit = (
        0.08 * (frame["monthly_fee"] - 20)
        + 0.9 * frame["support_calls"]
        - 0.05 * frame["tenure_months"]
        + frame["plan"].map({"basic": 0.0, "plus": -1.0, "family": 1.5}).astype(float)
    )
    churned = rng.random(n_samples) < 1 / (1 + np.exp(-logit))
    return frame, np.where(churned, "cancelled", "stayed")


def main():
    args = parse_args(__doc__)
    X, y = customers(n_samples=600 if args.quick else 4000, n_noise=4 if args.quick else 10)
    print(f"{X.shape[0]} customers, {X.shape[1]} columns ({(X.dtypes == 'category').sum()} "
          "categorical); 4 of them matter.")  # fmt: skip
    encode = make_column_transformer(
        (OneHotEncoder(handle_unknown="ignore"), make_column_selector(dtype_include="category")),
        remainder=StandardScaler(),
    )
    with tempfile.TemporaryDirectory() as cache:
        pipe = make_pipeline(
            MutualInfoSelector(memory=cache), encode, KNeighborsClassifier(n_neighbors=25)
        )
        rates = np.round(np.linspace(0.0, 0.9, 10), 2)
        search = GridSearchCV(pipe, {"mutualinfoselector__pruning_rate": rates}, cv=5).fit(X, y)
    selector = search.best_estimator_[0]
    print(f"best pruning_rate: {search.best_params_['mutualinfoselector__pruning_rate']} "
          f"(cross-validated accuracy {search.best_score_:.3f})")  # fmt: skip
    print(f"kept: {', '.join(selector.get_feature_names_out())}")
    display = FeatureScoreDisplay.from_estimator(selector, top_n=12)
    display.figure_.set_size_inches(6.5, 4)
    save(display.figure_, "feature_scores.png", args)


if __name__ == "__main__":
    main()
