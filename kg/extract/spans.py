"""Span boundaries: where a name starts and ends (edge words cut, glued dates and people cut, 'of X' tails).

Pure functions of a Doc and a token range; they return new boundaries, never a mention.
"""
from __future__ import annotations

from functools import cache

from kg.extract import geo
from kg.extract.lexicon import lexicon
from kg.extract.normalize import fold
from kg.extract.tokens import DAY_WORDS, NAME_FUNCTION_WORDS, QUOTES, SHORT_HONORIFICS, capitalised, elided_particle, span_text

#: lowercase words that never end a name ('Patrice Talon of' → 'Patrice Talon')
TRAILING_FUNCTION_WORDS = frozenset({"of", "for", "and", "in", "at", "on", "to", "from", "with", "by", "or"})
#: name particles that may open a name capitalised ('Al Jazeera', 'De Gaulle'): not a preposition to cut
_LEADING_PARTICLES = frozenset({"de", "del", "von", "van", "al", "el", "la", "le", "du", "des", "bin", "ibn"})


def strip_span(doc, start: int, end: int) -> tuple[int, int]:
    """Drop determiners, possessive markers, punctuation and honorifics at the edges of a span."""
    lex = lexicon()
    if end - start >= 2 and (doc[start].tag_ == "CC" or doc[start].is_sent_start
                             and doc[start].tag_ in ("VBG", "VB", "VBD", "RB", "IN", "PRP$")):
        start += 1   # 'Praising Celtic …', 'But Powys Local Health Board'
    elif end - start >= 2 and opening_gerund(doc, start):
        start += 1   # 'Proroguing Parliament is …' (tagged a proper noun)
    elif end - start >= 3 and doc[start].tag_ == "IN" and doc[start].text[:1].isupper() \
            and doc[start].lower_ not in _LEADING_PARTICLES:
        start += 1   # 'For  Libertarian Party nominee …'
    while end - start >= 2 and (doc[start].lower_ in lex.qualifiers or doc[start].lower_ in lex.lead_adjectives):
        start += 1   # 'Former Cabinet …', 'Fellow NATO member …'
    inner_the = next((k for k in range(start + 1, end - 1) if doc[k].lower_ == "the" and doc[k - 1].is_alpha
                      and doc[k - 1].lower_ not in NAME_FUNCTION_WORDS), None)
    if inner_the is not None:
        start = inner_the + 1   # 'Ferraro the Democratic Party'
    for k in range(start + 1, min(end - 1, start + 3)):
        if doc[k].lower_ in ("'s", "’s") and doc[k - 1].ent_type_ == "PERSON":
            start = k + 1   # "Paul's Rally for the Republic"
            break
    while start < end and (
        doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct or doc[start].is_space
        or doc[start].text in QUOTES
    ):
        start += 1
    while end > start and (
        doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].lower_ in ("'s", "’s", "'")
        or doc[end - 1].text in QUOTES or doc[end - 1].text in TRAILING_FUNCTION_WORDS
    ):
        end -= 1
    return start, end


def extend_person(doc, start: int, end: int) -> int:
    """End of a person's name carried over the surname the model or a name run left out: name
    particles and the capitalised word they lead to ('Valéry Giscard' + "d'Estaing", 'Ursula von der'
    + 'Leyen'), or the second half of a hyphenated surname ('Frédéric Salat' + '-Baroux')."""
    particles = lexicon().particles
    n = len(doc)
    j = end
    while j > start + 1 and doc[j - 1].lower_ in particles and doc[j - 1].text[:1].islower():
        j -= 1      # 'Ursula von der': the particles the span ends with lead to the surname
    while j < n:
        k = j
        while k < n and k - j < 3 and doc[k].lower_ in particles and doc[k].text[:1].islower() \
                and doc[k - 1].whitespace_:
            k += 1
        if k < n and k > j and doc[k - 1].whitespace_ and capitalised(doc[k].text) and doc[k].is_alpha:
            j = k + 1                       # 'von der Leyen', 'de Gaulle'
        elif k == j and elided_particle(doc[j].text) and doc[j - 1].whitespace_:
            j += 1                          # "d'Estaing"
        elif k == j and j + 1 < n and doc[j].text in ("-", "–") and not doc[j - 1].whitespace_ \
                and not doc[j].whitespace_ and doc[j + 1].text[:1].isupper() and doc[j + 1].is_alpha \
                and doc[j - 1].text[:1].isupper():
            j += 2                          # 'Salat-Baroux'
        else:
            break
    return j if j > end else end


def cut_date_or_person(doc, start: int, end: int) -> int:
    """End of a name before a glued date or person ('Court of Appeal on Wednesday', 'Policy Centre Mr Straw')."""
    for k in range(start + 1, end):
        w = doc[k].lower_
        if w.rstrip(".") in SHORT_HONORIFICS and doc[k].text[:1].isupper():
            return k
        if w in ("on", "in", "last", "this", "next", "since", "until", "by") and k + 1 < len(doc) \
                and (doc[k + 1].lower_ in DAY_WORDS or doc[k + 1].like_num and len(doc[k + 1].text) == 4):
            return k
    return end


