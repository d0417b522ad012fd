"""The graph store: an embedded Oxigraph store on disk, one named graph per article.

Each article's triples live in the named graph whose name is the article's IRI, so re-building
an article replaces exactly its facts. Queries see the union of all article graphs.
"""
from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from kg.errors import InputError, StoreError
from kg.vocab import AKG, PREFIXES

#: file suffix → pyoxigraph format, for `Store.from_file` and exports
_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE, ".turtle": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES, ".ntriples": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS, ".nquads": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".rdf": ox.RdfFormat.RDF_XML, ".owl": ox.RdfFormat.RDF_XML, ".xml": ox.RdfFormat.RDF_XML,
    ".n3": ox.RdfFormat.N3,
}
_JSONLD_SUFFIXES = {".jsonld", ".json"}

#: what `stats()` counts, in order: label → class IRI
_COUNTED_CLASSES = {
    "people": "http://xmlns.com/foaf/0.1/Person",
    "organizations": "http://www.w3.org/ns/org#Organization",
    "countries": "https://schema.org/Country",
    "places": "https://schema.org/City",
    "posts": "http://www.w3.org/ns/org#Post",
    "memberships": "http://www.w3.org/ns/org#Membership",
    "meetings": str(AKG.Meeting),
}


_QUERY_PREFIXES = {k: str(v) for k, v in PREFIXES.items()}


def default_store_path() -> Path:
    """The store used when none is given: $KG_STORE, else ./kg-store."""
    return Path(os.environ.get("KG_STORE") or "kg-store")


def _os_message(exc: BaseException) -> str:
    text = str(exc)
    if "lock" in text.lower():
        return "the store is in use by another kg process; wait for it to finish and try again"
    return text


