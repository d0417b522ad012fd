"""The graph store: what kg needs of a store (`GraphStore`), the factory that opens one
(`open_store`), and the embedded Oxigraph store on disk (`Store`).

Every store keeps one named graph per article, named by the article's IRI, so re-building an
article replaces exactly its facts; queries read the union of the article graphs. Two stores
implement `GraphStore`: `Store` here (a folder on disk) and `kg.remote_store.RemoteStore` (a
SPARQL 1.1 server); `open_store` picks one from the ``--store`` value.

In the embedded store the default graph holds the union of the article graphs as a set — each
triple once, however many articles state it — kept in step with the article graphs in the same
transaction as every write; queries read it. (Oxigraph's own union of named graphs is a bag: an
entity named in 1,000 articles would bring its type and labels 1,000 times into every join.)
"""
from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol

import pyoxigraph as ox

from kg import storeformat
from kg.errors import Errors, InputError, KgError, StoreError, StoreVersionError
from kg.ioerrors import damaged, store_fault
from kg.remote_store import RemoteStore, is_url
from kg.resolve import mark_dirty, pending_articles
from kg.storelock import LOCK_FILES, StoreLock, writer_present
from kg.vocab import AKG, PREFIX_IRIS, STATS_CLASSES

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Dataset

__all__ = ["GraphStore", "Pattern", "Store", "open_store"]

#: a (predicate, object) pattern of `GraphStore.union_triples`; None matches anything
Pattern = tuple["ox.NamedNode | None", "ox.Term | None"]


