"""Views proven in a real browser: headless Debian Chromium (/usr/bin/chromium) driven by Playwright.

The browser starts with a fresh user-data-dir, offline, and every request that is not the
page file itself is recorded and aborted. Each test opens a page written by `kg view` (or by
kg.view.render_html) and checks the live page: the vis DataSets, tooltips, search, class
filter, console errors, dialogs and requests. Chromium is installed by `make browser` (run by
`make test`); when it is missing here, the session fixture installs it with apt-get.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

from conftest import DATA, run_kg
from kg.view import graph_to_network, render_html

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
READY = "html[data-kg-ready]"
XSS_SENTENCE = ('Austrian Foreign Minister Michael Spindelegger <script>document.title="pwned";alert("xss")</script> '
                "met French Foreign Minister Laurent Fabius in Vienna on Thursday.")
XSS_TITLE = 'Ministers <script>alert("title")</script> meet in Vienna'
HOLDER_SENTENCE = ("US Attorney General Eric Holder (L) and EU home affairs commissioner Cecilia Malmstroem "
                   "give a press conference in Brussels.")
SAMPLE_TITLE = "EU, US in 'global alliance' to hit web child sex"


def _ensure_chromium() -> None:
    """Install Debian's chromium when it is missing (what `make browser` does), or fail saying how."""
    if CHROMIUM.exists():
        return
    apt = shutil.which("apt-get")
    if apt is None or os.geteuid() != 0:
        pytest.fail(f"The browser tests need Debian's chromium at {CHROMIUM}: run `sudo make browser` "
                    "(apt-get install chromium).")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in ([apt, "update", "-qq"], [apt, "install", "-y", "-qq", "chromium"]):
        result = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=900)
        if result.returncode != 0:
            pytest.fail(f"{' '.join(cmd)} failed: {result.stderr[-2000:]}")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """A Playwright context of /usr/bin/chromium: fresh profile, offline, non-file requests aborted."""
    _ensure_chromium()
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    blocked: list[str] = []
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 800}, offline=True)

        def block(route):
            blocked.append(route.request.url)
            route.abort()

        context.route(re.compile(r"^(?!file:)"), block)
        context.blocked = blocked
        try:
            yield context
        finally:
            context.close()


class Viewer:
    """One view page opened in the browser, with what it logged, asked and requested."""

    def __init__(self, context, html_file: Path) -> None:
        self.file = html_file
        self.page = page = context.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda m: self.errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("request", lambda r: self.requests.append(r.url))
        page.goto(html_file.as_uri())
        page.wait_for_selector(READY, state="attached", timeout=60_000)

    def dataset(self) -> tuple[list[dict], list[dict]]:
        """The items of the vis DataSets the network draws."""
        return self.page.evaluate("[kg.nodes.get(), kg.edges.get()]")

    def node_point(self, node_id: str) -> tuple[float, float]:
        """Page coordinates of a node's centre, checked with vis-network's own hit test."""
        x, y, hit = self.page.evaluate("""(id) => {
            const net = kg.network, box = document.getElementById('mynetwork').getBoundingClientRect();
            const d = net.canvasToDOM(net.getPositions([id])[id]);
            return [d.x + box.left, d.y + box.top, net.getNodeAt(d)];
        }""", node_id)
        assert hit == node_id
        return x, y

    def edge_point(self, edge_id: str) -> tuple[float, float]:
        """Page coordinates of a point on an edge that hits the edge and no node."""
        point = self.page.evaluate("""(id) => {
            const net = kg.network, box = document.getElementById('mynetwork').getBoundingClientRect();
            const e = kg.edges.get(id), pos = net.getPositions([e.from, e.to]);
            for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
                const c = { x: pos[e.from].x + t * (pos[e.to].x - pos[e.from].x),
                            y: pos[e.from].y + t * (pos[e.to].y - pos[e.from].y) };
                const d = net.canvasToDOM(c);
                if (net.getEdgeAt(d) === id && net.getNodeAt(d) === undefined) {
                    return [d.x + box.left, d.y + box.top];
                }
            }
            return null;
        }""", edge_id)
        assert point is not None, f"no free point on edge {edge_id}"
        return point[0], point[1]

    def tooltip_at(self, x: float, y: float) -> str:
        """Rest the pointer at (x, y) and return the tooltip's text."""
        self.page.mouse.move(1, 1)
        self.page.wait_for_selector("#kg-tooltip", state="hidden")
        self.page.mouse.move(x, y)
        self.page.wait_for_selector("#kg-tooltip:not([hidden])", timeout=5_000)
        return self.page.inner_text("#kg-tooltip")

    def assert_clean(self) -> None:
        """No console error, no page error, no dialog, no request but the page file."""
        assert self.errors == []
        assert self.dialogs == []
        assert set(self.requests) == {self.file.as_uri()}


