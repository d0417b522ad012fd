"""Blocking keys: which raw IRIs a change of articles can affect, so that resolution re-clusters
only those (kg.resolve.resolution) and gets exactly what a full clustering would.

Every rule of kg.resolve.cluster links two occurrences — or decides between candidates — only
when their names meet: a person's surname among another's words, an institution's name, content
words, acronym or initials, a short form's head and words among a longer name's. Each occurrence
has blocking keys that say where it can meet others, as a probe ('p|…') or as a target ('t|…');
two raw IRIs are neighbours when one probes a key the other targets, and all occurrences of one
raw IRI (and the two sides of a curation merge) go together. Keys are coarser than the rules,
never finer: rules only ever compare neighbours. So the clustering of a connected component of
that graph depends on the component alone (the co-mentions and countries that support a merge
are read from the articles' features, not from other clusters), and a change of articles changes
only the components its raw IRIs are in, before and after it.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache

from kg.resolve.cluster import head_words, word_keys
from kg.resolve.names import org_name, person_name


def occurrence_keys(entity: dict) -> frozenset[str]:
    """The blocking keys of one occurrence (its features, kg.resolve.features)."""
    return _keys(entity["kind"], entity["pref"], tuple(entity["alts"]))


@lru_cache(maxsize=1 << 17)
def _keys(kind: str, pref: str, alts: tuple[str, ...]) -> frozenset[str]:
    def both(k: str) -> set[str]:
        return {"p|" + k, "t|" + k}

    name = pref or (alts[0] if alts else "")
    keys: set[str] = set()
    if kind == "person":
        p = person_name(name)
        if p.full and not p.honorific:                # rule 2: pairs; rule 3: the candidates
            keys |= {"t|" + k for t in p.tokens[1:] for k in word_keys(t)}
            keys |= {"p|" + k for k in word_keys(p.tokens[-1])}
        elif p.tokens:                                 # rule 3: a surname looks for full names
            keys |= {"p|" + k for k in word_keys(p.surname)[:2 if p.honorific else 1]}
        return frozenset(keys)
    on = org_name(name)
    if on.key:
        keys |= both("n:" + on.key)                    # rule 1: the name (of any country)
    if on.content:
        keys |= both("w:" + " ".join(sorted(on.content)))    # rule 1: the content words (any country)
        last, before = head_words(name)
        for w in on.content:                           # rule 3: a longer name, target of short forms
            keys |= {f"t|f:{last}:{w}", f"t|f:{before}:{w}"}
        if not on.acronym:                             # rule 3: a short form probes its head and a word
            keys.add(f"p|f:{last}:{min(on.content - {last} or on.content)}")
    for n in filter(None, (pref, *alts)):
        parsed = org_name(n)
        if parsed.acronym:
            keys |= both("a:" + parsed.acronym)        # rule 1: acronyms; rule 2: the probes
        if parsed.initials and len(parsed.initials) >= 3:
            keys.add("t|a:" + parsed.initials)         # rule 2: the targets
    return frozenset(keys)


class Blocks:
    """The neighbourhood graph of the raw IRIs of some articles (their features)."""

    def __init__(self, articles: dict[str, dict], same: Iterable[tuple[str, str]] = ()):
        self.keys: dict[str, Counter[str]] = defaultdict(Counter)   # raw → its keys (their occurrences)
        self.holders: dict[str, set[str]] = defaultdict(set)        # key → the raws that hold it
        self.same: dict[str, set[str]] = defaultdict(set)
        for feats in articles.values():
            self.add(feats)
        self.set_same(same)

    def add(self, feats: dict, sign: int = 1) -> None:
        """Take in one article's occurrences (`sign` -1: take them out)."""
        for raw, e in feats["entities"].items():
            held = self.keys[raw]
            for k in occurrence_keys(e):
                held[k] += sign
                if held[k] > 0:
                    self.holders[k].add(raw)
                else:
                    del held[k]
                    self.holders[k].discard(raw)
            if not held and sign < 0:
                del self.keys[raw]

    def set_same(self, same: Iterable[tuple[str, str]]) -> None:
        """The curation's merges: each pair is joined."""
        self.same.clear()
        for x, y in same:
            self.same[x].add(y)
            self.same[y].add(x)

    def closure(self, seeds: Iterable[str]) -> set[str]:
        """The raw IRIs connected to `seeds` (those of the seeds that are raws of these articles)."""
        todo = [r for r in seeds if r in self.keys]
        seen, met = set(todo), set()           # met: keys whose holders are all in `seen` already
        while todo:
            raw = todo.pop()
            near = set(self.same.get(raw, ()))
            for k in self.keys.get(raw, ()):
                other = ("t|" if k[0] == "p" else "p|") + k[2:]
                if other not in met:
                    met.add(other)
                    near |= self.holders.get(other, set())
            for n in near - seen:
                seen.add(n)
                todo.append(n)
        return seen

    def components(self) -> list[set[str]]:
        """All connected components (for statistics: how much a change can touch)."""
        left, out = set(self.keys), []
        while left:
            comp = self.closure([min(left)])
            out.append(comp)
            left -= comp
        return out


def touched(old: dict[str, dict], new: dict[str, dict], changed: Iterable[str], *,
            seeds: Iterable[str] = (), old_same: Iterable[tuple[str, str]] = (),
            same: Iterable[tuple[str, str]] = ()) -> set[str]:
    """The raw IRIs whose clusters a change from the `old` to the `new` articles (features) can
    change: the components, before and after, of the raws of the `changed` articles and `seeds`."""
    changed = sorted(changed)
    start = set(seeds)
    for article in changed:
        for feats in (old.get(article), new.get(article)):
            if feats:
                start.update(feats["entities"])
    blocks = Blocks(old, old_same)
    before = blocks.closure(start)
    for article in changed:
        if article in old:
            blocks.add(old[article], -1)
        if article in new:
            blocks.add(new[article])
    blocks.set_same(same)
    return blocks.closure(start | before)
