"""Named queries, parameters, read-only checks, timeouts and result formats (kg/query.py)."""
from __future__ import annotations

import csv
import io
import json

import pytest

from kg.errors import QueryError
from kg.query import bind_params, format_result, named_queries, resolve_query, run_query
from kg.store import Store

FOAF = "http://xmlns.com/foaf/0.1/"
NT = f"""<urn:p1> <{FOAF}name> "Eric Holder" .
<urn:p1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{FOAF}Person> .
<urn:p2> <{FOAF}name> "Cecilia Malmström"@sv .
<urn:p2> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{FOAF}Person> .
<urn:p3> <{FOAF}name> "Quote \\"and\\", comma" .
<urn:p1> <http://www.w3.org/2004/02/skos/core#prefLabel> "Eric Holder" .
<urn:p2> <http://www.w3.org/2004/02/skos/core#prefLabel> "Cecilia Malmström"@sv .
"""


@pytest.fixture
def store():
    s = Store.in_memory()
    s.replace_article("urn:article", NT)
    return s


def test_named_queries_of_the_contract_ship_with_the_package():
    names = set(named_queries())
    assert {"people", "organizations", "countries", "roles", "memberships", "meetings", "provenance"} <= names


def test_resolve_name_file_and_text(tmp_path):
    name, text = resolve_query("people")
    assert name == "people" and "SELECT" in text
    f = tmp_path / "mine.rq"
    f.write_text("ASK { ?s ?p ?o }")
    assert resolve_query(str(f)) == ("mine", "ASK { ?s ?p ?o }")
    assert resolve_query("SELECT * WHERE { ?s ?p ?o }")[0] == "query"


def test_a_long_one_line_query_is_query_text_not_a_file_name():
    text = "SELECT ?person WHERE { ?person a foaf:Person . " + "OPTIONAL { ?person foaf:name ?name } " * 12 + "}"
    assert len(text) > 300 and resolve_query(text) == ("query", text)


def test_unknown_name_suggests_near_matches():
    with pytest.raises(QueryError, match=r"^\[E203\] "):
        resolve_query("peple")


def test_params_become_values_and_unknown_ones_are_refused(store):
    text = bind_params(f"SELECT ?p ?name WHERE {{ ?p <{FOAF}name> ?name }}", {"name": "Eric Holder"})
    result = run_query(store, text)
    assert [str(r[0]) for r in result.rows] == ["urn:p1"]
    iri = bind_params(f"SELECT ?p ?name WHERE {{ ?p <{FOAF}name> ?name }}", {"p": "urn:p2"})
    assert [str(r[1]) for r in run_query(store, iri).rows] == ["Cecilia Malmström"]
    with pytest.raises(QueryError, match=r"^\[E215\] "):
        bind_params("SELECT ?p WHERE { ?p ?q ?o }", {"nosuch": "x"})


def test_updates_and_service_are_refused(store):
    for update in ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "DELETE WHERE { ?s ?p ?o }",
                   "# comment\nDROP ALL", "CLEAR DEFAULT"):
        with pytest.raises(QueryError, match=r"^\[E205\] "):
            run_query(store, update)
    with pytest.raises(QueryError, match=r"^\[E206\] "):
        run_query(store, "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    # the word inside a string is not a keyword
    assert run_query(store, 'SELECT ?x WHERE { BIND("INSERT SERVICE" AS ?x) }').rows


def test_syntax_error_is_a_query_error(store):
    with pytest.raises(QueryError, match=r"^\[E207\] "):
        run_query(store, "SELECT WHERE {")


def test_timeout_stops_a_runaway_query():
    s = Store.in_memory()
    s.replace_article("urn:g", "".join(f'<urn:s{i}> <urn:p> "{i}" .\n' for i in range(2000)))
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?p ?y . ?c ?p ?z }"
    with pytest.raises(QueryError, match=r"^\[E211\] "):
        run_query(s, slow, timeout=0.2)


def test_json_is_the_w3c_results_format(store):
    result = run_query(store, f"SELECT ?p ?name WHERE {{ ?p <{FOAF}name> ?name }} ORDER BY ?p")
    js = json.loads(format_result(result, "json"))
    assert js["head"]["vars"] == ["p", "name"]
    first, second = js["results"]["bindings"][:2]
    assert first == {"p": {"type": "uri", "value": "urn:p1"}, "name": {"type": "literal", "value": "Eric Holder"}}
    assert second["name"]["xml:lang"] == "sv"


def test_csv_quotes_and_uses_crlf_and_tsv_uses_rdf_terms(store):
    result = run_query(store, f"SELECT ?p ?name WHERE {{ ?p <{FOAF}name> ?name }} ORDER BY ?p")
    text = format_result(result, "csv")
    assert text.startswith("p,name\r\n")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[3] == ["urn:p3", 'Quote "and", comma']
    tsv = format_result(result, "tsv").splitlines()
    assert tsv[0] == "?p\t?name" and tsv[1] == '<urn:p1>\t"Eric Holder"' and tsv[2].endswith('"Cecilia Malmström"@sv')


