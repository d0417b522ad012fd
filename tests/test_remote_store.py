"""kg.remote_store against a real SPARQL server: Debian's Virtuoso, started here on loopback.

The server is installed when missing (tests/virtuoso.py, apt-get) and runs on a throw-away
database in a temporary folder. The same articles built into it and into the embedded store
give the same named graphs and the same named-query results.
"""
from __future__ import annotations

import re

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import run_kg
from kg.build import build
from kg.errors import StoreError
from kg.query import named_queries, resolve_query, run_query
from kg.remote_store import RemoteStore, is_url, staging_graph
from kg.store import GraphStore, Store, open_store
from virtuoso import VirtuosoError, VirtuosoServer, ensure_installed

ARTICLES = Path(__file__).parent / "data" / "articles"
XSD = "http://www.w3.org/2001/XMLSchema#"
NUMERIC = {XSD + t for t in ("decimal", "integer", "double", "float")}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A Virtuoso server with an empty, throw-away database (skipped, saying why, where Debian's
    virtuoso-opensource is neither installed nor installable: no apt-get, no root or sudo, no mirror)."""
    try:
        ensure_installed()
    except VirtuosoError as exc:
        pytest.skip(f"needs Virtuoso (Debian package virtuoso-opensource), which cannot be had here: {exc}")
    srv = VirtuosoServer(tmp_path_factory.mktemp("virtuoso")).start()
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def local(tmp_path_factory) -> Store:
    store = Store.open(tmp_path_factory.mktemp("local") / "store")
    build([ARTICLES], store)
    # a SPARQL endpoint is not resolved across articles (kg/resolve): it answers as the embedded
    # store's plain union of the article graphs does
    store.reset_union()
    return store


@pytest.fixture(scope="module")
def remote(server, local) -> RemoteStore:
    store = open_store(server.url)
    report = build([ARTICLES], store)
    assert len(report.built) == len(local.articles()) and not report.failed
    return store


def _canon(term):
    """A term for comparison: numbers by value (Virtuoso keeps 0.90 as 0.9), xsd:string as plain."""
    if term is None:
        return None
    if hasattr(term, "datatype") and term.datatype is not None:
        dt = str(term.datatype)
        if dt in NUMERIC:
            return ("number", Decimal(str(term)).normalize())
        if dt == XSD + "string":
            return ("literal", str(term), None)
        return ("literal", str(term), dt)
    return (type(term).__name__, str(term))


def _rows(store, name: str) -> list[tuple]:
    result = run_query(store, resolve_query(name)[1])
    return sorted((tuple(_joined(_canon(t)) for t in row) for row in result.rows), key=repr)


def _joined(value):
    """GROUP_CONCAT (?aliases): its order is the engine's and no value may be "" or unbound."""
    if isinstance(value, tuple) and value[0].lower() == "literal" and " | " in value[1]:
        return (*value[:1], " | ".join(sorted(value[1].split(" | "))), *value[2:])
    return None if isinstance(value, tuple) and value[0].lower() == "literal" and value[1] == "" else value


def _joined_line(line: str) -> str:
    return re.sub(r"[^,]*(?: \| [^,]*)+", lambda m: " | ".join(sorted(m.group(0).split(" | "))), line)


def _canon_quads(nquads: bytes) -> set:
    return {(_canon_ox(q.subject), _canon_ox(q.predicate), _canon_ox(q.object), _canon_ox(q.graph_name))
            for q in ox.parse(nquads, format=ox.RdfFormat.N_QUADS)}


def _canon_ox(term):
    if isinstance(term, ox.Literal):
        if term.datatype.value in NUMERIC:
            return ("number", Decimal(term.value).normalize())
        return ("literal", term.value, term.language, None if term.datatype.value == XSD + "string"
                else term.datatype.value)
    return str(term)


def test_open_store_dispatches_on_urls(server, tmp_path):
    assert is_url(server.url) and not is_url("kg-store")
    assert isinstance(open_store(server.url), RemoteStore)
    with open_store(tmp_path / "store") as local:
        assert isinstance(local, Store)
    with pytest.raises(StoreError, match="is a URL"):
        Store.open(server.url)


