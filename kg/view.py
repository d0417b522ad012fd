"""Interactive HTML views of the knowledge graph (networkx + pyvis / vis-network).

The view reads the RDF model of ``docs/rdf-model.md`` and draws only *entities* as nodes
(people, organisations, countries, cities, meetings).  Posts and memberships, which are
nodes in RDF, become labelled edges ("Attorney General of", "member of"); roles, mentions,
evidence sentences and articles are folded into node and edge attributes (the tooltips).

Public API::

    graph_to_network(data)                      -> nx.MultiDiGraph
    network_from_quads(quads)                   -> nx.MultiDiGraph   (pyoxigraph quads of a store)
    network_from_store(store)                   -> nx.MultiDiGraph   (a kg store, reading only what it draws)
    ego(network, focus, depth)                  -> nx.MultiDiGraph
    network_from_select(vars, rows)             -> nx.MultiDiGraph
    render_html(network, out, *, title=..., max_nodes=20_000,
                size_by="degree"|"betweenness", color_by="kind"|"community") -> Path
    page_html(network, *, title=..., ...)       -> str   (the same page as text)

The HTML page is one self-contained file: vis-network 9.1.2 (as shipped in the pyvis
package) is inlined, and the page contains no ``http://`` / ``https://`` reference at all.

Tooltip safety: no text from an article is ever parsed as HTML. The page data travels as
JSON inside a ``<script type="application/json">`` block (``<`` and ``>`` written as
``\\u003c`` / ``\\u003e``, so nothing in the data can close the script); the page script builds
each tooltip when the pointer rests on a node or edge, with ``createElement`` and
``textContent`` only, into its own tooltip box (vis-network's ``title`` is not used).
An article that contains ``<script>`` or ``<img onerror=...>`` shows that text literally.

Scale: the sentences and article titles are stored once per page and referred to by number;
vis-network gets only what it draws (id, label, colour, size, position).
"""
from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import DCTERMS, FOAF, PROV, SKOS

from kg.analyze import local_name, resolve
from kg.errors import Errors, QueryError, ViewError
from kg.rdf import to_rdflib_term
from kg.text import GERMAN_TRANSLITERATION
from kg.vocab import AKG, DCT, KGR, ORG, SCHEMA

if TYPE_CHECKING:  # pragma: no cover
    from kg.store import GraphStore

__all__ = [
    "graph_to_network",
    "network_from_quads",
    "network_from_store",
    "ego",
    "network_from_select",
    "render_html",
    "page_html",
    "KIND_COLORS",
    "KIND_LABELS",
    "COMMUNITY_COLORS",
    "SIZE_BY",
    "COLOR_BY",
    "LAYOUT_THRESHOLD",
    "MAX_NODES",
    "write_page",
]

#: Above this many nodes the page gets precomputed positions and no physics.
LAYOUT_THRESHOLD = 1_000
#: From this many nodes the browser's layout starts from positions computed in Python.
SEEDED_LAYOUT = 100
#: Mean distance in pixels between neighbours laid out in Python for a page without physics
#: (big graphs are dense in the middle: room for the nodes when zoomed in on one).
LARGE_SPACING = 90.0
#: Layout iterations in the browser when it starts from Python's positions.
SEEDED_ITERATIONS = 100
#: Default cap on the nodes of one page.
MAX_NODES = 20_000
#: What node size can show, and what node colour can show.
SIZE_BY = ("degree", "betweenness")
COLOR_BY = ("kind", "community")
#: Node radius range in pixels.
MIN_SIZE, MAX_SIZE = 10.0, 60.0
#: Evidence sentences shown per tooltip (the rest is counted).
TOOLTIP_EVIDENCE = 5
_SEP = " \u00b7 "

#: Each kind's legend label and node colour, in legend order (the legend lists the kinds present in a page).
_KINDS: dict[str, tuple[str, str]] = {
    "person": ("Person", "#4e79a7"),
    "organization": ("Organisation", "#f28e2b"),
    "country": ("Country", "#59a14f"),
    "city": ("City", "#76b7b2"),
    "place": ("Place", "#9c755f"),
    "meeting": ("Meeting", "#e15759"),
    "role": ("Role", "#b07aa1"),
    "post": ("Post", "#ff9da7"),
    "article": ("Article", "#edc948"),
    "resource": ("Resource", "#bab0ac"),
    "other": ("Other", "#bab0ac"),
}
KIND_COLORS: dict[str, str] = {kind: color for kind, (_, color) in _KINDS.items()}
KIND_LABELS: dict[str, str] = {kind: label for kind, (label, _) in _KINDS.items()}
#: Colours of the largest communities (colour_by="community"); the others share COMMUNITY_OTHER.
COMMUNITY_COLORS: list[str] = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
                               "#b07aa1", "#ff9da7", "#9c755f", "#17becf", "#bcbd22", "#8c564b"]
COMMUNITY_OTHER = "#c7c7c7"
_EDGE_COLORS: dict[str, str] = {
    "post": "#4e79a7",
    "membership": "#f28e2b",
    "attended": "#e15759",
    "held_in": "#e15759",
    "in": "#59a14f",
    "select": "#888888",
}

# RDF classes -> view kinds, in priority order (an IRI with two types takes the first).
_CLASS_KINDS: list[tuple[URIRef, str]] = [
    (FOAF.Person, "person"),
    (SCHEMA.Country, "country"),
    (SCHEMA.City, "city"),
    (AKG.Meeting, "meeting"),
    (ORG.Organization, "organization"),
    (ORG.FormalOrganization, "organization"),
    (AKG.Alliance, "organization"),
    (SCHEMA.Place, "place"),
]
# IRI path segment (kgr:{segment}/...) -> kind, for nodes met without a type.
_SEGMENT_KINDS: dict[str, str] = {
    "person": "person",
    "org": "organization",
    "country": "country",
    "place": "city",
    "meeting": "meeting",
    "role": "role",
    "post": "post",
    "article": "article",
}

