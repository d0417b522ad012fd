"""Revision with the evidence of the whole article: one kind per name, unsupported names dropped.

Passes over the typed mentions, each `(Context, mentions) -> Revision`. A mention's kind is
decided one span at a time by the classification stage; these passes look at every mention of a
name and at the article around them: a name swallowed by a wider one, a person named like an
organisation of the article, an organisation only the model believes in, a name typed two ways,
a title's place ('the Prince of Wales'), a US state that looks like a country or a city, a
one-word person nothing supports.
"""
from __future__ import annotations

from kg.extract import geo
from kg.extract.cues import (
    age_follows,
    class_noun_before,
    has_institution_word,
    kin_before,
    listed_after_title,
    listed_with,
    org_evidence,
    org_shaped_place,
    used_as_place,
)
from kg.extract.lexicon import lexicon
from kg.extract.mention import Context, Draft, Found, Reason, Rejected, Revision
from kg.extract.normalize import fold, name_key, slug
from kg.extract.tokens import role_head_ending_at, texts

#: words after a US state's name that make it the state ('the Oklahoma gubernatorial race')
_STATE_CUES = frozenset({"gubernatorial", "state", "governor", "legislature", "primary", "caucus", "caucuses"})


def keep_widest(ctx: Context, mentions: list[Found]) -> Revision:
    """A name extended over a later span ('Court of Appeals for the Third Circuit') swallows it."""
    widest: dict[int, int] = {}
    for f in mentions:
        for t in range(f.start, f.end):
            widest[t] = max(widest.get(t, 0), f.end - f.start)
    kept, rejected = [], []
    for f in mentions:
        if widest[f.start] == f.end - f.start or widest[f.end - 1] == f.end - f.start:
            kept.append(f)
        else:
            rejected.append(Rejected(f.start, f.end, f.kind, Reason.SWALLOWED))
    return Revision(kept, rejected)


def names_of_orgs(ctx: Context, mentions: list[Found]) -> Revision:
    """A person or place named like an organisation of the article without its head word ('Thai Raksa Chart'
    beside 'Thai Raksa Chart Party', 'Watch Tower' beside 'Watch Tower Society'), or a place named by the first
    word of a firm introduced by its class ('Mahan' after 'the airline Mahan Air'), is that organisation; an
    organisation named after a real person of the article plus 'Party' ('the Robert Kilroy-Silk Party') is a jibe."""
    doc = ctx.doc
    lex = lexicon()
    draft = Draft(mentions)
    first: dict[str, int] = {}
    for _, f in draft:
        if f.kind in ("person", "organization"):
            first[f.key] = min(first.get(f.key, f.start), f.start)
    cued = {f.key for _, f in draft if f.kind == "person" and f.start > 0 and (
        doc[f.start - 1].lower_.rstrip(".") in lex.honorifics or role_head_ending_at(doc, f.start - 1) is not None)}
    by_stem: dict[str, Found] = {}
    for i, f in draft:
        words = fold(f.name).split()
        if f.kind != "organization" or len(words) < 2 or words[-1] not in lex.org_heads | lex.alliance_heads:
            continue
        stem = name_key(" ".join(f.name.split()[:-1]))
        if words[-1] == "party" and f.source != "gazetteer" and len(words) >= 3 and stem in first \
                and (stem in cued or first[stem] < first[f.key]):
            draft.drop(i, Reason.JIBE)   # the person came first: 'Robert Kilroy-Silk … the Robert Kilroy-Silk Party'
        else:
            by_stem.setdefault(fold(stem), f)
    by_name = {fold(f.name): f for _, f in draft if f.kind == "organization" and f.source != "gazetteer"
               and class_noun_before(doc, f.start, lex.firm_nouns)}   # 'firm X', not a bare ORG
    for i, f in draft:
        if f.kind == "person" and f.key not in cued and fold(f.text) in by_name:
            org = by_name[fold(f.text)]   # 'Balfour Beatty managers' after 'engineering firm Balfour Beatty'
            draft.revise(i, kind="organization", key=org.key, name=org.name, alliance=org.alliance)
    for i, f in draft:
        if f.kind in ("person", "site") and f.source in ("ner", "rule"):
            org = by_stem.get(fold(f.text))
            if org is not None and len(f.text.split()) >= 2 and not (
                    f.kind == "person" and (f.key in cued or first.get(f.key, 0) < first[org.key])):
                draft.revise(i, kind="organization", key=org.key, name=org.name, alliance=org.alliance)
    classed: dict[str, Found] = {}
    for _, f in draft:   # 'Iranian airline Mahan Air … Mahan's director': the first word of a classed firm's name
        if f.kind == "organization" and f.source != "gazetteer" and len(f.name.split()) >= 2 \
                and class_noun_before(doc, f.start, lex.org_class_nouns):
            classed.setdefault(fold(f.name.split()[0]), f)
    for i, f in draft:
        org = classed.get(fold(f.text)) if f.kind in ("person", "place", "site", "organization") \
            and f.end - f.start == 1 and f.key not in cued and f.source != "gazetteer" else None
        if org is not None and org.start < f.start and org.key != f.key and not used_as_place(doc, f.start, f.end):
            draft.revise(i, kind="organization", key=org.key, name=org.name, alliance=org.alliance, country=None)
    return draft.result()


