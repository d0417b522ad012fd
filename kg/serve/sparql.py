"""The SPARQL 1.1 Protocol side of `kg serve`: reading a request, running it read-only, writing results.

Results are negotiated from the Accept header (or a `format` parameter): SPARQL JSON, XML, CSV
and TSV for SELECT/ASK; Turtle, N-Triples, JSON-LD and RDF/XML for CONSTRUCT/DESCRIBE. Queries
pass the same checks as `kg query` (kg/query.py: updates and SERVICE refused) and run in worker
threads, at most `max_running` at once, each stopped after `timeout` seconds.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar
from xml.sax.saxutils import escape, quoteattr

from kg.errors import KgError, QueryError
from kg.query import QueryResult, check_read_only, format_result, run_query

T = TypeVar("T")

#: media type -> (result kind, format) for SELECT/ASK ("results") and CONSTRUCT/DESCRIBE ("graph")
RESULT_TYPES: dict[str, str] = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES: dict[str, str] = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/ld+json": "jsonld",
    "application/json": "jsonld",
    "application/rdf+xml": "rdfxml",
}
#: the media type each format is sent as
CONTENT_TYPES: dict[str, str] = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
    "csv": "text/csv", "tsv": "text/tab-separated-values", "turtle": "text/turtle",
    "nt": "application/n-triples", "jsonld": "application/ld+json", "rdfxml": "application/rdf+xml",
}
#: short names accepted in a `format` (or `output`) parameter
FORMAT_NAMES: dict[str, str] = {
    "json": "json", "srj": "json", "xml": "xml", "srx": "xml", "csv": "csv", "tsv": "tsv",
    "turtle": "turtle", "ttl": "turtle", "nt": "nt", "ntriples": "nt", "n-triples": "nt",
    "jsonld": "jsonld", "json-ld": "jsonld", "rdfxml": "rdfxml", "rdf": "rdfxml",
}


class ProtocolError(KgError):
    """A request the endpoint refuses; `status` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _accepted(accept: str) -> list[tuple[str, float]]:
    """The media ranges of an Accept header, best first (q, then order)."""
    ranges = []
    for i, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for f in fields[1:]:
            name, _, value = f.partition("=")
            if name.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > 0:
            ranges.append((media, q, i))
    return [(m, q) for m, q, _i in sorted(ranges, key=lambda r: (-r[1], r[2]))]


def negotiate(kind: str, accept: str | None, fmt: str | None = None) -> str:
    """The format to answer a `kind` ("select", "ask" or "graph") result in; ProtocolError 406 if none fits."""
    table = GRAPH_TYPES if kind == "graph" else RESULT_TYPES
    default = "turtle" if kind == "graph" else "json"
    if fmt:
        wanted = FORMAT_NAMES.get(fmt.lower()) or table.get(fmt.lower().split(";")[0].strip())
        if wanted in table.values():
            return wanted
        if kind == "graph" and wanted == "json":          # format=json on a CONSTRUCT: JSON-LD
            return "jsonld"
        if wanted is None:
            raise ProtocolError(400, f"unknown format '{fmt}'; use one of {', '.join(sorted(set(table.values())))}")
    if not accept:
        return default
    for media, _q in _accepted(accept):
        if media in table:
            return table[media]
        if media in ("*/*", "application/*", "text/*") or (kind != "graph" and media.startswith("application/sparql")):
            return default
    raise ProtocolError(406, f"cannot answer this query as {accept}; acceptable: "
                        + ", ".join(m for m, f in table.items() if CONTENT_TYPES[f] == m))


def _xml_term(term: Any) -> str:
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return f"<uri>{escape(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{escape(str(term))}</bnode>"
    assert isinstance(term, Literal)
    attrs = ""
    if term.language:
        attrs = f" xml:lang={quoteattr(term.language)}"
    elif term.datatype is not None and str(term.datatype) != "http://www.w3.org/2001/XMLSchema#string":
        attrs = f" datatype={quoteattr(str(term.datatype))}"
    return f"<literal{attrs}>{escape(_xml_chars(str(term)))}</literal>"


def _xml_chars(text: str) -> str:
    """Text without the characters XML 1.0 cannot hold (control characters)."""
    return "".join(c if c in "\t\n\r" or (" " <= c <= "\ud7ff") or ("\ue000" <= c <= "\ufffd")
                   or c >= "\U00010000" else "\ufffd" for c in text)


