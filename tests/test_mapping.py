"""Facts → RDF (kg/mapping.py): IRIs, datatypes, provenance, determinism."""
import datetime as dt

from rdflib import Graph, Literal
from rdflib.namespace import FOAF, PROV, RDF, XSD

from kg.article import Article
from kg.extract.facts import ArticleFacts, Entity, EntityRef, Evidence, Meeting, Membership, Mention, Post
from kg.mapping import article_iri, entity_iri, to_graph, to_ntriples
from kg.vocab import AKG, KGR, ORG, SCHEMA

EV = Evidence('He said "<b>hi</b>"\nthen left.', 0, 28, "rule:test", 0.9)
HOLDER = EntityRef("person", "eric holder")
US = EntityRef("country", "US")
ALLIANCE = EntityRef("organization", "global-alliance")


def sample() -> ArticleFacts:
    art = Article(id="a 1/x", text="...", source="a.txt", title="T", date=dt.date(2012, 6, 21),
                  url="https://example.org/a", content_hash="abc")
    f = ArticleFacts(art)
    f.entities = [
        Entity(HOLDER, "Eric Holder", ["Holder"], [Mention("Eric Holder", 0, 11, EV)]),
        Entity(US, "United States", ["US"], [Mention("US", 12, 14, EV)], iso="US"),
        Entity(ALLIANCE, "Global Alliance", [], [Mention("Global Alliance", 15, 30, EV)], is_alliance=True),
        Entity(EntityRef("place", "2618425"), "Copenhagen", [], [Mention("Copenhagen", 31, 41, EV)], country="DK"),
    ]
    f.posts = [Post(HOLDER, "Attorney General", US, EV, ("former",), status="former", start="2009-02",
                    end="2015")]
    f.memberships = [Membership(US, ALLIANCE, EV)]
    f.meetings = [Meeting("meeting", "meeting", "2011-12", EntityRef("place", "2618425"), [HOLDER], [EV])]
    return f


def test_entities_types_and_names():
    g = to_graph(sample())
    holder = entity_iri(HOLDER)
    assert (holder, RDF.type, FOAF.Person) in g
    assert (holder, FOAF.name, Literal("Eric Holder")) in g
    assert (entity_iri(US), AKG.iso3166Alpha2, Literal("US")) in g
    assert (entity_iri(ALLIANCE), RDF.type, AKG.Alliance) in g
    city = KGR["place/2618425"]
    assert (city, SCHEMA.containedInPlace, KGR["country/DK"]) in g


def test_post_membership_meeting_with_provenance():
    g = to_graph(sample())
    holder = entity_iri(HOLDER)
    post = g.value(holder, ORG.holds)
    assert post is not None and (post, ORG.postIn, entity_iri(US)) in g
    tenure = g.value(None, AKG.post, post)
    assert g.value(tenure, AKG.holder) == holder
    assert g.value(tenure, AKG.qualifier) == Literal("former")
    assert g.value(post, AKG.qualifier) is None          # a post is shared: the status is the holder's
    for cls in (ORG.Post, ORG.Membership, AKG.Meeting, AKG.Tenure):
        for node in g.subjects(RDF.type, cls):
            ev = g.value(node, PROV.wasDerivedFrom)
            assert ev is not None
            assert g.value(ev, AKG.inArticle) == article_iri("a 1/x")
            assert str(g.value(ev, AKG.sentenceText)).startswith("He said")
            if cls != ORG.Post:
                assert g.value(node, AKG.confidence).datatype == XSD.decimal
    meeting = next(g.subjects(RDF.type, AKG.Meeting))
    assert g.value(meeting, SCHEMA.startDate) == Literal("2011-12", datatype=XSD.gYearMonth)


def test_tenure_dates_are_typed_by_their_precision():
    g = to_graph(sample())
    tenure = next(g.subjects(RDF.type, AKG.Tenure))
    assert g.value(tenure, SCHEMA.startDate) == Literal("2009-02", datatype=XSD.gYearMonth)
    assert g.value(tenure, SCHEMA.endDate) == Literal("2015", datatype=XSD.gYear)
    assert g.value(tenure, AKG.observed) is None


def _holding(person: EntityRef, role: str, org: EntityRef | None, observed: str) -> ArticleFacts:
    f = ArticleFacts(Article(id=f"{person.key}-{observed}", text="...", source="a.txt"))
    f.posts = [Post(person, role, org, EV, observed=observed)]
    return f


