"""pyoxigraph terms and data as rdflib objects: the one conversion every reader of a store uses."""
from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef

from kg.vocab import bind_prefixes

__all__ = ["XSD_STRING", "dataset_from_nquads", "to_rdflib_term"]

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_rdflib_term(term: Any) -> Any:
    """The rdflib term of a pyoxigraph term (None stays None; a plain string becomes a literal).

    >>> to_rdflib_term(ox.Literal("Eric Holder"))
    rdflib.term.Literal('Eric Holder')
    >>> to_rdflib_term(ox.NamedNode("https://w3id.org/alliance-kg/id/person/eric-holder"))
    rdflib.term.URIRef('https://w3id.org/alliance-kg/id/person/eric-holder')
    """
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    return Literal(str(term))


def dataset_from_nquads(data: bytes) -> Dataset:
    """An rdflib Dataset (one graph per article, kg prefixes bound) from N-Quads."""
    ds = Dataset()
    if data:
        ds.parse(data=data, format="nquads")
    bind_prefixes(ds)
    return ds
