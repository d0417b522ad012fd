"""Memberships: countries and institutions that belong to an organisation or alliance.

Three constructions of news prose:
- member lists: 'the members of the Alliance include A, B and C', 'along with the 27 EU members
  and the US, the members of X include …', 'A and B are members of X';
- joining: 'A and B joined X';
- founding: 'The EU, the US and a score of other countries launched a "global alliance"'.
"""
from __future__ import annotations

from kg.extract.facts import EntityRef, Membership, Post
from kg.extract.lexicon import lexicon
from kg.extract.mention import Found, MentionIndex
from kg.extract.membership_forms import MEMBER_KINDS, forms, named_pronoun, planned, read_forms, takes_members
from kg.extract.sentences import Sentence

_CONF = {"member-list": 0.85, "join": 0.8, "founding": 0.7, "part-of": 0.75, "join-elided": 0.6,
         "modifier-list": 0.8, "member-noun": 0.8, "composition": 0.8, "status-noun": 0.75, "left": 0.75,
         "leaving": 0.7, "expelled": 0.75, "suspended": 0.75, "admitted": 0.8, "led-group": 0.75,
         "belongs": 0.8, "defected": 0.75, "fellow": 0.75, "group-of": 0.75}


def _members_in(index: MentionIndex, start: int, end: int, target: Found,
                kinds: tuple[str, ...] = ("country", "organization")) -> list[EntityRef]:
    refs = []
    for m in index.in_range(start, end, kinds):
        if m.ref != target.ref and m.ref not in refs and (m.kind != "person" or m.source != "pronoun"):
            refs.append(m.ref)
    return refs


_CLAUSE_BREAKS = {"but", "though", "although", "while", "whereas", ";", "which", "who", "however", "yet"}


def _negated(tok) -> bool:
    """'Brazil is not a member', 'never joined': a negation on the token or the verb it depends on."""
    heads = {tok.i, tok.head.i, tok.head.head.i}
    return any(c.dep_ == "neg" for h in heads for c in tok.doc[h].children)


def _clause(doc, sent: Sentence, i: int) -> tuple[int, int]:
    """The token range of the clause around token i, cut at 'but', 'though', ';'..."""
    lo = i
    while lo > sent.start and doc[lo - 1].lower_ not in _CLAUSE_BREAKS:
        lo -= 1
    hi = i
    while hi < sent.end and doc[hi].lower_ not in _CLAUSE_BREAKS:
        hi += 1
    return lo, hi


def _member_noun_target(doc, sent: Sentence, index: MentionIndex) -> Found | None:
    """'members of X' / "X's members" / 'X members include': the organisation X."""
    lex = lexicon()
    for tok in doc[sent.start:sent.end]:
        if tok.lemma_.lower() not in {n.split()[-1] for n in lex.member_nouns} and tok.lower_ not in lex.member_nouns:
            continue
        if _negated(tok):
            continue
        # members of X
        if tok.i + 2 < sent.end and doc[tok.i + 1].lower_ == "of":
            k = tok.i + 2
            while k < sent.end and doc[k].lower_ in ("the", "a", "an"):
                k += 1
            m = index.at(k)
            if m is not None and m.kind == "organization":
                # only a list verb makes the rest of the sentence the members: 'the members of X include …'
                # (the verb's subject), 'A and B are members of X'
                if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_.lower() in ("include", "comprise", "be", "consist") \
                        or tok.dep_ == "attr" and tok.head.lower_ in ("are", "were", "became", "become"):
                    return m
    return None


def _org_object(doc, tok, index: MentionIndex) -> Found | None:
    """The organisation a verb or 'part of' points to: its object, or the X of 'the X agreement'."""
    lex = lexicon()
    for child in tok.children:
        if child.dep_ in ("dobj", "pobj", "obj"):
            if child.lower_ in ("which", "that") and tok.dep_ == "relcl":
                child = tok.head    # 'the European Union, which Britain joined in 1973'
            m = index.at(child.i)
            if m is None:
                named_thing = child.lemma_.lower() in lex.alliance_heads | lex.alliance_types | lex.not_org_heads
                for sub in child.children if named_thing else ():   # 'signed the AfCFTA agreement', not
                    if sub.dep_ in ("compound", "nmod", "poss") and (index.at(sub.i) or None):   # 'joined Tory opposition'
                        m = index.at(sub.i)
            if m is not None and m.kind == "organization":
                return m
    return None


