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


# ---------------------------------------------------------------------------- network formats


@pytest.mark.parametrize("fmt,read", [("graphml", "read_graphml"), ("gexf", "read_gexf")])
def test_network_export_reads_back_as_the_views_network(sample_store, tmp_path, fmt, read):
    """`kg export --format graphml|gexf` writes the network `kg view` draws: same nodes with their
    type, name, degree and community, same labelled edges."""
    from collections import Counter

    import networkx as nx

    from conftest import run_kg
    from kg.analyze import communities, entity_graph
    from kg.view import network_from_store

    out = tmp_path / f"graph.{fmt}"
    p = run_kg("export", "--store", str(sample_store), "--format", fmt, "--out", str(out))
    assert p.returncode == 0, p.stderr
    back = getattr(nx, read)(out)
    with Store.open(sample_store, read_only=True) as s:
        view = network_from_store(s)
    simple = entity_graph(view)
    community = {v: i for i, members in enumerate(communities(view)) for v in members}
    assert set(back.nodes) == set(view.nodes) and back.number_of_nodes() > 20
    for nid, data in view.nodes(data=True):
        got = back.nodes[nid]
        assert got["label"] == data["label"] and got["type"] == data["kind"]
        assert int(got["degree"]) == simple.degree(nid)
        assert int(got["community"]) == community[nid]
        assert set(got["names"].split(" | ")) == {data["label"], *data["names"]}
    assert Counter((u, v, d["label"]) for u, v, d in back.edges(data=True)) == \
        Counter((u, v, d["label"]) for u, v, d in view.edges(data=True))
    holder = "https://w3id.org/alliance-kg/id/person/eric-holder"
    assert back.nodes[holder]["type"] == "person"
    assert any(d["label"] == "Attorney General of" for _u, _v, d in back.out_edges(holder, data=True))
    assert f"{back.number_of_nodes()} nodes" in p.stderr


def test_network_export_to_stdout_and_unknown_format(sample_store, capfdbinary):
    import networkx as nx

    from kg.export import export_network
    from kg.view import network_from_store

    with Store.open(sample_store, read_only=True) as s:
        view = network_from_store(s)
    n = export_network(view, "gexf")
    assert n == view.number_of_nodes()
    import io
    back = nx.read_gexf(io.BytesIO(capfdbinary.readouterr().out))
    assert back.number_of_nodes() == n
    with pytest.raises(InputError, match="unknown network format"):
        export_network(view, "dot")
