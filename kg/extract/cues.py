"""Cues: what a span of tokens looks like and how the article uses it (pure predicates over a Doc).

The classification stage and the article-level passes ask these questions ('is the name used as
a place?', 'does a class noun introduce it?', 'is it shaped like an institution's name?'); each
answers from the tokens, the parse and the lexicon, and never changes a mention.
"""
from __future__ import annotations

from functools import cache

from kg.extract import geo
from kg.extract.lexicon import lexicon, load_json
from kg.extract.mention import Found
from kg.extract.names import given_name_gender
from kg.extract.normalize import fold
from kg.extract.tokens import (
    DAY_WORDS,
    NAME_FUNCTION_WORDS,
    capitalised,
    is_acronym,
    is_role_word,
    lowers_and_lemmas,
    positions,
    role_head_ending_at,
    span_text,
    starts_role_head,
)

#: prepositions whose object is a place, never a person ('in Ain Issa', 'near Kobane')
_PLACE_PREPOSITIONS = {"in", "at", "near", "into", "inside", "outside", "across", "around"}
#: verbs whose object is a place, never a person ('entered Tell Tamer')
_PLACE_VERBS = {"enter", "capture", "seize", "retake", "storm", "besiege", "shell", "bomb", "occupy", "liberate"}


def classed_as_org(doc, s: int) -> bool:
    """'the rights group the Simon Wiesenthal Center', 'the charity X House': a class noun names the name at s
    an organisation."""
    k = s - 2 if s >= 2 and doc[s - 1].lower_ == "the" else s - 1
    return k >= 0 and doc[k].text.islower() and doc[k].lemma_.lower() in lexicon().org_class_nouns


def demonym_noun(word: str) -> bool:
    """'Welshman', 'Frenchwoman', 'Englishmen': a person of a country, not part of a name."""
    for end in ("man", "woman", "men", "women"):
        if word.endswith(end) and len(word) > len(end) + 3 and geo.demonym_code(word[: -len(end)]):
            return True
    return False


def modifies_named_thing(doc, e: int) -> bool:
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


def class_noun_before(doc, s: int, nouns: frozenset[str]) -> bool:
    """'engineering firm X', 'a group known as X', 'the charity called X': a class noun introduces the name at s."""
    k = s - 1
    if k >= 1 and doc[k].lower_ in ("called", "named"):
        k -= 1
    elif k >= 2 and doc[k].lower_ == "as" and doc[k - 1].lower_ == "known":
        k -= 2
    return k >= 0 and doc[k].text.islower() and (doc[k].lower_ in nouns or doc[k].lemma_.lower() in nouns)


def constituency_slot(doc, s: int, e: int) -> bool:
    """'the MP for Sheffield Hallam', 'the Sheffield Hallam seat': a constituency, not an institution."""
    before = [t.text for t in doc[max(0, s - 2):s]]
    after = doc[e].lower_ if e < len(doc) else ""
    return (len(before) == 2 and before[1].lower() == "for" and before[0] in ("MP", "MSP", "MEP", "AM", "MLA", "TD", "member")) \
        or after in ("seat", "constituency", "by-election", "byelection")


def fragment(doc, s: int, e: int) -> bool:
    """A one-word span cut out of a larger name or compound: 'Oscar-nominated', 'Super Tuesday', 'Sgt Pepper'."""
    if e - s != 1:
        return False
    nxt = doc[e] if e < len(doc) else None
    prev = doc[s - 1] if s > 0 else None
    if nxt is not None and nxt.text in ("-", "–") and e + 1 < len(doc) and doc[e + 1].text[:1].islower():
        return True
    if nxt is not None and not nxt.is_sent_start and nxt.is_alpha and nxt.text[:1].isupper() \
            and role_head_ending_at(doc, nxt.i) is None and nxt.lower_ not in lexicon().org_heads and nxt.pos_ == "PROPN" \
            and nxt.ent_type_ in ("", "DATE", "EVENT", "WORK_OF_ART", "NORP"):
        return True
    return prev is not None and not doc[s].is_sent_start and not prev.is_sent_start and prev.is_alpha \
        and prev.text[:1].isupper() \
        and prev.ent_iob_ == "O" and prev.pos_ == "PROPN" and role_head_ending_at(doc, prev.i) is None \
        and prev.lower_.rstrip(".") not in {h.rstrip(".") for h in lexicon().honorifics}


