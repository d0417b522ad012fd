"""Entity mentions: people, organisations, countries and cities, typed and merged within an article.

spaCy's NER proposes spans; gazetteers (countries, cities, institutions) and rules correct
what a small model gets wrong on news (surnames and cities typed ORG, portfolio words such
as "Interior" typed ORG, photo credits) and merge the names of one entity (acronyms,
surnames, transliterations).
"""
from __future__ import annotations

import re
from functools import cache

from kg.extract import geo
from kg.extract.lexicon import lexicon
from kg.extract.mention import Found, MentionIndex
from kg.extract.names import given_name_gender
from kg.extract.normalize import fold, name_key, slug, title_case
from kg.extract.sentences import Sentence
from kg.extract.tokens import DAY_WORDS as _WEEKDAYS_MONTHS
from kg.extract.tokens import NAME_FUNCTION_WORDS as _NAME_FUNCTION_WORDS
from kg.extract.tokens import QUOTES as _QUOTES
from kg.extract.tokens import SHORT_HONORIFICS as _SHORT_HONORIFICS
from kg.extract.tokens import acronym_of as _acronym_of
from kg.extract.tokens import capitalised as _capitalised
from kg.extract.tokens import is_acronym as _is_acronym
from kg.extract.tokens import is_name_token as _is_name_token
from kg.extract.tokens import is_role_word as _is_role_word
from kg.extract.tokens import lowers_and_lemmas
from kg.extract.tokens import positions as _positions
from kg.extract.tokens import role_head_ending_at as _head_ending_at
from kg.extract.tokens import role_head_last_words as _head_last_words
from kg.extract.tokens import span_text as _text
from kg.extract.tokens import starts_role_head as _starts_title
from kg.extract.tokens import texts as _texts

#: lowercase words that never end a name ('Patrice Talon of' → 'Patrice Talon')
_TRAILING_FUNCTION_WORDS = {"of", "for", "and", "in", "at", "on", "to", "from", "with", "by", "or"}
#: prepositions and verbs whose object is a place, never a person ('entered Tell Tamer', 'in Ain Issa')
_PLACE_PREPOSITIONS = {"in", "at", "near", "into", "inside", "outside", "across", "around"}
_PLACE_VERBS = {"enter", "capture", "seize", "retake", "storm", "besiege", "shell", "bomb", "occupy", "liberate"}
#: nouns after a name that make it a programme's ("Five's Wright Stuff show"), never a person's
_PROGRAMME_NOUNS = {"show", "programme", "program", "series", "documentary"}
# --------------------------------------------------------------------------- helpers


def _strip_span(doc, start: int, end: int) -> tuple[int, int]:
    """Drop determiners, possessive markers, punctuation and honorifics at the edges of a span."""
    lex = lexicon()
    if end - start >= 2 and (doc[start].tag_ == "CC" or doc[start].is_sent_start
                             and doc[start].tag_ in ("VBG", "VB", "VBD", "RB", "IN", "PRP$")):
        start += 1   # 'Praising Celtic …', 'But Powys Local Health Board'
    elif end - start >= 2 and _opening_gerund(doc, start):
        start += 1   # 'Proroguing Parliament is …' (tagged a proper noun)
    elif end - start >= 3 and doc[start].tag_ == "IN" and doc[start].text[:1].isupper() \
            and doc[start].lower_ not in ("de", "del", "von", "van", "al", "el", "la", "le", "du", "des", "bin", "ibn"):
        start += 1   # 'For  Libertarian Party nominee …'
    while end - start >= 2 and doc[start].lower_ in lex.qualifiers:
        start += 1   # 'Former Cabinet …'
    inner_the = next((k for k in range(start + 1, end - 1) if doc[k].lower_ == "the" and doc[k - 1].is_alpha
                      and doc[k - 1].lower_ not in _NAME_FUNCTION_WORDS), None)
    if inner_the is not None:
        start = inner_the + 1   # 'Ferraro the Democratic Party'
    for k in range(start + 1, min(end - 1, start + 3)):
        if doc[k].lower_ in ("'s", "’s") and doc[k - 1].ent_type_ == "PERSON":
            start = k + 1   # "Paul's Rally for the Republic"
            break
    while start < end and (
        doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct or doc[start].is_space
        or doc[start].text in _QUOTES
    ):
        start += 1
    while end > start and (
        doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].lower_ in ("'s", "’s", "'")
        or doc[end - 1].text in _QUOTES or doc[end - 1].text in _TRAILING_FUNCTION_WORDS
    ):
        end -= 1
    return start, end


def _cut_date_or_person(doc, start: int, end: int) -> int:
    """End of a name before a glued date or person ('Court of Appeal on Wednesday', 'Policy Centre Mr Straw')."""
    for k in range(start + 1, end):
        w = doc[k].lower_
        if w.rstrip(".") in _SHORT_HONORIFICS and doc[k].text[:1].isupper():
            return k
        if w in ("on", "in", "last", "this", "next", "since", "until", "by") and k + 1 < len(doc) \
                and (doc[k + 1].lower_ in _WEEKDAYS_MONTHS or doc[k + 1].like_num and len(doc[k + 1].text) == 4):
            return k
    return end


@cache
def _known_verbs() -> frozenset[str]:
    """Base forms of English verbs, from the spaCy model's lemmatizer tables."""
    from kg.nlp import load_model
    lookups = load_model().get_pipe("lemmatizer").lookups
    return frozenset(lookups.get_table("lemma_index")["verb"]) if lookups.has_table("lemma_index") else frozenset()


def _opening_gerund(doc, i: int) -> bool:
    """'Proroguing Parliament is …': a capitalised -ing verb form opening a sentence is not part of a name."""
    tok = doc[i]
    w = tok.lower_
    if len(w) <= 5 or not w.endswith("ing") or not tok.text[:1].isupper():
        return False
    if not (tok.is_sent_start or i > 0 and doc[i - 1].text in _QUOTES and (i == 1 or doc[i - 1].is_sent_start)):
        return False
    lex = lexicon()
    if w in lex.nominal_ing_words or fold(tok.text) in lex.institution_by_key \
            or geo.find_city(tok.text, min_population=geo.MIN_CITY_POPULATION) or geo.country_code(tok.text):
        return False   # 'Housing Corporation', 'Reading Borough Council'
    if i + 1 < len(doc) and doc[i + 1].lower_ in lex.venue_heads | lex.road_heads | lex.geo_feature_heads:
        return False   # 'Downing Street', 'Spring Gardens': a place's name
    stem = w[:-3]
    verbs = _known_verbs()
    return stem in verbs or stem + "e" in verbs or len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in verbs


def _is_portfolio(words: list[str]) -> bool:
    """True when a phrase is made only of title words ('Home Affairs', 'Interior', 'Justice and Home Affairs')."""
    lex = lexicon()
    content = [w for w in words if w not in ("and", "&", "of", "for", "the", "-")]
    return bool(content) and all(w in lex.role_modifiers or w in lex.role_heads for w in content)


# --------------------------------------------------------------------------- gazetteer matching


def _gazetteer_matches(doc) -> list[tuple[int, int, str, str]]:
    """Longest matches of country names/aliases and institution names: (start, end, kind, key) (once per Doc)."""
    cached = doc.user_data.get("kg_gazetteer")
    if cached is None:
        cached = doc.user_data["kg_gazetteer"] = _find_gazetteer_matches(doc)
    return list(cached)


@cache
def _gazetteer_first_words() -> dict[str, int]:
    """The folded first word of every gazetteer name → the most words a name starting with it has."""
    out: dict[str, int] = {}
    for key in (*lexicon().institution_by_key, *geo.country_keys()):
        words = key.split()
        if words:
            out[words[0]] = max(out.get(words[0], 0), len(words))
    return out


def _gazetteer_window(doc, i: int, texts: list[str]) -> int:
    """How many tokens from i a gazetteer name can span (0 when no name starts with token i's word)."""
    firsts = _gazetteer_first_words()
    best = 0
    starts = (i, i + 1) if texts[i].lower() == "the" and i + 1 < len(texts) else (i,)   # 'The Gambia'
    for k in starts:
        for variant in (texts[k], texts[k].replace(".", "")):
            words = fold(variant).split()
            if words and words[0] in firsts:
                best = max(best, (k - i) + 2 * firsts[words[0]] + 1)   # punctuation tokens fold away
    return min(best, 9)


def _find_gazetteer_matches(doc) -> list[tuple[int, int, str, str]]:
    lex = lexicon()
    out = []
    n = len(doc)
    texts = _texts(doc)
    i = 0
    while i < n:
        if not texts[i][:1].isupper():
            i += 1
            continue
        width = _gazetteer_window(doc, i, texts)
        if not width:
            i += 1
            continue
        best = None
        for j in range(min(n, i + width), i, -1):
            if not texts[j - 1][:1].isalnum():
                continue
            surface = _text(doc, i, j)
            if not surface[:1].isupper():
                continue
            key = fold(surface)
            inst = lex.institution_by_key.get(key) or lex.institution_by_key.get(fold(surface.replace(".", "")))
            if inst is not None:
                # an acronym or short alias must be written as in the data (EU, not 'Eu' or 'eu')
                alias_ok = any(surface == a or surface.replace(".", "") == a.replace(".", "") or fold(a) == key and len(key) > 4
                               for a in (inst.name, *inst.aliases))
                if alias_ok:
                    best = (i, j, "organization", inst.name)
                    break
            code = geo.country_code(surface)
            if code is not None and (len(surface) > 2 or surface.isupper()):
                best = (i, j, "country", code)
                break
        if best:
            out.append(best)
            i = best[1]
        else:
            i += 1
    return out


def _quoted_orgs(doc) -> list[tuple[int, int]]:
    """Quoted short phrases whose head is an organisation noun: a "global alliance"."""
    lex = lexicon()
    heads = lex.alliance_types
    out = []
    opens = [i for i, w in enumerate(_texts(doc)) if w in _QUOTES]
    for a, b in zip(opens, opens[1:]):
        if 1 <= b - a - 1 <= 6 and doc[b - 1].lemma_.lower() in heads:
            if all(not t.is_punct and t.pos_ in ("ADJ", "NOUN", "PROPN", "DET", "ADP", "CCONJ", "NUM")
                   for t in doc[a + 1: b]):
                out.append((a + 1, b))
    return out


