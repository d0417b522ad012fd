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


def test_examples_after_a_member_noun_are_members():
    got = members_of("EU member countries such as Poland and Hungary opposed the plan. "
                     "Several NATO members, including Germany and France, objected.")
    assert {("PL", "european-union", None), ("HU", "european-union", None),
            ("DE", "north-atlantic-treaty-organization", None), ("FR", "north-atlantic-treaty-organization", None)} <= got


def test_the_members_an_organisation_is_said_to_have():
    got = members_of("The EU's member states include France, Germany and Italy.")
    assert {m for m, o, _ in got if o == "european-union"} == {"FR", "DE", "IT"}
    got = members_of("The Arab League, whose members include Egypt and Jordan, met in Cairo.")
    assert {m for m, o, _ in got if o == "arab-league"} == {"EG", "JO"}
    got = members_of("BRICS has five members: Brazil, Russia, India, China and South Africa.")
    assert {m for m, _, _ in got} == {"BR", "RU", "IN", "CN", "ZA"}


def test_among_the_members_and_fellow_members():
    got = members_of("Sweden and Finland are among the members of the Nordic Council.")
    assert {("SE", "nordic-council", None), ("FI", "nordic-council", None)} <= got
    got = members_of("Italy and its fellow EU members agreed the budget.")
    assert ("IT", "european-union", None) in got


def test_a_country_that_quit_or_pulled_out_of_an_international_body_is_a_former_member():
    assert ("US", "unesco", "former") in members_of("The United States quit UNESCO in 2018.")
    got = members_of("The United States pulled out of the World Health Organization in 2020.")
    assert ("US", "world-health-organization", "former") in got


def test_a_person_who_joined_a_party_is_a_member_but_not_the_speaker_of_we_joined():
    got = members_of("Mary Brown joined the Green Party in 2010.")
    assert ("mary brown", "green-party", None) in got
    got = members_of("Mary Brown said: \"It reminded us why we joined the Green Party in the first place.\"")
    assert not any(m == "mary brown" for m, _, _ in got)


def test_a_gloss_of_an_abbreviation_states_no_membership():
    got = members_of("There were several guests at the dinner, including Health Minister of Wales Anna Lopez, "
                     "Labour MP (Member of Parliament) Mark Reed, and Paul Smith.")
    assert not any(o.startswith("parliament") for _, o, _ in got)


def test_joining_planned_or_sought_is_no_membership_but_joining_decided_is():
    for text in ("Ukraine applied to join NATO in 2022.", "Georgia wants to join the European Union.",
                 "Turkey's bid to join the European Union has stalled.", "Sweden will join NATO next month.",
                 "Albania hopes to be admitted to the European Union."):
        assert not members_of(text), text
    assert ("ME", "north-atlantic-treaty-organization", None) in members_of("Montenegro decided to join NATO.")
    assert ("PL", "north-atlantic-treaty-organization", None) in members_of(
        "Poland, which joined NATO in 1999, hosts allied troops.")


def test_the_alliance_and_the_counted_bloc_refer_to_the_alliance_named_before():
    got = members_of("NATO met on Monday. The alliance's members include Norway and Denmark.")
    assert {("NO", "north-atlantic-treaty-organization", None), ("DK", "north-atlantic-treaty-organization", None)} <= got
    got = members_of("The European Union met on Monday. The 27-nation bloc's member states include Malta and Cyprus.")
    assert {("MT", "european-union", None), ("CY", "european-union", None)} <= got
    assert ("GB", "european-union", "former") in members_of("The European Union met. Britain left the bloc in 2020.")


def test_a_suspension_from_the_commonwealth_after_a_lowercase_article():
    assert ("ZW", "commonwealth-of-nations", "suspended") in members_of(
        "Zimbabwe's suspension from the Commonwealth was lifted in 2010.")
    assert not any(o == "commonwealth-of-nations" for _, o, _ in members_of(
        "Jane Hill spoke at the Commonwealth Club in San Francisco."))


