"""Output files written whole or not at all: a temporary name in the same folder, synced, then renamed.

`kg export --out` and `kg view --out` go through `write_file`: a full disk, an error, Ctrl-C or
SIGTERM half-way leaves no truncated file under the name asked for (and an earlier file of that
name untouched); the temporary file is removed.
"""
from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, TypeVar

from kg.errors import Errors, InputError
from kg.ioerrors import output_fault, store_fault_in_message

T = TypeVar("T")


def _fault(exc: OSError, out: Path | None) -> Exception:
    """A failed write of the output, or a fault of the store met while reading it."""
    return store_fault_in_message(exc) or output_fault(exc, out)


def write_file(out: str | Path, write: Callable[[BinaryIO], T]) -> T:
    """Run `write` on a temporary file beside `out`, renamed to `out` once complete; its result."""
    out = Path(out)
    if out.is_dir():
        raise InputError(Errors.E352.format(out=out))
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    except OSError as exc:
        raise _fault(exc, out) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), 0o666 & ~_umask())    # as open() would make it, not mkstemp's 0600
            result = write(fh)
            fh.flush()
            os.fsync(fh.fileno())           # on disk before it takes the name
        os.replace(tmp, out)
    except BaseException as exc:            # errors, Ctrl-C, SIGTERM (kg.errors.Terminated)
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _fault(exc, out) from None
        raise
    return result


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_stdout(data: bytes) -> None:
    """Write `data` to standard output; a full disk behind a redirection is a clear error."""
    try:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except BrokenPipeError:                 # `kg export | head`: as before
        raise
    except OSError as exc:
        raise output_fault(exc, None) from None
