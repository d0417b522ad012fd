"""Posts: a person holds a title ('US Attorney General Eric Holder', 'Eric Holder, US Attorney General').

A title phrase is read with the role lexicon: optional qualifiers ('former'), the institution or
country it belongs to (a name, a possessive 'the EU's', or a demonym 'Mexican'), title words
ending in a role head ('Home Affairs Commissioner'), and an optional 'of/for X' tail.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache

from kg.extract import geo
from kg.extract.facts import EntityRef, Post
from kg.extract.lexicon import lexicon, load_json, word_sets
from kg.extract.mention import Found, MentionIndex
from kg.extract.normalize import fold, slug, title_case
from kg.extract.sentences import Sentence

_DETERMINERS = {"the", "a", "an", "its", "their", "his", "her"}
#: words that end a place's name when a proper noun comes right before them ('New York City Mayor')
_PLACE_WORDS = {"city", "county", "state", "borough", "district", "province"}
_CONFIDENCE = {"title-before-name": 0.9, "title-after-name": 0.85, "title-apposition-before": 0.8,
               "title-coordinated": 0.8, "title-whose": 0.75, "title-in-clause": 0.75}


@dataclass(frozen=True)
class PostRules:
    """Classes of roles for deciding what a title is a post in (kg/data/roles.json)."""

    occupations: frozenset[str]
    constituency_roles: frozenset[str]
    party_roles: frozenset[str]
    peerage_honorifics: frozenset[str]
    past_cues: frozenset[str]
    candidacy_roles: frozenset[str]
    present_words: frozenset[str]


@cache
def post_rules() -> PostRules:
    """The role classes of kg/data/roles.json, loaded once."""
    return word_sets(PostRules, "roles.json", lower=True)


def role_head(role: str) -> str:
    """The head of a role label, lowercased ('Shadow Home Secretary' → 'secretary', 'Chief Whip' → 'chief whip')."""
    low = role.lower()
    lex = lexicon()
    heads = [h for h in lex.role_heads if low == h or low.endswith(" " + h) or low.endswith("-" + h)]
    return max(heads, key=len) if heads else low.split()[-1] if low else low


@dataclass
class Title:
    """A parsed title phrase."""

    role: str
    organization: EntityRef | None
    qualifiers: tuple[str, ...]
    start: int
    end: int
    inner: tuple[str, ...] = ()   #: further titles stacked after the first ('AU chairperson President X')


@dataclass(frozen=True)
class StatedTitle:
    """A title a clause gives a person ('X served as T', 'X was appointed T'), with the rule that read it."""

    person: EntityRef
    title: Title
    sentence: Sentence
    rule: str = "title-in-clause"


def _word(tok) -> str:
    """A title word in its singular form ('Presidents' → 'president')."""
    w = tok.lower_
    words = lexicon().role_head_words
    if w.endswith("s") and w not in words and tok.lemma_.lower() in words:
        return tok.lemma_.lower()
    nxt = tok.i + 2 if tok.i + 2 < len(tok.doc) and tok.doc[tok.i + 1].text == "," else tok.i + 1
    if tok.tag_ == "NNPS" and tok.lemma_ == tok.text and w[:-1] in lexicon().role_heads \
            and nxt < len(tok.doc) and tok.doc[nxt].ent_type_ == "PERSON":
        return w[:-1]      # 'Representatives X, Y and Z': a plural the model left unlemmatised
    return w


def _is_title_word(tok) -> bool:
    lex = lexicon()
    w = _word(tok)
    return w in lex.role_modifiers or w in lex.role_head_words or w in lex.role_heads or w == "-"


def _singular(tok) -> str:
    """The token's text, singular when it is a plural title word ('Presidents' → 'President')."""
    w = _word(tok)
    if w != tok.lower_:
        if tok.text[:-1].isupper():
            return w.upper()        # 'MPs' → 'MP'
        return tok.text[:1] + w[1:] if tok.text[:1].isupper() else w
    return tok.text


