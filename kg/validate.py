"""Check a graph against the SHACL shapes of ontology/shapes.ttl (pyshacl, fully offline).

Usage::

    from kg.validate import validate
    report = validate(dataset)          # rdflib Graph / Dataset, or a pyoxigraph Store
    if not report.conforms:
        print(report.text)

The data is validated as ONE graph: the union of all article graphs (that is how the queries
see it, and entity types stated in one article serve class constraints of another). The
ontology is mixed in (``ont_graph``) so that ``sh:targetClass`` / ``sh:class`` follow its
``rdfs:subClassOf`` links (an ``akg:Alliance`` is an ``org:Organization``); no inference is run,
which keeps validation fast. Nothing is ever fetched from the network: the ontology and shapes
are parsed from the local files and ``owl:imports`` are not followed.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import RDF

from kg import resources
from kg.errors import Errors, ValidationError
from kg.vocab import PREFIXES, SH, bind_prefixes

__all__ = ["Violation", "ValidationReport", "validate", "load_ontology", "load_shapes"]

log = logging.getLogger(__name__)

_SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}
# longest namespace first, so "kgr:" wins over a shorter overlapping namespace
_COMPACT = sorted(((str(ns), p) for p, ns in PREFIXES.items()), key=lambda t: -len(t[0]))


def short(term: Any) -> str:
    """A readable form of an RDF term: ``kgr:post/abc``, ``org:role``, ``"text"``."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        s = str(term)
        for ns, prefix in _COMPACT:
            if s.startswith(ns) and len(s) > len(ns):
                return f"{prefix}:{s[len(ns):]}"
        return f"<{s}>"
    if isinstance(term, Literal):
        text = str(term)
        if len(text) > 60:
            text = text[:57] + "..."
        if term.datatype is not None:
            return f'"{text}"^^{short(URIRef(term.datatype))}'
        if term.language:
            return f'"{text}"@{term.language}'
        return f'"{text}"'
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


@dataclass(frozen=True)
class Violation:
    """One SHACL validation result."""

    focus_node: str  #: IRI (or blank node id) of the node that fails
    path: str | None  #: the property path that fails (compact form), None for node constraints
    message: str  #: human-readable message; always names the focus node
    severity: str = "Violation"  #: Violation, Warning or Info
    value: str | None = None  #: the offending value, when there is one
    constraint: str | None = None  #: the SHACL constraint component (e.g. "MinCountConstraintComponent")
    shape: str | None = None  #: the node shape the result comes from, when known

    def __str__(self) -> str:
        return f"[{self.severity}] {self.message}"