def _extend_org(doc, start: int, end: int) -> int:
    """Extend an organisation name over 'against/for/of/on + Capitalised words' ('Global Alliance against Child Sexual Abuse')."""
    n = len(doc)
    j = end
    while j < n - 1 and doc[j].lower_ in ("against", "for", "of", "on", "to") and (
            doc[j + 1].text[:1].isupper() and doc[j + 1].lower_ not in _WEEKDAYS_MONTHS   # not 'Court of Appeal on Wednesday'
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
        tail = _text(doc, j + 1, k)
        if (geo.country_code(tail) or geo.find_city(tail, min_population=15000)) \
                and doc[j - 1].lower_ not in lexicon().org_heads:
            break   # 'the Ambassador of France' — but 'the Muslim Council of Britain' is one name
        j = k
    if j < n - 1 and doc[j].lower_ == "and" and any(t.lower_ in ("of", "for") for t in doc[start:j]):
        k = j + 1
        while k < n and k - j <= 2 and doc[k].is_alpha and doc[k].text[:1].isupper() and doc[k].ent_type_ in ("", "ORG"):
            k += 1
        if j + 1 < k and (k == n or not doc[k].text[:1].isupper()) and doc[k - 1].lower_ not in lexicon().org_heads \
                and not geo.country_code(_text(doc, j + 1, k)):
            j = k   # 'Department for Education and Skills'
    return j


# --------------------------------------------------------------------------- main


def find_mentions(doc, sents: list[Sentence]) -> MentionIndex:
    """Type and merge the entity mentions of a parsed article."""
    lex = lexicon()
    sent_of = {}
    story_of = {s.index: s.story for s in sents}
    for s in sents:
        for t in range(s.start, s.end):
            sent_of[t] = s.index

    candidates: list[tuple[int, int, str, str, str]] = []  # start, end, label, source, key-hint
    for s, e, kind, key in _gazetteer_matches(doc):
        candidates.append((s, e, "GAZ_" + kind, "gazetteer", key))
    for s, e in _quoted_orgs(doc):
        candidates.append((s, e, "ORG", "rule", ""))
    gazetteer_tokens = {t for c in candidates if c[3] == "gazetteer" for t in range(c[0], c[1])}
    for s, e in _title_cued_names(doc, gazetteer_tokens) + _honorific_cued_names(doc, gazetteer_tokens):
        candidates.append((s, e, "PERSON", "rule", ""))
    for s, e in _capitalised_orgs(doc, gazetteer_tokens):
        label = "FAC" if doc[e - 1].lower_ in lex.venue_heads and doc[e - 1].lower_ not in lex.org_heads \
            and not _classed_as_org(doc, s) else "ORG"
        candidates.append((s, e, label, "rule", ""))
    for ent in doc.ents:
        if ent.label_ in ("ORG", "GPE"):   # 'House of Representatives Darin LaHood'
            k = next((t.i for t in ent if ent.start + 1 < t.i < ent.end - 1 and given_name_gender(t.text)
                      and doc[t.i - 1].text[:1].isupper() and doc[t.i + 1].text[:1].isupper()
                      and doc[t.i - 1].lower_ not in ("of", "for", "the")), None)
            if k is not None and _looks_like_person(doc, k, ent.end):
                candidates.append((k, ent.end, "PERSON", "rule", ""))
                a, b = _strip_span(doc, ent.start, k)
                if a < b:
                    candidates.append((a, b, ent.label_, "ner", ""))
                continue
        if ent.label_ == "PERSON" and _class_noun_before(doc, ent.start, lex.org_class_nouns):
            # 'the public services union Unison Dave Prentis': a body's name glued to a person's
            k = next((t.i for t in ent if ent.start < t.i < ent.end - 1 and given_name_gender(t.text)
                      and doc[t.i - 1].text[:1].isupper()), None)
            if k is not None and _looks_like_person(doc, k, ent.end):
                candidates.append((k, ent.end, "PERSON", "rule", ""))
                candidates.append((ent.start, k, "ORG", "rule", ""))
                continue
        if ent.label_ == "ORG":   # 'Aaron Hamlin of The Center for Election Science'
            of = next((t.i for t in ent if t.lower_ == "of" and t.i > ent.start + 1), None)
            if of is not None and _looks_like_person(doc, ent.start, of):
                candidates.append((ent.start, of, "PERSON", "rule", ""))
                a, b = _strip_span(doc, of + 1, ent.end)
                if a < b:
                    candidates.append((a, b, "ORG", "ner", ""))
                continue
        if ent.label_ in ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"):
            end = next((t.i for t in ent if t.text == "("), ent.end)   # 'Free Trade Area (AfCFTA'
            if end < ent.end:
                a, b = _strip_span(doc, end + 1, ent.end)
                if a < b:
                    candidates.append((a, b, ent.label_, "ner", ""))
            cut = next((t.i for t in ent if t.text == "," or t.lower_ == "and" and t.i + 1 < ent.end
                        and doc[t.i + 1].lower_ == "the" or t.lower_ in ("in", "at") and t.i + 1 < ent.end
                        and (doc[t.i + 1].like_num or geo.find_city(doc[t.i + 1].text, min_population=15000)
                             or geo.country_code(doc[t.i + 1].text))), None)
            if ent.label_ == "ORG" and cut is not None and cut < end:   # 'House of Commons, European Parliament'
                end = cut
            if ent.label_ in ("ORG", "FAC", "GPE", "LOC"):
                end = _cut_date_or_person(doc, ent.start, end)   # 'Court of Appeal on Wednesday', 'Centre Mr Straw'
            s, e = _strip_span(doc, ent.start, end)
            if s < e:
                candidates.append((s, e, ent.label_, "ner", ""))
    # gazetteer first on ties, then longest
    order = {"gazetteer": 0, "rule": 1, "ner": 2}
    candidates.sort(key=lambda c: (-(c[1] - c[0]), order[c[3]], c[0]))

    taken: set[int] = set()
    accepted = []
    for s, e, label, source, hint in candidates:
        if any(t in taken for t in range(s, e)):
            # a gazetteer country/institution inside a longer NER span wins when the rest is title words
            continue
        accepted.append((s, e, label, source, hint))
        taken.update(range(s, e))
    # a long NER ORG made of gazetteer pieces and title words ('EU - US Justice and Home Affairs') is split
    accepted = _split_composites(doc, accepted)
    accepted.sort()

    raw: list[Found] = []
    for s, e, label, source, hint in accepted:
        f = _classify(doc, s, e, label, source, hint)
        if f is not None:
            f.sentence = sent_of.get(f.start, -1)
            raw.append(f)
    # a name extended over a later span ('Court of Appeals for the Third Circuit') swallows it
    widest: dict[int, int] = {}
    for f in raw:
        for t in range(f.start, f.end):
            widest[t] = max(widest.get(t, 0), f.end - f.start)
    raw = [f for f in raw if widest[f.start] == f.end - f.start or widest[f.end - 1] == f.end - f.start]

    covered = {t for f in raw for t in range(f.start, f.end)}
    raw += _definite_heads(doc, raw, covered, sent_of)
    covered = {t for f in raw for t in range(f.start, f.end)}
    raw += _unnamed_groups(doc, raw, covered, sent_of)
    _merge_parenthesised_acronyms(doc, raw)
    knighted = frozenset(i + 1 for i in _positions(doc, {"sir", "dame"}))   # 'Sir Ian' = Sir Ian Blair
    _resolve_people(raw, story_of, knighted)
    _resolve_orgs(raw)
    _names_of_orgs(doc, raw)
    _drop_unsupported_orgs(doc, raw)
    _unify_kinds(doc, raw)
    _drop_places_of_titles(doc, raw)
    raw += _pronouns(doc, raw, sent_of, story_of)
    _us_namesakes(doc, raw)
    _drop_unsupported_single_names(doc, raw)
    _demote_unlikely_cities(doc, raw)
    index = MentionIndex()
    for f in sorted(raw, key=lambda f: f.start):
        if f.kind != "drop":
            index.add(f)
    return index


def _capitalised_orgs(doc, taken: set[int]) -> list[tuple[int, int]]:
    """Capitalised names ending in an institution noun ('African Export–Import Bank', 'Northamptonshire Police')."""
    lex = lexicon()
    heads = lex.org_heads | lex.alliance_heads | lex.venue_heads
    out = []
    for i in _positions(doc, heads):
        tok = doc[i]
        if not tok.text[:1].isupper() or tok.i in taken:
            continue
        k = tok.i
        while k > 0 and (_capitalised(doc[k - 1].text) and (doc[k - 1].is_alpha or "-" in doc[k - 1].text)
                         or doc[k - 1].text in ("-", "–", "of", "for", "and", "&") and k - 2 >= 0
                         and _capitalised(doc[k - 2].text)
                         and doc[k - 2].lower_ not in lex.media_heads | lex.not_org_heads):   # 'Commentary of X University'
            prev = doc[k - 1]
            if prev.lower_ in ("the", "a", "an", "this", "that") or prev.ent_type_ == "PERSON" \
                    or prev.lower_.rstrip(".") in _SHORT_HONORIFICS \
                    or prev.lower_ == "and" and doc[k - 2].lower_ in heads | lex.name_head_words \
                    or prev.tag_ in ("CC", "RB", "PRP", "PRP$", "IN") and prev.lower_ not in ("of", "for", "and") \
                    or prev.lower_ in lex.qualifiers or prev.lower_ in lexicon().party_prefixes:
                break   # 'Aaron Hamlin of The Center …', 'But Powys …', 'Labour Assembly Government'
            k -= 1
        while k < tok.i and (doc[k].lower_ in ("-", "–", "of", "for", "and", "&", "the") or doc[k].is_space):
            k += 1
        if k >= 3 and doc[k - 1].lower_ in ("'s", "’s") and _capitalised(doc[k - 2].text):
            j = k - 2     # "St Egwin's Middle School"
            while j > 0 and _capitalised(doc[j - 1].text) and doc[j - 1].is_alpha and not doc[j - 1].is_sent_start:
                j -= 1
            if doc[j].lower_.rstrip(".") in ("st", "saint") or doc[j].is_sent_start and doc[j].lower_.rstrip(".") in ("st", "saint"):
                k = j
        if k < tok.i and _opening_gerund(doc, k):
            k += 1   # 'Proroguing Parliament is …'
        if tok.i - k < 1 or any(t in taken for t in range(k, tok.i + 1)):
            continue
        if doc[k].lower_ in lex.not_org_heads and doc[k + 1].lower_ in ("of", "on", "for"):
            continue   # 'Act of Parliament', 'Treaty of the European Union', 'Bill of Rights': a document
        if k - 1 in taken and doc[k - 1].text.isupper() and doc[k - 1].is_alpha:
            k -= 1      # a country's code leads the name: 'US Air Force'
        if _head_ending_at(doc, tok.i - 1) is not None or doc[k].lower_ in lexicon().role_heads:
            continue   # 'President Council' is not a name
        out.append((k, tok.i + 1))
    return out


def _name_run(doc, i: int, taken: set[int]) -> int:
    """End of a run of 2–4 capitalised name tokens starting at i (i itself when there is none)."""
    lex = lexicon()
    j = i
    while j < len(doc) and j - i < 4:
        t = doc[j]
        if j in taken or not (_capitalised(t.text) and (t.is_alpha or "-" in t.text or t.text.endswith("."))):
            break
        if t.lower_ in lex.role_heads or t.lower_ in lex.role_modifiers or t.lower_ in lex.org_heads or t.like_num:
            break
        j += 1
    while j > i and doc[j - 1].text.endswith(".") and len(doc[j - 1].text) > 2:
        j -= 1   # a sentence-final abbreviation
    return j if j - i >= 2 else i


def _honorific_cued_names(doc, taken: set[int]) -> list[tuple[int, int]]:
    """'Mr Straw', 'Dr Condoleezza Rice', 'Sir Alan Budd': one to three capitalised words after an honorific."""
    lex = lexicon()
    honorifics = {h.rstrip(".") for h in lex.honorifics if len(h.rstrip(".")) >= 2} - {"father", "sister", "brother"}
    out = []
    for i in _positions(doc, honorifics | {h + "." for h in honorifics}):
        tok = doc[i]
        if not tok.text[:1].isupper() or tok.i + 1 >= len(doc):
            continue
        j = tok.i + 1
        while j < len(doc) and j - tok.i <= 3 and j not in taken and _capitalised(doc[j].text) \
                and (doc[j].is_alpha or "-" in doc[j].text) and doc[j].lower_ not in lex.role_heads \
                and doc[j].lower_.rstrip(".") not in honorifics:
            j += 1
        if j > tok.i + 1:
            out.append((tok.i + 1, j))
    return out


def _title_cued_names(doc, taken: set[int]) -> list[tuple[int, int]]:
    """Names right after a title ('Presidents Muhammadu Buhari of Nigeria and Patrice Talon of Benin').

    A run of two to four capitalised tokens after a role head is a person's name; after a
    plural title, so is each name coordinated with it ('and Y', 'and Y of Benin').
    """
    lex = lexicon()
    out = []
    for i in _positions(doc, _head_last_words(), lemmas=True):
        tok = doc[i]
        head = _head_ending_at(doc, tok.i)
        if head is None or tok.i + 1 >= len(doc):
            continue
        start = tok.i + 1
        if doc[start].lower_ in ("of", "for") and start + 1 < len(doc):   # 'the mayor of London, Sadiq Khan'
            k = start + 1
            while k < len(doc) and (_capitalised(doc[k].text) or doc[k].lower_ in ("the", "of", "and")) and k - start < 6:
                k += 1
            start = k
        if start < len(doc) and doc[start].text == "," and (start == tok.i + 1 or doc[tok.i + 1].lower_ in ("of", "for")):
            start += 1   # 'The Foreign Secretary, Jack Straw,'
        if start >= len(doc):
            continue
        end = _name_run(doc, start, taken)
        if end == start or (start > tok.i + 1 and doc[start - 1].text != "," ):
            continue
        if head in lex.weak_role_heads and given_name_gender(doc[start].text) is None:
            continue
        out.append((start, end))
        plural = tok.tag_ in ("NNS", "NNPS") or tok.lower_ != tok.lemma_.lower() and tok.lower_.endswith("s")
        while plural:
            k = end
            if k + 1 < len(doc) and doc[k].lower_ == "of" and k + 1 in taken:   # '... of Nigeria'
                k += 1
                while k in taken:
                    k += 1
            if k < len(doc) and doc[k].text in (",", "and") or k + 1 < len(doc) and doc[k].text == "," and doc[k + 1].lower_ == "and":
                k += 2 if doc[k].text == "," and doc[k + 1].lower_ == "and" else 1
                nxt = _name_run(doc, k, taken)
                if nxt > k:
                    out.append((k, nxt))
                    end = nxt
                    continue
            break
    return out


def _split_composites(doc, accepted):
    """Re-type NER spans that contain a gazetteer entity plus only title words."""
    out = []
    matches = None   # the gazetteer matches of the whole doc, computed once (on the first ORG span)
    for s, e, label, source, hint in accepted:
        if source == "ner" and label == "ORG" and e - s > 1:
            if matches is None:
                matches = _gazetteer_matches(doc)
            gaz = [(a, b, k, key) for a, b, k, key in matches if a >= s and b <= e]
            rest = [t.lower_ for i, t in enumerate(doc[s:e], start=s) if not any(a <= i < b for a, b, _, _ in gaz)]
            if gaz and (not rest or _is_portfolio(rest)):
                for a, b, k, key in gaz:
                    out.append((a, b, "GAZ_" + k, "gazetteer", key))
                continue
        out.append((s, e, label, source, hint))
    return out


def _classify(doc, s: int, e: int, label: str, source: str, hint: str) -> Found | None:
    lex = lexicon()
    text = _text(doc, s, e)
    sc, ec = doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)
    words = [t.lower_ for t in doc[s:e]]

    def make(kind, key, name, src=source, **kw):
        return Found(s, e, sc, ec, text, kind, key, name, src, **kw)

    if label == "GAZ_country":
        return make("country", hint, geo.country_name(hint))
    if label == "GAZ_organization":
        inst = next(i for i in lex.institutions if i.name == hint)
        return make("organization", slug(inst.name), inst.name, alliance=inst.alliance)
    if label == "NORP" or (s > 0 and doc[s - 1].text in ("#", "@")):
        return None   # a people's adjective, a hashtag or a handle
    if source == "ner" and (text in lex.not_person or fold(text) in lex.not_institutions):
        return None
    if any(c in text for c in "/()@") or re.search(r"https?:|www\.|\.(com|org|net)\b", text):
        return None  # photo credits, handles, addresses
    if label in ("GPE", "LOC", "FAC", "ORG", "PERSON") and not any(ch.isalpha() for ch in text):
        return None
    if e - s == 1 and words[0] in lex.org_heads | lex.alliance_heads:
        return None  # a bare 'Alliance' is resolved as a definite reference later
    code = geo.country_code(text)
    if code and label != "PERSON":
        return make("country", code, geo.country_name(code))
    if label in ("GPE", "LOC", "FAC") and _fragment(doc, s, e):
        return None   # 'a black Labrador-curly-coated retriever': a word cut out of a compound
    if label in ("GPE", "LOC", "ORG", "FAC"):
        city = geo.find_city(text, min_population=15000 if label in ("GPE", "LOC") else geo.MIN_CITY_POPULATION)
        if city is not None and _modifies_named_thing(doc, e):
            return None   # 'the Kyoto treaty', 'the Madrid rail bombing': not a mention of the city
        if city is not None and fold(text) not in lex.institution_by_key:
            return make("place", city.geonameid, city.name, country=city.country, population=city.population)
        if label in ("GPE", "LOC", "FAC") and doc[e - 1].lower_ in lex.org_heads:
            label = "ORG"   # '116th U.S. Congress' typed a place
        elif label in ("GPE", "LOC", "FAC"):
            if not _org_shaped_place(doc, s, e) or e - s == 1 and words[0] in lex.geo_feature_heads | lex.venue_heads:
                return None   # 'Valley' of a film title, 'Islands' cut from a name
            return make("site", slug(text), text)   # regions, venues, buildings: places that are not cities
    if label in ("PERSON", "ORG") and e < len(doc) and doc[e].text.islower() and doc[e].lower_ in lex.place_modifier_heads \
            and doc[e - 1].lower_ not in lex.org_heads:
        # "London's King Cross station", 'the Wardak provincial council': a place or venue, never a person
        return make("site", slug(text), text) if _org_shaped_place(doc, s, e) or all(
            _capitalised(t.text) for t in doc[s:e] if t.is_alpha) else None
    classed = False
    if label == "PERSON" and source == "ner" and e - s >= 2 and _class_noun_before(doc, s, lex.firm_nouns):
        label, classed = "ORG", True   # 'the nationalist group Meibion Glyndwr', 'engineering firm Balfour Beatty'
    if label == "PERSON" and source == "ner" and _is_place_slot(doc, s, e):
        return None
    if label == "PERSON" and e < len(doc) and doc[e].lower_ in _PROGRAMME_NOUNS:
        return None   # "Five's Wright Stuff show": a programme
    if label == "PERSON" and source == "ner":
        place = _person_shaped_place(doc, s, e)
        if place is not None:   # 'Wadi Rum', 'Wilmslow Road', 'Hagia Sophia, now a museum'; 'a red Vauxhall Corsa'
            return make("site", slug(text), text) if place else None
    if label == "PERSON" and e - s == 1 and doc[s].dep_ == "compound" and doc[s].head.pos_ == "NOUN" \
            and doc[s].head.lower_ not in lex.org_heads and _head_ending_at(doc, doc[s].head.i) is None:
        return None   # 'the official Kent house': a name used as a modifier of a thing
    if label == "PERSON":
        # titles and honorifics swallowed by NER: 'Attorney General Eric Holder', 'Mr Straw'
        honorifics = {h.rstrip(".") for h in lex.honorifics}
        while s < e - 1 and (doc[s].lower_.rstrip(".") in honorifics or _is_role_word(doc[s])
                             or doc[s].lower_ == "lords" and doc[s].text[:1].isupper()   # 'Lords Bingham, Steyn and Hope'
                             or doc[s].lower_ in lex.role_modifiers or doc[s].lower_ in lex.qualifiers
                             or doc[s].lower_ in lex.party_prefixes or doc[s].text in ("-", "–")):
            s += 1   # 'Tory Treasurer Lord Ashcroft', 'Attorney General Eric Holder', 'Mr Straw'
        while e - s >= 4 and f"{doc[s].lower_} {doc[s + 1].lower_}" in lex.role_heads:
            s += 2   # 'Crown Prince Mohammad bin Salman'
        while e - s >= 3 and _demonym_noun(doc[s].text):
            s += 1   # 'fellow Welshman Ray Reardon'
            text, sc = _text(doc, s, e), doc[s].idx
        while e - 1 > s and doc[e - 1].lower_.rstrip(".") in honorifics:
            e -= 1   # 'Treasurer Lord'
            ec = doc[e - 1].idx + len(doc[e - 1].text)
        while e - 1 > s + 1 and (doc[e - 1].text in lex.postnominals or doc[e - 1].text in lex.caption_words):
            e -= 1   # 'Guy Mansfield QC', 'Gary Johnson Image'
            ec = doc[e - 1].idx + len(doc[e - 1].text)
        if any(t.text in "[](){}<>|" for t in doc[s:e]):
            return None
        while e - s >= 3 and given_name_gender(doc[s + 1].text) and (geo.is_us_state(doc[s].text)
                                                                    or geo.country_code(doc[s].text)):
            s += 1   # 'Vermont Bernie Sanders'
            text, sc = _text(doc, s, e), doc[s].idx
        first = doc[s].text
        if e - s >= 2 and doc[s].lower_ in lex.compass_words:
            return None   # 'North Yorks', 'West Midlands': a region
        if e - s >= 2 and given_name_gender(first) is None and geo.find_city(first, min_population=100_000):
            return None   # 'Bolton West', 'Birmingham Yardley': a constituency
        if doc[e - 1].lower_ in lex.geo_feature_heads:
            return None   # 'Causeway Bay'
        if s > 0 and doc[s - 1].text in ("MV", "HMS", "USS", "SS", "RMS"):
            return None   # a ship's name
        if any(t.lower_ in lex.institution_words for t in doc[s:e]) or all(t.lower_ in lex.party_prefixes for t in doc[s:e]):
            return None   # 'London Assembly Conservatives', 'Lib Dem'
        if s > 0 and doc[s - 1].lower_.rstrip(".") in ("st", "saint") or doc[s].lower_.rstrip(".") in ("st", "saint"):
            return None   # 'St Egwin's': a church's or school's name
        if e - s == 1 and doc[s].lower_.endswith(lex.place_suffixes) and len(doc[s].text) > 6:
            return None   # 'Worcestershire'
        text = _text(doc, s, e)
        sc = doc[s].idx
        toks = [t for t in doc[s:e] if not t.is_punct or t.text in "-'."]
        if toks and toks[-1].text[:1].islower():
            return None   # a name does not end in a lowercase word ('Si el')
        if _fragment(doc, s, e):
            return None
        if not toks or text in lex.not_person or any(t.like_num for t in toks):
            return None
        if not all(_is_name_token(t) or t.text in ".-'" for t in toks):
            return None
        if text.isupper() and len(text) <= 5:
            return None  # acronyms are not people
        if doc[s].lower_.rstrip(".") in {h.rstrip(".") for h in lex.honorifics}:
            return None
        return Found(s, e, sc, ec, text, "person", name_key(_drop_initials(text)), text, source)
    if label == "ORG" and source == "ner":
        of = next((k for k in range(s + 1, e - 1) if doc[k].lower_ == "of"), None)
        if of is not None and doc[of - 1].lower_ in lex.media_heads and doc[e - 1].lower_ in lex.org_heads:
            s, text, sc = of + 1, _text(doc, of + 1, e), doc[of + 1].idx   # 'the Quarterly Commentary of X University'
            words = [t.lower_ for t in doc[s:e]]
        honorifics = {h.rstrip(".") for h in lex.honorifics}
        if e - s >= 2 and doc[s].lower_.rstrip(".") in honorifics and all(_is_name_token(t) for t in doc[s + 1:e]):
            while s < e - 1 and (doc[s].lower_.rstrip(".") in honorifics or _is_role_word(doc[s])):
                s += 1   # 'Mr Blair', 'Rt Rev Scott-Joynt', 'Lord Justices Clarke' typed ORG: a person
            text, sc = _text(doc, s, e), doc[s].idx
            return Found(s, e, sc, ec, text, "person", name_key(text), text, "rule")
        while e - s >= 3 and doc[e - 1].lower_ in lex.not_org_heads and any(
                t.lower_ in lex.org_heads for t in doc[s:e - 1]):
            e -= 1   # 'a Department of Transport Document': the department's name
            text, ec = _text(doc, s, e), doc[e - 1].idx + len(doc[e - 1].text)
            words = [t.lower_ for t in doc[s:e]]
        if not _org_shaped(doc, s, e) or _fragment(doc, s, e):
            return None
        if doc[e - 1].lower_ in lex.not_org_heads or (e < len(doc) and doc[e].lower_ in ("bill", "act", "report")) \
                or (e - s >= 2 and doc[e - 2].lower_ in lex.not_org_heads
                                                      and doc[e - 1].lower_ in ("report", "race")) \
                or (e - s >= 3 and doc[s:e].root.lower_ in lex.not_org_heads
                    and any(t.lower_ in ("of", "on", "for") for t in doc[s:e])):
            return None   # 'Mental Capacity Bill', 'General Election', 'Act of Parliament': a law or an event
        if e - s == 2 and geo.demonym_code(doc[s].text) and fold(doc[s + 1].text) in lex.not_institutions \
                and e < len(doc) and doc[e].text.islower() and doc[e].pos_ == "NOUN":
            return None   # 'Zimbabwean State institutions': a demonym and a common word modifying a noun
        if _is_demonym_plural(doc[e - 1].text) or geo.demonym_code(doc[e - 1].text) or doc[e - 1].text in lex.peoples \
                or (e - s == 1 and doc[s].tag_ == "NNPS" and not _is_acronym(text)
                    and doc[s].lower_.rstrip("s") not in lex.party_prefixes and doc[s].lower_ != "tories"):
            return None   # 'Asian Britons', 'American Samoan', 'the Blairs'
        if e - s == 2 and doc[e - 1].lower_ in ("north", "south", "east", "west", "central") \
                and geo.find_city(doc[s].text, min_population=50_000) or _constituency_slot(doc, s, e):
            return make("site", slug(text), text)   # 'Bristol East', 'MP for Sheffield Hallam': a constituency
        if doc[e - 1].lower_ in lex.venue_heads and doc[e - 1].lower_ not in lex.org_heads and not _classed_as_org(doc, s):
            return make("site", slug(text), text)   # 'the World Trade Center' (not 'the group the X Center')
        if doc[e - 1].lower_ in lex.road_heads or (e - s >= 2 and doc[e - 2].lower_ in lex.road_heads) \
                or doc[s].like_num:
            return make("site", slug(text), text) if _org_shaped_place(doc, s, e) or doc[s].like_num else None
        if _head_ending_at(doc, s) is not None and e - s >= 3 and _looks_like_person(doc, s + 1, e):
            return Found(s + 1, e, doc[s + 1].idx, ec, _text(doc, s + 1, e), "person",
                         name_key(_text(doc, s + 1, e)), _text(doc, s + 1, e), "rule")   # 'Assemblywoman Selena Torres'
        if (doc[e - 1].like_num or doc[e - 1].pos_ == "NUM") and doc[e - 2].lower_ != "of":
            return None   # 'the Guildford Four': a label for a group of people (not 'the Group of Six')
        if e - s == 1 and e < len(doc) and _head_ending_at(doc, e) is not None and not _is_acronym(text) \
                and doc[s].lower_ not in lex.org_heads:
            return None   # 'Highland councillor': the area of a title
    if label == "ORG" and source == "rule" and _is_medium(doc, s, e):
        return None
    if label == "ORG":
        while e - 1 > s + 1 and doc[e - 1].text in lex.postnominals:   # 'Guy Mansfield QC'
            e -= 1
        text, ec = _text(doc, s, e), doc[e - 1].idx + len(doc[e - 1].text)
    if label == "ORG" and e - s >= 3 and (geo.is_us_state(doc[s].text) or geo.country_code(doc[s].text)) \
            and _looks_like_person(doc, s + 1, e):
        s, text, sc = s + 1, _text(doc, s + 1, e), doc[s + 1].idx   # 'Senator from Vermont Bernie Sanders'
    if label == "ORG" and not classed and _looks_like_person(doc, s, e):
        return Found(s, e, sc, ec, text, "person", name_key(_drop_initials(text)), text, "rule")
    if label == "ORG" and e < len(doc) and doc[e].lower_ in lex.portfolio_title_heads \
            and doc[e - 1].lower_ not in lex.portfolio_office_heads:
        return None   # 'Armed Forces Minister': the area of a post, not an institution
    if label == "ORG":
        key = fold(text)
        if key in lex.not_institutions or _is_portfolio(words) and not any(w in lex.org_heads for w in words) \
                or len(words) >= 3 and words[:2] == ["office", "of"] and _is_portfolio(words[2:]) \
                and words[-1] in lex.role_heads:   # 'the Office of President': a post
            return None
        e2 = _extend_org(doc, s, e)
        if e2 != e:
            e = e2
            text = _text(doc, s, e)
            ec = doc[e - 1].idx + len(doc[e - 1].text)
        name = title_case(text) if text.islower() else text
        head = doc[e - 1].lemma_.lower()
        two = " ".join(t.lower_ for t in doc[max(s, e - 2):e])
        return Found(s, e, sc, ec, text, "organization", slug(name), name, source,
                     alliance=head in lex.alliance_types or two in lex.alliance_types)
    return None


