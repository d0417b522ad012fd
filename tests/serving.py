"""A `kg serve` process for the tests: started on a free port, its URL read from stdout, stopped with Ctrl-C."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path


class ServeProcess:
    """`kg serve --store STORE --port 0 ARGS...` in a subprocess."""

    def __init__(self, store: Path, *args: str) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", "0", *args],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     env={**os.environ, "PYTHONUNBUFFERED": "1"})
        line = self.proc.stdout.readline()            # the URL, printed once the port is bound
        if not line.startswith("http://"):
            self.proc.kill()
            raise AssertionError(f"kg serve did not start: {line!r} {self.proc.stderr.read()}")
        self.url = line.strip()

    def stop(self, timeout: float = 30.0) -> tuple[int, str]:
        """Ctrl-C; the exit status and what it wrote on stderr."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        return self.proc.returncode, self.proc.stderr.read()


def wait_for(condition, timeout: float = 60.0, interval: float = 0.05):
    """Poll `condition()` until it returns something true (returned), failing after `timeout` s."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        time.sleep(interval)
