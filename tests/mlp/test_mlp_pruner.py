"""MLPPruner: what pruning costs on load_digits, masked fine-tuning, structure, bad input."""

import pickle
import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone, is_classifier, is_regressor
from sklearn.datasets import load_digits, make_classification, make_regression
from sklearn.exceptions import ConvergenceWarning, NotFittedError
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, train_test_split
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from skprune import MLPPruner
from skprune._mlp import _sklearn_private
from skprune._mlp._criteria import backprop_batches, input_scores, unit_scores, weight_scores
from skprune._mlp._masked import fine_tune
from skprune._mlp._pruner import schedule
from skprune._mlp._sklearn_private import backprop
from skprune._mlp._structure import remove_units

pytestmark = pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")

# Fine-tuning settings that recover a pruned digits network in about a second.
FINE_TUNE = dict(fine_tune_iter=50, fine_tune_learning_rate=0.01)


@pytest.fixture(scope="module")
def digits():
    X, y = load_digits(return_X_y=True)
    return train_test_split(X / 16.0, y, test_size=0.3, stratify=y, random_state=0)


@pytest.fixture(scope="module")
def dense(digits):
    X_train, _, y_train, _ = digits
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return MLPClassifier(hidden_layer_sizes=(100,), max_iter=200, random_state=0).fit(
            X_train, y_train
        )


@pytest.fixture(scope="module")
def dense_two_layers(digits):
    X_train, _, y_train, _ = digits
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return MLPClassifier(hidden_layer_sizes=(64, 32), max_iter=200, random_state=0).fit(
            X_train, y_train
        )


def prune(network, digits, **params):
    X_train, X_test, y_train, y_test = digits
    pruner = MLPPruner(network, prefit=True, **params).fit(X_train, y_train)
    return pruner, pruner.score(X_test, y_test)


# --- The facts of the issue, on load_digits --------------------------------------------------


def test_ninety_percent_of_weights_cost_at_most_one_point(dense, digits):
    dense_accuracy = dense.score(digits[1], digits[3])
    pruner, accuracy = prune(dense, digits, pruning_rate=0.9, **FINE_TUNE)
    assert pruner.sparsity_["overall"] == pytest.approx(0.9, abs=1e-3)
    assert accuracy >= dense_accuracy - 0.01


def test_half_the_neurons_cost_at_most_one_and_a_half_points_and_layers_shrink(
    dense_two_layers, digits
):
    dense_accuracy = dense_two_layers.score(digits[1], digits[3])
    pruner, accuracy = prune(
        dense_two_layers, digits, pruning_rate=0.5, granularity="neuron", scope="layer",
        criterion="activation", **FINE_TUNE,
    )  # fmt: skip
    network = pruner.estimator_
    assert network.hidden_layer_sizes == (32, 16)
    assert [W.shape for W in network.coefs_] == [(64, 32), (32, 16), (16, 10)]
    assert [b.shape for b in network.intercepts_] == [(32,), (16,), (10,)]
    assert [s.sum() for s in pruner.unit_support_] == [32, 16]
    assert accuracy >= dense_accuracy - 0.015


def test_random_pruning_is_measurably_worse_than_magnitude_at_95_percent(dense, digits):
    _, magnitude = prune(dense, digits, pruning_rate=0.95, **FINE_TUNE)
    _, random = prune(dense, digits, pruning_rate=0.95, criterion="random", random_state=0,
                      **FINE_TUNE)  # fmt: skip
    assert magnitude - random >= 0.05


@pytest.mark.parametrize("solver", ["adam", "sgd", "lbfgs"])
def test_pruned_weights_and_optimizer_state_stay_zero_after_fine_tuning(digits, solver):
    X_train, _, y_train, _ = digits
    network = MLPClassifier(hidden_layer_sizes=(32,), solver=solver, max_iter=30,
                            random_state=0)  # fmt: skip
    pruner = MLPPruner(network, pruning_rate=0.8, n_iterations=2, fine_tune_iter=5)
    pruner.fit(X_train, y_train)
    fitted = pruner.estimator_
    for W, mask in zip(fitted.coefs_, pruner.masks_, strict=True):
        assert not W[~mask].any()
        assert np.count_nonzero(W[mask]) == mask.sum()  # the kept weights did train
    if solver == "adam":
        n_layers = len(pruner.masks_)  # the optimiser's lists hold coefs_ then intercepts_
        for mask, m, v in zip(pruner.masks_, fitted._optimizer.ms[:n_layers],
                              fitted._optimizer.vs[:n_layers], strict=True):  # fmt: skip
            assert not m[~mask].any() and not v[~mask].any()
    if solver == "sgd":
        for velocity, mask in zip(fitted._optimizer.velocities, pruner.masks_, strict=False):
            assert not velocity[~mask].any()


