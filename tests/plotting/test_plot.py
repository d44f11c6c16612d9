"""The Display classes: what they draw, and how they refuse what they cannot draw."""

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import make_classification
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from skprune import (
    FeatureScoreDisplay,
    GiniSelector,
    LassoPruner,
    MutualInfoSelector,
    PruningCurveDisplay,
)

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
plt = pytest.importorskip("matplotlib.pyplot")


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def data():
    X, y = make_classification(
        n_samples=300, n_features=12, n_informative=3, n_redundant=0, n_clusters_per_class=1,
        class_sep=1.5, shuffle=False,
        random_state=0,
    )  # fmt: skip
    return pd.DataFrame(X, columns=[f"f{j}" for j in range(12)]), y


def test_importing_skprune_does_not_import_matplotlib():
    code = "import sys, skprune; print('matplotlib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def test_feature_scores_draw_one_bar_per_feature_best_first_kept_highlighted(data):
    X, y = data
    selector = MutualInfoSelector(k=3).fit(X, y)
    display = FeatureScoreDisplay.from_estimator(selector, top_n=8)
    bars = list(display.bars_)
    assert len(bars) == 8
    # Best at the top: bar heights (widths of horizontal bars) fall from top to bottom.
    widths = [bar.get_width() for bar in sorted(bars, key=lambda bar: -bar.get_y())]
    assert widths == sorted(widths, reverse=True)
    np.testing.assert_allclose(sorted(widths, reverse=True), np.sort(selector.scores_)[::-1][:8])
    labels = [tick.get_text() for tick in display.ax_.get_yticklabels()]
    assert set(labels[:3]) == {"f0", "f1", "f2"}  # the top three are the informative ones
    colours = {tuple(bar.get_facecolor()) for bar in bars[:3]}
    assert len(colours) == 1 and colours != {tuple(bars[-1].get_facecolor())}
    assert display.ax_.get_title() == "3 of 12 features kept (best 8 shown)"
    assert "mutual information" in display.ax_.get_xlabel()
    assert [t.get_text() for t in display.ax_.get_legend().get_texts()] == ["kept", "pruned"]
    assert display.figure_ is display.ax_.figure


def test_feature_scores_of_an_array_fit_name_columns_and_show_all(data):
    X, y = data
    selector = LassoPruner(k=4).fit(X.to_numpy(), y)
    display = FeatureScoreDisplay.from_estimator(selector, top_n=None)
    assert len(display.bars_) == 12
    assert "x0" in [tick.get_text() for tick in display.ax_.get_yticklabels()]


def test_unfitted_selector_is_a_clear_value_error():
    with pytest.raises(ValueError, match="not fitted"):
        FeatureScoreDisplay.from_estimator(GiniSelector())
    assert issubclass(NotFittedError, ValueError)


def test_pruning_curve_of_a_pipeline_finds_the_step_and_marks_the_best_rate(data):
    X, y = data
    pipe = make_pipeline(StandardScaler(), GiniSelector(), LogisticRegression())
    rates = [0.0, 0.5, 0.75, 0.9]
    display = PruningCurveDisplay.from_estimator(pipe, X, y, param_range=rates, cv=3)
    assert display.test_scores.shape == (4, 3)
    np.testing.assert_array_equal(display.line_.get_xdata(), rates)
    np.testing.assert_allclose(display.line_.get_ydata(), display.test_scores.mean(axis=1))
    best = display.best_index_
    assert display.best_marker_.get_xdata()[0] == rates[best]
    assert display.test_scores.mean(axis=1)[best] == display.test_scores.mean(axis=1).max()
    # The band spans one standard deviation around the mean at every rate.
    band = display.fill_between_.get_paths()[0].vertices
    spread = display.test_scores.std(axis=1)
    assert band[:, 1].max() == pytest.approx((display.test_scores.mean(axis=1) + spread).max())
    assert display.ax_.get_xlabel() == "pruning_rate"
    assert display.ax_.get_ylabel() == "cross-validated score"
    legend = [t.get_text() for t in display.ax_.get_legend().get_texts()]
    assert legend[0] == "mean of 3 folds" and legend[-1].startswith("best: pruning_rate=")


def test_pruning_curve_over_k_of_a_bare_selector(data):
    X, y = data
    display = PruningCurveDisplay.from_estimator(
        LassoPruner(task="classification"), X, y, param_name="k", param_range=[1, 3, 6], cv=2,
        scoring="accuracy",
    )  # fmt: skip
    assert display.ax_.get_xlabel() == "k"
    assert display.ax_.get_ylabel() == "cross-validated accuracy"
    assert display.param_range[display.best_index_] in (3, 6)  # three informative columns


