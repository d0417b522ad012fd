"""kg.view: RDF -> entity network -> ego network -> self-contained HTML page."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pytest
from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef, Variable
from rdflib.namespace import FOAF, PROV, SKOS
import rdflib.namespace as rns

from conftest import run_kg
from kg.errors import QueryError, ViewError
from kg.view import ego, graph_to_network, network_from_select, render_html
from kg.vocab import AKG, DCT, KGR, ORG, SCHEMA

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"

HOLDER = KGR["person/eric-holder"]
MALMSTROM = KGR["person/cecilia-malmstrom"]
US = KGR["country/US"]
DK = KGR["country/DK"]
EU = KGR["org/european-union"]
ALLIANCE = KGR["org/global-alliance-against-child-sexual-abuse-online"]
BRUSSELS = KGR["place/2800866"]
MEETING = KGR["meeting/a1-1"]


def _add_evidence(g: Graph, article: URIRef, key: str, text: str) -> URIRef:
    ev = KGR[f"evidence/{key}"]
    g.add((ev, RDF.type, AKG.Evidence))
    g.add((ev, AKG.sentenceText, Literal(text)))
    g.add((ev, AKG.inArticle, article))
    return ev


def _mention(g: Graph, key: str, entity: URIRef, surface: str, ev: URIRef) -> None:
    m = KGR[f"mention/{key}"]
    g.add((m, RDF.type, AKG.Mention))
    g.add((m, AKG.refersTo, entity))
    g.add((m, AKG.surfaceForm, Literal(surface)))
    g.add((m, PROV.wasDerivedFrom, ev))


def build_dataset() -> Dataset:
    ds = Dataset()
    a1 = KGR["article/a1"]
    g = ds.graph(a1)
    g.add((a1, RDF.type, AKG.Article))
    g.add((a1, DCT.title, Literal("EU and US launch global alliance")))
    g.add((a1, DCT.issued, Literal("2012-12-05", datatype=rns.XSD.date)))
    g.add((a1, SCHEMA.url, Literal("https://example.org/news/a1", datatype=rns.XSD.anyURI)))

    for iri, cls, pref, alts in [
        (HOLDER, FOAF.Person, "Eric Holder", ["Holder"]),
        (MALMSTROM, FOAF.Person, "Cecilia Malmström", ["Malmström"]),
        (US, SCHEMA.Country, "United States", ["US"]),
        (DK, SCHEMA.Country, "Denmark", []),
        (EU, ORG.Organization, "European Union", ["EU"]),
        (ALLIANCE, ORG.Organization, "Global Alliance against Child Sexual Abuse Online", []),
        (BRUSSELS, SCHEMA.City, "Brussels", []),
    ]:
        g.add((iri, RDF.type, cls))
        g.add((iri, SKOS.prefLabel, Literal(pref)))
        for alt in alts:
            g.add((iri, SKOS.altLabel, Literal(alt)))
    g.add((HOLDER, FOAF.name, Literal("Eric Holder")))
    g.add((MALMSTROM, FOAF.name, Literal("Cecilia Malmström")))
    g.add((ALLIANCE, RDF.type, AKG.Alliance))
    g.add((BRUSSELS, SCHEMA.containedInPlace, KGR["country/BE"]))
    g.add((KGR["country/BE"], RDF.type, SCHEMA.Country))
    g.add((KGR["country/BE"], SKOS.prefLabel, Literal("Belgium")))

    ev1 = _add_evidence(g, a1, "a1-0", "US Attorney General Eric Holder and EU Commissioner "
                        f"Cecilia Malmström spoke in Brussels. {XSS_SCRIPT} {XSS_IMG}")
    ev2 = _add_evidence(g, a1, "a1-200", "Denmark joined the global alliance.")

    # roles and posts
    ag, comm = KGR["role/attorney-general"], KGR["role/commissioner"]
    g.add((ag, RDF.type, ORG.Role))
    g.add((ag, SKOS.prefLabel, Literal("Attorney General")))
    g.add((comm, RDF.type, ORG.Role))
    g.add((comm, SKOS.prefLabel, Literal("Commissioner")))
    spokes = KGR["role/spokesman"]
    g.add((spokes, SKOS.prefLabel, Literal("Spokesman")))
    for key, person, role, where, qualifier in [
        ("p1", HOLDER, ag, US, None),
        ("p2", MALMSTROM, comm, EU, None),
        ("p3", HOLDER, spokes, None, "former"),
    ]:
        post = KGR[f"post/{key}"]
        g.add((post, RDF.type, ORG.Post))
        g.add((post, ORG.role, role))
        g.add((post, ORG.heldBy, person))
        g.add((person, ORG.holds, post))
        if where is not None:
            g.add((post, ORG.postIn, where))
        if qualifier:
            g.add((post, AKG.qualifier, Literal(qualifier)))
        g.add((post, AKG.confidence, Literal("0.9", datatype=rns.XSD.decimal)))
        g.add((post, PROV.wasDerivedFrom, ev1))

    ms = KGR["membership/m1"]
    g.add((ms, RDF.type, ORG.Membership))
    g.add((ms, ORG.member, DK))
    g.add((ms, ORG.organization, ALLIANCE))
    g.add((ms, PROV.wasDerivedFrom, ev2))
    g.add((DK, ORG.memberOf, ALLIANCE))

    g.add((MEETING, RDF.type, AKG.Meeting))
    g.add((MEETING, RDFS.label, Literal("press conference")))
    g.add((MEETING, AKG.eventType, Literal("press conference")))
    g.add((MEETING, SCHEMA.startDate, Literal("2012-12-05", datatype=rns.XSD.date)))
    g.add((MEETING, SCHEMA.location, BRUSSELS))
    g.add((MEETING, SCHEMA.attendee, HOLDER))
    g.add((MEETING, SCHEMA.attendee, MALMSTROM))
    g.add((MEETING, PROV.wasDerivedFrom, ev1))

    _mention(g, "a1-3-15", HOLDER, "Eric Holder", ev1)
    _mention(g, "a1-40-57", MALMSTROM, "Cecilia Malmström", ev1)
    _mention(g, "a1-200-207", DK, "Denmark", ev2)

    # a second article about Denmark, in its own named graph
    a2 = KGR["article/a2"]
    g2 = ds.graph(a2)
    g2.add((a2, RDF.type, AKG.Article))
    g2.add((a2, DCT.title, Literal("Copenhagen hosts talks")))
    g2.add((DK, RDF.type, SCHEMA.Country))
    g2.add((DK, SKOS.prefLabel, Literal("Denmark")))
    g2.add((DK, SKOS.altLabel, Literal("Danish")))
    ev3 = _add_evidence(g2, a2, "a2-0", "Danish officials met in Copenhagen.")
    _mention(g2, "a2-0-6", DK, "Danish", ev3)
    return ds


@pytest.fixture(scope="module")
def network() -> nx.MultiDiGraph:
    return graph_to_network(build_dataset())


def _edge_labels(net: nx.MultiDiGraph, u: URIRef, v: URIRef) -> set[str]:
    return {d["label"] for _a, b, d in net.out_edges(str(u), data=True) if b == str(v)}


# ---------------------------------------------------------------------------- network

def test_nodes_are_entities_only(network):
    assert set(network.nodes) == {str(i) for i in
                                  (HOLDER, MALMSTROM, US, DK, EU, ALLIANCE, BRUSSELS, MEETING, KGR["country/BE"])}
    kinds = nx.get_node_attributes(network, "kind")
    assert kinds[str(HOLDER)] == "person"
    assert kinds[str(EU)] == kinds[str(ALLIANCE)] == "organization"
    assert kinds[str(DK)] == "country"
    assert kinds[str(BRUSSELS)] == "city"
    assert kinds[str(MEETING)] == "meeting"
    assert not any("/post/" in n or "/role/" in n or "/evidence/" in n or "/mention/" in n or "/article/" in n
                   for n in network.nodes)


def test_labels_and_names(network):
    node = network.nodes[str(MALMSTROM)]
    assert node["label"] == "Cecilia Malmström"
    assert set(node["names"]) == {"Cecilia Malmström", "Malmström"}
    # names from both named graphs (union of the dataset)
    assert set(network.nodes[str(DK)]["names"]) == {"Denmark", "Danish"}
    assert network.nodes[str(MEETING)]["label"] == "press conference"


def test_labelled_edges(network):
    assert _edge_labels(network, HOLDER, US) == {"Attorney General of"}
    assert _edge_labels(network, MALMSTROM, EU) == {"Commissioner of"}
    assert _edge_labels(network, DK, ALLIANCE) == {"member of"}  # membership + memberOf merged
    assert _edge_labels(network, HOLDER, MEETING) == {"attended"}
    assert _edge_labels(network, MALMSTROM, MEETING) == {"attended"}
    assert _edge_labels(network, MEETING, BRUSSELS) == {"held in"}
    assert _edge_labels(network, BRUSSELS, KGR["country/BE"]) == {"in"}


def test_post_without_organisation_is_a_person_attribute(network):
    roles = network.nodes[str(HOLDER)]["roles"]
    assert "former Spokesman" in roles
    assert "Attorney General of United States" in roles
    assert network.out_degree(str(HOLDER)) == 2  # Attorney General of + attended


def test_evidence_on_nodes_and_edges(network):
    ev = network.nodes[str(DK)]["evidence"]
    assert {e["sentence"] for e in ev} == {"Denmark joined the global alliance.",
                                           "Danish officials met in Copenhagen."}
    first = next(e for e in ev if e["sentence"].startswith("Denmark"))
    assert first["article_title"] == "EU and US launch global alliance"
    assert first["article_date"] == "2012-12-05"
    edge = network.edges[str(HOLDER), str(US), "Attorney General of"]
    assert len(edge["evidence"]) == 1 and XSS_SCRIPT in edge["evidence"][0]["sentence"]
    assert network.edges[str(DK), str(ALLIANCE), "member of"]["evidence"][0]["sentence"] == \
        "Denmark joined the global alliance."


def test_plain_graph_input():
    ds = build_dataset()
    g = Graph()
    for s, p, o, _c in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    assert set(graph_to_network(g).nodes) == set(graph_to_network(ds).nodes)


# ---------------------------------------------------------------------------- ego

def test_ego_accent_insensitive(network):
    sub = ego(network, "malmstrom", 1)
    assert set(sub.nodes) == {str(MALMSTROM), str(EU), str(MEETING)}
    assert sub.graph["focus"] == [str(MALMSTROM)]
    assert set(ego(network, "MALMSTROEM", 0).nodes) == {str(MALMSTROM)}
    assert set(ego(network, "Cecilia  Malmström", 0).nodes) == {str(MALMSTROM)}


def test_ego_depth(network):
    two = set(ego(network, "malmström", 2).nodes)
    assert two == {str(MALMSTROM), str(EU), str(MEETING), str(HOLDER), str(BRUSSELS)}
    three = set(ego(network, "malmström", 3).nodes)
    assert {str(US), str(KGR["country/BE"])} <= three
    assert str(DK) not in three


def test_ego_word_in_longer_name(network):
    assert set(ego(network, "holder", 0).nodes) == {str(HOLDER)}


def test_ego_no_match_lists_near_matches(network):
    with pytest.raises(QueryError) as err:
        ego(network, "Malmstrem", 1)
    message = str(err.value)
    assert "Malmström" in message
    assert "kg query people" in message
    with pytest.raises(QueryError, match="kg query people"):
        ego(network, "zzzzqqq", 1)


def test_ego_negative_depth(network):
    with pytest.raises(QueryError):
        ego(network, "holder", -1)


# ---------------------------------------------------------------------------- select

def test_network_from_select():
    vars_ = [Variable("person"), Variable("name"), Variable("org"), Variable("score")]
    rows = [
        (HOLDER, Literal("Eric Holder"), US, Literal(3)),
        (MALMSTROM, Literal("Cecilia Malmström"), EU, None),
        (MALMSTROM, None, EU, None),
    ]
    net = network_from_select(vars_, rows)
    assert set(net.nodes) == {str(HOLDER), str(US), str(MALMSTROM), str(EU)}
    assert net.nodes[str(HOLDER)]["label"] == "Eric Holder"
    assert net.nodes[str(HOLDER)]["kind"] == "person"
    assert net.nodes[str(US)]["properties"] == ["score: 3"]
    assert _edge_labels(net, HOLDER, US) == {"org"}
    assert net.edges[str(MALMSTROM), str(EU), "org"]["count"] == 2
    # mappings work too
    net2 = network_from_select(["a", "b"], [{"a": HOLDER, "b": US}])
    assert _edge_labels(net2, HOLDER, US) == {"b"}


# ---------------------------------------------------------------------------- HTML

def _payload(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert m
    return json.loads(m.group(1))


@pytest.fixture(scope="module")
def page(network, tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("view") / "sub" / "graph.html"
    assert render_html(network, out, title="Test <b>view</b>") == out
    return out.read_text(encoding="utf-8")


def test_html_has_no_urls(page):
    assert not re.search(r"https?://", page, re.IGNORECASE)
    assert "example.org/news/a1" in page  # article URL shown without its scheme


def test_html_inlines_vis_network(page):
    assert "vis-network" in page and "@version 9.1.2" in page
    assert "new vis.Network(" in page
    assert not re.search(r"<(script|link)[^>]*\s(src|href)=", page, re.IGNORECASE)
    assert "bootstrap" not in page.lower() and "tom-select" not in page.lower()


def test_html_legend_and_search(page):
    assert 'id="kg-legend"' in page
    for kind, label in (("person", "Person"), ("organization", "Organisation"), ("country", "Country"),
                        ("city", "City"), ("meeting", "Meeting")):
        assert re.search(f'<input type="checkbox" class="kg-kind-filter" value="{kind}" checked>'
                         f'<span class="kg-swatch" style="background:#[0-9a-f]{{6}}"></span>{label}</label>', page)
    assert "Role</label>" not in page  # only the kinds present
    assert 'id="kg-search-input"' in page
    assert "network.focus(hit.id, { scale: 1.5" in page
    assert "Test &lt;b&gt;view&lt;/b&gt;" in page


def _info(data: dict, node_id: str) -> dict:
    return data["info"]["nodes"][[n["id"] for n in data["nodes"]].index(node_id)]


def _sentences(data: dict, refs: list[int]) -> list[str]:
    return [data["sentences"][r][0] for r in refs]


def test_html_article_text_never_appears_as_markup(page):
    # in the page source, article text only exists inside the JSON block, with < and > escaped
    assert "<script>alert(1)" not in page and "alert(1)</script>" not in page
    assert "<img src=x" not in page.lower()
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in page
    data = _payload(page)
    holder = _info(data, str(HOLDER))
    # after JSON.parse the text is exactly the article's (the page shows it as text)
    assert any(XSS_SCRIPT in s and XSS_IMG in s for s in _sentences(data, holder["e"]))
    assert "former Spokesman" in holder["r"]
    assert "Attorney General of United States" in holder["r"]
    title, date, url = data["articles"][data["sentences"][holder["e"][0]][1]]
    assert (title, date, url) == ("EU and US launch global alliance", "2012-12-05", "example.org/news/a1")
    edge_ix = next(i for i, e in enumerate(data["edges"]) if e["label"] == "Attorney General of")
    assert any(XSS_IMG in s for s in _sentences(data, data["info"]["edges"][edge_ix]["e"]))
    assert all("title" not in item for item in data["nodes"] + data["edges"])  # no vis (HTML) tooltips


def test_html_sentences_stored_once(page):
    data = _payload(page)
    assert len(data["sentences"]) == len({tuple(s) for s in data["sentences"]})
    assert len(data["articles"]) == 2
    # the first sentence serves Holder, Malmström, the meeting, the posts and the "attended" edges
    refs = [r for info in data["info"]["nodes"] + data["info"]["edges"] for r in info.get("e", [])]
    assert max(refs.count(r) for r in set(refs)) >= 5


def test_html_data(page):
    data = _payload(page)
    labels = {e["label"] for e in data["edges"]}
    assert {"Attorney General of", "member of", "attended", "held in", "in"} <= labels
    sizes = {n["id"]: n["size"] for n in data["nodes"]}
    assert sizes[str(MEETING)] > sizes[str(DK)]  # sized by degree
    assert data["options"]["physics"]["enabled"] is True
    assert all("x" not in n for n in data["nodes"])


def test_html_scripts_parse(page, tmp_path):
    """The scrubbed vis-network library and our script are still valid JavaScript."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 2
    for i, code in enumerate(scripts):
        path = tmp_path / f"s{i}.js"
        path.write_text(code, encoding="utf-8")
        result = subprocess.run([node, "--check", str(path)], capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
    # the SVG namespace string survives the URL scrub with the same value
    assert 'createElementNS("http:\\/\\/www.w3.org/2000/svg"' in scripts[0]


def test_large_graph_is_laid_out_without_physics(tmp_path):
    g = nx.MultiDiGraph()
    tree = nx.random_labeled_tree(1_400, seed=3)
    for n in tree.nodes:
        g.add_node(f"n{n}", label=f"Node {n}", kind="person" if n % 2 else "country")
    for u, v in tree.edges:
        g.add_edge(f"n{u}", f"n{v}", key="in", label="in", kind="in", evidence=[])
    for n in range(1_400, 1_500):  # small components and isolated nodes
        g.add_node(f"n{n}", label=f"Node {n}", kind="meeting")
        if n % 2:
            g.add_edge(f"n{n}", f"n{n - 1}", key="held in", label="held in", kind="held_in", evidence=[])
    out = render_html(g, tmp_path / "big.html")
    page = out.read_text(encoding="utf-8")
    data = _payload(page)
    assert len(data["nodes"]) == 1_500
    assert data["options"]["physics"]["enabled"] is False
    assert all(isinstance(n.get("x"), (int, float)) and isinstance(n.get("y"), (int, float))
               for n in data["nodes"])
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) > 1_400  # spread out, not stacked
    assert not re.search(r"https?://", page, re.IGNORECASE)


