"""Tests of kg.ingest: files and folders → Article (text, title, date, publisher, url, id, hash)."""
from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import json
import os
import re
import signal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg import ingest
from kg.errors import InputError
from kg.ingest import (article_from_text, boilerplate_match, date_line, find_files, iter_articles, parse_date,
                       read_articles, slugify)

DATA = Path(__file__).parent / "data"
ARTICLES = DATA / "articles"
SAMPLE1 = ARTICLES / "000_aba615cd113ed79c.txt"
SAMPLE2 = ARTICLES / "002_9a8134c7e789e324.txt"
INGEST = DATA / "ingest"
WIKINEWS = INGEST / "wikinews"


def one(path, **kw):
    arts = read_articles(path, **kw)
    assert len(arts) == 1
    return arts[0]


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def assert_clean_body(text: str) -> None:
    """Paragraphs separated by one blank line, normalised whitespace, no blank ends."""
    assert text == text.strip()
    assert "\n\n\n" not in text
    assert "\xa0" not in text and "\t" not in text and "\r" not in text and "\ufeff" not in text
    for para in text.split("\n\n"):
        assert para and para == para.strip()
        assert "  " not in para


# ---------------------------------------------------------------------------------------------
# The two sample articles


def test_sample1_metadata():
    a = one(SAMPLE1)
    assert a.id == "000_aba615cd113ed79c"
    assert a.source == str(SAMPLE1)
    assert a.title == "EU, US in 'global alliance' to hit web child sex"
    assert a.date == dt.date(2012, 12, 5)
    assert a.publisher == "AFP"
    assert a.url == "https://phys.org/news/2012-12-eu-global-alliance-web-child.html"
    assert a.content_hash == hashlib.sha256(SAMPLE1.read_bytes()).hexdigest()


def test_sample1_body():
    t = one(SAMPLE1).text
    assert t.startswith("US Attorney General Eric Holder (L) and EU home affairs commissioner Cecilia Malmstroem")
    assert t.endswith("the Interpol international database of child abuse material grows by 10 percent annually.")
    for gone in ("Citation:", "(c) 2012 AFP", "This document is subject to copyright", "December 5 2012",
                 "<u>", "</u>", "global alliance' to hit web child sex", "phys.org"):
        assert gone not in t
    assert "combating child sexual abuse online" in t
    assert "identify more victims of child sexual abuse, and" in t
    # the sentence broken by the export's blank lines is whole again
    assert "Switzerland, Thailand, Turkey, Ukraine and Vietnam." in t
    assert_clean_body(t)


def test_sample2_metadata():
    a = one(SAMPLE2)
    assert a.id == "002_9a8134c7e789e324"
    assert a.title == "Global Alliance to fight child sexual abuse"
    assert a.date == dt.date(2012, 6, 21)
    assert a.publisher is None and a.url is None


def test_sample2_body():
    t = one(SAMPLE2).text
    assert t.startswith("The EU - US Justice and Home Affairs ministerial meeting held in Copenhagen Thursday")
    assert t.endswith("Read the full press release and the joint EU-US statement pdf - 190 KB [190 KB] "
                      "from the ministerial meeting.")
    for gone in ("Navigation path", "Left navigation", "Additional tools", "This site has been archived",
                 "Photo:", "Akarkayu", "21 June 2012", "Global Alliance to fight child sexual abuse"):
        assert gone not in t
    assert "Home Affairs Commissioner Cecilia Malmström after her meeting with Eric Holder" in t
    assert_clean_body(t)


def test_sample_offsets_are_into_text():
    """Sentences survive unchanged, so offsets found in `text` point at real text."""
    t = one(SAMPLE2).text
    s = "This initiative seeks to unite decision-makers all around the world to better identify and assist victims"
    assert t[t.index(s):t.index(s) + len(s)] == s


def test_find_files_samples():
    assert find_files([ARTICLES]) == [SAMPLE1, SAMPLE2]
    arts = list(iter_articles([str(ARTICLES)]))
    assert [a.id for a in arts] == ["000_aba615cd113ed79c", "002_9a8134c7e789e324"]


# ---------------------------------------------------------------------------------------------
# HTML


def test_html_fixture_no_scripts_iframes_or_markup():
    a = one(INGEST / "page.html")
    for leak in ("SCRIPT_TEXT_LEAK", "WRITE_LEAK", "STYLE_LEAK", "IFRAME_LEAK", "SCRIPT2_LEAK", "SCRIPT3_LEAK",
                 "console.log", "var secret", "<", ">", "color: red"):
        assert leak not in a.text
    assert a.title == "Ministers meet in Oslo"
    assert a.date == dt.date(2019, 7, 10)
    assert a.publisher == "Example News"
    assert a.url == "https://news.example.org/2019/07/ministers-meet-oslo"
    assert a.text.startswith("The foreign ministers of Norway and Sweden met in Oslo on Wednesday")
    assert "Arctic cooperation, officials said." in a.text
    assert "& to invite Finland é Denmark." in a.text          # entities decoded
    assert "Photo:" not in a.text and "Skip to content" not in a.text and "Privacy" not in a.text
    assert a.extra["format"] == "html"
    assert_clean_body(a.text)


