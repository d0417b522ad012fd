"""More forms news uses to say who belongs to an organisation (memberships.py reads the member lists,
joining and founding):

- a list after the organisation and a member noun: 'NATO allies Canada, Spain and Turkey', 'EU member
  states Poland and Hungary', 'Republican members of the House X and Y';
- a member noun in apposition or after a copula: 'X, a member of Y', 'X is an EU member', 'X and Y,
  both NATO members', 'X, a former member of Y' (former), 'A and B are among the members of Y', 'X and its
  fellow EU members' (not a gloss: 'Labour MP (Member of Parliament) X');
- what an organisation's members are said to be: "Y's member states include A and B", 'Y, whose members
  are A and B', 'Y has five members: A, B …'; examples after a member noun: 'EU member countries such as A';
- the composition of a body: 'the group, made up of A, B and C', 'Y comprises A and B', 'Y, which
  consists of A and B';
- a member's state as a noun: "X's suspension from the Commonwealth" (suspended), "X's expulsion from Y"
  (former), "X's accession to Y";
- leaving, expelling, suspending and admitting: 'X left Y', 'X withdrew from Y' (former: only when told as
  done — a country that plans or threatens to leave is still a member), 'Y expelled X', 'X was suspended
  from Y', 'X was admitted to Y'; a country also leaves an international body of the gazetteer ('the US
  quit UNESCO').

- defecting: 'X defected from Y to Z' (former member of Y, member of Z), 'Tory defector X'.

A member is a country, an organisation or a person (a politician who joined a party).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kg.extract.facts import EntityRef
from kg.extract.lexicon import load_json
from kg.extract.mention import Found, MentionIndex
from kg.extract.names import given_name_gender
from kg.extract.sentences import Sentence
from kg.extract.tokens import joined_by, joined_group

MEMBER_KINDS = ("country", "organization", "person")
_SPEECH = {"say", "tell", "add", "announce", "claim", "report", "state", "write", "insist", "argue"}
_UNREAL = {"will", "would", "shall", "could", "might", "may", "should", "'ll"}
#: verbs whose 'to leave' is done when they are ('decided to leave the party'), unlike 'voted/plans to leave'
_DECIDING = {"decide", "choose", "opt"}
#: prepositions that introduce examples of the noun they hang off ('member countries such as A', 'members, including A')
_EXAMPLE_PREPS = {"as", "including", "like"}


@dataclass(frozen=True)
class Forms:
    """The cues of kg/data/membership.json for these forms."""

    modifier_nouns: frozenset[str]
    country_nouns: frozenset[str]
    member_heads: frozenset[str]
    composition_verbs: frozenset[str]
    leave_verbs: frozenset[str]
    expel_verbs: frozenset[str]
    suspend_verbs: frozenset[str]
    admit_verbs: frozenset[str]
    belong_verbs: frozenset[str]
    defect_verbs: frozenset[str]
    defector_nouns: frozenset[str]
    verb_particles: dict[str, str]
    status_nouns: dict[str, str | None]
    bodies: frozenset[str]
    seat_bodies: frozenset[str]
    leaving_nouns: frozenset[str]
    completion_verbs: frozenset[str]


@cache
def forms() -> Forms:
    """The membership cues, loaded once."""
    data = load_json("membership.json")
    sets = (frozenset(data[k]) for k in ("modifier_nouns", "country_nouns", "member_heads", "composition_verbs", "leave_verbs",
                                         "expel_verbs", "suspend_verbs", "admit_verbs", "belong_verbs",
                                         "defect_verbs", "defector_nouns"))
    return Forms(*sets, dict(data["verb_particles"]), dict(data["status_nouns"]), frozenset(data["membership_bodies"]),
                 frozenset(data["seat_bodies"]), frozenset(data["leaving_nouns"]), frozenset(data["completion_verbs"]))


def takes_members(org: Found) -> bool:
    """A body one joins, leaves or is admitted to: an alliance, or a name ending in a party, union, council…"""
    words = org.name.lower().split()
    return org.alliance or bool(words) and words[-1] in forms().bodies


def international(org: Found) -> bool:
    """An institution of the gazetteer that belongs to no one country (UNESCO, the WHO, the ICC)."""
    return org.source == "gazetteer" and org.country is None


def can_be_member(member: EntityRef, org: Found) -> bool:
    """Countries and institutions are members of anything; people not of an alliance of countries."""
    return member.kind != "person" or not org.alliance


@dataclass(frozen=True)
class Stated:
    """A membership a sentence states: the organisation, its members, the rule, the status."""

    target: Found
    members: tuple[EntityRef, ...]
    rule: str
    status: str | None = None


#: pronouns that may name a member when they stand for the last person named ('He was a member of Y')
#: (and the gender of the other people who may be named near it)
_SUBJECT_PRONOUNS = {"he": "female", "she": "male"}


def named_pronoun(index: MentionIndex, m: Found) -> bool:
    """'he'/'she' resolved to the one person of its gender named in its sentence and the two before it: every
    other person named there has a first name of the other gender (not a 'he' after 'John Smith met Tom Jones',
    nor one that skips 'Mr Brown', whose gender is unknown, to an earlier 'John Smith')."""
    if m.source != "pronoun" or m.kind != "person" or m.text.lower() not in _SUBJECT_PRONOUNS:
        return False
    near = {x.ref: x for x in index.mentions if x.kind == "person" and x.source != "pronoun" and x.end <= m.start
            and m.sentence - 2 <= x.sentence <= m.sentence}
    other = _SUBJECT_PRONOUNS[m.text.lower()]
    return m.ref in near and all(r == m.ref or _gender(x) == other for r, x in near.items())


def _gender(person: Found) -> str | None:
    """'female' or 'male' by the first name of the person's full name (its key: 'Rosselló' is 'ricardo rossello
    nevares'); None when unknown or shared."""
    words = person.key.split()
    return given_name_gender(words[0].capitalize()) if len(words) >= 2 else None


