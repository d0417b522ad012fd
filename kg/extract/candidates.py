"""Candidates: token ranges proposed as names, and the selection of one candidate per token.

Proposers: the gazetteer (countries, institutions), quoted alliance phrases, names cued by a title or
an honorific, capitalised names ending in an institution noun, and spaCy's entities with their
boundaries repaired (a person glued to an institution split off, a glued date or list cut, edge
words stripped). Selection keeps the longest candidate per token, gazetteer before rule before
model on ties, and splits a model's span made of gazetteer names and title words.
"""
from __future__ import annotations

from kg.extract import geo
from kg.extract.cues import (
    class_noun_before,
    classed_as_org,
    is_demonym_plural,
    kin_before,
    kinship_last_words,
    looks_like_person,
)
from kg.extract.gazetteer import gazetteer_matches
from kg.extract.lexicon import lexicon
from kg.extract.mention import Candidate, Reason, Rejected
from kg.extract.names import given_name_gender
from kg.extract.normalize import fold
from kg.extract.spans import cut_date_or_person, extend_person, is_portfolio, opening_gerund, strip_span
from kg.extract.tokens import (
    QUOTES,
    SHORT_HONORIFICS,
    capitalised,
    positions,
    role_head_ending_at,
    role_head_last_words,
    span_text,
    texts,
)

#: on ties of length: the surer source first
_SOURCE_ORDER = {"gazetteer": 0, "rule": 1, "ner": 2}
#: spaCy labels whose spans are candidates
_NER_LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP")


def propose(doc) -> list[Candidate]:
    """Every candidate of a Doc, in the order the proposers make them (ties keep this order)."""
    lex = lexicon()
    out = [Candidate(m.start, m.end, "GAZ_" + m.kind, "gazetteer", m.key) for m in gazetteer_matches(doc)]
    out += [Candidate(s, e, "ORG", "rule") for s, e in _quoted_orgs(doc)]
    gazetteer_tokens = {t for c in out if c.source == "gazetteer" for t in range(c.start, c.end)}
    for s, e in _title_cued_names(doc, gazetteer_tokens) + _honorific_cued_names(doc, gazetteer_tokens) \
            + _kin_cued_names(doc, gazetteer_tokens):
        out.append(Candidate(s, e, "PERSON", "rule"))
    for s, e in _capitalised_orgs(doc, gazetteer_tokens):
        venue = doc[e - 1].lower_ in lex.venue_heads and doc[e - 1].lower_ not in lex.org_heads \
            and not classed_as_org(doc, s)
        out.append(Candidate(s, e, "FAC" if venue else "ORG", "rule"))
    for ent in doc.ents:
        out += _split_entity(doc, ent) or _trimmed_entity(doc, ent)
    out += [Candidate(s, e, "ORG", "ner") for s, e in _unknown_people_words_before_orgs(doc)]
    return out


def _unknown_people_words_before_orgs(doc) -> list[tuple[int, int]]:
    """'a Kataeb Hezbollah official': a capitalised word the model calls a people's, that is no known demonym
    or people, glued to the organisation's name after it, is the first word of that name."""
    lex = lexicon()
    ents = list(doc.ents)
    out = []
    for a, b in zip(ents, ents[1:]):
        if a.label_ == "NORP" and b.label_ == "ORG" and a.end == b.start and len(a) == 1 and a[0].text[:1].isupper() \
                and geo.demonym_code(a.text) is None and a.text not in lex.peoples and not is_demonym_plural(a.text):
            out.append((a.start, b.end))
    return out


def select(doc, candidates: list[Candidate]) -> tuple[list[Candidate], list[Rejected]]:
    """One candidate per token: the longest, the surer source on ties; in text order."""
    ranked = sorted(candidates, key=lambda c: (-(c.end - c.start), _SOURCE_ORDER[c.source], c.start))
    taken: set[int] = set()
    accepted, rejected = [], []
    for c in ranked:
        if any(t in taken for t in range(c.start, c.end)):
            rejected.append(Rejected(c.start, c.end, c.label, Reason.OVERLAP))
            continue
        accepted.append(c)
        taken.update(range(c.start, c.end))
    # a long NER ORG made of gazetteer pieces and title words ('EU - US Justice and Home Affairs') is split
    return sorted(split_composites(doc, accepted)), rejected


def _event_words_after_institution(doc, ent) -> int | None:
    """Where the event words start in a model's span that is a known institution's name then an event noun
    phrase ('White House | Press Briefing'), if it is one."""
    lex = lexicon()
    words = [t.lower_ for t in ent]
    for k in range(1, len(words)):
        if " ".join(words[k:]) in lex.event_nouns and fold(span_text(doc, ent.start, ent.start + k)).removeprefix("the ") \
                in lex.institution_by_key:
            return ent.start + k
    return None


