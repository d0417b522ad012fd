"""Posts a clause states rather than a title beside a name: 'X served as T', 'X was appointed T',
'Y succeeded X as T', 'X resigned as T', 'X, who is the T of Y', 'X became T and T2'.

The events are kg.extract.tenure_events' (the verbs and nouns of kg/data/tenure.json); a post is
read from every event that names its title, for the person the event is about (a name, or a
pronoun or 'who' resolved to one). A copula gives one too when its subject is a person and its
predicate a title ('X is the secretary of state'), whether or not it has dates.
"""
from __future__ import annotations

import datetime as dt

from kg.extract.mention import MentionIndex
from kg.extract.normalize import name_key
from bisect import bisect_right

from kg.extract.posts import StatedTitle, Title, post_rules, role_head
from kg.extract.sentences import Sentence
from kg.extract.tenure_events import TenureEvent, _blocked, _person, _subject, _tense, find_events


def stated_titles(doc, sents: list[Sentence], index: MentionIndex, article_date: dt.date | None,
                  events: list[TenureEvent] | None = None) -> list[StatedTitle]:
    """The titles the article's clauses give people (one per event that names a title)."""
    if events is None:
        events = find_events(doc, sents, index, article_date)
    out = []
    for event in events:
        if _only_a_given_name(event, index):
            continue
        for title in (event.title, *event.more_titles):
            if title is not None and not _cut_in_a_noun_phrase(doc, title) and not _candidacy(title):
                out.append(StatedTitle(event.person, title, event.sentence))
    return out + _board_seats(doc, sents, index)


def _board_seats(doc, sents: list[Sentence], index: MentionIndex) -> list[StatedTitle]:
    """'X was on the board of Y', 'X sits on the board', 'X joined the board of Y': a board member of Y."""
    rules = post_rules()
    starts = [s.start for s in sents]
    out = []
    for tok in doc:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in rules.board_nouns:
            continue
        verb = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "on" else tok.head if tok.dep_ == "dobj" \
            and tok.head.lemma_.lower() == "join" else None
        if verb is None or verb.lemma_.lower() not in rules.board_verbs or _blocked(verb) or _tense(verb) is None:
            continue
        subject = max((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), key=lambda c: c.i,
                      default=None) or _subject(verb)   # the nearest: a clause after a semicolon has two
        person = _person(subject, index) if subject is not None else None
        k = bisect_right(starts, tok.i) - 1
        if person is None or k < 0:
            continue
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        body = next((index.at(g.i) for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
        org = body.ref if body is not None and body.kind == "organization" else None
        out.append(StatedTitle(person.ref, Title("Board Member", org, (), tok.i, tok.i + 1), sents[k]))
    return out


def _only_a_given_name(event: TenureEvent, index: MentionIndex) -> bool:
    """'after Charles becomes king' where 'Charles' was joined to the one full name it starts: a bare given name
    is too weak a tie to give that person a post."""
    sent = event.sentence
    mentions = [m for m in index.in_range(sent.start, sent.end, ("person",)) if m.ref == event.person]
    return bool(mentions) and all(len(m.key.split()) >= 2 and name_key(m.text) == m.key.split()[0] for m in mentions)


def _cut_in_a_noun_phrase(doc, title: Title) -> bool:
    """'resigned as the governor of United States | commonwealth of Puerto Rico': a title read from the
    start of a longer noun phrase is not the post."""
    last = doc[title.end - 1]
    return last.dep_ in ("compound", "amod", "nmod", "poss") and last.head.i >= title.end


def _candidacy(title: Title) -> bool:
    """'X was a candidate for the Senate', 'the party's nominee for governor': a role sought, not held."""
    words = title.role.split()
    cut = next((q for q, w in enumerate(words) if q and w.lower() in ("of", "for", "to")), len(words))
    return role_head(" ".join(words[:cut])) in post_rules().candidacy_roles
