"""The build: articles → NLP → facts → RDF → store, streamed, skipping articles whose content has not changed.

Articles are read one at a time, checked against the store's content hashes, grouped in small
batches and handed to an executor: this process (one job), a local pool of processes (several
jobs) or a Dask cluster (kg.distributed). Each batch comes back as N-Triples per article, which
this process writes into the store. At no point are the corpus, the parsed documents or the whole
graph held in memory: only the batches in flight.
"""
from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.article import Article
from kg.errors import Errors, InputError, SkippedInput

if TYPE_CHECKING:  # pragma: no cover
    from kg.store import GraphStore

#: articles per task sent to a worker (big enough for nlp.pipe, small enough to balance the load)
BATCH_SIZE = 8
#: tasks in flight per worker (keeps the workers busy while this process writes)
TASKS_PER_WORKER = 2
#: articles looked up in the store at once for their content hash
HASH_CHUNK = 64
#: articles written between two flushes of the embedded store (keeps the build's memory flat)
FLUSH_EVERY = 500

@dataclass(frozen=True)
class ArticleFailure:
    """In place of the N-Triples of an article whose NLP or extraction failed (a bug in kg)."""

    source: str                   #: the article's file (path#line for JSON Lines)
    message: str


#: one result: (article id, article IRI, N-Triples — or the failure of that article alone)
Built = tuple[str, str, "str | ArticleFailure"]


@dataclass
class BuildReport:
    """What a build did."""

    built: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)   #: (file, message)
    skipped: list[tuple[str, str]] = field(default_factory=list)  #: left out on purpose (not English, duplicate)
    triples: int = 0
    resolution: Any = None        #: the kg.resolve.ResolveReport of the resolution after the build


def default_jobs() -> int:
    """The number of cores this process may use (the default of `kg build --jobs`)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def article_to_ntriples(article: Article, doc, *, min_confidence: float = 0.0) -> str:
    """Extract and map one parsed article to the N-Triples of its named graph."""
    from kg.extract.pipeline import extract
    from kg.mapping import to_ntriples

    return to_ntriples(extract(article, doc, min_confidence=min_confidence))


def process_batch(articles: list[Article], min_confidence: float = 0.0) -> list[Built]:
    """Parse, extract and map a batch of articles (runs in a worker): (id, IRI, N-Triples) per article."""
    from kg.mapping import article_iri
    from kg.nlp import parse_many

    try:
        docs = list(parse_many([a.text for a in articles], batch_size=max(1, len(articles))))
    except Exception:  # noqa: BLE001 - one bad text must not lose the batch: parse one by one
        docs = [_parse_one(a) for a in articles]
    out: list[Built] = []
    for a, doc in zip(articles, docs):
        iri = str(article_iri(a.id))
        if isinstance(doc, ArticleFailure):
            out.append((a.id, iri, doc))
            continue
        try:
            out.append((a.id, iri, article_to_ntriples(a, doc, min_confidence=min_confidence)))
        except Exception as exc:  # noqa: BLE001 - a bug on one article must not lose the others
            out.append((a.id, iri, _failure(a, "extracting its facts", exc)))
    return out


def _parse_one(article: Article):
    from kg.nlp import parse

    try:
        return parse(article.text)
    except Exception as exc:  # noqa: BLE001
        return _failure(article, "parsing it", exc)


def _failure(article: Article, doing: str, exc: Exception) -> ArticleFailure:
    return ArticleFailure(article.source,
                          f"{article.source}: kg failed while {doing} ({type(exc).__name__}: {exc}); the "
                          "article was left out — this is a bug in kg, please report it with the file")


# -- executors: batches of articles in, results out, in order ----------------------------------


def ordered(submit: Callable[[list[Article]], Any], batches: Iterable[list[Article]], window: int,
            cancel: Callable[[Any], Any] | None = None,
            result: Callable[[Any, list[Article]], list[Built]] | None = None) -> Iterator[list[Built]]:
    """Submit batches with at most `window` in flight; yield their results in submission order.

    `submit` returns a future (concurrent.futures or dask.distributed); the batches are pulled
    from their iterator only when there is room, so reading stays just ahead of the workers.
    `result(future, batch)` waits for a batch's result (default: ``future.result()``).
    """
    pending: deque = deque()
    it = iter(batches)
    try:
        for batch in islice(it, window):
            pending.append((submit(batch), batch))
        while pending:
            fut, batch = pending.popleft()
            done = result(fut, batch) if result is not None else fut.result()
            for batch in islice(it, 1):
                pending.append((submit(batch), batch))
            yield done
    finally:
        for fut, _batch in pending:
            (cancel or (lambda f: f.cancel()))(fut)


def _inline(batches: Iterable[list[Article]], min_confidence: float) -> Iterator[list[Built]]:
    for batch in batches:
        yield process_batch(batch, min_confidence)


def _worker_init() -> None:
    """Pool workers: leave Ctrl-C to the parent (which stops the pool) and load the model up front."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from kg.nlp import load_model

    load_model()