def test_an_alliance_s_countries_named_as_examples():
    got = members_of("Countries in the African Union such as Kenya and Ghana backed the plan. "
                     "EU countries such as Poland and Hungary objected.")
    assert {("KE", "african-union", None), ("GH", "african-union", None), ("PL", "european-union", None),
            ("HU", "european-union", None)} <= got


def test_a_member_in_a_relative_clause():
    got = members_of("Chile and Peru, which are both members of the Pacific Alliance, signed the deal.")
    assert {("CL", "pacific-alliance", None), ("PE", "pacific-alliance", None)} <= got
    assert ("mary brown", "green-party", None) in members_of("Mary Brown, who is a member of the Green Party, spoke.")


def test_a_relative_clause_leaves_joins_or_is_expelled():
    got = members_of("Burundi, which left the International Criminal Court in 2017, objected. "
                     "Jane Hill, who was expelled from the Labour Party in 2003, spoke.")
    assert {("BI", "international-criminal-court", "former"), ("jane hill", "labour-party", "former")} <= got
    got = members_of("Norway stayed out of the European Union, which Denmark joined in 1973.")
    assert ("DK", "european-union", None) in got and not any(m == "NO" for m, _, _ in got)


def test_a_defector_left_one_party_and_joined_another_but_the_party_modifying_him_did_not_defect():
    got = members_of("Jane Hill defected from the Conservative Party to the Labour Party in 2005.")
    assert {("jane hill", "conservative-party", "former"), ("jane hill", "labour-party", None)} <= got
    got = members_of("Tory defector Alan Frost joined Labour on Monday.")
    assert {("alan frost", "conservative-party", "former"), ("alan frost", "labour-party", None)} <= got
    assert not any(m == "conservative-party" for m, _, _ in got)
    assert not members_of("A Conservative councillor from Leeds defected to Labour on Friday.")
    assert not members_of("Jane Hill may defect to the Labour Party.")


def test_a_name_in_apposition_to_a_member_noun_but_not_bodies_listed_after_it():
    got = members_of("The motion was moved by a member of the Green Party, Mark Reed.")
    assert ("mark reed", "green-party", None) in got
    got = members_of("The fund helps any party that has members in the House of Commons, the European Parliament or "
                     "the Scottish Parliament.")
    assert not any(o == "house-of-commons" for _, o, _ in got)


def test_a_fronted_member_noun_before_the_name_the_parser_made_a_second_subject():
    got = members_of("A member of the Labour Party, Jane Hill said the plan would fail.")
    assert ("jane hill", "labour-party", None) in got


def test_a_pronoun_that_joined_is_the_subject_it_was_resolved_to_but_not_the_speaker_of_we():
    assert ("jane hill", "green-party", None) in members_of("Jane Hill discussed why she joined the Green Party.")
    assert not members_of("\"It reminded us why we joined the Green Party,\" said Jane Hill.")


def test_quit_tagged_a_noun_still_quits_when_it_heads_a_clause():
    from handdoc import make_doc

    from kg.extract import membership_forms as mf

    doc = make_doc("Frost quit Labour last month", pos="PROPN NOUN PROPN ADJ NOUN", tags="NNP NN NNP JJ NN",
                   deps="nsubj ROOT dobj amod npadvmod", heads=[1, 1, 1, 4, 1])
    assert mf._mistagged_verb(doc[1]) and mf._told_as_done(doc[1])
    doc = make_doc("the quit button", pos="DET NOUN NOUN", tags="DT NN NN", deps="det compound ROOT", heads=[2, 2, 2])
    assert not mf._mistagged_verb(doc[1])


def test_a_pronoun_member_when_it_stands_for_the_only_person_named_nearby():
    got = members_of("Mary Brown was born in Leeds. She joined the Green Party in 1990. "
                     "Paul Smith grew up in York. He is a member of the Labour Party.")
    assert ("mary brown", "green-party", None) in got
    assert ("paul smith", "labour-party", None) in got