def test_ask_and_construct(store):
    ask = run_query(store, "ASK { ?s ?p ?o }")
    assert ask.kind == "ask" and json.loads(format_result(ask, "json")) == {"head": {}, "boolean": True}
    graph = run_query(store, f"CONSTRUCT {{ ?p <{FOAF}name> ?n }} WHERE {{ ?p <{FOAF}name> ?n }}")
    assert graph.kind == "graph" and len(graph.to_rdflib()) == 3
    assert "foaf:name" in format_result(graph, "turtle")
    with pytest.raises(QueryError):
        format_result(graph, "csv")


def test_table_shortens_iris_and_counts_rows(store):
    result = run_query(store, f"SELECT ?c WHERE {{ ?p a ?c }} LIMIT 1")
    out = format_result(result, "table")
    assert "foaf:Person" in out and "(1 row)" in out


def test_kg_prefixes_are_predeclared(store):
    result = run_query(store, "SELECT ?p WHERE { ?p a foaf:Person } ORDER BY ?p")
    assert [str(r[0]) for r in result.rows] == ["urn:p1", "urn:p2"]


def test_params_of_required_patterns_are_bound_first_and_others_after_the_query():
    q = ("SELECT ?p (MAX(?n) AS ?name) ?o WHERE {\n  ?p a <urn:C> .\n  OPTIONAL { ?p <urn:in> ?o . }\n"
         "  OPTIONAL { ?p <urn:name> ?n . }\n} GROUP BY ?p ?o")
    text = bind_params(q, {"p": "urn:p1", "o": "urn:o1", "name": "Eric"})
    head, _, tail = text.partition("GROUP BY")
    assert "WHERE {\n  VALUES (?p) { (<urn:p1>) }" in head           # required: the engine starts from it
    assert head.rstrip().endswith("FILTER (sameTerm(?o, <urn:o1>))\n}")   # optional: a filter in the group
    assert tail.strip().endswith('FILTER (sameTerm(?name, "Eric"))\n}')    # computed: around the query
    sub = "SELECT ?p { { SELECT ?p WHERE { ?p a <urn:C> } } }"       # a subquery's WHERE is not the query's
    assert bind_params(sub, {"p": "urn:p1"}).rstrip().endswith("VALUES (?p) { (<urn:p1>) }")
    tricky = 'SELECT ?p WHERE { ?p <urn:x> "OPTIONAL { ?p }" . # OPTIONAL {\n}'
    assert "WHERE {\n  VALUES (?p)" in bind_params(tricky, {"p": "urn:p1"})


def test_prebound_named_queries_give_the_rows_of_the_unbound_query(store):
    rows = run_query(store, resolve_query("people")[1]).rows
    person = rows[0][0]
    bound = run_query(store, bind_params(resolve_query("people")[1], {"person": str(person)})).rows
    assert sorted(bound) == sorted(r for r in rows if r[0] == person) and bound


def test_a_computed_column_is_bound_around_the_query_keeping_its_columns():
    q = "SELECT DISTINCT ?p (MAX(?n) AS ?name) ?o WHERE { ?p <urn:name> ?n ; <urn:o> ?o } GROUP BY ?p ?o"
    text = bind_params(q, {"name": "Eric"})
    assert text.startswith("SELECT ?p ?name ?o WHERE {\n{\nSELECT DISTINCT ?p (MAX(?n) AS ?name)")
    assert text.rstrip().endswith('FILTER (sameTerm(?name, "Eric"))\n}')


def test_a_param_of_an_optional_column_leaves_out_the_rows_where_it_is_unbound():
    import pyoxigraph as ox

    s = ox.Store()
    for p, o in (("urn:a", "urn:x"), ("urn:b", None)):
        s.add(ox.Quad(ox.NamedNode(p), ox.NamedNode("urn:type"), ox.NamedNode("urn:C")))
        if o:
            s.add(ox.Quad(ox.NamedNode(p), ox.NamedNode("urn:in"), ox.NamedNode(o)))
    q = "SELECT ?p ?o WHERE { ?p <urn:type> <urn:C> . OPTIONAL { ?p <urn:in> ?o } }"
    rows = [tuple(sol) for sol in s.query(bind_params(q, {"o": "urn:x"}))]
    assert [r[0].value for r in rows] == ["urn:a"]


def test_param_values_with_kg_prefixes_are_iris():
    from kg.query import _term

    assert _term("kgr:person/eric-holder") == "<https://w3id.org/alliance-kg/id/person/eric-holder>"
    assert _term("foaf:Person") == "<http://xmlns.com/foaf/0.1/Person>"
    assert _term("Eric Holder") == '"Eric Holder"' and _term("nosuch:thing") == '"nosuch:thing"'


def test_resolve_query_takes_long_or_odd_text_as_query_text():
    from kg.query import resolve_query

    long_text = "SELECT * WHERE { ?s ?p ?o } # " + "x" * 300
    assert resolve_query(long_text) == ("query", long_text)
    assert resolve_query("SELECT * WHERE { ?s ?p '\x00' }")[0] == "query"
