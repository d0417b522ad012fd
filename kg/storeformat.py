"""The format of an on-disk store: a marker file that says which layout kg wrote, and the upgrades.

A store folder holds Oxigraph's database and ``kg-format.json``, e.g. ``{"format": 2, "kg":
"0.1.0"}``. kg reads the stores of its own format; an older one is upgraded once by the next
writer (``kg build``, ``kg upgrade``), step by step, with a message; readers (``kg query``…) read
an older format only when a step says they can, else they are refused with the command that
upgrades it. A store of a newer format than this kg knows is refused for reading and writing
(never misread): upgrade kg.

Formats:

* 0 — no marker (kg before the deduplicated union): the article graphs only.
* 1 — ``kg-union-v1``: the default graph holds the union of the article graphs, as a set.
* 2 — ``kg-union-v1`` and ``kg-resolution.json`` (kg.resolve): the default graph holds the
  *resolved* union (entities merged across articles).
* 3 — ``kg-format.json``: the layout of format 2, and the format marker itself. ``kg-union-v1`` is
  removed, so a kg of format 1 or 2 opening the store for writing puts it back: that file beside
  ``kg-format.json`` means an older kg wrote to the store since (perhaps without resolving), and
  the upgrades from format 1 run again.

Readers cannot read a store of format 0 or 1 as this kg reads: its default graph is not resolved
(queries would list each article's own IRI of an entity); they name `kg upgrade`.

A new format adds an `Upgrade` to `UPGRADES` (idempotent: an interrupted upgrade is run again
on the next open, because the marker is rewritten only at the end) and raises `FORMAT`.
"""
from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from kg.errors import Errors, StoreVersionError
from kg.ioerrors import damaged

#: the format this kg writes (and the newest it reads)
FORMAT = 3
#: the marker file in the store folder
MARKER = "kg-format.json"
#: the marker of formats 1 and 2 (see the module docstring)
LEGACY_UNION = "kg-union-v1"
#: the resolution state of formats 2 and later (kg.resolve.STATE_FILE)
RESOLUTION_STATE = "kg-resolution.json"
#: files of the Oxigraph/RocksDB database (what a store folder without CURRENT must not hold)
ENGINE_FILES = ("CURRENT", "IDENTITY")
ENGINE_PATTERNS = ("MANIFEST-*", "*.sst", "*.log", "OPTIONS-*")


@dataclass(frozen=True)
class Upgrade:
    """One step from format `source` to `source + 1`."""

    source: int
    what: str                                   #: said to the user while it runs
    run: Callable[[Any], None]                  #: run(store): idempotent
    readable: bool = True                       #: can readers use a store still at `source`?


def _build_union(store: Any) -> None:
    store._build_union()


def _resolve(store: Any) -> None:
    store.resolve(full=True)


def _nothing(store: Any) -> None:
    """Format 2 → 3: the layout is the same, only the marker changes."""


#: source format → the step to the next one
UPGRADES: dict[int, Upgrade] = {
    0: Upgrade(0, "keep a deduplicated union of its articles", _build_union),
    1: Upgrade(1, "resolve entities across its articles", _resolve, readable=False),
    2: Upgrade(2, "record its format", _nothing),
}


def kg_version() -> str:
    """The version of the installed kg (for the marker)."""
    try:
        return metadata.version("alliance-kg")
    except metadata.PackageNotFoundError:  # pragma: no cover - run from a source tree
        return "unknown"


def read(path: Path) -> int:
    """The format of the store folder at `path` (0 when it has no marker; see the module docstring)."""
    marker = Path(path) / MARKER
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
        found = data["format"]
        if not isinstance(found, int) or found < 0:
            raise ValueError(found)
    except FileNotFoundError:
        if not (Path(path) / LEGACY_UNION).exists():
            return 0
        return 2 if (Path(path) / RESOLUTION_STATE).exists() else 1
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise damaged(path, f"its format marker {MARKER} is unreadable: {exc}") from None
    if found >= 3 and (Path(path) / LEGACY_UNION).exists():
        return 1                                # an older kg wrote to it since (module docstring)
    return found


def write(path: Path, fmt: int | None = None) -> None:
    """Write the marker (of `FORMAT` unless told) atomically: temporary file, fsync, rename; drop the
    format-1 marker."""
    path = Path(path)
    tmp = path / f".{MARKER}.tmp"
    text = json.dumps({"format": FORMAT if fmt is None else fmt, "kg": kg_version(),
                       "about": "the layout of this kg store (kg.storeformat); do not edit"}) + "\n"
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path / MARKER)
    (path / LEGACY_UNION).unlink(missing_ok=True)
    _sync_dir(path)


def _sync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # pragma: no cover - not on POSIX
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def check_readable(path: Path, found: int) -> None:
    """Refuse a store that this kg cannot read as it is (newer, or older with an unreadable step)."""
    if found > FORMAT:
        raise StoreVersionError(newer_message(path, found))
    steps = [UPGRADES[f] for f in range(found, FORMAT)]
    if not all(step.readable for step in steps):
        raise StoreVersionError(Errors.E121.format(path=path, found=found, newest=FORMAT))


def newer_message(path: Path, found: int) -> str:
    """What to say about a store of a newer format."""
    written = ""
    try:
        written = json.loads((Path(path) / MARKER).read_text(encoding="utf-8")).get("kg") or ""
    except (OSError, ValueError, AttributeError):
        pass
    by = f" (kg {written})" if written else ""
    return Errors.E120.format(path=path, by=by, found=found, version=kg_version(), newest=FORMAT)


def upgrade(store: Any, path: Path, found: int) -> None:
    """Writer: bring the open store at `path` from format `found` to `FORMAT`, saying so once."""
    if found > FORMAT:
        raise StoreVersionError(newer_message(path, found))
    if found == FORMAT:
        return
    if found > 0 or store.has_articles():    # a new, empty store is simply marked
        what = "; ".join(UPGRADES[f].what for f in range(found, FORMAT))
        print(f"kg: upgrading the store at {path} from format {found} to {FORMAT} (once): {what}…",
              file=sys.stderr)
    for f in range(found, FORMAT):
        UPGRADES[f].run(store)
    write(path)
