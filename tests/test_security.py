"""Untrusted content and queries (issue 5): hostile names give valid RDF in every format and no
script in any HTML; `kg query` is read-only, sends no network request unless --allow-service and
stops runaway queries; RDF files are read without fetching anything or expanding entity bombs."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import subprocess
import sys
import threading
import time
import urllib.request
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef

from conftest import run_kg
from kg.article import Article
from kg.extract.facts import ArticleFacts, Entity, EntityRef, Evidence, Meeting, Membership, Mention, Post
from kg.mapping import article_iri, to_graph, to_ntriples
from kg.store import Store

#: names that break naive IRIs, serialisers, HTML or terminals
HOSTILE = [
    'He said "no" and \'never\'',
    "<script>alert('xss-1')</script>",
    "</script><img src=x onerror=alert('xss-2')>",
    '"><svg onload=alert(\'xss-3\')>',
    "javascript:alert('xss-4')",
    "a<b>c{d}e|f\\g^h`i",
    "line one\nline two\r\nthree\ttabbed",
    "\u202eevil\u202c right-to-left \u200fmark\u200e",
    "emoji 🤝 🇪🇺 👩🏽‍⚖️",
    "]]><!-- -->&amp;&lt;",
    "sep\u2028ara\u2029tors",
    "nul\x00bell\x07esc\x1b[31mred",
    "lone \ud800 surrogate",
    '\\u0022 looks escaped \\" ',
    "@context @id _:b0 <http://evil.invalid/>",
    "' OR 1=1; DROP ALL; --",
]
TEXT = "\n".join(HOSTILE)


def _ev(i: int) -> Evidence:
    return Evidence(sentence=HOSTILE[i % len(HOSTILE)], start=i * 10, end=i * 10 + 5, rule="rule:test",
                    confidence=0.9)


def hostile_facts() -> ArticleFacts:
    """An article and facts whose every name and label is hostile."""
    art = Article(id='evil"<id>{x}|^`\n\u202e🤝', text=TEXT, source='/tmp/"evil"\n<file>.txt', title=HOSTILE[1],
                  date=dt.date(2012, 12, 5), publisher=HOSTILE[3], url='http://example.org/a"b<c>d e',
                  content_hash="0" * 64)
    people = [EntityRef("person", n) for n in HOSTILE]
    orgs = [EntityRef("organization", n[::-1]) for n in HOSTILE]
    entities = [Entity(ref=r, name=n, aliases=[n + " alias"],
                       mentions=[Mention(text=n, start=i * 10, end=i * 10 + 5, evidence=_ev(i))])
                for i, (r, n) in enumerate(zip(people, HOSTILE))]
    entities += [Entity(ref=r, name=n, is_alliance=i % 2 == 0) for i, (r, n) in
                 enumerate(zip(orgs, (h[::-1] for h in HOSTILE)))]
    entities += [Entity(ref=EntityRef("country", "FR"), name=HOSTILE[2], iso="FR"),
                 Entity(ref=EntityRef("place", "2988507"), name=HOSTILE[5], country="FR")]
    posts = [Post(person=people[i], role=HOSTILE[(i + 1) % len(HOSTILE)], organization=orgs[i], evidence=_ev(i),
                  qualifiers=("former",)) for i in range(len(HOSTILE))]
    members = [Membership(member=orgs[i], organization=orgs[(i + 1) % len(orgs)], evidence=_ev(i))
               for i in range(len(orgs))]
    meetings = [Meeting(label=HOSTILE[i], kind="meeting", date="2012-12-05",
                        place=EntityRef("place", "2988507"), participants=people[i:i + 3], evidence=[_ev(i)])
                for i in range(len(HOSTILE))]
    return ArticleFacts(article=art, entities=entities, posts=posts, memberships=members, meetings=meetings)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A store holding the hostile article, and the graph the mapping meant to write."""
    facts = hostile_facts()
    store = tmp_path_factory.mktemp("hostile") / "store"
    with Store.open(store) as s:
        s.replace_article(str(article_iri(facts.article.id)), to_ntriples(facts))
    return store, to_graph(facts)


