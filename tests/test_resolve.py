"""Cross-article resolution (kg/resolve): people and institutions merged or kept apart, derived
nodes and meetings merged, independence of build order, removal, the curation file."""
from __future__ import annotations

import datetime as dt
import itertools

import pytest

from kg.article import Article
from kg.extract.facts import ArticleFacts, Entity, EntityRef, Evidence, Meeting, Membership, Mention, Post
from kg.mapping import article_iri, to_ntriples
from kg.resolve.curation import Curation
from kg.store import Store

EV = Evidence("A sentence.", 0, 11, "rule:test", 0.9)


def person(name: str, key: str | None = None) -> Entity:
    return Entity(EntityRef("person", key or name.lower()), name, mentions=[Mention(name, 0, 5, EV)])


def org(name: str, key: str | None = None, aliases=(), of: str | None = None) -> Entity:
    """An institution; `of`: the country extraction gave it (akg:country, homonyms.py)."""
    return Entity(EntityRef("organization", key or name.lower()), name, list(aliases),
                  mentions=[Mention(name, 0, 5, EV)], country=of)


def country(iso: str) -> Entity:
    from kg.extract.geo import country_name

    return Entity(EntityRef("country", iso), country_name(iso), mentions=[Mention(iso, 0, 2, EV)], iso=iso)


def article(aid: str, entities, posts=(), members=(), meetings=(), focus: str | None = "",
            date=dt.date(2020, 1, 5)) -> tuple[str, str]:
    """An article's IRI and N-Triples; its country of focus is `focus`, by default its one country."""
    entities = list(entities)
    if focus == "":
        isos = {e.iso for e in entities if e.ref.kind == "country"}
        focus = isos.pop() if len(isos) == 1 else None
    facts = ArticleFacts(Article(aid, "text", f"{aid}.txt", date=date, content_hash=aid),
                         entities=entities, posts=list(posts), memberships=list(members),
                         meetings=list(meetings), focus=focus)
    return str(article_iri(aid)), to_ntriples(facts)


def ref(e: Entity) -> EntityRef:
    return e.ref


def build(*arts, store: Store | None = None, curation: Curation | None = None) -> Store:
    store = store if store is not None else Store.in_memory()
    for iri, nt in arts:
        store.replace_article(iri, nt)
    store.resolve([iri for iri, _ in arts], curation=curation)
    return store


def rows(store: Store, query: str) -> list[tuple[str, ...]]:
    from kg.query import resolve_query

    result = store.query(resolve_query(query)[1])
    return sorted(tuple(r[v].value if r[v] is not None else "" for v in result.variables) for r in result)


def entities(store: Store, kind: str) -> dict[str, str]:
    col = {"people": "person", "organizations": "organization"}[kind]
    from kg.query import resolve_query

    return {r[col].value: r["name"].value for r in store.query(resolve_query(kind)[1])}


def dump(store: Store) -> list[str]:
    return sorted(str(t) for t in store.triples())


# -- people ---------------------------------------------------------------------------------------

def test_full_names_that_agree_are_one_person_named_by_the_fullest():
    president = [Post(EntityRef("person", k), "President", EntityRef("country", "TR"), EV)
                 for k in ("recep tayyip erdoğan", "erdoğan", "tayyip erdoğan")]
    s = build(article("a1", [person("Recep Tayyip Erdoğan"), country("TR")], posts=president[:1]),
              article("a2", [person("Tayyip Erdoğan"), country("TR")], posts=president[2:]),
              article("a3", [person("Erdoğan"), country("TR")], posts=president[1:2]))
    assert list(entities(s, "people").values()) == ["Recep Tayyip Erdoğan"]
    aliases = rows(s, "people")[0][2].split(" | ")
    assert set(aliases) == {"Tayyip Erdoğan", "Erdoğan"}


def test_different_given_names_stay_apart():
    s = build(article("a1", [person("Donald Trump"), country("US")]),
              article("a2", [person("Melania Trump"), country("US")]))
    assert sorted(entities(s, "people").values()) == ["Donald Trump", "Melania Trump"]