_ASSETS = Path(__file__).resolve().parent / "view_assets"
_URL_RE = re.compile(r"https?://", re.IGNORECASE)


# --------------------------------------------------------------------------------------
# RDF -> networkx
# --------------------------------------------------------------------------------------

class _TripleIndex:
    """The look-ups the reader makes (objects, subjects, value, subject_objects), over one set
    of triples held in plain dictionaries: much faster to fill than an rdflib Graph."""

    def __init__(self, triples: Iterable[tuple[Any, Any, Any]], *, distinct: bool = False) -> None:
        self._sp: dict[Any, dict[Any, list[Any]]] = {}
        self._po: dict[Any, dict[Any, list[Any]]] = {}
        for s, p, o in (triples if distinct else set(triples)):
            self._sp.setdefault(s, {}).setdefault(p, []).append(o)
            self._po.setdefault(p, {}).setdefault(o, []).append(s)

    def objects(self, s: Any, p: Any) -> list[Any]:
        """Objects of (s, p, ?); with s None, of every subject."""
        if s is None:
            return list(self._po.get(p, {}))
        return list(self._sp.get(s, {}).get(p, ()))

    def subjects(self, p: Any, o: Any = None) -> list[Any]:
        """Subjects of (?, p, o); with o None, of every object."""
        by_object = self._po.get(p, {})
        if o is None:
            return list({s for subjects in by_object.values() for s in subjects})
        return list(by_object.get(o, ()))

    def value(self, s: Any, p: Any) -> Any:
        """One object of (s, p, ?) (the first in sort order), or None."""
        found = self._sp.get(s, {}).get(p)
        return min(found, key=str) if found else None

    def subject_objects(self, p: Any) -> list[tuple[Any, Any]]:
        """Every (s, o) of (?, p, ?)."""
        return [(s, o) for o, subjects in self._po.get(p, {}).items() for s in subjects]


def _kind_from_iri(iri: str) -> str:
    base = str(KGR)
    if iri.startswith(base):
        segment = iri[len(base):].split("/", 1)[0]
        return _SEGMENT_KINDS.get(segment, "resource")
    return "resource"


def _label_rank(name: str) -> tuple[int, bool, str]:
    """Sort key choosing a display label: the fullest form first; between spellings of the
    same length once transliterated ("Malmström" / "Malmstroem"), the one with accents."""
    folded = name.casefold().translate(GERMAN_TRANSLITERATION)
    return (-len(folded), name.isascii(), name)


def _str_pair(pair: tuple[Any, Any]) -> tuple[str, str]:
    """Sort key of a pair of terms (string comparison: rdflib's own term ordering is slow)."""
    return str(pair[0]), str(pair[1])


def _text(value: Any) -> str:
    return "" if value is None else str(value)