def _triples(g) -> set:
    """The triples of a graph or dataset, literals by value (the store writes 0.90 as 0.9)."""
    quads = g.quads((None, None, None, None)) if isinstance(g, Dataset) else ((s, p, o, None) for s, p, o in g)
    return {(s, p, (o.datatype, o.language, o.toPython()) if isinstance(o, Literal) else o) for s, p, o, _ in quads}


def test_mapping_keeps_the_hostile_names(hostile):
    _, expected = hostile
    labels = {str(o) for o in expected.objects(None, URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"))}
    for name in HOSTILE:
        if "\x00" in name or "\ud800" in name:
            continue                                   # characters RDF/XML cannot carry are dropped
        assert name in labels
    assert "nulbellesc[31mred" in labels and "lone  surrogate" in labels
    for s, p, o in expected:                            # every IRI is a valid IRI
        for term in (s, p, o):
            if isinstance(term, URIRef):
                assert not set(str(term)) & set(' <>"{}|^`\\\n'), term


@pytest.mark.parametrize("fmt, rdflib_format, dataset", [
    ("turtle", "turtle", False), ("nt", "nt", False), ("nq", "nquads", True), ("trig", "trig", True),
    ("jsonld", "json-ld", True),
])
def test_every_export_format_round_trips_through_rdflib(hostile, tmp_path, fmt, rdflib_format, dataset):
    store, expected = hostile
    out = tmp_path / f"export.{fmt}"
    p = run_kg("export", "--store", str(store), "--format", fmt, "--out", str(out))
    assert p.returncode == 0, p.stderr
    g = Dataset() if dataset else Graph()
    g.parse(out, format=rdflib_format)
    assert _triples(g) == _triples(expected)


def test_query_results_in_every_format_keep_the_names(hostile):
    store, _ = hostile
    query = "SELECT ?name WHERE { ?p a <http://xmlns.com/foaf/0.1/Person> ; <http://xmlns.com/foaf/0.1/name> ?name }"
    wanted = {n for n in HOSTILE if "\x00" not in n and "\ud800" not in n}
    js = run_kg("query", query, "--store", str(store), "--format", "json")
    assert js.returncode == 0, js.stderr
    assert wanted <= {b["name"]["value"] for b in json.loads(js.stdout)["results"]["bindings"]}
    cs = subprocess.run([sys.executable, "-m", "kg", "query", query, "--store", str(store), "--format", "csv"],
                        capture_output=True, timeout=600)            # bytes: CRLF inside a name stays CRLF
    rows = list(csv.reader(io.StringIO(cs.stdout.decode("utf-8"), newline="")))
    assert rows[0] == ["name"] and wanted <= {r[0] for r in rows[1:]}
    ts = run_kg("query", query, "--store", str(store), "--format", "tsv")
    got = {Graph().parse(data=f'<urn:s> <urn:p> {cell} .', format="nt").value(URIRef("urn:s"), URIRef("urn:p"))
           for cell in ts.stdout.split("\n")[1:-1]}
    assert {Literal(n) for n in wanted} <= got
    table = run_kg("query", query, "--store", str(store))
    assert table.returncode == 0 and f"({len(HOSTILE)} rows)" in table.stdout
    assert len(table.stdout.splitlines()) == len(HOSTILE) + 3          # a name with line breaks stays on its row
    for out in (js.stdout, cs.stdout.decode("utf-8"), ts.stdout, table.stdout):
        assert "\x1b" not in out and "\x00" not in out                # nothing for the terminal to obey


# -- HTML ---------------------------------------------------------------------------------------


class _Elements(HTMLParser):
    """The elements and attributes of a page as a browser's tokenizer sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k.lower(): v for k, v in attrs}))

    handle_startendtag = handle_starttag


def _elements(html: str) -> list[tuple[str, dict]]:
    p = _Elements()
    p.feed(html)
    p.close()
    return p.tags


def _no_active_content(html: str, where: str) -> None:
    for tag, attrs in _elements(html):
        assert tag not in ("img", "svg", "iframe", "object", "embed", "frame", "base", "math"), (where, tag)
        assert not [a for a in attrs if a.startswith("on")], (where, tag, attrs)
        for a in ("href", "src", "action", "formaction", "xlink:href"):
            assert not (attrs.get(a) or "").strip().lower().startswith(("javascript:", "data:", "vbscript:")), where


def _strings(obj):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from _strings(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _strings(v)


@pytest.mark.parametrize("args", [[], ["--focus", "line one", "--depth", "2"], ["--color-by", "community"],
                                  ["--query", "people"]])
def test_view_html_has_no_script_from_the_data(hostile, tmp_path, args):
    store, _ = hostile
    out = tmp_path / "view.html"
    p = run_kg("view", "--store", str(store), "--out", str(out), "--title", HOSTILE[2], *args)
    assert p.returncode == 0, p.stderr
    page = out.read_text(encoding="utf-8")
    elements = _elements(page)
    assert [t for t, _ in elements].count("script") == 3             # the page's own scripts only
    _no_active_content(page, "page")
    for raw in ("<script>alert", "<img src=x", "<svg onload", "</script><img"):
        assert raw not in page
    import re

    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S)
    raw = next(body for attrs, body in scripts if 'id="kg-data"' in attrs)
    assert "<" not in raw and ">" not in raw and "\u2028" not in raw       # cannot leave its <script>
    data = json.loads(raw)
    strings = list(_strings(data))
    assert args or "<script>alert('xss-1')</script>" in strings             # names are kept, as data…
    for item in data["nodes"] + data["edges"]:                                # …that vis-network would
        assert not {"title", "html"} & set(item), item                      # render as HTML: none
    own = scripts[-1][1]                                                      # …and the page's script
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "Function("):
        assert sink not in own, sink                                          # only uses textContent
    assert "textContent" in own


# -- queries: read-only, no network -------------------------------------------------------------


class _Recorder(BaseHTTPRequestHandler):
    hits: list[str] = []

    def _hit(self):
        type(self).hits.append(f"{self.command} {self.path}")
        body = b'{"head":{"vars":[]},"results":{"bindings":[]}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _hit

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    """A local HTTP server recording every request: (base URL, list of requests).

    It answers one request at a time, in the order the connections came in, so a request of our
    own that it answers proves both that it was reachable and that it has handled every earlier
    one (see `requests_so_far`)."""
    handler = type("Recorder", (_Recorder,), {"hits": []})
    httpd = HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", handler.hits
    finally:
        httpd.shutdown()
        httpd.server_close()


def requests_so_far(url: str, hits: list[str]) -> list[str]:
    """The requests the server got before this call (instead of sleeping and hoping none is late).

    A last request of our own goes to the one-at-a-time server; once it is answered, every
    connection made before it has been handled and recorded."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(f"{url}/done", timeout=60) as response:
        response.read()
    assert hits and hits[-1] == "GET /done", hits
    hits.pop()
    return list(hits)


def _graphs(store: Path) -> set:
    with Store.open(store, read_only=True) as s:
        return {str(q) for q in s.quads()}


def test_updates_are_refused_and_change_nothing(hostile, server):
    from kg.errors import QueryError
    from kg.query import run_query

    store, _ = hostile
    url, hits = server
    before = _graphs(store)
    updates = ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "insert data { graph <urn:g> { <urn:a> <urn:b> 1 } }",
                   "DELETE WHERE { ?s ?p ?o }", "DROP ALL", "CLEAR DEFAULT", f"LOAD <{url}/data.ttl>",
                   "# a comment\n  DROP SILENT GRAPH <urn:x>", "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
                   "PREFIX x: <urn:x:> INSERT { ?s x:p 1 } WHERE { ?s ?p ?o }",
                   "SELECT * WHERE { ?s ?p ?o } ; DROP ALL", "CREATE GRAPH <urn:new>",
                   "COPY DEFAULT TO <urn:g>", "MOVE <urn:a> TO <urn:b>", "ADD <urn:a> TO <urn:b>")
    with Store.open(store, read_only=True) as s:
        for update in updates:
            with pytest.raises(QueryError, match="read-only|not valid SPARQL"):
                run_query(s, update)
    for update in updates[:6:2]:                         # and through the command line
        p = run_kg("query", update, "--store", str(store))
        assert p.returncode == 1, (update, p.stdout)
        # (the last line: the store was written through the library without resolving, which kg notes first)
        assert p.stderr.splitlines()[-1].startswith("kg: error:") and "Traceback" not in p.stderr
        assert "read-only" in p.stderr, p.stderr
    assert _graphs(store) == before
    assert requests_so_far(url, hits) == []


def test_service_is_refused_and_sends_nothing(hostile, server):
    store, _ = hostile
    url, hits = server
    tricks = [
        f"SELECT * WHERE {{ SERVICE <{url}/plain> {{ ?s ?p ?o }} }}",
        f"select * where {{ service silent <{url}/lower> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ VALUES ?e {{ <{url}/var> }} SERVICE ?e {{ ?s ?p ?o }} }}",
        # the word hidden from naive keyword checks by comments, quotes inside IRIs, '#' inside '<…>'
        f'SELECT * WHERE {{ # """\n SERVICE <{url}/comment> {{ ?s ?p ?o }}\n # """\n }}',
        f"SELECT * WHERE {{ ?x ?y ?z . <urn:a'> ?p ?o . SERVICE <{url}/quote> {{ ?s ?p ?o }} . BIND('x' AS ?q) }}",
        f"SELECT * WHERE {{ BIND(1 AS ?x) FILTER(?x<1)SERVICE#>\n<{url}/hash>{{?s ?p ?o}} }}",
        f"ASK {{ OPTIONAL {{ SERVICE <{url}/ask> {{ ?s ?p ?o }} }} }}",
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}/construct> {{ ?s ?p ?o }} }}",
    ]
    from kg.errors import QueryError
    from kg.query import run_query

    with Store.open(store, read_only=True) as s:
        for q in tricks:
            with pytest.raises(QueryError, match="--allow-service"):
                run_query(s, q)
    for q in tricks[::3]:                                # and through the command line
        p = run_kg("query", q, "--store", str(store))
        assert p.returncode == 1 and "--allow-service" in p.stderr, (q, p.stderr)
        assert "Traceback" not in p.stderr
    assert requests_so_far(url, hits) == []
    # the same query with the flag does reach the endpoint: the refusal is what kept it quiet
    p = run_kg("query", tricks[0], "--store", str(store), "--allow-service")
    assert p.returncode == 0, p.stderr
    assert hits == ["POST /plain"]


