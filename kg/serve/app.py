"""The ASGI application of `kg serve` (Starlette): routes, request reading, content negotiation.

    /                 the query editor (YASGUI, vendored: no CDN), preloaded with the named queries
    /sparql           SPARQL 1.1 Protocol: GET ?query=, POST form or application/sparql-query
    /query            the named queries (JSON); /query/NAME?VAR=VALUE runs one with parameters
    /id/...           the page of an IRI the graph minted (HTML, Turtle, JSON-LD, N-Triples)
    /graph/id/...     the neighbourhood of an IRI, drawn as `kg view` draws
    /view             a query's result drawn as `kg view --query` draws (GET or POST ?query=)
    /search?q=NAME    entities and articles by name (case- and accent-insensitive)
"""
from __future__ import annotations

import contextlib
import json
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import anyio
from rdflib import RDF, URIRef
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from kg.errors import KgError
from kg.query import bind_params, describe_query, named_queries
from kg.serve import pages
from kg.serve.describe import canonical, describe
from kg.serve.lease import StoreLease
from kg.serve.search import NameIndex
from kg.serve.sparql import Limits, ProtocolError, QueryRunner, negotiate, write_result
from kg.vocab import KGR, PREFIXES

ASSETS = Path(__file__).resolve().parent / "assets"
#: seconds a client may take to send its request body
BODY_TIMEOUT = 10.0
#: request parameters that choose the output, never a query variable
OUTPUT_PARAMS = {"format", "output", "results"}
#: pages with no script of their own, and pages that carry inline scripts (the editor, the drawings)
CSP_STRICT = ("default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; "
              "frame-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'")
CSP_SCRIPTS = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
               "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; "
               "form-action 'self'; frame-ancestors 'self'")
_PARAMS_LINE = re.compile(r"^#\s*Parameters?:(.*)$", re.IGNORECASE | re.MULTILINE)
_PREFIX_LINE = re.compile(r"^\s*PREFIX\s+([\w.-]*):", re.IGNORECASE | re.MULTILINE)


def _html(page: str, status: int = 200, *, scripts: bool = False) -> HTMLResponse:
    return HTMLResponse(page, status_code=status, headers={"Content-Security-Policy":
                                                           CSP_SCRIPTS if scripts else CSP_STRICT})


def _parse_pairs(raw: bytes | str) -> list[tuple[str, str]]:
    """URL-encoded pairs, strictly UTF-8 (ProtocolError 400 otherwise)."""
    try:
        text = raw.decode("ascii") if isinstance(raw, bytes) else raw
        return parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeError:
        raise ProtocolError(400, "the request is not URL-encoded UTF-8") from None


async def _body(request: Request, limit: int) -> bytes:
    """The request body, at most `limit` bytes (413) and within BODY_TIMEOUT seconds (408)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise ProtocolError(413, f"the request is larger than {limit:,} bytes")
    chunks, size = [], 0
    try:
        with anyio.fail_after(BODY_TIMEOUT):
            async for chunk in request.stream():
                size += len(chunk)
                if size > limit:
                    raise ProtocolError(413, f"the request is larger than {limit:,} bytes")
                chunks.append(chunk)
    except TimeoutError:
        raise ProtocolError(408, f"the request body did not arrive within {BODY_TIMEOUT:g} s") from None
    return b"".join(chunks)


async def _params(request: Request, limit: int) -> tuple[dict[str, list[str]], str | None]:
    """The request's parameters (query string and form body) and a query sent as the body itself."""
    pairs = _parse_pairs(request.scope.get("query_string", b""))
    direct = None
    if request.method == "POST":
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = await _body(request, limit)
        if ctype == "application/x-www-form-urlencoded":
            pairs += _parse_pairs(body)
        elif ctype == "application/sparql-query":
            try:
                direct = body.decode("utf-8")
            except UnicodeDecodeError:
                raise ProtocolError(400, "the query is not UTF-8") from None
        elif ctype == "application/sparql-update":
            raise ProtocolError(403, "kg serve is read-only: SPARQL updates are refused; change the graph with `kg build`")
        else:
            raise ProtocolError(415, "send the query as application/sparql-query or as a form "
                                "(application/x-www-form-urlencoded) with a `query` field")
    params: dict[str, list[str]] = {}
    for key, value in pairs:
        params.setdefault(key, []).append(value)
    if "update" in params:
        raise ProtocolError(403, "kg serve is read-only: SPARQL updates are refused; change the graph with `kg build`")
    return params, direct


