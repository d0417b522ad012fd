"""A throw-away Virtuoso (Debian's virtuoso-opensource) on loopback, for the remote-store tests and benchmarks.

`ensure_installed()` installs the Debian package when `virtuoso-t` is missing (apt-get, as root or
through password-less sudo); `VirtuosoServer(folder)` writes a config whose database lives in
`folder`, starts the server on free loopback ports, lets the anonymous SPARQL user update, and
stops it (the database goes with the folder).
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

PACKAGE = "virtuoso-opensource"
SERVER = "virtuoso-t"
ISQL = "isql-vt"
START_TIMEOUT = 120.0
INSTALL_TIMEOUT = 900.0

_INI = """\
[Database]
DatabaseFile       = {dir}/virtuoso.db
ErrorLogFile       = {dir}/virtuoso.log
LockFile           = {dir}/virtuoso.lck
TransactionFile    = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {dir}/virtuoso-temp.db
TransactionFile    = {dir}/virtuoso-temp.trx

[Parameters]
ServerPort               = 127.0.0.1:{sql_port}
DisableUnixSocket        = 1
DisableTcpSocket         = 0
CaseMode                 = 2
DirsAllowed              = .
NumberOfBuffers          = {buffers}
MaxDirtyBuffers          = {dirty}
CheckpointInterval       = 60
ThreadsPerQuery          = 2

[HTTPServer]
ServerPort               = 127.0.0.1:{http_port}
ServerRoot               = {dir}
ServerThreads            = 8
MaxClientConnections     = 8
Charset                  = UTF-8

[SPARQL]
ResultSetMaxRows           = 10000000
MaxQueryExecutionTime      = 600
MaxQueryCostEstimationTime = 600
"""


class VirtuosoError(RuntimeError):
    """Virtuoso could not be installed or started."""


def _sudo() -> list[str]:
    if os.geteuid() == 0:
        return []
    if shutil.which("sudo") and subprocess.run(["sudo", "-n", "true"], capture_output=True).returncode == 0:
        return ["sudo", "-n"]
    raise VirtuosoError(f"{SERVER} is missing and this user cannot install packages; run "
                        f"`sudo apt-get install {PACKAGE}` once")


def ensure_installed() -> str:
    """Path of virtuoso-t, installing Debian's package first when it is missing."""
    found = shutil.which(SERVER)
    if found:
        return found
    if not shutil.which("apt-get"):
        raise VirtuosoError(f"{SERVER} is missing and there is no apt-get; install Virtuoso Open Source 7")
    sudo = _sudo()
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    steps = [[*sudo, "apt-get", "update", "-qq"],
             [*sudo, "apt-get", "install", "-y", "-qq", "--no-install-recommends", PACKAGE]]
    for step in steps:
        p = subprocess.run(step, capture_output=True, text=True, env=env, timeout=INSTALL_TIMEOUT)
        if p.returncode != 0:
            raise VirtuosoError(f"`{' '.join(step)}` failed: {p.stderr.strip()[-800:]}")
    found = shutil.which(SERVER)
    if not found:
        raise VirtuosoError(f"{PACKAGE} was installed but {SERVER} is not on PATH")
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class VirtuosoServer:
    """A Virtuoso server with its database in `folder`, on loopback only."""

    def __init__(self, folder: Path, *, buffers: int = 20000):
        self.folder = Path(folder).resolve()
        self.buffers = buffers
        self.sql_port = self.http_port = 0
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        """The SPARQL endpoint (query and update)."""
        return f"http://127.0.0.1:{self.http_port}/sparql"

    def add_user(self, name: str, password: str) -> str:
        """A SQL user who may query and update over SPARQL; the URL of the endpoint that asks for it
        (/sparql-auth, HTTP Digest)."""
        self.isql(f"DB.DBA.USER_CREATE('{name}', '{password}'); GRANT SPARQL_SELECT TO \"{name}\"; "
                  f"GRANT SPARQL_UPDATE TO \"{name}\";")
        return f"http://127.0.0.1:{self.http_port}/sparql-auth"

    def start(self) -> "VirtuosoServer":
        """Write the config, start the server and wait until it answers SPARQL."""
        self.sql_port, self.http_port = _free_port(), _free_port()
        self._run()
        self.isql('GRANT SPARQL_UPDATE TO "SPARQL"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET (\'nobody\', 7);')
        return self

    def restart(self) -> "VirtuosoServer":
        """Start the stopped (or killed) server again on the same ports and database."""
        self._run()
        return self

    def kill(self) -> None:
        """Stop the server at once (SIGKILL): what it had not committed is lost, as in a crash."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=60)

    def _run(self) -> None:
        binary = ensure_installed()
        self.folder.mkdir(parents=True, exist_ok=True)
        ini = self.folder / "virtuoso.ini"
        ini.write_text(_INI.format(dir=self.folder, sql_port=self.sql_port, http_port=self.http_port,
                                   buffers=self.buffers, dirty=self.buffers * 3 // 4), encoding="utf-8")
        with open(self.folder / "server.out", "ab") as log:
            self.process = subprocess.Popen([binary, "+foreground", "+configfile", str(ini)], cwd=self.folder,
                                            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise VirtuosoError(f"{SERVER} exited: {self._log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}?query=ASK%7B%7D", timeout=5) as r:
                    if r.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                time.sleep(0.5)
        else:
            self.stop()
            raise VirtuosoError(f"{SERVER} did not answer within {START_TIMEOUT:.0f} s: {self._log_tail()}")

    def isql(self, sql: str) -> str:
        """Run SQL as the dba (the throw-away database keeps the default password)."""
        isql = shutil.which(ISQL) or ISQL
        p = subprocess.run([isql, f"127.0.0.1:{self.sql_port}", "dba", "dba", f"exec={sql}"],
                           capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
        if p.returncode != 0 or "*** Error" in p.stdout + p.stderr:
            raise VirtuosoError(f"isql failed: {(p.stdout + p.stderr).strip()[-800:]}")
        return p.stdout

    def stop(self) -> None:
        """Stop the server (its database stays in the folder until the folder is removed)."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=30)

    def _log_tail(self) -> str:
        for name in ("server.out", "virtuoso.log"):
            path = self.folder / name
            if path.exists():
                return " | ".join(path.read_text(errors="replace").strip().splitlines()[-5:])
        return "(no log)"

    def __enter__(self) -> "VirtuosoServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


if __name__ == "__main__":   # a server for trying things by hand: python tests/virtuoso.py DIR
    import sys

    server = VirtuosoServer(Path(sys.argv[1] if len(sys.argv) > 1 else "virtuoso-db")).start()
    print(server.url, flush=True)
    try:
        server.process.wait()
    except KeyboardInterrupt:
        server.stop()
