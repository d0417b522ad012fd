"""Export the store as an RDF file (Turtle, N-Triples, N-Quads, TriG, JSON-LD), or its entity
network (the one `kg view` draws) as GraphML or GEXF for Gephi and Cytoscape."""
from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import networkx as nx

from kg.errors import Errors, InputError
from kg.outfile import write_file, write_stdout

#: export formats and what they keep
FORMATS = {
    "turtle": "Turtle, all articles merged (prefixes bound)",
    "nt": "N-Triples, all articles merged",
    "nq": "N-Quads, one named graph per article",
    "trig": "TriG, one named graph per article",
    "jsonld": "JSON-LD, one named graph per article",
}
#: network formats: the entity network of the views (networkx writers)
NETWORK_FORMATS = {
    "graphml": "GraphML: the entity network (Cytoscape, Gephi, yEd)",
    "gexf": "GEXF: the entity network (Gephi)",
}


def _serialize(store, fmt: str, out: io.BufferedIOBase) -> int:
    if fmt == "jsonld":
        from kg.vocab import PREFIXES

        data = store.to_rdflib().serialize(format="json-ld", context={k: str(v) for k, v in PREFIXES.items()},
                                           auto_compact=True, encoding="utf-8")
        out.write(data)
        return len(store)
    return store.dump(out, fmt)


def flat_network(network: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The entity network with the scalar attributes GraphML and GEXF hold.

    Nodes (id = IRI): ``label`` and ``name`` (the display name), ``type`` (person, organization,
    country, city, place, meeting...), ``names`` (every name, joined by " | "), ``degree``
    (distinct neighbours) and ``community`` (0 = the largest). Edges (ids e0, e1, ...):
    ``label`` ("Attorney General of", "member of", "attended"...) and ``type`` (post, membership...).
    """
    from kg.analyze import annotate

    annotated = network.copy()
    annotate(annotated, with_betweenness=False)
    flat = nx.MultiDiGraph()
    for nid, data in annotated.nodes(data=True):
        label = str(data.get("label") or nid)
        flat.add_node(str(nid), label=label, name=label, type=str(data.get("kind") or "other"),
                      names=" | ".join(sorted({label, *(str(n) for n in data.get("names") or [])})),
                      degree=int(data.get("degree", 0)), community=int(data.get("community", -1)))
    for i, (u, v, data) in enumerate(annotated.edges(data=True)):
        flat.add_edge(str(u), str(v), key=f"e{i}", label=str(data.get("label") or ""),
                      type=str(data.get("kind") or ""))
    return flat


def _write_network(network: nx.MultiDiGraph, fmt: str, out: io.BufferedIOBase) -> int:
    flat = flat_network(network)
    if fmt == "graphml":
        nx.write_graphml(flat, out, named_key_ids=True)
    else:
        nx.write_gexf(flat, out)
    return flat.number_of_nodes()


def export_network(network: nx.MultiDiGraph, fmt: str = "graphml", out: str | Path | None = None) -> int:
    """Write the entity network as GraphML or GEXF to `out` (stdout when None); return the number of nodes."""
    if fmt not in NETWORK_FORMATS:
        raise InputError(Errors.E350.format(fmt=fmt, items=', '.join(NETWORK_FORMATS)))
    return _write(lambda fh: _write_network(network, fmt, fh), out)


def export(store, fmt: str = "turtle", out: str | Path | None = None) -> int:
    """Write the store to `out` (stdout when None) in `fmt`; return the number of triples or quads.

    The file is written to a temporary name first, so a failed export never leaves a truncated file.
    """
    if fmt not in FORMATS:
        raise InputError(Errors.E351.format(fmt=fmt, items=', '.join(FORMATS)))
    return _write(lambda fh: _serialize(store, fmt, fh), out)


def _write(write: Callable[[io.BufferedIOBase], int], out: str | Path | None) -> int:
    """Run `write` on stdout (out None) or on a temporary file renamed to `out` once complete."""
    if out is None:
        buf = io.BytesIO()
        n = write(buf)
        write_stdout(buf.getvalue())
        return n
    return write_file(out, write)
