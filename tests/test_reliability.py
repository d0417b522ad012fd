"""Hostile input and faults through the `kg` command line: each bad file gives one clear message on
stderr naming it (no traceback), the rest of the batch is built, and the store keeps nothing of the
bad file; a `kill -9` during a build, a rebuild, a changed article and a query during a build all
leave whole articles in the store (issue 5)."""
from __future__ import annotations

import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from conftest import ARTICLES, DATA, run_kg
from faults import PEOPLE, generated_article, graphs, start_build, wait_for
from kg.ingest import slugify
from kg.mapping import article_iri

BAD = DATA / "bad"
WIKINEWS = DATA / "ingest" / "wikinews"
SAMPLES = sorted(ARTICLES.glob("*.txt"))
DCT_TITLE = "http://purl.org/dc/terms/title"
DCT_ISSUED = "http://purl.org/dc/terms/issued"
SENTENCE = "https://w3id.org/alliance-kg/ontology#sentenceText"

ENGLISH = ("Interior ministers of the European Union met in Brussels on Monday to agree on a common "
           "plan against human trafficking. Commissioner Cecilia Malmström said that the member states "
           "would share more information with Europol, and that the plan would be reviewed after one year. "
           "José Manuel Barroso, the President of the European Commission, welcomed the agreement.\n\n"
           "“It is a good day for the Union,” Malmström said – and the ministers agreed.\n")

HOSTILE_HTML = """<!DOCTYPE html><html><head><title>Ministers agree on a plan against trafficking</title>
<script>document.write('<p>The Attacker wrote this.</p>'); alert("xss-script")</script>
<style>p { color: red } /* style-text */</style>
<script src="http://tracker.invalid/t.js"></script></head>
<body onload="alert('xss-onload')">
<iframe src="http://ads.invalid/"><p>iframe fallback text</p></iframe>
<div class="article"><h1>Ministers agree on a plan against trafficking</h1>
<p>Interior ministers of the European Union met in Brussels on Monday to agree on a common plan
against human trafficking. <b>Commissioner Cecilia Malmström said the member states would share more
information with Europol.
<p>The plan will be reviewed after one year, officials said. <script>var x = "</p>evil-inline";</script>
<img src=x onerror="alert('xss-img')"><noscript>Enable JavaScript</noscript>
<a href="javascript:alert('xss-link')">Read more</a></i></u></span></table>
<p>Ministers from Germany, France and Italy supported the plan, while two other states abstained.
</div><iframe srcdoc="<script>alert('xss-srcdoc')</script>"></iframe>
<div><p>unclosed <em>markup <![CDATA[ cdata-text ]]> <!-- comment-text --> &amp; entities &#x41;&#66;
</body></html>"""

NO_DATE = """Foreign ministers discuss border security in Vienna

Foreign ministers of France and Germany met in Vienna on Thursday to discuss border security and the
fight against organised crime. French Foreign Minister Jean-Yves Le Drian said the talks had been
useful, and German Foreign Minister Heiko Maas said both countries would present a joint plan to the
European Union next month.

The two ministers will meet again in Berlin on Friday, officials said.
"""


def _zip_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("article.txt", ENGLISH)
    return buf.getvalue()


def _png_bytes() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 4 for _ in range(4))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


