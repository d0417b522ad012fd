"""Verbs that report an event: 'X met Y', 'the ministers gathered in Cairo', 'leaders convened', 'X conferred
with Y', 'X visited Kenosha', 'X addressed reporters' (kg/data/events.json `verb_families`).

A verb is an event only with the arguments an event has: someone met (not 'met the costs', 'met his future
wife'), a group or several people gathered (not 'gathered evidence'), a place or someone visited, the press
addressed (not 'addressed the issue').
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kg.extract.lexicon import load_json
from kg.extract.participants import frames

_PEOPLE_TYPES = ("PERSON", "ORG", "GPE", "NORP")
_PEOPLE_WORDS = {"him", "her", "them", "us", "me", "counterpart", "counterparts", "leaders", "minister", "ministers",
                 "president", "officials", "delegation", "delegates", "envoy", "ambassador"}


@dataclass(frozen=True)
class EventVerbs:
    """The event verbs and the group nouns of kg/data/events.json."""

    families: dict[str, str]
    group_nouns: frozenset[str]
    press_nouns: frozenset[str]


@cache
def event_verbs() -> EventVerbs:
    """The event verbs, loaded once."""
    data = load_json("events.json")
    return EventVerbs(dict(data["verb_families"]), frozenset(data["group_nouns"]), frozenset(data["press_nouns"]))


def _negated(verb) -> bool:
    return any(c.dep_ == "neg" for c in verb.children) or any(c.dep_ == "neg" for c in verb.head.children)


def _meets_someone(verb) -> bool:
    """'met Berlusconi', 'leaders met in Niamey', 'met with X' — not 'met his fiscal rules', 'meeting the costs'."""
    if any(c.dep_ == "auxpass" for c in verb.children):
        if any(c.dep_ == "prep" and c.lower_ == "with" for c in verb.children):
            return False   # 'was met with applause / criticism': a reception, not a meeting
        subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        return subj is not None and (subj.ent_type_ in _PEOPLE_TYPES or subj.lower_ in
                                     ("he", "she", "they", "we", "i", "leaders", "ministers", "officials"))
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    if not objects:
        return True
    obj = objects[0]
    if any(t.lower_ in frames().relational_nouns for t in [obj, *obj.children]):
        return False   # 'met his future wife': a personal encounter, not a meeting
    return obj.ent_type_ in _PEOPLE_TYPES or obj.pos_ == "PROPN" or obj.lower_ in _PEOPLE_WORDS


def _group_gathers(verb) -> bool:
    """'the ministers gathered in Cairo', 'X and Y convened': several people or a group, and no object
    ('gathered evidence' is no meeting)."""
    if any(c.dep_ in ("dobj", "obj") for c in verb.children):
        return False
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return False
    return subj.lemma_.lower() in event_verbs().group_nouns or subj.lower_ in event_verbs().group_nouns \
        or subj.lower_ in ("they", "we") or bool(subj.conjuncts) and subj.ent_type_ in _PEOPLE_TYPES


def _visits_something(verb) -> bool:
    """'X visited Kenosha', 'X visited the troops' — a visit has a place or someone to visit."""
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
    return obj is not None and (obj.ent_type_ in ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP") or obj.pos_ == "PROPN")


def verb_event(tok) -> tuple[str, str] | None:
    """(label, family) when a verb reports an event ('met' → ('meeting', 'meeting'), 'visited' → ('visit',
    'visit')), else None."""
    if tok.pos_ != "VERB":
        return None
    lemma = tok.lemma_.lower()
    family = event_verbs().families.get(lemma)
    if family is None or _negated(tok):
        return None
    if lemma == "meet":
        ok = _meets_someone(tok)
    elif lemma == "confer":
        ok = any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children)
    elif family == "visit":
        ok = _visits_something(tok)
    elif lemma == "address":   # 'addressed reporters in New York': a press conference (not 'addressed the issue')
        ok = any(c.dep_ in ("dobj", "obj") and c.lower_ in event_verbs().press_nouns for c in tok.children)
    else:
        ok = _group_gathers(tok)
    return (family, family) if ok else None
