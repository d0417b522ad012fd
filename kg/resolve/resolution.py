"""The resolution of a store: every (article, raw IRI) → its canonical IRI, with the canonical
entities' names and the rule behind each merge. A pure function of the article features and the
curation file (kg.resolve.curation): resolving again from a previous resolution after some articles
changed re-clusters only the raw IRIs the change can reach (kg.resolve.blocking) and gives the
same result as resolving from nothing."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from kg.resolve.blocking import touched
from kg.resolve.cluster import Occ, all_names, entity_clusters, preference
from kg.resolve.derived import derived_iris, meeting_clusters


@dataclass
class Resolution:
    """Raw → canonical per article (only where they differ), and what the default graph must show."""

    mapping: dict[str, dict[str, str]] = field(default_factory=dict)   #: article → raw → canonical
    labels: dict[str, list[str]] = field(default_factory=dict)         #: canonical → [pref, *alts]
    rules: dict[str, str] = field(default_factory=dict)                #: raw → rule that merged it
    nontrivial: set[str] = field(default_factory=set)                  #: canonicals unlike the raw union
    clustered: int = 0                                                 #: raw IRIs clustered (not kept)

    def canon(self, article: str, raw: str) -> str:
        """The canonical IRI of `raw` as `article` uses it."""
        m = self.mapping.get(article)
        return m.get(raw, raw) if m else raw

    def members(self) -> dict[str, set[str]]:
        """canonical → the raw IRIs that map to it (other than itself)."""
        out: dict[str, set[str]] = defaultdict(set)
        for m in self.mapping.values():
            for raw, c in m.items():
                out[c].add(raw)
        return out

    def to_json(self) -> dict:
        """A JSON-able form (kept in the resolution state)."""
        return {"mapping": self.mapping, "labels": self.labels, "rules": self.rules,
                "nontrivial": sorted(self.nontrivial)}

    @classmethod
    def from_json(cls, data: dict) -> "Resolution":
        """The inverse of to_json."""
        return cls(data.get("mapping", {}), data.get("labels", {}), data.get("rules", {}),
                   set(data.get("nontrivial", ())))


@dataclass
class Previous:
    """A resolution and what it was made of, and the articles written or removed since."""

    resolution: Resolution
    articles: dict[str, dict]                                     #: article → features
    same: list[tuple[str, str]]                                   #: the curation's merges
    apart: set[frozenset[str]]                                    #: the curation's separations
    curated: str                                                  #: the rule recorded for them
    changed: set[str]                                             #: articles changed since

    @staticmethod
    def record(same, apart, curated: str) -> dict:
        """What the resolution state keeps of the curation a resolution used (JSON)."""
        return {"same": sorted(list(p) for p in same), "apart": sorted(sorted(p) for p in apart),
                "curated": curated}

    @classmethod
    def from_state(cls, resolution: Resolution, articles: dict[str, dict], state: dict | None,
                   changed: set[str]) -> "Previous | None":
        """A previous resolution, its features and its curation `record` (None without a record:
        resolve from nothing)."""
        if not state:
            return None
        return cls(resolution, articles, [tuple(p) for p in state["same"]],
                   {frozenset(p) for p in state["apart"]}, state["curated"], changed)


def _clusters(articles: dict[str, dict], same, apart, curated: str,
              previous: Previous | None) -> tuple[list[list[Occ]], dict[Occ, str], int]:
    """The entity clusters, the rule that joined each occurrence, and how many raw IRIs were
    clustered: all of them, or (from a previous resolution) only those the change can reach; the
    others keep their previous clusters and rules."""
    if previous is None:
        clusters, rules = entity_clusters(articles, same=same, apart=apart)
        return clusters, rules, len({r for f in articles.values() for r in f["entities"]})
    same, old_same = {tuple(p) for p in same}, {tuple(p) for p in previous.same}
    seeds = {r for p in same ^ old_same for r in p} | {r for p in set(apart) ^ previous.apart for r in p}
    if curated != previous.curated:
        seeds |= {r for p in same | old_same for r in p}
    redo = touched(previous.articles, articles, previous.changed, seeds=seeds, old_same=old_same, same=same)
    part = {a: f for a, f in articles.items() if not redo.isdisjoint(f["entities"])}
    clusters, rules = entity_clusters(part, only=redo, same=sorted(same), apart=apart)
    kept: dict[str, list[Occ]] = defaultdict(list)
    old = previous.resolution
    for article, feats in articles.items():
        for raw in feats["entities"]:
            if raw not in redo:
                kept[old.canon(article, raw)].append((article, raw))
                if raw in old.rules:
                    rules[(article, raw)] = old.rules[raw]
    return sorted(clusters + [sorted(g) for g in kept.values()]), rules, len(redo)


def _suffix(iri: str, taken: set[str], hint: str | None) -> str:
    for tag in ([hint.lower()] if hint else []) + [str(i) for i in range(2, 10_000)]:
        if f"{iri}-{tag}" not in taken:
            return f"{iri}-{tag}"
    raise AssertionError("unreachable")


def resolve(articles: dict[str, dict], *, same=(), apart=frozenset(),
            renames: dict[str, str] | None = None, curated: str = "curation",
            previous: Previous | None = None) -> Resolution:
    """Resolve the entities and derived nodes of these article features (article IRI → features),
    from nothing or from a `previous` resolution (the same result, less work)."""
    renames = renames or {}
    clusters, rules, clustered = _clusters(articles, same, apart, curated, previous)
    res = Resolution()
    res.clustered = clustered
    canon_of: dict[Occ, str] = {}
    chosen: dict[str, list[tuple[list[Occ], str]]] = defaultdict(list)
    for cluster in clusters:
        prefs = {o: articles[o[0]]["entities"][o[1]]["pref"] for o in cluster}
        best = max(prefs.values(), key=preference)
        iri = min(raw for o, raw in ((o, o[1]) for o in cluster) if prefs[o] == best)
        chosen[iri].append((cluster, best))
    taken = set(chosen)
    for iri, groups in sorted(chosen.items()):
        groups.sort(key=lambda g: g[0][0])
        for n, (cluster, best) in enumerate(groups):
            name = iri if n == 0 else _suffix(iri, taken, _country_hint(cluster, articles))
            taken.add(name)
            for o in cluster:
                canon_of[o] = name
            raws = {raw for _a, raw in cluster}
            names = all_names(cluster, articles)
            rename = next((renames[r] for r in sorted(raws) if r in renames), None)
            pref = rename or best
            alts = sorted(names - {pref})
            prefs_seen = {articles[a]["entities"][r]["pref"] for a, r in cluster}
            alts_seen = {x for a, r in cluster for x in articles[a]["entities"][r]["alts"]}
            split = len(groups) > 1
            if raws != {name} or split or prefs_seen != {pref} or pref in alts_seen:
                res.nontrivial.add(name)
                res.labels[name] = [pref, *alts]
            for o in cluster:
                if o[1] != name:
                    res.mapping.setdefault(o[0], {})[o[1]] = name
                    res.rules[o[1]] = curated if rules.get(o) == "curation" else rules.get(o, "rule:same-name")

    def entity(article: str, raw: str) -> str:
        return canon_of.get((article, raw), raw)

    for occs, rule in ((derived_iris(articles, entity), "rule:derived-identity"),
                       (meeting_clusters(articles, entity), "rule:same-meeting")):
        count: dict[str, set[str]] = defaultdict(set)
        for (article, raw), c in occs.items():
            count[c].add(raw)
        for (article, raw), c in occs.items():
            if c != raw:
                res.mapping.setdefault(article, {})[raw] = c
                res.rules[raw] = rule
            if c != raw or len(count[c]) > 1:
                res.nontrivial.add(c)
    # a raw IRI mapped to several canonicals (homonyms) is no alias of either
    targets: dict[str, set[str]] = defaultdict(set)
    for article, feats in articles.items():
        for raw in feats["entities"]:
            targets[raw].add(res.canon(article, raw))
    for raw, cs in targets.items():
        if len(cs) > 1:
            res.rules.pop(raw, None)
            res.nontrivial |= cs
    return res


def _country_hint(cluster: list[Occ], articles: dict[str, dict]) -> str | None:
    cs = {c for a, r in cluster for c in articles[a]["entities"][r].get("countries", ())}
    if not cs:
        cs = {articles[a].get("focus") for a, _r in cluster} - {None}
    return next(iter(cs)) if len(cs) == 1 else None
