"""Tenure: when a person holds a post, and in what status, from what the text says around it.

For the posts that kg.extract.posts found, it reads:

- the status: the title's own words ('former', 'ex-', 'the then', 'the late', 'acting', 'interim',
  'outgoing', '-elect', '-designate', 'incoming') and what the text says happened to the holder
  ('X resigned', 'the resignation of X', 'X was ousted', 'X is to step down', 'Y succeeded X as T');
- the start and end the text gives: 'was appointed in March 2010', 'took office on Monday',
  'has been mayor since 1998', 'served as mayor from 2008 to 2016', 'which he served as until 2018',
  'stepped down last week', 'will take over on 1 July';
- the observed date: the article's date for a post stated as current, or the past date of the
  event its sentence tells ('In 2003, Prime Minister X sent troops').

A former post is not observed as held; a post whose stated end is before the article's date is a
former one, one whose stated start is after it an incoming one. Relative dates resolve against the
article's date (kg.extract.dates); an article without a date gets no relative date and no observed
date. The words are data (kg/data/tenure.json).
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import replace

from kg.extract.facts import Post
from kg.extract.lexicon import lexicon
from kg.extract.mention import Found, MentionIndex
from kg.extract.normalize import slug
from kg.extract.posts import Title
from kg.extract.sentences import Sentence
from kg.extract import dates
from kg.extract.tenure_events import TenureEvent, clause_dates, date_spans, find_events, in_clause, tenure_words

#: statuses of a post that is held at the time it is reported (the others are not held then)
SERVING = frozenset({"", "acting", "interim", "caretaker", "outgoing"})
#: statuses of a post chosen but not yet taken up
NOT_YET = frozenset({"elect", "designate", "incoming"})

# -- applying the events to the posts --------------------------------------------------------------


def _words(role: str) -> list[str]:
    return [w for w in slug(role).split("-") if w not in ("of", "for", "the", "and")]


def _same_post(title: Title, post: Post) -> bool:
    """Does a title the text gives ('as prime minister') name this post ('Prime Minister' of X)?"""
    a, b = _words(title.role), _words(post.role)
    if not a or not b or a[-1] != b[-1] and a[0] != b[0]:
        return False
    if not (set(a) <= set(b) or set(b) <= set(a)):
        return False
    return title.organization is None or post.organization is None or title.organization == post.organization


def _targets(event: TenureEvent, posts: list[Post], sentence_of: dict[int, int]) -> list[int]:
    """The posts (indices) an event is about: the one it names, else the person's post stated in the
    same sentence, else the person's only post, else (an end) all the person's current posts."""
    own = [i for i, p in enumerate(posts) if p.person == event.person]
    if event.title is not None:
        return [i for i in own if _same_post(event.title, posts[i])]
    if event.institution is not None:
        return [i for i in own if posts[i].organization == event.institution]
    here = [i for i in own if sentence_of.get(posts[i].evidence.start) == event.sentence.index]
    if here or event.kind != "end":
        return here          # 'X, who was elected in 1997': a start of what the sentence does not say
    if len(own) == 1:
        return own
    return [i for i in own if posts[i].status in SERVING]


def _rank(status: str) -> int:
    order = tenure_words().status_rank
    return order.index(status) if status in order else len(order)


def _stronger(a: str, b: str) -> str:
    """The status that wins when one article gives a holding two ('former' over 'acting')."""
    return a if _rank(a) <= _rank(b) else b


def _titled_former(post: Post) -> bool:
    """Does the title itself say the post was held before ('former minister X')?"""
    words = tenure_words().status_words
    return any(words.get(q.lower().rstrip("-")) == "former" and q.lower() != "then" for q in post.qualifiers)


def _apply(post: Post, event: TenureEvent) -> Post:
    """The post as an event leaves it: its start, end and status."""
    start, end, status = post.start, post.end, post.status
    at = event.dates.get("at")
    if event.kind == "start":
        start = start or event.dates.get("since") or at
        if event.future and not status:
            status = "incoming"
    elif event.kind == "end":
        if event.title is None and event.institution is None and _titled_former(post):
            return post      # 'former minister X resigned from …': another thing ended
        end = end or event.dates.get("until") or at
        status = _stronger("outgoing" if event.future else "former", status) if status not in NOT_YET else status
    else:
        start = start or event.dates.get("since")
        end = end or event.dates.get("until")
        if event.over:
            status = _stronger("former", status) if status not in NOT_YET else status
    return replace(post, start=start, end=end, status=status)


# -- statuses from the title's words ---------------------------------------------------------------


def _temporal_then(doc, sent: Sentence | None, holders: list[Found]) -> bool:
    """'the then Foreign Secretary X', 'X, the then chair', 'then-President X': 'then' dates the title
    (not 'and then President X spoke')."""
    if sent is None:
        return False

    def dated(k: int) -> bool:
        joined = k + 1 < len(doc) and doc[k + 1].text in ("-", "–") and not doc[k].whitespace_
        return joined or k > sent.start and doc[k - 1].lower_ in ("the", "'s", "’s", "his", "her", "their", "its")

    for m in holders:
        window = list(range(m.start - 1, max(sent.start, m.start - 8) - 1, -1))
        if m.end < sent.end and doc[m.end].text == ",":
            window += list(range(m.end + 1, min(sent.end, m.end + 6)))
        for k in window:
            if doc[k].lower_ == "then":
                if dated(k):
                    return True
            elif doc[k].is_punct and doc[k].text not in ("-", "–"):
                if k > m.start:
                    break
                window = [x for x in window if x > m.start]
    return False


def _title_words(doc, sent: Sentence | None, holders: list[Found], index: MentionIndex) -> list[str]:
    """Status words in the run of title words right before the holder's name ('the late Alabama
    Governor X', where the title read is only 'Governor'); 'late' only after a determiner ('the late')."""
    if sent is None:
        return []
    w = tenure_words()
    lex = lexicon()
    found = []
    for m in holders:
        k = m.start - 1
        while k >= max(sent.start, m.start - 7):
            tok = doc[k]
            other = index.at(k)
            if other is not None and other.kind == "person" and other.ref != m.ref or tok.lower_ in ("'s", "’s"):
                break
            low = tok.lower_
            if low in w.status_words:
                if low != "late" or k > sent.start and doc[k - 1].lower_ in ("the", "his", "her", "their", "its"):
                    found.append(low)
            elif not (tok.is_alpha and tok.text[:1].isupper() or low in lex.role_modifiers or low in lex.role_heads
                      or tok.text in ("-", "–")):
                break
            k -= 1
    return found


