"""The named queries (queries/*.rq): headers, syntax (rdflib), and exact results on Oxigraph."""
from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, URIRef
from rdflib.namespace import PROV
from rdflib.plugins.sparql import prepareQuery

from kg import resources
from kg.vocab import AKG

FIXTURE = Path(__file__).parent / "data" / "small.trig"
QUERIES = sorted(resources.queries_dir().glob("*.rq"))
NAMES = [q.stem for q in QUERIES]

KGR = "https://w3id.org/alliance-kg/id/"
XSD = "http://www.w3.org/2001/XMLSchema#"

# the contract (/work/shared/CONTRACT.md): these columns, in this order, at least
CONTRACT = {
    "people": ["person", "name", "aliases"],
    "organizations": ["organization", "name", "aliases"],
    "names": ["entity", "name"],
    "countries": ["country", "name", "iso"],
    "roles": ["person", "name", "role", "organization", "organizationName"],
    "memberships": ["member", "memberName", "memberIso", "organization", "organizationName", "status"],
    "meetings": ["meeting", "label", "date", "place", "placeName", "participant", "participantName"],
    "provenance": ["subject", "predicate", "object", "article", "sentence"],
    "articles": ["article", "title", "date", "publisher", "url"],
    "stats-classes": ["class", "count"],
}


# parameters that are no output column: they select rows ('roles --param date=2012-06-21')
FILTERS = {"roles": {"date"}}


def k(path: str) -> str:
    return KGR + path


@pytest.fixture(scope="module")
def store() -> ox.Store:
    s = ox.Store()
    s.load(FIXTURE.read_bytes(), format=ox.RdfFormat.TRIG)
    return s


def query_text(name: str) -> str:
    return (resources.queries_dir() / f"{name}.rq").read_text(encoding="utf-8")


def prebind(text: str, **params: str) -> str:
    """Pre-bind variables the way `--param` does (kg.query.bind_params)."""
    from kg.query import bind_params

    return bind_params(text, params)


def run(store: ox.Store, text: str, /) -> tuple[list[str], list[tuple]]:
    res = store.query(text, use_default_graph_as_union=True)
    cols = [v.value for v in res.variables]
    rows = [tuple(sol[c].value if sol[c] is not None else None for c in cols) for sol in res]
    return cols, rows


def rows_of(store: ox.Store, query_name: str, /, **params: str) -> list[tuple]:
    text = query_text(query_name)
    if params:
        text = prebind(text, **params)
    return run(store, text)[1]


# ---------------------------------------------------------------------------------------------
# every query file


def test_all_named_queries_exist():
    assert set(CONTRACT) <= set(NAMES), set(CONTRACT) - set(NAMES)


@pytest.mark.parametrize("path", QUERIES, ids=NAMES)
def test_header(path: Path, store):
    lines = path.read_text(encoding="utf-8").splitlines()
    assert re.fullmatch(rf"# {re.escape(path.stem)} — \S.*\.", lines[0]), lines[0]
    assert lines[1].startswith("# Parameters: "), lines[1]
    m = re.fullmatch(r"# Columns: (\?\w+(?: \?\w+)*)", lines[2])
    assert m, lines[2]
    columns = [c[1:] for c in m.group(1).split()]
    cols, _ = run(store, path.read_text(encoding="utf-8"))
    assert columns == cols, "the Columns: header must list the result columns in order"
    params = re.findall(r"\?(\w+)", lines[1])
    assert set(params) <= set(cols) | FILTERS.get(path.stem, set()), "only output columns can be pre-bound"