def test_surname_alone_joins_only_a_supported_full_name():
    smith_uk = person("John Smith")
    s = build(article("a1", [person("Jane Doe"), person("Anna Smith"), country("GB")]),
              article("a2", [person("Smith"), person("Jane Doe")]),
              article("a3", [smith_uk, country("NZ")]))
    people = entities(s, "people")
    assert "Smith" not in people.values()            # it joined Anna Smith (Jane Doe in both)
    names = dict(((r[0], r[2]) for r in rows(s, "people")))
    anna = next(k for k, v in people.items() if v == "Anna Smith")
    assert names[anna] == "Smith"


def test_a_surname_needs_more_than_the_story_country_to_join_a_full_name():
    # 'Lord Osborne' of a Scottish court in one British story, 'George Osborne' in another: the
    # country of the stories and a party both name are the background of every British story
    judge = article("a1", [person("Osborne"), org("Court of Session"), org("Labour Party"), country("GB")])
    s = build(judge, article("a2", [person("George Osborne"), org("Labour Party"), country("GB")]))
    assert sorted(entities(s, "people").values()) == ["George Osborne", "Osborne"]
    post = [Post(EntityRef("person", k), "Chancellor", EntityRef("country", "GB"), EV) for k in ("osborne", "george osborne")]
    s = build(article("a1", [person("Osborne"), country("GB")], posts=post[:1]),
              article("a2", [person("George Osborne"), country("GB")], posts=post[1:]))
    assert list(entities(s, "people").values()) == ["George Osborne"]      # the same post ties them


def test_a_name_without_the_others_first_given_name_needs_a_tie():
    # 'Singh Gill' (a barrister, 'Manjit Singh Gill' cut) and the MP 'Parmjit Singh Gill', both British stories
    s = build(article("a1", [person("Parmjit Singh Gill"), org("Liberal Democrats"), country("GB")]),
              article("a2", [person("Singh Gill"), org("Liberal Democrats"), country("GB")]))
    assert len(entities(s, "people")) == 2
    s = build(article("a1", [person("Recep Tayyip Erdoğan"), person("Binali Yıldırım"), country("TR")]),
              article("a2", [person("Tayyip Erdoğan"), person("Binali Yıldırım"), country("TR")]))
    assert sorted(entities(s, "people").values()) == ["Binali Yıldırım", "Recep Tayyip Erdoğan"]


def test_two_homonyms_of_different_countries_and_stories_stay_apart():
    minister = Post(EntityRef("person", "john smith"), "Finance Minister", EntityRef("country", "NZ"), EV)
    coach = Post(EntityRef("person", "john smith"), "Coach", EntityRef("country", "US"), EV)
    s = build(article("a1", [person("John Smith"), country("NZ")], posts=[minister]),
              article("a2", [person("John Smith"), country("US")], posts=[coach]))
    people = entities(s, "people")
    assert sorted(people.values()) == ["John Smith", "John Smith"]
    roles = rows(s, "roles")
    assert {(r[0], r[2]) for r in roles} == {(k, role) for k, role in
                                             zip(sorted(people), sorted(["Finance Minister", "Coach"]))} or \
        len({r[0] for r in roles}) == 2


def test_homonyms_sharing_a_story_are_one_person():
    minister = Post(EntityRef("person", "john smith"), "Finance Minister", EntityRef("country", "NZ"), EV)
    s = build(article("a1", [person("John Smith"), person("Jacinda Ardern"), country("NZ")], posts=[minister]),
              article("a2", [person("John Smith"), person("Jacinda Ardern"), country("US")]))
    assert sorted(entities(s, "people").values()) == ["Jacinda Ardern", "John Smith"]


def test_spelling_variants_need_strong_support():
    s = build(article("a1", [person("Qasem Soleimani"), country("IR")]),
              article("a2", [person("Qassem Soleymani"), country("US")]))
    assert len(entities(s, "people")) == 2
    shared = [person("Ali Khamenei"), org("Quds Force")]
    s = build(article("a1", [person("Qasem Soleimani"), *shared, country("IR")]),
              article("a2", [person("Qassem Soleymani"), *shared, country("US")]))
    assert len(entities(s, "people")) == 3          # two shared co-mentions alone are not enough
    commander = [Post(EntityRef("person", k), "Commander", EntityRef("organization", "quds force"), EV)
                 for k in ("qasem soleimani", "qassem soleymani")]
    s = build(article("a1", [person("Qasem Soleimani"), *shared, country("IR")], posts=commander[:1]),
              article("a2", [person("Qassem Soleymani"), *shared, country("US")], posts=commander[1:]))
    assert len(entities(s, "people")) == 2          # with the same role too: Soleimani and Khamenei


