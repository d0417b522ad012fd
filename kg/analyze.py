"""Network analysis of the entity network (networkx): centrality, communities, name look-up, paths.

Works on the ``nx.MultiDiGraph`` that :func:`kg.view.graph_to_network` makes (nodes are
entities with ``label``/``names``/``kind``; edges are facts with ``label`` and ``evidence``).

Public API::

    entity_graph(network)            -> nx.Graph   (undirected, weight = facts between two nodes)
    centrality(network)              -> dict[node, Centrality]
    communities(network)             -> list[list[node]]   (largest first)
    annotate(network)                -> None   (adds degree/betweenness/community node attributes)
    find_nodes(network, name)        -> list[node]
    near_matches(network, name)      -> list[str]
    resolve(network, name)           -> list[node]   (QueryError listing near matches if none)
    shortest_path(network, a, b)     -> list[PathStep]
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

import networkx as nx

from kg.errors import Errors, QueryError
from kg.text import GERMAN_TRANSLITERATION

__all__ = [
    "Centrality",
    "PathStep",
    "entity_graph",
    "centrality",
    "communities",
    "annotate",
    "find_nodes",
    "near_matches",
    "resolve",
    "shortest_path",
    "BETWEENNESS_EXACT_LIMIT",
    "BETWEENNESS_SAMPLES",
]

#: Up to this many nodes betweenness is exact; above it, estimated from a sample of sources.
BETWEENNESS_EXACT_LIMIT = 2_000
#: Source nodes sampled for the betweenness estimate of larger graphs.
BETWEENNESS_SAMPLES = 300
#: Seed of every randomised step (sampled betweenness, Louvain communities): same input, same output.
SEED = 42


@dataclass(frozen=True)
class Centrality:
    """Centrality of one node of the entity graph."""

    degree: int                 #: distinct neighbours
    degree_centrality: float    #: degree / (n - 1)
    betweenness: float          #: normalised betweenness centrality (estimated on big graphs)


@dataclass(frozen=True)
class PathStep:
    """One fact on a path: ``source --label--> target`` as stored, walked forward or backward."""

    source: str
    target: str
    label: str
    forward: bool                               #: True when the walk goes source -> target
    evidence: list[dict[str, str]] = field(default_factory=list)


# --------------------------------------------------------------------------------------
# centrality and communities
# --------------------------------------------------------------------------------------

def entity_graph(network: nx.MultiDiGraph) -> nx.Graph:
    """The undirected simple graph of the network; edge ``weight`` = number of facts between the two nodes."""
    g = nx.Graph()
    g.add_nodes_from(network.nodes)
    for u, v in network.edges():
        if u == v:
            continue
        if g.has_edge(u, v):
            g[u][v]["weight"] += 1
        else:
            g.add_edge(u, v, weight=1)
    return g


def centrality(network: nx.MultiDiGraph) -> dict[Any, Centrality]:
    """Degree, degree centrality and betweenness of every node (betweenness sampled above
    BETWEENNESS_EXACT_LIMIT nodes, with a fixed seed)."""
    g = entity_graph(network)
    n = g.number_of_nodes()
    if n == 0:
        return {}
    degree_c = nx.degree_centrality(g)
    k = None if n <= BETWEENNESS_EXACT_LIMIT else min(BETWEENNESS_SAMPLES, n)
    between = nx.betweenness_centrality(g, k=k, seed=SEED if k else None, normalized=True)
    return {v: Centrality(degree=g.degree(v), degree_centrality=degree_c[v], betweenness=between[v])
            for v in g.nodes}


def communities(network: nx.MultiDiGraph) -> list[list[Any]]:
    """Communities of the entity graph (Louvain, fixed seed), largest first; members sorted by
    degree (highest first), then by id."""
    g = entity_graph(network)
    if g.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(g, weight="weight", seed=SEED)
    ordered = [sorted(c, key=lambda v: (-g.degree(v), str(v))) for c in found]
    return sorted(ordered, key=lambda c: (-len(c), str(c[0])))


def annotate(network: nx.MultiDiGraph, *, with_betweenness: bool = True) -> None:
    """Add node attributes ``degree``, ``degree_centrality``, ``betweenness`` (when asked) and
    ``community`` (index into :func:`communities`, 0 = largest)."""
    g = entity_graph(network)
    degree_c = nx.degree_centrality(g) if g.number_of_nodes() else {}
    for v in network.nodes:
        network.nodes[v]["degree"] = g.degree(v)
        network.nodes[v]["degree_centrality"] = degree_c.get(v, 0.0)
    if with_betweenness:
        for v, c in centrality(network).items():
            network.nodes[v]["betweenness"] = c.betweenness
    for i, members in enumerate(communities(network)):
        for v in members:
            network.nodes[v]["community"] = i


# --------------------------------------------------------------------------------------
# names
# --------------------------------------------------------------------------------------

def _strip_marks(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def name_keys(name: str) -> set[str]:
    """Case- and accent-insensitive forms of a name (plain and German-transliterated)."""
    s = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", name)).strip().casefold()
    translit = s.translate(GERMAN_TRANSLITERATION)
    return {_strip_marks(s), _strip_marks(translit)}


def local_name(iri: str) -> str:
    """The last path segment of an IRI, percent-decoded (a fallback label)."""
    tail = re.split(r"[/#]", iri.rstrip("/#"))[-1] or iri
    return unquote(tail)


def node_names(nid: Any, data: Mapping[str, Any]) -> list[str]:
    """Every name of a node: its ``names``, its ``label``, else its IRI's local name."""
    names = list(data.get("names") or [])
    if data.get("label"):
        names.append(str(data["label"]))
    return names or [local_name(str(nid))]


