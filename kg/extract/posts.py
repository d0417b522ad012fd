"""Posts: a person holds a title ('US Attorney General Eric Holder', 'Eric Holder, US Attorney General').

The title phrases around a person's mentions (before the name, in apposition after it, shared by a
coordinated list, 'whose T is X') are read by kg.extract.titles; the titles clauses state ('X served
as T', kg.extract.clause_posts) join them here.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from kg.extract import geo
from kg.extract.facts import EntityRef, Post
from kg.extract.lexicon import lexicon
from kg.extract.mention import Found, MentionIndex
from kg.extract.normalize import slug
from kg.extract.sentences import Sentence
from kg.extract.titles import (
    DETERMINERS,
    StatedTitle,
    Title,
    is_title_word,
    joined_prefix,
    parse_title,
    post_rules,
    role_head,
    title_word,
)

__all__ = ["StatedTitle", "Title", "find_posts", "parse_title", "post_rules", "role_head"]

#: words that end a place's name when a proper noun comes right before them ('New York City Mayor')
_PLACE_WORDS = {"city", "county", "state", "borough", "district", "province"}
#: adverbs before an apposition that make its title a past one ('X, formerly the mayor'); participles before 'as'
_PAST_ADVERBS = {"formerly", "once", "previously"}
_SERVING = {"serving", "working", "acting"}
#: relative pronouns that end an apposition ('X, a UN rapporteur who had investigated the case, said')
_RELATIVES = {"who", "whom", "whose", "which"}
_CONFIDENCE = {"title-before-name": 0.9, "title-after-name": 0.85, "title-apposition-before": 0.8,
               "title-coordinated": 0.8, "title-whose": 0.75, "title-in-clause": 0.75}


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
        subject = person.end < sent.end and doc[person.end].pos_ in ("VERB", "AUX")
        for a in range(k + 1, j):   # 'Madrid is represented by Spain's director general for Europe, X'
            title = parse_title(doc, a, j, index)
            if not title:
                continue
            owner = index.at(a)
            if owner is not None and owner.kind == "person" and (owner.ref == person.ref or owner.text == doc[person.end - 1].text):
                return None   # "According to Y, X's former spokeswoman, X died": no one is their own spokeswoman
            b = a - 1
            while b > k and doc[b].lower_ in DETERMINERS:
                b -= 1
            if subject and b > k and doc[b].pos_ in ("VERB", "AUX", "ADP"):
                return None   # 'claims he did not trust the prime minister, Mr Brown replied': object, then subject
            if b > k + 1 and doc[b].lower_ in ("'s", "’s") and (
                    (owner := index.at(b - 1)) is not None and owner.ref == person.ref or doc[b - 1].text == doc[person.end - 1].text):
                return None   # 'According to Y, X's former spokeswoman, X died': no one is their own spokeswoman
            return _with_past_cue(doc, title, sent), "title-apposition-before"
        return None
    k = j
    while k >= sent.start:
        tok = doc[k]
        m = index.at(k)
        if m is not None and m.kind in ("organization", "country"):
            k = m.start - 1
            continue
        if is_title_word(tok) or tok.lower_ in lex.qualifiers or tok.lower_ in ("'s", "’s", "and", "&", "of", "for", "to") \
                or geo.demonym_code(tok.text) or joined_prefix(doc, k):
            k -= 1
            continue
        break
    start = k + 1
    # trim leading connectors
    while start <= j and doc[start].lower_ in ("and", "&", "of", "for", "to", "'s", "’s"):
        start += 1
    for s in range(start, j + 1):  # longest phrase that parses
        inside = index.at(s)
        if inside is not None and inside.start < s or s > sent.start and doc[s].lower_ in _PLACE_WORDS \
                and doc[s].text[:1].isupper() and doc[s - 1].text[:1].isupper() and doc[s - 1].is_alpha and inside is None:
            continue   # 'former New York City Mayor X': 'City' ends the place's name, the role is 'Mayor'
            #            (not 'New Hampshire state representative X': a lowercase 'state' starts the title)
        title = parse_title(doc, s, j + 1, index)
        if title:
            return _with_past_cue(doc, _with_earlier_qualifiers(doc, title, sent), sent), "title-before-name"
    return None


def _with_past_cue(doc, title: Title, sent: Sentence) -> Title:
    """"X's predecessor as chief inspector, Y": Y held the post before, it is a former one."""
    a = title.start
    while a < title.end and doc[a].lower_ in DETERMINERS:
        a += 1
    if a - 2 < sent.start or doc[a - 1].lower_ != "as" or doc[a - 2].lower_ not in post_rules().past_cues \
            or "former" in title.qualifiers:
        return title
    return Title(title.role, title.organization, ("former", *title.qualifiers), title.start, title.end, title.inner)


def _with_earlier_qualifiers(doc, title: Title, sent: Sentence) -> Title:
    """'former Massachusetts governor X', 'ex-Conservative chancellor X': a qualifier a few words before
    the title still qualifies it."""
    lex = lexicon()
    quals = list(title.qualifiers)
    lo = title.start
    while lo > max(sent.start, title.start - 4) and (doc[lo - 1].text[:1].isupper() or doc[lo - 1].text in ("-", "–")
                                                     or doc[lo - 1].lower_ in lex.qualifiers
                                                     or doc[lo - 1].lower_.startswith("ex-")):
        lo -= 1   # only the words right before the title: not 'a former colony, X's President'
    for tok in doc[lo:title.start]:
        word = tok.lower_
        if word in ("former", "ex", "ex-", "acting", "interim", "outgoing") and word.rstrip("-") not in quals:
            quals.append(word.rstrip("-"))
        elif word.startswith("ex-") and "ex" not in quals and "former" not in quals:
            quals.append("former")
    if "ex" in quals:
        quals = ["former" if q == "ex" else q for q in quals]
    if tuple(quals) == title.qualifiers:
        return title
    return Title(title.role, title.organization, tuple(dict.fromkeys(quals)), title.start, title.end, title.inner)


def _right_title(doc, person: Found, sent: Sentence, index: MentionIndex) -> tuple[Title, str] | None:
    j = person.end
    if j >= sent.end or doc[j].text != ",":
        return None
    k = j + 1
    before: tuple[str, ...] = ()
    if k + 1 < sent.end and doc[k].lower_ in _PAST_ADVERBS:
        before, k = ("former",), k + 1                   # 'X, formerly Y's ambassador,'
    elif k + 1 < sent.end and doc[k].lower_ in ("then", "now", "currently") and doc[k + 1].lower_ in _SERVING:
        before, k = (("then",) if doc[k].lower_ == "then" else ()), k + 1
    if k + 2 < sent.end and doc[k].lower_ in _SERVING and doc[k + 1].lower_ == "as":
        k += 2                                           # 'X, then serving as Y's ambassador,'
    j = k - 1
    while k < sent.end and doc[k].text not in (",", ";", ".", ":", "(", ")", '"', "“", "”") \
            and doc[k].text not in _RELATIVES \
            and (doc[k].pos_ != "VERB" or doc[k].lower_ in lexicon().qualifiers):   # 'X, the acting Prime Minister'
        k += 1
    if k == j + 1:
        return None
    if k < sent.end and doc[k].pos_ == "VERB" and doc[j + 1].lower_ in ("the", "a", "an"):
        return None   # 'Echoing X, the prime minister said': the phrase is the subject of the next verb
    if k < sent.end and doc[k].text in _RELATIVES and not any(doc[q].text == "," for q in range(k + 1, sent.end)):
        return None   # 'Echoing X, the prime minister who won said': no comma closes the clause
    n = k
    if n < len(doc) and doc[n].text == "(":   # 'X, Labour MP (Member of Parliament) Y': the next item's title
        while n < len(doc) and n < k + 12 and doc[n].text != ")":
            n += 1
        n += 1
    nxt = index.at(n) if n < len(doc) else None
    if nxt is not None and nxt.kind == "person" and nxt.start == n:
        return None
    # 'Eric Holder, US Attorney General, in Copenhagen' — the phrase must end at punctuation (or a relative
    # pronoun: 'X, a UN rapporteur who had investigated the case, said')
    if any(doc[m.end].lower_ not in ("'s", "’s") for m in index.in_range(j + 1, k, ("person",))):
        return None   # 'Rice, UN Secretary General Kofi Annan': the title of the next person (not 'X, Obama's envoy')
    for e in range(k, j + 1, -1):
        if e < sent.end and doc[e].is_alpha and doc[e].text[:1].isupper() and doc[e - 1].text[:1].isupper():
            continue   # 'Minister for Defence | Procurement': never cut inside a name
        if e + 1 < k and doc[e].lower_ in ("of", "for") and doc[e - 1].text[:1].isupper() \
                and doc[e - 1].lower_ in lexicon().org_heads and title_word(doc[e - 1]) not in lexicon().role_head_words \
                and (doc[e + 1].text[:1].isupper() or doc[e + 1].lower_ == "the" and doc[e + 2].text[:1].isupper()):
            continue   # 'for the Office | of the UN High Commissioner': nor inside a name's 'of' tail
        if any(doc[t].tag_ in ("NNS", "NNPS") and title_word(doc[t]) != doc[t].lower_ for t in range(j + 1, e)):
            continue   # 'X, World Bank officials and …': a plural is no apposition to one person
        if e < k and doc[e - 1].dep_ in ("compound", "amod", "nmod") and doc[e - 1].head.i >= e:
            continue   # 'legal director of the human rights | organisation Redress': never cut a noun phrase
        title = parse_title(doc, j + 1, e, index)
        if title:
            if before and not set(before) & set(title.qualifiers):
                title = Title(title.role, title.organization, (*before, *title.qualifiers), title.start, title.end, title.inner)
            return title, "title-after-name"
    return None


def _coordinated_heads(doc, title: Title, index: MentionIndex) -> list[Title]:
    """'X, the then chair and spokesperson for Y,': in an apposition after one name, a title coordinated before
    the last one is that person's too."""
    out = []
    for k in range(title.start + 1, title.end - 1):
        if doc[k].lower_ == "and" and role_head(doc[k - 1].lower_) == doc[k - 1].lower_ and is_title_word(doc[k - 1]):
            first = parse_title(doc, title.start, k, index)
            if first is not None and first.role.lower() != title.role.lower():
                out.append(first)
    return out


