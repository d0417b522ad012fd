"""The build: articles → NLP → facts → RDF → store, skipping articles whose content has not changed."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.article import Article
from kg.errors import InputError


@dataclass
class BuildReport:
    """What a build did."""

    built: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)   #: (file, message)
    triples: int = 0


def article_to_ntriples(article: Article, doc, *, min_confidence: float = 0.0) -> str:
    """Extract and map one parsed article to the N-Triples of its named graph."""
    from kg.extract.pipeline import extract
    from kg.mapping import to_ntriples

    return to_ntriples(extract(article, doc, min_confidence=min_confidence))


def build(paths: Iterable[str | Path], store, *, min_confidence: float = 0.0, n_process: int = 1,
          progress: Callable[[str, int, int], None] | None = None,
          on_error: Callable[[str, str], None] | None = None) -> BuildReport:
    """Build the articles found under `paths` into `store` (a kg.store.Store)."""
    from kg.ingest import iter_articles
    from kg.mapping import article_iri
    from kg.nlp import parse_many

    report = BuildReport()

    def bad(path: Path, exc: InputError) -> None:
        report.failed.append((str(path), str(exc)))
        if on_error:
            on_error(str(path), str(exc))

    todo: list[Article] = []
    seen_ids: dict[str, str] = {}
    for article in iter_articles(paths, on_error=bad):
        if article.id in seen_ids and seen_ids[article.id] != article.content_hash:
            bad(Path(article.source), InputError(
                f"{article.source}: another article in this build has the id '{article.id}'; "
                "rename one of the files"))
            continue
        seen_ids[article.id] = article.content_hash
        if store.article_hash(str(article_iri(article.id))) == article.content_hash:
            report.unchanged.append(article.id)
            continue
        todo.append(article)
    total = len(todo)
    if progress:
        progress("start", 0, total)
    docs = parse_many((a.text for a in todo), n_process=n_process)
    for i, (article, doc) in enumerate(zip(todo, docs), start=1):
        nt = article_to_ntriples(article, doc, min_confidence=min_confidence)
        store.replace_article(str(article_iri(article.id)), nt)
        report.built.append(article.id)
        report.triples += nt.count("\n")
        if progress:
            progress(article.id, i, total)
    return report
