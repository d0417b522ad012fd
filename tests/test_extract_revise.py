"""kg/extract/revise.py: kinds revised with the evidence of the whole article (hand-built Docs and mentions)."""
from __future__ import annotations

from handdoc import make_doc, span

from kg.extract.mention import Context, Found, Reason, found
from kg.extract.normalize import name_key, slug
from kg.extract.revise import (
    demote_unlikely_cities,
    drop_places_of_titles,
    drop_unsupported_orgs,
    drop_unsupported_single_names,
    keep_widest,
    names_of_orgs,
    unify_kinds,
    us_namesakes,
)


def _ctx(doc) -> Context:
    return Context(doc, {t: 0 for t in range(len(doc))}, {})


def _m(doc, phrase: str, kind: str, source: str = "ner", after: int = 0, **kw) -> Found:
    s, e = span(doc, phrase, after)
    key = kw.pop("key", None) or (name_key(phrase) if kind == "person" else slug(phrase))
    return found(doc, s, e, kind, key, kw.pop("name", phrase), source, **kw)


def test_a_name_extended_over_a_later_span_swallows_it():
    doc = make_doc("the Court of Appeals for the Third Circuit ruled")
    court = _m(doc, "Court of Appeals for the Third Circuit", "organization")
    third = _m(doc, "Third Circuit", "organization")
    revision = keep_widest(_ctx(doc), [court, third])
    assert revision.mentions == [court] and [r.reason for r in revision.rejected] == [Reason.SWALLOWED]


def test_a_party_named_after_a_person_of_the_article_is_a_jibe():
    doc = make_doc("Robert Kilroy-Silk spoke of the Robert Kilroy-Silk Party")
    person = _m(doc, "Robert Kilroy-Silk", "person")
    party = _m(doc, "Robert Kilroy-Silk Party", "organization")
    revision = names_of_orgs(_ctx(doc), [person, party])
    assert revision.mentions == [person] and revision.rejected[0].reason is Reason.JIBE


def test_a_person_named_like_an_organisation_without_its_head_is_the_organisation():
    doc = make_doc("the Watch Tower Society said Watch Tower members")
    society = _m(doc, "Watch Tower Society", "organization")
    person = _m(doc, "Watch Tower", "person", after=4)
    out = names_of_orgs(_ctx(doc), [society, person]).mentions
    assert (out[1].kind, out[1].key) == ("organization", society.key)


def test_an_organisation_only_the_model_sees_needs_evidence():
    doc = make_doc("the Europhiles cheered and Oxfam said", heads=[1, 2, 2, 2, 5, 2], deps="det nsubj ROOT cc nsubj conj",
                   lemmas="the europhile cheer and oxfam say")
    euro = _m(doc, "Europhiles", "organization")
    oxfam = _m(doc, "Oxfam", "organization")
    revision = drop_unsupported_orgs(_ctx(doc), [euro, oxfam])
    assert revision.mentions == [oxfam]                           # 'Oxfam said': the subject of a speech verb
    assert [r.reason for r in revision.rejected] == [Reason.UNSUPPORTED_ORG]


def test_an_unsupported_organisation_used_as_a_place_is_a_site():
    doc = make_doc("pupils from Hartpury , Gloucestershire", heads=[0, 0, 1, 2, 2], deps="ROOT prep pobj punct appos")
    out = drop_unsupported_orgs(_ctx(doc), [_m(doc, "Hartpury", "organization")]).mentions
    assert [(f.kind, f.key) for f in out] == [("site", "hartpury")]


def test_one_name_one_kind():
    doc = make_doc("Oxfam said it gave aid to Oxfam", heads=[1, 1, 3, 1, 3, 3, 5], deps="nsubj ROOT nsubj ccomp dobj prep pobj",
                   lemmas="oxfam say it give aid to oxfam")
    org = _m(doc, "Oxfam", "organization")
    site = _m(doc, "Oxfam", "site", after=1)
    out = unify_kinds(_ctx(doc), [org, site]).mentions
    assert [(f.kind, f.key) for f in out] == [("organization", org.key)] * 2


def test_the_place_of_a_territorial_title_is_no_place_of_the_story():
    doc = make_doc("the Prince of Wales met the President of France")
    wales = _m(doc, "Wales", "country", "gazetteer", key="GB-WLS")
    france = _m(doc, "France", "country", "gazetteer", key="FR")
    revision = drop_places_of_titles(_ctx(doc), [wales, france])
    assert revision.mentions == [france] and revision.rejected[0].reason is Reason.PLACE_OF_TITLE


def test_georgia_among_us_states_is_the_state():
    doc = make_doc("voters in Georgia and Ohio", ents=[("Georgia", "GPE"), ("Ohio", "GPE")])
    out = us_namesakes(_ctx(doc), [_m(doc, "Georgia", "country", "gazetteer", key="GE")]).mentions
    assert [(f.kind, f.key) for f in out] == [("site", "georgia")]


def test_a_one_word_person_needs_an_honorific_a_title_or_an_age():
    doc = make_doc("Mr Blair met Frost in Manchester . he said", pos="PROPN PROPN VERB PROPN ADP PROPN PUNCT PRON VERB")
    blair = _m(doc, "Blair", "person")
    frost = _m(doc, "Frost", "person")
    he = found(doc, 7, 8, "person", frost.key, "Frost", "pronoun")
    revision = drop_unsupported_single_names(_ctx(doc), [blair, frost, he])
    assert revision.mentions == [blair]
    assert [r.reason for r in revision.rejected] == [Reason.UNSUPPORTED_NAME, Reason.PRONOUN_OF_DROPPED]


def test_a_one_word_person_that_is_a_known_city_is_the_city():
    doc = make_doc("he visits Manchester today")
    out = drop_unsupported_single_names(_ctx(doc), [_m(doc, "Manchester", "person")]).mentions
    assert [(f.kind, f.name, f.country) for f in out] == [("place", "Manchester", "GB")]


def test_a_city_in_a_country_the_article_never_names_loses_its_country():
    doc = make_doc("a speech in Westminster and a trip to Paris", ents=[("Westminster", "GPE"), ("Paris", "GPE")])
    westminster = _m(doc, "Westminster", "place", key="1", name="Westminster", country="US", population=106_114)
    paris = _m(doc, "Paris", "place", key="2", name="Paris", country="FR", population=2_138_551)
    out = demote_unlikely_cities(_ctx(doc), [westminster, paris]).mentions
    assert [(f.kind, f.country) for f in out] == [("site", None), ("place", "FR")]