def _expected(store: Path) -> nx.MultiDiGraph:
    from kg.store import Store

    from kg.view import drop_isolated, network_from_store

    with Store.open(store, read_only=True) as s:      # the resolved union, entities in no fact left out
        net = network_from_store(s)
    drop_isolated(net)
    return net


@pytest.fixture(scope="module")
def sample_page(sample_store, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("views") / "samples.html"
    p = run_kg("view", "--store", str(sample_store), "--out", str(out), "--title", "Sample articles")
    assert p.returncode == 0, p.stderr
    return out


@pytest.fixture(scope="module")
def xss_store(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("xss") / "store"
    p = run_kg("build", str(DATA / "xss"), "--store", str(store), "--quiet")
    assert p.returncode == 0, p.stderr
    return store


def _node_id(items: list[dict], label: str) -> str:
    return next(n["id"] for n in items if n["label"] == label)


# ---------------------------------------------------------------------------- sample articles

def test_sample_view_holds_the_network(browser, sample_page, sample_store):
    view = Viewer(browser, sample_page)
    nodes, edges = view.dataset()
    expected = _expected(sample_store)
    assert {n["id"] for n in nodes} == set(expected.nodes)
    assert Counter((e["from"], e["to"], e["label"]) for e in edges) == \
        Counter((u, v, d["label"]) for u, v, d in expected.edges(data=True))
    holder, us = _node_id(nodes, "Eric Holder"), _node_id(nodes, "United States")
    assert any(e["from"] == holder and e["to"] == us and e["label"] == "Attorney General of" for e in edges)
    assert view.page.evaluate("kg.network.physics.options.enabled") is False  # laid out, then frozen
    assert view.page.title() == "Sample articles"
    view.assert_clean()
    view.page.close()


def _quoted(text: str) -> list[str]:
    return re.findall(r"\u201c(.*)\u201d", text)


def test_tooltips_show_names_type_and_evidence(browser, sample_page, sample_store):
    expected = _expected(sample_store)
    view = Viewer(browser, sample_page)
    nodes, edges = view.dataset()
    holder, us = _node_id(nodes, "Eric Holder"), _node_id(nodes, "United States")
    text = view.tooltip_at(*view.node_point(holder))
    assert text.splitlines()[:2] == ["Eric Holder", "Person"]
    assert "Attorney General of United States" in text
    evidence = expected.nodes[holder]["evidence"]
    assert f"Evidence ({len(evidence)})" in text
    shown = _quoted(text)
    assert shown == [e["sentence"] for e in evidence][:5]  # in order: by article date, title, sentence
    assert HOLDER_SENTENCE in [e["sentence"] for e in evidence]
    assert f"{SAMPLE_TITLE} \u00b7 2012-12-05" in text
    edge = next(e for e in edges if e["from"] == holder and e["to"] == us)
    text = view.tooltip_at(*view.edge_point(edge["id"]))
    assert text.startswith("Eric Holder \u2014 Attorney General of \u2192 United States")
    sentences = [e["sentence"] for e in expected.edges[holder, us, "Attorney General of"]["evidence"]]
    assert sentences and _quoted(text) == sentences[:5]
    assert HOLDER_SENTENCE in sentences and f"\u201c{HOLDER_SENTENCE}\u201d" in text
    assert SAMPLE_TITLE in text
    view.page.mouse.move(1, 1)  # leaving the drawing hides the tooltip
    view.page.wait_for_selector("#kg-tooltip", state="hidden")
    view.assert_clean()
    view.page.close()


def test_search_box_finds_and_zooms_to_a_node(browser, sample_page):
    view = Viewer(browser, sample_page)
    page = view.page
    nodes, _edges = view.dataset()
    target = _node_id(nodes, "Cecilia Malmström")
    page.fill("#kg-search-input", "cecilia malmstroem")
    page.press("#kg-search-input", "Enter")
    assert page.evaluate("kg.network.getSelectedNodes()") == [target]
    # zoomed in (scale 1.5) with the node in the middle of the drawing
    page.wait_for_function("""(id) => { const net = kg.network, box = document.getElementById('mynetwork');
        const d = net.canvasToDOM(net.getPositions([id])[id]);
        return Math.abs(d.x - box.clientWidth / 2) < 20 && Math.abs(d.y - box.clientHeight / 2) < 20
            && Math.abs(net.getScale() - 1.5) < 0.05; }""", arg=target, timeout=5_000)
    assert page.inner_text("#kg-search-status").startswith("1/1: Cecilia Malmström")
    page.fill("#kg-search-input", "zzzqqq")
    page.press("#kg-search-input", "Enter")
    assert page.inner_text("#kg-search-status") == "No node named \u201czzzqqq\u201d"
    view.assert_clean()
    page.close()


def test_class_filter_hides_and_shows_a_class(browser, sample_page):
    view = Viewer(browser, sample_page)
    page = view.page
    nodes, _edges = view.dataset()
    assert page.evaluate("kg.nodes.get({filter: n => n.hidden}).length") == 0
    page.uncheck("input.kg-kind-filter[value=country]")
    hidden = page.evaluate("kg.nodes.get({filter: n => n.hidden}).map(n => n.id)")
    assert hidden and all("/country/" in h for h in hidden)
    assert not any(n["id"] in hidden for n in nodes if "/country/" not in n["id"])
    assert page.inner_text("#kg-stats").endswith(f"{len(nodes) - len(hidden)} shown")
    # searching a hidden class shows it again
    page.fill("#kg-search-input", "Denmark")
    page.press("#kg-search-input", "Enter")
    assert page.is_checked("input.kg-kind-filter[value=country]")
    assert page.evaluate("kg.nodes.get({filter: n => n.hidden}).length") == 0
    view.assert_clean()
    page.close()


def test_focus_view_shows_the_neighbourhood(browser, sample_store, tmp_path):
    out = tmp_path / "holder.html"
    p = run_kg("view", "--store", str(sample_store), "--out", str(out), "--focus", "ERIC HOLDER", "--depth", "1")
    assert p.returncode == 0, p.stderr
    view = Viewer(browser, out)
    nodes, edges = view.dataset()
    expected = _expected(sample_store)
    holder = _node_id(nodes, "Eric Holder")
    neighbours = set(nx.all_neighbors(expected, holder)) | {holder}
    assert {n["id"] for n in nodes} == neighbours
    assert view.page.evaluate("kg.network.getSelectedNodes()") == [holder]
    view.assert_clean()
    view.page.close()


# ---------------------------------------------------------------------------- hostile article text

def test_xss_article_runs_nothing(browser, xss_store, tmp_path):
    out = tmp_path / "xss.html"
    p = run_kg("view", "--store", str(xss_store), "--out", str(out), "--title", "<img src=x onerror=alert(9)>")
    assert p.returncode == 0, p.stderr
    view = Viewer(browser, out)
    page = view.page
    assert page.title() == "<img src=x onerror=alert(9)>"
    nodes, edges = view.dataset()
    texts = [view.tooltip_at(*view.node_point(n["id"])) for n in nodes]
    texts += [view.tooltip_at(*view.edge_point(e["id"])) for e in edges
              if e["label"] in ("attended", "Foreign Minister of")]
    # the article's markup is shown as text ...
    assert any(XSS_SENTENCE in t for t in texts)
    assert any("<img src=x onerror=alert(2)>" in t for t in texts)
    assert any("<svg onload=alert(3)>" in t for t in texts)
    assert all(XSS_TITLE in t for t in texts if "Evidence" in t)
    # ... and nothing ran or was injected
    assert page.title() == "<img src=x onerror=alert(9)>"  # the payload sets document.title
    assert page.evaluate("document.querySelectorAll('img, svg, iframe, object, embed').length") == 0
    assert page.evaluate("document.scripts.length") == 3  # vis-network, the data, the page script
    tags = page.evaluate("[...document.querySelectorAll('#kg-tooltip *')].map(e => e.tagName)")
    assert set(tags) <= {"DIV", "B", "SMALL", "BR", "UL", "LI"}
    view.assert_clean()
    page.close()


# ---------------------------------------------------------------------------- offline, scale

def test_page_works_offline_and_requests_nothing(browser, sample_page):
    view = Viewer(browser, sample_page)
    assert view.page.evaluate("navigator.onLine") is False
    nodes, edges = view.dataset()
    assert nodes and edges
    view.assert_clean()
    assert browser.blocked == []  # no page of this module asked for anything but its file
    view.page.close()


def test_large_view_uses_python_layout(browser, tmp_path):
    g = nx.MultiDiGraph()
    tree = nx.random_labeled_tree(1_500, seed=11)
    for v in tree.nodes:
        g.add_node(f"n{v}", label=f"Node {v}", names=[f"Node {v}"], kind="person" if v % 3 else "organization")
    for u, v in tree.edges:
        g.add_edge(f"n{u}", f"n{v}", key="member of", label="member of", kind="membership", evidence=[])
    out = render_html(g, tmp_path / "large.html")
    view = Viewer(browser, out)
    page = view.page
    assert page.evaluate("kg.nodes.length") == 1_500 and page.evaluate("kg.edges.length") == 1_499
    assert page.evaluate("kg.network.physics.options.enabled") is False
    # the drawing keeps the positions computed in Python
    moved = page.evaluate("""() => { const d = JSON.parse(document.getElementById('kg-data').textContent);
        const pos = kg.network.getPositions();
        return d.nodes.filter(n => Math.abs(pos[n.id].x - n.x) > 1 || Math.abs(pos[n.id].y - n.y) > 1).length; }""")
    assert moved == 0
    page.fill("#kg-search-input", "node 1234")
    page.press("#kg-search-input", "Enter")
    assert page.evaluate("kg.network.getSelectedNodes()") == ["n1234"]
    # no animation on big drawings: the node is in the middle at once
    assert page.evaluate("""() => { const net = kg.network, box = document.getElementById('mynetwork');
        const d = net.canvasToDOM(net.getPositions(['n1234']).n1234);
        return Math.abs(d.x - box.clientWidth / 2) < 20 && Math.abs(d.y - box.clientHeight / 2) < 20; }""")
    view.assert_clean()
    page.close()


# ---------------------------------------------------------------------------- query views

def _query_json(store: Path, query: str) -> dict:
    import json

    p = run_kg("query", query, "--store", str(store), "--format", "json")
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout)


def test_select_query_view(browser, sample_store, tmp_path):
    out = tmp_path / "roles.html"
    p = run_kg("view", "--store", str(sample_store), "--out", str(out), "--query", "roles")
    assert p.returncode == 0, p.stderr
    rows = _query_json(sample_store, "roles")["results"]["bindings"]
    iris = {cell["value"] for row in rows for cell in row.values() if cell["type"] == "uri"}
    view = Viewer(browser, out)
    nodes, edges = view.dataset()
    assert iris and {n["id"] for n in nodes} == iris
    holder = next(r for r in rows if r["name"]["value"] == "Eric Holder")
    assert {(e["from"], e["to"]) for e in edges} >= {(holder["person"]["value"], holder["organization"]["value"])}
    view.assert_clean()
    view.page.close()


def test_construct_query_view(browser, sample_store, tmp_path):
    org = "http://www.w3.org/ns/org#"
    query = (f"CONSTRUCT {{ ?ms <{org}member> ?m ; <{org}organization> ?o }} "
             f"WHERE {{ ?ms <{org}member> ?m ; <{org}organization> ?o }}")
    out = tmp_path / "members.html"
    p = run_kg("view", "--store", str(sample_store), "--out", str(out), "--query", query)
    assert p.returncode == 0, p.stderr
    rows = _query_json(sample_store, "memberships")["results"]["bindings"]
    view = Viewer(browser, out)
    _nodes, edges = view.dataset()
    assert {(e["from"], e["to"]) for e in edges} == {(r["member"]["value"], r["organization"]["value"]) for r in rows}
    assert {e["label"] for e in edges} == {"member of"}
    view.assert_clean()
    view.page.close()


# ---------------------------------------------------------------------------- timelines

def _timeline_page(store: Path, out: Path, *args: str) -> Path:
    p = run_kg("view", "--timeline", "--store", str(store), "--out", str(out), *args)
    assert p.returncode == 0, p.stderr
    return out


def _item_text(row: dict) -> str:
    """The label a timeline row gets on the page."""
    value = {k: v["value"] for k, v in row.items()}
    text = value["label"]
    if value.get("withName"):
        text += (" of " if value["kind"] == "post" else " in ") + value["withName"]
    return f"{text} ({value['qualifier']})" if value.get("qualifier") else text


def _timeline_tooltip(view: Viewer, text: str) -> str:
    """Rest the pointer on the item labelled `text` and return its tooltip."""
    page = view.page
    page.mouse.move(1, 1)
    page.wait_for_selector("#kg-tooltip", state="hidden")
    box = page.locator(".vis-item", has_text=text).first.bounding_box()
    assert box is not None, text
    page.mouse.move(box["x"] + min(6, box["width"] / 2), box["y"] + box["height"] / 2)
    page.wait_for_selector("#kg-tooltip:not([hidden])", timeout=5_000)
    return page.inner_text("#kg-tooltip")


def test_timeline_items_equal_the_store_rows(browser, sample_store, tmp_path):
    out = _timeline_page(sample_store, tmp_path / "timeline.html", "--title", "Sample timeline")
    rows = _query_json(sample_store, "timeline")["results"]["bindings"]
    view = Viewer(browser, out)
    items = view.page.evaluate("kg.items.get()")
    assert rows and len(items) == len(rows)
    assert Counter((i["text"], i["start"]) for i in items) == \
        Counter((_item_text(r), r["from"]["value"]) for r in rows)
    ranges = [i for i in items if i["type"] == "range"]
    assert {i["text"] for i in ranges} == {"Attorney General of United States",
                                           "Home Affairs Commissioner of European Union"}
    assert all(i["end"] == "2012-12-06" for i in ranges)      # the day after the last observation
    assert view.page.evaluate("kg.groups.get().map(g => g.text)") == ["Cecilia Malmström", "Eric Holder"]
    assert view.page.title() == "Sample timeline"
    view.assert_clean()
    view.page.close()


def test_timeline_tooltips_show_the_evidence(browser, sample_store, tmp_path):
    out = _timeline_page(sample_store, tmp_path / "holder.html", "--focus", "eric holder")
    rows = _query_json(sample_store, "timeline")["results"]["bindings"]
    post = next(r for r in rows if r["kind"]["value"] == "post" and r["name"]["value"] == "Eric Holder")
    view = Viewer(browser, out)
    assert view.page.evaluate("kg.items.get().length") == 3          # Holder's post and two meetings
    assert view.page.evaluate("kg.groups.get().map(g => g.text)") == ["Posts", "Meetings"]
    text = _timeline_tooltip(view, "Attorney General of United States")
    assert text.splitlines()[:3] == ["Attorney General of United States", "post \u00b7 2012-06-21 \u2013 2012-12-05",
                                     "Eric Holder"]
    assert f"\u201c{post['sentence']['value']}\u201d" in text
    assert f"{post['articleTitle']['value']} \u00b7 2012-06-21 \u00b7 2 articles" in text
    text = _timeline_tooltip(view, "press conference in Brussels")
    assert HOLDER_SENTENCE in text or SAMPLE_TITLE in text
    view.page.mouse.move(1, 1)
    view.page.wait_for_selector("#kg-tooltip", state="hidden")
    view.page.uncheck("input[data-kind=meeting]")                      # the kind filter
    assert view.page.evaluate("kg.items.get().map(i => i.className)") == ["kg-post"]
    view.assert_clean()
    view.page.close()


def test_timeline_of_the_xss_article_runs_nothing(browser, xss_store, tmp_path):
    out = _timeline_page(xss_store, tmp_path / "xss-timeline.html", "--title", "<img src=x onerror=alert(9)>")
    view = Viewer(browser, out)
    page = view.page
    assert page.title() == "<img src=x onerror=alert(9)>"
    texts = [_timeline_tooltip(view, item["text"]) for item in page.evaluate("kg.items.get()")]
    assert texts and any(XSS_SENTENCE in t for t in texts)
    assert any(XSS_TITLE in t for t in texts)
    assert page.title() == "<img src=x onerror=alert(9)>"
    assert page.evaluate("document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert page.evaluate("document.querySelectorAll('svg').length") == \
        page.evaluate("document.querySelectorAll('.vis-timeline svg').length")   # only the timeline's own
    assert page.evaluate("document.scripts.length") == 3  # vis-timeline, the data, the page script
    tags = page.evaluate("[...document.querySelectorAll('#kg-tooltip *')].map(e => e.tagName)")
    assert set(tags) <= {"DIV", "B", "SMALL"}
    view.assert_clean()
    page.close()
