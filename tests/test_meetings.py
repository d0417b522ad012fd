"""Meetings and posts on small invented news sentences: who attended, which events are real, which are merged."""
from __future__ import annotations

import datetime as dt

from kg.article import Article
from kg.extract.facts import EntityRef
from kg.extract.pipeline import extract
from kg.nlp import parse


def facts_of(text: str, date: dt.date | None = None):
    return extract(Article(id="t", text=text, source="t.txt", date=date), parse(text))


def attendees(facts) -> list[set[str]]:
    """The participants of each meeting, by person key."""
    return [{p.key for p in m.participants} for m in facts.meetings]


def everyone(facts) -> set[str]:
    return set().union(*attendees(facts)) if facts.meetings else set()


# --- attendees are the event clause's own arguments -------------------------------------------------

def test_subject_and_object_of_met_attend_but_an_author_mentioned_later_does_not():
    f = facts_of("Anna Berg met Paul Lind in Oslo on Monday. The talks were overshadowed by claims made in "
                 "a book by Mark Green.")
    assert everyone(f) == {"anna berg", "paul lind"}


def test_owner_of_the_event_attends_but_not_someone_giving_a_speech_at_the_same_time():
    f = facts_of("Aides decided to hold Mary Hill's press conference at the same time as a long speech by "
                 "Peter Lane.")
    assert everyone(f) == {"mary hill"}


def test_subject_of_a_participle_clause_speaks_at_the_conference():
    f = facts_of("Speaking at the party conference in Leeds, Ann Sharp claimed a famous victory.")
    assert attendees(f) == [{"ann sharp"}]


def test_subject_of_a_verb_placed_at_the_meeting_attends_even_under_seek():
    f = facts_of("Tony Blair will seek to reassure MPs at their meeting in Westminster on Monday.")
    assert attendees(f) == [{"tony blair"}]


def test_host_by_agent_and_participants_named_in_the_next_sentence():
    f = facts_of("A meeting on water policy is being hosted by Prime Minister Carl Dahl in Oslo. "
                 "Also due to attend are Secretary of State Laura Finch and Minister Omar Haddad.")
    assert attendees(f) == [{"carl dahl", "laura finch", "omar haddad"}]


def test_represented_by_a_title_of_a_region_in_apposition():
    f = facts_of("Two days of talks on fishing begin at the palace in Oslo on Friday. Madrid is being "
                 "represented by Spain's director general for Europe, Jose Luis Ortega.")
    assert attendees(f) == [{"jose luis ortega"}]


def test_people_in_a_relative_clause_on_another_person_do_not_attend():
    f = facts_of("Mr Brown was joined at the launch in Leeds by Alan Mills, the man put in charge of "
                 "planning by Mr Blair.")
    assert everyone(f) == {"brown", "alan mills"}


def test_possessive_pronoun_is_not_read_as_a_person_named_later_when_the_subject_is_a_title():
    f = facts_of("The prime minister responded by scheduling his press conference in London to clash with "
                 "a speech by Chancellor Gordon Brown.")
    assert "gordon brown" not in everyone(f)


# --- events that did not happen, or are no meetings ---------------------------------------------------

def test_threatened_news_conference_is_no_event():
    f = facts_of("Lawyer Dan White was accused of threatening to give a news conference in Chicago.")
    assert f.meetings == []


def test_offered_tour_is_no_event():
    f = facts_of("Two officers offered Jane Doe a late night tour of the police headquarters in Paris.")
    assert f.meetings == []


def test_willingness_to_meet_is_no_meeting():
    f = facts_of("Mr Dupont said he would be happy to meet Ahmed Karim in Geneva.")
    assert f.meetings == []


def test_launch_of_a_business_is_no_event_but_a_launch_someone_is_at_is():
    assert facts_of("Before politics, Sam Brook was involved in the successful launch of a chain of cafes "
                    "in Denver.").meetings == []
    f = facts_of("Sam Brook spoke at the campaign launch in Denver.")
    assert attendees(f) == [{"sam brook"}]


def test_meeting_a_future_wife_is_no_meeting_but_meeting_a_minister_is():
    assert facts_of("Tom Reed went to Cardiff University, where he met his wife Glenys Parry.").meetings == []
    assert attendees(facts_of("Tom Reed went to Cardiff University, where he met Foreign Minister Glenys "
                              "Parry.")) == [{"tom reed", "glenys parry"}]


