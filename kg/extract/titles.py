"""Title phrases: 'US Attorney General', 'the EU's home affairs commissioner', 'Secretary of Justice for
Puerto Rico', 'Ambassador to Germany', 'the Archbishop of Gdańsk', read with the role lexicon
(kg/data/roles.json): optional qualifiers ('former'), the institution or country a title belongs to
(a name, a possessive or a demonym), title words ending in a role head, and an 'of/for/to X' tail.
kg.extract.posts finds them around people's names; kg.extract.tenure_events after verbs ('served as T').
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kg.extract import geo
from kg.extract.facts import EntityRef
from kg.extract.lexicon import lexicon, load_json, word_sets
from kg.extract.mention import MentionIndex
from kg.extract.normalize import fold, title_case
from kg.extract.sentences import Sentence

DETERMINERS = {"the", "a", "an", "its", "their", "his", "her"}

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
    board_nouns: frozenset[str]
    board_verbs: frozenset[str]


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


def title_word(tok) -> str:
    """A title word in its singular form ('Presidents' → 'president', 'chairmen' → 'chairman')."""
    w = tok.lower_
    words = lexicon().role_head_words
    if (w.endswith("s") or tok.tag_ in ("NNS", "NNPS")) and w not in words and tok.lemma_.lower() in words:
        return tok.lemma_.lower()
    nxt = tok.i + 2 if tok.i + 2 < len(tok.doc) and tok.doc[tok.i + 1].text == "," else tok.i + 1
    if tok.tag_ == "NNPS" and tok.lemma_ == tok.text and w[:-1] in lexicon().role_heads \
            and nxt < len(tok.doc) and tok.doc[nxt].ent_type_ == "PERSON":
        return w[:-1]      # 'Representatives X, Y and Z': a plural the model left unlemmatised
    return w


def is_title_word(tok) -> bool:
    lex = lexicon()
    w = title_word(tok)
    return w in lex.role_modifiers or w in lex.role_head_words or w in lex.role_heads or w == "-"


def _singular(tok) -> str:
    """The token's text, singular when it is a plural title word ('Presidents' → 'President')."""
    w = title_word(tok)
    if w != tok.lower_:
        if tok.text[:-1].isupper():
            return w.upper()        # 'MPs' → 'MP'
        return tok.text[:1] + w[1:] if tok.text[:1].isupper() else w
    return tok.text


def joined_prefix(doc, k: int, end: int | None = None) -> bool:
    """'co' in 'Conservative co-chairman X': a short lowercase prefix joined by a hyphen to a title word (before `end`)."""
    tok = doc[k]
    return tok.is_alpha and tok.is_lower and len(tok.text) <= 5 and not tok.whitespace_ \
        and k + 2 < (len(doc) if end is None else end) and doc[k + 1].text == "-" and not doc[k + 1].whitespace_ \
        and is_title_word(doc[k + 2])


def _split_stacked(words: list[str]) -> list[int]:
    """Where a run of title words holds two titles ('chairperson President'): the split positions."""
    lex = lexicon()
    cuts = []
    for p in range(1, len(words)):
        if words[p - 1] not in lex.role_heads or words[p - 1] in lex.weak_role_heads \
                or words[p] in ("-", "and", "&", "of", "for", "the", "to"):
            continue
        if p == len(words) - 1 and words[p] in lex.portfolio_title_heads:
            continue    # 'Justice Minister': the word before a portfolio title is its area, not a title of its own
        spanning = any(" ".join(words[a:b]) in lex.role_heads for a in range(0, p) for b in range(p + 1, len(words) + 1))
        if not spanning and ends_with_head(words[p:]) and (not cuts or ends_with_head(words[cuts[-1]:p])):
            cuts.append(p)
    return cuts


def ends_with_head(words: list[str]) -> bool:
    lex = lexicon()
    text = " ".join(words).replace(" - ", "-")
    return any(text == h or text.endswith(" " + h) or text.endswith("-" + h.split()[-1]) and h.split()[-1] in ("general",)
               for h in lex.role_heads) and words[-1] not in ("-", "and")


