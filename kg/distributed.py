"""Distributed extraction on a Dask cluster (dask.distributed).

The client (the `kg build` process) reads the articles, skips the unchanged ones and sends the
others in small batches to the cluster's workers; each worker parses, extracts and maps its batch
(kg.build.process_batch) and sends back the N-Triples of each article's named graph, which the
client writes into the store. Workers need the same kg version installed (and its spaCy model).
At most a few batches per worker thread are in flight, so neither side holds the corpus.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from kg.article import Article
from kg.build import TASKS_PER_WORKER, Built, Executor, ordered, process_batch
from kg.errors import KgError

#: the --scheduler value that starts a cluster on this machine instead of connecting to one
LOCAL = "local"
#: seconds to wait for a scheduler to answer
CONNECT_TIMEOUT = 30


class ClusterError(KgError):
    """The Dask cluster could not be reached or failed."""


def connect(address: str, *, jobs: int = 1):
    """A dask.distributed Client for `address` (tcp://HOST:PORT), or a LocalCluster of `jobs` workers for 'local'."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - a dependency of kg
        raise ClusterError("dask.distributed is not installed; `pip install distributed`") from exc
    try:
        if address == LOCAL:
            cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.ERROR)
            return Client(cluster)
        return Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}; start one with "
                           "`dask scheduler` and workers with `dask worker ADDRESS --nthreads 1`, "
                           "or use --scheduler local") from exc


def close(client) -> None:
    """Close a client (and the local cluster it started, if any)."""
    cluster = getattr(client, "cluster", None)
    client.close()
    if cluster is not None:
        cluster.close()


def worker_threads(client) -> int:
    """Worker threads the cluster has now (at least 1)."""
    return max(1, sum(client.nthreads().values()))


def dask_executor(client) -> Executor:
    """An executor for kg.build.build that runs the batches on the cluster behind `client`."""
    def run(batches: Iterable[list[Article]], min_confidence: float) -> Iterator[list[Built]]:
        window = TASKS_PER_WORKER * worker_threads(client)

        def submit(batch: list[Article]):
            return client.submit(process_batch, batch, min_confidence, pure=False, retries=1)

        try:
            yield from ordered(submit, batches, window, cancel=lambda fut: fut.cancel())
        except (OSError, TimeoutError) as exc:
            raise ClusterError(f"the Dask cluster failed during the build: {exc}") from exc
    return run