# --- merging and dates ---------------------------------------------------------------------------------

def test_own_launch_is_another_event_than_the_one_before():
    f = facts_of("Conservative chairman Liam Ford spoke at their poster launch in Leeds. Labour minister "
                 "Alan Mills spoke at its own poster launch in Leeds.")
    assert sorted(map(sorted, attendees(f))) == [["alan mills"], ["liam ford"]]


def test_a_past_meeting_is_not_merged_into_talks_still_to_come():
    f = facts_of("Five unions will hold talks with Minister Ann Sharp in Leeds. Ms Sharp held a private "
                 "meeting with union leaders last week.")
    assert len(f.meetings) == 2


def test_date_of_a_clause_about_other_things_is_not_the_event_date():
    f = facts_of("The summit in Vienna will review the plans agreed in Lisbon in 2000.")
    assert [m.date for m in f.meetings] == [None]


def test_past_event_is_not_dated_by_the_publication_but_a_present_one_is():
    past = facts_of("In 2014 Ann Sharp met Paul Lind at a pub in Paris.", dt.date(2019, 2, 2))
    assert [m.date for m in past.meetings] == ["2014"]
    told = facts_of("Ann Sharp met Paul Lind at a pub in Paris.", dt.date(2019, 2, 2))
    assert [m.date for m in told.meetings] == [None]
    now = facts_of("Ann Sharp and Paul Lind give a press conference in Brussels.", dt.date(2019, 2, 2))
    assert [m.date for m in now.meetings] == ["2019-02-02"]


# --- posts ---------------------------------------------------------------------------------------------

def posts(facts) -> set[tuple[str, str, str | None]]:
    return {(p.person.key, p.role, p.organization.kind if p.organization else None) for p in facts.posts}


def test_title_before_a_pronoun_is_not_the_pronoun_s_post():
    f = facts_of("Tom Hart spoke first. Later he told the prime minister he could never trust him.")
    assert posts(f) == set()


def test_a_dash_before_and_is_no_role_prefix():
    f = facts_of("Mr Hart joined his rival Ann Lee - who the leader put in charge in Mr Hart's stead - and "
                 "Deputy Prime Minister John Mead at the launch.")
    assert ("john mead", "Deputy Prime Minister", None) in posts(f)
    assert not any("Stead" in role for _, role, _ in posts(f))


def test_predicate_of_became_is_no_apposition_title():
    f = facts_of("If he became king, Charles Windsor would govern the church.")
    assert posts(f) == set()


def test_party_leader_named_with_demonym_leads_the_party():
    f = facts_of("Polish leader Jan Nowak of the conservative Law and Justice Party spoke on Sunday.")
    post = next(p for p in f.posts if p.person.key == "jan nowak")
    assert (post.role, post.organization.kind) == ("Leader", "organization")


def test_short_role_beside_the_full_one_is_dropped():
    f = facts_of("Police director Ivan Petrovic said 70 people were arrested. Director Petrovic said officers "
                 "were hurt.")
    assert {role for _, role, _ in posts(f)} == {"Police Director"}


def test_occupation_with_a_demonym_is_no_post():
    f = facts_of("Welsh singer Bryn Jones was arrested in Bangor.")
    assert posts(f) == set()


def test_seat_of_a_member_is_not_the_institution_of_the_post_but_a_mayor_s_city_is():
    assert ("dan hale", "Senator", None) in posts(facts_of("Dan Hale, senator for Sydney, spoke."))
    assert ("dan hale", "Mayor", "place") in posts(facts_of("Dan Hale, mayor of Sydney, spoke."))


def test_predecessor_as_title_is_a_former_post():
    f = facts_of("His predecessor as chief schools inspector, Professor Chris Wood, disagreed.")
    post = next(p for p in f.posts if p.person.key == "chris wood")
    assert post.role == "Chief Schools Inspector" and "former" in post.qualifiers


def test_object_of_a_clause_before_a_comma_is_not_the_title_of_the_next_subject():
    f = facts_of("Asked about claims that he did not trust the prime minister, Mr Brown replied at once.")
    assert posts(f) == set()
    f = facts_of("\"We must act,\" said its chairman, Sir Anthony Greene.")
    assert ("anthony greene", "Chairman", None) in posts(f)


