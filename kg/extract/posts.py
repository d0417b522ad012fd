"""Posts: a person holds a title ('US Attorney General Eric Holder', 'Eric Holder, US Attorney General').

A title phrase is read with the role lexicon: optional qualifiers ('former'), the institution or
country it belongs to (a name, a possessive 'the EU's', or a demonym 'Mexican'), title words
ending in a role head ('Home Affairs Commissioner'), and an optional 'of/for X' tail.
"""
from __future__ import annotations

from dataclasses import dataclass

from kg.extract import geo
from kg.extract.entities import Found, MentionIndex
from kg.extract.facts import EntityRef, Evidence, Post
from kg.extract.lexicon import lexicon
from kg.extract.normalize import fold, slug, title_case
from kg.extract.sentences import Sentence

_DETERMINERS = {"the", "a", "an", "its", "their", "his", "her"}
_CONFIDENCE = {"title-before-name": 0.9, "title-after-name": 0.85, "title-apposition-before": 0.8}


@dataclass
class Title:
    """A parsed title phrase."""

    role: str
    organization: EntityRef | None
    qualifiers: tuple[str, ...]
    start: int
    end: int


def _head_words() -> set[str]:
    lex = lexicon()
    words = set()
    for h in lex.role_heads:
        words.update(h.replace("-", " - ").split())
    return words


def _is_title_word(tok) -> bool:
    lex = lexicon()
    w = tok.lower_
    return w in lex.role_modifiers or w in _head_words() or w in lex.role_heads or w == "-"


def _ends_with_head(words: list[str]) -> bool:
    lex = lexicon()
    text = " ".join(words).replace(" - ", "-")
    return any(text == h or text.endswith(" " + h) or text.endswith("-" + h.split()[-1]) and h.split()[-1] in ("general",)
               for h in lex.role_heads) and words[-1] not in ("-", "and")


def parse_title(doc, start: int, end: int, index: MentionIndex) -> Title | None:
    """Read tokens [start, end) as a title phrase; None when they are not one."""
    lex = lexicon()
    toks = list(range(start, end))
    while toks and doc[toks[0]].lower_ in _DETERMINERS:
        toks.pop(0)
    quals: list[str] = []
    org: EntityRef | None = None
    role_toks: list[int] = []
    tail_org: EntityRef | None = None
    i = 0
    while i < len(toks):
        t = toks[i]
        tok = doc[t]
        m = index.at(t)
        if tok.lower_ in lex.qualifiers or tok.lower_.rstrip("-") in lex.qualifiers:
            if not role_toks:
                quals.append(tok.lower_.rstrip("-"))
                i += 1
                continue
        if tok.lower_ in ("elect", "designate") and role_toks:
            quals.append(tok.lower_)
            i += 1
            continue
        if m is not None and m.kind in ("organization", "country") and not role_toks:
            org = m.ref
            i += m.end - t if m.start == t else 1
            while i < len(toks) and doc[toks[i]].lower_ in ("'s", "’s", "'"):
                i += 1
            continue
        if m is None and not role_toks and geo.demonym_code(tok.text) and tok.text[:1].isupper():
            org = org or EntityRef("country", geo.demonym_code(tok.text))
            i += 1
            continue
        if tok.lower_ in ("of", "for") and role_toks and _ends_with_head([doc[r].lower_ for r in role_toks]):
            rest = toks[i + 1:]
            while rest and doc[rest[0]].lower_ in _DETERMINERS:
                rest.pop(0)
            if rest:
                m2 = index.at(rest[0])
                if m2 is not None and m2.kind in ("organization", "country") and m2.end >= rest[-1] + 1 - 0:
                    tail_org = m2.ref
                    i = len(toks)
                    break
                words = [doc[r].lower_ for r in rest]
                if all(w in lex.role_modifiers or w in ("and", "&", "-") for w in words):
                    role_toks += [t] + rest
                    i = len(toks)
                    break
            return None
        if _is_title_word(tok) or (tok.lower_ in ("and", "&") and role_toks):
            role_toks.append(t)
            i += 1
            continue
        return None
    if not role_toks:
        return None
    words = [doc[r].lower_ for r in role_toks]
    head_end = len(words)
    while head_end and not _ends_with_head(words[:head_end]):
        head_end -= 1
    if head_end == 0 or head_end < len(words) and words[head_end] not in ("for", "of"):
        return None
    text = " ".join(doc[r].text for r in role_toks).replace(" - ", "-").replace(" -", "-").replace("- ", "-")
    if all(w in lex.weak_role_heads for w in words):
        return None  # 'official', 'member' alone is not a post
    role = title_case(text)
    return Title(role, tail_org or org, tuple(dict.fromkeys(quals)), start, end)


