"""Load-to-interactive time of `kg view` pages in headless Chromium, at 500 / 2,000 / 10,000 nodes.

    .venv/bin/python benchmarks/view_load.py [--sizes 500,2000,10000] [--runs 3] [--keep DIR]

For each size a synthetic corpus in the project's RDF model (people holding posts in
organisations and countries, memberships, meetings with participants and places, every fact
with an evidence sentence of a synthetic article) is turned into the entity network
(kg.view.graph_to_network) and written as a page (kg.view.render_html). The page is then
opened in /usr/bin/chromium (fresh profile, network off) and timed:

- ready: ms from navigation start until the page's first drawing after the layout settled
  (``<html data-kg-ready>``, set by view.js);
- click: ms from a mouse click on a node until vis-network reports it selected (the page
  answers input);
- interactive = ready + click.  Target: 10,000 nodes interactive in < 5,000 ms.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rdflib import RDF, RDFS, Dataset, Literal, URIRef
from rdflib.namespace import FOAF, PROV, SKOS, XSD

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.browser import chromium  # noqa: E402
from kg.view import graph_to_network, render_html  # noqa: E402
from kg.vocab import AKG, DCT, KGR, ORG, SCHEMA  # noqa: E402

TARGET_MS = 5_000
ROLES = ["Foreign Minister", "Interior Minister", "Commissioner", "Ambassador", "Spokesman", "President"]
GIVEN = ["Anna", "Boris", "Carla", "David", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kira", "Luca"]
FAMILY = ["Novak", "Schmidt", "Rossi", "Dubois", "Silva", "Kowalski", "Jensen", "Horvat", "Popescu", "Larsen"]


def synthetic_corpus(n_nodes: int, seed: int = 7) -> Dataset:
    """An RDF dataset (one named graph per synthetic article) whose entity network has ~n_nodes nodes."""
    rng = random.Random(seed)
    ds = Dataset()
    n_countries = min(150, max(10, n_nodes // 20))
    n_orgs = max(5, n_nodes // 12)
    n_cities = max(5, n_nodes // 10)
    n_meetings = max(5, n_nodes // 4)
    n_people = max(5, n_nodes - n_countries - n_orgs - n_cities - n_meetings)
    n_articles = max(1, n_nodes // 8)
    articles = [KGR[f"article/syn-{i}"] for i in range(n_articles)]
    countries = [KGR[f"country/C{i}"] for i in range(n_countries)]
    orgs = [KGR[f"org/org-{i}"] for i in range(n_orgs)]
    cities = [KGR[f"place/{100000 + i}"] for i in range(n_cities)]
    people = [KGR[f"person/p-{i}"] for i in range(n_people)]
    meetings = [KGR[f"meeting/syn-{i}"] for i in range(n_meetings)]
    graphs = [ds.graph(a) for a in articles]
    for i, (a, g) in enumerate(zip(articles, graphs)):
        g.add((a, RDF.type, AKG.Article))
        g.add((a, DCT.title, Literal(f"Synthetic report {i}")))
        g.add((a, DCT.issued, Literal(f"2013-{1 + i % 12:02d}-{1 + i % 28:02d}", datatype=XSD.date)))
    counter = 0

    def evidence(g, a, text: str) -> URIRef:
        nonlocal counter
        counter += 1
        ev = KGR[f"evidence/syn-{counter}"]
        g.add((ev, RDF.type, AKG.Evidence))
        g.add((ev, AKG.sentenceText, Literal(text)))
        g.add((ev, AKG.inArticle, a))
        return ev

    def name(kind, i):
        return {"country": f"Country {i}", "org": f"Organisation {i}", "city": f"City {i}",
                "meeting": f"summit {i}"}[kind]

    g0 = graphs[0]
    for kind, items, cls in (("country", countries, SCHEMA.Country), ("org", orgs, ORG.Organization),
                             ("city", cities, SCHEMA.City)):
        for i, iri in enumerate(items):
            g0.add((iri, RDF.type, cls))
            g0.add((iri, SKOS.prefLabel, Literal(name(kind, i))))
    for i, city in enumerate(cities):
        g0.add((city, SCHEMA.containedInPlace, countries[i % n_countries]))
    person_names = []
    for i, person in enumerate(people):
        full = f"{GIVEN[i % len(GIVEN)]} {FAMILY[(i // len(GIVEN)) % len(FAMILY)]} {i}"
        person_names.append(full)
        g = graphs[i % n_articles]
        g.add((person, RDF.type, FOAF.Person))
        g.add((person, SKOS.prefLabel, Literal(full)))
        g.add((person, FOAF.name, Literal(full)))
    for i, person in enumerate(people):  # one post each, in a country or an organisation
        g, a = graphs[i % n_articles], articles[i % n_articles]
        role = ROLES[rng.randrange(len(ROLES))]
        where = countries[rng.randrange(n_countries)] if rng.random() < 0.4 else orgs[rng.randrange(n_orgs)]
        post, role_iri = KGR[f"post/syn-{i}"], KGR[f"role/{role.lower().replace(' ', '-')}"]
        g.add((role_iri, SKOS.prefLabel, Literal(role)))
        g.add((post, RDF.type, ORG.Post))
        g.add((post, ORG.role, role_iri))
        g.add((post, ORG.heldBy, person))
        g.add((post, ORG.postIn, where))
        g.add((post, PROV.wasDerivedFrom, evidence(g, a, f"{role} {person_names[i]} spoke on Monday.")))
    for i, org in enumerate(orgs):  # a few member countries each
        g, a = graphs[i % n_articles], articles[i % n_articles]
        for j in rng.sample(range(n_countries), k=min(3, n_countries)):
            ms = KGR[f"membership/syn-{i}-{j}"]
            g.add((ms, RDF.type, ORG.Membership))
            g.add((ms, ORG.member, countries[j]))
            g.add((ms, ORG.organization, org))
            g.add((ms, PROV.wasDerivedFrom, evidence(g, a, f"Country {j} joined Organisation {i}.")))
    for i, meeting in enumerate(meetings):  # participants and a place
        g, a = graphs[i % n_articles], articles[i % n_articles]
        who = rng.sample(range(n_people), k=min(2 + rng.randrange(2), n_people))
        city = rng.randrange(n_cities)
        ev = evidence(g, a, " and ".join(person_names[p] for p in who) + f" met in City {city} on Tuesday.")
        g.add((meeting, RDF.type, AKG.Meeting))
        g.add((meeting, RDFS.label, Literal(name("meeting", i))))
        g.add((meeting, SCHEMA.startDate, Literal("2013-03-14", datatype=XSD.date)))
        g.add((meeting, SCHEMA.location, cities[city]))
        g.add((meeting, PROV.wasDerivedFrom, ev))
        for p in who:
            g.add((meeting, SCHEMA.attendee, people[p]))
    return ds


def measure(context, page_file: Path) -> tuple[float, float]:
    """(ready ms, click-to-selected ms) for one fresh load of page_file."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(page_file.as_uri(), wait_until="commit")
    page.wait_for_selector("html[data-kg-ready]", state="attached", timeout=120_000)
    ready = float(page.get_attribute("html", "data-kg-ready") or "nan")
    # a node near the middle of the screen, as a user would click it
    target = page.evaluate("""() => {
        const net = kg.network, box = document.getElementById('mynetwork').getBoundingClientRect();
        const cx = box.left + box.width / 2, cy = box.top + box.height / 2;
        let best = null, bestD = Infinity;
        for (const [id, p] of Object.entries(net.getPositions())) {
            const d = net.canvasToDOM(p), dist = Math.hypot(d.x + box.left - cx, d.y + box.top - cy);
            if (dist < bestD) { bestD = dist; best = { id, x: d.x + box.left, y: d.y + box.top }; }
        }
        window.kgSelected = null;
        net.once('selectNode', (e) => { window.kgSelected = performance.now(); });
        return best;
    }""")
    start = page.evaluate("performance.now()")
    page.mouse.click(target["x"], target["y"])
    page.wait_for_function("window.kgSelected !== null", timeout=60_000)
    click = page.evaluate("window.kgSelected") - start
    page.close()
    if errors:
        raise RuntimeError(f"errors in the page: {errors[:3]}")
    return ready, click


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print one line per size; exit 1 when 10,000 nodes miss the target."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="500,2000,10000", help="Comma-separated node counts.")
    ap.add_argument("--runs", type=int, default=3, help="Page loads per size (median reported).")
    ap.add_argument("--keep", type=Path, help="Keep the generated pages in this folder.")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    folder = args.keep or Path(tempfile.mkdtemp(prefix="kg-view-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"{'nodes':>7} {'edges':>7} {'page MB':>8} {'network s':>9} {'render s':>8} "
          f"{'ready ms':>9} {'click ms':>9} {'interactive ms':>15}")
    worst = 0.0
    with chromium() as context:
        for size in sizes:
            t0 = time.perf_counter()
            network = graph_to_network(synthetic_corpus(size))
            t1 = time.perf_counter()
            page_file = render_html(network, folder / f"view-{size}.html", title=f"{size} nodes")
            t2 = time.perf_counter()
            runs = [measure(context, page_file) for _ in range(args.runs)]
            ready = statistics.median(r for r, _c in runs)
            click = statistics.median(c for _r, c in runs)
            total = statistics.median(r + c for r, c in runs)
            if size >= 10_000:
                worst = max(worst, total)
            print(f"{network.number_of_nodes():>7,} {network.number_of_edges():>7,} "
                  f"{page_file.stat().st_size / 1e6:>8.1f} {t1 - t0:>9.1f} {t2 - t1:>8.1f} "
                  f"{ready:>9.0f} {click:>9.0f} {total:>15.0f}", flush=True)
    if worst:
        verdict = "OK" if worst < TARGET_MS else "TOO SLOW"
        print(f"10,000 nodes: interactive in {worst:.0f} ms (target < {TARGET_MS} ms): {verdict}")
        return 0 if worst < TARGET_MS else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