def _mention(index: MentionIndex, tok, kinds: tuple[str, ...]) -> Found | None:
    m = index.at(tok.i)
    if m is None or m.kind not in kinds:
        return None
    return m if m.source != "pronoun" or named_pronoun(index, m) else None


def _with_conjuncts(index: MentionIndex, tok, kinds: tuple[str, ...] = MEMBER_KINDS) -> list[EntityRef]:
    """The entities named by a token and the tokens coordinated with it ('Canada, Spain and Turkey')."""
    refs: list[EntityRef] = []
    for t in [tok, *tok.conjuncts]:
        m = _mention(index, t, kinds) or next((_mention(index, c, kinds) for c in t.children
                                               if c.dep_ in ("compound", "flat") and _mention(index, c, kinds)), None)
        if m is not None and m.ref not in refs:
            refs.append(m.ref)
    return refs


def _list_at(doc, index: MentionIndex, k: int, end: int) -> list[EntityRef]:
    """Entities listed from token k on: names joined by commas and 'and' ('Canada, Spain and Turkey')."""
    refs: list[EntityRef] = []
    while k < end:
        low = doc[k].lower_
        m = index.at(k)
        if m is not None and m.start == k and m.kind in MEMBER_KINDS and m.source != "pronoun":
            if m.ref not in refs:
                refs.append(m.ref)
            k = m.end
        elif low in (",", "and", "the") and refs or low in ("the",):
            k += 1
        else:
            break
    return refs


def _linked(a, b) -> bool:
    """Two tokens in one noun phrase: one hangs off the other by apposition, compound or coordination."""
    near = ("appos", "compound", "conj", "nmod", "npadvmod", "amod", "flat", "pobj", "prep")
    if a.dep_ == "pobj" and a.head.lower_ in _EXAMPLE_PREPS and a.head.head.i == b.i:
        return True   # 'EU member countries such as Poland', 'NATO members, including Germany'
    return a.head.i == b.i and a.dep_ in near or b.head.i == a.i and b.dep_ in near or a.head.i == b.head.i \
        and a.dep_ in near and b.dep_ in near


def _list_before(doc, index: MentionIndex, k: int, start: int) -> list[EntityRef]:
    """Entities listed right before token k+1 ('Pierluisi, Rivera Schatz and Rosselló are …')."""
    refs: list[EntityRef] = []
    while k >= start:
        m = index.at(k)
        if m is not None and m.end == k + 1 and m.kind in MEMBER_KINDS and m.source != "pronoun":
            refs.insert(0, m.ref)
            k = m.start - 1
        elif doc[k].lower_ in (",", "and") and refs:
            k -= 1
        else:
            break
    return refs


