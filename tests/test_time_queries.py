"""Posts in time across articles: the roles, post-holders and timeline queries on a store built from
hand-written articles (one holder's tenure over several articles, two holders of one post, a former
post, an article without a date)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_kg
from kg.build import build
from kg.query import bind_params, resolve_query, run_query
from kg.store import Store

KGR = "https://w3id.org/alliance-kg/id/"
ARTICLES = [
    {"id": "t1", "date": "2012-06-21", "title": "Ministers meet in Copenhagen",
     "text": "US Attorney General Eric Holder met Home Affairs Commissioner Cecilia Malmström in Copenhagen "
             "on Thursday."},
    {"id": "t2", "date": "2012-12-05", "title": "Holder in Brussels",
     "text": "US Attorney General Eric Holder spoke to reporters in Brussels on Wednesday."},
    {"id": "t3", "date": "2019-03-01", "title": "Holder criticises the plan",
     "text": "Former US Attorney General Eric Holder criticised the plan on Friday."},
    {"id": "t4", "date": "2019-03-04", "title": "The report is finished",
     "text": "US Attorney General William Barr said on Monday that the report was finished."},
    {"id": "t5", "title": "A minister resigns",
     "text": "Defence Minister Karl Weber stepped down on Monday, his office said."},
]


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("time")
    source = folder / "articles.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    with Store.open(folder / "store", create=True) as store:
        report = build([source], store)
    assert not report.failed, report.failed
    return folder / "store"


def rows(store_dir: Path, name: str, **params: str) -> list[dict[str, str]]:
    with Store.open(store_dir, read_only=True) as store:
        result = run_query(store, bind_params(resolve_query(name)[1], params))
    return [{v: str(t) for v, t in zip(result.vars, row) if t is not None} for row in result.rows]


def holder_rows(store_dir: Path, person: str) -> list[dict[str, str]]:
    return rows(store_dir, "roles", person=f"kgr:person/{person}")


def test_one_holding_over_several_articles_is_one_interval(store_dir):
    (row,) = holder_rows(store_dir, "eric-holder")
    assert row["role"] == "Attorney General" and row["organizationName"] == "United States"
    assert (row["firstObserved"], row["observed"]) == ("2012-06-21", "2012-12-05")
    (held,) = rows(store_dir, "post-holders", post=row["post"], person=KGR + "person/eric-holder")
    assert held["articles"] == "3"         # its evidence lists every article that states it


def test_a_former_post_is_never_returned_as_current(store_dir):
    (row,) = holder_rows(store_dir, "eric-holder")
    assert row["qualifier"] == "former"                       # the latest article calls it former
    on_date = {r["name"] for r in rows(store_dir, "roles", date="2019-03-01")}
    assert "Eric Holder" not in on_date
    assert "Eric Holder" in {r["name"] for r in rows(store_dir, "roles", date="2012-09")}
    assert "Eric Holder" not in {r["name"] for r in rows(store_dir, "roles", date="2013")}


def test_two_holders_of_one_post_stay_apart(store_dir):
    holders = rows(store_dir, "post-holders", role="Attorney General", organization="kgr:country/US")
    assert [r["name"] for r in holders] == ["Eric Holder", "William Barr"]          # in order
    assert len({r["post"] for r in holders}) == 1
    assert [r["from"] for r in holders] == ["2012-06-21", "2019-03-04"]
    assert {r["name"] for r in rows(store_dir, "roles", date="2019-03-04")} >= {"William Barr"}


def test_no_date_is_guessed_without_an_article_date(store_dir):
    (row,) = holder_rows(store_dir, "karl-weber")
    assert row["qualifier"] == "former"
    assert not {"since", "until", "observed", "firstObserved"} & set(row)


def test_timeline_of_a_person_in_date_order_with_its_sentences(store_dir):
    items = rows(store_dir, "timeline", person="kgr:person/eric-holder")
    assert [(r["kind"], r["from"]) for r in items] == [("meeting", "2012-06-21"), ("post", "2012-06-21")]
    post = items[1]
    assert post["label"] == "Attorney General" and post["to"] == "2012-12-05" and post["qualifier"] == "former"
    assert post["sentence"] == ARTICLES[0]["text"]              # the earliest article's sentence
    assert post["article"] == KGR + "article/t1" and post["articleDate"] == "2012-06-21"
    assert post["articleTitle"] == "Ministers meet in Copenhagen" and post["articles"] == "3"
    assert items[0]["withName"] == "Copenhagen"


def test_the_cli_binds_a_date_an_iri_and_a_name(store_dir):
    p = run_kg("query", "roles", "--store", str(store_dir), "--param", "date=2012-06-21", "--format", "csv")
    assert p.returncode == 0, p.stderr
    assert {line.split(",")[1] for line in p.stdout.splitlines()[1:]} == {"Eric Holder", "Cecilia Malmström"}
    p = run_kg("query", "post-holders", "--store", str(store_dir), "--param", "role=Attorney General",
               "--param", "organization=kgr:country/US", "--format", "csv")
    assert p.returncode == 0, p.stderr
    assert [line.split(",")[5] for line in p.stdout.splitlines()[1:]] == ["Eric Holder", "William Barr"]