def test_timeout_stops_a_runaway_query(tmp_path):
    store = tmp_path / "store"
    with Store.open(store) as s:
        s.replace_article("urn:g", "".join(f'<urn:s{i}> <urn:p> "{i}" .\n' for i in range(3000)))
    start = time.monotonic()
    p = run_kg("query", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?p ?y . ?c ?p ?z }",   # 2.7e10 rows
               "--store", str(store), "--timeout", "1")
    elapsed = time.monotonic() - start
    assert p.returncode == 1 and "Traceback" not in p.stderr
    assert "did not finish within 1 s" in p.stderr and "--timeout" in p.stderr
    assert elapsed < 60                     # stopped, not run to the end (which takes hours)


# -- RDF files: nothing fetched, no entity expansion ---------------------------------------------

RDF_XML = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [ {entities} ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/a"><ex:p>{body}</ex:p></rdf:Description>
</rdf:RDF>
"""


def _query_graph(path: Path) -> object:
    return run_kg("query", "SELECT ?s ?p ?o WHERE { ?s ?p ?o }", "--graph", str(path), "--format", "json")


def test_rdf_xml_external_entities_are_not_loaded(tmp_path, server):
    url, hits = server
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", encoding="utf-8")
    for i, (decl, ref) in enumerate([(f'<!ENTITY xxe SYSTEM "file://{secret}">', "&xxe;"),
                                     (f'<!ENTITY net SYSTEM "{url}/entity">', "&net;"),
                                     (f'<!ENTITY % pe SYSTEM "{url}/dtd"> %pe;', "x"),
                                     (f'<!ENTITY pub PUBLIC "-//x//y" "{url}/public">', "&pub;")]):
        f = tmp_path / f"evil{i}.rdf"
        f.write_text(RDF_XML.format(entities=decl, body=ref), encoding="utf-8")
        p = _query_graph(f)
        assert p.returncode == 1 and re.match(rf"kg: error: \[E\d{{3}}\] {re.escape(str(f))}", p.stderr)
        assert "Traceback" not in p.stderr
        assert "TOP-SECRET" not in p.stdout + p.stderr
    assert requests_so_far(url, hits) == []


def test_rdf_xml_entity_bombs_are_refused(tmp_path):
    laughs = '<!ENTITY lol0 "lollollollollollollollollollol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    (tmp_path / "laughs.rdf").write_text(RDF_XML.format(entities=laughs, body="&lol9;"), encoding="utf-8")
    big = '<!ENTITY big "' + "x" * 100_000 + '">'
    (tmp_path / "quadratic.rdf").write_text(RDF_XML.format(entities=big, body="&big;" * 200), encoding="utf-8")
    for name, words in (("laughs.rdf", "refers to other entities"), ("quadratic.rdf", "would expand to more than")):
        p = _query_graph(tmp_path / name)
        assert p.returncode == 1 and words in p.stderr and "Traceback" not in p.stderr, p.stderr


def test_rdf_xml_with_plain_namespace_entities_still_reads(tmp_path):
    decl = '<!ENTITY ex "http://example.org/"> <!ENTITY name "Cecilia Malmström">'
    (tmp_path / "ok.rdf").write_text(RDF_XML.format(entities=decl, body="&name;").replace(
        'rdf:about="http://example.org/a"', 'rdf:about="&ex;a"'), encoding="utf-8")
    p = _query_graph(tmp_path / "ok.rdf")
    assert p.returncode == 0, p.stderr
    [row] = json.loads(p.stdout)["results"]["bindings"]
    assert row["s"]["value"] == "http://example.org/a" and row["o"]["value"] == "Cecilia Malmström"


@pytest.mark.parametrize("context", ["{url}/context.jsonld", ["{url}/one.jsonld", {"name": "http://x.org/name"}],
                                     {"@import": "{url}/import.jsonld", "name": "http://x.org/name"},
                                     {"name": {"@id": "http://x.org/name", "@context": "{url}/scoped.jsonld"}}])
def test_json_ld_remote_context_is_never_fetched(tmp_path, server, context):
    url, hits = server
    doc = json.loads(json.dumps({"@context": context, "@id": "http://example.org/a", "name": {"x": 1}})
                     .replace("{url}", url))
    f = tmp_path / "remote.jsonld"
    f.write_text(json.dumps(doc), encoding="utf-8")
    p = _query_graph(f)
    assert p.returncode == 1 and str(f) in p.stderr and "Traceback" not in p.stderr, p.stderr
    assert "network" in p.stderr or "not valid RDF" in p.stderr
    assert requests_so_far(url, hits) == []


def test_json_ld_with_an_inline_context_reads(tmp_path):
    doc = {"@context": {"name": "http://xmlns.com/foaf/0.1/name", "@base": "http://example.org/"},
           "@id": "a", "name": "Eric Holder"}
    (tmp_path / "ok.jsonld").write_text(json.dumps(doc), encoding="utf-8")
    p = _query_graph(tmp_path / "ok.jsonld")
    assert p.returncode == 0, p.stderr
    [row] = json.loads(p.stdout)["results"]["bindings"]
    assert row["s"]["value"] == "http://example.org/a" and row["o"]["value"] == "Eric Holder"


def test_owl_imports_are_never_followed(tmp_path, server):
    url, hits = server
    ttl = (f"@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
           f"<http://example.org/onto> a owl:Ontology ; owl:imports <{url}/imported.ttl> .\n")
    (tmp_path / "imports.ttl").write_text(ttl, encoding="utf-8")
    assert _query_graph(tmp_path / "imports.ttl").returncode == 0
    from kg.validate import load_ontology

    assert len(load_ontology(tmp_path / "imports.ttl")) == 2
    store = tmp_path / "store"
    with Store.open(store) as s:
        s.replace_article("urn:g", f"<http://example.org/onto> <http://www.w3.org/2002/07/owl#imports> <{url}/v.ttl> .\n")
    p = run_kg("validate", "--store", str(store))
    assert "Traceback" not in p.stderr
    assert requests_so_far(url, hits) == []
