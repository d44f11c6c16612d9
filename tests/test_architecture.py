"""The package's shape, as CONTRIBUTING.md describes it (imports: `lint-imports` in CI)."""

import ast
from pathlib import Path

import skprune

PACKAGE = Path(skprune.__file__).parent
MAX_CODE_LINES = 80


def code_lines(function, lines):
    """Lines of ``function`` that hold code: no docstring, comment or blank line."""
    body = function.body
    docstring = set()
    if isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        docstring = set(range(body[0].lineno, body[0].end_lineno + 1))
    return sum(
        1
        for number in range(function.lineno, function.end_lineno + 1)
        if number not in docstring and lines[number - 1].strip()[:1] not in ("", "#")
    )


def test_no_function_is_longer_than_80_lines_of_code():
    too_long = []
    for path in sorted(PACKAGE.rglob("*.py")):
        source = path.read_text()
        lines = source.splitlines()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                n = code_lines(node, lines)
                if n > MAX_CODE_LINES:
                    too_long.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name} ({n})")
    assert not too_long, too_long


def test_code_lives_in_the_family_sub_packages():
    # At the top: the package root, the entry point and the version; everything else in a family.
    top = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert top == ["__init__.py", "__main__.py", "_version.py"]
    families = sorted(path.parent.name for path in PACKAGE.glob("*/__init__.py"))
    assert families == ["_cli", "_core", "_linear", "_mlp", "_plotting", "_scoring", "_stability"]


def test_doctest_collection_without_dask_skips_every_dask_module():
    # The root conftest.py lists them: without the dask extra, importing one fails collection.
    conftest = (PACKAGE.parent / "conftest.py").read_text()
    importing_dask = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.parse(path.read_text()).body:
            names = [alias.name for alias in getattr(node, "names", [])]
            module = getattr(node, "module", None) or ""
            if isinstance(node, ast.Import | ast.ImportFrom) and "dask" in [
                name.split(".")[0] for name in names + [module] if name
            ]:
                importing_dask.append(path.relative_to(PACKAGE.parent).as_posix())
    assert importing_dask
    assert [path for path in importing_dask if f'"{path}"' not in conftest] == []


def test_every_public_name_has_an_api_page():
    # sphinx-build -W fails on a broken reference, not on a name missing from the reference.
    api = (PACKAGE.parent / "docs" / "api.rst").read_text()
    listed = {line.strip() for line in api.splitlines() if line.startswith("   ")}
    assert sorted(set(skprune.__all__) - listed) == []
