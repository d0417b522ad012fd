"""kg/extract/cues.py: what a span looks like and how the article uses it, on hand-built Docs."""
from __future__ import annotations

import pytest
from handdoc import make_doc, span

from kg.extract import cues
from kg.extract.mention import Found


def test_class_nouns_before_a_name():
    doc = make_doc("the engineering firm Balfour Beatty and a group known as Meibion Glyndwr",
                   lemmas="the engineering firm balfour beatty and a group know as meibion glyndwr")
    nouns = frozenset({"firm", "group"})
    assert cues.class_noun_before(doc, span(doc, "Balfour Beatty")[0], nouns)
    assert cues.class_noun_before(doc, span(doc, "Meibion Glyndwr")[0], nouns)
    assert not cues.class_noun_before(doc, span(doc, "engineering")[0], nouns)


def test_classed_as_org():
    doc = make_doc("the rights group the Simon Wiesenthal Center said", lemmas="the right group the simon wiesenthal center say")
    assert cues.classed_as_org(doc, span(doc, "Simon")[0])


@pytest.mark.parametrize("word, expected", [("Welshman", True), ("Frenchwomen", True), ("Chairman", False)])


def test_demonym_noun(word, expected):
    assert cues.demonym_noun(word) is expected


@pytest.mark.parametrize("word, expected", [
    ("Gibraltarians", True), ("Europeans", True), ("Kurds", True), ("Americans", True),
    ("Commons", False), ("NGOs", False), ("Nations", False),
])


def test_is_demonym_plural(word, expected):
    assert cues.is_demonym_plural(word) is expected


def test_a_city_that_modifies_a_thing():
    doc = make_doc("the Madrid rail bombing and Madrid said", pos="DET PROPN NOUN NOUN CCONJ PROPN VERB")
    assert cues.modifies_named_thing(doc, 2)
    assert not cues.modifies_named_thing(doc, 6)


def test_a_fragment_of_a_larger_name():
    doc = make_doc("an Oscar - nominated film on Super Tuesday", pos="DET PROPN PUNCT VERB NOUN ADP PROPN PROPN")
    assert cues.fragment(doc, 1, 2)                     # 'Oscar-nominated'
    assert cues.fragment(doc, 6, 7)                     # 'Super' of 'Super Tuesday'
    assert not cues.fragment(doc, 6, 8)                 # two words are no fragment


def test_org_shaped():
    doc = make_doc("the World Trade Organisation and the intra-Africa trade and the Amazon rainforest")
    assert cues.org_shaped(doc, *span(doc, "World Trade Organisation"))
    assert not cues.org_shaped(doc, *span(doc, "intra-Africa"))       # lowercase content
    assert not cues.org_shaped(doc, *span(doc, "Amazon"))             # a geographic feature


def test_media():
    doc = make_doc("told the Daily Mail and ITV 's Celebrity Fit Club and the Independent newspaper and the Red Cross")
    assert cues.is_medium(doc, *span(doc, "Daily Mail"))
    assert cues.is_medium(doc, *span(doc, "Celebrity Fit Club"))
    assert cues.is_medium(doc, *span(doc, "Independent"))
    assert not cues.is_medium(doc, *span(doc, "Red Cross"))


def test_used_as_place_and_place_slots():
    doc = make_doc("troops from Hartpury entered Tell Tamer near Ain Issa",
                   heads=[3, 0, 1, 3, 5, 3, 3, 8, 6], deps="nsubj prep pobj ROOT compound dobj prep compound pobj",
                   lemmas="troop from hartpury enter tell tamer near ain issa")
    assert cues.used_as_place(doc, *span(doc, "Hartpury"))
    assert not cues.used_as_place(doc, *span(doc, "Tell Tamer"))
    assert cues.is_place_slot(doc, *span(doc, "Tell Tamer"))         # the object of 'enter'
    assert cues.is_place_slot(doc, *span(doc, "Ain Issa"))           # after 'near'


