"""A SPARQL 1.1 server as the store (Virtuoso, GraphDB, Fuseki, Neptune, ...), over HTTP.

Implements kg.store.GraphStore, with the layout of the embedded store: one named graph per article (named by the article
IRI), queries over the union of the article graphs. Reads use the SPARQL 1.1 Protocol (query),
writes the Graph Store Protocol when there is one (a PUT per article graph: $KG_STORE_GSP_URL, or
Virtuoso's own endpoint, found by itself), else SPARQL 1.1 Update: `DROP SILENT GRAPH <a> ; INSERT
DATA { GRAPH <a> { ... } }` in requests of at most TRIPLES_PER_REQUEST triples.

The endpoint's default graph must be the union of its named graphs (Virtuoso and GraphDB do this
out of the box; Fuseki needs `tdb2:unionDefaultGraph true`). Only the stdlib is used for HTTP, so
`kg query` on a remote store starts as fast as on a local one.
"""
from __future__ import annotations

import base64
import hashlib
import http.client
import io
import os
import re
import socket
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, TYPE_CHECKING

import pyoxigraph as ox

from kg.errors import Errors, StoreError
from kg.sparql import query_form, strip_comments_and_strings
from kg.vocab import AKG, PREFIX_IRIS, STATS_CLASSES

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Dataset

#: URL schemes that make `--store` a SPARQL endpoint instead of a directory
URL_SCHEMES = ("http://", "https://")
#: environment: a separate SPARQL Update endpoint, and credentials for it (Basic or Digest auth)
UPDATE_URL_ENV = "KG_STORE_UPDATE_URL"
USER_ENV, PASSWORD_ENV = "KG_STORE_USER", "KG_STORE_PASSWORD"
#: graphs of Virtuoso's own (its RDF views, LDP and service description), left out of the queries
#: default graph; $KG_STORE_EXCLUDE_GRAPHS adds more (space-separated IRIs)
VIRTUOSO_SYSTEM_GRAPHS = ("http://www.openlinksw.com/schemas/virtrdf#", "http://www.w3.org/ns/ldp#",
                          "http://localuriqaserver/sparql", "http://localhost:8890/sparql")
EXCLUDE_ENV = "KG_STORE_EXCLUDE_GRAPHS"
#: a Graph Store Protocol endpoint (PUT replaces one graph in one request, with no size limit): used
#: instead of SPARQL Update when set; on Virtuoso its own (/sparql-graph-crud) is found by itself
GSP_URL_ENV = "KG_STORE_GSP_URL"
#: seconds an HTTP request may take ($KG_STORE_TIMEOUT overrides it)
TIMEOUT = 600.0
TIMEOUT_ENV = "KG_STORE_TIMEOUT"
#: a request that fails for a reason that may pass (connection refused or reset, no answer within
#: the timeout, 502/503/504) is tried again up to RETRIES more times ($KG_STORE_RETRIES), after
#: BACKOFF seconds ($KG_STORE_BACKOFF), then twice as long each time (at most MAX_BACKOFF), or as
#: long as the server's Retry-After asks; every request kg sends may be repeated (a replaced graph
#: is replaced again)
RETRIES, RETRIES_ENV = 3, "KG_STORE_RETRIES"
BACKOFF, BACKOFF_ENV = 0.5, "KG_STORE_BACKOFF"
MAX_BACKOFF = 30.0
_TRANSIENT_STATUS = {502: "is unavailable (502 Bad Gateway)", 503: "is unavailable (503 Service Unavailable)",
                     504: "did not answer in time (504 Gateway Timeout)"}
#: graphs an article bigger than one update request is written into before it is moved into place in
#: one request (so it is never half-written under its own name); one per article, named by a hash
STAGING_PREFIX = "urn:kg:staging:"
#: most triples sent in one SPARQL Update request (Virtuoso refuses requests of ~1,500 and more);
#: $KG_STORE_UPDATE_TRIPLES overrides it
TRIPLES_PER_REQUEST = 800
TRIPLES_ENV = "KG_STORE_UPDATE_TRIPLES"
#: rows fetched per request when listing (servers cap result sizes, e.g. Virtuoso's ResultSetMaxRows)
PAGE = 10_000
#: article IRIs looked up per request
HASH_CHUNK = 200