@pytest.mark.parametrize("path", QUERIES, ids=NAMES)
def test_parses_with_rdflib(path: Path):
    prepareQuery(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", QUERIES, ids=NAMES)
def test_runs_on_oxigraph_with_contract_columns(path: Path, store):
    cols, rows = run(store, path.read_text(encoding="utf-8"))
    assert rows, f"{path.stem} returns nothing on the fixture"
    expected = CONTRACT.get(path.stem)
    if expected:
        assert cols[: len(expected)] == expected


@pytest.mark.parametrize("path", QUERIES, ids=NAMES)
def test_is_read_only_select(path: Path):
    text = re.sub(r"#[^\n]*", "", path.read_text(encoding="utf-8"))
    assert re.search(r"\bSELECT\b", text)
    assert not re.search(r"\b(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE)\b", text, re.I)


@pytest.mark.parametrize("name", ["people", "organizations", "countries", "roles", "memberships", "meetings"])
def test_names_are_plain_literals(name, store):
    res = store.query(query_text(name), use_default_graph_as_union=True)
    cols = [v.value for v in res.variables]
    name_cols = [c for c in cols if c == "name" or c.endswith("Name") or c in ("role", "label", "iso")]
    seen = 0
    for sol in res:
        for c in name_cols:
            term = sol[c]
            if term is None:
                continue
            seen += 1
            assert isinstance(term, ox.Literal) and term.language is None
            assert term.datatype.value == XSD + "string", (name, c, term)
    assert seen


# ---------------------------------------------------------------------------------------------
# exact results on the fixture


def unordered(rows: list[tuple]) -> list[tuple]:
    """Rows in a fixed order for comparing (the named queries do not sort by IRI or name)."""
    return sorted(rows, key=repr)


def first_per(rows: list[tuple]) -> dict:
    """The first row's second column for each value of the first column."""
    first: dict = {}
    for key, value, *_ in rows:
        first.setdefault(key, value)
    return first


def test_people_one_row_per_person_with_aliases(store):
    rows = {r[0]: (r[1], set(r[2].split(" | ")) - {""}) for r in rows_of(store, "people")}
    assert rows == {k("person/cecilia-malmstrom"): ("Cecilia Malmström", {"Cecilia Malmstroem", "Malmström"}),
                    k("person/eric-holder"): ("Eric Holder", {"Holder"})}


def test_people_prebound_name(store):
    assert rows_of(store, "people", name="Eric Holder") == [(k("person/eric-holder"), "Eric Holder", "Holder")]


def test_organizations_one_row_per_institution(store):
    rows = {r[0]: (r[1], set(r[2].split(" | ")) - {""}) for r in rows_of(store, "organizations")}
    assert rows == {k("org/european-union"): ("European Union", {"EU"}),
                    k("org/global-alliance"): ("Global Alliance against Child Sexual Abuse Online",
                                               {"Global Alliance"})}


def test_names_one_row_per_entity_and_name(store):
    rows = rows_of(store, "names", name="Holder")
    assert [r[:2] for r in rows] == [(k("person/eric-holder"), "Holder")]
    malmstrom = {r[1]: r[3] for r in rows_of(store, "names", entity=k("person/cecilia-malmstrom"))}
    assert malmstrom["Cecilia Malmström"] == "preferred" and malmstrom["Malmström"] == "alias"


def test_countries_only_mentioned_ones(store):
    # Belgium is only the country of Brussels: not listed
    assert unordered(rows_of(store, "countries")) == [
        (k("country/AL"), "Albania", "AL"),
        (k("country/US"), "United States", "US"),
    ]


def test_countries_prebound_iso(store):
    assert rows_of(store, "countries", iso="US") == [(k("country/US"), "United States", "US")]
    assert rows_of(store, "countries", iso="BE") == []


def test_roles(store):
    assert unordered(rows_of(store, "roles")) == [
        (k("person/cecilia-malmstrom"), "Cecilia Malmström", "Commissioner for Home Affairs",
         k("org/european-union"), "European Union", None, "2010-02", None, "2012-12-05", "2012-12-05", "0.8",
         k("post/p2"), k("tenure/t2")),
        (k("person/cecilia-malmstrom"), "Cecilia Malmström", "Minister for European Affairs",
         None, None, "former", None, None, None, None, "0.6", k("post/p3"), k("tenure/t3")),
        (k("person/eric-holder"), "Eric Holder", "Attorney General",
         k("country/US"), "United States", None, None, None, "2012-12-05", "2012-12-05", "0.9",
         k("post/p1"), k("tenure/t1")),
    ]


def test_roles_on_a_date(store):
    """Held on a date: the stated start (else the first observation) to the last observation; a
    former post with no date of its own is never returned for a date."""
    def held(on: str) -> set[str]:
        return {r[2] for r in rows_of(store, "roles", date=on)}

    assert held("2012-12-05") == {"Attorney General", "Commissioner for Home Affairs"}
    assert held("2012-12") == {"Attorney General", "Commissioner for Home Affairs"}
    assert held("2011-06-01") == {"Commissioner for Home Affairs"}      # stated start 2010-02
    assert held("2010") == {"Commissioner for Home Affairs"}
    assert held("2009") == set()
    assert held("2013-01-01") == set()                                    # after the last observation
    assert held('"2012-12-05"^^xsd:date') == held("2012-12-05")


def test_roles_prebound_name(store):
    rows = rows_of(store, "roles", name="Eric Holder")
    assert [(r[1], r[2], r[4]) for r in rows] == [("Eric Holder", "Attorney General", "United States")]


def test_roles_one_row_per_post_when_articles_disagree_on_a_name(store):
    s = ox.Store()
    s.load(FIXTURE.read_bytes(), format=ox.RdfFormat.TRIG)
    s.add(ox.Quad(ox.NamedNode(k("person/cecilia-malmstrom")), ox.NamedNode("http://xmlns.com/foaf/0.1/name"),
                  ox.Literal("C. Malmström"), ox.NamedNode(k("article/a2"))))
    rows = run(s, query_text("roles"))[1]
    assert len(rows) == 3
    assert {r[1] for r in rows if r[0] == k("person/cecilia-malmstrom")} == {"Cecilia Malmström"}


def test_memberships(store):
    ga = (k("org/global-alliance"), "Global Alliance against Child Sexual Abuse Online")
    assert unordered(rows_of(store, "memberships")) == [
        (k("country/AL"), "Albania", "AL", *ga, None),
        (k("org/european-union"), "European Union", None, *ga, None),
    ]


def test_meetings(store):
    meeting = (k("meeting/a1-1"), "press conference", "2012-12-05", k("place/2800866"), "Brussels")
    assert unordered(rows_of(store, "meetings")) == [
        (*meeting, k("person/cecilia-malmstrom"), "Cecilia Malmström"),
        (*meeting, k("person/eric-holder"), "Eric Holder"),
    ]


def test_meetings_date_is_typed(store):
    res = store.query(query_text("meetings"), use_default_graph_as_union=True)
    dates = {sol["date"].datatype.value for sol in res}
    assert dates == {XSD + "date"}


def test_articles(store):
    assert rows_of(store, "articles") == [
        (k("article/a1"), "EU, US in 'global alliance' to hit web child sex", "2012-12-05", "AFP",
         "https://example.org/news/a1"),
        (k("article/a2"), "Global Alliance to fight child sexual abuse", "2012-06-21", None, None),
    ]


def test_stats_classes(store):
    counts = dict(rows_of(store, "stats-classes"))
    assert counts == {
        str(AKG.Mention): "9",
        "http://www.w3.org/ns/org#Post": "3",
        str(AKG.Tenure): "3",
        "http://www.w3.org/ns/org#Role": "3",
        "https://schema.org/Country": "3",
        "http://www.w3.org/ns/org#Membership": "2",
        "http://www.w3.org/ns/org#Organization": "2",
        "http://xmlns.com/foaf/0.1/Person": "2",
        str(AKG.Article): "2",
        str(AKG.Evidence): "2",
        "https://schema.org/City": "1",
        str(AKG.Alliance): "1",
        str(AKG.Meeting): "1",
    }
    values = [int(c) for _, c in rows_of(store, "stats-classes")]
    assert values == sorted(values, reverse=True)


def _expected_provenance() -> set[tuple]:
    """The same answer computed in plain Python over the fixture, graph by graph."""
    ds = Dataset()
    ds.parse(FIXTURE, format="trig")
    out = set()
    for g in ds.graphs():
        for s, ev in g.subject_objects(PROV.wasDerivedFrom):
            article = g.value(ev, AKG.inArticle)
            sentence = g.value(ev, AKG.sentenceText)
            if article is None or sentence is None:
                continue
            for _, p, o in g.triples((s, None, None)):
                if p != PROV.wasDerivedFrom:
                    out.add((str(s), str(p), str(o), str(article), str(sentence)))
    return out


def test_provenance(store):
    rows = rows_of(store, "provenance")
    assert len(rows) == len(set(rows)) == 94  # 55 facts from a1, 39 from a2
    assert set(rows) == _expected_provenance()
    assert not any(r[1] == str(PROV.wasDerivedFrom) for r in rows)
    s1 = ("US Attorney General Eric Holder and EU home affairs commissioner Cecilia Malmström "
          "give a press conference in Brussels.")
    assert (k("post/p1"), "http://www.w3.org/ns/org#role", k("role/attorney-general"), k("article/a1"), s1) in rows
    s2 = "Albania and the European Union joined the Global Alliance, said Malmström, a former minister for European affairs."
    assert (k("membership/m1"), "http://www.w3.org/ns/org#member", k("country/AL"), k("article/a2"), s2) in rows
    # the person is stated in both graphs but only its mention-derived facts carry provenance
    assert not any(r[0] == k("person/cecilia-malmstrom") for r in rows)


def test_provenance_keeps_the_article_of_each_fact(store):
    """A fact derived in one article is never attributed to the other article's sentence."""
    rows = rows_of(store, "provenance")
    for subject, _p, _o, article, _sentence in rows:
        aid = article.rsplit("/", 1)[-1]
        if "/post/" in subject or "/tenure/" in subject:
            assert (subject.endswith("p3") or subject.endswith("t3")) == (aid == "a2")
        if "/mention/" in subject or "/meeting/" in subject:
            assert subject.rsplit("/", 1)[-1].startswith(aid + "-")


def test_provenance_prebound_article(store):
    rows = rows_of(store, "provenance", article=f"<{k('article/a2')}>")
    assert len(rows) == 39
    assert {r[3] for r in rows} == {k("article/a2")}


def test_rdflib_engine_agrees_on_small_queries():
    """The queries are standard SPARQL: rdflib's engine gives the same rows (as sets)."""
    ds = Dataset(default_union=True)
    ds.parse(FIXTURE, format="trig")
    store = ox.Store()
    store.load(FIXTURE.read_bytes(), format=ox.RdfFormat.TRIG)
    def same_order(row: tuple) -> tuple:      # GROUP_CONCAT's order is the engine's: compare as sets
        return tuple(" | ".join(sorted(v.split(" | "))) if isinstance(v, str) and " | " in v else v for v in row)

    for name in ("people", "countries", "memberships", "meetings"):
        text = query_text(name)
        expected = {same_order(r) for r in run(store, text)[1]}
        got = {same_order(tuple(str(v) if v is not None else None for v in row)) for row in ds.query(text)}
        assert got == expected, name


def test_ontology_terms_resolve_as_uris():
    assert isinstance(AKG.Mention, URIRef)
