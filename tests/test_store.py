"""The embedded store: one named graph per article, atomic replace, stats, dumps (kg/store.py)."""
from __future__ import annotations

import io

import pyoxigraph as ox
import pytest

from kg.errors import InputError, StoreError
from kg.store import Store

A1 = "https://w3id.org/alliance-kg/id/article/a1"
A2 = "https://w3id.org/alliance-kg/id/article/a2"
HASH = "https://w3id.org/alliance-kg/ontology#contentHash"
PERSON = "http://xmlns.com/foaf/0.1/Person"
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
NAME = "http://xmlns.com/foaf/0.1/name"


def nt(article: str, digest: str, *people: str) -> str:
    lines = [f'<{article}> <{HASH}> "{digest}" .']
    for p in people:
        iri = f"https://w3id.org/alliance-kg/id/person/{p.lower().replace(' ', '-')}"
        lines += [f"<{iri}> <{TYPE}> <{PERSON}> .", f'<{iri}> <{NAME}> "{p}" .']
    return "\n".join(lines) + "\n"


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "s") as s:
        yield s


def test_replace_article_keeps_one_graph_per_article(store):
    store.replace_article(A1, nt(A1, "h1", "Eric Holder"))
    store.replace_article(A2, nt(A2, "h2", "Eric Holder", "Cecilia Malmström"))
    assert store.articles() == [A1, A2]
    assert store.article_hash(A1) == "h1" and store.article_hash(A2) == "h2"
    assert store.stats()["people"] == 2


def test_replacing_an_article_drops_its_old_facts_only(store):
    store.replace_article(A1, nt(A1, "h1", "Eric Holder", "Jack Straw"))
    store.replace_article(A2, nt(A2, "h2", "Jack Straw"))
    store.replace_article(A1, nt(A1, "h1b", "Eric Holder"))
    names = {row["n"].value for row in store.query("SELECT DISTINCT ?n WHERE { ?p <%s> ?n }" % NAME)}
    assert names == {"Eric Holder", "Jack Straw"}           # Jack Straw still stated by a2
    assert store.article_hash(A1) == "h1b"
    store.remove_article(A2)
    names = {row["n"].value for row in store.query("SELECT DISTINCT ?n WHERE { ?p <%s> ?n }" % NAME)}
    assert names == {"Eric Holder"}


def test_invalid_ntriples_leave_the_article_untouched(store):
    store.replace_article(A1, nt(A1, "h1", "Eric Holder"))
    with pytest.raises(StoreError):
        store.replace_article(A1, "<broken> .\n")
    assert store.article_hash(A1) == "h1"


def test_store_persists_and_reopens_read_only(tmp_path):
    with Store.open(tmp_path / "s") as s:
        s.replace_article(A1, nt(A1, "h1", "Eric Holder"))
    with Store.open(tmp_path / "s", read_only=True) as s:
        assert s.article_hash(A1) == "h1"
        with pytest.raises(StoreError, match="read-only"):
            s.replace_article(A1, nt(A1, "h2"))


def test_missing_store_tells_the_user_to_build(tmp_path):
    with pytest.raises(StoreError, match="kg build"):
        Store.open(tmp_path / "none", read_only=True)


def test_a_file_or_foreign_folder_is_not_a_store(tmp_path):
    (tmp_path / "f").write_text("x")
    with pytest.raises(StoreError, match="not a store"):
        Store.open(tmp_path / "f")
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "notes.txt").write_text("mine")
    with pytest.raises(StoreError, match="not a kg store"):
        Store.open(tmp_path / "d")
    assert (tmp_path / "d" / "notes.txt").read_text() == "mine"


def test_dump_merges_articles_for_triples_and_keeps_graphs_for_quads(store):
    store.replace_article(A1, nt(A1, "h1", "Eric Holder"))
    store.replace_article(A2, nt(A2, "h2", "Eric Holder"))
    out = io.BytesIO()
    assert store.dump(out, "nt") == 4                       # 2 hashes + the person's 2 triples once
    quads = io.BytesIO()
    assert store.dump(quads, "nq") == 6
    graphs = {q.graph_name.value for q in ox.parse(quads.getvalue(), format=ox.RdfFormat.N_QUADS)}
    assert graphs == {A1, A2}
    turtle = io.BytesIO()
    store.dump(turtle, "turtle")
    assert b"@prefix foaf:" in turtle.getvalue()


def test_to_rdflib_gives_a_dataset_with_the_article_graphs(store):
    store.replace_article(A1, nt(A1, "h1", "Eric Holder"))
    ds = store.to_rdflib()
    assert {str(g.identifier) for g in ds.graphs() if len(g)} == {A1}


