"""Events of a post in the text: a person's post starts, ends or is held, with the dates the clause gives.

``find_events(doc, sents, index, article_date)`` reads, in text order, what verbs and nouns say
happened to a person's post: 'X was appointed (as T) in March 2010', 'X took office on Monday',
'X became T in July', 'X resigned', 'X is to step down', 'the resignation of X', 'Y succeeded X
as T', 'X has been mayor since 1998', 'X served as T from 2008 to 2016'. An event the article
does not report as done ('calls for his resignation', 'refused to resign', 'would resign if')
is none. kg.extract.tenure applies the events to the posts. The words are data
(kg/data/tenure.json); dates resolve against the article's date (kg.extract.dates).
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache

from kg.extract import dates
from kg.extract.facts import STATUSES, EntityRef
from kg.extract.lexicon import load_json
from kg.extract.mention import Found, MentionIndex
from kg.extract.posts import Title, parse_title
from kg.extract.sentences import Sentence
from kg.extract.tokens import positions

#: dependencies that open a clause of its own below a verb (its dates are not the verb's)
_OTHER_CLAUSE = frozenset({"relcl", "ccomp", "advcl", "acl", "csubj", "parataxis", "xcomp", "conj", "pcomp"})
#: what a date range inside one expression is split on ('from 2008 to 2016', 'between 1977 and 1995')
_RANGE = re.compile(r"^(?:from\s+|between\s+)?(.+?)\s*(?:\bto\b|\buntil\b|\btill\b|\band\b|[-–—])\s*(.+)$", re.I)
_START_PREPS = frozenset({"since", "from"})
_END_PREPS = frozenset({"until", "till", "til", "to", "through"})
_SKIP_PREPS = frozenset({"by", "before", "after", "within", "for", "over", "around"})


@dataclass(frozen=True)
class TenureWords:
    """The vocabulary of kg/data/tenure.json."""

    status_words: dict[str, str]
    status_rank: tuple[str, ...]
    start_verbs: dict[str, frozenset[str]]
    appoint_verbs: dict[str, frozenset[str]]
    end_verbs: dict[str, frozenset[str]]
    remove_verbs: dict[str, frozenset[str]]
    succession_verbs: frozenset[str]
    hold_verbs: dict[str, frozenset[str]]
    office_nouns: frozenset[str]
    start_nouns: frozenset[str]
    end_nouns: frozenset[str]
    blocked_by: frozenset[str]
    future_heads: frozenset[str]
    done_heads: frozenset[str]
    past_adverbs: frozenset[str]
    death_verbs: frozenset[str]
    death_nouns: frozenset[str]
    after_death_nouns: frozenset[str]


@cache
def tenure_words() -> TenureWords:
    """The tenure vocabulary, loaded once."""
    data = load_json("tenure.json")

    def verbs(key: str) -> dict[str, frozenset[str]]:
        return {lemma: frozenset(needs) for lemma, needs in data[key].items()}

    status_words = {w.lower(): s for w, s in data["status_words"].items()}
    unknown = set(status_words.values()) - set(STATUSES)
    if unknown:
        raise ValueError(f"kg/data/tenure.json: unknown statuses {sorted(unknown)}")
    return TenureWords(
        status_words, tuple(data["status_rank"]), verbs("start_verbs"), verbs("appoint_verbs"),
        verbs("end_verbs"), verbs("remove_verbs"), frozenset(data["succession_verbs"]), verbs("hold_verbs"),
        *(frozenset(data[k]) for k in ("office_nouns", "start_nouns", "end_nouns", "blocked_by",
                                       "future_heads", "done_heads", "past_adverbs", "death_verbs",
                                       "death_nouns", "after_death_nouns")))


@dataclass
class TenureEvent:
    """Something the text says about a person's post: it started, ended, or was held (with dates)."""

    person: EntityRef
    kind: str                          #: "start", "end" or "hold"
    sentence: Sentence
    future: bool = False
    over: bool = False                 #: a holding told as over ('served as T', 'was previously T', '… until 2014')
    title: Title | None = None         #: the post it names ('as Foreign Secretary'), if any
    institution: EntityRef | None = None   #: 'resigned from the cabinet': the post's institution
    dates: dict[str, str] = field(default_factory=dict)   #: "at", "since", "until"
    more_titles: tuple[Title, ...] = ()   #: titles coordinated with the first ('became leader of X and prime minister')


# -- reading the words around a verb or a noun -------------------------------------------------