@dataclass
class ValidationReport:
    """Outcome of :func:`validate`."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    text: str = ""  #: a summary for people; filled in automatically when empty

    def __post_init__(self) -> None:
        if not self.text:
            self.text = _summary(self.conforms, self.violations)

    def __bool__(self) -> bool:  # `if report:` reads as "the graph conforms"
        return self.conforms


def _summary(conforms: bool, violations: list[Violation]) -> str:
    if conforms and not violations:
        return "The graph conforms to the SHACL shapes (0 violations)."
    counts: dict[str, int] = {}
    for v in violations:
        counts[v.severity] = counts.get(v.severity, 0) + 1
    head = ", ".join(f"{n} {sev.lower()}{'s' if n != 1 else ''}" for sev, n in
                     sorted(counts.items(), key=lambda kv: _SEVERITY_ORDER.get(kv[0], 9)))
    verdict = "conforms" if conforms else "does NOT conform"
    lines = [f"The graph {verdict} to the SHACL shapes: {head}."]
    lines += [f"  {v}" for v in violations]
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# loading the ontology and the shapes (local files only, cached by path + modification time)

_cache: dict[tuple[str, str, int], Graph] = {}


def _load_turtle(path: Path, what: str) -> Graph:
    path = Path(path)
    try:
        stamp = path.stat().st_mtime_ns
    except FileNotFoundError:
        raise ValidationError(
            Errors.E400.format(what=what, path=path, name=path.name)
        ) from None
    except OSError as exc:
        raise ValidationError(Errors.E401.format(what=what, path=path, error=exc)) from None
    key = (what, str(path.resolve()), stamp)
    cached = _cache.get(key)
    if cached is not None:
        return cached
    graph = Graph()
    bind_prefixes(graph)
    try:
        # a local file, parsed as Turtle: rdflib never dereferences anything here
        graph.parse(source=str(path), format="turtle")
    except Exception as exc:  # rdflib raises several parser exception types
        raise ValidationError(
            Errors.E402.format(what=what, path=path, error=exc)
        ) from None
    if len(graph) == 0:
        raise ValidationError(Errors.E403.format(what=what, path=path))
    _cache[key] = graph
    return graph


def load_ontology(path: str | Path | None = None) -> Graph:
    """The OWL ontology (ontology/alliance.ttl) as an rdflib Graph. Do not modify the result (cached)."""
    return _load_turtle(Path(path) if path is not None else resources.ontology_file(), "ontology")


def load_shapes(path: str | Path | None = None) -> Graph:
    """The SHACL shapes (ontology/shapes.ttl) as an rdflib Graph. Do not modify the result (cached)."""
    graph = _load_turtle(Path(path) if path is not None else resources.shapes_file(), "SHACL shapes")
    if (None, RDF.type, SH.NodeShape) not in graph and (None, RDF.type, SH.PropertyShape) not in graph:
        raise ValidationError(
            Errors.E404.format(reason=path or resources.shapes_file())
        )
    return graph


# --------------------------------------------------------------------------------------------
# the data graph


def _union_graph(data: Any) -> Graph:
    """A fresh rdflib Graph holding every triple of ``data`` (all named graphs merged)."""
    union = Graph()
    bind_prefixes(union)
    try:
        import pyoxigraph  # noqa: PLC0415

        if isinstance(data, pyoxigraph.Store):
            nt = data.query(
                "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True
            ).serialize(format=pyoxigraph.RdfFormat.N_TRIPLES)
            if nt:
                union.parse(data=nt.decode("utf-8"), format="nt")
            return union
    except ImportError:  # pragma: no cover - pyoxigraph is a dependency
        pass
    if isinstance(data, (Dataset, ConjunctiveGraph)):
        for s, p, o, _g in data.quads((None, None, None, None)):
            union.add((s, p, o))
        return union
    if isinstance(data, Graph):
        for triple in data:
            union.add(triple)
        return union
    raise TypeError(f"validate() needs an rdflib Graph or Dataset (or a pyoxigraph Store), not {type(data).__name__}")


# --------------------------------------------------------------------------------------------
# validation


def _value(graph: Graph, subject, predicate):
    return next(graph.objects(subject, predicate), None)


def _path_text(results: Graph, path) -> str | None:
    if path is None:
        return None
    if isinstance(path, URIRef):
        return short(path)
    inverse = _value(results, path, SH.inversePath)
    if inverse is not None:
        return f"^{short(inverse)}"
    return "(complex path)"


def _node_shape(shapes: Graph, source_shape) -> str | None:
    """The named node shape a (possibly blank) property shape belongs to."""
    if source_shape is None:
        return None
    if isinstance(source_shape, URIRef):
        return short(source_shape)
    parent = next(shapes.subjects(SH.property, source_shape), None)
    return short(parent) if parent is not None else None


def _violations(results: Graph, shapes: Graph) -> list[Violation]:
    out: list[Violation] = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = _value(results, result, SH.focusNode)
        path = _value(results, result, SH.resultPath)
        value = _value(results, result, SH.value)
        severity = _value(results, result, SH.resultSeverity)
        component = _value(results, result, SH.sourceConstraintComponent)
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        sev = str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation"
        path_txt = _path_text(results, path)
        where = short(focus) + (f" {path_txt}" if path_txt else "")
        msg = "; ".join(messages) or "fails a SHACL constraint"
        if value is not None and value != focus:
            msg += f" (value: {short(value)})"
        kind = str(component).rsplit("#", 1)[-1] if component is not None else None
        if kind:
            kind = kind.removesuffix("ConstraintComponent")
            msg += f" [{kind[:1].lower()}{kind[1:]}]"
        out.append(
            Violation(
                focus_node=str(focus),
                path=path_txt,
                message=f"{where}: {msg}",
                severity=sev,
                value=str(value) if value is not None else None,
                constraint=kind,
                shape=_node_shape(shapes, _value(results, result, SH.sourceShape)),
            )
        )
    out.sort(key=lambda v: (_SEVERITY_ORDER.get(v.severity, 9), v.focus_node, v.path or "", v.message))
    return out


def validate(
    data: Graph | Dataset | Any,
    *,
    shapes: str | Path | Graph | None = None,
    ontology: str | Path | Graph | None = None,
    inference: str = "none",
) -> ValidationReport:
    """Validate ``data`` (the union of its graphs) against the SHACL shapes.

    ``shapes`` / ``ontology`` default to the files shipped with the package
    (:func:`kg.resources.shapes_file`, :func:`kg.resources.ontology_file`).
    Raises :class:`kg.errors.ValidationError` when those files are missing or do not parse.
    """
    import pyshacl  # noqa: PLC0415 - slow import, only needed here

    shapes_graph = shapes if isinstance(shapes, Graph) else load_shapes(shapes)
    ont_graph = ontology if isinstance(ontology, Graph) else load_ontology(ontology)
    data_graph = _union_graph(data)

    # pyshacl logs a warning for every owl:imports it skips; keep the CLI quiet
    logging.getLogger("pyshacl").setLevel(logging.ERROR)
    try:
        conforms, results_graph, _text = pyshacl.validate(
            data_graph,
            shacl_graph=shapes_graph,
            ont_graph=ont_graph,
            inference=inference,
            inplace=True,  # data_graph is our own copy
            abort_on_first=False,
            allow_infos=True,
            allow_warnings=False,
            meta_shacl=False,
            advanced=False,
            do_owl_imports=False,  # never fetch a remote document
            js=False,
        )
    except Exception as exc:  # pyshacl reports malformed shapes as runtime errors
        raise ValidationError(
            Errors.E405.format(error=exc)
        ) from None
    return ValidationReport(conforms=bool(conforms), violations=_violations(results_graph, shapes_graph))
