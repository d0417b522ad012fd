"""Where an event was held: a city, venue or country hanging off its trigger or verb ('talks in Norway', 'the
Downing Street talks', 'X visited Kenosha'), the place of a 'While in X' or 'in X, where they met' clause, else
one introduced by 'in'/'at' right after the trigger; failing those, an institution's premises ('a White House
ceremony', 'a meeting at the Atlantic Council', 'visited the X Army Hospital') or where the person visited was
('to visit X, who was being treated at Y').
"""
from __future__ import annotations

from functools import cache

from kg.extract.facts import EntityRef
from kg.extract.lexicon import lexicon, load_json

_LINKS = {"pobj", "prep", "appos", "compound", "conj", "nmod", "npadvmod", "poss", "amod", "pcomp", "nummod", "cc"}
_CLAUSE_BREAKS = {"but", "though", "although", "while", "whereas", ";", "which", "who"}


def attached(root, trigger, verb) -> bool:
    """True when a phrase hangs off the trigger or the trigger's verb ('talks in Norway', 'met in Niamey')."""
    t = root
    for _ in range(6):
        if t.i == trigger.i or (verb is not None and t.i == verb.i):
            return True
        if t.dep_ == "acl" and t.head.i == trigger.i:    # 'the meeting held in Copenhagen'
            return True
        if t.head is t or t.dep_ not in _LINKS:
            return False
        t = t.head
    return False


@cache
def premises_heads() -> frozenset[str]:
    """Last words of an institution's name that name its premises (kg/data/events.json, and the venue heads)."""
    return frozenset(load_json("events.json")["premises_heads"]) | lexicon().venue_heads


def place_for(doc, start: int, end: int, trigger, verb, places, countries, orgs=()) -> EntityRef | None:
    """The place of an event: a city, venue or country hanging off the trigger ('talks in Norway', 'the
    Downing Street talks', 'at … Kent house, Chevening'), else one introduced by 'in'/'at' right after it."""
    def introduced(m) -> bool:
        k = m.start - 1
        return k >= 0 and doc[k].lower_ in ("in", "at", "to")

    def slot(m) -> bool:
        root = doc[m.start:m.end].root
        if introduced(m):
            return True
        if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.i == trigger.i \
                and trigger.lemma_.lower() == "tour":                             # 'a tour of the UK'
            return True
        if root.dep_ in ("compound", "nmod") and root.head.i == trigger.i:      # 'the Downing Street talks'
            return True
        head = root.head                                                        # 'at … house, Chevening'
        return root.dep_ == "appos" and head.dep_ == "pobj" and head.head.lower_ in ("in", "at")

    def visited(m) -> bool:                                                     # 'X visited Kenosha'
        root = doc[m.start:m.end].root
        return trigger.pos_ == "VERB" and root.dep_ in ("dobj", "obj") and root.head.i == trigger.i

    for group in (places, countries):
        cands = [m for m in group if visited(m) or slot(m) and attached(doc[m.start:m.end].root, trigger, verb)]
        if cands:
            return min(cands, key=lambda m: abs(m.start - end)).ref
    if verb is not None and verb.dep_ == "advcl":   # 'While in X to attend …', however the parser hangs 'in X'
        preps = [t for t in verb.subtree if t.i < verb.i and t.dep_ == "prep" and t.lower_ in ("in", "at")]
        preps += [verb.head] if verb.head.lower_ in ("in", "at") else []
        named = [m for m in (*places, *countries) if any(o.dep_ == "pobj" and m.start <= o.i < m.end
                                                           for p in preps for o in p.children)]
        if named:
            return named[0].ref
    where = _where_antecedent(trigger if verb is None else verb)
    if where is not None:
        named = [m for m in (*places, *countries) if m.start <= where.i < m.end]
        if named:
            return named[0].ref   # 'flew from the United States, where he met President Bush
    for group in (places, countries):
        cands = [m for m in group if introduced(m) and end <= m.start <= end + 8
                 and not any(t.lower_ in _CLAUSE_BREAKS or _other_verb(t, verb) for t in doc[end:m.start])]
        if cands:
            return min(cands, key=lambda m: m.start).ref
    return _premises(doc, trigger, verb, (*places, *countries), orgs)


def _premises(doc, trigger, verb, places, orgs) -> EntityRef | None:
    """An institution whose premises held the event: named before the trigger by its premises ('a White House
    ceremony'), after 'at' on the trigger or its verb ('talks at the Atlantic Council'; after 'in' when its name
    has a premises word: 'a ceremony in the House of Lords'), visited ('visited the X Army Hospital', 'a visit
    to X Hospital'); or the place where the person visited was ('to visit X, who was being treated at Y')."""
    heads = premises_heads()
    for m in orgs:
        root = doc[m.start:m.end].root
        premises = doc[m.end - 1].lower_ in heads
        if premises and root.dep_ in ("compound", "nmod") and root.head.i == trigger.i:
            return m.ref
        housed = any(t.lower_ in heads for t in doc[m.start:m.end])
        if root.dep_ == "pobj" and attached(root.head, trigger, verb) and (
                root.head.lower_ == "at" or root.head.lower_ == "in" and housed):
            return m.ref   # 'talks at the Atlantic Council', 'a ceremony in the House of Lords'
        if premises and trigger.pos_ == "VERB" and root.dep_ in ("dobj", "obj") and root.head.i == trigger.i:
            return m.ref
        if premises and root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.head.i == trigger.i:
            return m.ref   # 'the President's visit to Walter Reed Hospital'
    visited = [c for c in trigger.children if c.dep_ in ("dobj", "obj")] if trigger.pos_ == "VERB" else []
    for clause in (c for v in visited for c in v.children if c.dep_ == "relcl"):
        for o in (o for p in clause.children if p.dep_ == "prep" and p.lower_ in ("at", "in") for o in p.children
                  if o.dep_ == "pobj"):
            named = [m for m in places if m.start <= o.i < m.end]
            named += [m for m in orgs if m.start <= o.i < m.end and doc[m.end - 1].lower_ in heads]
            if named:
                return named[0].ref
    return None


def _where_antecedent(verb):
    """The noun a 'where' clause hangs off, when the event's verb is in it ('in Cairo, where they met')."""
    t = verb
    for _ in range(3):
        if t.dep_ == "relcl" and any(c.lower_ == "where" and c.dep_ == "advmod" for c in t.children):
            return t.head
        if t.head.i == t.i or t.dep_ not in ("conj", "xcomp", "relcl"):
            return None
        t = t.head
    return None


def _other_verb(tok, verb) -> bool:
    """A verb of another clause ('Following his inauguration, X is due in Europe': the place is X's)."""
    return verb is not None and tok.pos_ in ("VERB", "AUX") and tok.i != verb.i and tok.head.i != verb.i
