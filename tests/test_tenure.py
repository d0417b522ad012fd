"""When a post is held and in what status (kg/extract/tenure.py), on hand-written sentences."""
from __future__ import annotations

import datetime as dt

import pytest

from kg.article import Article
from kg.extract.facts import STATUSES, Post
from kg.extract.pipeline import extract
from kg.extract.tenure import tenure_words
from kg.nlp import parse

WEDNESDAY = dt.date(2021, 6, 16)


def post_of(text: str, person: str, date: dt.date | None = WEDNESDAY) -> Post:
    """The one post the text gives a person."""
    posts = [p for p in extract(Article(id="t", text=text, source="t.txt", date=date), parse(text)).posts
             if p.person.key == person]
    assert len(posts) == 1, posts
    return posts[0]


# -- status from the title's words ------------------------------------------------------------


@pytest.mark.parametrize("text,person,status", [
    ("Former Prime Minister John Smith said the plan would fail.", "john smith", "former"),
    ("Ex-Finance Minister Jane Doe criticised the budget on Tuesday.", "jane doe", "former"),
    ("The treaty was signed by the then Foreign Secretary Peter Brown.", "peter brown", "former"),
    ("The deal was backed by then-Senator Lucy Gray.", "lucy gray", "former"),
    ("The party nominated the late Ohio Governor Sam Brandt in 1968.", "sam brandt", "former"),
    ("Outgoing President Maria Lopez met the delegation.", "maria lopez", "outgoing"),
    ("Acting Prime Minister Tom Berg said the vote would go ahead.", "tom berg", "acting"),
    ("Interim Mayor Ruth Adler opened the bridge.", "ruth adler", "interim"),
    ("President-elect Anna Kowalski thanked her voters.", "anna kowalski", "elect"),
    ("Attorney General Eric Holder met the ministers.", "eric holder", ""),
])
def test_status_from_the_title(text, person, status):
    post = post_of(text, person)
    assert post.status == status
    if status in ("", "outgoing", "acting", "interim"):
        assert post.observed == "2021-06-16"       # held on the article's date
    else:
        assert post.observed is None                # a former or not yet serving post is not held now


def test_a_then_of_sequence_is_no_status():
    post = post_of("The talks ended and then President Maria Lopez spoke to reporters.", "maria lopez")
    assert post.status == "" and post.observed == "2021-06-16"
    post = post_of("The session ran late and Senator Ann Lee left.", "ann lee")
    assert post.status == ""


def test_a_status_word_before_another_persons_title_is_not_this_ones():
    post = post_of("Former President Tom Hale's Vice President Ruth Ames spoke.", "ruth ames")
    assert post.status == ""


def test_a_then_title_is_held_at_the_date_of_its_event():
    post = post_of("In 2006 the treaty was signed by the then Foreign Secretary Peter Brown.", "peter brown")
    assert post.status == "former" and post.observed == "2006"


def test_a_post_stated_again_later_keeps_the_status_it_is_given():
    text = ("Prime Minister Ana Costa arrived in Lisbon. Reporters asked the outgoing Prime Minister Ana Costa "
            "about the vote.")
    assert post_of(text, "ana costa").status == "outgoing"


def test_a_title_stated_by_its_head_word_is_the_same_post():
    text = ("Secretary of Justice Ana Ruiz spoke on Monday. Before the vote, then-Secretary Ruiz had promised "
            "stability.")
    post = post_of(text, "ana ruiz")
    assert post.role == "Secretary of Justice" and post.status == "former"


# -- start and end ---------------------------------------------------------------------------


def test_appointed_in_gives_the_start():
    post = post_of("Prime Minister Jan Novak, who was appointed in March 2010, opened the summit.", "jan novak")
    assert (post.start, post.end, post.status, post.observed) == ("2010-03", None, "", "2021-06-16")


def test_took_office_on_a_weekday_resolves_against_the_article_date():
    post = post_of("Mayor Lisa Park took office on Monday.", "lisa park")
    assert post.start == "2021-06-14" and post.status == ""


def test_has_been_since():
    assert post_of("Mayor Ivan Petrov has been mayor since 1998.", "ivan petrov").start == "1998"


def test_served_from_to_is_a_former_post():
    post = post_of("Senator Paul Grant, who served as senator from 2008 to 2016, died on Friday.", "paul grant")
    assert (post.start, post.end, post.status, post.observed) == ("2008", "2016", "former", None)


def test_until_a_past_year_ends_the_post():
    post = post_of("Interior Minister Omar Haddad, who held the post until 2014, returned to politics.", "omar haddad")
    assert (post.end, post.status) == ("2014", "former")


def test_stepped_down_last_week():
    post = post_of("Defence Minister Karl Weber stepped down last week.", "karl weber")
    assert (post.end, post.status, post.observed) == ("2021-06", "former", None)


def test_the_resignation_of_on_a_date():
    post = post_of("The resignation of Transport Secretary Mark Hill on 3 May surprised his party.", "mark hill")
    assert (post.end, post.status) == ("2021-05-03", "former")


