"""Namespaces and IRI bases used across alliance-kg (the one place they are defined)."""
from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD

#: The project's own ontology terms (ontology/alliance.ttl).
AKG = Namespace("https://w3id.org/alliance-kg/ontology#")
#: Base of every resource the tool mints (people, posts, meetings, articles...).
KGR = Namespace("https://w3id.org/alliance-kg/id/")
#: W3C Organization Ontology.
ORG = Namespace("http://www.w3.org/ns/org#")
#: schema.org (http form, as rdflib and most triple stores use it).
SCHEMA = Namespace("https://schema.org/")
#: SHACL.
SH = Namespace("http://www.w3.org/ns/shacl#")

DCT = DCTERMS

#: Prefixes bound in every graph the tool writes or exports.
PREFIXES: dict[str, Namespace] = {
    "akg": AKG,
    "kgr": KGR,
    "org": ORG,
    "schema": SCHEMA,
    "foaf": FOAF,
    "prov": PROV,
    "dct": DCTERMS,
    "skos": SKOS,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
}

#: The same prefixes with their namespace IRIs as strings (pyoxigraph's ``prefixes=``, JSON-LD contexts).
PREFIX_IRIS: dict[str, str] = {prefix: str(ns) for prefix, ns in PREFIXES.items()}

#: Entity kinds and the IRI path segment each is minted under (KGR + segment + "/" + key).
ENTITY_SEGMENTS: dict[str, str] = {
    "person": "person",
    "organization": "org",
    "country": "country",
    "place": "place",
    "role": "role",
    "post": "post",
    "membership": "membership",
    "meeting": "meeting",
    "article": "article",
    "evidence": "evidence",
    "mention": "mention",
}

SPARQL_PREFIXES = "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items())


def bind_prefixes(graph) -> None:
    """Bind the project's prefixes on an rdflib graph or dataset."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True)


#: What `kg stats` counts, in order: label → class IRI (the embedded and the remote store alike).
STATS_CLASSES: dict[str, str] = {
    "people": str(FOAF.Person),
    "organizations": str(ORG.Organization),
    "countries": str(SCHEMA.Country),
    "places": str(SCHEMA.City),
    "other places": str(SCHEMA.Place),
    "posts": str(ORG.Post),
    "memberships": str(ORG.Membership),
    "meetings": str(AKG.Meeting),
}