def test_both_stores_have_every_method_of_the_interface(local, remote):
    methods = [name for name in vars(GraphStore) if not name.startswith("_") and callable(getattr(GraphStore, name))]
    assert {"query", "replace_articles", "article_hashes", "union_triples", "flush"} <= set(methods)
    for store in (local, remote):
        assert all(callable(getattr(store, name)) for name in methods), type(store)


def test_union_triples_equal_the_embedded_store(local, remote):
    from kg.vocab import FOAF, RDF

    patterns = [(ox.NamedNode(str(RDF.type)), ox.NamedNode(str(FOAF.Person))), (ox.NamedNode(str(FOAF.name)), None)]
    assert {tuple(map(_canon_ox, t)) for t in remote.union_triples(patterns)} == \
           {tuple(map(_canon_ox, t)) for t in local.union_triples(patterns)}
    assert len(list(remote.union_triples(patterns))) == len(list(local.union_triples(patterns))) > 2


def test_same_named_graphs_and_hashes(local, remote):
    assert remote.articles() == local.articles()
    for iri in local.articles():
        assert remote.article_hash(iri) == local.article_hash(iri) is not None
    assert remote.article_hashes(local.articles()) == {i: local.article_hash(i) for i in local.articles()}


def test_same_quads(local, remote):
    assert _canon_quads(remote.to_nquads()) == _canon_quads(local.to_nquads())
    assert len(remote) == len(local)


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_named_query_results_equal_the_embedded_store(local, remote, name):
    expected = _rows(local, name)
    assert _rows(remote, name) == expected


def test_stats_equal(local, remote):
    assert remote.stats() == local.stats()


def test_unchanged_rebuild_writes_nothing(remote, local):
    report = build([ARTICLES], remote)
    assert report.built == [] and len(report.unchanged) == len(local.articles())


def test_replace_and_remove_an_article(server):
    store = RemoteStore(server.url)
    g = "https://example.org/test/article/replace"
    big = "".join(f'<https://example.org/s{i}> <https://example.org/p> "value {i} \\"quoted\\" é" .\n'
                  for i in range(2000))   # more than one update request holds
    store.replace_article(g, big + f'<{g}> <https://w3id.org/alliance-kg/ontology#contentHash> "h1" .\n')
    assert store.article_hash(g) == "h1"
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}"
    assert int(next(iter(store.query(count)))["n"].value) == 2001
    store.replace_article(g, f'<https://example.org/x> <https://example.org/p> "new" .\n')
    assert int(next(iter(store.query(count)))["n"].value) == 1
    assert store.article_hash(g) is None
    store.remove_article(g)
    assert int(next(iter(store.query(count)))["n"].value) == 0


def test_graph_store_protocol_and_sparql_update_write_the_same_graph(server, local):
    via_gsp = open_store(server.url)
    assert via_gsp.graph_store_url.endswith("/sparql-graph-crud")      # Virtuoso's, found by itself
    via_update = RemoteStore(server.url)
    assert via_update.graph_store_url is None
    iri = local.articles()[0]
    nt = "".join(f"{q.subject} {q.predicate} {q.object} .\n"
                 for q in local.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(iri)))
    copies = []
    for store, name in ((via_gsp, "https://example.org/test/gsp"), (via_update, "https://example.org/test/update")):
        store.replace_article(name, nt)
        copies.append({(str(q.subject), str(q.predicate), _canon_ox(q.object)) for q in store.graph_quads(name)})
        store.remove_article(name)
    assert copies[0] == copies[1] and len(copies[0]) == nt.count("\n")


def test_read_only_store_refuses_updates(server):
    store = open_store(server.url, read_only=True)
    with pytest.raises(StoreError, match="read-only"):
        store.replace_article("https://example.org/a", "")


def test_bad_ntriples_never_reach_the_server(server):
    with pytest.raises(StoreError, match="invalid N-Triples"):
        RemoteStore(server.url).replace_article("https://example.org/a", "<not n-triples\n")


def test_cli_query_on_the_endpoint_matches_the_embedded_store(server, remote, local):
    from kg.query import format_result

    p = run_kg("query", "people", "--store", server.url, "--format", "csv")
    assert p.returncode == 0, p.stderr
    expected = format_result(run_query(local, resolve_query("people")[1]), "csv")
    assert sorted(map(_joined_line, p.stdout.splitlines())) == sorted(map(_joined_line, expected.splitlines()))
    assert len(p.stdout.splitlines()) > 1