def results_xml(result: QueryResult) -> str:
    """A SELECT or ASK result in the SPARQL Query Results XML Format."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if result.kind == "ask":
        out.append(f"<head/><boolean>{'true' if result.boolean else 'false'}</boolean></sparql>\n")
        return "".join(out)
    out.append("<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in result.vars) + "</head><results>")
    for row in result.rows:
        cells = "".join(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                        for v, t in zip(result.vars, row) if t is not None)
        out.append(f"\n<result>{cells}</result>")
    out.append("\n</results></sparql>\n")
    return "".join(out)


def write_result(result: QueryResult, fmt: str) -> tuple[bytes, str]:
    """The body and content type of a result in `fmt` (from :func:`negotiate`)."""
    if fmt == "xml":
        text = results_xml(result)
    elif fmt == "jsonld":
        text = format_result(result, "json")
    elif fmt == "rdfxml":
        text = result.to_rdflib().serialize(format="xml")
    else:
        text = format_result(result, fmt)
    ctype = CONTENT_TYPES[fmt]
    return text.encode("utf-8"), f"{ctype}; charset=utf-8"


@dataclass
class Limits:
    """What one server allows: seconds per query, queries at once, rows per result, request bytes."""

    timeout: float = 30.0
    max_running: int = 4
    queue_wait: float = 10.0
    max_rows: int = 1_000_000
    max_request_bytes: int = 1_000_000


class QueryRunner:
    """Runs read-only queries on a StoreLease in worker threads, within the Limits.

    A query that runs past its timeout is answered with 503 at once, but keeps its slot (and its
    hold on the store) until the engine finishes it: the cap counts what really runs.
    """

    def __init__(self, lease, limits: Limits) -> None:
        self.lease = lease
        self.limits = limits
        self._slots = threading.BoundedSemaphore(limits.max_running)

    @staticmethod
    def check(text: str) -> None:
        """Refuse updates and SERVICE with ProtocolError 403 (the same checks as `kg query`)."""
        if not text.strip():
            raise ProtocolError(400, "the query is empty")
        try:
            check_read_only(text)
        except QueryError as exc:
            message = (str(exc).replace("pass --allow-service if you mean it", "kg serve does not run it")
                       .replace("kg query is read-only", "kg serve is read-only"))
            raise ProtocolError(403, message) from None

    def run(self, text: str, *, graph: str | None = None) -> QueryResult:
        """Run `text` (blocking; call it from a worker thread). ProtocolError on refusal or failure."""
        self.check(text)
        if len(text.encode("utf-8")) > self.limits.max_request_bytes:
            raise ProtocolError(413, f"the query is longer than {self.limits.max_request_bytes:,} bytes")
        return self.call(lambda store: run_query(_GraphView(store, graph) if graph else store, text,
                                                 max_rows=self.limits.max_rows))

    def call(self, work: Callable[[Any], T]) -> T:
        """`work(store)` in a worker thread on the leased store, within the slots and the timeout."""
        if not self._slots.acquire(timeout=self.limits.queue_wait):
            raise ProtocolError(503, f"{self.limits.max_running} queries are running already; try again shortly")
        box: dict[str, Any] = {}
        done = threading.Event()

        def run() -> None:
            try:
                with self.lease.reading() as store:
                    box["result"] = work(store)
            except BaseException as exc:  # handed to the request's thread
                box["error"] = exc
            finally:
                self._slots.release()
                done.set()

        threading.Thread(target=run, name="kg-serve-query", daemon=True).start()
        if not done.wait(self.limits.timeout):
            raise ProtocolError(503, f"the query did not finish within {self.limits.timeout:g} s; narrow it "
                                "(LIMIT, more specific patterns, a bound variable)")
        if "error" in box:
            exc = box["error"]
            if isinstance(exc, ProtocolError):
                raise exc
            if isinstance(exc, QueryError):
                raise ProtocolError(400, str(exc)) from None
            if isinstance(exc, KgError):
                raise ProtocolError(503, str(exc)) from None
            if isinstance(exc, (SyntaxError, ValueError, OSError)):
                raise ProtocolError(400, f"the query failed: {exc}") from None
            raise exc
        return box["result"]


class _GraphView:
    """A store whose queries read one named graph (the protocol's default-graph-uri)."""

    def __init__(self, store, graph: str) -> None:
        self._store, self._graph = store, graph

    def query(self, text: str):
        return self._store.query(text, graph=self._graph)
