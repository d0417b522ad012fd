"""Verbs that report an event (kg/extract/event_verbs.py)."""
from __future__ import annotations

import pytest

from kg.extract.event_verbs import verb_event
from kg.nlp import parse


def event_of(text: str, verb: str):
    doc = parse(text)
    return verb_event(next(t for t in doc if t.lower_ == verb))


@pytest.mark.parametrize("text,verb,family", [
    ("The foreign ministers gathered in Cairo on Wednesday.", "gathered", "meeting"),
    ("Anna Berg and Paul Lind convened in Oslo.", "convened", "meeting"),
    ("The minister conferred with his advisers on Monday.", "conferred", "meeting"),
    ("President Joe Smith visited Kenosha on Tuesday.", "visited", "visit"),
    ("Anna Berg met Paul Lind in Oslo.", "met", "meeting"),
])
def test_event_verbs(text, verb, family):
    assert event_of(text, verb) == (family, family)


@pytest.mark.parametrize("text,verb", [
    ("The police gathered evidence for months.", "gathered"),
    ("The plan met the costs of the new school.", "met"),
    ("The minister did not visit Kenosha.", "visit"),
    ("He met his future wife at a party in Leeds.", "met"),
])
def test_verbs_without_the_arguments_of_an_event(text, verb):
    assert event_of(text, verb) is None


def test_met_with_applause_is_no_meeting():
    assert event_of("The surgeon was met with applause when he spoke to journalists.", "met") is None
