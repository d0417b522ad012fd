"""Memberships in the forms news uses (kg/extract/membership_forms.py, memberships.py)."""
from __future__ import annotations

import datetime as dt

from kg.article import Article
from kg.extract.pipeline import extract
from kg.nlp import parse


def members_of(text: str) -> set[tuple[str, str, str | None]]:
    facts = extract(Article(id="t", text=text, source="t.txt", date=dt.date(2019, 5, 2)), parse(text))
    return {(m.member.key, m.organization.key, m.status) for m in facts.memberships}


def test_allies_listed_after_the_alliance():
    got = members_of("NATO allies Canada, Spain and Turkey sent ships to the region on Monday.")
    assert {("CA", "north-atlantic-treaty-organization", None), ("ES", "north-atlantic-treaty-organization", None),
            ("TR", "north-atlantic-treaty-organization", None)} <= got


def test_names_that_are_not_an_apposition_are_no_members():
    got = members_of("The minister told Labour members the Conservative Party had no plan.")
    assert not got


def test_a_member_in_apposition_and_after_a_copula():
    got = members_of("Canada and Spain, both NATO members, sent ships. Norway is a member of the Council of Europe.")
    assert ("CA", "north-atlantic-treaty-organization", None) in got
    assert ("ES", "north-atlantic-treaty-organization", None) in got
    assert ("NO", "council-of-europe", None) in got


def test_people_are_members_of_a_party_not_of_an_alliance_of_countries():
    got = members_of("Senators Mary Brown, David Jones and Paul Smith are all members of the Green Party. "
                     "Paul Smith said he will leave the European Union.")
    assert {("mary brown", "green-party", None), ("david jones", "green-party", None),
            ("paul smith", "green-party", None)} <= got
    assert not any(m == "paul smith" and o == "european-union" for m, o, _ in got)


def test_a_body_made_up_of_its_members():
    got = members_of("The Lima Group, made up of Chile, Peru and Colombia, met on Monday.")
    assert {m for m, o, _ in got if o == "lima-group"} == {"CL", "PE", "CO"}


def test_a_suspension_or_expulsion_gives_the_status():
    got = members_of("Mali's suspension from the African Union ended in 2014. "
                     "Mark Ellis was expelled from the Labour Party in May.")
    assert ("ML", "african-union", "suspended") in got
    assert ("mark ellis", "labour-party", "former") in got


def test_leaving_told_as_done_makes_a_former_member_and_a_plan_to_leave_does_not():
    got = members_of("Jane Hill left the Labour Party last year. Greenland voted to leave the European Union.")
    assert ("jane hill", "labour-party", "former") in got
    assert ("GL", "european-union", None) in got


def test_admitted_to_a_body_but_not_to_a_hospital():
    got = members_of("Montenegro was admitted to NATO in 2017. The president was admitted to Walter Reed Hospital.")
    assert ("ME", "north-atlantic-treaty-organization", None) in got
    assert not any(o.endswith("hospital") for _, o, _ in got)


def test_a_former_member_and_a_past_copula():
    got = members_of("Alan Frost, a former member of the Liberal Party, spoke on Tuesday.")
    assert ("alan frost", "liberal-party", "former") in got


def test_an_unnamed_coalition_that_lists_its_members_and_the_country_leading_it():
    got = members_of("The US-led naval coalition, which includes Australia, Bahrain and Saudi Arabia, "
                     "patrols the strait.")
    assert {m for m, o, _ in got if o == "naval-coalition"} == {"US", "AU", "BH", "SA"}


def test_a_company_that_includes_names_is_no_membership():
    assert not members_of("The Acme Corporation includes Germany and France among its markets.")


def test_having_decided_to_leave_is_leaving():
    got = members_of("It was no surprise that Robert Moss had decided to leave the Conservative Party.")
    assert ("robert moss", "conservative-party", "former") in got


def test_a_coalition_joined_by_countries_even_when_the_parser_hangs_the_clause_off_a_place():
    got = members_of("Recently, the United States announced a naval coalition to patrol the Persian Gulf which "
                     "was joined by Australia, Bahrain and the United Kingdom.")
    assert got == {("AU", "naval-coalition", None), ("BH", "naval-coalition", None), ("GB", "naval-coalition", None)}


def test_a_person_who_belongs_to_a_party_is_a_member_but_not_one_who_belongs_to_a_school():
    assert members_of("Justice Secretary Maria Lopez belongs to the ruling New Progressive Party.") == {
        ("maria lopez", "new-progressive-party", None)}
    assert not members_of("Maria Lopez belonged to Llanelli Grammar School.")
