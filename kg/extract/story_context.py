"""What a reader carries from sentence to sentence of a story: the day it last named, the day its paragraph
named, where its people last went, and the period its title names.

- 'On Monday, … In a meeting that day …': the story's last day anchors 'that day' (dates.resolve).
- 'On Friday, X rejected … X said in a meeting with Y …': a past meeting with no date of its own happened on
  the day its paragraph named, when that day is the article's news (two weeks before publication at most).
- 'Yesterday, X declined Y's offer to resign. … X said in a meeting with Y …': a past meeting with no date of its
  own, one of whose people the story's first sentence names, happened on the day that sentence named, when that day
  is the article's news (the lede's day; a day its own paragraph named comes first).
- 'X arrived at Baghdad airport. He was met by Y.' (or 'at the airport, where X was arriving'): a meeting of X with no place of its own, in the same
  paragraph, is where X had just gone.
- 'On the campaign trail in the USA, October 2020': a title naming a month dates the events it reports
  that have no date of their own.
- 'Prime Minister Ardern said at a press conference …' in a story set in New Zealand: a press conference or
  meeting with no place of its own, all of whose people hold current posts of the story's country and of
  no other, is held in that country (`at_home`), unless a party to it is no named person of the story
  ('meets his EU counterparts', 'he will meet …' with 'he' unread). Visits, summits and talks are not:
  they are held abroad as often as not.
"""
from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Span

from kg.extract import dates
from kg.extract.facts import Entity, EntityRef, Evidence, Meeting, Post
from kg.extract.lexicon import lexicon
from kg.extract.mention import MentionIndex
from kg.extract.sentences import Sentence
from kg.extract.tokens import lowers_and_lemmas

#: a day this close before the publication is the news the article reports (older ones are background)
NEWS_DAYS = dt.timedelta(days=14)
_ARRIVAL_VERBS = frozenset({"arrive", "land", "come", "reach"})
_TITLE_PERIOD = re.compile(r"\b((?:January|February|March|April|May|June|July|August|September|October|November|"
                           r"December)\s+\d{4})\b")


def title_period(title: str | None, article_date: dt.date | None) -> str | None:
    """The month a title names ('… October 2020' → '2020-10'), when it is not after the publication."""
    m = _TITLE_PERIOD.search(title or "")
    value = dates.resolve(m.group(1), article_date) if m else None
    if value is None or article_date is not None and value > article_date.isoformat()[:7]:
        return None
    return value