def _noun_at(doc, k: int, nouns: frozenset[str]) -> int:
    """How many tokens from k make one of the nouns ('member states' → 2), 0 when none."""
    for n in (2, 1):
        if k + n <= len(doc) and (" ".join(t.lower_ for t in doc[k:k + n]) in nouns
                                  or " ".join(t.lemma_.lower() for t in doc[k:k + n]) in nouns):
            return n
    return 0


def _modifier_lists(doc, sent: Sentence, index: MentionIndex) -> list[Stated]:
    """'NATO allies Canada, Spain and Turkey', "the EU's member states Poland and Hungary", 'members of the
    House X and Y'."""
    fm = forms()
    out = []
    for m in index.in_range(sent.start, sent.end, ("organization",)):
        j = m.end
        if j < sent.end and doc[j].lower_ in ("'s", "’s"):
            j += 1
        # 'EU countries such as A': an alliance's countries are its members
        n = _noun_at(doc, j, fm.modifier_nouns) or m.alliance and _noun_at(doc, j, fm.country_nouns)
        k = j + n
        anchors = [doc[max(j + n - 1, m.end - 1)]]
        b = m.start - 1 - (m.start > sent.start and doc[m.start - 1].lower_ == "the")   # the word before 'the X'
        before = doc[b].lower_ if b > sent.start else ""
        if not n and (before == "of" and _noun_at(doc, b - 1, fm.modifier_nouns) == 1
                      or before in ("of", "in") and m.alliance and _noun_at(doc, b - 1, fm.country_nouns) == 1):
            k = m.end        # 'members of the House X and Y', 'countries in the African Union such as A'
            anchors.append(doc[b - 1])
        elif not n:
            continue
        while k < sent.end and doc[k].lower_ in (",", "such", "as", "including", "like", ":"):
            k += 1
        first = index.at(k) if k < sent.end else None
        if first is None or not any(_linked(doc[first.start:first.end].root, a) for a in anchors):
            continue   # 'told Labour members the Tories offered …': the names are not the members
        members = [r for r in _list_at(doc, index, k, sent.end) if r != m.ref]
        if members:
            out.append(Stated(m, tuple(members), "modifier-list"))
    return out


def _member_head(tok) -> bool:
    """'member', 'ally', 'member state' (its head word; 'member' as a modifier is read at the head)."""
    fm = forms()
    if tok.dep_ == "compound" and tok.lower_ == "member" and tok.head.lemma_.lower() in ("state", "country", "nation"):
        return False
    lemma = tok.lemma_.lower()
    return lemma in fm.member_heads or tok.lower_ in fm.member_heads or f"member {lemma}" in fm.member_heads and any(
        c.dep_ == "compound" and c.lower_ == "member" for c in tok.children)


def _organisation_of(index: MentionIndex, noun) -> Found | None:
    """The organisation a member noun belongs to: 'a member of Y', 'an EU member', "NATO's newest ally"."""
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in ("of", "in"):
            for o in c.children:
                if o.dep_ == "pobj":
                    m = _mention(index, o, ("organization",)) or next(
                        (_mention(index, x, ("organization",)) for x in o.subtree if _mention(index, x, ("organization",))),
                        None)
                    if m is not None:
                        return m
    for c in sorted(noun.children, key=lambda c: c.dep_ == "poss"):   # "UKIP's London Assembly members": the Assembly
        if c.dep_ in ("compound", "nmod", "poss", "amod"):
            m = _mention(index, c, ("organization",))
            if m is not None:
                return m
    return None


def _past_and_told(verb) -> bool:
    """'X was a member of Y' told by the article (not 'said X was a member', backshifted speech)."""
    if verb.tag_ != "VBD":
        return False
    t = verb
    for _ in range(3):
        if t.dep_ in ("ccomp", "xcomp") and t.head.lemma_.lower() in _SPEECH:
            return False
        if t.head.i == t.i:
            return True
        t = t.head
    return True