def test_html_dateline_and_copyright_in_body(tmp_path):
    p = write(tmp_path / "pact.htm", """<html><head><title>EU and US sign pact</title></head><body><article>
<h1>EU and US sign pact</h1><p>July 10, 2019</p>
<p>The European Union and the United States signed a data pact in Brussels on Wednesday, officials said,
after two years of talks between the two sides.</p>
<p>Photo: John Doe/Reuters</p>
<p>The agreement still needs the approval of the European Parliament, which is expected to vote on it.</p>
<p>&copy; 2019 Reuters</p></article></body></html>""")
    a = one(p)
    assert a.id == "pact"
    assert a.title == "EU and US sign pact"
    assert a.date == dt.date(2019, 7, 10)
    assert a.publisher == "Reuters"
    assert a.text.startswith("The European Union and the United States signed")
    assert "July 10, 2019" not in a.text and "Photo" not in a.text and "©" not in a.text
    assert "officials said, after two years" in a.text


def test_html_without_text_is_input_error(tmp_path):
    p = write(tmp_path / "empty.html", "<html><head><title>Nothing</title><script>x=1</script></head><body></body></html>")
    with pytest.raises(InputError, match=re.escape(str(p))):
        read_articles(p)


def test_html_declared_charset_used_when_not_utf8(tmp_path):
    html = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head>'
            '<body><p>Президент России встретился с министрами в Москве в среду, сообщили официальные лица.</p>'
            '</body></html>')
    p = write(tmp_path / "ru.html", html.encode("cp1251"))
    a = one(p)
    assert "Президент России" in a.text
    assert a.extra["encoding"] == "cp1251"


# ---------------------------------------------------------------------------------------------
# Markdown and inline HTML


MD = """---
title: "Leaders meet in *Oslo*"
date: 2019-07-10
url: https://example.org/oslo
---

# Leaders meet in Oslo

**Oslo, Norway** — The prime ministers of [Norway](https://en.wikipedia.org/wiki/Norway_(country)) and
_Sweden_ met on Wednesday, the \\*first\\* meeting since 2018.

![A photo of the leaders](https://example.org/photo.jpg)

> "We agreed on everything," said Prime Minister Erna Solberg.

- Norway
- Sweden

Some `code_name` and snake_case_word and 5 * 3 = 15 stay, as does ~~old~~ text.

```
print("CODE_LEAK")
```

***

More [text][ref] and <https://example.org/auto> here.

[ref]: https://example.org
"""


def test_markdown(tmp_path):
    a = one(write(tmp_path / "Oslo Meeting.md", MD))
    assert a.id == "oslo-meeting"
    assert a.title == "Leaders meet in Oslo"
    assert a.date == dt.date(2019, 7, 10)
    assert a.url == "https://example.org/oslo"
    t = a.text
    assert t.startswith("Oslo, Norway — The prime ministers of Norway and Sweden met on Wednesday, "
                        "the *first* meeting since 2018.")
    assert '"We agreed on everything," said Prime Minister Erna Solberg.' in t
    assert "\n\nNorway\n\nSweden\n\n" in t
    assert "Some code_name and snake_case_word and 5 * 3 = 15 stay, as does old text." in t
    assert "More text and https://example.org/auto here." in t
    for gone in ("#", "**", "](", "![", "CODE_LEAK", "```", "[ref]", "photo.jpg", "---", "> "):
        assert gone not in t
    assert_clean_body(t)


def test_markdown_heading_is_title_without_front_matter(tmp_path):
    a = one(write(tmp_path / "m.md", "## Ministers agree on a *new* pact.\n\nThe ministers agreed on a pact on Monday.\n"))
    assert a.title == "Ministers agree on a new pact."
    assert a.text == "The ministers agreed on a pact on Monday."


def test_markdown_setext_heading(tmp_path):
    a = one(write(tmp_path / "s.md", "Talks in Oslo\n=============\n\nMinisters met in Oslo on Monday.\n"))
    assert a.title == "Talks in Oslo"
    assert a.text == "Ministers met in Oslo on Monday."