def _classed_as_org(doc, s: int) -> bool:
    """'the rights group the Simon Wiesenthal Center', 'the charity X House': a class noun names the name at s
    an organisation."""
    k = s - 2 if s >= 2 and doc[s - 1].lower_ == "the" else s - 1
    return k >= 0 and doc[k].text.islower() and doc[k].lemma_.lower() in lexicon().org_class_nouns


def _demonym_noun(word: str) -> bool:
    """'Welshman', 'Frenchwoman', 'Englishmen': a person of a country, not part of a name."""
    for end in ("man", "woman", "men", "women"):
        if word.endswith(end) and len(word) > len(end) + 3 and geo.demonym_code(word[: -len(end)]):
            return True
    return False


def _modifies_named_thing(doc, e: int) -> bool:
    """'the Kyoto treaty', 'the Madrid rail bombing': the name before e modifies a document or event noun."""
    heads = lexicon().place_use_heads
    for j in range(e, min(e + 3, len(doc))):
        t = doc[j]
        if not (t.is_alpha and t.text.islower()):
            return False
        if t.lower_ in heads:
            return True
        if t.pos_ not in ("NOUN", "ADJ"):
            return False
    return False


def _class_noun_before(doc, s: int, nouns: frozenset[str]) -> bool:
    """'engineering firm X', 'a group known as X', 'the charity called X': a class noun introduces the name at s."""
    k = s - 1
    if k >= 1 and doc[k].lower_ in ("called", "named"):
        k -= 1
    elif k >= 2 and doc[k].lower_ == "as" and doc[k - 1].lower_ == "known":
        k -= 2
    return k >= 0 and doc[k].text.islower() and (doc[k].lower_ in nouns or doc[k].lemma_.lower() in nouns)