# -- institutions -----------------------------------------------------------------------------------

def test_short_forms_and_full_names_are_one_institution_named_by_the_fullest():
    s = build(article("a1", [org("Global Alliance against Child Sexual Abuse Online"), person("Eric Holder")]),
              article("a2", [org("Global Alliance", aliases=["global alliance"]), person("Eric Holder")]))
    orgs = entities(s, "organizations")
    assert list(orgs.values()) == ["Global Alliance against Child Sexual Abuse Online"]
    assert list(orgs) == ["https://w3id.org/alliance-kg/id/org/global-alliance-against-child-sexual-abuse-online"]


def test_a_short_form_joins_no_narrower_body_of_another_story():
    # a word inserted before the head ('Potato'), with only a party in common: two bodies
    s = build(article("a1", [org("British Council"), org("Labour Party"), person("Neil Kinnock")]),
              article("a2", [org("British Potato Council"), org("Labour Party"), person("Ann Lee")]))
    assert len(entities(s, "organizations")) == 3
    # a place added to the name: a branch or a regional body, even when the stories share much
    shared = [person("Jo Jorgensen"), org("Libertarian Party")]
    for short, longer in (("Constitution Party", "Constitution Party of Idaho"),
                          ("Local Government Association", "Welsh Local Government Association"),
                          ("African Union", "Zimbabwe African National Union")):
        s = build(article("a1", [org(short), *shared]), article("a2", [org(longer), *shared]))
        assert set(entities(s, "organizations").values()) == {short, longer, "Libertarian Party"}, short


def test_a_whole_name_of_the_gazetteer_is_no_short_form():
    shared = [person("Tony Blair"), person("Jack Straw")]
    s = build(article("a1", [org("House of Commons"), *shared]),
              article("a2", [org("House of Commons Library"), *shared]))
    assert len(entities(s, "organizations")) == 2


def test_a_short_form_two_institutions_can_expand_joins_neither():
    shared = [person("Tony Blair"), org("Labour Party")]
    s = build(article("a1", [org("European Court"), *shared]),
              article("a2", [org("European Court of Justice"), *shared]),
              article("a3", [org("European Court of Human Rights"), *shared]))
    assert len(entities(s, "organizations")) == 4
    s = build(article("a1", [org("European Court"), *shared]),
              article("a2", [org("European Court of Justice"), *shared]))
    assert len(entities(s, "organizations")) == 2                       # tied by a co-mentioned person


def test_acronyms_and_translations_join_the_full_name():
    soleimani = person("Qasem Soleimani")
    s = build(article("a1", [org("Islamic Revolutionary Guard Corps"), soleimani, country("IR")]),
              article("a2", [org("Iranian Revolutionary Guard Corps", aliases=["IRGC"]), soleimani, country("IR")]),
              article("a3", [org("Turkish Foreign Ministry"), country("TR")]),
              article("a4", [org("Ministry of Foreign Affairs of Turkey"), country("TR")]))
    assert len(entities(s, "organizations")) == 2


def test_one_acronym_of_two_institutions_joins_neither():
    s = build(article("a1", [org("Crown Prosecution Service", aliases=["CPS"]), country("GB")]),
              article("a2", [org("Centre for Policy Studies", aliases=["CPS"]), country("GB")]),
              article("a3", [org("CPS"), country("GB")]))
    assert len(entities(s, "organizations")) == 3


def test_in_article_short_forms_join_no_other_institution():
    s = build(article("a1", [org("Scottish Executive", aliases=["Executive"]), person("Jack McConnell")]),
              article("a2", [org("National Executive Committee", aliases=["Executive"]), person("Jack McConnell")]))
    assert len(entities(s, "organizations")) == 2


@pytest.mark.parametrize("name", ["Supreme Court", "Interior Ministry", "Labour Party", "Senate"])
def test_country_relative_names_of_two_countries_stay_apart(name):
    s = build(article("a1", [org(name, of="US"), country("US")]),
              article("a2", [org(name, of="GB"), country("GB")]),
              article("a3", [org(name, of="GB"), country("GB")]))
    orgs = entities(s, "organizations")
    assert len(orgs) == 2 and set(orgs.values()) == {name}
    assert any(iri.endswith("-us") or iri.endswith("-gb") for iri in orgs)