def test_will_step_down_is_outgoing_with_its_end():
    post = post_of("Governor Sam Reed will step down on 30 June.", "sam reed")
    assert (post.end, post.status, post.observed) == ("2021-06-30", "outgoing", "2021-06-16")


def test_is_to_step_down_is_outgoing():
    assert post_of("Finance Minister Lena Vogel is to step down.", "lena vogel").status == "outgoing"


def test_an_elected_post_starts_later():
    post = post_of("President-elect Anna Kowalski will take office on 1 July.", "anna kowalski")
    assert (post.start, post.status, post.observed) == ("2021-07-01", "elect", None)


def test_will_take_over_is_incoming():
    post = post_of("Chief Executive Omar Said will take over on 1 July, the board said.", "omar said")
    assert (post.start, post.status, post.observed) == ("2021-07-01", "incoming", None)


@pytest.mark.parametrize("text,person", [
    ("Opposition parties renewed their calls for the resignation of Interior Minister Ali Demir.", "ali demir"),
    ("Health Minister Rosa Blanco refused to resign.", "rosa blanco"),
    ("Health Minister Rosa Blanco did not resign.", "rosa blanco"),
    ("Labour Minister Ivo Horvat said he would resign if the law passed.", "ivo horvat"),
    ("Sports Minister Nadia Karim quit Twitter on Monday.", "nadia karim"),
    ("The party is weakened by the departure of Senator Ana Ruiz.", "ana ruiz"),    # from the party, not the post
])
def test_an_end_not_reported_as_done_changes_nothing(text, person):
    post = post_of(text, person)
    assert (post.status, post.end) == ("", None)


def test_a_death_does_not_make_a_post_former():
    post = post_of("President Pierre Duval died on Monday.", "pierre duval")
    assert post.status == "" and post.observed == "2021-06-14"


# -- no article date, no guessed date ---------------------------------------------------------


def test_without_an_article_date_no_relative_date_is_guessed():
    post = post_of("Defence Minister Karl Weber stepped down on Monday.", "karl weber", date=None)
    assert (post.status, post.end, post.observed) == ("former", None, None)
    post = post_of("Mayor Lisa Park took office last week.", "lisa park", date=None)
    assert (post.start, post.observed) == (None, None)


def test_without_an_article_date_a_stated_year_is_kept():
    post = post_of("Mayor Ivan Petrov has been mayor since 1998.", "ivan petrov", date=None)
    assert (post.start, post.observed) == ("1998", None)


# -- the vocabulary ---------------------------------------------------------------------------


def test_the_status_words_give_only_known_statuses():
    words = tenure_words()
    assert set(words.status_words.values()) <= set(STATUSES)
    assert set(words.status_rank) == set(STATUSES)


def test_a_post_named_at_a_death_is_held_up_to_it_not_at_the_article_date():
    post = post_of("Security forces killed Omar Farid, the head of the Quds Force, in an airstrike.", "omar farid")
    assert (post.status, post.observed) == ("", None)
    assert post_of("Mayor Jan Kos was killed on 3 June.", "jan kos").observed == "2021-06-03"
    post = post_of("Sergeant Tom Hale underwent surgery, but he was later pronounced dead.", "tom hale")
    assert (post.status, post.observed) == ("", None)        # the death told in a clause joined to his
    post = post_of("Sergeant Tom Hale underwent surgery, but the attacker was pronounced dead.", "tom hale")
    assert post.observed == "2021-06-16"                      # another's death: his post is observed


def test_a_post_in_a_past_story_of_an_earlier_year_gets_no_article_date():
    post = post_of("Richardson challenged President Tom Hale for the party's 2012 nomination.", "tom hale")
    assert post.observed is None
    post = post_of("President Maria Lopez opened the 2019 summit on Monday.", "maria lopez")
    assert post.observed == "2021-06-14"               # the clause's own date wins
    post = post_of("Prime Minister Jan Novak, who took office in 2015, said the plan would fail.", "jan novak")
    assert (post.start, post.observed) == ("2015", "2021-06-16")   # a date of the relative clause is its own


def test_a_post_named_at_a_funeral_is_not_held_at_the_article_date():
    post = post_of("Thousands attended the funeral of General Omar Farid in Tehran.", "omar farid")
    assert (post.status, post.observed) == ("", None)
    post = post_of("During the funeral of General Omar Farid on Tuesday, a stampede erupted.", "omar farid")
    assert post.observed is None                       # the funeral's date follows the death: no date of the post
    assert post_of("The killing of General Omar Farid on Monday shocked Iran.", "omar farid").observed == "2021-06-14"


@pytest.mark.parametrize("text,person", [
    ("The reform was similar to what President Tom Hale proposed in the 1930s.", "tom hale"),
    ("Only President Tom Hale, who led the country during the war, served more than two terms.", "tom hale"),
])
def test_a_post_of_a_story_told_of_long_ago_is_not_observed_now(text, person):
    assert post_of(text, person).observed is None


def test_a_post_named_in_a_clause_about_an_earlier_year_is_not_observed_now():
    post = post_of("Critics cited the refusal to consider President Tom Hale's nominee after the 2016 vote.",
                   "tom hale")
    assert post.observed is None