def _split_stacked(words: list[str]) -> list[int]:
    """Where a run of title words holds two titles ('chairperson President'): the split positions."""
    lex = lexicon()
    cuts = []
    for p in range(1, len(words)):
        if words[p - 1] not in lex.role_heads or words[p - 1] in lex.weak_role_heads \
                or words[p] in ("-", "and", "&", "of", "for", "the", "to"):
            continue
        spanning = any(" ".join(words[a:b]) in lex.role_heads for a in range(0, p) for b in range(p + 1, len(words) + 1))
        if not spanning and _ends_with_head(words[p:]) and (not cuts or _ends_with_head(words[cuts[-1]:p])):
            cuts.append(p)
    return cuts


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
    body: EntityRef | None = None
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
        if not role_toks and tok.is_lower and tok.lower_ in post_rules().present_words:
            i += 1                                 # 'X, the current President of Y': held now, no part of the name
            continue
        if tok.lower_ in ("elect", "designate") and role_toks:
            quals.append(tok.lower_)
            i += 1
            continue
        if tok.text in ("-", "–") and role_toks and i + 1 < len(toks) and doc[toks[i + 1]].lower_ in ("elect", "designate"):
            i += 1                                 # 'President-elect': the hyphen belongs to the qualifier
            continue
        if m is not None and m.kind in ("organization", "country") and not role_toks:
            if m.kind == "country" and org is not None and org.kind == "organization":
                body = org       # 'UKIP Scotland chairman': a party's branch, if the role is a party's
            org = m.ref
            i += m.end - t if m.start == t else 1
            while i < len(toks) and doc[toks[i]].lower_ in ("'s", "’s", "'"):
                i += 1
            continue
        if m is None and not role_toks and geo.demonym_code(tok.text) and tok.text[:1].isupper():
            org = org or EntityRef("country", geo.demonym_code(tok.text))
            i += 1
            continue
        if tok.lower_ == "to" and role_toks and _ends_with_head([doc[r].lower_ for r in role_toks]):
            rest = toks[i + 1:]
            while rest and doc[rest[0]].lower_ in _DETERMINERS:
                rest.pop(0)
            m2 = index.at(rest[0]) if rest else None
            if m2 is None or m2.kind not in ("country", "organization") or m2.end < rest[-1] + 1:
                return None
            role_toks += [t] + rest       # 'US Ambassador to Germany': the host is the portfolio, not the post's
            break
        if tok.lower_ in ("of", "for") and role_toks and _ends_with_head([doc[r].lower_ for r in role_toks]):
            rest = toks[i + 1:]
            while rest and doc[rest[0]].lower_ in _DETERMINERS:
                rest.pop(0)
            if rest:
                m2 = index.at(rest[0])
                places = ("place", "site") if tok.lower_ == "of" else ("place",)   # 'governor of Massachusetts'
                if m2 is not None and (m2.kind in ("organization", "country") or m2.kind in places) \
                        and m2.end >= rest[-1] + 1 - 0:
                    seat = m2.kind == "place" and role_head(" ".join(doc[r].lower_ for r in role_toks)) \
                        in post_rules().constituency_roles
                    if org is not None and tok.lower_ == "for" and m2.kind == "country":
                        role_toks += [t] + rest     # 'US Special Representative for Iran': Iran is the portfolio
                    elif not seat:                  # 'MP for Witney': the seat, not the institution
                        tail_org = m2.ref
                        seat_role = _member_role(doc, role_toks, m2.name)
                        if seat_role is not None:
                            return Title(seat_role, tail_org, tuple(dict.fromkeys(quals)), start, end)
                    i = len(toks)
                    break
                words = [doc[r].lower_ for r in rest]
                if all(w in lex.role_modifiers or w in ("and", "&", "-") for w in words):
                    role_toks += [t] + rest
                    i = len(toks)
                    break
                cut = next((q for q, w in enumerate(words) if w in ("for", "of") and q), None)
                while cut is not None and cut + 1 < len(rest) and doc[rest[cut + 1]].lower_ == "the":
                    rest = rest[:cut + 1] + rest[cut + 2:]
                    words = words[:cut + 1] + words[cut + 2:]
                tail = index.at(rest[cut + 1]) if cut is not None and cut + 1 < len(rest) else None
                if tail is not None and tail.kind in ("organization", "country") and tail.end >= rest[-1] + 1 \
                        and all(w in lex.role_modifiers or w in ("and", "&", "-") for w in words[:cut]):
                    role_toks += [t] + rest[:cut]     # 'Secretary of Justice for Puerto Rico': a portfolio, then
                    tail_org = tail.ref               # the country the post is of
                    i = len(toks)
                    break
                if tail is not None and tail.kind in ("place", "site") and tail.end >= rest[-1] + 1 and words[cut] == "of" \
                        and words[:cut] and words[cut - 1] in _PLACE_CLASSES \
                        and all(geo.demonym_code(doc[r].text) or words[q] in _PLACE_CLASSES for q, r in enumerate(rest[:cut])):
                    tail_org = tail.ref               # 'mayor of the Polish city of Gdańsk': the city
                    i = len(toks)
                    break
                if tok.lower_ == "of" and role_head(" ".join(doc[r].lower_ for r in role_toks)) in lex.territorial_titles \
                        and all(doc[r].is_alpha and doc[r].text[:1].isupper() and doc[r].lower_ not in lex.org_heads
                                for r in rest):   # not 'Dean of UC Berkeley School of Law'
                    role_toks += [t] + rest           # 'the Archbishop of Gdańsk': the see names the title
                    i = len(toks)
                    break
            return None
        if _is_title_word(tok) or (tok.lower_ in ("and", "&") and role_toks):
            role_toks.append(t)
            i += 1
            continue
        return None
    prefix = ""
    while role_toks and doc[role_toks[0]].text in ("-", "–"):
        before = doc[role_toks[0] - 1].lower_ if role_toks[0] > 0 else ""
        hyphen = doc[role_toks[0]]
        joined = role_toks[0] > 0 and not doc[role_toks[0] - 1].whitespace_ and not hyphen.whitespace_
        if before in ("ex", "former"):
            quals.append("former")
        elif before in lexicon().qualifiers and joined:
            quals.append(before)                 # 'then-Secretary', 'now-acting': a qualifier, no prefix
        elif before.isalpha() and joined:
            prefix = before.title() + "-"      # 'co-chairman', 'vice-president', 'e-commerce minister'
        elif not joined:
            return None                        # '… in his stead - and Deputy Prime Minister X': a dash, no prefix
        role_toks.pop(0)
    if not role_toks:
        return None
    while len(role_toks) >= 2 and _word(doc[role_toks[0]]) in lex.weak_role_heads \
            and _word(doc[role_toks[0]]) not in lex.role_modifiers and _word(doc[role_toks[1]]) not in _CONNECTORS:
        role_toks.pop(0)   # 'Chinese counterpart Minister Li Zhaoxing': the post is 'Minister'
    words = [_word(doc[r]) for r in role_toks]
    head_end = len(words)
    while head_end and not _ends_with_head(words[:head_end]):
        head_end -= 1
    if head_end == 0 or head_end < len(words) and words[head_end] not in ("for", "of", "to"):
        return None
    if not _words_of_titles(words[:head_end], [doc[r].pos_ for r in role_toks[:head_end]]):
        return None   # 'first under President X': 'first' and 'under' belong to other titles
    if "of" in words:    # 'the home of Prime Minister X': the title starts after a noun that is no title
        q = words.index("of")
        if q and _ends_with_head(words[q + 1:]) and not _ends_with_head(words[:q]):
            return None
    if "and" in words:   # 'the prime minister and Chancellor Gordon Brown': the last title is the person's
        k = len(words) - 1 - words[::-1].index("and")
        before = words[:k]
        if before and _ends_with_head(before) and before[-1] not in lex.role_modifiers:
            org = None   # 'Conservative Party leader and Prime Minister X': the party is the leader's
            role_toks, words = role_toks[k + 1:], words[k + 1:]
            if not role_toks:
                return None
        elif before and not _ends_with_head(before) and _ends_with_head(
                [w.lower() for w in words[k + 1:]][:next((q for q, w in enumerate(words[k + 1:]) if w.lower() in ("of", "for")), None)]):
            return None      # 'Minister for Finance and Minister of Economy' cut as 'Finance and Minister …
    if all(w in lex.weak_role_heads for w in words) and (tail_org or org) is None:
        return None  # 'official', 'member' alone is not a post; 'a Spanish counterpart', 'an EU official' are

    def role_text(toks: list[int]) -> str:
        text = " ".join(_singular(doc[r]) for r in toks)
        text = title_case(text.replace(" - ", "-").replace(" -", "-").replace("- ", "-"))
        return prefix + text if toks and toks[0] == role_toks[0] else text

    cuts = _split_stacked(words) if tail_org is None else []
    bounds = [0, *cuts, len(role_toks)]
    roles = [role_text(role_toks[a:b]) for a, b in zip(bounds, bounds[1:])]
    edge = {"of", "for", "the", "and", "to", "a", "an", "in", "on"}
    if any(r.split()[0].lower() in edge or r.split()[-1].lower() in edge for r in roles):
        return None   # 'Member of the', 'Of Justice': a cut phrase is not a title
    quals = ["former" if q in ("ex", "ex-") else q for q in quals]   # 'ex-chief adviser': one qualifier
    if body is not None and org is not None and org.kind == "country" and role_head(roles[0]) in post_rules().party_roles:
        org = body   # 'UKIP Scotland chairman' chairs the party ('Republican US Senator' sits for the US)
    return Title(roles[0], tail_org or org, tuple(dict.fromkeys(quals)), start, end, tuple(roles[1:]))


