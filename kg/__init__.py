"""alliance-kg: build a knowledge graph of people, posts, institutions, meetings and countries from news.

>>> import kg
>>> store = kg.open("kg-store")            # doctest: +SKIP
>>> store.query("roles", person="kgr:person/eric-holder")   # doctest: +SKIP

See kg.api (KnowledgeGraph: build, query, network, view, stats).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

    from kg.api import KnowledgeGraph

__version__ = "0.1.0"


def open(path: "str | Path" = "kg-store") -> "KnowledgeGraph":  # noqa: A001 - kg.open reads as intended
    """The kg store at `path` as a kg.api.KnowledgeGraph (build, query, network, view)."""
    from kg.api import open_store

    return open_store(path)
