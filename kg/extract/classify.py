"""Classification: a candidate becomes a typed mention (person, organisation, country, place, site) or is
turned down with a reason.

`classify` runs a chain of steps. Each step looks at the candidate and either decides (a `Found`
mention, or a `Reason` to reject it) or hands it on, possibly changed (a place label relabelled an
organisation, a firm's name the model called a person relabelled, a span trimmed). The order of the
chain is the order of precedence: the gazetteer first, then what no name can be, countries, places,
people, organisations.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import cache

from kg.extract import geo
from kg.extract.cues import (
    class_noun_before,
    classed_as_org,
    classed_firm_word,
    constituency_slot,
    demonym_noun,
    fragment,
    is_demonym_plural,
    is_medium,
    is_place_slot,
    looks_like_person,
    modifies_named_thing,
    org_shaped,
    org_shaped_place,
    person_shaped_place,
    surname_as_place,
)
from kg.extract.lexicon import lexicon, load_json
from kg.extract.mention import Candidate, Found, Reason, Rejected, found
from kg.extract.names import given_name_gender
from kg.extract.normalize import fold, name_key, slug, title_case
from kg.extract.spans import common_word, extend_org, is_portfolio
from kg.extract.tokens import (
    capitalised,
    elided_particle,
    is_acronym,
    is_name_token,
    is_role_word,
    role_head_ending_at,
    span_text,
)

#: nouns after a name that make it a programme's ("Five's Wright Stuff show"), never a person's
_PROGRAMME_NOUNS = frozenset({"show", "programme", "program", "series", "documentary"})
#: prefixes of ships' names ('HMS Sheffield'): the name after one is no person
_SHIP_PREFIXES = frozenset({"MV", "HMS", "USS", "SS", "RMS"})
#: compass words that end a constituency's name after a city ('Bristol East')
_COMPASS_ENDS = frozenset({"north", "south", "east", "west", "central"})
_WEB = re.compile(r"https?:|www\.|\.(com|org|net)\b")

#: what a step makes of a candidate: a mention, a reason to reject it, or the candidate (changed or not) for the next step
Outcome = Candidate | Found | Reason


def classify(doc, cand: Candidate) -> Found | Rejected:
    """The typed mention a candidate is, or why it is none."""
    for step in STEPS:
        out = step(doc, cand)
        if isinstance(out, Candidate):
            cand = out
        elif isinstance(out, Reason):
            return Rejected(cand.start, cand.end, cand.label, out)
        else:
            return out
    return Rejected(cand.start, cand.end, cand.label, Reason.UNTYPED)


def drop_initials(name: str) -> str:
    """'Eric H. Holder' → 'Eric Holder' (for the matching key only); a last initial after a given name
    is the surname cut short, as the press does to keep a suspect anonymous ('Stefan W.'): it stays."""
    parts = name.split()
    last = len(parts) - 1
    kept = [p for i, p in enumerate(parts) if not re.fullmatch(r"[A-Z]\.?", p)
            or i == last and i > 0 and not re.fullmatch(r"[A-Z]\.?", parts[i - 1])]
    return " ".join(kept) if kept else name


def _honorifics() -> set[str]:
    return {h.rstrip(".") for h in lexicon().honorifics}


def _site(doc, c: Candidate) -> Found:
    """A place that is not a city: a region, venue, building or constituency, keyed by its name."""
    text = span_text(doc, c.start, c.end)
    return found(doc, c.start, c.end, "site", slug(text), text, c.source)


# --------------------------------------------------------------------------- steps


def from_gazetteer(doc, c: Candidate) -> Outcome:
    """A gazetteer match is the country or institution it names."""
    if c.label == "GAZ_country":
        return found(doc, c.start, c.end, "country", c.hint, geo.country_name(c.hint), c.source)
    if c.label == "GAZ_organization":
        inst = next(i for i in lexicon().institutions if i.name == c.hint)
        return found(doc, c.start, c.end, "organization", slug(inst.name), inst.name, c.source, alliance=inst.alliance)
    return c


def not_a_name(doc, c: Candidate) -> Outcome:
    """What no name of any kind is: a people's adjective, a handle, a listed word, a credit, a bare head noun."""
    lex = lexicon()
    s, e = c.start, c.end
    text = span_text(doc, s, e)
    if c.label == "NORP":
        return Reason.PEOPLE_WORD
    if s > 0 and doc[s - 1].text in ("#", "@"):
        return Reason.HANDLE
    if c.source == "ner" and (text in lex.not_person or fold(text) in lex.not_institutions):
        return Reason.LISTED
    if any(ch in text for ch in "/()@") or _WEB.search(text):
        return Reason.CREDIT
    if c.label in ("GPE", "LOC", "FAC", "ORG", "PERSON") and not any(ch.isalpha() for ch in text):
        return Reason.NO_LETTERS
    if e - s == 1 and doc[s].lower_ in lex.org_heads | lex.alliance_heads:
        return Reason.BARE_HEAD
    return c