def test_no_pronoun_member_when_two_people_were_named_before_it():
    got = members_of("John Smith met Tom Jones in Leeds. He joined the Green Party in 1990.")
    assert not any(o == "green-party" for _, o, _ in got)


def test_to_be_a_member_is_no_statement_of_membership():
    got = members_of("Mary Brown said she was proud to be a member of the Green Party.")
    assert not any(o == "green-party" for _, o, _ in got)


def test_it_after_a_verb_of_speech_is_its_speaker():
    got = members_of("Venezuela said on Monday it had withdrawn from the Organization of American States. "
                     "The Green Party said it had expelled Mary Brown.")
    assert ("VE", "organization-of-american-states", "former") in got
    assert ("mary brown", "green-party", "former") in got


def test_belonged_told_in_the_past_is_a_former_membership():
    got = members_of("Mary Brown previously belonged to the Green Party. Tom Jones belongs to the Labour Party.")
    assert ("mary brown", "green-party", "former") in got
    assert ("tom jones", "labour-party", None) in got


def test_fellow_members_of_a_party_and_the_name_joined_to_them():
    got = members_of("Senator Ann Reed and fellow Republican Representative David Moore proposed term limits. "
                     "Fellow Labour MP Jane Hill spoke next.")
    assert {("david moore", "republican-party", None), ("ann reed", "republican-party", None),
            ("jane hill", "labour-party", None)} <= got


def test_a_seat_the_posts_read_is_no_second_membership_but_a_party_stays():
    text = ("Jane Hill, a member of the Rajya Sabha, spoke on Monday. "
            "Mary Brown, a member of the Green Party, spoke too.")
    facts = extract(Article(id="t", text=text, source="t.txt", date=dt.date(2019, 5, 2)), parse(text))
    assert any(p.person.key == "jane hill" and p.organization and p.organization.key == "rajya-sabha"
               for p in facts.posts)
    got = {(m.member.key, m.organization.key) for m in facts.memberships}
    assert ("jane hill", "rajya-sabha") not in got
    assert ("mary brown", "green-party") in got


def test_a_withdrawal_completed_is_former_and_a_pending_one_is_not():
    got = members_of("Spain's withdrawal from the European Union took effect in May. "
                     "Chad completed its exit from the African Union last year. "
                     "Peru's withdrawal from the Andean Community is due in March.")
    assert ("ES", "european-union", "former") in got
    assert ("TD", "african-union", "former") in got
    assert any(m == "PE" and s is None for m, _, s in got) and not any(m == "PE" and s == "former" for m, _, s in got)


def test_a_member_that_withdrew_or_suspended_its_own_membership():
    got = members_of("Burundi withdrew its membership of the International Criminal Court in 2017. "
                     "Mali suspended its membership of the African Union in 2012. "
                     "Kenya plans to withdraw its membership of the Commonwealth.")
    assert ("BI", "international-criminal-court", "former") in got
    assert ("ML", "african-union", "suspended") in got
    assert not any(m == "KE" and s == "former" for m, _, s in got)


def test_a_pronoun_member_when_the_other_people_named_nearby_are_of_the_other_gender():
    got = members_of("Governor Mary Brown was appointed by John Smith in 2017. She belongs to the ruling Green Party.")
    assert ("mary brown", "green-party", None) in got
    assert not any(m == "john smith" for m, _, _ in got)


def test_an_unnamed_alliance_with_its_countries_listed():
    got = members_of("The president said an alliance of Chile, Peru and Colombia will lead the relief effort. "
                     "The group, made up of Kenya, Uganda and Tanzania, met in Arusha.")
    alliance = {m for m, o, _ in got if o.startswith("alliance-of-")}
    group = {m for m, o, _ in got if o.startswith("group-of-")}
    assert alliance == {"CL", "PE", "CO"}
    assert group == {"KE", "UG", "TZ"}


def test_a_group_with_one_country_or_a_modifier_only_is_no_unnamed_alliance():
    got = members_of("The militant group attacked a base in Mali and Niger. The group of Chile met.")
    assert not got