def test_every_round_of_fine_tuning_runs_its_epochs(digits):
    # The dense fit stops on a stale best loss; a round must not inherit it and stop at once.
    X_train, _, y_train, _ = digits
    network = MLPClassifier(hidden_layer_sizes=(32,), max_iter=300, n_iter_no_change=2,
                            tol=1e-3, random_state=0)  # fmt: skip
    pruner = MLPPruner(network, pruning_rate=0.9, n_iterations=3, fine_tune_iter=4)
    pruner.fit(X_train, y_train)
    assert [entry["n_epochs"] for entry in pruner.pruning_history_] == [None, 4, 4, 4]
    assert pruner.estimator_.max_iter == 300
    assert pruner.estimator_.warm_start is False


def test_early_stopping_does_not_restore_the_dense_weights(digits):
    X_train, _, y_train, _ = digits
    network = MLPClassifier(hidden_layer_sizes=(32,), early_stopping=True, random_state=0)
    pruner = MLPPruner(network, pruning_rate=0.9, fine_tune_iter=10).fit(X_train, y_train)
    assert pruner.sparsity_["overall"] == pytest.approx(0.9, abs=1e-3)
    last = pruner.pruning_history_[-1]
    assert 0.5 < last["validation_score"] <= 1.0


def test_iterative_schedule_removes_the_same_share_each_round(digits):
    X_train, _, y_train, _ = digits
    network = MLPClassifier(hidden_layer_sizes=(32,), max_iter=50, random_state=0)
    pruner = MLPPruner(network, pruning_rate=0.875, n_iterations=3, fine_tune_iter=2)
    pruner.fit(X_train, y_train)
    sparsity = [entry["sparsity"] for entry in pruner.pruning_history_]
    # kept fractions 1, 1/2, 1/4, 1/8
    np.testing.assert_allclose(sparsity, [0, 0.5, 0.75, 0.875], atol=2e-3)
    losses = [entry["loss"] for entry in pruner.pruning_history_]
    assert all(np.isfinite(losses))
    assert schedule(1000, 3, 3, pruning_rate=0.9, k=None) == 100
    assert schedule(1000, 1, 2, pruning_rate=0.5, k=250) == 500


def test_layer_scope_prunes_every_layer_alike_and_the_output_cap_holds(dense_two_layers, digits):
    pruner, _ = prune(dense_two_layers, digits, pruning_rate=0.9, scope="layer",
                      max_output_rate=None, fine_tune_iter=0)  # fmt: skip
    np.testing.assert_allclose(pruner.sparsity_["layers"], 0.9, atol=2e-3)
    pruner, _ = prune(dense_two_layers, digits, pruning_rate=0.95, max_output_rate=0.5,
                      fine_tune_iter=0)  # fmt: skip
    assert pruner.sparsity_["layers"][-1] <= 0.5
    assert pruner.sparsity_["overall"] == pytest.approx(0.95, abs=1e-3)


# --- Criteria and structure -------------------------------------------------------------------