def test_from_file_reads_rdf_by_suffix(tmp_path):
    f = tmp_path / "g.nt"
    f.write_text(nt(A1, "h1", "Eric Holder"))
    with Store.from_file(f) as s:
        assert len(s) == 3
    bad = tmp_path / "g.ttl"
    bad.write_text("this is not turtle")
    with pytest.raises(InputError, match="not valid RDF"):
        Store.from_file(bad)
    (tmp_path / "g.docx").write_text("x")
    with pytest.raises(InputError, match="unknown RDF file type"):
        Store.from_file(tmp_path / "g.docx")


def _union_of_graphs(s: Store) -> set[str]:
    return {str(ox.Triple(q.subject, q.predicate, q.object)) for q in s.quads()}


def _default_graph(s: Store) -> list[str]:
    return [str(ox.Triple(q.subject, q.predicate, q.object))
            for q in s.oxigraph.quads_for_pattern(None, None, None, ox.DefaultGraph())]


def test_default_graph_stays_the_set_union_of_the_articles(store):
    import random

    rng = random.Random(5)
    people = ["Eric Holder", "Jack Straw", "Cecilia Malmström", "Ban Ki-moon", "Javier Solana"]
    articles = [A1, A2, "https://w3id.org/alliance-kg/id/article/a3"]
    for step in range(60):
        art = rng.choice(articles)
        if rng.random() < 0.2:
            store.remove_article(art)
        else:
            store.replace_article(art, nt(art, f"h{step}", *rng.sample(people, rng.randint(0, 3))))
        default = _default_graph(store)
        assert len(default) == len(set(default))               # a set, not a bag
        assert set(default) == _union_of_graphs(store), f"step {step}"
        assert store.triple_count() == len(default)
        assert len(store) == sum(1 for _ in store.quads())


def test_queries_see_each_shared_triple_once(store):
    store.replace_article(A1, nt(A1, "h1", "Eric Holder"))
    store.replace_article(A2, nt(A2, "h2", "Eric Holder"))
    rows = list(store.query(f"SELECT ?p WHERE {{ ?p a <{PERSON}> }}"))
    assert len(rows) == 1
    assert store.stats()["quads"] == 6 and store.stats()["triples"] == 4


def test_a_store_without_the_union_is_refused_to_readers_and_upgraded_by_a_writer(tmp_path, capsys):
    from kg import storeformat
    from kg.errors import StoreVersionError
    from kg.store import UNION_MARKER

    path = tmp_path / "old"
    raw = ox.Store(str(path))                                   # a store as kg wrote it before the union
    for art, who in ((A1, "Eric Holder"), (A2, "Eric Holder")):
        raw.load(nt(art, art[-2:], who).encode(), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(art))
    raw.flush()
    del raw
    with pytest.raises(StoreVersionError, match=f"run `kg upgrade --store {path}`"):
        Store.open(path, read_only=True)                        # its default graph is not the resolved union
    with Store.open(path) as s:
        assert "once" in capsys.readouterr().err
        assert set(_default_graph(s)) == _union_of_graphs(s) and len(_default_graph(s)) == 4
    assert storeformat.read(path) == storeformat.FORMAT and not (path / UNION_MARKER).exists()
    with Store.open(path, read_only=True) as s:
        assert len(list(s.query(f"SELECT ?p WHERE {{ ?p a <{PERSON}> }}"))) == 1


def test_from_file_keeps_loose_triples_as_one_graph(tmp_path):
    f = tmp_path / "g.ttl"
    f.write_text(f'<urn:x> <{NAME}> "X" .\n')
    with Store.from_file(f) as s:
        assert s.articles() == [f.resolve().as_uri()]
        assert len(list(s.query(f"SELECT ?n WHERE {{ ?x <{NAME}> ?n }}"))) == 1


def test_the_remote_store_imports_neither_the_embedded_store_nor_the_query_module():
    import subprocess
    import sys

    code = ("import sys, kg.remote_store\n"
            "assert not {'kg.store', 'kg.query'} & set(sys.modules), sorted(m for m in sys.modules if m.startswith('kg'))")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr


def test_open_store_opens_a_folder_and_refuses_what_is_not_a_store(tmp_path):
    from kg.store import open_store

    with open_store(tmp_path / "s") as s:
        s.replace_articles([("urn:a", '<urn:x> <urn:p> "1" .\n'), ("urn:b", '<urn:x> <urn:p> "1" .\n')])
        assert s.article_hashes(["urn:a", "urn:b"]) == {} and len(s) == 2 and s.triple_count() == 1
        s.flush()
    with pytest.raises(StoreError, match="no store at"):
        open_store(tmp_path / "none", read_only=True)