class _Reader:
    """Turns one union of RDF graphs (as a _TripleIndex) into the entity network."""

    def __init__(self, g: _TripleIndex) -> None:
        self.g = g
        self.net = nx.MultiDiGraph()
        self._articles: dict[URIRef, dict[str, str]] = {}
        self._evidence: dict[URIRef, dict[str, str] | None] = {}

    # -- labels ------------------------------------------------------------------------
    def _labels(self, iri: URIRef) -> tuple[str, list[str]]:
        g = self.g

        def strs(pred: URIRef) -> list[str]:
            return sorted({str(o) for o in g.objects(iri, pred) if isinstance(o, Literal)})

        pref, fname, rlabel, alt = strs(SKOS.prefLabel), strs(FOAF.name), strs(RDFS.label), strs(SKOS.altLabel)
        label = ""
        for candidates in (pref, fname, rlabel, alt):
            if candidates:
                label = sorted(candidates, key=_label_rank)[0]
                break
        if not label:
            label = local_name(str(iri))
        names = sorted({label, *pref, *fname, *rlabel, *alt})
        return label, names

    # -- evidence ----------------------------------------------------------------------
    def _article(self, art: URIRef) -> dict[str, str]:
        if art not in self._articles:
            g = self.g
            self._articles[art] = {
                "article": str(art),
                "article_title": _text(g.value(art, DCT.title)),
                "article_date": _text(g.value(art, DCT.issued)),
                "article_url": _text(g.value(art, SCHEMA.url)),
            }
        return self._articles[art]

    def _one_evidence(self, ev: URIRef) -> dict[str, str] | None:
        if ev not in self._evidence:
            sentence = self.g.value(ev, AKG.sentenceText)
            art = self.g.value(ev, AKG.inArticle)
            if sentence is None and art is None:
                self._evidence[ev] = None
            else:
                item = {"sentence": _text(sentence)}
                item.update(self._article(art) if art is not None else
                            {"article": "", "article_title": "", "article_date": "", "article_url": ""})
                self._evidence[ev] = item
        return self._evidence[ev]

    def _evidence_of(self, subjects: Iterable[URIRef]) -> list[dict[str, str]]:
        items = []
        for s in subjects:
            for ev in self.g.objects(s, PROV.wasDerivedFrom):
                item = self._one_evidence(ev)
                if item is not None:
                    items.append(item)
        return items

    # -- nodes and edges ---------------------------------------------------------------
    def _node(self, iri: URIRef, kind: str | None = None) -> str:
        nid = str(iri)
        if nid not in self.net:
            label, names = self._labels(iri)
            self.net.add_node(nid, label=label, kind=kind or _kind_from_iri(nid), names=names,
                              evidence=[], roles=[])
        return nid

    def _edge(self, u: str, v: str, label: str, kind: str, evidence: list[dict[str, str]],
              **attrs: Any) -> None:
        if self.net.has_edge(u, v, key=label):
            data = self.net.edges[u, v, label]
            data["evidence"].extend(evidence)
        else:
            self.net.add_edge(u, v, key=label, label=label, kind=kind, evidence=list(evidence), **attrs)

    # -- main --------------------------------------------------------------------------
    def read(self) -> nx.MultiDiGraph:
        g = self.g
        kinds: dict[URIRef, str] = {}
        for cls, kind in _CLASS_KINDS:
            for s in g.subjects(RDF.type, cls):
                if isinstance(s, URIRef) and s not in kinds:
                    kinds[s] = kind
        for iri in sorted(kinds, key=str):
            self._node(iri, kinds[iri])

        # mentions -> evidence of the entity they refer to
        for mention, entity in sorted(g.subject_objects(AKG.refersTo), key=_str_pair):
            if isinstance(entity, URIRef):
                nid = self._node(entity, kinds.get(entity))
                self.net.nodes[nid]["evidence"].extend(self._evidence_of([mention]))
        # meetings also carry the evidence of the fact
        for iri, kind in kinds.items():
            if kind == "meeting":
                self.net.nodes[str(iri)]["evidence"].extend(self._evidence_of([iri]))
                date = g.value(iri, SCHEMA.startDate)
                etype = g.value(iri, AKG.eventType)
                self.net.nodes[str(iri)]["date"] = _text(date)
                self.net.nodes[str(iri)]["event_type"] = _text(etype)

        self._posts()
        self._memberships()
        self._meetings(kinds)
        self._places(kinds)

        for _nid, data in self.net.nodes(data=True):
            data["evidence"] = _dedupe_evidence(data["evidence"])
            data["roles"] = sorted(set(data["roles"]))
        for _u, _v, data in self.net.edges(data=True):
            data["evidence"] = _dedupe_evidence(data["evidence"])
        return self.net

    def _role_label(self, role: URIRef | None) -> str:
        if role is None:
            return "Post"
        label, _names = self._labels(role)
        return label

    def _posts(self) -> None:
        g = self.g
        posts = {p for p in g.subjects(RDF.type, ORG.Post)}
        posts.update(g.subjects(ORG.heldBy, None))
        posts.update(o for o in g.objects(None, ORG.holds))
        for post in sorted((p for p in posts if isinstance(p, (URIRef, BNode))), key=str):
            holders = {h for h in g.objects(post, ORG.heldBy)} | {h for h in g.subjects(ORG.holds, post)}
            holders = {h for h in holders if isinstance(h, URIRef)}
            if not holders:
                continue
            role = self._role_label(g.value(post, ORG.role))
            tenures = {g.value(t, AKG.holder): t for t in g.subjects(AKG.post, post)}
            targets = sorted((t for t in g.objects(post, ORG.postIn) if isinstance(t, URIRef)), key=str)
            for holder in sorted(holders, key=str):
                # the holder's tenure carries the status and the evidence (a post is shared by its holders)
                facts = [post, tenures[holder]] if holder in tenures else [post]
                qualifiers = sorted({str(q) for f in facts for q in g.objects(f, AKG.qualifier)})
                title = " ".join([*qualifiers, role])
                evidence = self._evidence_of(facts[-1:])
                confidence = _max_float(c for f in facts for c in g.objects(f, AKG.confidence))
                hid = self._node(holder)
                if not targets:  # a self-described attribute of the person
                    self.net.nodes[hid]["roles"].append(title)
                    self.net.nodes[hid]["evidence"].extend(evidence)
                    continue
                for target in targets:
                    tid = self._node(target)
                    self.net.nodes[hid]["roles"].append(f"{title} of {self.net.nodes[tid]['label']}")
                    self._edge(hid, tid, f"{title} of", "post", evidence, role=role,
                               qualifier=" ".join(qualifiers), confidence=confidence)

    def _memberships(self) -> None:
        g = self.g
        memberships = set(g.subjects(RDF.type, ORG.Membership)) | set(g.subjects(ORG.member, None))
        for ms in sorted(memberships, key=str):
            evidence = self._evidence_of([ms])
            confidence = _max_float(g.objects(ms, AKG.confidence))
            for member in sorted(m for m in g.objects(ms, ORG.member) if isinstance(m, URIRef)):
                for organisation in sorted(o for o in g.objects(ms, ORG.organization) if isinstance(o, URIRef)):
                    self._edge(self._node(member), self._node(organisation), "member of", "membership",
                               evidence, confidence=confidence)
        for member, organisation in sorted(g.subject_objects(ORG.memberOf), key=_str_pair):
            if isinstance(member, URIRef) and isinstance(organisation, URIRef):
                self._edge(self._node(member), self._node(organisation), "member of", "membership", [])

    def _meetings(self, kinds: dict[URIRef, str]) -> None:
        g = self.g
        for meeting in sorted((i for i, k in kinds.items() if k == "meeting"), key=str):
            mid = str(meeting)
            evidence = self._evidence_of([meeting])
            for person in sorted(p for p in g.objects(meeting, SCHEMA.attendee) if isinstance(p, URIRef)):
                self._edge(self._node(person), mid, "attended", "attended", evidence)
            for place in sorted(p for p in g.objects(meeting, SCHEMA.location) if isinstance(p, URIRef)):
                self._edge(mid, self._node(place), "held in", "held_in", evidence)

    def _places(self, kinds: dict[URIRef, str]) -> None:
        g = self.g
        for place in sorted((i for i, k in kinds.items() if k in ("city", "place")), key=str):
            for country in sorted(c for c in g.objects(place, SCHEMA.containedInPlace) if isinstance(c, URIRef)):
                self._edge(str(place), self._node(country), "in", "in", [])


def _max_float(values: Iterable[Any]) -> float | None:
    best = None
    for v in values:
        try:
            f = float(v)
        except (TypeError, ValueError):
            continue
        best = f if best is None else max(best, f)
    return best


def _dedupe_evidence(items: list[dict[str, str]]) -> list[dict[str, str]]:
    seen: dict[tuple[str, str], dict[str, str]] = {}
    for item in items:
        seen.setdefault((item.get("sentence", ""), item.get("article", "")), item)
    return sorted(seen.values(), key=lambda e: (e.get("article_date", ""), e.get("article_title", ""),
                                                 e.get("sentence", "")))


