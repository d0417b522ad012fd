"""README.md's reliability table (issue 14): every row names tests that exist, and every
fault-injection test of tests/test_faults.py has its row, so nothing is claimed without its test;
and CI runs the `slow` fault tests."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECTION = "### Reliability: faults beyond one process"


def _table_rows() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert SECTION in text, "the README has no reliability section"
    section = text.split(SECTION, 1)[1].split("\n#", 1)[0]
    return [ln for ln in section.splitlines() if ln.startswith("| ") and not ln.startswith("| Fault")]


def _named_tests(row: str) -> list[tuple[str, str]]:
    """(test file, test function) for each `file.py::name` or `…::name` (same file as before) in the row."""
    out, current = [], None
    for file, name in re.findall(r"`(?:(test_\w+\.py)|…)::(test_\w+)`", row):
        current = file or current
        assert current, f"a `…::{name}` with no file before it: {row}"
        out.append((current, name))
    return out


def test_every_row_of_the_reliability_table_names_tests_that_exist():
    rows = _table_rows()
    assert len(rows) >= 15
    for row in rows:
        named = _named_tests(row)
        assert named, f"a row without its test: {row}"
        for file, name in named:
            source = (ROOT / "tests" / file).read_text(encoding="utf-8")
            assert re.search(rf"^def {name}\(", source, re.M), f"{file}::{name} (in the README) does not exist"


def test_every_fault_test_has_its_row():
    named = {name for row in _table_rows() for _file, name in _named_tests(row)}
    source = (ROOT / "tests" / "test_faults.py").read_text(encoding="utf-8")
    missing = set(re.findall(r"^def (test_\w+)\(", source, re.M)) - named
    assert not missing, f"fault tests the README's table does not list: {sorted(missing)}"


def test_ci_runs_the_slow_fault_tests():
    """`.ci/run` is `make test`, whose pytest selects no markers: the `slow` fault tests run in CI."""
    import tomllib

    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\ntest:", 1)[1].split("\n\n", 1)[0]
    pytest_args = recipe.split("-m pytest", 1)[1]
    assert " -m " not in pytest_args and "slow" not in pytest_args, recipe
    options = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    assert "slow" not in options.get("addopts", "") and any(m.startswith("slow:") for m in options["markers"])
