"""Run `kg ARGS` paused at a point a signal or kill should be able to hit (tests/faults.py).

    python tests/pause_kg.py output ARGS...       the first output file half-written (kg.outfile)
    python tests/pause_kg.py resolution ARGS...   a resolution half-applied: one cluster per
                                                  transaction, paused after the first

Once there, ``kg-test: paused`` is printed on stderr and the process waits (in Python, where a
signal handler can run) for the test to signal or kill it.
"""
from __future__ import annotations

import io
import sys
import signal


def _pause() -> None:
    sys.stderr.write("kg-test: paused\n")
    sys.stderr.flush()
    signal.alarm(300)                      # the test's signal ends this; SIGALRM if none comes
    signal.pause()
    raise SystemExit("kg-test: no signal came")


def _pause_output() -> None:
    import kg.outfile as outfile

    write_file = outfile.write_file

    def paused_write_file(out, write):
        def half_then_wait(fh):
            buf = io.BytesIO()
            write(buf)
            data = buf.getvalue()
            fh.write(data[: len(data) // 2])
            fh.flush()
            _pause()

        return write_file(out, half_then_wait)

    outfile.write_file = paused_write_file


def _pause_resolution() -> None:
    import kg.resolve.apply as apply_module
    import kg.store as store_module

    apply_module.BATCH_TRIPLES = 1             # each cluster its own transaction
    apply, update = apply_module.apply, store_module.Store._update
    state = {"applying": False, "writes": 0}

    def paused_apply(*args, **kwargs):
        state["applying"] = True
        try:
            return apply(*args, **kwargs)
        finally:
            state["applying"] = False

    def paused_update(self, sparql):
        update(self, sparql)
        if state["applying"]:
            state["writes"] += 1
            if state["writes"] == 1:
                _pause()

    apply_module.apply = paused_apply
    store_module.Store._update = paused_update


if __name__ == "__main__":
    {"output": _pause_output, "resolution": _pause_resolution}[sys.argv[1]]()
    from kg.cli import main

    main(sys.argv[2:], prog_name="kg")
