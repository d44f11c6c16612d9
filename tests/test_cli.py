"""The command line, run as a user runs it: a console script in a subprocess."""

import subprocess
import sys


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "skprune", *args], capture_output=True, text=True, timeout=300
    )


def test_demo_shows_each_selector_and_finds_no_decoy_with_mutual_information():
    result = run("demo", "--cv", "2")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    row = next(line for line in lines if line.startswith("MutualInfoSelector() "))
    # columns: selector, kept, decoys kept, accuracy, time
    assert row.split()[1:3] == ["10", "0"]
    assert any(line.startswith("all 60 columns") for line in lines)


def test_unknown_command_is_one_clear_line_and_a_non_zero_exit():
    result = run("dance")
    assert result.returncode != 0
    assert "invalid choice" in result.stderr
    assert "Traceback" not in result.stderr