def test_too_many_nodes(tmp_path):
    g = nx.MultiDiGraph()
    g.add_nodes_from(range(11))
    with pytest.raises(ViewError, match="--focus"):
        render_html(g, tmp_path / "x.html", max_nodes=10)
    assert not (tmp_path / "x.html").exists()


def test_empty_network(tmp_path):
    page = render_html(nx.MultiDiGraph(), tmp_path / "empty.html").read_text(encoding="utf-8")
    assert _payload(page)["nodes"] == [] and not re.search(r"https?://", page, re.IGNORECASE)
    with pytest.raises(QueryError, match="kg query people"):
        ego(nx.MultiDiGraph(), "anyone", 1)


def test_urls_in_article_text_are_kept_but_not_as_links(tmp_path):
    g = nx.MultiDiGraph()
    g.add_node("n1", label="Site http://example.com", kind="organization", names=[],
               evidence=[{"sentence": "See HTTPS://example.com/x and http://a.b", "article_title": "T",
                          "article_date": "", "article_url": "https://news.example/1"}])
    page = render_html(g, tmp_path / "u.html", title="http://t").read_text(encoding="utf-8")
    assert not re.search(r"https?://", page, re.IGNORECASE)
    data = _payload(page)
    assert data["nodes"][0]["label"] == "Site http://example.com"  # the text itself is unchanged after JSON.parse
    assert data["sentences"] == [["See HTTPS://example.com/x and http://a.b", 0]]
    assert data["articles"] == [["T", "", "news.example/1"]]  # shown without its scheme, not as a link