def graph_to_network(data: Graph) -> nx.MultiDiGraph:
    """The entity network of an RDF graph or dataset (a dataset is read as the union of its graphs).

    Nodes (id = IRI): people, organisations, countries, cities, meetings, with attributes
    ``label``, ``kind``, ``names`` (all labels), ``roles`` (posts, as text), ``evidence``
    (list of ``{sentence, article_title, article_date, article_url, article}``).
    Edges (keyed by their label): ``"<Role> of"`` (person -> country/organisation),
    ``"member of"``, ``"attended"`` (person -> meeting), ``"held in"`` (meeting -> place),
    ``"in"`` (city -> country); each with ``label``, ``kind`` and ``evidence``.
    """
    if isinstance(data, ConjunctiveGraph):  # rdflib.Dataset is a ConjunctiveGraph
        triples: Iterable[tuple[Any, Any, Any]] = ((s, p, o) for s, p, o, _g in data.quads((None, None, None, None)))
    else:
        triples = data.triples((None, None, None))
    return _Reader(_TripleIndex(triples)).read()


def network_from_quads(quads: Iterable[Any], *, distinct: bool = False) -> nx.MultiDiGraph:
    """The entity network of pyoxigraph quads (e.g. ``Store.quads()``), read as the union of
    their graphs; the same network as :func:`graph_to_network` without building rdflib graphs.
    With ``distinct`` the caller promises that no triple comes twice (saves deduplicating)."""
    terms: dict[Any, Any] = {}

    def term(t: Any) -> Any:
        found = terms.get(t)
        if found is None:
            found = terms[t] = to_rdflib_term(t)
        return found

    return _Reader(_TripleIndex(((term(q.subject), term(q.predicate), term(q.object)) for q in quads),
                                distinct=distinct)).read()


#: what the network is made of: the types it draws and the predicates it reads (labels, posts,
#: memberships, meetings, places, mentions and their evidence); everything else in a store
#: (mention offsets, hashes, types of mentions and evidence...) is never loaded for a view
_READ_TYPES = [cls for cls, _kind in _CLASS_KINDS] + [ORG.Post, AKG.Tenure, ORG.Membership]
_READ_PREDICATES = [
    SKOS.prefLabel, FOAF.name, RDFS.label, SKOS.altLabel, DCT.title, DCT.issued, SCHEMA.url,
    AKG.sentenceText, AKG.inArticle, PROV.wasDerivedFrom, AKG.refersTo, SCHEMA.startDate, AKG.eventType,
    ORG.heldBy, ORG.holds, ORG.role, AKG.holder, AKG.post, AKG.qualifier, AKG.confidence, ORG.postIn, ORG.member,
    ORG.organization, ORG.memberOf, SCHEMA.attendee, SCHEMA.location, SCHEMA.containedInPlace,
]


def network_from_store(store: GraphStore) -> nx.MultiDiGraph:
    """The entity network of a kg store, reading only the triples the network is drawn from
    (the same network as :func:`network_from_quads` over all the store's quads)."""
    import pyoxigraph as ox

    patterns = [(ox.NamedNode(str(RDF.type)), ox.NamedNode(str(cls))) for cls in _READ_TYPES]
    patterns += [(ox.NamedNode(str(p)), None) for p in _READ_PREDICATES]
    return network_from_quads(store.union_triples(patterns), distinct=True)


def drop_isolated(network: nx.MultiDiGraph) -> int:
    """Remove the nodes that take part in no edge (entities in no fact); how many were removed."""
    focus = set(network.graph.get("focus") or ())
    lonely = [n for n in network.nodes if network.degree(n) == 0 and n not in focus]
    network.remove_nodes_from(lonely)
    return len(lonely)


_ARTICLE_MENTIONS = """SELECT DISTINCT ?article ?title ?date ?entity WHERE {
  ?mention <%s> ?entity ; <%s> ?evidence .
  ?evidence <%s> ?article .
  OPTIONAL { ?article <%s> ?title } OPTIONAL { ?article <%s> ?date }
}""" % (AKG.refersTo, PROV.wasDerivedFrom, AKG.inArticle, DCTERMS.title, DCTERMS.issued)


def add_articles(network: nx.MultiDiGraph, store: Any) -> int:
    """Draw the store's articles as nodes, each linked ("mentions") to the entities of the network
    it mentions; the number of articles added."""
    added = 0
    for row in store.query(_ARTICLE_MENTIONS):
        art, entity = row["article"].value, row["entity"].value
        if entity not in network:
            continue
        if art not in network:
            title = row["title"].value if row["title"] is not None else local_name(art)
            date = row["date"].value if row["date"] is not None else ""
            network.add_node(art, label=title, kind="article", names=[title], evidence=[], roles=[], date=date)
            added += 1
        if not network.has_edge(art, entity, key="mentions"):
            network.add_edge(art, entity, key="mentions", label="mentions", kind="mention", evidence=[])
    return added


def network_at(location: str | Path, query: str | None = None, *, opener=None) -> nx.MultiDiGraph:
    """`load_network` of the store at `location` (a folder or a SPARQL endpoint), opened read-only
    for the call (by `opener(location)` when given: the CLI's says when the store is not resolved):
    what kg view, analyze, path and export draw and kg.open(...).network() returns."""
    from kg.store import open_store

    with (opener(location) if opener else open_store(location, read_only=True)) as store:
        return load_network(store, query)


def load_network(store: GraphStore, query: str | None = None) -> nx.MultiDiGraph:
    """The entity network of a store, or of the result of a CONSTRUCT or SELECT `query` on it
    (a named query, a .rq file or the text); QueryError for any other query."""
    if not query:
        return network_from_store(store)
    from kg.query import resolve_query, run_query

    result = run_query(store, resolve_query(query)[1])
    if result.kind == "graph":
        return graph_to_network(result.to_rdflib())
    if result.kind == "select":
        return network_from_select(result.vars, result.rows)
    raise QueryError(Errors.E300)


