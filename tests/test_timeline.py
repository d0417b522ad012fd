"""Timeline pages (kg/timeline.py): items from the timeline query's rows, one self-contained file."""
from __future__ import annotations

import json
import re

import pytest

from conftest import run_kg
from kg.errors import ViewError
from kg.timeline import _page_data, render_timeline, timeline_rows

ROWS = [
    {"kind": "post", "label": "Mayor", "withName": "Gdańsk", "person": "urn:p1", "name": "Ana Nowak",
     "from": "1998", "to": "2019-01-14", "item": "urn:t1", "sentence": "Nowak has been mayor since 1998.",
     "articleTitle": "A <b>title</b>", "articleDate": "2019-01-14", "articles": "2"},
    {"kind": "post", "label": "Senator", "qualifier": "former", "person": "urn:p1", "name": "Ana Nowak",
     "item": "urn:t2", "sentence": "Former Senator Nowak spoke."},
    {"kind": "meeting", "label": "summit", "withName": "Oslo", "person": "urn:p1", "name": "Ana Nowak",
     "from": "2019-01", "item": "urn:m1", "sentence": "They met at a summit in Oslo in January."},
]


def test_dated_rows_are_items_and_undated_ones_are_listed():
    data = _page_data(ROWS)
    assert [i["text"] for i in data["items"]] == ["Mayor of Gdańsk", "summit in Oslo"]
    assert [u["l"] for u in data["undated"]] == ["Senator (former)"]
    post, meeting = data["items"]
    assert (post["start"], post["end"], post["type"]) == ("1998-01-01", "2019-01-15", "range")
    assert (meeting["start"], meeting["type"]) == ("2019-01-01", "point")
    assert [g["text"] for g in data["groups"]] == ["Posts", "Meetings"]      # one person: a line per kind
    assert data["info"][0]["s"] == "Nowak has been mayor since 1998." and data["info"][0]["n"] == 2


def test_several_people_get_a_line_each():
    other = dict(ROWS[0], person="urn:p2", name="Bo Berg", item="urn:t3")
    data = _page_data([ROWS[0], other])
    assert [g["text"] for g in data["groups"]] == ["Ana Nowak", "Bo Berg"]
    assert {i["group"] for i in data["items"]} == {"urn:p1", "urn:p2"}


def test_the_page_is_self_contained_and_carries_text_as_data(tmp_path):
    out = render_timeline(ROWS, tmp_path / "t.html", title="<script>x</script>")
    page = out.read_text(encoding="utf-8")
    assert not re.search(r"https?://", page)
    assert "<script>x</script>" not in page and "&lt;script&gt;x&lt;/script&gt;" in page
    assert "<b>title</b>" not in page                      # article text only inside the JSON data
    raw = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S).group(1)
    assert json.loads(raw)["info"][0]["a"] == "A <b>title</b>"
    assert "vis-timeline" in page and page.count("<script") == 3


def test_too_many_items_are_refused_with_a_way_out(tmp_path):
    with pytest.raises(ViewError, match="--focus") as err:
        render_timeline(ROWS, tmp_path / "t.html", max_items=2)
    assert err.value.code == "E311" and "--max-nodes" in str(err.value)
    assert not (tmp_path / "t.html").exists()


def test_rows_come_from_the_timeline_query(sample_store):
    from kg.store import Store

    with Store.open(sample_store, read_only=True) as store:
        everything = timeline_rows(store)
        holder = timeline_rows(store, person="https://w3id.org/alliance-kg/id/person/eric-holder")
        us = timeline_rows(store, institution="https://w3id.org/alliance-kg/id/country/US")
    assert {r["name"] for r in everything} == {"Eric Holder", "Cecilia Malmström"}
    assert [(r["kind"], r["from"]) for r in holder] == \
        [("meeting", "2012-06-21"), ("post", "2012-06-21"), ("meeting", "2012-12-05")]
    assert [(r["kind"], r["label"], r["name"]) for r in us] == [("post", "Attorney General", "Eric Holder")]


def test_cli_timeline_takes_focus_not_query(sample_store, tmp_path):
    p = run_kg("view", "--timeline", "--query", "roles", "--store", str(sample_store), "--out", str(tmp_path / "x.html"))
    assert p.returncode == 2 and "E555" in p.stderr and "--focus" in p.stderr and "Traceback" not in p.stderr
    p = run_kg("view", "--timeline", "--focus", "nobody at all", "--store", str(sample_store),
               "--out", str(tmp_path / "x.html"))
    assert p.returncode == 1 and "No entity named" in p.stderr and not (tmp_path / "x.html").exists()
    p = run_kg("view", "--timeline", "--focus", "Malmstrom", "--store", str(sample_store),
               "--out", str(tmp_path / "c.html"))
    assert p.returncode == 0 and "(3 items, 3 dated)" in p.stderr
