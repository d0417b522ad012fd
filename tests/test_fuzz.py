"""Property-based tests (hypothesis) of the paths untrusted text takes: ingest, IRI minting and
text → facts → RDF. Any input gives a valid result or a clear InputError — never a crash. Runs
are repeatable (the ``ci`` profile of conftest.py derandomizes hypothesis); example counts are kept
modest for speed."""
from __future__ import annotations

import datetime as dt
import re
import string

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph

from kg.article import Article
from kg.errors import InputError, KgError
from kg.extract.facts import ArticleFacts, Entity, EntityRef, Evidence, Meeting, Membership, Mention, Post
from kg.ingest import article_from_text, decode, iter_articles, parse_text, slugify, strip_tags
from kg.language import guess
from kg.mapping import article_iri, entity_iri, role_iri, to_ntriples
from kg.store import Store
from kg.vocab import KGR

FAST = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
SLOW = settings(max_examples=25, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

#: characters that matter to markup, IRIs, serialisers and text cleaning, plus ordinary ones
MARKUP = list("<>&;#!-/[]()?'\"=`*_~|{}\\^:.,% \n\r\t") + ["<p>", "</p>", "<script>", "</script>", "<!--",
                                                          "-->", "<![CDATA[", "]]>", "&amp;", "&#x41;", "**",
                                                          "](", "<a href='", "\u00a0", "\u202e", "\ufeff"]
WORDS = ["the", "minister", "met", "Eric", "Holder", "in", "Brussels", "on", "Monday", "said", "EU", "NATO",
         "Attorney", "General", "France", "and", "of", "2012", "December", "5", "Malmström", "José"]
hostile_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=300)
markup_text = st.lists(st.one_of(st.sampled_from(MARKUP + WORDS), st.text(max_size=3)), max_size=80).map("".join)


# -- ingest -------------------------------------------------------------------------------------


@FAST
@given(st.binary(max_size=400), st.none() | st.sampled_from(["utf-8", "latin-1", "shift_jis", "nonsense", ""]))
def test_decode_any_bytes(raw, declared):
    try:
        text, encoding = decode(raw, "x.txt", declared)
    except InputError as e:                        # only UTF-16 that is not UTF-16
        assert "UTF-16" in str(e)
        return
    assert isinstance(text, str) and encoding


@FAST
@given(markup_text)
def test_strip_tags_any_markup(text):
    out = strip_tags(text)
    assert isinstance(out, str) and len(out) <= len(text)
    if "<" not in text and "&" not in text:
        assert out == text


@FAST
@given(st.one_of(markup_text, hostile_text), st.sampled_from(["txt", "md", "extracted"]))
def test_parse_text_any_text(text, kind):
    parsed = parse_text(text, kind=kind)
    assert isinstance(parsed.text, str)
    for para in parsed.text.split("\n\n"):
        assert para == para.strip() and "\n" not in para
        assert not any(ord(c) < 32 for c in para)
    assert parsed.date is None or 1800 <= parsed.date.year <= 2200


@FAST
@given(st.one_of(markup_text, hostile_text), st.sampled_from(["txt", "md", "html"]))
def test_article_from_text_any_text(text, kind):
    try:
        art = article_from_text(text, kind=kind, id=text[:20])
    except InputError as e:
        assert e.code is not None and str(e).startswith(f"[{e.code}] <text>: ")
        return
    assert art.text.strip() and re.fullmatch(r"[a-z0-9_-]+", art.id)


@SLOW
@given(st.binary(max_size=600) | markup_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
       st.sampled_from([".txt", ".md", ".html", ".htm", ".jsonl"]))
def test_any_file_gives_articles_or_a_clear_error(tmp_path_factory, raw, suffix):
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / f"input{suffix}"
    path.write_bytes(raw)
    errors = []
    arts = list(iter_articles([path], on_error=lambda p, e: errors.append((p, e)), english_only=True))
    for p, e in errors:
        assert isinstance(e, InputError) and str(path) in str(e)
    for a in arts:
        assert a.text.strip() and a.source.startswith(str(path))


@FAST
@given(hostile_text)
def test_language_guess_any_text(text):
    g = guess(text)
    assert 0.0 <= g.english_share <= 1.0 and g.words >= 0 and g.language


# -- IRI minting --------------------------------------------------------------------------------

IRI_CHARS = set(string.ascii_letters + string.digits + "-._~:/?#[]@!$&'()*+,;=%")


def _valid_iri(iri: str) -> None:
    assert iri.startswith(str(KGR))
    assert set(iri) <= IRI_CHARS, iri
    ox.NamedNode(iri)                                   # Oxigraph checks RFC 3987
    g = Graph().parse(data=f"<{iri}> <urn:p> <urn:o> .", format="nt")
    assert str(next(iter(g))[0]) == iri


@FAST
@given(hostile_text)
def test_article_iri_any_id(article_id):
    _valid_iri(str(article_iri(article_id)))


@FAST
@given(hostile_text, hostile_text)
def test_article_iris_of_different_ids_differ(a, b):
    assert (article_iri(a) == article_iri(b)) == (a == b)


@FAST
@given(st.sampled_from(["person", "organization", "place", "site", "country"]), hostile_text)
def test_entity_iri_any_key(kind, key):
    iri = entity_iri(EntityRef(kind, key))
    _valid_iri(str(iri))
    assert iri == entity_iri(EntityRef(kind, key))      # deterministic