def parse_title(doc, start: int, end: int, index: MentionIndex) -> Title | None:
    """Read tokens [start, end) as a title phrase; None when they are not one."""
    lex = lexicon()
    toks = list(range(start, end))
    while toks and doc[toks[0]].lower_ in DETERMINERS:
        toks.pop(0)
    determined = bool(toks) and toks[0] > start or start > 0 and doc[start - 1].lower_ in DETERMINERS
    quals: list[str] = []
    org: EntityRef | None = None
    body: EntityRef | None = None
    role_toks: list[int] = []
    tail_org: EntityRef | None = None
    also: tuple[str, ...] = ()     # a second title with its own portfolio after 'and'
    org_name = ""
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
        if tok.text in ("-", "–") and not role_toks and quals and t > 0 and doc[t - 1].lower_ in lex.qualifiers \
                and not doc[t - 1].whitespace_ and not tok.whitespace_:
            i += 1                                 # 'Ex-Labour leader': the hyphen belongs to the qualifier
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
        if m is not None and m.kind == "person" and m.start == t and not role_toks and org is None and not quals[1:] \
                and m.end < end - 1 and doc[m.end].lower_ in ("'s", "’s"):
            i += m.end + 1 - t     # "Obama's ambassador to Russia": a person's post-holder; post_links ties the owner's country
            continue
        if m is not None and m.kind in ("organization", "country") and not role_toks:
            if org is not None and org.kind == "organization" and (m.kind == "country" or fold(org_name).endswith(" party")):
                body = org       # 'UKIP Scotland chairman', "the SNP's Holyrood leader": the party, if the role is a party's
            org, org_name = m.ref, m.name
            i += m.end - t if m.start == t else 1
            while i < len(toks) and doc[toks[i]].lower_ in ("'s", "’s", "'"):
                i += 1
            continue
        if m is None and not role_toks and geo.demonym_code(tok.text) and tok.text[:1].isupper():
            org = org or EntityRef("country", geo.demonym_code(tok.text))
            i += 1
            continue
        if tok.lower_ == "to" and role_toks and ends_with_head([doc[r].lower_ for r in role_toks]):
            rest = toks[i + 1:]
            while rest and doc[rest[0]].lower_ in DETERMINERS:
                rest.pop(0)
            m2 = index.at(rest[0]) if rest else None
            if m2 is None or m2.kind not in ("country", "organization") or m2.end < rest[-1] + 1:
                return None
            role_toks += [t] + rest       # 'US Ambassador to Germany': the host is the portfolio, not the post's
            break
        if tok.lower_ in ("of", "for") and role_toks and ends_with_head([doc[r].lower_ for r in role_toks]):
            rest = toks[i + 1:]
            while rest and doc[rest[0]].lower_ in DETERMINERS:
                rest.pop(0)
            if rest:
                m2 = index.at(rest[0])
                if m2 is not None and m2.kind in ("country", "organization") and m2.end + 1 <= rest[-1] \
                        and doc[m2.end].lower_ in ("'s", "’s") and (body := index.at(m2.end + 1)) is not None \
                        and body.kind == "organization" and body.start == m2.end + 1:
                    m2 = body   # "head of Iran's Quds Force": the body, not its country
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
                second = _second_title(doc, rest, words, index)
                if second is not None:    # 'Deputy Prime Minister for Finance and Minister of Economy X'
                    role_toks += [t] + rest[:words.index("and")]
                    also = (second.role, *second.inner)
                    org = org or second.organization
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
        if not role_toks and joined_prefix(doc, t, toks[-1] + 1) and tok.lower_ not in lex.qualifiers \
                and f"{tok.lower_}-{title_word(doc[t + 2])}" not in lex.role_heads:
            i += 1      # 'Conservative co-chairman': the prefix joins the title below ('Co-Chairman')
            continue
        if is_title_word(tok) or (tok.lower_ in ("and", "&") and role_toks):
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
    while len(role_toks) >= 2 and title_word(doc[role_toks[0]]) in lex.weak_role_heads \
            and title_word(doc[role_toks[0]]) not in lex.role_modifiers and title_word(doc[role_toks[1]]) not in _CONNECTORS \
            and not any(" ".join(title_word(doc[r]) for r in role_toks[:n]) in lex.role_heads
                        for n in range(2, len(role_toks) + 1)):
        role_toks.pop(0)   # 'Chinese counterpart Minister Li Zhaoxing': the post is 'Minister' (not 'Solicitor General')
    words = [title_word(doc[r]) for r in role_toks]
    head_end = len(words)
    while head_end and not ends_with_head(words[:head_end]):
        head_end -= 1
    if head_end == 0 or head_end < len(words) and words[head_end] not in ("for", "of", "to"):
        return None
    if not _words_of_titles(words[:head_end], [doc[r].pos_ for r in role_toks[:head_end]]):
        return None   # 'first under President X': 'first' and 'under' belong to other titles
    if "of" in words:    # 'the home of Prime Minister X': the title starts after a noun that is no title
        q = words.index("of")
        if q and ends_with_head(words[q + 1:]) and not ends_with_head(words[:q]):
            return None
    first_toks: list[int] = []     # a first title the person also holds
    if "and" in words:   # 'the prime minister and Chancellor Gordon Brown': the last title is the person's
        k = len(words) - 1 - words[::-1].index("and")
        before = words[:k]
        if before and ends_with_head(before) and before[-1] not in lex.role_modifiers:
            if k + 1 < len(role_toks) and not determined and doc[role_toks[k + 1]].text[:1].isupper() \
                    and (org is not None or doc[role_toks[0]].text[:1].isupper()):
                first_toks = role_toks[:k]   # 'Deputy Prime Minister and Finance Minister X': both are X's
            else:
                org = None   # 'the party leader and Prime Minister X': the party is the leader's
            role_toks, words = role_toks[k + 1:], words[k + 1:]
            if not role_toks:
                return None
        elif before and all(w in lex.role_modifiers for w in before) and k + 1 < len(words) \
                and words[k + 1] in lex.role_modifiers and words[k + 1] not in lex.role_head_words:
            pass             # 'Trade and Industry Secretary': one portfolio of two areas
        elif before and not ends_with_head(before) and ends_with_head(
                [w.lower() for w in words[k + 1:]][:next((q for q, w in enumerate(words[k + 1:]) if w.lower() in ("of", "for")), None)]):
            return None      # 'Minister for Finance and Minister of Economy' cut as 'Finance and Minister …
    if all(w in lex.weak_role_heads for w in words) and (tail_org or org) is None:
        return None  # 'official', 'member' alone is not a post; 'a Spanish counterpart', 'an EU official' are

    def role_text(toks: list[int]) -> str:
        text = " ".join(_singular(doc[r]) for r in toks)
        text = title_case(text.replace(" - ", "-").replace(" -", "-").replace("- ", "-"))
        return prefix + text if toks and toks[0] == (first_toks or role_toks)[0] else text

    cuts = _split_stacked(words) if tail_org is None else []
    bounds = [0, *cuts, len(role_toks)]
    roles = [role_text(role_toks[a:b]) for a, b in zip(bounds, bounds[1:])]
    if first_toks:
        roles.insert(0, role_text(first_toks))
    roles += [r for r in also if r not in roles]
    edge = {"of", "for", "the", "and", "to", "a", "an", "in", "on"}
    if any(r.split()[0].lower() in edge or r.split()[-1].lower() in edge for r in roles):
        return None   # 'Member of the', 'Of Justice': a cut phrase is not a title
    quals = ["former" if q in ("ex", "ex-") else q for q in quals]   # 'ex-chief adviser': one qualifier
    if body is not None and org is not None and role_head(roles[0]) in post_rules().party_roles:
        org = body   # 'UKIP Scotland chairman' chairs the party ('Republican US Senator' sits for the US)
    if org is not None and org.kind == "organization" and roles[0].lower().startswith("state ") \
            and fold(org_name).endswith(" party"):
        org = None   # 'Republican state representative X' sits in the state's house, not the party's
    return Title(roles[0], tail_org or org, tuple(dict.fromkeys(quals)), start, end, tuple(roles[1:]))


def _second_title(doc, rest: list[int], words: list[str], index: MentionIndex) -> Title | None:
    """In the 'of/for' tail of a title, a portfolio, 'and' and a second title with its own head
    ('… for Finance and Minister of Economy'): the second title, else None ('for Trade and Industry')."""
    lex = lexicon()
    amp = next((q for q, w in enumerate(words) if w in ("and", "&") and q), None)
    if amp is None or amp + 1 >= len(rest) or not all(w in lex.role_modifiers for w in words[:amp]):
        return None
    first = doc[rest[amp + 1]]
    if title_word(first) not in lex.role_head_words:
        return None   # 'for European Justice and Home Affairs Commissioner X': one portfolio title, not two
    return parse_title(doc, rest[amp + 1], rest[-1] + 1, index)


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
