"""`kg serve` in a real browser: headless Debian Chromium (/usr/bin/chromium) driven by Playwright.

Every request is recorded; any that does not go to the local server is aborted and fails the
test. The editor runs a named query, an IRI in the results leads to its entity page, the
evidence opens, a result is drawn; the XSS fixture article's payloads show as text everywhere.
"""
from __future__ import annotations

import re

import pytest

from conftest import DATA, run_kg
from serving import ServeProcess
from test_browser import CHROMIUM, CHROMIUM_ARGS, _ensure_chromium

HOLDER_SENTENCE = "US Attorney General Eric Holder (L) and EU home affairs commissioner Cecilia Malmstroem"


class Browser:
    """A Chromium context that lets requests reach `base` only, recording the others and errors."""

    def __init__(self, pw, profile, base: str) -> None:
        self.base = base
        self.context = pw.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900})
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []

        def route(r):
            if r.request.url.startswith(base):
                r.continue_()
            else:
                self.blocked.append(r.request.url)
                r.abort()

        self.context.route(re.compile(".*"), route)
        self.context.on("page", self._watch)

    def _watch(self, page) -> None:
        page.on("console", lambda m: self.errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def page(self):
        page = self.context.new_page()
        return page

    def assert_clean(self) -> None:
        assert self.blocked == [] and self.errors == [] and self.dialogs == []


@pytest.fixture(scope="module")
def pw():
    _ensure_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="module")
def served(pw, sample_store, tmp_path_factory):
    proc = ServeProcess(sample_store)
    browser = Browser(pw, tmp_path_factory.mktemp("chromium-serve"), proc.url)
    try:
        yield proc.url, browser
    finally:
        browser.context.close()
        assert proc.stop()[0] == 0


def _open_editor(browser: Browser, url: str):
    page = browser.page()
    page.goto(url)
    page.wait_for_selector("html[data-kg-ready]", state="attached", timeout=60_000)
    return page


def _run_tab(page, name: str) -> None:
    page.get_by_role("tab", name=name).click()
    panel = page.locator(".tabPanel.active")
    panel.locator(".yasqe_queryButton").click()
    panel.locator(".yasr .dataTable tbody tr").first.wait_for(timeout=60_000)


def test_editor_runs_a_named_query_and_links_iris_to_entity_pages(served):
    url, browser = served
    page = _open_editor(browser, url)
    tabs = page.locator(".tabsList [role=tab]").all_inner_texts()
    assert {"people", "roles", "meetings", "memberships"} <= {t.split("\n")[0].strip() for t in tabs}
    _run_tab(page, "roles")
    panel = page.locator(".tabPanel.active")
    rows = panel.locator(".yasr .dataTable tbody tr")
    assert rows.count() == 2
    text = panel.locator(".yasr .dataTable").inner_text()
    assert "Eric Holder" in text and "Attorney General" in text
    ellipse = panel.get_by_label("Ellipse")
    if ellipse.count() and ellipse.is_checked():
        ellipse.uncheck()                 # whole cells: a wide result (roles has 13 columns) cuts IRIs short
    link = panel.locator('.yasr a[href="/id/person/eric-holder"]').first
    link.wait_for(timeout=10_000)
    link.click()
    page.wait_for_url(url + "id/person/eric-holder", timeout=30_000)
    assert page.inner_text("#kg-name") == "Eric Holder"
    # the evidence of a fact opens, with a link to its article
    details = page.locator("li.fact details.evidence").first
    assert not details.locator("q.sentence").first.is_visible()
    details.locator("summary").click()
    assert details.locator("q.sentence").first.is_visible()
    sentences = page.locator("li.fact q.sentence").all_inner_texts()
    assert any(s.startswith(HOLDER_SENTENCE) for s in sentences)
    details.locator("a[href^='/id/article/']").first.click()
    page.wait_for_url(re.compile(r".*/id/article/.*"))
    assert page.locator("#facts").is_visible()
    # the neighbourhood is drawn in the entity page
    page.go_back()
    frame = page.frame_locator("iframe.kg-graph")
    frame.locator("html[data-kg-ready]").wait_for(state="attached", timeout=60_000)
    browser.assert_clean()
    page.close()


def test_draw_the_result_as_a_graph(served):
    url, browser = served
    page = _open_editor(browser, url)
    page.get_by_role("tab", name="memberships").click()
    with browser.context.expect_page() as popup:
        page.click("#kg-draw-button")
    drawing = popup.value
    drawing.wait_for_selector("html[data-kg-ready]", state="attached", timeout=60_000)
    nodes, edges = drawing.evaluate("[kg.nodes.get(), kg.edges.get()]")
    assert len(nodes) == 23 and len(edges) == 22
    assert any(n["label"].startswith("Global Alliance") for n in nodes)   # its fullest name (kg/resolve)
    browser.assert_clean()
    drawing.close()
    page.close()


def test_search_box_finds_entities_regardless_of_accents(served):
    url, browser = served
    page = _open_editor(browser, url)
    page.fill(".kg-search input[name=q]", "MALMSTROM")
    page.press(".kg-search input[name=q]", "Enter")
    page.wait_for_url(re.compile(r".*/search\?q=MALMSTROM"))
    page.click("#kg-results a >> nth=0")
    page.wait_for_url(url + "id/person/cecilia-malmstrom")
    assert page.inner_text("#kg-name") == "Cecilia Malmström"
    browser.assert_clean()
    page.close()


def test_xss_article_shows_its_payloads_as_text(pw, tmp_path_factory):
    store = tmp_path_factory.mktemp("xss-serve") / "store"
    assert run_kg("build", str(DATA / "xss"), "--store", str(store), "--quiet").returncode == 0
    proc = ServeProcess(store)
    try:
        browser = Browser(pw, tmp_path_factory.mktemp("chromium-xss"), proc.url)
        page = _open_editor(browser, proc.url)
        page.get_by_role("tab", name="articles").click()
        panel = page.locator(".tabPanel.active")
        panel.locator(".yasqe_queryButton").click()
        panel.locator(".yasr .dataTable tbody tr").first.wait_for(timeout=60_000)
        assert 'Ministers <script>alert("title")</script> meet in Vienna' in panel.locator(".yasr").inner_text()
        panel.locator('.yasr a[href^="/id/article/"]').first.click()
        page.wait_for_url(re.compile(r".*/id/article/.*"))
        assert page.inner_text("#kg-name") == 'Ministers <script>alert("title")</script> meet in Vienna'
        body = page.inner_text("main")
        assert "<img src=x onerror=alert(2)>" in body and "<svg onload=alert(3)>" in body
        page.click("a[href='/id/person/michael-spindelegger']")
        page.wait_for_url(re.compile(r".*/id/person/michael-spindelegger"))
        page.locator("details.evidence summary").first.click()
        assert 'document.title="pwned"' in page.inner_text("main")
        for p in browser.context.pages:
            assert p.evaluate("document.querySelectorAll('main img, main svg, main iframe:not(.kg-graph)').length") == 0
            assert "pwned" not in p.title()
        browser.assert_clean()
        browser.context.close()
    finally:
        assert proc.stop()[0] == 0