def org_shaped(doc, s: int, e: int) -> bool:
    """False for NER ORG spans that cannot be an institution's name.

    Lowercase content words ('intra-Africa', 'restraint & ensure'), a people's plural
    ('Gibraltarians'), a geographic feature ('the Amazon rainforest') or the portfolio of a
    title ('Police and Crime Commissioner').
    """
    lex = lexicon()
    toks = [t for t in doc[s:e] if t.is_alpha or "-" in t.text]
    if not toks or not capitalised(toks[0].text):
        return False
    if any(not capitalised(t.text) and t.lower_ not in NAME_FUNCTION_WORDS for t in toks):
        return False
    if e - s == 1 and is_demonym_plural(doc[s].text):
        return False
    nxt = doc[e] if e < len(doc) else None
    if nxt is not None and nxt.lower_ in lex.geo_feature_heads or span_text(doc, s, e) in _geo_feature_names(doc):
        return False
    last = doc[e - 1].lower_
    if is_medium(doc, s, e) or last in lex.event_nouns:
        return False    # a newspaper, or an event ('the G7 Summit')
    if nxt is not None and not doc[s:e].text.isupper() and last not in lex.org_heads | lex.alliance_heads \
            and fold(span_text(doc, s, e)) not in lex.institution_by_key and starts_role_head(doc, e):
        return False
    return True


def org_shaped_place(doc, s: int, e: int) -> bool:
    """A venue or region: capitalised words, not a demonym, acronym, medium or listed non-name, and
    used as a place ('in Kent', 'at Chevening', 'the Downing Street talks') or named like one
    ('… Street', '… House', '… rainforest')."""
    lex = lexicon()
    toks = [t for t in doc[s:e] if t.is_alpha]
    if not toks or not all(capitalised(t.text) or t.lower_ in NAME_FUNCTION_WORDS for t in toks):
        return False
    text = span_text(doc, s, e)
    if e - s == 1 and (is_demonym_plural(doc[s].text) or geo.demonym_code(doc[s].text) or text.isupper()):
        return False
    if text in lex.not_person or fold(text) in lex.not_institutions or is_medium(doc, s, e) \
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


def is_medium(doc, s: int, e: int) -> bool:
    """A newspaper, broadcaster or programme ('the Daily Mail', 'the Independent newspaper', 'told the BBC')."""
    lex = lexicon()
    text = span_text(doc, s, e)
    if fold(text) in lex.institution_by_key:
        return False
    b = e + 1 if e < len(doc) and doc[e].lower_ in ("'s", "’s") else e
    if b < len(doc) and role_head_ending_at(doc, b) is not None and doc[b].is_lower:
        return False   # 'Washington Post columnist X', "CNN's correspondent X": the employer of a person of the story
    if doc[e - 1].lower_ in lex.media_heads or any(t.lower_ in ("radio", "tv", "television") for t in doc[s:e]):
        return True
    if fold(text) in lex.media_names or any(fold(span_text(doc, s, k)) in lex.media_names for k in range(s + 1, e)):
        return True
    owner = doc[s - 2] if s >= 2 and doc[s - 1].lower_ in ("'s", "’s") else None
    if owner is not None and (fold(owner.text) in lex.media_names or owner.text[:1].isupper()
                              and owner.lower_ in lex.media_heads and owner.lower_ not in DAY_WORDS):
        return True   # "ITV's Celebrity Fit Club", "BBC Radio 4's Today": a broadcaster's programme
    near = [t.lower_ for t in doc[max(0, s - 2):s]] + [t.lower_ for t in doc[e:e + 2]]
    return any(w in lex.media_cues for w in near)


def _geo_feature_names(doc) -> set[str]:
    """Names the article uses for geographic features ('Amazon' of 'the Amazon rainforest')."""
    key = "kg_geo_feature_names"
    if key not in doc.user_data:
        heads = lexicon().geo_feature_heads
        names = set()
        for i in positions(doc, heads):
            tok = doc[i]
            if tok.i > 0 and capitalised(doc[tok.i - 1].text):
                k = tok.i - 1
                while k > 0 and capitalised(doc[k - 1].text) and doc[k - 1].is_alpha and not doc[k - 1].is_sent_start:
                    k -= 1
                names.add(span_text(doc, k, tok.i))
        doc.user_data[key] = names
    return doc.user_data[key]


def is_demonym_plural(word: str) -> bool:
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


def person_shaped_place(doc, s: int, e: int) -> bool | None:
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


def _full_name_surnames(doc) -> set[str]:
    """The last words of the personal names the model finds in full ('Soleimani' of 'Qasem Soleimani')."""
    key = "kg_full_name_surnames"
    if key not in doc.user_data:
        doc.user_data[key] = {e[-1].text for e in doc.ents if e.label_ == "PERSON" and len(e) >= 2
                              and all(capitalised(t.text) for t in e)}
    return doc.user_data[key]