def country(doc, c: Candidate) -> Outcome:
    """A country's name or alias, unless the model calls it a person."""
    code = geo.country_code(span_text(doc, c.start, c.end))
    if code and c.label != "PERSON":
        return found(doc, c.start, c.end, "country", code, geo.country_name(code), c.source)
    return c


def surname_labelled_place(doc, c: Candidate) -> Outcome:
    """The surname of a person named in full that the model labels a place where it is no place
    ('where Soleimani was arriving'): a person's name."""
    if c.label in ("GPE", "LOC", "FAC") and c.source == "ner" and surname_as_place(doc, c.start, c.end):
        return replace(c, label="PERSON")
    return c


def place(doc, c: Candidate) -> Outcome:
    """A city (GeoNames) or a site the model labels a place; a place label ending in an institution noun is
    an organisation's name ('116th U.S. Congress')."""
    lex = lexicon()
    s, e, label = c.start, c.end, c.label
    if label in ("GPE", "LOC", "FAC") and fragment(doc, s, e):
        return Reason.FRAGMENT   # 'a black Labrador-curly-coated retriever'
    if label not in ("GPE", "LOC", "ORG", "FAC"):
        return c
    if label in ("FAC", "LOC") and c.source == "ner" and e - s >= 2 and class_noun_before(doc, s, lex.firm_nouns):
        return replace(c, label="ORG", classed=True)   # 'the airline Mahan Air' typed a facility
    text = span_text(doc, s, e)
    city = geo.find_city(text, min_population=15000 if label in ("GPE", "LOC") else geo.MIN_CITY_POPULATION)
    if city is not None and modifies_named_thing(doc, e):
        return Reason.MODIFIES_THING   # 'the Kyoto treaty', 'the Madrid rail bombing'
    if city is not None and fold(text) not in lex.institution_by_key:
        return found(doc, s, e, "place", city.geonameid, city.name, c.source, country=city.country,
                     population=city.population)
    if label in ("GPE", "LOC", "FAC") and doc[e - 1].lower_ in lex.org_heads:
        return replace(c, label="ORG")
    if label in ("GPE", "LOC", "FAC"):
        if not org_shaped_place(doc, s, e) or e - s == 1 and doc[s].lower_ in lex.geo_feature_heads | lex.venue_heads:
            return Reason.NOT_A_PLACE   # 'Valley' of a film title, 'Islands' cut from a name
        return _site(doc, c)   # regions, venues, buildings: places that are not cities
    return c


def place_before_modifier(doc, c: Candidate) -> Outcome:
    """"London's King Cross station", 'the Wardak provincial council': a name before a place noun is a place
    or venue, never a person or institution."""
    lex = lexicon()
    s, e = c.start, c.end
    if c.label in ("PERSON", "ORG") and e < len(doc) and doc[e].text.islower() and doc[e].lower_ in lex.place_modifier_heads \
            and doc[e - 1].lower_ not in lex.org_heads:
        if org_shaped_place(doc, s, e) or all(capitalised(t.text) for t in doc[s:e] if t.is_alpha):
            return _site(doc, c)
        return Reason.NOT_A_PLACE
    return c


def firm(doc, c: Candidate) -> Outcome:
    """'the nationalist group Meibion Glyndwr', 'engineering firm Balfour Beatty': a firm noun makes the model's
    person an organisation."""
    if c.label == "PERSON" and c.source == "ner" and c.end - c.start >= 2 \
            and class_noun_before(doc, c.start, lexicon().firm_nouns):
        return replace(c, label="ORG", classed=True)
    return c


