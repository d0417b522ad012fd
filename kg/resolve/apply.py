"""Bring the store's default graph from one resolution to the next, touching only what changed.

The default graph is the resolved union of the article graphs: every article triple with its
raw IRIs replaced by their canonical IRIs (as that article uses them), one skos:prefLabel per
resolved person or institution (its other names as skos:altLabel), and `raw owl:sameAs
canonical` with `raw akg:resolvedBy "rule"` for every raw IRI merged into another. Where nothing
was resolved ("trivial" canonicals) this is exactly the plain union that kg.store keeps per
article write; everything touching a canonical that is resolved now or was before, and that a
changed article touches or whose cluster changed, is deleted and derived again from the article
graphs, a batch of whole clusters per transaction (readers never see half a cluster).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from kg.resolve.resolution import Resolution
from kg.vocab import AKG, OWL, SKOS

_DEFAULT = ox.DefaultGraph()
_PREF, _ALT = ox.NamedNode(str(SKOS.prefLabel)), ox.NamedNode(str(SKOS.altLabel))
_SAME, _BY = ox.NamedNode(str(OWL.sameAs)), ox.NamedNode(str(AKG.resolvedBy))
#: triples per update (one transaction each; whole clusters only)
BATCH_TRIPLES = 20_000


def _raws(feats: dict | None) -> set[str]:
    if not feats:
        return set()
    out = set(feats["entities"])
    for section in ("posts", "tenures", "members", "meetings"):
        out.update(feats.get(section, ()))
    return out


def dirty_canonicals(old: Resolution, new: Resolution, old_feats: dict[str, dict],
                     new_feats: dict[str, dict], changed: Iterable[str]) -> set[str]:
    """The canonical IRIs whose statements in the default graph must be derived again."""
    out: set[str] = set()
    for article in changed:
        for raw in _raws(old_feats.get(article)) | _raws(new_feats.get(article)):
            for c in (old.canon(article, raw), new.canon(article, raw)):
                if c in old.nontrivial or c in new.nontrivial:
                    out.add(c)
    for article in set(old.mapping) | set(new.mapping):
        a, b = old.mapping.get(article, {}), new.mapping.get(article, {})
        for raw in set(a) | set(b):
            if a.get(raw, raw) != b.get(raw, raw):
                out.update((a.get(raw, raw), b.get(raw, raw)))
    for c in set(old.labels) | set(new.labels):
        if old.labels.get(c) != new.labels.get(c):
            out.add(c)
    for raw in set(old.rules) | set(new.rules):
        if old.rules.get(raw) != new.rules.get(raw):
            out.add(raw)
    return out


def apply(store, old: Resolution, new: Resolution, dirty: set[str]) -> int:
    """Rewrite the default graph's statements about the `dirty` canonicals; the triples written.

    What to delete and insert is worked out for all of them first (a raw IRI leaving one cluster
    for another must not lose the statements the other one gives it), then written cluster by
    cluster in updates of about BATCH_TRIPLES triples."""
    ox_store: ox.Store = store.oxigraph
    old_members, new_members = old.members(), new.members()
    # a raw IRI of a dirty cluster may name another cluster too (homonyms): that one is dirty as well
    todo, dirty = list(dirty), set(dirty)
    while todo:
        c = todo.pop()
        for n in old_members.get(c, set()) | new_members.get(c, set()):
            if n not in dirty:
                dirty.add(n)
                todo.append(n)
    per_cluster: list[tuple[set[ox.Triple], set[ox.Triple]]] = []
    all_insert: set[ox.Triple] = set()
    for c in sorted(dirty):
        gone: set[ox.Triple] = set()
        for n in {c} | old_members.get(c, set()) | new_members.get(c, set()):
            node = ox.NamedNode(n)
            for pattern in ((node, None, None), (None, None, node)):
                gone.update(ox.Triple(q.subject, q.predicate, q.object)
                            for q in ox_store.quads_for_pattern(*pattern, _DEFAULT))
        made = set(_derive(ox_store, new, c, {c} | new_members.get(c, set())))
        all_insert |= made
        per_cluster.append((gone, made))
    written = 0
    done: set[ox.Triple] = set()
    delete: list[ox.Triple] = []
    insert: list[ox.Triple] = []

    def flush() -> None:
        parts = []
        if delete:
            parts.append("DELETE DATA {\n" + "".join(f"{t} .\n" for t in delete) + "}")
        if insert:
            parts.append("INSERT DATA {\n" + "".join(f"{t} .\n" for t in insert) + "}")
        if parts:
            store._update(" ;\n".join(parts))
        delete.clear()
        insert.clear()

    for gone, made in per_cluster:
        delete.extend(t for t in gone - all_insert - done)
        insert.extend(t for t in made - done)
        done |= gone | made
        written += len(made)
        if len(delete) + len(insert) >= BATCH_TRIPLES:
            flush()
    flush()
    return written


def _derive(ox_store: ox.Store, res: Resolution, c: str, raws: set[str]) -> Iterator[ox.Triple]:
    """The resolved statements about canonical `c`, from the article graphs of its raw IRIs."""
    managed = c in res.labels

    def term(t, article: str):
        return ox.NamedNode(res.canon(article, t.value)) if isinstance(t, ox.NamedNode) else t

    for r in sorted(raws):
        node = ox.NamedNode(r)
        for pattern in ((node, None, None), (None, None, node)):
            for q in ox_store.quads_for_pattern(*pattern, None):
                g = q.graph_name
                if isinstance(g, ox.DefaultGraph) or res.canon(g.value, r) != c:
                    continue
                s, o = term(q.subject, g.value), term(q.object, g.value)
                if managed and s.value == c and q.predicate in (_PREF, _ALT):
                    continue
                yield ox.Triple(s, q.predicate, o)
        if r != c and res.rules.get(r):
            yield ox.Triple(node, _SAME, ox.NamedNode(c))
            yield ox.Triple(node, _BY, ox.Literal(res.rules[r]))
    if managed:
        pref, *alts = res.labels[c]
        cn = ox.NamedNode(c)
        yield ox.Triple(cn, _PREF, ox.Literal(pref))
        for a in alts:
            yield ox.Triple(cn, _ALT, ox.Literal(a))