def test_inline_html_removed_from_text(tmp_path):
    p = write(tmp_path / "inline.txt",
              "Ministers meet\n\nThe <u>European Union</u> &amp; <b>Norway</b> met.<br>They agreed.\n\n"
              "<script>alert('SCRIPT_LEAK')</script>Prices rose 5% as 3 < 4 and I <3 Oslo, <Reuters> said.\n\n"
              "Caf&eacute; talks&nbsp;went on.<!-- a comment -->\n")
    t = one(p).text
    assert "The European Union & Norway met.\n\nThey agreed." in t
    assert "SCRIPT_LEAK" not in t and "<u>" not in t and "comment" not in t
    assert "Prices rose 5% as 3 < 4 and I <3 Oslo, <Reuters> said." in t
    assert "Café talks went on." in t


def test_unclosed_iframe_in_text_keeps_the_text():
    t = ingest.strip_tags("Before <iframe src=x>after the stray tag")
    assert t == "Before after the stray tag"


# ---------------------------------------------------------------------------------------------
# Encodings


def test_cp1252(tmp_path):
    raw = "Ministers meet\n\nThe caf\u00e9 \u201cMalmstr\u00f6m\u201d \u2013 talks went on.\n".encode("cp1252")
    a = one(write(tmp_path / "cp.txt", raw))
    assert a.text == "The caf\u00e9 \u201cMalmstr\u00f6m\u201d \u2013 talks went on."
    assert a.extra["encoding"] == "cp1252"


def test_latin1(tmp_path):
    # 0x81 is undefined in cp1252, so only latin-1 can decode this file
    raw = "Ministers meet\n\nThe caf\u00e9 talks went on.\x81\n".encode("latin-1")
    a = one(write(tmp_path / "l1.txt", raw))
    assert a.text == "The caf\u00e9 talks went on."
    assert a.extra["encoding"] == "latin-1"


def test_utf8_bom(tmp_path):
    raw = codecs.BOM_UTF8 + "Ministers meet\n\nThe café talks went on.\n".encode("utf-8")
    a = one(write(tmp_path / "bom.txt", raw))
    assert a.title == "Ministers meet"
    assert a.text == "The café talks went on."
    assert a.content_hash == hashlib.sha256(raw).hexdigest()


def test_utf16_with_bom(tmp_path):
    raw = "Ministers meet\r\n\r\nThe café talks went on.\r\n".encode("utf-16")
    a = one(write(tmp_path / "u16.txt", raw))
    assert a.text == "The café talks went on."


def test_windows_newlines_and_nbsp(tmp_path):
    a = one(write(tmp_path / "crlf.txt", b"Talks in Oslo\r\n\r\n21\xc2\xa0June\xc2\xa02012\r\n\r\nThe\xc2\xa0ministers met.\r\n"))
    assert a.date == dt.date(2012, 6, 21)
    assert a.text == "The ministers met."


# ---------------------------------------------------------------------------------------------
# Bad files


@pytest.mark.parametrize("name, content, words", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\t\r\n \n", "whitespace"),
    ("nul.txt", b"Some text\x00\x01\x02 more", "binary"),
    ("doc.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    ("img.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
    ("arch.md", b"PK\x03\x04\x14\x00\x00\x00", "ZIP"),
    ("feed.jsonl", b"", "empty"),
    ("only-boilerplate.txt", "Navigation path\n\nShare this\n\n(c) 2012 AFP\n".encode(), "no article text"),
    ("only-title.txt", b"A headline\n\nDecember 5 2012\n", "no article text"),
])
def test_bad_files_raise_input_error_naming_the_file(tmp_path, name, content, words):
    p = write(tmp_path / name, content)
    with pytest.raises(InputError) as e:
        read_articles(p)
    assert str(p) in str(e.value)
    assert words.lower() in str(e.value).lower()


def test_too_large(tmp_path, monkeypatch):
    p = write(tmp_path / "big.txt", "Title\n\n" + "The ministers met in Oslo. " * 50)
    with pytest.raises(InputError) as e:
        read_articles(p, max_bytes=100)
    msg = str(e.value)
    assert str(p) in msg and "limit" in msg and "KG_MAX_BYTES" in msg and "max_bytes" in msg
    assert one(p, max_bytes=10_000).text.startswith("The ministers met")
    monkeypatch.setenv("KG_MAX_BYTES", "100")
    with pytest.raises(InputError, match="limit"):
        read_articles(p)
    monkeypatch.setenv("KG_MAX_BYTES", "lots")
    with pytest.raises(InputError, match="KG_MAX_BYTES"):
        read_articles(p)


def test_default_limit_is_10_mb():
    assert ingest.DEFAULT_MAX_BYTES == 10 * 1024 * 1024


def test_unsupported_file_given_explicitly(tmp_path):
    p = write(tmp_path / "notes.rtf", "Some text")
    assert find_files([p]) == [p]
    with pytest.raises(InputError, match=r"notes\.rtf.*not a supported"):
        read_articles(p)


def test_sidecar_given_as_article_is_refused():
    with pytest.raises(InputError, match="sidecar"):
        read_articles(WIKINEWS / "index.jsonl")


# ---------------------------------------------------------------------------------------------
# JSON Lines


