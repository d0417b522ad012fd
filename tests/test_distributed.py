"""kg.distributed: a build on a Dask LocalCluster of 2 worker processes equals a local build."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_kg
from kg import distributed
from kg.build import build
from kg.store import Store

ARTICLES = Path(__file__).parent / "data" / "articles"


def _nquads(store: Store) -> set[str]:
    return {line for line in store.to_nquads().decode("utf-8").splitlines() if line.strip()}


@pytest.fixture(scope="module")
def client():
    """A LocalCluster of two worker processes (one thread each) and a client for it."""
    c = distributed.connect(distributed.LOCAL, jobs=2)
    yield c
    distributed.close(c)


@pytest.fixture(scope="module")
def local_store(tmp_path_factory) -> Store:
    store = Store.open(tmp_path_factory.mktemp("local") / "store")
    build([ARTICLES], store)
    return store


def test_the_local_cluster_has_two_worker_processes(client):
    assert len(client.nthreads()) == 2 and distributed.worker_threads(client) == 2
    assert len(set(client.run(lambda: __import__("os").getpid()).values())) == 2


def test_dask_build_equals_local_build(client, local_store, tmp_path):
    with Store.open(tmp_path / "store") as store:
        report = build([ARTICLES], store, executor=distributed.dask_executor(client), batch_size=1)
        assert len(report.built) == len(local_store.articles()) and not report.failed
        assert _nquads(store) == _nquads(local_store)
        again = build([ARTICLES], store, executor=distributed.dask_executor(client))
        assert again.built == [] and len(again.unchanged) == len(report.built)


def test_cli_build_with_a_scheduler_address(client, local_store, tmp_path):
    address = client.scheduler.address
    p = run_kg("build", str(ARTICLES), "--store", str(tmp_path / "store"), "--scheduler", address)
    assert p.returncode == 0, p.stderr
    assert f"built {len(local_store.articles())}," in p.stderr
    with Store.open(tmp_path / "store", read_only=True) as store:
        assert _nquads(store) == _nquads(local_store)


def test_unreachable_scheduler_is_a_user_error(monkeypatch):
    monkeypatch.setattr(distributed, "CONNECT_TIMEOUT", 2)
    with pytest.raises(distributed.ClusterError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        distributed.connect("tcp://127.0.0.1:9")
