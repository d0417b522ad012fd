"""Export the store as an RDF file: Turtle (default), N-Triples, N-Quads, TriG or JSON-LD."""
from __future__ import annotations

import io
import os
import sys
import tempfile
from pathlib import Path

from kg.errors import InputError

#: export formats and what they keep
FORMATS = {
    "turtle": "Turtle, all articles merged (prefixes bound)",
    "nt": "N-Triples, all articles merged",
    "nq": "N-Quads, one named graph per article",
    "trig": "TriG, one named graph per article",
    "jsonld": "JSON-LD, one named graph per article",
}


def _serialize(store, fmt: str, out: io.BufferedIOBase) -> int:
    if fmt == "jsonld":
        from kg.vocab import PREFIXES

        data = store.to_rdflib().serialize(format="json-ld", context={k: str(v) for k, v in PREFIXES.items()},
                                           auto_compact=True, encoding="utf-8")
        out.write(data)
        return len(store)
    return store.dump(out, fmt)


def export(store, fmt: str = "turtle", out: str | Path | None = None) -> int:
    """Write the store to `out` (stdout when None) in `fmt`; return the number of triples or quads.

    The file is written to a temporary name first, so a failed export never leaves a truncated file.
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown export format '{fmt}'; choose one of {', '.join(FORMATS)}")
    if out is None:
        buf = io.BytesIO()
        n = _serialize(store, fmt, buf)
        sys.stdout.buffer.write(buf.getvalue())
        sys.stdout.buffer.flush()
        return n
    out = Path(out)
    if out.is_dir():
        raise InputError(f"{out} is a folder; give a file name for --out")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    except OSError as exc:
        raise InputError(f"cannot write {out}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            n = _serialize(store, fmt, fh)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return n
