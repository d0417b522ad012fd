"""Institutions whose names many countries share carry their country (kg/extract/homonyms.py)."""
from __future__ import annotations

import datetime as dt

import pytest

from kg.article import Article
from kg.extract.facts import EntityRef, qualified_key, split_key
from kg.extract.homonyms import generic_core
from kg.extract.pipeline import extract
from kg.mapping import entity_iri
from kg.nlp import parse


def orgs_of(text: str) -> dict[str, tuple[str, str | None]]:
    facts = extract(Article(id="t", text=text, source="t.txt", date=dt.date(2019, 5, 2)), parse(text))
    return {e.name: (e.ref.key, e.country) for e in facts.entities if e.ref.kind == "organization"}


@pytest.mark.parametrize("name,core", [
    ("Supreme Court", ("supreme court", None)),
    ("Polish Supreme Court", ("supreme court", "PL")),
    ("Ministry of Foreign Affairs of Turkey", ("foreign ministry", "TR")),
    ("Turkish Foreign Ministry", ("foreign ministry", "TR")),
    ("Ministry of the Interior", ("interior ministry", None)),
    ("United States Air Force", ("air force", "US")),
    ("Senate", ("senate", None)),
])
def test_generic_names_and_their_country(name, core):
    assert generic_core(name) == core


@pytest.mark.parametrize("name", ["Civic Platform", "Court of Session", "Welsh Assembly", "European Union",
                                  "Council", "National"])
def test_specific_names_are_no_homonyms(name):
    assert generic_core(name) is None


def test_the_story_s_country_or_a_demonym_qualifies_a_homonym():
    polish = orgs_of("Poland's Supreme Court ruled on Monday in Warsaw. The Supreme Court said the Polish "
                     "government had broken the law, and Poland's opposition welcomed it.")
    assert polish["Supreme Court"] == ("supreme-court@PL", "PL")
    greek = orgs_of("The Greek Supreme Court ruled on Monday in Athens.")
    assert greek["Greek Supreme Court"] == ("supreme-court@GR", "GR")


def test_a_party_several_countries_share_keeps_its_usual_country_unless_the_article_names_another():
    assert orgs_of("Labour won the vote in London, and the Labour Party celebrated.")["Labour Party"] == \
        ("labour-party", "GB")
    assert orgs_of("The Irish Labour Party won seats in Dublin.")["Irish Labour Party"] == ("labour-party@IE", "IE")


def test_a_national_institution_keeps_its_key_and_gets_its_country():
    assert orgs_of("The House of Commons voted on Tuesday.")["House of Commons"] == ("house-of-commons", "GB")


def test_a_homonym_key_makes_its_own_iri():
    ref = EntityRef("organization", qualified_key("supreme-court", "PL"))
    assert split_key(ref.key) == ("supreme-court", "PL")
    assert str(entity_iri(ref)).endswith("/org/supreme-court--pl")
    assert str(entity_iri(EntityRef("organization", "european-union"))).endswith("/org/european-union")


def test_a_legislature_named_by_its_head_alone_is_the_story_country_s():
    us = orgs_of("The United States will cut taxes, officials in Washington said. American farmers welcomed it. "
                 "The Senate passed the bill on Monday, and Congress will vote next week.")
    assert us["United States Senate"] == ("united-states-senate", "US")
    assert us["United States Congress"] == ("united-states-congress", "US")
    assert orgs_of("Poland's government fell in Warsaw. Polish voters were angry. Parliament voted on Monday."
                   )["Parliament"] == ("parliament@PL", "PL")
    assert orgs_of("Britain's government fell in London. British voters were angry. Parliament voted on Monday, "
                   "and the European Parliament did not.")["Parliament of the United Kingdom"] == \
        ("parliament-of-the-united-kingdom", "GB")
    assert orgs_of("Parliament voted on Monday.") == {}          # no country the story is set in: no guess
    assert "Senate" not in orgs_of("Poland's government fell in Warsaw. Polish voters were angry. "
                                   "The Senate candidate lost.")   # a modifier, not the body


def test_a_legislature_named_by_its_head_alone_is_the_regional_one_the_story_names():
    text = ("Yesterday the Parliament of Western Australia (WA), Australia voted to pass the Fisheries Bill. "
            "Australian farmers welcomed it in Canberra. Members said in the Parliament it was long overdue.")
    orgs = orgs_of(text)
    assert "parliament@AU" not in {key for key, _c in orgs.values()}   # not the nation's parliament
    assert orgs["Parliament of Western Australia"][0] == "parliament-of-western-australia"
