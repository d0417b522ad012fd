"""Removing articles from a store: by file, id or IRI (`kg remove`), or those whose files are gone
(`kg build --prune`). The store's resolution is run again afterwards, so what the articles
contributed to merged entities is undone exactly."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from kg.errors import Errors, InputError
from kg.vocab import AKG, KGR


def _sources(store) -> dict[str, str]:
    """article IRI → its akg:sourceFile."""
    rows = store.query(f"SELECT ?a ?f WHERE {{ ?a <{AKG.sourceFile}> ?f }}")
    return {r["a"].value: r["f"].value for r in rows}


def _file_of(source: str) -> str:
    return source.rsplit("#L", 1)[0] if "#L" in source else source


def find_articles(store, specs: Iterable[str]) -> tuple[list[str], list[str]]:
    """The article IRIs named by each spec (a file or folder, an article id, an IRI or kgr:article/…),
    and the specs that name none."""
    from kg.mapping import article_iri

    present = set(store.articles())
    sources = _sources(store)
    found: list[str] = []
    unknown: list[str] = []
    for spec in specs:
        hits: set[str] = set()
        if spec.startswith("kgr:"):
            hits = {str(KGR[spec[4:]])} & present
        elif spec.startswith(("http://", "https://")):
            hits = {spec} & present
        else:
            hits = {str(article_iri(spec))} & present
            target = Path(spec)
            if not hits:
                resolved = target.resolve()
                for iri, src in sources.items():
                    p = Path(_file_of(src)).resolve()
                    if p == resolved or resolved in p.parents:
                        hits.add(iri)
        if hits:
            found.extend(sorted(hits - set(found)))
        else:
            unknown.append(spec)
    return found, unknown


def gone_articles(store) -> list[str]:
    """Articles whose source file no longer exists (paths as given at build time, from here)."""
    return sorted(iri for iri, src in _sources(store).items() if not Path(_file_of(src)).exists())


def remove_articles(store, iris: list[str]):
    """Remove these articles and resolve the store again; the kg.resolve.ResolveReport (or None)."""
    from kg.build import resolve_after_write

    if not iris:
        raise InputError(Errors.E523)
    for iri in iris:
        store.remove_article(iri)
    return resolve_after_write(store, [], changed_iris=iris)
