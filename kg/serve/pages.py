"""The HTML pages of `kg serve`: entities and articles (Linked Data), search results, errors.

Pages are written on the server with every piece of data escaped (html.escape): article text and
names are always shown as text, never parsed as HTML; the pages run no script of their own. Labels
of classes and properties come from the ontology, so new kinds of fact read well without change.
"""
from __future__ import annotations

import functools
import html
from collections.abc import Iterable
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS

from kg.serve.describe import Description
from kg.serve.search import fullest_first
from kg.vocab import AKG, KGR, PREFIXES

_LABELS = (SKOS.prefLabel, FOAF.name, RDFS.label, DCTERMS.title)
_NAME_PROPERTIES = {SKOS.prefLabel, FOAF.name, SKOS.altLabel, RDFS.label}
_HIDDEN = {RDF.type, PROV.wasDerivedFrom}


def esc(value: object) -> str:
    """Text as HTML text."""
    return html.escape(str(value), quote=True)


def local_path(iri: str) -> str | None:
    """The server path of an IRI the graph minted (/id/...), or None for other IRIs."""
    base = str(KGR)
    return "/id/" + quote(iri[len(base):], safe="/-_.~%:@!$&'()*+,;=") if iri.startswith(base) else None


@functools.lru_cache(maxsize=1)
def _ontology_labels() -> dict[str, str]:
    """rdfs:label of every class and property the ontology declares."""
    from kg.resources import ontology_file

    g = Graph()
    try:
        g.parse(ontology_file(), format="turtle")
    except Exception:  # noqa: BLE001 - labels are a nicety: fall back to prefixed names
        return {}
    labels: dict[str, str] = {}
    for s, o in g.subject_objects(RDFS.label):
        if isinstance(o, Literal) and (o.language in (None, "en") or str(s) not in labels):
            labels[str(s)] = str(o)
    return labels


def short(iri: str) -> str:
    """An IRI as a prefixed name when a kg prefix fits."""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(str(ns)) and len(iri) > len(str(ns)):
            return f"{prefix}:{iri[len(str(ns)):]}"
    return iri


def term_label(iri: str) -> str:
    """The ontology's label of a class or property, else its prefixed name."""
    return _ontology_labels().get(iri) or short(iri)


def label_of(g: Graph, node: URIRef) -> str:
    """The name to show for a resource: its preferred label, else its IRI's last segment."""
    for prop in _LABELS:
        values = sorted((str(o) for o in g.objects(node, prop) if isinstance(o, Literal)), key=fullest_first)
        if values:
            return values[0]
    from kg.analyze import local_name

    return local_name(str(node))


def link(g: Graph, node: object) -> str:
    """A value as HTML: a minted IRI links to its page (by its name), other IRIs and literals are text."""
    if isinstance(node, URIRef):
        path = local_path(str(node))
        if path:
            return f'<a href="{esc(path)}">{esc(label_of(g, node))}</a>'
        return f"<code>{esc(short(str(node)))}</code>"
    return f'<span class="literal">{esc(node)}</span>'


def layout(title: str, body: str, *, query: str = "") -> str:
    """A whole page: header with the search box and the way back to the query editor."""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)} · alliance-kg</title><link rel="stylesheet" href="/assets/pages.css"></head>
<body><header class="kg-bar"><a class="kg-home" href="/">alliance-kg</a>
<form class="kg-search" action="/search" method="get" role="search">
<input type="search" name="q" value="{esc(query)}" placeholder="Find a person, organisation, place…" aria-label="Search by name">
<button type="submit">Search</button></form>
<nav><a href="/">Query editor</a> <a href="/search?q=&amp;type=article">Articles</a></nav></header>
<main>{body}</main></body></html>
"""


def _types(g: Graph, node: URIRef) -> list[str]:
    return sorted({term_label(str(t)) for t in g.objects(node, RDF.type)})


def _evidence(g: Graph, node: URIRef) -> str:
    """The evidence sentences of a resource, each with a link to its article, folded in <details>."""
    items = []
    for ev in sorted(g.objects(node, PROV.wasDerivedFrom), key=str):
        sentence = g.value(ev, AKG.sentenceText)
        article = g.value(ev, AKG.inArticle)
        if sentence is None and article is None:
            continue
        source = ""
        if isinstance(article, URIRef):
            date = g.value(article, DCTERMS.issued)
            source = f' — {link(g, article)}' + (f' · <span class="date">{esc(date)}</span>' if date else "")
        items.append(f'<li><q class="sentence">{esc(sentence or "")}</q>{source}</li>')
    if not items:
        return ""
    return (f'<details class="evidence"><summary>Evidence ({len(items)})</summary>'
            f'<ul>{"".join(sorted(items))}</ul></details>')


def _properties(g: Graph, node: URIRef, *, skip: Iterable[URIRef] = ()) -> str:
    """A definition list of a resource's statements (except types, evidence and `skip`)."""
    hidden = _HIDDEN | set(skip)
    rows: dict[str, list[str]] = {}
    for p, o in g.predicate_objects(node):
        if p in hidden:
            continue
        rows.setdefault(str(p), []).append(link(g, o))
    if not rows:
        return ""
    items = "".join(f"<dt>{esc(term_label(p))}</dt><dd>{', '.join(sorted(set(v)))}</dd>"
                    for p, v in sorted(rows.items(), key=lambda kv: term_label(kv[0])))
    return f'<dl class="props">{items}</dl>'