def person_as_thing(doc, c: Candidate) -> Outcome:
    """A name the model calls a person used as a place, a programme, a thing or a modifier."""
    lex = lexicon()
    s, e = c.start, c.end
    if c.label != "PERSON":
        return c
    if c.source == "ner" and is_place_slot(doc, s, e) and not classed_firm_word(doc, s, e):
        return Reason.PLACE_SLOT
    root = doc[s:e].root
    city = geo.find_city(span_text(doc, s, e), min_population=100_000) \
        if c.source == "ner" and root.dep_ == "compound" and root.head.lemma_.lower() in lex.event_nouns else None
    if city is not None:   # 'told the Brighton conference': a city naming the event held there
        return found(doc, s, e, "place", city.geonameid, city.name, c.source, country=city.country,
                     population=city.population)
    if e < len(doc) and doc[e].lower_ in _PROGRAMME_NOUNS:
        return Reason.PROGRAMME   # "Five's Wright Stuff show"
    if c.source == "ner":
        is_place = person_shaped_place(doc, s, e)
        if is_place is not None:   # 'Wadi Rum', 'Wilmslow Road', 'Hagia Sophia, now a museum'; 'a red Vauxhall Corsa'
            return _site(doc, c) if is_place else Reason.THING
    hyphened = e - s == 3 and doc[s + 1].text in ("-", "–") and capitalised(doc[s].text) and capitalised(doc[s + 2].text)
    last = doc[e - 1]
    if (e - s == 1 or hyphened) and last.dep_ == "compound" and last.head.pos_ == "NOUN" \
            and last.head.lower_ not in lex.org_heads and role_head_ending_at(doc, last.head.i) is None:
        return Reason.MODIFIER   # 'the official Kent house', 'the prior Trump-Biden debate'
    return c


def person(doc, c: Candidate) -> Outcome:
    """A personal name, without the titles, honorifics and postnominals the model swallowed."""
    if c.label != "PERSON":
        return c
    s, e = _person_bounds(doc, c.start, c.end)
    if any(t.text in "[](){}<>|" for t in doc[s:e]):
        return Reason.MARKUP
    while e - s >= 3 and given_name_gender(doc[s + 1].text) and (geo.is_us_state(doc[s].text)
                                                                or geo.country_code(doc[s].text)):
        s += 1   # 'Vermont Bernie Sanders'
    reason = _not_a_personal_name(doc, s, e)
    if reason is Reason.INSTITUTION_WORDS and _classed_name(doc, s, e):
        return replace(c, start=s, end=e, label="ORG")   # "his party Civic Platform's", 'a Civic Platform member'
    if reason is not None:
        return reason
    text = span_text(doc, s, e)
    return found(doc, s, e, "person", name_key(drop_initials(text)), text, c.source)


def _classed_name(doc, s: int, e: int) -> bool:
    """A name of institution words with a class noun before it or a member's noun after it ('the party X',
    'X member'): an organisation's name."""
    lex = lexicon()
    b = e + 1 if e < len(doc) and doc[e].lower_ in ("'s", "’s") else e
    return class_noun_before(doc, s, lex.org_class_nouns) or classed_as_org(doc, s) \
        or b < len(doc) and doc[b].is_lower and (doc[b].lower_ in lex.org_tie_nouns or doc[b].lemma_ in lex.org_class_nouns)


def _person_bounds(doc, s: int, e: int) -> tuple[int, int]:
    """A person span without titles and honorifics swallowed by the model ('Attorney General Eric Holder',
    'Mr Straw', 'Crown Prince X', 'fellow Welshman X') nor honorifics, postnominals and caption words after it."""
    lex = lexicon()
    honorifics = _honorifics()
    while s < e - 1 and (doc[s].lower_.rstrip(".") in honorifics or is_role_word(doc[s])
                         or doc[s].lower_ == "lords" and doc[s].text[:1].isupper()   # 'Lords Bingham, Steyn and Hope'
                         or doc[s].lower_ in lex.role_modifiers or doc[s].lower_ in lex.qualifiers
                         or doc[s].lower_ in lex.party_prefixes or doc[s].text in ("-", "–")):
        s += 1   # 'Tory Treasurer Lord Ashcroft', 'Attorney General Eric Holder', 'Mr Straw'
    while e - s >= 4 and f"{doc[s].lower_} {doc[s + 1].lower_}" in lex.role_heads:
        s += 2   # 'Crown Prince Mohammad bin Salman'
    while e - s >= 3 and demonym_noun(doc[s].text):
        s += 1   # 'fellow Welshman Ray Reardon'
    while e - 1 > s and doc[e - 1].lower_.rstrip(".") in honorifics:
        e -= 1   # 'Treasurer Lord'
    while e - 1 > s + 1 and (doc[e - 1].text in lex.postnominals or doc[e - 1].text in lex.caption_words):
        e -= 1   # 'Guy Mansfield QC', 'Gary Johnson Image'
    return s, e


