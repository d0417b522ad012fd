"""Cost of cross-article resolution (kg/resolve), apart from parsing: a full resolution, then
one article removed, added back and changed, each followed by the resolution `kg build` / `kg
remove` run after it (incremental: only the clusters the article's blocking keys reach).

The store is filled from a snapshot of per-article N-Triples (benchmarks/snapshot.py), or is a
copy of a built store (e.g. the 10k benchmark store; the original is not touched):

    python benchmarks/snapshot.py ../shared/corpus --out /tmp/snap
    python benchmarks/bench_resolve.py --snapshot /tmp/snap --samples 3 --check
    python benchmarks/bench_resolve.py --copy-store /tmp/kg-bench/store-10000 --samples 3 --check

Prints one JSON line per step (wall and CPU seconds of the resolution alone, raw IRIs clustered again,
canonicals rewritten) and the median of each kind of step. --check compares the store's
resolution after every step with a resolution of the same articles from nothing.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from kg.store import Store

_ARTICLE = re.compile(r"^<([^>]+)> <http://www\.w3\.org/1999/02/22-rdf-syntax-ns#type> "
                      r"<https://w3id\.org/alliance-kg/ontology#Article> \.$", re.M)


def _ntriples(store: Store, article: str) -> str:
    """An article's graph as N-Triples (what `kg build` wrote for it)."""
    quads = store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(article))
    return "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in quads)


def _check(store: Store) -> bool:
    """The store's resolution is the one from nothing of the same articles."""
    from kg.resolve import _load_state
    from kg.resolve.curation import Curation
    from kg.resolve.resolution import resolve

    state = _load_state(store)
    cur = Curation.from_state(state.get("curation"))
    fresh = resolve(state["features"], same=cur.same, apart=cur.apart, renames=cur.renames, curated=cur.rule)
    return fresh.to_json() == state["resolution"]


def _step(store: Store, kind: str, article: str, check: bool) -> dict:
    t0, c0 = time.perf_counter(), time.process_time()
    report = store.resolve([article])
    row = {"step": kind, "article": article.rsplit("/", 1)[-1], "seconds": round(time.perf_counter() - t0, 3),
           "cpu_seconds": round(time.process_time() - c0, 3), "clustered": report.clustered,
           "rewritten": report.rewritten}
    if check:
        row["identical_to_full"] = _check(store)
    print(json.dumps(row), flush=True)
    return row


def main() -> int:
    """Command line."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--snapshot", type=Path, help="folder of per-article .nt files")
    src.add_argument("--copy-store", type=Path, help="a built store to copy and work on")
    ap.add_argument("--samples", type=int, default=3, help="articles removed, added back and changed (spread evenly)")
    ap.add_argument("--check", action="store_true", help="compare every step with a resolution from nothing")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-bench-resolve-") as tmp:
        path = Path(tmp) / "store"
        t0 = time.perf_counter()
        if a.copy_store:
            shutil.copytree(a.copy_store, path)
        else:
            files = sorted(a.snapshot.glob("*.nt"))
            if not files:
                print(f"no .nt files in {a.snapshot}", file=sys.stderr)
                return 1
            with Store.open(path) as store:
                for f in files:
                    nt = f.read_text(encoding="utf-8")
                    store.replace_article(_ARTICLE.search(nt).group(1), nt)
        with Store.open(path) as store:
            articles = sorted(store.articles())
            print(f"store of {len(articles)} articles ready in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
            t1, c1 = time.perf_counter(), time.process_time()
            full = store.resolve(full=True)
            rows = [{"step": "full", "seconds": round(time.perf_counter() - t1, 3),
                     "cpu_seconds": round(time.process_time() - c1, 3), "clustered": full.clustered,
                     "merged": full.merged, "rewritten": full.rewritten}]
            if a.check:
                rows[0]["identical_to_full"] = _check(store)
            print(json.dumps(rows[0]), flush=True)
            for i in range(a.samples):
                article = articles[(2 * i + 1) * len(articles) // (2 * a.samples)]
                nt = _ntriples(store, article)
                store.remove_article(article)
                rows.append(_step(store, "removed", article, a.check))
                store.replace_article(article, nt)
                rows.append(_step(store, "added", article, a.check))
                lines = sorted(nt.splitlines())
                store.replace_article(article, "\n".join(lines[: len(lines) * 3 // 4]) + "\n")
                rows.append(_step(store, "changed", article, a.check))
    summary = {kind: [statistics.median(r[k] for r in rows if r["step"] == kind) for k in ("seconds", "cpu_seconds")]
               for kind in ("full", "removed", "added", "changed")}
    summary["all_identical"] = all(r.get("identical_to_full", True) for r in rows)
    print(json.dumps({"median_wall_and_cpu_seconds": summary}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