def surname_as_place(doc, s: int, e: int) -> bool:
    """One word the model labels a place that is the surname of a person the article names in full, used
    where no place is ('… killed Qasem Soleimani … where Soleimani was arriving'): not in a place's slot
    ('in X', 'entered X'), and no country's or city's name ('George Washington' … 'Washington')."""
    if e - s != 1 or not capitalised(doc[s].text) or doc[s].text not in _full_name_surnames(doc):
        return False
    if _in_place_slot(doc, s, e) or geo.country_code(doc[s].text) or geo.find_city(doc[s].text):
        return False
    return not any(x.label_ == "PERSON" and x.start <= s < x.end for x in doc.ents)


def _place_names(doc) -> set[str]:
    """Names the article uses for places: NER places (not a person's surname used as none), and names in a
    place's slot."""
    key = "kg_place_names"
    if key not in doc.user_data:
        names = {e.text for e in doc.ents if e.label_ in ("GPE", "LOC", "FAC") and not surname_as_place(doc, e.start, e.end)}
        names |= {e.text for e in doc.ents if e.label_ == "PERSON" and _in_place_slot(doc, e.start, e.end)}
        doc.user_data[key] = names
    return doc.user_data[key]


def is_place_slot(doc, s: int, e: int) -> bool:
    """A PERSON span that names a place: in a place's slot ('entered Tell Tamer', 'at Ain Issa'), named as
    a place elsewhere in the article, or coordinated with such a name ('Tell Tamer and Ain Issa')."""
    names = _place_names(doc)
    if span_text(doc, s, e) in names or _in_place_slot(doc, s, e):
        return True
    root = doc[s:e].root
    if root.dep_ == "conj":
        other = next((x for x in doc.ents if x.start <= root.head.i < x.end), None)
        return other is not None and other.text in names
    return False


def classed_firm_word(doc, s: int, e: int) -> bool:
    """One word that opens the name of a firm the article introduces by its class ('Mahan' after 'the
    airline Mahan Air'): a short name of the firm, not a place or a person of that name."""
    key = "kg_classed_firm_words"
    if key not in doc.user_data:
        classes = lexicon().org_class_nouns
        doc.user_data[key] = {x[0].text for x in doc.ents if x.label_ in ("ORG", "FAC") and len(x) >= 2
                              and class_noun_before(doc, x.start, classes)}
    return e - s == 1 and doc[s].text in doc.user_data[key]


def looks_like_person(doc, s: int, e: int) -> bool:
    """An ORG span that is a personal name: a known given name then capitalised words, no institution head."""
    lex = lexicon()
    if classed_as_org(doc, s):
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


def used_as_place(doc, s: int, e: int, also: tuple[str, ...] = ()) -> bool:
    """'from Hartpury, Gloucestershire', 'in Kern': the object of a locative preposition (not 'to the Crown',
    unless `also` admits 'to')."""
    root = doc[s:e].root
    while root.dep_ == "conj" and root.head.i < s:
        root = root.head
    return root.dep_ == "pobj" and root.head.lower_ in ("in", "at", "near", "from", "outside", "inside", "across", *also)


def has_institution_word(doc, f: Found) -> bool:
    """A name with an institution word anywhere ('Church of England', 'Survivors Fund', 'Law Lords')."""
    lex = lexicon()
    words = lex.org_heads | lex.alliance_heads | lex.name_head_words
    _, lemmas = lowers_and_lemmas(doc)
    return any(t.lower_ in words or lemmas[t.i] in words or t.lower_[:-1] in words for t in doc[f.start:f.end]) \
        or any(w in lex.alliance_types for w in fold(f.name).split())


_SPEECH_VERBS = {"say", "tell", "announce", "warn", "claim", "report", "state", "argue", "insist", "confirm", "deny",
                 "urge", "criticise", "criticize", "publish", "estimate", "predict", "call", "demand"}


