"""The OWL ontology (ontology/alliance.ttl): parses, is documented, declares every akg: term used."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS

from kg import resources
from kg.validate import load_ontology
from kg.vocab import AKG, ORG, SCHEMA

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_IRI = URIRef("https://w3id.org/alliance-kg/ontology")
DECLARATION_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
                     RDF.Property}


@pytest.fixture(scope="module")
def onto() -> Graph:
    return load_ontology()


def declared(g: Graph) -> set[URIRef]:
    return {s for t in DECLARATION_TYPES for s in g.subjects(RDF.type, t) if isinstance(s, URIRef)}


def test_ontology_file_is_where_resources_says():
    assert resources.ontology_file() == ROOT / "ontology" / "alliance.ttl"
    assert resources.ontology_file().is_file()


def test_parses_as_turtle_without_network():
    g = Graph().parse(str(resources.ontology_file()), format="turtle")
    assert len(g) > 100


def test_ontology_header(onto):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto
    assert (ONTOLOGY_IRI, OWL.versionInfo, Literal("0.1.0")) in onto
    for p in (DCTERMS.title, DCTERMS.description, RDFS.comment):
        assert onto.value(ONTOLOGY_IRI, p) is not None, f"ontology header lacks {p}"
    # no remote document may ever be fetched: no owl:imports, links instead
    assert not list(onto.objects(None, OWL.imports))
    see_also = set(onto.objects(ONTOLOGY_IRI, RDFS.seeAlso))
    for ns in (ORG, FOAF, SCHEMA, PROV, DCTERMS, SKOS):
        assert URIRef(str(ns)) in see_also, f"rdfs:seeAlso {ns} missing"


def test_every_term_has_label_and_comment(onto):
    terms = declared(onto) | {s for s in onto.subjects() if isinstance(s, URIRef) and s.startswith(str(AKG))}
    assert terms
    for t in sorted(terms):
        assert onto.value(t, RDFS.label) is not None, f"{t} has no rdfs:label"
        assert onto.value(t, RDFS.comment) is not None, f"{t} has no rdfs:comment"


AKG_CLASSES = ["Article", "Meeting", "Alliance", "Mention", "Evidence"]
AKG_DATATYPE_PROPERTIES = ["publisherName", "sourceFile", "contentHash", "iso3166Alpha2", "geonamesId",
                           "qualifier", "confidence", "extractedBy", "eventType", "surfaceForm",
                           "startOffset", "endOffset", "sentenceText"]
AKG_OBJECT_PROPERTIES = ["refersTo", "inArticle", "countryOfFocus"]


def test_akg_terms_declared_with_their_kind(onto):
    for name in AKG_CLASSES:
        assert (AKG[name], RDF.type, OWL.Class) in onto, name
    for name in AKG_DATATYPE_PROPERTIES:
        assert (AKG[name], RDF.type, OWL.DatatypeProperty) in onto, name
    for name in AKG_OBJECT_PROPERTIES:
        assert (AKG[name], RDF.type, OWL.ObjectProperty) in onto, name


@pytest.mark.parametrize("sub,sup", [
    (AKG.Article, SCHEMA.NewsArticle),
    (AKG.Article, PROV.Entity),
    (AKG.Meeting, SCHEMA.Event),
    (AKG.Meeting, PROV.Activity),
    (AKG.Alliance, ORG.FormalOrganization),
    (AKG.Evidence, PROV.Entity),
    (ORG.Role, SKOS.Concept),
    (ORG.FormalOrganization, ORG.Organization),
])
def test_subclass_links_of_the_model_doc(onto, sub, sup):
    assert (sub, RDFS.subClassOf, sup) in onto


def test_subproperty_links_of_the_model_doc(onto):
    assert (AKG.inArticle, RDFS.subPropertyOf, PROV.hadPrimarySource) in onto
    assert (AKG.countryOfFocus, RDFS.subPropertyOf, SCHEMA.spatialCoverage) in onto


def test_domains_and_ranges(onto):
    assert (AKG.confidence, RDFS.range, URIRef("http://www.w3.org/2001/XMLSchema#decimal")) in onto
    for p in (AKG.startOffset, AKG.endOffset):
        assert (p, RDFS.range, URIRef("http://www.w3.org/2001/XMLSchema#integer")) in onto
    assert (AKG.inArticle, RDFS.domain, AKG.Evidence) in onto
    assert (AKG.inArticle, RDFS.range, AKG.Article) in onto
    assert (AKG.refersTo, RDFS.domain, AKG.Mention) in onto
    assert (AKG.iso3166Alpha2, RDFS.domain, SCHEMA.Country) in onto


REUSED = {
    ORG: ["Organization", "Post", "Role", "Membership", "holds", "heldBy", "postIn", "role", "member",
          "organization", "memberOf"],
    FOAF: ["Person", "name"],
    SCHEMA: ["Country", "City", "Event", "location", "startDate", "attendee", "containedInPlace", "url",
             "spatialCoverage"],
    SKOS: ["prefLabel", "altLabel"],
    DCTERMS: ["title", "issued", "identifier"],
    PROV: ["wasDerivedFrom"],
}


@pytest.mark.parametrize("ns,name", [(ns, n) for ns, names in REUSED.items() for n in names])
def test_reused_terms_declared_and_defined_elsewhere(onto, ns, name):
    term = ns[name]
    assert term in declared(onto), f"{term} not declared"
    assert (term, RDFS.isDefinedBy, URIRef(str(ns))) in onto
    assert onto.value(term, RDFS.label) is not None and onto.value(term, RDFS.comment) is not None


def _akg_names_in_text(text: str) -> set[str]:
    names = set(re.findall(r"\bakg:([A-Za-z][A-Za-z0-9_]*)", text))
    names |= set(re.findall(re.escape(str(AKG)) + r"([A-Za-z][A-Za-z0-9_]*)", text))
    return names


def _declared_akg_names(onto: Graph) -> set[str]:
    return {str(t)[len(str(AKG)):] for t in declared(onto) if t.startswith(str(AKG))}


def test_every_akg_term_of_the_model_doc_is_declared(onto):
    used = _akg_names_in_text((ROOT / "docs" / "rdf-model.md").read_text(encoding="utf-8"))
    assert used
    assert used <= _declared_akg_names(onto), used - _declared_akg_names(onto)


def test_every_akg_term_of_the_shapes_is_declared(onto):
    shapes = Graph().parse(str(resources.shapes_file()), format="turtle")
    used = {str(t)[len(str(AKG)):] for triple in shapes for t in triple
            if isinstance(t, URIRef) and t.startswith(str(AKG))}
    assert used
    assert used <= _declared_akg_names(onto), used - _declared_akg_names(onto)


def test_every_akg_term_of_the_queries_is_declared(onto):
    used: set[str] = set()
    for rq in sorted(resources.queries_dir().glob("*.rq")):
        used |= _akg_names_in_text(rq.read_text(encoding="utf-8"))
    assert used
    assert used <= _declared_akg_names(onto), used - _declared_akg_names(onto)


def test_axioms_only_reference_declared_terms(onto):
    """Every class/property named in a domain, range, subClassOf or subPropertyOf is declared here."""
    xsd = "http://www.w3.org/2001/XMLSchema#"
    terms = declared(onto)
    for p in (RDFS.domain, RDFS.range, RDFS.subClassOf, RDFS.subPropertyOf, OWL.inverseOf):
        for s, o in onto.subject_objects(p):
            if isinstance(o, URIRef) and not o.startswith(xsd):
                assert o in terms, f"{s} {p} {o}: {o} is not declared"


def test_shapes_target_declared_classes(onto):
    from kg.vocab import SH

    shapes = Graph().parse(str(resources.shapes_file()), format="turtle")
    targets = set(shapes.objects(None, SH.targetClass)) | set(shapes.objects(None, SH["class"]))
    assert targets
    assert targets <= {t for t in declared(onto) if (t, RDF.type, OWL.Class) in onto}