def test_cli_query_on_an_endpoint_does_not_load_spacy(server, remote):
    code = ("import sys\nfrom kg.cli import main\n"
            f"try:\n    main(['query', 'people', '--store', {server.url!r}, '--format', 'csv'])\n"
            "except SystemExit as e:\n    assert not e.code, e.code\n"
            "assert 'spacy' not in sys.modules, 'spacy imported'\n")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert "person" in p.stdout.splitlines()[0]


def test_cli_build_and_update_refused_by_query(server, tmp_path):
    p = run_kg("build", str(ARTICLES), "--store", server.url, "-q")
    assert p.returncode == 0 and "unchanged" in p.stderr, p.stderr
    p = run_kg("query", "DROP ALL", "--store", server.url)
    assert p.returncode == 1 and "read-only" in p.stderr


def test_cli_build_into_an_endpoint_says_it_is_not_resolved(server, remote):
    p = run_kg("build", str(ARTICLES), "--store", server.url)
    assert p.returncode == 0 and "Traceback" not in p.stderr, p.stderr
    assert "kg: note: [E552] cross-article resolution runs on the embedded store only" in p.stderr


def test_unreachable_endpoint_is_a_user_error():
    p = run_kg("query", "people", "--store", "http://127.0.0.1:9/sparql")
    assert p.returncode == 1
    assert "cannot reach the SPARQL endpoint http://127.0.0.1:9/sparql" in p.stderr
    assert "Traceback" not in p.stderr


def test_bad_query_is_a_query_error(remote):
    from kg.errors import QueryError

    with pytest.raises(QueryError, match="not valid SPARQL"):
        run_query(remote, "SELECT ?x WHERE { ?x ?y }")


# -- faults (issue 14): servers that go away, are slow, refuse, or refuse the credentials --------------

FAST_RETRIES = {"KG_STORE_RETRIES": "2", "KG_STORE_BACKOFF": "0.1"}


class _Handler(__import__("http.server").server.BaseHTTPRequestHandler):
    """A fake SPARQL endpoint: answers each request as `self.server.answer(n)` says (n counts from 1)."""

    def _answer(self) -> None:
        self.server.requests += 1
        status, headers, body = self.server.answer(self.server.requests)
        if status is None:                      # never answer (a hung server)
            self.server.hang.wait(30)
            return
        self.send_response(status)
        for k, v in {"Content-Type": "application/sparql-results+json", **headers}.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def fake_endpoint():
    """Start fake endpoints: fake_endpoint(answer) → URL; answer(n) → (status, headers, body)."""
    import threading
    from http.server import ThreadingHTTPServer

    servers = []

    def start(answer) -> str:
        srv = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        srv.daemon_threads = True
        srv.answer, srv.requests, srv.hang = answer, 0, threading.Event()
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        servers.append(srv)
        return f"http://127.0.0.1:{srv.server_address[1]}/sparql"

    yield start
    for srv in servers:
        srv.hang.set()
        srv.shutdown()
        srv.server_close()


ASK_TRUE = (200, {}, b'{"head": {}, "boolean": true}')


def _retried(stderr: str, url: str, what: str, n: int) -> None:
    lines = [ln for ln in stderr.splitlines() if ln.startswith(f"kg: the SPARQL server at {url} {what}; trying again")]
    assert len(lines) == n, stderr


def test_a_server_that_refuses_connections_is_retried_then_a_clear_error():
    url = "http://127.0.0.1:9/sparql"
    p = run_kg("query", "people", "--store", url, env=FAST_RETRIES)
    assert p.returncode == 1 and "Traceback" not in p.stderr
    _retried(p.stderr, url, "refused the connection (is it running?)", 2)
    assert (f"kg: error: [E159] cannot reach the SPARQL endpoint {url}: the server refused the connection (is it "
            "running?) (3 attempts over ") in p.stderr and "s); check that the server runs" in p.stderr