def test_the_country_extraction_gives_a_homonym_decides_not_the_story():
    # 'the Polish Supreme Court' in a story set in the United States: extraction keys it to PL
    s = build(article("a1", [org("Supreme Court", "supreme court@PL", of="PL"), country("US"), country("PL")],
                      focus="US"),
              article("a2", [org("Supreme Court", "supreme court@US", of="US"), country("US")]),
              article("a3", [org("Supreme Court", "supreme court@PL", of="PL"), country("PL")]))
    orgs = entities(s, "organizations")
    assert len(orgs) == 2 and {iri.rsplit("--", 1)[1] for iri in orgs} == {"pl", "us"}


def test_a_homonym_of_no_known_country_meets_no_other_article():
    s = build(article("a1", [org("Interior Ministry"), person("Ann Lee")], focus=None),
              article("a2", [org("Ministry of the Interior"), person("Bob Ray")], focus=None))
    assert len(entities(s, "organizations")) == 2


def test_proper_names_do_not_split_by_country():
    s = build(article("a1", [org("European Union"), country("FR")]),
              article("a2", [org("European Union"), country("DE")]))
    assert len(entities(s, "organizations")) == 1


# -- derived nodes and meetings --------------------------------------------------------------------------

def test_posts_and_memberships_merge_when_their_parts_do():
    holder = EntityRef("person", "pedro pierluisi")
    full = EntityRef("person", "pedro r pierluisi urrutia")
    with_org = Post(full, "Secretary of State", EntityRef("country", "PR"), EV)
    without = Post(holder, "Secretary of State", None, EV)
    alliance, short = EntityRef("organization", "global alliance against abuse"), EntityRef("organization", "global alliance")
    s = build(article("a1", [person("Pedro R. Pierluisi Urrutia", "pedro r pierluisi urrutia"),
                             org("Global Alliance against Abuse", "global alliance against abuse"), country("PR"), person("Eric Holder")],
                      posts=[with_org], members=[Membership(EntityRef("country", "DK"), alliance, EV)]),
              article("a2", [person("Pedro Pierluisi", "pedro pierluisi"), org("Global Alliance"), country("PR"),
                             person("Eric Holder")],
                      posts=[without], members=[Membership(EntityRef("country", "DK"), short, EV)]))
    assert len(rows(s, "roles")) == 1 and rows(s, "roles")[0][4] == "Puerto Rico"
    assert len({r[0] for r in rows(s, "SELECT ?m WHERE { ?m a org:Membership }")}) == 1


def test_a_holding_is_one_across_articles_when_its_holder_and_post_resolve():
    holder = EntityRef("person", "pedro pierluisi")
    full = EntityRef("person", "pedro r pierluisi urrutia")
    earlier = Post(full, "Governor", EntityRef("country", "PR"), EV, observed="2019-08-02", start="2019-08-02")
    later = Post(holder, "Governor", None, EV, status="former")
    other = Post(EntityRef("person", "wanda vazquez"), "Governor", EntityRef("country", "PR"), EV,
                 observed="2019-08-08")
    s = build(article("a1", [person("Pedro R. Pierluisi Urrutia", "pedro r pierluisi urrutia"), country("PR")],
                      posts=[earlier], date=dt.date(2019, 8, 2)),
              article("a2", [person("Pedro Pierluisi", "pedro pierluisi"), person("Wanda Vázquez", "wanda vazquez"),
                             country("PR")], posts=[later, other], date=dt.date(2019, 8, 8)))
    found = {r[1]: r for r in rows(s, "roles")}
    assert set(found) == {"Pedro R. Pierluisi Urrutia", "Wanda Vázquez"}
    pedro, wanda = found["Pedro R. Pierluisi Urrutia"], found["Wanda Vázquez"]
    assert pedro[5:8] == ("former", "2019-08-02", "") and pedro[8] == "2019-08-02"   # the latest article says former
    assert pedro[11] == wanda[11] and pedro[12] != wanda[12]          # one post, two holders' tenures


