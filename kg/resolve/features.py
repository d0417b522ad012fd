"""What resolution needs to know of one article graph: its people, institutions and derived nodes.

Read once when an article is written and kept in the resolution state (kg.resolve.state), so a
later resolution does not read the unchanged articles again. Plain dicts and lists (JSON).
"""
from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from kg.vocab import AKG, FOAF, ORG, RDF, RDFS, SCHEMA, SKOS

_TYPE = str(RDF.type)
_PERSON = str(FOAF.Person)
_ORG = str(ORG.Organization)
_COUNTRY = str(SCHEMA.Country)
_POST, _MEMBERSHIP, _MEETING = str(ORG.Post), str(ORG.Membership), str(AKG.Meeting)
_TENURE, _HOLDER, _HOLDS = str(AKG.Tenure), str(AKG.holder), str(AKG.post)
_PREF, _ALT, _NAME = str(SKOS.prefLabel), str(SKOS.altLabel), str(FOAF.name)
_REFERS, _ISO = str(AKG.refersTo), str(AKG.iso3166Alpha2)
_HELD_BY, _ROLE, _POST_IN = str(ORG.heldBy), str(ORG.role), str(ORG.postIn)
_MEMBER, _ORGANIZATION = str(ORG.member), str(ORG.organization)
_DATE, _PLACE, _ATTENDEE, _EVENT = str(SCHEMA.startDate), str(SCHEMA.location), str(SCHEMA.attendee), str(AKG.eventType)
_LABEL = str(RDFS.label)
_ARTICLE, _FOCUS, _COUNTRY_OF = str(AKG.Article), str(AKG.countryOfFocus), str(AKG.country)


def article_features(quads: Iterable[ox.Quad]) -> dict:
    """The features of one article graph (its quads): entities with names and context (a homonym
    institution's country: akg:country), posts, memberships and meetings, the article's country of focus (akg:countryOfFocus, as the extractor
    found it) and the entities it mentions."""
    types: dict[str, set[str]] = {}
    values: dict[tuple[str, str], list] = {}
    for q in quads:
        s, p, o = q.subject, q.predicate.value, q.object
        if not isinstance(s, ox.NamedNode):
            continue
        if p == _TYPE:
            types.setdefault(s.value, set()).add(o.value)
        else:
            values.setdefault((s.value, p), []).append(o.value)

    def one(s: str, p: str) -> str | None:
        v = values.get((s, p))
        return min(v) if v else None

    def many(s: str, p: str) -> list[str]:
        return sorted(set(values.get((s, p), ())))

    countries = {s for s, ts in types.items() if _COUNTRY in ts}
    mentioned = {o for (s, p), objs in values.items() if p == _REFERS for o in objs}
    articles = [s for s, ts in types.items() if _ARTICLE in ts]
    focus = next((one(c, _ISO) for a in articles if (c := one(a, _FOCUS)) is not None), None)

    entities: dict[str, dict] = {}
    for s, ts in types.items():
        kind = "person" if _PERSON in ts else "org" if _ORG in ts and _COUNTRY not in ts else None
        if kind is None:
            continue
        pref = many(s, _PREF)
        entities[s] = {"kind": kind, "pref": pref[0] if pref else "",
                       "alts": sorted(set(many(s, _ALT)) | set(many(s, _NAME)) - set(pref[:1])),
                       "alliance": str(AKG.Alliance) in ts}
        if kind == "org" and (c := one(s, _COUNTRY_OF)) is not None:
            entities[s]["country"] = one(c, _ISO)     # a homonym's country, as the extractor decided (homonyms.py)
    # a post: its role, institution and (for the fill of an unknown institution) its holder when it has one
    posts = {s: [one(s, _ROLE), one(s, _POST_IN), one(s, _HELD_BY) if len(many(s, _HELD_BY)) == 1 else None]
             for s, ts in types.items() if _POST in ts and one(s, _HELD_BY) and one(s, _ROLE)}
    tenures = {s: [one(s, _HOLDER), one(s, _HOLDS)]
               for s, ts in types.items() if _TENURE in ts and one(s, _HOLDER) and one(s, _HOLDS) in posts}
    members = {s: [one(s, _MEMBER), one(s, _ORGANIZATION)]
               for s, ts in types.items() if _MEMBERSHIP in ts and one(s, _MEMBER) and one(s, _ORGANIZATION)}
    meetings = {s: {"date": one(s, _DATE), "place": one(s, _PLACE), "who": many(s, _ATTENDEE),
                    "kind": one(s, _EVENT) or one(s, _LABEL)}
                for s, ts in types.items() if _MEETING in ts}
    iso = {c: one(c, _ISO) for c in countries}
    for holder, post in tenures.values():
        role, where = posts[post][0], posts[post][1]
        e = entities.get(holder)
        if e is not None:
            e.setdefault("roles", []).append(role)
            if where in iso and iso[where]:
                e.setdefault("countries", []).append(iso[where])
    for e in entities.values():
        for key in ("roles", "countries"):
            if key in e:
                e[key] = sorted(set(e[key]))
    return {"focus": focus, "entities": entities, "posts": posts, "tenures": tenures, "members": members,
            "meetings": meetings,
            "mentioned": sorted(m for m in mentioned if m in entities or m in countries)}
