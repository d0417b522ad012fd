"""Ingest: article files and folders → `Article` (body text plus the metadata the text or a sidecar gives).

Supported files: ``.txt`` and ``.md`` (plain text exports of web pages, Markdown), ``.html``/``.htm``
(body and metadata by trafilatura) and ``.jsonl`` (one article per line: ``text``, ``title``,
``date``, ``url``, ``id``). A folder may hold an ``index.jsonl`` sidecar (one object per line:
``file``, ``title``, ``date``, ``url``, optionally ``id``, ``source``, ``publisher``, ``license``)
whose fields win over what is guessed from the text.

From the text come: the title (first content line that is neither boilerplate nor a date), the
date (a dateline near the top, else a ``Citation: … (2012, December 5) retrieved …`` footer; never
file times or today), the publisher (``(c) 2012 AFP``) and the url (the Citation footer). The body
keeps the article's sentences intact; boilerplate lines (patterns in ``kg/data/boilerplate.json``),
the title line and the dateline are removed, inline markup is stripped and paragraphs are separated
by one blank line.
"""
from __future__ import annotations

import codecs
import datetime as dt
import difflib
import hashlib
import json
import logging
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

from kg.article import Article
from kg.errors import Errors, InputError, SkippedInput
from kg.resources import data_file
from kg.text import MONTHS, WEEKDAY_ABBREVIATIONS, WEEKDAY_NAMES

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".html", ".htm", ".md", ".jsonl")
SIDECAR = "index.jsonl"
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
MAX_BYTES_ENV = "KG_MAX_BYTES"
#: the longest article body (characters) handed to the NLP: about 30,000 words, ten times a long
#: news article; longer texts are refused (spaCy needs about 1 GB of memory per 100,000 characters)
DEFAULT_MAX_CHARS = 200_000
MAX_CHARS_ENV = "KG_MAX_CHARS"
MAX_BOILERPLATE_LINE = 1000     #: longer lines are never boilerplate

# Files that are documentation of a folder, not articles (skipped when a folder is walked).
# Upper-case names with any suffix (LICENSE-NOTE.md), the bare words in any case (readme.txt); an
# article called "license-plate-scandal.txt" stays.
_DOC_WORDS = r"README|LICEN[CS]E|COPYING|CHANGELOG|CHANGES|CONTRIBUTING|AUTHORS|NOTICE"
_DOC_STEMS = re.compile(rf"(?:{_DOC_WORDS})(?:[-_.][A-Za-z0-9_.-]*)?|(?i:{_DOC_WORDS})")

_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.odt document)"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"\x7fELF", "a program (ELF binary)"),
    (b"SQLite format 3\x00", "an SQLite database"),
)


# --------------------------------------------------------------------------------------------
# Finding files


def _limit(value: int | None, env_name: str, default: int, unit: str, example: str) -> int:
    if value is not None:
        return value
    env = os.environ.get(env_name)
    if env:
        try:
            n = int(env.replace("_", ""))
        except ValueError:
            raise InputError(Errors.E001.format(env_name=env_name, env=env, unit=unit, example=example)) from None
        if n <= 0:
            raise InputError(Errors.E002.format(env_name=env_name, env=env, unit=unit))
        return n
    return default


def _max_bytes(max_bytes: int | None) -> int:
    return _limit(max_bytes, MAX_BYTES_ENV, DEFAULT_MAX_BYTES, "bytes", "20000000")


def _max_chars(max_chars: int | None) -> int:
    return _limit(max_chars, MAX_CHARS_ENV, DEFAULT_MAX_CHARS, "characters", "500000")


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def _wanted(name: str) -> bool:
    """Is a file met while walking a folder an article file?"""
    if _is_hidden(name) or name == SIDECAR:
        return False
    p = Path(name)
    if p.suffix.lower() not in SUFFIXES:
        return False
    return not _DOC_STEMS.fullmatch(p.stem)


def _walk(root: Path) -> list[Path]:
    """Article files under `root`, following symbolic links but never a folder twice."""
    found: list[Path] = []
    seen: set[str] = {os.path.realpath(root)}

    def fail(err: OSError) -> None:
        raise InputError(Errors.E003.format(reason=err.filename or root, strerror=err.strerror))

    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=fail):
        keep = []
        for d in sorted(dirnames):
            if _is_hidden(d) or d == "__pycache__":
                continue
            real = os.path.realpath(os.path.join(dirpath, d))
            if real in seen:        # a symbolic link loop, or a second link to a folder already read
                continue
            seen.add(real)
            keep.append(d)
        dirnames[:] = keep
        for f in filenames:
            if not _wanted(f):
                continue
            p = Path(dirpath) / f
            try:
                st = p.stat()
            except OSError:
                if p.is_symlink():      # broken or looping link: keep it, reading it reports why
                    found.append(p)
                continue
            if stat.S_ISREG(st.st_mode):
                found.append(p)
    return found


def _collect(path: str | Path) -> list[Path]:
    p = Path(path)
    try:
        st = p.stat()
    except OSError as e:
        if p.is_symlink():
            raise InputError(Errors.E004.format(path=p, strerror=e.strerror)) from None
        raise InputError(Errors.E005.format(path=p)) from None
    if stat.S_ISDIR(st.st_mode):
        return _walk(p)
    if p.name == SIDECAR:           # metadata of the folder's articles (also when a shell glob names it)
        return []
    if not stat.S_ISREG(st.st_mode):
        raise InputError(Errors.E006.format(path=p))
    return [p]


