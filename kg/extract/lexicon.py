"""The data files of kg/data, loaded once: role, name, event, membership, institution and country lexicons."""
from __future__ import annotations

import json
from dataclasses import dataclass, fields
from functools import cache
from typing import TypeVar

from kg.extract.normalize import fold
from kg.resources import data_file


#: How each list of the extraction data files is matched against the text, and what it holds. The data lint test
#: (tests/test_data_lint.py) checks every entry against this: an entry that cannot match is unreachable.
#: Forms: "token" one lowercase word, compared with a token's lower-cased text or lemma; "honorific" the same,
#: a final dot ignored; "surface" a token's exact text; "suffix" the end of a lowercase word; "phrase" lowercase
#: words compared with a run of tokens; "folded" a name compared folded (normalize.fold). Roles: "vocabulary"
#: words of a class (no proper names); "gazetteer" names of things (proper names by design); "exceptions"
#: entries grouped under the pattern class each stands for, where a general rule cannot do (docs/extraction.md).
LIST_FORMS: dict[str, dict[str, tuple[str, str]]] = {
    "names.json": {
        "honorifics": ("honorific", "vocabulary"), "particles": ("token", "vocabulary"),
        "not_person": ("surface", "exceptions"), "party_prefixes": ("token", "gazetteer"),
        "postnominals": ("surface", "vocabulary"), "institution_words": ("token", "vocabulary"),
        "place_suffixes": ("suffix", "vocabulary"), "caption_words": ("surface", "vocabulary"),
        "territorial_titles": ("token", "vocabulary"), "kinship_nouns": ("phrase", "vocabulary"),
        "document_heads": ("token", "vocabulary"), "lead_adjectives": ("token", "vocabulary"),
    },
    "organizations.json": {
        "institutions": ("folded", "gazetteer"), "not_institutions": ("folded", "exceptions"),
        "media_names": ("folded", "gazetteer"),
        **{key: ("token", "vocabulary") for key in (
            "head_nouns", "geo_feature_heads", "media_heads", "media_cues", "venue_heads", "place_prepositions",
            "not_org_heads", "place_lead_words", "motion_words", "building_nouns", "road_heads", "name_head_words",
            "org_class_nouns", "org_tie_nouns", "firm_nouns", "area_force_heads", "party_cue_words", "place_modifier_heads", "compass_words", "place_use_heads",
            "portfolio_title_heads", "portfolio_office_heads", "name_tail_words", "generic_institution_words",
            "generic_dropped_words", "generic_single_words", "generic_bare_heads")},
    },
    "countries.json": {"aliases": ("folded", "gazetteer"), "demonyms": ("surface", "gazetteer"),
                       "peoples": ("surface", "gazetteer"), "regional_demonyms": ("surface", "vocabulary"),
                       "territories": ("surface", "gazetteer")},
    "roles.json": {
        "heads": ("phrase", "vocabulary"), "weak_heads": ("phrase", "vocabulary"), "modifiers": ("token", "vocabulary"),
        "qualifiers": ("token", "vocabulary"), "institution_hints": ("phrase", "gazetteer"),
        "occupations": ("phrase", "vocabulary"), "constituency_roles": ("phrase", "vocabulary"),
        "party_roles": ("phrase", "vocabulary"), "peerage_honorifics": ("token", "vocabulary"),
        "past_cues": ("token", "vocabulary"), "candidacy_roles": ("token", "vocabulary"), "present_words": ("token", "vocabulary"),
        "board_nouns": ("token", "vocabulary"), "board_verbs": ("token", "vocabulary"), "state_roles": ("phrase", "vocabulary"),
        "multiword_state_roles": ("phrase", "vocabulary"), "state_role_exclusions": ("phrase", "vocabulary"),
        "leading_verbs": ("token", "vocabulary"), "sending_verbs": ("token", "vocabulary"), "country_titles": ("phrase", "vocabulary"),
        "role_bodies": ("phrase", "vocabulary"), "local_roles": ("phrase", "vocabulary"),
    },
    "events.json": {
        "nouns": ("phrase", "vocabulary"), "needs_context": ("phrase", "vocabulary"), "premises_heads": ("token", "vocabulary"),
        **{key: ("token", "vocabulary") for key in (
            "attend_verbs", "companion_verbs", "frame_nouns", "unreal_verbs", "unreal_nouns", "relational_nouns", "plan_verbs", "journey_verbs", "arrive_verbs",
            "verb_families", "group_nouns", "press_nouns")},
    },
    "membership.json": {
        "member_nouns": ("phrase", "vocabulary"), "join_verbs": ("token", "vocabulary"),
        "found_verbs": ("token", "vocabulary"), "alliance_heads": ("token", "vocabulary"),
        "alliance_types": ("phrase", "vocabulary"), "modifier_nouns": ("phrase", "vocabulary"),
        "member_heads": ("phrase", "vocabulary"), "verb_particles": ("token", "vocabulary"),
        "status_nouns": ("token", "vocabulary"), "membership_bodies": ("token", "vocabulary"), "seat_bodies": ("token", "vocabulary"),
        "leaving_nouns": ("token", "vocabulary"), "completion_verbs": ("phrase", "vocabulary"),
        "alliance_anaphors": ("token", "vocabulary"), "member_count_nouns": ("token", "vocabulary"),
        "country_nouns": ("phrase", "vocabulary"),
        **{key: ("token", "vocabulary") for key in (
            "composition_verbs", "leave_verbs", "expel_verbs", "suspend_verbs", "admit_verbs", "belong_verbs",
            "defect_verbs", "defector_nouns")},
    },
    "tenure.json": {   # words of a post's time and status (kg/extract/tenure.py, tenure_events.py)
        **{key: ("token", "vocabulary") for key in (
            "status_words", "status_rank", "start_verbs", "appoint_verbs", "end_verbs", "remove_verbs",
            "succession_verbs", "hold_verbs", "office_nouns", "start_nouns", "end_nouns", "blocked_by",
            "future_heads", "done_heads", "past_adverbs", "death_verbs", "death_nouns",
            "after_death_nouns")},
    },
}