class StoryContext:
    """Carried from one sentence to the next: call `enter` with each sentence in order."""

    def __init__(self, doc, index: MentionIndex, article_date: dt.date | None, title: str | None = None):
        self.doc, self.index, self.article_date = doc, index, article_date
        self.period = title_period(title, article_date)
        self.anchors: dict[int, dt.date] = {}           # per story: the last day named before the sentence
        self.paragraph_day: dt.date | None = None       # the day named earlier in the sentence's paragraph
        self.arrivals: dict[EntityRef, EntityRef] = {}  # person → where they went, earlier in the paragraph
        self.lede: tuple[dt.date | None, frozenset[EntityRef]] = (None, frozenset())   # the story's first sentence
        self._previous: Sentence | None = None
        self._text = doc.text

    def enter(self, sent: Sentence) -> None:
        """Move to the next sentence: what the previous one named becomes context."""
        prev = self._previous
        self._previous = sent
        if prev is None or prev.story != sent.story:
            self.paragraph_day, self.arrivals = None, {}
            self.lede = (self._news_day_in(sent),
                         frozenset(m.ref for m in self.index.in_range(sent.start, sent.end, ("person",))))
            return
        day = day_named(self.doc, prev, self.article_date, self.anchors.get(sent.story))
        if day is not None:
            self.anchors[sent.story] = day
        if "\n" in self._text[prev.end_char:sent.start_char]:
            self.paragraph_day, self.arrivals = None, {}
        else:     # a day this paragraph named: not one of an earlier paragraph ('the December 31 attack')
            self.paragraph_day = day_named(self.doc, prev, self.article_date,
                                           self.paragraph_day or self.anchors.get(sent.story),
                                           keep=False) or self.paragraph_day
        self.arrivals.update(self._arrivals_in(prev))

    @property
    def anchor(self) -> dt.date | None:
        """The last day the story named before the current sentence."""
        return self.anchors.get(self._previous.story) if self._previous is not None else None

    def news_day(self) -> dt.date | None:
        """The day the current paragraph named before the sentence, when it is the article's news."""
        day, pub = self.paragraph_day, self.article_date
        return day if day is not None and pub is not None and dt.timedelta(0) <= pub - day <= NEWS_DAYS else None

    def lede_day(self, participants: list[EntityRef]) -> dt.date | None:
        """The day the story's first sentence named as its news, when that sentence names one of the people."""
        day, people = self.lede
        return day if people & set(participants) else None

    def _news_day(self, day: dt.date) -> bool:
        pub = self.article_date
        return pub is not None and dt.timedelta(0) <= pub - day <= NEWS_DAYS

    def _news_day_in(self, sent: Sentence) -> dt.date | None:
        """The first whole day a sentence names that is the article's news ('Yesterday, X announced that from
        June 15 …' → yesterday)."""
        for ent in sorted(date_spans(self.doc, sent), key=lambda e: e.start):
            value = dates.resolve(ent.text, self.article_date, past=True) if ent.label_ == "DATE" else None
            if value and len(value) == 10 and self._news_day(dt.date.fromisoformat(value)):
                return dt.date.fromisoformat(value)
        return None

    def place_of(self, participants: list[EntityRef]) -> EntityRef | None:
        """Where one of the participants had just gone, earlier in the paragraph."""
        return next((self.arrivals[p] for p in participants if p in self.arrivals), None)

    def newcomer(self, verb) -> EntityRef | None:
        """The one person who had just gone somewhere in the paragraph, when the event's verb has an unresolved
        'he'/'she' as its subject ('X was arriving at the airport. He was met by Y')."""
        if verb is None or len(self.arrivals) != 1:
            return None
        if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("he", "she") and self.index.at(c.i) is None
               for c in verb.children):
            return next(iter(self.arrivals))
        return None

    def _arrivals_in(self, sent: Sentence) -> dict[EntityRef, EntityRef]:
        """'X arrived at Baghdad airport', 'X flew to Magnitogorsk': person → place."""
        doc, index = self.doc, self.index
        motion = lexicon().motion_words | _ARRIVAL_VERBS
        out: dict[EntityRef, EntityRef] = {}
        for tok in doc[sent.start:sent.end]:
            if tok.pos_ != "VERB" or tok.lemma_.lower() not in motion:
                continue
            place = None
            for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("to", "in", "at")):
                for obj in (o for o in prep.children if o.dep_ == "pobj"):
                    m = index.at(obj.i)
                    if m is not None and m.kind in ("place", "site", "country"):
                        place = m.ref
            if place is None and tok.dep_ == "relcl" and any(c.lower_ == "where" for c in tok.children):
                m = index.at(tok.head.i)      # 'at Baghdad International Airport, where X was arriving'
                if m is not None and m.kind in ("place", "site", "country"):
                    place = m.ref
            if place is None:
                continue
            for subj in (c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")):
                for t in (subj, *subj.conjuncts):
                    m = index.at(t.i)
                    if m is not None and m.kind == "person":
                        out[m.ref] = place
        return out


def day_named(doc, sent: Sentence, article_date: dt.date | None, anchor: dt.date | None, *,
              keep: bool = True) -> dt.date | None:
    """The last whole day a sentence names ('On Monday, …' → that Monday, 'that day' → the anchor), else the
    anchor it had (None with `keep=False`)."""
    day = anchor if keep else None
    for ent in date_spans(doc, sent):
        if ent.label_ == "DATE":
            value = dates.resolve(ent.text, article_date, past=True, anchor=anchor)
            if value and len(value) == 10:
                day = dt.date.fromisoformat(value)
    return day


def date_spans(doc, sent: Sentence) -> list:
    """The dates and times of a sentence: the model's, and the ones that name a day by the day before
    them ('that day', 'the following day'), which the model often leaves out."""
    spans = [e for e in doc.ents if e.label_ in ("DATE", "TIME") and sent.start <= e.start < sent.end]
    taken = {t for e in spans for t in range(e.start, e.end)}
    lowers = lowers_and_lemmas(doc)[0]
    for k in range(sent.start, sent.end):
        for n in (4, 3, 2):
            if k + n <= sent.end and " ".join(lowers[k:k + n]) in dates.ANAPHORIC_DAYS \
                    and not taken & set(range(k, k + n)):
                spans.append(Span(doc, k, k + n, label="DATE"))
                taken.update(range(k, k + n))
                break
    return spans



#: kinds of event that people of one country hold at home unless the text says where
_HOME_KINDS = frozenset({"conference", "meeting"})


def post_countries(posts: list[Post], entities: list[Entity]) -> dict[EntityRef, set[str]]:
    """Each person's countries of current posts: the country a post names, or its institution's."""
    country_of = {e.ref: e.country for e in entities if e.ref.kind == "organization" and e.country}
    out: dict[EntityRef, set[str]] = {}
    for p in posts:
        if p.organization is None or "former" in p.qualifiers or p.status == "former":
            continue
        c = p.organization.key if p.organization.kind == "country" else country_of.get(p.organization)
        if c:
            out.setdefault(p.person, set()).add(c)
    return out


def at_home(m: Meeting, homes: dict[EntityRef, set[str]], focus: str | None) -> None:
    """Give a meeting the story's country as its place where its people hold it at home (see above)."""
    if focus is None or m.place is not None or m.kind not in _HOME_KINDS or not m.participants:
        return
    if all(homes.get(p) == {focus} for p in m.participants):
        m.place = EntityRef("country", focus)
        m.evidence = [Evidence(e.sentence, e.start, e.end, e.rule + "+place:home", round(e.confidence - 0.1, 2))
                      for e in m.evidence]