@FAST
@given(hostile_text)
def test_role_iri_and_slug_any_text(text):
    _valid_iri(str(role_iri(text)))
    assert re.fullmatch(r"[a-z0-9_-]+", slugify(text))


# -- facts → RDF --------------------------------------------------------------------------------


@st.composite
def facts(draw) -> ArticleFacts:
    """Facts whose names, labels, roles, sentences and metadata are any text."""
    name = st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=40)
    names = draw(st.lists(name, min_size=1, max_size=5, unique=True))
    ev = [Evidence(draw(hostile_text), i * 7, i * 7 + 3, "rule:fuzz", draw(st.floats(0, 1))) for i in range(len(names))]
    people = [EntityRef("person", n) for n in names]
    orgs = [EntityRef("organization", n + "!") for n in names]
    ents = [Entity(r, n, aliases=draw(st.lists(name, max_size=2)), mentions=[Mention(n, i, i + 1, ev[i])])
            for i, (r, n) in enumerate(zip(people, names))]
    ents += [Entity(r, n, is_alliance=draw(st.booleans())) for r, n in zip(orgs, names)]
    ents.append(Entity(EntityRef("place", draw(st.text(string.digits, min_size=1, max_size=8))), names[0],
                       country=draw(st.sampled_from([None, "FR", "DE"]))))
    art = Article(id=draw(hostile_text), text=draw(hostile_text), source=draw(hostile_text),
                  title=draw(st.none() | hostile_text), date=draw(st.none() | st.dates(dt.date(1800, 1, 1))),
                  publisher=draw(st.none() | hostile_text), url=draw(st.none() | hostile_text),
                  content_hash=draw(st.text(string.hexdigits, max_size=64)))
    date = draw(st.none() | st.sampled_from(["2012-12-05", "2011-12", "2011"]))
    return ArticleFacts(
        article=art, entities=ents,
        posts=[Post(p, draw(name), draw(st.none() | st.sampled_from(orgs)), e,
                    qualifiers=tuple(draw(st.lists(st.sampled_from(["former", "acting"]), max_size=2))))
               for p, e in zip(people, ev)],
        memberships=[Membership(o, orgs[0], e) for o, e in zip(orgs[1:], ev[1:])],
        meetings=[Meeting(draw(name), "meeting", date, ents[-1].ref, people[:3], ev[:2])])


@SLOW
@given(facts())
def test_any_facts_map_to_valid_n_triples_that_the_store_takes(f):
    nt = to_ntriples(f)
    quads = list(ox.parse(nt.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
    assert len(quads) == nt.count("\n") > 0
    g = Graph().parse(data=nt, format="nt")
    assert len(g) == len(quads)
    store = Store.in_memory()
    store.replace_article(str(article_iri(f.article.id)), nt)
    assert len(store) == len(quads)
    for fmt in ("turtle", "nt"):                        # and it serialises and reads back
        import io

        buf = io.BytesIO()
        store.dump(buf, fmt)
        assert len(Graph().parse(data=buf.getvalue().decode("utf-8"), format=fmt)) == len(g)


# -- text → NLP → facts → RDF -------------------------------------------------------------------

SENTENCE_PARTS = ["US Attorney General Eric Holder", "EU home affairs commissioner Cecilia Malmström",
                  "met", "said", "in Brussels", "on Thursday", "the European Union", "NATO", "and", "France",
                  "members of", "the summit", ".", ",", '"', "Mr.", "President", "of the", "(L)", "\n\n",
                  "Minister", "Interpol", "joined", "the alliance", "on 5 December 2012", "-", "'s"]
news_like = st.lists(st.one_of(st.sampled_from(SENTENCE_PARTS), st.sampled_from(SENTENCE_PARTS),
                               st.text(max_size=6)), min_size=8, max_size=80).map(" ".join)
TEXT_TO_RDF = settings(SLOW, max_examples=40)


@pytest.fixture(scope="module")
def nlp():
    from kg.nlp import load_model

    return load_model()


@TEXT_TO_RDF
@given(st.one_of(news_like, news_like, news_like, hostile_text, markup_text), st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)))
def test_any_text_gives_a_valid_graph_or_a_clear_error(nlp, text, date):
    from dataclasses import replace

    from kg.extract.pipeline import extract

    try:
        art = article_from_text(text, id="fuzz")
    except InputError:
        return
    art = replace(art, date=date)
    try:
        facts_ = extract(art, nlp(art.text))
    except KgError:
        return
    for e in facts_.entities:                           # offsets point into the text
        for m in e.mentions:
            assert 0 <= m.start <= m.end <= len(art.text)
    nt = to_ntriples(facts_)
    quads = list(ox.parse(nt.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
    assert len(Graph().parse(data=nt, format="nt")) == len(quads) > 0
    REACHED.append(len(facts_.entities))


REACHED: list[int] = []


def test_fuzzed_texts_reached_the_graph():
    """The text → RDF property above really ran extraction, and found entities in some texts."""
    if not REACHED:
        pytest.skip("run together with test_any_text_gives_a_valid_graph_or_a_clear_error")
    assert len(REACHED) >= 10 and sum(1 for n in REACHED if n) >= 3, REACHED
