"""Faults injected on purpose into the embedded store and the output files (issue 14): a full disk,
a damaged store, a store of another kg version, and Ctrl-C / SIGTERM during build, export and view.

Each test checks what the user sees (message, exit status, no traceback) and what the store holds
afterwards (it opens, holds whole articles only, and a re-run gives the clean build's graph).
"""
from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run_kg
from faults import LOG_EVERY_8, PAUSED, finish, graphs, start_kg, wait_for
from kg import storeformat
from kg.store import Store

pytestmark = pytest.mark.slow


def _copy(store: Path, to: Path) -> Path:
    shutil.copytree(store, to, ignore=shutil.ignore_patterns("LOCK", ".kg-lock*"))
    return to


def _whole(store: Path, reference: dict) -> dict:
    """The store's graphs, after checking that it opens and that each is its clean build's graph."""
    got = graphs(store)
    for g, triples in got.items():
        assert triples == reference[g], f"{g} is not whole"
    return got


def _files(store: Path) -> dict[str, bytes]:
    """The store's data files and their contents (not the lock files, nor RocksDB's diagnostic LOG)."""
    return {p.name: p.read_bytes() for p in sorted(store.iterdir())
            if not p.name.startswith((".kg-lock", "LOG", "LOCK"))}


def _limited(nbytes: int):
    """preexec_fn: no file of the process may grow beyond `nbytes` (Python ignores SIGXFSZ: EFBIG)."""
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (nbytes, nbytes))
    return limit


def _run_limited(nbytes: int, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=600,
                          preexec_fn=_limited(nbytes))


def _clean(p: subprocess.CompletedProcess | str) -> str:
    err = p if isinstance(p, str) else p.stderr
    assert "Traceback" not in err, err
    return err


@pytest.fixture
def tmpfs(tmp_path):
    """A small file system of its own (tmpfs), to fill up; needs the right to mount (root)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root; the file-size-limit tests cover a full disk here")
    p = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2600k", "kg-test-disk", str(disk)],
                       capture_output=True, text=True)
    if p.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {p.stderr.strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)


# -- a full disk ---------------------------------------------------------------------------------


def _check_full_build(p: subprocess.CompletedProcess, store: Path, reference: dict, expect: str) -> int:
    err = _clean(p)
    assert p.returncode == 1, err
    assert f"kg: error: [E118] cannot write to the store at {store}: " in err and expect in err, err
    assert "run the same command again" in err and "article(s) this build wrote, each whole" in err, err
    kept = len(_whole(store, reference))
    assert 0 < kept < 20, kept                      # it failed mid-build, not at the start or the end
    assert f"the store keeps the {kept} article(s)" in err
    return kept


def test_file_size_limit_reached_while_building(generated, tmp_path):
    articles, reference, _ = generated
    store = tmp_path / "store"
    p = _run_limited(1_000_000, "build", str(articles), "--store", str(store), "-j", "1", "-q")
    kept = _check_full_build(p, store, reference, "reached this process's file size limit (976.6 KiB, "
                                                  "`ulimit -f`): raise it (`ulimit -f unlimited`)")
    p = run_kg("build", str(articles), "--store", str(store), "-j", "1", "-q")
    assert p.returncode == 0 and f"built {20 - kept}, unchanged {kept}," in _clean(p), p.stderr
    assert graphs(store) == reference


def test_disk_full_while_building(generated, tmpfs):
    articles, reference, _ = generated
    store = tmpfs / "store"
    p = run_kg("build", str(articles), "--store", str(store), "-j", "1", "-q")
    _check_full_build(p, store, reference, f"the disk holding the store at {store} is full (")
    assert f"on {tmpfs}): free space there" in p.stderr


def _check_export_refused(p: subprocess.CompletedProcess, out: Path, expect: str) -> None:
    err = _clean(p)
    assert p.returncode == 1 and f"kg: error: [E353] cannot write {out}: " in err and expect in err, err
    assert f"{out} was not written (an earlier {out}, if any, is unchanged)" in err
    assert out.read_text() == "an earlier export\n"                   # untouched
    assert [f.name for f in out.parent.iterdir()] == [out.name]       # no temporary file left


def test_export_beyond_the_file_size_limit_leaves_no_truncated_file(generated, tmp_path):
    _, _, reference_store = generated
    out = tmp_path / "out" / "graph.ttl"
    out.parent.mkdir()
    out.write_text("an earlier export\n")
    p = _run_limited(50_000, "export", "--store", str(reference_store), "--out", str(out))
    _check_export_refused(p, out, "reached this process's file size limit")


def test_export_to_a_full_disk_leaves_no_truncated_file(generated, tmpfs):
    _, _, reference_store = generated
    out = tmpfs / "graph.ttl"
    out.write_text("an earlier export\n")
    with open(tmpfs / "ballast", "wb") as fh:              # leaves less than the export needs
        fh.write(b"\0" * (2600 * 1024 - 64 * 1024))
    p = run_kg("export", "--store", str(reference_store), "--out", str(out))
    (tmpfs / "ballast").unlink()
    _check_export_refused(p, out, f"the disk holding {out} is full (")
    p = run_kg("export", "--store", str(reference_store), "--out", str(out))
    assert p.returncode == 0 and out.read_text().startswith("@prefix")


# -- a damaged store -------------------------------------------------------------------------------


def _biggest(store: Path, pattern: str) -> Path:
    return max(store.glob(pattern), key=lambda p: p.stat().st_size)


def _junk_tail(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-512:] = os.urandom(512)
    path.write_bytes(bytes(data))


DAMAGE = {
    "sst truncated": lambda s: os.truncate(_biggest(s, "*.sst"), 1000),
    "sst overwritten with junk": lambda s: _biggest(s, "*.sst").write_bytes(os.urandom(_biggest(s, "*.sst").stat().st_size)),
    "sst footer overwritten": lambda s: _junk_tail(_biggest(s, "*.sst")),
    "sst missing": lambda s: _biggest(s, "*.sst").unlink(),
    "CURRENT missing": lambda s: (s / "CURRENT").unlink(),
    "CURRENT overwritten": lambda s: (s / "CURRENT").write_bytes(b"\x00junk\n"),
    "MANIFEST missing": lambda s: next(s.glob("MANIFEST-*")).unlink(),
    "MANIFEST truncated": lambda s: os.truncate(next(s.glob("MANIFEST-*")), 100),
    "format marker overwritten": lambda s: (s / storeformat.MARKER).write_bytes(os.urandom(40)),
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_damaged_store_is_named_with_how_to_rebuild_it_and_never_built_over(generated, tmp_path, damage):
    articles, _, reference_store = generated
    store = _copy(reference_store, tmp_path / "store")
    DAMAGE[damage](store)
    before = _files(store)
    rebuild = f"move it aside (`mv {store} {store}.damaged`) and run `kg build ARTICLES --store {store}`"
    others = [("stats",), ("export",), ("view", "--out", str(tmp_path / "v.html"))] if damage == "sst missing" else []
    for args in (("query", "people"), ("build", str(articles), "-q", "-j", "1"), *others):
        p = run_kg(*args, "--store", str(store))
        err = _clean(p)
        assert p.returncode == 1, (args, err)
        assert f"kg: error: [E119] the store at {store} is damaged (" in err and rebuild in err, (args, err)
        assert p.stdout == ""
    assert _files(store) == before                 # nothing written over it, nothing started afresh


_WRITER = """
import sys
from kg.store import Store
graphs = [g.split("\\n", 1) for g in open(sys.argv[2], encoding="utf-8").read().split("\\f")]
with Store.open(sys.argv[1]) as s:
    for n, (iri, nt) in enumerate(graphs, 1):
        s.replace_article(iri, nt)
        print(n, flush=True)
    input()