def _subject_members(doc, verb, index: MentionIndex, target: Found, people: bool = False) -> list[EntityRef]:
    """Countries and institutions in the subject of a verb (following xcomp/ccomp/conj up to the subject);
    with `people`, also the people its own subject names."""
    tok = verb
    said: EntityRef | None = None   # the person a pronoun subject was resolved to
    for _ in range(4):
        subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            sub = subj[0]
            if sub.pos_ == "PRON":     # 'Nigeria announced it planned to join': the main subject
                pron = index.at(sub.i)
                if people and said is None and sub.lower_ in ("he", "she") and pron is not None and pron.kind == "person":
                    said = pron.ref    # 'X discusses why he joined the Y Party': X, if 'he' was resolved to X too
                    if tok.head.i == tok.i and named_pronoun(index, pron) and takes_members(target) and not target.alliance:
                        return [pron.ref]   # 'X was born in Leeds. He joined the Y Party in 1990.'
                else:
                    people = False     # '… why we joined the party, said X': not X
                tok = tok.head if tok.head is not tok else tok
                if tok is verb:
                    return []
                continue
            lo = min(t.i for t in sub.subtree)
            hi = max(t.i for t in sub.subtree) + 1
            # a person joins a party, a union or a council ('X joined the Solidarity Party'), not an alliance of
            # countries nor a firm (employment)
            kinds = ("country", "organization", *(("person",) if people and takes_members(target)
                                                   and not target.alliance else ()))
            heads = [m.ref for t in (sub, *sub.conjuncts) for m in [index.at(t.i)]
                     if m is not None and m.kind in kinds and m.source != "pronoun" and m.ref != target.ref
                     and (said is None or m.kind != "person" or m.ref == said)]
            if heads:   # 'Tory defector X joined Labour': X, not the party that modifies him
                return list(dict.fromkeys(heads))
            return [r for r in _members_in(index, lo, hi, target, kinds) if said is None or r.kind != "person" or r == said]
        if tok.head is tok:
            return []
        tok = tok.head
    return []


def _join_target(doc, sent: Sentence, index: MentionIndex) -> tuple[Found, object] | None:
    """The organisation a verb of joining or signing points to, and the verb (joined, or only planned)."""
    lex = lexicon()
    for tok in doc[sent.start:sent.end]:
        if tok.pos_ == "VERB" and tok.lemma_.lower() in lex.join_verbs | {"sign", "ratify"} and not _negated(tok):
            m = _org_object(doc, tok, index)
            if m is not None:
                return m, tok
    return None


def _elided_join(doc, sent: Sentence) -> object | None:
    """'Benin was to join.': a joining verb with no object (the organisation is the last one joined)."""
    lex = lexicon()
    for tok in doc[sent.start:sent.end]:
        if tok.pos_ == "VERB" and tok.lemma_.lower() in lex.join_verbs and not _negated(tok) and not planned(tok) \
                and not any(c.dep_ in ("dobj", "obj", "prep") for c in tok.children):
            return tok
    return None


def _part_of_target(doc, sent: Sentence, index: MentionIndex) -> tuple[Found, object] | None:
    """'A, B and C were part of X' / 'agencies from A and B were part of X'."""
    for tok in doc[sent.start:sent.end]:
        if tok.lower_ == "part" and not _negated(tok):
            of = next((c for c in tok.children if c.lower_ == "of"), None)
            if of is None:
                continue
            m = _org_object(doc, of, index)
            if m is not None:
                return m, tok.head if tok.dep_ in ("attr", "dobj", "acomp") else tok
    return None


def _group_definition(doc, sent: Sentence, index: MentionIndex) -> tuple[Found, int, int] | None:
    """'G7 is an informal group of seven countries, A, B ... and C': X is a group whose members are listed."""
    lex = lexicon()
    for tok in doc[sent.start:sent.end]:
        if tok.lemma_.lower() not in lex.alliance_heads or tok.dep_ != "attr" or _negated(tok):
            continue
        verb = tok.head
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None or verb.lemma_ != "be":
            continue
        m = index.at(subj.i) or next((index.at(t.i) for t in subj.subtree if index.at(t.i)), None)
        if m is None or m.kind != "organization":
            continue
        k = tok.i + 1
        while k < sent.end and doc[k].lower_ not in ("countries", "nations", "states", "members", "economies"):
            if doc[k].lower_ in _CLAUSE_BREAKS or k - tok.i > 5:
                break
            k += 1
        if k < sent.end and doc[k].lower_ in ("countries", "nations", "states", "members", "economies"):
            lo, hi = _clause(doc, sent, k + 1)
            return m, k + 1, hi
    return None