def _prep_of(doc, ent) -> str:
    """The preposition that introduces a date expression ('since 1998' → 'since'), '' if none."""
    root = ent.root
    if root.dep_ == "pobj":
        return root.head.lower_
    before = doc[ent.start - 1] if ent.start > 0 else None
    return before.lower_ if before is not None and before.pos_ in ("ADP", "SCONJ") else ""


def in_clause(tok, head, *, through_nouns: bool = False) -> bool:
    """Is `tok` a word of `head`'s own clause, not of a clause below it nor (unless `through_nouns`)
    of another noun ('sworn in following the August 2 resignation of X': the date is the resignation's)?"""
    t = tok
    for _ in range(12):
        if t.i == head.i:
            return True
        if t.head.i == t.i or t.dep_ in _OTHER_CLAUSE:
            return False
        t = t.head
        if not through_nouns and t.i != head.i and t.pos_ in ("NOUN", "PROPN") and not _names_the_post(t):
            return False
    return False


def _names_the_post(tok) -> bool:
    """The title a verb names: 'has been mayor (since 1998)', 'served as mayor (from 2008)'."""
    return tok.dep_ in ("attr", "oprd") or tok.dep_ == "pobj" and tok.head.lower_ == "as"


def clause_dates(doc, sent: Sentence, head, ref: dt.date | None, future: bool) -> dict[str, str]:
    """The dates of `head`'s clause by their role: 'at' (in/on/none), 'since' (since/from), 'until'."""
    found: dict[str, str] = {}
    for ent in date_spans(doc, sent):
        if not in_clause(ent.root, head):
            continue
        prep = _prep_of(doc, ent)
        if prep in _SKIP_PREPS:
            continue
        text = ent.text
        rng = _RANGE.match(text) if prep not in _END_PREPS else None
        if rng and prep in ("", "from", "between"):
            first = dates.resolve(rng.group(1), ref, future=future, past=not future)
            last = dates.resolve(rng.group(2), ref, future=future, past=not future)
            if first and last:
                found.setdefault("since", first)
                found.setdefault("until", last)
                continue
        value = dates.resolve(text, ref, future=future, past=not future)
        if not value:
            continue
        role = "since" if prep in _START_PREPS else "until" if prep in _END_PREPS else "at"
        if len(value) > len(found.get(role, "")):
            found[role] = value          # 'next month on August 2': the most precise
    return found


def date_spans(doc, sent: Sentence) -> list:
    """The date expressions of a sentence: the model's DATE entities, and the bare years it leaves out
    ('from 2008 to 2016': the model often takes only the first)."""
    spans = [ent for ent in doc.ents if ent.label_ == "DATE" and sent.start <= ent.start < sent.end]
    taken = {i for ent in spans for i in range(ent.start, ent.end)}
    for tok in doc[sent.start:sent.end]:
        if tok.i not in taken and tok.dep_ == "pobj" and re.fullmatch(r"(?:1[89]|20)\d\d", tok.text):
            spans.append(doc[tok.i:tok.i + 1])
    return spans


def _blocked(tok) -> bool:
    """An event the article does not report as done: negated, wished for, called for, in an 'if'
    clause ('did not resign', 'calls for his resignation', 'refused to step down')."""
    w = tenure_words()
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "pobj" and tok.head.lower_ == "for":
        return True          # 'called for / pressed for / asked for the resignation of X'
    t = tok
    for _ in range(5):
        if any(c.dep_ == "neg" or c.dep_ == "mark" and c.lower_ in w.blocked_by for c in t.children):
            return True
        if t is not tok and (t.lemma_.lower() in w.blocked_by or t.lower_ in w.blocked_by
                             or any(c.dep_ == "dobj" and c.lemma_.lower() in w.blocked_by for c in t.children)):
            return True      # 'renewed their calls for …'
        if t.head.i == t.i or t.dep_ not in ("xcomp", "ccomp", "pobj", "prep", "dobj", "nsubjpass", "advcl", "acomp"):
            return False
        t = t.head
    return False


