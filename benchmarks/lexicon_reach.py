"""Which entries of the extractor's exception lists fire on a corpus, and in which articles.

An exception entry (kg/data names.json not_person, organizations.json not_institutions) earns its
place only when it decides something a general rule does not: this script counts, per entry, the
articles where the extractor's membership test on it comes out true (from cached spaCy Docs, like
benchmarks/snapshot.py). An entry that never fires is unreachable on that corpus; one that fires
may still be covered by a general rule: remove it and compare snapshots (docs/extraction.md).

    python benchmarks/lexicon_reach.py ../shared/corpus
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

#: the exception lists: Lexicon field → how an entry is written in the data ('folded' lists are matched folded)
EXCEPTION_LISTS = {"not_person": ("names.json", "not_person", False),
                   "not_institutions": ("organizations.json", "not_institutions", True)}


class _Firing(frozenset):
    """A frozenset that records the entries a membership test finds, per article."""

    article = ""

    def __new__(cls, items, hits: dict):
        obj = super().__new__(cls, items)
        obj.hits = hits
        return obj

    def __contains__(self, item) -> bool:
        found = frozenset.__contains__(self, item)
        if found:
            self.hits[item].add(_Firing.article)
        return found


def reach(paths: list[str], cache: Path) -> dict[str, dict[str, set[str]]]:
    """Per exception list, per entry (as written in the data): the articles where it fires."""
    sys.path.insert(0, str(Path(__file__).parent))
    from snapshot import parsed_docs

    import kg.extract.lexicon as lexicon_module
    from kg.build import article_to_ntriples
    from kg.extract.normalize import fold
    from kg.ingest import iter_articles

    articles = list(iter_articles(paths, on_error=lambda p, e: None))
    docs = parsed_docs(articles, cache)
    lex = lexicon_module.lexicon()
    hits = {name: defaultdict(set) for name in EXCEPTION_LISTS}
    counted = replace(lex, **{name: _Firing(getattr(lex, name), hits[name]) for name in EXCEPTION_LISTS})
    original = lexicon_module.lexicon
    patched = [m for n, m in sys.modules.items() if n.startswith("kg.") and getattr(m, "lexicon", None) is original]
    for module in patched:
        module.lexicon = lambda: counted
    try:
        for art, doc in zip(articles, docs):
            _Firing.article = art.id
            article_to_ntriples(art, doc)
    finally:
        for module in patched:
            module.lexicon = original
    out = {}
    for name, (data_file, key, folded) in EXCEPTION_LISTS.items():
        out[name] = {e: hits[name].get(fold(e) if folded else e, set())
                     for e in lexicon_module.entries(lexicon_module.load_json(data_file)[key])}
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="+", help="article files or folders")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/kg-doccache"), help="DocBin cache folder")
    a = ap.parse_args()
    never = 0
    for name, entries in reach(a.paths, a.cache).items():
        print(f"== {name}")
        for entry, where in entries.items():
            never += not where
            shown = ", ".join(sorted(where)[:3]) + (" …" if len(where) > 3 else "")
            print(f"  {entry!r:40} {len(where):4} articles  {shown if where else 'NEVER FIRES'}")
    print(f"{never} entries never fire", file=sys.stderr)
    return 1 if never else 0


if __name__ == "__main__":
    sys.exit(main())