def jsonl(*objs) -> str:
    return "".join((o if isinstance(o, str) else json.dumps(o)) + "\n" for o in objs)


def test_jsonl(tmp_path):
    lines = [
        {"id": "A/1", "title": "Talks in Oslo", "date": "2019-07-10", "url": "https://example.org/a",
         "text": "Talks in Oslo\n\nThe ministers of <b>Norway</b> met in Oslo.\n\nShare this"},
        {"text": "Wednesday, July 10, 2019\n\nThe EU and the US met.", "publisher": "Reuters"},
    ]
    p = write(tmp_path / "Feed.jsonl", jsonl(lines[0], "", lines[1]))
    a, b = read_articles(p)
    assert a.id == "a-1" and b.id == "feed-3"
    assert a.source == f"{p}#L1" and b.source == f"{p}#L3"
    assert a.title == "Talks in Oslo" and a.date == dt.date(2019, 7, 10) and a.url == "https://example.org/a"
    assert a.text == "The ministers of Norway met in Oslo."
    assert b.date == dt.date(2019, 7, 10) and b.text == "The EU and the US met." and b.publisher == "Reuters"
    raw = p.read_bytes().split(b"\n")
    assert a.content_hash == hashlib.sha256(raw[0]).hexdigest()
    assert b.content_hash == hashlib.sha256(raw[2]).hexdigest()


@pytest.mark.parametrize("bad, words", [
    ("{not json", "not valid JSON"),
    ("[1, 2]", "not a JSON object"),
    ('{"title": "no text"}', "text"),
    ('{"text": "   "}', "text"),
    ('{"text": "Body.", "date": "yesterday"}', "not a date"),
    ('{"text": "Body.", "title": ["x"]}', "string"),
])
def test_jsonl_bad_line(tmp_path, bad, words):
    p = write(tmp_path / "feed.jsonl", jsonl({"text": "First article."}, {"text": "Second article."}, bad,
                                             {"text": "Fourth article."}))
    with pytest.raises(InputError) as e:
        read_articles(p)
    msg = str(e.value)
    assert str(p) in msg and "line 3" in msg and words in msg
    # iter_articles reports the bad line and goes on with the others
    errors = []
    arts = list(iter_articles([p], on_error=lambda path, err: errors.append((path, str(err)))))
    assert [a.text for a in arts] == ["First article.", "Second article.", "Fourth article."]
    assert len(errors) == 1 and errors[0][0] == p and "line 3" in errors[0][1]


def test_jsonl_not_utf8_line(tmp_path):
    p = write(tmp_path / "feed.jsonl", b'{"text": "ok"}\n{"text": "caf\xe9"}\n')
    with pytest.raises(InputError, match="line 2.*UTF-8"):
        read_articles(p)


# ---------------------------------------------------------------------------------------------
# Sidecars (index.jsonl)


def make_sidecar_folder(tmp_path: Path) -> Path:
    d = tmp_path / "news"
    write(d / "a.txt", "A guessed headline\n\nDecember 5 2012\n\nThe ministers met in Oslo on Monday.\n")
    write(d / "b.txt", "The EU and the US met in Brussels on Tuesday, officials said.\n")
    write(d / "c.txt", "Not in the sidecar\n\nMay 1, 2020\n\nThe talks ended.\n")
    write(d / "index.jsonl", jsonl(
        {"id": "story-a", "file": "a.txt", "title": "Ministers meet in Oslo", "date": "2012-12-06",
         "url": "https://example.org/a", "source": "Example Wire (English), example.org", "license": "CC BY 2.5"},
        {"file": "b.txt", "title": "EU and US meet", "date": "2013-01-02", "url": None},
    ))
    return d


def test_sidecar_with_folder(tmp_path):
    d = make_sidecar_folder(tmp_path)
    arts = {a.source: a for a in iter_articles([d])}
    assert set(arts) == {str(d / "a.txt"), str(d / "b.txt"), str(d / "c.txt")}     # index.jsonl is no article
    a, b, c = arts[str(d / "a.txt")], arts[str(d / "b.txt")], arts[str(d / "c.txt")]
    assert a.id == "story-a"
    assert a.title == "Ministers meet in Oslo"          # sidecar wins over the guessed headline
    assert a.date == dt.date(2012, 12, 6)               # sidecar wins over the dateline
    assert a.url == "https://example.org/a"
    assert a.publisher == "Example Wire"
    assert a.extra["sidecar_license"] == "CC BY 2.5"
    assert a.text == "The ministers met in Oslo on Monday."     # the page's headline and dateline are removed
    assert a.extra["headline"] == "A guessed headline"
    assert b.id == "b" and b.title == "EU and US meet" and b.date == dt.date(2013, 1, 2) and b.url is None
    assert b.text == "The EU and the US met in Brussels on Tuesday, officials said."
    assert c.title == "Not in the sidecar" and c.date == dt.date(2020, 5, 1) and c.text == "The talks ended."


