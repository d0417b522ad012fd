"""kg.analyze: centrality, communities, name look-up, shortest chains of facts; `kg analyze`, `kg path`."""
from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest

import kg.analyze as analyze
from conftest import run_kg
from kg.analyze import (annotate, centrality, communities, entity_graph, find_nodes, format_path, format_report,
                        near_matches, report, resolve, shortest_path)
from kg.errors import QueryError
from kg.view import graph_to_network
from test_view import ALLIANCE, DK, HOLDER, MALMSTROM, MEETING, US, XSS_SCRIPT, build_dataset


@pytest.fixture(scope="module")
def network() -> nx.MultiDiGraph:
    return graph_to_network(build_dataset())


def _net(edges: list[tuple[str, str]], **kinds: str) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for u, v in edges:
        for x in (u, v):
            if x not in g:
                g.add_node(x, label=x.upper(), names=[x.upper()], kind=kinds.get(x, "person"))
        g.add_edge(u, v, key=f"{u}-{v}-{g.number_of_edges()}", label="knows", evidence=[])
    return g


# ---------------------------------------------------------------------------- centrality

def test_entity_graph_counts_facts_and_drops_loops():
    g = _net([("a", "b"), ("b", "a"), ("a", "a"), ("b", "c")])
    simple = entity_graph(g)
    assert simple["a"]["b"]["weight"] == 2
    assert not simple.has_edge("a", "a")
    assert simple.number_of_edges() == 2


def test_centrality_of_a_path():
    c = centrality(_net([("a", "b"), ("b", "c")]))
    assert (c["a"].degree, c["b"].degree) == (1, 2)
    assert c["b"].betweenness == pytest.approx(1.0)
    assert c["a"].betweenness == 0.0
    assert c["b"].degree_centrality == pytest.approx(1.0)
    assert centrality(nx.MultiDiGraph()) == {}


def test_betweenness_is_sampled_on_big_graphs_with_a_fixed_seed(monkeypatch):
    star = _net([("hub", f"leaf{i}") for i in range(60)] + [("leaf0", "x")])
    exact = centrality(star)
    monkeypatch.setattr(analyze, "BETWEENNESS_EXACT_LIMIT", 10)
    monkeypatch.setattr(analyze, "BETWEENNESS_SAMPLES", 20)
    first, second = centrality(star), centrality(star)
    assert first == second  # same input, same output
    assert first["hub"].betweenness == max(c.betweenness for c in first.values())
    assert first["hub"].betweenness == pytest.approx(exact["hub"].betweenness, rel=0.3)


def test_communities_split_two_cliques():
    left = [(f"l{i}", f"l{j}") for i in range(5) for j in range(i + 1, 5)]
    right = [(f"r{i}", f"r{j}") for i in range(4) for j in range(i + 1, 4)]
    g = _net(left + right + [("l0", "r0")])
    found = communities(g)
    assert [set(c) for c in found] == [{f"l{i}" for i in range(5)}, {f"r{i}" for i in range(4)}]
    assert found[0][0] == "l0"  # best connected first
    assert communities(g) == found
    annotate(g)
    assert g.nodes["l3"]["community"] == 0 and g.nodes["r3"]["community"] == 1
    assert g.nodes["l0"]["degree"] == 5 and g.nodes["l0"]["betweenness"] > g.nodes["l1"]["betweenness"]


def test_communities_of_the_sample_network(network):
    found = communities(network)
    where = {v: i for i, c in enumerate(found) for v in c}
    assert where[str(DK)] == where[str(ALLIANCE)]
    assert where[str(HOLDER)] == where[str(US)] != where[str(DK)]  # a leaf joins its only neighbour
    assert len(found) >= 2 and sorted(v for c in found for v in c) == sorted(network.nodes)


# ---------------------------------------------------------------------------- names

def test_find_nodes_case_and_accent_insensitive(network):
    assert find_nodes(network, "cecilia malmstrom") == [str(MALMSTROM)]
    assert find_nodes(network, "MALMSTROEM") == [str(MALMSTROM)]
    assert find_nodes(network, "holder") == [str(HOLDER)]  # a word of a longer name
    assert find_nodes(network, str(US)) == [str(US)]  # an IRI names itself
    assert find_nodes(network, "nobody") == []


def test_resolve_lists_near_matches(network):
    assert "Malmström" in " ".join(near_matches(network, "Malmstrem"))
    with pytest.raises(QueryError) as err:
        resolve(network, "Malmstrem")
    assert "Near matches" in str(err.value) and "Malmström" in str(err.value)
    with pytest.raises(QueryError, match="kg query people"):
        resolve(network, "")


# ---------------------------------------------------------------------------- paths

def test_shortest_path_through_a_meeting(network):
    steps = shortest_path(network, "eric holder", "malmstrom")
    assert [(s.source, s.label, s.target, s.forward) for s in steps] == [
        (str(HOLDER), "attended", str(MEETING), True),
        (str(MALMSTROM), "attended", str(MEETING), False),  # walked against the fact's direction
    ]
    assert all(any(XSS_SCRIPT in e["sentence"] for e in s.evidence) for s in steps)


