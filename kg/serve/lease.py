"""Read-only access to an on-disk store for a long-running server, taking turns with `kg build`.

`kg query` opens the store read-only, runs one query and closes it (kg/storelock.py). A server
answers many requests, so opening the store for each would cost more than most queries; the
lease keeps it open between requests, but only while no writer is at work: as soon as `kg build`
starts, the store is closed once the queries running on it have finished, and each later batch of
requests opens it again through the readers' door of kg/storelock.py (after the writer's next
article). So readers always see whole articles, and the writer is never starved.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kg.storelock import LOCK_FILES, writer_has_database, writer_present

#: how often the idle store is checked for a writer that wants in (seconds)
WATCH_INTERVAL = 0.1
#: after closing for a writer, how long to let it take the database before opening again
WRITER_GRACE = 0.5


def _open_read_only(path: Path) -> Any:
    from kg.store import open_store

    return open_store(Path(path), read_only=True)


def data_version(path: Path) -> tuple:
    """A cheap fingerprint of the store's files: changes whenever a writer has written."""
    try:
        return tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size)
                            for p in Path(path).iterdir() if p.name not in LOCK_FILES))
    except OSError:
        return ()


class StoreLease:
    """Hands out the read-only store to concurrent requests; see the module docstring."""

    def __init__(self, path: str | Path, *, opener: Callable[[Path], Any] = _open_read_only) -> None:
        self.path = Path(path)
        self._opener = opener
        self._cond = threading.Condition()
        self._store: Any = None
        self._users = 0
        self._opening = False
        self._draining = False          #: a writer waits: nobody new joins the open store
        self._closed = False
        self.version: tuple = ()        #: data_version() when the store was last opened
        self._watcher = threading.Thread(target=self._watch, name="kg-lease-watch", daemon=True)
        self._watcher.start()

    @contextmanager
    def reading(self) -> Iterator[Any]:
        """The open store, for one request (released when the block ends)."""
        store = self._acquire()
        try:
            yield store
        finally:
            self._release()

    def _acquire(self) -> Any:
        with self._cond:
            while True:
                if self._closed:
                    raise RuntimeError("the server is shutting down")
                if self._store is not None and not self._draining:
                    if not writer_present(self.path):
                        self._users += 1
                        return self._store
                    self._draining = True
                    self._close_if_idle()
                elif self._store is None and not self._opening:
                    self._opening = True
                    break
                self._cond.wait(WATCH_INTERVAL)
        try:
            self._give_writer_its_turn()
            store = self._opener(self.path)
        except BaseException:
            with self._cond:
                self._opening = False
                self._cond.notify_all()
            raise
        with self._cond:
            self._opening = False
            self._store, self._draining = store, False
            self.version = data_version(self.path)
            self._users += 1
            self._cond.notify_all()
            return store

    def _give_writer_its_turn(self) -> None:
        """A writer that has just started (or that readers just let go) gets the database first."""
        deadline = time.monotonic() + WRITER_GRACE
        while writer_present(self.path) and not writer_has_database(self.path) and time.monotonic() < deadline:
            time.sleep(0.02)

    def _release(self) -> None:
        with self._cond:
            self._users -= 1
            if self._draining:
                self._close_if_idle()
            self._cond.notify_all()

    def _close_if_idle(self) -> None:
        """(Condition held.) Close the store when no request uses it."""
        if self._store is not None and self._users == 0:
            store, self._store = self._store, None
            store.close()
            self._cond.notify_all()

    def _watch(self) -> None:
        """Close the store when a writer appears (at once if idle, else after the running queries)."""
        while True:
            with self._cond:
                if self._closed:
                    return
                if self._store is not None and not self._draining and writer_present(self.path):
                    self._draining = True
                    self._close_if_idle()
                self._cond.wait(WATCH_INTERVAL)

    def close(self) -> None:
        """Close the store (waiting for running requests) and stop the watcher."""
        with self._cond:
            self._closed = True
            self._draining = True
            deadline = time.monotonic() + 5.0
            while self._users and time.monotonic() < deadline:
                self._cond.wait(0.1)
            if self._store is not None and self._users == 0:
                self._store.close()
                self._store = None
            self._cond.notify_all()
