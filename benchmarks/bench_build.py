"""Build benchmark: `kg build` against bare spaCy on the same texts, in the same run.

For each --jobs value: bare spaCy (benchmarks/spacy_floor.py, nlp.pipe with that many
processes), then `kg build --jobs N` into a fresh store, then the same build again (every
article unchanged). Reports wall times, the build/spaCy ratio, articles/s and words/s, the peak
RSS of each process of the build, and the speed-up of the largest --jobs over 1.

    python benchmarks/bench_build.py --corpus ../shared/corpus --jobs 1 2
    python benchmarks/bench_build.py --corpus /tmp/kg-bench/corpus-10000 --jobs 2 --keep-store /tmp/kg-bench/store-10000
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
KG = [PYTHON, "-m", "kg"]
POLL_SECONDS = 0.25
#: CPU seconds (user + system) of the last timed command and all its processes
LAST_CPU = 0.0


def write_texts(corpus: Path, out: Path) -> tuple[int, int]:
    """The ingested article bodies of `corpus` as JSON Lines (what spaCy sees in a build)."""
    from kg.ingest import iter_articles

    n = words = 0
    with out.open("w", encoding="utf-8") as fh:
        for article in iter_articles([corpus], on_error=lambda p, e: None):
            fh.write(json.dumps({"text": article.text}) + "\n")
            n += 1
            words += len(article.text.split())
    return n, words


class PeakRss:
    """Polls a process and its descendants; keeps each one's peak RSS and the peak of their sum."""

    def __init__(self, pid: int):
        import psutil

        self._root = psutil.Process(pid)
        self.per_process: dict[int, int] = {}
        self.total = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                procs = [self._root, *self._root.children(recursive=True)]
            except psutil.Error:
                return
            total = 0
            for p in procs:
                try:
                    rss = p.memory_info().rss
                except psutil.Error:
                    continue
                total += rss
                self.per_process[p.pid] = max(self.per_process.get(p.pid, 0), rss)
            self.total = max(self.total, total)
            self._stop.wait(POLL_SECONDS)

    def stop(self) -> None:
        """Stop polling."""
        self._stop.set()
        self._thread.join()


def timed(cmd: list[str], *, rss: bool = False) -> tuple[float, str, PeakRss | None]:
    """Run a command; its wall time, stdout and (optionally) its peak RSS."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = PeakRss(proc.pid) if rss else None
    out, err = proc.communicate()
    seconds = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    global LAST_CPU
    LAST_CPU = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    if peak:
        peak.stop()
    if proc.returncode not in (0,):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-2000:]}")
    return seconds, out, peak


def bench(corpus: Path, jobs: int, texts: Path, n: int, words: int, work: Path, keep: Path | None,
          floor: bool) -> dict:
    """One row of the table."""
    row: dict = {"jobs": jobs, "articles": n, "words": words}
    if floor:
        sec, out, _ = timed([PYTHON, str(HERE / "spacy_floor.py"), str(texts), "--jobs", str(jobs)])
        row["spacy_s"] = sec
        row["spacy_cpu_s"] = LAST_CPU
        row["spacy_docs"] = json.loads(out)["docs"]
    store = keep or work / f"store-j{jobs}"
    shutil.rmtree(store, ignore_errors=True)
    sec, _, peak = timed([*KG, "build", str(corpus), "--store", str(store), "--jobs", str(jobs), "-q"], rss=True)
    row.update(build_s=sec, build_cpu_s=LAST_CPU, articles_per_s=n / sec, words_per_s=words / sec,
               peak_rss_mb_max_process=max(peak.per_process.values()) / 2**20,
               peak_rss_mb_all_processes=peak.total / 2**20, processes=len(peak.per_process))
    if floor:
        row["ratio"] = sec / row["spacy_s"]
        row["cpu_ratio"] = row["build_cpu_s"] / row["spacy_cpu_s"]
    sec, _, _ = timed([*KG, "build", str(corpus), "--store", str(store), "--jobs", str(jobs), "-q"])
    row.update(rebuild_s=sec, rebuild_pct=100 * sec / row["build_s"])
    if keep is None:
        shutil.rmtree(store, ignore_errors=True)
    return row


def main(argv: list[str] | None = None) -> int:
    """Command line."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=HERE.parent.parent / "shared" / "corpus")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--no-floor", action="store_true", help="skip bare spaCy (no ratio)")
    ap.add_argument("--keep-store", type=Path, help="build into this store and keep it (one --jobs value)")
    ap.add_argument("--json", type=Path, help="also write the rows here")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        work = Path(tmp)
        texts = work / "texts.jsonl"
        n, words = write_texts(args.corpus, texts)
        print(f"corpus {args.corpus}: {n} articles, {words} words", file=sys.stderr)
        rows = []
        for jobs in args.jobs:
            row = bench(args.corpus, jobs, texts, n, words, work, args.keep_store, not args.no_floor)
            rows.append(row)
            print(json.dumps(row), flush=True)
    by_jobs = {r["jobs"]: r for r in rows}
    if 1 in by_jobs and len(by_jobs) > 1:
        top = max(by_jobs)
        print(json.dumps({"speedup": by_jobs[1]["build_s"] / by_jobs[top]["build_s"], "jobs": top}), flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