#: what to ask for: SPARQL results for SELECT/ASK, N-Triples for CONSTRUCT/DESCRIBE (Virtuoso answers
#: 406 to a CONSTRUCT whose first Accept type is a results format, so the two are never mixed)
_RESULTS_ACCEPT = "application/sparql-results+xml, application/sparql-results+json;q=0.9"
_GRAPH_ACCEPT = "application/n-triples"
_DATASET = re.compile(r"\b(GRAPH|FROM)\b", re.IGNORECASE)
_RESULT_FORMATS = {
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
_GRAPH_FORMATS = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
}
_ARTICLE = f"<{AKG.Article}>"
_HASH = f"<{AKG.contentHash}>"


def is_url(value: object) -> bool:
    """True when a --store value is the URL of a SPARQL endpoint (not a folder).

    >>> is_url("https://dbpedia.org/sparql"), is_url("HTTP://localhost:8890/sparql"), is_url("kg-store")
    (True, True, False)
    """
    return isinstance(value, str) and value.lower().startswith(URL_SCHEMES)


def _split_credentials(url: str) -> tuple[str, str | None, str | None]:
    """Take user:password@ out of a URL."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None:
        return url, None, None
    host = parts.hostname or ""
    netloc = f"[{host}]" if ":" in host else host
    if parts.port:
        netloc += f":{parts.port}"
    clean = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    return clean, urllib.parse.unquote(parts.username), urllib.parse.unquote(parts.password or "")


class RemoteStore:
    """An article-partitioned RDF store behind a SPARQL 1.1 Query + Update endpoint."""

    resolves = False     #: no cross-article resolution: queries read the plain union of the graphs

    def __init__(self, url: str, *, update_url: str | None = None, user: str | None = None,
                 password: str | None = None, read_only: bool = False, timeout: float | None = None):
        url, url_user, url_password = _split_credentials(url)
        self.url = url
        self.path = url   # what messages show as the store's location
        self.update_url = update_url or os.environ.get(UPDATE_URL_ENV) or url
        self.read_only = read_only
        self.timeout = timeout or _env_number(TIMEOUT_ENV, TIMEOUT) or TIMEOUT
        self.retries = int(_env_number(RETRIES_ENV, RETRIES))
        self.backoff = _env_number(BACKOFF_ENV, BACKOFF)
        self.triples_per_request = int(os.environ.get(TRIPLES_ENV) or TRIPLES_PER_REQUEST)
        user = user or url_user or os.environ.get(USER_ENV)
        self.user = user
        password = password or url_password or os.environ.get(PASSWORD_ENV) or ""
        handlers: list = []
        self._basic = None
        if user:
            mgr = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            for u in {self.url, self.update_url, os.environ.get(GSP_URL_ENV) or self.url}:
                parts = urllib.parse.urlsplit(u)          # the whole server: its Graph Store endpoint too
                mgr.add_password(None, f"{parts.scheme}://{parts.netloc}/", user, password)
            handlers += [urllib.request.HTTPDigestAuthHandler(mgr), urllib.request.HTTPBasicAuthHandler(mgr)]
            self._basic = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        self._opener = urllib.request.build_opener(*handlers)
        self.server_software = ""
        self.gone = False   #: the last request found no server (after its retries)
        self.graph_store_url = os.environ.get(GSP_URL_ENV) or None
        self._graph_param = "graph"   # the standard GSP parameter; Virtuoso's endpoint wants graph-uri
        self._prologue = ""   # Virtuoso: DEFINE pragmas that keep its system graphs out of queries

    # -- opening -----------------------------------------------------------------------------

    @classmethod
    def open(cls, url: str, *, read_only: bool = False) -> "RemoteStore":
        """Connect to the endpoint at `url` and check that it answers a query."""
        store = cls(url, read_only=read_only)
        store.ping()
        exclude = os.environ.get(EXCLUDE_ENV, "").split()
        if "virtuoso" in store.server_software.lower():
            exclude = [*VIRTUOSO_SYSTEM_GRAPHS, store.url, *exclude]
            if store.graph_store_url is None and store.update_url.rstrip("/").endswith(("/sparql", "/sparql-auth")):
                head = store.update_url.rstrip("/").rsplit("/", 1)[0]
                auth = store._basic is not None or store.update_url.rstrip("/").endswith("-auth")
                store.graph_store_url = head + ("/sparql-graph-crud-auth" if auth else "/sparql-graph-crud")
                store._graph_param = "graph-uri"
            store._prologue = "".join(f"DEFINE input:default-graph-exclude <{g}>\n" for g in dict.fromkeys(exclude))
        return store

    def ping(self) -> None:
        """Raise StoreError unless the endpoint answers `ASK {}`."""
        result = self.query("ASK {}")
        if not isinstance(result, ox.QueryBoolean | bool):
            raise StoreError(Errors.E150.format(url=self.url))

    def close(self) -> None:
        """Nothing to release (each request is its own connection)."""

    def flush(self) -> None:
        """Nothing to flush (every write is a request of its own)."""

    def __enter__(self) -> "RemoteStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- HTTP --------------------------------------------------------------------------------

    def _post(self, url: str, form: dict[str, str], accept: str) -> tuple[str, bytes]:
        body = urllib.parse.urlencode(form).encode("ascii")
        return self._send("POST", url, body, "application/x-www-form-urlencoded; charset=utf-8", accept)

    def _send(self, method: str, url: str, body: bytes, content_type: str, accept: str) -> tuple[str, bytes]:
        """One request, tried again with backoff while it fails for a reason that may pass."""
        start = time.monotonic()
        for attempt in range(self.retries + 1):
            try:
                answer = self._send_once(method, url, body, content_type, accept)
                self.gone = False
                return answer
            except _Transient as exc:
                if attempt == self.retries:
                    self.gone = True
                    tries = f"{attempt + 1} attempt{'s' if attempt else ''} over {time.monotonic() - start:.0f} s"
                    hint = (f"; a slow server may need more time: ${TIMEOUT_ENV} (seconds, now {self.timeout:g})"
                            if exc.slow else "")
                    raise StoreError(Errors.E159.format(url=self.url, what=exc.what, tries=tries, hint=hint)) from None
                wait = min(MAX_BACKOFF, exc.retry_after if exc.retry_after is not None
                           else self.backoff * 2 ** attempt)
                print(f"kg: the SPARQL server at {self.url} {exc.what}; trying again in {wait:g} s "
                      f"({attempt + 2}/{self.retries + 1})", file=sys.stderr, flush=True)
                time.sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    def _send_once(self, method: str, url: str, body: bytes, content_type: str, accept: str) -> tuple[str, bytes]:
        request = urllib.request.Request(url, data=body, method=method, headers={
            "Content-Type": content_type, "Accept": accept})
        if self._basic:
            request.add_unredirected_header("Authorization", self._basic)
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                ctype = response.headers.get_content_type()
                self.server_software = response.headers.get("Server", "")
                return ctype, response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip().splitlines()
            message = " ".join(detail[:6])[:600] or exc.reason
            if exc.code in _TRANSIENT_STATUS:
                raise _Transient(_TRANSIENT_STATUS[exc.code], retry_after=_retry_after(exc.headers)) from None
            if exc.code == 401 and self._basic:
                # Basic sent up front was refused: ask again without it, so that the server's challenge
                # (Digest on Virtuoso's /sparql-auth, which answers Basic with no challenge) is answered
                self._basic = None
                return self._send_once(method, url, body, content_type, accept)
            if exc.code in (401, 403):
                if self.user:
                    raise StoreError(Errors.E157.format(url=url, user=self.user, code=exc.code, USER_ENV=USER_ENV,
                                                        PASSWORD_ENV=PASSWORD_ENV)) from None
                raise StoreError(Errors.E151.format(url=url, code=exc.code, USER_ENV=USER_ENV,
                                                    PASSWORD_ENV=PASSWORD_ENV)) from None
            if 400 <= exc.code < 500:
                raise SyntaxError(f"{url} rejected the request ({exc.code}): {message}") from None
            raise RuntimeError(f"{url} failed ({exc.code}): {message}") from None
        except ValueError as exc:          # urllib: an authentication scheme it cannot answer
            raise StoreError(Errors.E158.format(url=url, error=exc)) from None
        except (TimeoutError, socket.timeout):
            raise _Transient(f"did not answer within {self.timeout:g} s", slow=True) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, TimeoutError | socket.timeout):
                raise _Transient(f"did not answer within {self.timeout:g} s", slow=True) from None
            if isinstance(reason, ConnectionRefusedError):
                raise _Transient("refused the connection (is it running?)") from None
            if isinstance(reason, ConnectionError | http.client.HTTPException):
                raise _Transient(f"closed the connection ({reason or type(reason).__name__})") from None
            raise StoreError(Errors.E152.format(url=url, reason=reason)) from None

    def query(self, sparql: str):
        """Run a SPARQL query (pyoxigraph QuerySolutions/QueryBoolean, or a list of Triples for graphs)."""
        bare = strip_comments_and_strings(sparql)
        graph = query_form(sparql) in ("CONSTRUCT", "DESCRIBE")
        # Virtuoso's exclusions empty the named graphs too: only for queries of the default graph
        prologue = "" if _DATASET.search(bare) else self._prologue
        ctype, data = self._post(self.url, {"query": prologue + sparql},
                                 _GRAPH_ACCEPT if graph else _RESULTS_ACCEPT)
        if ctype in _RESULT_FORMATS:
            return ox.parse_query_results(data, _RESULT_FORMATS[ctype])
        if ctype in _GRAPH_FORMATS:
            return [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(data, _GRAPH_FORMATS[ctype])]
        raise RuntimeError(f"{self.url} answered with {ctype or 'no content type'}, not SPARQL results or RDF")

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update request."""
        self._writable()
        try:
            self._post(self.update_url, {"update": sparql}, "*/*")
        except SyntaxError as exc:
            raise StoreError(Errors.E153.format(error=exc)) from None
        except RuntimeError as exc:
            raise StoreError(Errors.E154.format(error=exc)) from None

    def _select(self, sparql: str) -> list[tuple]:
        result = self.query(sparql)
        if not isinstance(result, ox.QuerySolutions):
            raise StoreError(Errors.E155.format(url=self.url))
        names = [v.value for v in result.variables]
        return [tuple(sol[n] for n in names) for sol in result]

    def _paged(self, sparql: str) -> Iterator[tuple]:
        """Rows of an ORDER BY query, fetched PAGE rows at a time."""
        offset = 0
        while True:
            rows = self._select(f"{sparql} LIMIT {PAGE} OFFSET {offset}")
            yield from rows
            if len(rows) < PAGE:
                return
            offset += PAGE

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(Errors.E115)

    # -- articles ----------------------------------------------------------------------------

    def article_hash(self, article_iri: str) -> str | None:
        """The content hash the store holds for an article, or None if it is not in the store."""
        return self.article_hashes([article_iri]).get(article_iri)

    def article_hashes(self, article_iris: Iterable[str]) -> dict[str, str]:
        """Content hashes of those of `article_iris` the store holds (a few requests for many articles)."""
        iris = list(dict.fromkeys(article_iris))
        out: dict[str, str] = {}
        for i in range(0, len(iris), HASH_CHUNK):
            values = " ".join(f"<{iri}>" for iri in iris[i:i + HASH_CHUNK])
            rows = self._select(f"SELECT ?g ?h WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?g {_HASH} ?h }} }}")
            out.update({g.value: h.value for g, h in rows if g is not None and h is not None})
        return out

    def replace_article(self, article_iri: str, ntriples: str) -> None:
        """Replace the named graph of an article with these N-Triples, as a unit (see `replace_articles`)."""
        self.replace_articles([(article_iri, ntriples)])

    def replace_articles(self, items: Iterable[tuple[str, str]]) -> None:
        """Replace the graphs of several articles, each as a unit: never half-written under its name.

        With a Graph Store endpoint each article is one PUT of its triples but its content hash,
        and the hashes of the articles put follow in one update: an article whose write was cut
        short has no hash, so the next build writes it again (a server may commit a PUT's removal
        of the old graph apart from the new triples). With SPARQL Update small articles go
        several to a request (`DROP SILENT GRAPH ; INSERT DATA`: one request is one transaction);
        an article bigger than a request (`triples_per_request`) is written into a staging graph
        request by request, then moved into place by one `MOVE` request.
        """
        self._writable()
        items = list(items)
        if self.graph_store_url is not None:
            rest, hashes = [], []
            for iri, ntriples in items:
                body, hash_lines = _split_hash(ntriples)
                if body and self._put_graph(iri, body):
                    hashes.append((iri, hash_lines))
                else:
                    rest.append((iri, ntriples))
            self._pack([(None, iri, lines) for iri, lines in hashes if lines])
            items = rest
        small = []
        for iri, ntriples in items:
            _check_ntriples(ntriples)
            lines = [line for line in ntriples.splitlines() if line.strip()]
            if len(lines) > self.triples_per_request:
                self._replace_big(iri, lines)
            else:
                small.append((iri, lines))
        self._pack([(f"DROP SILENT GRAPH <{iri}>", iri, lines) for iri, lines in small])

    def _pack(self, writes: list[tuple[str | None, str, list[str]]]) -> None:
        """Send (first operation, graph, N-Triples lines) writes, whole ones packed into requests of at
        most `triples_per_request` triples (a write is never split over two requests)."""
        ops: list[str] = []
        count = 0
        for first, iri, lines in writes:
            if ops and count + len(lines) > self.triples_per_request:
                self.update(" ;\n".join(ops))
                ops, count = [], 0
            if first:
                ops.append(first)
            if lines:
                ops.append(f"INSERT DATA {{ GRAPH <{iri}> {{\n" + "\n".join(lines) + "\n} }")
            count += len(lines)
        if ops:
            self.update(" ;\n".join(ops))

    def _replace_big(self, iri: str, lines: list[str]) -> None:
        """An article bigger than one request: into its staging graph, then moved into place at once."""
        staging = staging_graph(iri)
        self.update(f"DROP SILENT GRAPH <{staging}>")        # what an interrupted write left
        limit = self.triples_per_request
        for i in range(0, len(lines), limit):
            self.update(f"INSERT DATA {{ GRAPH <{staging}> {{\n" + "\n".join(lines[i:i + limit]) + "\n} }")
        self.update(f"MOVE SILENT GRAPH <{staging}> TO GRAPH <{iri}>")

    def _put_graph(self, iri: str, ntriples: str) -> bool:
        """Replace a graph with one Graph Store Protocol PUT; False (and GSP off) when the server refuses it."""
        _check_ntriples(ntriples)
        url = f"{self.graph_store_url}?{urllib.parse.urlencode({self._graph_param: iri})}"
        try:
            self._send("PUT", url, ntriples.encode("utf-8"), "application/n-triples", "*/*")
        except (SyntaxError, RuntimeError, StoreError):
            if self.gone:                 # no server at all (not a refusal): say so
                raise
            if os.environ.get(GSP_URL_ENV):
                raise StoreError(Errors.E156.format(graph_store_url=self.graph_store_url, GSP_URL_ENV=GSP_URL_ENV, iri=iri)) from None
            self.graph_store_url = None   # not usable here: SPARQL Update from now on
            return False
        return True

    def remove_article(self, article_iri: str) -> None:
        """Remove an article and all its facts."""
        self.update(f"DROP SILENT GRAPH <{article_iri}>")

    def articles(self) -> list[str]:
        """IRIs of the articles in the store, sorted."""
        rows = self._paged(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?g a {_ARTICLE} }} }} ORDER BY ?g")
        return sorted(g.value for (g,) in rows if isinstance(g, ox.NamedNode))

    # -- reading -----------------------------------------------------------------------------

    def _count(self, where: str) -> int:
        rows = self._select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
        return int(rows[0][0].value) if rows and rows[0][0] is not None else 0

    def __len__(self) -> int:
        return self._count(f"GRAPH ?g {{ ?g a {_ARTICLE} . ?s ?p ?o }}")

    def graph_quads(self, article_iri: str) -> list[ox.Quad]:
        """The quads of one article's graph."""
        graph = ox.NamedNode(article_iri)
        triples = self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{article_iri}> {{ ?s ?p ?o }} }}")
        return [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples]

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of the article graphs (fetched one article at a time)."""
        for iri in self.articles():
            yield from self.graph_quads(iri)

    def union_triples(self, patterns: Sequence[tuple[ox.NamedNode | None, ox.Term | None]]) -> Iterator[ox.Triple]:
        """The distinct triples of the union that match one of `patterns` ((predicate, object),
        None for any), from one pass over the article graphs."""
        seen: set[ox.Triple] = set()
        for q in self.quads():
            if any((p is None or q.predicate == p) and (o is None or q.object == o) for p, o in patterns):
                triple = ox.Triple(q.subject, q.predicate, q.object)
                if triple not in seen:
                    seen.add(triple)
                    yield triple

    def stats(self) -> dict[str, int]:
        """Counts: articles, triples (distinct over all articles), quads, and entities per class."""
        in_articles = f"GRAPH ?g {{ ?g a {_ARTICLE} }} GRAPH ?g"
        counts = {"articles": self._count(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?g a {_ARTICLE} }} }}")}
        counts["triples"] = self._count(f"SELECT DISTINCT ?s ?p ?o WHERE {{ {in_articles} {{ ?s ?p ?o }} }}")
        counts["quads"] = len(self)
        for label, cls in STATS_CLASSES.items():
            counts[label] = self._count(f"SELECT DISTINCT ?x WHERE {{ {in_articles} {{ ?x a <{cls}> }} }}")
        return counts

    def dump(self, out: IO[bytes], fmt: str) -> int:
        """Write the graph to `out` as turtle, nt (the union), nq or trig (one graph per article)."""
        if fmt in ("nq", "trig"):
            if fmt == "nq":   # streamed, one article at a time
                n = 0
                for iri in self.articles():
                    quads = self.graph_quads(iri)
                    out.write(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
                    n += len(quads)
                return n
            quads = list(self.quads())
            ox.serialize(quads, out, format=ox.RdfFormat.TRIG, prefixes=PREFIX_IRIS)
            return len(quads)
        if fmt not in ("turtle", "nt"):
            raise StoreError(Errors.E116.format(fmt=fmt))
        triples = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in self.quads()}, key=str)
        ox.serialize(triples, out, format=ox.RdfFormat.TURTLE if fmt == "turtle" else ox.RdfFormat.N_TRIPLES,
                     prefixes=PREFIX_IRIS if fmt == "turtle" else None)
        return len(triples)

    def to_nquads(self) -> bytes:
        """The whole store as N-Quads."""
        buf = io.BytesIO()
        self.dump(buf, "nq")
        return buf.getvalue()

    def to_rdflib(self) -> "Dataset":
        """The whole store as an rdflib Dataset (one graph per article); for small graphs."""
        from kg.rdf import dataset_from_nquads

        return dataset_from_nquads(self.to_nquads())


class _Transient(Exception):
    """A request failed for a reason that may pass (kg tries it again)."""

    def __init__(self, what: str, *, slow: bool = False, retry_after: float | None = None):
        super().__init__(what)
        self.what, self.slow, self.retry_after = what, slow, retry_after


def _retry_after(headers) -> float | None:
    """The seconds of a Retry-After header (the delay form; a date is ignored)."""
    value = (headers or {}).get("Retry-After", "") if headers is not None else ""
    try:
        return max(0.0, float(value))
    except (TypeError, ValueError):
        return None


def _env_number(name: str, default: float) -> float:
    """A number from the environment variable `name` (its default when unset)."""
    value = os.environ.get(name)
    if not value:
        return default
    try:
        number = float(value)
    except ValueError:
        raise StoreError(Errors.E160.format(name=name, value=value)) from None
    if number < 0:
        raise StoreError(Errors.E161.format(name=name, value=value))
    return number


def staging_graph(article_iri: str) -> str:
    """The staging graph of an article too big for one update request (see `replace_articles`)."""
    return STAGING_PREFIX + hashlib.sha1(article_iri.encode("utf-8")).hexdigest()


def _split_hash(ntriples: str) -> tuple[str, list[str]]:
    """An article's N-Triples without its content-hash triple, and that triple's lines."""
    body, hashes = [], []
    for line in ntriples.splitlines():
        if line.strip():
            (hashes if f" {_HASH} " in line else body).append(line)
    return ("\n".join(body) + "\n" if body else ""), hashes


def _check_ntriples(ntriples: str) -> None:
    """Refuse N-Triples that do not parse: a bad line must never reach the server half-written."""
    try:
        for _ in ox.parse(ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES):
            pass
    except SyntaxError as exc:
        raise StoreError(Errors.E114.format(error=exc)) from exc