def _whose_title(doc, person: Found, sent: Sentence, index: MentionIndex) -> tuple[Title, str] | None:
    """'the Syrian Army — whose commander-in-chief is President Bashar al-Assad': X's TITLE is NAME."""
    j = person.start - 1
    honorific_or_title = _left_title(doc, person, sent, index)
    if honorific_or_title is not None:
        j = honorific_or_title[0].start - 1
    if j <= sent.start or doc[j].lower_ not in ("is", "was", "remains"):
        return None
    w = next((k for k in range(j - 1, max(sent.start, j - 8) - 1, -1) if doc[k].lower_ == "whose"), None)
    if w is None:
        return None
    title = parse_title(doc, w + 1, j, index)
    k = w - 1
    while k > sent.start and doc[k].is_punct:
        k -= 1
    owner = index.at(k)
    if title is None or owner is None or owner.kind not in ("organization", "country"):
        return None
    return Title(title.role, title.organization or owner.ref, title.qualifiers, w + 1, j, title.inner), "title-whose"


def _of_tail(doc, person: Found, sent: Sentence, index: MentionIndex) -> Found | None:
    """The country or institution in 'NAME of X' ('Patrice Talon of Benin', 'X of the UK's NCA')."""
    k = person.end
    if k >= sent.end or doc[k].lower_ != "of":
        return None
    if person.start > sent.start and doc[person.start - 1].lower_ in post_rules().peerage_honorifics:
        return None   # 'Lord Roberts of Conwy': a territorial title, not an institution
    k += 1
    while k < sent.end and doc[k].lower_ in ("the",):
        k += 1
    if k + 1 < sent.end and doc[k].pos_ == "ADJ" and doc[k].is_lower and index.at(k) is None:
        k += 1    # 'of the conservative Law and Justice Party'
    m = index.at(k)
    if m is None or m.kind not in ("organization", "country"):
        return None
    after = m.end
    if after < sent.end and doc[after].lower_ in ("'s", "’s"):   # 'of the UK's National Crime Agency'
        nxt = index.at(after + 1)
        if nxt is not None and nxt.kind == "organization":
            return nxt
    return m