def _split_entity(doc, ent) -> list[Candidate]:
    """A model's span holding a person beside an institution, split in two (empty when it holds none)."""
    lex = lexicon()
    if ent.label_ in ("ORG", "GPE"):   # 'House of Representatives Darin LaHood'
        k = next((t.i for t in ent if ent.start + 1 < t.i < ent.end - 1 and given_name_gender(t.text)
                  and doc[t.i - 1].text[:1].isupper() and doc[t.i + 1].text[:1].isupper()
                  and doc[t.i - 1].lower_ not in ("of", "for", "the")), None)
        if k is not None and looks_like_person(doc, k, ent.end):
            out = [Candidate(k, ent.end, "PERSON", "rule")]
            a, b = strip_span(doc, ent.start, k)
            return out + [Candidate(a, b, ent.label_, "ner")] if a < b else out
    if ent.label_ == "PERSON" and class_noun_before(doc, ent.start, lex.org_class_nouns):
        # 'the public services union Unison Dave Prentis': a body's name glued to a person's
        k = next((t.i for t in ent if ent.start < t.i < ent.end - 1 and given_name_gender(t.text)
                  and doc[t.i - 1].text[:1].isupper()), None)
        if k is not None and looks_like_person(doc, k, ent.end):
            return [Candidate(k, ent.end, "PERSON", "rule"), Candidate(ent.start, k, "ORG", "rule")]
    if ent.label_ in ("ORG", "FAC", "EVENT"):   # 'a White House Press Briefing': an institution naming its event
        event = _event_words_after_institution(doc, ent)
        if event is not None:
            return [Candidate(ent.start, event, "ORG", "ner")]
    if ent.label_ == "ORG":   # 'Aaron Hamlin of The Center for Election Science'
        of = next((t.i for t in ent if t.lower_ == "of" and t.i > ent.start + 1), None)
        if of is not None and looks_like_person(doc, ent.start, of):
            out = [Candidate(ent.start, of, "PERSON", "rule")]
            a, b = strip_span(doc, of + 1, ent.end)
            return out + [Candidate(a, b, "ORG", "ner")] if a < b else out
    return []


def _trimmed_entity(doc, ent) -> list[Candidate]:
    """A model's span cut before a parenthesis, a list comma or a glued date or person, edges stripped;
    the parenthesised part is a candidate of its own ('Free Trade Area (AfCFTA')."""
    if ent.label_ not in _NER_LABELS:
        return []
    out = []
    end = next((t.i for t in ent if t.text == "("), ent.end)   # 'Free Trade Area (AfCFTA'
    if end < ent.end:
        a, b = strip_span(doc, end + 1, ent.end)
        if a < b:
            out.append(Candidate(a, b, ent.label_, "ner"))
    cut = next((t.i for t in ent if t.text == "," or t.lower_ == "and" and t.i + 1 < ent.end
                and doc[t.i + 1].lower_ == "the" or t.lower_ in ("in", "at") and t.i + 1 < ent.end
                and (doc[t.i + 1].like_num or geo.find_city(doc[t.i + 1].text, min_population=15000)
                     or geo.country_code(doc[t.i + 1].text))), None)
    if ent.label_ == "ORG" and cut is not None and cut < end:   # 'House of Commons, European Parliament'
        end = cut
    if ent.label_ in ("ORG", "FAC", "GPE", "LOC"):
        end = cut_date_or_person(doc, ent.start, end)   # 'Court of Appeal on Wednesday', 'Centre Mr Straw'
    s, e = strip_span(doc, ent.start, end)
    if s < e and ent.label_ == "PERSON" and e == end:
        e = extend_person(doc, s, e)    # "Valéry Giscard" + "d'Estaing", 'Ursula von der' + 'Leyen'
    if s < e:
        out.append(Candidate(s, e, ent.label_, "ner"))
    return out


def _quoted_orgs(doc) -> list[tuple[int, int]]:
    """Quoted short phrases whose head is an organisation noun: a "global alliance"."""
    lex = lexicon()
    heads = lex.alliance_types
    out = []
    opens = [i for i, w in enumerate(texts(doc)) if w in QUOTES]
    for a, b in zip(opens, opens[1:]):
        if 1 <= b - a - 1 <= 6 and doc[b - 1].lemma_.lower() in heads:
            if all(not t.is_punct and t.pos_ in ("ADJ", "NOUN", "PROPN", "DET", "ADP", "CCONJ", "NUM")
                   for t in doc[a + 1: b]):
                out.append((a + 1, b))
    return out