def _meeting(date, place, *who):
    return Meeting("summit", "summit", date, EntityRef("place", place) if place else None,
                   [EntityRef("person", w) for w in who], [EV])


def test_one_meeting_reported_twice_is_one_meeting_with_both_evidences():
    people = [person("Eric Holder"), person("Cecilia Malmström")]
    s = build(article("a1", people, meetings=[_meeting("2012-06-21", "2618425", "eric holder")]),
              article("a2", people, meetings=[_meeting("2012-06-21", None, "eric holder", "cecilia malmström")]))
    meetings = {r[0] for r in rows(s, "meetings")}
    assert len(meetings) == 1
    evidence = rows(s, "SELECT ?e WHERE { ?m a akg:Meeting ; prov:wasDerivedFrom ?e }")
    assert len(evidence) == 2


@pytest.mark.parametrize("first,second", [(("2012-06-21", "2618425"), ("2012-06-22", "2618425")),
                                          ((None, "2618425"), ("2012-06-21", "2618425")),
                                          (("2012-06-21", "2618425"), ("2012-06-21", "2800866"))])
def test_meetings_of_other_dates_or_places_stay_apart(first, second):
    people = [person("Eric Holder")]
    s = build(article("a1", people, meetings=[_meeting(*first, "eric holder")]),
              article("a2", people, meetings=[_meeting(*second, "eric holder")]))
    assert len({r[0] for r in rows(s, "meetings")}) == 2


# -- order, removal, rebuild ----------------------------------------------------------------------------

ARTS = [article("a1", [person("Recep Tayyip Erdoğan"), org("Turkish Foreign Ministry"), person("Donald Trump"),
                       person("Mevlüt Çavuşoğlu"), country("TR")]),
        article("a2", [person("Erdoğan"), org("Ministry of Foreign Affairs of Turkey"), country("TR"),
                       person("Trump"), person("Mevlüt Çavuşoğlu")]),
        article("a3", [person("Donald J. Trump"), org("Supreme Court"), country("US"),
                       org("Global Alliance"), person("Tayyip Erdoğan")]),
        article("a4", [org("Supreme Court"), country("GB"), org("Global Alliance against Child Sexual Abuse"),
                       person("Donald Trump")])]


def test_resolution_does_not_depend_on_build_order():
    reference = dump(build(*ARTS))
    for order in itertools.islice(itertools.permutations(ARTS), 0, 24, 5):
        s = Store.in_memory()
        for a in order:
            build(a, store=s)                   # one article and one resolution at a time
        assert dump(s) == reference


def test_removing_an_article_leaves_the_store_as_if_never_built():
    s = build(*ARTS)
    s.remove_article(ARTS[1][0])
    s.resolve([ARTS[1][0]])
    assert dump(s) == dump(build(ARTS[0], ARTS[2], ARTS[3]))


def test_rebuilding_a_changed_article_after_a_merge():
    s = build(*ARTS)
    changed = article("a2", [person("Mevlüt Çavuşoğlu"), country("TR")])
    build(changed, store=s)
    assert dump(s) == dump(build(ARTS[0], changed, ARTS[2], ARTS[3]))


def test_a_full_resolution_gives_the_incremental_result():
    s = build(*ARTS)
    before = dump(s)
    s.resolve(full=True)
    assert dump(s) == before


def test_merged_raw_iris_stay_resolvable():
    s = build(*ARTS)
    same = rows(s, "SELECT ?raw ?c ?rule WHERE { ?raw owl:sameAs ?c ; akg:resolvedBy ?rule }")
    raws = {r[0].rsplit("/", 1)[1]: (r[1].rsplit("/", 1)[1], r[2]) for r in same}
    assert raws["erdogan"] == ("recep-tayyip-erdogan", "rule:surname")


# -- the curation file ----------------------------------------------------------------------------------

CURATION = """@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix org: <https://w3id.org/alliance-kg/id/org/> .
@prefix person: <https://w3id.org/alliance-kg/id/person/> .
<> dct:creator "Jane Analyst" .
{body}
"""


def _curation(tmp_path, body: str) -> Curation:
    path = tmp_path / "curation.ttl"
    path.write_text(CURATION.format(body=body), encoding="utf-8")
    return Curation.read(path)


