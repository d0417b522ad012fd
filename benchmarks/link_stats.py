"""How well the facts of a corpus are linked: posts with an institution or country, meetings with a date
and a place, memberships — counted from cached spaCy Docs (see snapshot.py), and the facts of chosen or
random articles printed for a precision audit.

Counting follows the store: a post is one (person, role, institution) node across the corpus (the
mapping's post IRI), a meeting one node per article, a membership one (member, organisation) node.

    python benchmarks/link_stats.py ../shared/corpus/wikinews
    python benchmarks/link_stats.py ../shared/corpus --sample 30 --seed 5 --exclude-gold ../shared/gold/corpus
    python benchmarks/link_stats.py ../shared/corpus --show wikinews-2019-001 --facts posts,meetings
    python benchmarks/link_stats.py ../shared/corpus/wikinews --audit 30 --seed 1   # precision audit

`--audit N` prints N random posts that have an institution or country and N random meetings (of those
that have a date or a place), each with its sentence, to be read by hand.
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from snapshot import parsed_docs  # noqa: E402


def _name(facts, ref) -> str:
    if ref is None:
        return "∅"
    if ref.kind == "country":
        from kg.extract import geo
        return f"{geo.country_name(ref.key)} [{ref.key}]"
    e = facts.entity(ref)
    return e.name if e is not None else f"{ref.kind}:{ref.key}"


def describe(facts, kinds: set[str]) -> list[str]:
    """The facts of one article as readable lines."""
    out = []
    if "posts" in kinds:
        for p in facts.posts:
            out.append(f"  POST {_name(facts, p.person)} — {p.role} — {_name(facts, p.organization)}"
                       f"  ({p.evidence.rule})\n       « {p.evidence.sentence[:220]} »")
    if "memberships" in kinds:
        for m in facts.memberships:
            status = getattr(m, "status", "") or ""
            out.append(f"  MEMBER {_name(facts, m.member)} ∈ {_name(facts, m.organization)} {status}"
                       f"  ({m.evidence.rule})\n       « {m.evidence.sentence[:220]} »")
    if "meetings" in kinds:
        for mt in facts.meetings:
            who = ", ".join(_name(facts, r) for r in mt.participants)
            out.append(f"  MEETING {mt.label!r} date={mt.date} place={_name(facts, mt.place)} who=[{who}]  "
                       f"({', '.join(sorted({e.rule for e in mt.evidence}))})")
            for e in mt.evidence:
                out.append(f"       « {e.sentence[:220]} »")
    if "orgs" in kinds:
        for e in facts.entities:
            if e.ref.kind == "organization":
                extra = f" ({getattr(e, 'country', None)})" if getattr(e, "country", None) else ""
                out.append(f"  ORG {e.name}{extra}  key={e.ref.key}  aliases={e.aliases}")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="+", help="article files or folders")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/kg-doccache"), help="DocBin cache folder")
    ap.add_argument("--show", nargs="*", default=[], help="article ids whose facts are printed")
    ap.add_argument("--sample", type=int, default=0, help="print the facts of this many random articles")
    ap.add_argument("--seed", type=int, default=0, help="seed of the random sample")
    ap.add_argument("--exclude-gold", type=Path, help="gold folder: its articles are never sampled")
    ap.add_argument("--exclude", nargs="*", default=[], help="article ids never sampled (earlier audits)")
    ap.add_argument("--audit", type=int, default=0, help="print this many random tied posts and meetings")
    ap.add_argument("--facts", default="posts,memberships,meetings", help="kinds printed: posts,memberships,meetings,orgs")
    a = ap.parse_args()

    from kg.extract.pipeline import extract
    from kg.ingest import iter_articles
    from kg.mapping import entity_iri
    from kg.extract.normalize import slug

    articles = list(iter_articles(a.paths, on_error=lambda p, e: None))
    docs = parsed_docs(articles, a.cache)
    all_facts = [extract(art, doc) for art, doc in zip(articles, docs)]

    posts: dict[tuple, bool] = {}
    meetings = dated = placed = 0
    members: set[tuple] = set()
    tied: dict[tuple, tuple] = {}            # post key → (facts, post), the first article that ties it
    linked: list[tuple] = []                 # (facts, meeting) with a date or a place
    for f in all_facts:
        for p in f.posts:
            key = (entity_iri(p.person), slug(p.role), p.organization)
            posts[key] = p.organization is not None
            if p.organization is not None:
                tied.setdefault(key, (f, p))
        for m in f.meetings:
            if m.date is not None or m.place is not None:
                linked.append((f, m))
            meetings += 1
            dated += m.date is not None
            placed += m.place is not None
        for m in f.memberships:
            members.add((m.member, m.organization, getattr(m, "status", "")))
    with_org = sum(posts.values())
    pct = lambda k, n: f"{k}/{n} ({100 * k / n:.0f} %)" if n else "0/0"   # noqa: E731
    print(f"articles {len(all_facts)}")
    print(f"posts with an institution or country: {pct(with_org, len(posts))}")
    print(f"meetings with a date: {pct(dated, meetings)}; with a place: {pct(placed, meetings)}")
    print(f"memberships: {len(members)}")

    if a.audit:
        rng = random.Random(a.seed)
        print(f"\n== audit: {min(a.audit, len(tied))} random posts with an institution or country")
        for n, (f, p) in enumerate(rng.sample(sorted(tied.values(), key=lambda fp: (fp[0].article.id, fp[1].role,
                                                                                  fp[1].person.key)),
                                              min(a.audit, len(tied))), 1):
            print(f"{n:2}. [{f.article.id}] {_name(f, p.person)} — {p.role} — {_name(f, p.organization)}  "
                  f"({p.evidence.rule})\n       « {p.evidence.sentence[:260]} »")
        print(f"\n== audit: {min(a.audit, len(linked))} random meetings with a date or a place")
        for n, (f, m) in enumerate(rng.sample(linked, min(a.audit, len(linked))), 1):
            who = ", ".join(_name(f, r) for r in m.participants)
            print(f"{n:2}. [{f.article.id}, published {f.article.date}] {m.label!r} date={m.date} "
                  f"place={_name(f, m.place)} who=[{who}]")
            for e in m.evidence:
                print(f"       « {e.sentence[:260]} »")

    kinds = set(a.facts.split(","))
    chosen = [f for f in all_facts if f.article.id in set(a.show)]
    if a.sample:
        gold = {p.stem for p in a.exclude_gold.glob("*.json")} if a.exclude_gold else set()
        pool = sorted((f for f in all_facts if f.article.id not in gold | set(a.exclude)), key=lambda f: f.article.id)
        chosen += random.Random(a.seed).sample(pool, min(a.sample, len(pool)))
    for f in chosen:
        print(f"\n== {f.article.id}  ({f.article.date}, focus {f.focus})  {f.article.title or ''}")
        print("\n".join(describe(f, kinds)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