@pytest.mark.parametrize(
    "estimator, param_name, match",
    [
        (make_pipeline(GiniSelector(), LogisticRegression()), "alpha", "no skprune estimator"),
        (LogisticRegression(), "pruning_rate", "no skprune estimator"),
        (
            make_pipeline(GiniSelector(), MutualInfoSelector(), LogisticRegression()),
            "pruning_rate",
            "several skprune steps",
        ),
        (make_pipeline(GiniSelector(), LogisticRegression()), "k", "param_range is needed"),
    ],
)
def test_pruning_curve_refuses_a_parameter_it_cannot_find(data, estimator, param_name, match):
    X, y = data
    with pytest.raises(ValueError, match=match):
        PruningCurveDisplay.from_estimator(estimator, X, y, param_name=param_name)


def test_a_full_step_name_resolves_an_ambiguous_parameter(data):
    X, y = data
    pipe = make_pipeline(GiniSelector(k=8), MutualInfoSelector(), LogisticRegression())
    display = PruningCurveDisplay.from_estimator(
        pipe, X, y, param_name="mutualinfoselector__k", param_range=[2, 4], cv=2
    )
    assert display.ax_.get_xlabel() == "mutualinfoselector__k"


def test_missing_matplotlib_names_the_plot_extra(data, monkeypatch):
    X, y = data
    selector = GiniSelector(k=2).fit(X, y)
    for name in [name for name in sys.modules if name.startswith("matplotlib")]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(ImportError, match=r'pip install "skprune\[plot\]"'):
        FeatureScoreDisplay.from_estimator(selector)
    with pytest.raises(ImportError, match=r'pip install "skprune\[plot\]"'):
        PruningCurveDisplay.from_estimator(selector, X, y)


def test_pruning_history_draws_a_point_per_round_and_a_bar_per_layer():
    from sklearn.datasets import load_digits
    from sklearn.neural_network import MLPClassifier

    from skprune import MLPPruner, PruningHistoryDisplay

    X, y = load_digits(return_X_y=True)
    net = MLPClassifier(hidden_layer_sizes=(16, 8), max_iter=30, random_state=0)
    pruner = MLPPruner(net, pruning_rate=0.7, n_iterations=3, fine_tune_iter=3).fit(X / 16, y)
    display = PruningHistoryDisplay.from_estimator(pruner)
    history = pruner.pruning_history_
    np.testing.assert_allclose(
        display.loss_line_.get_xdata(), [100 * entry["sparsity"] for entry in history]
    )
    np.testing.assert_allclose(display.loss_line_.get_ydata(), [entry["loss"] for entry in history])
    assert len(display.loss_line_.get_xdata()) == 4  # round 0, then three rounds
    heights = [bar.get_height() for bar in display.layer_bars_]
    np.testing.assert_allclose(heights, 100 * np.asarray(pruner.sparsity_["layers"]))
    labels = [tick.get_text() for tick in display.ax_[1].get_xticklabels()]
    assert labels == ["layer 1", "layer 2", "layer 3"]
    assert display.ax_[0].get_xlabel() == "weights pruned (%)"
    with pytest.raises(ValueError, match="not fitted"):
        PruningHistoryDisplay.from_estimator(MLPPruner(net))
    with pytest.raises(ValueError, match="needs a fitted MLPPruner"):
        PruningHistoryDisplay.from_estimator(GiniSelector().fit(X[:, :5], y))


def test_stability_path_draws_every_feature_and_the_threshold():
    from skprune import StabilityPathDisplay, StabilitySelector

    rng = np.random.default_rng(0)
    X = rng.normal(size=(100, 50))
    y = 3 * X[:, 0] - 2 * X[:, 1] + rng.normal(size=100)
    selector = StabilitySelector(LassoPruner(task="regression"), n_pairs=5, random_state=0)
    display = StabilityPathDisplay.from_estimator(selector.fit(X, y))
    assert len(display.lines_) == 50
    by_label = {line.get_label(): line for line in display.lines_}
    assert set(selector.get_support(indices=True)) == {0, 1}
    for j in (0, 1):
        np.testing.assert_allclose(by_label[f"x{j}"].get_ydata(), selector.path_frequencies_[:, j])
    assert display.threshold_line_.get_ydata()[0] == selector.threshold_
    assert display.ax_.xaxis_inverted()


def test_stability_bars_without_a_path_and_refusal_before_fit(data):
    from skprune import StabilityPathDisplay, StabilitySelector

    X, y = data
    selector = StabilitySelector(MutualInfoSelector(k=3), n_pairs=3, random_state=0)
    with pytest.raises(NotFittedError):
        StabilityPathDisplay.from_estimator(selector)
    display = StabilityPathDisplay.from_estimator(selector.fit(X, y), top_n=5)
    heights = [bar.get_height() for bar in display.bars_]
    assert heights == sorted(selector.frequencies_, reverse=True)[:5]
    assert display.lines_ == []
