"""Posts tied to a country when their title names none (kg/extract/post_links.py)."""
from __future__ import annotations

import datetime as dt

from handdoc import make_doc

from kg.article import Article
from kg.extract.pipeline import extract
from kg.extract.facts import EntityRef, Evidence, Post
from kg.extract.focus import Focus
from kg.extract.mention import MentionIndex, found
from kg.extract.post_links import is_state_role, tie_posts
from kg.extract.sentences import sentences
from kg.nlp import parse


def posts_of(text: str, title: str | None = None) -> dict[tuple[str, str], str | None]:
    facts = extract(Article(id="t", text=text, source="t.txt", date=dt.date(2019, 5, 2), title=title), parse(text))
    return {(p.person.key, p.role): p.organization.key if p.organization else None for p in facts.posts}


US_STORY = ("The United States will send more aid to farmers, officials in Washington said on Friday. "
            "American farmers have lost sales abroad. The US Department of Agriculture will pay the aid in June. ")


def test_a_post_of_the_state_takes_the_country_the_story_is_set_in():
    posts = posts_of(US_STORY + "Secretary of State Mary Olsen defended the plan in a speech.")
    assert posts[("mary olsen", "Secretary of State")] == "US"


def test_no_country_when_the_story_has_no_clear_country():
    text = ("Greece and Turkey disagree about the sea border. Greek officials met Turkish officials in Athens. "
            "Turkey said Greece was wrong. Prime Minister Nikos Aravantis spoke on Friday.")
    assert posts_of(text)[("nikos aravantis", "Prime Minister")] is None


def test_a_post_that_is_not_the_state_s_keeps_no_country():
    posts = posts_of(US_STORY + "Local prosecutor Anna Berg and State Senator Tom Reyes criticised it.")
    assert posts[("anna berg", "Local Prosecutor")] is None
    assert posts[("tom reyes", "State Senator")] is None


def test_a_place_before_the_title_blocks_the_country_of_the_story():
    posts = posts_of(US_STORY + "Montana Attorney General Paul Dorsey said the aid came too late.")
    assert posts[("paul dorsey", "Attorney General")] == "montana"   # the state, never the story's country


def test_the_person_s_own_country_wins_over_the_story_s():
    text = US_STORY + ("Russian President Ivan Petrov called the aid unfair. "
                       "The US said President Petrov had no say in the matter.")
    posts = posts_of(text)
    assert posts[("ivan petrov", "President")] == "RU"


def test_an_aide_serves_the_country_of_the_person_whose_title_it_is():
    text = ("Brazilian President Joao Lima met farmers on Monday. "
            "Lima's spokesman Rui Costa said the meeting went well.")
    assert posts_of(text)[("rui costa", "Spokesman")] == "BR"


def test_a_demonym_leads_both_titles_of_a_coordination():
    text = "The talks were attended by Israeli prime minister Dan Levi and energy minister Yossi Adler."
    posts = posts_of(text)
    assert posts[("dan levi", "Prime Minister")] == "IL"
    assert posts[("yossi adler", "Energy Minister")] == "IL"


def test_the_body_a_person_leads():
    text = US_STORY + "The Supreme Court is led by President Sandra Kohl."
    assert posts_of(text)[("sandra kohl", "President")] == "supreme-court@US"   # the court of the story's country


def test_a_party_role_takes_the_party_its_holder_calls_his_or_her_own():
    assert posts_of("Opposition leader Ann Moss said her Green Party was ready for an election.") == {
        ("ann moss", "Opposition Leader"): "green-party"}
    assert posts_of("Party leader Ann Moss said Tom Fry and his Labour Party would lose.")[
        ("ann moss", "Party Leader")] is None     # 'his' is someone named after her


def test_a_title_only_one_country_has():
    text = US_STORY + "Taoiseach Liam Byrne welcomed the plan."
    assert posts_of(text)[("liam byrne", "Taoiseach")] == "IE"


def test_state_roles():
    assert is_state_role("Prime Minister") and is_state_role("Energy Minister") and is_state_role("Foreign Secretary")
    assert is_state_role("Minister of Economy") and is_state_role("Senator")
    assert not is_state_role("State Senator") and not is_state_role("Party Secretary")
    assert not is_state_role("First Minister") and not is_state_role("Senate President")
    assert not is_state_role("Secretary") and not is_state_role("Mayor")


def test_a_portfolio_of_two_areas_is_a_post_of_the_state():
    assert is_state_role("Work and Pensions Secretary") and is_state_role("Trade and Industry Secretary")
    assert not is_state_role("Trade Union Secretary") and not is_state_role("Police and Crime Commissioner")


def test_a_national_body_named_by_a_title_only_in_a_story_set_in_its_country():
    text = ("Puerto Rico and the United States argued over the island's debt. The U.S. Senate passed a bill. "
            "In San Juan, the Senate met on Monday, and one senator, Luis Ortiz, opposed the plan.")
    posts = posts_of(text)
    assert ("luis ortiz", "Senator") in posts and posts[("luis ortiz", "Senator")] is None


