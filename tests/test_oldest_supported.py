"""The oldest supported stack that CI tests is the one pyproject.toml declares."""

import re
from pathlib import Path

try:
    import tomllib
except ImportError:  # Python 3.10; pytest needs tomli there
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]


def declared_floors():
    """``{name: version}`` of the ``name>=version`` runtime dependencies in pyproject.toml."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    floors = {}
    for requirement in project["dependencies"]:
        name, version = re.fullmatch(r"([\w-]+)>=([\w.]+)", requirement).groups()
        floors[name] = version
    return floors


def pinned(path):
    """``{name: version}`` of the ``name==version`` lines of a constraints file."""
    pins = {}
    for line in path.read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, version = re.fullmatch(r"([\w-]+)==([\w.]+)", line).groups()
            pins[name] = version
    return pins


def test_oldest_constraints_pin_exactly_the_declared_floors():
    pins = pinned(ROOT / ".ci" / "oldest-constraints.txt")
    floors = declared_floors()
    assert {name: pins.get(name) for name in floors} == floors


def test_the_ci_installs_the_oldest_stack_on_the_oldest_python():
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    oldest_python = re.fullmatch(r">=(\d+\.\d+)", requires).group(1)
    script = (ROOT / ".ci" / "run").read_text()
    assert f"OLDEST_PYTHON={oldest_python}" in script
    assert '-c .ci/oldest-constraints.txt -e ".[test]" && pytest\n' in script