def _member_nouns(doc, sent: Sentence, index: MentionIndex) -> list[Stated]:
    """'X, a member of Y', 'X is an EU member', 'X and Y, both NATO members', 'X, one of the members of Y'."""
    out = []
    for tok in doc[sent.start:sent.end]:
        if not _member_head(tok):
            continue
        target = _organisation_of(index, tok)
        if target is None:
            continue
        node = tok
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in ("one", "some", "all", "both", "each"):
            node = tok.head.head      # 'one of the members of Y'
        status = "former" if any(c.lower_ in ("former", "ex", "ex-", "onetime", "erstwhile") for c in tok.children) \
            else "suspended" if any(c.lower_ == "suspended" for c in tok.children) else None
        named = [c for c in node.children if c.dep_ == "appos" and _mention(index, c, ("person", "country"))]
        if named and not (node.left_edge.i > 0 and doc[node.left_edge.i - 1].text == "("):
            # 'a member of Y, X', "one of Y's two members, X" (not the bodies listed after 'members in the Commons')
            members = [r for c in named for r in _with_conjuncts(index, c, ("person", "country")) if r != target.ref]
            if members:
                out.append(Stated(target, tuple(members), "member-noun", status))
            continue
        if not named and node.dep_ == "nsubj" and node.right_edge.i + 2 < sent.end and doc[node.right_edge.i + 1].text == ",":
            after = _mention(index, doc[node.right_edge.i + 2], ("person",))
            if after is not None and after.start == node.right_edge.i + 2 and \
                    doc[after.start:after.end].root.head.i == node.head.i and doc[after.start:after.end].root.dep_ == "nsubj":
                # 'A member of the Tunisian Parliament, Samir Dilou said': the parser made both subjects
                out.append(Stated(target, (after.ref,), "member-noun", status))
                continue
        if node.dep_ == "pobj" and node.head.lower_ == "among" and node.head.dep_ == "prep":
            node = node.head       # 'A and B are among the members of Y'
        if node.dep_ == "appos":
            if node.left_edge.i > 0 and doc[node.left_edge.i - 1].text == "(":
                continue   # 'Labour MP (Member of Parliament) X': a gloss of an abbreviation
            members = _with_conjuncts(index, node.head)
        elif node.dep_ == "conj" and any(c.lower_ == "fellow" for c in tok.children):
            # 'Italy and its fellow EU members', 'Italy, like its fellow members of NATO'
            members = [r for t in (node.head, *node.head.conjuncts) if t.i != node.i
                       for r in _with_conjuncts(index, t)]
        elif node.dep_ in ("attr", "prep") and node.head.lemma_.lower() in ("be", "become", "remain"):
            verb = node.head
            if any(c.dep_ == "neg" or c.lower_ in _UNREAL or c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
                continue   # not 'X is not a member', 'X would be a member', 'X is proud to be a member'
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.lower_ in ("which", "who", "that") and verb.dep_ == "relcl":
                subj = verb.head   # 'Chile and Peru, which are both members of Y', 'X, who is a member of Y'
            members = _with_conjuncts(index, subj) if subj is not None else []
            members += [r for r in _list_before(doc, index, verb.i - 1, sent.start) if r not in members]
            if status is None and verb.lemma_ == "be" and _past_and_told(verb):
                status = "former"    # 'From 1967 to 1995 he was a member of the French Parliament'
        else:
            continue
        members = [r for r in members if r != target.ref]
        if members:
            out.append(Stated(target, tuple(members), "member-noun", status))
    return out


#: verbs whose object or complement lists what their subject 'members' are ('Y's member states include A and B')
_LIST_VERBS = {"include", "be", "comprise", "number"}


def _member_lists(doc, sent: Sentence, index: MentionIndex) -> list[Stated]:
    """"Y's member states include A and B", 'Y, whose members are A and B', 'Y has five members: A, B …',
    "the bloc's members: A, B and C"."""
    out = []
    for tok in doc[sent.start:sent.end]:
        if not _member_head(tok) or tok.tag_ not in ("NNS", "NNPS") or any(c.dep_ == "neg" for c in tok.head.children):
            continue
        target = _organisation_of(index, tok)
        whose = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ == "whose"), None)
        if target is None and whose is not None and tok.head.dep_ == "relcl":
            target = _mention(index, tok.head.head, ("organization",))   # 'the Quad, whose members are …'
        if target is None and tok.dep_ == "dobj" and tok.head.lemma_.lower() == "have":
            target = next((_mention(index, c, ("organization",)) for c in _subjects(tok.head)), None)   # 'Y has N members:'
        if target is None:
            continue
        members: list[EntityRef] = []
        colon = tok.i + 1
        if colon < sent.end and doc[colon].text == ":":
            members = _list_at(doc, index, colon + 1, sent.end)   # 'Y has five members: A, B and C'
        elif tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_.lower() in _LIST_VERBS \
                and not any(c.lower_ in _UNREAL for c in tok.head.children):
            members = [r for c in tok.head.children if c.dep_ in ("dobj", "attr", "obj")
                       for r in _with_conjuncts(index, c)]
        members = [r for r in members if r != target.ref]
        if members:
            out.append(Stated(target, tuple(dict.fromkeys(members)), "member-list"))
    return out