# ---------------------------------------------------------------------------- sizes, colours, layout

def test_size_by_betweenness(network, tmp_path):
    data = _payload(render_html(network, tmp_path / "b.html", size_by="betweenness").read_text(encoding="utf-8"))
    sizes = {n["id"]: n["size"] for n in data["nodes"]}
    # the meeting lies between the two people and the rest: the highest betweenness
    assert max(sizes, key=sizes.get) == str(MEETING)
    assert sizes[str(US)] == min(sizes.values())  # a leaf: betweenness 0
    assert "betweenness" in _info(data, str(MEETING))["m"]


def test_color_by_community(network, tmp_path):
    page = render_html(network, tmp_path / "c.html", color_by="community").read_text(encoding="utf-8")
    data = _payload(page)
    colours = {n["id"]: n["color"] for n in data["nodes"]}
    community = {n["id"]: _info(data, n["id"])["c"] for n in data["nodes"]}
    assert community[str(DK)] == community[str(ALLIANCE)] != community[str(HOLDER)]
    assert colours[str(DK)] == colours[str(ALLIANCE)] != colours[str(HOLDER)]
    assert 'id="kg-communities"' in page
    # the class filter stays, without kind colours
    assert '<input type="checkbox" class="kg-kind-filter" value="person" checked>Person</label>' in page


