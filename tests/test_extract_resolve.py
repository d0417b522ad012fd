"""kg/extract/resolve.py: which mentions of an article name the same entity (hand-built Docs and mentions)."""
from __future__ import annotations

from handdoc import make_doc, span

from kg.extract.mention import Context, Found, Reason, found
from kg.extract.normalize import name_key, slug
from kg.extract.resolve import (
    add_definite_heads,
    add_pronouns,
    add_unnamed_groups,
    merge_parenthesised_acronyms,
    resolve_orgs,
    resolve_people,
)


def _ctx(doc, sentences: dict[int, int] | None = None, stories: dict[int, int] | None = None) -> Context:
    """One sentence and story unless told: token → sentence, sentence → story."""
    sent_of = {t: (sentences or {}).get(t, 0) for t in range(len(doc))}
    return Context(doc, sent_of, stories or {})


def _m(doc, phrase: str, kind: str, source: str = "ner", after: int = 0, key: str | None = None, **kw) -> Found:
    s, e = span(doc, phrase, after)
    key = key or (name_key(phrase) if kind == "person" else slug(phrase))
    return found(doc, s, e, kind, key, phrase, source, sentence=kw.pop("sentence", 0), **kw)


def test_a_definite_head_noun_refers_to_the_organisation_with_that_head():
    doc = make_doc("The Global Alliance met . The alliance grew .", tags="DT NNP NNP VBD . DT NN VBD .",
                   lemmas="the global alliance meet . the alliance grow .", pos="DET PROPN PROPN VERB PUNCT DET NOUN VERB PUNCT")
    ga = _m(doc, "Global Alliance", "organization", "rule", alliance=True)
    out = add_definite_heads(_ctx(doc), [ga]).mentions
    assert out[0] is ga
    assert [(f.text, f.key, f.source, f.alliance) for f in out[1:]] == [("alliance", ga.key, "coref", True)]


def test_the_party_refers_to_the_party_named_before_by_any_of_its_gazetteer_names():
    # 'Lib Dems' is also the 'Liberal Democrat Party': 'the party' is it, not a party with that head named later
    doc = make_doc("The Lib Dems met . The party grew . The Labour Party spoke .",
                   tags="DT NNP NNPS VBD . DT NN VBD . DT NNP NNP VBD .",
                   lemmas="the lib dem meet . the party grow . the labour party speak .",
                   pos="DET PROPN PROPN VERB PUNCT DET NOUN VERB PUNCT DET PROPN PROPN VERB PUNCT")
    ld = _m(doc, "Lib Dems", "organization", "gazetteer", key="liberal-democrats")
    labour = _m(doc, "Labour Party", "organization", "gazetteer")
    out = add_definite_heads(_ctx(doc), [ld, labour]).mentions
    assert [(f.text, f.key) for f in out[2:]] == [("party", "liberal-democrats")]


def test_the_alliance_or_a_counted_bloc_refers_to_the_alliance_named_last_whatever_its_head():
    doc = make_doc("NATO met . The alliance and the 27 - nation bloc grew .",
                   tags="NNP VBD . DT NN CC DT CD HYPH NN NN VBD .",
                   lemmas="nato meet . the alliance and the 27 - nation bloc grow .",
                   pos="PROPN VERB PUNCT DET NOUN CCONJ DET NUM PUNCT NOUN NOUN VERB PUNCT")
    nato = _m(doc, "NATO", "organization", "gazetteer", alliance=True)
    out = add_definite_heads(_ctx(doc), [nato]).mentions
    assert [(f.text, f.key, f.source) for f in out[1:]] == [("alliance", nato.key, "coref"), ("bloc", nato.key, "coref")]
    other = _m(doc, "NATO", "organization", "ner")   # no alliance of countries named: no reference
    assert add_definite_heads(_ctx(doc), [other]).mentions == [other]


def test_an_unnamed_group_in_a_membership_slot():
    doc = make_doc("Britain was part of the international task force", heads=[1, 1, 1, 2, 7, 7, 7, 3],
                   deps="nsubj ROOT attr prep det amod compound pobj", pos="PROPN AUX NOUN ADP DET ADJ NOUN NOUN",
                   lemmas="britain be part of the international task force")
    out = add_unnamed_groups(_ctx(doc), []).mentions
    assert [(f.name, f.kind, f.alliance) for f in out] == [("international task force", "organization", True)]


def test_an_unnamed_group_named_by_the_countries_its_of_lists():
    doc = make_doc("an alliance of Chile , Peru and Colombia met", heads=[1, 7, 1, 2, 3, 3, 3, 3, 7],
                   deps="det nsubj prep pobj punct conj cc conj ROOT", pos="DET NOUN ADP PROPN PUNCT PROPN CCONJ PROPN VERB",
                   lemmas="an alliance of chile , peru and colombia meet")
    countries = [_m(doc, c, "country", "gazetteer", key=k) for c, k in (("Chile", "CL"), ("Peru", "PE"), ("Colombia", "CO"))]
    out = add_unnamed_groups(_ctx(doc), countries).mentions
    assert [(f.text, f.name, f.alliance) for f in out if f.kind == "organization"] == [
        ("alliance", "alliance of Chile, Peru and Colombia", True)]


def test_a_bare_group_is_no_organisation_without_two_countries_listed():
    doc = make_doc("the group of Chile met", heads=[1, 4, 1, 2, 4], deps="det nsubj prep pobj ROOT",
                   pos="DET NOUN ADP PROPN VERB", lemmas="the group of chile meet")
    chile = _m(doc, "Chile", "country", "gazetteer", key="CL")
    assert add_unnamed_groups(_ctx(doc), [chile]).mentions == [chile]