def test_taking_part_in_talks_is_attending_them():
    f = facts_of("Ann Sharp is due to take part in talks with Paul Lind in Oslo on Friday.")
    assert attendees(f) == [{"ann sharp", "paul lind"}]


def test_possessive_pronoun_of_a_person_named_as_an_object_is_not_trusted():
    f = facts_of("Ann Lee visited Leeds after Tom Hart in what was his first campaign trip to the north.")
    assert "tom hart" not in everyone(f)


def test_an_event_owned_by_someone_named_is_no_reference_back_to_the_last_one():
    f = facts_of("Tom Hart began a trip on Monday. The President's visit to Paris was praised by Ann Lee.", dt.date(2019, 2, 2))
    assert [m.participants for m in f.meetings if m.place is not None] == [[]]


def test_apposition_title_is_not_cut_inside_a_noun_phrase():
    f = facts_of("After the ruling Carla Ford, legal director of the human rights group Redress, said it was "
                 "not enough.")
    roles = {role for _, role, _ in posts(f)}
    assert roles and not any("Rights" in role for role in roles)


def test_plural_acronym_title_keeps_its_capitals():
    f = facts_of("The leader shrugged off the defection of one of his MPs, Robert Jackson, to Labour.")
    assert {role for _, role, _ in posts(f)} == {"MP"}


def test_city_ending_a_place_name_is_not_part_of_the_role():
    f = facts_of("Former New York City Mayor Michael Bloom planned to invest in the state.")
    assert {role for _, role, _ in posts(f)} == {"Mayor"}


def test_press_secretary_with_its_qualifier():
    f = facts_of("Former White House Press Secretary Joe Lock questioned the visit.")
    post = next(p for p in f.posts if p.person.key == "joe lock")
    assert post.role == "Press Secretary" and "former" in post.qualifiers


def test_today_of_another_clause_does_not_date_a_past_meeting():
    f = facts_of("Ann Sharp met Paul Lind at a pub in Paris, prosecutors told the court today.", dt.date(2019, 2, 2))
    assert [m.date for m in f.meetings] == [None]
    f = facts_of("Ann Sharp met Paul Lind in Paris today.", dt.date(2019, 2, 2))
    assert [m.date for m in f.meetings] == ["2019-02-02"]


def test_day_and_month_of_a_past_meeting_months_after_the_article_date_is_last_year():
    f = facts_of("The United States backed the pipeline at a July 25 meeting in Washington.", dt.date(2020, 1, 10))
    assert [m.date for m in f.meetings] == ["2019-07-25"]


def test_at_the_event_hung_on_the_object_still_places_the_subject_there():
    f = facts_of("Grant Sharp announced the measure at the government's daily coronavirus briefing.")
    assert attendees(f) == [{"grant sharp"}]


def test_ex_prefix_gives_one_former_qualifier():
    f = facts_of("Ed Bell, ex-chief economic adviser to the Treasury, said there would be no spending spree.")
    post = next(p for p in f.posts if p.person.key == "ed bell")
    assert post.qualifiers == ("former",)


def test_opposition_leader_is_no_post_of_the_country():
    f = facts_of("Poland's opposition leader Jan Nowak spoke in Warsaw.")
    assert ("jan nowak", "Opposition Leader", None) in posts(f)


# --- the owner of 'his <event>' is the subject of the event's own clause (audit 7) ----------------------

def test_his_event_is_the_named_subject_s_not_a_person_of_the_sentence_before():
    f = facts_of("Mark Sand criticised the new tax on fuel. Later that day, Paul Ortiz held his first press "
                 "conference in Denver.")
    assert attendees(f) == [{"paul ortiz"}]


def test_fronted_his_event_belongs_to_the_subject_named_after_it_and_not_its_place():
    f = facts_of("Carl Dahl praised the new president. Following his inauguration, Mr Ruiz is due in Europe "
                 "at the end of May.")
    assert "carl dahl" not in everyone(f)
    assert all(m.place is None for m in f.meetings)


def test_he_and_his_inside_a_quote_are_not_the_speaker():
    f = facts_of("Carl Dahl welcomed the new president. \"It is significant that he is coming to Europe as his "
                 "first foreign visit,\" said Mr Dahl.")
    assert "carl dahl" not in everyone(f)