def find_nodes(network: nx.MultiDiGraph, name: str) -> list[Any]:
    """Nodes with a name equal to ``name`` (case/accent-insensitive) or, when none, with
    ``name`` as whole words inside a longer name ("holder" -> "Eric Holder"); an IRI matches itself."""
    wanted = name_keys(name)
    exact, partial = [], []
    patterns = [re.compile(r"(?:^|\W)" + re.escape(w) + r"(?:\W|$)") for w in wanted if w]
    for nid, data in network.nodes(data=True):
        if nid == name:
            exact.append(nid)
            continue
        keys = set().union(*(name_keys(n) for n in node_names(nid, data)))
        if keys & wanted:
            exact.append(nid)
        elif any(p.search(k) for p in patterns for k in keys):
            partial.append(nid)
    return sorted(exact or partial, key=str)


def near_matches(network: nx.MultiDiGraph, name: str, limit: int = 5) -> list[str]:
    """Names in the network that look like ``name`` (spelling, then substring), at most ``limit``."""
    by_key: dict[str, str] = {}
    for nid, data in network.nodes(data=True):
        for n in node_names(nid, data):
            for key in name_keys(n):
                by_key.setdefault(key, n)
    found: list[str] = []
    for key in sorted(name_keys(name)):
        for match in difflib.get_close_matches(key, list(by_key), n=limit, cutoff=0.6):
            if by_key[match] not in found:
                found.append(by_key[match])
    if len(found) < limit:  # names containing the text typed
        for key in sorted(name_keys(name)):
            if len(key) < 3:
                continue
            for k in sorted(by_key):
                if key in k and by_key[k] not in found:
                    found.append(by_key[k])
    return found[:limit]


def resolve(network: nx.MultiDiGraph, name: str, *, what: str = "entity") -> list[Any]:
    """The nodes named ``name``; QueryError with near matches when there is none."""
    name = (name or "").strip()
    matches = find_nodes(network, name) if name else []
    if matches:
        return matches
    near = near_matches(network, name) if name else []
    hint = ("Near matches: " + ", ".join(f'"{n}"' for n in near) + ". ") if near else ""
    raise QueryError(Errors.E330.format(what=what, name=name, hint=hint))


# --------------------------------------------------------------------------------------
# paths
# --------------------------------------------------------------------------------------

