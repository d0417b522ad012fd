"""Latency of `kg serve` over HTTP (look-ups and listings, 1 and 8 concurrent clients) next to
`kg query`, and whether the server stays up under a bounded load of malformed requests.

    .venv/bin/python benchmarks/bench_server.py --store /tmp/kg-bench/store-10000 [--requests 200]

Look-ups bind one entity: `/query/roles?person=IRI` (named query) and `/id/person/...` (the entity
page); listings run a whole named query (`countries`, `memberships`). `kg query` is timed as a
user runs it (a new process each time) on the same look-ups and listings. The malformed load
sends bad encodings, oversized queries, invalid SPARQL, wrong content types, updates, and holds
slow clients that dribble their request, then checks that a look-up still answers. Every
request goes to 127.0.0.1 only; every loop is bounded.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from serving import ServeProcess  # noqa: E402


def percentiles(times: list[float]) -> tuple[float, float]:
    """p50 and p95 in milliseconds."""
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered) * 1000, p95 * 1000


def timed_requests(paths: list[str], base: str, clients: int) -> list[float]:
    """Send every path once, from `clients` threads (one HTTP connection each); the latencies."""
    local = threading.local()

    def one(path: str) -> float:
        if not hasattr(local, "client"):
            local.client = httpx.Client(base_url=base, timeout=120)
        start = time.perf_counter()
        r = local.client.get(path, headers={"Accept": "application/sparql-results+json, text/html;q=0.9"})
        elapsed = time.perf_counter() - start
        if r.status_code != 200:
            raise SystemExit(f"{path}: {r.status_code} {r.text[:200]}")
        return elapsed

    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        return list(pool.map(one, paths))


def kg_query_times(store: Path, args_list: list[list[str]]) -> list[float]:
    """Wall time of `kg query ...` processes, one after the other."""
    out = []
    for args in args_list:
        start = time.perf_counter()
        p = subprocess.run([sys.executable, "-m", "kg", "query", *args, "--store", str(store), "--format", "json"],
                           capture_output=True, text=True)
        out.append(time.perf_counter() - start)
        if p.returncode != 0:
            raise SystemExit(p.stderr)
    return out


def slow_client(host: str, port: int, seconds: float, stop: threading.Event) -> None:
    """Open a connection and send a request one byte at a time, for at most `seconds`."""
    data = b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 400
    deadline = time.monotonic() + seconds
    try:
        with socket.create_connection((host, port), timeout=5) as sock:
            for byte in data:
                if stop.is_set() or time.monotonic() > deadline:
                    return
                sock.sendall(bytes([byte]))
                time.sleep(seconds / len(data))
    except OSError:
        return


def malformed(base: str, rounds: int) -> Counter:
    """A bounded set of bad requests, `rounds` times over; the status codes received."""
    huge = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 3_000_000
    cases = [
        ("GET", "sparql?query=%FF%FE%FD", {}),
        ("POST", "sparql", {"content": b"SELECT * { ?s ?p \xff\xfe }", "headers": {"Content-Type": "application/sparql-query"}}),
        ("POST", "sparql", {"content": huge.encode(), "headers": {"Content-Type": "application/sparql-query"}}),
        ("GET", "sparql?query=" + "%20" * 20_000 + "SELECT", {}),
        ("GET", "sparql", {"params": {"query": "SELECT WHERE { ?s ?p"}}),
        ("POST", "sparql", {"data": {"update": "DROP ALL"}}),
        ("POST", "sparql", {"content": b"\x00\x01\x02", "headers": {"Content-Type": "application/octet-stream"}}),
        ("GET", "query/roles", {"params": {"nope": "1"}}),
        ("GET", "id/" + "%FF" * 100, {}),
        ("GET", "search", {"params": {"q": "\u202e" * 1000}}),
    ]
    codes: Counter = Counter()
    with httpx.Client(base_url=base, timeout=60) as client:
        for _ in range(rounds):
            for method, path, kwargs in cases:
                try:
                    codes[client.request(method, path, **kwargs).status_code] += 1
                except httpx.HTTPError as exc:
                    codes[type(exc).__name__] += 1
    return codes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--requests", type=int, default=200, help="look-ups per run")
    parser.add_argument("--listings", type=int, default=16, help="listings per run")
    parser.add_argument("--cli-runs", type=int, default=10, help="kg query processes per kind")
    parser.add_argument("--slow-clients", type=int, default=20)
    args = parser.parse_args()
    random.seed(42)

    proc = ServeProcess(args.store, "--max-running", "8")
    base = proc.url
    try:
        r = httpx.get(base + "sparql", params={"query": "SELECT ?p WHERE { ?p a foaf:Person } LIMIT 2000"}, timeout=120)
        people = [b["p"]["value"] for b in r.json()["results"]["bindings"]]
        sample = [random.choice(people) for _ in range(args.requests)]
        kgr = "https://w3id.org/alliance-kg/id/"
        lookups = {
            "look-up: /query/roles?person=IRI": [f"query/roles?person={p}" for p in sample],
            "look-up: entity page /id/person/…": ["id/" + p[len(kgr):] for p in sample],
        }
        listings = {f"listing: /query/{name}": [f"query/{name}"] * args.listings for name in ("countries", "memberships")}
        timed_requests(["query/countries", "id/" + sample[0][len(kgr):]], base, 1)          # warm up
        print(f"store {args.store}: {len(people)} people sampled; {args.requests} look-ups, "
              f"{args.listings} listings per row\n")
        print(f"{'request':40s} {'clients':>7s} {'p50 ms':>9s} {'p95 ms':>9s} {'req/s':>7s}")
        for name, paths in {**lookups, **listings}.items():
            for clients in (1, 8):
                start = time.perf_counter()
                times = timed_requests(paths, base, clients)
                rate = len(paths) / (time.perf_counter() - start)
                p50, p95 = percentiles(times)
                print(f"{name:40s} {clients:7d} {p50:9.1f} {p95:9.1f} {rate:7.1f}", flush=True)
        cli = {
            "kg query roles --param person=IRI": [["roles", "--param", f"person={p}"] for p in sample[:args.cli_runs]],
            "kg query countries": [["countries"]] * max(3, args.cli_runs // 3),
            "kg query memberships": [["memberships"]] * max(3, args.cli_runs // 3),
        }
        for name, runs in cli.items():
            p50, p95 = percentiles(kg_query_times(args.store, runs))
            print(f"{name:40s} {'(cli)':>7s} {p50:9.1f} {p95:9.1f}", flush=True)

        print("\nmalformed load:")
        stop = threading.Event()
        port = int(base.rsplit(":", 1)[1].strip("/"))
        slow = [threading.Thread(target=slow_client, args=("127.0.0.1", port, 20.0, stop), daemon=True)
                for _ in range(args.slow_clients)]
        for t in slow:
            t.start()
        codes = malformed(base, rounds=5)
        during = timed_requests(list(lookups.values())[0][:50], base, 4)
        stop.set()
        for t in slow:
            t.join(30)
        print(f"  {sum(codes.values())} bad requests -> {dict(sorted(codes.items(), key=str))}")
        p50, p95 = percentiles(during)
        print(f"  look-ups meanwhile, with {args.slow_clients} slow clients connected: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
        alive = httpx.get(base + "query/countries", timeout=60).status_code
        print(f"  server still answers: {alive == 200} (status {alive})")
    finally:
        status, err = proc.stop()
        print(f"\nkg serve stopped with status {status}" + (f": {err.strip()[-300:]}" if status else ""))


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