def _capitalised_orgs(doc, taken: set[int]) -> list[tuple[int, int]]:
    """Capitalised names ending in an institution noun ('African Export–Import Bank', 'Northamptonshire Police')."""
    lex = lexicon()
    heads = lex.org_heads | lex.alliance_heads | lex.venue_heads
    out = []
    for i in positions(doc, heads):
        tok = doc[i]
        if tok.i in taken or not tok.text[:1].isupper() and not _area_force(doc, tok.i):
            continue
        k = tok.i
        while k > 0 and (capitalised(doc[k - 1].text) and (doc[k - 1].is_alpha or "-" in doc[k - 1].text)
                         or doc[k - 1].text in ("-", "–", "of", "for", "and", "&") and k - 2 >= 0
                         and capitalised(doc[k - 2].text)
                         and doc[k - 2].lower_ not in lex.media_heads | lex.not_org_heads):   # 'Commentary of X University'
            prev = doc[k - 1]
            if prev.lower_ in ("the", "a", "an", "this", "that") or prev.ent_type_ == "PERSON" \
                    or prev.lower_.rstrip(".") in SHORT_HONORIFICS \
                    or prev.lower_ == "and" and doc[k - 2].lower_ in heads | lex.name_head_words \
                    or prev.tag_ in ("CC", "RB", "PRP", "PRP$", "IN") and prev.lower_ not in ("of", "for", "and") \
                    or prev.lower_ in lex.qualifiers or prev.lower_ in lexicon().party_prefixes:
                break   # 'Aaron Hamlin of The Center …', 'But Powys …', 'Labour Assembly Government'
            k -= 1
        while k < tok.i and (doc[k].lower_ in ("-", "–", "of", "for", "and", "&", "the") or doc[k].is_space):
            k += 1
        if k >= 3 and doc[k - 1].lower_ in ("'s", "’s") and capitalised(doc[k - 2].text):
            j = k - 2     # "St Egwin's Middle School"
            while j > 0 and capitalised(doc[j - 1].text) and doc[j - 1].is_alpha and not doc[j - 1].is_sent_start:
                j -= 1
            if doc[j].lower_.rstrip(".") in ("st", "saint") or doc[j].is_sent_start and doc[j].lower_.rstrip(".") in ("st", "saint"):
                k = j
        if k < tok.i and opening_gerund(doc, k):
            k += 1   # 'Proroguing Parliament is …'
        if tok.i - k < 1 or any(t in taken for t in range(k, tok.i + 1)):
            continue
        if doc[k].lower_ in lex.not_org_heads and doc[k + 1].lower_ in ("of", "on", "for"):
            continue   # 'Act of Parliament', 'Treaty of the European Union', 'Bill of Rights': a document
        if k - 1 in taken and doc[k - 1].text.isupper() and doc[k - 1].is_alpha:
            k -= 1      # a country's code leads the name: 'US Air Force'
        if role_head_ending_at(doc, tok.i - 1) is not None or doc[k].lower_ in lexicon().role_heads:
            continue   # 'President Council' is not a name
        out.append((k, tok.i + 1))
    return out

def _area_force(doc, i: int) -> bool:
    """'Northamptonshire police', 'Kent constabulary': an area's name before a lowercase force head (not a
    country's or a people's: 'Afghan police', 'UK police'; not a building: 'the London police station')."""
    lex = lexicon()
    if doc[i].lower_ not in lex.area_force_heads or i == 0 \
            or i + 1 < len(doc) and doc[i + 1].lower_ in lex.venue_heads | lex.building_nouns:
        return False   # 'the London police station': a building
    prev = doc[i - 1]
    named = prev.ent_type_ in ("GPE", "LOC") or prev.pos_ == "PROPN" and (not prev.is_sent_start or any(
        e.label_ in ("GPE", "LOC") and e.text == prev.text for e in doc.ents))   # not 'Riot police' opening a sentence
    return capitalised(prev.text) and prev.is_alpha and named \
        and geo.demonym_code(prev.text) is None and geo.country_code(prev.text) is None


def _name_run(doc, i: int, taken: set[int]) -> int:
    """End of a run of 2–4 capitalised name tokens starting at i (i itself when there is none)."""
    lex = lexicon()
    j = i
    while j < len(doc) and j - i < 4:
        t = doc[j]
        if j in taken or not (capitalised(t.text) and (t.is_alpha or "-" in t.text or t.text.endswith("."))):
            break
        if t.lower_ in lex.role_heads or t.lower_ in lex.role_modifiers or t.lower_ in lex.org_heads or t.like_num:
            break
        j += 1
    while j > i and doc[j - 1].text.endswith(".") and len(doc[j - 1].text) > 2:
        j -= 1   # a sentence-final abbreviation
    return extend_person(doc, i, j) if j - i >= 2 else i