@cache
def _document_heads() -> frozenset[str]:
    """Head nouns of laws, bills and treaties (names.json document_heads)."""
    return frozenset(load_json("names.json")["document_heads"])


def _names_a_law(doc, s: int, e: int) -> bool:
    """'John R. Lewis Voting Rights Act', 'the Jane Doe Care Bill': a law's head, capitalised, after
    common words that no personal name ends in ('Jude Law', 'Andrew Bonar Law' are names), in the
    span or right after it (the model's 'Peter Walsh' of 'the Peter Walsh Fair Housing Act')."""
    heads = _document_heads()
    k = e
    while k < len(doc) and k - e < 5 and doc[k].text[:1].isupper() and doc[k].is_alpha:
        k += 1
    if k > e and doc[k - 1].lower_ in heads and (k - e >= 2 or doc[k - 1].lower_ not in ("law", "bill")):
        return True
    last = doc[e - 1]
    return e - s >= 3 and last.text[:1].isupper() and last.lower_ in heads \
        and doc[e - 2].text[:1].isupper() and common_word(doc[e - 2].text) and given_name_gender(doc[e - 2].text) is None


def _not_a_personal_name(doc, s: int, e: int) -> Reason | None:
    """Why tokens [s, e) are no personal name, or None when they can be one."""
    lex = lexicon()
    first = doc[s].text
    if e - s >= 2 and doc[s].lower_ in lex.compass_words:
        return Reason.REGION   # 'North Yorks', 'West Midlands'
    if e - s >= 2 and given_name_gender(first) is None and geo.find_city(first, min_population=100_000):
        return Reason.CONSTITUENCY   # 'Bolton West', 'Birmingham Yardley'
    if doc[e - 1].lower_ in lex.geo_feature_heads:
        return Reason.GEO_FEATURE   # 'Causeway Bay'
    if _names_a_law(doc, s, e):
        return Reason.LAW   # 'John R. Lewis Voting Rights Act'
    if s > 0 and doc[s - 1].text in _SHIP_PREFIXES:
        return Reason.SHIP
    if any(t.lower_ in lex.institution_words for t in doc[s:e]) or all(t.lower_ in lex.party_prefixes for t in doc[s:e]):
        return Reason.INSTITUTION_WORDS   # 'London Assembly Conservatives', 'Lib Dem'
    if s > 0 and doc[s - 1].lower_.rstrip(".") in ("st", "saint") or doc[s].lower_.rstrip(".") in ("st", "saint"):
        return Reason.SAINTS_NAME   # "St Egwin's"
    if e - s == 1 and doc[s].lower_.endswith(lex.place_suffixes) and len(doc[s].text) > 6:
        return Reason.PLACE_SUFFIX   # 'Worcestershire'
    text = span_text(doc, s, e)
    toks = [t for t in doc[s:e] if not t.is_punct or t.text in "-'."]
    if toks and toks[-1].text[:1].islower() and not elided_particle(toks[-1].text):
        return Reason.LOWERCASE_END   # 'Si el' (but "Giscard d'Estaing")
    if fragment(doc, s, e):
        return Reason.FRAGMENT
    if not toks or text in lex.not_person:
        return Reason.LISTED if toks else Reason.NOT_NAME_TOKENS
    if any(t.like_num for t in toks):
        return Reason.NUMBER
    if not all(is_name_token(t) or t.text in ".-'" for t in toks):
        return Reason.NOT_NAME_TOKENS
    if text.isupper() and len(text) <= 5:
        return Reason.ACRONYM
    if doc[s].lower_.rstrip(".") in _honorifics():
        return Reason.HONORIFIC_ONLY
    return None