"""


def test_a_store_with_a_torn_write_ahead_log_opens_with_whole_articles(generated, tmp_path):
    """A writer killed before its writes reached the table files (they are all in RocksDB's log),
    the log then cut mid-record (a torn write): the log is replayed up to the tear, so the store
    holds the first articles, each whole."""
    _, reference, _ = generated
    order = sorted(reference)
    (tmp_path / "graphs").write_text("\f".join(f"{g}\n" + "\n".join(sorted(reference[g])) + "\n" for g in order),
                                     encoding="utf-8")
    store = tmp_path / "store"
    proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(store), str(tmp_path / "graphs")],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert [proc.stdout.readline().strip() for _ in order][-1] == str(len(order))
    proc.kill()
    proc.wait()
    proc.stdout.close()
    proc.stdin.close()
    assert _whole(store, reference).keys() == set(order)       # the whole log replays every article
    log = _biggest(store, "*.log")
    os.truncate(log, log.stat().st_size * 2 // 3 + 7)
    kept = _whole(store, reference)                              # opens; every article in it whole
    assert 0 < len(kept) < len(order) and set(kept) == set(order[:len(kept)])     # a prefix


# -- a store of another version of kg -------------------------------------------------------------------


def _mark(store: Path, fmt: int, kg: str = "9.9.9") -> None:
    (store / storeformat.MARKER).write_text(json.dumps({"format": fmt, "kg": kg}))


def test_a_store_of_a_newer_kg_is_refused_and_left_alone(generated, tmp_path):
    articles, _, reference_store = generated
    store = _copy(reference_store, tmp_path / "store")
    _mark(store, storeformat.FORMAT + 1)
    before = _files(store)
    for args in (("query", "people"), ("build", str(articles), "-q"), ("upgrade",), ("view", "--out",
                                                                                      str(tmp_path / "v.html"))):
        p = run_kg(*args, "--store", str(store))
        err = _clean(p)
        assert p.returncode == 1 and p.stdout == "", (args, err)
        assert (f"kg: error: [E120] the store at {store} was written by a newer kg (kg 9.9.9) in store format "
                f"{storeformat.FORMAT + 1}; this kg") in err, err
        assert "`pip install --upgrade alliance-kg`" in err
    assert _files(store) == before
    assert not (tmp_path / "v.html").exists()


def _older(store: Path, fmt: int) -> None:
    """Make `store` a store as an older kg left it: format 0 (article graphs only), 1 (their plain
    union in the default graph) or 2 (resolved, without the format marker)."""
    import pyoxigraph as ox

    (store / storeformat.MARKER).unlink()
    if fmt >= 1:
        (store / storeformat.LEGACY_UNION).write_text("union\n")
    if fmt <= 1:
        (store / storeformat.RESOLUTION_STATE).unlink()
        raw = ox.Store(str(store))
        raw.clear_graph(ox.DefaultGraph())
        if fmt == 1:
            raw.extend([ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
                        for q in raw.quads_for_pattern(None, None, None, None)])
        raw.flush()
        del raw


@pytest.mark.parametrize("old", [0, 1, 2])
def test_an_older_store_is_upgraded_once_by_a_writer_and_never_misread(generated, tmp_path, old):
    articles, reference, reference_store = generated
    store = _copy(reference_store, tmp_path / "store")
    _older(store, old)
    assert storeformat.read(store) == old
    expected = run_kg("query", "roles", "--store", str(reference_store), "--format", "csv").stdout
    p = run_kg("query", "roles", "--store", str(store), "--format", "csv")
    if old < 2:          # not resolved: refused, with the command that upgrades it
        assert p.returncode == 1 and p.stdout == "" and (
            f"kg: error: [E121] the store at {store} was written by an older kg (store format {old}; this kg reads "
            f"format {storeformat.FORMAT}) and must be upgraded once before it can be read: run "
            f"`kg upgrade --store {store}`") in _clean(p), p.stderr
    else:                # the same layout: read as it is
        assert p.returncode == 0 and sorted(p.stdout.splitlines()) == sorted(expected.splitlines())
    p = run_kg("build", str(articles), "--store", str(store), "-q")            # the writer upgrades, once
    err = _clean(p)
    assert p.returncode == 0 and "built 0, unchanged 20" in err
    assert f"kg: upgrading the store at {store} from format {old} to {storeformat.FORMAT} (once)" in err
    assert storeformat.read(store) == storeformat.FORMAT
    assert json.loads((store / storeformat.MARKER).read_text())["kg"] == storeformat.kg_version()
    assert not (store / storeformat.LEGACY_UNION).exists()
    p = run_kg("build", str(articles), "--store", str(store), "-q")
    assert p.returncode == 0 and "upgrading" not in p.stderr
    assert graphs(store) == reference
    p = run_kg("query", "roles", "--store", str(store), "--format", "csv")
    assert sorted(p.stdout.splitlines()) == sorted(expected.splitlines())


def test_a_store_an_older_kg_wrote_to_again_is_upgraded_again(generated, tmp_path):
    """A kg of format 1 puts `kg-union-v1` back when it writes: the store is then upgraded again."""
    _, _, reference_store = generated
    store = _copy(reference_store, tmp_path / "store")
    (store / storeformat.LEGACY_UNION).write_text("union\n")
    assert storeformat.read(store) == 1
    p = run_kg("upgrade", "--store", str(store))
    assert p.returncode == 0 and "from format 1 to" in p.stderr and "is now at format" in _clean(p)
    assert storeformat.read(store) == storeformat.FORMAT
    p = run_kg("upgrade", "--store", str(store))
    assert p.returncode == 0 and "already at format" in p.stderr


def test_a_reader_refuses_a_store_it_cannot_read_before_an_upgrade(generated, tmp_path, monkeypatch):
    """A format step that readers cannot read through (as the resolution layer may add) names the
    command that upgrades the store; that command upgrades it."""
    _, _, reference_store = generated
    store = _copy(reference_store, tmp_path / "store")
    fmt = storeformat.FORMAT
    ran = []
    monkeypatch.setattr(storeformat, "FORMAT", fmt + 1)
    monkeypatch.setitem(storeformat.UPGRADES, fmt, storeformat.Upgrade(fmt, "test step", ran.append,
                                                                        readable=False))
    with pytest.raises(storeformat.StoreVersionError, match=rf"run `kg upgrade --store {store}`") as caught:
        Store.open(store, read_only=True)
    assert caught.value.code == "E121"
    with Store.open(store):
        pass
    assert len(ran) == 1 and storeformat.read(store) == fmt + 1
    with Store.open(store, read_only=True) as s:
        assert s.articles()


# -- signals -----------------------------------------------------------------------------------------

EXIT = {signal.SIGINT: (130, "kg: interrupted"), signal.SIGTERM: (143, "kg: terminated (SIGTERM)")}


@pytest.mark.parametrize("sig, jobs", [(signal.SIGINT, "1"), (signal.SIGTERM, "2")], ids=["SIGINT", "SIGTERM-pool"])
def test_signal_during_build_keeps_whole_articles(generated, tmp_path, sig, jobs):
    articles, reference, _ = generated
    store = tmp_path / "store"
    proc = start_kg("build", str(articles), "--store", str(store), "-j", jobs, *LOG_EVERY_8)
    seen = wait_for(proc, b"[8/20]")
    proc.send_signal(sig)
    code, err = finish(proc, seen)
    status, words = EXIT[sig]
    assert code == status and words in _clean(err), err
    kept = len(_whole(store, reference))
    assert 8 <= kept < 20 and f"kg: the store keeps the {kept} article(s) this build wrote, each whole" in err
    if sig == signal.SIGINT:
        p = run_kg("build", str(articles), "--store", str(store), "-j", "1", "-q")
        assert p.returncode == 0 and f"built {20 - kept}, unchanged {kept}," in _clean(p)
        assert graphs(store) == reference


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("command", ["export", "view"])
def test_signal_while_the_output_is_half_written_leaves_no_file(generated, tmp_path, command, sig):
    _, reference, reference_store = generated
    store = _copy(reference_store, tmp_path / "store")
    out = tmp_path / "out" / ("graph.ttl" if command == "export" else "graph.html")
    proc = start_kg(command, "--store", str(store), "--out", str(out), pause="output")
    seen = wait_for(proc, PAUSED)
    (half,) = list(out.parent.iterdir())                   # the temporary file, half-written
    half_size = half.stat().st_size
    assert half.name != out.name and half_size > 0
    proc.send_signal(sig)
    code, err = finish(proc, seen)
    status, words = EXIT[sig]
    assert code == status and words in _clean(err), err
    assert list(out.parent.iterdir()) == []                # no partial file, under any name
    assert graphs(store) == reference                      # the store opens, unchanged
    p = run_kg(command, "--store", str(store), "--out", str(out))
    assert p.returncode == 0 and out.stat().st_size >= 2 * half_size


# -- a build stopped while it resolves entities across articles ----------------------------------------


def _default_graph(store: Path) -> set[str]:
    with Store.open(store, read_only=True) as s:
        return {str(t) for t in s.triples()}


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT, signal.SIGTERM], ids=["SIGKILL", "SIGINT", "SIGTERM"])
def test_a_build_stopped_while_it_resolves_is_said_and_finished_by_the_next(sample_store, tmp_path, sig):
    """The resolution rewrites the default graph cluster by cluster (a transaction each): stopped
    after the first, the store opens with every article whole but entities half-resolved; readers
    are told, and the next build finishes the resolution: the default graph is then the clean
    build's, triple for triple."""
    from conftest import ARTICLES

    store = tmp_path / "store"
    proc = start_kg("build", str(ARTICLES), "--store", str(store), "-j", "1", pause="resolution")
    seen = wait_for(proc, PAUSED)
    proc.send_signal(sig)
    code, err = finish(proc, seen)
    if sig == signal.SIGKILL:
        assert code == -signal.SIGKILL
    else:
        status, words = EXIT[sig]
        assert code == status and words in _clean(err), err
        assert ("kg: the 2 article(s) this build wrote are whole in the store, but resolving entities across "
                "articles did not finish: the next `kg build` or `kg resolve` finishes it") in err
    assert graphs(store) == graphs(sample_store)                 # the articles: whole
    assert _default_graph(store) != _default_graph(sample_store)  # the resolution: half-applied
    p = run_kg("query", "people", "--store", str(store), "--format", "csv")
    assert p.returncode == 0 and ("kg: note: a build or remove of this store stopped before resolving 2 "
                                  "article(s) across articles: until `kg build` or `kg resolve` finishes "
                                  "that") in _clean(p)
    p = run_kg("build", str(ARTICLES), "--store", str(store), "-j", "1")
    assert p.returncode == 0 and "built 0, unchanged 2" in _clean(p), p.stderr
    assert "stopped before resolving 2 article(s) across articles: this command resolves them" in p.stderr
    assert _default_graph(store) == _default_graph(sample_store)
    p = run_kg("query", "people", "--store", str(store), "--format", "csv")
    assert p.returncode == 0 and "note" not in p.stderr
    assert p.stdout == run_kg("query", "people", "--store", str(sample_store), "--format", "csv").stdout