# --------------------------------------------------------------------------------------
# ego networks
# --------------------------------------------------------------------------------------

def ego(network: nx.MultiDiGraph, focus: str, depth: int) -> nx.MultiDiGraph:
    """The nodes within ``depth`` steps (either direction) of the node(s) named ``focus``.

    Names match case- and accent-insensitively ("malmstrom" and "malmstroem" find
    "Malmström"); a whole-word match inside a longer name ("holder" -> "Eric Holder") is
    used when no name matches exactly. The focus node ids are kept in ``graph["focus"]``.
    Raises QueryError listing near matches when nothing matches.
    """
    if depth < 0:
        raise QueryError(Errors.E301.format(depth=depth))
    matches = resolve(network, focus)
    undirected = network.to_undirected(as_view=True)
    keep: set[str] = set()
    for nid in matches:
        keep.update(nx.single_source_shortest_path_length(undirected, nid, cutoff=depth))
    sub = network.subgraph(keep).copy()
    sub.graph["focus"] = matches
    return sub


# --------------------------------------------------------------------------------------
# SELECT results -> networkx
# --------------------------------------------------------------------------------------

_IRI_STRING = re.compile(r"^(?:https?://|urn:|tag:|mailto:)\S+$", re.IGNORECASE)


def _is_iri(value: Any) -> bool:
    if isinstance(value, URIRef):
        return True
    if isinstance(value, (Literal, BNode)) or not isinstance(value, str):
        return False
    return bool(_IRI_STRING.match(value))


def _row_values(row: Any, names: list[str]) -> list[Any]:
    if isinstance(row, Mapping):
        out = []
        for name in names:
            v = row.get(name)
            if v is None:
                v = next((val for key, val in row.items() if str(key) == name), None)
            out.append(v)
        return out
    values = list(row)
    return values + [None] * (len(names) - len(values))


def network_from_select(vars: Sequence[Any], rows: Iterable[Any]) -> nx.MultiDiGraph:
    """A network from SELECT results: IRI cells become nodes; in each row, every IRI cell is
    linked to the next IRI cell of the row (literal and unbound cells are skipped) by an edge
    labelled with the variable name of the second cell.  A literal cell describes the IRI
    cell before it: a variable named like ``*label*`` / ``*name*`` gives the node's label,
    others are listed in its tooltip.
    """
    names = [str(v).lstrip("?$") for v in vars]
    net = nx.MultiDiGraph()
    named: set[str] = set()

    def node(iri: str) -> str:
        if iri not in net:
            net.add_node(iri, label=local_name(iri), kind=_kind_from_iri(iri), names=[], evidence=[],
                         roles=[], properties=[])
        return iri

    for row in rows:
        prev: str | None = None
        for name, value in zip(names, _row_values(row, names)):
            if value is None:
                continue
            if _is_iri(value):
                nid = node(str(value))
                if prev is not None and prev != nid:
                    if net.has_edge(prev, nid, key=name):
                        net.edges[prev, nid, name]["count"] += 1
                    else:
                        net.add_edge(prev, nid, key=name, label=name, kind="select", evidence=[], count=1)
                prev = nid
            elif prev is not None:
                text = str(value)
                data = net.nodes[prev]
                if re.search(r"label|name", name, re.IGNORECASE):
                    if prev not in named:
                        data["label"] = text
                        named.add(prev)
                    if text not in data["names"]:
                        data["names"].append(text)
                else:
                    prop = f"{name}: {text}"
                    if prop not in data["properties"]:
                        data["properties"].append(prop)
    for nid, data in net.nodes(data=True):
        data["names"] = sorted(set(data["names"]) | {data["label"]})
    return net


# --------------------------------------------------------------------------------------
# layout for large graphs (numpy; networkx's spring_layout needs scipy above 500 nodes)
# --------------------------------------------------------------------------------------

def _component_layout(sub: nx.Graph, seed: int) -> dict[Any, tuple[float, float]]:
    """Positions in [-1, 1]^2 for one connected component."""
    n = sub.number_of_nodes()
    nodes = list(sub.nodes)
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    if n == 2:
        return {nodes[0]: (-1.0, 0.0), nodes[1]: (1.0, 0.0)}
    try:
        import numpy as np
    except ImportError:  # pragma: no cover - numpy comes with spacy
        return {k: (float(x), float(y)) for k, (x, y) in nx.circular_layout(sub).items()}
    if n < 400:
        pos = nx.spring_layout(sub, iterations=50, seed=seed)
        arr = np.array([pos[v] for v in nodes], dtype=float)
    else:
        arr = _sampled_fruchterman_reingold(sub, nodes, seed=seed)
    arr -= arr.mean(axis=0)
    scale = float(np.abs(arr).max()) or 1.0
    arr /= scale
    return {v: (float(x), float(y)) for v, (x, y) in zip(nodes, arr)}