def _mentions(network: nx.MultiDiGraph, v: Any, sentence_keys: set[str]) -> bool:
    """Whether a sentence (given as its name_keys) names node v by one of its names."""
    for name in node_names(v, network.nodes[v]):
        for key in name_keys(name):
            if len(key) >= 3 and any(re.search(r"(?:^|\W)" + re.escape(key) + r"(?:\W|$)", s) for s in sentence_keys):
                return True
    return False


def _relevant(network: nx.MultiDiGraph, u: Any, v: Any, evidence: list[dict[str, str]]) -> list[dict[str, str]]:
    """The evidence sentences naming most of the two ends of a fact (all of them when none does):
    a meeting's sentences, shared by all its participants, narrowed to the one naming the person."""
    if not evidence:
        return []
    scored = []
    for item in evidence:
        keys = name_keys(str(item.get("sentence", "")))
        scored.append((_mentions(network, u, keys) + _mentions(network, v, keys), item))
    best = max(score for score, _item in scored)
    return [item for score, item in scored if score == best]


def _best_fact(network: nx.MultiDiGraph, u: Any, v: Any) -> PathStep:
    """The fact linking u and v (either direction) with the most evidence, then the first label;
    its evidence narrowed to the sentences that name both ends."""
    candidates = []
    for a, b, forward in ((u, v, True), (v, u, False)):
        if network.has_node(a) and b in network[a]:
            for _key, data in network[a][b].items():
                evidence = list(data.get("evidence") or [])
                candidates.append((-len(evidence), not forward, str(data.get("label", "")), a, b, forward, evidence))
    _n, _back, label, a, b, forward, evidence = min(candidates, key=lambda c: c[:3])
    return PathStep(source=a, target=b, label=label, forward=forward, evidence=_relevant(network, a, b, evidence))


def shortest_path(network: nx.MultiDiGraph, a: str, b: str) -> list[PathStep]:
    """The shortest chain of facts between the entities named ``a`` and ``b`` (edges walked in
    either direction). Raises QueryError when a name matches nothing, names the same entity,
    or no chain links them."""
    sources, targets = resolve(network, a), resolve(network, b)
    shared = sorted(set(sources) & set(targets), key=str)
    if shared:
        raise QueryError(Errors.E331.format(a=a, b=b, get=network.nodes[shared[0]].get("label", shared[0])))
    g = entity_graph(network)
    best: list[Any] | None = None
    for s in sources:
        lengths = nx.single_source_shortest_path_length(g, s)
        reachable = [t for t in targets if t in lengths]
        if not reachable:
            continue
        t = min(reachable, key=lambda x: (lengths[x], str(x)))
        path = nx.shortest_path(g, s, t)
        if best is None or len(path) < len(best):
            best = path
    if best is None:
        label = lambda nodes: ", ".join(str(network.nodes[n].get("label", n)) for n in nodes)  # noqa: E731
        raise QueryError(Errors.E332.format(label=label(sources), label2=label(targets)))
    return [_best_fact(network, u, v) for u, v in zip(best, best[1:])]


# --------------------------------------------------------------------------------------
# reports (what `kg analyze` and `kg path` print)
# --------------------------------------------------------------------------------------

SORT_KEYS = ("degree", "betweenness")
REPORT_FORMATS = ("table", "csv", "json")
#: Members named per community in the report.
COMMUNITY_MEMBERS_SHOWN = 5
#: Evidence sentences printed per step of a path (the rest are counted).
PATH_EVIDENCE_SHOWN = 3


def _label(network: nx.MultiDiGraph, v: Any) -> str:
    return str(network.nodes[v].get("label") or local_name(str(v)))


