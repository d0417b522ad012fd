"""The curation file: what rules cannot know, said by a person.

A Turtle file (any name; `kg build --curation FILE` or `kg resolve --curation FILE`; the store
remembers it and reads it again at every later resolution, so editing it and running `kg
resolve` applies the change):

    @prefix owl:  <http://www.w3.org/2002/07/owl#> .
    @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    @prefix dct:  <http://purl.org/dc/terms/> .
    @prefix org:    <https://w3id.org/alliance-kg/id/org/> .
    @prefix person: <https://w3id.org/alliance-kg/id/person/> .

    <> dct:creator "Jane Analyst" .                                  # who curates (provenance)
    org:global-alliance owl:sameAs org:global-alliance-against-child-sexual-abuse-online .
    person:john-smith owl:differentFrom person:j-smith .            # never one entity
    org:global-alliance skos:prefLabel "Global Alliance against Child Sexual Abuse Online" .

IRIs are raw IRIs (as the article graphs have them) or canonical ones. A merge is undone by
deleting its line: the article graphs are never changed, only the resolved default graph.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.errors import Errors, InputError
from kg.vocab import DCTERMS, OWL, SKOS

_SAME, _DIFF, _PREF = str(OWL.sameAs), str(OWL.differentFrom), str(SKOS.prefLabel)
_CREATOR = str(DCTERMS.creator)


@dataclass
class Curation:
    """Merges, separations and renames from a curation file."""

    path: str | None = None
    same: list[tuple[str, str]] = field(default_factory=list)
    apart: set[frozenset[str]] = field(default_factory=set)
    renames: dict[str, str] = field(default_factory=dict)
    creator: str | None = None
    digest: str | None = None

    @property
    def rule(self) -> str:
        """How merges from this file are recorded (akg:resolvedBy)."""
        who = f" by {self.creator}" if self.creator else ""
        return f"curation:{Path(self.path).name if self.path else 'file'}{who}"

    @classmethod
    def read(cls, path: str | Path) -> "Curation":
        """Read a curation file (Turtle); InputError with the line when it is not valid."""
        path = Path(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(Errors.E520.format(path=path, os_message=exc.strerror or exc)) from exc
        try:
            quads = list(ox.parse(data, format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri()))
        except SyntaxError as exc:
            raise InputError(Errors.E521.format(path=path, error=exc)) from exc
        cur = cls(str(path.resolve()), digest=hashlib.sha256(data).hexdigest())
        for q in quads:
            p, s, o = q.predicate.value, q.subject, q.object
            if p == _CREATOR and isinstance(o, ox.Literal):
                cur.creator = o.value
                continue
            if p not in (_SAME, _DIFF, _PREF):
                continue
            if not isinstance(s, ox.NamedNode) or p != _PREF and not isinstance(o, ox.NamedNode):
                raise InputError(Errors.E522.format(path=path, term=p.rsplit('#', 1)[-1], subject=q.subject,
                                                    object=q.object))
            if p == _SAME:
                cur.same.append(tuple(sorted((s.value, o.value))))
            elif p == _DIFF:
                cur.apart.add(frozenset((s.value, o.value)))
            elif isinstance(o, ox.Literal) and o.value.strip():
                cur.renames[s.value] = o.value.strip()
        cur.same.sort()
        return cur

    def to_state(self) -> dict | None:
        """What the store remembers: the file's path."""
        return {"path": self.path} if self.path else None

    @classmethod
    def from_state(cls, state: dict | None) -> "Curation":
        """The curation the store uses: its file read again (none when it is gone)."""
        if not state or not state.get("path"):
            return cls()
        if not Path(state["path"]).exists():
            return cls()
        return cls.read(state["path"])
