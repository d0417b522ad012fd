"""Make the README's screenshot of `kg serve` (docs/serve-editor.png).

    .venv/bin/python docs/serve_screenshot.py [--articles tests/data/articles]

Builds the sample articles into a temporary store, starts `kg serve` on a free loopback port, runs
the `roles` named query in the editor in headless Chromium (every request that is not the local
server is aborted) and saves the page.
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from serving import ServeProcess  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=ROOT / "tests" / "data" / "articles")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "serve-editor.png")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        subprocess.run([sys.executable, "-m", "kg", "build", str(args.articles), "--store", str(store), "-q"],
                       check=True, cwd=ROOT)
        proc = ServeProcess(store)
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                             args=["--no-sandbox", "--disable-gpu"])
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                page.route(re.compile(".*"), lambda r: r.continue_() if r.request.url.startswith(proc.url)
                           else r.abort())
                page.goto(proc.url)
                page.wait_for_selector("html[data-kg-ready]", state="attached")
                page.get_by_role("tab", name="roles").click()
                panel = page.locator(".tabPanel.active")
                panel.locator(".yasqe_queryButton").click()
                panel.locator(".yasr .dataTable tbody tr").first.wait_for()
                page.screenshot(path=str(args.out), full_page=False)
                browser.close()
        finally:
            proc.stop()
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
