"""Incremental resolution (kg/resolve/blocking.py, kg/resolve/resolution.py): after articles are
added, changed or removed in any order, with a resolution after any of them, the store is exactly
what a resolution from nothing of the same articles gives, and only the touched clusters are redone."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from test_resolve import EV, _meeting, article, country, dump, org, person

from kg.extract.facts import EntityRef, Membership, Post
from kg.resolve.blocking import Blocks, touched
from kg.resolve.cluster import entity_clusters
from kg.resolve.curation import Curation
from kg.resolve.features import article_features
from kg.store import Store


def _post(key: str, role: str, kind: str | None = None, where: str | None = None) -> Post:
    return Post(EntityRef("person", key), role, EntityRef(kind, where) if kind else None, EV)


_GUARDS = org("Islamic Revolutionary Guard Corps")
#: article id → two versions of it (a rebuild after the file changed): names that merge by each rule,
#: homonyms, acronyms of two institutions, country-relative names, posts, memberships and meetings
POOL: dict[str, tuple[list, list]] = {
    "a1": ([person("Recep Tayyip Erdoğan"), org("Turkish Foreign Ministry"), person("Donald Trump"), country("TR")],
           [person("Mevlüt Çavuşoğlu"), org("Turkish Foreign Ministry"), country("TR")]),
    "a2": ([person("Erdoğan"), org("Ministry of Foreign Affairs of Turkey"), country("TR"), person("Trump")],
           [person("Erdoğan"), person("Mevlüt Çavuşoğlu"), country("TR")]),
    "a3": ([person("Donald J. Trump"), org("Supreme Court"), country("US"), org("Global Alliance"),
            person("Tayyip Erdoğan")],
           [person("Donald J. Trump"), org("Supreme Court"), country("US"), person("Melania Trump")]),
    "a4": ([org("Supreme Court"), country("GB"), org("Global Alliance against Child Sexual Abuse"), person("Donald Trump")],
           [org("Global Alliance against Child Sexual Abuse Online"), person("Eric Holder"), org("Global Alliance")]),
    "a5": ([person("Qasem Soleimani"), person("Ali Khamenei"), org("Quds Force"), country("IR"), _GUARDS],
           [person("Qassem Soleymani"), person("Qasem Soleimani"), person("Ali Khamenei"), country("IR")]),
    "a6": ([person("Qassem Soleymani"), person("Ali Khamenei"), org("Quds Force"), country("US"),
            org("Iranian Revolutionary Guard Corps", aliases=["IRGC"])],
           [person("Soleymani"), org("IRGC"), country("US")]),
    "a7": ([person("John Smith"), person("Jacinda Ardern"), country("NZ")],
           [person("John Smith"), country("US")]),
    "a8": ([person("Smith"), person("Jane Doe"), person("Anna Smith"), country("GB")],
           [person("Smith"), person("Jane Doe"), org("Crown Prosecution Service", aliases=["CPS"]), country("GB")]),
    "a9": ([org("Centre for Policy Studies", aliases=["CPS"]), org("CPS"), country("GB"), person("Jane Doe")],
           [org("CPS"), org("Labour"), country("GB")]),
    "a10": ([person("Eric Holder"), person("Cecilia Malmström"), org("Global Alliance"), org("Labour"), country("US")],
            [person("Eric Holder"), person("Cecilia Malmström"), country("DK")]),
}
_EXTRA = {   # posts, memberships and meetings of some versions (keyword arguments of article())
    ("a1", 0): {"posts": [_post("recep tayyip erdoğan", "President", "country", "TR")]},
    ("a2", 0): {"posts": [_post("erdoğan", "President")]},
    ("a5", 0): {"posts": [_post("qasem soleimani", "Commander", "organization", "quds force")]},
    ("a6", 0): {"posts": [_post("qassem soleymani", "Commander", "organization", "quds force")]},
    ("a7", 0): {"posts": [_post("john smith", "Finance Minister", "country", "NZ")]},
    ("a7", 1): {"posts": [_post("john smith", "Coach", "country", "US")]},
    ("a4", 1): {"members": [Membership(EntityRef("country", "DK"), EntityRef("organization", "global alliance"), EV)]},
    ("a10", 0): {"meetings": [_meeting("2012-06-21", "2618425", "eric holder")],
                 "members": [Membership(EntityRef("country", "US"), EntityRef("organization", "global alliance"), EV)]},
    ("a10", 1): {"meetings": [_meeting("2012-06-21", None, "eric holder", "cecilia malmström")]},
    ("a3", 1): {"meetings": [_meeting("2012-06-21", None, "eric holder", "donald j. trump")]},
}


def version(aid: str, v: int, as_id: str | None = None) -> tuple[str, str]:
    """Article `aid` as its version `v` (IRI and N-Triples), under its own id or `as_id`."""
    return article(as_id or aid, POOL[aid][v], **_EXTRA.get((aid, v), {}))


def _fresh(arts: dict[str, tuple[str, str]], curation: Curation | None = None) -> Store:
    s = Store.in_memory()
    for iri, nt in arts.values():
        s.replace_article(iri, nt)
    s.resolve([iri for iri, _ in arts.values()], curation=curation, full=True)
    return s


def _features(arts) -> dict[str, dict]:
    s = Store.in_memory()
    for iri, nt in arts:
        s.replace_article(iri, nt)
    return {iri: article_features(s.oxigraph.quads_for_pattern(None, None, None, _graph(iri))) for iri, _ in arts}


def _graph(iri: str):
    import pyoxigraph as ox

    return ox.NamedNode(iri)


OPS = st.lists(st.tuples(st.sampled_from(sorted(POOL)), st.sampled_from([0, 1, None]), st.booleans()),
               min_size=1, max_size=14)


@settings(max_examples=60)
@given(OPS)
def test_any_order_of_builds_and_removals_gives_the_resolution_from_nothing(ops):
    s, now = Store.in_memory(), {}
    pending: set[str] = set()
    for aid, v, resolve in ops:
        if v is None:
            if aid in now:
                iri = now.pop(aid)[0]
                s.remove_article(iri)
                pending.add(iri)
        else:
            now[aid] = version(aid, v)
            s.replace_article(*now[aid])
            pending.add(now[aid][0])
        if resolve:
            s.resolve(sorted(pending))
            pending.clear()
    s.resolve(sorted(pending))
    fresh = _fresh(now)
    assert dump(s) == dump(fresh)
    assert s._resolution_state["resolution"] == fresh._resolution_state["resolution"]


def test_a_change_reclusters_only_what_its_keys_reach():
    arts = {aid: version(aid, 0) for aid in POOL}
    s = _fresh(arts)
    total = _fresh(arts).resolve(full=True).clustered
    s.replace_article(*version("a7", 1))                # John Smith of NZ becomes a coach in the US
    report = s.resolve([version("a7", 1)[0]])
    assert 0 < report.clustered < total
    assert dump(s) == dump(_fresh({**arts, "a7": version("a7", 1)}))


def test_every_cluster_lies_in_one_component():
    feats = _features([version(aid, v, f"{aid}v{v}") for aid in POOL for v in (0, 1)])   # side by side
    clusters, rules = entity_clusters(feats)
    blocks = Blocks(feats)
    merged = 0
    for cluster in clusters:
        raws = {raw for _a, raw in cluster}
        merged += len(raws) > 1
        assert raws <= blocks.closure([min(raws)])
    assert merged >= 6 and {"rule:surname", "rule:institution-name", "rule:acronym"} <= set(rules.values())


def test_touched_takes_the_components_before_and_after_a_change():
    before = _features([version("a1", 0), version("a2", 0), version("a7", 0)])
    after = _features([version("a1", 1), version("a2", 0), version("a7", 0)])
    iri = version("a1", 0)[0]
    redo = touched(before, after, [iri])
    names = {r.rsplit("/", 1)[1] for r in redo}
    assert {"erdogan", "mevlut-cavusoglu"} <= names     # Recep Tayyip Erdoğan left a1: a2's Erdoğan too
    assert "john-smith" not in names and "jacinda-ardern" not in names


def _write(path, statement: str) -> Curation:
    path.write_text("@prefix person: <https://w3id.org/alliance-kg/id/person/> .\n"
                    f"@prefix owl: <http://www.w3.org/2002/07/owl#> .\n{statement} .\n", encoding="utf-8")
    return Curation.read(path)


def test_an_edited_curation_file_reclusters_only_its_pairs(tmp_path):
    arts = {aid: version(aid, 0) for aid in POOL}
    path = tmp_path / "curation.ttl"
    s = _fresh(arts, _write(path, "person:jane-doe owl:sameAs person:anna-smith"))
    total = s._resolution_state and len({r for f in s._resolution_state["features"].values() for r in f["entities"]})
    cur = _write(path, "person:erdogan owl:differentFrom person:recep-tayyip-erdogan")
    report = s.resolve(curation=cur)
    assert not report.full and 0 < report.clustered < total
    assert dump(s) == dump(_fresh(arts, cur))
