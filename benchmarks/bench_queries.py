"""Query-side benchmark on a built store: named queries, cold start, export, view, and rdflib for comparison.

    python benchmarks/bench_queries.py --store /tmp/kg-bench/store-10000
    python benchmarks/bench_queries.py --store STORE --rdflib     # also rdflib's in-memory engine

Each named query runs --runs times in a fresh process (Oxigraph, the store as kg opens it) and
its median is reported — once listing everything, once as a typical look-up (one parameter bound
as `kg query --param` binds it: LOOKUPS) — for kg's whole path (`kg.query.run_query`: the query plus every row turned
into the terms kg formats) and for the engine alone (Oxigraph producing every solution); a query that exceeds --timeout seconds is stopped and reported as such.
`kg query` cold start is a new process on a small store (the sample articles). With --rdflib the
N-Quads export is loaded into rdflib's in-memory Dataset (default graph = union) and each query
runs there once, in its own process.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
SAMPLES = HERE.parent / "tests" / "data" / "articles"

_OX_RUNNER = """
import json, sys, time
from kg.query import bind_params, resolve_query, run_query
from kg.store import Store
store = Store.open(sys.argv[1], read_only=True)
text = resolve_query(sys.argv[2])[1]
if len(sys.argv) > 5:                       # a look-up: NAME VALUE, bound as `kg query --param` does
    text = bind_params(text, {sys.argv[4]: sys.argv[5]})
times, engine, rows = [], [], 0
for _ in range(int(sys.argv[3])):
    t = time.perf_counter(); rows = len(run_query(store, text).rows); times.append(time.perf_counter() - t)
    t = time.perf_counter(); n = sum(1 for _ in store.query(text)); engine.append(time.perf_counter() - t)
print(json.dumps({"times": times, "engine": engine, "rows": rows}))
"""

_RDFLIB_RUNNER = """
import json, sys, time
from rdflib import Dataset
from kg.query import resolve_query
t = time.perf_counter(); g = Dataset(default_union=True); g.parse(sys.argv[1], format="nquads"); load = time.perf_counter() - t
print(json.dumps({"load_s": load, "quads": len(g)}), flush=True)
for name in sys.argv[3:]:
    text = resolve_query(name)[1]
    t = time.perf_counter()
    try:
        rows = len(list(g.query(text)))
    except Exception as exc:
        rows = repr(exc)[:200]
    print(json.dumps({"name": name, "seconds": time.perf_counter() - t, "rows": rows}), flush=True)
