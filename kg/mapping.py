"""RDF mapping: the facts of one article → the triples of its named graph (ontology/alliance.ttl).

IRIs are deterministic: entities by their key (the same person in two articles is one node),
facts by a hash of what they state, evidence and mentions by article and offsets.
"""
from __future__ import annotations

import hashlib
import re
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, RDFS, SKOS, XSD
from rdflib.plugins.serializers.nt import _nt_row   # the line writer of rdflib's N-Triples serializer

from kg.extract import geo
from kg.extract.dates import xsd_type
from kg.extract.facts import ArticleFacts, Entity, EntityRef, Evidence, Post, split_key
from kg.extract.normalize import slug
from kg.vocab import AKG, KGR, ORG, SCHEMA, bind_prefixes

_ENTITY_CLASS = {"person": FOAF.Person, "organization": ORG.Organization, "country": SCHEMA.Country,
                 "place": SCHEMA.City, "site": SCHEMA.Place}


def _h(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def article_iri(article_id: str) -> URIRef:
    """IRI of an article (also the name of its graph)."""
    segment = quote(article_id, safe="")
    if segment.endswith("."):      # '.'/'..' are dot segments; rdflib cannot read a Turtle name ending in '\.'
        segment = segment[:-1] + "%2E"
    return KGR["article/" + segment]


def entity_iri(ref: EntityRef) -> URIRef:
    """IRI of a person, organisation, country or place."""
    if ref.kind == "country":
        return KGR["country/" + slug(ref.key).upper()]
    if ref.kind == "place":
        return KGR["place/" + slug(ref.key)]
    if ref.kind == "site":
        return KGR["site/" + slug(ref.key)]
    if ref.kind == "organization":
        base, iso = split_key(ref.key)
        return KGR[f"org/{slug(base)}--{iso.lower()}" if iso else f"org/{slug(ref.key)}"]   # slugs never hold '--'
    return KGR[f"person/{slug(ref.key)}"]


def role_iri(role: str) -> URIRef:
    """IRI of a role concept ('Attorney General')."""
    return KGR["role/" + slug(role)]


def post_iri(role: str, institution: URIRef | None, holder: URIRef) -> URIRef:
    """IRI of a post: one per (role, institution), shared by all its holders; a post whose institution
    is unknown is its holder's own (two people titled 'Minister' of who knows what hold no common post)."""
    return KGR["post/" + _h(slug(role), institution or "", "" if institution is not None else holder)]


def tenure_iri(holder: URIRef, post: URIRef) -> URIRef:
    """IRI of one person's tenure of one post: the same in every article, so the articles' statements
    about it (observed dates, stated start and end, status) meet on one node of the union graph."""
    return KGR["tenure/" + _h(holder, post)]


#: characters XML 1.0 cannot carry (stripped so every serialisation round-trips)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _lit(text: str) -> Literal:
    return Literal(_NOT_XML.sub("", text))


def _date(iso: str) -> Literal:
    return Literal(iso, datatype=XSD[xsd_type(iso)])


class _Mapper:
    def __init__(self, facts: ArticleFacts):
        self.facts = facts
        self.triples: set[tuple] = set()   # a plain set: an rdflib Graph per article costs more than the mapping
        self.aid = quote(facts.article.id, safe="")
        self.article = article_iri(facts.article.id)
        self.evidence_done: set[URIRef] = set()

    def add(self, s, p, o) -> None:
        self.triples.add((s, p, o))

    def evidence(self, ev: Evidence) -> URIRef:
        node = KGR[f"evidence/{self.aid}-{ev.start}"]
        if node not in self.evidence_done:
            self.evidence_done.add(node)
            self.add(node, RDF.type, AKG.Evidence)
            self.add(node, AKG.sentenceText, _lit(ev.sentence))
            self.add(node, AKG.startOffset, Literal(ev.start, datatype=XSD.integer))
            self.add(node, AKG.endOffset, Literal(ev.end, datatype=XSD.integer))
            self.add(node, AKG.inArticle, self.article)
        return node

    def provenance(self, node: URIRef, evs: list[Evidence]) -> None:
        for ev in evs:
            self.add(node, PROV.wasDerivedFrom, self.evidence(ev))
        self.add(node, AKG.confidence, Literal(f"{max(e.confidence for e in evs):.2f}", datatype=XSD.decimal))
        for rule in sorted({e.rule for e in evs}):
            self.add(node, AKG.extractedBy, Literal(rule))

    def article_node(self) -> None:
        a, art = self.article, self.facts.article
        self.add(a, RDF.type, AKG.Article)
        self.add(a, DCTERMS.identifier, _lit(art.id))
        if art.title:
            self.add(a, DCTERMS.title, _lit(art.title))
        if art.date:
            self.add(a, DCTERMS.issued, Literal(art.date.isoformat(), datatype=XSD.date))
        if art.publisher:
            self.add(a, AKG.publisherName, _lit(art.publisher))
        if art.url:
            self.add(a, SCHEMA.url, Literal(art.url, datatype=XSD.anyURI))
        self.add(a, AKG.sourceFile, _lit(art.source))
        if art.content_hash:
            self.add(a, AKG.contentHash, Literal(art.content_hash))
        if self.facts.focus:
            self.add(a, AKG.countryOfFocus, self.country(EntityRef("country", self.facts.focus)))

    def entity(self, e: Entity) -> None:
        node = entity_iri(e.ref)
        self.add(node, RDF.type, _ENTITY_CLASS[e.ref.kind])
        if e.is_alliance and e.ref.kind == "organization":
            self.add(node, RDF.type, AKG.Alliance)
        self.add(node, SKOS.prefLabel, _lit(e.name))
        if e.ref.kind == "person":
            self.add(node, FOAF.name, _lit(e.name))
        for alias in e.aliases:
            self.add(node, SKOS.altLabel, _lit(alias))
        if e.ref.kind == "country":
            self.add(node, AKG.iso3166Alpha2, Literal(e.ref.key))
        if e.ref.kind == "place":
            self.add(node, AKG.geonamesId, Literal(e.ref.key))
            if e.country:
                self.add(node, SCHEMA.containedInPlace, self.country(EntityRef("country", e.country)))
        if e.ref.kind == "organization" and e.country:
            self.add(node, AKG.country, self.country(EntityRef("country", e.country)))
        for m in e.mentions:
            mnode = KGR[f"mention/{self.aid}-{m.start}-{m.end}"]
            self.add(mnode, RDF.type, AKG.Mention)
            self.add(mnode, AKG.refersTo, node)
            self.add(mnode, AKG.surfaceForm, _lit(m.text))
            self.add(mnode, AKG.startOffset, Literal(m.start, datatype=XSD.integer))
            self.add(mnode, AKG.endOffset, Literal(m.end, datatype=XSD.integer))
            self.add(mnode, PROV.wasDerivedFrom, self.evidence(m.evidence))

    def country(self, ref: EntityRef) -> URIRef:
        """The node of a country, typed and labelled even when the article only implies it ('Ukrainian')."""
        node = entity_iri(ref)
        if ref.kind == "country":
            self.add(node, RDF.type, SCHEMA.Country)
            self.add(node, SKOS.prefLabel, _lit(geo.country_name(ref.key)))
            self.add(node, AKG.iso3166Alpha2, Literal(ref.key))
        return node

    def ref(self, ref: EntityRef) -> URIRef:
        """The IRI of an entity a fact refers to."""
        return self.country(ref) if ref.kind == "country" else entity_iri(ref)

    def post(self, p: Post) -> None:
        """A post (shared by its holders when its institution is known) and the person's tenure of it."""
        person = entity_iri(p.person)
        org = self.ref(p.organization) if p.organization else None
        node = post_iri(p.role, org, person)
        role = role_iri(p.role)
        self.add(role, RDF.type, ORG.Role)
        self.add(role, SKOS.prefLabel, _lit(p.role))
        self.add(node, RDF.type, ORG.Post)
        self.add(node, ORG.role, role)
        self.add(node, RDFS.label, _lit(p.role))
        self.add(node, ORG.heldBy, person)
        self.add(person, ORG.holds, node)
        if org is not None:
            self.add(node, ORG.postIn, org)
        self.add(node, PROV.wasDerivedFrom, self.evidence(p.evidence))
        tenure = tenure_iri(person, node)
        self.add(tenure, RDF.type, AKG.Tenure)
        self.add(tenure, AKG.holder, person)
        self.add(tenure, AKG.post, node)
        if p.status:
            self.add(tenure, AKG.qualifier, Literal(p.status))
        for prop, iso in ((SCHEMA.startDate, p.start), (SCHEMA.endDate, p.end), (AKG.observed, p.observed)):
            if iso:
                self.add(tenure, prop, _date(iso))
        self.provenance(tenure, [p.evidence])

    def run(self) -> set[tuple]:
        f = self.facts
        self.article_node()
        for e in f.entities:
            self.entity(e)
        for p in f.posts:
            self.post(p)
        for m in f.memberships:
            member, org = self.ref(m.member), self.ref(m.organization)
            node = KGR["membership/" + (_h(member, org, m.status) if m.status else _h(member, org))]
            self.add(node, RDF.type, ORG.Membership)
            self.add(node, ORG.member, member)
            self.add(node, ORG.organization, org)
            if m.status:
                self.add(node, AKG.membershipStatus, Literal(m.status))
            else:
                self.add(member, ORG.memberOf, org)   # the shortcut states a current membership only
            self.provenance(node, [m.evidence])
        for i, mt in enumerate(f.meetings, start=1):
            node = KGR[f"meeting/{self.aid}-{i}"]
            self.add(node, RDF.type, AKG.Meeting)
            self.add(node, RDFS.label, _lit(mt.label))
            self.add(node, AKG.eventType, Literal(mt.kind))
            if mt.date:
                self.add(node, SCHEMA.startDate, _date(mt.date))
            if mt.place:
                self.add(node, SCHEMA.location, self.ref(mt.place))
            for who in mt.participants:
                self.add(node, SCHEMA.attendee, self.ref(who))
            self.provenance(node, mt.evidence)
        return self.triples


def to_graph(facts: ArticleFacts) -> Graph:
    """The triples of one article's named graph."""
    g = Graph()
    bind_prefixes(g)
    for triple in _Mapper(facts).run():
        g.add(triple)
    return g


def to_ntriples(facts: ArticleFacts) -> str:
    """The article's triples as N-Triples, sorted (deterministic output)."""
    return "\n".join(sorted(_nt_row(t).rstrip("\n") for t in _Mapper(facts).run())) + "\n"
