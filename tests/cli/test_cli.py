"""The command line, run as a user runs it: a console script in a subprocess."""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import skprune

# The subprocess runs the skprune under test, from whatever directory.
ENV = {**os.environ, "PYTHONPATH": str(Path(skprune.__file__).parents[1])}


def run(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "skprune", *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=cwd,
        env=ENV,
    )


def test_demo_shows_each_selector_and_finds_no_decoy_with_mutual_information():
    result = run("demo", "--part", "selection", "--cv", "2")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    row = next(line for line in lines if line.startswith("MutualInfoSelector() "))
    # columns: selector, kept, decoys kept, accuracy, time
    assert row.split()[1:3] == ["10", "0"]
    assert any(line.startswith("all 60 columns") for line in lines)
    assert not any(line.startswith("MLPPruner") for line in lines)


def test_demo_prints_the_accuracy_of_every_pruned_model():
    result = run("demo", "--part", "pruning")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert not any(line.startswith("all 60 columns") for line in lines)
    for model in (
        "MLPClassifier(128, 64), dense",
        "MLPPruner(pruning_rate=0.9)",
        "MLPPruner(pruning_rate=0.5, granularity='neuron')",
        "LogisticRegression()",
        "LassoPruner(k=32)",
        "RidgePruner(k=32)",
    ):
        row = next(line for line in lines if line.startswith(model))
        accuracy = float(row[len(model) :].split()[0])
        assert 0.8 < accuracy <= 1.0, row


def test_demo_pruners_really_prune():
    from skprune._cli._demo_pruning import fit_pruning_demo

    (_, X_test, _, y_test), models = fit_pruning_demo()
    dense = models["dense"]
    n_weights = sum(W.size for W in dense.coefs_)
    coefs = models["weights"].estimator_.coefs_
    assert [W.shape for W in coefs] == [W.shape for W in dense.coefs_]
    assert sum(int((W == 0).sum()) for W in coefs) >= int(0.9 * n_weights)
    sizes = models["units"].estimator_.hidden_layer_sizes
    assert sum(sizes) == sum(dense.hidden_layer_sizes) // 2
    assert [W.shape[1] for W in models["units"].estimator_.coefs_[:-1]] == list(sizes)
    for name in ("lasso", "ridge"):
        pruner = models[name]
        assert pruner.get_support().sum() == 32
        assert (pruner.coef_[:, ~pruner.get_support()] == 0).all()


@pytest.fixture(scope="module")
def table():
    """Three columns that decide the label, a categorical one, and five of noise."""
    rng = np.random.default_rng(0)
    n = 600
    frame = pd.DataFrame({f"noise{j}": rng.normal(size=n) for j in range(5)})
    frame.insert(1, "signal_a", rng.normal(size=n))
    frame.insert(3, "signal_b", rng.normal(size=n))
    frame["colour"] = rng.choice(["red", "green", "blue"], size=n)
    label = frame["signal_a"] + frame["signal_b"] + 2 * (frame["colour"] == "red") > 0.7
    frame["label"] = np.where(label, "yes", "no")
    return frame