def test_a_server_that_does_not_answer_is_retried_then_a_clear_error(fake_endpoint):
    url = fake_endpoint(lambda n: (None, {}, b""))
    p = run_kg("query", "people", "--store", url, env={**FAST_RETRIES, "KG_STORE_TIMEOUT": "0.5"})
    assert p.returncode == 1 and "Traceback" not in p.stderr
    _retried(p.stderr, url, "did not answer within 0.5 s", 2)
    assert "the server did not answer within 0.5 s (3 attempts over " in p.stderr
    assert "a slow server may need more time: $KG_STORE_TIMEOUT (seconds, now 0.5)" in p.stderr


def test_an_unavailable_server_is_waited_for_as_it_asks(fake_endpoint):
    unavailable = (503, {"Retry-After": "0"}, b"busy")
    url = fake_endpoint(lambda n: unavailable if n <= 2 else ASK_TRUE)
    store = open_store(url)                                   # two 503s, then the answer
    assert store.url == url and not store.gone
    url = fake_endpoint(lambda n: unavailable)
    p = run_kg("query", "people", "--store", url, env=FAST_RETRIES)
    assert p.returncode == 1 and "Traceback" not in p.stderr
    _retried(p.stderr, url, "is unavailable (503 Service Unavailable)", 2)
    assert "trying again in 0 s" in p.stderr and "(3 attempts over" in p.stderr


def test_wrong_credentials_are_a_clear_error_that_never_shows_the_password(server):
    auth = server.add_user("kgtester", "right-pass")
    host = auth.split("//", 1)[1]
    p = run_kg("query", "people", "--store", f"http://kgtester:right-pass@{host}", "--format", "csv")
    assert p.returncode == 0, p.stderr                        # the right password works
    before = sorted(map(str, RemoteStore(server.url).quads()))
    for store, env in ((f"http://kgtester:s3cret-WRONG@{host}", {}),
                       (auth, {"KG_STORE_USER": "kgtester", "KG_STORE_PASSWORD": "s3cret-WRONG"})):
        for args in (("query", "people"), ("build", str(ARTICLES), "-q")):
            p = run_kg(*args, "--store", store, env=env)
            assert p.returncode == 1 and "Traceback" not in p.stderr, p.stderr
            assert f"kg: error: [E157] {auth} refused the credentials of user 'kgtester' (401)" in p.stderr, p.stderr
            assert "s3cret" not in p.stderr + p.stdout
    assert sorted(map(str, RemoteStore(server.url).quads())) == before     # nothing written


def _server_graphs(store: RemoteStore, iris) -> dict[str, set]:
    """Article IRI → its canonical triples on the server (only the articles that have a graph)."""
    out = {}
    for iri in iris:
        quads = store.graph_quads(iri)
        if quads:
            out[iri] = {(str(q.subject), str(q.predicate), _canon_ox(q.object)) for q in quads}
    return out


def _canon_reference(reference: dict) -> dict[str, set]:
    out = {}
    for g, triples in reference.items():
        parsed = ox.parse("\n".join(triples).encode(), format=ox.RdfFormat.N_TRIPLES)
        out[g] = {(str(t.subject), str(t.predicate), _canon_ox(t.object)) for t in parsed}
    return out


def _is_hash(triple) -> bool:
    return triple[1].endswith("ontology#contentHash>")


@pytest.mark.slow
def test_server_killed_mid_build_keeps_whole_articles_and_a_rerun_finishes(server, generated):
    """Virtuoso is killed (SIGKILL) while `kg build --store URL` writes, then restarted: kg says it
    cannot reach the server, and after the restart every article on the server is whole (with its
    content hash) or, written but not yet hashed, whole without it; the re-run writes the rest."""
    import signal

    from faults import LOG_EVERY_8, finish, start_kg, wait_for

    articles, reference, _ = generated
    expected = _canon_reference(reference)
    proc = start_kg("build", str(articles), "--store", server.url, "-j", "1", *LOG_EVERY_8, env=FAST_RETRIES)
    try:
        seen = wait_for(proc, b"[8/20]")
        server.kill()
        code, err = finish(proc, seen)
    finally:
        if proc.poll() is None:
            proc.kill()
        server.restart()
    assert code == 1 and "Traceback" not in err, err
    assert f"kg: error: [E159] cannot reach the SPARQL endpoint {server.url}: the server " in err, err
    assert "this build wrote, each whole" in err and "run the same command again" in err
    on_server = _server_graphs(RemoteStore(server.url), expected)
    hashed = {g for g, triples in on_server.items() if any(map(_is_hash, triples))}
    assert len(hashed) >= 8
    for g, triples in on_server.items():
        whole = expected[g] if g in hashed else {t for t in expected[g] if not _is_hash(t)}
        assert triples == whole, f"{g} is half-written on the server"
    p = run_kg("build", str(articles), "--store", server.url, "-j", "1", "-q")
    assert p.returncode == 0 and f"built {20 - len(hashed)}, unchanged {len(hashed)}," in p.stderr, p.stderr
    assert _server_graphs(RemoteStore(server.url), expected) == expected


