"""kg.storelock: one writer at a time, readers wait for the writer to close its database between writes."""
from __future__ import annotations

import threading
import time

import pytest

from kg.errors import StoreError
from kg.store import Store
from kg.storelock import LOCK_FILES, StoreLock

NT1 = "".join(f'<urn:s{i}> <urn:p> "one {i}" .\n' for i in range(50))
NT2 = "".join(f'<urn:s{i}> <urn:p> "two {i}" .\n' for i in range(50))


def test_a_second_writer_is_refused_at_once(tmp_path):
    first, second = StoreLock(tmp_path), StoreLock(tmp_path)
    first.acquire_write()
    start = time.monotonic()
    with pytest.raises(StoreError, match="in use by another kg process"):
        second.acquire_write()
    assert time.monotonic() - start < 1
    first.close()
    second.acquire_write()                 # free again once the first has gone
    second.close()


def test_a_reader_gives_up_with_a_clear_message(tmp_path):
    writer, reader = StoreLock(tmp_path), StoreLock(tmp_path)
    writer.acquire_write()
    with pytest.raises(StoreError, match=r"being written by another kg process .* within 0.3 s"):
        reader.acquire_read(timeout=0.3)
    writer.close()
    reader.acquire_read(timeout=0.3)
    reader.close()


def test_the_writer_lets_a_waiting_reader_in_and_waits_for_it(tmp_path):
    writer, reader = StoreLock(tmp_path), StoreLock(tmp_path)
    writer.acquire_write()
    assert not writer.readers_waiting()
    events = []

    def read():
        reader.acquire_read(timeout=10)
        events.append("reader in")
        time.sleep(0.3)
        events.append("reader out")
        reader.close()

    t = threading.Thread(target=read)
    t.start()
    deadline = time.monotonic() + 10
    while not writer.readers_waiting():
        assert time.monotonic() < deadline
        time.sleep(0.01)
    writer.let_readers_in()
    events.append("writer back")
    t.join()
    assert events == ["reader in", "reader out", "writer back"]
    assert not writer.readers_waiting()
    writer.close()


def test_a_reader_during_a_build_sees_the_last_whole_write(tmp_path):
    path = tmp_path / "store"
    seen = []
    with Store.open(path) as store:
        store.replace_article("urn:g", NT1)

        def read():
            with Store.open(path, read_only=True) as r:
                seen.append(sorted(q.object.value.split()[0] for q in r.quads()))

        t = threading.Thread(target=read)
        t.start()
        deadline = time.monotonic() + 10   # the reader waits: the writer has its database open
        while not store._lock.readers_waiting():
            assert time.monotonic() < deadline, "the reader never started waiting"
            time.sleep(0.01)
        assert not seen
        store.replace_article("urn:g", NT2)    # the writer lets it in first, then writes
        t.join(10)
    assert seen == [["one"] * 50]
    with Store.open(path, read_only=True) as r:
        assert {q.object.value.split()[0] for q in r.quads()} == {"two"}


def test_lock_files_alone_are_not_a_foreign_folder(tmp_path):
    for name in LOCK_FILES:
        (tmp_path / name).touch()
    with pytest.raises(StoreError, match="no store at"):
        Store.open(tmp_path, read_only=True)
    with Store.open(tmp_path) as s:           # a build may create the store here
        s.replace_article("urn:g", NT1)
    with Store.open(tmp_path, read_only=True) as s:
        assert len(s) == 50
