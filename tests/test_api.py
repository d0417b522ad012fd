"""The Python API (kg/api.py): its docstring examples run as doctests, plus what they do not show."""
from __future__ import annotations

import doctest
import sys

import pytest

import kg
import kg.api
from conftest import ARTICLES
from kg.errors import KgError, StoreError


def test_docstring_examples_run(sample_store, tmp_path):
    result = doctest.testmod(kg.api, extraglobs={"kg": kg, "store_path": sample_store, "tmp": tmp_path,
                                                 "ARTICLES": ARTICLES},
                             optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 15
    assert result.failed == 0


def test_query_rows_match_kg_query(sample_store):
    import json

    from conftest import run_kg

    p = run_kg("query", "meetings", "--store", str(sample_store), "--format", "json")
    expected = json.loads(p.stdout)
    rows = kg.open(sample_store).query("meetings")
    assert rows.columns == expected["head"]["vars"]
    as_text = [{k: (None if v is None else str(v)) for k, v in row.items()} for row in rows]
    assert as_text == [{v: b[v]["value"] if v in b else None for v in rows.columns}
                       for b in expected["results"]["bindings"]]


def test_dataframe(sample_store):
    df = kg.open(sample_store).query("memberships", as_dataframe=True)
    assert list(df.columns) == ["member", "memberName", "memberIso", "organization", "organizationName", "status"]
    assert len(df) == 22 and set(df["memberIso"]) >= {"NG", "US"}


def test_dataframe_without_pandas_says_how_to_get_it(sample_store, monkeypatch):
    rows = kg.open(sample_store).query("roles")
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(KgError, match=r"alliance-kg\[pandas\]"):
        rows.to_df()


def test_view_is_shown_inline_and_saved(sample_store, tmp_path):
    view = kg.open(sample_store).view(query="memberships")
    assert view.nodes == 23 and view.edges == 22
    inline = view._repr_html_()
    assert inline.startswith("<iframe srcdoc=") and "<script" not in inline  # the page is escaped
    assert view.save(tmp_path / "v.html").read_text(encoding="utf-8") == view.html
    assert kg.open(sample_store).network().number_of_nodes() > view.nodes


def test_errors_are_kg_errors(tmp_path):
    with pytest.raises(StoreError, match="no store"):
        kg.open(tmp_path / "missing").query("people")
    (tmp_path / "f").write_text("x")
    with pytest.raises(StoreError, match="is a file"):
        kg.open(tmp_path / "f")
    with pytest.raises(KgError, match="no named query"):
        kg.open(tmp_path).query("peeople")