PDF = (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
       b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")

#: unfinished Markdown and HTML constructs: regular expressions and html.parser that rescan the
#: rest of the text at each one take hours on a few hundred kilobytes of them
TANGLE = "**a *a _a [a]( `a ~~a <http: [[ ![a]( # a  "
TAGS = "<a<b x='<!--<?</<![CDATA[<!x<![ y"

#: bad file name → what its one message on stderr must say
BAD_FILES = {
    "empty.txt": "the file is empty",
    "blank.txt": "holds only whitespace",
    "report.txt": "a PDF document",
    "photo.md": "a PNG image",
    "bundle.txt": "a ZIP archive",
    "noise.txt": "binary file",
    "huge.txt": "larger (50.0 MiB) than the limit of 10.0 MiB",
    "oneline.txt": "more than the limit of 200,000",
    "tangle.md": "more than the limit of 200,000",
    "tags.txt": "more than the limit of 200,000",
    "secret.txt": "permission denied",
    "loop.txt": "symbolic link",
}
#: non-English file → the language the warning names
FOREIGN = {"french.txt": "French", "german.txt": "German", "spanish.txt": "Spanish", "russian.txt": "Cyrillic"}
#: good files of the batch (besides the two samples)
GOOD = ["cp1252.txt", "latin1.txt", "bom.txt", "hostile.html", "no-date.txt", "dated.txt", "copy-a.txt",
        "sub/inner.txt"]


def _write_batch(folder: Path) -> None:
    folder.mkdir(parents=True)
    for p in SAMPLES:
        shutil.copy(p, folder / p.name)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b"  \n\t\n\r\n   \n")
    (folder / "report.txt").write_bytes(PDF)
    (folder / "photo.md").write_bytes(_png_bytes())
    (folder / "bundle.txt").write_bytes(_zip_bytes())
    (folder / "noise.txt").write_bytes(bytes(random.Random(5).randrange(256) for _ in range(4096)) + b"\x00")
    with (folder / "huge.txt").open("wb") as f:                     # 50 MiB of real text
        block = (ENGLISH * 40).encode("utf-8")
        for _ in range(50 * 1024 * 1024 // len(block) + 1):
            f.write(block)
        f.truncate(50 * 1024 * 1024)
    line = " ".join(ENGLISH.split())
    (folder / "oneline.txt").write_text((line + " ") * (1024 * 1024 // (len(line) + 1) + 1), encoding="utf-8")
    (folder / "tangle.md").write_text(TANGLE * (400_000 // len(TANGLE)), encoding="utf-8")
    (folder / "tags.txt").write_text(TAGS * (400_000 // len(TAGS)), encoding="utf-8")
    (folder / "secret.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "secret.txt").chmod(0)
    (folder / "loop.txt").symlink_to("loop.txt")                    # a link to itself
    for name in FOREIGN:
        shutil.copy(BAD / name, folder / name)
    (folder / "cp1252.txt").write_bytes(("Malmström and Barroso agree a plan in Brussels\n\n" + ENGLISH).encode("cp1252"))
    (folder / "latin1.txt").write_bytes(("Señor Müller meets the ministers in Brussels\n\n"
                                         + ENGLISH.replace("“", '"').replace("”", '"').replace("–", "-"))
                                        .encode("latin-1"))
    (folder / "bom.txt").write_bytes(b"\xef\xbb\xbf" + ("Ministers meet in Brussels\n\n" + ENGLISH).encode("utf-8"))
    (folder / "hostile.html").write_text(HOSTILE_HTML, encoding="utf-8")
    (folder / "no-date.txt").write_text(NO_DATE, encoding="utf-8")
    (folder / "dated.txt").write_text(NO_DATE.replace("\n\n", "\n\nTuesday, March 5, 2019\n\n", 1).replace(
        "Vienna", "Salzburg"), encoding="utf-8")
    wiki = WIKINEWS / "wikinews-2019-061.txt"                        # CC BY 2.5, Wikinews
    shutil.copy(wiki, folder / "copy-a.txt")
    shutil.copy(wiki, folder / "copy-b.txt")
    sub = folder / "sub"
    sub.mkdir()
    shutil.copy(WIKINEWS / "wikinews-2020-004.txt", sub / "inner.txt")
    (sub / "up").symlink_to("..", target_is_directory=True)          # a folder loop


def _as_unprivileged() -> list[str]:
    """A command prefix under which file permissions hold (root reads any file otherwise)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    assert setpriv, "running as root: the test needs setpriv (util-linux) to drop CAP_DAC_OVERRIDE"
    caps = "-dac_override,-dac_read_search"
    return [setpriv, f"--inh-caps={caps}", f"--bounding-set={caps}"]


def run_kg_as_user(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """`kg ARGS` as run_kg, but with file permissions enforced even for root."""
    return subprocess.run([*_as_unprivileged(), sys.executable, "-m", "kg", *args], capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, timeout=600)


def iri(name: str) -> str:
    return str(article_iri(slugify(Path(name).stem)))


def literals(triples, predicate: str) -> list[str]:
    import pyoxigraph as ox

    data = "\n".join(triples).encode("utf-8")
    return [t.object.value for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES) if t.predicate.value == predicate]


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """The samples built first, then the whole hostile batch into the same store."""
    root = tmp_path_factory.mktemp("hostile")
    folder = root / "batch"
    _write_batch(folder)
    store = root / "store"
    first = run_kg("build", *map(str, SAMPLES), "--store", str(store), "-j", "1")
    assert first.returncode == 0, first.stderr
    before = graphs(store)
    start = time.monotonic()
    p = run_kg_as_user("build", str(folder), "--store", str(store), "-j", "1")
    seconds = time.monotonic() - start
    return {"folder": folder, "store": store, "before": before, "after": graphs(store), "p": p, "seconds": seconds}


def _lines_naming(stderr: str, name: str) -> list[str]:
    return [ln for ln in stderr.splitlines() if f"/{name}:" in ln or f"/{name} " in ln]


def test_batch_reports_failures_without_traceback(batch):
    p = batch["p"]
    assert p.returncode == 1                                # some files failed
    assert "Traceback" not in p.stderr
    assert f"failed {len(BAD_FILES)}, skipped {len(FOREIGN) + 1}" in p.stderr


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_named_once_with_its_reason_and_nothing_stored(batch, name):
    lines = _lines_naming(batch["p"].stderr, name)
    assert len(lines) == 1, batch["p"].stderr
    assert lines[0].startswith("kg: skipped ") and str(batch["folder"]) in lines[0]
    assert BAD_FILES[name] in lines[0], lines[0]
    assert iri(name) not in batch["after"]


@pytest.mark.parametrize("name", sorted(FOREIGN))
def test_non_english_article_skipped_with_a_warning(batch, name):
    lines = _lines_naming(batch["p"].stderr, name)
    assert len(lines) == 1 and lines[0].startswith("kg: warning: "), batch["p"].stderr
    assert f"seems to be in {FOREIGN[name]}" in lines[0] and "--any-language" in lines[0]
    assert iri(name) not in batch["after"]


def test_rest_of_the_batch_is_built_and_earlier_articles_untouched(batch):
    after, before = batch["after"], batch["before"]
    expected = {iri(p.name) for p in SAMPLES} | {iri(n) for n in GOOD}
    assert set(after) == expected
    for g, triples in before.items():                      # the samples: unchanged, not rebuilt
        assert after[g] == triples
    assert "unchanged 2" in batch["p"].stderr


def test_same_article_under_two_names_built_once(batch):
    lines = _lines_naming(batch["p"].stderr, "copy-b.txt")
    assert len(lines) == 1 and "same content as" in lines[0] and "copy-a.txt" in lines[0]
    assert iri("copy-a.txt") in batch["after"] and iri("copy-b.txt") not in batch["after"]


def test_symlink_loop_to_a_folder_is_walked_once(batch):
    assert iri("inner.txt") in batch["after"]
    assert not _lines_naming(batch["p"].stderr, "inner.txt")


@pytest.mark.parametrize("name, title", [
    ("cp1252.txt", "Malmström and Barroso agree a plan in Brussels"),
    ("latin1.txt", "Señor Müller meets the ministers in Brussels"),
    ("bom.txt", "Ministers meet in Brussels"),
])
def test_encodings_decoded_not_dropped(batch, name, title):
    triples = batch["after"][iri(name)]
    assert literals(triples, DCT_TITLE) == [title]
    sentences = " ".join(literals(triples, SENTENCE))
    assert "Malmström" in sentences and "\ufffd" not in sentences and "\ufeff" not in sentences
    if name == "cp1252.txt":
        assert "“It is a good day for the Union,” Malmström said – and the ministers agreed." in sentences


def test_hostile_html_keeps_the_article_and_drops_the_code(batch):
    triples = batch["after"][iri("hostile.html")]
    text = " ".join(literals(triples, SENTENCE)) + " " + " ".join(literals(triples, DCT_TITLE))
    assert "Interior ministers of the European Union met in Brussels" in text
    assert "Ministers from Germany, France and Italy supported the plan" in text
    for junk in ("xss", "alert", "document.write", "Attacker", "iframe fallback", "Enable JavaScript",
                 "style-text", "color: red", "evil-inline", "comment-text", "tracker.invalid", "<"):
        assert junk not in text, junk


def test_article_without_date_keeps_facts_and_leaves_relative_dates_open(batch):
    triples = batch["after"][iri("no-date.txt")]
    assert not literals(triples, DCT_ISSUED)
    meetings = [t for t in triples if "ontology#Meeting>" in t]
    assert meetings                                          # facts kept
    assert not [t for t in triples if "schema.org/startDate" in t]   # "on Thursday": not guessed


def test_relative_date_resolved_when_the_article_has_one(batch):
    triples = batch["after"][iri("dated.txt")]
    assert literals(triples, DCT_ISSUED) == ["2019-03-05"]
    import datetime as dt

    days = [dt.date.fromisoformat(d) for d in literals(triples, "https://schema.org/startDate")]
    assert days and {d.strftime("%A") for d in days} <= {"Thursday", "Friday"}      # resolved, …
    assert all(abs((d - dt.date(2019, 3, 5)).days) <= 7 for d in days)             # …near the article


def test_hostile_batch_does_not_hang(batch):
    # 50 MB and 1 MB-line files are refused from their size, not read through: the whole hostile
    # batch, spaCy start-up included, is a matter of seconds (a generous bound, not a speed target)
    assert batch["seconds"] < 300


_PATHOLOGICAL = """
import sys, time
from kg.ingest import parse_text, strip_tags
n = 200_000
for piece in sys.argv[1:]:
    text = piece.encode().decode("unicode_escape") * (n // len(piece))
    for kind in ("txt", "md"):
        parse_text(text, kind=kind)
    strip_tags(text)
print("done")
"""


@pytest.mark.parametrize("pieces", [
    ["<a", "<!--", "<?", "</", "<![", "<!x", "<a b='>", "<a b='", "<![CDATA[", "<"],
    ["**a ", "*a ", "_a ", "`a ", "~~a ", "[a](", "![a](", "[", "<http:", "# a  "],
    ["lowercase words\n", "x,\n\n", "a" * 50 + "\n"],
])
def test_pathological_text_is_processed_without_hanging(pieces):
    # each piece repeated to 200 KB: linear code takes seconds, quadratic code minutes to hours
    p = subprocess.run([sys.executable, "-c", _PATHOLOGICAL, *pieces], capture_output=True, text=True, timeout=90)
    assert p.returncode == 0 and p.stdout.strip() == "done", p.stderr


def test_previously_built_article_that_turns_bad_keeps_its_facts(tmp_path):
    folder = tmp_path / "a"
    folder.mkdir()
    art = folder / SAMPLES[0].name
    shutil.copy(SAMPLES[0], art)
    store = tmp_path / "store"
    assert run_kg("build", str(folder), "--store", str(store), "-j", "1").returncode == 0
    before = graphs(store)
    for bad in (PDF, b"", b"\x00\x01\x02garbage"):
        art.write_bytes(bad)
        p = run_kg("build", str(folder), "--store", str(store), "-j", "1")
        assert p.returncode == 1 and "Traceback" not in p.stderr and art.name in p.stderr
        assert graphs(store) == before


# -- limits -------------------------------------------------------------------------------------


def test_size_limit_is_configurable(tmp_path):
    art = tmp_path / "article.txt"
    shutil.copy(SAMPLES[0], art)                            # about 3 KB
    store = str(tmp_path / "store")
    p = run_kg("build", str(art), "--store", store, "--max-bytes", "1k")
    assert p.returncode == 1 and "than the limit of 1000 bytes" in p.stderr and "--max-bytes" in p.stderr
    p = run_kg("build", str(art), "--store", store, env={"KG_MAX_BYTES": "1000"})
    assert p.returncode == 1 and "larger" in p.stderr and "KG_MAX_BYTES" in p.stderr
    p = run_kg("build", str(art), "--store", store, env={"KG_MAX_BYTES": "lots"})
    assert p.returncode == 1 and "is not a number of bytes" in p.stderr and "Traceback" not in p.stderr
    p = run_kg("build", str(art), "--store", store, "--max-bytes", "ten")
    assert p.returncode == 2 and "is not a size" in p.stderr
    p = run_kg("build", str(art), "--store", store, "--max-chars", "500")
    assert p.returncode == 1 and "more than the limit of 500" in p.stderr and "--max-chars" in p.stderr
    p = run_kg("build", str(art), "--store", store, "--max-bytes", "1MB", "--max-chars", "100k", "-j", "1")
    assert p.returncode == 0 and "built 1" in p.stderr, p.stderr


def test_any_language_builds_a_foreign_article(tmp_path):
    p = run_kg("build", str(BAD / "french.txt"), "--store", str(tmp_path / "s"))
    assert p.returncode == 0 and "warning" in p.stderr and "built 0" in p.stderr and "skipped 1" in p.stderr
    p = run_kg("build", str(BAD / "french.txt"), "--store", str(tmp_path / "s"), "--any-language", "-j", "1")
    assert p.returncode == 0 and "built 1" in p.stderr and "warning" not in p.stderr


# -- store integrity ------------------------------------------------------------------------------

def test_kill_9_during_build_leaves_whole_articles_and_a_rerun_completes(generated, tmp_path):
    articles, reference, _ = generated
    for trial, marker in enumerate((b"[8/20]", b"[16/20]")):
        store = tmp_path / f"store-{trial}"
        proc = start_build(articles, store)
        wait_for(proc, marker)                          # a batch is written, the next one is being parsed:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stderr.close()
        assert proc.returncode == -signal.SIGKILL
        survived = graphs(store)                         # the store opens
        assert 8 <= len(survived) < 20
        for g, triples in survived.items():              # every article in it is whole
            assert triples == reference[g], g
        p = run_kg("build", str(articles), "--store", str(store), "-j", "1")
        assert p.returncode == 0, p.stderr
        assert f"built {20 - len(survived)}, unchanged {len(survived)}," in p.stderr
        assert graphs(store) == reference


_WRITER = """
import sys
from kg.store import Store
path, n = sys.argv[1], int(sys.argv[2])
def graph(a, v):
    return "".join(f'<urn:x:a{a}/s{i}> <urn:x:p> "v{v} {i}" .\\n' for i in range(300))
with Store.open(path) as s:
    for a in range(n):
        s.replace_article(f"urn:x:article{a}", graph(a, 0))
    print("ready", flush=True)
    v = 1
    while True:
        for a in range(n):
            s.replace_article(f"urn:x:article{a}", graph(a, v))
        v += 1
"""


def _versions(store_or_quads) -> dict[str, tuple[int, set[str]]]:
    """Graph → (number of triples, versions seen in it) for the writer's graphs."""
    out: dict[str, tuple[int, set[str]]] = {}
    for g, triples in store_or_quads.items():
        out[g] = (len(triples), {t.split('"v', 1)[1].split(" ", 1)[0] for t in triples})
    return out


def test_kill_9_in_the_middle_of_writes_never_leaves_half_an_article(tmp_path):
    """A writer replacing 300-triple graphs back to back, killed at random moments."""
    rng = random.Random(9)
    store = tmp_path / "store"
    for _ in range(5):
        proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(store), "10"], stdout=subprocess.PIPE)
        assert proc.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.05, 0.6))
        proc.kill()
        proc.wait()
        proc.stdout.close()
        seen = _versions(graphs(store))
        assert len(seen) == 10
        for g, (count, versions) in seen.items():
            assert count == 300 and len(versions) == 1, (g, count, versions)


def test_queries_during_writes_see_whole_articles(tmp_path):
    """Readers (library and `kg query`) opening the store while a writer replaces articles."""
    store = tmp_path / "store"
    proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(store), "10"], stdout=subprocess.PIPE)
    try:
        assert proc.stdout.readline().strip() == b"ready"
        versions_seen: set[str] = set()
        for _ in range(15):
            for g, (count, versions) in _versions(graphs(store)).items():
                assert count == 300 and len(versions) == 1, (g, count, versions)
                versions_seen |= versions
        query = ("SELECT ?g (COUNT(*) AS ?n) (MIN(?o) AS ?lo) (MAX(?o) AS ?hi) "
                 "WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        for _ in range(3):
            p = run_kg("query", query, "--store", str(store), "--format", "json")
            assert p.returncode == 0, p.stderr
            rows = json.loads(p.stdout)["results"]["bindings"]
            assert len(rows) == 10
            for r in rows:
                assert r["n"]["value"] == "300"
                assert r["lo"]["value"].split()[0] == r["hi"]["value"].split()[0]     # one version
                versions_seen.add(r["lo"]["value"].split()[0].lstrip("v"))
        assert len(versions_seen) > 2                     # the readers really ran during the writes
        assert proc.poll() is None                        # and the writer kept going
    finally:
        proc.kill()
        proc.wait()
        proc.stdout.close()


def test_kg_query_during_kg_build_sees_old_or_new_articles(generated, tmp_path):
    articles, reference, _ = generated
    store = tmp_path / "store"
    proc = start_build(articles, store)
    try:
        wait_for(proc, b"reading 20 file(s)")
        counts_seen = []
        query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
        while proc.poll() is None:
            p = run_kg("query", query, "--store", str(store), "--format", "json")
            if p.returncode == 1 and "no store at" in p.stderr:
                continue                                  # the build has not created it yet
            assert p.returncode == 0, p.stderr
            rows = json.loads(p.stdout)["results"]["bindings"]
            for r in rows:
                assert int(r["n"]["value"]) == len(reference[r["g"]["value"]])
            counts_seen.append(len(rows))
        assert proc.returncode == 0
        assert any(0 < n < 20 for n in counts_seen), counts_seen     # some queries ran mid-build
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        proc.stderr.close()


def _portable(gs: dict[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    """The graphs without the akg:sourceFile triples (the path the article was read from)."""
    return {g: frozenset(t for t in ts if "ontology#sourceFile>" not in t) for g, ts in gs.items()}


def test_rebuild_is_idempotent_and_a_changed_article_replaces_only_its_facts(generated, tmp_path):
    articles, reference, reference_store = generated
    reference = _portable(reference)            # built from another folder: akg:sourceFile differs
    folder = tmp_path / "articles"
    shutil.copytree(articles, folder)
    store = tmp_path / "store"
    shutil.copytree(reference_store, store, ignore=shutil.ignore_patterns("LOCK", ".kg-lock*"))
    p = run_kg("build", str(folder), "--store", str(store), "-j", "1")
    assert p.returncode == 0 and "built 0, unchanged 20" in p.stderr
    assert _portable(graphs(store)) == reference

    changed = folder / "gen-03.txt"
    changed.write_text(generated_article(3, version=2), encoding="utf-8")
    p = run_kg("build", str(folder), "--store", str(store), "-j", "1")
    assert p.returncode == 0 and "built 1, unchanged 19" in p.stderr
    after = _portable(graphs(store))
    g = iri("gen-03.txt")
    assert {k: v for k, v in after.items() if k != g} == {k: v for k, v in reference.items() if k != g}
    assert after[g] != reference[g]
    old_person = "{} {}".format(*PEOPLE[(3 * 3 + 1) % 10])
    new_person = "{} {}".format(*PEOPLE[(3 * 3 + 2) % 10])
    assert any(old_person in t for t in reference[g]) and not any(old_person in t for t in after[g])
    assert any(new_person in t for t in after[g])

    changed.write_text(generated_article(3, version=1), encoding="utf-8")    # back: the same graph again
    assert run_kg("build", str(folder), "--store", str(store), "-j", "1").returncode == 0
    assert _portable(graphs(store)) == reference
