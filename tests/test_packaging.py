"""The install is reproducible: requirements.lock pins the whole dependency tree that pyproject.toml asks for."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _direct() -> list[Requirement]:
    project = _pyproject()["project"]
    specs = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        specs.extend(extra)
    return [Requirement(spec) for spec in specs]


def _locked() -> dict[str, str]:
    pins = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        m = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)", line)
        assert m, f"requirements.lock: not an exact pin: {line!r}"
        pins[canonicalize_name(m.group(1))] = m.group(2)
    return pins


def test_every_dependency_is_pinned_exactly_in_pyproject():
    for req in _direct():
        [spec] = req.specifier
        assert spec.operator == "==", f"pyproject.toml: pin {req} with =="


def test_the_lock_holds_every_direct_pin_at_the_same_version():
    locked = _locked()
    for req in _direct():
        [spec] = req.specifier
        assert locked.get(canonicalize_name(req.name)) == spec.version, \
            f"{req}: requirements.lock has {locked.get(canonicalize_name(req.name))}; run `make lock`"


def test_the_lock_names_no_local_index_or_file():
    lines = [ln.split("#", 1)[0].strip() for ln in LOCK.read_text(encoding="utf-8").splitlines()]
    assert not [ln for ln in lines if ln.startswith("-")], "options (--index-url, --find-links, -e ...) in the lock"
    assert not [ln for ln in lines if "file:" in ln or "/" in ln], "a local path or URL in the lock"


def test_the_html_extractor_has_what_it_needs_and_unused_packages_are_gone():
    locked, direct = _locked(), {canonicalize_name(r.name) for r in _direct()}
    assert "lxml-html-clean" in direct and "lxml-html-clean" in locked    # trafilatura with lxml >= 5.2
    assert not {"oxrdflib", "rich"} & direct


def test_make_install_installs_the_lock():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "pip install --quiet -r requirements.lock" in makefile and "--no-deps -e ." in makefile