def test_sidecar_with_single_file(tmp_path):
    d = make_sidecar_folder(tmp_path)
    a = one(d / "a.txt")
    assert (a.id, a.title, a.date, a.url) == ("story-a", "Ministers meet in Oslo", dt.date(2012, 12, 6),
                                              "https://example.org/a")
    os.chdir(d)
    try:
        a2 = one("a.txt")                               # a relative path finds the sidecar too
    finally:
        os.chdir(Path(__file__).parent)
    assert a2.id == "story-a" and a2.source == "a.txt"


def test_sidecar_change_changes_content_hash(tmp_path):
    d = make_sidecar_folder(tmp_path)
    h1 = one(d / "a.txt").content_hash
    assert h1 != hashlib.sha256((d / "a.txt").read_bytes()).hexdigest()
    assert one(d / "c.txt").content_hash == hashlib.sha256((d / "c.txt").read_bytes()).hexdigest()
    side = d / "index.jsonl"
    side.write_text(side.read_text().replace("2012-12-06", "2012-12-07"))
    os.utime(side, ns=(1, 1))
    a = one(d / "a.txt")
    assert a.date == dt.date(2012, 12, 7) and a.content_hash != h1


def test_bad_sidecar_line(tmp_path):
    d = tmp_path / "news"
    write(d / "a.txt", "The ministers met.\n")
    write(d / "index.jsonl", jsonl({"file": "a.txt", "title": "T"}, "{oops", ))
    with pytest.raises(InputError) as e:
        read_articles(d / "a.txt")
    assert "index.jsonl" in str(e.value) and "line 2" in str(e.value)


def test_wikinews_fixtures():
    arts = list(iter_articles([WIKINEWS]))
    assert [a.id for a in arts] == ["wikinews-2019-061", "wikinews-2020-004"]   # LICENSE-NOTE.md skipped
    a, b = arts
    assert a.title == "Nickey Iyambo, former vice-president of Namibia, dies aged 82"
    assert a.date == dt.date(2019, 5, 21)
    assert a.publisher == "Wikinews"
    assert a.url.startswith("https://en.wikinews.org/wiki/Nickey_Iyambo")
    assert a.text.startswith("Nickey Iyambo, former vice-president of Namibia, died on Sunday")
    assert "Tuesday, May 21, 2019" not in a.text
    assert a.text.endswith("in 2014.")
    assert b.date == dt.date(2020, 1, 9)                # only the sidecar knows it
    assert b.text.startswith("During the funeral of Iranian commander General Qasem Soleimani")
    for art in arts:
        assert_clean_body(art.text)


def test_date_never_guessed(tmp_path):
    a = one(write(tmp_path / "nodate.txt", "The ministers met on Monday in Oslo, officials said.\n"))
    assert a.date is None and a.title is None
    assert a.text == "The ministers met on Monday in Oslo, officials said."


# ---------------------------------------------------------------------------------------------
# Finding files, duplicates, loops, errors


def test_find_files_filters_and_sorts(tmp_path):
    for name in ("b.txt", "a.HTML", "c.md", "d.jsonl", "e.htm", "sub/f.txt", "index.jsonl", ".hidden.txt",
                 ".git/x.txt", "notes.rtf", "README.md", "readme.txt", "LICENSE.txt", "LICENSE-NOTE.md",
                 "img.png", "license-plate-scandal.txt", "sub/index.jsonl"):
        write(tmp_path / name, "Text.\n")
    got = find_files([tmp_path])
    assert got == [tmp_path / n for n in ("a.HTML", "b.txt", "c.md", "d.jsonl", "e.htm",
                                          "license-plate-scandal.txt", "sub/f.txt")]
    # a sidecar named explicitly (as by a shell glob) is still no article
    assert find_files([tmp_path / "index.jsonl", tmp_path / "b.txt"]) == [tmp_path / "b.txt"]
    # the same file reached twice is listed once
    assert find_files([tmp_path / "b.txt", tmp_path, str(tmp_path / "b.txt")]).count(tmp_path / "b.txt") == 1


def test_find_files_missing_path(tmp_path):
    with pytest.raises(InputError, match=re.escape(str(tmp_path / "nope")) + ".*no such file"):
        find_files([tmp_path / "nope"])


def test_iter_articles_missing_path_reported(tmp_path):
    p = write(tmp_path / "a.txt", "The ministers met.\n")
    errors = []
    arts = list(iter_articles([tmp_path / "nope", p], on_error=lambda path, err: errors.append(path)))
    assert [a.source for a in arts] == [str(p)]
    assert errors == [tmp_path / "nope"]
    with pytest.raises(InputError):
        list(iter_articles([tmp_path / "nope", p]))