def _honorific_cued_names(doc, taken: set[int]) -> list[tuple[int, int]]:
    """'Mr Straw', 'Dr Condoleezza Rice', 'Sir Alan Budd': one to three capitalised words after an honorific."""
    lex = lexicon()
    honorifics = {h.rstrip(".") for h in lex.honorifics if len(h.rstrip(".")) >= 2} - {"father", "sister", "brother"}
    out = []
    for i in positions(doc, honorifics | {h + "." for h in honorifics}):
        tok = doc[i]
        if not tok.text[:1].isupper() or tok.i + 1 >= len(doc):
            continue
        j = tok.i + 1
        while j < len(doc) and j - tok.i <= 3 and j not in taken and capitalised(doc[j].text) \
                and (doc[j].is_alpha or "-" in doc[j].text) and doc[j].lower_ not in lex.role_heads \
                and doc[j].lower_.rstrip(".") not in honorifics:
            j += 1
        if j > tok.i + 1:
            out.append((tok.i + 1, extend_person(doc, tok.i + 1, j)))
    return out

def _kin_cued_names(doc, taken: set[int]) -> list[tuple[int, int]]:
    """'his wife Bernadette', "the president's son-in-law, Frédéric Salat-Baroux": one to three
    capitalised words after a family tie of someone (cues.kin_before)."""
    lex = lexicon()
    out = []
    for k in positions(doc, kinship_last_words()):
        i = k + 2 if k + 2 < len(doc) and doc[k + 1].text == "," else k + 1
        if i >= len(doc) or i in taken or not kin_before(doc, i):
            continue
        j = i
        while j < len(doc) and j - i < 3 and j not in taken and capitalised(doc[j].text) and doc[j].is_alpha \
                and doc[j].lower_ not in lex.role_heads and doc[j].lower_ not in lex.org_heads:
            j += 1
        if j > i:
            out.append((i, extend_person(doc, i, j)))
    return out

def _title_cued_names(doc, taken: set[int]) -> list[tuple[int, int]]:
    """Names right after a title ('Presidents Muhammadu Buhari of Nigeria and Patrice Talon of Benin').

    A run of two to four capitalised tokens after a role head is a person's name; after a
    plural title, so is each name coordinated with it ('and Y', 'and Y of Benin').
    """
    lex = lexicon()
    out = []
    for i in positions(doc, role_head_last_words(), lemmas=True):
        tok = doc[i]
        head = role_head_ending_at(doc, tok.i)
        if head is None or tok.i + 1 >= len(doc):
            continue
        start = tok.i + 1
        if doc[start].lower_ in ("of", "for") and start + 1 < len(doc):   # 'the mayor of London, Sadiq Khan'
            k = start + 1
            while k < len(doc) and (capitalised(doc[k].text) or doc[k].lower_ in ("the", "of", "and")) and k - start < 6:
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


def split_composites(doc, accepted: list[Candidate]) -> list[Candidate]:
    """Re-type NER ORG spans (and PERSON spans starting with one) made of gazetteer names plus only title words:
    the gazetteer names stand (not
    when two or more title words end in an institution's head: 'US Air Force' is a body of its own; 'Puerto
    Rico Senate' is the territory and its senate)."""
    out = []
    matches = None   # the gazetteer matches of the whole doc, computed once (on the first ORG span)
    for c in accepted:
        if c.source == "ner" and c.label in ("ORG", "PERSON") and c.end - c.start > 1:
            if matches is None:
                matches = gazetteer_matches(doc)
            gaz = [m for m in matches if m.start >= c.start and m.end <= c.end]
            rest = [t.lower_ for i, t in enumerate(doc[c.start:c.end], start=c.start)
                    if not any(m.start <= i < m.end for m in gaz)]
            if c.label == "PERSON" and not (gaz and gaz[0].start == c.start and rest and c.end < len(doc)
                                            and doc[c.end].lower_ in lexicon().role_heads):
                out.append(c)    # 'Lib Dem Home Affairs | spokesman' read as a person: a party, a portfolio, a title
                continue         # ('Chad Peace said' stays a person)
            if gaz and (not rest or is_portfolio(rest) and not (len(rest) >= 2 and rest[-1] in lexicon().org_heads)):
                out += [Candidate(m.start, m.end, "GAZ_" + m.kind, "gazetteer", m.key) for m in gaz]
                continue
        out.append(c)
    return out
