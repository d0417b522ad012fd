"""Meetings and events: trigger nouns and verbs, their date, place and participants.

Mentions of one event in an article ('a press conference', 'a joint news conference') are
merged when their kind, place and date agree. A meeting's date comes from its sentence,
else from another mention of the same event, else (when the article has a date and the
meeting is reported as past or present) from the publication date, at lower confidence.
"""
from __future__ import annotations

import datetime as dt

from kg.extract import dates
from kg.extract.entities import MentionIndex
from kg.extract.facts import EntityRef, Evidence, Meeting
from kg.extract.lexicon import lexicon
from kg.extract.sentences import Sentence

_FUTURE = {"will", "shall", "'ll", "to"}


def _is_future(doc, sent: Sentence) -> bool:
    return any(t.lower_ in ("will", "shall", "'ll") or (t.tag_ == "MD" and t.lower_ in ("would",)) for t in doc[sent.start:sent.end])


def _trigger_spans(doc, sent: Sentence) -> list[tuple[int, int, str, str]]:
    """(start, end, label, family) of event nouns and meeting verbs in a sentence, longest match first."""
    lex = lexicon()
    out = []
    i = sent.start
    while i < sent.end:
        tok = doc[i]
        hit = None
        for n in (3, 2, 1):
            if i + n > sent.end:
                continue
            phrase = " ".join(t.lower_ for t in doc[i:i + n])
            lemma = " ".join(t.lemma_.lower() for t in doc[i:i + n])
            for cand in (phrase, lemma):
                if cand in lex.event_nouns and doc[i + n - 1].pos_ in ("NOUN", "PROPN", "ADJ"):
                    hit = (i, i + n, phrase, lex.event_nouns[cand])
                    break
            if hit:
                break
        if hit:
            out.append(hit)
            i = hit[1]
            continue
        if tok.pos_ == "VERB" and tok.lemma_.lower() == "meet":
            out.append((i, i + 1, "meeting", "meeting"))
        i += 1
    return out


def _label(doc, start: int, end: int, sent: Sentence) -> str:
    """The event's label: the trigger with its modifiers ('EU - US Justice and Home Affairs ministerial meeting')."""
    head = doc[end - 1]
    if head.pos_ == "VERB":
        return "meeting"
    left = min([start] + [t.i for t in head.subtree if t.i < start and t.dep_ in ("compound", "amod", "nmod", "npadvmod", "punct", "cc", "conj", "nummod") or t.i < start and t.head.i < end and t.i >= sent.start and t.dep_ == "compound"])
    left = max(left, sent.start)
    while left < start and (doc[left].is_punct or doc[left].lower_ in ("the", "a", "an", "her", "his", "their", "its", "joint")):
        left += 1
    if left < start and any(doc[k].is_punct and doc[k].text not in "-–" for k in range(left, start)):
        left = start
    words = " ".join(t.text for t in doc[left:end])
    return " ".join(words.split())


def _has_context(doc, sent: Sentence, index: MentionIndex) -> bool:
    return any(m.kind in ("person",) for m in index.in_range(sent.start, sent.end))


def find_meetings(doc, sents: list[Sentence], index: MentionIndex, article_date: dt.date | None,
                  evidence_of) -> list[Meeting]:
    """Meetings reported in the article, merged per event."""
    lex = lexicon()
    found: list[tuple[Meeting, str, bool]] = []  # meeting, family, date-from-sentence
    for sent in sents:
        triggers = _trigger_spans(doc, sent)
        if not triggers:
            continue
        mentions = index.in_range(sent.start, sent.end)
        people = [m for m in mentions if m.kind == "person"]
        places = [m for m in mentions if m.kind == "place"]
        countries = [m for m in mentions if m.kind == "country"]
        future = _is_future(doc, sent)
        date = None
        for ent in doc.ents:
            if ent.label_ == "DATE" and sent.start <= ent.start < sent.end:
                date = dates.resolve(ent.text, article_date, future=future)
                if date:
                    break
        for start, end, phrase, family in triggers:
            trigger_word = phrase.split()[-1]
            if (trigger_word in lex.event_needs_context or phrase in lex.event_needs_context) and not people:
                continue
            if family in ("launch", "ceremony") and not people:
                continue
            place = _place_for(doc, start, end, places, countries)
            participants = list(dict.fromkeys(p.ref for p in people))
            if not participants and place is None and date is None:
                continue
            label = _label(doc, start, end, sent)
            conf = 0.75 if participants else 0.6
            m = Meeting(label=label, kind=family, date=date, place=place, participants=participants,
                        evidence=[evidence_of(sent, "rule:event-" + ("verb" if doc[end - 1].pos_ == "VERB" else "noun"), conf)])
            found.append((m, family, date is not None))
    merged = _merge(found)
    out = []
    for m, family, dated in merged:
        if m.date is None and article_date is not None:
            m.date = article_date.isoformat()
            m.evidence = [Evidence(e.sentence, e.start, e.end, e.rule + "+date:publication", round(e.confidence - 0.15, 2))
                          for e in m.evidence]
        if not m.participants and m.place is None:
            continue
        out.append(m)
    return out


def _place_for(doc, start: int, end: int, places, countries) -> EntityRef | None:
    """The place of an event: a city (else a country) introduced by 'in'/'at', nearest the trigger."""
    def introduced(m) -> bool:
        k = m.start - 1
        return k >= 0 and doc[k].lower_ in ("in", "at", "to")
    for group in (places, countries):
        cands = [m for m in group if introduced(m)]
        if cands:
            best = min(cands, key=lambda m: abs(m.start - end))
            return best.ref
    return None


def _compatible(a: Meeting, b: Meeting) -> bool:
    return (a.date is None or b.date is None or a.date == b.date) and (a.place is None or b.place is None or a.place == b.place)


def _merge(found: list[tuple[Meeting, str, bool]]) -> list[tuple[Meeting, str, bool]]:
    out: list[tuple[Meeting, str, bool]] = []
    for m, family, dated in found:
        target = next((o for o in out if o[1] == family and _compatible(o[0], m)), None)
        if target is None:
            out.append((m, family, dated))
            continue
        t = target[0]
        t.date = t.date or m.date
        t.place = t.place or m.place
        t.participants = list(dict.fromkeys(t.participants + m.participants))
        t.evidence = t.evidence + m.evidence
        if len(m.label) > len(t.label):
            t.label = m.label
    return out