def test_host_met_on_someone_else_s_visit_is_not_the_visitor():
    f = facts_of("On Monday the Peruvian president met Prime Minister Carl Dahl at the palace, on his first "
                 "official visit to Lisbon.")
    visits = [m for m in f.meetings if "visit" in m.label]
    assert visits and all("carl dahl" not in {p.key for p in m.participants} for m in visits)


# --- a title does not cross a clause or list boundary, nor merge coordinated titles (audit 7) ----------

def test_apposition_before_a_speech_verb_is_its_subject_not_the_name_s_title():
    f = facts_of("Echoing the view of Secretary of State Laura Finch, the prime minister said the plan would work.")
    assert ("laura finch", "Prime Minister", None) not in posts(f)


def test_title_between_two_names_of_a_list_belongs_to_the_next_name():
    f = facts_of("Speakers included First Minister Anna Berg, Labour MP (Member of Parliament) Tom Walsh and "
                 "the actor Ian Hale.")
    assert not any(p[0] == "anna berg" and p[1] == "MP" for p in posts(f))


def test_party_of_the_first_coordinated_title_is_not_the_second_s():
    f = facts_of("Green Party leader and Prime Minister Carl Dahl spoke in Oslo.")
    assert not any(p[1] == "Prime Minister" and p[2] is not None for p in posts(f))


def test_no_garbled_coordinated_role_and_no_noun_glued_before_a_title():
    f = facts_of("Deputy Prime Minister for Finance and Minister of Economy Petr Novak met Carl Dahl outside "
                 "the home of Prime Minister Carl Dahl.")
    roles = {p[1] for p in posts(f)}
    assert not any(r.startswith(("Finance", "Home")) for r in roles)


def test_apposition_without_a_closing_comma_before_said_is_still_the_name_s_title():
    f = facts_of("Jane Holt, head of policy at the charity Shelter said the plan was wrong.")
    assert any(p[0] == "jane holt" and p[1] == "Head of Policy" for p in posts(f))


# --- dates and places a reader gives the event (issue 11) -------------------------------------------

def test_ministers_gathering_in_a_city_meet_there_on_that_day():
    f = facts_of("Egyptian foreign minister Sami Adel and his Greek counterpart, Nikos Papas, gathered in "
                 "Cairo on Wednesday to discuss the deal.", date=dt.date(2020, 1, 11))
    assert len(f.meetings) == 1
    m = f.meetings[0]
    assert m.date == "2020-01-08" and m.place is not None and m.place.kind == "place"
    assert {p.key for p in m.participants} == {"sami adel", "nikos papas"}


def test_a_visit_takes_its_object_as_its_place():
    f = facts_of("Foreign Secretary John Reed is to visit Thailand next week.", date=dt.date(2019, 5, 2))
    assert [(m.kind, m.place.key if m.place else None) for m in f.meetings] == [("visit", "TH")]


def test_a_where_clause_places_the_meeting():
    f = facts_of("He flew in from the United States, where he met President Ann Cole.", date=dt.date(2019, 5, 2))
    assert f.meetings and f.meetings[0].place.key == "US"


def test_that_day_is_the_day_named_before_and_never_a_guess():
    text = ("On Monday, a building collapsed in the city of Omsk. President Ivan Petrov flew to the city. "
            "In a meeting that day he was told by Emergencies Minister Oleg Sidorov that 40 people were missing.")
    f = facts_of(text, date=dt.date(2019, 1, 4))
    assert [m.date for m in f.meetings] == ["2018-12-31"]
    assert [m.date for m in facts_of(text).meetings] == [None]


def test_a_past_meeting_takes_the_day_its_paragraph_named_when_that_is_the_news():
    text = ("On Friday, President Ivan Petrov rejected the resignation of his prime minister. "
            "Petrov said in a meeting with Oleg Sidorov that he would give him a chance.\n\n"
            "Petrov met Sidorov in a meeting about the budget.")
    f = facts_of(text, date=dt.date(2020, 1, 18))
    assert f.meetings[0].date == "2020-01-17"
    assert all(m.date is None for m in f.meetings[1:])   # another paragraph: no date from the first one


def test_a_cancelled_trip_is_no_event():
    f = facts_of("Volker arranged the planned trip to Warsaw by President Ann Cole, which was cancelled.",
                 date=dt.date(2019, 9, 30))
    assert not f.meetings