def _constituency_slot(doc, s: int, e: int) -> bool:
    """'the MP for Sheffield Hallam', 'the Sheffield Hallam seat': a constituency, not an institution."""
    before = [t.text for t in doc[max(0, s - 2):s]]
    after = doc[e].lower_ if e < len(doc) else ""
    return (len(before) == 2 and before[1].lower() == "for" and before[0] in ("MP", "MSP", "MEP", "AM", "MLA", "TD", "member")) \
        or after in ("seat", "constituency", "by-election", "byelection")


def _fragment(doc, s: int, e: int) -> bool:
    """A one-word span cut out of a larger name or compound: 'Oscar-nominated', 'Super Tuesday', 'Sgt Pepper'."""
    if e - s != 1:
        return False
    nxt = doc[e] if e < len(doc) else None
    prev = doc[s - 1] if s > 0 else None
    if nxt is not None and nxt.text in ("-", "–") and e + 1 < len(doc) and doc[e + 1].text[:1].islower():
        return True
    if nxt is not None and not nxt.is_sent_start and nxt.is_alpha and nxt.text[:1].isupper() \
            and _head_ending_at(doc, nxt.i) is None and nxt.lower_ not in lexicon().org_heads and nxt.pos_ == "PROPN" \
            and nxt.ent_type_ in ("", "DATE", "EVENT", "WORK_OF_ART", "NORP"):
        return True
    return prev is not None and not doc[s].is_sent_start and not prev.is_sent_start and prev.is_alpha \
        and prev.text[:1].isupper() \
        and prev.ent_iob_ == "O" and prev.pos_ == "PROPN" and _head_ending_at(doc, prev.i) is None \
        and prev.lower_.rstrip(".") not in {h.rstrip(".") for h in lexicon().honorifics}