def _tense(verb) -> tuple[bool, bool, bool] | None:
    """(future, past, perfect) of a verb told as a fact or a plan; None for one that is neither
    (an infinitive or a participle of another verb: 'refused to resign', 'resigning in protest')."""
    w = tenure_words()
    if verb.tag_ == "VBG" and verb.dep_ == "pcomp" and verb.head.lower_ == "with" and verb.head.head.pos_ in ("VERB", "AUX") \
            and any(c.dep_ == "nsubj" for c in verb.children):
        return _tense(verb.head.head)   # 'X is to step down, with Y succeeding her as T': told as its clause is
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if aux & {"will", "shall", "'ll"}:
        return True, False, False
    if "to" in aux:
        head = verb.head
        if verb.dep_ == "xcomp" and head.i != verb.i:
            if head.lemma_.lower() in w.done_heads and head.tag_ in ("VBN", "VBD"):
                return False, True, False            # 'was forced to resign'
            if head.lemma_.lower() in w.future_heads or head.lower_ in w.future_heads:
                return True, False, False            # 'is to step down', 'is due to take office'
        return None
    if aux & {"would", "could", "might", "may", "should", "must", "can"}:
        return None
    perfect = bool(aux & {"has", "have", "'s", "'ve"}) and verb.tag_ == "VBN"
    if verb.tag_ in ("VBD", "VBZ", "VBP") or verb.tag_ == "VBN" and aux:
        return False, True, perfect
    if verb.tag_ == "VBN" and verb.dep_ == "acl":     # 'X, appointed in 2010, …'
        return False, True, False
    if verb.tag_ == "VBN" and verb.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in verb.children):
        return False, True, False                     # 'Y appointed X as T' tagged a participle: a past verb
    return None


def _needs_met(verb, needs: frozenset[str]) -> bool:
    """Does the verb have the particle or object that gives it its sense here ('step down', 'took office')?"""
    if not needs:
        return True
    for c in verb.children:
        if c.dep_ in ("prt", "dobj", "prep", "attr", "oprd", "advmod") and (c.lower_ in needs or c.lemma_.lower() in needs):
            return True
        if c.dep_ == "prep" and any(g.dep_ == "pobj" and g.lemma_.lower() in needs for g in c.children):
            return True   # 'came to power'
        if c.dep_ in needs:
            return True   # 'named him foreign minister': an object predicate
    return False


def _person(tok, index: MentionIndex) -> Found | None:
    """The person a word stands for (a name, or a pronoun or relative 'who' resolved to one)."""
    if tok.lower_ in ("who", "whom") and tok.i > 0:
        k = tok.i - 2 if tok.i > 1 and _text_at(tok, -1) == "," else tok.i - 1
        before = index.at(k)
        if before is not None and before.kind == "person" and before.end == k + 1:
            return before   # 'with Mike Pompeo who is the secretary of state', whatever the parser hung it on
    if tok.lower_ in ("who", "whom", "that") and tok.head.dep_ == "relcl":
        tok = tok.head.head
    m = index.at(tok.i)
    if m is None and tok.pos_ == "NOUN":   # 'the now-former governor Pierluisi was sworn in'
        m = next((index.at(c.i) for c in tok.children if c.dep_ == "appos" and index.at(c.i) is not None), None)
    return m if m is not None and m.kind == "person" else None


def _text_at(tok, offset: int) -> str:
    """The text of the token `offset` places from `tok`."""
    return tok.doc[tok.i + offset].text


def _subject(verb, passive: bool = False):
    """The subject of a verb, climbing from 'is to step down' / a coordinated verb to the one that has it."""
    deps = ("nsubjpass",) if passive else ("nsubj",)
    t = verb
    for _ in range(3):
        for c in t.children:
            if c.dep_ in deps:
                return c
        if t.dep_ == "relcl" and (not passive or any(c.dep_ == "auxpass" for c in t.children)):
            return t.head
        if t.dep_ == "acl" and passive:
            return t.head            # 'X, appointed in 2010'
        if t.dep_ not in ("xcomp", "conj") or t.head.i == t.i:
            return None
        t = t.head
    return None


def _title_after(doc, tok, index: MentionIndex) -> Title | None:
    """The post a word introduces: the object of 'as', the predicate of 'became'/'appointed him'."""
    start, end = tok.left_edge.i, tok.right_edge.i + 1
    while start >= 2 and doc[start - 1].text in ("-", "–") and not doc[start - 1].whitespace_ \
            and not doc[start - 2].whitespace_ and doc[start - 2].is_alpha:
        start -= 1     # 'became vice-president': the parser hangs 'vice' elsewhere, the prefix is the title's
    for k in range(start, end):
        if doc[k].ent_type_ == "DATE" or doc[k].text in (",", ";", "(", ")") or doc[k].lower_ in ("since", "until", "from", "in", "on", "after", "before") and k > start:
            end = k
            break
    for e in range(end, start, -1):
        if e < end and doc[e - 1].dep_ in ("compound", "amod", "nmod", "poss") and doc[e - 1].head.i >= e:
            continue   # 'chairmen of the House | 's committees': never cut inside a noun phrase
        title = parse_title(doc, start, e, index)
        if title is not None:
            return title
    return None


