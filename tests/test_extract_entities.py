"""kg/extract/entities.py: all entity stages on one hand-built Doc (no model loaded)."""
from __future__ import annotations

from handdoc import make_doc

from kg.extract.entities import find_mentions
from kg.extract.mention import Reason
from kg.extract.sentences import sentences

TEXT = ("US Attorney General Eric Holder and EU Commissioner Cecilia Malmström launched the Global Alliance in Brussels . "
        "Holder said the Alliance would grow .")


def _doc():
    return make_doc(TEXT, ents=[("Eric Holder", "PERSON"), ("EU", "ORG"), ("Cecilia Malmström", "PERSON"),
                                ("Global Alliance", "ORG"), ("Brussels", "GPE"), ("Holder", "ORG")],
                    tags="NNP NNP NNP NNP NNP CC NNP NNP NNP NNP VBD DT NNP NNP IN NNP . NNP VBD DT NNP MD VB .",
                    lemmas="us attorney general eric holder and eu commissioner cecilia malmström launch the global "
                           "alliance in brussels . holder say the alliance would grow .",
                    sent_starts=[True] + [False] * 16 + [True] + [False] * 6)


def test_find_mentions_types_and_merges_the_mentions_of_an_article():
    doc = _doc()
    index = find_mentions(doc, sentences(doc))
    assert [(m.text, m.kind, m.key, m.source, m.sentence) for m in index.mentions] == [
        ("US", "country", "US", "gazetteer", 0),
        ("Eric Holder", "person", "eric holder", "rule", 0),
        ("EU", "organization", "european-union", "gazetteer", 0),
        ("Cecilia Malmström", "person", "cecilia malmstrom", "rule", 0),
        ("Global Alliance", "organization", "global-alliance", "rule", 0),
        ("Brussels", "place", "2800866", "ner", 0),
        ("Holder", "person", "eric holder", "ner", 1),             # typed ORG by the model: a surname
        ("Alliance", "organization", "global-alliance", "coref", 1),
    ]
    assert index.at(4).text == "Eric Holder" and index.at(5) is None
    # the model's spans that a rule's or the gazetteer's wider or surer span covers are turned down, with the reason
    assert {(r.start, r.label, r.reason) for r in index.rejected} == {
        (3, "PERSON", Reason.OVERLAP), (8, "PERSON", Reason.OVERLAP), (12, "ORG", Reason.OVERLAP), (6, "ORG", Reason.OVERLAP)}