class GraphStore(Protocol):
    """What kg's commands need of a store: one named graph per article, queries over their union.

    `Store` (embedded, on disk) and `kg.remote_store.RemoteStore` (a SPARQL 1.1 server) implement
    it; `open_store` opens either. A new kind of store implements these methods and is added to
    `open_store`.
    """

    #: where the store is (a folder or a URL), for messages
    path: Any
    read_only: bool
    #: whether the store resolves entities across articles (`Store.resolve`, kg.resolve); a SPARQL
    #: endpoint keeps the plain union of its article graphs
    resolves: bool

    def __enter__(self) -> "GraphStore": ...

    def __exit__(self, *exc: object) -> None: ...

    def close(self) -> None:
        """Release the store (flush what is buffered)."""

    def flush(self) -> None:
        """Write buffered changes through (a long build calls it now and then)."""

    def article_hash(self, article_iri: str) -> str | None:
        """The content hash the store holds for an article, or None."""

    def article_hashes(self, article_iris: Iterable[str]) -> dict[str, str]:
        """The content hashes of those of `article_iris` the store holds."""

    def replace_article(self, article_iri: str, ntriples: str) -> None:
        """Replace an article's graph with these N-Triples."""

    def replace_articles(self, items: Iterable[tuple[str, str]]) -> None:
        """Replace the graphs of several articles: (article IRI, N-Triples) pairs."""

    def remove_article(self, article_iri: str) -> None:
        """Remove an article and all its facts."""

    def articles(self) -> list[str]:
        """The IRIs of the articles in the store, sorted."""

    def query(self, sparql: str) -> Any:
        """Run SPARQL over the union of the article graphs (pyoxigraph results; kg prefixes predeclared)."""

    def __len__(self) -> int:
        """The number of quads in the article graphs."""

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of the article graphs."""

    def union_triples(self, patterns: Sequence[Pattern]) -> Iterator[ox.Triple]:
        """The distinct triples of the union that match one of `patterns` (patterns should not overlap)."""

    def stats(self) -> dict[str, int]:
        """Counts: articles, triples, quads, and entities per class (`kg.vocab.STATS_CLASSES`)."""

    def dump(self, out: IO[bytes], fmt: str) -> int:
        """Write the graph to `out` as turtle, nt, nq or trig; the number of triples or quads written."""

    def to_nquads(self) -> bytes:
        """The article graphs as N-Quads."""

    def to_rdflib(self) -> "Dataset":
        """The whole store as an rdflib Dataset (one graph per article); for small graphs."""


def open_store(location: str | Path, *, create: bool = True, read_only: bool = False) -> GraphStore:
    """The store at `location`: the http(s) URL of a SPARQL endpoint, or a folder on disk.

    A folder is created unless `read_only` (or `create=False`); StoreError says what is wrong.

    >>> with open_store(tmp / "doc-store") as store:
    ...     store.replace_articles([("https://example.org/a", '<urn:x> <urn:p> "1" .\\n')])
    ...     store.articles(), len(store)
    (['https://example.org/a'], 1)
    """
    if is_url(location):
        return RemoteStore.open(str(location), read_only=read_only)
    return Store.open(location, create=create, read_only=read_only)

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

_DEFAULT = ox.DefaultGraph()
#: the file that marked stores of format 1 (the default graph holds the union of the article graphs);
#: the format is now in kg.storeformat.MARKER
UNION_MARKER = storeformat.LEGACY_UNION


#: an RDF/XML file may expand its XML entities to at most this many bytes (nested entities,
#: "billion laughs", are refused outright)
MAX_ENTITY_EXPANSION = 10_000_000
_ENTITY_DECL = re.compile(rb"<!ENTITY\s+(%\s*)?([^\s%&;<>]+)\s+(?:\"([^\"]*)\"|'([^']*)'|(\S+))")


def _check_xml_entities(data: bytes, path: Path) -> None:
    """Refuse RDF/XML whose entities could blow up in memory (nested, parameter or many large ones)."""
    for enc in ("utf-16-le", "utf-16-be"):             # entity declarations written in UTF-16
        if "<!ENTITY".encode(enc) in data:
            data = data.decode(enc, "replace").encode("utf-8")
            break
    if b"<!ENTITY" not in data:
        return
    total = len(data)
    for m in _ENTITY_DECL.finditer(data):
        param, name, value = m.group(1), m.group(2), m.group(3) if m.group(3) is not None else m.group(4)
        if param or value is None or b"&" in value or b"%" in value:
            raise InputError(Errors.E100.format(path=path, name=name.decode('utf-8', 'replace')))
        total += data.count(b"&" + name + b";") * len(value)
        if total > MAX_ENTITY_EXPANSION:
            raise InputError(Errors.E101.format(path=path, amount=MAX_ENTITY_EXPANSION // 1_000_000))


def _engine_error(exc: BaseException, path: Path | None, message: str) -> KgError:
    """The error for a fault of the storage engine: a full disk (DiskFull), a damaged store
    (StoreDamaged)... or, failing those, a StoreError with `message` (what the engine said)."""
    return store_fault(exc, path) or StoreError(message)


def _check_folder(path: Path, has_files: bool) -> None:
    """Refuse a folder whose database is gone (a damaged store) or that is not a store at all."""
    if not has_files or (path / "CURRENT").exists():
        return
    kg_files = [n for n in (storeformat.MARKER, storeformat.LEGACY_UNION, *storeformat.ENGINE_FILES)
                if (path / n).exists()]
    kg_files += [p.name for pattern in storeformat.ENGINE_PATTERNS for p in sorted(path.glob(pattern))]
    if kg_files:
        raise damaged(path, f"its database file CURRENT is missing, next to {', '.join(kg_files[:4])}")
    raise StoreError(Errors.E105.format(path=path))


class Store:
    """An article-partitioned RDF store (Oxigraph) with the operations kg needs."""

    resolves = True      #: entities are resolved across articles (`resolve`)

    def __init__(self, ox_store: ox.Store, path: Path | None = None, *, read_only: bool = False,
                 lock: StoreLock | None = None):
        self._store = ox_store
        self.path = path
        self.read_only = read_only
        self._lock = lock           #: readers and the writer take turns (kg/storelock.py)
        #: articles an earlier build or remove wrote but stopped before resolving across articles
        #: (kg.resolve): queries see them unresolved until the next build or `kg resolve`
        self.unresolved = 0

    # -- opening -----------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True, read_only: bool = False) -> "Store":
        """Open the store folder at `path`; create it unless `read_only` (or `create=False`).

        For a ``--store`` value that may also be a SPARQL endpoint's URL use `open_store`.
        """
        if is_url(path):
            raise StoreError(Errors.E102.format(path=path))
        path = Path(path)
        if path.exists() and not path.is_dir():
            raise StoreError(Errors.E103.format(path=path))
        def has_files() -> bool:
            return any(p.name not in LOCK_FILES for p in path.iterdir())

        existing = path.is_dir() and has_files()
        if (read_only or not create) and not existing:
            raise StoreError(Errors.E104.format(path=path))
        _check_folder(path, existing)
        found = storeformat.read(path) if existing else storeformat.FORMAT
        if read_only:
            storeformat.check_readable(path, found)
        elif found > storeformat.FORMAT:
            raise StoreVersionError(storeformat.newer_message(path, found))
        if not read_only:
            try:
                path.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise _engine_error(exc, path, Errors.E106.format(path=path, reason=exc)) from exc
        lock = StoreLock(path)
        try:
            if read_only:
                lock.acquire_read()
                store = ox.Store.read_only(str(path))
            else:
                lock.acquire_write()
                store = ox.Store(str(path))
        except (OSError, RuntimeError) as exc:   # RocksDB reports a damaged store as RuntimeError
            lock.close()
            raise _engine_error(exc, path, Errors.E107.format(path=path, os_message=exc)) from exc
        except BaseException:
            lock.close()
            raise
        opened = cls(store, path, read_only=read_only, lock=lock)
        try:
            if not read_only:
                storeformat.upgrade(opened, path, found if existing else 0)
            if not read_only or not writer_present(path):    # (a running build resolves at its end)
                opened.unresolved = len(pending_articles(opened))
        except (OSError, RuntimeError) as exc:
            opened.close()
            raise _engine_error(exc, path, Errors.E117.format(path=path, os_message=exc)) from exc
        except BaseException:
            opened.close()
            raise
        return opened

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
            raise InputError(Errors.E108.format(path=path, reason=exc.strerror or exc)) from exc
        try:
            if suffix in _JSONLD_SUFFIXES:
                # Oxigraph's JSON-LD parser has no document loader: a remote @context is an error,
                # never a network request
                store._store.load(data, format=ox.RdfFormat.JSON_LD)
            elif suffix in _FORMATS:
                fmt = _FORMATS[suffix]
                if fmt == ox.RdfFormat.RDF_XML:
                    _check_xml_entities(data, path)
                store._store.load(data, format=fmt,
                                  to_graph=None if fmt.supports_datasets else ox.DefaultGraph())
            else:
                known = ", ".join(sorted({*_FORMATS, *_JSONLD_SUFFIXES}))
                raise InputError(Errors.E109.format(path=path, suffix=suffix, known=known))
        except (SyntaxError, ValueError) as exc:
            hint = ""
            if "remote context" in str(exc).lower():
                hint = ("; kg never fetches documents from the network: put the @context into the file "
                        "instead of its URL")
            elif "ENTITY" in str(exc):
                hint = "; external XML entities are never loaded"
            raise InputError(Errors.E110.format(path=path, error=exc, hint=hint)) from exc
        store._adopt_default_graph(ox.NamedNode(path.resolve().as_uri()))
        return store

    def _adopt_default_graph(self, graph: ox.NamedNode) -> None:
        """After loading a file: triples outside any named graph go to `graph` (named for the file),
        then the default graph becomes the union of the named graphs."""
        loose = [ox.Quad(q.subject, q.predicate, q.object, graph)
                 for q in self.oxigraph.quads_for_pattern(None, None, None, _DEFAULT)]
        if loose:
            self.oxigraph.extend(loose)
        self._copy_graphs_to_default()

    def _copy_graphs_to_default(self, batch: int = 100_000) -> None:
        """Add every triple of the named graphs to the default graph (which is a set)."""
        chunk: list[ox.Quad] = []
        for q in self.oxigraph.quads_for_pattern(None, None, None, None):
            if isinstance(q.graph_name, ox.DefaultGraph):
                continue
            chunk.append(ox.Quad(q.subject, q.predicate, q.object, _DEFAULT))
            if len(chunk) >= batch:
                self.oxigraph.extend(chunk)
                chunk = []
        if chunk:
            self.oxigraph.extend(chunk)

    def _build_union(self) -> None:
        """Upgrade from format 0 (kg.storeformat): fill the default graph with the union of the
        article graphs. Idempotent: an interrupted run is simply done again on the next open."""
        if self.has_articles():
            self._copy_graphs_to_default()
            self.oxigraph.flush()

    def has_articles(self) -> bool:
        """Does the store hold any article graph?"""
        return any(True for _ in self.oxigraph.named_graphs())

    def flush(self) -> None:
        """Write RocksDB's memory buffers to disk (they grow to ~1 GB in a long build otherwise)."""
        try:
            self.oxigraph.flush()
        except (OSError, RuntimeError) as exc:
            raise _engine_error(exc, self.path, Errors.E111.format(path=self.path, os_message=exc)) from exc

    def close(self) -> None:
        """Flush and release the store."""
        if self._store is not None and not self.read_only and self.path is not None:
            try:
                self._store.flush()
            except OSError:
                pass
        self._store = None
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def _yield_to_readers(self) -> None:
        """Writer: if readers wait, close the database until they have read (kg/storelock.py)."""
        if self._lock is None or self._store is None or not self._lock.readers_waiting():
            return
        try:
            self._store.flush()
        except OSError:
            pass
        self._store = None                      # the last reference: RocksDB closes
        self._lock.let_readers_in()
        try:
            self._store = ox.Store(str(self.path))
        except (OSError, RuntimeError) as exc:
            raise _engine_error(exc, self.path, Errors.E112.format(path=self.path, os_message=exc)) from exc

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph store."""
        if self._store is None:
            raise StoreError(Errors.E113)
        return self._store

    # -- articles ----------------------------------------------------------------------------

    def article_hash(self, article_iri: str) -> str | None:
        """The content hash the store holds for an article, or None if it is not in the store."""
        self._yield_to_readers()
        node = ox.NamedNode(article_iri)
        for quad in self.oxigraph.quads_for_pattern(node, ox.NamedNode(str(AKG.contentHash)), None, node):
            return quad.object.value
        return None

    def article_hashes(self, article_iris: Iterable[str]) -> dict[str, str]:
        """The content hashes of those of `article_iris` the store holds."""
        return {iri: h for iri in article_iris if (h := self.article_hash(iri)) is not None}

    def replace_articles(self, items: Iterable[tuple[str, str]]) -> None:
        """Replace the graphs of several articles, each in its own transaction."""
        for article_iri, ntriples in items:
            self.replace_article(article_iri, ntriples)

    def replace_article(self, article_iri: str, ntriples: str) -> None:
        """Atomically replace the named graph of an article with these N-Triples (and keep the union).

        The union is the plain one until `resolve` runs (kg.build runs it after every build)."""
        self._writable()
        self._yield_to_readers()
        mark_dirty(self, article_iri)
        try:
            # parse first: a bad line must never leave the article half-replaced
            parsed = ox.parse(ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
            graph = ox.NamedNode(article_iri)
            if self.oxigraph.contains_named_graph(graph):
                new = {(q.subject, q.predicate, q.object) for q in parsed}
            else:
                new = None
                count = sum(1 for _ in parsed)
        except SyntaxError as exc:
            raise StoreError(Errors.E114.format(error=exc)) from exc
        # One SPARQL update is one transaction: readers never see the graph or the union half-replaced.
        if new is None:                         # a new article: its triples join the union as they are
            if count:
                self._update(f"INSERT DATA {{ GRAPH <{article_iri}> {{\n{ntriples}\n}} }} ;\n"
                             f"INSERT DATA {{\n{ntriples}\n}}")
            return
        parts = [f"DROP SILENT GRAPH <{article_iri}>"]
        if new:
            parts.append(f"INSERT DATA {{ GRAPH <{article_iri}> {{\n{ntriples}\n}} }}")
        parts += self._union_changes(graph, self._graph_triples(graph), new)
        self._update(" ;\n".join(parts))

    def remove_article(self, article_iri: str) -> None:
        """Remove an article and all its facts (run `resolve` afterwards)."""
        self._writable()
        self._yield_to_readers()
        mark_dirty(self, article_iri)
        graph = ox.NamedNode(article_iri)
        parts = [f"DROP SILENT GRAPH <{article_iri}>"]
        parts += self._union_changes(graph, self._graph_triples(graph), set())
        self._update(" ;\n".join(parts))

    def resolve(self, changed=None, *, curation=None, full: bool = False):
        """Resolve entities across articles after writes (kg.resolve): the default graph becomes the
        resolved union of the article graphs. Returns a kg.resolve.ResolveReport."""
        from kg.resolve import resolve_store

        self._writable()
        self._yield_to_readers()
        return resolve_store(self, changed, curation=curation, full=full)

    def reset_union(self) -> None:
        """Make the default graph the plain union of the article graphs again (before a full resolution)."""
        self._writable()
        self.oxigraph.clear_graph(_DEFAULT)
        self._copy_graphs_to_default()

    def _graph_triples(self, graph: ox.NamedNode) -> set[tuple]:
        return {(q.subject, q.predicate, q.object)
                for q in self.oxigraph.quads_for_pattern(None, None, None, graph)}

    def _union_changes(self, graph: ox.NamedNode, old: set[tuple], new: set[tuple]) -> list[str]:
        """SPARQL updates that bring the union (default graph) from `old` to `new` for one article:
        insert what is new, delete what the article no longer states unless another article does."""
        def stated_elsewhere(t: tuple) -> bool:
            return any(not isinstance(q.graph_name, ox.DefaultGraph) and q.graph_name != graph
                       for q in self.oxigraph.quads_for_pattern(*t, None))

        gone = [t for t in old - new if not stated_elsewhere(t)]
        added = new - old
        parts = []
        if gone:
            parts.append("DELETE DATA {\n" + "".join(f"{ox.Triple(*t)} .\n" for t in gone) + "}")
        if added:
            parts.append("INSERT DATA {\n" + "".join(f"{ox.Triple(*t)} .\n" for t in added) + "}")
        return parts

    def _update(self, sparql: str) -> None:
        try:
            self.oxigraph.update(sparql)
        except (OSError, RuntimeError) as exc:
            raise _engine_error(exc, self.path, Errors.E111.format(path=self.path, os_message=exc)) from exc

    def articles(self) -> list[str]:
        """IRIs of the articles in the store, sorted."""
        return sorted(g.value for g in self.oxigraph.named_graphs() if isinstance(g, ox.NamedNode))

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(Errors.E115)

    # -- reading -----------------------------------------------------------------------------

    def query(self, sparql: str, *, graph: str | None = None):
        """Run a SPARQL query over the union of the article graphs (or one article's graph); the kg
        prefixes are predeclared."""
        if graph is not None:
            return self.oxigraph.query(sparql, default_graph=ox.NamedNode(graph), prefixes=PREFIX_IRIS)
        return self.oxigraph.query(sparql, prefixes=PREFIX_IRIS)

    def __len__(self) -> int:
        """The number of quads in the article graphs."""
        return len(self.oxigraph) - self.triple_count()

    def triple_count(self) -> int:
        """The number of triples of the default graph (the resolved union of the article graphs)."""
        return int(next(iter(self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"].value)

    def union_quads(self, predicate: ox.NamedNode | None = None,
                    obj: ox.Term | None = None) -> Iterator[ox.Quad]:
        """The statements of the union (each triple once; read subject, predicate and object of
        each quad) with this predicate (and object), when given."""
        return self.oxigraph.quads_for_pattern(None, predicate, obj, _DEFAULT)

    def union_triples(self, patterns: Sequence[Pattern]) -> Iterator[ox.Triple]:
        """The distinct triples of the union that match one of `patterns`, pattern by pattern (a
        triple matching two patterns comes twice)."""
        for predicate, obj in patterns:
            for q in self.union_quads(predicate, obj):
                yield ox.Triple(q.subject, q.predicate, q.object)

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of the article graphs."""
        return (q for q in self.oxigraph if not isinstance(q.graph_name, ox.DefaultGraph))

    def triples(self) -> Iterator[ox.Triple]:
        """Every distinct triple of the union of the article graphs."""
        return (ox.Triple(q.subject, q.predicate, q.object)
                for q in self.oxigraph.quads_for_pattern(None, None, None, _DEFAULT))

    def stats(self) -> dict[str, int]:
        """Counts: articles, triples (distinct over all articles), quads, and entities per class."""
        counts = {"articles": len(self.articles()), "triples": self.triple_count(), "quads": len(self)}
        for label, cls in STATS_CLASSES.items():
            row = next(iter(self.query(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a <{cls}> }}")))
            counts[label] = int(row["n"].value)
        return counts

    def dump(self, out: IO[bytes], fmt: str) -> int:
        """Write the graph to `out` as turtle, nt (the union), nq or trig (one graph per article).

        Returns the number of triples (or quads) written.
        """
        prefixes = PREFIX_IRIS
        if fmt in ("nq", "trig"):
            ox_fmt = ox.RdfFormat.N_QUADS if fmt == "nq" else ox.RdfFormat.TRIG
            counter = _Counter(self.quads())
            ox.serialize(counter, out, format=ox_fmt, prefixes=None if fmt == "nq" else prefixes)
            return counter.n
        if fmt not in ("turtle", "nt"):
            raise StoreError(Errors.E116.format(fmt=fmt))
        ox_fmt = ox.RdfFormat.TURTLE if fmt == "turtle" else ox.RdfFormat.N_TRIPLES
        # the union is the default graph: Oxigraph writes it alone
        self.oxigraph.dump(out, format=ox_fmt, from_graph=_DEFAULT, prefixes=prefixes if fmt == "turtle" else None)
        return self.triple_count()

    def to_nquads(self) -> bytes:
        """The article graphs as N-Quads."""
        buf = io.BytesIO()
        ox.serialize(self.quads(), buf, format=ox.RdfFormat.N_QUADS)
        return buf.getvalue()

    def to_rdflib(self) -> "Dataset":
        """The whole store as an rdflib Dataset (one graph per article); for small graphs."""
        from kg.rdf import dataset_from_nquads

        return dataset_from_nquads(self.to_nquads())


class _Counter:
    """Pass items through, counting them."""

    def __init__(self, items) -> None:
        self._items = iter(items)
        self.n = 0

    def __iter__(self):
        return self

    def __next__(self):
        item = next(self._items)
        self.n += 1
        return item
