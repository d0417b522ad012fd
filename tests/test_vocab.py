"""kg/vocab.py and kg/akg.py: the AKG namespace is the ontology's terms, generated and in sync."""
from __future__ import annotations

import subprocess
import sys

import pytest
from rdflib import Graph, URIRef

from kg.gen_akg import NAMESPACE, TARGET, generate
from kg.resources import ontology_file
from kg.vocab import AKG, PREFIX_IRIS, PREFIXES


def test_kg_akg_is_generated_from_the_current_ontology():
    assert TARGET.read_text(encoding="utf-8") == generate(), "run `python -m kg.gen_akg`"


def test_every_term_of_the_ontology_is_in_akg_and_nothing_else():
    onto = Graph().parse(ontology_file(), format="turtle")
    declared = {str(s) for s in onto.subjects() if isinstance(s, URIRef) and str(s).startswith(NAMESPACE)
                and str(s) != NAMESPACE}
    assert {str(AKG[name]) for name in AKG.__annotations__} == declared
    assert AKG.contentHash == URIRef(NAMESPACE + "contentHash")


def test_a_misspelt_term_fails():
    with pytest.raises(AttributeError):
        AKG.contentHsh   # noqa: B018
    code = "from kg.vocab import AKG\nAKG.sentenceTxt\n"
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert p.returncode != 0 and "sentenceTxt" in p.stderr


def test_prefixes_bind_the_namespaces_as_strings():
    assert PREFIX_IRIS["akg"] == NAMESPACE == str(PREFIXES["akg"])
    assert all(PREFIX_IRIS[p] == str(ns) for p, ns in PREFIXES.items())
