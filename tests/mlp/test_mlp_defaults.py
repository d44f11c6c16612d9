"""MLPPruner at its defaults: accuracy on digits, the fine-tuning budget, the seeding."""

import warnings

import numpy as np
import pytest
from sklearn.datasets import load_digits, make_classification
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits

from skprune import MLPPruner
from skprune._mlp import _pruner
from skprune._mlp._masked import epochs_within

pytestmark = pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")


@pytest.fixture(autouse=True, scope="module")
def one_blas_thread():
    # These networks' matrices are small: on a busy 2-core machine a second BLAS thread mostly
    # waits for the first, and the fits here run many times slower.
    with threadpool_limits(limits=1):
        yield


@pytest.fixture(scope="module")
def standardised_digits():
    X, y = load_digits(return_X_y=True)
    X = StandardScaler().fit_transform(X)
    return train_test_split(X, y, test_size=0.3, stratify=y, random_state=0)


@pytest.fixture(scope="module")
def trained(standardised_digits):
    X_train, _, y_train, _ = standardised_digits
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        network = MLPClassifier(hidden_layer_sizes=(128, 64), max_iter=300, random_state=0)
        return network.fit(X_train, y_train)


# --- Accuracy at the defaults (only the rate, granularity and scope set) -----------------------


@pytest.mark.parametrize(
    "params, points",
    [
        (dict(pruning_rate=0.9), 1.0),
        (dict(pruning_rate=0.5, granularity="neuron"), 1.5),
        (dict(pruning_rate=0.9, scope="layer"), 1.5),
    ],
    ids=["weights-90", "neurons-50", "layer-90"],
)
def test_defaults_keep_the_accuracy_of_a_digits_network(
    trained, standardised_digits, params, points
):
    # The fixed ten epochs of fine-tuning that the defaults used to be lost 3.5 points here, and
    # scope="layer" 21 points: ten epochs of 1,257 rows are only 70 gradient steps.
    X_train, X_test, y_train, y_test = standardised_digits
    dense = trained.score(X_test, y_test)
    pruner = MLPPruner(trained, prefit=True, **params).fit(X_train, y_train)
    assert pruner.score(X_test, y_test) >= dense - points / 100
    if pruner.granularity == "weight":
        assert pruner.sparsity_["overall"] >= 0.89


def test_layer_scope_spares_the_output_layer(trained, standardised_digits):
    X_train, _, y_train, _ = standardised_digits
    pruner = MLPPruner(trained, prefit=True, pruning_rate=0.9, scope="layer", fine_tune_iter=0)
    pruner.fit(X_train, y_train)
    # The output layer keeps sqrt(10 %) of its weights; the others keep their even cut.
    np.testing.assert_allclose(pruner.sparsity_["layers"], [0.9, 0.9, 1 - np.sqrt(0.1)],
                               atol=2e-3)  # fmt: skip
    pruner.set_params(max_output_rate=None).fit(X_train, y_train)
    np.testing.assert_allclose(pruner.sparsity_["layers"], 0.9, atol=2e-3)


# --- The fine-tuning budget --------------------------------------------------------------------


def test_auto_budget_counts_gradient_steps_within_max_iter():
    net = MLPClassifier(batch_size=100, max_iter=1000)
    assert epochs_within(net, 1000, 3000) == 300  # 10 steps an epoch
    assert epochs_within(net, 100_000, 3000) == 3  # 1,000 steps an epoch
    assert epochs_within(net, 1_000_000, 3000) == 1  # at least one epoch
    assert epochs_within(net.set_params(max_iter=50), 1000, 3000) == 50
    # early stopping trains on 90 %: 9 steps an epoch
    assert epochs_within(net.set_params(early_stopping=True, max_iter=1000), 1000, 90) == 10
    assert epochs_within(MLPClassifier(), 1000, 3000) == 200  # 5 batches of 200, max_iter
    assert epochs_within(MLPClassifier(solver="lbfgs", max_iter=15000), 10, 3000) == 3000


def test_auto_fine_tuning_stops_with_the_loss_or_at_the_step_budget(monkeypatch):
    monkeypatch.setattr(_pruner, "FINE_TUNE_STEPS", 1200)  # a smaller budget, the same rule
    X, y = make_classification(n_samples=2000, n_features=10, random_state=0)
    # Stopping rule off (it would need 10,000 epochs without progress): the budget ends the
    # round, two thirds of its steps at the learning rate and a third at a tenth of it.
    net = MLPClassifier(hidden_layer_sizes=(8,), batch_size=50, max_iter=20, random_state=0)
    net.fit(X, y).set_params(max_iter=10_000, tol=0.0, n_iter_no_change=10_000)
    pruner = MLPPruner(net, prefit=True, pruning_rate=0.5, n_iterations=2).fit(X, y)
    # 600 steps a round, 40 an epoch: 10 epochs at the rate, then 5.
    assert [h["n_epochs"] for h in pruner.pruning_history_] == [None, 15, 15]
    assert pruner.estimator_.learning_rate_init == net.learning_rate_init
    # The network's own rule: epochs stop once the loss no longer improves by tol.
    net.set_params(tol=1e-2, n_iter_no_change=2)
    pruner = MLPPruner(net, prefit=True, pruning_rate=0.5).fit(X, y)
    assert 6 <= pruner.pruning_history_[-1]["n_epochs"] < 1200 // 40