def drop_unsupported_orgs(ctx: Context, mentions: list[Found]) -> Revision:
    """A name only the NER model calls an organisation needs evidence: an institution word in it, a second
    mention, or a class noun or tie to its people next to a mention. Otherwise it is a place when used as one
    ('from Hartpury, Gloucestershire') and dropped when not ('the Europhiles', 'Brownite briefers')."""
    doc = ctx.doc
    draft = Draft(mentions)
    groups: dict[str, list[int]] = {}
    for i, f in draft:
        if f.kind == "organization":
            groups.setdefault(f.key, []).append(i)
    supported = {t for members in groups.values() for m in (draft[i] for i in members) for t in range(m.start, m.end)
                 if m.source != "ner" or has_institution_word(doc, m)}
    for members in groups.values():
        ms = [draft[i] for i in members]
        if any(m.source != "ner" for m in ms):
            continue
        if len({m.start for m in ms}) >= 2 and not all(used_as_place(doc, m.start, m.end, also=("to", "between"))
                                                       for m in ms):
            continue   # a second mention supports the name, unless every mention is a place's ('to Carlisle')
        if any(has_institution_word(doc, m) or org_evidence(doc, m) or listed_with(doc, m, supported) for m in ms):
            continue
        city = geo.find_city(ms[0].text, min_population=15000)
        for i, m in zip(members, ms):
            if city is not None and len(ms) >= 2:
                draft.revise(i, kind="place", key=city.geonameid, name=city.name, country=city.country,
                             population=city.population)
            elif (len(ms) >= 2 or used_as_place(doc, m.start, m.end)) and org_shaped_place(doc, m.start, m.end):
                draft.revise(i, kind="site", key=slug(m.text), name=m.text)
            else:
                draft.drop(i, Reason.UNSUPPORTED_ORG)
    return draft.result()


def unify_kinds(ctx: Context, mentions: list[Found]) -> Revision:
    """One name, one kind: a name the model typed an organisation in one mention and a venue in another is
    an organisation when a mention has an institution word or an institution's evidence ('Oxfam said'),
    else a venue when a mention is used as a place ('near RAF Fairford')."""
    doc = ctx.doc
    draft = Draft(mentions)
    groups: dict[str, list[int]] = {}
    for i, f in draft:
        if f.kind in ("organization", "site") and f.source in ("ner", "rule"):
            groups.setdefault(fold(f.text), []).append(i)
    for members in groups.values():
        ms = [draft[i] for i in members]
        if len({m.kind for m in ms}) < 2:
            continue
        org = next((m for m in ms if m.kind == "organization"
                    and (has_institution_word(doc, m) or org_evidence(doc, m))), None)
        place = org is None and any(used_as_place(doc, m.start, m.end) for m in ms)
        for i, m in zip(members, ms):
            if org is not None:      # 'Oxfam said …', '… given to Oxfam' (typed a place)
                draft.revise(i, kind="organization", key=org.key, name=org.name, alliance=org.alliance)
            elif place:
                draft.revise(i, kind="site", key=slug(m.text), name=m.text, alliance=False)
    return draft.result()


def drop_places_of_titles(ctx: Context, mentions: list[Found]) -> Revision:
    """'the Prince of Wales', 'the Archbishop of Canterbury', 'Lord Roberts of Conwy': the place names a title, it
    is not a place or institution of the story."""
    doc = ctx.doc
    titles = lexicon().territorial_titles
    draft = Draft(mentions)
    for i, f in draft:
        if f.kind not in ("country", "place", "site", "organization") or f.source == "coref" or f.start < 2:
            continue
        if doc[f.start - 1].lower_ != "of":
            continue
        k = f.start - 2
        if doc[k].lower_ in titles and doc[k].text[:1].isupper():
            draft.drop(i, Reason.PLACE_OF_TITLE)
        elif doc[k].text[:1].isupper() and role_head_ending_at(doc, k) is None:
            j = k
            while j > 0 and doc[j].ent_iob_ == "I" and k - j < 4:
                j -= 1   # the start of the person's name
            if any(doc[t].lower_ in titles and doc[t].text[:1].isupper() for t in (j - 1, j) if t >= 0):
                draft.drop(i, Reason.PLACE_OF_TITLE)   # 'Lord Roberts of Conwy'
    return draft.result()