def _with_particle(verb) -> bool:
    """The verb has the particle it needs ('made up of', 'pulled out of'), if it needs one."""
    particle = forms().verb_particles.get(verb.lemma_.lower())
    return not particle or any(c.dep_ in ("prt", "prep", "advmod") and c.lower_ == particle for c in verb.children)


def _compositions(doc, sent: Sentence, index: MentionIndex) -> list[Stated]:
    """'the group, made up of A, B and C', 'Y comprises A and B', 'Y, which consists of A and B', 'Y was
    joined by A and B'."""
    fm = forms()
    out = []
    for tok in doc[sent.start:sent.end]:
        lemma = tok.lemma_.lower()
        joined = joined_by(tok)
        if tok.pos_ not in ("VERB", "AUX") or lemma not in fm.composition_verbs | {"include"} and not joined:
            continue
        if not _with_particle(tok) or any(c.dep_ == "neg" for c in tok.children):
            continue
        if joined:       # 'the coalition, which was joined by A and B'
            objects = [o for c in tok.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
        else:
            objects = [o for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children
                       if o.dep_ == "pobj"] + [c for c in tok.children if c.dep_ in ("dobj", "obj")]
        if tok.dep_ in ("acl", "relcl"):
            owner = joined_group(tok) if joined else tok.head
        else:
            owner = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if owner is not None and owner.lower_ in ("which", "that", "who") and tok.dep_ == "relcl":
            owner = tok.head
        target = _mention(index, owner, ("organization",)) if owner is not None else None
        if target is None or not objects or lemma == "include" and not target.alliance:
            continue   # 'the coalition includes A and B' lists members; 'the company includes …' need not
        members = [r for o in objects for r in _with_conjuncts(index, o) if r != target.ref]
        if members:
            out.append(Stated(target, tuple(dict.fromkeys(members)), "composition"))
    return out


def _status_nouns(doc, sent: Sentence, index: MentionIndex) -> list[Stated]:
    """"X's suspension from the Commonwealth", 'the expulsion of X from Y', "X's accession to the EU"."""
    fm = forms()
    out = []
    for tok in doc[sent.start:sent.end]:
        word = tok.lemma_.lower()
        if word not in fm.status_nouns or tok.pos_ != "NOUN":
            continue
        member, target = [], None
        for c in tok.children:
            if c.dep_ == "poss":
                member = _with_conjuncts(index, c)
            elif c.dep_ == "prep":
                objs = [o for o in c.children if o.dep_ == "pobj"]
                if c.lower_ == "of" and objs and not member:
                    member = _with_conjuncts(index, objs[0])
                elif c.lower_ in ("from", "to", "into", "in", "of") and objs:
                    target = target or _mention(index, objs[0], ("organization",))
        if not member and tok.dep_ in ("dobj", "obj") and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in tok.children):
            member = [r for s in _subjects(tok.head) for r in _with_conjuncts(index, s)]   # 'X completed its withdrawal'
        members = [r for r in member if target is not None and r != target.ref]
        status = fm.status_nouns[word]
        if word in fm.leaving_nouns and _completed(tok):
            status = "former"      # "X's withdrawal from Y took effect", 'X completed its exit from Y'
        if target is not None and members:
            out.append(Stated(target, tuple(members), "status-noun", status))
    return out


def _completed(noun) -> bool:
    """A leaving noun told as done: the object of a completing verb ('completed its withdrawal') or the subject
    of one ("X's exit took effect"), in the past."""
    verb = noun.head
    if noun.dep_ not in ("dobj", "obj", "nsubj", "nsubjpass") or not _told_as_done(verb):
        return False
    lemma = verb.lemma_.lower()
    objects = [c.lemma_.lower() for c in verb.children if c.dep_ in ("dobj", "obj")]
    return lemma in forms().completion_verbs and noun.dep_ in ("dobj", "obj") \
        or any(f"{lemma} {o}" in forms().completion_verbs for o in objects) and noun.dep_ in ("nsubj", "nsubjpass")


