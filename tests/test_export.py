"""Export to files and stdout, atomically (kg/export.py)."""
from __future__ import annotations

import pytest
from rdflib import Dataset, Graph

from kg.errors import InputError
from kg.export import FORMATS, export
from kg.store import Store

NT = '<urn:p1> <http://xmlns.com/foaf/0.1/name> "Eric Holder" .\n<urn:p1> <urn:knows> <urn:p2> .\n'


@pytest.fixture
def store():
    s = Store.in_memory()
    s.replace_article("urn:a1", NT)
    s.replace_article("urn:a2", NT)
    return s


@pytest.mark.parametrize("fmt,rdflib_fmt", [("turtle", "turtle"), ("nt", "nt"), ("nq", "nquads"),
                                            ("trig", "trig"), ("jsonld", "json-ld")])
def test_every_format_round_trips_through_rdflib(store, tmp_path, fmt, rdflib_fmt):
    out = tmp_path / f"g.{fmt}"
    n = export(store, fmt, out)
    ds = Dataset()
    ds.parse(out, format=rdflib_fmt)
    if fmt in ("turtle", "nt"):
        assert n == 2 and len(set(ds.triples((None, None, None)))) == 2
    else:
        assert n == 4 and {str(c) for _s, _p, _o, c in ds.quads()} == {"urn:a1", "urn:a2"}
    assert set(FORMATS) == {"turtle", "nt", "nq", "trig", "jsonld"}


def test_stdout_export(store, capfdbinary):
    export(store, "nt")
    g = Graph().parse(data=capfdbinary.readouterr().out.decode(), format="nt")
    assert len(g) == 2


def test_out_must_not_be_a_folder_and_failed_export_leaves_no_file(store, tmp_path):
    with pytest.raises(InputError, match="folder"):
        export(store, "turtle", tmp_path)
    with pytest.raises(InputError, match="unknown export format"):
        export(store, "rdfxml", tmp_path / "g.rdf")
    assert list(tmp_path.iterdir()) == []
