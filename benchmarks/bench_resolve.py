"""Cost of cross-article resolution (kg/resolve), apart from parsing: a store is filled from a
snapshot of per-article N-Triples (benchmarks/snapshot.py), then resolved from scratch, then one
article is changed and the store resolved again (what `kg build` does after touching one file).

    python benchmarks/snapshot.py ../shared/corpus --out /tmp/snap
    python benchmarks/bench_resolve.py /tmp/snap [--store /tmp/bench-resolve-store]

Prints the seconds of: writing the articles (the plain union, as before resolution existed), the
full resolution, re-writing one article, and the incremental resolution after it.
"""
from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from kg.store import Store

_ARTICLE = re.compile(r"^<([^>]+)> <http://www\.w3\.org/1999/02/22-rdf-syntax-ns#type> "
                      r"<https://w3id\.org/alliance-kg/ontology#Article> \.$", re.M)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("snapshot", type=Path, help="folder of per-article .nt files")
    ap.add_argument("--store", type=Path, help="store folder (default: a temporary one)")
    a = ap.parse_args()
    files = sorted(a.snapshot.glob("*.nt"))
    if not files:
        print(f"no .nt files in {a.snapshot}", file=sys.stderr)
        return 1
    path = a.store or Path(tempfile.mkdtemp()) / "store"
    shutil.rmtree(path, ignore_errors=True)
    arts = [(_ARTICLE.search(t).group(1), t) for t in (f.read_text(encoding="utf-8") for f in files)]
    with Store.open(path) as store:
        t0 = time.perf_counter()
        for iri, nt in arts:
            store.replace_article(iri, nt)
        t1 = time.perf_counter()
        full = store.resolve([iri for iri, _ in arts])
        t2 = time.perf_counter()
        iri, nt = arts[len(arts) // 2]
        lines = nt.splitlines()
        store.replace_article(iri, "\n".join(lines[: len(lines) * 3 // 4]) + "\n")   # the article changed
        t3 = time.perf_counter()
        one = store.resolve([iri])
        t4 = time.perf_counter()
    print(f"articles {len(arts)}: write {t1 - t0:.2f} s, full resolution {t2 - t1:.2f} s "
          f"({full.merged} IRIs merged, {full.rewritten} canonicals rewritten); one article rewritten "
          f"{t3 - t2:.2f} s, incremental resolution {t4 - t3:.2f} s ({one.rewritten} canonicals rewritten)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