def _sorted_unique(paths: Iterable[Path]) -> list[Path]:
    out, seen = [], set()
    for p in sorted(paths, key=lambda q: (str(q.parent), q.name)):
        try:
            key = str(p.resolve())
        except (OSError, RuntimeError):
            key = os.path.abspath(p)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def find_files(paths: Iterable[str | Path]) -> list[Path]:
    """The article files among `paths`: files as given, folders walked recursively.

    In folders only ``.txt .html .htm .md .jsonl`` files are taken; hidden files and folders,
    ``index.jsonl`` sidecars and folder documentation (README, LICENSE…) are skipped. The result is
    sorted and holds each file once (by resolved path); symbolic link loops are safe. A missing
    path raises InputError.
    """
    found: list[Path] = []
    for path in paths:
        found.extend(_collect(path))
    return _sorted_unique(found)


# --------------------------------------------------------------------------------------------
# Bytes → text


def _check_bytes(raw: bytes, path: Path) -> None:
    if not raw:
        raise InputError(Errors.E007.format(path=path))
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            raise InputError(Errors.E008.format(path=path, what=what))
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return
    if b"\x00" in raw[:65536]:
        raise InputError(Errors.E009.format(path=path))


def decode(raw: bytes, path: Path | str = "<bytes>", declared: str | None = None) -> tuple[str, str]:
    """Text of `raw` and the encoding used: UTF-8 (BOM stripped), UTF-16 with a BOM, else the
    `declared` encoding (HTML meta charset), cp1252, latin-1. Never fails on bytes."""
    if raw.startswith(codecs.BOM_UTF8):
        try:
            return raw[len(codecs.BOM_UTF8):].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            raw = raw[len(codecs.BOM_UTF8):]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise InputError(Errors.E010.format(path=path)) from None
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            name = codecs.lookup(declared).name
            if name not in ("utf-8", "utf-16", "utf-32"):
                return raw.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "latin-1"