def test_person_shaped_places_and_things():
    doc = make_doc("visited Wadi Rum and Wilmslow Road in a red Vauxhall Corsa with John Smith",
                   pos="VERB PROPN PROPN CCONJ PROPN PROPN ADP DET ADJ PROPN PROPN ADP PROPN PROPN")
    assert cues.person_shaped_place(doc, *span(doc, "Wadi Rum")) is True
    assert cues.person_shaped_place(doc, *span(doc, "Wilmslow Road")) is True
    assert cues.person_shaped_place(doc, *span(doc, "Vauxhall Corsa")) is False
    assert cues.person_shaped_place(doc, *span(doc, "John Smith")) is None


def test_looks_like_person():
    doc = make_doc("the Unison Dave Prentis and Red Brigades and London Assembly Conservatives")
    assert cues.looks_like_person(doc, *span(doc, "Dave Prentis"))
    assert not cues.looks_like_person(doc, *span(doc, "Red Brigades"))
    assert not cues.looks_like_person(doc, *span(doc, "London Assembly Conservatives"))


def _mention(doc, phrase: str, kind: str = "organization") -> Found:
    s, e = span(doc, phrase)
    return Found(s, e, 0, 0, phrase, kind, phrase.lower(), phrase, "ner")


def test_institution_words_and_evidence():
    doc = make_doc("the pressure group Oxfam , Brownite briefers and Survivors Fund officials and CND",
                   lemmas="the pressure group oxfam , brownite briefer and survivor fund official and cnd")
    assert cues.has_institution_word(doc, _mention(doc, "Survivors Fund"))
    assert not cues.has_institution_word(doc, _mention(doc, "Oxfam"))
    assert cues.org_evidence(doc, _mention(doc, "Oxfam"))                # 'the pressure group X'
    assert cues.org_evidence(doc, _mention(doc, "Survivors Fund"))       # 'X officials'
    assert not cues.org_evidence(doc, _mention(doc, "Brownite"))


def test_supports_of_a_one_word_person():
    doc = make_doc("Emily , 16 , and Tom , 14 , were heard by Lord Justices Clarke , Steyn and Rix",
                   pos="PROPN PUNCT NUM PUNCT CCONJ PROPN PUNCT NUM PUNCT AUX VERB ADP PROPN PROPN PROPN PUNCT PROPN CCONJ PROPN",
                   lemmas="emily , 16 , and tom , 14 , be hear by lord justice clarke , steyn and rix")
    assert cues.age_follows(doc, 1) and cues.age_follows(doc, 6)
    assert not cues.age_follows(doc, 13)
    assert cues.listed_after_title(doc, span(doc, "Steyn")[0])
    assert cues.listed_after_title(doc, span(doc, "Rix")[0])
    assert not cues.listed_after_title(doc, span(doc, "Clarke")[0])


def test_a_family_tie_of_someone_introduces_a_person():
    doc = make_doc("which his wife Bernadette said , and Chirac 's son - in - law , Frédéric Salat came",
                   tags="WDT PRP$ NN NNP VBD , CC NNP POS NN HYPH IN HYPH NN , NNP NNP VBD")
    assert cues.kin_before(doc, span(doc, "Bernadette")[0])
    assert cues.kin_before(doc, span(doc, "Frédéric")[0])           # 'son-in-law', a comma between
    doc = make_doc("a wife Bernadette and the son Paris", tags="DT NN NNP CC DT NN NNP")
    assert not cues.kin_before(doc, span(doc, "Bernadette")[0])     # nobody's wife
    assert not cues.kin_before(doc, span(doc, "Paris")[0])


def test_the_surname_of_a_person_named_in_full_labelled_a_place():
    doc = make_doc("met Tom Harani . Harani spoke in Harani and George Washington left Washington",
                   ents=[("Tom Harani", "PERSON"), ("Harani", "LOC"), ("Harani", "GPE"), ("George Washington", "PERSON"),
                         ("Washington", "GPE")],
                   heads=[0, 2, 0, 0, 5, 5, 5, 6, 5, 11, 11, 5, 11],
                   deps="ROOT compound dobj punct nsubj ROOT prep pobj cc compound nsubj conj dobj")
    first, second = [i for i, t in enumerate(doc) if t.text == "Harani"][1:]
    assert cues.surname_as_place(doc, first, first + 1)          # the subject of 'spoke'
    assert not cues.surname_as_place(doc, second, second + 1)    # 'in Harani': used as a place
    assert not cues.surname_as_place(doc, *span(doc, "Washington", after=12))   # a city's name