def test_a_meeting_is_where_its_person_had_just_gone_in_the_paragraph():
    text = ("General Ali Karimi arrived at Baghdad International Airport early on Friday. "
            "He was met by Hadi Amiri, the commander of the militia.")
    f = facts_of(text, date=dt.date(2020, 1, 5))
    assert f.meetings and f.meetings[0].date == "2020-01-03"
    assert f.meetings[0].place is not None and f.meetings[0].place.kind == "site"


def test_a_title_naming_a_month_dates_the_events_told_without_one():
    text = "Senator Mary Cole held a press conference about the economy."
    f = extract(Article(id="t", text=text, source="t.txt", date=dt.date(2020, 11, 2),
                        title="On the campaign trail, October 2020"), parse(text))
    assert [m.date for m in f.meetings] == ["2020-10"]


def test_a_date_of_the_verb_a_meeting_completes():
    f = facts_of("In July, Kurt Vogel helped facilitate a meeting between Rudy Gold and Andriy Kravets.",
                 date=dt.date(2019, 9, 30))
    assert [m.date for m in f.meetings] == ["2019-07"]


def test_background_and_many_encounters_are_no_event():
    f = facts_of("In her campaign, Greta Lind has met with multiple world leaders, including meeting with "
                 "Pope Francis.", date=dt.date(2019, 12, 14))
    assert not f.meetings
    f = facts_of("Years earlier, Anna Berg had met Paul Lind in Oslo.", date=dt.date(2019, 12, 14))
    assert not f.meetings


def test_an_event_named_in_a_title_is_none():
    f = facts_of("Kurt Vogel, the United States special envoy for Ukraine negotiations, resigned.",
                 date=dt.date(2019, 9, 30))
    assert not f.meetings


def test_a_where_clause_of_arrival_places_the_meeting_of_the_one_who_arrived():
    text = ("The strike hit Baghdad International Airport, where General Zoltar Kvist was arriving by plane. "
            "He was being met by Hadi Amiri, who was also killed.")
    f = facts_of(text, date=dt.date(2020, 1, 5))
    assert len(f.meetings) == 1
    assert f.meetings[0].place is not None and f.meetings[0].place.key == "baghdad-international-airport"
    assert {p.key for p in f.meetings[0].participants} == {"zoltar kvist", "hadi amiri"}


def _home_facts(text: str):
    """Facts of a story set in Norway (its title and lead name it)."""
    lead = "Norway's government announced new measures in Oslo on Monday. Norwegian officials agreed. "
    return extract(Article(id="t", text=lead + text, source="t.txt", date=dt.date(2020, 3, 4),
                           title="Norway announces measures"), parse(lead + text))


def test_a_press_conference_of_the_story_s_own_officials_is_held_in_its_country():
    f = _home_facts("Norwegian Prime Minister Erna Solberg said at a press conference that schools would close.")
    assert f.focus == "NO"
    assert [m.place for m in f.meetings if m.kind == "conference"] == [EntityRef("country", "NO")]
    assert all(e.rule.endswith("+place:home") for m in f.meetings for e in m.evidence)


def test_no_home_place_for_a_visit_or_for_people_of_two_countries():
    f = _home_facts("Norwegian Prime Minister Erna Solberg met French President Emmanuel Macron on Tuesday.")
    assert f.meetings and all(m.place is None for m in f.meetings)
    f = _home_facts("Norwegian Prime Minister Erna Solberg visited the troops on Tuesday.")
    assert all(m.place is None for m in f.meetings)


def test_no_home_place_when_a_party_is_a_counterpart_or_an_unread_pronoun():
    f = _home_facts("Norwegian Prime Minister Erna Solberg is meeting her EU counterparts in a private meeting.")
    assert f.meetings and all(m.place is None for m in f.meetings)


def test_a_bare_surname_the_model_left_untyped_is_the_person_named_in_full_before():
    f = facts_of("On Tuesday, the Greek prime minister Kyriakos Mitsotakis spoke in Washington. Later on Tuesday "
                 "Mitsotakis met with the International Monetary Fund, then with President Trump.",
                 date=dt.date(2020, 1, 9))
    assert {"kyriakos mitsotakis", "trump"} <= everyone(f)