def test_gradient_criteria_are_sums_of_per_sample_backprop_gradients(dense, digits):
    X, Y = digits[0][:20], dense._label_binarizer.transform(digits[2][:20])
    network = clone(dense).set_params(alpha=0.0)
    network.__dict__.update({k: v for k, v in vars(dense).items() if k.endswith("_")})
    per_sample = []
    for n in range(20):
        grads = [None] * 2
        backprop(network, X[n : n + 1], Y[n : n + 1], [X[n : n + 1], None, None],
                 [None] * 2, grads, [None] * 2)  # fmt: skip
        per_sample.append([g.copy() for g in grads])
    gradient = weight_scores(network, "gradient", X, Y)
    taylor = weight_scores(network, "taylor", X, Y)
    for i, W in enumerate(network.coefs_):
        g = np.array([grads[i] for grads in per_sample])
        np.testing.assert_allclose(gradient[i], (g**2).mean(axis=0), rtol=1e-8, atol=1e-14)
        np.testing.assert_allclose(taylor[i], np.abs(W * g).mean(axis=0), rtol=1e-8, atol=1e-14)
    assert len(list(backprop_batches(network, X, Y, batch_size=7))) == 3


def test_apoz_and_activation_read_the_hidden_outputs(dense, digits):
    X, Y = digits[0], dense._label_binarizer.transform(digits[2])
    hidden = np.maximum(X @ dense.coefs_[0] + dense.intercepts_[0], 0)
    (apoz,) = unit_scores(dense, "apoz", X, Y)
    (activation,) = unit_scores(dense, "activation", X, Y)
    np.testing.assert_allclose(apoz, (hidden > 0).mean(axis=0))
    np.testing.assert_allclose(activation, hidden.mean(axis=0))


def test_removing_a_constant_unit_folds_it_into_the_next_intercept(dense, digits):
    network = pickle.loads(pickle.dumps(dense))
    network.coefs_[0][:, 3] = 0.0  # unit 3 now outputs relu(its bias) whatever the input
    before = network.predict_proba(digits[1])
    keep = np.ones(100, dtype=bool)
    keep[3] = False
    fill = np.maximum(network.intercepts_[0], 0)
    remove_units(network, 1, keep, fill=fill)
    assert network.coefs_[0].shape == (64, 99) and network.hidden_layer_sizes == (99,)
    np.testing.assert_allclose(network.predict_proba(digits[1]), before, atol=1e-12)


def test_fine_tune_restores_the_networks_parameters(dense, digits):
    network = pickle.loads(pickle.dumps(dense))
    masks = [np.abs(W) > np.median(np.abs(W)) for W in network.coefs_]
    for W, mask in zip(network.coefs_, masks, strict=True):
        W[~mask] = 0
    assert fine_tune(network, digits[0], digits[2], n_epochs=3, masks=masks) == 3
    assert network.get_params() == dense.get_params()
    assert "_backprop" not in vars(network)


# --- Results and delegation -------------------------------------------------------------------


def test_estimator_is_a_plain_picklable_network(dense, digits):
    pruner, _ = prune(dense, digits, pruning_rate=0.9, fine_tune_iter=2)
    blob = pickle.dumps(pruner.estimator_)
    assert b"skprune" not in blob
    restored = pickle.loads(blob)
    assert type(restored) is MLPClassifier
    np.testing.assert_array_equal(restored.predict(digits[1]), pruner.predict(digits[1]))


def test_sparse_inference_matches_dense(dense, digits):
    pruner, _ = prune(dense, digits, pruning_rate=0.95, fine_tune_iter=0)
    layers = pruner.to_sparse()
    assert [L.shape for L in layers] == [W.shape for W in pruner.estimator_.coefs_]
    assert sum(L.nnz for L in layers) == 7400 - int(0.95 * 7400)
    X = digits[1]
    np.testing.assert_allclose(pruner.predict_proba(X, sparse=True), pruner.predict_proba(X))
    np.testing.assert_array_equal(pruner.predict(X, sparse=True), pruner.predict(X))


def test_sparse_inference_of_a_regressor():
    X, y = make_regression(n_samples=200, n_features=10, random_state=0)
    net = MLPRegressor(hidden_layer_sizes=(16,), solver="lbfgs", max_iter=200, random_state=0)
    pruner = MLPPruner(net, pruning_rate=0.7, fine_tune_iter=5).fit(X, y)
    assert is_regressor(pruner) and not hasattr(pruner, "predict_proba")
    assert not hasattr(pruner, "classes_")
    np.testing.assert_allclose(pruner.predict(X, sparse=True), pruner.predict(X))
    assert pruner.score(X, y) == pruner.estimator_.score(X, y)