def test_a_place_read_as_a_person_holds_no_post():
    doc = make_doc("Bill Moss , the mayor of New York , New York , ended it .")
    sents = sentences(doc)
    index = MentionIndex()
    for m in (found(doc, 0, 2, "person", "bill moss", "Bill Moss", "ner"),
              found(doc, 6, 8, "site", "new-york", "New York", "ner"),
              found(doc, 9, 11, "person", "new york", "New York", "ner")):
        index.add(m)
    ev = Evidence(sents[0].text, sents[0].start_char, sents[0].end_char, "rule:title-after-name", 0.85)
    site = EntityRef("site", "new-york")
    posts = [Post(EntityRef("person", "bill moss"), "Mayor", site, ev),
             Post(EntityRef("person", "new york"), "Mayor", site, ev)]
    assert [p.person.key for p in tie_posts(posts, doc, sents, index, Focus(None))] == ["bill moss"]


def test_a_local_title_takes_the_place_before_it_or_the_one_place_its_sentence_is_set_in():
    assert posts_of(US_STORY + "Former New York City Mayor John Ames backed the plan.")[("john ames", "Mayor")] \
        is not None
    posts = posts_of(US_STORY + "In Ohio, which votes on Tuesday, Governor Mike Dunn postponed the vote.")
    assert posts[("mike dunn", "Governor")] is not None


def test_the_mayor_of_a_city_of_a_country():
    posts = posts_of("Pawel Nowak, mayor of the Polish city of Gdansk, was stabbed last night.")
    assert posts[("pawel nowak", "Mayor")] is not None


def test_an_aide_named_after_the_head_of_state_or_government_he_serves():
    text = US_STORY + "President Donald Trump spoke on Monday. Former Trump adviser Steve Banks disagreed."
    assert posts_of(text)[("steve banks", "Adviser")] == "US"
    assert posts_of(US_STORY + "The Presidential Spokesperson Harry Lee said so.")[("harry lee", "Spokesperson")] == "US"


def test_coordinated_names_share_the_one_institution_of_their_plural_title():
    posts = posts_of("Former CIA directors John Brennan and Leon Panetta signed the letter.")
    assert posts[("john brennan", "Director")] == posts[("leon panetta", "Director")] == "central-intelligence-agency"


def test_a_governor_in_a_story_set_in_a_territory():
    text = ("Puerto Rico's legislature met in San Juan. Puerto Rico has a new leader. "
            "Governor Ana Rivera was sworn in on Friday.")
    assert posts_of(text)[("ana rivera", "Governor")] == "PR"


GREEK_STORY = ("Greece signed the pipeline deal in Athens on Thursday. Greek officials hailed the deal. "
               "The Greek government will build it by 2025. ")


def test_a_country_that_sends_its_official_gives_the_post_its_country():
    text = GREEK_STORY + "The United States backed the deal and sent Secretary of State Mary Olsen to the meeting."
    assert posts_of(text)[("mary olsen", "Secretary of State")] == "US"


def test_a_body_named_before_a_coordinated_portfolio_beats_the_lexicon_s_hint():
    text = ("The European Union welcomed the deal. AU trade and industry commissioner Albert Muchanga announced "
            "Benin was to join the African Union.")
    assert posts_of(text)[("albert muchanga", "Trade and Industry Commissioner")] == "african-union"


def test_a_plural_noun_before_a_bare_surname_is_no_title():
    text = ("Bill Hammons wants more judges. Curiously, the number of justices Hammons favors matches the number "
            "of circuit courts.")
    assert ("bill hammons", "Justice") not in posts_of(text)


def test_a_person_the_article_ties_to_another_country_takes_not_the_story_s():
    text = US_STORY + ("Farid Karimi, head of Iran's Kavir Force, criticised the plan. "
                       "General Karimi has long opposed American aid.")
    posts = posts_of(text)
    assert posts[("farid karimi", "General")] is None


def test_a_state_legislator_sits_for_the_state_named_before_the_title():
    posts = posts_of("New Hampshire state representative Max Abram said he would run.")
    assert posts[("max abram", "State Representative")] == "new-hampshire"


def test_a_bare_speaker_presides_over_the_one_house_the_story_names():
    text = ("Britain's MPs will be thrown out of the House of Commons if they use phones in the chamber, "
            "Speaker Anna Marten has ruled. The British rule starts on Monday.")
    assert posts_of(text)[("anna marten", "Speaker")] == "house-of-commons"


def test_an_untied_mayor_is_of_the_one_city_the_title_names():
    text = ("Police in Toronto charged a man on Tuesday. Some residents were critical; mayor Ann Toll on Tuesday "
            "asked for a review.")
    assert posts_of(text, title="Toronto man charged after long inquiry")[("ann toll", "Mayor")] is not None
    assert posts_of(text, title="Man charged after long inquiry")[("ann toll", "Mayor")] is None


def test_a_party_title_without_its_party_is_of_the_party_named_before():
    text = "The Liberal Democrats unveiled a housing plan on Monday. Party leader Tom Kenley said the homes were cheap."
    assert posts_of(text)[("tom kenley", "Party Leader")] == "liberal-democrats"
    text = ("The Conservative Party's co-chairman attacked the Labour Party's record in Brighton and "
            "party leader Tom Kenley spoke later.")                # two parties in the sentence: which is unsaid
    assert posts_of(text)[("tom kenley", "Party Leader")] is None


def test_a_us_state_before_a_title_of_a_state_government_is_its_institution():
    assert posts_of("Montana Secretary of State Corey Staple said the law was popular.")[
        ("corey staple", "Secretary of State")] == "montana"
    assert posts_of("Ohio Senator Sherrod Brawn said no.")[("sherrod brawn", "Senator")] is None   # a seat in Congress