def _coordinated_title(doc, person: Found, sent: Sentence, index: MentionIndex) -> tuple[Title, str] | None:
    """'Presidents X of Nigeria and Y of Benin': Y shares the plural title of X."""
    j = person.start - 1
    if j <= sent.start or doc[j].lower_ not in ("and", ","):
        return None
    k = j - 1
    if doc[j].lower_ == "and" and k > sent.start and doc[k].text == ",":
        k -= 1     # 'Representatives X, Y, and Z': the serial comma
    m = index.at(k)
    if m is not None and m.kind in ("organization", "country"):
        k = m.start - 1
        while k > sent.start and doc[k].lower_ == "the":
            k -= 1
        if doc[k].lower_ != "of":
            return None
        k -= 1
    prev = index.at(k)
    if prev is None or prev.kind != "person" or prev is person:
        return None
    found = _left_title(doc, prev, sent, index) or _coordinated_title(doc, prev, sent, index)
    if found is None:
        return None
    title, _rule = found
    head = doc[title.end - 1]
    if not (head.tag_ in ("NNS", "NNPS") or found[1] == "title-coordinated"):
        return None
    owners = [t for t in doc[title.start:title.end] if geo.demonym_code(t.text) or (m := index.at(t.i)) is not None
              and m.kind in ("country", "organization")]
    shared = title.organization if len({index.at(t.i).ref if index.at(t.i) else t.lower_ for t in owners}) == 1 else None
    # 'CIA directors X, Y and Z' share the CIA; 'German and French leaders X and Y' share no one country
    return Title(title.role, shared, title.qualifiers, title.start, title.end, title.inner), "title-coordinated"


