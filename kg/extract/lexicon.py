"""The data files of kg/data, loaded once: role, name, event, membership, institution and country lexicons."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from kg.extract.normalize import fold
from kg.resources import data_file


@cache
def load_json(name: str) -> dict:
    """The parsed JSON data file `name` of kg/data, read once (callers must not modify it)."""
    with data_file(name).open(encoding="utf-8") as fh:
        return json.load(fh)


@dataclass(frozen=True)
class Institution:
    """A well-known institution: canonical name, other names, alliance of countries or not."""

    name: str
    aliases: tuple[str, ...]
    alliance: bool
    country: str | None = None    #: ISO code of a national institution ('House of Commons' → GB)


@dataclass(frozen=True)
class Lexicon:
    """All lexical data used by the extractors."""

    role_heads: frozenset[str]
    weak_role_heads: frozenset[str]
    role_modifiers: frozenset[str]
    qualifiers: frozenset[str]
    institution_hints: dict[str, tuple[str, ...]]
    honorifics: frozenset[str]
    particles: frozenset[str]
    not_person: frozenset[str]
    stop_word_names: frozenset[str]
    event_nouns: dict[str, str]
    event_needs_context: frozenset[str]
    member_nouns: frozenset[str]
    join_verbs: frozenset[str]
    found_verbs: frozenset[str]
    alliance_heads: frozenset[str]
    institutions: tuple[Institution, ...]
    institution_by_key: dict[str, Institution]
    not_institutions: frozenset[str]
    org_heads: frozenset[str]
    geo_feature_heads: frozenset[str]
    media_heads: frozenset[str]
    venue_heads: frozenset[str]
    media_names: frozenset[str]
    not_org_heads: frozenset[str]
    road_heads: frozenset[str]
    place_lead_words: frozenset[str]
    motion_words: frozenset[str]
    building_nouns: frozenset[str]
    place_prepositions: frozenset[str]
    party_prefixes: frozenset[str]
    postnominals: frozenset[str]
    caption_words: frozenset[str]
    territorial_titles: frozenset[str]
    institution_words: frozenset[str]
    place_suffixes: tuple[str, ...]
    alliance_types: frozenset[str]
    media_cues: frozenset[str]
    name_head_words: frozenset[str]
    org_class_nouns: frozenset[str]
    org_tie_nouns: frozenset[str]
    firm_nouns: frozenset[str]
    place_modifier_heads: frozenset[str]
    compass_words: frozenset[str]
    place_use_heads: frozenset[str]
    nominal_ing_words: frozenset[str]
    portfolio_title_heads: frozenset[str]
    portfolio_office_heads: frozenset[str]
    country_aliases: dict[str, str]
    demonyms: dict[str, str]
    peoples: frozenset[str]


@cache
def lexicon() -> Lexicon:
    """The lexicon (loaded from kg/data on first use)."""
    roles, names, events = load_json("roles.json"), load_json("names.json"), load_json("events.json")
    member, orgs, countries = load_json("membership.json"), load_json("organizations.json"), load_json("countries.json")
    institutions = tuple(
        Institution(i["name"], tuple(i.get("aliases", ())), bool(i.get("alliance")), i.get("country"))
        for i in orgs["institutions"]
    )
    by_key: dict[str, Institution] = {}
    for inst in institutions:
        for n in (inst.name, *inst.aliases):
            by_key.setdefault(fold(n).removeprefix("the "), inst)
            if n.isupper() or "." in n:  # acronyms also match case-sensitively folded without dots
                by_key.setdefault(fold(n.replace(".", "")), inst)
    return Lexicon(
        role_heads=frozenset(h.lower() for h in roles["heads"]),
        weak_role_heads=frozenset(h.lower() for h in roles["weak_heads"]),
        role_modifiers=frozenset(m.lower() for m in roles["modifiers"]),
        qualifiers=frozenset(q.lower() for q in roles["qualifiers"]),
        institution_hints={k: tuple(v) for k, v in roles["institution_hints"].items()},
        honorifics=frozenset(h.lower() for h in names["honorifics"]),
        particles=frozenset(p.lower() for p in names["particles"]),
        not_person=frozenset(names["not_person"]),
        stop_word_names=frozenset(names.get("stop_word_names", ())),
        event_nouns={k.lower(): v for k, v in events["nouns"].items()},
        event_needs_context=frozenset(events["needs_context"]),
        member_nouns=frozenset(member["member_nouns"]),
        join_verbs=frozenset(member["join_verbs"]),
        found_verbs=frozenset(member["found_verbs"]),
        alliance_heads=frozenset(member["alliance_heads"]),
        institutions=institutions,
        institution_by_key=by_key,
        not_institutions=frozenset(fold(n) for n in orgs["not_institutions"]),
        org_heads=frozenset(orgs["head_nouns"]),
        geo_feature_heads=frozenset(orgs.get("geo_feature_heads", ())),
        media_heads=frozenset(orgs.get("media_heads", ())),
        venue_heads=frozenset(orgs.get("venue_heads", ())),
        media_names=frozenset(fold(n) for n in orgs.get("media_names", ())),
        not_org_heads=frozenset(orgs.get("not_org_heads", ())),
        road_heads=frozenset(orgs.get("road_heads", ())),
        place_lead_words=frozenset(orgs.get("place_lead_words", ())),
        motion_words=frozenset(orgs.get("motion_words", ())),
        building_nouns=frozenset(orgs.get("building_nouns", ())),
        place_prepositions=frozenset(orgs.get("place_prepositions", ())),
        party_prefixes=frozenset(names.get("party_prefixes", ())),
        postnominals=frozenset(names.get("postnominals", ())),
        caption_words=frozenset(names.get("caption_words", ())),
        territorial_titles=frozenset(names.get("territorial_titles", ())),
        institution_words=frozenset(names.get("institution_words", ())),
        place_suffixes=tuple(names.get("place_suffixes", ())),
        alliance_types=frozenset(member.get("alliance_types", ())),
        media_cues=frozenset(orgs.get("media_cues", ())),
        name_head_words=frozenset(orgs.get("name_head_words", ())),
        org_class_nouns=frozenset(orgs.get("org_class_nouns", ())),
        org_tie_nouns=frozenset(orgs.get("org_tie_nouns", ())),
        firm_nouns=frozenset(orgs.get("firm_nouns", ())),
        place_modifier_heads=frozenset(orgs.get("place_modifier_heads", ())),
        compass_words=frozenset(orgs.get("compass_words", ())),
        place_use_heads=frozenset(orgs.get("place_use_heads", ())),
        nominal_ing_words=frozenset(orgs.get("nominal_ing_words", ())),
        portfolio_title_heads=frozenset(orgs.get("portfolio_title_heads", ())),
        portfolio_office_heads=frozenset(orgs.get("portfolio_office_heads", ())),
        country_aliases=dict(countries["aliases"]),
        demonyms=dict(countries["demonyms"]),
        peoples=frozenset(countries.get("peoples", ())),
    )
