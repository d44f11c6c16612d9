"""The README is a front page: short, its links alive, its test command the one CI runs."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"


def test_readme_is_a_front_page():
    # The rest lives in docs/: the README only points there.
    assert len(README.read_text().splitlines()) <= 250


def test_readme_relative_links_point_at_files():
    targets = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", README.read_text())
    relative = [t for t in targets if not re.match(r"[a-z]+:", t)]
    assert relative, "the README links into the documentation"
    missing = [t for t in relative if not (ROOT / t).exists()]
    assert not missing, f"README links to missing files: {missing}"


def test_ci_runs_the_readme_test_command():
    command = 'pip install -e ".[test]" && pytest'
    assert command in README.read_text()
    assert command in (ROOT / ".ci" / "run").read_text()