def org_evidence(doc, f: Found) -> bool:
    """Evidence around one mention that a name is an institution's: a class noun in apposition ('the pressure
    group X', 'the X party'), a tie to its people ('X officials', 'members of X', 'spokesman for X')."""
    lex = lexicon()
    n = len(doc)
    a = f.start - 1
    if a >= 0 and doc[a].lower_ == "the":
        a -= 1
    if a >= 0 and doc[a].text[:1].islower() and (doc[a].lemma_.lower() in lex.org_class_nouns
                                                 or doc[a].lower_ in lex.org_class_nouns) \
            or class_noun_before(doc, f.start, lex.org_class_nouns) or a >= 0 and doc[a].lower_ in lex.party_cue_words:
        return True   # 'victim group X', 'the union X', 'a group known as X', 'the ruling X'
    first = doc[f.start:f.end].root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head   # 'companies such as X, Y and Z': Y and Z are listed as X is
    for a in {a, min(t.i for t in first.subtree if t.i <= first.i) - 1}:
        if a >= 1 and (doc[a].lower_ in ("including", "like") or doc[a].lower_ == "as" and doc[a - 1].lower_ == "such"):
            k = a - 1 if doc[a].lower_ != "as" else a - 2
            if k >= 0 and doc[k].lemma_.lower() in lex.org_class_nouns:
                return True   # 'campaign groups including X', 'unions such as X'
    a = f.start - 1
    if a >= 0 and doc[a].lower_ == "the":
        a -= 1
    b = f.end
    if b < n and doc[b].lower_ in ("'s", "’s", "'", "’"):
        b += 1
    if b < n and doc[b].text[:1].islower() and (doc[b].lemma_.lower() in lex.org_class_nouns
                                                or doc[b].lower_ in lex.org_tie_nouns):
        return True   # 'the X party', 'X officials', "X's members"
    if b < n and doc[b].lower_ in lex.org_tie_nouns | lex.role_heads and role_head_ending_at(doc, b) is not None:
        return True   # 'X spokesman Jeff Evans'
    if is_acronym(f.text) and f.start > 0 and doc[f.start - 1].lower_ == "the" \
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
            or prev.ent_type_ == "PERSON" or role_head_ending_at(doc, prev.i) is not None   # 'members of X', 'Ann Lee, of X'
    return False


def listed_with(doc, f: Found, supported: set[int]) -> bool:
    """'Friends of the Earth, the World Development Movement and …': coordinated with a well-founded organisation."""
    root = doc[f.start:f.end].root
    near = [c for c in root.children if c.dep_ == "conj"] + ([root.head] if root.dep_ == "conj" else [])
    return any(t.i in supported and not f.start <= t.i < f.end for t in near)


def age_follows(doc, e: int) -> bool:
    """'Emily, 16, and Tom, 14 were …': an age in apposition after the name at e marks a person."""
    if e + 1 >= len(doc) or doc[e].text != "," or not doc[e + 1].text.isdigit() or not 0 < int(doc[e + 1].text) < 120:
        return False
    nxt = doc[e + 2] if e + 2 < len(doc) else None
    return nxt is None or nxt.is_punct or nxt.lower_ in ("and", "or") or nxt.pos_ in ("AUX", "VERB")


@cache
def _kinship_nouns() -> frozenset[str]:
    """Nouns of family ties ('wife', 'son-in-law'): names.json kinship_nouns, hyphens and all."""
    return frozenset(load_json("names.json")["kinship_nouns"])


@cache
def kinship_last_words() -> frozenset[str]:
    """The last token of each kinship noun ('law' of 'son-in-law')."""
    return frozenset(n.split("-")[-1] for n in _kinship_nouns())


def kin_before(doc, i: int) -> bool:
    """'his wife Bernadette', "Chirac's son-in-law, Frédéric …": a family tie of someone named or meant
    (a possessive before it) introduces the name at i as a person's."""
    k = i - 1
    if k >= 0 and doc[k].text == ",":
        k -= 1
    lowers = lowers_and_lemmas(doc)[0]
    kin = _kinship_nouns()
    for s in range(k, max(-1, k - 5), -1):
        if "".join(lowers[s:k + 1]) in kin:
            return s > 0 and (doc[s - 1].tag_ == "PRP$" or lowers[s - 1] in ("'s", "’s"))
    return False


def listed_after_title(doc, i: int) -> bool:
    """'Lord Justices Clarke and Rix', 'Lords Bingham, Steyn and Hope': a surname in a list that a plural
    title or honorific opens."""
    k = i - 1
    if k < 1 or doc[k].lower_ not in ("and", ","):
        return False
    while k > 0 and i - k <= 10 and (doc[k].lower_ in ("and", ",") or capitalised(doc[k].text) and doc[k].is_alpha
                                     and not is_role_word(doc[k])):
        k -= 1
    tok = doc[k]
    plural = tok.lower_.endswith("s") and tok.lower_ not in lexicon().role_heads
    return plural and (is_role_word(tok) or tok.lower_ == "lords") and k + 1 < i - 1


