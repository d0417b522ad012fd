"""kg/extract/gazetteer.py: country and institution names found in a Doc."""
from __future__ import annotations

from handdoc import make_doc

from kg.extract.gazetteer import GazetteerMatch, gazetteer_matches


def _names(doc) -> list[tuple[str, str, str]]:
    return [(doc[m.start:m.end].text, m.kind, m.key) for m in gazetteer_matches(doc)]


def test_countries_and_institutions_by_name_alias_and_acronym():
    doc = make_doc("The European Union , the U.S. and The Gambia joined NATO .")
    assert _names(doc) == [("European Union", "organization", "European Union"), ("U.S.", "country", "US"),
                           ("The Gambia", "country", "GM"), ("NATO", "organization", "North Atlantic Treaty Organization")]


def test_the_longest_name_wins():
    doc = make_doc("the United Kingdom and the United States")
    assert _names(doc) == [("United Kingdom", "country", "GB"), ("United States", "country", "US")]


def test_an_alliance_known_with_its_article_after_a_lowercase_the_but_not_a_national_body():
    doc = make_doc("suspended from the Commonwealth , the Commission said")
    assert _names(doc) == [("Commonwealth", "organization", "Commonwealth of Nations")]


def test_an_acronym_must_be_written_as_in_the_data():
    doc = make_doc("Eu officials and eu rules")
    assert _names(doc) == []


def test_matches_are_cached_per_doc_and_returned_as_a_fresh_list():
    doc = make_doc("France and Germany")
    first = gazetteer_matches(doc)
    first.clear()
    assert gazetteer_matches(doc) == [GazetteerMatch(0, 1, "country", "FR"), GazetteerMatch(2, 3, "country", "DE")]