def _verb_object(index: MentionIndex, verb, preps: tuple[str, ...]) -> Found | None:
    """The organisation a verb points to: its object or the object of one of its prepositions."""
    for c in verb.children:
        if c.dep_ in ("dobj", "obj"):
            m = _mention(index, c, ("organization",))
            if m is not None:
                return m
        if c.dep_ in ("prep", "prt") and c.lower_ in preps:
            for o in [*c.children, *(g for x in c.children if x.dep_ == "prep" for g in x.children)]:
                if o.dep_ == "pobj":
                    m = _mention(index, o, ("organization",))
                    if m is not None:
                        return m
    return None


def _mistagged_verb(tok) -> bool:
    """'Mr X quit UKIP last week' with 'quit' tagged a noun: a noun with a subject and an object heads a clause."""
    deps = {c.dep_ for c in tok.children}
    return tok.pos_ == "NOUN" and "nsubj" in deps and "dobj" in deps


def _told_as_done(verb) -> bool:
    """'X left Y', 'X has withdrawn from Y', 'X had chosen to leave Y' — not 'X will leave', 'X plans/threatens/
    voted to leave'."""
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _DECIDING:
        verb = verb.head   # 'decided to leave': done when the deciding is
    elif any(c.dep_ == "aux" and (c.lower_ in _UNREAL or c.lower_ == "to") for c in verb.children):
        return False
    return verb.tag_ == "VBD" or verb.tag_ == "VBN" and any(c.lemma_ == "have" for c in verb.children) \
        or _mistagged_verb(verb) and not any(c.dep_ == "aux" for c in verb.children)   # 'X quit Y' told as past


def planned(verb) -> bool:
    """'X will join Y', 'X hopes/plans/applied to join Y', "X's bid to join Y", 'X was to join': joining not yet
    done (but 'X decided to join Y' is)."""
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _DECIDING:
        verb = verb.head
    return any(c.dep_ in ("aux", "auxpass") and (c.lower_ in _UNREAL or c.lower_ == "to") for c in verb.children)


def _subjects(verb) -> list:
    """The subjects of a verb, of the verb it completes or continues, and the name a relative 'who' or 'which'
    stands for ('Burundi, which left the ICC')."""
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subj and verb.dep_ in ("xcomp", "conj") and verb.head.i != verb.i:
        subj = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if verb.dep_ == "relcl" and [s.lower_ for s in subj] in (["who"], ["which"], ["that"]):
        subj = [verb.head]
    if [s.lower_ for s in subj] == ["it"]:
        subj = _speaker_of(verb) or subj
    return subj


def _speaker_of(verb) -> list:
    """'Venezuela said it had withdrawn from Y': 'it' is the subject of the verb of speech whose complement
    it heads (a country or an institution speaks of itself)."""
    t = verb
    while t.dep_ in ("conj", "xcomp") and t.head.i != t.i:
        t = t.head
    if t.dep_ != "ccomp" or t.head.lemma_.lower() not in _SPEECH:
        return []
    return [c for c in t.head.children if c.dep_ == "nsubj" and c.pos_ in ("PROPN", "NOUN")]


def _own_membership(index: MentionIndex, verb) -> Found | None:
    """The organisation of 'its/their membership of Y' as the verb's object ('X withdrew its membership of Y')."""
    for c in verb.children:
        if c.dep_ in ("dobj", "obj") and c.lemma_.lower() == "membership" \
                and any(p.dep_ == "poss" and p.pos_ == "PRON" for p in c.children):
            for prep in c.children:
                if prep.dep_ == "prep" and prep.lower_ in ("of", "in", "with"):
                    m = next((_mention(index, o, ("organization",)) for o in prep.children if o.dep_ == "pobj"), None)
                    if m is not None:
                        return m
    return None


