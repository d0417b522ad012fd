"""Name normalisation: folding, matching keys and slugs used for merging and IRI minting."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from kg.text import GERMAN_TRANSLITERATION

_TRANSLIT = re.compile(r"(?<=[bcdfghjklmnpqrstvwxz])(ae|oe|ue)(?=[bcdfghjklmnpqrstvwxz])(?!l\b)")  # not 'Miguel', 'Manuel'


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lowercase, accents removed, punctuation to spaces, whitespace collapsed (memoised: a hot path)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold().replace("'s ", " ").replace("’s ", " ")
    text = re.sub(r"(?<=\w)['’](?=\w)", "", text)       # "O'Brien" → "obrien"
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


def name_key(name: str) -> str:
    """Key under which spellings of one name meet: 'Malmström', 'Malmstroem', 'Malmstrom' → 'malmstrom'."""
    folded = [_TRANSLIT.sub(lambda m: m.group(1)[0], w) for w in fold(name.translate(GERMAN_TRANSLITERATION)).split()]
    return " ".join(folded)


def slug(text: str, max_len: int = 80) -> str:
    """A safe IRI path segment for any text: [a-z0-9-], never empty, long names shortened with a hash."""
    s = re.sub(r"[^a-z0-9]+", "-", name_key(text).replace(" ", "-")).strip("-")
    if not s:
        return "x" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    if len(s) > max_len:
        s = s[: max_len - 13].rstrip("-") + "-" + hashlib.sha1(s.encode()).hexdigest()[:12]
    return s


def title_case(text: str) -> str:
    """Capitalise a lowercase title ('home affairs commissioner' → 'Home Affairs Commissioner'), keep others."""
    small = {"of", "for", "and", "the", "on", "in", "to", "at", "against"}
    words = text.split()
    out = []
    for i, w in enumerate(words):
        if w.islower() and (i == 0 or w not in small):
            parts = w.split("-")
            w = "-".join(p if k and p in small else p[:1].upper() + p[1:] for k, p in enumerate(parts))
        out.append(w)
    return " ".join(out)