def _more_titles(doc, verb, index: MentionIndex) -> tuple[Title, ...]:
    """The titles coordinated with the one a verb names: 'became leader of X and prime minister'."""
    for c in verb.children:
        word = c if c.dep_ in ("attr", "oprd") else next((g for g in c.children if g.dep_ == "pobj"), None) \
            if c.dep_ == "prep" and c.lower_ == "as" else None
        if word is not None:
            titles = (_title_after(doc, conj, index) for conj in word.conjuncts if conj.i > word.i)
            return tuple(t for t in titles if t is not None)
    return ()


def _event_title(doc, verb, index: MentionIndex) -> tuple[Title | None, EntityRef | None]:
    """The post a verb names ('resigned as T', 'became T', 'appointed him T') and the institution of
    'resigned from the cabinet'."""
    institution = None
    for c in verb.children:
        if c.dep_ in ("attr", "oprd"):
            title = _title_after(doc, c, index)
            if title is not None:
                return title, None
        if c.dep_ == "prep" and c.lower_ == "as":
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None:
                title = _title_after(doc, obj, index)
                if title is not None:
                    return title, None
        if c.dep_ == "prep" and c.lower_ == "from":
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            m = index.at(obj.i) if obj is not None else None
            if m is not None and m.kind in ("organization", "country"):
                institution = m.ref
    return None, institution


def _verb_events(doc, verb, sent: Sentence, index: MentionIndex, ref: dt.date | None) -> list[TenureEvent]:
    """The events a verb reports, one per person it starts or ends a post of."""
    w = tenure_words()
    lemma = verb.lemma_.lower()
    groups = [(w.start_verbs, "start", "subject"), (w.appoint_verbs, "start", "object"),
              (w.end_verbs, "end", "subject"), (w.remove_verbs, "end", "object"), (w.hold_verbs, "hold", "subject")]
    roles: list[tuple[str, str]] = []
    for table, kind, who in groups:
        if lemma in table and _needs_met(verb, table[lemma]):
            roles.append((kind, who))
    if lemma in w.succession_verbs:
        roles += [("start", "subject"), ("end", "object")]
    if not roles or _blocked(verb):
        return []
    tense = _tense(verb)
    if tense is None:
        return []
    future, past, perfect = tense
    passive = any(c.dep_ == "auxpass" for c in verb.children) or verb.dep_ == "acl" and verb.tag_ == "VBN"
    title, institution = _event_title(doc, verb, index)
    if title is None and _names_something(verb):
        roles = [(k, who) for k, who in roles if k == "end"]   # 'became a father in 2010': no post
    when = clause_dates(doc, sent, verb, ref, future)
    if ("end", "subject") in roles and not _ends_an_office(doc, verb, title, institution, index):
        roles = [(k, who) for k, who in roles if (k, who) != ("end", "subject")]
    events = []
    for kind, who in roles:
        if lemma in w.succession_verbs and passive:
            if who == "object":
                continue
            kind, tok = "end", _subject(verb, passive=True)     # 'X was succeeded by Y': X's post ended
        elif who == "subject":
            tok = None if passive else _subject(verb)
        else:
            tok = _subject(verb, passive=True) if passive else next((c for c in verb.children if c.dep_ == "dobj"), None) \
                or next((c for c in verb.children if c.dep_ == "oprd" and _person(c, index) is not None), None)
        person = _person(tok, index) if tok is not None else None
        if person is not None:
            over = kind == "hold" and past and not perfect and verb.tag_ in ("VBD", "VBN") and (
                lemma == "serve" or bool(when.get("until")) or _said_before(verb))   # not 'who serve as T'
            more = _more_titles(doc, verb, index) if title is not None else ()
            for ref in (person.ref, *_coordinated_antecedents(doc, tok, verb, person, index)):
                events.append(TenureEvent(ref, kind, sent, future, over, title, institution, dict(when), more))
    return events


def _coordinated_antecedents(doc, tok, verb, person: Found, index: MentionIndex) -> list[EntityRef]:
    """'X, Y, and Z, who serve as chairmen': the people coordinated with the one a plural 'who' follows."""
    if tok.lower_ != "who" or verb.tag_ != "VBP" or person.end != tok.i and doc[tok.i - 1].text != ",":
        return []
    head = doc[person.end - 1]
    out: list[EntityRef] = []
    for t in head.conjuncts:
        m = index.at(t.i)
        if m is not None and m.kind == "person" and m.ref != person.ref and m.ref not in out:
            out.append(m.ref)
    return out