def _status_verbs(doc, sent: Sentence, index: MentionIndex) -> list[Stated]:
    """'X left Y' (former when told as done, a member still when it plans to), 'Y expelled X', 'X was
    suspended from Y', 'X was admitted to Y', 'X belongs to Y'."""
    fm = forms()
    out = []
    for tok in doc[sent.start:sent.end]:
        lemma = tok.lemma_.lower()
        if not (tok.pos_ == "VERB" or _mistagged_verb(tok)) or any(c.dep_ == "neg" for c in tok.children):
            continue
        if not _with_particle(tok):
            continue
        passive = any(c.dep_ == "auxpass" for c in tok.children)
        if lemma in fm.leave_verbs and not passive:
            # 'X withdrew from Y', 'X withdrew its membership of Y'
            target = _verb_object(index, tok, ("from", "out", "of")) or _own_membership(index, tok)
            members = [r for s in _subjects(tok) for r in _with_conjuncts(index, s)]
            status, rule = ("former", "left") if _told_as_done(tok) else (None, "leaving")
        elif lemma in fm.suspend_verbs and _own_membership(index, tok) is not None:
            # 'X suspended its membership of Y': the subject suspended itself
            target = _own_membership(index, tok)
            members = [r for s in _subjects(tok) for r in _with_conjuncts(index, s)]
            status, rule = ("suspended", "suspended") if _told_as_done(tok) else (None, "leaving")
        elif lemma in fm.expel_verbs | fm.suspend_verbs:
            status = "suspended" if lemma in fm.suspend_verbs else "former"
            if passive:
                target = _verb_object(index, tok, ("from",))
                members = [r for s in _subjects(tok) for r in _with_conjuncts(index, s)]
            else:
                target = next((_mention(index, s, ("organization",)) for s in _subjects(tok)), None)
                members = [r for c in tok.children if c.dep_ in ("dobj", "obj") for r in _with_conjuncts(index, c)]
            rule = "expelled" if status == "former" else "suspended"
        elif lemma in fm.admit_verbs and passive and not planned(tok):
            target = _verb_object(index, tok, ("to", "into", "as"))
            members = [r for s in _subjects(tok) for r in _with_conjuncts(index, s)]
            status, rule = None, "admitted"
        elif lemma in fm.belong_verbs and not passive:
            target = _verb_object(index, tok, ("to",))
            members = [r for s in _subjects(tok) for r in _with_conjuncts(index, s)]
            # 'X previously belonged to Y', told in the past: a former member, as 'X was a member of Y'
            status, rule = ("former" if _past_and_told(tok) else None), "belongs"
        else:
            continue
        if target is None:
            continue
        if not takes_members(target):   # 'left Llanelli Grammar School', 'admitted to Walter Reed Hospital'
            # but a country leaves or joins a known international body ('the US quit UNESCO')
            members = [r for r in members if r.kind == "country" and international(target)]
        members = [r for r in members if r != target.ref]
        if members:
            out.append(Stated(target, tuple(dict.fromkeys(members)), rule, status))
    return out


def _defections(doc, sent: Sentence, index: MentionIndex) -> list[Stated]:
    """'X defected from Y to Z' (a former member of Y, a member of Z), 'Tory defector X', 'X, a defector from Y':
    people defect, not the party that modifies them ('a Conservative MP has defected to Labour')."""
    fm = forms()
    out = []
    for tok in doc[sent.start:sent.end]:
        lemma = tok.lemma_.lower()
        if lemma in fm.defect_verbs and tok.pos_ == "VERB":
            if any(c.dep_ == "neg" for c in tok.children) or not _told_as_done(tok):
                continue
            members = [r for s in _subjects(tok) for r in _with_conjuncts(index, s, ("person",))]
            left, joined = _verb_object(index, tok, ("from",)), _verb_object(index, tok, ("to",))
        elif lemma in fm.defector_nouns and tok.pos_ == "NOUN":
            named = [tok.head] if tok.dep_ == "compound" else []   # 'Tory defector Robert Jackson'
            named += [c for c in tok.children if c.dep_ == "appos"]
            if tok.dep_ == "appos":
                named.append(tok.head)                              # 'Robert Jackson, a Tory defector'
            members = [r for t in named for r in _with_conjuncts(index, t, ("person",))]
            left = next((_mention(index, c, ("organization",)) for c in tok.children
                         if c.dep_ in ("compound", "amod", "nmod") and _mention(index, c, ("organization",))), None)
            left = left or _verb_object(index, tok, ("from",))
            joined = _verb_object(index, tok, ("to",))
        else:
            continue
        for target, status in ((left, "former"), (joined, None)):
            if target is not None and takes_members(target):
                kept = [r for r in members if r != target.ref]
                if kept:
                    out.append(Stated(target, tuple(dict.fromkeys(kept)), "defected", status))
    return out


