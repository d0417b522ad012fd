"""kg/extract/classify.py: each step of the classification chain on hand-built Docs and candidates."""
from __future__ import annotations

import pytest
from handdoc import make_doc, span

from kg.extract import classify as cl
from kg.extract.mention import Candidate, Found, Reason, Rejected


def _cand(doc, phrase: str, label: str, source: str = "ner", hint: str = "") -> Candidate:
    s, e = span(doc, phrase)
    return Candidate(s, e, label, source, hint)


def _kind(out) -> tuple:
    if isinstance(out, Found):
        return out.kind, out.key, out.name, out.text
    if isinstance(out, Rejected):
        return out.reason
    return out


def test_gazetteer_matches_are_what_they_name():
    doc = make_doc("the EU and Denmark")
    assert _kind(cl.classify(doc, _cand(doc, "EU", "GAZ_organization", "gazetteer", "European Union"))) == \
        ("organization", "european-union", "European Union", "EU")
    assert _kind(cl.classify(doc, _cand(doc, "Denmark", "GAZ_country", "gazetteer", "DK"))) == \
        ("country", "DK", "Denmark", "Denmark")


def test_a_country_unless_the_model_says_person():
    doc = make_doc("France and Georgia Smith")
    assert _kind(cl.classify(doc, _cand(doc, "France", "GPE"))) == ("country", "FR", "France", "France")
    georgia = _cand(doc, "Georgia", "PERSON")
    assert cl.country(doc, georgia) is georgia


def test_a_city_and_a_city_that_only_modifies_a_thing():
    doc = make_doc("talks in Copenhagen after the Kyoto treaty", pos="NOUN ADP PROPN ADP DET PROPN NOUN")
    out = cl.classify(doc, _cand(doc, "Copenhagen", "GPE"))
    assert (out.kind, out.name, out.country) == ("place", "Copenhagen", "DK") and out.population > 500_000
    assert cl.classify(doc, _cand(doc, "Kyoto", "GPE")).reason is Reason.MODIFIES_THING


def test_a_place_label_on_an_institution_is_relabelled():
    doc = make_doc("the 116th U.S. Congress met")
    cand = _cand(doc, "116th U.S. Congress", "GPE")
    assert cl.place(doc, cand) == Candidate(cand.start, cand.end, "ORG", "ner")


def test_a_site_needs_a_place_shape():
    doc = make_doc("met at Lancaster House in Valley", heads=[0, 0, 3, 1, 0, 4], deps="ROOT prep compound pobj prep pobj",
                   pos="VERB ADP PROPN PROPN ADP PROPN")
    assert _kind(cl.classify(doc, _cand(doc, "Lancaster House", "FAC"))) == \
        ("site", "lancaster-house", "Lancaster House", "Lancaster House")
    assert cl.classify(doc, _cand(doc, "Valley", "LOC")).reason is Reason.NOT_A_PLACE


def test_a_firm_noun_makes_the_models_person_an_organisation():
    doc = make_doc("engineering firm Balfour Beatty said", lemmas="engineering firm balfour beatty say")
    out = cl.firm(doc, _cand(doc, "Balfour Beatty", "PERSON"))
    assert (out.label, out.classed) == ("ORG", True)
    assert _kind(cl.classify(doc, _cand(doc, "Balfour Beatty", "PERSON"))) == \
        ("organization", "balfour-beatty", "Balfour Beatty", "Balfour Beatty")


def test_a_person_label_in_a_places_slot():
    doc = make_doc("fighters entered Tell Tamer", heads=[1, 1, 3, 1], deps="nsubj ROOT compound dobj",
                   lemmas="fighter enter tell tamer")
    assert cl.classify(doc, _cand(doc, "Tell Tamer", "PERSON")).reason is Reason.PLACE_SLOT


def test_a_person_without_the_titles_and_honorifics_the_model_swallowed():
    doc = make_doc("said Attorney General Eric H. Holder QC")
    out = cl.classify(doc, _cand(doc, "Attorney General Eric H. Holder QC", "PERSON"))
    assert _kind(out) == ("person", "eric holder", "Eric H. Holder", "Eric H. Holder")
    doc = make_doc("fellow Welshman Ray Reardon won")
    assert _kind(cl.classify(doc, _cand(doc, "Welshman Ray Reardon", "PERSON")))[1] == "ray reardon"