def test_bad_size_or_colour(network, tmp_path):
    with pytest.raises(ValueError, match="degree"):        # a bad argument, not a bad query
        render_html(network, tmp_path / "x.html", size_by="pagerank")
    with pytest.raises(ValueError, match="community"):
        render_html(network, tmp_path / "x.html", color_by="rainbow")


def _tree_network(n: int) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    tree = nx.random_labeled_tree(n, seed=5)
    for v in tree.nodes:
        g.add_node(f"n{v}", label=f"Node {v}", kind="person")
    for u, v in tree.edges:
        g.add_edge(f"n{u}", f"n{v}", key="in", label="in", kind="in", evidence=[])
    return g


def test_medium_graph_starts_from_python_positions(tmp_path):
    data = _payload(render_html(_tree_network(300), tmp_path / "m.html").read_text(encoding="utf-8"))
    assert all("x" in n and "y" in n for n in data["nodes"])
    assert data["options"]["physics"]["enabled"] is True  # a short settling in the browser
    assert data["options"]["physics"]["stabilization"]["iterations"] <= 100
    assert data["options"]["edges"]["smooth"] is False


def test_too_many_nodes_message(tmp_path):
    with pytest.raises(ViewError) as err:
        render_html(_tree_network(30), tmp_path / "x.html", max_nodes=29)
    assert "30 nodes" in str(err.value) and "--focus" in str(err.value) and "--query" in str(err.value)


