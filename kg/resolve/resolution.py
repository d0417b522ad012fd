"""The resolution of a store: every (article, raw IRI) → its canonical IRI, with the canonical
entities' names and the rule behind each merge. A pure function of the article features and the
curation file (kg.resolve.curation)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from kg.resolve.cluster import Occ, all_names, entity_clusters, preference
from kg.resolve.derived import derived_iris, meeting_clusters


@dataclass
class Resolution:
    """Raw → canonical per article (only where they differ), and what the default graph must show."""

    mapping: dict[str, dict[str, str]] = field(default_factory=dict)   #: article → raw → canonical
    labels: dict[str, list[str]] = field(default_factory=dict)         #: canonical → [pref, *alts]
    rules: dict[str, str] = field(default_factory=dict)                #: raw → rule that merged it
    nontrivial: set[str] = field(default_factory=set)                  #: canonicals unlike the raw union

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


def _suffix(iri: str, taken: set[str], hint: str | None) -> str:
    for tag in ([hint.lower()] if hint else []) + [str(i) for i in range(2, 10_000)]:
        if f"{iri}-{tag}" not in taken:
            return f"{iri}-{tag}"
    raise AssertionError("unreachable")


def resolve(articles: dict[str, dict], *, same=(), apart=frozenset(),
            renames: dict[str, str] | None = None, curated: str = "curation") -> Resolution:
    """Resolve the entities and derived nodes of these article features (article IRI → features)."""
    renames = renames or {}
    clusters, rules = entity_clusters(articles, same=same, apart=apart)
    res = Resolution()
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
