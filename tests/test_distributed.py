"""kg.distributed: a build on a Dask LocalCluster of 2 worker processes equals a local build."""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import run_kg
from faults import LOG_EVERY_8, PoisonPlugin, finish, graphs, poll, start_kg, wait_for
from kg import distributed
from kg.build import build
from kg.store import Store

ARTICLES = Path(__file__).parent / "data" / "articles"


def _nquads(store: Store) -> set[str]:
    return {line for line in store.to_nquads().decode("utf-8").splitlines() if line.strip()}


@pytest.fixture(scope="module")
def client():
    """A LocalCluster of two worker processes (one thread each) and a client for it."""
    import dask

    # one worker death is forgiven (its tasks go to another worker), the second is not (KilledWorker)
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
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
    with pytest.raises(distributed.ClusterError, match=r"^\[E511\] cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        distributed.connect("tcp://127.0.0.1:9")


# -- faults (issue 14) -----------------------------------------------------------------------------


def _executing(dask_worker) -> list[str]:
    """The keys of the tasks a worker is running now (runs on the worker)."""
    return [str(ts.key) for ts in dask_worker.state.executing]


@pytest.mark.slow
def test_a_worker_killed_while_it_builds_articles_changes_nothing(client, generated, tmp_path):
    """One of the two workers is killed (SIGKILL) while it runs a batch: Dask gives the batch to
    the other worker (and the nanny starts a new one); every article is built once, as locally."""
    import os
    import signal

    articles, reference, _ = generated
    store = tmp_path / "store"
    proc = start_kg("build", str(articles), "--store", str(store), "--scheduler", client.scheduler.address)
    try:
        def busy_worker():
            return next((w for w, keys in client.run(_executing).items()
                         if any("process_batch" in k for k in keys)), None)

        victim = poll(busy_worker, timeout=300, what="a worker running a batch")
        pid = client.run(os.getpid, workers=[victim])[victim]
        os.kill(pid, signal.SIGKILL)
        code, err = finish(proc)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert code == 0 and "built 20, unchanged 0, failed 0" in err and "Traceback" not in err, err
    assert graphs(store) == reference


@pytest.mark.slow
def test_an_article_that_kills_every_worker_is_named_and_the_rest_built(generated, tmp_path):
    """An article whose processing kills its worker each time (a native crash, the OOM killer):
    after Dask gives up on its batch (KilledWorker), kg sends that batch's articles one by one,
    names the one that kills its worker, and builds the others.

    The workers here are plain processes that a keeper replaces as soon as one dies: a nanny whose
    new worker is killed while it starts (the poisoned task waits for the first worker to register)
    gives up for good, which would leave the cluster without workers (see the test below)."""
    articles, reference, _ = generated
    poison = articles / "gen-05.txt"
    first_paragraph = poison.read_text(encoding="utf-8").split("\n\n")[2][:120]     # names, roles, city
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    # one worker death is forgiven (its tasks go to another worker), the second is not (KilledWorker)
    scheduler = _start_scheduler(port, {"DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": "1"})
    try:
        with _kept_workers(address, 2):
            client = distributed.connect(address)
            try:
                poll(lambda: len(client.nthreads()) == 2, timeout=120, what="two workers")
                client.register_plugin(PoisonPlugin(first_paragraph))
                store = tmp_path / "store"
                p = run_kg("build", str(articles), "--store", str(store), "--scheduler", address, "-q")
            finally:
                distributed.close(client)
    finally:
        scheduler.terminate()
        scheduler.wait(timeout=60)
    assert p.returncode == 1 and "Traceback" not in p.stderr, p.stderr
    assert "built 19, unchanged 0, failed 1" in p.stderr
    (line,) = [ln for ln in p.stderr.splitlines() if "gen-05" in ln]
    assert line == (f"kg: skipped [E513] {poison}: the Dask worker building it died each time it was tried (killed, "
                    "out of memory or crashed; see the workers' logs); the article was left out — run the same "
                    "command again to retry it")
    expected = {g: t for g, t in reference.items() if not g.endswith("/gen-05")}
    assert graphs(store) == expected


def test_a_cluster_left_without_workers_stops_the_build_with_a_clear_error(tmp_path, monkeypatch):
    """Dask keeps a task waiting for a worker forever; kg stops once the cluster has had none for
    NO_WORKERS_TIMEOUT seconds, and the store keeps what was written (here: nothing)."""
    from distributed import Client, LocalCluster

    monkeypatch.setattr(distributed, "NO_WORKERS_TIMEOUT", 1.0)
    monkeypatch.setattr(distributed, "_LOOK_EVERY", 0.1)
    with LocalCluster(n_workers=0, processes=False, dashboard_address=None) as cluster, Client(cluster) as client:
        with Store.open(tmp_path / "store") as store:
            with pytest.raises(distributed.ClusterError) as err:
                build([ARTICLES], store, executor=distributed.dask_executor(client, cluster.scheduler_address))
            assert err.value.code == "E515" and cluster.scheduler_address in str(err.value)
            assert store.articles() == []


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _dask_cli() -> str:
    import shutil
    import sys

    return shutil.which("dask", path=str(Path(sys.executable).parent)) or "dask"


def _start_scheduler(port: int, env: dict[str, str] | None = None):
    """A Dask scheduler on `port`, as a separate process (`dask scheduler`)."""
    import os
    import subprocess

    return subprocess.Popen([_dask_cli(), "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, **(env or {})})


def _start_worker(address: str, *, nanny: bool = True):
    """A Dask worker (one thread) for the scheduler at `address`, as a separate process (`dask worker`);
    it can unpickle what the tests send it (worker plugins of tests/faults.py)."""
    import os
    import subprocess

    path = os.pathsep.join(filter(None, [str(Path(__file__).parent), os.environ.get("PYTHONPATH")]))
    return subprocess.Popen([_dask_cli(), "worker", address, "--nthreads", "1", "--no-dashboard",
                             *([] if nanny else ["--no-nanny"])], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "PYTHONPATH": path})


@contextmanager
def _kept_workers(address: str, n: int):
    """`n` worker processes (no nanny) for `address`, each replaced by a keeper thread as soon as it dies."""
    import threading

    workers = [_start_worker(address, nanny=False) for _ in range(n)]
    stop = threading.Event()

    def keep() -> None:
        while not stop.wait(0.1):
            for i, w in enumerate(workers):
                if w.poll() is not None:
                    workers[i] = _start_worker(address, nanny=False)

    keeper = threading.Thread(target=keep, daemon=True)
    keeper.start()
    try:
        yield workers
    finally:
        stop.set()
        keeper.join()
        for w in workers:
            w.terminate()
            w.wait(timeout=60)


def _start_cluster(port: int) -> list:
    """A Dask scheduler on `port` and one worker (one thread), as separate processes (`dask` CLI)."""
    address = f"tcp://127.0.0.1:{port}"
    scheduler = _start_scheduler(port)
    worker = _start_worker(address)

    def ready() -> bool:
        try:
            c = distributed.connect(address)
        except distributed.ClusterError:
            return False
        try:
            return len(c.nthreads()) == 1
        finally:
            distributed.close(c)

    poll(ready, timeout=120, what="the scheduler and its worker")
    return [scheduler, worker]


@pytest.mark.slow
def test_the_scheduler_gone_mid_build_is_a_clear_error_and_a_rerun_finishes(generated, tmp_path, monkeypatch):
    import signal

    articles, reference, _ = generated
    monkeypatch.setattr(distributed, "CONNECT_TIMEOUT", 3)
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    store = tmp_path / "store"
    processes = _start_cluster(port)
    try:
        proc = start_kg("build", str(articles), "--store", str(store), "--scheduler", address, "-j", "1", *LOG_EVERY_8)
        seen = wait_for(proc, b"[8/20]")
        processes[0].send_signal(signal.SIGKILL)                 # the scheduler dies
        code, err = finish(proc, seen)
        assert code == 1 and "Traceback" not in err, err
        assert f"kg: error: [E512] lost the Dask scheduler at {address} during the build (" in err
        kept = len(graphs(store))
        assert 8 <= kept < 20 and f"kg: the store keeps the {kept} article(s) this build wrote, each whole" in err
        for g, triples in graphs(store).items():
            assert triples == reference[g]
        for p in processes:
            p.kill()
            p.wait()
        processes = _start_cluster(port)                         # back, on the same address
        p = run_kg("build", str(articles), "--store", str(store), "--scheduler", address, "-q")
        assert p.returncode == 0 and f"built {20 - kept}, unchanged {kept}, failed 0" in p.stderr, p.stderr
        assert graphs(store) == reference
    finally:
        for p in processes:
            p.terminate()
            p.wait(timeout=60)