def us_namesakes(ctx: Context, mentions: list[Found]) -> Revision:
    """'Georgia' among US states is the state, not the country."""
    doc = ctx.doc
    draft = Draft(mentions)
    for i, f in draft:
        if f.kind == "country" and geo.is_us_state(f.text):
            sent = doc[f.start].sent
            if any(x.start != f.start and geo.is_us_state(x.text) and not geo.country_code(x.text) for x in sent.ents):
                draft.revise(i, kind="site", key=slug(f.text), name=f.text)
    return draft.result()


def drop_unsupported_single_names(ctx: Context, mentions: list[Found]) -> Revision:
    """A person known only by one word needs support: an honorific or title before one of its
    mentions ('Mr Blair', 'Ayatollah Khomeini') or a family tie ('his wife Bernadette'). Otherwise the word is a place the gazetteer knows
    ('visits Manchester, Liverpool …') or it is dropped ('Breakfast with Frost')."""
    doc = ctx.doc
    lex = lexicon()
    honorifics = {h.rstrip(".") for h in lex.honorifics}
    particles = lex.particles
    draft = Draft(mentions)
    groups: dict[str, list[int]] = {}
    for i, f in draft:
        if f.kind == "person" and f.source != "pronoun":
            groups.setdefault(f.key, []).append(i)
    for key, members in groups.items():
        if len([w for w in key.replace("-", " ").split() if w not in particles]) >= 2:
            continue
        ms = [draft[i] for i in members]
        supported = any(m.start > 0 and (doc[m.start - 1].lower_.rstrip(".") in honorifics or doc[m.start - 1].lower_ == "lords"
                                         or role_head_ending_at(doc, m.start - 1) is not None)
                        or age_follows(doc, m.end) or listed_after_title(doc, m.start) or kin_before(doc, m.start) for m in ms)
        if supported:
            continue
        people_at = {t for _, f in draft if f.kind == "person" and f.key != key for t in range(f.start, f.end)}
        for i, m in zip(members, ms):
            city = geo.find_city(m.text, min_population=15000)
            root = doc[m.start:m.end].root
            beside_person = any(c.i in people_at for c in root.children if c.dep_ == "conj") \
                or root.dep_ == "conj" and root.head.i in people_at
            if city is not None and not beside_person:   # not 'the freedom which Bush and Blair tell us of'
                draft.revise(i, kind="place", key=city.geonameid, name=city.name, country=city.country,
                             population=city.population)
            else:
                draft.drop(i, Reason.UNSUPPORTED_NAME)
        for i, f in draft:
            if f.kind == "person" and f.source == "pronoun" and f.key == key:
                draft.drop(i, Reason.PRONOUN_OF_DROPPED)   # 'he' cannot refer to a name that is not a person
    return draft.result()


def demote_unlikely_cities(ctx: Context, mentions: list[Found]) -> Revision:
    """A smallish city in a country the article never names is more likely a namesake: keep it as a
    place without a country ('Florida' in a US story is not Florida, Colombia). A US state's name in a
    list of states, or before 'gubernatorial'/'state', is the state ('Oklahoma', 'Washington')."""
    doc = ctx.doc
    draft = Draft(mentions)
    for i, f in draft:
        if f.kind != "place" or not geo.is_us_state(f.text):
            continue
        sent = doc[f.start].sent
        others = [x for x in sent.ents if x.start != f.start and geo.is_us_state(x.text)]
        nxt = doc[f.end].lower_ if f.end < len(doc) else ""
        titled = any(role_head_ending_at(doc, k) is not None for k in range(max(0, f.start - 3), f.start))
        after_place = f.start >= 2 and doc[f.start - 1].text == "," and any(
            x.kind in ("place", "site") and x.end == f.start - 1 for _, x in draft)   # 'West Point, New York'
        if others or titled or after_place or nxt in _STATE_CUES:
            draft.revise(i, kind="site", key=slug(f.text), name=f.text, country=None)
    named = {f.key for _, f in draft if f.kind == "country"}
    named |= {c for w in texts(doc) if (c := geo.demonym_code(w))}
    named |= {f.country for _, f in draft if f.kind == "place" and f.population >= geo.MIN_ALIAS_CITY_POPULATION * 2}
    weight: dict[str, int] = {}
    for _, f in draft:
        if f.kind == "country":
            weight[f.key] = weight.get(f.key, 0) + 1
    for w in texts(doc):
        if c := geo.demonym_code(w):
            weight[c] = weight.get(c, 0) + 1
    top = max(weight.values(), default=0)
    for i, f in draft:
        if f.kind != "place" or f.population >= 1_000_000:
            continue
        minor = f.population < 200_000 and top >= 2 and weight.get(f.country, 0) < top
        if f.country not in named or minor:   # 'a speech in Westminster' in a British story is not Colorado's
            draft.revise(i, kind="site", key=slug(f.text), name=f.text, country=None)
    return draft.result()
