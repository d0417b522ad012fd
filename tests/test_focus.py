"""The country an article is about (kg/extract/focus.py)."""
from __future__ import annotations

from kg.extract.entities import find_mentions
from kg.extract.focus import country_of_focus
from kg.extract.sentences import sentences
from kg.nlp import parse


def focus_of(text: str, title: str | None = None) -> str | None:
    doc = parse(text)
    sents = sentences(doc)
    return country_of_focus(doc, sents, find_mentions(doc, sents), title).country


def test_the_country_a_story_keeps_naming_is_its_focus():
    text = ("Farmers in Kenya protested on Monday against a new tax. The Kenyan parliament passed the tax in May. "
            "Police in Nairobi said the protest was peaceful, and a Ugandan group sent support.")
    assert focus_of(text) == "KE"


def test_a_story_about_two_countries_has_no_focus():
    text = ("Greece and Turkey disagree about the sea border. Greek officials met Turkish officials in Athens. "
            "Turkey said Greece was wrong, and Greece said Turkey was wrong.")
    assert focus_of(text) is None


def test_the_title_and_national_institutions_count():
    text = "The House of Commons voted on the bill on Tuesday. The Home Office said the plan would cost little."
    assert focus_of(text) == "GB"
    assert focus_of("Lawmakers in Brasilia voted on the bill on Tuesday. Critics said it would cost a lot.",
                    title="Brazilian lawmakers pass budget") == "BR"


def test_one_passing_mention_is_no_focus():
    assert focus_of("A singer from Peru gave a concert. Fans said it was the best concert of the year.") is None


def test_the_only_country_a_story_names_or_implies_twice_is_its_focus():
    text = ("The Tories say the plan should wait. Ministers disagree. Later, Labour said the Tories were wrong.")
    assert focus_of(text) == "GB"
    assert focus_of("The Tories say the plan should wait. Ministers disagree.") is None   # once is not enough
    text = ("The Tories say the plan should wait. Ministers disagree. A visitor from Peru watched. Labour said no.")
    assert focus_of(text) is None                                                       # another country is named