def test_curation_merges_keeps_apart_renames_and_undoes(tmp_path):
    arts = [article("a1", [org("Interpol"), person("Jane Doe")]),
            article("a2", [org("International Criminal Police Organization"), person("Jane Doe")]),
            article("a3", [person("Anna Smith"), person("Jane Doe")]),
            article("a4", [person("Smith"), person("Jane Doe")])]
    s = build(*arts)
    plain = dump(s)
    assert len(entities(s, "organizations")) == 2 and "Smith" not in entities(s, "people").values()
    cur = _curation(tmp_path, "org:interpol owl:sameAs org:international-criminal-police-organization .\n"
                              "person:smith owl:differentFrom person:anna-smith .\n"
                              'org:interpol skos:prefLabel "INTERPOL" .')
    s.resolve(curation=cur)
    assert list(entities(s, "organizations").values()) == ["INTERPOL"]
    assert "Smith" in entities(s, "people").values()
    by = rows(s, "SELECT ?rule WHERE { ?raw owl:sameAs ?c ; akg:resolvedBy ?rule }")
    assert ("curation:curation.ttl by Jane Analyst",) in by
    s.resolve(curation=_curation(tmp_path, ""))         # every line deleted: back to the rules
    assert dump(s) == plain


def test_curation_file_errors_name_the_file(tmp_path):
    from kg.errors import InputError

    bad = tmp_path / "bad.ttl"
    bad.write_text("kgr:x owl:sameAs .", encoding="utf-8")
    with pytest.raises(InputError, match="bad.ttl") as err:
        Curation.read(bad)
    assert err.value.code == "E521"
    literal = tmp_path / "literal.ttl"
    literal.write_text('<urn:a> <http://www.w3.org/2002/07/owl#sameAs> "b" .', encoding="utf-8")
    with pytest.raises(InputError, match="literal.ttl") as err:
        Curation.read(literal)
    assert err.value.code == "E522"
    with pytest.raises(InputError) as err:
        Curation.read(tmp_path / "missing.ttl")
    assert err.value.code == "E520" and "missing.ttl" in str(err.value)


def test_removing_nothing_is_a_user_error(tmp_path):
    from kg.errors import InputError
    from kg.remove import remove_articles

    with Store.open(tmp_path / "store") as store, pytest.raises(InputError) as err:
        remove_articles(store, [])
    assert err.value.code == "E523"


# -- the command line: kg remove, kg build --prune, kg resolve --------------------------------------------

def test_cli_remove_prune_and_resolve(tmp_path):
    import shutil

    from conftest import ARTICLES, run_kg

    arts = tmp_path / "articles"
    shutil.copytree(ARTICLES, arts)
    store = str(tmp_path / "store")
    assert run_kg("build", str(arts), "--store", store, "-q").returncode == 0
    files = sorted(arts.glob("*.txt"))

    p = run_kg("remove", "no-such-article", "--store", store)
    assert p.returncode == 1 and "not in the store: no-such-article" in p.stderr and "Traceback" not in p.stderr
    p = run_kg("remove", str(files[0]), "--store", store)
    assert p.returncode == 0 and "removed 1 article" in p.stderr
    p = run_kg("query", "organizations", "--store", store, "--format", "csv")
    assert "Global Alliance" in p.stdout and p.stdout.count("\n") == 3     # header + 2 institutions

    assert run_kg("build", str(arts), "--store", store, "-q").returncode == 0    # back again
    files[1].unlink()
    p = run_kg("build", str(arts), "--store", store, "--prune")
    assert p.returncode == 0 and "pruned 1" in p.stderr
    p = run_kg("query", "articles", "--store", store, "--format", "csv")
    assert p.stdout.count("\n") == 2                                          # header + 1 article

    curation = tmp_path / "curation.ttl"
    curation.write_text("this is not turtle", encoding="utf-8")
    p = run_kg("resolve", "--curation", str(curation), "--store", store)
    assert p.returncode == 1 and "[E521]" in p.stderr and "curation.ttl is not valid Turtle" in p.stderr
    p = run_kg("resolve", "--no-curation", "--curation", str(curation), "--store", store)
    assert p.returncode == 2
    p = run_kg("resolve", "--store", store, "--full")
    assert p.returncode == 0 and "resolved across articles" in p.stderr
