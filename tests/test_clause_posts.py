"""Posts that a clause states (kg/extract/clause_posts.py), on hand-written sentences."""
from __future__ import annotations

import datetime as dt

import pytest

from kg.article import Article
from kg.extract.pipeline import extract
from kg.nlp import parse

WEDNESDAY = dt.date(2021, 6, 16)


def posts_of(text: str) -> dict[tuple[str, str], tuple[str | None, str]]:
    """(person key, role) → (institution key, status) of every post the text gives."""
    facts = extract(Article(id="t", text=text, source="t.txt", date=WEDNESDAY), parse(text))
    return {(p.person.key, p.role): (p.organization.key if p.organization else None, p.status) for p in facts.posts}


def test_served_as_gives_a_former_post_with_its_place():
    posts = posts_of("Maria Lopez served as the mayor of Springfield from 2008 to 2016.")
    assert [(k, v[1]) for k, v in posts.items()] == [(("maria lopez", "Mayor"), "former")]
    assert posts[("maria lopez", "Mayor")][0] is not None


def test_succession_gives_the_post_to_both_holders():
    posts = posts_of("Tom Berg, who succeeded Anna Kowalski as Foreign Secretary, spoke to reporters in Paris.")
    assert posts[("tom berg", "Foreign Secretary")][1] == ""
    assert posts[("anna kowalski", "Foreign Secretary")][1] == "former"


def test_a_pronoun_object_with_an_object_predicate_and_a_passive_pronoun_subject():
    posts = posts_of("John Doe won the vote in 2017. A year later, Anna Berg appointed him Foreign Secretary.")
    assert ("john doe", "Foreign Secretary") in posts
    posts = posts_of("John Doe won the vote in 2017. He was appointed foreign minister a year later.")
    assert ("john doe", "Foreign Minister") in posts


def test_coordinated_titles_are_each_a_post():
    posts = posts_of("Peter Brown has served as mayor of Denver and governor of Colorado.")
    assert {role for (_, role) in posts} == {"Mayor", "Governor"}


def test_a_copula_without_dates_states_a_post():
    posts = posts_of("The plan was drafted by Sam Brandt, who is the secretary of state.")
    assert ("sam brandt", "Secretary of State") in posts


def test_a_prefix_the_parser_hangs_elsewhere_stays_in_the_title():
    posts = posts_of("Neil Harwood was elected in 1970. Four years later he became vice-president of the European Commission.")
    assert ("neil harwood", "Vice-President") in posts
    assert ("neil harwood", "President") not in posts


@pytest.mark.parametrize("text", [
    "Lucy Gray was a candidate for the Senate in every election from 2006 to 2014.",
    "Lucy Gray was the party's nominee for governor in 2018.",
    "Lucy Gray did not serve as mayor.",
    "Lucy Gray would resign as mayor if the council voted against her.",
])
def test_no_post_from_a_candidacy_a_negation_or_a_condition(text):
    assert posts_of(text) == {}


def test_a_title_cut_inside_a_longer_noun_phrase_is_no_post():
    posts = posts_of("On Friday, Ana Ruiz resigned as the governor of United States commonwealth of Puerto Rico.")
    assert ("ana ruiz", "Governor") not in posts or posts[("ana ruiz", "Governor")][0] != "US"


def test_who_after_a_name_is_that_person_whatever_the_parser_hung_it_on():
    posts = posts_of("The adviser often had disagreements with Peter Gray who is the secretary of state.")
    assert ("peter gray", "Secretary of State") in posts


def test_a_past_verb_tagged_a_participle_with_its_object_tagged_a_predicate():
    posts = posts_of("Before resigning, Lopez Garza appointed Hale Moreno as secretary of state, the position "
                     "which becomes the successor.")
    assert ("hale moreno", "Secretary of State") in posts


def test_a_plural_who_gives_the_title_to_every_name_it_follows():
    posts = posts_of("The letter was signed by Anna Lopez, Mark Reed, and Tom Hale, who serve as chairmen of the "
                     "committees on trade, health and defence.")
    assert {k for k in posts if k[1] == "Chairman"} == {("anna lopez", "Chairman"), ("mark reed", "Chairman"),
                                                         ("tom hale", "Chairman")}
    assert all(posts[k][1] == "" for k in posts if k[1] == "Chairman")   # 'who serve as': held now, not former


def test_a_title_is_not_cut_inside_a_possessive():
    posts = posts_of("Anna Lopez, who is chairman of the House's committee on trade, spoke to reporters.")
    assert ("anna lopez", "Chairman") in posts
    assert not any(role.startswith("Chairman of") for (_, role) in posts)


def test_a_seat_on_a_board_is_a_board_members_post():
    posts = posts_of("The inquiry concerned Burisma Holdings; Tom Hale was on the board of the company at the time. "
                     "Anna Lopez joined the board of the European Central Bank in 2010.")
    assert ("tom hale", "Board Member") in posts
    assert posts[("anna lopez", "Board Member")][0] == "european-central-bank"
    assert posts_of("Lucy Gray did not sit on the board.") == {}


def test_a_bare_given_name_joined_to_a_full_name_is_too_weak_a_tie_for_a_post():
    posts = posts_of("Charles Brandt led the Liberal Democrats. Many think the duchess should become Princess "
                     "Consort after Charles becomes king.")
    assert ("charles brandt", "King") not in posts


def test_with_x_succeeding_y_as_t_is_told_as_its_clause_is():
    posts = posts_of("Prime Minister Anna Berg is to step down today, with Tom Hale succeeding her as the Prime "
                     "Minister of Norway.")
    assert posts[("tom hale", "Prime Minister")] == ("NO", "incoming")