def _facts(desc: Description) -> str:
    """The facts naming the IRI (or given by the article), grouped by their class."""
    g = desc.graph
    groups: dict[str, list[tuple[str, str]]] = {}
    for fact in desc.facts:
        node = URIRef(fact)
        if node == URIRef(desc.iri):
            continue
        kind = ", ".join(_types(g, node)) or "Fact"
        body = _properties(g, node)
        summary = f'<a class="fact-link" href="{esc(local_path(fact) or "#")}">{esc(kind)}</a>'
        groups.setdefault(kind, []).append(
            (body, f'<li class="fact">{summary}{body}{_evidence(g, node)}</li>'))
    if not groups:
        return ""
    out = ['<section id="facts"><h2>Facts</h2>']
    for kind in sorted(groups):
        items = [item for _key, item in sorted(groups[kind])]
        out.append(f'<h3>{esc(kind)} ({len(items)})</h3><ul class="facts">{"".join(items)}</ul>')
    return "".join(out) + "</section>"


def _list(title: str, section: str, g: Graph, iris: Iterable[str]) -> str:
    items = sorted((label_of(g, URIRef(i)), link(g, URIRef(i))) for i in iris)
    if not items:
        return ""
    return (f'<section id="{section}"><h2>{esc(title)} ({len(items)})</h2><ul class="links">'
            + "".join(f"<li>{html_}</li>" for _l, html_ in items) + "</ul></section>")


def entity_page(desc: Description) -> str:
    """The HTML page of an entity, fact or article (see the module docstring)."""
    g = desc.graph
    node = URIRef(desc.iri)
    name = label_of(g, node)
    types = _types(g, node)
    path = local_path(desc.iri) or ""
    names = sorted({str(o) for p in _NAME_PROPERTIES for o in g.objects(node, p)})
    same = sorted(str(o) for o in g.objects(node, OWL.sameAs))
    parts = [f'<h1 id="kg-name">{esc(name)}</h1>',
             f'<p class="kind">{esc(" · ".join(types) or "Resource")}</p>',
             f'<p class="iri"><code>{esc(desc.iri)}</code> · <a href="{esc(path)}?format=turtle">Turtle</a>'
             f' · <a href="{esc(path)}?format=jsonld">JSON-LD</a></p>']
    if len(names) > 1:
        parts.append('<section id="names"><h2>Names</h2><ul>'
                     + "".join(f"<li>{esc(n)}</li>" for n in names) + "</ul></section>")
    statements = _properties(g, node, skip=_NAME_PROPERTIES - {RDFS.label})
    if statements:
        parts.append(f'<section id="statements"><h2>Statements</h2>{statements}</section>')
    own = _evidence(g, node)
    if own:
        parts.append(f'<section id="own-evidence"><h2>Evidence</h2>{own}</section>')
    parts.append(_facts(desc))
    if desc.sentences:
        parts.append(f'<section id="sentences"><h2>Sentences with facts or names ({len(desc.sentences)})</h2><ol>'
                     + "".join(f'<li class="sentence">{esc(t)}</li>' for t in desc.sentences) + "</ol></section>")
    parts.append(_list("Mentions", "mentions", g, desc.mentioned))
    parts.append(_list("Mentioned in", "articles", g, desc.articles))
    links = [f"<li>{link(g, URIRef(s))} <small>{esc(term_label(p))}</small></li>" for s, p in desc.incoming]
    if links:
        parts.append(f'<section id="incoming"><h2>Linked from ({len(links)})</h2><ul class="links">'
                     + "".join(sorted(links)) + "</ul></section>")
    if same:
        parts.append(_list("Same as", "same-as", g, same))
    if path and not any(t == term_label(str(AKG.Evidence)) for t in types):
        parts.append(f'<section id="graph"><h2>Neighbourhood</h2><iframe class="kg-graph" title="Neighbourhood of '
                     f'{esc(name)}" src="/graph{esc(path)}"></iframe></section>')
    return layout(name, "".join(p for p in parts if p))


def search_page(query: str, hits: list[dict[str, str]], *, total: int) -> str:
    """Search results: each entity with its type and the names that matched."""
    if not query.strip() and not hits:
        body = "<h1>Search</h1><p>Type a name: letters match regardless of case and accents.</p>"
        return layout("Search", body)
    items = "".join(f'<li><a href="{esc(local_path(h["iri"]) or "#")}">{esc(h["label"])}</a> '
                    f'<small>{esc(h["type"])}</small>'
                    + (f' <small class="matched">{esc(h["matched"])}</small>' if h["matched"] != h["label"] else "")
                    + "</li>" for h in hits)
    more = f"<p>{total - len(hits)} more: type more of the name.</p>" if total > len(hits) else ""
    body = (f'<h1>Search: {esc(query)}</h1><p id="kg-hits">{total} found</p>'
            f'<ul class="links" id="kg-results">{items}</ul>{more}')
    return layout(f"Search: {query}", body, query=query)


def error_page(status: int, message: str) -> str:
    """A page for 404 and other errors."""
    return layout(f"Error {status}", f'<h1>Error {status}</h1><p class="error">{esc(message)}</p>')
