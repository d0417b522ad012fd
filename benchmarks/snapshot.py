"""Snapshot of what extraction + mapping make of a corpus: one sorted N-Triples file per article.

Used to prove a refactoring leaves the graph unchanged (snapshot before, snapshot after,
`--compare`), and to iterate on extraction rules without parsing again: spaCy's Docs are cached
(DocBin, keyed by the text's hash and the model) in --cache, so a second snapshot of the 585
corpus articles takes seconds of extraction instead of a minute of parsing.

    python benchmarks/snapshot.py ../shared/corpus --out /tmp/snap-before
    # ... change the code ...
    python benchmarks/snapshot.py ../shared/corpus --out /tmp/snap-after --compare /tmp/snap-before
"""
from __future__ import annotations

import argparse
import difflib
import hashlib
import os
import sys
import time
from pathlib import Path


def _cache_key(text: str) -> str:
    from kg.nlp import MODEL

    return hashlib.sha256(f"{MODEL}\x1f{text}".encode("utf-8", "surrogatepass")).hexdigest()[:24]


def parsed_docs(articles: list, cache: Path, jobs: int = 1) -> list:
    """The spaCy Doc of each article, from the cache where it is, else parsed and cached."""
    from spacy.tokens import DocBin

    from kg.nlp import load_model, parse_many

    nlp = load_model()
    cache.mkdir(parents=True, exist_ok=True)
    docs: list = [None] * len(articles)
    todo = []
    for i, art in enumerate(articles):
        f = cache / (_cache_key(art.text) + ".spacy")
        if f.exists():
            docs[i] = next(iter(DocBin().from_disk(f).get_docs(nlp.vocab)))
        else:
            todo.append(i)
    if todo:
        print(f"snapshot: parsing {len(todo)} articles (cached in {cache})", file=sys.stderr)
        for i, doc in zip(todo, parse_many([articles[i].text for i in todo], batch_size=16, n_process=jobs)):
            target = cache / (_cache_key(articles[i].text) + ".spacy")
            tmp = target.with_suffix(f".{os.getpid()}.tmp")
            DocBin(docs=[doc]).to_disk(tmp)
            os.replace(tmp, target)      # atomic: several snapshots may share one cache
            docs[i] = doc
    return docs


def snapshot(paths: list[str], out: Path, cache: Path, jobs: int = 1) -> dict[str, str]:
    """Write `<article id>.nt` per article into `out`; returns id -> N-Triples."""
    from kg.build import article_to_ntriples
    from kg.ingest import iter_articles

    articles = list(iter_articles(paths, on_error=lambda p, e: None))
    docs = parsed_docs(articles, cache, jobs)
    out.mkdir(parents=True, exist_ok=True)
    result = {}
    t0 = time.process_time()
    for art, doc in zip(articles, docs):
        nt = article_to_ntriples(art, doc)
        (out / f"{art.id}.nt").write_text(nt, encoding="utf-8")
        result[art.id] = nt
    print(f"snapshot: {len(articles)} articles extracted and mapped in "
          f"{time.process_time() - t0:.1f} CPU-s -> {out}", file=sys.stderr)
    return result


def compare(a: Path, b: Path, show: int = 20) -> int:
    """Print the articles whose N-Triples differ between two snapshots; returns how many differ."""
    names = sorted({p.name for p in a.glob("*.nt")} | {p.name for p in b.glob("*.nt")})
    differ = 0
    for name in names:
        fa, fb = a / name, b / name
        ta = fa.read_text(encoding="utf-8").splitlines() if fa.exists() else []
        tb = fb.read_text(encoding="utf-8").splitlines() if fb.exists() else []
        if ta == tb:
            continue
        differ += 1
        if differ <= show:
            print(f"== {name}")
            for line in difflib.unified_diff(ta, tb, lineterm="", n=0):
                if not line.startswith(("---", "+++", "@@")):
                    print(line[:300])
    print(f"{differ} of {len(names)} articles differ")
    return differ


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", help="article files or folders")
    ap.add_argument("--out", type=Path, help="folder for the per-article N-Triples")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/kg-doccache"), help="DocBin cache folder")
    ap.add_argument("--jobs", type=int, default=1, help="processes for parsing what is not cached")
    ap.add_argument("--compare", type=Path, help="an earlier snapshot folder to compare --out with")
    ap.add_argument("--show", type=int, default=20, help="articles whose differences are printed")
    a = ap.parse_args()
    if a.paths:
        if not a.out:
            ap.error("--out is needed with article paths")
        snapshot(a.paths, a.out, a.cache, a.jobs)
    if a.compare:
        if not a.out:
            ap.error("--compare needs --out")
        return 1 if compare(a.compare, a.out, a.show) else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