@pytest.mark.parametrize("text, phrase, label, source, reason", [
    ("the Kurdish fighters", "Kurdish", "NORP", "ner", Reason.PEOPLE_WORD),
    ("follow @ Straw now", "Straw", "PERSON", "ner", Reason.HANDLE),
    ("on Twitter today", "Twitter", "PERSON", "ner", Reason.LISTED),
    ("AP Photo/Jim Smith", "AP Photo/Jim Smith", "PERSON", "ner", Reason.CREDIT),
    ("see www.kg.org now", "www.kg.org", "ORG", "ner", Reason.CREDIT),
    ("the Coalition said", "Coalition", "ORG", "rule", Reason.BARE_HEAD),   # read as a definite reference later
    ("Five 's Wright Stuff show", "Wright Stuff", "PERSON", "ner", Reason.PROGRAMME),
    ("drove a red Vauxhall Corsa", "Vauxhall Corsa", "PERSON", "ner", Reason.THING),
    ("in North Yorks today", "North Yorks", "PERSON", "ner", Reason.REGION),
    ("aboard HMS Sheffield today", "Sheffield", "PERSON", "ner", Reason.SHIP),
    ("the London Assembly Conservatives said", "London Assembly Conservatives", "PERSON", "ner", Reason.INSTITUTION_WORDS),
    ("at St Egwin 's", "St Egwin", "PERSON", "ner", Reason.SAINTS_NAME),
    ("in Worcestershire today", "Worcestershire", "PERSON", "ner", Reason.PLACE_SUFFIX),
    ("Agent 007 Bond", "Agent 007 Bond", "PERSON", "ner", Reason.NUMBER),
    ("the BBC reported", "BBC", "PERSON", "ner", Reason.ACRONYM),
    ("the Mental Capacity Bill passed", "Mental Capacity Bill", "ORG", "ner", Reason.DOCUMENT_OR_EVENT),
    ("freed the Guildford Four today", "Guildford Four", "ORG", "ner", Reason.GROUP_LABEL),
    ("the Asian Britons said", "Asian Britons", "ORG", "ner", Reason.DEMONYM),
    ("the intra-Africa trade", "intra-Africa", "ORG", "ner", Reason.NOT_ORG_SHAPED),
    ("told the Daily Mail newspaper", "Daily Mail", "ORG", "rule", Reason.MEDIUM),
    ("the Armed Forces Minister said", "Armed Forces", "ORG", "rule", Reason.AREA_OF_TITLE),
    ("the Work and Pensions brief", "Work and Pensions", "ORG", "rule", Reason.PORTFOLIO),
    ("the Office of President is", "Office of President", "ORG", "rule", Reason.PORTFOLIO),
])


def test_what_no_name_of_its_kind_is(text, phrase, label, source, reason):
    doc = make_doc(text, pos=" ".join({"red": "ADJ", "Four": "NUM"}.get(w, "X") for w in text.split()))
    assert cl.classify(doc, _cand(doc, phrase, label, source)).reason is reason


def test_an_org_label_on_an_honorific_and_name_is_a_person():
    doc = make_doc("said Mr Blair today")
    assert _kind(cl.classify(doc, _cand(doc, "Mr Blair", "ORG"))) == ("person", "blair", "Blair", "Blair")


def test_a_constituency_is_a_site():
    doc = make_doc("the MP for Sheffield Hallam said")
    assert _kind(cl.classify(doc, _cand(doc, "Sheffield Hallam", "ORG")))[0] == "site"


def test_an_organisation_extended_and_marked_an_alliance():
    doc = make_doc("the Global Alliance against Child Sexual Abuse Online was launched",
                   lemmas="the global alliance against child sexual abuse online be launch")
    out = cl.classify(doc, _cand(doc, "Global Alliance", "ORG"))
    assert (out.kind, out.name) == ("organization", "Global Alliance against Child Sexual Abuse Online")
    doc = make_doc("the Anti-Corruption Alliance and the Mining Corporation", lemmas="the anti-corruption alliance and the mining corporation")
    assert cl.classify(doc, _cand(doc, "Anti-Corruption Alliance", "ORG")).alliance
    assert not cl.classify(doc, _cand(doc, "Mining Corporation", "ORG")).alliance


def test_initials_do_not_count_in_a_persons_key():
    assert cl.drop_initials("Eric H. Holder") == "Eric Holder"
    assert cl.drop_initials("J. K.") == "J. K."
    assert cl.drop_initials("Stefan W.") == "Stefan W."             # a surname cut to its initial stays
    assert cl.drop_initials("Anna K. L. Smith") == "Anna Smith"


def test_a_place_label_on_the_surname_of_a_person_named_in_full_is_a_person():
    doc = make_doc("forces killed Qasem Harani . Harani was arriving at Baghdad",
                   ents=[("Qasem Harani", "PERSON"), ("Harani", "LOC"), ("Baghdad", "GPE")],
                   heads=[1, 1, 3, 1, 1, 7, 7, 7, 7, 8], deps="nsubj ROOT compound dobj punct nsubj aux ROOT prep pobj")
    s, e = span(doc, "Harani", after=4)
    assert cl.classify(doc, Candidate(s, e, "LOC", "ner")).kind == "person"
    assert cl.classify(doc, _cand(doc, "Baghdad", "GPE")).kind == "place"   # a city stays a city


def test_two_names_joined_by_a_hyphen_before_a_noun_modify_it():
    doc = make_doc("than the prior Trump - Biden debate", ents=[("Trump - Biden", "PERSON")],
                   pos="ADP DET ADJ PROPN PUNCT PROPN NOUN", heads=[0, 6, 6, 5, 5, 6, 0],
                   deps="ROOT det amod compound punct compound pobj")
    assert cl.classify(doc, _cand(doc, "Trump - Biden", "PERSON")).reason is Reason.MODIFIER


def test_a_law_named_after_a_person_is_no_person():
    doc = make_doc("they renamed it the John R. Lewis Voting Rights Act and met Andrew Bonar Law")
    assert cl.classify(doc, _cand(doc, "John R. Lewis Voting Rights Act", "PERSON")).reason is Reason.LAW
    assert cl.classify(doc, _cand(doc, "John R. Lewis", "PERSON")).reason is Reason.LAW      # the law's name goes on
    assert cl.classify(doc, _cand(doc, "Andrew Bonar Law", "PERSON")).kind == "person"