def entries(value) -> list:
    """The entries of a data list: a list as it is, an exception list's groups ({reason: [entries]}) joined."""
    if isinstance(value, dict):
        return [e for reason, group in value.items() if not reason.startswith("_") for e in group]
    return list(value)


@cache
def load_json(name: str) -> dict:
    """The parsed JSON data file `name` of kg/data, read once (callers must not modify it)."""
    with data_file(name).open(encoding="utf-8") as fh:
        return json.load(fh)


_Sets = TypeVar("_Sets")


def word_sets(cls: type[_Sets], name: str, *, lower: bool = False) -> _Sets:
    """The frozen dataclass `cls` filled from the data file `name`: each field the word list of that key, as a set."""
    data = load_json(name)
    return cls(**{f.name: frozenset(w.lower() if lower else w for w in data[f.name]) for f in fields(cls)})


@dataclass(frozen=True)
class Institution:
    """A well-known institution: canonical name, other names, alliance of countries or not."""

    name: str
    aliases: tuple[str, ...]
    alliance: bool
    country: str | None = None    #: ISO code of a national institution ('House of Commons' → GB)
    generic: bool = False         #: a name several countries' institutions share ('Labour Party'): country is its usual one


#: Lexicon fields that are the word list of the same key in a data file, taken as they are
_PLAIN_LISTS: dict[str, tuple[str, ...]] = {
    "membership.json": (
        "member_nouns", "join_verbs", "found_verbs", "alliance_heads", "alliance_types", "alliance_anaphors",
        "member_count_nouns",
    ),
    "organizations.json": (
        "geo_feature_heads", "media_heads", "venue_heads", "not_org_heads", "road_heads", "place_lead_words",
        "motion_words", "building_nouns", "place_prepositions", "media_cues", "name_head_words", "name_tail_words",
        "org_class_nouns", "org_tie_nouns", "firm_nouns", "area_force_heads", "party_cue_words",
        "place_modifier_heads", "compass_words", "place_use_heads", "portfolio_title_heads",
        "portfolio_office_heads",
    ),
    "names.json": (
        "party_prefixes", "postnominals", "caption_words", "territorial_titles", "institution_words",
        "lead_adjectives",
    ),
    "countries.json": (
        "peoples",
    ),
}


@dataclass(frozen=True)
class Lexicon:
    """All lexical data used by the extractors."""

    role_heads: frozenset[str]
    #: every word of every role head ('attorney', 'general', 'prime', 'minister', '-')
    role_head_words: frozenset[str]
    weak_role_heads: frozenset[str]
    role_modifiers: frozenset[str]
    qualifiers: frozenset[str]
    institution_hints: dict[str, tuple[str, ...]]
    honorifics: frozenset[str]
    particles: frozenset[str]
    not_person: frozenset[str]
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
    lead_adjectives: frozenset[str]
    territorial_titles: frozenset[str]
    institution_words: frozenset[str]
    place_suffixes: tuple[str, ...]
    alliance_types: frozenset[str]
    alliance_anaphors: frozenset[str]
    member_count_nouns: frozenset[str]
    media_cues: frozenset[str]
    name_head_words: frozenset[str]
    name_tail_words: frozenset[str]
    org_class_nouns: frozenset[str]
    org_tie_nouns: frozenset[str]
    firm_nouns: frozenset[str]
    area_force_heads: frozenset[str]
    party_cue_words: frozenset[str]
    place_modifier_heads: frozenset[str]
    compass_words: frozenset[str]
    place_use_heads: frozenset[str]
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
        Institution(i["name"], tuple(i.get("aliases", ())), bool(i.get("alliance")), i.get("country"),
                    bool(i.get("generic")))
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
        role_head_words=frozenset(w for h in roles["heads"] for w in h.lower().replace("-", " - ").split()),
        weak_role_heads=frozenset(h.lower() for h in roles["weak_heads"]),
        role_modifiers=frozenset(m.lower() for m in entries(roles["modifiers"])),
        qualifiers=frozenset(q.lower() for q in roles["qualifiers"]),
        institution_hints={k: tuple(v) for k, v in roles["institution_hints"].items()},
        honorifics=frozenset(h.lower() for h in names["honorifics"]),
        particles=frozenset(p.lower() for p in names["particles"]),
        not_person=frozenset(entries(names["not_person"])),
        event_nouns={k.lower(): v for k, v in events["nouns"].items()},
        event_needs_context=frozenset(events["needs_context"]),
        institutions=institutions,
        institution_by_key=by_key,
        not_institutions=frozenset(fold(n) for n in entries(orgs["not_institutions"])),
        org_heads=frozenset(orgs["head_nouns"]),
        media_names=frozenset(fold(n) for n in orgs.get("media_names", ())),
        place_suffixes=tuple(names.get("place_suffixes", ())),
        country_aliases=dict(countries["aliases"]),
        demonyms=dict(countries["demonyms"]),
        **{key: frozenset(load_json(name)[key]) for name, keys in _PLAIN_LISTS.items() for key in keys},
    )


def institution_names(name: str) -> list[str]:
    """An organisation's name, folded, and for a gazetteer institution all its names ('Lib Dems' is also the
    'Liberal Democrat Party')."""
    key = fold(name).removeprefix("the ")
    inst = lexicon().institution_by_key.get(key)
    return [n for n in ([key] if inst is None else [key, inst.name, *inst.aliases]) if n.strip()]