def _founding_target(doc, sent: Sentence, index: MentionIndex) -> tuple[Found, object] | None:
    lex = lexicon()
    for tok in doc[sent.start:sent.end]:
        if tok.pos_ == "VERB" and tok.lemma_.lower() in lex.found_verbs:
            for child in tok.children:
                if child.dep_ in ("dobj", "obj"):
                    m = index.at(child.i)
                    if m is not None and m.kind == "organization" and m.alliance:
                        return m, tok
    return None


def find_memberships(doc, sents: list[Sentence], index: MentionIndex, evidence_of) -> list[Membership]:
    """Memberships stated in the article."""
    out: dict[tuple[EntityRef, EntityRef, str | None], Membership] = {}

    def add(member: EntityRef, org: Found, sent: Sentence, rule: str, status: str | None = None) -> None:
        if member.kind not in MEMBER_KINDS or member == org.ref:
            return
        key = (member, org.ref, status)
        if key not in out:
            out[key] = Membership(member, org.ref, evidence_of(sent, "rule:membership-" + rule, _CONF[rule]), status)

    last_joined: tuple[Found, int] | None = None

    def read_elided(sent: Sentence) -> tuple[Found, list[EntityRef], str] | None:
        """'Benin was to join.': the organisation last joined, two sentences back at most."""
        if last_joined is None or sent.index - last_joined[1] > 2 or sents[last_joined[1]].story != sent.story:
            return None
        elided = _elided_join(doc, sent)
        if elided is None:
            return None
        return last_joined[0], _subject_members(doc, elided, index, last_joined[0]), "join-elided"

    def read(sent: Sentence) -> tuple[Found, list[EntityRef], str] | None:
        """The first membership construction of a sentence: (organisation, members, rule)."""
        nonlocal last_joined
        target = _member_noun_target(doc, sent, index)
        if target is not None:
            lo, hi = _clause(doc, sent, target.start)
            return target, _members_in(index, lo, hi, target), "member-list"
        group = _group_definition(doc, sent, index)
        if group is not None:
            target, lo, hi = group
            return target, _members_in(index, lo, hi, target), "member-list"
        part = _part_of_target(doc, sent, index)
        if part is not None:
            return part[0], _subject_members(doc, part[1], index, part[0]), "part-of"
        joined = _join_target(doc, sent, index)
        if joined is not None:
            last_joined = (joined[0], sent.index)   # also what 'Benin joined too' joined after 'X plans to join Y'
            if not planned(joined[1]):   # 'X hopes to join Y', "X's bid to join Y", 'X will join Y': not a member yet
                return joined[0], _subject_members(doc, joined[1], index, joined[0], people=True), "join"
        elided = read_elided(sent)
        if elided is not None:
            return elided
        founded = _founding_target(doc, sent, index)
        if founded is not None:
            target, verb = founded
            refs: list[EntityRef] = []
            for subj in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
                lo, hi = min(t.i for t in subj.subtree), max(t.i for t in subj.subtree) + 1
                refs += [r for r in _members_in(index, lo, hi, target) if r not in refs]
            return target, refs, "founding"
        return None

    orgs_in = {m.sentence for m in index.mentions if m.kind == "organization"}
    for sent in sents:
        if sent.index not in orgs_in and last_joined is None:
            continue   # every construction but an elided join names its organisation in the sentence
        found = read(sent) if sent.index in orgs_in else read_elided(sent)
        if found is not None:
            target, refs, rule = found
            for ref in refs:
                add(ref, target, sent, rule)
        for stated in read_forms(doc, sent, index) if sent.index in orgs_in else ():
            for ref in stated.members:
                add(ref, stated.target, sent, stated.rule, stated.status)
    # a membership only presupposed ('the end of his membership of X', 'plans to leave X') is not current
    # when the article says the member left
    presupposed = ("rule:membership-status-noun", "rule:membership-leaving")
    return [m for (member, org, status), m in out.items()
            if not (status is None and m.evidence.rule in presupposed and (member, org, "former") in out)]


def without_seats(memberships: list[Membership], posts: list[Post], name_of) -> list[Membership]:
    """The memberships that no seat of the same sentence already gives: 'he was a member of the French
    Parliament' is read as the post Member of Parliament there (a role named 'member' in a body of seats, a
    legislature or a board), not a second time as a membership; a party's members stay its members."""
    seat_words = forms().seat_bodies
    seats = {(p.person, p.organization, p.evidence.start) for p in posts
             if p.organization is not None and "member" in p.role.lower().split()
             and (name_of(p.organization) or "").lower().split()[-1:] in ([w] for w in seat_words)}
    return [m for m in memberships if (m.member, m.organization, m.evidence.start) not in seats]