"""


def run(cmd: list[str], timeout: float) -> tuple[float | None, str]:
    """Wall time and stdout of a command, or (None, partial stdout) when it timed out."""
    t = time.perf_counter()
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        return None, out
    if p.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {p.stderr[-1500:]}")
    return time.perf_counter() - t, p.stdout


#: a typical look-up per named query: the parameter, and a query finding a value for it in the store
LOOKUPS = {
    "articles": ("article", "SELECT ?v WHERE { ?v a akg:Article } LIMIT 1"),
    "countries": ("iso", 'SELECT ("US" AS ?v) WHERE {}'),
    "meetings": ("participant", "SELECT ?v WHERE { ?m schema:attendee ?v } LIMIT 1"),
    "memberships": ("organization", "SELECT ?v WHERE { ?x org:memberOf ?v } LIMIT 1"),
    "organizations": ("organization", "SELECT ?v WHERE { ?v a org:Organization } LIMIT 1"),
    "people": ("person", "SELECT ?v WHERE { ?v a foaf:Person } LIMIT 1"),
    "provenance": ("article", "SELECT ?v WHERE { ?v a akg:Article } LIMIT 1"),
    "roles": ("person", "SELECT ?v WHERE { ?p org:heldBy ?v } LIMIT 1"),
    "stats-classes": ("class", 'SELECT (foaf:Person AS ?v) WHERE {}'),
}


def lookup_values(store: Path) -> dict[str, tuple[str, str]]:
    """For each named query with a look-up, (parameter, value found in the store)."""
    from kg.store import Store

    out = {}
    with Store.open(store, read_only=True) as s:
        for name, (param, finder) in LOOKUPS.items():
            rows = list(s.query(finder))
            if rows:
                out[name] = (param, rows[0]["v"].value)
    return out


def subset_store(source: Path, target: Path, nodes: int) -> tuple[int, int]:
    """Copy whole articles of `source` into a new store at `target` until the entities it holds
    (people, organisations, countries, places, meetings: the nodes of a view) reach `nodes`.
    Returns (articles copied, entities)."""
    import pyoxigraph as ox

    from kg.store import Store
    from kg.view import _CLASS_KINDS

    types = {ox.NamedNode(str(cls)) for cls, _kind in _CLASS_KINDS}
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    entities: set = set()
    copied = 0
    with Store.open(source, read_only=True) as src, Store.open(target) as dst:
        for iri in src.articles():
            quads = list(src.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(iri)))
            nt = ox.serialize([ox.Triple(q.subject, q.predicate, q.object) for q in quads],
                              format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
            dst.replace_article(iri, nt)
            copied += 1
            entities.update(q.subject for q in quads if q.predicate == rdf_type and q.object in types)
            if len(entities) >= nodes:
                break
    return copied, len(entities)


def named_queries() -> list[str]:
    """Names of the shipped queries."""
    from kg.query import named_queries as nq

    return sorted(nq())


def main(argv: list[str] | None = None) -> int:
    """Command line."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds per query process")
    ap.add_argument("--rdflib", action="store_true", help="also run the queries on rdflib's in-memory store")
    ap.add_argument("--queries-only", action="store_true", help="only the named queries (no cold start, export, view)")
    ap.add_argument("--view-nodes", type=int, default=10_000,
                    help="also time `kg view` of a store cut from --store to about this many nodes (0: skip)")
    args = ap.parse_args(argv)
    report: dict = {"store": str(args.store), "queries": {}}
    for name in named_queries():
        sec, out = run([PYTHON, "-c", _OX_RUNNER, str(args.store), name, str(args.runs)], args.timeout)
        if sec is None:
            report["queries"][name] = {"p50_ms": None, "note": f"stopped after {args.timeout:.0f} s"}
        else:
            r = json.loads(out)
            report["queries"][name] = {"p50_ms": 1000 * statistics.median(r["times"]),
                                       "engine_p50_ms": 1000 * statistics.median(r["engine"]), "rows": r["rows"]}
        print(name, json.dumps(report["queries"][name]), file=sys.stderr, flush=True)
    for name, (param, value) in lookup_values(args.store).items():
        sec, out = run([PYTHON, "-c", _OX_RUNNER, str(args.store), name, str(args.runs), param, value], args.timeout)
        entry = {"param": param, "value": value}
        if sec is None:
            entry["note"] = f"stopped after {args.timeout:.0f} s"
        else:
            r = json.loads(out)
            entry.update(p50_ms=1000 * statistics.median(r["times"]), rows=r["rows"])
        report.setdefault("lookups", {})[name] = entry
        print("lookup", name, json.dumps(entry), file=sys.stderr, flush=True)
    if args.queries_only:
        print(json.dumps(report, indent=1))
        return 0
    with tempfile.TemporaryDirectory(prefix="kg-bench-q-") as tmp:
        tmp = Path(tmp)
        small = tmp / "small-store"
        subprocess.run([PYTHON, "-m", "kg", "build", str(SAMPLES), "--store", str(small), "-q", "-j", "1"],
                       check=True, capture_output=True)
        cold = [run([PYTHON, "-m", "kg", "query", "people", "--store", str(small), "--format", "csv"], 60)[0]
                for _ in range(5)]
        report["cold_start_s"] = statistics.median(c for c in cold if c is not None)
        ttl = tmp / "graph.ttl"
        report["export_turtle_s"], _ = run([PYTHON, "-m", "kg", "export", "--store", str(args.store),
                                            "--out", str(ttl)], 1800)
        report["export_mb"] = ttl.stat().st_size / 2**20
        t = time.perf_counter()
        p = subprocess.run([PYTHON, "-m", "kg", "view", "--store", str(args.store), "--out", str(tmp / "v.html")],
                           capture_output=True, text=True, timeout=1800)
        report["view_s"] = time.perf_counter() - t
        report["view_message"] = p.stderr.strip().splitlines()[-1] if p.stderr.strip() else ""
        if args.view_nodes:
            cut = tmp / "view-store"
            report["view_store_articles"], report["view_store_entities"] = subset_store(args.store, cut, args.view_nodes)
            t = time.perf_counter()
            p = subprocess.run([PYTHON, "-m", "kg", "view", "--store", str(cut), "--out", str(tmp / "v10k.html")],
                               capture_output=True, text=True, timeout=1800)
            report["view_nodes_s"] = time.perf_counter() - t
            report["view_nodes_message"] = p.stderr.strip().splitlines()[-1] if p.stderr.strip() else ""
        print(json.dumps({k: v for k, v in report.items() if k != "queries"}), file=sys.stderr, flush=True)
        if args.rdflib:   # rdflib's in-memory Dataset, loaded from the N-Quads export, one query per process
            nq = tmp / "graph.nq"
            run([PYTHON, "-m", "kg", "export", "--store", str(args.store), "--format", "nq", "--out", str(nq)], 1800)
            report["rdflib"] = {"queries": {}}
            for name in named_queries():
                _sec, out = run([PYTHON, "-c", _RDFLIB_RUNNER, str(nq), "--", name], args.timeout)
                lines = [json.loads(line) for line in out.splitlines() if line.strip()]
                if lines:
                    report["rdflib"]["load_s"] = lines[0]["load_s"]
                done = [q for q in lines[1:] if q["name"] == name]
                report["rdflib"]["queries"][name] = (
                    {"ms": done[0]["seconds"] * 1000, "rows": done[0]["rows"]} if done
                    else {"ms": None, "note": f"stopped after {args.timeout:.0f} s (load included)"})
                print("rdflib", name, json.dumps(report["rdflib"]["queries"][name]), file=sys.stderr, flush=True)
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
