"""Distributed extraction on a Dask cluster (dask.distributed).

The client (the `kg build` process) reads the articles, skips the unchanged ones and sends the
others in small batches to the cluster's workers; each worker parses, extracts and maps its batch
(kg.build.process_batch) and sends back the N-Triples of each article's named graph, which the
client writes into the store. Workers need the same kg version installed (and its spaCy model).
At most a few batches per worker thread are in flight, so neither side holds the corpus.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import CancelledError

from kg.article import Article
from kg.build import TASKS_PER_WORKER, ArticleFailure, Built, Executor, ordered, process_batch
from kg.errors import Errors, KgError

#: the --scheduler value that starts a cluster on this machine instead of connecting to one
LOCAL = "local"
#: seconds to wait for a scheduler to answer
CONNECT_TIMEOUT = 30
#: seconds a build waits while the cluster has no worker at all (all died, none restarted) before it stops
NO_WORKERS_TIMEOUT = 120.0
#: seconds between two looks at the cluster while a batch is waited for
_LOOK_EVERY = 0.5


class ClusterError(KgError):
    """The Dask cluster could not be reached or failed."""


def connect(address: str, *, jobs: int = 1):
    """A dask.distributed Client for `address` (tcp://HOST:PORT), or a LocalCluster of `jobs` workers for 'local'."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - a dependency of kg
        raise ClusterError(Errors.E510) from exc
    # kg reports what goes wrong (kg.build names failed articles; ClusterError a lost scheduler): the
    # client's own log records, tracebacks of its reconnection attempts included, would only repeat it
    for name in ["distributed", *logging.root.manager.loggerDict]:
        if name.startswith("distributed"):
            logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        if address == LOCAL:
            cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.ERROR)
            return Client(cluster)
        return Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as exc:
        raise ClusterError(Errors.E511.format(address=address, error=exc)) from exc


def close(client) -> None:
    """Close a client (and the local cluster it started, if any); a scheduler already gone is no error."""
    cluster = getattr(client, "cluster", None)
    try:
        client.close()
        if cluster is not None:
            cluster.close()
    except (OSError, TimeoutError, CancelledError, RuntimeError):
        pass


def worker_threads(client) -> int:
    """Worker threads the cluster has now (at least 1)."""
    return max(1, sum(client.nthreads().values()))


def lost(address: str, exc: BaseException) -> ClusterError:
    """The error for a scheduler that went away (or stopped answering) during a build."""
    if isinstance(exc, CancelledError):
        reason = "the connection to it was lost"
    else:
        reason = " ".join(str(exc).split())[:200] or type(exc).__name__
    return ClusterError(Errors.E512.format(address=address, reason=reason))


def dask_executor(client, address: str | None = None) -> Executor:
    """An executor for kg.build.build that runs the batches on the cluster behind `client`.

    A batch whose worker died (Dask reschedules it up to its `allowed-failures`, then gives up with
    KilledWorker) is sent again one article per task, so a single article that kills its worker
    is named as failed (kg.build.ArticleFailure) and the others are built. A scheduler that goes
    away stops the build with ClusterError.
    """
    where = address or getattr(getattr(client, "scheduler", None), "address", None) or "the scheduler"

    def run(batches: Iterable[list[Article]], min_confidence: float) -> Iterator[list[Built]]:
        window = TASKS_PER_WORKER * worker_threads(client)

        def submit(batch: list[Article]):
            return client.submit(process_batch, batch, min_confidence, pure=False, retries=1)

        def get(fut) -> list[Built]:
            """A task's result; a lost scheduler or a cluster without workers stops the build (ClusterError)."""
            try:
                return _result(client, fut, where)
            except (CancelledError, OSError, TimeoutError) as exc:
                raise lost(where, exc) from None

        def wait(fut, batch: list[Article]) -> list[Built]:
            try:
                return get(fut)
            except ClusterError:
                raise
            except Exception:  # noqa: BLE001 - KilledWorker, or the batch's task failed: one by one
                return one_by_one(batch)

        def alone(article: Article, fut=None) -> list[Built]:
            fut = fut or client.submit(process_batch, [article], min_confidence, pure=False)
            try:
                return get(fut)
            except ClusterError:
                raise
            except Exception as exc:  # noqa: BLE001 - this article alone fails
                return [_worker_failure(article, exc)]

        def one_by_one(batch: list[Article]) -> list[Built]:
            futures = [client.submit(process_batch, [a], min_confidence, pure=False) for a in batch]
            out = [alone(article, fut) for article, fut in zip(batch, futures)]
            # a worker that died killed every article it held: those tried beside others are
            # tried once more, each alone, so only the article that kills its worker is named
            return [built for article, results in zip(batch, out)
                    for built in (alone(article) if _died(results) else results)]

        yield from ordered(submit, batches, window, cancel=lambda fut: fut.cancel(), result=wait)
    return run


def _result(client, fut, where: str):
    """The result of a task's future; ClusterError (E515) once the cluster has had no worker for
    NO_WORKERS_TIMEOUT seconds (Dask would keep the task waiting for a worker forever)."""
    from distributed import wait

    idle_since: float | None = None
    while not fut.done():
        try:
            wait(fut, timeout=_LOOK_EVERY)
        except TimeoutError:
            pass
        if fut.done() or client.status != "running":     # a lost scheduler ends in the future's own error
            continue
        if client.nthreads():
            idle_since = None
        elif idle_since is None:
            idle_since = time.monotonic()
        elif time.monotonic() - idle_since >= NO_WORKERS_TIMEOUT:
            raise ClusterError(Errors.E515.format(address=where, seconds=NO_WORKERS_TIMEOUT))
    return fut.result()


def _died(results: list[Built]) -> bool:
    """Whether an article's results are the failure of a worker that died (E513)."""
    return any(isinstance(r[2], ArticleFailure) and r[2].message.startswith("[E513]") for r in results)


def _worker_failure(article: Article, exc: BaseException) -> Built:
    from distributed import KilledWorker

    from kg.mapping import article_iri

    if isinstance(exc, KilledWorker):
        message = Errors.E513.format(source=article.source)
    else:
        message = Errors.E514.format(source=article.source, kind=type(exc).__name__,
                                     error=" ".join(str(exc).split())[:200])
    return article.id, str(article_iri(article.id)), ArticleFailure(article.source, message)
