"""kg/extract/tokens.py: per-Doc word lists, span text, word shapes and role heads, on hand-built Docs."""
from __future__ import annotations

import pytest
from handdoc import make_doc

from kg.extract.tokens import (
    acronym_of,
    capitalised,
    is_acronym,
    is_name_token,
    is_role_word,
    lowers_and_lemmas,
    positions,
    role_head_ending_at,
    span_text,
    starts_role_head,
    texts,
    token_lists,
)


def test_token_lists_are_read_once_per_doc():
    doc = make_doc("The Presidents met in Niamey .", lemmas="the president meet in niamey .")
    lists = token_lists(doc)
    assert token_lists(doc) is lists and doc.user_data["kg_token_lists"] is lists
    assert texts(doc) == ["The", "Presidents", "met", "in", "Niamey", "."]
    assert lowers_and_lemmas(doc) == (["the", "presidents", "met", "in", "niamey", "."],
                                      ["the", "president", "meet", "in", "niamey", "."])


def test_span_text_collapses_whitespace_and_drops_the_trailing_space():
    doc = make_doc("Eric Holder , US Attorney General , said")
    assert span_text(doc, 0, 3) == "Eric Holder,"
    assert span_text(doc, 3, 6) == "US Attorney General"


def test_positions_by_word_or_lemma():
    doc = make_doc("Leaders met and meet again", lemmas="leader meet and meet again")
    assert positions(doc, {"meet"}) == [3]
    assert positions(doc, {"meet"}, lemmas=True) == [1, 3]


@pytest.mark.parametrize("word, expected", [
    ("Qaeda", True), ("al-Qaeda", True), ("el-Sisi", True), ("Stoke-on-Trent", True), ("Anglo-French", True),
    ("intra-Africa", False), ("restraint", False), ("Oscar-nominated", False), ("", False),
    ("d'Estaing", True), ("D'Alema", True), ("dell’Utri", True), ("d'accord", False), ("don't", False),
])
def test_capitalised(word, expected):
    assert capitalised(word) is expected


@pytest.mark.parametrize("text, expected", [
    ("EU", True), ("AfCFTA", True), ("U.N.", True), ("Nato", False), ("E", False), ("EU US", False),
])
def test_is_acronym(text, expected):
    assert is_acronym(text) is expected


@pytest.mark.parametrize("acronym, name, expected", [
    ("EU", "European Union", True),
    ("UKIP", "UK Independence Party", True),
    ("CPD", "Commission on Presidential Debates", True),
    ("PCS", "Public and Commercial Services Union", True),
    ("EU", "Economic Union of Europe", False),
    ("IMF", "European Union", False),
])
def test_acronym_of(acronym, name, expected):
    assert acronym_of(acronym, name) is expected


def test_name_tokens():
    doc = make_doc("Jaap de Hoop Scheffer 42 spoke")
    assert [is_name_token(t) for t in doc] == [True, True, True, True, False, False]
    quoted = make_doc("W]e Pittsburg[h Johnson")     # an editor's bracket inside a word ('[W]e must')
    assert [is_name_token(t) for t in quoted] == [False, False, True]


def test_role_heads_on_tokens():
    doc = make_doc("US Attorney General Eric Holder and Presidents Buhari and Talon",
                   lemmas="us attorney general eric holder and president buhari and talon")
    assert role_head_ending_at(doc, 2) == "attorney general"
    assert role_head_ending_at(doc, 6) == "president"        # a plural title
    assert role_head_ending_at(doc, 4) is None
    assert starts_role_head(doc, 1) and not starts_role_head(doc, 3)
    assert is_role_word(doc[6]) and not is_role_word(doc[3])