def _names_something(verb) -> bool:
    """Does the verb name what its subject became or served as ('became a father', 'served as a
    witness')? Then, when that is no title, the event is about no post."""
    return any(c.dep_ in ("attr", "oprd") or c.dep_ == "prep" and c.lower_ == "as" for c in verb.children)


def _ends_an_office(doc, verb, title: Title | None, institution: EntityRef | None, index: MentionIndex) -> bool:
    """'resigned', 'resigned as T', 'quit the cabinet', 'left office' end a post; 'quit Twitter', 'retired
    from football', 'resigned his membership' do not."""
    if title is not None or institution is not None:
        return True
    w = tenure_words()
    for c in verb.children:
        obj = c if c.dep_ == "dobj" else next((g for g in c.children if g.dep_ == "pobj"), None) \
            if c.dep_ == "prep" and c.lower_ == "from" else None
        if obj is not None and obj.lemma_.lower() not in w.office_nouns:
            m = index.at(obj.i)
            if m is None or m.kind not in ("organization", "country"):
                return False
    return True


def _noun_events(doc, noun, sent: Sentence, index: MentionIndex, ref: dt.date | None) -> list[TenureEvent]:
    """'the resignation of X', "X's appointment as T", 'his resignation on Monday'."""
    w = tenure_words()
    low = noun.lemma_.lower()
    kind = "end" if low in w.end_nouns else "start" if low in w.start_nouns else None
    if kind is None or _blocked(noun):
        return []
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        owner = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
    person = _person(owner, index) if owner is not None else None
    if person is None:
        return []
    title, institution = _event_title(doc, noun, index)
    when = clause_dates(doc, sent, noun, ref, False)
    future = bool(ref and when.get("at") and len(when["at"]) == 10 and when["at"] > ref.isoformat())
    return [TenureEvent(person.ref, kind, sent, future, False, title, institution, when)]


def find_events(doc, sents: list[Sentence], index: MentionIndex, ref: dt.date | None) -> list[TenureEvent]:
    """Every start, end or holding of a post the text reports, in text order."""
    w = tenure_words()
    verbs = set(w.start_verbs) | set(w.appoint_verbs) | set(w.end_verbs) | set(w.remove_verbs) \
        | w.succession_verbs | set(w.hold_verbs)
    nouns = w.end_nouns | w.start_nouns
    starts = [s.start for s in sents]
    events: list[TenureEvent] = []
    for i in positions(doc, verbs | nouns | {"be"}, lemmas=True):
        tok = doc[i]
        k = bisect_right(starts, i) - 1
        sent = sents[k] if k >= 0 and i < sents[k].end else None
        if sent is None:
            continue
        low = tok.lemma_.lower()
        if low == "be":
            if any(c.dep_ == "attr" for c in tok.children):
                events += _copula_events(doc, tok, sent, index, ref)
        elif tok.pos_ in ("VERB", "AUX") and low in verbs:
            events += _verb_events(doc, tok, sent, index, ref)
        elif tok.pos_ in ("NOUN", "PROPN") and low in nouns:
            events += _noun_events(doc, tok, sent, index, ref)
    return events


def _copula_events(doc, verb, sent: Sentence, index: MentionIndex, ref: dt.date | None) -> list[TenureEvent]:
    """'X has been mayor since 1998', 'X was mayor from 2008 to 2016', 'X is the mayor': a post held, with the
    dates the clause gives (none: a holding that changes no date, but states the post)."""
    attr = next(c for c in verb.children if c.dep_ == "attr")
    title = _title_after(doc, attr, index)
    tense = _tense(verb)
    subject = _subject(verb)
    person = _person(subject, index) if subject is not None else None
    if title is None or tense is None or person is None or _blocked(verb):
        return []
    future, past, perfect = tense
    when = clause_dates(doc, sent, verb, ref, future)
    before = _said_before(verb)
    over = past and not perfect and verb.tag_ in ("VBD", "VBN") and (bool(when.get("until")) or before)
    return [TenureEvent(person.ref, "hold", sent, future, over, title, None, when, _more_titles(doc, verb, index))]


def _said_before(verb) -> bool:
    """'X was previously T', 'X had once held the post': a holding told as over."""
    return any(c.dep_ == "advmod" and c.lower_ in tenure_words().past_adverbs for c in verb.children)
