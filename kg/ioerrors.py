"""I/O faults in words a user can act on: a full disk, a file size limit, a quota, a damaged store.

The storage engine (RocksDB, under Oxigraph) reports its faults as ``OSError``/``RuntimeError``
with the reason in the message (``IO error: No space left on device: While appending to file:
…/000008.log``, ``Corruption: block checksum mismatch …``); `fault_kind` tells them apart,
`store_fault` and `output_fault` turn them into the named errors of kg.errors with what to do.
"""
from __future__ import annotations

import errno
import os
import re
from pathlib import Path

from kg.errors import DiskFull, Errors, KgError, StoreDamaged, StoreError

#: fault kind → (errno values, words the engine's message may hold instead)
_KINDS = {
    "full": ({errno.ENOSPC}, ("no space left on device",)),
    "file-size": ({errno.EFBIG}, ("file too large",)),
    "quota": ({errno.EDQUOT}, ("disk quota exceeded",)),
    "damaged": (set(), ("corruption", "corrupted", "checksum mismatch", "bad table magic number",
                        "bad magic number")),
    "missing": ({errno.ENOENT}, ("no such file or directory",)),
    "locked": (set(), ("lock hold by current process", "while lock file", "resource temporarily unavailable")),
}


def human_size(n: float) -> str:
    """A size for people: '2.0 GiB', '50.0 MiB', '1.5 KiB', '512 bytes'."""
    for unit, scale in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{int(n)} bytes"


def fault_kind(exc: BaseException) -> str | None:
    """'full', 'file-size', 'quota', 'damaged', 'missing' (a file of the store is gone), 'locked', or None."""
    code = getattr(exc, "errno", None)
    text = str(exc).lower()
    for kind, (codes, words) in _KINDS.items():
        if code in codes or any(w in text for w in words):
            return kind
    return None


def _existing(path: Path) -> Path:
    path = Path(path).absolute()
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def space(path: str | Path) -> str:
    """'120.0 KiB free of 3.0 MiB on /mnt/data': the file system that holds `path`."""
    where = _existing(Path(path))
    try:
        st = os.statvfs(where)
    except OSError:
        return "free space unknown"
    mount = where
    while not os.path.ismount(mount) and mount != mount.parent:
        mount = mount.parent
    return f"{human_size(st.f_bavail * st.f_frsize)} free of {human_size(st.f_blocks * st.f_frsize)} on {mount}"


def _file_size_limit() -> str:
    try:
        import resource

        soft, _hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    except (ImportError, OSError, ValueError):  # pragma: no cover - not on Linux
        return "the limit"
    return "unlimited" if soft == resource.RLIM_INFINITY else human_size(soft)


def _detail(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= 240 else text[:237] + "…"


def no_room(kind: str, where: str | Path, what: str) -> str:
    """Why `what` (e.g. 'the store at X') could not be written, and what to free: for a fault of `kind`."""
    if kind == "file-size":
        return (f"a file of {what} reached this process's file size limit ({_file_size_limit()}, `ulimit -f`): "
                "raise it (`ulimit -f unlimited`)")
    if kind == "quota":
        return f"the disk quota for {what} is used up: delete files you own on that disk, or ask for more quota"
    return (f"the disk holding {what} is full ({space(where)}): free space there (delete files you do not "
            "need, e.g. old stores or exports), or choose a place on another disk")


def store_fault(exc: BaseException, path: str | Path | None) -> KgError | None:
    """The kg error for an engine fault on the store at `path`, or None when `exc` is not a known fault."""
    kind = fault_kind(exc)
    where = path if path is not None else "."
    store = f"the store at {path}" if path is not None else "the store"
    if kind in ("full", "file-size", "quota"):
        return DiskFull(Errors.E118.format(store=store, reason=no_room(kind, where, store)))
    if kind in ("damaged", "missing"):
        return damaged(path, _detail(exc))
    if kind == "locked":
        return StoreError(Errors.E141.format(path=where))
    return None


def damaged(path: str | Path | None, detail: str) -> StoreDamaged:
    """The error for a store whose files are damaged: what is wrong and how to rebuild it."""
    store = path if path is not None else "kg-store"
    return StoreDamaged(Errors.E119.format(path=store, detail=detail))


def output_fault(exc: OSError, out: str | Path | None) -> KgError:
    """The kg error for a failed write of an output file (`out`; None for standard output)."""
    kind = fault_kind(exc)
    target = str(out) if out is not None else "standard output"
    if kind in ("full", "file-size", "quota"):
        reason = no_room(kind, out if out is not None else ".", target)
    else:
        reason = exc.strerror or str(exc)
    kept = (f"{out} was not written (an earlier {out}, if any, is unchanged)" if out is not None
            else "the output is incomplete")
    cls = DiskFull if kind in ("full", "file-size", "quota") else KgError
    return cls(Errors.E353.format(out=target, reason=reason, kept=kept))


#: a file of the storage engine named in its message: the store is the folder that holds it
_ENGINE_FILE = re.compile(r"(/[^\s:]*?)/(?:\d+\.(?:sst|log|blob)|MANIFEST-\d+|CURRENT|OPTIONS-\d+|IDENTITY|LOCK)\b")


def store_fault_in_message(exc: BaseException) -> KgError | None:
    """The kg error for an engine fault met outside kg.store (e.g. while iterating lazily), when the
    engine's message names a file of the store; else None."""
    found = _ENGINE_FILE.search(str(exc))
    if found is None or fault_kind(exc) is None:
        return None
    return store_fault(exc, found.group(1))


__all__ = ["damaged", "fault_kind", "human_size", "no_room", "output_fault", "space", "store_fault",
           "store_fault_in_message"]