def _one(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name)
    if not values:
        return None
    if len(values) > 1:
        raise ProtocolError(400, f"give `{name}` once")
    return values[0]


def editor_text(text: str) -> str:
    """A query as the editor shows it: its header comments, then the kg prefixes it does not
    declare itself (the server predeclares them too), then the query."""
    lines = text.splitlines(keepends=True)
    head = 0
    while head < len(lines) and (not lines[head].strip() or lines[head].lstrip().startswith("#")):
        head += 1
    declared = {p.lower() for p in _PREFIX_LINE.findall(text)}
    missing = [f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items() if p.lower() not in declared]
    if head and not lines[head - 1].endswith("\n"):
        lines[head - 1] += "\n"
    return "".join(lines[:head] + missing + lines[head:])


def query_catalogue() -> list[dict[str, Any]]:
    """The named queries: name, what each answers, its parameters, its text and the editor's text."""
    out = []
    for name, path in named_queries().items():
        text = path.read_text(encoding="utf-8")
        m = _PARAMS_LINE.search(text)
        params = sorted(set(re.findall(r"\?([A-Za-z_]\w*)", m.group(1)))) if m else []
        out.append({"name": name, "description": describe_query(path), "parameters": params, "text": text,
                    "editor": editor_text(text)})
    return out


