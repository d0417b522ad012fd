"""kg/extract/candidates.py: names proposed by the gazetteer, rules and the model, and one kept per token."""
from __future__ import annotations

from handdoc import make_doc, span

from kg.extract.candidates import propose, select, split_composites
from kg.extract.mention import Candidate, Reason


def _proposed(doc, source: str | None = None) -> list[tuple[str, str, str]]:
    return [(doc[c.start:c.end].text, c.label, c.source) for c in propose(doc) if source in (None, c.source)]


def test_gazetteer_candidates_carry_their_key():
    doc = make_doc("Denmark and the European Union")
    assert [(c.label, c.hint) for c in propose(doc)] == [("GAZ_country", "DK"), ("GAZ_organization", "European Union")]


def test_names_after_a_title_or_an_honorific():
    doc = make_doc("US Attorney General Eric Holder met Mr Straw and Presidents Muhammadu Buhari and Patrice Talon .",
                   lemmas="us attorney general eric holder meet mr straw and president muhammadu buhari and patrice talon .",
                   tags="NNP NNP NNP NNP NNP VBD NNP NNP CC NNPS NNP NNP CC NNP NNP .")
    assert _proposed(doc, "rule") == [("Eric Holder", "PERSON", "rule"), ("Muhammadu Buhari", "PERSON", "rule"),
                                      ("Patrice Talon", "PERSON", "rule"), ("Straw", "PERSON", "rule")]


def test_a_weak_title_needs_a_given_name():
    doc = make_doc("the official Downing Street and spokesman Jeff Evans")
    assert [c for c in _proposed(doc, "rule") if c[1] == "PERSON"] == [("Jeff Evans", "PERSON", "rule")]


def test_capitalised_names_ending_in_an_institution_or_venue_noun():
    doc = make_doc("officers of Northamptonshire Police met at Lancaster House")
    assert _proposed(doc, "rule") == [("Northamptonshire Police", "ORG", "rule"), ("Lancaster House", "FAC", "rule")]


def test_a_quoted_alliance_phrase():
    doc = make_doc("they launched a “ global alliance ” today", pos="PRON VERB DET PUNCT ADJ NOUN PUNCT NOUN",
                   lemmas="they launch a “ global alliance ” today")
    assert _proposed(doc, "rule") == [("global alliance", "ORG", "rule")]


def test_model_spans_are_trimmed_and_split():
    doc = make_doc("the Court of Appeal on Wednesday heard Aaron Hamlin of The Center for Election Science",
                   ents=[("Court of Appeal on Wednesday", "ORG"), ("Aaron Hamlin of The Center for Election Science", "ORG")])
    assert _proposed(doc, "ner") == [("Court of Appeal", "ORG", "ner"), ("Center for Election Science", "ORG", "ner")]
    assert ("Aaron Hamlin", "PERSON", "rule") in _proposed(doc, "rule")


def test_a_known_institution_naming_its_event_is_cut_from_the_event_words():
    doc = make_doc("during a White House Press Briefing and the Muslim Safety Forum",
                   ents=[("White House Press Briefing", "ORG"), ("Muslim Safety Forum", "ORG")])
    assert ("White House", "ORG", "ner") in _proposed(doc, "ner")
    assert ("Muslim Safety Forum", "ORG", "ner") in _proposed(doc, "ner")   # no known institution before 'Forum'


def test_a_parenthesised_acronym_is_a_candidate_of_its_own():
    doc = make_doc("the African Continental Free Trade Area ( AfCFTA ) began",
                   ents=[("African Continental Free Trade Area ( AfCFTA", "ORG")])
    assert _proposed(doc, "ner") == [("AfCFTA", "ORG", "ner"), ("African Continental Free Trade Area", "ORG", "ner")]


def test_select_keeps_the_longest_then_the_surer_source_and_says_why_others_go():
    doc = make_doc("the European Union Council met")
    cands = [Candidate(1, 3, "GAZ_organization", "gazetteer", "European Union"), Candidate(1, 4, "ORG", "ner"),
             Candidate(3, 4, "ORG", "rule"), Candidate(1, 3, "ORG", "ner")]
    accepted, rejected = select(doc, cands)
    assert accepted == [Candidate(1, 4, "ORG", "ner")]
    assert [r.reason for r in rejected] == [Reason.OVERLAP] * 3
    accepted, _ = select(doc, cands[:1] + cands[3:])
    assert accepted == [cands[0]]                                 # the gazetteer before the model on a tie


def test_a_model_span_of_gazetteer_names_and_title_words_is_split():
    doc = make_doc("the EU - US Justice and Home Affairs ministerial meeting")
    s, e = span(doc, "EU - US Justice and Home Affairs")
    out = split_composites(doc, [Candidate(s, e, "ORG", "ner")])
    assert [(c.label, c.hint) for c in out] == [("GAZ_organization", "European Union"), ("GAZ_country", "US")]
    s, e = span(doc, "EU - US Justice and Home Affairs ministerial")
    assert split_composites(doc, [Candidate(s, e, "ORG", "ner")]) == [Candidate(s, e, "ORG", "ner")]


def test_a_person_span_of_a_party_and_a_portfolio_before_a_title_is_split():
    doc = make_doc("Lib Dem Home Affairs spokesman Mark Oaten said")
    s, e = span(doc, "Lib Dem Home Affairs")
    out = split_composites(doc, [Candidate(s, e, "PERSON", "ner")])
    assert [(c.label, c.hint) for c in out] == [("GAZ_organization", "Liberal Democrats")]
    doc = make_doc("Chad Peace said")      # a name, not a country and a portfolio: no title follows
    s, e = span(doc, "Chad Peace")
    assert split_composites(doc, [Candidate(s, e, "PERSON", "ner")]) == [Candidate(s, e, "PERSON", "ner")]
