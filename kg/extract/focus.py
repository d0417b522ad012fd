"""The country an article is about: where a reader places a story before reading its details.

A story names its country in the title, the dateline and the first sentences, and keeps naming
it (the country, its demonym, its cities); a story about two countries names both about as often.
The country of focus is the one that clearly leads that count, else none: a post, an institution
or a meeting is only tied to it when the article leaves no doubt where it is set.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from kg.extract import geo
from kg.extract.mention import Found, MentionIndex
from kg.extract.lexicon import lexicon
from kg.extract.normalize import fold
from kg.extract.sentences import Sentence

#: a mention in the title or the first sentences weighs this much more than one further down
_LEAD_WEIGHT = 3.0
#: sentences that make up the lead of a story
_LEAD_SENTENCES = 2
#: a city or a national institution counts for this share of its country (a story set in Chicago or
#: in the House of Commons is set in the United States or the United Kingdom)
_CITY_WEIGHT = 0.75
#: a party shared by several countries ('Labour', 'the Democrats') counts for less towards its usual country
_GENERIC_WEIGHT = 0.5
#: the leading country needs at least this share of the weight, and this many times the runner-up's
_MIN_SHARE = 0.5
_MIN_LEAD = 2.0
_MIN_WEIGHT = 3.0
#: … and be named at least this often (one passing mention sets no story)
_MIN_MENTIONS = 2


@dataclass(frozen=True)
class Focus:
    """The country of focus of an article (ISO code), and the weight of each country named."""

    country: str | None
    weights: tuple[tuple[str, float], ...] = ()

    def weight(self, code: str) -> float:
        """The weight of one country in the article."""
        return dict(self.weights).get(code, 0.0)


def _title_countries(title: str | None) -> list[str]:
    """Countries a title names, by name or demonym ('Nancy Pelosi … as 116th U.S. Congress sworn in' → US)."""
    if not title:
        return []
    words = re.findall(r"[A-Za-zÀ-ÿ.'’-]+", title)
    out, i = [], 0
    while i < len(words):
        for n in (4, 3, 2, 1):
            phrase = " ".join(words[i:i + n]).strip(".'’")
            if len(words[i:i + n]) < n or not phrase[:1].isupper():
                continue
            code = geo.country_code(phrase) or (geo.demonym_code(phrase) if n == 1 else None)
            if code:
                out.append(code)
                i += n
                break
        else:
            i += 1
    return out


def _institution_country(m: Found) -> str | None:
    """The country of a national institution of the gazetteer ('the Commons' → GB)."""
    if m.kind != "organization" or m.source != "gazetteer":
        return None
    inst = lexicon().institution_by_key.get(fold(m.name))
    return inst.country if inst is not None else None


def _generic(m: Found) -> bool:
    inst = lexicon().institution_by_key.get(fold(m.name))
    return inst is not None and inst.generic


def country_of_focus(doc, sents: list[Sentence], index: MentionIndex, title: str | None = None) -> Focus:
    """The country the article is about, when one clearly leads the countries it names."""
    weights: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    lead_end = sents[min(_LEAD_SENTENCES, len(sents)) - 1].end if sents else 0
    covered: set[int] = set()
    for m in index.mentions:
        covered.update(range(m.start, m.end))
        if m.source == "pronoun":
            continue
        code = m.key if m.kind == "country" else m.country if m.kind == "place" else _institution_country(m)
        if not code:
            continue
        w = 1.0 if m.kind == "country" else _GENERIC_WEIGHT if m.kind == "organization" and _generic(m) else _CITY_WEIGHT
        weights[code] += w * (_LEAD_WEIGHT if m.start < lead_end else 1.0)
        counts[code] += 1
    for tok in doc:
        if tok.i in covered or not tok.text[:1].isupper():
            continue
        code = geo.demonym_code(tok.text)
        if code:
            weights[code] += _LEAD_WEIGHT if tok.i < lead_end else 1.0
            counts[code] += 1
    for code in _title_countries(title):
        weights[code] += _LEAD_WEIGHT
        counts[code] += 1
    ranked = weights.most_common()
    total = sum(weights.values())
    focus = None
    if ranked and ranked[0][1] >= _MIN_WEIGHT and counts[ranked[0][0]] >= _MIN_MENTIONS and ranked[0][1] >= _MIN_SHARE * total \
            and (len(ranked) == 1 or ranked[0][1] >= _MIN_LEAD * ranked[1][1]):
        focus = ranked[0][0]
    elif len(ranked) == 1 and counts[ranked[0][0]] >= _MIN_MENTIONS:
        focus = ranked[0][0]   # the only country the story names or implies, at least twice ('the Tories … Labour')
    return Focus(focus, tuple(sorted(weights.items())))