class Server:
    """The application's state: the leased store, the query runner, the name index."""

    def __init__(self, store_path: str | Path, limits: Limits | None = None) -> None:
        self.limits = limits or Limits()
        self.lease = StoreLease(store_path)
        self.runner = QueryRunner(self.lease, self.limits)
        self.names = NameIndex()

    # -- SPARQL ------------------------------------------------------------------------------

    async def _answer(self, request: Request, text: str, params: dict[str, list[str]],
                      graph: str | None = None) -> Response:
        result = await anyio.to_thread.run_sync(lambda: self.runner.run(text, graph=graph))
        fmt = negotiate(result.kind, request.headers.get("accept"),
                        _one(params, "format") or _one(params, "output") or _one(params, "results"))
        body, ctype = write_result(result, fmt)
        return Response(body, media_type=ctype.split(";")[0], headers={"Content-Type": ctype, "Vary": "Accept"})

    async def sparql(self, request: Request) -> Response:
        params, direct = await _params(request, self.limits.max_request_bytes)
        text = direct if direct is not None else _one(params, "query")
        if text is None:
            if "text/html" in request.headers.get("accept", ""):
                return RedirectResponse("/", status_code=303)
            raise ProtocolError(400, "no query: send ?query=SPARQL (GET), a form with `query`, or "
                                "an application/sparql-query body (POST)")
        if params.get("named-graph-uri"):
            raise ProtocolError(400, "named-graph-uri is not supported: use GRAPH in the query")
        graphs = params.get("default-graph-uri") or []
        if len(graphs) > 1:
            raise ProtocolError(400, "give at most one default-graph-uri (an article's IRI)")
        return await self._answer(request, text, params, graphs[0] if graphs else None)

    async def named(self, request: Request) -> Response:
        name = request.path_params["name"]
        queries = named_queries()
        if name not in queries:
            raise ProtocolError(404, f"no named query '{name}'; named queries: {', '.join(queries)}")
        params, _direct = await _params(request, self.limits.max_request_bytes)
        bindings = {}
        for key, values in params.items():
            if key in OUTPUT_PARAMS:
                continue
            if len(values) > 1:
                raise ProtocolError(400, f"give the parameter `{key}` once")
            bindings[key.lstrip("?$")] = values[0]
        try:
            text = bind_params(queries[name].read_text(encoding="utf-8"), bindings)
        except KgError as exc:
            raise ProtocolError(400, str(exc).replace("--param ", "parameter ")) from None
        return await self._answer(request, text, params)

    async def catalogue(self, request: Request) -> Response:
        return JSONResponse(query_catalogue())

    async def prefixes(self, request: Request) -> Response:
        """The kg prefixes in prefix.cc's format (the editor's prefix completion)."""
        return JSONResponse({k: str(v) for k, v in PREFIXES.items()})

    # -- pages -------------------------------------------------------------------------------

    async def index(self, request: Request) -> Response:
        config = {"queries": query_catalogue(), "prefixes": {k: str(v) for k, v in PREFIXES.items()},
                  "base": str(KGR)}
        data = json.dumps(config, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
        page = (ASSETS / "index.html").read_text(encoding="utf-8").replace("@@CONFIG@@", data)
        return _html(page, scripts=True)

    def _iri(self, request: Request) -> str:
        return str(KGR) + request.path_params["path"]

    async def entity(self, request: Request) -> Response:
        iri = self._iri(request)
        params, _ = await _params(request, self.limits.max_request_bytes)
        fmt = _entity_format(request.headers.get("accept"), _one(params, "format"))

        def work(store):
            desc = describe(store, iri)
            return desc, (None if _typed(desc) else canonical(store, iri))

        desc, same = await anyio.to_thread.run_sync(lambda: self.runner.call(work))
        if same and same != iri:
            path = pages.local_path(same)
            if path:
                return RedirectResponse(path + (f"?format={fmt}" if fmt != "html" else ""), status_code=303)
        if not desc.found:
            raise ProtocolError(404, f"the graph says nothing about {iri}")
        if fmt == "html":
            return _html(pages.entity_page(desc))
        data = desc.graph.serialize(format={"turtle": "turtle", "jsonld": "json-ld", "nt": "nt"}[fmt],
                                    **({"auto_compact": True} if fmt == "jsonld" else {}))
        ctype = {"turtle": "text/turtle", "jsonld": "application/ld+json", "nt": "application/n-triples"}[fmt]
        return Response(data, headers={"Content-Type": f"{ctype}; charset=utf-8", "Vary": "Accept"})

    async def neighbourhood(self, request: Request) -> Response:
        from kg.view import graph_to_network, page_html

        iri = self._iri(request)
        desc = await anyio.to_thread.run_sync(lambda: self.runner.call(lambda store: describe(store, iri)))
        if not desc.found:
            raise ProtocolError(404, f"the graph says nothing about {iri}")
        network = graph_to_network(desc.graph)
        if iri in network:
            network.graph["focus"] = [iri]
        title = f"Neighbourhood of {pages.label_of(desc.graph, URIRef(iri))}"
        return _html(page_html(network, title=title), scripts=True)

    async def view(self, request: Request) -> Response:
        from kg.view import graph_to_network, network_from_select, page_html

        params, direct = await _params(request, self.limits.max_request_bytes)
        text = direct if direct is not None else _one(params, "query")
        if not text:
            raise ProtocolError(400, "no query to draw: give ?query=SPARQL")
        result = await anyio.to_thread.run_sync(lambda: self.runner.run(text))
        if result.kind == "graph":
            network = graph_to_network(result.to_rdflib())
        elif result.kind == "select":
            network = network_from_select(result.vars, result.rows)
        else:
            raise ProtocolError(400, "an ASK result cannot be drawn: use a SELECT or CONSTRUCT query")
        try:
            page = page_html(network, title=_one(params, "title") or "Query result")
        except KgError as exc:
            raise ProtocolError(400, str(exc)) from None
        return _html(page, scripts=True)

    async def search(self, request: Request) -> Response:
        params, _ = await _params(request, self.limits.max_request_bytes)
        text = (_one(params, "q") or "")[:200]
        kind = _one(params, "type")

        def work(store):
            self.names.refresh(store, self.lease.version)
            return self.names.search(text, kind=kind)

        hits, total = await anyio.to_thread.run_sync(lambda: self.runner.call(work))
        if _one(params, "format") == "json" or "application/json" in request.headers.get("accept", ""):
            return JSONResponse({"query": text, "total": total, "hits": hits})
        return _html(pages.search_page(text, hits, total=total))

    async def close(self) -> None:
        self.lease.close()


def _typed(desc) -> bool:
    return (URIRef(desc.iri), RDF.type, None) in desc.graph


def _entity_format(accept: str | None, fmt: str | None) -> str:
    """html, turtle, jsonld or nt, from a `format` parameter or the Accept header."""
    names = {"html": "html", "turtle": "turtle", "ttl": "turtle", "jsonld": "jsonld", "json-ld": "jsonld",
             "json": "jsonld", "nt": "nt", "ntriples": "nt"}
    if fmt:
        if fmt.lower() not in names:
            raise ProtocolError(400, f"unknown format '{fmt}'; use html, turtle, jsonld or nt")
        return names[fmt.lower()]
    types = {"text/html": "html", "application/xhtml+xml": "html", "text/turtle": "turtle",
             "application/ld+json": "jsonld", "application/json": "jsonld", "application/n-triples": "nt"}
    from kg.serve.sparql import _accepted

    for media, _q in _accepted(accept or "*/*"):
        if media in types:
            return types[media]
        if media in ("*/*", "text/*"):
            return "html"
    raise ProtocolError(406, "this page is served as text/html, text/turtle, application/ld+json or "
                        "application/n-triples")


def create_app(store_path: str | Path, limits: Limits | None = None, *,
               allowed_hosts: list[str] | None = None) -> Starlette:
    """The kg serve application over the store at `store_path`."""
    server = Server(store_path, limits)

    async def on_error(request: Request, exc: Exception) -> Response:
        status = exc.status if isinstance(exc, ProtocolError) else 500
        message = str(exc) if isinstance(exc, ProtocolError) else "internal error"
        if "text/html" in request.headers.get("accept", "") and request.method == "GET":
            return _html(pages.error_page(status, message), status)
        return PlainTextResponse(message + "\n", status_code=status)

    routes = [
        Route("/", server.index),
        Route("/sparql", server.sparql, methods=["GET", "POST"]),
        Route("/query", server.catalogue),
        Route("/prefixes.json", server.prefixes),
        Route("/query/{name}", server.named, methods=["GET", "POST"]),
        Route("/id/{path:path}", server.entity),
        Route("/graph/id/{path:path}", server.neighbourhood),
        Route("/view", server.view, methods=["GET", "POST"]),
        Route("/search", server.search),
        Mount("/assets", StaticFiles(directory=ASSETS), name="assets"),
    ]
    middleware = [Middleware(_SecurityHeaders)]
    if allowed_hosts:
        from starlette.middleware.trustedhost import TrustedHostMiddleware

        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts))

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            await server.close()

    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan,
                    exception_handlers={ProtocolError: on_error, Exception: on_error, 404: _not_found})
    app.state.server = server
    return app


class _SecurityHeaders:
    """Every response: no MIME sniffing, no referrer; pages without their own policy get the strict one."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _v in headers}
                headers += [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", CSP_STRICT.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def _not_found(request: Request, exc: Exception) -> Response:
    message = "no such page: the editor is at /, entity pages at /id/..."
    if "text/html" in request.headers.get("accept", ""):
        return _html(pages.error_page(404, message), 404)
    return PlainTextResponse(message + "\n", status_code=404)