def test_duplicate_content_yielded_once(tmp_path):
    text = "Ministers meet\n\nThe ministers met in Oslo.\n"
    write(tmp_path / "one.txt", text)
    write(tmp_path / "sub" / "copy.txt", text)
    write(tmp_path / "other.txt", "Ministers meet\n\nThe ministers met in Bergen.\n")
    arts = list(iter_articles([tmp_path]))
    assert sorted(Path(a.source).name for a in arts) == ["one.txt", "other.txt"]
    assert len({a.content_hash for a in arts}) == 2


def test_symlink_loop_does_not_hang(tmp_path):
    signal.signal(signal.SIGALRM, lambda *a: pytest.fail("find_files hangs on a symbolic link loop"))
    signal.alarm(20)
    try:
        _symlink_loops(tmp_path)
    finally:
        signal.alarm(0)


def _symlink_loops(tmp_path):
    d = tmp_path / "news"
    write(d / "a.txt", "The ministers met.\n")
    write(d / "sub" / "b.txt", "The leaders met.\n")
    os.symlink("..", d / "sub" / "up")              # sub/up → news: a loop
    os.symlink(".", d / "self")                      # self → news
    os.symlink(d / "sub", d / "sub-again")           # a second way into sub
    os.symlink("loop.txt", d / "loop.txt")           # a link to itself
    files = find_files([d])
    names = [p.name for p in files]
    assert names.count("a.txt") == 1 and names.count("b.txt") == 1
    errors = []
    arts = list(iter_articles([d], on_error=lambda p, e: errors.append((p, str(e)))))
    assert sorted(a.text for a in arts) == ["The leaders met.", "The ministers met."]
    assert [p.name for p, _ in errors] == ["loop.txt"]
    with pytest.raises(InputError, match="symbolic link"):
        find_files([d / "loop.txt"])


def test_iter_articles_continues_after_bad_file(tmp_path):
    write(tmp_path / "a.txt", "The ministers met in Oslo.\n")
    write(tmp_path / "b.txt", b"")
    write(tmp_path / "c.txt", b"%PDF-1.7 junk")
    write(tmp_path / "d.txt", "The leaders met in Rome.\n")
    errors = []
    arts = list(iter_articles([tmp_path], on_error=lambda p, e: errors.append((p.name, str(e)))))
    assert [a.id for a in arts] == ["a", "d"]
    assert [n for n, _ in errors] == ["b.txt", "c.txt"]
    assert all(str(tmp_path) in m for _, m in errors)
    with pytest.raises(InputError, match="b.txt"):
        list(iter_articles([tmp_path]))


def test_unreadable_file_reported(tmp_path, monkeypatch):
    p = write(tmp_path / "secret.txt", "The ministers met.\n")
    real_open = Path.open

    def deny(self, *a, **kw):
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *a, **kw)

    monkeypatch.setattr(Path, "open", deny)
    with pytest.raises(InputError, match=re.escape(str(p)) + ".*permission denied"):
        read_articles(p)


def test_iter_articles_is_lazy(tmp_path):
    write(tmp_path / "a.txt", "The ministers met.\n")
    write(tmp_path / "b.txt", b"")
    it = iter_articles([tmp_path])
    assert next(it).id == "a"                        # the bad file is only met later
    with pytest.raises(InputError):
        next(it)


# ---------------------------------------------------------------------------------------------
# Ids, dates, titles, boilerplate, body form


@pytest.mark.parametrize("stem, slug", [
    ("000_aba615cd113ed79c", "000_aba615cd113ed79c"),
    ("Café Story 2019!", "cafe-story-2019"),
    ("EU--US  talks", "eu-us-talks"),
    ("???", "article"),
    ("a.b.c", "a-b-c"),
])
def test_slugify(stem, slug):
    assert slugify(stem) == slug
    assert re.fullmatch(r"[a-z0-9_-]+", slugify(stem))


@pytest.mark.parametrize("line, date", [
    ("December 5 2012", dt.date(2012, 12, 5)),
    ("21 June 2012", dt.date(2012, 6, 21)),
    ("2019-07-10", dt.date(2019, 7, 10)),
    ("July 10, 2019", dt.date(2019, 7, 10)),
    ("Wednesday, July 10, 2019", dt.date(2019, 7, 10)),
    ("Friday, January 4, 2019 ", dt.date(2019, 1, 4)),
    ("Wed 10 Jul 2019", dt.date(2019, 7, 10)),
    ("10th of July, 2019", dt.date(2019, 7, 10)),
    ("Sept. 3, 2019", dt.date(2019, 9, 3)),
    ("Published: 10 July 2019 14:02 BST", dt.date(2019, 7, 10)),
    ("Posted on July 10, 2019 at 9:30 am", dt.date(2019, 7, 10)),
    ("2019/07/10", dt.date(2019, 7, 10)),
    ("2019-07-10T08:00:00Z", dt.date(2019, 7, 10)),
    ("July 2019", None),
    ("May the EU win", None),
    ("In 2019 the EU met on July 10, 2019.", None),
    ("February 30, 2019", None),
    ("2019-13-01", None),
    ("12345", None),
])
def test_date_line(line, date):
    assert date_line(line) == date


