"""Helpers of the crash and fault-injection tests (test_reliability, test_faults*): generated
articles, the graphs a store holds, `kg` processes watched through their stderr, and a `kg` that
pauses half-way through writing an output file or a resolution (tests/pause_kg.py) so that a signal
or a kill lands there."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

from distributed.diagnostics.plugin import WorkerPlugin

from kg.store import Store

TESTS = Path(__file__).parent
#: what tests/pause_kg.py prints once it has paused
PAUSED = b"kg-test: paused"
#: progress lines in a log (stderr a pipe) every 8 articles: the markers the tests wait for
LOG_EVERY_8 = ("--log-every", "8")

PEOPLE = [("Anna", "Berg"), ("Carlos", "Mendes"), ("Dieter", "Vogel"), ("Elena", "Rossi"), ("Farid", "Haddad"),
          ("Grete", "Lund"), ("Hugo", "Laurent"), ("Ines", "Castro"), ("Jonas", "Weber"), ("Karin", "Nyberg")]
ROLES = ["Interior Minister", "Foreign Minister", "Justice Minister", "Defence Minister"]
PLACES = [("Brussels", "Belgium"), ("Paris", "France"), ("Berlin", "Germany"), ("Madrid", "Spain"),
          ("Rome", "Italy"), ("Vienna", "Austria"), ("Lisbon", "Portugal"), ("Warsaw", "Poland")]


def generated_article(i: int, version: int = 1) -> str:
    """An invented news article (one of many of the same shape, with its own people and places)."""
    (f1, l1), (f2, l2) = PEOPLE[i % 10], PEOPLE[(i * 3 + version) % 10]
    if (f1, l1) == (f2, l2):
        f2, l2 = PEOPLE[(i + 5) % 10]
    city, country = PLACES[i % 8]
    other = PLACES[(i + 3) % 8][1]
    role1, role2 = ROLES[i % 4], ROLES[(i + version) % 4]
    day = 1 + i % 27
    return (f"Ministers of {country} and {other} meet in {city}\n\nMarch {day}, 2019\n\n"
            f"{country}'s {role1} {f1} {l1} met {other}'s {role2} {f2} {l2} in {city} on Monday to discuss "
            f"border security and the fight against organised crime. {l1} said that {country} would share more "
            f"information with {other} and with Europol. {l2} said the talks had been useful.\n\n"
            f"{country} and {other} are members of the European Union and of NATO. The two ministers will meet "
            f"again in {PLACES[(i + 1) % 8][0]} on Friday, officials said.\n")


def write_generated(folder: Path, n: int = 20, version: int = 1) -> None:
    """`n` generated articles gen-00.txt, gen-01.txt... in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"gen-{i:02d}.txt").write_text(generated_article(i, version), encoding="utf-8")


def graphs(store: Path) -> dict[str, frozenset[str]]:
    """Graph IRI → its triples (as N-Triples lines) of the store at `store`."""
    out: dict[str, set[str]] = defaultdict(set)
    with Store.open(store, read_only=True) as s:
        for q in s.quads():
            out[q.graph_name.value].add(f"{q.subject} {q.predicate} {q.object} .")
    return {g: frozenset(t) for g, t in out.items()}


def start_kg(*args: str, env: dict | None = None, pause: str | None = None) -> subprocess.Popen:
    """`kg ARGS` in the background, its stderr piped (read it with `wait_for`); `pause` ('output',
    'resolution') stops it half-way there (tests/pause_kg.py)."""
    head = [str(TESTS / "pause_kg.py"), pause] if pause else ["-m", "kg"]
    return subprocess.Popen([sys.executable, *head, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, **(env or {})})


def start_build(articles: Path, store: Path | str, *extra: str, env: dict | None = None) -> subprocess.Popen:
    """`kg build ARTICLES --store STORE -j 1 EXTRA` in the background, with a progress line every 8
    articles (the markers `wait_for` waits for: b"[8/20]", b"[16/20]")."""
    return start_kg("build", str(articles), "--store", str(store), "-j", "1", *LOG_EVERY_8, *extra, env=env)


def wait_for(proc: subprocess.Popen, marker: bytes, timeout: float = 300) -> bytes:
    """Read the process's stderr until `marker` appears; return what was read."""
    os.set_blocking(proc.stderr.fileno(), False)
    seen = bytearray()

    def arrived() -> bool:
        chunk = proc.stderr.read()
        if chunk:
            seen.extend(chunk)
        elif proc.poll() is not None:
            raise AssertionError(f"kg ended before {marker!r}: {seen.decode(errors='replace')}")
        return marker in seen

    poll(arrived, timeout, f"{marker!r} on kg's stderr")
    return bytes(seen)


def finish(proc: subprocess.Popen, seen: bytes = b"", timeout: float = 300) -> tuple[int, str]:
    """Wait for the process to end: its exit status and all its stderr (with what was read before)."""
    os.set_blocking(proc.stderr.fileno(), True)
    rest = proc.stderr.read()
    proc.stderr.close()
    proc.wait(timeout=timeout)
    return proc.returncode, (seen + rest).decode("utf-8", "replace")


def poll(condition, timeout: float = 120, what: str = "the condition"):
    """Call `condition` until it returns something true (returned); fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        assert time.monotonic() < deadline, f"{what} did not happen within {timeout:g} s"
        time.sleep(0.05)


class PoisonPlugin(WorkerPlugin):
    """A Dask worker plugin that makes every worker die (SIGKILL) when it is given a text holding `text`:
    an article that kills the process handling it (a crash in a native library, the OOM killer).

    It patches kg.nlp.parse_many, which kg.build.process_batch looks up at each call; Dask runs
    `setup` on every worker, also on those that replace a dead one, and `teardown` on unregistering.
    """

    name = "kg-test-poison"

    def __init__(self, text: str):
        self.text = text

    def setup(self, worker=None) -> None:
        import signal

        import kg.nlp as nlp

        original = nlp.parse_many
        poison = self.text

        def parse_many(texts, *args, **kwargs):
            texts = list(texts)
            if any(poison in t for t in texts):
                os.kill(os.getpid(), signal.SIGKILL)
            return original(texts, *args, **kwargs)

        parse_many.original = original
        nlp.parse_many = parse_many

    def teardown(self, worker=None) -> None:
        import kg.nlp as nlp

        nlp.parse_many = getattr(nlp.parse_many, "original", nlp.parse_many)