def _org_shaped(doc, s: int, e: int) -> bool:
    """False for NER ORG spans that cannot be an institution's name.

    Lowercase content words ('intra-Africa', 'restraint & ensure'), a people's plural
    ('Gibraltarians'), a geographic feature ('the Amazon rainforest') or the portfolio of a
    title ('Police and Crime Commissioner').
    """
    lex = lexicon()
    toks = [t for t in doc[s:e] if t.is_alpha or "-" in t.text]
    if not toks or not _capitalised(toks[0].text):
        return False
    if any(not _capitalised(t.text) and t.lower_ not in _NAME_FUNCTION_WORDS for t in toks):
        return False
    if e - s == 1 and _is_demonym_plural(doc[s].text):
        return False
    nxt = doc[e] if e < len(doc) else None
    if nxt is not None and nxt.lower_ in lex.geo_feature_heads or _text(doc, s, e) in _geo_feature_names(doc):
        return False
    last = doc[e - 1].lower_
    if _is_medium(doc, s, e) or last in lex.event_nouns:
        return False    # a newspaper, or an event ('the G7 Summit')
    if nxt is not None and not doc[s:e].text.isupper() and last not in lex.org_heads | lex.alliance_heads \
            and fold(_text(doc, s, e)) not in lex.institution_by_key and _starts_title(doc, e):
        return False
    return True


def _org_shaped_place(doc, s: int, e: int) -> bool:
    """A venue or region: capitalised words, not a demonym, acronym, medium or listed non-name, and
    used as a place ('in Kent', 'at Chevening', 'the Downing Street talks') or named like one
    ('… Street', '… House', '… rainforest')."""
    lex = lexicon()
    toks = [t for t in doc[s:e] if t.is_alpha]
    if not toks or not all(_capitalised(t.text) or t.lower_ in _NAME_FUNCTION_WORDS for t in toks):
        return False
    text = _text(doc, s, e)
    if e - s == 1 and (_is_demonym_plural(doc[s].text) or geo.demonym_code(doc[s].text) or text.isupper()):
        return False
    if text in lex.not_person or fold(text) in lex.not_institutions or _is_medium(doc, s, e) \
            or text.rstrip(".").lower() in {h.rstrip(".") for h in lex.honorifics}:
        return False
    if doc[e - 1].lower_ in lex.venue_heads | lex.geo_feature_heads or (e < len(doc) and doc[e].lower_ in lex.geo_feature_heads):
        return True
    if geo.is_us_state(text):
        return True
    root = doc[s:e].root
    while root.dep_ == "conj" and root.head.i < s:
        root = root.head
    if root.dep_ == "pobj" and root.head.lower_ in lex.place_prepositions:
        return True
    if root.dep_ == "appos" and root.head.dep_ == "pobj" and root.head.head.lower_ in lex.place_prepositions:
        return True
    return root.dep_ in ("compound", "nmod") and root.head.lemma_.lower() in lex.event_nouns


def _is_medium(doc, s: int, e: int) -> bool:
    """A newspaper, broadcaster or programme ('the Daily Mail', 'the Independent newspaper', 'told the BBC')."""
    lex = lexicon()
    text = _text(doc, s, e)
    if fold(text) in lex.institution_by_key:
        return False
    if doc[e - 1].lower_ in lex.media_heads or any(t.lower_ in ("radio", "tv", "television") for t in doc[s:e]):
        return True
    if fold(text) in lex.media_names or any(fold(_text(doc, s, k)) in lex.media_names for k in range(s + 1, e)):
        return True
    owner = doc[s - 2] if s >= 2 and doc[s - 1].lower_ in ("'s", "’s") else None
    if owner is not None and (fold(owner.text) in lex.media_names or owner.text[:1].isupper()
                              and owner.lower_ in lex.media_heads and owner.lower_ not in _WEEKDAYS_MONTHS):
        return True   # "ITV's Celebrity Fit Club", "BBC Radio 4's Today": a broadcaster's programme
    near = [t.lower_ for t in doc[max(0, s - 2):s]] + [t.lower_ for t in doc[e:e + 2]]
    return any(w in lex.media_cues for w in near)


def _geo_feature_names(doc) -> set[str]:
    """Names the article uses for geographic features ('Amazon' of 'the Amazon rainforest')."""
    key = "kg_geo_feature_names"
    if key not in doc.user_data:
        heads = lexicon().geo_feature_heads
        names = set()
        for i in _positions(doc, heads):
            tok = doc[i]
            if tok.i > 0 and _capitalised(doc[tok.i - 1].text):
                k = tok.i - 1
                while k > 0 and _capitalised(doc[k - 1].text) and doc[k - 1].is_alpha and not doc[k - 1].is_sent_start:
                    k -= 1
                names.add(_text(doc, k, tok.i))
        doc.user_data[key] = names
    return doc.user_data[key]


def _is_demonym_plural(word: str) -> bool:
    """'Gibraltarians', 'Europeans', 'Kurds' — the people of a place, not an institution."""
    if not word.endswith("s") or word.isupper():
        return False
    single = word[:-1]
    if geo.demonym_code(single) or single in lexicon().peoples or word[:-2] in lexicon().peoples:
        return True
    for suffix in ("ian", "an", "ean", "ite"):
        if single.endswith(suffix):
            stem = single[: -len(suffix)]
            if len(stem) >= 4 and (geo.country_code(stem) or geo.find_city(stem) or geo.country_code(stem + "a")
                                   or geo.country_code(stem + "e")):
                return True
    return False


def _person_shaped_place(doc, s: int, e: int) -> bool | None:
    """A name the model calls a person that is a place (True) or a thing (False); None when a person may stand.

    Places: a name led by a place word ('Wadi Rum', 'Masjid Al-Aqsa') or ending in a road word ('Wilmslow
    Road'; 'Avenue', 'Lane' even after a given name), or in apposition with a building noun ('Hagia Sophia,
    formerly a church'). Things: a name after an indefinite article ('a red Vauxhall Corsa').
    """
    lex = lexicon()
    first, last = doc[s], doc[e - 1]
    if e - s >= 2 and first.lower_ in lex.place_lead_words:
        return True
    if e - s >= 2 and last.lower_ in lex.road_heads and (
            given_name_gender(first.text) is None or last.lower_ in ("road", "avenue", "lane", "boulevard")):
        return True
    root = doc[s:e].root
    nouns = lex.building_nouns
    if any(c.dep_ == "appos" and c.lemma_.lower() in nouns or c.dep_ == "appos" and any(
            x.dep_ == "conj" and x.lemma_.lower() in nouns for x in c.children) for c in root.children):
        return True
    k = s - 1
    while k >= 0 and s - k <= 5 and (doc[k].text.islower() and doc[k].is_alpha and (
            doc[k].pos_ == "ADJ" or doc[k + 1].text == "-" or k > 0 and doc[k - 1].text == "-" and doc[k].pos_ == "VERB")
            or doc[k].text == "-" and k > 0 and doc[k - 1].text.islower()):
        k -= 1
    if k >= 0 and doc[k].lower_ in ("a", "an"):
        return False   # 'a red Vauxhall Corsa', 'a self-described Neo-Nazi' (not 'a woman named X')
    return None


def _in_place_slot(doc, s: int, e: int) -> bool:
    root = doc[s:e].root
    while root.dep_ == "conj" and root.head.i < s:
        root = root.head
    if root.dep_ == "pobj" and root.head.lower_ in _PLACE_PREPOSITIONS:
        return not any(t.lower_ in ("'s", "’s") for t in doc[e:e + 1])
    if root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.head.lemma_.lower() in lexicon().motion_words:
        return True   # 'a sightseeing tour to Wadi Rum', 'flew to Baghdad'
    return root.dep_ == "dobj" and root.head.lemma_.lower() in _PLACE_VERBS


def _place_names(doc) -> set[str]:
    """Names the article uses for places: NER places, and names in a place's slot."""
    key = "kg_place_names"
    if key not in doc.user_data:
        names = {e.text for e in doc.ents if e.label_ in ("GPE", "LOC", "FAC")}
        names |= {e.text for e in doc.ents if e.label_ == "PERSON" and _in_place_slot(doc, e.start, e.end)}
        doc.user_data[key] = names
    return doc.user_data[key]


