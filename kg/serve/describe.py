"""What the server shows about one IRI: its statements, the facts that name it, their evidence.

Everything comes from generic SPARQL over the RDF model (docs/rdf-model.md), never from a list
of properties: a fact is any resource with `prov:wasDerivedFrom` evidence (posts, memberships,
meetings, and whatever later kinds of fact the mapping makes), so new properties and columns show
up on the pages without change. Every query binds the IRI, so a page costs a few index look-ups
even on a large store.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef

from kg.rdf import to_rdflib_term
from kg.vocab import bind_prefixes

#: at most this many facts, incoming links and articles are read for one page
MAX_FACTS = 300
MAX_LINKS = 200
MAX_ARTICLES = 200

_PROV = "http://www.w3.org/ns/prov#wasDerivedFrom"
_REFERS = "https://w3id.org/alliance-kg/ontology#refersTo"
_AKG = "https://w3id.org/alliance-kg/ontology#"
_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


@dataclass
class Description:
    """The statements about one IRI that its page shows (all in `graph`, an rdflib Graph)."""

    iri: str
    graph: Graph
    facts: list[str] = field(default_factory=list)          #: fact resources naming the IRI (or of an article)
    articles: list[str] = field(default_factory=list)       #: articles mentioning the IRI
    incoming: list[tuple[str, str]] = field(default_factory=list)   #: (subject, predicate) links to the IRI
    mentioned: list[str] = field(default_factory=list)      #: for an article: the entities it mentions
    sentences: list[str] = field(default_factory=list)      #: for an article: its evidence sentences, in order

    @property
    def found(self) -> bool:
        """Does the store say anything about the IRI?"""
        return bool(len(self.graph) or self.incoming or self.articles)


def _iri(value: str) -> str:
    return "<" + value.replace(">", "%3E") + ">"


def _values(iris: list[str]) -> str:
    return " ".join(_iri(i) for i in iris)


def _add(graph: Graph, triples) -> None:
    for t in triples:
        graph.add((to_rdflib_term(t.subject), to_rdflib_term(t.predicate), to_rdflib_term(t.object)))


def canonical(store: Any, iri: str) -> str | None:
    """The IRI that an untyped IRI is owl:sameAs (either direction), when that one has a type."""
    rows = store.query(f"""SELECT ?other WHERE {{
        FILTER NOT EXISTS {{ {_iri(iri)} a ?any }}
        {{ {_iri(iri)} owl:sameAs ?other }} UNION {{ ?other owl:sameAs {_iri(iri)} }}
        FILTER(isIRI(?other)) ?other a ?type }} LIMIT 1""")
    for row in rows:
        return row[0].value
    return None


def describe(store: Any, iri: str) -> Description:
    """Gather what the page of `iri` shows: see the module docstring."""
    g = Graph()
    bind_prefixes(g)
    me = _iri(iri)
    _add(g, store.query(f"CONSTRUCT {{ {me} ?p ?o }} WHERE {{ {me} ?p ?o }} LIMIT 5000"))
    is_article = (URIRef(iri), URIRef(_TYPE), URIRef(_AKG + "Article")) in g
    desc = Description(iri, g)
    if is_article:
        desc.facts = [r[0].value for r in store.query(
            f"SELECT DISTINCT ?f WHERE {{ GRAPH {me} {{ ?f <{_PROV}> ?e . FILTER NOT EXISTS {{ ?f <{_REFERS}> ?x }} }} }}"
            f" LIMIT {MAX_FACTS}") if isinstance(r[0], ox.NamedNode)]
        desc.mentioned = [r[0].value for r in store.query(
            f"SELECT DISTINCT ?e WHERE {{ GRAPH {me} {{ ?m <{_REFERS}> ?e }} }} LIMIT {MAX_LINKS}")
            if isinstance(r[0], ox.NamedNode)]
        desc.sentences = [r[1].value for r in store.query(
            f"SELECT DISTINCT ?o ?s WHERE {{ GRAPH {me} {{ ?e akg:inArticle {me} ; akg:sentenceText ?s . "
            f"OPTIONAL {{ ?e akg:startOffset ?o }} }} }} ORDER BY ?o LIMIT {MAX_LINKS * 5}")]
        scope = f"GRAPH {me} "
    else:
        desc.facts = [r[0].value for r in store.query(
            f"SELECT DISTINCT ?f WHERE {{ ?f ?q {me} . FILTER(?q != <{_REFERS}>) ?f <{_PROV}> ?e }} LIMIT {MAX_FACTS}")
            if isinstance(r[0], ox.NamedNode)]
        desc.articles = [r[0].value for r in store.query(
            f"SELECT DISTINCT ?a WHERE {{ GRAPH ?a {{ ?m <{_REFERS}> {me} }} }} LIMIT {MAX_ARTICLES}")
            if isinstance(r[0], ox.NamedNode)]
        scope = ""
    facts = [f for f in desc.facts if f != iri]
    if facts:
        _add(g, store.query(f"CONSTRUCT {{ ?f ?p ?o }} WHERE {{ {scope}{{ VALUES ?f {{ {_values(facts)} }} ?f ?p ?o }} }}"))
    fact_set = set(desc.facts)
    desc.incoming = [(r[0].value, r[1].value) for r in store.query(
        f"SELECT ?s ?p WHERE {{ ?s ?p {me} . FILTER(?p != <{_REFERS}> && ?p != <{_PROV}>) }} LIMIT {MAX_LINKS + len(fact_set)}")
        if isinstance(r[0], ox.NamedNode) and r[0].value not in fact_set][:MAX_LINKS]
    for s, p in desc.incoming:
        g.add((URIRef(s), URIRef(p), URIRef(iri)))
    # the evidence of the facts (and of the IRI itself): sentence, article, its title and date
    evidence = sorted({str(o) for s in [iri, *facts] for o in g.objects(URIRef(s), URIRef(_PROV))})
    if evidence:
        _add(g, store.query(f"""CONSTRUCT {{ ?e akg:sentenceText ?s ; akg:inArticle ?a . ?a dct:title ?t ; dct:issued ?d }}
            WHERE {{ VALUES ?e {{ {_values(evidence)} }} ?e akg:sentenceText ?s ; akg:inArticle ?a .
                     OPTIONAL {{ ?a dct:title ?t }} OPTIONAL {{ ?a dct:issued ?d }} }}"""))
    # names and types of every other resource the page links to
    others = sorted({str(t) for triple in g for t in (triple[0], triple[2]) if isinstance(t, URIRef)}
                    | set(desc.articles) | set(desc.mentioned))
    others = [o for o in others if o != iri and o not in evidence and o.startswith("http")][:2000]
    if others:
        _add(g, store.query(f"""CONSTRUCT {{ ?n a ?t ; skos:prefLabel ?l ; foaf:name ?f ; rdfs:label ?r ; dct:title ?h ; dct:issued ?d }}
            WHERE {{ VALUES ?n {{ {_values(others)} }}
                     {{ ?n a ?t }} UNION {{ ?n skos:prefLabel ?l }} UNION {{ ?n foaf:name ?f }}
                     UNION {{ ?n rdfs:label ?r }} UNION {{ ?n dct:title ?h }} UNION {{ ?n dct:issued ?d }} }}"""))
    return desc