def _pool(batches: Iterable[list[Article]], min_confidence: float, jobs: int) -> Iterator[list[Built]]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # spawn: the workers never inherit this process's open store (and its threads)
    ctx = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_worker_init)
    try:
        yield from ordered(lambda b: pool.submit(process_batch, b, min_confidence), batches,
                           window=jobs * TASKS_PER_WORKER)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


#: an executor: (batches, min_confidence) → results per batch, in order
Executor = Callable[[Iterable[list[Article]], float], Iterator[list[Built]]]


def local_executor(jobs: int) -> Executor:
    """Run in this process (1 job) or in a pool of `jobs` processes; tiny builds stay in this process."""
    def run(batches: Iterable[list[Article]], min_confidence: float) -> Iterator[list[Built]]:
        it = iter(batches)
        head = list(islice(it, jobs)) if jobs > 1 else []
        if jobs <= 1 or len(head) < jobs:   # fewer batches than workers: a pool would only add start-up time
            yield from _inline([*head, *it], min_confidence)
            return
        yield from _pool(_chain(head, it), min_confidence, jobs)
    return run


def _chain(head: list, rest: Iterator) -> Iterator:
    yield from head
    yield from rest


# -- the build ---------------------------------------------------------------------------------


def build(paths: Iterable[str | Path], store: GraphStore, *, min_confidence: float = 0.0, n_process: int = 1,
          progress: Callable[[str, int, int], None] | None = None,
          on_error: Callable[[str, str], None] | None = None,
          executor: Executor | None = None, batch_size: int = BATCH_SIZE,
          max_bytes: int | None = None, max_chars: int | None = None, english_only: bool = True,
          on_skip: Callable[[str, str], None] | None = None, curation=None) -> BuildReport:
    """Build the articles found under `paths` into `store` (any kg.store.GraphStore).

    `n_process` processes parse in parallel (ignored when an `executor`, e.g. a Dask one, is given).
    `progress(article_id, done, total)` is called once with "start" (total = files found) and
    then per article built or unchanged; `total` is an estimate when JSON Lines files are read.
    Files larger than `max_bytes` and texts longer than `max_chars` fail (kg.ingest limits);
    with `english_only` articles not in English are skipped: `on_skip(file, message)`.
    Afterwards the store's entities are resolved across articles (kg.resolve), with `curation`
    (a kg.resolve.curation.Curation) when given.
    """
    from kg.ingest import find_files, iter_articles
    from kg.mapping import article_iri

    paths = list(paths)
    report = BuildReport()
    run = executor or local_executor(n_process)

    def bad(path: Path, exc: InputError) -> None:
        if isinstance(exc, SkippedInput):
            report.skipped.append((str(path), str(exc)))
            if on_skip:
                on_skip(str(path), str(exc))
            return
        report.failed.append((str(path), str(exc)))
        if on_error:
            on_error(str(path), str(exc))

    try:
        total = len(find_files(paths))
    except InputError:
        total = 0   # a missing path: reported by iter_articles below
    done = 0

    def tick(article_id: str) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(article_id, done, max(total, done))

    seen_ids: dict[str, str] = {}

    def fresh(articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            if article.id in seen_ids and seen_ids[article.id] != article.content_hash:
                bad(Path(article.source), InputError(
                    Errors.E500.format(source=article.source, id=article.id)))
                continue
            seen_ids[article.id] = article.content_hash
            yield article

    def changed() -> Iterator[Article]:
        it = fresh(iter_articles(paths, on_error=bad, max_bytes=max_bytes, max_chars=max_chars,
                                 english_only=english_only))
        while chunk := list(islice(it, HASH_CHUNK)):
            known = store.article_hashes([str(article_iri(a.id)) for a in chunk])
            for article in chunk:
                if known.get(str(article_iri(article.id))) == article.content_hash:
                    report.unchanged.append(article.id)
                    tick(article.id)
                else:
                    yield article

    def batches() -> Iterator[list[Article]]:
        it = changed()
        while batch := list(islice(it, batch_size)):
            yield batch

    if progress:
        progress("start", 0, total)
    writing: list[Built] = []
    try:
        for results in run(batches(), min_confidence):
            for _id, _iri, nt in results:
                if isinstance(nt, ArticleFailure):
                    bad(Path(nt.source), InputError(nt.message))
            results = writing = [r for r in results if not isinstance(r[2], ArticleFailure)]
            store.replace_articles([(iri, nt) for _id, iri, nt in results])
            writing = []
            for article_id, _iri, nt in results:
                report.built.append(article_id)
                report.triples += nt.count("\n")
                tick(article_id)
            if len(report.built) // FLUSH_EVERY != (len(report.built) - len(results)) // FLUSH_EVERY:
                store.flush()
    except BaseException as exc:        # an error, Ctrl-C, SIGTERM: say what the store keeps
        exc.add_note(stopped_note(report, _landed(store, writing, seen_ids)))
        raise
    try:
        report.resolution = resolve_after_write(store, report.built, curation=curation)
    except BaseException as exc:
        exc.add_note(f"the {len(report.built)} article(s) this build wrote are whole in the store, but resolving "
                     "entities across articles did not finish: the next `kg build` or `kg resolve` finishes it "
                     "(until then results may show an entity under more than one IRI)")
        raise
    return report


def _landed(store: GraphStore, writing: list[Built], hashes: dict[str, str]) -> int | None:
    """How many of the articles being written when the build stopped are in the store, whole (their
    content hash is written with them, or last); None when the store cannot tell."""
    if not writing:
        return 0
    if getattr(store, "gone", False):   # a SPARQL server that stopped answering: no use asking it
        return None
    try:
        held = store.article_hashes([iri for _id, iri, _nt in writing])
    except Exception:  # noqa: BLE001 - the store is gone (a server stopped): we cannot tell
        return None
    return sum(1 for article_id, iri, _nt in writing if held.get(iri) == hashes.get(article_id))


def stopped_note(report: BuildReport, landed: int | None = 0) -> str:
    """What a build stopped half-way leaves: the articles written, each whole, and how to finish."""
    written = f"{len(report.built) + (landed or 0)} article(s)"
    if landed is None:
        written = f"{len(report.built)} article(s) (and perhaps some of the next batch)"
    return (f"the store keeps the {written} this build wrote, each whole (and {len(report.unchanged)} "
            "unchanged); run the same command again to build the rest: what is in the store already is "
            "skipped")


def resolve_after_write(store, changed: list[str], *, curation=None, changed_iris: list[str] = ()):
    """Resolve entities across the store's articles when the store can (the embedded store) and
    something changed (`changed` article ids, `changed_iris`); None otherwise (a SPARQL endpoint
    keeps the plain union of its graphs)."""
    from kg.mapping import article_iri
    from kg.resolve import needs_resolution

    iris = [str(article_iri(a)) for a in changed] + list(changed_iris)
    if not store.resolves or not (iris or curation is not None or needs_resolution(store)):
        return None
    return store.resolve(iris, curation=curation)