def _is_place_slot(doc, s: int, e: int) -> bool:
    """A PERSON span that names a place: in a place's slot ('entered Tell Tamer', 'at Ain Issa'), named as
    a place elsewhere in the article, or coordinated with such a name ('Tell Tamer and Ain Issa')."""
    names = _place_names(doc)
    if _text(doc, s, e) in names or _in_place_slot(doc, s, e):
        return True
    root = doc[s:e].root
    if root.dep_ == "conj":
        other = next((x for x in doc.ents if x.start <= root.head.i < x.end), None)
        return other is not None and other.text in names
    return False


def _looks_like_person(doc, s: int, e: int) -> bool:
    """An ORG span that is a personal name: a known given name then capitalised words, no institution head."""
    lex = lexicon()
    if _classed_as_org(doc, s):
        return False   # 'the rights group the Simon Wiesenthal Center'
    toks = list(doc[s:e])
    if not 2 <= len(toks) <= 4 or not all(t.text[:1].isupper() and t.is_alpha for t in toks):
        return False
    if toks[-1].lower_ in lex.org_heads | lex.alliance_heads or any(t.lower_ in lex.role_modifiers for t in toks) \
            or toks[-1].lower_.endswith("s") and toks[-1].lower_[:-1] in lex.org_heads | lex.name_head_words:
        return False   # 'Red Brigades'
    if any(t.lower_ in lex.institution_words for t in toks) or geo.find_city(toks[0].text, min_population=100_000) \
            or geo.country_code(toks[0].text):
        return False   # 'London Assembly Conservatives'
    return given_name_gender(toks[0].text) is not None


def _drop_initials(name: str) -> str:
    """'Eric H. Holder' → 'Eric Holder' (for the matching key only)."""
    parts = name.split()
    kept = [p for p in parts if not re.fullmatch(r"[A-Z]\.?", p)]
    return " ".join(kept) if kept else name


def _definite_heads(doc, found: list[Found], taken: set[int], sent_of: dict[int, int]) -> list[Found]:
    """'the Alliance', 'the alliance', 'the Union': a definite head noun refers to the organisation with that head."""
    lex = lexicon()
    heads = lex.alliance_heads | lex.org_heads
    out = []
    orgs = [f for f in found if f.kind == "organization"]
    _, lemmas = lowers_and_lemmas(doc)
    for i in (i for i, lem in enumerate(lemmas) if lem in heads):
        tok = doc[i]
        if tok.i in taken or tok.i == 0:
            continue
        if doc[tok.i - 1].lower_ not in ("the", "this", "that", "its") or tok.tag_ not in ("NN", "NNP"):
            continue
        if tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ in ("NOUN", "PROPN"):
            continue  # 'the alliance members' — the head is further right
        earlier = [o for o in orgs if o.start < tok.i and fold(o.name).split()[-1:] == [tok.lemma_.lower()]]
        target = earlier[-1] if earlier else None
        if target is None:
            later = [o for o in orgs if fold(o.name).split()[-1:] == [tok.lemma_.lower()]]
            target = later[0] if later else None
        if target is None:
            continue
        f = Found(tok.i, tok.i + 1, tok.idx, tok.idx + len(tok.text), tok.text, "organization", target.key,
                  target.name, "coref", sent_of.get(tok.i, -1), alliance=target.alliance)
        out.append(f)
    return out


_GROUP_HEADS = {("task", "force"), ("taskforce",), ("coalition",), ("consortium",), ("alliance",), ("joint", "team")}


def _unnamed_groups(doc, found: list[Found], taken: set[int], sent_of: dict[int, int]) -> list[Found]:
    """'were part of the international task force': an unnamed group that countries belong to.

    Only a definite phrase with a modifier ('the international task force', 'the US-led
    coalition'), in the slot of what something is part/a member of or joins, and only when the
    article names no organisation with that head.
    """
    lex = lexicon()
    out = []
    lowers, _ = lowers_and_lemmas(doc)
    for i in _positions(doc, {h[-1] for h in _GROUP_HEADS}):
        tok = doc[i]
        if tok.i in taken or tok.pos_ != "NOUN":
            continue
        head = next((h for h in _GROUP_HEADS if i - len(h) + 1 >= 0 and tuple(lowers[i - len(h) + 1:i + 1]) == h), None)
        if head is None:
            continue
        gov = tok.head
        slot = (tok.dep_ == "pobj" and gov.lower_ == "of" and (gov.head.lower_ == "part" or gov.head.lemma_.lower() in
                {n.split()[-1] for n in lex.member_nouns})) or (tok.dep_ == "dobj" and gov.lemma_.lower() in lex.join_verbs)
        if not slot:
            continue
        start = tok.i - len(head) + 1
        mods = [c for c in tok.children if c.dep_ in ("amod", "compound") and c.i < start]
        det = [c for c in tok.children if c.dep_ == "det" and c.lower_ == "the"]
        if not mods or not det:
            continue
        s = min(c.i for c in mods)
        if any(t in taken for t in range(s, tok.i + 1)):
            continue
        name = _text(doc, s, tok.i + 1)
        if any(fold(f.name).endswith(" " + fold(name).split()[-1]) for f in found if f.kind == "organization"):
            continue
        out.append(Found(s, tok.i + 1, doc[s].idx, tok.idx + len(tok.text), name, "organization", slug(name), name,
                         "rule", sent_of.get(s, -1), alliance=True))
    return out


def _merge_parenthesised_acronyms(doc, found: list[Found]) -> None:
    """'the African Continental Free Trade Area (AfCFTA)': the acronym names the same organisation."""
    by_start = {f.start: f for f in found}
    renamed: dict[str, str] = {}
    common = {doc[t.i + 1].text for t in (doc[i] for i in _positions(doc, {"("})) if t.i > 0 and t.i + 2 < len(doc)
              and doc[t.i + 2].text == ")" and doc[t.i - 1].is_alpha
              and (doc[t.i - 1].text.islower() or doc[t.i - 1].lower_ in lexicon().not_org_heads)
              and _is_acronym(doc[t.i + 1].text)}   # 'liquefied natural gas (LNG)', '… Prevention Act (BIPA)'
    for f in found:
        if f.kind == "organization" and f.text in common and f.source != "gazetteer":
            f.kind = "drop"
    for f in found:
        if f.kind != "organization" or f.end + 2 >= len(doc) or doc[f.end].text != "(":
            continue
        g = by_start.get(f.end + 1)
        if g is not None and g.kind == "person" and g.source == "ner" and doc[g.end].text == ")" \
                and given_name_gender(g.text.split()[0]) is None:
            g.kind, g.key, g.name = "organization", f.key, f.name   # 'Supreme Court (Oberster Gerichtshof)'
            continue
        if g is not None and g.kind == "organization" and doc[g.end].text == ")" and g.key != f.key \
                and g.source != "gazetteer" and (_is_acronym(g.text) or g.source == "ner"):   # or a translation
            renamed[g.key] = f.key
    for f in found:
        if f.kind == "organization" and f.key in renamed:
            f.key = renamed[f.key]


def _us_namesakes(doc, found: list[Found]) -> None:
    """'Georgia' among US states is the state, not the country."""
    for f in found:
        if f.kind == "country" and geo.is_us_state(f.text):
            sent = doc[f.start].sent
            if any(x.start != f.start and geo.is_us_state(x.text) and not geo.country_code(x.text) for x in sent.ents):
                f.kind, f.key, f.name = "site", slug(f.text), f.text


def _age_follows(doc, e: int) -> bool:
    """'Emily, 16, and Tom, 14 were …': an age in apposition after the name at e marks a person."""
    if e + 1 >= len(doc) or doc[e].text != "," or not doc[e + 1].text.isdigit() or not 0 < int(doc[e + 1].text) < 120:
        return False
    nxt = doc[e + 2] if e + 2 < len(doc) else None
    return nxt is None or nxt.is_punct or nxt.lower_ in ("and", "or") or nxt.pos_ in ("AUX", "VERB")


def _drop_unsupported_single_names(doc, found: list[Found]) -> None:
    """A person known only by one word needs support: an honorific or title before one of its
    mentions ('Mr Blair', 'Ayatollah Khomeini'). Otherwise the word is a place the gazetteer knows
    ('visits Manchester, Liverpool …') or it is dropped ('Breakfast with Frost')."""
    lex = lexicon()
    honorifics = {h.rstrip(".") for h in lex.honorifics}
    particles = lex.particles
    groups: dict[str, list[Found]] = {}
    for f in found:
        if f.kind == "person" and f.source != "pronoun":
            groups.setdefault(f.key, []).append(f)
    for key, ms in groups.items():
        if len([w for w in key.replace("-", " ").split() if w not in particles]) >= 2:
            continue
        supported = any(m.start > 0 and (doc[m.start - 1].lower_.rstrip(".") in honorifics or doc[m.start - 1].lower_ == "lords"
                                         or _head_ending_at(doc, m.start - 1) is not None)
                        or _age_follows(doc, m.end) or _listed_after_title(doc, m.start) for m in ms)
        if supported:
            continue
        people_at = {t for f in found if f.kind == "person" and f.key != key for t in range(f.start, f.end)}
        for m in ms:
            city = geo.find_city(m.text, min_population=15000)
            root = doc[m.start:m.end].root
            beside_person = any(c.i in people_at for c in root.children if c.dep_ == "conj") \
                or root.dep_ == "conj" and root.head.i in people_at
            if city is not None and not beside_person:   # not 'the freedom which Bush and Blair tell us of'
                m.kind, m.key, m.name, m.country, m.population = "place", city.geonameid, city.name, city.country, city.population
            else:
                m.kind = "drop"
        for f in found:
            if f.kind == "person" and f.source == "pronoun" and f.key == key:
                f.kind = "drop"   # 'he' cannot refer to a name that is not a person


def _listed_after_title(doc, i: int) -> bool:
    """'Lord Justices Clarke and Rix', 'Lords Bingham, Steyn and Hope': a surname in a list that a plural
    title or honorific opens."""
    k = i - 1
    if k < 1 or doc[k].lower_ not in ("and", ","):
        return False
    while k > 0 and i - k <= 10 and (doc[k].lower_ in ("and", ",") or _capitalised(doc[k].text) and doc[k].is_alpha
                                     and not _is_role_word(doc[k])):
        k -= 1
    tok = doc[k]
    plural = tok.lower_.endswith("s") and tok.lower_ not in lexicon().role_heads
    return plural and (_is_role_word(tok) or tok.lower_ == "lords") and k + 1 < i - 1


