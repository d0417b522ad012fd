"""Find entities and articles by name, regardless of case and accents ("malmstrom" finds "Malmström").

The names of every entity (people, organisations, countries, places, meetings) and the titles of the
articles are read once into memory and read again only when the store has changed.
"""
from __future__ import annotations

import re
import threading
from typing import Any

from kg.analyze import name_keys
from kg.text import GERMAN_TRANSLITERATION

#: classes whose members are found, with the type name shown
SEARCH_CLASSES = {
    "http://xmlns.com/foaf/0.1/Person": "person",
    "http://www.w3.org/ns/org#Organization": "organization",
    "http://www.w3.org/ns/org#FormalOrganization": "organization",
    "https://w3id.org/alliance-kg/ontology#Alliance": "organization",
    "https://schema.org/Country": "country",
    "https://schema.org/City": "city",
    "https://schema.org/Place": "place",
    "https://w3id.org/alliance-kg/ontology#Meeting": "meeting",
    "https://w3id.org/alliance-kg/ontology#Article": "article",
}
_NAMES_QUERY = """SELECT ?e ?t ?n ?rank WHERE {
  VALUES ?t { %s }
  ?e a ?t .
  { ?e skos:prefLabel ?n BIND(0 AS ?rank) } UNION { ?e foaf:name ?n BIND(1 AS ?rank) }
  UNION { ?e skos:altLabel ?n BIND(2 AS ?rank) } UNION { ?e rdfs:label ?n BIND(3 AS ?rank) }
  UNION { ?e dct:title ?n BIND(0 AS ?rank) }
}""" % " ".join(f"<{c}>" for c in SEARCH_CLASSES)


def fullest_first(name: str) -> tuple[int, bool, str]:
    """Sort key of names: the fullest first; of two spellings ("Malmström", "Malmstroem") the accented."""
    return (-len(name.casefold().translate(GERMAN_TRANSLITERATION)), name.isascii(), name)


class NameIndex:
    """Names → entities, rebuilt when the store's data version changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version: Any = object()
        self._entries: list[tuple[str, str, str, str]] = []   #: (key, iri, type, name)
        self._labels: dict[str, str] = {}
        self._types: dict[str, str] = {}

    def refresh(self, store: Any, version: Any) -> None:
        """Read the names again if the store changed since the last time."""
        with self._lock:
            if version == self._version:
                return
            entries, labels, best, types = [], {}, {}, {}
            for e, t, n, rank in store.query(_NAMES_QUERY):
                iri, kind, name = e.value, SEARCH_CLASSES.get(t.value, "resource"), n.value
                r = int(rank.value)
                types.setdefault(iri, kind)
                order = (r, *fullest_first(name))
                if iri not in best or order < best[iri]:
                    best[iri], labels[iri] = order, name
                for key in name_keys(name):
                    entries.append((key, iri, kind, name))
            self._entries, self._labels, self._types, self._version = entries, labels, types, version

    def search(self, text: str, *, kind: str | None = None, limit: int = 50) -> tuple[list[dict[str, str]], int]:
        """Entities whose name matches `text` (whole name, then start, then a word, then anywhere),
        best first; with the number found. An empty text lists everything of `kind`."""
        wanted = {k for k in name_keys(text) if k}
        words = [re.compile(r"(?:^|\W)" + re.escape(w)) for w in wanted]
        found: dict[str, tuple[int, str, str, str]] = {}
        for key, iri, typ, name in self._entries:
            if kind and typ != kind:
                continue
            if not wanted:
                score = 0
            elif key in wanted:
                score = 0
            elif any(key.startswith(w) for w in wanted):
                score = 1
            elif any(p.search(key) for p in words):
                score = 2
            elif any(w in key for w in wanted):
                score = 3
            else:
                continue
            rank = (score, self._labels.get(iri, name).casefold(), iri, name)
            if iri not in found or rank < found[iri]:
                found[iri] = rank
        ranked = sorted(found.values())
        hits = [{"iri": iri, "label": self._labels.get(iri, name), "matched": name,
                 "type": self._types.get(iri, "resource")}
                for _s, _l, iri, name in ranked[:limit]]
        return hits, len(ranked)