class Store:
    """An article-partitioned RDF store (Oxigraph) with the operations kg needs."""

    def __init__(self, ox_store: ox.Store, path: Path | None = None, *, read_only: bool = False):
        self._store = ox_store
        self.path = path
        self.read_only = read_only

    # -- opening -----------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True, read_only: bool = False) -> "Store":
        """Open the store at `path`; create it unless `read_only` (or `create=False`).

        An http(s) URL opens a SPARQL 1.1 endpoint instead (a kg.remote_store.RemoteStore).
        """
        if isinstance(path, str) and path.lower().startswith(("http://", "https://")):
            from kg.remote_store import RemoteStore

            return RemoteStore.open(path, create=create, read_only=read_only)
        path = Path(path)
        if path.exists() and not path.is_dir():
            raise StoreError(f"{path} is a file, not a store directory; choose another --store")
        if read_only or not create:
            if not path.is_dir() or not any(path.iterdir()):
                raise StoreError(f"no store at {path} — run `kg build ARTICLES --store {path}` first")
        elif path.is_dir() and any(path.iterdir()) and not (path / "CURRENT").exists():
            raise StoreError(f"{path} is a non-empty folder that is not a kg store; choose another --store")
        try:
            if read_only:
                store = ox.Store.read_only(str(path))
            else:
                path.mkdir(parents=True, exist_ok=True)
                store = ox.Store(str(path))
        except OSError as exc:
            raise StoreError(f"cannot open the store at {path}: {_os_message(exc)}") from exc
        return cls(store, path, read_only=read_only)

    @classmethod
    def in_memory(cls) -> "Store":
        """An empty store that lives in memory only."""
        return cls(ox.Store())

    @classmethod
    def from_file(cls, path: str | Path) -> "Store":
        """An in-memory store holding the RDF file at `path` (format from its suffix)."""
        path = Path(path)
        store = cls.in_memory()
        suffix = path.suffix.lower()
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc
        try:
            if suffix in _JSONLD_SUFFIXES:
                from rdflib import Dataset

                ds = Dataset()
                ds.parse(data=data, format="json-ld")
                store._store.load(ds.serialize(format="nquads", encoding="utf-8"), format=ox.RdfFormat.N_QUADS)
            elif suffix in _FORMATS:
                fmt = _FORMATS[suffix]
                store._store.load(data, format=fmt,
                                  to_graph=None if fmt.supports_datasets else ox.DefaultGraph())
            else:
                known = ", ".join(sorted({*_FORMATS, *_JSONLD_SUFFIXES}))
                raise InputError(f"{path}: unknown RDF file type '{suffix}'; use one of {known}")
        except (SyntaxError, ValueError) as exc:
            raise InputError(f"{path} is not valid RDF: {exc}") from exc
        return store

    def close(self) -> None:
        """Flush and release the store."""
        if self._store is not None and not self.read_only and self.path is not None:
            try:
                self._store.flush()
            except OSError:
                pass
        self._store = None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph store."""
        if self._store is None:
            raise StoreError("the store is closed")
        return self._store

    # -- articles ----------------------------------------------------------------------------

    def article_hash(self, article_iri: str) -> str | None:
        """The content hash the store holds for an article, or None if it is not in the store."""
        node = ox.NamedNode(article_iri)
        for quad in self.oxigraph.quads_for_pattern(node, ox.NamedNode(str(AKG.contentHash)), None, node):
            return quad.object.value
        return None

    def replace_article(self, article_iri: str, ntriples: str) -> None:
        """Atomically replace the named graph of an article with these N-Triples."""
        self._writable()
        try:
            # parse first: a bad line must never leave the article half-replaced
            count = sum(1 for _ in ox.parse(ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
        except SyntaxError as exc:
            raise StoreError(f"internal error: the mapping produced invalid N-Triples ({exc})") from exc
        # One SPARQL update is one transaction: readers never see the graph half-replaced.
        update = f"DROP SILENT GRAPH <{article_iri}>"
        if count:
            update += f" ;\nINSERT DATA {{ GRAPH <{article_iri}> {{\n{ntriples}\n}} }}"
        try:
            self.oxigraph.update(update)
        except OSError as exc:
            raise StoreError(f"cannot write to the store at {self.path}: {_os_message(exc)}") from exc

    def remove_article(self, article_iri: str) -> None:
        """Remove an article and all its facts."""
        self._writable()
        self.oxigraph.update(f"DROP SILENT GRAPH <{article_iri}>")

    def articles(self) -> list[str]:
        """IRIs of the articles in the store, sorted."""
        return sorted(g.value for g in self.oxigraph.named_graphs() if isinstance(g, ox.NamedNode))

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError("the store was opened read-only")

    # -- reading -----------------------------------------------------------------------------

    def query(self, sparql: str):
        """Run a SPARQL query over the union of the article graphs; the kg prefixes are predeclared."""
        return self.oxigraph.query(sparql, use_default_graph_as_union=True, prefixes=_QUERY_PREFIXES)

    def __len__(self) -> int:
        return len(self.oxigraph)

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of the store."""
        return iter(self.oxigraph)

    def stats(self) -> dict[str, int]:
        """Counts: articles, triples (distinct over all articles), quads, and entities per class."""
        counts = {"articles": len(self.articles())}
        triples = next(iter(self.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o "
                                       "WHERE { ?s ?p ?o } }")))["n"]
        counts["triples"] = int(triples.value)
        counts["quads"] = len(self.oxigraph)
        for label, cls in _COUNTED_CLASSES.items():
            row = next(iter(self.query(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a <{cls}> }}")))
            counts[label] = int(row["n"].value)
        return counts

    def dump(self, out: IO[bytes], fmt: str) -> int:
        """Write the graph to `out` as turtle, nt (the union), nq or trig (one graph per article).

        Returns the number of triples (or quads) written.
        """
        prefixes = {k: str(v) for k, v in PREFIXES.items()}
        if fmt in ("nq", "trig"):
            ox_fmt = ox.RdfFormat.N_QUADS if fmt == "nq" else ox.RdfFormat.TRIG
            self.oxigraph.dump(out, format=ox_fmt, prefixes=None if fmt == "nq" else prefixes)
            return len(self.oxigraph)
        if fmt not in ("turtle", "nt"):
            raise StoreError(f"unknown dump format '{fmt}'")
        triples = sorted(set(self._union_triples()), key=str)
        ox_fmt = ox.RdfFormat.TURTLE if fmt == "turtle" else ox.RdfFormat.N_TRIPLES
        ox.serialize(triples, out, format=ox_fmt, prefixes=prefixes if fmt == "turtle" else None)
        return len(triples)

    def _union_triples(self) -> Iterator[ox.Triple]:
        for q in self.oxigraph:
            yield ox.Triple(q.subject, q.predicate, q.object)

    def to_nquads(self) -> bytes:
        """The whole store as N-Quads."""
        buf = io.BytesIO()
        self.oxigraph.dump(buf, format=ox.RdfFormat.N_QUADS)
        return buf.getvalue()

    def to_rdflib(self):
        """The whole store as an rdflib Dataset (one graph per article); for small graphs."""
        from rdflib import Dataset

        from kg.vocab import bind_prefixes

        ds = Dataset()
        data = self.to_nquads()
        if data:
            ds.parse(data=data, format="nquads")
        bind_prefixes(ds)
        return ds