def test_transform_keeps_inputs_with_a_remaining_weight(dense, digits):
    pruner, _ = prune(dense, digits, pruning_rate=0.97, fine_tune_iter=0)
    support = pruner.get_support()
    np.testing.assert_array_equal(support, pruner.estimator_.coefs_[0].any(axis=1))
    assert 0 < support.sum() < 64
    np.testing.assert_array_equal(pruner.transform(digits[1]), digits[1][:, support])


def test_pipeline_and_grid_search_with_default_scoring(digits):
    X_train, X_test, y_train, y_test = digits
    net = MLPClassifier(hidden_layer_sizes=(16,), solver="lbfgs", max_iter=100, random_state=0)
    pruner = MLPPruner(net, fine_tune_iter=5)
    assert is_classifier(pruner)
    search = GridSearchCV(pruner, {"pruning_rate": [0.5, 0.9]}, cv=2).fit(X_train, y_train)
    assert search.best_params_["pruning_rate"] in (0.5, 0.9)
    assert search.score(X_test, y_test) > 0.8
    pipe = make_pipeline(MLPPruner(net, pruning_rate=0.95, fine_tune_iter=0), LogisticRegression())
    pipe.fit(X_train, y_train)
    assert pipe[0].get_support().sum() < 64
    np.testing.assert_array_equal(pipe.classes_, np.arange(10))


def test_default_estimator_is_an_mlp_classifier(digits):
    pruner = MLPPruner(pruning_rate=0.5, fine_tune_iter=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        pruner.fit(digits[0][:300], digits[2][:300])
    assert type(pruner.estimator_) is MLPClassifier
    np.testing.assert_array_equal(pruner.classes_, np.arange(10))
    assert pruner.predict_log_proba(digits[1]).shape == (540, 10)


# --- Input features pruned as units ------------------------------------------------------------


@pytest.fixture(scope="module")
def five_of_twenty():
    """Five informative columns first, then fifteen of noise, standardised; a trained network."""
    X, y = make_classification(n_samples=1500, n_features=20, n_informative=5, n_redundant=0,
                               shuffle=False, random_state=0)  # fmt: skip
    X = StandardScaler().fit_transform(X)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, stratify=y,
                                                        random_state=0)  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        net = MLPClassifier(hidden_layer_sizes=(32,), alpha=1e-2, max_iter=300, random_state=0)
        net.fit(X_train, y_train)
    return net, (X_train, X_test, y_train, y_test)


def prune_inputs(net, data, **params):
    X_train, X_test, y_train, y_test = data
    pruner = MLPPruner(net, prefit=True, granularity="neuron", pruning_rate=0.25,
                       input_pruning_rate=0.75, fine_tune_iter=20, random_state=0,
                       **params)  # fmt: skip
    pruner.fit(X_train, y_train)
    return pruner, pruner.score(X_test, y_test)


@pytest.mark.parametrize("criterion", ["magnitude", "gradient", "taylor"])
def test_inputs_pruned_as_units_are_the_noise_columns(five_of_twenty, criterion):
    net, data = five_of_twenty
    pruner, accuracy = prune_inputs(net, data, criterion=criterion)
    support = pruner.get_support()
    assert support.sum() == 5
    assert support[:5].sum() >= 4
    assert accuracy >= net.score(data[1], data[3]) - 0.01
    assert pruner.estimator_.hidden_layer_sizes == (24,)
    _, random_accuracy = prune_inputs(net, data, criterion="random")
    assert accuracy - random_accuracy >= 0.1


def test_removed_inputs_stay_zero_and_are_ignored_by_the_network(five_of_twenty):
    net, (X_train, X_test, y_train, _) = five_of_twenty
    pruner = MLPPruner(net, prefit=True, granularity="neuron", input_pruning_rate=0.5,
                       n_iterations=2, fine_tune_iter=5).fit(X_train, y_train)  # fmt: skip
    removed = ~pruner.get_support()
    assert removed.sum() == 10
    assert [entry["n_inputs"] for entry in pruner.pruning_history_] == [20, 14, 10]
    fitted = pruner.estimator_
    assert not fitted.coefs_[0][removed].any()
    assert fitted.coefs_[0][~removed].all()  # the kept rows did train
    np.testing.assert_array_equal(pruner.masks_[0].any(axis=1), ~removed)
    assert not fitted._optimizer.ms[0][removed].any() and not fitted._optimizer.vs[0][removed].any()
    # The full X goes in; the removed columns no longer matter.
    X_noise = X_test.copy()
    X_noise[:, removed] = np.random.default_rng(0).normal(size=(X_test.shape[0], 10))
    np.testing.assert_array_equal(fitted.predict_proba(X_noise), fitted.predict_proba(X_test))
    np.testing.assert_array_equal(pruner.transform(X_test), X_test[:, ~removed])


