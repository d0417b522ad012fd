"""Timeline views: posts and meetings on an offline HTML timeline (vis-timeline, vendored).

Public API::

    timeline_rows(store, person=IRI, institution=IRI) -> list[dict[str, str]]   # the `timeline` query
    focus_iris(store, name) -> tuple[list[str], list[str]]                       # people, institutions
    render_timeline(rows, out, *, title=..., max_items=5_000) -> Path

The rows are those of the named query ``timeline`` (queries/timeline.rq), the one place where the
time of posts and meetings is read: each row is one item of the page, on the timeline when it has a
date and in the list under it when it has none. A post is a bar from its start to its end (a dot
when one date is known), a meeting a dot; a person's page has a line for posts and one for
meetings, a page of several people one line per person.

The page is one self-contained file: vis-timeline 8.5.4 (kg/view_assets/vis-timeline, Apache-2.0 OR
MIT) is inlined, and the page has no ``http://`` / ``https://`` reference and loads nothing. As in
the graph view, no text of an article is parsed as HTML: the data travels as JSON in a
``<script type="application/json">`` block, and item labels, line names and tooltips are built with
``textContent`` (vis-timeline's HTML ``content`` and ``title`` are not used).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from kg.errors import Errors, QueryError, ViewError
from kg.view import _html_text, _render, _json_for_script, _scrub_css, _scrub_js, _strip_scheme, write_page

__all__ = ["timeline_rows", "focus_iris", "render_timeline", "MAX_ITEMS", "VIS_TIMELINE_VERSION"]

#: Default cap on the items of one page (vis-timeline draws one element per item).
MAX_ITEMS = 5_000
VIS_TIMELINE_VERSION = "8.5.4"
_ASSETS = Path(__file__).resolve().parent / "view_assets"
_KIND_LINES = {"post": "Posts", "meeting": "Meetings"}


def timeline_rows(store, *, person: str | None = None, institution: str | None = None) -> list[dict[str, str]]:
    """The rows of the ``timeline`` query: a person's, an institution's (its posts and the meetings
    it attends or hosts) or, with neither, the whole store's; each row as {column: value}."""
    from kg.query import bind_params, resolve_query, run_query

    params = {"person": f"<{person}>"} if person else {"with": f"<{institution}>"} if institution else {}
    result = run_query(store, bind_params(resolve_query("timeline")[1], params))
    rows = [{v: str(t) for v, t in zip(result.vars, row) if t is not None} for row in result.rows]
    if institution:   # the institution's own attendances too (as 'person' of a meeting row)
        extra = run_query(store, bind_params(resolve_query("timeline")[1], {"person": f"<{institution}>"}))
        seen = {(r.get("item"), r.get("person")) for r in rows}
        for row in extra.rows:
            r = {v: str(t) for v, t in zip(extra.vars, row) if t is not None}
            if (r.get("item"), r.get("person")) not in seen:
                rows.append(r)
    return rows


def focus_iris(store, name: str) -> tuple[list[str], list[str]]:
    """The people and the institutions, countries or places a --focus names: an IRI (``kgr:…`` or
    full), or a name matched as the graph view matches it (case and accents aside)."""
    from kg.analyze import resolve
    from kg.query import _term
    from kg.view import network_from_store

    term = _term(name)
    if term.startswith("<"):
        iri = term[1:-1]
        return ([iri], []) if "/person/" in iri else ([], [iri])
    network = network_from_store(store)
    people, others = [], []
    for node in resolve(network, name):
        kind = network.nodes[node].get("kind")
        if kind == "person":
            people.append(str(node))
        elif kind != "meeting":
            others.append(str(node))
    if not people and not others:
        raise QueryError(Errors.E310.format(name=name))
    return people, others


def _start(iso: str) -> str:
    """The first day of a date of any precision ('2010' → '2010-01-01')."""
    return {4: iso + "-01-01", 7: iso + "-01"}.get(len(iso), iso)