def test_a_parenthesised_acronym_joins_its_organisation_and_an_acronym_of_a_common_noun_goes():
    doc = make_doc("the Free Trade Area ( AfCFTA ) sells liquefied natural gas ( LNG ) .")
    area = _m(doc, "Free Trade Area", "organization")
    afcfta = _m(doc, "AfCFTA", "organization")
    lng = _m(doc, "LNG", "organization")
    revision = merge_parenthesised_acronyms(_ctx(doc), [area, afcfta, lng])
    assert [(f.text, f.key) for f in revision.mentions] == [("Free Trade Area", area.key), ("AfCFTA", area.key)]
    assert [r.reason for r in revision.rejected] == [Reason.COMMON_ACRONYM]


def test_a_surname_joins_the_full_name_and_full_names_with_initials_merge():
    doc = make_doc("Eric H. Holder met Eric Holder . Holder said .")
    full = _m(doc, "Eric H. Holder", "person", key="eric holder")
    short = _m(doc, "Eric Holder", "person")
    surname = _m(doc, "Holder", "person", after=5)
    out = resolve_people(_ctx(doc), [full, short, surname]).mentions
    assert {f.key for f in out} == {"eric holder"}
    assert out[2].source == "ner"


def test_a_surname_typed_org_becomes_the_person_and_prefers_its_own_story():
    doc = make_doc("Ann Lee spoke . Tom Lee spoke . Lee said")
    ann = _m(doc, "Ann Lee", "person", sentence=0)
    tom = _m(doc, "Tom Lee", "person", sentence=1)
    lee = _m(doc, "Lee", "organization", after=8, sentence=2)
    ctx = _ctx(doc, stories={0: 0, 1: 1, 2: 0})
    out = resolve_people(ctx, [ann, tom, lee]).mentions
    assert (out[2].kind, out[2].key, out[2].source) == ("person", "ann lee", "ner")   # Tom Lee is another story's
    out = resolve_people(_ctx(doc), [ann, tom, lee]).mentions
    assert out[2].key == "ann lee"          # two people of one story share it: the first named ('Joe Biden and his
    #                                         son, Hunter Biden … Biden said': news names the others in full)


def test_a_surname_joins_the_nearest_full_name_when_all_before_it_are_one_person():
    doc = make_doc("Pedro R. Pierluisi Urrutia spoke . Pedro Pierluisi said . Pierluisi left")
    long = _m(doc, "Pedro R. Pierluisi Urrutia", "person", key="pedro pierluisi urrutia")
    short = _m(doc, "Pedro Pierluisi", "person")
    bare = _m(doc, "Pierluisi", "person", after=10)
    out = resolve_people(_ctx(doc), [long, short, bare]).mentions
    # the given name and surname join the longer name that holds the surname before a second one, so the
    # bare surname joins that one person
    assert out[0].key == out[1].key == out[2].key == "pedro pierluisi urrutia"


def test_a_first_name_after_sir_joins_the_only_full_name_it_starts():
    doc = make_doc("Ian Blair spoke . Sir Ian said")
    blair = _m(doc, "Ian Blair", "person")
    ian = _m(doc, "Ian", "person", "rule", after=4)
    assert resolve_people(_ctx(doc), [blair, ian]).mentions[1].key == "ian blair"


def test_organisation_names_merge_with_their_longer_forms_and_acronyms():
    doc = make_doc("the UK Independence Party and UKIP and the Institute for Fiscal Studies and the Institute of Fiscal Studies")
    ukip_long = _m(doc, "UK Independence Party", "organization")
    ukip = _m(doc, "UKIP", "organization")
    ifs_a = _m(doc, "Institute for Fiscal Studies", "organization")
    ifs_b = _m(doc, "Institute of Fiscal Studies", "organization")
    out = resolve_orgs(_ctx(doc), [ukip_long, ukip, ifs_a, ifs_b]).mentions
    assert out[1].key == ukip_long.key
    assert out[2].key == out[3].key


def test_a_pronoun_resolves_only_when_one_person_of_its_gender_is_near():
    doc = make_doc("Cecilia Malmström met Eric Holder . she said .", pos="PROPN PROPN VERB PROPN PROPN PUNCT PRON VERB PUNCT")
    people = [_m(doc, "Cecilia Malmström", "person"), _m(doc, "Eric Holder", "person")]
    out = add_pronouns(_ctx(doc), people).mentions
    assert [(f.text, f.key, f.source) for f in out[2:]] == [("she", name_key("Cecilia Malmström"), "pronoun")]
    doc = make_doc("Cecilia Malmström met Anna Lindh . she said .", pos="PROPN PROPN VERB PROPN PROPN PUNCT PRON VERB PUNCT")
    people = [_m(doc, "Cecilia Malmström", "person"), _m(doc, "Anna Lindh", "person")]
    assert add_pronouns(_ctx(doc), people).mentions == people      # two women: unresolved


def test_a_short_form_that_a_known_body_also_ends_in_joins_no_other():
    doc = make_doc("the European Court of Justice and the Supreme Court of Justice ; the Court of Justice answered")
    ecj = _m(doc, "European Court of Justice", "organization", "gazetteer")
    supreme = _m(doc, "Supreme Court of Justice", "organization")
    short = _m(doc, "Court of Justice", "organization", after=span(doc, "Supreme Court of Justice")[1])
    out = resolve_orgs(_ctx(doc), [ecj, supreme, short]).mentions
    assert out[2].key == short.key                        # neither the Austrian court nor (here) the ECJ
    out = resolve_orgs(_ctx(doc), [supreme, short]).mentions
    assert out[1].key == supreme.key                      # with no known body that fits too, the one that does