@cache
def _area_roles() -> frozenset[str]:
    """Roles held for an area — a seat or a local office ('councillor', 'MP', 'mayor'): roles.json."""
    roles = load_json("roles.json")
    return frozenset(w.lower() for k in ("constituency_roles", "local_roles") for w in roles[k])


def _title_of_an_area(doc, i: int) -> bool:
    """The title starting at token i is held for an area ('Highland councillor'), not in a body ('Taliban
    spokesperson'): its head is a seat's or a local office's."""
    j = i
    while j + 1 < len(doc) and role_head_ending_at(doc, j + 1) is not None:
        j += 1
    head = role_head_ending_at(doc, j)
    return head is not None and (head in _area_roles() or head.split()[-1] in _area_roles())


def org_from_model(doc, c: Candidate) -> Outcome:
    """A name only the model calls an organisation: a person behind an honorific or title, a law, an event,
    a people, a constituency, a venue, a road, a group label or a title's area; else it goes on, trimmed."""
    if c.label != "ORG" or c.source != "ner":
        return c
    lex = lexicon()
    s, e = c.start, c.end
    of = next((k for k in range(s + 1, e - 1) if doc[k].lower_ == "of"), None)
    if of is not None and doc[of - 1].lower_ in lex.media_heads and doc[e - 1].lower_ in lex.org_heads:
        s = of + 1   # 'the Quarterly Commentary of X University'
    honorifics = _honorifics()
    if e - s >= 2 and doc[s].lower_.rstrip(".") in honorifics and all(is_name_token(t) for t in doc[s + 1:e]):
        while s < e - 1 and (doc[s].lower_.rstrip(".") in honorifics or is_role_word(doc[s])):
            s += 1   # 'Mr Blair', 'Rt Rev Scott-Joynt', 'Lord Justices Clarke' typed ORG: a person
        text = span_text(doc, s, e)
        return found(doc, s, e, "person", name_key(text), text, "rule")
    while e - s >= 3 and doc[e - 1].lower_ in lex.not_org_heads and any(
            t.lower_ in lex.org_heads for t in doc[s:e - 1]):
        e -= 1   # 'a Department of Transport Document': the department's name
    if e - s >= 2 and doc[e - 1].is_lower and doc[e - 1].lemma_.lower() in lex.org_class_nouns \
            and all(capitalised(t.text) for t in doc[s:e - 1] if t.is_alpha):
        e -= 1   # 'the Democratic Rally party': the class noun follows the name
    c = replace(c, start=s, end=e)
    reason = _not_an_institution(doc, s, e)
    if reason is not None:
        return reason
    if e - s == 2 and doc[e - 1].lower_ in _COMPASS_ENDS \
            and geo.find_city(doc[s].text, min_population=50_000) or constituency_slot(doc, s, e):
        return _site(doc, c)   # 'Bristol East', 'MP for Sheffield Hallam': a constituency
    if doc[e - 1].lower_ in lex.venue_heads and doc[e - 1].lower_ not in lex.org_heads and not classed_as_org(doc, s):
        return _site(doc, c)   # 'the World Trade Center' (not 'the group the X Center')
    if class_noun_before(doc, s, lex.geo_feature_heads):
        return _site(doc, c)   # 'our biggest island Crete': a geographic feature's class names it
    if doc[e - 1].lower_ in lex.road_heads or (e - s >= 2 and doc[e - 2].lower_ in lex.road_heads) \
            or doc[s].like_num:
        return _site(doc, c) if org_shaped_place(doc, s, e) or doc[s].like_num else Reason.NOT_A_PLACE
    if role_head_ending_at(doc, s) is not None and e - s >= 3 and looks_like_person(doc, s + 1, e):
        text = span_text(doc, s + 1, e)
        return found(doc, s + 1, e, "person", name_key(text), text, "rule")   # 'Assemblywoman Selena Torres'
    if (doc[e - 1].like_num or doc[e - 1].pos_ == "NUM") and doc[e - 2].lower_ != "of":
        return Reason.GROUP_LABEL   # 'the Guildford Four' (not 'the Group of Six')
    if e - s == 1 and e < len(doc) and role_head_ending_at(doc, e) is not None and not is_acronym(doc[s].text) \
            and doc[s].lower_ not in lex.org_heads and _title_of_an_area(doc, e):
        return Reason.AREA_OF_TITLE   # 'Highland councillor' (but 'Taliban spokesperson': the group's)
    return c


