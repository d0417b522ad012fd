"""Locate the files shipped with the package: ontology, SHACL shapes, named queries, data."""
from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _top(name: str) -> Path:
    """A top-level folder: inside the installed wheel, else beside the package in a checkout."""
    installed = _PACKAGE / "_resources" / name
    return installed if installed.is_dir() else _PACKAGE.parent / name


def ontology_dir() -> Path:
    """Folder holding alliance.ttl and shapes.ttl."""
    return _top("ontology")


def ontology_file() -> Path:
    """The OWL ontology (Turtle)."""
    return ontology_dir() / "alliance.ttl"


def shapes_file() -> Path:
    """The SHACL shapes (Turtle)."""
    return ontology_dir() / "shapes.ttl"


def queries_dir() -> Path:
    """Folder of the named SPARQL queries (NAME.rq)."""
    return _top("queries")


def data_file(name: str) -> Path:
    """A data file (gazetteers, lexicons) of kg/data."""
    return _PACKAGE / "data" / name
