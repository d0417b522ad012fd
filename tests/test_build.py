"""kg.build: streaming, in-process and pooled builds give the same graph, unchanged articles are skipped."""
from __future__ import annotations

import shutil
from concurrent.futures import Future
from pathlib import Path

import pytest

from kg import build as kb
from kg.build import build, default_jobs, local_executor, ordered
from kg.store import Store

ARTICLES = Path(__file__).parent / "data" / "articles"


def _nquads(store: Store) -> set[str]:
    return {line for line in store.to_nquads().decode("utf-8").splitlines() if line.strip()}


@pytest.fixture(scope="module")
def inline_store(tmp_path_factory) -> Store:
    """The sample articles built in this process (one job)."""
    store = Store.open(tmp_path_factory.mktemp("inline") / "store")
    report = build([ARTICLES], store, n_process=1)
    assert len(report.built) == len(list(ARTICLES.glob("*.txt"))) and not report.failed
    return store


def test_pool_build_equals_inline_build(inline_store, tmp_path):
    # batch_size=1 gives one task per article, so two jobs really start a pool of two processes
    with Store.open(tmp_path / "store") as store:
        report = build([ARTICLES], store, n_process=2, batch_size=1)
        assert len(report.built) == len(inline_store.articles()) and not report.unchanged
        assert _nquads(store) == _nquads(inline_store)
        assert report.triples == len(_nquads(store))


def test_unchanged_articles_are_skipped(inline_store):
    before = _nquads(inline_store)
    report = build([ARTICLES], inline_store)
    assert report.built == [] and len(report.unchanged) == len(list(ARTICLES.glob("*.txt")))
    assert _nquads(inline_store) == before


def test_changed_article_replaces_its_facts(tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(ARTICLES, folder)
    target = sorted(folder.glob("*.txt"))[0]
    with Store.open(tmp_path / "store") as store:
        build([folder], store)
        first = _nquads(store)
        target.write_text(target.read_text(encoding="utf-8") + "\n\nZebulon Quartermaine met Obadiah Fenwick-Smythe "
                          "in Paris on Monday.\n", encoding="utf-8")
        report = build([folder], store)
        assert len(report.built) == 1
        assert len(report.unchanged) == len(list(folder.glob("*.txt"))) - 1
        second = _nquads(store)
        assert second != first
        assert any("Quartermaine" in line for line in second)
        target.write_text(target.read_text(encoding="utf-8").split("\n\nZebulon")[0], encoding="utf-8")
        build([folder], store)
        assert not any("Quartermaine" in line for line in _nquads(store))


def test_progress_counts_every_article(tmp_path):
    calls = []
    with Store.open(tmp_path / "store") as store:
        build([ARTICLES], store, progress=lambda a, d, t: calls.append((a, d, t)))
    n = len(list(ARTICLES.glob("*.txt")))
    assert calls[0] == ("start", 0, n)
    assert [d for _a, d, _t in calls[1:]] == list(range(1, n + 1))


def test_missing_path_is_reported_and_the_rest_built(tmp_path):
    errors = []
    with Store.open(tmp_path / "store") as store:
        report = build([ARTICLES, tmp_path / "nope"], store, on_error=lambda p, m: errors.append(p))
    assert len(report.built) == len(list(ARTICLES.glob("*.txt")))
    assert report.failed and errors == [str(tmp_path / "nope")]


def test_same_id_twice_is_refused(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    src = sorted(ARTICLES.glob("*.txt"))
    shutil.copy(src[0], a / "same.txt")
    shutil.copy(src[1], b / "same.txt")
    with Store.open(tmp_path / "store") as store:
        report = build([a, b], store)
    assert len(report.built) == 1 and len(report.failed) == 1
    assert "another article in this build has the id 'same'" in report.failed[0][1]


def _done(value) -> Future:
    fut: Future = Future()
    fut.set_result(value)
    return fut


def test_ordered_streams_with_a_bounded_window():
    pulled = []

    def batches():
        for i in range(10):
            pulled.append(i)
            yield [i]

    out = ordered(lambda b: _done([(str(b[0]), "", "")]), batches(), window=3)
    first = next(out)
    assert first == [("0", "", "")]
    assert len(pulled) <= 4            # the window plus the one pulled to refill it, not all ten
    assert [r[0][0] for r in out] == [str(i) for i in range(1, 10)]


def test_ordered_cancels_what_is_in_flight_when_stopped():
    cancelled = []

    class Pending:
        def __init__(self, i):
            self.i = i

        def result(self):
            if self.i == 1:
                raise RuntimeError("worker failed")
            return [(str(self.i), "", "")]

    out = ordered(lambda b: Pending(b[0]), ([i] for i in range(10)), window=3, cancel=cancelled.append)
    assert next(out)[0][0] == "0"
    with pytest.raises(RuntimeError, match="worker failed"):
        next(out)
    assert sorted(p.i for p in cancelled) == [2, 3]


def test_small_builds_do_not_start_a_pool(monkeypatch):
    def no_pool(*a, **k):
        raise AssertionError("a pool was started for a single batch")

    monkeypatch.setattr(kb, "_pool", no_pool)
    monkeypatch.setattr(kb, "process_batch", lambda batch, mc: [(a, a, "") for a in batch])
    assert list(local_executor(4)([["x", "y"]], 0.0)) == [[("x", "x", ""), ("y", "y", "")]]


def test_default_jobs_is_the_cores_available():
    import os

    assert default_jobs() == len(os.sched_getaffinity(0))


def test_the_embedded_store_is_flushed_during_long_builds(tmp_path, monkeypatch):
    flushed = []
    monkeypatch.setattr(kb, "FLUSH_EVERY", 1)
    with Store.open(tmp_path / "store") as store:
        monkeypatch.setattr(store, "flush", lambda: flushed.append(store))
        report = build([ARTICLES], store, batch_size=1)
    assert len(flushed) == len(report.built) == len(list(ARTICLES.glob("*.txt")))


def test_flush_works_on_the_embedded_store(inline_store):
    inline_store.flush()               # pyoxigraph's flush: no error, data still there
    assert inline_store.articles()
