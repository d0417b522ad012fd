"""The floor of any build: bare spaCy over the same texts, `nlp.pipe` with N processes.

    python benchmarks/spacy_floor.py TEXTS.jsonl --jobs 2

TEXTS.jsonl holds one {"text": ...} per line (bench_build.py writes it from the ingested corpus).
Prints one JSON line: seconds (model load + pipe, this process's wall time), docs, words.
"""
from __future__ import annotations

import argparse
import json
import sys
import time


def main(argv: list[str] | None = None) -> int:
    """Load the model, parse every text, report the time."""
    t0 = time.perf_counter()
    ap = argparse.ArgumentParser()
    ap.add_argument("texts")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=64)
    args = ap.parse_args(argv)
    import spacy

    from kg.nlp import MODEL

    nlp = spacy.load(MODEL)

    def texts():
        with open(args.texts, encoding="utf-8") as fh:
            for line in fh:
                yield json.loads(line)["text"]

    docs = words = 0
    for doc in nlp.pipe(texts(), batch_size=args.batch_size, n_process=args.jobs):
        docs += 1
        words += sum(1 for t in doc if not t.is_space and not t.is_punct)
    print(json.dumps({"seconds": time.perf_counter() - t0, "docs": docs, "words": words}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