def test_a_day_named_in_an_earlier_paragraph_does_not_date_a_meeting_of_the_next():
    text = ("Anna Berg was killed on Thursday. Officials pointed to the December 31 attack on the embassy.\n\n"
            "The strike hit the airport in Baghdad. Berg was met by Paul Lind, who was also killed.")
    f = facts_of(text, date=dt.date(2020, 1, 5))
    assert f.meetings and all(m.date != "2019-12-31" for m in f.meetings)


def test_the_official_a_country_sends_to_a_meeting_attends_it_on_its_date_of_last_year():
    f = facts_of("Greece signed the deal in Athens. The United States sent Secretary of State Mike Pompeo to join "
                 "the trilateral meeting of EastMed countries on March 20 last year.", date=dt.date(2020, 1, 10))
    assert [(m.date, {p.key for p in m.participants}) for m in f.meetings] == [("2019-03-20", {"mike pompeo"})]


def test_the_second_party_of_between_after_a_participle_clause():
    f = facts_of("In July, Kurt Vogel helped facilitate a meeting between Rudy Gold, claiming to represent the "
                 "State Department, and Andriy Kravets, one of the president's aides.", date=dt.date(2019, 9, 30))
    assert attendees(f) == [{"rudy gold", "andriy kravets"}]


def test_attending_a_general_assembly_is_an_event_of_its_own_where_the_attendee_was():
    f = facts_of("In July, Anna Berg met Paul Lind. While in New York City to attend the United Nations General "
                 "Assembly, President Ivan Petrenko told reporters he felt no pressure.", date=dt.date(2019, 9, 30))
    assembly = [m for m in f.meetings if "General Assembly" in m.label]
    assert len(f.meetings) == 2 and len(assembly) == 1
    assert {p.key for p in assembly[0].participants} == {"ivan petrenko"}
    assert assembly[0].place is not None and assembly[0].place.kind == "place"
    assert not facts_of("The United Nations General Assembly voted on the resolution.",
                        date=dt.date(2019, 9, 30)).meetings


# --- the lede's day, visitors, definite references -------------------------------------------------

def test_a_past_meeting_of_a_person_of_the_lede_happened_on_the_lede_s_day():
    text = ("Yesterday, President Ivan Sorel refused the resignation of Prime Minister Olek Hart.\n\n"
            "Hart had offered to resign after a leak on Wednesday.\n\n"
            "Sorel said in a meeting with Hart that the government had his trust.")
    f = facts_of(text, date=dt.date(2020, 1, 18))
    assert [(m.date, {p.key for p in m.participants}) for m in f.meetings] == [
        ("2020-01-17", {"ivan sorel", "olek hart"})]


def test_no_lede_day_for_a_meeting_of_people_the_lede_does_not_name():
    text = ("Yesterday, the health ministry confirmed five new deaths.\n\n"
            "Doctor Ana Rios said in a meeting with Doctor Paul Lind that hospitals were full.")
    f = facts_of(text, date=dt.date(2020, 4, 8))
    assert [m.date for m in f.meetings] == [None]


def test_a_daily_briefing_has_no_date_of_its_own():
    text = ("Yesterday, transport secretary Grant Hollis announced that from June 15 masks would be compulsory.\n\n"
            "Hollis announced the measure at the government's daily coronavirus briefing.")
    f = facts_of(text, date=dt.date(2020, 6, 5))
    assert [m.date for m in f.meetings] == ["2020-06-04"]


def test_two_visitors_to_one_town_make_two_visits():
    text = ("President Tom Reyes started the month visiting Kenosha, Wisconsin. "
            "Senator Anna Berg visited Kenosha two days after Reyes.")
    f = facts_of(text, date=dt.date(2020, 10, 29))
    assert sorted(sorted(p.key for p in m.participants) for m in f.meetings) == [["anna berg"], ["tom reyes"]]


def test_his_conference_refers_back_to_his_press_conference():
    text = ("Anna Berg held her first press conference in Oslo on Monday. "
            "Berg, during her conference, also answered questions about her health.")
    f = facts_of(text, date=dt.date(2020, 7, 25))
    assert len(f.meetings) == 1


def test_a_president_of_a_country_named_before_his_name_takes_part():
    f = facts_of("Last month Prime Minister Jan Novak attended a summit with President of France Marc Roussel.",
                 date=dt.date(2020, 12, 21))
    assert attendees(f) == [{"jan novak", "marc roussel"}]


# --- an institution's premises as the place ---------------------------------------------------------

def places(facts) -> list:
    return [m.place for m in facts.meetings]