def test_input_pruning_keeps_feature_names_and_pandas_output(five_of_twenty):
    net, (X_train, X_test, y_train, _) = five_of_twenty
    columns = [f"x{j}" for j in range(20)]
    frame = pd.DataFrame(X_train, columns=columns)
    net = clone(net).set_params(max_iter=50)
    pruner = MLPPruner(net, granularity="neuron", input_pruning_rate=0.75, fine_tune_iter=5)
    pruner.set_output(transform="pandas").fit(frame, y_train)
    names = pruner.get_feature_names_out()
    assert len(names) == 5 and set(names) <= set(columns)
    out = pruner.transform(pd.DataFrame(X_test, columns=columns))
    assert isinstance(out, pd.DataFrame) and list(out.columns) == list(names)


def test_input_scores_read_the_gradient_of_the_loss_in_x(dense, digits):
    X, y = digits[0][:5], digits[2][:5]
    Y = dense._label_binarizer.transform(y)
    W = dense.coefs_[0]

    def loss(x, n):  # sample n's log loss
        return -np.log(dense.predict_proba(x[None])[0, y[n]])

    eps = 1e-6
    grads = np.array([
        [(loss(X[n] + eps * e, n) - loss(X[n] - eps * e, n)) / (2 * eps) for e in np.eye(64)]
        for n in range(5)
    ])  # fmt: skip
    np.testing.assert_allclose(input_scores(dense, "gradient", X, Y), (grads**2).mean(axis=0),
                               rtol=1e-4, atol=1e-10)  # fmt: skip
    np.testing.assert_allclose(input_scores(dense, "taylor", X, Y),
                               np.abs(X * grads).mean(axis=0), rtol=1e-4, atol=1e-10)  # fmt: skip
    np.testing.assert_allclose(input_scores(dense, "magnitude"), np.linalg.norm(W, axis=1))
    np.testing.assert_allclose(input_scores(dense, "activation", X, Y), np.abs(X).mean(axis=0))
    np.testing.assert_allclose(input_scores(dense, "apoz", X, Y), (X != 0).mean(axis=0))


# --- Bad input ---------------------------------------------------------------------------------


@pytest.fixture
def small():
    X, y = load_digits(return_X_y=True)
    return X[:200] / 16.0, y[:200]


QUICK = MLPClassifier(hidden_layer_sizes=(8,), solver="lbfgs", max_iter=20, random_state=0)


@pytest.mark.parametrize(
    "params, error, match",
    [
        ({"estimator": LogisticRegression()}, TypeError, "MLPClassifier or MLPRegressor"),
        ({"criterion": "entropy"}, ValueError, "'criterion' parameter"),
        ({"granularity": "layer"}, ValueError, "'granularity' parameter"),
        ({"scope": "local"}, ValueError, "'scope' parameter"),
        ({"criterion": "activation"}, ValueError, "scores hidden units, not weights"),
        ({"criterion": "apoz"}, ValueError, "scores hidden units, not weights"),
        ({"n_iterations": 0}, ValueError, "'n_iterations' parameter"),
        ({"fine_tune_iter": -1}, ValueError, "'fine_tune_iter' parameter"),
        ({"fine_tune_iter": "long"}, ValueError, "'fine_tune_iter' parameter"),
        ({"max_output_rate": 1.5}, ValueError, "'max_output_rate' parameter"),
        ({"max_output_rate": "half"}, ValueError, "'max_output_rate' parameter"),
        ({"input_pruning_rate": 0.5}, ValueError, "needs granularity='neuron'"),
        (
            {"input_pruning_rate": 1.0, "granularity": "neuron"},
            ValueError,
            "'input_pruning_rate' parameter",
        ),
        ({"prefit": True}, NotFittedError, "prefit=True needs a fitted estimator"),
    ],
)
def test_bad_parameters_are_named(small, params, error, match):
    pruner = MLPPruner(QUICK, fine_tune_iter=1).set_params(**params)
    with pytest.raises(error, match=match):
        pruner.fit(*small)