@pytest.fixture(scope="module")
def csv(table, tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "data.csv"
    table.to_csv(path, index=False)
    return path


def test_select_ranks_the_signal_first_and_writes_the_kept_columns_with_the_target(csv, tmp_path):
    out, scores = tmp_path / "kept.csv", tmp_path / "scores.csv"
    result = run("select", str(csv), "--target", "label", "--k", "3", "--output", str(out),
                 "--scores", str(scores))  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["rank", "feature", "score", "status"]
    top = {line.split()[1] for line in lines[1:4]}
    assert top == {"signal_a", "signal_b", "colour"}
    assert all(line.split()[-1] == "kept" for line in lines[1:4])
    assert all(line.split()[-1] == "pruned" for line in lines[4:9])
    assert lines[-1] == "3 of 8 features kept."
    # Kept columns in their original order, the target included and untouched.
    kept = pd.read_csv(out)
    assert list(kept.columns) == ["signal_a", "signal_b", "colour", "label"]
    assert set(kept["label"]) == {"yes", "no"}
    written = pd.read_csv(scores)
    assert list(written.columns) == ["rank", "feature", "score", "kept"]
    assert written["kept"].sum() == 3 and list(written["rank"]) == list(range(1, 9))
    # Progress goes to stderr, one line per stage.
    assert "read" in result.stderr and "scoring 8 features" in result.stderr


def test_select_with_a_false_discovery_rate_keeps_the_signal_and_prints_p_values(csv):
    result = run("select", str(csv), "--target", "label", "--fdr", "0.05")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["rank", "feature", "score", "p-value", "status"]
    kept = {line.split()[1] for line in lines[1:9] if line.split()[-1] == "kept"}
    assert kept == {"signal_a", "signal_b", "colour"}
    assert all(float(line.split()[3]) < 1e-6 for line in lines[1:4])


def test_select_reads_parquet_with_gini_and_a_pruning_rate(table, tmp_path):
    pytest.importorskip("pyarrow")
    path = tmp_path / "data.parquet"
    table.to_parquet(path)
    out = tmp_path / "kept.parquet"
    result = run("select", str(path), "--target", "label", "--method", "gini",
                 "--pruning-rate", "0.75", "--output", str(out))  # fmt: skip
    assert result.returncode == 0, result.stderr
    kept = pd.read_parquet(out)
    # floor(0.75 * 8) = 6 removed: 2 kept, plus the target.
    assert kept.shape == (600, 3) and kept.columns[-1] == "label"
    assert result.stdout.splitlines()[-1] == "2 of 8 features kept."


def test_select_with_a_linear_pruner_keeps_the_signal(table, tmp_path):
    path = tmp_path / "numeric.csv"
    table.drop(columns="colour").to_csv(path, index=False)
    result = run("select", str(path), "--target", "label", "--method", "lasso", "--k", "2")
    assert result.returncode == 0, result.stderr
    top = {line.split()[1] for line in result.stdout.splitlines()[1:3]}
    assert top == {"signal_a", "signal_b"}


def test_select_with_a_pruned_network_keeps_the_signal(table, tmp_path):
    path = tmp_path / "numeric.csv"
    table.drop(columns="colour").to_csv(path, index=False)
    out = tmp_path / "kept.csv"
    result = run("select", str(path), "--target", "label", "--method", "mlp", "--k", "2",
                 "--output", str(out))  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert {line.split()[1] for line in lines[1:3]} == {"signal_a", "signal_b"}
    assert lines[-1] == "2 of 7 features kept."
    assert list(pd.read_csv(out).columns) == ["signal_a", "signal_b", "label"]
    assert "MLPPruner" in result.stderr


def test_select_with_a_pruned_network_on_a_real_target_and_a_rate(table, tmp_path):
    frame = table.drop(columns=["colour", "label"])
    frame["price"] = 3 * frame["signal_a"] - 2 * frame["signal_b"]
    path = tmp_path / "regression.csv"
    frame.to_csv(path, index=False)
    result = run("select", str(path), "--target", "price", "--method", "mlp",
                 "--pruning-rate", "0.6")  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert {line.split()[1] for line in lines[1:3]} == {"signal_a", "signal_b"}
    # floor(0.6 * 7) = 4 removed: 3 kept.
    assert lines[-1] == "3 of 7 features kept."


def test_the_network_ranking_prunes_the_first_layer_at_the_rate_of_the_features(table):
    from skprune._cli._mlp_ranking import NetworkInputRanking

    X, y = table.drop(columns=["colour", "label"]), table["label"]
    ranking = NetworkInputRanking(k=2).fit(X, y)
    first, output = ranking.pruner_.estimator_.coefs_
    # 2 of 7 features asked: 5/7 of the first layer's weights pruned, the output layer whole.
    assert abs((first == 0).sum() - 5 / 7 * first.size) <= 1
    assert (output != 0).all()
    np.testing.assert_array_equal(ranking.scores_, np.linalg.norm(first, axis=1))
    assert list(X.columns[ranking.support_]) == ["signal_a", "signal_b"]
    assert ranking.ranking_[ranking.support_].max() == 2


def _bad_files(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    binary = tmp_path / "image.csv"
    binary.write_bytes(bytes(range(256)) * 4)
    header_only = tmp_path / "header.csv"
    header_only.write_text("a,b,label\n")
    missing = tmp_path / "missing.csv"
    missing.write_text("a,b,label\n1,2,0\n,3,1\n2,1,0\n3,0,1\n")
    return {"empty": empty, "binary": binary, "header": header_only, "missing": missing}


@pytest.mark.parametrize(
    "case, args, message",
    [
        ("missing file", ["select", "nowhere.csv", "--target", "y"], "nowhere.csv: no such file"),
        ("unknown column", ["select", "{csv}", "--target", "price"], "no column 'price'"),
        ("empty file", ["select", "{empty}", "--target", "y"], "the file is empty"),
        ("not a table", ["select", "{binary}", "--target", "y"], "not a CSV or Parquet table"),
        ("no rows", ["select", "{header}", "--target", "label"], "no rows"),
        ("unknown option", ["select", "{csv}", "--target", "label", "--fast"], "--fast"),
        ("unknown method", ["select", "{csv}", "--target", "label", "--method", "x"], "'x'"),
        (
            "rate and k",
            ["select", "{csv}", "--target", "label", "--k", "2", "--pruning-rate", "0.5"],
            "not allowed with argument",
        ),  # fmt: skip
        (
            "rate out of range",
            ["select", "{csv}", "--target", "label", "--pruning-rate", "1.5"],
            "pruning_rate",
        ),  # fmt: skip
        ("k of zero", ["select", "{csv}", "--target", "label", "--k", "0"], "'k'"),
        (
            "text for a linear method",
            ["select", "{csv}", "--target", "label", "--method", "lasso"],
            "'colour' is not",
        ),  # fmt: skip
        (
            "text for a network",
            ["select", "{csv}", "--target", "label", "--method", "mlp"],
            "--method mlp needs numeric columns; 'colour' is not",
        ),  # fmt: skip
        (
            "fdr without p-values",
            ["select", "{csv}", "--target", "label", "--method", "gini", "--fdr", "0.1"],
            "fdr=0.1 needs p-values, which GiniSelector computes for method='forest'",
        ),  # fmt: skip
        (
            "fdr out of range",
            ["select", "{csv}", "--target", "label", "--fdr", "1.5"],
            "fdr",
        ),  # fmt: skip
        (
            "missing value for a network",
            ["select", "{missing}", "--target", "label", "--method", "mlp"],
            "NaN in column 'a'",
        ),  # fmt: skip
    ],
)
def test_bad_input_is_one_line_naming_the_problem_and_exit_code_2(
    csv, tmp_path, monkeypatch, capsys, case, args, message
):
    # In-process, to keep the suite fast; the last test runs one of them in a subprocess.
    from skprune._cli._main import main

    monkeypatch.chdir(tmp_path)
    files = {"csv": csv, **_bad_files(tmp_path)}
    try:
        code = main([arg.format(**files) for arg in args])
    except SystemExit as exit:
        code = exit.code
    err = capsys.readouterr().err
    assert code == 2, (case, err)
    errors = [line for line in err.strip().splitlines() if "error:" in line]
    assert len(errors) == 1 and message in errors[0], (case, err)


def test_a_bad_file_in_a_subprocess_is_one_line_without_traceback(tmp_path):
    result = run("select", "nowhere.csv", "--target", "y", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "skprune select: error: nowhere.csv: no such file.\n"


def test_unknown_command_is_one_clear_line_and_a_non_zero_exit():
    result = run("dance")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "invalid choice" in result.stderr
