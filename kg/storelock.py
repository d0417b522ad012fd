"""Readers and the writer of an on-disk store take turns (advisory file locks in the store folder).

Oxigraph (RocksDB) lets one process write a store; opening it read-only while that process has
it open is undefined behaviour (readers fail with "Corruption" errors or miss files the writer
compacts away). So the writer keeps its database open only while no reader wants in:

* ``.kg-lock`` — the writer holds it exclusively while its database is open; each reader holds it
  shared while its read-only database is open.
* ``.kg-lock-wait`` — a reader holds it shared while it waits for ``.kg-lock``. Between two
  article writes the writer checks it; when a reader waits, the writer closes its database,
  lets the waiting readers open theirs, and opens it again once they are done.
* ``.kg-lock-writer`` — held exclusively by the writer for its whole life: a second writer is
  refused at once instead of waiting.

Every write (one article) is one transaction, so a reader sees each article as it was before or
after a write, never half of it. The locks are released by the operating system when a process
dies (``kill -9``). Where ``fcntl`` is missing (Windows) nothing is locked.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

from kg.errors import Errors, StoreError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOCK = ".kg-lock"
WAIT = ".kg-lock-wait"
WRITER = ".kg-lock-writer"
#: the lock files (not part of the database)
LOCK_FILES = frozenset({LOCK, WAIT, WRITER})
#: seconds a reader waits for the writer to let it in
READER_WAIT = 120.0
_POLL = 0.05


class StoreLock:
    """The locks of one store folder, held by one Store object."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._fds: dict[str, int] = {}
        self.mode: str | None = None          #: "read" or "write" while held

    def _fd(self, name: str) -> int | None:
        if name not in self._fds:
            file = self.path / name
            try:
                self._fds[name] = os.open(file, os.O_RDWR | os.O_CREAT, 0o666)
            except OSError:
                try:                            # a store on read-only media: lock what exists
                    self._fds[name] = os.open(file, os.O_RDONLY)
                except OSError:
                    return None
        return self._fds[name]

    @staticmethod
    def _try(fd: int | None, how: int) -> bool:
        if fd is None or fcntl is None:
            return True
        try:
            fcntl.flock(fd, how | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    @staticmethod
    def _wait(fd: int | None, how: int) -> None:
        if fd is not None and fcntl is not None:
            fcntl.flock(fd, how)

    @staticmethod
    def _unlock(fd: int | None) -> None:
        if fd is not None and fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_UN)

    # -- readers -----------------------------------------------------------------------------

    def acquire_read(self, timeout: float = READER_WAIT) -> None:
        """Wait (at most `timeout` s) until no writer has the database open, then hold it shared."""
        if fcntl is None:
            return
        lock, wait = self._fd(LOCK), self._fd(WAIT)
        if self._try(lock, fcntl.LOCK_SH):
            self.mode = "read"
            return
        self._wait(wait, fcntl.LOCK_SH)           # tells the writer that a reader waits
        try:
            deadline = time.monotonic() + timeout
            while not self._try(lock, fcntl.LOCK_SH):
                if time.monotonic() > deadline:
                    raise StoreError(Errors.E140.format(path=self.path, timeout=timeout))
                time.sleep(_POLL)
        finally:
            self._unlock(wait)
        self.mode = "read"

    # -- the writer --------------------------------------------------------------------------

    def acquire_write(self) -> None:
        """Become the store's only writer (fail at once if there is one), after the readers are done."""
        if fcntl is None:
            return
        if not self._try(self._fd(WRITER), fcntl.LOCK_EX):
            self.close()
            raise StoreError(Errors.E141.format(path=self.path))
        self._wait(self._fd(LOCK), fcntl.LOCK_EX)     # waits for running queries to finish
        self.mode = "write"

    def readers_waiting(self) -> bool:
        """Is a reader waiting for the writer to close its database?"""
        if fcntl is None or self.mode != "write":
            return False
        wait = self._fd(WAIT)
        if self._try(wait, fcntl.LOCK_EX):
            self._unlock(wait)
            return False
        return True

    def let_readers_in(self) -> None:
        """Writer, database closed: let the waiting readers open theirs, then wait until they are done."""
        if fcntl is None:
            return
        lock, wait = self._fd(LOCK), self._fd(WAIT)
        self._unlock(lock)
        self._wait(wait, fcntl.LOCK_EX)            # the waiting readers have taken their shared lock
        self._unlock(wait)
        self._wait(lock, fcntl.LOCK_EX)            # … and are done

    def close(self) -> None:
        """Release every lock."""
        for fd in self._fds.values():
            try:
                os.close(fd)                       # closing the descriptor releases its flock
            except OSError:
                pass
        self._fds.clear()
        self.mode = None


def _held(path: Path, name: str, how: int) -> bool:
    """Does another process hold lock file `name` of the store at `path` so that `how` would wait?"""
    if fcntl is None:
        return False
    try:
        fd = os.open(Path(path) / name, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, how | fcntl.LOCK_NB)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(fd)                               # also releases the lock if it was taken


def writer_present(path: Path) -> bool:
    """Is a writer (kg build) working on the store at `path`? Long-lived readers (kg serve) then
    close their database between requests, so the writer can get in."""
    return _held(path, WRITER, fcntl.LOCK_SH if fcntl else 0)


def writer_has_database(path: Path) -> bool:
    """Does a writer hold the store's database open now (a reader must wait for its next article)?"""
    return _held(path, LOCK, fcntl.LOCK_SH if fcntl else 0)
