"""End to end: the sample articles built with the CLI, read back through the named queries."""
from __future__ import annotations

import json

from conftest import ARTICLES, run_kg


def rows(store, name: str) -> list[dict[str, str]]:
    p = run_kg("query", name, "--store", str(store), "--format", "json")
    assert p.returncode == 0, p.stderr
    data = json.loads(p.stdout)
    return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]


def test_people_are_two_entities_across_articles(sample_store):
    people = rows(sample_store, "people")
    by_person: dict[str, set[str]] = {}
    for r in people:
        by_person.setdefault(r["person"], set()).update({r["name"], *(r.get("aliases") or "").split(" | ")} - {""})
    assert len(by_person) == 2 == len(people)             # one row per person
    names = set().union(*by_person.values())
    assert {"Eric Holder", "Cecilia Malmström", "Cecilia Malmstroem"} <= names
    malmstrom = next(v for v in by_person.values() if "Cecilia Malmström" in v)
    assert "Cecilia Malmstroem" in malmstrom


def test_the_alliance_is_one_institution_across_articles(sample_store):
    orgs = [r for r in rows(sample_store, "organizations") if "Alliance" in r["name"]]
    assert len(orgs) == 1 and orgs[0]["name"].startswith("Global Alliance against Child Sexual Abuse")
    assert "Global Alliance" in orgs[0]["aliases"].split(" | ")


def test_posts_with_their_institution_or_country(sample_store):
    roles = {(r["name"], r["role"], r.get("organizationName")) for r in rows(sample_store, "roles")}
    assert ("Eric Holder", "Attorney General", "United States") in roles
    assert any(r[1] == "Home Affairs Commissioner" and r[2] == "European Union" and "Cecilia" in r[0] for r in roles)


def test_alliance_members(sample_store):
    members = {r.get("memberIso") or r["memberName"] for r in rows(sample_store, "memberships")}
    assert {"US", "AL", "AU", "KH", "HR", "GE", "GH", "JP", "MD", "ME", "NZ", "NG", "NO", "PH", "RS", "KR",
            "CH", "TH", "TR", "UA", "VN", "European Union"} <= members


def test_meetings_with_dates_places_participants(sample_store):
    meetings = rows(sample_store, "meetings")
    got = {(r.get("date"), r.get("placeName"), r.get("participantName")) for r in meetings}
    assert ("2012-12-05", "Brussels", "Eric Holder") in got
    assert ("2012-06-21", "Copenhagen", "Eric Holder") in got
    assert any(d == "2012-06-21" and p == "Copenhagen" and "Malmstr" in (w or "") for d, p, w in got)


def test_countries_have_iso_codes_and_boilerplate_yields_nothing(sample_store):
    countries = {r["iso"] for r in rows(sample_store, "countries")}
    assert {"US", "AL", "VN", "KR", "PH"} <= countries
    orgs = {r["name"] for r in rows(sample_store, "organizations")}
    assert "European Union" in orgs and "Interpol" in orgs
    assert not {"Flickr", "Holder", "Copenhagen", "Interior", "Akarkayu"} & orgs


def test_every_fact_has_provenance(sample_store):
    prov = rows(sample_store, "provenance")
    assert prov and all(r["sentence"] and r["article"] for r in prov)


def test_rebuild_of_unchanged_articles_changes_nothing(sample_store):
    before = run_kg("export", "--store", str(sample_store), "--format", "nq").stdout
    p = run_kg("build", str(ARTICLES), "--store", str(sample_store))
    assert p.returncode == 0 and "unchanged 2" in p.stderr
    after = run_kg("export", "--store", str(sample_store), "--format", "nq").stdout
    assert sorted(before.splitlines()) == sorted(after.splitlines())


def test_validate_conforms(sample_store):
    p = run_kg("validate", "--store", str(sample_store))
    assert p.returncode == 0, p.stdout + p.stderr
