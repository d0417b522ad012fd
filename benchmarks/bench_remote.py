"""The SPARQL-server side of a distributed build: how fast kg writes article graphs into Virtuoso.

Starts a throw-away Virtuoso on loopback (tests/virtuoso.py; installed when missing), copies every
article graph of an embedded store into it the way `kg build --store URL` writes (RemoteStore,
batches of 8 articles), and reports articles/s and triples/s, the unchanged-check rate (content
hashes looked up per second) and each named query's time on the server.

    python benchmarks/bench_remote.py --store /tmp/kg-bench/store-585
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

BATCH = 8


def _graphs(store) -> list[tuple[str, str]]:
    import pyoxigraph as ox

    out = []
    for iri in store.articles():
        quads = store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(iri))
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
        out.append((iri, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")))
    return out


def _timed_query(remote, text: str, timeout: float) -> float | None:
    box: dict = {}

    def work() -> None:
        t = time.perf_counter()
        try:
            list(remote.query(text))
        except Exception:   # the server was stopped under a query that had timed out
            return
        box["s"] = time.perf_counter() - t

    th = threading.Thread(target=work, daemon=True)
    th.start()
    th.join(timeout)
    return box.get("s")


def main(argv: list[str] | None = None) -> int:
    """Command line."""
    from kg.query import named_queries, resolve_query
    from kg.store import Store, open_store
    from virtuoso import VirtuosoServer

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", type=Path, required=True, help="an embedded store to copy")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds per query")
    args = ap.parse_args(argv)
    with Store.open(args.store, read_only=True) as local:
        graphs = _graphs(local)
    triples = sum(nt.count("\n") for _iri, nt in graphs)
    report: dict = {"articles": len(graphs), "triples": triples}
    with tempfile.TemporaryDirectory(prefix="kg-bench-virtuoso-") as tmp, \
            VirtuosoServer(Path(tmp), buffers=100_000) as server:
        remote = open_store(server.url)
        t = time.perf_counter()
        for i in range(0, len(graphs), BATCH):
            remote.replace_articles(graphs[i:i + BATCH])
        sec = time.perf_counter() - t
        report.update(load_s=sec, articles_per_s=len(graphs) / sec, triples_per_s=triples / sec)
        iris = [iri for iri, _ in graphs]
        t = time.perf_counter()
        found = remote.article_hashes(iris)
        report["hash_lookups_per_s"] = len(iris) / (time.perf_counter() - t)
        report["hashes_found"] = len(found)
        report["queries_ms"] = {}
        for name in sorted(named_queries()):
            text = resolve_query(name)[1]
            times = []
            for _ in range(3):
                s = _timed_query(remote, text, args.timeout)
                if s is None:
                    break
                times.append(s)
            report["queries_ms"][name] = 1000 * statistics.median(times) if len(times) == 3 else None
            print(name, report["queries_ms"][name], file=sys.stderr, flush=True)
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
