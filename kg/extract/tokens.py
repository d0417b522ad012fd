"""Token utilities every extractor shares: per-Doc word lists, span text, word shapes, role heads.

spaCy's Token objects are costly to make, and `doc.text` and Spans are rebuilt on each access:
hot paths look words up in per-Doc lists read once (`token_lists`) and kept in `doc.user_data`.
"""
from __future__ import annotations

from functools import cache

from kg.extract.lexicon import lexicon
from kg.text import MONTH_NAMES, WEEKDAY_NAMES

#: quotation marks, straight and typographic
QUOTES = "\"“”‘’'«»"
#: lowercase words allowed inside an organisation's name
NAME_FUNCTION_WORDS = frozenset({"of", "for", "and", "the", "on", "against", "in", "de", "du", "des", "la", "le", "el",
                                 "al", "del", "der", "von", "van", "y", "et", "to", "at", "&"})
#: words that name a day: a name ends before 'on Wednesday', 'since March', 'until tomorrow'
DAY_WORDS = frozenset({*WEEKDAY_NAMES, *MONTH_NAMES, "yesterday", "today", "tomorrow", "tonight"})
#: honorifics written before a name without a comma ('Court of Appeal Mr Straw'), lowercase without the dot
SHORT_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "mx"})


def token_lists(doc) -> tuple[list[str], list[str], list[str], list[str]]:
    """Each token's text, text with whitespace, lower_ and lower-cased lemma_, read in one pass per Doc."""
    cached = doc.user_data.get("kg_token_lists")
    if cached is None:
        texts, tws, lowers, lemmas = [], [], [], []
        for t in doc:
            texts.append(t.text)
            tws.append(t.text_with_ws)
            lowers.append(t.lower_)
            lemmas.append(t.lemma_.lower())
        cached = doc.user_data["kg_token_lists"] = (texts, tws, lowers, lemmas)
    return cached


def texts(doc) -> list[str]:
    """Each token's text."""
    return token_lists(doc)[0]


def span_text(doc, start: int, end: int) -> str:
    """Tokens start..end as text, whitespace collapsed."""
    return " ".join("".join(token_lists(doc)[1][start:end]).split())


def lowers_and_lemmas(doc) -> tuple[list[str], list[str]]:
    """Each token's lower_ and lower-cased lemma_, computed once per Doc."""
    lists = token_lists(doc)
    return lists[2], lists[3]


def positions(doc, words, *, lemmas: bool = False) -> list[int]:
    """Indices of the tokens whose lower-cased text (or lemma) is one of `words` (no Token objects made)."""
    lowers, lems = lowers_and_lemmas(doc)
    if lemmas:
        return [i for i, (w, lem) in enumerate(zip(lowers, lems)) if w in words or lem in words]
    return [i for i, w in enumerate(lowers) if w in words]


# --------------------------------------------------------------------------- word shapes


def elided_particle(word: str) -> bool:
    """A name word opened by an elided particle: "d'Estaing", "dell'Utri" (not "don't", "l'amour")."""
    head, sep, rest = word.replace("’", "'").partition("'")
    return bool(sep) and head.lower() in ("d", "l", "dell", "dall", "degli", "della") and rest[:1].isupper()


def capitalised(word: str) -> bool:
    """'Qaeda', 'al-Qaeda', 'el-Sisi', "d'Estaing" are capitalised; 'intra-Africa', 'restraint' are not."""
    if elided_particle(word):
        return True
    if word[:1].isupper():
        last = word.rsplit("-", 1)[-1]
        return "-" not in word or not last[:1].islower() or last in ("in", "on", "of", "de", "la", "le")
    head, sep, rest = word.partition("-")
    return bool(sep) and head in ("al", "el", "ad", "as", "ash", "an", "ibn", "bin", "abu") and rest[:1].isupper()


def is_acronym(text: str) -> bool:
    """'EU', 'AfCFTA', 'U.N.': one short word with at least two capitals."""
    word = text.replace(".", "")
    return " " not in word and 2 <= len(word) <= 10 and sum(c.isupper() for c in word) >= 2


