"""Shared fixtures: the sample articles built once into a store for the whole session."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

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