def test_auto_rounds_prune_gradually_on_the_cubic_schedule(monkeypatch):
    monkeypatch.setattr(_pruner, "FINE_TUNE_STEPS", 1600)
    X, y = make_classification(n_samples=2000, n_features=10, random_state=0)
    net = MLPClassifier(hidden_layer_sizes=(8,), batch_size=50, max_iter=20, random_state=0)
    net.fit(X, y).set_params(max_iter=10_000, tol=0.0, n_iter_no_change=10_000)
    pruner = MLPPruner(net, prefit=True, pruning_rate=0.8).fit(X, y)
    history = pruner.pruning_history_
    # Six cuts, most of the pruning in the first ones: 0.8 * (1 - (1 - r / 6) ** 3).
    expected = [0.8 * (1 - (1 - r / 6) ** 3) for r in range(7)]
    np.testing.assert_allclose([h["sparsity"] for h in history], expected, atol=0.01)
    # 40 steps an epoch: 100 steps (2 epochs) after each early cut; after the last, two thirds
    # of the budget less those (567 steps, 14 epochs), then a third at a tenth of the rate (13).
    assert [h["n_epochs"] for h in history] == [None, 2, 2, 2, 2, 2, 14 + 13]
    # One round, as before, with a number of epochs or a threshold.
    pruner.set_params(fine_tune_iter=3).fit(X, y)
    assert [h["n_epochs"] for h in pruner.pruning_history_] == [None, 3]
    pruner.set_params(fine_tune_iter="auto", threshold=0.05).fit(X, y)
    assert len(pruner.pruning_history_) == 2


@pytest.mark.parametrize("params", [dict(pruning_rate=0.0), dict(k=10**6)])
def test_auto_rounds_are_one_when_nothing_is_removed(monkeypatch, params):
    # Rate 0 in a grid is the network given one-shot fine-tuning, not restarted six times.
    monkeypatch.setattr(_pruner, "FINE_TUNE_STEPS", 1600)
    X, y = make_classification(n_samples=2000, n_features=10, random_state=0)
    net = MLPClassifier(hidden_layer_sizes=(8,), batch_size=50, max_iter=20, random_state=0)
    net.fit(X, y).set_params(max_iter=10_000, tol=0.0, n_iter_no_change=10_000)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # k above the number of weights
        pruner = MLPPruner(net, prefit=True, **params).fit(X, y)
    # One round: two thirds of the 1,600 steps at the rate (26 epochs), a third at a tenth (13).
    assert [h["n_epochs"] for h in pruner.pruning_history_] == [None, 26 + 13]
    assert pruner.sparsity_["overall"] == 0.0
    # Pruning the inputs alone still goes gradually.
    pruner = MLPPruner(
        net, prefit=True, granularity="neuron", pruning_rate=0.0, input_pruning_rate=0.5
    ).fit(X, y)
    assert len(pruner.pruning_history_) == 7


def test_cubic_schedule_reaches_the_target_exactly():
    kept = [_pruner.cubic_schedule(266_200, r, 6, pruning_rate=0.92, k=None) for r in range(7)]
    assert kept[0] == 266_200 and kept[-1] == 266_200 - int(0.92 * 266_200)
    assert all(np.diff(kept) < 0)
    # The cuts shrink: the last two rounds remove less than a twentieth of the weights.
    assert kept[4] - kept[6] < 266_200 / 20
    assert _pruner.cubic_schedule(1000, 6, 6, pruning_rate=0.5, k=100) == 100


# --- random_state seeds an unseeded network ------------------------------------------------------


@pytest.fixture(scope="module")
def small_digits():
    X, y = load_digits(return_X_y=True)
    return X[:500] / 16.0, y[:500]


def coefs(pruner):
    return np.concatenate([W.ravel() for W in pruner.estimator_.coefs_])


def test_random_state_reproduces_the_fit_of_an_unseeded_network(small_digits):
    net = MLPClassifier(hidden_layer_sizes=(16,), max_iter=20)
    first = MLPPruner(net, pruning_rate=0.8, random_state=0).fit(*small_digits)
    again = MLPPruner(net, pruning_rate=0.8, random_state=0).fit(*small_digits)
    other = MLPPruner(net, pruning_rate=0.8, random_state=1).fit(*small_digits)
    np.testing.assert_array_equal(coefs(first), coefs(again))
    assert not np.array_equal(coefs(first), coefs(other))
    # The drawn seed is the fitted network's, and the given network stays unseeded.
    assert isinstance(first.estimator_.random_state, int)
    assert net.random_state is None


def test_random_state_seeds_the_fine_tuning_of_a_prefit_network(small_digits):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        net = MLPClassifier(hidden_layer_sizes=(16,), max_iter=20).fit(*small_digits)

    def fit(seed):
        return MLPPruner(net, prefit=True, pruning_rate=0.8, random_state=seed).fit(*small_digits)

    np.testing.assert_array_equal(coefs(fit(0)), coefs(fit(0)))
    assert not np.array_equal(coefs(fit(0)), coefs(fit(1)))
    assert net.random_state is None


def test_a_seeded_network_keeps_its_own_seed(small_digits):
    net = MLPClassifier(hidden_layer_sizes=(16,), max_iter=20, random_state=3)
    first = MLPPruner(net, pruning_rate=0.8, random_state=0).fit(*small_digits)
    other = MLPPruner(net, pruning_rate=0.8, random_state=1).fit(*small_digits)
    assert first.estimator_.random_state == 3
    np.testing.assert_array_equal(coefs(first), coefs(other))


def test_auto_fine_tuning_with_early_stopping_keeps_the_pruned_weights(small_digits):
    # Each phase restores its own best epoch, never the dense weights from before the cut.
    net = MLPClassifier(hidden_layer_sizes=(32,), early_stopping=True, random_state=0)
    pruner = MLPPruner(net, pruning_rate=0.9).fit(*small_digits)
    assert pruner.sparsity_["overall"] == pytest.approx(0.9, abs=1e-3)
    assert 0.5 < pruner.pruning_history_[-1]["validation_score"] <= 1.0