@pytest.mark.parametrize("value, date", [
    ("2012, December 5", dt.date(2012, 12, 5)),
    ("2019-07-10T08:00:00+02:00", dt.date(2019, 7, 10)),
    ("2019-07-10 08:00", dt.date(2019, 7, 10)),
    ("21\u00a0June\u00a02012", dt.date(2012, 6, 21)),
    ("soon", None),
])
def test_parse_date(value, date):
    assert parse_date(value) == date


def test_citation_gives_date_title_and_url_when_no_dateline(tmp_path):
    p = write(tmp_path / "cite.txt",
              "The ministers met in Oslo on Monday, officials said.\n\n"
              "Citation: Ministers meet (2012, December 5) retrieved 26 April 2024 from https://phys.org/news/x.html\n")
    a = one(p)
    assert a.date == dt.date(2012, 12, 5)
    assert a.url == "https://phys.org/news/x.html"
    assert a.title == "Ministers meet"
    assert a.text == "The ministers met in Oslo on Monday, officials said."


def test_first_line_sentence_is_not_a_title(tmp_path):
    a = one(write(tmp_path / "x.txt", "The ministers met in Oslo on Monday.\n\nThey agreed on a pact.\n"))
    assert a.title is None
    assert a.text == "The ministers met in Oslo on Monday.\n\nThey agreed on a pact."


@pytest.mark.parametrize("line", [
    "(c) 2012 AFP", "© 2012 Reuters", "Copyright © 2019 Example News. All rights reserved.", "All rights reserved.",
    "Citation: EU, US in 'global alliance' to hit web child sex (2012, December 5) retrieved 26 April 2024 "
    "from https://phys.org/news/2012-12-eu-global-alliance-web-child.html",
    "This document is subject to copyright. Apart from any fair dealing for the purpose of private study or "
    "research, no part may be reproduced without the written permission.",
    "This site has been archived on (2014/11/18)",
    "Navigation path", "Left navigation", "Additional tools", "Skip to content", "Skip to main content",
    "Share this", "Share this article", "Share on Facebook", "Facebook Twitter Email", "Back to top",
    "Photo: Akarkayu/Flickr (CC)", "Image: European Commission", "Credit: Reuters/John Doe", "(Photo: Jane Doe/AFP)",
    "Photo credit: EPA", "AFP PHOTO / John Thys", "Getty Images", "Last updated: 10 July 2019 14:02",
    "██ On ballot", "3 min read", "Advertisement", "Related articles", "You are here: Home > News > EU",
])
def test_boilerplate_lines(line):
    assert boilerplate_match(line) is not None


@pytest.mark.parametrize("line", [
    "Read the full press release and the joint EU-US statement pdf - 190 KB [190 KB] from the ministerial meeting.",
    "Copyright law in the EU was reformed in 2019",
    "(c) the member states shall cooperate with Interpol",
    "Search and rescue was suspended on Tuesday.",
    "Photographs of the meeting were released by the White House on Monday, showing the two leaders.",
    "Share prices fell sharply in Tokyo.",
    "The image of the EU has suffered, she said.",
    "Updated figures show that 50,000 new pictures are uploaded every year.",
    "Navigation of the Danube was halted.",
    "Holder said the initiative \"will strengthen our mutual resources\"",
    "Credit Suisse agreed to pay a fine.",
    "Top EU officials met in Brussels.",
    "Global Alliance to fight child sexual abuse",
])
def test_content_lines_are_not_boilerplate(line):
    assert boilerplate_match(line) is None


def test_boilerplate_file_has_a_comment_for_each_pattern():
    data = json.loads(ingest.data_file("boilerplate.json").read_text(encoding="utf-8"))
    assert data["patterns"]
    for p in data["patterns"]:
        assert p["comment"].strip()
        re.compile(p["pattern"])
        assert not p["pattern"].startswith("^") and not p["pattern"].endswith("$")   # fullmatch is used


def test_publisher_forms(tmp_path):
    for line, pub in [("(c) 2012 AFP", "AFP"), ("© 2012 Reuters", "Reuters"), ("© Reuters 2012", "Reuters"),
                      ("Copyright © 2019 Example News. All rights reserved.", "Example News")]:
        a = one(write(tmp_path / "p.txt", f"The ministers met.\n\n{line}\n"))
        assert a.publisher == pub, line
        assert a.text == "The ministers met."


