"""Memberships: countries and institutions that belong to an organisation or alliance.

Three constructions of news prose:
- member lists: 'the members of the Alliance include A, B and C', 'along with the 27 EU members
  and the US, the members of X include …', 'A and B are members of X';
- joining: 'A and B joined X';
- founding: 'The EU, the US and a score of other countries launched a "global alliance"'.
"""
from __future__ import annotations

from kg.extract.entities import Found, MentionIndex
from kg.extract.facts import EntityRef, Membership
from kg.extract.lexicon import lexicon
from kg.extract.sentences import Sentence

_CONF = {"member-list": 0.85, "join": 0.8, "founding": 0.7}


def _members_in(index: MentionIndex, start: int, end: int, target: Found) -> list[EntityRef]:
    refs = []
    for m in index.in_range(start, end, ("country", "organization")):
        if m.ref != target.ref and m.ref not in refs:
            refs.append(m.ref)
    return refs


def _member_noun_target(doc, sent: Sentence, index: MentionIndex) -> Found | None:
    """'members of X' / "X's members" / 'X members include': the organisation X."""
    lex = lexicon()
    for tok in doc[sent.start:sent.end]:
        if tok.lemma_.lower() not in {n.split()[-1] for n in lex.member_nouns} and tok.lower_ not in lex.member_nouns:
            continue
        # members of X
        if tok.i + 2 < sent.end and doc[tok.i + 1].lower_ == "of":
            k = tok.i + 2
            while k < sent.end and doc[k].lower_ in ("the", "a", "an"):
                k += 1
            m = index.at(k)
            if m is not None and m.kind == "organization":
                # only a list verb makes the rest of the sentence the members
                if any(t.lemma_.lower() in ("include", "comprise", "be", "consist") for t in doc[m.end:sent.end]) \
                        or any(t.lower_ in ("are", "were", "became", "become") for t in doc[sent.start:tok.i]):
                    return m
    return None


def _join_target(doc, sent: Sentence, index: MentionIndex) -> tuple[Found, int] | None:
    lex = lexicon()
    for tok in doc[sent.start:sent.end]:
        if tok.pos_ == "VERB" and tok.lemma_.lower() in lex.join_verbs:
            for child in tok.children:
                if child.dep_ in ("dobj", "pobj", "obj"):
                    m = index.at(child.i)
                    if m is not None and m.kind == "organization":
                        return m, tok.i
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
    out: dict[tuple[EntityRef, EntityRef], Membership] = {}

    def add(member: EntityRef, org: Found, sent: Sentence, rule: str) -> None:
        if member.kind not in ("country", "organization") or member == org.ref:
            return
        key = (member, org.ref)
        if key not in out:
            out[key] = Membership(member, org.ref, evidence_of(sent, "rule:membership-" + rule, _CONF[rule]))

    for sent in sents:
        target = _member_noun_target(doc, sent, index)
        if target is not None:
            for ref in _members_in(index, sent.start, sent.end, target):
                add(ref, target, sent, "member-list")
            continue
        joined = _join_target(doc, sent, index)
        if joined is not None:
            target, verb_i = joined
            for ref in _members_in(index, sent.start, verb_i, target):
                add(ref, target, sent, "join")
            continue
        founded = _founding_target(doc, sent, index)
        if founded is not None:
            target, verb = founded
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            for subj in subjects:
                lo = min(t.i for t in subj.subtree)
                hi = max(t.i for t in subj.subtree) + 1
                for ref in _members_in(index, lo, hi, target):
                    add(ref, target, sent, "founding")
    return list(out.values())
