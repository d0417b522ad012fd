"""kg/extract/spans.py: where a name starts and ends, on hand-built Docs."""
from __future__ import annotations

import pytest
from handdoc import make_doc, span

from kg.extract import spans
from kg.extract.spans import cut_date_or_person, extend_org, is_portfolio, opening_gerund, strip_span


def test_strip_span_drops_articles_quotes_possessives_and_trailing_function_words():
    doc = make_doc("said the “ Global Alliance ” 's of it")
    assert strip_span(doc, 1, 8) == (3, 5)


def test_strip_span_drops_a_leading_qualifier_and_an_inner_the():
    doc = make_doc("Former Cabinet minister Ferraro the Democratic Party")
    assert strip_span(doc, 0, 2) == (1, 2)                            # 'Former Cabinet'
    assert strip_span(doc, 3, 7) == span(doc, "Democratic Party")    # 'Ferraro the Democratic Party'


def test_strip_span_drops_a_leading_fellow():
    doc = make_doc("Fellow NATO member Turkey")
    assert strip_span(doc, 0, 2) == (1, 2)                            # 'Fellow NATO'


def test_strip_span_drops_a_persons_possessive():
    doc = make_doc("Paul 's Rally for the Republic", ents=[("Paul", "PERSON")])
    assert strip_span(doc, 0, 6) == (2, 6)


def test_strip_span_drops_an_opening_conjunction_or_preposition():
    doc = make_doc("But Powys Local Health Board", tags="CC NNP NNP NNP NNP")
    assert strip_span(doc, 0, 5) == (1, 5)
    doc = make_doc("said For Libertarian Party nominee", tags="VBD IN NNP NNP NN")
    assert strip_span(doc, 1, 4) == (2, 4)
    doc = make_doc("said Al Jazeera News", tags="VBD IN NNP NNP")
    assert strip_span(doc, 1, 4) == (1, 4)                           # a name particle stays


@pytest.mark.parametrize("text, name, cut", [
    ("the Court of Appeal on Wednesday ruled", "Court of Appeal on Wednesday", "Court of Appeal"),
    ("the Policy Centre Mr Straw said", "Policy Centre Mr Straw", "Policy Centre"),
    ("the Electoral Commission in 2005 said", "Electoral Commission in 2005", "Electoral Commission"),
    ("the House of Commons said", "House of Commons", "House of Commons"),
])
def test_cut_date_or_person(text, name, cut):
    doc = make_doc(text)
    s, e = span(doc, name)
    assert cut_date_or_person(doc, s, e) == s + len(cut.split())


@pytest.mark.parametrize("text, name, extended", [
    ("the Global Alliance against Child Sexual Abuse Online was launched", "Global Alliance",
     "Global Alliance against Child Sexual Abuse Online"),
    ("the Muslim Council of Britain met", "Muslim Council", "Muslim Council of Britain"),
    ("the Ambassador of France met", "Ambassador", "Ambassador"),                  # a country stays out
    ("the Department for Education and Skills said", "Department for Education", "Department for Education and Skills"),
    ("the Court of Appeal on Wednesday", "Court of Appeal", "Court of Appeal"),   # a date stays out
])
def test_extend_org(text, name, extended):
    doc = make_doc(text)
    s, e = span(doc, name)
    assert extend_org(doc, s, e) == s + len(extended.split())


def test_is_portfolio():
    assert is_portfolio(["justice", "and", "home", "affairs"])
    assert is_portfolio(["interior"])
    assert not is_portfolio(["european", "union"])
    assert not is_portfolio(["and", "of"])


def test_opening_gerund(monkeypatch):
    lemmas = {"verb": frozenset({"prorogue", "abolish", "read", "house", "follow"}), "noun": frozenset({"housing", "following"})}
    monkeypatch.setattr(spans, "_lemma_index", lemmas.get)
    doc = make_doc("Proroguing Parliament is unlawful .", tags="NNP NNP VBZ JJ .")
    assert opening_gerund(doc, 0)
    doc = make_doc("Housing Corporation said .", tags="NNP NNP VBD .")
    assert not opening_gerund(doc, 0)                 # a noun, not read as a verb
    doc = make_doc("Following Parliament 's vote", tags="VBG NNP POS NN")
    assert opening_gerund(doc, 0)                     # a noun too, but read as a verb
    doc = make_doc("Reading Borough Council said .")
    assert not opening_gerund(doc, 0)                 # a city's name
    doc = make_doc("He was Abolishing Parliament")
    assert not opening_gerund(doc, 2)                 # not at a sentence's start


def test_a_campaign_name_ends_with_a_lowercase_tail_word_before_punctuation():
    doc = make_doc("They built a Global Alliance against Child Sexual Abuse online .")
    assert extend_org(doc, 3, 5) == 10
    doc = make_doc("They built a Global Alliance against Child Sexual Abuse online and offline .")
    assert extend_org(doc, 3, 5) == 9


def test_extend_person_carries_a_name_over_its_particles_to_the_surname():
    doc = make_doc("under President Valéry Giscard d'Estaing in the seventies")
    assert spans.extend_person(doc, 2, 4) == 5                      # + "d'Estaing"
    doc = make_doc("President Ursula von der Leyen met Anna de Gaulle")
    assert spans.extend_person(doc, 1, 4) == 5                      # 'Ursula von der' + 'Leyen'
    assert spans.extend_person(doc, 1, 2) == 5                      # 'Ursula' + 'von der Leyen'
    assert spans.extend_person(doc, 6, 7) == 9                      # 'Anna' + 'de Gaulle'


def test_extend_person_leaves_a_name_without_a_surname_after_it():
    doc = make_doc("Anna Smith de facto ruled and Ursula von der said")
    assert spans.extend_person(doc, 0, 2) == 2                      # 'de facto' leads to no name
    assert spans.extend_person(doc, 6, 9) == 9                      # 'von der' then 'said'
    doc = make_doc("Anna Smith , Le Monde said")
    assert spans.extend_person(doc, 0, 2) == 2                      # a comma ends the name