def _demote_unlikely_cities(doc, found: list[Found]) -> None:
    """A smallish city in a country the article never names is more likely a namesake: keep it as a
    place without a country ('Florida' in a US story is not Florida, Colombia). A US state's name in a
    list of states, or before 'gubernatorial'/'state', is the state ('Oklahoma', 'Washington')."""
    for f in found:
        if f.kind != "place" or not geo.is_us_state(f.text):
            continue
        sent = doc[f.start].sent
        others = [x for x in sent.ents if x.start != f.start and geo.is_us_state(x.text)]
        nxt = doc[f.end].lower_ if f.end < len(doc) else ""
        titled = any(_head_ending_at(doc, k) is not None for k in range(max(0, f.start - 3), f.start))
        after_place = f.start >= 2 and doc[f.start - 1].text == "," and any(
            x.kind in ("place", "site") and x.end == f.start - 1 for x in found)   # 'West Point, New York'
        if others or titled or after_place or nxt in ("gubernatorial", "state", "governor", "legislature", "primary", "caucus", "caucuses"):
            f.kind, f.key, f.name, f.country = "site", slug(f.text), f.text, None
    named = {f.key for f in found if f.kind == "country"}
    named |= {c for w in _texts(doc) if (c := geo.demonym_code(w))}
    named |= {f.country for f in found if f.kind == "place" and f.population >= geo.MIN_ALIAS_CITY_POPULATION * 2}
    weight: dict[str, int] = {}
    for f in found:
        if f.kind == "country":
            weight[f.key] = weight.get(f.key, 0) + 1
    for w in _texts(doc):
        if c := geo.demonym_code(w):
            weight[c] = weight.get(c, 0) + 1
    top = max(weight.values(), default=0)
    for f in found:
        if f.kind != "place" or f.population >= 1_000_000:
            continue
        minor = f.population < 200_000 and top >= 2 and weight.get(f.country, 0) < top
        if f.country not in named or minor:   # 'a speech in Westminster' in a British story is not Colorado's
            f.kind, f.key, f.name, f.country = "site", slug(f.text), f.text, None


def _resolve_people(found: list[Found], story_of: dict[int, int] | None = None,
                    knighted: frozenset[int] = frozenset()) -> None:
    """Merge person mentions: surnames and short forms join the full name they belong to.

    An ORG or unknown single word equal to a known person's surname ('Holder' typed ORG) becomes a
    mention of that person.
    """
    people = [f for f in found if f.kind == "person"]
    full = [f for f in people if len(f.key.split()) >= 2]
    # merge full names whose first and last words agree ('Eric H. Holder' ~ 'Eric Holder')
    canon: dict[str, str] = {}
    for f in full:
        parts = f.key.split()
        for g in full:
            gp = g.key.split()
            if g is not f and gp[0] == parts[0] and gp[-1] == parts[-1] and len(g.key) > len(canon.get(f.key, f.key)):
                canon[f.key] = g.key
    for f in full:
        f.key = canon.get(f.key, f.key)
    by_last: dict[str, list[Found]] = {}
    particles = lexicon().particles
    for f in full:
        words = f.key.replace("-", " ").split()
        by_last.setdefault(words[-1], []).append(f)
        by_last.setdefault(f.key.split()[-1], []).append(f)
        if len(words) >= 3:  # 'Jaap de Hoop Scheffer' → 'de Hoop Scheffer'; 'Ricardo Rosselló Nevares' → 'Rosselló'
            by_last.setdefault(" ".join(words[1:]), []).append(f)
            by_last.setdefault(" ".join(words[-2:]), []).append(f)
            if words[1] not in particles:
                by_last.setdefault(words[1], []).append(f)
    for lst in by_last.values():
        lst[:] = list({id(x): x for x in lst}.values())
    by_first: dict[str, set[str]] = {}
    for f in full:
        by_first.setdefault(f.key.split()[0], set()).add(f.key)
    for f in found:
        key = name_key(f.text)
        if f.kind == "person" and len([w for w in f.key.replace("-", " ").split() if w not in particles]) >= 2:
            longer = [c for c in by_last.get(f.key, ()) if len(c.key.split()) > len(f.key.split())]
            if longer and given_name_gender(f.text.split()[0]) is None \
                    and len({c.key for c in longer}) == 1:
                f.key = longer[0].key   # 'Kilroy-Silk', 'Scott-Joynt': a double surname of 'Robert Kilroy-Silk'
            continue
        if f.kind == "organization" and f.source == "ner" and " " not in f.text and not _is_acronym(f.text) \
                and by_first.get(key) and key not in by_last:
            named = [g for g in full if g.key in by_first[key]]
            target = ([g for g in named if g.start < f.start] or named)[-1 if any(g.start < f.start for g in named) else 0]
            f.kind, f.key, f.name = "person", target.key, f.text   # 'Hamza' beside 'Hamza bin Laden'
            continue
        firsts = by_first.get(f.key) if f.kind == "person" and (f.source == "ner" or f.start in knighted) else None
        if firsts and len(firsts) == 1 and f.key not in by_last:   # 'Jong' when only 'Jong Woo Son' starts so
            f.key = next(iter(firsts))
            continue
        if f.kind not in ("person", "organization", "site", "place") or f.source in ("gazetteer", "coref"):
            continue
        if f.kind in ("site", "place") and " " in f.text.strip():
            continue   # only a one-word place may be a surname ('Biden', 'Livingstone')
        key = key.replace("-", " ")
        bare = " ".join(w for w in key.split() if w not in particles) or key   # 'al-Muhandis'
        cands = by_last.get(key) or by_last.get(f.key) or by_last.get(bare)
        if not cands:
            continue
        story = (story_of or {}).get(f.sentence, 0)
        same = [c for c in cands if (story_of or {}).get(c.sentence, 0) == story] or cands
        before = [c for c in same if c.start < f.start]
        target = before[-1] if before else same[0]
        f.kind, f.key, f.name, f.country = "person", target.key, f.text, None
        if f.source != "ner":
            f.source = "coref"
    singles = {f.key for f in found if f.kind == "person" and len(f.key.split()) == 1 and f.source == "ner"}
    for f in found:
        if f.kind in ("organization", "site") and f.source == "ner" and name_key(f.text) in singles:
            f.kind, f.key, f.name = "person", name_key(f.text), f.text   # 'Pierluisi' typed ORG and PERSON
    # single names that stay alone keep their own key (a person known by one name)


def _resolve_orgs(found: list[Found]) -> None:
    """Merge organisation mentions: a name that starts a longer name, and acronyms of long names."""
    lex = lexicon()
    orgs = [f for f in found if f.kind == "organization" and f.source != "gazetteer"]
    names = {f.key: f for f in orgs}
    for f in orgs:
        words = fold(f.name).split()
        for g in names.values():
            gw = fold(g.name).split()
            if g.key == f.key:
                continue
            content = [w for w in words if w not in _NAME_FUNCTION_WORDS]
            other = [w for w in gw if w not in _NAME_FUNCTION_WORDS]
            if sorted(content) == sorted(other) and len(content) >= 2 and g.key < f.key:
                f.key, f.alliance = g.key, g.alliance or f.alliance      # 'Institute of/for Fiscal Studies'
                break
            if len(gw) <= len(words):
                continue
            prefix = gw[: len(words)] == words and (len(words) >= 2 or gw[len(words):] and
                                                     all(w in lex.org_heads for w in gw[len(words):]))
            country_led = gw[1:] == words and geo.country_code(g.name.split()[0]) is not None   # 'US Libertarian Party'
            suffix = len(words) >= 2 and gw[-len(words):] == words                      # 'Treasury Select Committee'
            acronym_led = _is_acronym(f.text) and gw[0] == words[0] and len(words) == 1     # 'HACAN Clearskies'
            inner = len(words) >= 2 and words[-1] == gw[-1] and words[0] not in _NAME_FUNCTION_WORDS \
                and _is_subsequence(words, gw)                                  # 'Oversight Committee'
            acronym_head = len(words) == 2 and words[-1] == gw[-1] and _is_acronym(f.name.split()[0]) \
                and _acronym_of(f.name.split()[0], " ".join(g.name.split()[:-1]))   # 'PCS Union'
            if prefix or country_led or suffix or acronym_led or inner or acronym_head:
                f.key, f.name, f.alliance = g.key, f.name, g.alliance or f.alliance
                break
            if _is_acronym(f.text) and _acronym_of(f.text, g.name):
                f.key, f.alliance = g.key, g.alliance
                break
    for f in found:
        if f.kind == "organization" and f.source == "coref":
            target = next((g for g in orgs if g.name == f.name), None)
            if target is not None:
                f.key = target.key


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    """True when the words of short appear in long in the same order ('oversight committee' in 'house oversight and reform committee')."""
    it = iter(long)
    return all(w in it for w in short)


def _names_of_orgs(doc, found: list[Found]) -> None:
    """A person or place named like an organisation of the article without its head word ('Thai Raksa Chart'
    beside 'Thai Raksa Chart Party', 'Watch Tower' beside 'Watch Tower Society') is that organisation; an
    organisation named after a real person of the article plus 'Party' ('the Robert Kilroy-Silk Party') is a jibe."""
    lex = lexicon()
    first: dict[str, int] = {}
    for f in found:
        if f.kind in ("person", "organization"):
            first[f.key] = min(first.get(f.key, f.start), f.start)
    cued = {f.key for f in found if f.kind == "person" and f.start > 0 and (
        doc[f.start - 1].lower_.rstrip(".") in lex.honorifics or _head_ending_at(doc, f.start - 1) is not None)}
    by_stem: dict[str, Found] = {}
    for f in found:
        words = fold(f.name).split()
        if f.kind != "organization" or len(words) < 2 or words[-1] not in lex.org_heads | lex.alliance_heads:
            continue
        stem = name_key(" ".join(f.name.split()[:-1]))
        if words[-1] == "party" and f.source != "gazetteer" and len(words) >= 3 and stem in first \
                and (stem in cued or first[stem] < first[f.key]):
            f.kind = "drop"   # the person came first: 'Robert Kilroy-Silk … the Robert Kilroy-Silk Party'
        else:
            by_stem.setdefault(fold(stem), f)
    by_name = {fold(f.name): f for f in found if f.kind == "organization" and f.source != "gazetteer"
               and _class_noun_before(doc, f.start, lex.firm_nouns)}   # 'firm X', not a bare ORG
    for f in found:
        if f.kind == "person" and f.key not in cued and fold(f.text) in by_name:
            org = by_name[fold(f.text)]   # 'Balfour Beatty managers' after 'engineering firm Balfour Beatty'
            f.kind, f.key, f.name, f.alliance = "organization", org.key, org.name, org.alliance
    for f in found:
        if f.kind in ("person", "site") and f.source in ("ner", "rule"):
            org = by_stem.get(fold(f.text))
            if org is not None and len(f.text.split()) >= 2 and not (
                    f.kind == "person" and (f.key in cued or first.get(f.key, 0) < first[org.key])):
                f.kind, f.key, f.name, f.alliance = "organization", org.key, org.name, org.alliance