def _after(iso: str) -> str:
    """The day after the last day of a date of any precision ('2016' → '2017-01-01')."""
    if len(iso) == 4:
        return f"{int(iso) + 1:04d}-01-01"
    if len(iso) == 7:
        year, month = int(iso[:4]), int(iso[5:7])
        return f"{year + month // 12:04d}-{month % 12 + 1:02d}-01"
    return (dt.date.fromisoformat(iso) + dt.timedelta(days=1)).isoformat()


def _valid(iso: str | None) -> bool:
    try:
        _after(iso or "")
        return True
    except ValueError:
        return False


def _label(row: Mapping[str, str]) -> str:
    parts = [row.get("label", "")]
    if row.get("withName"):
        parts.append(("of " if row.get("kind") == "post" else "in ") + row["withName"])
    text = " ".join(p for p in parts if p)
    return f"{text} ({row['qualifier']})" if row.get("qualifier") else text


def _page_data(rows: list[Mapping[str, str]]) -> dict[str, Any]:
    """What the page needs: vis items and lines, each item's tooltip, and the undated rows."""
    people = sorted({r.get("person", "") for r in rows})
    by_person = len(people) > 1
    names = {r.get("person", ""): r.get("name") or _strip_scheme(r.get("person", "")) for r in rows}
    groups = ([{"id": p, "text": names[p]} for p in sorted(people, key=lambda p: names[p].casefold())]
              if by_person else [{"id": k, "text": line} for k, line in _KIND_LINES.items()])
    items, info, undated = [], [], []
    for row in rows:
        kind = row.get("kind", "")
        tip = {"l": _label(row), "k": kind, "w": row.get("name", ""), "f": row.get("from", ""),
               "t": row.get("to", ""), "s": row.get("sentence", ""), "a": row.get("articleTitle", ""),
               "d": row.get("articleDate", ""), "n": int(row.get("articles") or 0),
               "i": _strip_scheme(row.get("item", ""))}
        start = row.get("from")
        if not start or not _valid(start):
            undated.append(tip)
            continue
        item: dict[str, Any] = {"id": len(items), "content": "", "text": tip["l"], "start": _start(start),
                                "group": row.get("person", "") if by_person else kind,
                                "className": " ".join(filter(None, ["kg-" + kind, row.get("qualifier") and
                                                                     "kg-" + row["qualifier"]]))}
        end = row.get("to")
        if kind == "post" and end and end != start and _valid(end) and _after(end) > item["start"]:
            item["end"], item["type"] = _after(end), "range"
        else:
            item["type"] = "point"           # one date known: a dot with its label
        items.append(item)
        info.append(tip)
    return {"items": items, "groups": groups, "info": info, "undated": undated}


def _assets() -> tuple[str, str]:
    lib = _ASSETS / "vis-timeline"
    js = (lib / "vis-timeline-graph2d.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-timeline-graph2d.min.css").read_text(encoding="utf-8")
    return _scrub_js(js), _scrub_css(css)


def render_timeline(rows: Iterable[Mapping[str, str]], out: Path, *, title: str = "alliance-kg timeline",
                    max_items: int = MAX_ITEMS) -> Path:
    """Write the timeline page of the rows of the ``timeline`` query to `out` (written whole, or not at all)."""
    rows = list(rows)
    if len(rows) > max_items:
        raise ViewError(Errors.E311.format(count=len(rows), max_items=max_items))
    data = _page_data(rows)
    posts = sum(1 for r in rows if r.get("kind") == "post")
    stats = (f"{posts} post holding{'s' * (posts != 1)}, {len(rows) - posts} meeting attendance"
             f"{'s' * (len(rows) - posts != 1)}" + (f" ({len(data['undated'])} undated, listed below)"
                                                      if data["undated"] else ""))
    js, css = _assets()
    page = _render("timeline.html", {
        "TITLE": _html_text(title),
        "VIS_CSS": css,
        "KG_CSS": _scrub_css((_ASSETS / "timeline.css").read_text(encoding="utf-8")),
        "VIS_JS": js,
        "STATS": _html_text(stats),
        "DATA": _json_for_script(data),
        "KG_JS": _scrub_js((_ASSETS / "timeline.js").read_text(encoding="utf-8")),
    })
    return write_page(page, out)
