"""Who takes part in an event: the event clause's own arguments (the subject and object of 'met', the owner
of the event noun, whoever it is 'with', 'between' or 'by', the subject of the verb that puts someone at
it), never everyone the sentence names; and the people a following sentence says attend it.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kg.extract.lexicon import word_sets
from kg.extract.sentences import Sentence
from kg.extract.facts import EntityRef
from kg.extract.tokens import is_role_word, role_head_ending_at


@dataclass(frozen=True)
class Frames:
    """Who takes part in an event, by the words around it (kg/data/events.json)."""

    attend_verbs: frozenset[str]
    companion_verbs: frozenset[str]
    frame_nouns: frozenset[str]
    unreal_verbs: frozenset[str]
    unreal_nouns: frozenset[str]
    relational_nouns: frozenset[str]
    plan_verbs: frozenset[str]
    journey_verbs: frozenset[str]
    arrive_verbs: frozenset[str]


@cache
def frames() -> Frames:
    """The attendee frames of kg/data/events.json, loaded once."""
    return word_sets(Frames, "events.json")


#: verbs that make the people of a sentence the participants of the event just reported
_PARTICIPATE = {"attend", "participate", "represent", "chair", "host", "address"}

#: prepositions whose object takes part in the event they hang off ('talks with X', 'a visit by X')
_WITH = {"with", "between", "among", "amongst", "alongside", "including", "by"}
#: verbs of a clause on the event noun whose object takes part ('a briefing that included X')
_INCLUDING = {"include", "involve", "feature"}
#: prepositions that put the subject of a verb at an event ('said at the summit', 'during a meeting')
_AT = {"at", "during", "in"}
#: event nouns one goes 'on' ('on a visit to Sheffield')
_JOURNEYS = {"visit", "trip", "tour"}

#: how a person's name hangs off the word that fills an argument slot ('officers X and Y', 'his client, X')
_SAME_ARGUMENT = {"conj", "appos", "compound", "flat", "nmod"}


def _subjects(verb, climb=("xcomp", "advcl", "conj", "acomp")) -> list:
    """The subjects of a verb ('by X' for a passive), else of the verb it completes or modifies
    ('is expected to call … at the meeting', 'Speaking at the conference, X claimed'), or the object of
    the verb it completes ('sent X to join the meeting')."""
    t = verb
    for _ in range(4):
        subs = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
        if t.dep_ == "relcl" and any(c.lower_ in ("who", "that") for c in subs):
            subs = [t.head]   # 'Jack Straw, who will hold talks in Beijing': the name the clause hangs off
        subs += [o for c in t.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
        if not subs and t.lemma_ == "be":     # 'Also due to attend are X and Y'
            subs = [c for c in t.children if c.dep_ == "attr"]
        if not subs and t.dep_ == "pcomp" and t.head.dep_ == "prep":   # 'by scheduling …', 'before chairing a meeting'
            t = t.head.head
            continue
        if not subs and t.dep_ == "acl" and t.tag_ == "VBG" and t.head.dep_ in ("dobj", "npadvmod") \
                and t.head.ent_type_ in ("DATE", "TIME"):
            t = t.head.head   # 'X started the month visiting Kenosha', 'spent the day meeting': X does it
            continue
        if not subs and t.dep_ == "acl" and t.tag_ == "VBG" and t.head.pos_ == "PROPN":
            return [t.head]   # 'Mr Straw, visiting Beijing, noted …'
        if subs or t.head.i == t.i or t.dep_ not in climb:
            return subs
        if t.dep_ == "xcomp":     # 'sent X to join the meeting', 'invited X to attend': the object does it
            objects = [c for c in t.head.children if c.dep_ in ("dobj", "obj") and c.ent_type_ not in ("DATE", "TIME")]
            if objects:
                return objects
        t = t.head
    return []


def subjects_of(verb) -> list:
    """The subjects of an event verb, or of the verb it completes ('G7 was scheduled to meet')."""
    return _subjects(verb)


def _clause_subjects(trigger) -> list:
    """The subjects of the clause an event noun is in: of its governing verb, climbing through the
    phrases and adjuncts around it ('X, during his conference, said', 'Following his visit, X is due')."""
    t = trigger
    for _ in range(8):
        if t.head.i == t.i or t.dep_ in ("ccomp", "relcl", "acl", "parataxis"):
            return []
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            subs = _subjects(t, climb=("xcomp", "advcl", "conj", "acomp", "prep", "pcomp"))
            if subs:
                return subs
    return []


def _host_verb(trigger):
    """The verb whose subject is at the event: 'held talks', 'gave a news conference', 'said at the summit',
    'at the opening of the summit, X said' — not 'criticised the summit' nor 'ahead of the summit'."""
    fr = frames()
    t = trigger
    if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lemma_.lower() in fr.frame_nouns:
        t = t.head.head
    head = t.head
    if t.dep_ == "dobj" and head.pos_ in ("VERB", "AUX") and (
            head.lemma_.lower() in fr.attend_verbs or trigger.lemma_.lower() in _JOURNEYS
            and head.lemma_.lower() in fr.journey_verbs):               # 'made a surprise trip to Iraq'
        return head
    if t.dep_ == "pobj" and head.lower_ == "for" and head.head.pos_ == "VERB" \
            and head.head.lemma_.lower() in fr.arrive_verbs:
        return head.head                                        # 'X arrives in Indonesia for a summit meeting'
    if t.dep_ == "pobj" and head.lower_ == "in" and head.head.lower_ == "part" and head.head.head.lemma_ == "take":
        return head.head.head                                   # 'X is due to take part in talks
    at = _AT | ({"on"} if trigger.lemma_.lower() in _JOURNEYS else set())    # 'X sailed … while on a visit'
    if t.dep_ == "pobj" and head.lower_ in at and head.head.pos_ in ("VERB", "AUX"):
        return head.head
    if t.dep_ == "pobj" and head.lower_ in ("at", "during") and head.head.dep_ == "dobj" \
            and head.head.head.pos_ == "VERB":
        return head.head.head   # 'announced the measure at the briefing': the parser hung 'at' on the object
    return None


def event_slots(trigger) -> set[int]:
    """Token ids of the event's own arguments: the subject and object of 'met', the owner of the event
    noun ("X's meeting"), whoever it is 'with', 'between' or 'by', the subject of the verb that puts someone
    at it ('X attended/held/spoke at the talks'), and the subjects of clauses on it ('the meeting hosted
    by X', 'a summit where X and Y signed')."""
    fr = frames()
    slots = []
    heads = [trigger] + [c for c in trigger.children if c.dep_ in ("acl", "relcl") and c.pos_ in ("VERB", "AUX")]
    if trigger.pos_ == "VERB":
        slots += _subjects(trigger) + [c for c in trigger.children if c.dep_ in ("dobj", "obj")]
    else:
        owners = [c for c in trigger.children if c.dep_ in ("poss", "compound", "nmod") and c.pos_ in ("PROPN", "PRON")
                  or c.dep_ == "poss" and is_role_word(c)]   # "the prime minister's news conference"
        subjects = _clause_subjects(trigger)
        if subjects and any(c.pos_ == "PRON" for c in owners):
            # 'X held his press conference', 'X, during his conference, said', 'Following his inauguration,
            # X is due': 'his' is the subject of the event's own clause, whoever the pronoun was read as
            # ('the prime minister … his press conference': a subject that is no name gives no attendee)
            owners = [c for c in owners if c.pos_ != "PRON"] + [x for x in subjects if x.pos_ in ("PROPN", "PRON")]
        slots += owners
        host = _host_verb(trigger)
        if trigger.dep_ in ("nsubj", "nsubjpass") and trigger.head.lemma_.lower() in fr.attend_verbs:
            heads.append(trigger.head)                         # 'the meeting is hosted by X'
        if host is not None:
            heads.append(host)
            slots += _subjects(host, climb=("xcomp", "advcl", "conj", "acomp", "prep"))   # 'While in X to attend …, Y
            joint = host.lemma_.lower() == "join" and trigger.head.lower_ == "in"   # 'to join X in a visit to Y'
            if host.lemma_.lower() in fr.companion_verbs and (trigger.lemma_.lower() not in _JOURNEYS or joint):
                # 'joined X at the launch' — but 'met X on his visit to London': X is the host, not the visitor
                slots += [c for c in host.children if c.dep_ in ("dobj", "obj")]
    for h in heads[1:]:
        if h.dep_ in ("acl", "relcl"):
            slots += _subjects(h, climb=())
            if h.lemma_.lower() in _INCLUDING and h.left_edge.i == trigger.i + 1:
                # 'a briefing that included X', 'talks involving X' (not '… of the commission - which includes X')
                slots += [c for c in h.children if c.dep_ in ("dobj", "obj")]
    for h in heads:
        for c in h.children:
            if c.dep_ in ("prep", "agent") and c.lower_ in _WITH:
                slots += [o for o in c.children if o.dep_ == "pobj"]
                slots += [x for o in c.children if o.dep_ == "pobj" and o.pos_ == "VERB" for x in o.children
                          if x.dep_ == "nsubj"]   # 'a ceremony with Trump looking on'
                slots += [x for o in c.children if o.dep_ == "pcomp" and o.pos_ == "VERB" for x in o.children
                          if x.dep_ == "nsubj"]
                slots += _lost_second_party(c)
    out = set()
    for t in slots:
        out |= {t.i} | {x.i for x in t.conjuncts}
    return out


def main_subjects(doc, index, slots: set[int]) -> list[EntityRef]:
    """The person an unread 'he'/'she' of a slot is, when it is the subject of a clause on a verb whose subject is
    that person ('Mr Kennedy is accelerating his campaign as he visits Manchester')."""
    out = []
    for i in sorted(slots):
        tok = doc[i]
        if tok.lower_ not in ("he", "she") or index.at(i) is not None or tok.dep_ != "nsubj" \
                or tok.head.dep_ != "advcl":
            continue
        for subj in (c for c in tok.head.head.children if c.dep_ in ("nsubj", "nsubjpass")):
            m = index.at(subj.i)
            if m is not None and m.kind == "person" and m.ref not in out:
                out.append(m.ref)
    return out


def title_holders(posts) -> dict[str, EntityRef]:
    """The one person of the article who holds each current title ('prime minister' → Igor Matovič); a title two
    people hold names neither."""
    held: dict[str, set[EntityRef]] = {}
    for p in posts:
        if p.status != "former" and "former" not in p.qualifiers:
            held.setdefault(" ".join(p.role.lower().split()), set()).add(p.person)
    return {role: next(iter(people)) for role, people in held.items() if len(people) == 1}


def titled(doc, index, slots: set[int], holders: dict[str, EntityRef]) -> list[EntityRef]:
    """The people a slot names by their title alone ('a meeting with the Prime Minister', "the President's visit"):
    'the' and a title the article gives one person, no name."""
    out = []
    for i in sorted(slots):
        role = role_head_ending_at(doc, i)
        if role is None or index.at(i) is not None:
            continue
        k = i - len(role.split())
        if k < 0 or doc[k].lower_ != "the":
            continue
        person = holders.get(" ".join(role.lower().split()))
        if person is not None and person not in out:
            out.append(person)
    return out


def _lost_second_party(between) -> list:
    """'a meeting between X, claiming to …, and Y': the name after the 'and' that closes a 'between' phrase
    whose second party the parser hung elsewhere."""
    if between.lower_ != "between":
        return []
    objs = [o for o in between.children if o.dep_ == "pobj"]
    if len(objs) != 1 or objs[0].conjuncts:
        return []
    doc, k = between.doc, max(t.i for t in objs[0].subtree) + 1
    stop = min(between.sent.end, k + 15)
    while k < stop and doc[k].lower_ != "and":
        k += 1
    j = k + 1
    while j < stop and doc[j].pos_ == "PROPN" and doc[j].dep_ in ("compound", "flat"):
        j += 1
    return [doc[j]] if k < stop and j < stop and doc[j].pos_ == "PROPN" else []


def filling(doc, people, slots: set[int]) -> list:
    """The people whose name fills one of the slots ('officers X and Y', 'Spain's director, X')."""
    out = []
    quoted = _quoted(doc, people)
    for p in people:
        if p.source == "pronoun" and p.start in quoted and any(
                o.source != "pronoun" and o.ref == p.ref and o.start not in quoted for o in people):
            continue   # '"he is coming on his first visit," said X': inside a quote, 'he' is not the speaker
        if p.source == "pronoun" and any(
                o.source != "pronoun" and o.start < p.start and (o.ref != p.ref or doc[o.start:o.end].root.dep_
                                                                  not in ("nsubj", "nsubjpass", "poss")) for o in people):
            continue   # 'Biden visited Kenosha after Trump in his first trip': whose trip is not sure
        r = doc[p.start:p.end].root
        appos = False
        for _ in range(6):
            if r.i in slots or any(t in slots for t in range(p.start, p.end)):
                out.append(p)
                break
            if appos and r.dep_ == "pobj" and r.head.lower_ in ("of", "for"):
                r = r.head.head   # 'director general for Europe, X': X is the director
                continue
            if r.dep_ == "pobj" and r.head.lower_ == "of" and is_role_word(r.head.head) and r.head.head.i < p.start \
                    and all(t.pos_ == "PROPN" for t in doc[r.head.i + 1:p.start]):
                r = r.head.head   # 'with President of France X': the parser hung X under 'of'; X is the President
                continue
            if r.dep_ not in _SAME_ARGUMENT or r.head.i == r.i:
                break
            appos = appos or r.dep_ == "appos"
            r = r.head
    return out


def _quoted(doc, people) -> set[int]:
    """Token ids inside quotation marks in the sentences of the given mentions."""
    if not people:
        return set()
    sent = doc[people[0].start].sent
    out, inside = set(), False
    for t in sent:
        if t.text in ('"', "“", "”", "''", "``"):
            inside = t.text != "”" and (t.text == "“" or t.text == "``" or not inside)
            continue
        if inside:
            out.add(t.i)
    return out


def sentence_attendees(doc, sent: Sentence, people) -> list:
    """'Also due to attend are X and Y', 'X will represent the UK', 'Madrid is represented by X': the
    subjects of a verb of taking part (not its objects: 'represented his client')."""
    slots = set()
    for tok in doc[sent.start:sent.end]:
        if tok.pos_ == "VERB" and tok.lemma_.lower() in _PARTICIPATE and not any(c.dep_ == "neg" for c in tok.children):
            verb = tok
        elif tok.lower_ == "part" and tok.head.lemma_.lower() == "take":
            verb = tok.head
        else:
            continue
        for s in _subjects(verb, climb=("xcomp", "advcl", "conj", "prep", "acomp")):
            slots |= {s.i} | {x.i for x in s.conjuncts}
    return filling(doc, people, slots)