@cache
def _member_roles() -> dict[str, tuple[str, ...]]:
    """The 'member of …' titles of kg/data/roles.json role_bodies and the bodies they sit in."""
    bodies = load_json("roles.json")["role_bodies"]
    return {role: tuple(b) for role, b in bodies.items() if role.startswith("member of ")}


def _member_role(doc, role_toks: list[int], body: str) -> str | None:
    """'a member of the French Parliament': a member of a legislature holds its member's title
    ('Member of Parliament'), not a bare 'Member'."""
    if [doc[r].lower_ for r in role_toks] != ["member"]:
        return None
    name = fold(body)
    for role, phrases in _member_roles().items():
        if any(name == p or name.endswith(" " + p) for p in phrases):
            return title_case(role)
    return None


_CONNECTORS = ("of", "for", "-", "and", "&")
#: nouns of a kind of place, between a title and the place's name ('mayor of the Polish city of Gdańsk')
_PLACE_CLASSES = {"city", "town", "village", "region", "province", "state", "county", "capital", "port", "district"}


def _words_of_titles(words: list[str], pos: list[str]) -> bool:
    """Every word is a noun, a modifier, a connector or inside a whole title ('first minister',
    'under-secretary'), not a word of a title that is not there ('first under president')."""
    lex = lexicon()
    covered: set[int] = set()
    for a in range(len(words)):
        for b in range(a + 1, len(words) + 1):
            if " ".join(words[a:b]).replace(" - ", "-") in lex.role_heads:
                covered.update(range(a, b))
    return all(q in covered or w in lex.role_modifiers or w in ("and", "&", "of", "for", "-", "the")
               or pos[q] in ("NOUN", "PROPN") for q, w in enumerate(words))


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
            b = a - 1
            while b > k and doc[b].lower_ in _DETERMINERS:
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
        if _is_title_word(tok) or tok.lower_ in lex.qualifiers or tok.lower_ in ("'s", "’s", "and", "&", "of", "for", "to") \
                or geo.demonym_code(tok.text):
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
                and doc[s - 1].text[:1].isupper() and doc[s - 1].is_alpha and inside is None:
            continue   # 'former New York City Mayor X': 'City' ends the place's name, the role is 'Mayor'
        title = parse_title(doc, s, j + 1, index)
        if title:
            return _with_past_cue(doc, _with_earlier_qualifiers(doc, title, sent), sent), "title-before-name"
    return None


