"""Generate a benchmark corpus of N articles from the real corpus, with people's names varied.

Each output article is a real article (taken round-robin from the source folder) in which every
person name found ('Given Surname', given name from a list of common given names, or a name
after a title such as 'President') gets a new, made-up surname and given name, consistently
within the article, so the graph grows with the corpus instead of collapsing onto the same
people. Organisations, countries and places stay as they are.

The output goes to a temporary folder (never into the repository: the BBC texts are for research
use only).

    python benchmarks/make_corpus.py --n 10000 --out /tmp/kg-bench/corpus-10000
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
DEFAULT_SOURCE = HERE.parent.parent / "shared" / "corpus"
NAMES = json.loads((HERE / "data" / "names.json").read_text(encoding="utf-8"))
SUFFIXES = (".txt", ".md", ".html", ".htm")


def source_files(source: Path) -> list[Path]:
    """The article files of the source corpus, sorted."""
    skip = {"README.md", "LICENSE-NOTE.md", "index.jsonl"}
    return sorted(p for p in source.rglob("*") if p.suffix in SUFFIXES and p.name not in skip)


def _surname(rng: random.Random) -> str:
    parts = NAMES["syllables"]
    return "".join(rng.choice(parts) for _ in range(rng.choice((2, 2, 3)))).capitalize()


_TITLED = re.compile(r"\b(?:" + "|".join(NAMES["titles"]) + r")\.?\s([A-Z][a-zà-ÿ'’-]{2,})\b")
_PAIR = re.compile(r"\b([A-Z][a-zà-ÿ]+)\s((?:[A-Z][a-zà-ÿ'’-]+\s)?[A-Z][a-zà-ÿ'’-]{2,})\b")
STOP = set(NAMES["not_surnames"])


def _gender(given: str) -> str | None:
    """'male'/'female' for a known given name (gender-guesser's dictionary), else None."""
    from gender_guesser.detector import Detector

    global _DETECTOR
    try:
        detector = _DETECTOR
    except NameError:
        detector = _DETECTOR = Detector(case_sensitive=False)
    g = detector.get_gender(given)
    return {"male": "male", "mostly_male": "male", "female": "female", "mostly_female": "female"}.get(g)


def vary(text: str, seed: int) -> str:
    """The text with each person's surname (everywhere) and given name replaced, consistently."""
    rng = random.Random(seed)
    words: dict[str, str] = {}
    for m in _PAIR.finditer(text):
        given, sur = m.group(1), m.group(2)
        gender = _gender(given) if given not in STOP else None
        if gender is None or any(w in STOP for w in sur.split()):
            continue
        words.setdefault(given, rng.choice(NAMES[gender]))
        for w in sur.split():
            words.setdefault(w, _surname(rng))
    for m in _TITLED.finditer(text):
        if m.group(1) not in STOP:
            words.setdefault(m.group(1), _surname(rng))
    if not words:
        return text
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + r")\b")
    return pattern.sub(lambda m: words[m.group(1)], text)


def generate(source: Path, out: Path, n: int) -> tuple[int, int]:
    """Write n varied articles to `out`; return (articles, words)."""
    files = source_files(source)
    if not files:
        raise SystemExit(f"no articles under {source}")
    out.mkdir(parents=True, exist_ok=True)
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in files]
    words = 0
    for i in range(n):
        src = i % len(files)
        text = texts[src] if i < len(files) else vary(texts[src], seed=i)
        (out / f"bench-{i:05d}{files[src].suffix}").write_text(text, encoding="utf-8")
        words += len(text.split())
    return n, words


def main(argv: list[str] | None = None) -> int:
    """Command line: --n, --source, --out."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=10_000, help="articles to write (default 10000)")
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="real corpus folder (../shared/corpus)")
    ap.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "kg-bench" / "corpus-10000")
    args = ap.parse_args(argv)
    n, words = generate(args.source, args.out, args.n)
    print(f"wrote {n} articles ({words} words) to {args.out}", file=sys.stderr)
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
