"""Institutions whose names many countries share carry their country: 'the Supreme Court', 'the Interior
Ministry', 'the Senate', 'Labour' of one country are not those of another.

A name made only of words the institutions of many countries are named with (kg/data/organizations.json
`generic_institution_words`), demonyms and country names is a homonym. Its country is, in order:

1. the country the article gives it: a demonym or country in or right before the name ('the Polish Supreme
   Court', "Iran's Interior Ministry", 'the Ministry of Foreign Affairs of Turkey');
2. for a party of the gazetteer shared by several countries ('Labour Party'), its usual country, unless the
   story is set in another one;
3. the country the story is set in (focus.py);

else it stays without one. The country goes into the key (`supreme court@PL`, see facts.EntityRef) so that
the same generic name of two countries gives two entities, and the forms of one name meet ('Ministry of
Foreign Affairs', 'Foreign Ministry': `foreign ministry@TR`). A usual country keeps the plain key
('labour-party' is the British party; 'labour-party@IE' the Irish one). National institutions of the
gazetteer ('House of Commons') keep their key and get their country.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from kg.extract import geo
from kg.extract.facts import qualified_key
from kg.extract.focus import Focus
from kg.extract.lexicon import Institution, lexicon, load_json, word_sets
from kg.extract.mention import Found, MentionIndex, found
from kg.extract.normalize import fold, slug


@dataclass(frozen=True)
class Generic:
    """The words of generic institution names and the words their keys leave out (kg/data/organizations.json)."""

    generic_institution_words: frozenset[str]
    generic_dropped_words: frozenset[str]
    generic_single_words: frozenset[str]
    generic_bare_heads: frozenset[str]


@cache
def generic() -> Generic:
    """The generic-name vocabulary of kg/data/organizations.json, loaded once."""
    return word_sets(Generic, "organizations.json")


@cache
def regional_demonyms() -> frozenset[str]:
    """Demonyms of a part of a country ('Welsh', 'Scottish'; kg/data/countries.json), loaded once."""
    return frozenset(load_json("countries.json")["regional_demonyms"])


def _country_word(word: str) -> str | None:
    """The ISO code a demonym or country name gives ('Polish', 'Poland' → PL)."""
    return geo.demonym_code(word) or geo.country_code(word) if word[:1].isupper() else None


def _countries_in(words: list[str]) -> tuple[list[str], list[str]]:
    """The words of a name less the country names and demonyms in it, and their ISO codes
    ('United States Air Force' → (['Air', 'Force'], ['US']))."""
    rest, codes, i = [], [], 0
    while i < len(words):
        for n in (3, 2, 1):
            phrase = " ".join(words[i:i + n])
            code = (geo.country_code(phrase) or (geo.demonym_code(phrase) if n == 1 else None)) \
                if len(words[i:i + n]) == n and phrase[:1].isupper() else None
            if code:
                codes.append(code)
                i += n
                break
        else:
            rest.append(words[i])
            i += 1
    return rest, codes


def generic_core(name: str) -> tuple[str, str | None] | None:
    """(core, country) of a homonym name — its generic words in one order ('Ministry of Foreign Affairs of
    Turkey' → ('foreign ministry', 'TR')) and the country it names — or None when the name is specific."""
    g = generic()
    heads = lexicon().org_heads | {"house"}
    words = name.replace("'s", " ").replace("’s", " ").split()
    if any(w in regional_demonyms() for w in words):
        return None                # 'Welsh Assembly': a region's institution
    words, codes = _countries_in(words)
    if len(set(codes)) > 1:
        return None                # two countries: no homonym of one
    core: list[str] = []
    for w in words:
        low = fold(w)
        if low in g.generic_dropped_words:
            continue
        if low not in g.generic_institution_words:
            return None            # a word of its own ('Civic Platform', 'Court of Session')
        core.append(low)
    if not any(w in heads for w in core) or len(core) == 1 and core[0] not in g.generic_single_words:
        return None                # 'National', 'Democratic': no institution; 'Council': no one country's
    core = [w for w in core if w not in heads] + [w for w in core if w in heads]   # 'Court of Appeal' → 'appeal court'
    return " ".join(core), (codes[0] if codes else None)


def _country_before(doc, m: Found) -> str | None:
    """A demonym or country right before a mention ('the Polish Supreme Court', "Iran's Interior Ministry")."""
    k = m.start - 1
    if k >= 0 and doc[k].lower_ in ("'s", "’s"):
        k -= 1
    if k < 0 or doc[k].text in regional_demonyms():
        return None   # 'the English Democrats': a region's party
    return _country_word(doc[k].text)


def _bare(m: Found) -> bool:
    """A mention by a name many countries' institutions share, with no country in it ('the Senate')."""
    core = generic_core(m.text)
    return core is not None and core[1] is None


def _bare_name(text: str) -> str:
    """A surface form as a name ('the House of Representatives' → 'House of Representatives')."""
    words = text.split()
    return " ".join(words[1:]) if len(words) > 1 and words[0].lower() == "the" else text


def _institution(m: Found) -> Institution | None:
    return lexicon().institution_by_key.get(fold(m.name))


def _national(core: str, country: str) -> Institution | None:
    """The national institution of the gazetteer a generic core names in a country ('senate', US → the
    United States Senate)."""
    return next((i for i in lexicon().institutions if i.country == country and not i.generic
                 and generic_core(i.name) == (core, country)), None)


def _bare_heads(index: MentionIndex, doc, sent_of: dict[int, int], focus: Focus) -> list[Found]:
    """'the Senate', 'Parliament', 'Congress' named by its head alone, no fuller name before it: in a story
    set in one country, that country's legislature."""
    if focus.country is None:
        return []
    heads = generic().generic_bare_heads
    out = []
    for tok in doc:
        low = tok.lower_
        if low not in heads or not tok.text[:1].isupper() or index.at(tok.i) is not None:
            continue
        if tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ in ("NOUN", "PROPN"):
            continue   # 'Senate candidate', 'Senate Judiciary Committee': a modifier
        inst = _national(low, focus.country)
        named = _named_bodies_of_head(index, low, inst)
        if named:      # 'the Parliament of New South Wales … people in the Parliament': that body, not the nation's
            if len(named) == 1:
                body = named[0]
                out.append(found(doc, tok.i, tok.i + 1, "organization", body.key, body.name, "rule",
                                 sentence=sent_of.get(tok.i, -1), country=body.country))
            continue
        if inst is not None:
            key, name = slug(inst.name), inst.name
        else:
            key, name = qualified_key(slug(low), focus.country), tok.text
        out.append(found(doc, tok.i, tok.i + 1, "organization", key, name, "rule",
                         sentence=sent_of.get(tok.i, -1), country=focus.country))
    return out


def _named_bodies_of_head(index: MentionIndex, head: str, national: Institution | None) -> list[Found]:
    """Institutions the article names in full with this head, other than the country's own legislature
    and the gazetteer's ('Parliament of New South Wales', 'Idaho Senate' for 'Parliament', 'Senate'; not
    'Houses of Parliament', 'European Parliament'), one mention of each."""
    out: dict[str, Found] = {}
    for m in index.mentions:
        if m.kind != "organization" or m.source in ("coref", "pronoun") or len(m.name.split()) < 2:
            continue
        words = fold(m.name).split()
        lead = words[:next((k for k, w in enumerate(words) if w in ("of", "for", "in")), len(words))]
        if lead and lead[-1] == head and (national is None or fold(m.name) != fold(national.name)) \
                and _institution(m) is None:
            out.setdefault(m.key, m)
    return list(out.values())


def qualify(index: MentionIndex, doc, focus: Focus, sent_of: dict[int, int] | None = None) -> MentionIndex:
    """The mentions with homonym institutions keyed and marked by their country (see the module docstring),
    and legislatures named by their head alone added."""
    others = {i.country for m in index.mentions if m.kind == "organization" and (i := _institution(m)) is not None
              and i.country and not _bare(m)} - {focus.country}   # 'the U.S. Senate', not a bare 'the Senate'
    if others:
        focus = Focus(None, focus.weights)   # the institutions of another country are named: the story's
        #                                      country is no sure guide to whose 'Parliament' it is
    bare = _bare_heads(index, doc, sent_of or {}, focus)
    if bare:
        index = _with(index, bare)
    groups: dict[str, list[Found]] = {}
    for m in index.mentions:
        if m.kind == "organization":
            groups.setdefault(m.key, []).append(m)
    revised: dict[int, Found] = {}
    for key, ms in groups.items():
        inst = next((i for m in ms if (i := _institution(m)) is not None), None)
        if inst is not None and inst.country and not inst.generic:
            own = generic_core(inst.name)
            qualified = own is not None and own[1] is not None   # 'United States Senate': 'the Senate' is a homonym
            for m in ms:    # 'House of Commons': its country, its key — but 'the Senate' of another country's story
                bare = generic_core(m.text) if qualified else None
                elsewhere = bare is not None and bare[1] is None and focus.country not in (None, inst.country)
                revised[id(m)] = replace(m, key=qualified_key(slug(bare[0]), focus.country), country=focus.country,
                                         name=_bare_name(m.text)) if elsewhere else replace(m, country=inst.country)
            continue
        if inst is not None and not inst.generic:
            continue   # an international institution ('European Union')
        named = [m for m in ms if m.source not in ("coref", "pronoun")]
        cores = [generic_core(m.name) for m in named]
        if inst is None and (not cores or None in cores):
            continue   # one mention names it as no other country's could ('Stevenage Labour Party')
        cores = [c for c in cores if c is not None]
        told = next((c[1] for c in cores if c[1]), None) or next(
            (c for m in ms if (c := _country_before(doc, m)) is not None), None)
        usual = inst.country if inst is not None else None
        # a party shared by several countries keeps its usual one unless the article names another
        # ('Labour' in a story set in Iraq is still the British party); other homonyms take the story's
        country = told or usual or focus.country
        if country is None:
            continue
        core = cores[0][0] if cores else fold(ms[0].name)
        new_key = key if usual is not None and country == usual else qualified_key(slug(core), country)
        for m in ms:
            revised[id(m)] = replace(m, key=new_key, country=country)
    if not revised:
        return index
    out = MentionIndex(rejected=list(index.rejected))
    for m in index.mentions:
        out.add(revised.get(id(m), m))
    return out


def _with(index: MentionIndex, added: list[Found]) -> MentionIndex:
    """The index with more mentions, in text order."""
    out = MentionIndex(rejected=list(index.rejected))
    for m in sorted([*index.mentions, *added], key=lambda f: f.start):
        out.add(m)
    return out
