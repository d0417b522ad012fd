"""The Python API for notebooks and scripts: open a store, build articles into it, query it, draw it.

``kg.open(path)`` gives a :class:`KnowledgeGraph`; it opens the store only for the length of each
call (read-only for queries), so it can stay in a notebook while ``kg build`` or ``kg serve`` use
the same store. In the examples ``store_path`` is a store built from the sample articles:

>>> import kg
>>> store = kg.open(store_path)
>>> rows = store.query("roles", person="kgr:person/eric-holder")
>>> [(row["name"], row["role"], row["organizationName"]) for row in rows]
[('Eric Holder', 'Attorney General', 'United States')]
>>> rows.columns[:3]
['person', 'name', 'role']
>>> store.query("ASK { ?p a foaf:Person }")
True
"""
from __future__ import annotations

import html
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from kg.errors import Errors, KgError, StoreError

if TYPE_CHECKING:  # pragma: no cover
    import pandas
    from rdflib import Graph

    from kg.build import BuildReport
    from kg.query import QueryResult

__all__ = ["KnowledgeGraph", "Rows", "View", "open_store"]


def _python(term: Any) -> Any:
    """A result cell as a plain Python value: IRIs as str, literals as their Python value."""
    if term is None:
        return None
    from rdflib import Literal

    if isinstance(term, Literal):
        value = term.toPython()
        return str(term) if isinstance(value, Literal) else value
    return str(term)


class Rows(Sequence[dict[str, Any]]):
    """The rows of a SELECT result: a sequence of dicts (column → value; None when unbound).

    IRIs are strings, literals their Python values (str, int, Decimal, datetime.date...).
    ``to_df()`` makes a pandas DataFrame (``pip install 'alliance-kg[pandas]'``); in a notebook
    the rows show as a table.

    >>> rows = kg.open(store_path).query("countries", iso="NG")
    >>> rows
    country         name     iso
    --------------  -------  ---
    kgr:country/NG  Nigeria  NG
    (1 row)
    >>> rows[0]["name"], len(rows)
    ('Nigeria', 1)
    """

    def __init__(self, result: "QueryResult") -> None:
        self._result = result
        self.columns: list[str] = list(result.vars)
        self._rows = [dict(zip(self.columns, (_python(t) for t in row))) for row in result.rows]

    def __getitem__(self, index):  # type: ignore[override]
        return self._rows[index]

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self._rows)

    def __repr__(self) -> str:
        from kg.query import format_result

        return format_result(self._result, "table").rstrip("\n")

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{html.escape(c)}</th>" for c in self.columns)
        body = "".join("<tr>" + "".join(f"<td>{html.escape('' if row[c] is None else str(row[c]))}</td>"
                                        for c in self.columns) + "</tr>" for row in self._rows)
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

    def to_df(self) -> "pandas.DataFrame":
        """The rows as a pandas DataFrame, one column per variable (needs the `pandas` extra).

        >>> df = kg.open(store_path).query("roles").to_df()
        >>> sorted(df["name"])
        ['Cecilia Malmström', 'Eric Holder']
        """
        try:
            import pandas
        except ImportError:
            raise KgError(Errors.E570) from None
        return pandas.DataFrame(self._rows, columns=self.columns)


