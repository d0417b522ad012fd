"""kg/extract/mention.py: immutable mentions, the pass draft and the index."""
from __future__ import annotations

import dataclasses

import pytest
from handdoc import make_doc

from kg.extract.facts import EntityRef
from kg.extract.mention import Draft, Found, MentionIndex, Reason, Rejected, found


def _person(start: int, key: str, source: str = "ner") -> Found:
    return Found(start, start + 1, 0, 1, key, "person", key, key, source)


def test_found_reads_offsets_and_text_from_the_doc():
    doc = make_doc("Mr Eric Holder , said")
    f = found(doc, 1, 3, "person", "eric holder", "Eric Holder", "ner", sentence=0)
    assert (f.start_char, f.end_char, f.text) == (3, 14, "Eric Holder")
    assert doc.text[f.start_char:f.end_char] == f.text
    assert f.ref == EntityRef("person", "eric holder") and f.confidence == 0.8


def test_mentions_are_immutable():
    with pytest.raises(dataclasses.FrozenInstanceError):
        _person(0, "holder").kind = "organization"


def test_draft_revisions_are_seen_by_later_reads_and_drops_leave_the_iteration():
    a, b, c = _person(0, "a"), _person(1, "b"), _person(2, "c")
    draft = Draft([a, b, c])
    draft.revise(0, key="x")
    draft.drop(1, Reason.UNSUPPORTED_NAME)
    assert draft[0].key == "x" and a.key == "a"            # the input list is left alone
    assert [i for i, _ in draft] == [0, 2] and not draft.alive(1)
    draft.drop(1, Reason.JIBE)                             # the first reason stands
    result = draft.result()
    assert [f.key for f in result.mentions] == ["x", "c"]
    assert result.rejected == [Rejected(1, 2, "person", Reason.UNSUPPORTED_NAME)]


def test_index_finds_mentions_by_token_and_range():
    index = MentionIndex()
    holder = Found(0, 2, 0, 11, "Eric Holder", "person", "eric holder", "Eric Holder", "ner")
    eu = Found(3, 4, 16, 18, "EU", "organization", "european-union", "European Union", "gazetteer")
    index.add(holder)
    index.add(eu)
    assert index.at(1) is holder and index.at(2) is None
    assert index.in_range(0, 4) == [holder, eu]
    assert index.in_range(0, 4, ("organization",)) == [eu]
    assert index.in_range(1, 4) == [eu]