def test_a_ceremony_named_by_the_building_of_an_institution_is_held_there():
    f = facts_of("Justice Ann Cole swore him in at a White House ceremony on Monday.", date=dt.date(2020, 11, 2))
    assert places(f) == [EntityRef("organization", "white-house")]


def test_a_visit_to_a_person_is_held_where_the_person_is():
    f = facts_of("President Joko Tan was planning to visit Budi Harto, who was being treated at the Siloam "
                 "General Hospital.", date=dt.date(2019, 10, 11))
    assert [p.kind for p in places(f)] == ["organization"]
    assert "hospital" in places(f)[0].key


def test_talks_at_an_institution_are_held_on_its_premises_unless_the_text_names_a_place():
    f = facts_of("Anna Berg held talks with Paul Lind at the Atlantic Council on Monday.", date=dt.date(2020, 1, 10))
    assert places(f) == [EntityRef("organization", "atlantic-council")]
    f = facts_of("Anna Berg met Paul Lind at the Atlantic Council in Washington on Monday.", date=dt.date(2020, 1, 10))
    assert [p.key for p in places(f)] == ["washington"]


def test_a_city_naming_the_conference_is_its_place_even_when_the_model_calls_it_a_person():
    f = facts_of("Labour has failed, Michael Hale told the Brighton conference on Friday.")
    assert [(p.kind in ("place", "site"), f.entity(p).name) for p in places(f)] == [(True, "Brighton")]


def test_in_the_middle_of_a_tour_of_a_country():
    f = facts_of("Liberal leader Charles Penn is in the middle of a tour of the UK aimed at winning voters.")
    assert [(m.place, {p.key for p in m.participants}) for m in f.meetings] == [
        (EntityRef("country", "GB"), {"charles penn"})]


def test_attending_a_launch_is_being_at_it_but_a_business_launch_is_no_event():
    f = facts_of("Meanwhile, President Tom Reyes attended the joint rocket launch in Florida.")
    assert attendees(f) == [{"tom reyes"}]
    assert facts_of("Anna Berg announced the launch of a chain of pubs.").meetings == []


def test_a_visit_to_a_hospital_is_held_there():
    f = facts_of("Senator Tom Reyes paid a visit to the Walter Reed Hospital last November.", date=dt.date(2020, 10, 29))
    assert [(m.date, m.place.kind) for m in f.meetings] == [("2019-11", "organization")]


def test_this_comes_a_week_after_dates_the_event_from_the_news_day():
    text = ("Prime Minister Igor Novak said on Friday he had tested positive. This comes a week after he attended "
            "a summit with President of France Marc Roussel.")
    f = facts_of(text, date=dt.date(2020, 12, 21))
    assert [(m.date, {p.key for p in m.participants}) for m in f.meetings] == [
        ("2020-12-11", {"igor novak", "marc roussel"})]


def test_a_party_named_by_the_title_only_one_person_of_the_article_holds():
    text = ("Prime Minister Igor Novak said on Friday he had tested positive. Ministers who attended an official "
            "meeting with the Prime Minister two days earlier are isolating.")
    f = facts_of(text, date=dt.date(2020, 12, 21))
    assert [(m.date, {p.key for p in m.participants}) for m in f.meetings] == [("2020-12-16", {"igor novak"})]


def test_no_party_by_a_title_two_people_of_the_article_hold():
    text = ("President Ana Cruz of Chile and President Luis Vega of Peru spoke on Friday. Ministers attended an "
            "official meeting with the President two days earlier.")
    f = facts_of(text, date=dt.date(2020, 12, 21))
    assert everyone(f) == set()


def test_a_meeting_of_named_countries_or_of_a_body_has_a_date_and_no_attendee():
    f = facts_of("During the trilateral meeting of Cyprus, Greece and Israel on January 28, 2016, a cable was "
                 "considered.", date=dt.date(2020, 1, 10))
    assert [(m.date, m.participants) for m in f.meetings] == [("2016-01-28", [])]
    f = facts_of("The G7 was already scheduled to meet this weekend.", date=dt.date(2019, 8, 23))
    assert [m.date for m in f.meetings] == ["2019-08-24"]


