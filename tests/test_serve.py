"""`kg serve` (kg/serve/): the SPARQL 1.1 Protocol with real clients, each format and each refusal,
entity and article pages, search, and serving while `kg build` writes the same store."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import httpx
import pytest
from rdflib import Graph, Literal, URIRef

from conftest import DATA, run_kg
from kg.query import named_queries
from serving import ServeProcess, wait_for

HOLDER = "https://w3id.org/alliance-kg/id/person/eric-holder"
MALMSTROM = "https://w3id.org/alliance-kg/id/person/cecilia-malmstrom"
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def server(sample_store):
    proc = ServeProcess(sample_store)
    yield proc.url
    status, err = proc.stop()
    assert status == 0 and "kg: stopped" in err and "Traceback" not in err, err


def _row_key(row: tuple) -> tuple:
    """Rows in a fixed order, unbound cells (None) before any value."""
    return tuple((value is not None, value or "") for value in row)


def _cli_rows(store: Path, name: str) -> tuple[list[str], list[tuple]]:
    p = run_kg("query", name, "--store", str(store), "--format", "json")
    assert p.returncode == 0, p.stderr
    data = json.loads(p.stdout)
    names = data["head"]["vars"]
    return names, sorted((tuple((b[v]["value"] if v in b else None) for v in names)
                          for b in data["results"]["bindings"]), key=_row_key)


# ---------------------------------------------------------------------------- real clients

@pytest.mark.parametrize("name", sorted(named_queries()))
def test_sparqlwrapper_gets_the_rows_of_kg_query(server, sample_store, name):
    from SPARQLWrapper import JSON, POST, SELECT, SPARQLWrapper

    names, expected = _cli_rows(sample_store, name)
    text = named_queries()[name].read_text(encoding="utf-8")
    for method in ("GET", POST):
        client = SPARQLWrapper(server + "sparql")
        client.setQuery(text)
        # SPARQLWrapper guesses the query type from the first keyword it sees, comments included
        # ("add ORDER BY" in a comment reads as an ADD update): the named queries are SELECTs
        client.queryType = SELECT
        client.setReturnFormat(JSON)
        client.setMethod(method)
        data = client.query().convert()
        assert data["head"]["vars"] == names
        got = sorted((tuple((b[v]["value"] if v in b else None) for v in names)
                      for b in data["results"]["bindings"]), key=_row_key)
        assert got == expected


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_rdflib_sparqlstore_gets_the_rows_of_kg_query(server, sample_store, name):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    names, expected = _cli_rows(sample_store, name)
    store = SPARQLStore(query_endpoint=server + "sparql")
    result = Graph(store=store).query(named_queries()[name].read_text(encoding="utf-8"))
    assert [str(v) for v in result.vars] == names
    got = sorted((tuple(None if t is None else str(t) for t in row) for row in result), key=_row_key)
    assert got == expected


def test_named_query_by_name_with_parameters(server):
    r = httpx.get(server + "query/roles", params={"person": "kgr:person/eric-holder"}, headers={"Accept": "text/csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    lines = r.text.strip().splitlines()
    assert lines[0].startswith("person,name,role") and len(lines) == 2
    assert f"{HOLDER},Eric Holder,Attorney General" in lines[1]
    r = httpx.get(server + "query/people", params={"name": "Eric Holder", "format": "json"})
    assert [b["person"]["value"] for b in r.json()["results"]["bindings"]] == [HOLDER]
    catalogue = httpx.get(server + "query").json()
    assert {q["name"] for q in catalogue} == set(named_queries())
    assert "person" in next(q for q in catalogue if q["name"] == "roles")["parameters"]


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_the_editor_puts_the_prefixes_after_the_header_comments(name):
    from kg.serve.app import editor_text
    from kg.vocab import PREFIXES

    text = named_queries()[name].read_text(encoding="utf-8").splitlines()
    lines = editor_text("\n".join(text)).splitlines()
    head = next(i for i, line in enumerate(text) if line.strip() and not line.startswith("#"))
    assert head > 0 and lines[:head] == text[:head]                   # the header comments first, untouched
    added = len(lines) - len(text)
    assert all(line.startswith("PREFIX ") for line in lines[head:head + added])   # then the prefixes
    assert lines[head + added:] == text[head:]                          # then the query as written
    declared = [line.split()[1].rstrip(":") for line in lines if line.upper().startswith("PREFIX ")]
    assert len(declared) == len(set(declared)) and set(PREFIXES) <= set(declared)
    assert editor_text("SELECT * { ?s ?p ?o }").startswith("PREFIX ")


# ---------------------------------------------------------------------------- formats

SELECT = "SELECT ?p ?n WHERE { ?p a foaf:Person ; foaf:name ?n } ORDER BY ?n"
CONSTRUCT = "CONSTRUCT { ?p a foaf:Person ; foaf:name ?n } WHERE { ?p a foaf:Person ; foaf:name ?n }"


@pytest.mark.parametrize("accept,ctype", [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"), ("text/tab-separated-values", "text/tab-separated-values"),
    (None, "application/sparql-results+json"), ("text/html;q=0.9, */*;q=0.1", "application/sparql-results+json")])
def test_select_results_in_each_format(server, accept, ctype):
    from rdflib.query import Result

    headers = {"Accept": accept} if accept else {}
    r = httpx.get(server + "sparql", params={"query": SELECT}, headers=headers)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].split(";")[0] == ctype
    fmt = {"application/sparql-results+json": "json", "application/sparql-results+xml": "xml",
           "text/csv": "csv", "text/tab-separated-values": "tsv"}[ctype]
    result = Result.parse(source=__import__("io").BytesIO(r.content), format=fmt)
    names = sorted(str(row[1]) for row in result)
    assert "Eric Holder" in names and any(n.startswith("Cecilia Malmstr") for n in names)


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_ask_in_each_format(server, fmt):
    r = httpx.post(server + "sparql", data={"query": "ASK { ?p a foaf:Person }", "format": fmt})
    assert r.status_code == 200
    assert "true" in r.text.lower()


@pytest.mark.parametrize("accept,rdflib_format", [("text/turtle", "turtle"), ("application/n-triples", "nt"),
                                                  ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml")])
def test_construct_in_each_format(server, accept, rdflib_format):
    r = httpx.post(server + "sparql", content=CONSTRUCT.encode(),
                   headers={"Content-Type": "application/sparql-query", "Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
    g = Graph().parse(data=r.text, format=rdflib_format)
    assert (URIRef(HOLDER), URIRef("http://xmlns.com/foaf/0.1/name"), Literal("Eric Holder")) in g


def test_default_graph_uri_reads_one_article(server):
    article = "https://w3id.org/alliance-kg/id/article/002_9a8134c7e789e324"
    query = "SELECT DISTINCT ?t WHERE { ?a dct:title ?t }"
    r = httpx.get(server + "sparql", params={"query": query, "default-graph-uri": article})
    assert [b["t"]["value"] for b in r.json()["results"]["bindings"]] == ["Global Alliance to fight child sexual abuse"]


# ---------------------------------------------------------------------------- refusals

@pytest.mark.parametrize("request_args,status,message", [
    ({"method": "POST", "data": {"update": "DROP ALL"}}, 403, "read-only"),
    ({"method": "GET", "params": {"query": "DELETE WHERE { ?s ?p ?o }"}}, 403, "read-only"),
    ({"method": "POST", "content": b"INSERT DATA { <urn:a> <urn:b> <urn:c> }",
      "headers": {"Content-Type": "application/sparql-update"}}, 403, "read-only"),
    ({"method": "GET", "params": {"query": "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"}},
     403, "SERVICE"),
    ({"method": "GET", "params": {"query": "SELECT WHERE {"}}, 400, "not valid SPARQL"),
    ({"method": "GET", "params": {}}, 400, "no query"),
    ({"method": "POST", "content": b"query=SELECT", "headers": {"Content-Type": "text/plain"}}, 415, "sparql-query"),
    ({"method": "POST", "content": b"SELECT * { ?s ?p ?o } #" + b"x" * 2_000_000,
      "headers": {"Content-Type": "application/sparql-query"}}, 413, "larger than"),
    ({"method": "POST", "content": b"SELECT * { ?s ?p \xff\xfe }",
      "headers": {"Content-Type": "application/sparql-query"}}, 400, "UTF-8"),
    ({"method": "GET", "url": "sparql?query=%FF%FE"}, 400, "UTF-8"),
    ({"method": "GET", "params": {"query": SELECT}, "headers": {"Accept": "image/png"}}, 406, "sparql-results"),
    ({"method": "GET", "params": {"query": CONSTRUCT}, "headers": {"Accept": "text/csv"}}, 406, "text/turtle"),
    ({"method": "GET", "url": "query/peeople"}, 404, "no named query"),
    ({"method": "GET", "url": "query/roles", "params": {"nobody": "x"}}, 400, "no variable ?nobody"),
    ({"method": "DELETE", "url": "sparql"}, 405, ""),
])
def test_refusals(server, request_args, status, message):
    args = dict(request_args)
    url = server + args.pop("url", "sparql")
    r = httpx.request(args.pop("method"), url, **args)
    assert r.status_code == status, r.text
    assert message in r.text


def test_timeout_and_the_cap_on_running_queries(sample_store):
    proc = ServeProcess(sample_store, "--timeout", "0.5", "--max-running", "1")
    try:
        r = httpx.get(proc.url + "sparql", params={"query": CROSS_JOIN}, timeout=30)
        assert r.status_code == 503 and "did not finish within 0.5 s" in r.text
        # the runaway query still holds the only slot: the next one waits, then is refused
        r = httpx.get(proc.url + "sparql", params={"query": "ASK {}"}, timeout=60)
        assert r.status_code == 503 and "running already" in r.text
        assert httpx.get(proc.url + "search", params={"q": "x"}, timeout=60).status_code == 503
    finally:
        proc.proc.kill()
        proc.proc.wait()


# ---------------------------------------------------------------------------- pages

def test_entity_page_html_turtle_jsonld(server):
    r = httpx.get(server + "id/person/eric-holder", headers={"Accept": "text/html"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = r.text
    assert '<h1 id="kg-name">Eric Holder</h1>' in page
    assert "Attorney General" in page and 'href="/id/country/US">United States</a>' in page
    assert "US Attorney General Eric Holder (L) and EU home affairs commissioner" in page  # evidence
    assert 'href="/id/article/000_aba615cd113ed79c"' in page and 'src="/graph/id/person/eric-holder"' in page
    assert "script-src 'none'" in r.headers["content-security-policy"]
    for accept, fmt in (("text/turtle", "turtle"), ("application/ld+json", "json-ld")):
        r = httpx.get(server + "id/person/eric-holder", headers={"Accept": accept})
        assert r.headers["content-type"].startswith(accept)
        g = Graph().parse(data=r.text, format=fmt)
        assert (URIRef(HOLDER), URIRef("http://xmlns.com/foaf/0.1/name"), Literal("Eric Holder")) in g
        assert any(p == URIRef("http://www.w3.org/ns/prov#wasDerivedFrom") for _s, p, _o in g)
    assert httpx.get(server + "id/person/eric-holder?format=nt").headers["content-type"].startswith(
        "application/n-triples")
    r = httpx.get(server + "id/person/nobody-at-all", headers={"Accept": "text/html"})
    assert r.status_code == 404 and "says nothing about" in r.text


def test_article_page_lists_its_facts(server):
    page = httpx.get(server + "id/article/000_aba615cd113ed79c").text
    assert "EU, US in &#x27;global alliance&#x27; to hit web child sex" in page
    assert "2012-12-05" in page and 'id="facts"' in page and "Membership (" in page
    assert 'href="/id/person/eric-holder"' in page and 'id="mentions"' in page


def test_neighbourhood_is_drawn(server):
    r = httpx.get(server + "graph/id/person/eric-holder")
    assert r.status_code == 200 and 'id="kg-data"' in r.text
    data = json.loads(r.text.split('id="kg-data">', 1)[1].split("</script>", 1)[0])
    ids = {n["id"] for n in data["nodes"]}
    assert {HOLDER, MALMSTROM, "https://w3id.org/alliance-kg/id/country/US"} <= ids and data["focus"] == [HOLDER]


def test_view_draws_a_query_result(server):
    r = httpx.post(server + "view", data={"query": "SELECT ?p ?o WHERE { ?p org:holds ?x . ?x org:postIn ?o }"})
    data = json.loads(r.text.split('id="kg-data">', 1)[1].split("</script>", 1)[0])
    assert {HOLDER, "https://w3id.org/alliance-kg/id/country/US"} <= {n["id"] for n in data["nodes"]}
    assert httpx.post(server + "view", data={"query": "ASK {}"}).status_code == 400


def test_search_is_case_and_accent_insensitive(server):
    for text in ("MALMSTROM", "malmström", "Malmstroem", "cecilia"):
        hits = httpx.get(server + "search", params={"q": text, "format": "json"}).json()["hits"]
        assert hits and hits[0]["iri"] == MALMSTROM and hits[0]["label"] == "Cecilia Malmström", text
    page = httpx.get(server + "search", params={"q": "holder"}).text
    assert 'href="/id/person/eric-holder">Eric Holder</a>' in page
    articles = httpx.get(server + "search", params={"q": "", "type": "article", "format": "json"}).json()
    assert articles["total"] == 2


def test_same_as_leads_to_the_canonical_entity(tmp_path):
    from kg.store import Store

    base = "https://w3id.org/alliance-kg/id/person/"
    nt = (f'<{base}jane-roe> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://xmlns.com/foaf/0.1/Person> .\n'
          f'<{base}jane-roe> <http://xmlns.com/foaf/0.1/name> "Jane Roe" .\n'
          f'<{base}j-roe> <http://www.w3.org/2002/07/owl#sameAs> <{base}jane-roe> .\n')
    with Store.open(tmp_path / "store", create=True) as store:
        store.replace_article("https://w3id.org/alliance-kg/id/article/a1", nt)
    proc = ServeProcess(tmp_path / "store")
    try:
        r = httpx.get(proc.url + "id/person/j-roe", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/id/person/jane-roe"
        r = httpx.get(proc.url + "id/person/j-roe", headers={"Accept": "text/turtle"}, follow_redirects=True)
        assert "Jane Roe" in r.text
    finally:
        assert proc.stop()[0] == 0


def test_xss_article_is_shown_as_text(tmp_path):
    store = tmp_path / "store"
    assert run_kg("build", str(DATA / "xss"), "--store", str(store), "--quiet").returncode == 0
    proc = ServeProcess(store)
    try:
        hits = httpx.get(proc.url + "search", params={"q": "", "type": "article", "format": "json"}).json()["hits"]
        article = hits[0]["iri"].split("/id/", 1)[1]
        people = [h["iri"].split("/id/", 1)[1] for h in httpx.get(
            proc.url + "search", params={"q": "", "type": "person", "format": "json"}).json()["hits"]]
        paths = ["id/" + article, *("id/" + p for p in people), "search?q=ministers", "search?q=vienna"]
        pages = [httpx.get(proc.url + path).text for path in paths]
        for page in pages:
            assert "<script" not in page and "<img" not in page and "<svg" not in page
        text = "\n".join(pages)
        assert "&lt;script&gt;document.title=&quot;pwned&quot;" in text
        assert "&lt;svg onload=alert(3)&gt;" in text
        assert "Ministers &lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; meet in Vienna" in pages[0]
        assert "Ministers &lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; meet in Vienna" in pages[-2]
    finally:
        assert proc.stop()[0] == 0


# ---------------------------------------------------------------------------- process

def test_serves_while_kg_build_writes_the_same_store(sample_store, tmp_path):
    """The server answers during a build, the build is not starved, and the new article shows up
    whole once built."""
    import subprocess
    import sys

    store = tmp_path / "store"
    shutil.copytree(sample_store, store)
    proc = ServeProcess(store)
    count = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a akg:Article }"

    def articles() -> int:
        r = httpx.get(proc.url + "sparql", params={"query": count}, timeout=120)
        assert r.status_code == 200, r.text
        return int(r.json()["results"]["bindings"][0]["n"]["value"])

    try:
        assert articles() == 2
        build = subprocess.Popen([sys.executable, "-m", "kg", "build", str(DATA / "xss"), "--store", str(store),
                                  "--quiet", "--jobs", "1"], stderr=subprocess.PIPE, text=True)
        seen = []
        while build.poll() is None:          # keep querying while it builds: it must still finish
            seen.append(articles())
        assert build.returncode == 0, build.stderr.read()
        assert set(seen) <= {2, 3}
        assert wait_for(lambda: articles() == 3)
        r = httpx.get(proc.url + "id/person/michael-spindelegger")
        assert r.status_code == 200 and "Foreign Minister" in r.text
    finally:
        assert proc.stop()[0] == 0


def test_warns_on_a_non_loopback_address_and_stops_on_ctrl_c(sample_store):
    proc = ServeProcess(sample_store, "--host", "0.0.0.0")
    assert proc.url.startswith("http://0.0.0.0:")
    status, err = proc.stop()
    assert status == 0 and "warning: listening on 0.0.0.0" in err and "kg: stopped" in err


def test_missing_store_and_busy_port(tmp_path, server, sample_store):
    p = run_kg("serve", "--store", str(tmp_path / "none"))
    assert p.returncode == 1 and "no store at" in p.stderr
    port = server.rsplit(":", 1)[1].strip("/")
    p = run_kg("serve", "--store", str(sample_store), "--port", port)
    assert p.returncode == 1 and "cannot listen" in p.stderr and "Traceback" not in p.stderr


def test_a_damaged_or_newer_store_is_a_clear_startup_error(tmp_path, sample_store):
    import json
    import os

    from kg import storeformat

    damaged = tmp_path / "damaged"
    shutil.copytree(sample_store, damaged, ignore=shutil.ignore_patterns("LOCK", ".kg-lock*"))
    sst = max(damaged.glob("*.sst"), key=lambda p: p.stat().st_size)
    os.truncate(sst, 100)
    p = run_kg("serve", "--store", str(damaged), "--port", "0")
    assert p.returncode == 1 and "Traceback" not in p.stderr and p.stdout == ""
    assert f"kg: error: [E119] the store at {damaged} is damaged (" in p.stderr and "kg build ARTICLES" in p.stderr
    newer = tmp_path / "newer"
    shutil.copytree(sample_store, newer, ignore=shutil.ignore_patterns("LOCK", ".kg-lock*"))
    (newer / storeformat.MARKER).write_text(json.dumps({"format": storeformat.FORMAT + 1, "kg": "9.0"}))
    p = run_kg("serve", "--store", str(newer), "--port", "0")
    assert p.returncode == 1 and "Traceback" not in p.stderr and p.stdout == ""
    assert f"the store at {newer} was written by a newer kg (kg 9.0)" in p.stderr


def test_connections_send_without_waiting_for_delayed_acks():
    """The listening socket is a TCP one as asyncio (uvicorn's loop) sees it, so every accepted
    connection gets TCP_NODELAY: without it each kept-alive response waited ~40 ms (Nagle)."""
    import asyncio
    import socket

    from kg.serve import _bind

    sock = _bind("127.0.0.1", 0)

    async def accepted_nodelay() -> int:
        loop = asyncio.get_running_loop()
        made = loop.create_future()

        class Probe(asyncio.Protocol):
            def connection_made(self, transport):
                made.set_result(transport.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))

        server = await loop.create_server(Probe, sock=sock)
        _reader, writer = await asyncio.open_connection(*sock.getsockname()[:2])
        try:
            return await asyncio.wait_for(made, 30)
        finally:
            writer.close()
            server.close()

    assert asyncio.run(accepted_nodelay()) != 0
