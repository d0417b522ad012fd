"""Sample post holdings with a time or a status, for a precision audit read by hand (docs/quality.md).

Reads a snapshot folder (one N-Triples file per article, from benchmarks/snapshot.py) and prints,
for a seeded random sample of the tenures that carry a status, a stated start or end, or an
observed date: the article and its date, the holder, the post, what the graph says of its time,
and the sentence it came from. Counts per kind go to stderr.

    python benchmarks/snapshot.py ../shared/corpus --out /tmp/snap
    python benchmarks/tenure_audit.py /tmp/snap --seed 12 -n 30
"""
from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

import pyoxigraph as ox

AKG = "https://w3id.org/alliance-kg/ontology#"
SCHEMA = "https://schema.org/"
ORG = "http://www.w3.org/ns/org#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
FOAF = "http://xmlns.com/foaf/0.1/"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
TIME = {"status": AKG + "qualifier", "start": SCHEMA + "startDate", "end": SCHEMA + "endDate",
        "observed": AKG + "observed"}


def tenures(path: Path) -> list[dict[str, str]]:
    """The tenures of one article's N-Triples, each with its time, names and sentence."""
    by_subject: dict[str, dict[str, list[str]]] = {}
    for t in ox.parse(path=str(path), format=ox.RdfFormat.N_TRIPLES):
        by_subject.setdefault(t.subject.value, {}).setdefault(t.predicate.value, []).append(t.object.value)

    def one(s: str, p: str) -> str:
        return (by_subject.get(s, {}).get(p) or [""])[0]

    article = next((s for s, ps in by_subject.items() if AKG + "Article" in ps.get(RDF_TYPE, [])), "")
    out = []
    for s, ps in by_subject.items():
        if AKG + "Tenure" not in ps.get(RDF_TYPE, []):
            continue
        post, holder = one(s, AKG + "post"), one(s, AKG + "holder")
        institution = one(post, ORG + "postIn")
        row = {"article": path.stem, "date": one(article, DCT + "issued"), "tenure": s,
               "person": one(holder, FOAF + "name"), "role": one(post, "http://www.w3.org/2000/01/rdf-schema#label"),
               "institution": one(institution, SKOS + "prefLabel") if institution else "",
               "sentence": one(one(s, PROV + "wasDerivedFrom"), AKG + "sentenceText")}
        row.update({k: one(s, p) for k, p in TIME.items()})
        out.append(row)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("snapshot", type=Path, help="a folder of per-article N-Triples (benchmarks/snapshot.py)")
    ap.add_argument("-n", type=int, default=30, help="how many to sample")
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--only", choices=["status", "stated", "observed"],
                    help="sample only tenures with a status / a stated start or end / an observed date")
    a = ap.parse_args()
    rows = [r for f in sorted(a.snapshot.glob("*.nt")) for r in tenures(f)]
    timed = [r for r in rows if r["status"] or r["start"] or r["end"] or r["observed"]]
    kinds = Counter()
    for r in rows:
        kinds["tenures"] += 1
        kinds["with a status"] += bool(r["status"])
        kinds["with a stated start or end"] += bool(r["start"] or r["end"])
        kinds["observed"] += bool(r["observed"])
        kinds["with a time or status"] += bool(r["status"] or r["start"] or r["end"] or r["observed"])
    print(", ".join(f"{k} {v}" for k, v in kinds.items()) + f"; by status {dict(Counter(r['status'] for r in rows if r['status']))}",
          file=sys.stderr)
    pick = {"status": lambda r: r["status"], "stated": lambda r: r["start"] or r["end"],
            "observed": lambda r: r["observed"]}.get(a.only, lambda r: True)
    pool = [r for r in timed if pick(r)]
    for i, r in enumerate(random.Random(a.seed).sample(pool, min(a.n, len(pool))), start=1):
        when = ", ".join(f"{k} {r[k]}" for k in ("status", "start", "end", "observed") if r[k])
        where = f" ({r['institution']})" if r["institution"] else ""
        print(f"{i:2d}. {r['article']} [{r['date'] or 'no date'}] {r['person']} — {r['role']}{where}: {when}")
        print(f"    {r['sentence']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
