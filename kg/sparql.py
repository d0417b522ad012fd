"""Reading SPARQL text without a parser: the scanners the query runner and the remote store share.

Keyword checks (is it an update? which query form? does it name a dataset?) must not be fooled by
the same words inside comments, IRIs or string literals, so they run on the text with those
blanked out.

>>> strip_comments_and_strings('SELECT * WHERE { ?s ?p "DROP ALL" } # INSERT')
'SELECT * WHERE { ?s ?p "" } '
>>> query_form("PREFIX x: <urn:construct:> ask { ?s ?p ?o }")
'ASK'
"""
from __future__ import annotations

import re

__all__ = ["QUERY_FORM", "blank_comments_and_strings", "query_form", "strip_comments_and_strings"]

#: the keyword of a query form, anywhere in (blanked) query text
QUERY_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_STRING = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'')
_IRI = re.compile(r"<[^<>\"{}|^`\\\s]*>")
_COMMENT = re.compile(r"#[^\n]*")


def strip_comments_and_strings(text: str) -> str:
    """The query text with comments removed, IRIs blanked to ``<>`` and strings to ``""``."""
    return _COMMENT.sub("", _IRI.sub("<>", _STRING.sub('""', text)))


def blank_comments_and_strings(text: str) -> str:
    """The query text with comments, IRIs and string literals replaced by spaces (positions kept)."""
    def spaces(m: re.Match) -> str:
        return " " * len(m.group(0))

    return _COMMENT.sub(spaces, _IRI.sub(spaces, _STRING.sub(spaces, text)))


def query_form(text: str) -> str | None:
    """The form of a query, upper-cased (SELECT, ASK, CONSTRUCT or DESCRIBE), or None."""
    form = QUERY_FORM.search(strip_comments_and_strings(text))
    return form.group(1).upper() if form else None
