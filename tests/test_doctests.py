"""The `Examples` in the docstrings of kg's modules run as doctests (kg.api's run in test_api.py)."""
from __future__ import annotations

import doctest
import importlib

import pytest

import kg
from conftest import ARTICLES

#: modules whose docstrings hold examples
MODULES = ["kg.errors", "kg.gold", "kg.progress", "kg.rdf", "kg.remote_store", "kg.scoring", "kg.sparql", "kg.store"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name, sample_store, tmp_path):
    module = importlib.import_module(name)
    result = doctest.testmod(module, extraglobs={"kg": kg, "store_path": sample_store, "tmp": tmp_path,
                                                 "ARTICLES": ARTICLES},
                             optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0, f"{name} has no examples"
    assert result.failed == 0
