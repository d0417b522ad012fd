"""Make the README's screenshots of `kg view` on the sample articles (docs/*.png).

    .venv/bin/python docs/screenshots.py [--articles tests/data/articles]

Builds the sample articles into a temporary store, writes three views with `kg view` and
photographs them in headless Chromium (benchmarks/browser.py):

- docs/view-samples.png     the whole graph, coloured by class, sized by degree;
- docs/view-focus.png       `--focus "Eric Holder" --depth 2`, with the tooltip of Eric Holder open;
- docs/view-communities.png `--color-by community --size-by betweenness`;
- docs/view-corpus.png      with `--corpus-store STORE`: the default view of a whole store (e.g. the
  585 corpus articles: `kg build ../shared/corpus --store STORE`), entities in no fact left out.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.browser import chromium  # noqa: E402

VIEWS = {
    "view-samples.png": ([], None),
    "view-focus.png": (["--focus", "Eric Holder", "--depth", "2"], "Eric Holder"),
    "view-communities.png": (["--color-by", "community", "--size-by", "betweenness"], None),
}


def kg(*args: str) -> None:
    """Run the kg command line; stop with its message when it fails."""
    result = subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        raise SystemExit(result.stderr)


def shoot(context, page_file: Path, png: Path, hover: str | None) -> None:
    """Open a view, wait until it is drawn, optionally open a node's tooltip, save a PNG."""
    page = context.new_page()
    page.goto(page_file.as_uri())
    page.wait_for_selector("html[data-kg-ready]", state="attached", timeout=60_000)
    if hover:
        x, y = page.evaluate("""(label) => {
            const net = kg.network, box = document.getElementById('mynetwork').getBoundingClientRect();
            const node = kg.nodes.get({ filter: n => n.label === label })[0];
            const d = net.canvasToDOM(net.getPositions([node.id])[node.id]);
            return [d.x + box.left, d.y + box.top];
        }""", hover)
        page.mouse.move(x, y)
        page.wait_for_selector("#kg-tooltip:not([hidden])")
    page.screenshot(path=str(png))
    page.close()


def main(argv: list[str] | None = None) -> int:
    """Write the screenshots; print their paths."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=Path, default=ROOT / "tests" / "data" / "articles")
    ap.add_argument("--out", type=Path, default=ROOT / "docs")
    ap.add_argument("--corpus-store", type=Path, help="also photograph the view of this whole store")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kg-shots-") as tmp:
        store = Path(tmp) / "store"
        kg("build", str(args.articles), "--store", str(store), "--quiet")
        with chromium(viewport=(1280, 760)) as context:
            for name, (options, hover) in VIEWS.items():
                page_file = Path(tmp) / (Path(name).stem + ".html")
                kg("view", "--store", str(store), "--out", str(page_file), "--title", "Sample articles", *options)
                shoot(context, page_file, args.out / name, hover)
                print(args.out / name)
            if args.corpus_store:
                page_file = Path(tmp) / "view-corpus.html"
                kg("view", "--store", str(args.corpus_store), "--out", str(page_file), "--title", "Corpus")
                shoot(context, page_file, args.out / "view-corpus.png", None)
                print(args.out / "view-corpus.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