def _sampled_fruchterman_reingold(sub: nx.Graph, nodes: list[Any], *, seed: int,
                                  iterations: int = 60, samples: int = 128) -> Any:
    """Fruchterman-Reingold where repulsion is estimated from a random sample of nodes:
    O(n * samples) per iteration instead of O(n^2), so 20,000 nodes take a few seconds."""
    import numpy as np

    rng = np.random.default_rng(seed)
    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    edges = np.array([(index[u], index[v]) for u, v in sub.edges() if u != v], dtype=np.int64).reshape(-1, 2)
    pos = rng.random((n, 2))
    k = 1.0 / math.sqrt(n)
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    m = min(samples, n)
    block = 2048
    for _ in range(iterations):
        disp = np.zeros((n, 2))
        sample = pos[rng.choice(n, size=m, replace=False)]
        factor = k * k * (n / m)
        sample_sq = (sample ** 2).sum(axis=1)
        for start in range(0, n, block):
            part = pos[start:start + block]
            # sum_j (p_i - s_j) * w_ij  with  w_ij = k^2 / |p_i - s_j|^2, as matrix products
            dist2 = (part ** 2).sum(axis=1)[:, None] + sample_sq[None, :] - 2.0 * (part @ sample.T)
            weight = factor / np.maximum(dist2, 1e-6)
            disp[start:start + block] += part * weight.sum(axis=1)[:, None] - weight @ sample
        if len(edges):
            delta = pos[edges[:, 0]] - pos[edges[:, 1]]
            dist = np.sqrt(np.maximum((delta ** 2).sum(axis=-1), 1e-12))
            force = delta * (dist / k)[:, None]
            for axis in (0, 1):  # bincount sums per node, much faster than np.add.at
                disp[:, axis] += (np.bincount(edges[:, 1], force[:, axis], minlength=n)
                                  - np.bincount(edges[:, 0], force[:, axis], minlength=n))
        length = np.sqrt(np.maximum((disp ** 2).sum(axis=-1), 1e-12))
        pos += disp * (np.minimum(length, temperature) / length)[:, None]
        temperature -= cooling
    return pos