def test_hard_wrapped_lines_become_paragraphs(tmp_path):
    a = one(write(tmp_path / "w.txt", "Talks in Oslo\n\nThe ministers of Norway and Sweden met\nin Oslo on "
                                       "Monday. They agreed\non a pact.\nA second sentence.\n\n\n\nNext paragraph.\n"))
    assert a.title == "Talks in Oslo"
    assert a.text == ("The ministers of Norway and Sweden met in Oslo on Monday. They agreed on a pact.\n\n"
                      "A second sentence.\n\nNext paragraph.")


def test_short_subheading_is_not_joined_to_its_paragraph(tmp_path):
    a = one(write(tmp_path / "h.txt", "The ministers met in Oslo on Monday.\n\nBackground\nThe talks began in 2010.\n"))
    assert a.text == "The ministers met in Oslo on Monday.\n\nBackground\n\nThe talks began in 2010."


def test_article_from_text():
    a = article_from_text("Talks in Oslo\n\nJuly 10, 2019\n\nThe ministers met.", id="My Story")
    assert (a.id, a.title, a.date, a.text) == ("my-story", "Talks in Oslo", dt.date(2019, 7, 10), "The ministers met.")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("ab Z.,\n\t\r<>&;#*_[]()!-:\u00a0é©0129") +
                                ["<u>", "</u>", "December 5 2012", "Photo: x", "&amp;", "<script>"]),
                max_size=60).map("".join))
def test_any_text_gives_a_clean_body(text):
    for kind in ("txt", "md"):
        try:
            a = article_from_text(text, kind=kind)
        except InputError as e:
            assert "no article text" in str(e)
            continue
        assert_clean_body(a.text)
        assert "<u>" not in a.text


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet="abcdefghij XYZ,.'\"", min_size=1, max_size=40), min_size=1, max_size=8))
def test_sentences_survive(paras):
    """Each content line's words appear, in order, in the body (nothing but markup is lost)."""
    text = "\n\n".join(paras)
    try:
        a = article_from_text(text)
    except InputError:
        # only when no paragraph has a word: a lone headline-like line is body, not a title
        assert not any(p.split() for p in paras)
        return
    body_words = a.text.split()
    kept = [w for p in paras for w in p.split()]
    if a.title:
        kept = kept[len(a.title.split()):]
    assert body_words == kept


# -- faults of kg or its environment fail one file, not the batch ----------------------------------


def _mixed_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "page.html").write_bytes((INGEST / "page.html").read_bytes())
    write(folder / "story.txt", "Ministers meet in Oslo\n\nThe foreign ministers of Norway and Sweden met in Oslo "
                                "on Wednesday to talk about Arctic cooperation, officials said.\n")
    return folder


def test_an_html_extractor_that_does_not_load_fails_the_html_file_only(tmp_path, monkeypatch):
    import sys

    folder = _mixed_folder(tmp_path)
    monkeypatch.setitem(sys.modules, "trafilatura", None)      # `import trafilatura` raises ImportError
    errors = []
    arts = list(iter_articles([folder], on_error=lambda path, err: errors.append((path.name, str(err)))))
    assert [a.id for a in arts] == ["story"]
    [(name, message)] = errors
    assert name == "page.html" and message.startswith(f"[E016] {folder / 'page.html'}: ")
    assert "requirements.lock" in message


def test_an_unexpected_fault_while_reading_fails_that_file_only(tmp_path, monkeypatch):
    folder = _mixed_folder(tmp_path)
    real = ingest.parse_text

    def broken(text, **kw):
        if "Norway" in text and kw.get("kind") == "txt":
            raise RuntimeError("disk on fire")
        return real(text, **kw)

    monkeypatch.setattr(ingest, "parse_text", broken)
    errors = []
    arts = list(iter_articles([folder], on_error=lambda path, err: errors.append((path.name, str(err)))))
    assert [a.extra["format"] for a in arts] == ["html"]
    assert errors == [("story.txt", f"[E039] {folder / 'story.txt'}: cannot be read: RuntimeError: disk on fire")]
    with pytest.raises(InputError, match="disk on fire") as err:   # without on_error: an InputError, as for bad files
        list(iter_articles([folder / "story.txt"]))
    assert err.value.code == "E039"


def test_kg_build_with_a_broken_html_extractor_builds_the_rest(tmp_path):
    import subprocess
    import sys

    folder = _mixed_folder(tmp_path)
    code = ("import sys\nsys.modules['trafilatura'] = None\nfrom kg.cli import main\n"
            f"main(['build', {str(folder)!r}, '--store', {str(tmp_path / 'store')!r}, '-j', '1'])\n")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600)
    assert p.returncode == 1 and "Traceback" not in p.stderr, p.stderr
    assert f"kg: skipped [E016] {folder / 'page.html'}: cannot read HTML here" in p.stderr
    assert "kg: built 1, unchanged 0, failed 1" in p.stderr