def _not_an_institution(doc, s: int, e: int) -> Reason | None:
    """Why a model's ORG span [s, e) is no institution's name: its shape, a law or event, a people."""
    lex = lexicon()
    if not org_shaped(doc, s, e):
        return Reason.NOT_ORG_SHAPED
    if fragment(doc, s, e):
        return Reason.FRAGMENT
    if doc[e - 1].lower_ in lex.not_org_heads or (e < len(doc) and doc[e].lower_ in ("bill", "act", "report")) \
            or (e - s >= 2 and doc[e - 2].lower_ in lex.not_org_heads and doc[e - 1].lower_ in ("report", "race")) \
            or (e - s >= 3 and doc[s:e].root.lower_ in lex.not_org_heads
                and any(t.lower_ in ("of", "on", "for") for t in doc[s:e])):
        return Reason.DOCUMENT_OR_EVENT   # 'Mental Capacity Bill', 'General Election', 'Act of Parliament'
    if e - s == 2 and geo.demonym_code(doc[s].text) and fold(doc[s + 1].text) in lex.not_institutions \
            and e < len(doc) and doc[e].text.islower() and doc[e].pos_ == "NOUN":
        return Reason.DEMONYM   # 'Zimbabwean State institutions'
    if is_demonym_plural(doc[e - 1].text) or geo.demonym_code(doc[e - 1].text) or doc[e - 1].text in lex.peoples \
            or (e - s == 1 and doc[s].tag_ == "NNPS" and not is_acronym(doc[s].text)
                and doc[s].lower_.rstrip("s") not in lex.party_prefixes and doc[s].lower_ != "tories"):
        return Reason.DEMONYM   # 'Asian Britons', 'American Samoan', 'the Blairs'
    return None


def org(doc, c: Candidate) -> Outcome:
    """An organisation's name: not a medium, a person's name, a post's area or portfolio; extended over an
    'of/for X' tail ('Global Alliance against Child Sexual Abuse Online')."""
    if c.label != "ORG":
        return c
    lex = lexicon()
    s, e = c.start, c.end
    if c.source == "rule" and is_medium(doc, s, e):
        return Reason.MEDIUM
    words = [t.lower_ for t in doc[s:e]]   # as the span came: before a postnominal or leading state is cut
    while e - 1 > s + 1 and doc[e - 1].text in lex.postnominals:   # 'Guy Mansfield QC'
        e -= 1
    if e - s >= 3 and (geo.is_us_state(doc[s].text) or geo.country_code(doc[s].text)) \
            and looks_like_person(doc, s + 1, e):
        s += 1   # 'Senator from Vermont Bernie Sanders'
    text = span_text(doc, s, e)
    if not c.classed and looks_like_person(doc, s, e):
        return found(doc, s, e, "person", name_key(drop_initials(text)), text, "rule")
    if e < len(doc) and doc[e].lower_ in lex.portfolio_title_heads and doc[e - 1].lower_ not in lex.portfolio_office_heads:
        return Reason.AREA_OF_TITLE   # 'Armed Forces Minister'
    if fold(text) in lex.not_institutions:
        return Reason.LISTED
    if is_portfolio(words) and not any(w in lex.org_heads for w in words) \
            or len(words) >= 3 and words[:2] == ["office", "of"] and is_portfolio(words[2:]) \
            and words[-1] in lex.role_heads:   # 'the Office of President': a post
        return Reason.PORTFOLIO
    e = extend_org(doc, s, e)
    text = span_text(doc, s, e)
    name = title_case(text) if text.islower() else text
    head = doc[e - 1].lemma_.lower()
    two = " ".join(t.lower_ for t in doc[max(s, e - 2):e])
    return found(doc, s, e, "organization", slug(name), name, c.source,
                 alliance=head in lex.alliance_types or two in lex.alliance_types)


#: the classification chain, in order of precedence
STEPS: tuple[Callable[..., Outcome], ...] = (from_gazetteer, not_a_name, country, surname_labelled_place, place,
                                             place_before_modifier, firm,
                                             person_as_thing, person, org_from_model, org)
