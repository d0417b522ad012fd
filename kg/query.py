"""SPARQL over the store: find named queries, pre-bind parameters, run read-only, format results.

This module never imports spaCy, so `kg query` starts fast.
"""
from __future__ import annotations

import csv
import difflib
import io
import json
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import Errors, QueryError
from kg.ioerrors import store_fault
from kg.rdf import XSD_STRING, to_rdflib_term
from kg.resources import queries_dir
from kg.sparql import QUERY_FORM, blank_comments_and_strings, strip_comments_and_strings
from kg.vocab import PREFIXES

_UPDATE_KEYWORDS = re.compile(
    r"^\s*(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE | re.MULTILINE)
#: the word anywhere (Unicode case folding included, e.g. 'ſervice'): the query is then parsed
_SERVICE_WORD = re.compile(r"service", re.IGNORECASE)
_NAME = re.compile(r"^[A-Za-z0-9_-]+$")


# -- finding queries --------------------------------------------------------------------------


def named_queries() -> dict[str, Path]:
    """The named queries shipped with kg: name → .rq file."""
    return {p.stem: p for p in sorted(queries_dir().glob("*.rq"))}


def describe_query(path: Path) -> str:
    """The first comment line of a .rq file (what the query answers)."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            return line.lstrip("# ").split("—", 1)[-1].strip()
    return ""


def _is_file(path: Path) -> bool:
    """Is `path` an existing file? False for query text that cannot be a file name (too long, NUL...)."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def resolve_query(spec: str) -> tuple[str, str]:
    """Turn a query name, a .rq path or query text into (name, SPARQL text)."""
    spec = spec.strip()
    if not spec:
        raise QueryError(Errors.E200)
    named = named_queries()
    if spec in named:
        return spec, named[spec].read_text(encoding="utf-8")
    path = Path(spec)
    if spec.endswith(".rq") or ("\n" not in spec and _is_file(path)):
        try:
            return path.stem, path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise QueryError(Errors.E201.format(spec=spec)) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(Errors.E202.format(spec=spec, error=exc)) from None
    if _NAME.match(spec):
        near = difflib.get_close_matches(spec, named, n=3, cutoff=0.5)
        hint = f"did you mean {' or '.join(near)}? " if near else ""
        raise QueryError(Errors.E203.format(spec=spec, hint=hint, items=', '.join(named)))
    return "query", spec


# -- parameters -------------------------------------------------------------------------------


def _term(value: str) -> str:
    """A --param value as a SPARQL term: <IRI>, prefixed name, literal syntax, or a plain string."""
    v = value.strip()
    if v.startswith("<") and v.endswith(">"):
        return v
    if re.match(r"^(https?|urn|mailto|file):\S+$", v):
        return f"<{v}>"
    m = re.match(r"^([A-Za-z][\w-]*):([\w.%/-]*)$", v)
    if m and m.group(1) in PREFIXES:
        return f"<{PREFIXES[m.group(1)]}{m.group(2)}>"
    if re.match(r'^"(?:[^"\\]|\\.)*"(@[A-Za-z-]+|\^\^\S+)?$', v):
        return v
    return json.dumps(value, ensure_ascii=False)


def _closing_brace(text: str, start: int) -> int:
    """Index of the brace that closes the one at `start` (len(text) if unbalanced)."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
            if depth == 0:
                return i
    return len(text)


#: blocks whose variables are not bound by the group around them (or only optionally)
_SCOPED_BLOCK = re.compile(r"\b(OPTIONAL|MINUS|EXISTS)\s*\{|\{\s*SELECT\b", re.IGNORECASE)


def _required_variables(bare: str, body_start: int) -> set[str]:
    """The variables that the group starting at `body_start` ("{") binds outside OPTIONAL,
    MINUS, (NOT) EXISTS and subqueries."""
    body = bare[body_start:_closing_brace(bare, body_start) + 1]
    required, pos = [], 1
    for m in _SCOPED_BLOCK.finditer(body, 1):
        if m.start() < pos:
            continue                                   # inside a block already cut out
        required.append(body[pos:m.start()])
        brace = body.index("{", m.start())
        pos = _closing_brace(body, brace) + 1
    required.append(body[pos:])
    return set(re.findall(r"[?$]([A-Za-z_]\w*)", " ".join(required)))


def _projection(after_select: str) -> list[str]:
    """The variables a SELECT clause projects, in order (`AS ?x` gives x); empty for SELECT *."""
    clause = re.split(r"\b(?:WHERE|FROM)\b|\{", after_select, maxsplit=1, flags=re.IGNORECASE)[0]
    names, depth = [], 0
    for m in re.finditer(r"\(|\)|\bAS\s+[?$]([A-Za-z_]\w*)|[?$]([A-Za-z_]\w*)", clause, re.IGNORECASE):
        if m.group(0) == "(":
            depth += 1
        elif m.group(0) == ")":
            depth -= 1
        elif m.group(1) and depth == 1:
            names.append(m.group(1))
        elif m.group(2) and depth == 0:
            names.append(m.group(2))
    return names


def bind_params(text: str, params: dict[str, str]) -> str:
    """Pre-bind variables: with VALUES inside the query's WHERE group for variables that its
    required patterns bind (so the engine starts from them); with a FILTER (sameTerm) at the end
    of that group for the others, so that a row where the variable is unbound does not pass either
    (`roles --param organization=X` gives no post of an unknown institution); a variable that the
    SELECT computes is filtered around the query."""
    if not params:
        return text
    bare = strip_comments_and_strings(text)
    for name in params:
        if not re.match(r"^[A-Za-z_]\w*$", name):
            raise QueryError(Errors.E204.format(name=name))
        if not re.search(rf"[?$]{re.escape(name)}\b", bare):
            used = sorted(set(re.findall(r"[?$]([A-Za-z_]\w*)", bare)))
            raise QueryError(Errors.E215.format(name=name, items=", ".join(used)))
    terms = {name: _term(value) for name, value in params.items()}
    prefixes = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items()
                       if any(re.search(rf"\^\^{p}:", v) for v in terms.values()))
    blank = blank_comments_and_strings(text)
    where = re.search(r"\bWHERE\s*\{", blank, re.IGNORECASE)
    if where and blank.count("{", 0, where.start()) != blank.count("}", 0, where.start()):
        where = None                                   # a subquery's WHERE: the outer group has none
    inner: dict[str, str] = {}
    filtered: dict[str, str] = {}
    aliases = set(re.findall(r"\bAS\s+[?$]([A-Za-z_]\w*)", blank, re.IGNORECASE))
    if where:
        brace = where.end() - 1
        required = _required_variables(blank, brace)
        inner = {n: v for n, v in terms.items() if n in required and n not in aliases}
        filtered = {n: v for n, v in terms.items() if n not in inner and n not in aliases}
    outer = {n: v for n, v in terms.items() if n not in inner and n not in filtered}

    def values(bound: dict[str, str]) -> str:
        return f"VALUES ({' '.join('?' + n for n in bound)}) {{ ({' '.join(bound.values())}) }}"

    def same(bound: dict[str, str]) -> str:
        return "FILTER (" + " && ".join(f"sameTerm(?{n}, {v})" for n, v in bound.items()) + ")"

    if filtered:
        close = _closing_brace(blank, where.end() - 1)
        text = text[:close] + "  " + same(filtered) + "\n" + text[close:]
    if inner:
        brace = where.end() - 1
        text = text[:brace + 1] + "\n  " + values(inner) + text[brace + 1:]
    if outer:
        form = QUERY_FORM.search(blank)
        if form and form.group(1).upper() == "SELECT" and set(outer) & aliases:
            # a SELECT expression's variable: filter it around the query (SPARQL engines refuse a
            # VALUES clause that names a variable the SELECT itself computes)
            columns = " ".join("?" + v for v in _projection(blank[form.end():])) or "*"
            text = (text[:form.start()] + f"SELECT {columns} WHERE {{\n{{\n" + text[form.start():].rstrip()
                    + "\n}\n" + same(outer) + "\n}\n")
        else:
            text = text.rstrip() + "\n" + values(outer) + "\n"
    return prefixes + text


# -- running ----------------------------------------------------------------------------------


@dataclass
class QueryResult:
    """A materialised query result: rows of a SELECT, the answer of an ASK, or the triples of a graph."""

    kind: str                                   #: "select", "ask" or "graph"
    vars: list[str] = field(default_factory=list)
    rows: list[tuple[Any, ...]] = field(default_factory=list)   #: rdflib terms (None when unbound)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)

    def to_rdflib(self):
        """The triples of a CONSTRUCT/DESCRIBE result as an rdflib Graph."""
        from rdflib import Graph

        from kg.vocab import bind_prefixes

        g = Graph()
        bind_prefixes(g)
        if self.triples:
            g.parse(data=ox.serialize(self.triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
        return g


def check_read_only(text: str, *, allow_service: bool = False) -> None:
    """Refuse SPARQL updates, and SERVICE unless allowed."""
    bare = strip_comments_and_strings(text)
    if _UPDATE_KEYWORDS.search(bare) and not QUERY_FORM.search(bare.split("{", 1)[0]):
        raise QueryError(Errors.E205)
    if not allow_service and _uses_service(text):
        raise QueryError(Errors.E206)


def _uses_service(text: str) -> bool:
    """Does the query hold a SERVICE clause? Decided on the parsed query (rdflib's SPARQL parser),
    since no regular expression tells a keyword from the same word in a string, IRI or comment
    every time; a query that mentions the word and cannot be parsed counts as using it."""
    if not _SERVICE_WORD.search(text):
        return False
    try:
        from rdflib.plugins.sparql.parser import parseQuery

        tree = parseQuery(text)
    except Exception:  # noqa: BLE001 - rdflib raises pyparsing and other errors; refuse what we cannot check
        return True
    return _has_node(tree, "ServiceGraphPattern")


def _has_node(tree: Any, name: str) -> bool:
    """Does an rdflib SPARQL parse tree hold a node called `name`?"""
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            if node.name == name:
                return True
            stack.extend(node.values())
        elif isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, (list, tuple)) or type(node).__name__ == "ParseResults":
            stack.extend(node)
    return False


def _evaluate(store, text: str, max_rows: int | None = None) -> QueryResult:
    try:
        result = store.query(text)
    except SyntaxError as exc:
        raise QueryError(Errors.E207.format(error=exc)) from None
    except (OSError, ValueError, RuntimeError) as exc:
        raise _failed(store, exc) from None
    try:
        if isinstance(result, bool):
            return QueryResult("ask", boolean=result)
        if isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            rows = []
            for sol in result:
                if max_rows is not None and len(rows) >= max_rows:
                    raise QueryError(Errors.E209.format(max_rows=max_rows))
                rows.append(tuple(to_rdflib_term(sol[i]) for i in range(len(names))))
            return QueryResult("select", vars=names, rows=rows)
        if isinstance(result, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(result))
        triples = []
        for triple in result:
            if max_rows is not None and len(triples) >= max_rows:
                raise QueryError(Errors.E210.format(max_rows=max_rows))
            triples.append(triple)
        return QueryResult("graph", triples=triples)
    except (OSError, ValueError, RuntimeError, SyntaxError) as exc:
        raise _failed(store, exc) from None


def _failed(store, exc: Exception) -> Exception:
    """The error for a query that failed: a fault of the store (damaged, unreadable) or of the query."""
    return store_fault(exc, getattr(store, "path", None)) or QueryError(Errors.E208.format(error=exc))


def run_query(store, text: str, *, timeout: float | None = None, allow_service: bool = False,
              max_rows: int | None = None) -> QueryResult:
    """Run a read-only query on a kg.store.Store, stopping with QueryError after `timeout` seconds
    (or when it gives more than `max_rows` rows or triples)."""
    check_read_only(text, allow_service=allow_service)
    if timeout is None:
        return _evaluate(store, text, max_rows)
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["result"] = _evaluate(store, text, max_rows)
        except BaseException as exc:  # handed to the caller's thread
            box["error"] = exc

    worker = threading.Thread(target=work, name="kg-query", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise QueryError(Errors.E211.format(timeout=timeout))
    if "error" in box:
        raise box["error"]
    return box["result"]


# -- formatting -------------------------------------------------------------------------------


_NT_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def _nt(term) -> str:
    """A term in N-Triples syntax (TSV cells): always one line, tabs and line breaks escaped."""
    if term is None:
        return ""
    from rdflib import Literal

    if isinstance(term, Literal):            # rdflib's n3() writes multi-line strings as """…"""
        body = f'"{str(term).translate(_NT_ESCAPES)}"'
        if term.language:
            return f"{body}@{term.language}"
        if term.datatype is not None and str(term.datatype) != XSD_STRING:
            return f"{body}^^<{term.datatype}>"
        return body
    return term.n3()


def _plain(term) -> str:
    """A term as CSV shows it: IRIs and literal lexical forms bare, blank nodes as _:id."""
    if term is None:
        return ""
    from rdflib import BNode

    return f"_:{term}" if isinstance(term, BNode) else str(term)


def _json_term(term) -> dict[str, str]:
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None and str(term.datatype) != XSD_STRING:
        out["datatype"] = str(term.datatype)
    return out


def _short(term) -> str:
    from rdflib import URIRef

    if term is None:
        return ""
    if isinstance(term, URIRef):
        text = str(term)
        for prefix, ns in PREFIXES.items():
            if text.startswith(str(ns)) and re.match(r"^[\w./%-]*$", text[len(str(ns)):]):
                return f"{prefix}:{text[len(str(ns)):]}"
        return f"<{text}>"
    return " ".join(str(term).splitlines())        # \r, \n, U+2028… would break the row on a terminal


def _table(vars: list[str], rows: list[tuple]) -> str:
    cells = [[_short(v) for v in row] for row in rows]
    widths = [max([len(v)] + [len(r[i]) for r in cells]) for i, v in enumerate(vars)]
    widths = [min(w, 60) for w in widths]

    def line(values: list[str]) -> str:
        parts = [(v if len(v) <= w else v[: w - 1] + "…").ljust(w) for v, w in zip(values, widths)]
        return "  ".join(parts).rstrip()

    out = [line(vars), line(["-" * w for w in widths])]
    out += [line(r) for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Render a result: json/csv/tsv (W3C results formats), table, or turtle/nt for graphs."""
    if result.kind == "graph":
        if fmt in ("turtle", "table"):
            prefixes = {k: str(v) for k, v in PREFIXES.items()}
            return ox.serialize(result.triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes).decode("utf-8")
        if fmt == "nt":
            return ox.serialize(result.triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        if fmt == "json":
            from kg.vocab import bind_prefixes  # noqa: F401  (JSON-LD via rdflib)

            return result.to_rdflib().serialize(format="json-ld")
        raise QueryError(Errors.E212.format(fmt=fmt))
    if fmt in ("turtle", "nt"):
        raise QueryError(Errors.E213.format(fmt=fmt))
    if result.kind == "ask":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(result.boolean)}) + "\n"
        if fmt in ("csv", "tsv"):
            return ("true" if result.boolean else "false") + ("\r\n" if fmt == "csv" else "\n")
        return ("yes" if result.boolean else "no") + "\n"
    if fmt == "json":
        bindings = [{v: _json_term(t) for v, t in zip(result.vars, row) if t is not None} for row in result.rows]
        return json.dumps({"head": {"vars": result.vars}, "results": {"bindings": bindings}},
                          ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(result.vars)
        writer.writerows([_plain(t) for t in row] for row in result.rows)
        return buf.getvalue()
    if fmt == "tsv":
        lines = ["\t".join("?" + v for v in result.vars)]
        lines += ["\t".join(_nt(t) for t in row) for row in result.rows]
        return "\n".join(lines) + "\n"
    if fmt == "table":
        return _table(result.vars, result.rows)
    raise QueryError(Errors.E214.format(fmt=fmt))