def _with_past_cue(doc, title: Title, sent: Sentence) -> Title:
    """"X's predecessor as chief inspector, Y": Y held the post before, it is a former one."""
    a = title.start
    while a < title.end and doc[a].lower_ in _DETERMINERS:
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
    while k < sent.end and doc[k].text not in (",", ";", ".", ":", "(", ")", '"', "“", "”") \
            and (doc[k].pos_ != "VERB" or doc[k].lower_ in lexicon().qualifiers):   # 'X, the acting Prime Minister'
        k += 1
    if k == j + 1:
        return None
    if k < sent.end and doc[k].pos_ == "VERB" and doc[j + 1].lower_ in ("the", "a", "an"):
        return None   # 'Echoing X, the prime minister said': the phrase is the subject of the next verb
    n = k
    if n < len(doc) and doc[n].text == "(":   # 'X, Labour MP (Member of Parliament) Y': the next item's title
        while n < len(doc) and n < k + 12 and doc[n].text != ")":
            n += 1
        n += 1
    nxt = index.at(n) if n < len(doc) else None
    if nxt is not None and nxt.kind == "person" and nxt.start == n:
        return None
    # 'Eric Holder, US Attorney General, in Copenhagen' — the phrase must end at punctuation
    if index.in_range(j + 1, k, ("person",)):
        return None   # 'Rice, UN Secretary General Kofi Annan': the title of the next person
    for e in range(k, j + 1, -1):
        if e < sent.end and doc[e].is_alpha and doc[e].text[:1].isupper() and doc[e - 1].text[:1].isupper():
            continue   # 'Minister for Defence | Procurement': never cut inside a name
        if any(doc[t].tag_ in ("NNS", "NNPS") and _word(doc[t]) != doc[t].lower_ for t in range(j + 1, e)):
            continue   # 'X, World Bank officials and …': a plural is no apposition to one person
        if e < k and doc[e - 1].dep_ in ("compound", "amod", "nmod") and doc[e - 1].head.i >= e:
            continue   # 'legal director of the human rights | organisation Redress': never cut a noun phrase
        title = parse_title(doc, j + 1, e, index)
        if title:
            return title, "title-after-name"
    return None


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