def _drop_places_of_titles(doc, found: list[Found]) -> None:
    """'the Prince of Wales', 'the Archbishop of Canterbury', 'Lord Roberts of Conwy': the place names a title, it
    is not a place or institution of the story."""
    titles = lexicon().territorial_titles
    for f in found:
        if f.kind not in ("country", "place", "site", "organization") or f.source == "coref" or f.start < 2:
            continue
        if doc[f.start - 1].lower_ != "of":
            continue
        k = f.start - 2
        if doc[k].lower_ in titles and doc[k].text[:1].isupper():
            f.kind = "drop"
        elif doc[k].text[:1].isupper() and _head_ending_at(doc, k) is None:
            j = k
            while j > 0 and doc[j].ent_iob_ == "I" and k - j < 4:
                j -= 1   # the start of the person's name
            if any(doc[i].lower_ in titles and doc[i].text[:1].isupper() for i in (j - 1, j) if i >= 0):
                f.kind = "drop"   # 'Lord Roberts of Conwy'


_SPEECH_VERBS = {"say", "tell", "announce", "warn", "claim", "report", "state", "argue", "insist", "confirm", "deny",
                 "urge", "criticise", "criticize", "publish", "estimate", "predict", "call", "demand"}


def _has_institution_word(doc, f: Found) -> bool:
    """A name with an institution word anywhere ('Church of England', 'Survivors Fund', 'Law Lords')."""
    lex = lexicon()
    words = lex.org_heads | lex.alliance_heads | lex.name_head_words
    _, lemmas = lowers_and_lemmas(doc)
    return any(t.lower_ in words or lemmas[t.i] in words or t.lower_[:-1] in words for t in doc[f.start:f.end]) \
        or any(w in lex.alliance_types for w in fold(f.name).split())


def _org_evidence(doc, f: Found) -> bool:
    """Evidence around one mention that a name is an institution's: a class noun in apposition ('the pressure
    group X', 'the X party'), a tie to its people ('X officials', 'members of X', 'spokesman for X')."""
    lex = lexicon()
    n = len(doc)
    a = f.start - 1
    if a >= 0 and doc[a].lower_ == "the":
        a -= 1
    if a >= 0 and doc[a].text[:1].islower() and (doc[a].lemma_.lower() in lex.org_class_nouns
                                                 or doc[a].lower_ in lex.org_class_nouns) \
            or _class_noun_before(doc, f.start, lex.org_class_nouns):
        return True   # 'victim group X', 'the union X', 'a group known as X'
    if a >= 1 and (doc[a].lower_ in ("including", "like") or doc[a].lower_ == "as" and doc[a - 1].lower_ == "such"):
        k = a - 1 if doc[a].lower_ != "as" else a - 2
        if k >= 0 and doc[k].lemma_.lower() in lex.org_class_nouns:
            return True   # 'campaign groups including X', 'unions such as X'
    b = f.end
    if b < n and doc[b].lower_ in ("'s", "’s", "'", "’"):
        b += 1
    if b < n and doc[b].text[:1].islower() and (doc[b].lemma_.lower() in lex.org_class_nouns
                                                or doc[b].lower_ in lex.org_tie_nouns):
        return True   # 'the X party', 'X officials', "X's members"
    if b < n and doc[b].lower_ in lex.org_tie_nouns | lex.role_heads and _head_ending_at(doc, b) is not None:
        return True   # 'X spokesman Jeff Evans'
    if _is_acronym(f.text) and f.start > 0 and doc[f.start - 1].lower_ == "the" \
            and not (f.end < n and doc[f.end].pos_ in ("NOUN", "PROPN")):
        return True   # 'according to the CDC', 'the IRA and …' (not 'the BSE crisis')
    root = doc[f.start:f.end].root
    if root.dep_ == "nsubj" and root.head.lemma_.lower() in _SPEECH_VERBS:
        return True   # 'X says in a report'
    if a >= 1 and doc[a].lower_ in ("of", "for", "at", "with", "from") and doc[f.start - 1].lower_ == "the" or \
            a >= 1 and f.start - 1 == a and doc[a].lower_ in ("of", "for", "at", "with"):
        prev = doc[a - 1]
        if prev.text == "," and a >= 2:
            prev = doc[a - 2]
        return prev.lower_ in lex.org_tie_nouns or prev.lemma_.lower() in lex.member_nouns \
            or prev.ent_type_ == "PERSON" or _head_ending_at(doc, prev.i) is not None   # 'members of X', 'Ann Lee, of X'
    return False


def _drop_unsupported_orgs(doc, found: list[Found]) -> None:
    """A name only the NER model calls an organisation needs evidence: an institution word in it, a second
    mention, or a class noun or tie to its people next to a mention. Otherwise it is a place when used as one
    ('from Hartpury, Gloucestershire') and dropped when not ('the Europhiles', 'Brownite briefers')."""
    groups: dict[str, list[Found]] = {}
    for f in found:
        if f.kind == "organization":
            groups.setdefault(f.key, []).append(f)
    supported = {i for ms in groups.values() for m in ms for i in range(m.start, m.end)
                 if m.source != "ner" or _has_institution_word(doc, m)}
    for ms in groups.values():
        if any(m.source != "ner" for m in ms):
            continue
        if len({m.start for m in ms}) >= 2 and not all(_used_as_place(doc, m.start, m.end, also=("to", "between"))
                                                       for m in ms):
            continue   # a second mention supports the name, unless every mention is a place's ('to Carlisle')
        if any(_has_institution_word(doc, m) or _org_evidence(doc, m) or _listed_with(doc, m, supported) for m in ms):
            continue
        city = geo.find_city(ms[0].text, min_population=15000)
        for m in ms:
            if city is not None and len(ms) >= 2:
                m.kind, m.key, m.name, m.country, m.population = "place", city.geonameid, city.name, city.country, \
                    city.population
            elif (len(ms) >= 2 or _used_as_place(doc, m.start, m.end)) and _org_shaped_place(doc, m.start, m.end):
                m.kind, m.key, m.name = "site", slug(m.text), m.text
            else:
                m.kind = "drop"


def _unify_kinds(doc, found: list[Found]) -> None:
    """One name, one kind: a name the model typed an organisation in one mention and a venue in another is
    an organisation when a mention has an institution word or an institution's evidence ('Oxfam said'),
    else a venue when a mention is used as a place ('near RAF Fairford')."""
    groups: dict[str, list[Found]] = {}
    for f in found:
        if f.kind in ("organization", "site") and f.source in ("ner", "rule"):
            groups.setdefault(fold(f.text), []).append(f)
    for ms in groups.values():
        if len({m.kind for m in ms}) < 2:
            continue
        org = next((m for m in ms if m.kind == "organization"
                    and (_has_institution_word(doc, m) or _org_evidence(doc, m))), None)
        place = org is None and any(_used_as_place(doc, m.start, m.end) for m in ms)
        for m in ms:
            if org is not None:      # 'Oxfam said …', '… given to Oxfam' (typed a place)
                m.kind, m.key, m.name, m.alliance = "organization", org.key, org.name, org.alliance
            elif place:
                m.kind, m.key, m.name, m.alliance = "site", slug(m.text), m.text, False


def _listed_with(doc, f: Found, supported: set[int]) -> bool:
    """'Friends of the Earth, the World Development Movement and …': coordinated with a well-founded organisation."""
    root = doc[f.start:f.end].root
    near = [c for c in root.children if c.dep_ == "conj"] + ([root.head] if root.dep_ == "conj" else [])
    return any(t.i in supported and not f.start <= t.i < f.end for t in near)


def _used_as_place(doc, s: int, e: int, also: tuple[str, ...] = ()) -> bool:
    """'from Hartpury, Gloucestershire', 'in Kern': the object of a locative preposition (not 'to the Crown',
    unless `also` admits 'to')."""
    root = doc[s:e].root
    while root.dep_ == "conj" and root.head.i < s:
        root = root.head
    return root.dep_ == "pobj" and root.head.lower_ in ("in", "at", "near", "from", "outside", "inside", "across", *also)


_PRONOUNS = {"she": "female", "her": "female", "hers": "female", "herself": "female",
             "he": "male", "him": "male", "his": "male", "himself": "male"}


def _pronouns(doc, found: list[Found], sent_of: dict[int, int], story_of: dict[int, int] | None = None) -> list[Found]:
    """'she said', 'her meeting': a pronoun refers to the last person of its gender when that is unambiguous.

    The candidates are the people of the pronoun's sentence and the two before it; the pronoun is
    resolved only when exactly one of them has a first name of the pronoun's gender.
    """
    people = sorted((f for f in found if f.kind == "person"), key=lambda f: f.start)
    gender: dict[str, str | None] = {}
    for f in people:
        first = f.name.split()[0] if len(f.key.split()) >= 2 else None
        if f.key not in gender or gender[f.key] is None:
            gender[f.key] = given_name_gender(first) if first else gender.get(f.key)
    out = []
    for i in _positions(doc, _PRONOUNS):
        tok = doc[i]
        want = _PRONOUNS[tok.lower_]
        if tok.pos_ != "PRON":
            continue
        si = sent_of.get(tok.i, -1)
        story = (story_of or {}).get(si, 0)
        window = [f for f in people if f.start < tok.i and si - 2 <= f.sentence <= si
                  and (story_of or {}).get(f.sentence, 0) == story]
        keys = list(dict.fromkeys(f.key for f in reversed(window) if gender.get(f.key) == want))
        if len(keys) != 1:
            continue
        target = next(f for f in reversed(window) if f.key == keys[0])
        out.append(Found(tok.i, tok.i + 1, tok.idx, tok.idx + len(tok.text), tok.text, "person", target.key,
                         target.name, "pronoun", si))
    return out
