"""Shared fixtures (the sample articles built once into a store for the whole session) and the
hypothesis profiles.

Hypothesis runs the ``ci`` profile unless told otherwise: derandomized (every run draws the same
examples, so a green suite stays green and a red one reproduces) and without an example database
(nothing read from or written to ``.hypothesis/``). To hunt for new failing examples, run the
``explore`` profile with fresh seeds::

    for seed in $(seq 1 50); do
        .venv/bin/python -m pytest tests/test_fuzz.py --hypothesis-profile=explore --hypothesis-seed=$seed || break
    done
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

settings.register_profile("ci", derandomize=True, database=None, deadline=None, print_blob=True)
settings.register_profile("explore", derandomize=False, database=None, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# A suite started as a background job of a non-interactive shell (`.ci/run &`, some CI runners) ignores
# SIGINT, and every kg it starts would inherit that and ignore the Ctrl-C the fault tests send it: take
# SIGINT back, so the processes the tests start begin with the default disposition, as a user's do.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

DATA = Path(__file__).parent / "data"
ARTICLES = DATA / "articles"


def run_kg(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the CLI in a subprocess, as users do."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True,
                          cwd=cwd, env=full_env, timeout=600)


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory) -> Path:
    """A store built from the two sample articles."""
    store = tmp_path_factory.mktemp("kg") / "store"
    p = run_kg("build", str(ARTICLES), "--store", str(store))
    assert p.returncode == 0, p.stderr
    return store


@pytest.fixture(scope="session")
def generated(tmp_path_factory):
    """20 generated articles (tests/faults.py), the graphs a clean, uninterrupted build makes of
    them, and that store (copy it before writing to it)."""
    from faults import graphs, write_generated

    root = tmp_path_factory.mktemp("generated")
    write_generated(root / "articles")
    p = run_kg("build", str(root / "articles"), "--store", str(root / "reference"), "-j", "1")
    assert p.returncode == 0 and "built 20" in p.stderr, p.stderr
    return root / "articles", graphs(root / "reference"), root / "reference"