def _kill_when_sent(server, monkeypatch, nth: int) -> list:
    """Kill the server as soon as the `nth` request body kg sends has gone out (while the server
    works on it); the list returned counts the bodies sent."""
    import http.client

    sent = []
    original = http.client.HTTPConnection.send

    def send(self, data):
        original(self, data)
        if isinstance(data, bytes | bytearray) and len(data) > 1000:
            sent.append(len(data))
            if len(sent) == nth:
                server.kill()

    monkeypatch.setattr(http.client.HTTPConnection, "send", send)
    return sent


def _big_article(iri: str, version: str, n: int) -> str:
    return "".join(f'<{iri}/s{i}> <https://example.org/p> "{version} {i}" .\n' for i in range(n)) + \
        f'<{iri}> <https://w3id.org/alliance-kg/ontology#contentHash> "{version}" .\n'


@pytest.mark.slow
@pytest.mark.parametrize("protocol", ["graph store", "sparql update"])
def test_server_killed_while_an_article_is_written_never_leaves_it_half_written(server, monkeypatch, protocol):
    """The server dies while it takes in one big article (a Graph Store PUT of 20,000 triples, or the
    third of several SPARQL Update requests of a 2,400-triple article): after the restart the
    article is its old version, or absent, or (without its hash) the whole new one — never part of it."""
    iri = f"https://example.org/test/article/killed-{protocol.replace(' ', '-')}"
    n = 20_000 if protocol == "graph store" else 2_400

    def store() -> RemoteStore:
        s = open_store(server.url, read_only=False) if protocol == "graph store" else RemoteStore(server.url)
        s.retries, s.backoff = 1, 0.1
        return s

    store().replace_article(iri, _big_article(iri, "old", n))
    sent = _kill_when_sent(server, monkeypatch, 1 if protocol == "graph store" else 3)
    try:
        with pytest.raises(StoreError, match=f"cannot reach the SPARQL endpoint {server.url}") as caught:
            store().replace_article(iri, _big_article(iri, "new", n))
        assert caught.value.code == "E159"
    finally:
        monkeypatch.undo()
        server.restart()
    assert sent
    graph = {(str(q.subject), str(q.predicate), str(q.object)) for q in RemoteStore(server.url).graph_quads(iri)}
    versions = {o.split()[0].strip('"') for _s, _p, o in graph}
    assert len(versions) <= 1, "old and new triples mixed"
    body = {(f"<{iri}/s{i}>", "<https://example.org/p>", f'"{v} {i}"') for v in versions for i in range(n)}
    hash_triple = {(f"<{iri}>", "<https://w3id.org/alliance-kg/ontology#contentHash>", f'"{v}"') for v in versions}
    assert graph in (set(), body, body | hash_triple), f"{len(graph)} triples: half-written"
    if protocol == "sparql update":
        assert graph == body | hash_triple and versions == {"old"}       # the new one was staged, not moved
        assert RemoteStore(server.url).graph_quads(staging_graph(iri))    # what it staged waits there
    store().replace_article(iri, _big_article(iri, "new", n))            # written again: whole, staging gone
    assert len(RemoteStore(server.url).graph_quads(iri)) == n + 1
    assert RemoteStore(server.url).article_hash(iri) == "new"
    assert not RemoteStore(server.url).graph_quads(staging_graph(iri))
    RemoteStore(server.url).remove_article(iri)