def _title_status(doc, post: Post, sent: Sentence | None, holders: list[Found], index: MentionIndex) -> str:
    """The status the title's own words give ('former', 'acting', '-elect'…), the strongest of them."""
    w = tenure_words()
    status = ""
    for q in (*post.qualifiers, *_title_words(doc, sent, holders, index)):
        s = w.status_words.get(q.lower().rstrip("-"), "")
        if q.lower() == "then" and not _temporal_then(doc, sent, holders):
            continue
        if s:
            status = _stronger(s, status) if status else s
    return status


def _merge_head_roles(posts: list[Post]) -> list[Post]:
    """'Secretary' beside 'Secretary of Justice' for one person is one post, stated by its head word:
    the shorter one is dropped and its status carried over ('then-Secretary X' after 'Secretary of
    Justice X')."""
    keys = [slug(p.role) for p in posts]
    out: list[Post] = []
    drop: set[int] = set()
    carry: dict[int, str] = {}
    for i, p in enumerate(posts):
        for j, q in enumerate(posts):
            if i == j or p.person != q.person or j in drop:
                continue
            if keys[j].startswith(keys[i] + "-of-") or keys[j].startswith(keys[i] + "-for-"):
                if p.organization is None or p.organization == q.organization:
                    drop.add(i)
                    if p.status:
                        carry[j] = _stronger(p.status, carry.get(j) or q.status) if (carry.get(j) or q.status) else p.status
                    break
    for i, p in enumerate(posts):
        if i in drop:
            continue
        out.append(replace(p, status=carry[i]) if i in carry else p)
    return out


# -- the whole reading ------------------------------------------------------------------------------


def _before(iso: str, ref: dt.date) -> bool:
    """Is a date (any precision) wholly before a day?"""
    return iso < ref.isoformat()[:len(iso)]


def _after(iso: str, ref: dt.date) -> bool:
    """Is a date (any precision) wholly after a day?"""
    return iso > ref.isoformat()[:len(iso)]


def _holder_mentions(post: Post, sent: Sentence | None, index: MentionIndex) -> list[Found]:
    """The mentions of a post's holder by name in the sentence that states the post."""
    if sent is None:
        return []
    return [m for m in index.mentions if m.ref == post.person and m.kind == "person" and m.source != "pronoun"
            and sent.start <= m.start < sent.end]