def find_posts(doc, sents: list[Sentence], index: MentionIndex, evidence_of,
               stated: Iterable[StatedTitle] = ()) -> list[Post]:
    """All posts held by people mentioned in the article (one per person, role and institution); `stated`
    are the titles clauses give ('X served as T', kg.extract.clause_posts), read after the titles beside names."""
    posts: dict[tuple, Post] = {}

    def add(person: Found | EntityRef, role: str, org, rule: str, conf: float, sent: Sentence, qualifiers) -> None:
        ref = person if isinstance(person, EntityRef) else person.ref
        if org is None:
            org = _hinted_org(role, index)
            if org is not None:
                rule, conf = "title-institution-hint", conf - 0.2
        key = (ref, slug(role), org)
        if key not in posts:
            posts[key] = Post(ref, role, org, evidence_of(sent, "rule:" + rule, conf), qualifiers)
        elif not set(qualifiers) <= set(posts[key].qualifiers):   # 'the outgoing minister X' later on
            posts[key] = replace(posts[key], qualifiers=tuple(dict.fromkeys(posts[key].qualifiers + tuple(qualifiers))))

    for person in index.mentions:
        if person.kind != "person" or person.source == "pronoun":
            continue   # 'told the prime minister he …': a title before a pronoun is someone else's
        sent = sents[person.sentence] if 0 <= person.sentence < len(sents) else None
        if sent is None:
            continue
        of_tail = _of_tail(doc, person, sent, index)
        has_left = False
        for finder in (_left_title, _coordinated_title, _right_title, _whose_title):
            if finder is _coordinated_title and has_left:
                continue
            found = finder(doc, person, sent, index)
            if not found:
                continue
            title, rule = found
            conf = _CONFIDENCE[rule]
            tail = of_tail.ref if of_tail is not None and finder is not _right_title else None
            if title.inner:
                add(person, title.role, title.organization, rule, conf, sent, title.qualifiers)
                for role in title.inner[:-1]:
                    add(person, role, None, rule, conf - 0.1, sent, title.qualifiers)
                add(person, title.inner[-1], tail, rule + ("+of" if tail else ""), conf - 0.05, sent, title.qualifiers)
            else:
                org = title.organization or tail
                if tail is not None and tail.kind == "organization" and org is not None and org.kind == "country" \
                        and role_head(title.role) in post_rules().party_roles:
                    org = tail   # 'Polish leader X of the Law and Justice Party' leads the party
                elif org is not None and org.kind == "country" and "opposition" in title.role.lower().split():
                    org = None   # "Poland's opposition leader X": not a post of the state
                add(person, title.role, org, rule + ("+of" if title.organization is None and tail else ""),
                    conf - (0.05 if title.organization is None and tail else 0), sent, title.qualifiers)
            has_left = has_left or finder is _left_title
            if finder is _right_title:
                for first in _coordinated_heads(doc, title, index):
                    add(person, first.role, first.organization, rule, conf - 0.05, sent, first.qualifiers)
    for st in stated:
        for role in (st.title.role, *st.title.inner):
            add(st.person, role, st.title.organization if role == st.title.role else None, st.rule,
                _CONFIDENCE["title-in-clause"], st.sentence, st.title.qualifiers)
    # a post without institution is dropped when the same person has that role with one
    rules = post_rules()
    out = []
    for (ref, role_key, org), post in posts.items():
        if org is None and any(k[0] == ref and k[1] == role_key and k[2] is not None for k in posts):
            continue
        if role_head(post.role) in rules.occupations and (org is None or org.kind == "country"):
            continue   # 'Welsh singer X': a trade, not a post
        if any(k[0] == ref and k[1].endswith("-" + role_key) and (org is None or k[2] == org) for k in posts):
            continue   # 'Director' beside 'Police Director' for the same person
        out.append(post)
    return out