# ---------------------------------------------------------------------------- CLI

def test_cli_view_options(sample_store, tmp_path):
    out = tmp_path / "v.html"
    p = run_kg("view", "--store", str(sample_store), "--out", str(out), "--size-by", "betweenness",
               "--color-by", "community", "--title", "Samples")
    assert p.returncode == 0, p.stderr
    page = out.read_text(encoding="utf-8")
    assert "<title>Samples</title>" in page and 'id="kg-communities"' in page


def test_cli_view_refuses_above_max_nodes(sample_store, tmp_path):
    out = tmp_path / "v.html"
    p = run_kg("view", "--store", str(sample_store), "--out", str(out), "--max-nodes", "5")
    assert p.returncode == 1
    assert "--focus" in p.stderr and "--query" in p.stderr and "Traceback" not in p.stderr
    assert not out.exists()
    p = run_kg("view", "--store", str(sample_store), "--out", str(out), "--max-nodes", "5",
               "--focus", "Eric Holder", "--depth", "1")
    assert p.returncode == 0, p.stderr


def test_cli_view_focus_near_matches(sample_store, tmp_path):
    p = run_kg("view", "--store", str(sample_store), "--out", str(tmp_path / "v.html"), "--focus", "Malmstrem")
    assert p.returncode == 1 and "Near matches" in p.stderr and "Malmstr" in p.stderr


