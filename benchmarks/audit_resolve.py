"""Precision audit of cross-article resolution: random clusters that merged two or more distinct
names (raw IRIs), printed with the rule behind each occurrence and the sentences that name it, to
be read by hand. Seeded, so the same store and seed give the same sample.

The store is one `kg build` made (its resolution state, kg-resolution.json, holds every article's
features); the clusters are those of kg.resolve.cluster.entity_clusters over them (with the
store's curation file, if any):

    kg build ../shared/corpus --store /tmp/kg-r3
    python benchmarks/audit_resolve.py --store /tmp/kg-r3 --sample 30 --seed 20261205
    python benchmarks/audit_resolve.py --store /tmp/kg-r3 --list      # every merged cluster, one line each

Prints how many clusters qualify, then for each sampled cluster: its number, kind and rules, and
for each raw IRI its names, articles and (with --sentences N) up to N sentences that mention it.
"""
from __future__ import annotations

import argparse
import random
import sys
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

from kg.vocab import AKG, PROV

_REFERS, _DERIVED, _TEXT = str(AKG.refersTo), str(PROV.wasDerivedFrom), str(AKG.sentenceText)


def merged_clusters(features: dict[str, dict], curation=None) -> list[tuple[list, dict]]:
    """The clusters of two or more raw IRIs, sorted, each with the rule of each occurrence."""
    from kg.resolve.cluster import entity_clusters

    same = curation.same if curation else ()
    apart = curation.apart if curation else frozenset()
    clusters, rules = entity_clusters(features, same=same, apart=apart)
    out = []
    for cluster in clusters:
        if len({raw for _a, raw in cluster}) >= 2:
            out.append((cluster, {o: rules.get(o, "rule:same-name") for o in cluster}))
    return out


def sentences_of(store, article: str, raw: str, limit: int) -> list[str]:
    """Up to `limit` sentences of an article that mention a raw IRI (text order)."""
    graph = ox.NamedNode(article)
    found = []
    for q in store.oxigraph.quads_for_pattern(None, ox.NamedNode(_REFERS), ox.NamedNode(raw), graph):
        for ev in store.oxigraph.quads_for_pattern(q.subject, ox.NamedNode(_DERIVED), None, graph):
            for t in store.oxigraph.quads_for_pattern(ev.object, ox.NamedNode(_TEXT), None, graph):
                found.append((ev.object.value, t.object.value))
    seen, out = set(), []
    for _ev, text in sorted(found, key=lambda x: int(x[0].rsplit("-", 1)[-1]) if x[0].rsplit("-", 1)[-1].isdigit() else 0):
        if text not in seen:
            seen.add(text)
            out.append(text)
    return out[:limit]


def describe(store, features: dict[str, dict], n: int, cluster: list, rules: dict, sentences: int) -> str:
    """One cluster as text for a reader."""
    by_raw: dict[str, list[str]] = defaultdict(list)
    for article, raw in cluster:
        by_raw[raw].append(article)
    kind = features[cluster[0][0]]["entities"][cluster[0][1]]["kind"]
    lines = [f"#{n} {kind}: " + " / ".join(sorted({features[a]['entities'][r]['pref'] for a, r in cluster}))
             + f"   rules: {', '.join(sorted(set(rules.values())))}"]
    for raw, arts in sorted(by_raw.items()):
        e = features[arts[0]]["entities"][raw]
        rule = sorted({rules[(a, raw)] for a in arts})
        lines.append(f"  {raw.rsplit('/', 1)[-1]}  names {[e['pref'], *e['alts']]}  roles {e.get('roles', [])}  "
                     f"{len(arts)} article(s) {rule}")
        for a in sorted(arts)[:3]:
            focus = features[a].get("focus")
            lines.append(f"    {a.rsplit('/', 1)[-1]} (focus {focus})")
            if store is not None:
                for s in sentences_of(store, a, raw, sentences):
                    lines.append(f"      | {s[:300]}")
    return "\n".join(lines)


def main() -> int:
    """Command line."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", type=Path, required=True, help="a store built by kg build (resolved)")
    ap.add_argument("--sample", type=int, default=30, help="clusters to draw")
    ap.add_argument("--seed", type=int, default=20261205)
    ap.add_argument("--sentences", type=int, default=2, help="sentences shown per raw IRI and article")
    ap.add_argument("--list", action="store_true", help="list every merged cluster instead of a sample")
    a = ap.parse_args()
    from kg.resolve import _load_state
    from kg.resolve.curation import Curation
    from kg.store import Store

    with Store.open(a.store, create=False, read_only=True) as store:
        state = _load_state(store)
        if not state:
            print(f"{a.store}: no resolution state (build it with this kg first)", file=sys.stderr)
            return 1
        features = state["features"]
        curation = Curation.from_state(state.get("curation"))
        merged = merged_clusters(features, curation)
        print(f"{len(merged)} clusters merge two or more raw IRIs "
              f"({sum(1 for c, _r in merged if features[c[0][0]]['entities'][c[0][1]]['kind'] == 'person')} people)")
        if a.list:
            for n, (cluster, rules) in enumerate(merged, 1):
                names = sorted({features[x]["entities"][r]["pref"] for x, r in cluster})
                print(f"{n}\t{' / '.join(names)}\t{', '.join(sorted(set(rules.values())))}")
            return 0
        picked = sorted(random.Random(a.seed).sample(range(len(merged)), min(a.sample, len(merged))))
        for n, i in enumerate(picked, 1):
            cluster, rules = merged[i]
            print(describe(store, features, n, cluster, rules, a.sentences))
            print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