def report(network: nx.MultiDiGraph, *, top: int = 10, sort: str = "degree") -> dict[str, list[dict[str, Any]]]:
    """The ``top`` entities by ``sort`` (degree or betweenness) and every community, as plain rows."""
    if sort not in SORT_KEYS:
        raise QueryError(Errors.E333.format(items=', '.join(SORT_KEYS), sort=sort))
    cent = centrality(network)
    groups = communities(network)
    member_of = {v: i for i, members in enumerate(groups) for v in members}
    key = (lambda v: (-cent[v].degree, -cent[v].betweenness, _label(network, v))) if sort == "degree" else \
          (lambda v: (-cent[v].betweenness, -cent[v].degree, _label(network, v)))
    entities = []
    for rank, v in enumerate(sorted(cent, key=key)[:max(top, 0)], start=1):
        entities.append({"rank": rank, "entity": str(v), "name": _label(network, v),
                         "type": str(network.nodes[v].get("kind") or ""), "degree": cent[v].degree,
                         "degree_centrality": round(cent[v].degree_centrality, 4),
                         "betweenness": round(cent[v].betweenness, 4), "community": member_of[v] + 1})
    comms = [{"community": i + 1, "size": len(members),
              "members": [_label(network, v) for v in members[:COMMUNITY_MEMBERS_SHOWN]]}
             for i, members in enumerate(groups)]
    return {"entities": entities, "communities": comms}


def _table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    return "\n".join(lines) + "\n"


def format_report(data: dict[str, list[dict[str, Any]]], fmt: str = "table") -> str:
    """The report as a text table, CSV (the entity rows) or JSON."""
    import csv
    import io
    import json

    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    cols = ["rank", "name", "type", "degree", "degree_centrality", "betweenness", "community", "entity"]
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(cols)
        for row in data["entities"]:
            writer.writerow([row[c] for c in cols])
        return buf.getvalue()
    if fmt != "table":
        raise QueryError(Errors.E334.format(items=', '.join(REPORT_FORMATS), fmt=fmt))
    ents = data["entities"]
    out = [f"Entities ({len(ents)} shown)\n",
           _table(["#", "name", "type", "degree", "betweenness", "community"],
                  [[str(r["rank"]), r["name"], r["type"], str(r["degree"]), f"{r['betweenness']:.4f}",
                    str(r["community"])] for r in ents]),
           f"\nCommunities ({len(data['communities'])})\n",
           _table(["community", "size", "best connected members"],
                  [[str(c["community"]), str(c["size"]),
                    ", ".join(c["members"]) + (" ..." if c["size"] > len(c["members"]) else "")]
                   for c in data["communities"]])]
    return "".join(out)


def path_rows(network: nx.MultiDiGraph, steps: list[PathStep]) -> list[dict[str, Any]]:
    """The steps of a path as plain rows: from, fact, to (as walked) and the evidence."""
    rows = []
    for i, step in enumerate(steps, start=1):
        walked = (step.source, step.target) if step.forward else (step.target, step.source)
        rows.append({"step": i, "from": _label(network, walked[0]), "to": _label(network, walked[1]),
                     "subject": _label(network, step.source), "fact": step.label,
                     "object": _label(network, step.target), "from_iri": str(walked[0]),
                     "to_iri": str(walked[1]), "evidence": step.evidence})
    return rows


def format_path(network: nx.MultiDiGraph, steps: list[PathStep], fmt: str = "text") -> str:
    """A path as numbered facts, each with its evidence sentence(s) and article, or as JSON."""
    import json

    rows = path_rows(network, steps)
    if fmt == "json":
        return json.dumps({"length": len(rows), "steps": rows}, ensure_ascii=False, indent=2) + "\n"
    if fmt != "text":
        raise QueryError(Errors.E335.format(fmt=fmt))
    if not rows:
        return ""
    lines = [f"{rows[0]['from']} -> {rows[-1]['to']}: {len(rows)} step{'s' if len(rows) != 1 else ''}"]
    for row in rows:
        lines.append(f"{row['step']}. {row['subject']} --{row['fact']}--> {row['object']}")
        if not row["evidence"]:
            lines.append("     (no evidence sentence: a fact from the gazetteer or the ontology)")
        for ev in row["evidence"][:PATH_EVIDENCE_SHOWN]:
            lines.append(f"     \u201c{ev.get('sentence', '')}\u201d")
            source = " \u00b7 ".join(x for x in (ev.get("article_title"), ev.get("article_date")) if x)
            if source:
                lines.append(f"       \u2014 {source}")
        if len(row["evidence"]) > PATH_EVIDENCE_SHOWN:
            lines.append(f"     (and {len(row['evidence']) - PATH_EVIDENCE_SHOWN} more sentences)")
    return "\n".join(lines) + "\n"