def test_network_from_quads_equals_graph_to_network(network):
    import pyoxigraph as ox

    from kg.view import network_from_quads

    store = ox.Store()
    store.load(build_dataset().serialize(format="nquads").encode(), format=ox.RdfFormat.N_QUADS)
    net = network_from_quads(store)
    assert dict(net.nodes(data=True)) == dict(network.nodes(data=True))
    assert sorted(net.edges(keys=True)) == sorted(network.edges(keys=True))
    assert net.edges[str(HOLDER), str(US), "Attorney General of"] == network.edges[str(HOLDER), str(US), "Attorney General of"]
    # typed and language-tagged literals come through as rdflib literals
    assert network_from_quads(store).nodes[str(MEETING)]["date"] == "2012-12-05"


def test_network_from_store_reads_only_what_it_draws_and_equals_the_full_read(network, sample_store):
    from kg.store import Store
    from kg.view import network_from_quads, network_from_store

    store = Store.in_memory()
    for graph in build_dataset().graphs():
        if len(graph):
            store.replace_article(str(graph.identifier), graph.serialize(format="nt"))
    net = network_from_store(store)
    assert dict(net.nodes(data=True)) == dict(network.nodes(data=True))
    assert sorted(net.edges(keys=True, data=True), key=repr) == sorted(network.edges(keys=True, data=True), key=repr)
    with Store.open(sample_store, read_only=True) as real:                 # the sample articles' store
        full = network_from_quads(real.union_quads())                      # its whole (resolved) union
        assert dict(network_from_store(real).nodes(data=True)) == dict(full.nodes(data=True))
        assert sorted(network_from_store(real).edges(keys=True, data=True), key=repr) == \
            sorted(full.edges(keys=True, data=True), key=repr)