@cache
def _lemma_index(pos: str) -> frozenset[str]:
    """Base forms of English words of a part of speech ('verb', 'noun'), from the spaCy model's lemmatizer tables."""
    from kg.nlp import load_model
    lookups = load_model().get_pipe("lemmatizer").lookups
    return frozenset(lookups.get_table("lemma_index")[pos]) if lookups.has_table("lemma_index") else frozenset()


def common_word(word: str) -> bool:
    """An English common noun or adjective, in its base form or a plural ('rights', 'voting', 'care';
    not 'Lewis', 'Bonar'), by the spaCy model's lemmatizer tables."""
    w = word.lower()
    words = _lemma_index("noun") | _lemma_index("adj")
    return w in words or w.endswith("s") and w[:-1] in words or w.endswith("ing") and w[:-3] in _lemma_index("verb")


def opening_gerund(doc, i: int) -> bool:
    """'Proroguing Parliament is …': a capitalised -ing verb form opening a sentence is not part of a name.

    Not a gerund: an -ing noun the tagger does not read as a verb or preposition ('Housing Corporation',
    'Training and Enterprise Council', but 'Following Parliament's vote'), a known institution, city or
    country ('Reading Borough Council'), or a word before a place noun ('Downing Street').
    """
    tok = doc[i]
    w = tok.lower_
    if len(w) <= 5 or not w.endswith("ing") or not tok.text[:1].isupper():
        return False
    if not (tok.is_sent_start or i > 0 and doc[i - 1].text in QUOTES and (i == 1 or doc[i - 1].is_sent_start)):
        return False
    lex = lexicon()
    if w in _lemma_index("noun") and tok.tag_ not in ("VBG", "IN") or fold(tok.text) in lex.institution_by_key \
            or geo.find_city(tok.text, min_population=geo.MIN_CITY_POPULATION) or geo.country_code(tok.text):
        return False
    if i + 1 < len(doc) and doc[i + 1].lower_ in lex.venue_heads | lex.road_heads | lex.geo_feature_heads:
        return False   # 'Downing Street', 'Spring Gardens': a place's name
    stem = w[:-3]
    verbs = _lemma_index("verb")
    return stem in verbs or stem + "e" in verbs or len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in verbs


def is_portfolio(words: list[str]) -> bool:
    """True when a phrase is made only of title words ('Home Affairs', 'Interior', 'Justice and Home Affairs')."""
    lex = lexicon()
    content = [w for w in words if w not in ("and", "&", "of", "for", "the", "-")]
    return bool(content) and all(w in lex.role_modifiers or w in lex.role_heads for w in content)


def extend_org(doc, start: int, end: int) -> int:
    """Extend an organisation name over 'against/for/of/on + Capitalised words' ('Global Alliance against Child Sexual Abuse')."""
    n = len(doc)
    j = end
    while j < n - 1 and doc[j].lower_ in ("against", "for", "of", "on", "to") and (
            doc[j + 1].text[:1].isupper() and doc[j + 1].lower_ not in DAY_WORDS   # not 'Court of Appeal on Wednesday'
            or doc[j + 1].lower_ == "the" and j + 2 < n and doc[j + 2].text[:1].isupper()
            and any(t.lower_ in lexicon().org_heads for t in doc[start:j]) and doc[j + 2].ent_type_ in ("", "ORG", "ORDINAL")):
        k = j + 1 if doc[j + 1].lower_ != "the" else j + 2   # 'the Court of Appeals for the Third Circuit'
        while k < n and (doc[k].text[:1].isupper() and doc[k].is_alpha or doc[k].lower_ in ("and", "of", "the")):
            if doc[k].lower_ == "and" and k + 1 < n and doc[k + 1].lower_ == "the":
                break   # 'the Board of Deputies … and the Commission for …' are two
            k += 1
        while k > j + 1 and doc[k - 1].lower_ in ("and", "of", "the"):
            k -= 1
        if k == j + 1:
            break
        # do not swallow a country or city ('the Ambassador of France')
        tail = span_text(doc, j + 1, k)
        if (geo.country_code(tail) or geo.find_city(tail, min_population=15000)) \
                and doc[j - 1].lower_ not in lexicon().org_heads:
            break   # 'the Ambassador of France' — but 'the Muslim Council of Britain' is one name
        j = k
    if end < j < n - 1 and doc[j].lower_ in lexicon().name_tail_words and doc[j + 1].is_punct \
            and doc[j - 1].text[:1].isupper():
        j += 1   # 'a Global Alliance against Child Sexual Abuse online.'
    if j < n - 1 and doc[j].lower_ == "and" and any(t.lower_ in ("of", "for") for t in doc[start:j]):
        k = j + 1
        while k < n and k - j <= 2 and doc[k].is_alpha and doc[k].text[:1].isupper() and doc[k].ent_type_ in ("", "ORG"):
            k += 1
        if j + 1 < k and (k == n or not doc[k].text[:1].isupper()) and doc[k - 1].lower_ not in lexicon().org_heads \
                and not geo.country_code(span_text(doc, j + 1, k)):
            j = k   # 'Department for Education and Skills'
    return j