class View:
    """An interactive HTML view of the graph (the page `kg view` writes); a notebook shows it inline.

    >>> view = kg.open(store_path).view(focus="Eric Holder")
    >>> view.nodes > 1, "<html" in view.html
    (True, True)
    """

    def __init__(self, page: str, nodes: int, edges: int, *, height: int = 600) -> None:
        self.html = page          #: the whole page (self-contained: no CDN, works offline)
        self.nodes = nodes
        self.edges = edges
        self.height = height

    def _repr_html_(self) -> str:
        return (f'<iframe srcdoc="{html.escape(self.html, quote=True)}" style="width:100%;'
                f'height:{int(self.height)}px;border:1px solid #ddd" sandbox="allow-scripts"></iframe>')

    def save(self, path: str | Path) -> Path:
        """Write the page to `path` and return it."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.html, encoding="utf-8")
        return path

    def __repr__(self) -> str:
        return f"<kg View: {self.nodes} nodes, {self.edges} edges>"


class KnowledgeGraph:
    """A kg store on disk, used from Python; see :func:`open_store` (``kg.open``)."""

    def __init__(self, path: str | Path = "kg-store") -> None:
        self.path = Path(path)
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(Errors.E571.format(path=self.path))

    def __repr__(self) -> str:
        return f"<kg KnowledgeGraph at {str(self.path)!r}>"

    def _reader(self):
        """The store, opened read-only for one call (kg/storelock.py: a writer is never starved)."""
        from kg.store import open_store as open_graph_store     # not this module's open_store

        return open_graph_store(self.path, read_only=True)

    def build(self, paths: str | Path | Iterable[str | Path], *, jobs: int = 1, min_confidence: float = 0.0,
              english_only: bool = True) -> "BuildReport":
        """Read the articles under `paths` (files or folders) and build them into the store.

        Unchanged articles are skipped, changed ones replaced; returns the build report.

        >>> report = kg.open(tmp / "new-store").build(ARTICLES)
        >>> len(report.built), len(report.failed)
        (2, 0)
        """
        from kg.build import build as run_build
        from kg.store import open_store as open_graph_store

        if isinstance(paths, (str, Path)):
            paths = [paths]
        with open_graph_store(self.path, create=True) as store:
            return run_build([Path(p) for p in paths], store, n_process=jobs, min_confidence=min_confidence,
                             english_only=english_only)

    def query(self, query: str, *, timeout: float | None = None, as_dataframe: bool = False,
              **params: str) -> "Rows | bool | Graph | pandas.DataFrame":
        """Run a named query (``"roles"``), a ``.rq`` file or SPARQL text, read-only.

        Keyword arguments pre-bind variables, as ``kg query --param``: an IRI (``kgr:person/...``
        or ``https://...``) or a string. SELECT gives :class:`Rows` (a DataFrame with
        ``as_dataframe=True``), ASK a bool, CONSTRUCT/DESCRIBE an rdflib Graph.

        >>> store = kg.open(store_path)
        >>> [row["name"] for row in store.query("people", name="Eric Holder")]
        ['Eric Holder']
        >>> len(store.query("CONSTRUCT { ?c a schema:Country } WHERE { ?c a schema:Country }")) > 20
        True
        """
        from kg.query import bind_params, resolve_query, run_query

        _name, text = resolve_query(query)
        text = bind_params(text, {k: str(v) for k, v in params.items()})
        with self._reader() as store:
            result = run_query(store, text, timeout=timeout)
        if result.kind == "ask":
            return bool(result.boolean)
        if result.kind == "graph":
            return result.to_rdflib()
        rows = Rows(result)
        return rows.to_df() if as_dataframe else rows

    def network(self, *, focus: str | None = None, depth: int = 1, query: str | None = None) -> nx.MultiDiGraph:
        """The entity network `kg view` draws (networkx), of the whole store, of a query's
        result, or of the neighbourhood of the entity named `focus`.

        >>> net = kg.open(store_path).network(focus="malmstrom", depth=1)
        >>> net.nodes["https://w3id.org/alliance-kg/id/person/cecilia-malmstrom"]["label"]
        'Cecilia Malmström'
        """
        from kg import view as views

        network = views.network_at(self.path, query)
        return views.ego(network, focus, depth) if focus else network

    def view(self, *, focus: str | None = None, depth: int = 1, query: str | None = None,
             title: str = "alliance-kg", size_by: str = "degree", color_by: str = "kind",
             height: int = 600) -> View:
        """The interactive view of :meth:`network` as a :class:`View` (shown inline in a notebook)."""
        from kg.view import page_html

        network = self.network(focus=focus, depth=depth, query=query)
        page = page_html(network, title=title, size_by=size_by, color_by=color_by)
        return View(page, network.number_of_nodes(), network.number_of_edges(), height=height)

    def stats(self) -> dict[str, int]:
        """Counts of articles, triples and entities per class (as `kg stats`).

        >>> kg.open(store_path).stats()["people"]
        2
        """
        with self._reader() as store:
            return store.stats()


def open_store(path: str | Path = "kg-store") -> KnowledgeGraph:
    """The store at `path` (created by the first :meth:`KnowledgeGraph.build`); ``kg.open`` is this."""
    return KnowledgeGraph(path)