def acronym_of(acronym: str, name: str) -> bool:
    """'EU' ~ 'European Union', 'UKIP' ~ 'UK Independence Party', 'CPD' ~ 'Commission on Presidential Debates'."""
    short = acronym.replace(".", "").upper()
    words = [w for w in name.replace("-", " ").split() if w[:1].isupper()]
    letters = [w if w.isupper() and len(w) <= 3 else w[0] for w in words]
    for start in range(len(letters)):
        if "".join(letters[start:]).upper() == short and len(short) >= 2 and (start == 0 or len(short) >= 3):
            return True
        if "".join(w[0] for w in words[start:]).upper() == short and len(short) >= 2 and (start == 0 or len(short) >= 3):
            return True
    if len(short) >= 3 and len(words) >= 4 and words[-1].lower() in lexicon().org_heads:
        return "".join(w[0] for w in words[:-1]).upper() == short   # 'PCS' ~ 'Public and Commercial Services Union'
    return False


#: characters an editor puts around a letter changed in a quotation
_BRACKETS = "[](){}"


def is_name_token(tok) -> bool:
    """A token that can stand in a personal name: capitalised, a particle ('de', 'bin'), a hyphen or apostrophe;
    never a word with an editor's bracket in it ('[W]e must', '[S]e concluye')."""
    t = tok.text
    return bool(t) and (t[0].isupper() or t.lower() in lexicon().particles or t in ("-", "'") or elided_particle(t)) \
        and not tok.like_num and not any(c in t for c in _BRACKETS)


# --------------------------------------------------------------------------- role heads on tokens


@cache
def role_head_last_words() -> frozenset[str]:
    """The last word of every role head ('general' of 'attorney general')."""
    return frozenset(h.split()[-1] for h in lexicon().role_heads)


def _last_word_forms(word: str, lemma: str) -> set[str]:
    """A token's word, its lemma and, for a plural the lemmatizer left alone ('Justices' as a proper noun),
    its singular."""
    forms = {word, lemma}
    if word.endswith("s") and len(word) > 3:
        forms.add(word[:-1])
    return forms


def role_head_ending_at(doc, i: int) -> str | None:
    """The role head phrase ending at token i ('President', 'Presidents', 'Attorney General'), if any."""
    lex = lexicon()
    lowers, lemmas = lowers_and_lemmas(doc)
    forms = _last_word_forms(lowers[i], lemmas[i])
    if not forms & role_head_last_words():
        return None
    for n in (4, 3, 2, 1):
        if i - n + 1 < 0:
            continue
        words = lowers[i - n + 1:i + 1]
        for last in forms:
            phrase = " ".join(words[:-1] + [last])
            if phrase in lex.role_heads:
                return phrase
    return None


def is_role_word(tok) -> bool:
    """A one-word title, also in the plural ('Justice', 'Justices', 'Presidents')."""
    w = tok.lower_
    return w in lexicon().role_heads or tok.text[:1].isupper() and bool(
        _last_word_forms(w, tok.lemma_.lower()) & lexicon().role_heads)


def starts_role_head(doc, i: int) -> bool:
    """True when a capitalised role head starts at token i ('Commissioner', 'Chief Constable')."""
    lex = lexicon()
    for n in (3, 2, 1):
        if i + n <= len(doc) and " ".join(t.lower_ for t in doc[i:i + n]) in lex.role_heads:
            return doc[i].text[:1].isupper()
    return False


def joined_by(verb) -> bool:
    """'was joined by A and B': a passive joining verb with its agent."""
    return verb.lemma_.lower() in lexicon().join_verbs and any(c.dep_ == "auxpass" for c in verb.children) \
        and any(c.dep_ == "agent" for c in verb.children)


def joined_group(verb):
    """The noun a 'which was joined by A and B' clause is about: the noun it hangs off, or — when the parser
    hung it off a place, which nobody joins — the group whose clause names that place ('a naval coalition to
    patrol the Persian Gulf which was joined by …')."""
    owner = verb.head
    if owner.ent_type_ in ("GPE", "LOC", "FAC") and owner.dep_ in ("dobj", "pobj"):
        t = owner.head.head if owner.dep_ == "pobj" else owner.head
        if t.dep_ in ("acl", "relcl") and t.head.pos_ == "NOUN":
            return t.head
    return owner
