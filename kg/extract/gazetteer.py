"""Gazetteer matches: the longest country and institution names of a Doc (kg/data, pycountry)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kg.extract import geo
from kg.extract.lexicon import lexicon
from kg.extract.normalize import fold
from kg.extract.tokens import span_text, texts


@dataclass(frozen=True)
class GazetteerMatch:
    """A token range naming a known country (key: ISO code) or institution (key: canonical name)."""

    start: int
    end: int
    kind: str   #: "country" or "organization"
    key: str


def gazetteer_matches(doc) -> list[GazetteerMatch]:
    """Longest matches of country names/aliases and institution names, left to right (once per Doc)."""
    cached = doc.user_data.get("kg_gazetteer")
    if cached is None:
        cached = doc.user_data["kg_gazetteer"] = _find_matches(doc)
    return list(cached)


@cache
def _first_words() -> dict[str, int]:
    """The folded first word of every gazetteer name → the most words a name starting with it has."""
    out: dict[str, int] = {}
    for key in (*lexicon().institution_by_key, *geo.country_keys()):
        words = key.split()
        if words:
            out[words[0]] = max(out.get(words[0], 0), len(words))
    return out


def _window(i: int, words: list[str]) -> int:
    """How many tokens from i a gazetteer name can span (0 when no name starts with token i's word)."""
    firsts = _first_words()
    best = 0
    starts = (i, i + 1) if words[i].lower() == "the" and i + 1 < len(words) else (i,)   # 'The Gambia'
    for k in starts:
        for variant in (words[k], words[k].replace(".", "")):
            folded = fold(variant).split()
            if folded and folded[0] in firsts:
                best = max(best, (k - i) + 2 * firsts[folded[0]] + 1)   # punctuation tokens fold away
    return min(best, 9)


def _find_matches(doc) -> list[GazetteerMatch]:
    lex = lexicon()
    out = []
    n = len(doc)
    words = texts(doc)
    i = 0
    while i < n:
        if not words[i][:1].isupper():
            article = _article_alias(doc, i, words) if words[i] == "the" else None
            if article is not None:
                out.append(article)
                i = article.end
            else:
                i += 1
            continue
        width = _window(i, words)
        if not width:
            i += 1
            continue
        best = None
        for j in range(min(n, i + width), i, -1):
            if not words[j - 1][:1].isalnum():
                continue
            surface = span_text(doc, i, j)
            if not surface[:1].isupper():
                continue
            key = fold(surface)
            inst = lex.institution_by_key.get(key) or lex.institution_by_key.get(fold(surface.replace(".", "")))
            if inst is not None:
                # an acronym or short alias must be written as in the data (EU, not 'Eu' or 'eu')
                alias_ok = any(surface == a or surface.replace(".", "") == a.replace(".", "") or fold(a) == key and len(key) > 4
                               for a in (inst.name, *inst.aliases))
                if alias_ok:
                    best = GazetteerMatch(i, j, "organization", inst.name)
                    break
            code = geo.country_code(surface)
            if code is not None and (len(surface) > 2 or surface.isupper()):
                best = GazetteerMatch(i, j, "country", code)
                break
        if best:
            out.append(best)
            i = best.end
        else:
            i += 1
    return out


def _article_alias(doc, i: int, words: list[str]) -> GazetteerMatch | None:
    """'suspended from the Commonwealth': an alliance known by a name with its article ('the Commonwealth'),
    after a lowercase 'the' too (not a national body's 'the Commission', which may be the article's own)."""
    lex = lexicon()
    if i + 1 >= len(words) or not words[i + 1][:1].isupper():
        return None
    for j in range(min(len(words), i + 5), i + 1, -1):
        surface = span_text(doc, i + 1, j)
        inst = lex.institution_by_key.get(fold(surface))
        if inst is not None and inst.alliance and "the " + surface in inst.aliases:
            return GazetteerMatch(i + 1, j, "organization", inst.name)
    return None
