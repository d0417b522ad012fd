"""SHACL validation (kg.validate): the fixture conforms, broken data does not, errors are actionable."""
from __future__ import annotations

import socket
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph

from kg import resources
from kg.errors import KgError, ValidationError
from kg.validate import ValidationReport, Violation, load_ontology, load_shapes, validate

FIXTURE = Path(__file__).parent / "data" / "small.trig"
KGR = "https://w3id.org/alliance-kg/id/"


def dataset(text: str | None = None) -> Dataset:
    ds = Dataset()
    ds.parse(data=text if text is not None else FIXTURE.read_text(encoding="utf-8"), format="trig")
    return ds


def broken(*replacements: tuple[str, str]) -> Dataset:
    text = FIXTURE.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return dataset(text)


NO_ROLE = ("        org:role role:attorney-general ;\n", "")
STRING_DATE = ('schema:startDate "2012-12-05"^^xsd:date', 'schema:startDate "5 December 2012"')
BAD_ISO = ('akg:iso3166Alpha2 "AL"', 'akg:iso3166Alpha2 "alb"')


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Validation must never touch the network (no owl:imports, no remote shapes)."""
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted during validation")
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


def test_fixture_conforms():
    report = validate(dataset())
    assert isinstance(report, ValidationReport)
    assert report.conforms, report.text
    assert report.violations == []
    assert "conforms" in report.text
    assert report


def test_accepts_graph_dataset_and_oxigraph_store():
    ds = dataset()
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    assert validate(g).conforms
    store = ox.Store()
    store.load(FIXTURE.read_bytes(), format=ox.RdfFormat.TRIG)
    assert validate(store).conforms


def test_does_not_modify_the_input():
    ds = dataset()
    before = len(list(ds.quads((None, None, None, None))))
    validate(ds)
    assert len(list(ds.quads((None, None, None, None)))) == before


def test_broken_copy_does_not_conform():
    report = validate(broken(NO_ROLE, STRING_DATE, BAD_ISO))
    assert not report.conforms
    assert not report
    by_focus = {v.focus_node: v for v in report.violations}
    assert set(by_focus) == {KGR + "post/p1", KGR + "meeting/a1-1", KGR + "country/AL"}, report.text
    assert by_focus[KGR + "post/p1"].path == "org:role"
    assert by_focus[KGR + "post/p1"].constraint == "MinCount"
    assert by_focus[KGR + "meeting/a1-1"].path == "schema:startDate"
    assert by_focus[KGR + "meeting/a1-1"].value == "5 December 2012"
    assert by_focus[KGR + "country/AL"].path == "akg:iso3166Alpha2"
    assert by_focus[KGR + "country/AL"].value == "alb"
    for v in report.violations:
        assert isinstance(v, Violation)
        assert v.severity == "Violation"
        # the message names the focus node (compact form) so a user can find it
        assert v.message.startswith("kgr:" + v.focus_node[len(KGR):]), v.message
    assert "does NOT conform" in report.text
    assert "3 violations" in report.text
    for name in ("kgr:post/p1", "kgr:meeting/a1-1", "kgr:country/AL"):
        assert name in report.text


@pytest.mark.parametrize("replacement,focus,path", [
    (NO_ROLE, "post/p1", "org:role"),
    (STRING_DATE, "meeting/a1-1", "schema:startDate"),
    (BAD_ISO, "country/AL", "akg:iso3166Alpha2"),
    (('akg:confidence "0.9"^^xsd:decimal', 'akg:confidence "1.5"^^xsd:decimal'), "tenure/t1", "akg:confidence"),
    (('akg:holder person:eric-holder ;', ''), "tenure/t1", "akg:holder"),
    (('akg:post post:p1 ;', 'akg:post person:eric-holder ;'), "tenure/t1", "akg:post"),
    (('akg:qualifier "former"', 'akg:qualifier "ex-ish"'), "tenure/t3", "akg:qualifier"),
    (('akg:observed "2012-12-05"^^xsd:date ;\n        akg:confidence "0.9"',
      'akg:observed "last week" ;\n        akg:confidence "0.9"'), "tenure/t1", "akg:observed"),
    (('schema:startDate "2010-02"^^xsd:gYearMonth', 'schema:startDate "Feb 2010"'), "tenure/t2", "schema:startDate"),
    (('org:postIn country:US', 'org:postIn role:attorney-general'), "post/p1", "org:postIn"),
    (('dct:issued "2012-12-05"^^xsd:date', 'dct:issued "yesterday"'), "article/a1", "dct:issued"),
    (('dct:identifier "a2" ;', ''), "article/a2", "dct:identifier"),
    (('akg:inArticle article:a1', 'akg:inArticle person:eric-holder'), "evidence/a1-0", "akg:inArticle"),
    (('akg:refersTo country:US ; ', ''), "mention/a1-0-2", "akg:refersTo"),
    (('akg:startOffset 0 ; akg:endOffset 119', 'akg:startOffset "0" ; akg:endOffset 119'),
     "evidence/a1-0", "akg:startOffset"),
    (('schema:attendee person:eric-holder ,', 'schema:attendee role:attorney-general ,'),
     "meeting/a1-1", "schema:attendee"),
    (('org:member country:AL ;', ''), "membership/m1", "org:member"),
])
def test_single_defects(replacement, focus, path):
    report = validate(broken(replacement))
    assert not report.conforms
    assert (KGR + focus, path) in {(v.focus_node, v.path) for v in report.violations}, report.text


def test_gyear_and_gyearmonth_dates_are_valid():
    for lexical, dtype in (("2012-12", "gYearMonth"), ("2012", "gYear")):
        report = validate(broken(('"2012-12-05"^^xsd:date ;\n        schema:location',
                                  f'"{lexical}"^^xsd:{dtype} ;\n        schema:location')))
        assert report.conforms, report.text


def test_alliance_typed_only_as_alliance_is_an_organization():
    # membership target typed only akg:Alliance: the ontology's subClassOf chain makes it an org
    report = validate(broken(("orgn:global-alliance a org:Organization , akg:Alliance",
                              "orgn:global-alliance a akg:Alliance")))
    assert report.conforms, report.text


def test_missing_shapes_file_is_an_actionable_error(tmp_path, monkeypatch):
    missing = tmp_path / "shapes.ttl"
    monkeypatch.setattr(resources, "shapes_file", lambda: missing)
    with pytest.raises(ValidationError) as exc:
        validate(dataset())
    assert str(missing) in str(exc.value) and "missing" in str(exc.value)
    assert isinstance(exc.value, KgError)


def test_unparsable_shapes_file_is_an_actionable_error(tmp_path):
    bad = tmp_path / "shapes.ttl"
    bad.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\nthis is not turtle ;;\n", encoding="utf-8")
    with pytest.raises(ValidationError) as exc:
        validate(dataset(), shapes=bad)
    assert str(bad) in str(exc.value) and "Turtle" in str(exc.value)


def test_missing_ontology_is_an_actionable_error(tmp_path):
    with pytest.raises(ValidationError, match="missing"):
        load_ontology(tmp_path / "nope.ttl")


def test_loaders_read_the_shipped_files():
    assert len(load_ontology()) > 100
    assert len(load_shapes()) > 100
    assert load_shapes() is load_shapes()  # cached


def test_fast_on_a_few_thousand_triples():
    text = FIXTURE.read_text(encoding="utf-8")
    ds = Dataset()
    for i in range(20):  # ~3,300 quads, distinct IRIs per copy
        ds.parse(data=text.replace("/alliance-kg/id/", f"/alliance-kg/id/c{i}-"), format="trig")
    validate(ds)  # warm the caches
    t0 = time.perf_counter()
    report = validate(ds)
    elapsed = time.perf_counter() - t0
    assert report.conforms, report.text
    assert elapsed < 10, f"validation took {elapsed:.1f}s"


def test_shapes_are_well_formed_shacl():
    """The shapes graph passes pyshacl's SHACL-for-SHACL (meta-shacl) check."""
    import pyshacl

    conforms, _, text = pyshacl.validate(dataset().default_graph, shacl_graph=load_shapes(),
                                         meta_shacl=True, do_owl_imports=False)
    assert conforms, text