def _layout(network: nx.MultiDiGraph, seed: int = 42, spacing: float = 45.0) -> dict[Any, tuple[float, float]]:
    """Pixel positions: each connected component laid out alone, then packed in rows."""
    simple = nx.Graph()
    simple.add_nodes_from(network.nodes)
    simple.add_edges_from((u, v) for u, v in network.edges() if u != v)
    components = sorted((sorted(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c[0]))
    boxes = []
    for comp in components:
        local = _component_layout(simple.subgraph(comp), seed)
        radius = spacing * math.sqrt(len(comp)) * 0.9 + 20.0
        boxes.append((radius, local))
    total_area = sum((2 * r + spacing) ** 2 for r, _ in boxes)
    row_width = max(math.sqrt(total_area) * 1.2, 2 * boxes[0][0] + spacing) if boxes else 0.0
    positions: dict[Any, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for radius, local in boxes:
        size = 2 * radius + spacing
        if x > 0 and x + size > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        cx, cy = x + size / 2, y + size / 2
        for v, (px, py) in local.items():
            positions[v] = (round(cx + px * radius, 1), round(cy + py * radius, 1))
        x += size
        row_height = max(row_height, size)
    return positions


# --------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------

def _strip_scheme(url: str) -> str:
    return re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.strip(), flags=re.IGNORECASE)


class _Payload:
    """The data a page carries besides the vis items: what the tooltips show, with evidence
    sentences and articles stored once and referred to by number."""

    def __init__(self) -> None:
        self.articles: list[list[str]] = []
        self.sentences: list[list[Any]] = []
        self._article_ix: dict[tuple[str, str, str, str], int] = {}
        self._sentence_ix: dict[tuple[str, int], int] = {}

    def evidence(self, items: Iterable[Mapping[str, Any]]) -> list[int]:
        """Numbers of the evidence items (sentence + article), each stored once per page."""
        out = []
        for item in items:
            key = (_text(item.get("article")), _text(item.get("article_title")), _text(item.get("article_date")),
                   _strip_scheme(_text(item.get("article_url"))))
            if key not in self._article_ix:
                self._article_ix[key] = len(self.articles)
                self.articles.append(list(key[1:]))
            skey = (_text(item.get("sentence")), self._article_ix[key])
            if skey not in self._sentence_ix:
                self._sentence_ix[skey] = len(self.sentences)
                self.sentences.append(list(skey))
            out.append(self._sentence_ix[skey])
        return out


def _node_info(nid: str, data: Mapping[str, Any], payload: _Payload, metrics: str) -> dict[str, Any]:
    """What a node's tooltip shows (keys kept short: a page may hold 20,000 of them)."""
    kind = _text(data.get("kind")) or "other"
    label = _text(data.get("label")) or local_name(nid)
    info: dict[str, Any] = {"k": kind, "n": sorted({label, *(data.get("names") or [])}),
                            "i": _strip_scheme(nid)}
    when = _SEP.join(x for x in (_text(data.get("event_type")), _text(data.get("date"))) if x)
    for key, value in (("d", when), ("r", list(data.get("roles") or [])),
                       ("p", list(data.get("properties") or [])), ("m", metrics),
                       ("e", payload.evidence(data.get("evidence") or []))):
        if value:
            info[key] = value
    return info


def _edge_info(data: Mapping[str, Any], payload: _Payload) -> dict[str, Any]:
    """What an edge's tooltip shows besides its ends and its label."""
    info: dict[str, Any] = {}
    if data.get("confidence") is not None:
        info["c"] = data["confidence"]
    if data.get("count", 1) != 1:
        info["n"] = data["count"]
    ev = payload.evidence(data.get("evidence") or [])
    if ev:
        info["e"] = ev
    return info


def _json_for_script(obj: Any) -> str:
    """JSON safe inside a <script> element and free of literal http(s):// sequences."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    # inside JSON strings "\\/" is "/", so the text is the same after JSON.parse
    return re.sub(r"(?i)(https?)://", lambda m: m.group(1) + r":\/\/", text)


def _scrub_js(code: str) -> str:
    """Remove URL schemes from an inlined script without changing what it does.

    The leading licence comment loses its ``http(s)://`` prefixes; any other occurrence is
    inside a string literal (or a comment), where ``:\\/\\/`` means the same as ``://``.
    """
    header = re.match(r"\s*/\*.*?\*/", code, flags=re.S)
    if header:
        code = _URL_RE.sub("", header.group(0)) + code[header.end():]
    return re.sub(r"(?i)(https?)://", lambda m: m.group(1) + r":\/\/", code)


def _scrub_css(css: str) -> str:
    css = re.sub(r"/\*.*?\*/", lambda m: _URL_RE.sub("", m.group(0)), css, flags=re.S)
    return re.sub(r"(?i)(https?)://", lambda m: m.group(1) + r":\/\/", css)


def _html_text(value: str) -> str:
    """Escaped HTML text where "http://" is written with a character reference."""
    return re.sub(r"(?i)(https?):(?=//)", lambda m: m.group(1) + "&#58;", html.escape(value, quote=True))


def _vis_assets() -> tuple[str, str]:
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    return _scrub_js(js), _scrub_css(css)


def _scaled_size(value: float, top: float) -> float:
    """Node radius: MIN_SIZE for 0, MAX_SIZE for the top value, by square root in between."""
    if top <= 0 or value <= 0:
        return MIN_SIZE
    return round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt(min(value / top, 1.0)), 1)


class _Metrics:
    """Node sizes, communities and a line of numbers per node for one page."""

    def __init__(self, sizes: dict[Any, float], community: dict[Any, int], groups: list[list[Any]],
                 notes: dict[Any, str]) -> None:
        self.sizes, self.community, self.groups, self.notes = sizes, community, groups, notes


def _metrics(network: nx.MultiDiGraph, size_by: str, color_by: str) -> _Metrics:
    """Sizes (by degree or betweenness) and communities as asked; betweenness and communities
    are computed only when the page shows them (attributes set by analyze.annotate are reused)."""
    from kg.analyze import centrality, communities, entity_graph

    nodes = network.nodes
    simple = entity_graph(network)
    degree = {v: nodes[v].get("degree", simple.degree(v)) for v in nodes}
    if size_by == "betweenness":
        if all("betweenness" in nodes[v] for v in nodes):
            values = {v: float(nodes[v]["betweenness"]) for v in nodes}
        else:
            values = {v: c.betweenness for v, c in centrality(network).items()}
    else:
        values = {v: float(d) for v, d in degree.items()}
    top = max(values.values(), default=0.0)
    sizes = {v: _scaled_size(values.get(v, 0.0), top) for v in nodes}
    groups: list[list[Any]] = []
    community: dict[Any, int] = {}
    if color_by == "community":
        groups = communities(network)
        community = {v: i for i, members in enumerate(groups) for v in members}
    notes = {}
    for v in nodes:
        parts = [f"{degree[v]} connection{'s' if degree[v] != 1 else ''}"]
        if size_by == "betweenness":
            parts.append(f"betweenness {values.get(v, 0.0):.3f}")
        if v in community:
            parts.append(f"community {community[v] + 1}")
        notes[v] = _SEP.join(parts)
    return _Metrics(sizes, community, groups, notes)


def _legend(kinds: Iterable[str], *, swatches: bool) -> str:
    """Legend items for the kinds present, each a checkbox of the class filter."""
    order = list(KIND_COLORS)
    items = []
    for kind in sorted(set(kinds), key=lambda k: order.index(k) if k in order else len(order)):
        color = KIND_COLORS.get(kind, KIND_COLORS["other"])
        swatch = f"<span class=\"kg-swatch\" style=\"background:{color}\"></span>" if swatches else ""
        items.append(f"<label class=\"kg-legend-item\"><input type=\"checkbox\" class=\"kg-kind-filter\" "
                     f"value=\"{_html_text(kind)}\" checked>{swatch}{_html_text(KIND_LABELS.get(kind, kind))}</label>")
    return "".join(items)


def _community_legend(network: nx.MultiDiGraph, groups: list[list[Any]]) -> str:
    """Legend items for the coloured communities, each named after its best-connected members."""
    if not groups:
        return ""
    items = []
    for i, members in enumerate(groups[:len(COMMUNITY_COLORS)]):
        names = ", ".join(_text(network.nodes[v].get("label")) or local_name(str(v)) for v in members[:2])
        more = f" +{len(members) - 2}" if len(members) > 2 else ""
        items.append(f"<span class=\"kg-legend-item\"><span class=\"kg-swatch\" style=\"background:"
                     f"{COMMUNITY_COLORS[i]}\"></span>{_html_text(names + more)}</span>")
    if len(groups) > len(COMMUNITY_COLORS):
        rest = len(groups) - len(COMMUNITY_COLORS)
        items.append(f"<span class=\"kg-legend-item\"><span class=\"kg-swatch\" style=\"background:"
                     f"{COMMUNITY_OTHER}\"></span>{rest} more communities</span>")
    return "<div id=\"kg-communities\" class=\"kg-legend\"><b>Communities</b> " + "".join(items) + "</div>"


def _fill(template: str, values: Mapping[str, str]) -> str:
    """Replace @@NAME@@ placeholders in one pass (inserted text is never rescanned)."""
    return re.sub(r"@@([A-Z_]+)@@", lambda m: values[m.group(1)], template)


def _render(asset: str, values: Mapping[str, str]) -> str:
    """A page of kg/view_assets/ with the shared head (head.html at @@HEAD@@) and its placeholders filled."""
    template = (_ASSETS / asset).read_text(encoding="utf-8")
    head = (_ASSETS / "head.html").read_text(encoding="utf-8")
    return _fill(template.replace("@@HEAD@@\n", head, 1), values)


def render_html(network: nx.MultiDiGraph, out: Path, *, title: str = "alliance-kg",
                max_nodes: int = MAX_NODES, size_by: str = "degree", color_by: str = "kind",
                note: str = "") -> Path:
    """Write ``network`` as one self-contained interactive HTML page at ``out`` (returned);
    the page is :func:`page_html`'s."""
    return write_page(page_html(network, title=title, max_nodes=max_nodes, size_by=size_by, color_by=color_by,
                                note=note), out)


def write_page(page: str, out: Path) -> Path:
    """Write a self-contained page at ``out`` whole (or not at all); it must reference no URL."""
    from kg.outfile import write_file

    if _URL_RE.search(page):  # pragma: no cover - guarded by construction and by the tests
        raise RuntimeError("internal error: the page would reference a URL")
    out = Path(out)
    write_file(out, lambda fh: fh.write(page.encode("utf-8")))
    return out


def page_html(network: nx.MultiDiGraph, *, title: str = "alliance-kg", max_nodes: int = MAX_NODES,
              size_by: str = "degree", color_by: str = "kind", note: str = "") -> str:
    """``network`` as one self-contained interactive HTML page (the text of the file `kg view` writes).

    Nodes are coloured by kind or by community (legend in the page, with a class filter) and
    sized by degree or betweenness; edges are labelled; tooltips show names, type, roles and
    evidence. Small graphs are laid out in the browser (physics, then frozen); from
    SEEDED_LAYOUT nodes the browser starts from positions computed in Python, and above
    LAYOUT_THRESHOLD those positions are final and physics is off. Above ``max_nodes``
    ViewError is raised before any work is done; a `size_by` or `color_by` not in SIZE_BY or
    COLOR_BY is a ValueError.
    """
    if size_by not in SIZE_BY:
        raise ValueError(f"size_by must be one of {', '.join(SIZE_BY)}, not {size_by!r}.")
    if color_by not in COLOR_BY:
        raise ValueError(f"color_by must be one of {', '.join(COLOR_BY)}, not {color_by!r}.")
    n_nodes = network.number_of_nodes()
    if n_nodes > max_nodes:
        raise ViewError(
            Errors.E302.format(n_nodes=n_nodes, max_nodes=max_nodes))
    large = n_nodes > LAYOUT_THRESHOLD
    positions = (_layout(network, spacing=LARGE_SPACING if large else 45.0)
                 if n_nodes > SEEDED_LAYOUT else {})
    focus = set(network.graph.get("focus") or [])
    metrics = _metrics(network, size_by, color_by)
    payload = _Payload()

    labels: dict[Any, str] = {}
    kinds_present: list[str] = []
    nodes: list[dict[str, Any]] = []
    node_info: list[dict[str, Any]] = []
    for nid, data in network.nodes(data=True):
        kind = _text(data.get("kind")) or "other"
        kinds_present.append(kind)
        label = _text(data.get("label")) or local_name(str(nid))
        labels[nid] = label
        if color_by == "community":
            index = metrics.community.get(nid, len(COMMUNITY_COLORS))
            color = COMMUNITY_COLORS[index] if index < len(COMMUNITY_COLORS) else COMMUNITY_OTHER
        else:
            color = KIND_COLORS.get(kind, KIND_COLORS["other"])
        item: dict[str, Any] = {
            "id": str(nid),
            "label": f"{label} ({data['date']})" if kind == "meeting" and data.get("date") else label,
            "color": color,
            "size": metrics.sizes.get(nid, MIN_SIZE),
        }
        if nid in focus:
            item["borderWidth"] = 4
        if nid in positions:
            item["x"], item["y"] = positions[nid]
        nodes.append(item)
        info = _node_info(str(nid), data, payload, metrics.notes.get(nid, ""))
        if item["label"] != label:
            info["l"] = label
        if nid in metrics.community:
            info["c"] = metrics.community[nid]
        node_info.append(info)
    edges: list[dict[str, Any]] = []
    edge_info: list[dict[str, Any]] = []
    for i, (u, v, data) in enumerate(network.edges(data=True)):
        edges.append({"id": f"e{i}", "from": str(u), "to": str(v), "label": _text(data.get("label")),
                      "color": _EDGE_COLORS.get(_text(data.get("kind")), "#888888")})
        edge_info.append(_edge_info(data, payload))

    options: dict[str, Any] = {
        "nodes": {"shape": "dot", "font": {"size": 14}, "borderWidth": 1},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "font": {"size": 10, "align": "middle", "strokeWidth": 3},
                  "smooth": {"type": "dynamic"} if not positions else False},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": large,
                        "hideEdgesOnZoom": large},
    }
    if large:
        options["physics"] = {"enabled": False}
        options["layout"] = {"improvedLayout": False}
    else:
        # vis-network's "improved layout" (clustering + Kamada-Kawai) gets slow on big graphs;
        # from SEEDED_LAYOUT nodes the Python positions make a short settling enough
        options["layout"] = {"randomSeed": 42, "improvedLayout": not positions}
        options["physics"] = {"enabled": True, "solver": "forceAtlas2Based",
                              "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120},
                              "stabilization": {"enabled": True,
                                                "iterations": SEEDED_ITERATIONS if positions else 300}}
    data_json = {
        "nodes": nodes, "edges": edges, "options": options, "focus": sorted(str(f) for f in focus),
        "info": {"nodes": node_info, "edges": edge_info},
        "sentences": payload.sentences, "articles": payload.articles,
        "kinds": KIND_LABELS, "evidenceShown": TOOLTIP_EVIDENCE,
        "animate": not large,  # vis-network animates frame by frame: too slow on big drawings
    }
    vis_js, vis_css = _vis_assets()
    page = _render("template.html", {
        "TITLE": _html_text(title),
        "VIS_CSS": vis_css,
        "VIS_JS": vis_js,
        "KG_CSS": _scrub_css((_ASSETS / "view.css").read_text(encoding="utf-8")),
        "KG_JS": _scrub_js((_ASSETS / "view.js").read_text(encoding="utf-8")),
        "LEGEND": _legend(kinds_present, swatches=color_by == "kind"),
        "COMMUNITIES": _community_legend(network, metrics.groups),
        "STATS": _html_text(f"{n_nodes:,} nodes \u00b7 {network.number_of_edges():,} edges"
                            + (f" \u00b7 {note}" if note else "")),
        "DATA": _json_for_script(data_json),
    })
    if _URL_RE.search(page):  # pragma: no cover - guarded by construction and by the tests
        raise RuntimeError("internal error: the view page would reference a URL")
    return page
