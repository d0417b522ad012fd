"""Progress of long work on stderr: one redrawn line on a terminal, occasional whole lines in a log.

On a terminal the line ``[i/N] name`` is redrawn in place (carriage return). When stderr is a
file or a pipe (CI logs, ``2> build.log``), carriage returns would make one endless line, so
a whole line is written for the first item, for every `every`-th item, for the first item
`seconds` seconds after the last line, and for the last item.

>>> import io
>>> out = io.StringIO()
>>> progress = Progress(out, terminal=False, every=2, seconds=3600)
>>> for i, name in enumerate(["a", "b", "c", "d", "e"], start=1):
...     progress.update(name, i, 5)
>>> progress.close()
>>> print(out.getvalue(), end="")
[1/5] a
[2/5] b
[4/5] d
[5/5] e
"""
from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

__all__ = ["Progress"]


class Progress:
    """Progress lines for a stream; `update(name, done, total)` per item, `message` for other lines."""

    def __init__(self, stream: TextIO, *, terminal: bool | None = None, every: int = 100, seconds: float = 5.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.terminal = stream.isatty() if terminal is None else terminal
        self.every = every
        self.seconds = seconds
        self._clock = clock
        self._last_time: float | None = None
        self._last_done = 0
        self._open = False          #: a redrawn line is on screen (terminal)

    def update(self, name: str, done: int, total: int) -> None:
        """Item `done` of `total` (named `name`) is finished."""
        if self.terminal:
            self.stream.write(f"\r[{done}/{total}] {name[:60]:60s}")
            self.stream.flush()
            self._open = True
            return
        now = self._clock()
        due = (self._last_time is None or done >= total or done // self.every > self._last_done // self.every
               or now - self._last_time >= self.seconds)
        if due:
            self.stream.write(f"[{done}/{total}] {name}\n")
            self.stream.flush()
            self._last_time, self._last_done = now, done

    def message(self, text: str) -> None:
        """A line of its own (after the redrawn progress line, if one is open)."""
        self.stream.write(("\n" if self._open else "") + text + "\n")
        self.stream.flush()
        self._open = False

    def close(self) -> None:
        """End the redrawn line, if one is open."""
        if self._open:
            self.stream.write("\n")
            self.stream.flush()
            self._open = False