def _hinted_org(role: str, index: MentionIndex) -> EntityRef | None:
    """The institution a title without one belongs to, when the lexicon hints it and the article names it."""
    lex = lexicon()
    low = role.lower()
    for head, institutions in lex.institution_hints.items():
        if low == head or low.endswith(" " + head):
            mentioned = {m.name: m.ref for m in index.mentions if m.kind == "organization"}
            for inst in institutions:
                if inst in mentioned:
                    return mentioned[inst]
    return None


def _left_title(doc, person: Found, sent: Sentence, index: MentionIndex) -> tuple[Title, str] | None:
    j = person.start - 1
    lex = lexicon()
    honorifics = {h.rstrip(".") for h in lex.honorifics}
    while j >= sent.start and doc[j].lower_.rstrip(".") in honorifics:
        j -= 1
    if j < sent.start:
        return None
    if doc[j].text == ",":  # 'Brazil's Justice Minister, Tarso Genro'
        k = j - 1
        while k >= sent.start and doc[k].text not in (",", ";", ":", "(", ")", '"', "“", "”") and not doc[k].is_sent_start:
            k -= 1
        title = parse_title(doc, k + 1, j, index)
        return (title, "title-apposition-before") if title else None
    k = j
    while k >= sent.start:
        tok = doc[k]
        m = index.at(k)
        if m is not None and m.kind in ("organization", "country"):
            k = m.start - 1
            continue
        if _is_title_word(tok) or tok.lower_ in lex.qualifiers or tok.lower_ in ("'s", "’s", "and", "&", "of", "for") \
                or geo.demonym_code(tok.text):
            k -= 1
            continue
        break
    start = k + 1
    # trim leading connectors
    while start <= j and doc[start].lower_ in ("and", "&", "of", "for", "'s", "’s"):
        start += 1
    for s in range(start, j + 1):  # longest phrase that parses
        title = parse_title(doc, s, j + 1, index)
        if title:
            return title, "title-before-name"
    return None


def _right_title(doc, person: Found, sent: Sentence, index: MentionIndex) -> tuple[Title, str] | None:
    j = person.end
    if j >= sent.end or doc[j].text != ",":
        return None
    k = j + 1
    while k < sent.end and doc[k].text not in (",", ";", ".", ":", "(", ")", '"', "“", "”") and doc[k].pos_ != "VERB":
        k += 1
    if k == j + 1:
        return None
    # 'Eric Holder, US Attorney General, in Copenhagen' — the phrase must end at punctuation
    for e in range(k, j + 1, -1):
        title = parse_title(doc, j + 1, e, index)
        if title:
            return title, "title-after-name"
    return None


def find_posts(doc, sents: list[Sentence], index: MentionIndex, evidence_of) -> list[Post]:
    """All posts held by people mentioned in the article (one per person, role and institution)."""
    posts: dict[tuple, Post] = {}
    for person in index.mentions:
        if person.kind != "person":
            continue
        sent = sents[person.sentence] if 0 <= person.sentence < len(sents) else None
        if sent is None:
            continue
        for finder in (_left_title, _right_title):
            found = finder(doc, person, sent, index)
            if not found:
                continue
            title, rule = found
            org = title.organization
            conf = _CONFIDENCE[rule]
            if org is None:
                org = _hinted_org(title.role, index)
                if org is not None:
                    rule, conf = "title-institution-hint", conf - 0.2
            ev = evidence_of(sent, "rule:" + rule, conf)
            key = (person.ref, slug(title.role), org)
            if key not in posts:
                posts[key] = Post(person.ref, title.role, org, ev, title.qualifiers)
    # a post without institution is dropped when the same person has that role with one
    out = []
    for (ref, role_key, org), post in posts.items():
        if org is None and any(k[0] == ref and k[1] == role_key and k[2] is not None for k in posts):
            continue
        out.append(post)
    return out