def _fellows(doc, sent: Sentence, index: MentionIndex) -> list[Stated]:
    """'X and fellow Republican Representative Y', 'fellow Labour MPs Y and Z': who is called a fellow of an
    organisation's members is one of them (the title words between are skipped)."""
    out = []
    for m in index.in_range(sent.start, sent.end, ("organization",)):
        if m.start - 1 < sent.start or doc[m.start - 1].lower_ != "fellow":
            continue
        k = m.end
        while k < min(sent.end, m.end + 3) and index.at(k) is None and doc[k].pos_ in ("PROPN", "NOUN") \
                and (doc[k].text[:1].isupper() or doc[k].lower_ in forms().modifier_nouns):
            k += 1     # 'fellow Republican Representative Y', 'fellow Labour MP Y', 'fellow EU members A and B'
        first = index.at(k) if k < sent.end else None
        if first is None or first.start != k or first.kind not in ("person", "country"):
            continue
        root = doc[first.start:first.end].root
        fellow = doc[m.start - 1]
        if root.i not in {fellow.head.i, fellow.head.head.i} and not _linked(root, fellow.head):
            continue   # 'fellow' is no word of this name's phrase
        members = _list_at(doc, index, k, sent.end)
        other = index.at(m.start - 3) if m.start - 3 >= sent.start and doc[m.start - 2].lower_ == "and" else None
        if other is not None and other.kind == first.kind and other.source != "pronoun" and other.ref not in members \
                and any(t.dep_ == "conj" and t.head.i == doc[other.start:other.end].root.i for t in (root, fellow.head)):
            members.append(other.ref)   # 'A and fellow Republican B': A is one too
        members = [r for r in members if r != m.ref]
        if members:
            out.append(Stated(m, tuple(members), "fellow"))
    return out


def _groups_of(doc, sent: Sentence, index: MentionIndex) -> list[Stated]:
    """'an alliance of the US, India and Japan', 'the coalition of A and B': the countries of an alliance's 'of'."""
    out = []
    for m in index.in_range(sent.start, sent.end, ("organization",)):
        if not m.alliance:
            continue
        root = doc[m.end - 1]
        objs = [o for c in root.children if c.dep_ == "prep" and c.lower_ == "of" and c.i == m.end
                for o in c.children if o.dep_ == "pobj"]
        members = [r for o in objs for r in _with_conjuncts(index, o, ("country",)) if r != m.ref]
        if len(members) >= 2:
            out.append(Stated(m, tuple(members), "group-of"))
    return out


def _led_groups(doc, sent: Sentence, index: MentionIndex) -> list[Stated]:
    """'the US-led coalition': the country that leads a coalition is in it."""
    out = []
    for m in index.in_range(sent.start, sent.end, ("organization",)):
        k = m.start - 1
        while k > sent.start and doc[k].lower_ in ("the", "naval", "military", "international"):
            k -= 1
        if k - 2 >= sent.start and doc[k].lower_ == "led" and doc[k - 1].text == "-" and m.alliance:
            leader = index.at(k - 2)
            if leader is not None and leader.kind in ("country", "organization") and leader.ref != m.ref:
                out.append(Stated(m, (leader.ref,), "led-group"))
    return out


def read_forms(doc, sent: Sentence, index: MentionIndex) -> list[Stated]:
    """Every membership these forms state in one sentence."""
    found = [*_modifier_lists(doc, sent, index), *_member_nouns(doc, sent, index), *_member_lists(doc, sent, index),
             *_compositions(doc, sent, index),
             *_status_nouns(doc, sent, index), *_status_verbs(doc, sent, index), *_defections(doc, sent, index),
             *_led_groups(doc, sent, index), *_fellows(doc, sent, index), *_groups_of(doc, sent, index)]
    out = []
    for st in found:
        members = tuple(r for r in st.members if can_be_member(r, st.target))
        if members:
            out.append(Stated(st.target, members, st.rule, st.status))
    return out