def test_shortest_path_ends_on_a_fact_without_sentence(network):
    steps = shortest_path(network, "Holder", "Belgium")
    assert [s.label for s in steps] == ["attended", "held in", "in"]
    assert steps[-1].evidence == []
    text = format_path(network, steps)
    assert text.splitlines()[0] == "Eric Holder -> Belgium: 3 steps"
    assert "1. Eric Holder --attended--> press conference" in text
    assert "EU and US launch global alliance \u00b7 2012-12-05" in text
    assert "no evidence sentence" in text.splitlines()[-1]


def test_path_evidence_is_narrowed_to_sentences_naming_both_ends():
    g = nx.MultiDiGraph()
    g.add_node("m", label="summit", names=["summit"], kind="meeting")
    g.add_node("p", label="Anna Novak", names=["Anna Novak", "Novak"], kind="person")
    g.add_node("q", label="Boris Rossi", names=["Boris Rossi"], kind="person")
    ev = [{"sentence": "Boris Rossi opened the summit.", "article_title": "A", "article_date": "2013-01-01"},
          {"sentence": "Novak spoke at the summit on Monday.", "article_title": "A", "article_date": "2013-01-01"}]
    g.add_edge("p", "m", key="attended", label="attended", evidence=ev)
    g.add_edge("q", "m", key="attended", label="attended", evidence=ev)
    first, second = shortest_path(g, "anna novak", "boris rossi")
    assert [e["sentence"] for e in first.evidence] == ["Novak spoke at the summit on Monday."]
    assert [e["sentence"] for e in second.evidence] == ["Boris Rossi opened the summit."]


def test_path_errors(network):
    with pytest.raises(QueryError, match="No chain of facts"):
        shortest_path(network, "Eric Holder", "Denmark")
    with pytest.raises(QueryError, match="same entity"):
        shortest_path(network, "Malmström", "malmstroem")
    with pytest.raises(QueryError, match="Near matches"):
        shortest_path(network, "Eric Holdr", "Denmark")


def test_path_as_json(network):
    data = json.loads(format_path(network, shortest_path(network, "holder", "malmström"), "json"))
    assert data["length"] == 2
    assert [(s["from"], s["fact"], s["to"]) for s in data["steps"]] == [
        ("Eric Holder", "attended", "press conference"), ("press conference", "attended", "Cecilia Malmström")]
    assert data["steps"][1]["subject"] == "Cecilia Malmström"


# ---------------------------------------------------------------------------- reports

def test_report_tables(network):
    data = report(network, top=3)
    assert [e["name"] for e in data["entities"]][0] == "press conference"  # 4 neighbours
    assert len(data["entities"]) == 3 and data["entities"][0]["rank"] == 1
    assert sum(c["size"] for c in data["communities"]) == network.number_of_nodes()
    by_b = report(network, top=1, sort="betweenness")["entities"][0]
    assert by_b["name"] == "press conference" and by_b["betweenness"] > 0
    table = format_report(data)
    assert table.startswith("Entities (3 shown)\n#  name") and "\nCommunities (" in table
    rows = list(csv.DictReader(io.StringIO(format_report(data, "csv"))))
    assert rows[0]["name"] == "press conference" and rows[0]["entity"] == str(MEETING)
    assert json.loads(format_report(data, "json")) == data
    with pytest.raises(QueryError):
        report(network, sort="pagerank")


# ---------------------------------------------------------------------------- CLI

def test_cli_analyze(sample_store):
    p = run_kg("analyze", "--store", str(sample_store), "--top", "5")
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("Entities (5 shown)") and "Communities (" in p.stdout
    p = run_kg("analyze", "--store", str(sample_store), "--format", "json", "--sort", "betweenness")
    data = json.loads(p.stdout)
    assert data["entities"] and data["entities"][0]["betweenness"] >= data["entities"][-1]["betweenness"]
    names = {e["name"] for e in data["entities"]}
    assert {"Eric Holder", "Cecilia Malmström"} & names


def test_cli_path(sample_store):
    p = run_kg("path", "eric holder", "CECILIA MALMSTROM", "--store", str(sample_store))
    assert p.returncode == 0, p.stderr
    lines = p.stdout.splitlines()
    assert lines[0].startswith("Eric Holder -> Cecilia Malmstr")
    quoted = [ln for ln in lines if ln.strip().startswith("\u201c")]
    assert quoted and all(ln.strip().endswith("\u201d") for ln in quoted)
    assert any("Holder" in ln or "Malmstr" in ln for ln in quoted)


def test_cli_path_unknown_name(sample_store):
    p = run_kg("path", "Eric Holdr", "Nobody At All", "--store", str(sample_store))
    assert p.returncode == 1
    assert 'No entity named "Eric Holdr"' in p.stderr and "Eric Holder" in p.stderr
    assert "Traceback" not in p.stderr