def test_two_holders_share_the_post_and_keep_their_own_tenures():
    other = EntityRef("person", "loretta lynch")
    a = to_graph(_holding(HOLDER, "Attorney General", US, "2012-06-21"))
    b = to_graph(_holding(other, "Attorney General", US, "2016-01-04"))
    post_a, post_b = a.value(entity_iri(HOLDER), ORG.holds), b.value(entity_iri(other), ORG.holds)
    assert post_a == post_b
    tenures_a, tenures_b = set(a.subjects(RDF.type, AKG.Tenure)), set(b.subjects(RDF.type, AKG.Tenure))
    assert tenures_a and tenures_b and not tenures_a & tenures_b
    assert a.value(next(iter(tenures_a)), AKG.observed) == Literal("2012-06-21", datatype=XSD.date)


def test_one_holders_tenure_is_one_node_in_every_article():
    first = to_graph(_holding(HOLDER, "Attorney General", US, "2012-06-21"))
    second = to_graph(_holding(HOLDER, "Attorney General", US, "2014-09-25"))
    assert set(first.subjects(RDF.type, AKG.Tenure)) == set(second.subjects(RDF.type, AKG.Tenure))


def test_a_post_without_institution_is_its_holders_own():
    other = EntityRef("person", "someone else")
    a = to_graph(_holding(HOLDER, "Minister", None, "2012-06-21"))
    b = to_graph(_holding(other, "Minister", None, "2012-06-21"))
    assert a.value(entity_iri(HOLDER), ORG.holds) != b.value(entity_iri(other), ORG.holds)


def test_article_metadata_datatypes():
    g = to_graph(sample())
    a = article_iri("a 1/x")
    assert "%2F" in str(a) and " " not in str(a)
    from rdflib.namespace import DCTERMS
    assert g.value(a, DCTERMS.issued) == Literal("2012-06-21", datatype=XSD.date)
    assert g.value(a, SCHEMA.url).datatype == XSD.anyURI


def test_output_is_deterministic_and_parses():
    a, b = to_ntriples(sample()), to_ntriples(sample())
    assert a == b
    g = Graph().parse(data=a, format="nt")
    assert len(g) == a.count("\n")


def test_a_country_implied_by_a_demonym_is_typed_and_labelled():
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDF, SKOS

    from kg.article import Article
    from kg.extract.pipeline import extract
    from kg.mapping import to_graph
    from kg.nlp import parse
    from kg.vocab import SCHEMA

    text = "Ukrainian President Volodymyr Zelensky spoke on Monday."
    g = to_graph(extract(Article(id="z", text=text, source="z.txt"), parse(text)))
    ua = URIRef("https://w3id.org/alliance-kg/id/country/UA")
    assert (ua, RDF.type, SCHEMA.Country) in g and (ua, SKOS.prefLabel, Literal("Ukraine")) in g


def test_a_former_membership_has_its_status_and_no_member_of_shortcut():
    f = sample()
    f.memberships = [Membership(US, ALLIANCE, EV), Membership(HOLDER, ALLIANCE, EV, "former")]
    g = to_graph(f)
    nodes = {g.value(n, ORG.member): n for n in g.subjects(RDF.type, ORG.Membership)}
    assert g.value(nodes[entity_iri(HOLDER)], AKG.membershipStatus) == Literal("former")
    assert g.value(nodes[entity_iri(US)], AKG.membershipStatus) is None
    assert (entity_iri(US), ORG.memberOf, entity_iri(ALLIANCE)) in g
    assert (entity_iri(HOLDER), ORG.memberOf, entity_iri(ALLIANCE)) not in g


def test_the_country_of_focus_is_on_the_article():
    from rdflib.namespace import SKOS

    f = sample()
    assert to_graph(f).value(article_iri("a 1/x"), AKG.countryOfFocus) is None     # none found: none stated
    f.focus = "DK"
    g = to_graph(f)
    dk = g.value(article_iri("a 1/x"), AKG.countryOfFocus)
    assert dk == KGR["country/DK"]
    assert (dk, RDF.type, SCHEMA.Country) in g and g.value(dk, SKOS.prefLabel) == Literal("Denmark")


def test_article_ids_ending_in_a_dot_survive_a_turtle_export_read_by_rdflib():
    """'.', '..' and 'report.' are no dot segments, and the store's Turtle export reads back."""
    import io

    from kg.store import Store

    iris = {str(article_iri(i)) for i in (".", "..", "report.", "report%2E", "report")}
    assert len(iris) == 5 and not any(i.endswith((".", "/")) for i in iris)
    store = Store.in_memory()
    for article_id in (".", "report."):
        f = ArticleFacts(article=Article(id=article_id, text="x", source="x.txt"))
        store.replace_article(str(article_iri(article_id)), to_ntriples(f))
    buf = io.BytesIO()
    store.dump(buf, "turtle")
    assert len(Graph().parse(data=buf.getvalue().decode("utf-8"), format="turtle")) == len(store)