def test_addressing_reporters_is_a_press_conference_but_addressing_an_issue_is_not():
    f = facts_of("On Thursday, activist Hana Celik addressed reporters in Boston, calling for justice.",
                 date=dt.date(2019, 9, 27))
    assert [(m.kind, m.date, {p.key for p in m.participants}) for m in f.meetings] == [
        ("conference", "2019-09-26", {"hana celik"})]
    assert facts_of("Senator Hana Celik addressed the issue in Boston on Thursday.", date=dt.date(2019, 9, 27)).meetings == []


def test_who_holds_the_talks_is_the_name_the_clause_hangs_off():
    f = facts_of("Foreign Secretary Jack Rowe, who will hold talks in Beijing on Thursday, said the ban was outdated.")
    assert attendees(f) == [{"jack rowe"}]


def test_a_past_plan_the_sentence_changes_is_no_meeting():
    f = facts_of("The European Council was set to meet on Wednesday, but the European Council announced it would "
                 "meet on Monday.", date=dt.date(2019, 8, 4))
    assert "2019-08-07" not in [m.date for m in f.meetings]


def test_an_indefinite_mention_in_a_later_sentence_is_another_event_unless_it_restates_one():
    text = ("Anna Berg held a private meeting with union leaders last week. Berg later spoke at a party "
            "conference in Leeds on Saturday.")
    f = facts_of(text)
    assert len(f.meetings) == 2
    text = ("Paul Lind quit after reports that he attended a BNP meeting. \"He did once attend a BNP meeting,\" "
            "his spokesman said.")
    assert len(facts_of(text).meetings) == 1


def test_a_briefing_that_included_someone():
    f = facts_of("In a public briefing that included California governor Gavin Newsom, President Tom Reyes denied "
                 "the effect of climate change.")
    assert attendees(f) == [{"gavin newsom", "tom reyes"}]


def test_an_indefinite_mention_with_two_of_the_same_people_restates_the_event():
    text = ("Attorney General Eric Hale and commissioner Anna Berg give a press conference in Brussels. "
            "Berg said at a joint news conference with Hale that the alliance would grow.")
    assert len(facts_of(text, date=dt.date(2012, 12, 5)).meetings) == 1


def test_a_ceremony_in_a_house_of_parliament_but_no_premises_in_a_party():
    f = facts_of("Former leader Neil Kerr has been made a life peer during a ceremony in the House of Lords.")
    assert [(p.kind, f.entity(p).name) for p in places(f)] == [("organization", "House of Lords")]
    f = facts_of("Anna Berg held talks in the Labour Party on Monday about the budget.")
    assert all(p is None for p in places(f))


# --- more ways a sentence names who was at the event ------------------------------------------------

def test_who_made_the_trip_arrived_for_the_meeting_or_left_the_summit():
    f = facts_of("Prime Minister Tom Reyes also made a surprise trip to Iraq this week.")
    assert attendees(f) == [{"tom reyes"}]
    f = facts_of("The offer comes as Foreign Secretary Jack Rowe arrives in Indonesia for a special summit meeting.")
    assert attendees(f) == [{"jack rowe"}]
    f = facts_of('Leaving a Brussels summit, Prime Minister Tom Reyes said "the talks went well".')
    assert attendees(f) == [{"tom reyes"}]


def test_a_name_a_visiting_participle_hangs_off_and_who_joins_someone_in_a_visit():
    f = facts_of("Mr Rowe, visiting Beijing, noted arms embargoes applied to China.")
    assert attendees(f) == [{"rowe"}]
    f = facts_of("Tony Reyes is to join Home Secretary David Lunn in a visit to Sheffield on Thursday.")
    assert attendees(f) == [{"tony reyes", "david lunn"}]


def test_someone_looking_on_at_a_ceremony_is_at_it():
    f = facts_of("Justice Clara Moss swore her in at a White House ceremony with Tom Reyes looking on.")
    assert attendees(f) == [{"clara moss", "tom reyes"}]


def test_he_of_a_clause_on_the_verb_of_a_named_subject_is_that_person():
    f = facts_of("Mr Kennett is accelerating election preparations this week as he visits Manchester and Leeds.")
    assert attendees(f) == [{"kennett"}]       # (no given name: the pronoun reader cannot tell his gender)


def test_a_briefing_named_by_the_building_of_an_institution_is_held_there():
    f = facts_of("President Tom Reyes commented on the matter during a White House Press Briefing, saying the fires "
                 "were bad.")
    assert places(f) == [EntityRef("organization", "white-house")]
