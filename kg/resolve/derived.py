"""Derived nodes: nodes whose identity is made of other nodes merge when those resolve to one.

IDENTITY is the one place that says which: a class → the predicates whose (canonical) objects
form its identity, in the order the mapping hashes them into the node's IRI (kg.mapping). Posts
are (role, institution), shared by their holders, or (role, holder) while the institution is
unknown; a person's holding of a post (akg:Tenure) is (holder, post); memberships are (member,
organisation). Meetings have no such identity: `meeting_clusters` merges the meetings two
articles report when their dates agree, their places do not differ and they share a participant.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from kg.mapping import _h
from kg.vocab import AKG, KGR, ORG


def _local(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Identity:
    """How a derived node's IRI is made from its components."""

    feature: str                   #: its section in the article features (kg.resolve.features)
    segment: str                   #: IRI path segment (kgr:{segment}/{hash})
    predicates: tuple[str, ...]    #: the components, in hash order
    keys: tuple[Callable[[str], str], ...]   #: component IRI → the text hashed (the mapping's)
    optional: int | None = None    #: index of a component that may be unknown (a post's institution)
    personal: int | None = None    #: index of a component hashed only while `optional` is unknown (a
    #:                                 post of an unknown institution is its one holder's own)
    derived: tuple[int, ...] = ()  #: indices of components that are derived nodes of an earlier row


IDENTITY: dict[str, Identity] = {   # rows whose components are derived nodes come after those rows
    str(ORG.Post): Identity("posts", "post", (str(ORG.role), str(ORG.postIn), str(ORG.heldBy)),
                            (_local, str, str), optional=1, personal=2),
    str(AKG.Tenure): Identity("tenures", "tenure", (str(AKG.holder), str(AKG.post)), (str, str), derived=(1,)),
    str(ORG.Membership): Identity("members", "membership", (str(ORG.member), str(ORG.organization)),
                                  (str, str)),
}


def derived_iris(articles: dict[str, dict], entity: Callable[[str, str], str]) -> dict[tuple[str, str], str]:
    """(article, raw derived node) → canonical IRI, from the canonical IRIs of its components
    (`entity(article, raw)`, or the canonical derived node). A post whose institution is unknown
    joins the post of the same person and role whose institution is known, when there is exactly
    one such post."""
    out: dict[tuple[str, str], str] = {}
    for ident in IDENTITY.values():
        comps: dict[tuple[str, str], tuple] = {}
        for article, feats in articles.items():
            for raw, parts in feats.get(ident.feature, {}).items():
                comps[(article, raw)] = tuple(
                    None if not p else out.get((article, p), p) if i in ident.derived else entity(article, p)
                    for i, p in enumerate(parts))
        if ident.optional is not None:
            k = ident.optional
            known: dict[tuple, set] = defaultdict(set)
            for c in comps.values():
                if c[k] is not None:
                    known[c[:k] + c[k + 1:]].add(c[k])
            for occ, c in comps.items():
                if c[k] is None and len(fill := known.get(c[:k] + c[k + 1:], ())) == 1:
                    comps[occ] = c[:k] + (next(iter(fill)),) + c[k + 1:]
        for occ, c in comps.items():
            text = [key(v) if v is not None else "" for key, v in zip(ident.keys, c)]
            if ident.personal is not None and c[ident.optional] is not None:
                text[ident.personal] = ""          # a post of a known institution is shared by its holders
            out[occ] = str(KGR[f"{ident.segment}/" + _h(*text)])
    return out


def meeting_clusters(articles: dict[str, dict], entity: Callable[[str, str], str]) -> dict[tuple[str, str], str]:
    """(article, raw meeting) → canonical meeting IRI: meetings of different articles with the same
    date, no differing place and a shared participant are one (the smallest IRI names it). A
    meeting without a date never merges (a planned meeting and the one held stay apart unless their
    dates agree)."""
    by_date: dict[str, list[tuple[tuple[str, str], str | None, frozenset[str]]]] = defaultdict(list)
    for article, feats in articles.items():
        for raw, m in feats.get("meetings", {}).items():
            if m.get("date"):
                who = frozenset(entity(article, w) for w in m.get("who", ()))
                place = entity(article, m["place"]) if m.get("place") else None
                by_date[m["date"]].append(((article, raw), place, who))
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(x):
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for date in sorted(by_date):
        ms = sorted(by_date[date], key=lambda m: m[0])
        for i, (a, pa, wa) in enumerate(ms):
            for b, pb, wb in ms[i + 1:]:
                if a[0] != b[0] and (pa is None or pb is None or pa == pb) and wa & wb:
                    ra, rb = sorted((find(a), find(b)))
                    if ra != rb:
                        parent[rb] = ra
    groups: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for x in parent:
        groups[find(x)].append(x)
    out = {}
    for root, members in groups.items():
        members.append(root)
        name = min(raw for _a, raw in members)
        for occ in members:
            out[occ] = name
    return out