def _clause_date(doc, sent: Sentence | None, person: Found | None, ref: dt.date) -> tuple[str | None, bool]:
    """The past date of the event the holder's clause tells ('In 2003, Prime Minister X sent troops',
    'removed then-prime minister X in 2006'), if it gives one; and whether the article's date is no
    date of the post: when the clause is the holder's death ('killed X, head of Y': held up to then)
    or tells in the past of an earlier year ('challenged President X for the 2012 nomination')."""
    if sent is None or person is None:
        return None, False
    verb = doc[person.start:person.end].root
    owner = verb.head.head if verb.dep_ == "pobj" and verb.head.lower_ == "of" else verb.head if verb.dep_ == "poss" else None
    if owner is not None and owner.lemma_.lower() in tenure_words().death_nouns:
        if owner.lemma_.lower() in tenure_words().after_death_nouns:
            return None, True                                       # 'the funeral of General X on Tuesday'
        at = clause_dates(doc, sent, owner, ref, False).get("at")   # 'the killing of General X on Friday'
        return (at if at and _before(at, ref) else None), True
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None, False
    at = clause_dates(doc, sent, verb, ref, False).get("at")
    if at and _before(at, ref):
        return at, False
    if _tells_a_death(verb):
        return None, True
    if verb.tag_ == "VBD" and verb.lemma_.lower() in tenure_words().hold_verbs:
        return None, True        # 'President X ... served more than two (terms)': held before, not now
    subject = {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
    told_past = verb.tag_ in ("VBD", "VBN", "VB") and not any(
        c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll") for c in verb.children)
    earlier = told_past and any(
        _earlier_year(span.text, ref) for span in date_spans(doc, sent)
        if span.root.i not in subject and in_clause(span.root, verb, through_nouns=True))
    return None, earlier


def _tells_a_death(verb) -> bool:
    """Does the holder's clause, or one joined to it that has no subject of its own but a pronoun,
    tell a death ('X, head of Y, was killed', 'X underwent surgery but he was pronounced dead')?"""
    death = tenure_words().death_verbs
    for v in (verb, *verb.conjuncts):
        subjects = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
        if v is not verb and any(c.pos_ != "PRON" for c in subjects):
            continue
        if v.lemma_.lower() in death or any(c.lower_ == "dead" for c in v.children):
            return True
    return False


#: a decade ('the 1930s', 'the seventies'): a time before the article's when told in the past
_DECADE = re.compile(r"\b(?:(1[5-9]|20)(\d)0s|(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b",
                     re.IGNORECASE)


def _earlier_year(text: str, ref: dt.date) -> bool:
    """Does a date expression name a year (or decade) before the article's ('2012', 'the 1930s')?"""
    value = dates.resolve(text, ref, past=True)
    if value:
        return value[:4] < str(ref.year)
    m = _DECADE.search(text)
    return bool(m) and (m.group(3) is not None or int(m.group(1) + m.group(2) + "9") < ref.year)


def read_tenures(doc, sents: list[Sentence], index: MentionIndex, posts: Iterable[Post],
                 article_date: dt.date | None) -> list[Post]:
    """The posts with their status, the start and end the text states, and the date observed as held."""
    by_start = {s.start_char: s for s in sents}
    sentence_of = {s.start_char: s.index for s in sents}
    out = []
    for post in posts:
        sent = by_start.get(post.evidence.start)
        out.append(replace(post, status=_title_status(doc, post, sent, _holder_mentions(post, sent, index), index)))
    out = _merge_head_roles(out)
    for event in find_events(doc, sents, index, article_date):
        for i in _targets(event, out, sentence_of):
            out[i] = _apply(out[i], event)
    result = []
    for post in out:
        status = post.status
        if article_date is not None and post.end and status == "former" and _after(post.end, article_date):
            status = "outgoing"      # 'announced his resignation', leaving next month
        if article_date is not None and status in SERVING:
            if post.end and _before(post.end, article_date):
                status = "former"
            elif post.start and _after(post.start, article_date) and not status:
                status = "incoming"
        observed = None
        if article_date is not None:
            sent = by_start.get(post.evidence.start)
            holders = _holder_mentions(post, sent, index)
            when, not_now = _clause_date(doc, sent, holders[0] if holders else None, article_date)
            if status in SERVING:
                # held when the article (or the event its sentence tells) says; never a guess
                observed = when or (None if not_now else article_date.isoformat())
            elif status == "former" and "then" in post.qualifiers:
                observed = when                               # 'the then minister X, in 2006': held then
        result.append(replace(post, status=status, observed=observed))
    return result