def _read_bytes(path: Path, limit: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputError(_too_large(path, size, limit))
        with path.open("rb") as f:
            raw = f.read(limit + 1)
    except InputError:
        raise
    except IsADirectoryError:
        raise InputError(Errors.E011.format(path=path)) from None
    except PermissionError:
        raise InputError(Errors.E012.format(path=path)) from None
    except FileNotFoundError:
        raise InputError(Errors.E013.format(path=path)) from None
    except OSError as e:
        raise InputError(Errors.E014.format(path=path, reason=e.strerror or e)) from None
    if len(raw) > limit:
        raise InputError(_too_large(path, len(raw), limit))
    return raw


def _size(n: float) -> str:
    """A size for people: '50.0 MiB', '1.5 KiB', '512 bytes'."""
    if n >= 2**20:
        return f"{n / 2**20:.1f} MiB"
    if n >= 2**10:
        return f"{n / 2**10:.1f} KiB"
    return f"{int(n)} bytes"


def _too_large(path: Path, size: int, limit: int) -> str:
    return Errors.E041.format(path=path, size=_size(size), limit=_size(limit), env=MAX_BYTES_ENV)


# --------------------------------------------------------------------------------------------
# Inline markup


_HTML_TAGS = frozenset("""
a abbr acronym address area article aside audio b base basefont bdi bdo big blink blockquote body br button
canvas caption center cite code col colgroup data datalist dd del details dfn dialog dir div dl dt em embed
fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe
img input ins kbd label legend li link main map mark marquee math menu meta meter nav nobr noframes noscript
object ol optgroup option output p param picture pre progress q rp rt ruby s samp script search section select
small source span strike strong style sub summary sup svg table tbody td template textarea tfoot th thead time
title tr track tt u ul var video wbr
""".split())
_BLOCK_TAGS = frozenset("""
address article aside blockquote body br caption center dd details dialog dir div dl dt fieldset figcaption
figure footer form frame frameset h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu nav ol p pre section
summary table tbody td tfoot th thead title tr ul
""".split())
_SKIP_TAGS = frozenset("script style iframe noscript template svg math object embed head select textarea canvas audio video noframes".split())
_VOID_TAGS = frozenset("area base br col embed hr img input link meta param source track wbr".split())


class _TagStripper(HTMLParser):
    """Remove HTML tags from text (entities unescaped); unknown tags such as '<3' or '<Reuters>' stay."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skipping: list[str] = []       # open script/style/iframe… elements
        self.skipped: list[str] = []        # their content, given back if never closed

    def _emit(self, text: str) -> None:
        (self.skipped if self.skipping else self.out).append(text)

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP_TAGS and tag not in _VOID_TAGS:
            if not self.skipping:
                self.skipped = []
            self.skipping.append(tag)
        elif tag in _HTML_TAGS:
            if tag in _BLOCK_TAGS and not self.skipping:
                self.out.append("\n")
        else:
            self._emit(self.get_starttag_text() or "")

    def handle_startendtag(self, tag, attrs):
        if tag in _HTML_TAGS:
            if tag in _BLOCK_TAGS and not self.skipping:
                self.out.append("\n")
        else:
            self._emit(self.get_starttag_text() or "")

    def handle_endtag(self, tag):
        if tag in _SKIP_TAGS and self.skipping:
            if tag in self.skipping:
                while self.skipping and self.skipping.pop() != tag:
                    pass
                if not self.skipping:
                    self.skipped = []
        elif tag in _HTML_TAGS:
            if tag in _BLOCK_TAGS and not self.skipping:
                self.out.append("\n")
        else:
            self._emit(f"</{tag}>")

    def handle_data(self, data):
        self._emit(data)

    def unknown_decl(self, data):
        if data.upper().startswith("CDATA["):
            self._emit(data[6:])

    def parse_marked_section(self, i, report=1):
        # '<![' not followed by a keyword ('<![.*]') is text; html.parser would raise AssertionError
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            self._emit("<![")
            return i + 3

    def text(self) -> str:
        self.close()
        # An element never closed (a stray '<iframe>' in plain text) swallows no content,
        # except for scripts and styles, whose content is code.
        if self.skipping and self.skipping[0] not in ("script", "style"):
            self.out.extend(self.skipped)
        return "".join(self.out)


# A '<' starts markup only when a whole construct follows it: a tag up to its '>' (quotes balanced,
# no '<' inside), a comment or CDATA section that is closed later on, a declaration or a
# processing instruction. Any other '<' is text. html.parser rescans the rest of the input after
# each unfinished construct (quadratic time on '<a<a<a…'); handing it only whole constructs keeps
# stripping linear, and the text is the same.
_TAG_START = re.compile(
    r"""<(?:/?[A-Za-z][^<>"']{0,2000}(?:(?:"[^"<>]{0,2000}"|'[^'<>]{0,2000}')[^<>"']{0,2000})*>"""
    r"|!--|!\[CDATA\[|![A-Za-z][^<>]{0,2000}>|\?[^<>]{0,2000}>)|<")


def _escape_stray_lt(text: str) -> str:
    """'<' that does not start a whole construct (see _TAG_START) written as '&lt;'."""
    last_comment_end, last_cdata_end = text.rfind("-->"), text.rfind("]]>")

    def fix(m: re.Match) -> str:
        tok = m.group(0)
        if tok == "<":
            return "&lt;"
        if tok == "<!--" and m.start() + 4 > last_comment_end:
            return "&lt;!--"
        if tok == "<![CDATA[" and m.start() + 9 > last_cdata_end:
            return "&lt;![CDATA["
        return tok

    return _TAG_START.sub(fix, text)


def strip_tags(text: str) -> str:
    """`text` with HTML tags removed and entities unescaped (Python's html.parser; linear time)."""
    if "<" not in text and "&" not in text:
        return text
    p = _TagStripper()
    p.feed(_escape_stray_lt(text) if "<" in text else text)
    return p.text()


class _CharsetSniffer(HTMLParser):
    """The charset an HTML page declares in <meta charset> or <meta http-equiv=content-type>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.charset: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag != "meta" or self.charset:
            return
        a = {k.lower(): (v or "") for k, v in attrs}
        if a.get("charset"):
            self.charset = a["charset"].strip()
        elif a.get("http-equiv", "").lower() == "content-type":
            for part in a.get("content", "").split(";"):
                k, _, v = part.strip().partition("=")
                if k.strip().lower() == "charset" and v.strip():
                    self.charset = v.strip().strip("'\"")

    handle_startendtag = handle_starttag


def _declared_charset(raw: bytes) -> str | None:
    s = _CharsetSniffer()
    try:
        s.feed(raw[:4096].decode("ascii", "replace"))
    except Exception:  # a sniffer must never fail the read
        return None
    return s.charset


# Markdown ------------------------------------------------------------------------------------

_ESC_CHARS = "\\`*_{}[]()#+-.!>~|"
_ESC = {c: chr(0xE000 + i) for i, c in enumerate(_ESC_CHARS)}
_UNESC = {v: k for k, v in _ESC.items()}
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])")
_MD_FENCE = re.compile(r"\s{0,3}(`{3,}|~{3,})")
_MD_ATX = re.compile(r"\s{0,3}(#{1,6})(?:\s+(.*?))?(?:\s+#+)?\s*")
_MD_SETEXT = re.compile(r"\s{0,3}(=+|-+)\s*")
_MD_HR = re.compile(r"\s{0,3}([-*_])(?:\s*\1){2,}\s*")
_MD_REFDEF = re.compile(r"\s{0,3}\[[^\]]+\]:\s*\S+.*")
_MD_QUOTE = re.compile(r"\s{0,3}(?:>\s?)+")
_MD_LIST = re.compile(r"\s*(?:[-*+]|\d{1,3}[.)])\s+")
_MD_TABLE_RULE = re.compile(r"\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*")
# Spans are bounded (and link texts hold no brackets) so that each pattern gives up after a
# fixed number of characters: inline markup of a long hostile line costs linear time.
_MD_SPAN = 250
_MD_URL = r"(?:[^()\s]|\([^()\s]{0,200}\)){0,2000}(?:\s+(?:\"[^\"\n]{0,200}\"|'[^'\n]{0,200}'))?"
_MD_INLINE = [
    (re.compile(r"!\[([^\[\]]{0,%d})\]\(" % _MD_SPAN + _MD_URL + r"\)"), ""),                   # image
    (re.compile(r"!\[([^\[\]]{0,%d})\]\[[^\[\]]{0,%d}\]" % (_MD_SPAN, _MD_SPAN)), ""),              # ref image
    (re.compile(r"\[([^\[\]]{1,%d})\]\(" % _MD_SPAN + _MD_URL + r"\)"), r"\1"),                 # link
    (re.compile(r"\[([^\[\]]{1,%d})\]\[[^\[\]]{0,%d}\]" % (_MD_SPAN, _MD_SPAN)), r"\1"),           # ref link
    (re.compile(r"<((?:https?|ftp|mailto):[^<>\s]{1,2000})>"), r"\1"),                               # autolink
    (re.compile(r"(`+)(.{1,%d}?)\1" % _MD_SPAN), r"\2"),                                             # code
    (re.compile(r"(\*\*|__)(?=\S)(.{1,%d}?)(?<=\S)\1" % _MD_SPAN), r"\2"),                           # strong
    (re.compile(r"(?<![\w*])\*(?=[^\s*])(.{1,%d}?)(?<=[^\s*])\*(?![\w*])" % _MD_SPAN), r"\1"),       # *em*
    (re.compile(r"(?<![\w_])_(?=[^\s_])(.{1,%d}?)(?<=[^\s_])_(?![\w_])" % _MD_SPAN), r"\1"),         # _em_
    (re.compile(r"~~(?=\S)(.{1,%d}?)(?<=\S)~~" % _MD_SPAN), r"\1"),                                  # strike
]
_FRONT_KEYS = {"title": "title", "headline": "title", "date": "date", "published": "date",
               "pubdate": "date", "url": "url", "link": "url", "canonical": "url",
               "publisher": "publisher", "source": "publisher", "site": "publisher"}


def _md_inline(s: str) -> str:
    s = _MD_ESCAPE.sub(lambda m: _ESC[m.group(1)], s)
    for rx, rep in _MD_INLINE:
        s = rx.sub(rep, s)
    return "".join(_UNESC.get(c, c) for c in s)


def _front_matter(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """YAML-style front matter ('---' … '---' at the top): simple `key: value` pairs."""
    if not lines or lines[0].strip() != "---":
        return {}, lines
    for end in range(1, min(len(lines), 60)):
        if lines[end].strip() in ("---", "..."):
            meta = {}
            for ln in lines[1:end]:
                k, sep, v = ln.partition(":")
                k = k.strip().lower()
                if sep and k in _FRONT_KEYS and _FRONT_KEYS[k] not in meta:
                    v = _md_inline(v.strip().strip("'\"").strip())
                    if v:
                        meta[_FRONT_KEYS[k]] = v
            return meta, lines[end + 1:]
    return {}, lines


@dataclass
class _Line:
    text: str
    heading: bool = False     #: a Markdown heading (a title candidate whatever its form)
    item: bool = False        #: starts a paragraph of its own (list item, heading)


def _markdown_lines(lines: list[str]) -> list[_Line | None]:
    """Markdown → lines of plain text; None marks a blank line (a paragraph break)."""
    out: list[_Line | None] = []
    fence: str | None = None
    for ln in lines:
        m = _MD_FENCE.match(ln)
        if fence:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
            continue
        if m:
            fence = m.group(1)
            out.append(None)
            continue
        if not ln.strip():
            out.append(None)
            continue
        if _MD_REFDEF.fullmatch(ln) or _MD_TABLE_RULE.fullmatch(ln) and "-" in ln and "|" in ln:
            continue
        m = _MD_SETEXT.fullmatch(ln)
        if m and out and out[-1] is not None and not out[-1].item:
            out[-1].heading = out[-1].item = True       # the line above is a setext heading
            out.append(None)
            continue
        if _MD_HR.fullmatch(ln):
            out.append(None)
            continue
        ln = _MD_QUOTE.sub("", ln, count=1) if ln.lstrip().startswith(">") else ln
        m = _MD_ATX.fullmatch(ln)
        if m:
            text = _md_inline(m.group(2) or "")
            out.extend([None, _Line(text, heading=True, item=True), None] if text.strip() else [None])
            continue
        item = False
        m = _MD_LIST.match(ln)
        if m:
            ln, item = ln[m.end():], True
        ln = ln.strip()
        if ln.startswith("|") and ln.endswith("|") and len(ln) > 1:      # table row
            ln, item = " ; ".join(c.strip() for c in ln[1:-1].split("|") if c.strip()), True
        out.append(_Line(_md_inline(ln), item=item))
    return out


# --------------------------------------------------------------------------------------------
# Lines, boilerplate, dates


_SPACES = {ord(c): " " for c in "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
           "\u200a\u202f\u205f\u3000\x0b\x0c\x85"}
_SPACES.update({ord(c): None for c in "\u200b\u200c\u200d\u2060\ufeff\u00ad"})
_WS = re.compile(r" {2,}")


def _clean_line(s: str) -> str:
    s = unicodedata.normalize("NFC", s).translate(_SPACES)
    if any(unicodedata.category(c) == "Cc" for c in s):
        s = "".join(" " if unicodedata.category(c) == "Cc" else c for c in s)
    return _WS.sub(" ", s).strip()


@dataclass(frozen=True)
class _Pattern:
    rx: re.Pattern
    comment: str


@lru_cache(maxsize=1)
def boilerplate_patterns() -> tuple[_Pattern, ...]:
    """The line patterns of kg/data/boilerplate.json, compiled."""
    path = data_file("boilerplate.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return tuple(_Pattern(re.compile(p["pattern"], re.IGNORECASE), p.get("comment", ""))
                     for p in data["patterns"])
    except (OSError, ValueError, KeyError, TypeError, re.error) as e:
        raise InputError(Errors.E015.format(path=path, error=e)) from None


def boilerplate_match(line: str) -> re.Match | None:
    """The match of the first boilerplate pattern that covers the whole (cleaned) line."""
    if len(line) > MAX_BOILERPLATE_LINE:     # boilerplate lines are short; long lines are content
        return None
    for p in boilerplate_patterns():
        m = p.rx.fullmatch(line)
        if m:
            return m
    return None


_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:" + "|".join((*WEEKDAY_NAMES, *WEEKDAY_ABBREVIATIONS)) + r")\.?,?\s+)?"
_PREFIX = r"(?:(?:first\s+)?(?:published|posted|date|dated|issued)(?:\s+on)?\s*:?\s*)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_TIME = (r"(?:\s*(?:[,|–—-]|at)?\s*\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?"
         r"(?:\s*\(?(?:utc|gmt|[a-z]{2,5})?\s*(?:[+-]\s*\d{1,2}(?::?\d{2})?)?\)?)?)?")
_DATE_FORMS = [
    _WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR,                         # July 10, 2019
    _WEEKDAY + _DAY + r"(?:\s+of)?\s+" + _MONTH + r",?\s+" + _YEAR,               # 21 June 2012
    _WEEKDAY + _YEAR + r"-(?P<mon>\d{1,2})-(?P<day>\d{1,2})"
    r"(?:[t ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:z|[+-]\d{2}:?\d{2})?)?",     # 2019-07-10
    _WEEKDAY + _YEAR + r"/(?P<mon>\d{1,2})/(?P<day>\d{1,2})",                   # 2019/07/10
    _YEAR + r",\s*" + _MONTH + r"\s+" + _DAY,                                   # 2012, December 5
]
_DATE_LINE = [re.compile(_PREFIX + f + _TIME + r"\s*[.]?", re.IGNORECASE) for f in _DATE_FORMS]
_DATE_VALUE = [re.compile(f + r"(?:[t ].*)?", re.IGNORECASE) for f in _DATE_FORMS]


def _date_of(m: re.Match) -> dt.date | None:
    g = m.groupdict()
    month = int(g["mon"]) if g.get("mon") else MONTHS[g["month"].lower().rstrip(".")]
    try:
        d = dt.date(int(g["year"]), month, int(g["day"]))
    except ValueError:
        return None
    return d if 1800 <= d.year <= 2200 else None


def date_line(line: str) -> dt.date | None:
    """The date if the whole line is a dateline ('December 5 2012', 'Wednesday, July 10, 2019')."""
    line = line.strip()
    if len(line) > 80 or not any(ch.isdigit() for ch in line):
        return None
    return _first_date(_DATE_LINE, line)


def parse_date(value: str) -> dt.date | None:
    """A date written as in datelines or as ISO ('2019-07-10', '2019-07-10T08:00:00Z'); None if not."""
    value = _clean_line(str(value))
    d = date_line(value)
    return d or _first_date(_DATE_VALUE, value)


def _first_date(patterns: list[re.Pattern[str]], text: str) -> dt.date | None:
    """The date of the first pattern that matches the whole text; None if none does."""
    for rx in patterns:
        m = rx.fullmatch(text)
        if m:
            return _date_of(m)
    return None


# --------------------------------------------------------------------------------------------
# Text → body + metadata


@dataclass
class _Meta:
    title: str | None = None
    date: dt.date | None = None
    publisher: str | None = None
    url: str | None = None


@dataclass
class Parsed:
    """What the text of one article gives."""

    text: str
    title: str | None = None
    date: dt.date | None = None
    publisher: str | None = None
    url: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


def _norm_title(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.casefold())
    return " ".join("".join(c if c.isalnum() else " " for c in s if not unicodedata.combining(c)).split())


def same_title(a: str, b: str) -> bool:
    """Do two titles say the same (case, accents, punctuation and small edits aside)?"""
    na, nb = _norm_title(a), _norm_title(b)
    if not na or not nb:
        return False
    if na == nb:
        return True
    short, long_ = sorted((na, nb), key=len)
    if len(short) >= 12 and len(short) >= 0.6 * len(long_) and (long_.startswith(short) or long_.endswith(short)):
        return True
    if len(short) < 0.8 * len(long_):      # the ratio below cannot reach 0.9 (and a long line costs no time)
        return False
    return difflib.SequenceMatcher(None, na, nb).ratio() >= 0.9


_TERMINAL = re.compile(r"[.!?:;…][\"'”’)\]]*$")
_BULLET = re.compile(r"(?:[-*•–—·▪◦]|\d{1,3}[.)])\s")


def looks_like_title(line: str) -> bool:
    """A short line that is not a sentence: a headline."""
    words = line.split()
    if not 1 <= len(words) <= 25 or len(line) > 200:
        return False
    if line.endswith((".", ",", ";", ":")) and not line.endswith("..."):
        return False
    first = line[0]
    if not (first.isupper() or first.isdigit() or first in "\"'“‘«¿¡"):
        return False
    if _BULLET.match(line) or not any(c.isalpha() for c in line):
        return False
    return date_line(line) is None


_JOIN_WORDS = frozenset("and or but nor of the a an to in on at by for from with as that which who than".split())


def _continues(prev_line: str, nxt: str, *, blank: bool) -> bool:
    """Does line `nxt` continue the sentence that the paragraph ending in `prev_line` left open?"""
    if not nxt or not (nxt[0].isalnum()):
        return False
    if blank:                  # across a blank line: only a clearly unfinished sentence
        if prev_line.endswith(","):
            return True
        last = prev_line.rsplit(None, 1)[-1] if prev_line.split() else ""
        return last in _JOIN_WORDS
    # within a block: a hard-wrapped line (long, or continued in lower case), not a short
    # subheading followed by its paragraph
    if _TERMINAL.search(prev_line):
        return False
    return len(prev_line) >= 40 or nxt[0].islower() or nxt[0].isdigit()


def _paragraphs(lines: list[_Line | None]) -> list[str]:
    paras: list[list[str]] = []        # each paragraph as its lines (joined once: linear time)
    blank, prev_line = True, ""
    for ln in lines:
        if ln is None or not ln.text:
            blank = True
            continue
        t = ln.text
        if paras and not ln.item and not _BULLET.match(t) and _continues(prev_line, t, blank=blank):
            paras[-1].append(t)
        else:
            paras.append([t])
        blank, prev_line = False, t
    return [" ".join(p) for p in paras]


def _apply_boilerplate(lines: list[_Line | None], found: _Meta, extra: dict[str, str]) -> None:
    """Blank out boilerplate lines in place, keeping the metadata they give."""
    removed = 0
    for i, ln in enumerate(lines):
        if ln is None:
            continue
        m = boilerplate_match(ln.text)
        if not m:
            continue
        removed += 1
        lines[i] = None
        g = {k: v for k, v in m.groupdict().items() if v}
        if "publisher" in g and not found.publisher:
            pub = re.sub(r"[\s,.;:]+$", "", g["publisher"]).strip()
            found.publisher = pub or None
        if "url" in g and not found.url:
            found.url = g["url"].rstrip(".,;)")
        if "date" in g and not found.date:
            found.date = parse_date(g["date"])
            if found.date:
                extra["date_from"] = "citation"
        if "title" in g and not found.title:
            found.title = g["title"].strip()
    if removed:
        extra["boilerplate_lines"] = str(removed)


def parse_text(text: str, *, kind: str = "txt", known: _Meta | None = None,
               title_from_text: bool = True) -> Parsed:
    """The body and metadata of an article's text.

    kind: "txt" (plain text; inline HTML tags are stripped), "md" (Markdown) or "extracted"
    (text already extracted from HTML). `known` holds metadata known beforehand (from HTML meta
    tags); its title, when given, is the only line taken out as the title.
    """
    known = known or _Meta()
    extra: dict[str, str] = {}
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    front: dict[str, str] = {}
    if kind != "extracted":
        text = strip_tags(text)
    raw_lines = text.split("\n")
    if kind == "md":
        front, raw_lines = _front_matter(raw_lines)
        lines = _markdown_lines(raw_lines)
        for ln in lines:
            if ln is not None:
                ln.text = _clean_line(ln.text)
    else:
        lines = [(_Line(c) if c else None) for c in map(_clean_line, raw_lines)]

    found = _Meta()
    _apply_boilerplate(lines, found, extra)

    fixed_title = known.title or front.get("title")
    fixed_date = known.date or (parse_date(front["date"]) if front.get("date") else None)

    # The head: title and datelines before the first body paragraph.
    title: str | None = None
    head_date: dt.date | None = None
    seen = 0
    for i, ln in enumerate(lines):
        if ln is None:
            continue
        seen += 1
        if seen > 6:
            break
        d = date_line(ln.text)
        if d:
            head_date = head_date or d
            lines[i] = None
            continue
        if title is None:
            candidates = [t for t in (fixed_title, found.title) if t]
            if any(same_title(ln.text, t) for t in candidates):
                title = ln.text
                lines[i] = None
                continue
            following = [o for o in lines[i + 1:] if o is not None]
            if following and (ln.heading or (title_from_text and looks_like_title(ln.text) and (
                    not fixed_title or date_line(following[0].text)))):
                # with a title known beforehand, a headline-like line is only taken out when a
                # dateline follows it (then it is the page's own headline)
                title = ln.text
                lines[i] = None
                continue
        break

    paras = _paragraphs(lines)
    if head_date:
        extra["date_from"] = "dateline"
    date = fixed_date or head_date or found.date
    if fixed_date:
        extra["date_from"] = "front-matter" if kind == "md" else "metadata"
    if title and fixed_title and title != fixed_title:
        extra["headline"] = title
    return Parsed(
        text="\n\n".join(paras),
        title=fixed_title or title or found.title,
        date=date,
        publisher=known.publisher or front.get("publisher") or found.publisher,
        url=known.url or front.get("url") or found.url,
        extra=extra,
    )


def _html_text(html: str, path: Path) -> Parsed:
    try:
        import trafilatura
        from trafilatura.metadata import extract_metadata
    except ImportError as e:  # a broken install (e.g. lxml without lxml_html_clean): this file fails, not the batch
        raise InputError(Errors.E016.format(path=path, error=e)) from None

    params = {"original_date": True, "extensive_search": False, "max_date": "2200-12-31"}
    try:
        body = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True,
                                   date_extraction_params=params)
        if not body:
            body = trafilatura.extract(html, include_comments=False, include_tables=False,
                                       date_extraction_params=params)
        if not body:
            body = trafilatura.baseline(html)[1]
        meta = extract_metadata(html, date_config=params, extensive=False)
    except Exception as e:  # trafilatura/lxml on hostile markup: a bad file, not a crash
        raise InputError(Errors.E017.format(path=path, kind=type(e).__name__, error=e)) from None
    known = _Meta(
        title=_clean_line(meta.title) if meta and meta.title else None,
        date=parse_date(meta.date) if meta and meta.date else None,
        publisher=_clean_line(meta.sitename) if meta and meta.sitename else None,
        url=meta.url if meta and meta.url else None,
    )
    parsed = parse_text(body or "", kind="extracted", known=known)
    if meta and meta.date and known.date:
        parsed.extra["date_from"] = "html"
    return parsed


# --------------------------------------------------------------------------------------------
# Sidecars


@dataclass(frozen=True)
class _Sidecar:
    path: Path
    entries: dict[str, dict]          #: resolved file path → entry


def _sidecar_error(path: Path, n: int, what: str) -> InputError:
    return InputError(Errors.E018.format(path=path, n=n, what=what))


@lru_cache(maxsize=64)
def _load_sidecar(path: str, mtime_ns: int, size: int) -> _Sidecar:
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise InputError(Errors.E019.format(path=p, strerror=e.strerror)) from None
    text, _ = decode(raw, p)
    entries: dict[str, dict] = {}
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as e:
            raise _sidecar_error(p, n, f"not valid JSON ({e.msg})") from None
        if not isinstance(obj, dict):
            raise _sidecar_error(p, n, "not a JSON object")
        f = obj.get("file")
        if not isinstance(f, str) or not f.strip():
            raise _sidecar_error(p, n, "no 'file' field naming the article file")
        d = obj.get("date")
        if d not in (None, "") and (not isinstance(d, str) or parse_date(d) is None):
            raise _sidecar_error(p, n, f"the date {d!r} is not a date (write it as YYYY-MM-DD)")
        target = (p.parent / f)
        try:
            key = str(target.resolve())
        except (OSError, RuntimeError):
            key = os.path.abspath(target)
        entries[key] = {**obj, "_line": n}
    return _Sidecar(p, entries)


def sidecar_entry(path: Path) -> tuple[Path, dict] | None:
    """The index.jsonl entry describing article file `path`, if its folder has one."""
    try:
        key = str(path.resolve())
    except (OSError, RuntimeError):
        return None
    folders = [path.parent]
    real_parent = Path(key).parent
    if real_parent != path.parent:
        folders.append(real_parent)
    for folder in folders:
        side = folder / SIDECAR
        try:
            st = side.stat()
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode):
            continue
        car = _load_sidecar(str(side.resolve()), st.st_mtime_ns, st.st_size)
        if key in car.entries:
            return car.path, car.entries[key]
    return None


def _str_field(v) -> str | None:
    if v is None:
        return None
    v = _clean_line(str(v))
    return v or None


def _publisher_of_source(source: str | None) -> str | None:
    """'Wikinews (English), en.wikinews.org' → 'Wikinews'."""
    if not source:
        return None
    head = re.split(r"[(,;]", source, maxsplit=1)[0].strip()
    return head if 0 < len(head) <= 60 else None


# --------------------------------------------------------------------------------------------
# Files → articles


def slugify(text: str) -> str:
    """An article id: lowercase [a-z0-9_-], accents folded, never empty."""
    s = unicodedata.normalize("NFKD", str(text))
    s = s.encode("ascii", "ignore").decode("ascii").lower()
    s = re.sub(r"[^a-z0-9_-]+", "-", s)
    s = re.sub(r"-{2,}", "-", s).strip("-")
    return s or "article"


def _sha256(*parts: bytes) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p)
    return h.hexdigest()


def _kind(path: Path) -> str:
    suf = path.suffix.lower()
    if suf in (".html", ".htm"):
        return "html"
    if suf == ".md":
        return "md"
    if suf == ".txt":
        return "txt"
    if suf == ".jsonl":
        return "jsonl"
    raise InputError(Errors.E020.format(path=path, reason=path.suffix or path.name, items=', '.join(SUFFIXES)))


def _file_article(path: Path, limit: int) -> Article:
    kind = _kind(path)
    raw = _read_bytes(path, limit)
    _check_bytes(raw, path)
    declared = _declared_charset(raw) if kind == "html" else None
    text, encoding = decode(raw, path, declared)
    if not text.strip():
        raise InputError(Errors.E021.format(path=path))
    side = sidecar_entry(path)
    entry = side[1] if side else {}
    if kind == "html":
        parsed = _html_text(text, path)
    else:
        parsed = parse_text(text, kind=kind, known=_Meta(title=_str_field(entry.get("title"))),
                            title_from_text=True)
    if not parsed.text.strip():
        raise InputError(Errors.E022.format(path=path))
    extra = {"format": kind, "encoding": encoding, **parsed.extra}
    title, date, url, publisher = parsed.title, parsed.date, parsed.url, parsed.publisher
    content_hash = _sha256(raw)
    art_id = slugify(path.stem)
    if side:
        car_path, e = side
        extra["sidecar"] = f"{car_path}#L{e['_line']}"
        if _str_field(e.get("title")):
            title = _str_field(e["title"])
        if _str_field(e.get("date")):
            date = parse_date(e["date"])
            extra["date_from"] = "sidecar"
        if _str_field(e.get("url")):
            url = _str_field(e["url"])
        if _str_field(e.get("id")):
            art_id = slugify(e["id"])
        publisher = _str_field(e.get("publisher")) or publisher or _publisher_of_source(_str_field(e.get("source")))
        for k in ("license", "source"):
            if _str_field(e.get(k)):
                extra[f"sidecar_{k}"] = _str_field(e[k])
        # metadata from the sidecar is part of what was built: changing it rebuilds the article
        meta = {k: v for k, v in e.items() if k != "_line"}
        content_hash = _sha256(raw, b"\n#sidecar ", json.dumps(meta, sort_keys=True, ensure_ascii=False).encode())
    return Article(id=art_id, text=parsed.text, source=str(path), title=title, date=date,
                   publisher=publisher, url=url, content_hash=content_hash, extra=extra)


def _jsonl_articles(path: Path, limit: int,
                    on_line_error: Callable[[Path, InputError], None] | None) -> Iterator[Article]:
    """One article per line of a JSON Lines file; a bad line raises, or goes to on_line_error."""
    try:
        f = path.open("rb")
    except OSError as e:
        raise InputError(Errors.E023.format(path=path, strerror=e.strerror)) from None
    stem = slugify(path.stem)
    any_line = False
    with f:
        for n, line in enumerate(f, start=1):
            line = line.rstrip(b"\r\n")
            if n == 1 and line.startswith(codecs.BOM_UTF8):
                line = line[len(codecs.BOM_UTF8):]
            if not line.strip():
                continue
            any_line = True
            try:
                yield _jsonl_article(path, n, line, stem, limit)
            except InputError as err:
                if on_line_error is None:
                    raise
                on_line_error(path, err)
    if not any_line:
        raise InputError(Errors.E024.format(path=path))


def _jsonl_article(path: Path, n: int, line: bytes, stem: str, limit: int) -> Article:
    where = f"{path}: line {n}"
    if len(line) > limit:
        raise InputError(Errors.E025.format(where=where, size=_size(len(line)), size2=_size(limit), MAX_BYTES_ENV=MAX_BYTES_ENV))
    try:
        obj = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError:
        raise InputError(Errors.E026.format(where=where)) from None
    except ValueError as e:
        raise InputError(Errors.E027.format(where=where, msg=e.msg, detail=getattr(e, 'colno', '?'))) from None
    if not isinstance(obj, dict):
        raise InputError(Errors.E028.format(where=where))
    for k in ("title", "date", "url", "id", "publisher"):
        if obj.get(k) is not None and not isinstance(obj[k], (str, int)):
            raise InputError(Errors.E029.format(where=where, field=k))
    body, kind = obj.get("text"), "txt"
    if not body and isinstance(obj.get("html"), str):
        body, kind = obj["html"], "html"
    if not isinstance(body, str) or not body.strip():
        raise InputError(Errors.E030.format(where=where))
    date = None
    if _str_field(obj.get("date")):
        date = parse_date(str(obj["date"]))
        if date is None:
            raise InputError(Errors.E031.format(where=where, obj=obj['date']))
    title = _str_field(obj.get("title"))
    if kind == "html":
        parsed = _html_text(body, Path(f"{path}#L{n}"))
    else:
        parsed = parse_text(body, kind="txt", known=_Meta(title=title))
    if not parsed.text.strip():
        raise InputError(Errors.E032.format(where=where))
    extra = {"format": "jsonl", **parsed.extra}
    if date:
        extra["date_from"] = "metadata"
    return Article(
        id=slugify(obj["id"]) if _str_field(obj.get("id")) else f"{stem}-{n}",
        text=parsed.text,
        source=f"{path}#L{n}",
        title=title or parsed.title,
        date=date or parsed.date,
        publisher=_str_field(obj.get("publisher")) or parsed.publisher,
        url=_str_field(obj.get("url")) or parsed.url,
        content_hash=_sha256(line),
        extra=extra,
    )


def _iter_file(path: Path, limit: int,
               on_line_error: Callable[[Path, InputError], None] | None = None) -> Iterator[Article]:
    if _kind(path) == "jsonl":
        try:
            size = path.stat().st_size
        except OSError:
            size = 0
        if size == 0:
            _read_bytes(path, limit)            # reports missing/unreadable files
            raise InputError(Errors.E033.format(path=path))
        with path.open("rb") as f:
            head = f.read(8)
        for magic, what in _MAGIC:
            if head.startswith(magic):
                raise InputError(Errors.E034.format(path=path, what=what))
        yield from _jsonl_articles(path, limit, on_line_error)
    else:
        yield _file_article(path, limit)


def read_articles(path: Path | str, *, max_bytes: int | None = None) -> list[Article]:
    """The article(s) of one file: one for .txt/.md/.html, one per line for .jsonl.

    Raises InputError (naming the file, and the line for JSON Lines) when the file cannot be read,
    is empty, binary, larger than `max_bytes` (default 10 MB, or $KG_MAX_BYTES) or holds no text.
    """
    path = Path(path)
    if path.name == SIDECAR:
        raise InputError(Errors.E035.format(path=path))
    return list(_iter_file(path, _max_bytes(max_bytes)))


def check_article(art: Article, *, max_chars: int | None = None, english_only: bool = True) -> None:
    """Raise InputError if the article's text is longer than `max_chars` (default 200,000, or
    $KG_MAX_CHARS), SkippedInput if `english_only` and the text is not in English."""
    limit = _max_chars(max_chars)
    if len(art.text) > limit:
        raise InputError(Errors.E036.format(source=art.source, count=len(art.text), limit=limit, MAX_CHARS_ENV=MAX_CHARS_ENV))
    if english_only:
        from kg.language import guess

        g = guess(art.text)
        if not g.english:
            lang = "another language" if g.language == "unknown" else g.language
            raise SkippedInput(Errors.E037.format(source=art.source, lang=lang, english_share=g.english_share, words=g.words))


def iter_articles(paths: Iterable[str | Path],
                  on_error: Callable[[Path, InputError], None] | None = None,
                  *, max_bytes: int | None = None, max_chars: int | None = None,
                  english_only: bool = False) -> Iterator[Article]:
    """All articles of `paths` (files and folders), in file order.

    A missing path or bad file calls `on_error(path, error)` and the others go on; without
    on_error the InputError is raised. In JSON Lines files a bad line is reported and the good
    lines are still read. Articles whose text is longer than `max_chars` are refused; with
    `english_only`, articles not in English are left out (a SkippedInput). The same content under
    two names is yielded once (a SkippedInput for the second). SkippedInput goes to on_error, or
    to the log without it: it is never raised.
    """
    limit = _max_bytes(max_bytes)
    chars = _max_chars(max_chars)

    def fail(path: Path, err: InputError) -> None:
        if isinstance(err, SkippedInput) and on_error is None:
            log.warning("%s", err)
            return
        if on_error is None:
            raise err
        on_error(path, err)

    files: list[Path] = []
    for p in paths:
        try:
            files.extend(_collect(p))
        except InputError as err:
            fail(Path(p), err)
    seen: dict[str, str] = {}
    for path in _sorted_unique(files):
        try:
            if path.name == SIDECAR:
                raise InputError(Errors.E035.format(path=path))
            for art in _iter_file(path, limit, on_line_error=fail if on_error else None):
                if art.content_hash in seen:
                    fail(path, SkippedInput(Errors.E038.format(source=art.source, seen=seen[art.content_hash])))
                    continue
                seen[art.content_hash] = art.source
                try:
                    check_article(art, max_chars=chars, english_only=english_only)
                except InputError as err:
                    fail(path, err)
                    continue
                yield art
        except InputError as err:
            fail(path, err)
        except Exception as err:  # noqa: BLE001 - a fault of kg or its environment fails this file only
            fail(path, InputError(Errors.E039.format(path=path, kind=type(err).__name__, error=err)))


def article_from_text(text: str, *, id: str = "article", source: str = "<text>", kind: str = "txt") -> Article:
    """An Article from text in memory (tests, tools): same cleaning as a .txt (or .md/.html) file."""
    if kind == "html":
        parsed = _html_text(text, Path(source))
    else:
        parsed = parse_text(text, kind=kind)
    if not parsed.text:
        raise InputError(Errors.E040.format(source=source))
    return Article(id=slugify(id), text=parsed.text, source=source, title=parsed.title, date=parsed.date,
                   publisher=parsed.publisher, url=parsed.url,
                   content_hash=_sha256(text.encode("utf-8", "surrogatepass")),
                   extra={"format": kind, **parsed.extra})