@pytest.mark.parametrize("value, match", [(np.nan, "NaN"), (np.inf, "infinity")])
def test_nan_and_inf_in_x_are_refused(small, value, match):
    X, y = small
    X = X.copy()
    X[3, 5] = value
    with pytest.raises(ValueError, match=match):
        MLPPruner(QUICK).fit(X, y)


def test_sample_weight_before_scikit_learn_1_7_is_refused_naming_the_version(small, monkeypatch):
    # The real refusal runs on the oldest supported stack (scikit-learn 1.6); here, any release.
    monkeypatch.setattr(_sklearn_private, "SKLEARN_VERSION", (1, 6))
    X, y = small
    with pytest.raises(ValueError, match=r"sample_weight needs scikit-learn >= 1\.7"):
        MLPPruner(QUICK, fine_tune_iter=1).fit(X, y, sample_weight=np.ones(len(y)))
    assert MLPPruner(QUICK, fine_tune_iter=1).fit(X, y).n_features_in_ == X.shape[1]


def test_predict_before_fit_is_refused(small):
    with pytest.raises(NotFittedError, match="not fitted"):
        MLPPruner(QUICK).predict(small[0])


def test_a_rate_that_would_empty_a_layer_keeps_one_unit(small):
    net = MLPClassifier(hidden_layer_sizes=(8, 4), solver="lbfgs", max_iter=50, random_state=0)
    pruner = MLPPruner(net, granularity="neuron", scope="layer", threshold=np.inf,
                       fine_tune_iter=0)  # fmt: skip
    with pytest.warns(UserWarning, match="would remove every item of layer"):
        pruner.fit(*small)
    assert pruner.estimator_.hidden_layer_sizes == (1, 1)
    pruner = MLPPruner(net, pruning_rate=0.99, scope="layer", fine_tune_iter=0).fit(*small)
    assert all(mask.any() for mask in pruner.masks_)


def test_prefit_network_with_other_features_is_refused(dense, small):
    with pytest.raises(ValueError, match="prefit estimator expects 64"):
        MLPPruner(dense, prefit=True).fit(small[0][:, :10], small[1])


def test_input_and_estimator_are_not_mutated(dense, small):
    X, y = small
    X_before, y_before = X.copy(), y.copy()
    coefs_before = [W.copy() for W in dense.coefs_]
    params_before = dense.get_params()
    MLPPruner(dense, prefit=True, pruning_rate=0.9, fine_tune_iter=2).fit(X, y)
    MLPPruner(dense, prefit=True, granularity="neuron", fine_tune_iter=2).fit(X, y)
    np.testing.assert_array_equal(X, X_before)
    np.testing.assert_array_equal(y, y_before)
    for W, before in zip(dense.coefs_, coefs_before, strict=True):
        np.testing.assert_array_equal(W, before)
    assert dense.get_params() == params_before
    unfitted = MLPClassifier(hidden_layer_sizes=(8,), max_iter=5)
    MLPPruner(unfitted, fine_tune_iter=1).fit(X, y)
    assert not hasattr(unfitted, "coefs_")


def test_a_string_column_and_a_real_target_are_named():
    # Found by the property tests: both used to reach scikit-learn's messages unnamed.
    frame = pd.DataFrame({"a": [0.1, 0.2, 0.3, 0.4], "b": ["u", "v", "u", "v"]})
    with pytest.raises(TypeError, match="'b'"):
        MLPPruner().fit(frame, [0, 1, 0, 1])
    X = np.random.default_rng(0).normal(size=(4, 2))
    with pytest.raises(ValueError, match="y holds real values"):
        MLPPruner().fit(X, [0.5, 1.5, 2.5, 1e300])
