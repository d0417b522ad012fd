"""Meetings and events: trigger nouns and verbs, their date, place and participants.

Participants are the event clause's own arguments (the subject and object of 'met', the owner of
the event noun, whoever it is 'with', 'between' or 'by', the subject of the verb that puts someone at
it), never everyone the sentence names. Threatened, offered, refused or wished-for events are none.
Mentions of one event in an article ('a press conference', 'a joint news conference') are
merged when their kind, place and date agree. A meeting's date comes from its sentence,
else from another mention of the same event, else (when the article has a date and the
meeting is reported in the present tense) from the publication date, at lower confidence.
"""
from __future__ import annotations

import datetime as dt
from functools import cache


from kg.extract import dates
from kg.extract.event_places import attached, place_for
from kg.extract.event_verbs import event_verbs, verb_event
from kg.extract.facts import EntityRef, Evidence, Meeting
from kg.extract.lexicon import lexicon
from kg.extract.mention import MentionIndex
from kg.extract.participants import (event_slots, filling, frames, main_subjects, sentence_attendees, subjects_of,
                                     titled)
from kg.extract.sentences import Sentence
from kg.extract.story_context import StoryContext, at_home, date_spans
from kg.extract.tokens import lowers_and_lemmas


def _is_future(doc, sent: Sentence) -> bool:
    return any(t.lower_ in ("will", "shall", "'ll") or (t.tag_ == "MD" and t.lower_ in ("would",)) for t in doc[sent.start:sent.end])


@cache
def _event_first_words() -> frozenset[str]:
    """The first word of every event noun phrase ('press' of 'press conference')."""
    return frozenset(n.split()[0] for n in lexicon().event_nouns)


def _trigger_spans(doc, sent: Sentence) -> list[tuple[int, int, str, str]]:
    """(start, end, label, family) of event nouns and meeting verbs in a sentence, longest match first."""
    lex = lexicon()
    lowers, lemmas = lowers_and_lemmas(doc)
    out = []
    i = sent.start
    firsts = _event_first_words()
    verbs = event_verbs().families
    while i < sent.end:
        hit = None
        for n in (3, 2, 1) if lowers[i] in firsts or lemmas[i] in firsts else ():
            if i + n > sent.end:
                continue
            phrase = " ".join(lowers[i:i + n])
            lemma = " ".join(lemmas[i:i + n])
            if phrase not in lex.event_nouns and lemma not in lex.event_nouns:
                continue
            last = doc[i + n - 1]
            modifier = last.dep_ in ("amod", "compound", "nmod") and last.head.i > last.i and last.head.pos_ == "NOUN"
            for cand in (phrase, lemma):
                if cand in lex.event_nouns and last.pos_ in ("NOUN", "PROPN", "ADJ") and not (
                        modifier and last.head.lemma_.lower() not in lex.event_nouns):   # 'ministerial statement'
                    hit = (i, i + n, phrase, lex.event_nouns[cand])
                    break
            if hit:
                break
        if hit:
            out.append(hit)
            i = hit[1]
            continue
        found = verb_event(doc[i]) if lemmas[i] in verbs else None
        if found is not None:
            out.append((i, i + 1, *found))
        elif lemmas[i] == "attend":
            out += _attended_body(doc, doc[i])
        i += 1
    return sorted(out)


def _attended_body(doc, verb) -> list[tuple[int, int, str, str]]:
    """'to attend the United Nations General Assembly': a body named for its sessions, attended, is an event
    (its name's last word is an event word: assembly, summit, forum, congress, session …)."""
    lex = lexicon()
    words = lex.event_needs_context | {n.split()[-1] for n in lex.event_nouns}
    out = []
    for c in verb.children:
        if c.dep_ in ("dobj", "obj") and c.text[:1].isupper() and c.lower_ in words:
            start = min(t.i for t in c.subtree if t.i <= c.i and (t is c or t.dep_ in ("compound", "flat")))
            out.append((start, c.i + 1, " ".join(t.lower_ for t in doc[start:c.i + 1]), "meeting"))
    return out


def _label(doc, start: int, end: int, sent: Sentence) -> str:
    """The event's label: the trigger with its modifiers ('EU - US Justice and Home Affairs ministerial meeting')."""
    head = doc[end - 1]
    if head.pos_ == "VERB":
        return verb_event(head)[0] if verb_event(head) else "meeting"
    left = min([start] + [t.i for t in head.subtree if t.i < start and t.dep_ in ("compound", "amod", "nmod", "npadvmod", "punct", "cc", "conj", "nummod") or t.i < start and t.head.i < end and t.i >= sent.start and t.dep_ == "compound"])
    left = max(left, sent.start)
    while left < start and (doc[left].is_punct or doc[left].lower_ in ("the", "a", "an", "her", "his", "their", "its", "joint")):
        left += 1
    if left < start and any(doc[k].is_punct and doc[k].text not in "-–" for k in range(left, start)):
        left = start
    words = " ".join(t.text for t in doc[left:end])
    return " ".join(words.split())


#: families that name the same kind of event: 'met' … 'the talks' … 'the summit' may be one event
_SAME_EVENT = {"meeting": "meeting", "talks": "meeting", "summit": "meeting"}
_SPEECH = {"say", "tell", "tweet", "write", "add", "announce", "state", "claim", "report", "post"}
#: words that make the other side of a meeting many people met on many occasions
_MANY = {"multiple", "many", "several", "numerous", "various", "countless", "dozens", "hundreds"}
#: nouns of a post whose 'for X' names its portfolio ('envoy for Ukraine negotiations')
_TITLE_NOUNS = {"envoy", "negotiator", "representative", "minister", "secretary", "commissioner", "spokesman",
                "spokeswoman", "spokesperson", "adviser", "advisor", "coordinator", "director", "chief", "head"}


def _governor(tok):
    """The verb a trigger noun depends on ('talks … begin', 'met … for an AU summit')."""
    t = tok
    for _ in range(4):
        if t.pos_ in ("VERB", "AUX"):
            return t
        if t.head is t:
            return None
        t = t.head
    return None


def _indefinite(trigger) -> bool:
    """'a press conference', 'an official meeting': a mention that introduces an event of its own, not one told
    in an earlier sentence."""
    return trigger.pos_ != "VERB" and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in trigger.children)


def _definite(trigger) -> bool:
    """'the talks', "Tuesday's meeting", 'this summit', 'their meeting': a mention that refers back to a
    known event — not "the President's visit", which names its own owner."""
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these")
               or c.dep_ == "poss" and (c.pos_ == "PRON" or c.ent_type_ in ("DATE", "TIME"))
               for c in trigger.children)


def _in_other_clause(tok, trigger, verb) -> bool:
    """True when a word sits in a clause of its own, not on the trigger ('plans agreed in 2000')."""
    t = tok
    for _ in range(12):
        if t.i == trigger.i or (verb is not None and t.i == verb.i) or t.head.i == t.i:
            return False
        if t.dep_ in ("acl", "relcl", "advcl", "ccomp") and t.head.i != trigger.i:
            return True
        t = t.head
    return False


def _event_date(doc, sent: Sentence, trigger, verb, article_date, future: bool,
                anchor: dt.date | None = None) -> str | None:
    """The date of the event: a date attached to the trigger or its verb, else one not attached to a
    verb of speech ('…, Macron told the world on Thursday' dates the telling, not the summit)."""
    fallback = None
    told_past = not future and _reported_as_past(verb if verb is not None else doc[sent.start:sent.end].root)
    for ent in date_spans(doc, sent):
        value = dates.resolve(ent.text, article_date, future=future, past=told_past, anchor=anchor)
        if not value:
            continue
        prep = ent.root.head if ent.root.dep_ == "pobj" else None
        if prep is not None and prep.lower_ in ("by", "until", "since", "before", "after", "till"):
            continue   # 'by 2025' is a deadline, not the event's date
        if attached(ent.root, trigger, verb) or ent.start == trigger.i + 1 and trigger.pos_ == "NOUN":
            return value   # 'talks in Norway on Friday', 'at a press conference yesterday (morning)'
        if _in_other_clause(ent.root, trigger, verb):
            continue   # 'plans agreed in Lisbon in 2000': the date of another thing named in the clause
        gov = _governor(ent.root)
        top = verb if verb is not None else trigger
        while top.dep_ == "xcomp" and top.head.i != top.i:
            top = top.head   # 'In July, he helped facilitate a meeting': the date of the verb it completes
        same_clause = ent.root.i in {t.i for t in top.subtree}
        if fallback is None and same_clause and (gov is None or gov.lemma_.lower() not in _SPEECH):
            fallback = value
    return fallback


def _from_the_news(doc, sent: Sentence, verb, anchor: dt.date | None) -> str | None:
    """'On Friday X said he was ill. This comes a week after he attended a summit': the event's clause is timed
    from the news just told ('this comes … after/before'), whose day the story last named."""
    if anchor is None or verb is None or verb.dep_ != "advcl" or verb.head.lemma_.lower() != "come":
        return None
    mark = next((c.lower_ for c in verb.children if c.dep_ == "mark" and c.lower_ in ("after", "before")), None)
    if mark is None or not any(c.dep_ == "nsubj" and c.lower_ in ("this", "it", "that") for c in verb.head.children):
        return None
    for ent in date_spans(doc, sent):
        if ent.root.dep_ == "npadvmod" and ent.root.head.i == verb.head.i:
            return dates.shift(ent.text, anchor, -1 if mark == "after" else 1)
    return None


def find_meetings(doc, sents: list[Sentence], index: MentionIndex, article_date: dt.date | None,
                  evidence_of, title: str | None = None, *, homes: dict[EntityRef, set[str]] | None = None,
                  focus: str | None = None, holders: dict[str, EntityRef] | None = None) -> list[Meeting]:
    """Meetings reported in the article, merged per event. A meeting with no date or place of its own takes
    what the story told just before it (story_context.py): the day its paragraph named when that day is
    the article's news, the place one of its people had just gone to, the month the title names; and a
    press conference or meeting of people who all hold posts of the story's country (`homes`, `focus`)
    takes that country. A party named by a title alone ('with the Prime Minister') is the article's one holder of
    that title (`holders`)."""
    lex = lexicon()
    found: list[tuple[Meeting, str, bool, int]] = []  # meeting, family, definite reference, story
    last: tuple[Meeting, int, int] | None = None
    marks: dict[int, set[str]] = {}   # per mention: present (dated by the publication), future, past, own
    story = StoryContext(doc, index, article_date, title)
    context: dict[int, str] = {}      # per mention told in the past without a date: the day or month around it
    for sent in sents:
        story.enter(sent)
        mentions = index.in_range(sent.start, sent.end)
        people = [m for m in mentions if m.kind == "person"]
        triggers = _trigger_spans(doc, sent)
        if not triggers:
            joining = sentence_attendees(doc, sent, people) if last is not None and people and \
                sent.index - last[1] <= 4 and last[2] == sent.story else []
            if joining:
                meeting = last[0]
                meeting.participants = list(dict.fromkeys(meeting.participants + [p.ref for p in joining]))
                meeting.evidence = meeting.evidence + [evidence_of(sent, "rule:event-participation", 0.6)]
            continue
        places = [m for m in mentions if m.kind in ("place", "site")]
        countries = [m for m in mentions if m.kind == "country"]
        orgs = [m for m in mentions if m.kind == "organization"]
        future = _is_future(doc, sent)
        for start, end, phrase, family in triggers:
            trigger_word = phrase.split()[-1]
            if (trigger_word in lex.event_needs_context or phrase in lex.event_needs_context) and not people:
                continue
            if family in ("launch", "ceremony") and not people:
                continue
            trigger = doc[end - 1]
            if trigger.tag_ == "NNS" and trigger.lower_ not in ("talks", "negotiations"):
                continue   # 'regular meetings', 'private tours': habits, not one event
            inside = index.at(trigger.i)
            if inside is not None and inside.kind in ("organization", "site", "place") and not (
                    inside.kind == "organization" and trigger.dep_ == "dobj" and trigger.head.lemma_.lower() == "attend"):
                continue   # 'the Welsh Assembly', 'the G7 Summit' typed as a name — but one attends a session
                #            of a body named for its meetings ('to attend the United Nations General Assembly')
            verb = trigger if trigger.pos_ == "VERB" else _governor(trigger)
            if any(c.lower_ == "no" for c in trigger.children) or (verb is not None and any(
                    c.dep_ == "neg" for c in verb.children)):
                continue   # 'no meeting took place', 'agreed not to gather in Blackpool'
            if _unreal(trigger, verb) or _superseded(verb):
                continue
            if family == "launch" and not (trigger.dep_ == "pobj" and trigger.head.lower_ in ("at", "during")
                                           or trigger.dep_ == "dobj" and trigger.head.lemma_.lower() in ("attend", "host")):
                continue   # 'the launch of a chain of pubs': a business, not an event anyone is at ('attended the launch')
            date = _event_date(doc, sent, trigger, verb, article_date, future, story.anchor) \
                or _from_the_news(doc, sent, verb, story.anchor)
            place = place_for(doc, start, end, trigger, verb, places, countries, orgs)
            slots = event_slots(trigger)
            attendees = filling(doc, people, slots)
            participants = list(dict.fromkeys([p.ref for p in attendees] + titled(doc, index, slots, holders or {})
                                              + main_subjects(doc, index, slots)))
            if (newcomer := story.newcomer(verb)) is not None and newcomer not in participants:
                participants.insert(0, newcomer)
            if date is None and _background(verb) or _in_a_title(trigger) or _quoted_alone(doc, sent, trigger, people):
                continue   # 'X had met Y', 'X has met many leaders': background; 'the envoy for Ukraine negotiations'
            place = place or story.place_of(participants)
            if not participants and place is None and date is None:
                continue
            label = _label(doc, start, end, sent)
            conf = 0.75 if participants else 0.6
            m = Meeting(label=label, kind=family, date=date, place=place, participants=participants,
                        evidence=[evidence_of(sent, "rule:event-" + ("verb" if trigger.pos_ == "VERB" else "noun"), conf)])
            own = any(c.lower_ == "own" for c in trigger.children) or inside is not None
            # 'its own poster launch', 'to attend the UN General Assembly': an event of its own, not one before
            found.append((m, family, trigger.pos_ != "VERB" and _definite(trigger) and not own, sent.story))
            marks[id(m)] = {k for k, on in (("own", own), ("new", _indefinite(trigger)),
                                            ("present", _reported_as_present(doc, sent, verb)),
                                            ("future", _told_as_future(verb)), ("past", _reported_as_past(verb))) if on}
            last = (m, sent.index, sent.story)
            if _open_party(trigger, verb, index):
                marks[id(m)].add("open")
            if _of_a_body(trigger, index):
                marks[id(m)].add("body")   # 'the annual meeting of the UN General Assembly': an event of its own
            if date is None and "past" in marks[id(m)] and not any(
                    trigger.i in {t.i for t in e.root.head.subtree} for e in date_spans(doc, sent)
                    if not dates.is_frequency(e.text)):
                day = story.news_day() or story.lede_day(participants)
                #  (not 'a week after he attended a summit': a date of its own, unread)
                around = day.isoformat() if day is not None else story.period
                if around is not None:
                    context[id(m)] = around
    merged = _merge(found, marks)
    out = []
    for m, _family, _definite_ref, _story in merged:
        if m.date is None and article_date is not None and "present" in marks.get(id(m), ()):
            m.date = article_date.isoformat()
            m.evidence = [Evidence(e.sentence, e.start, e.end, e.rule + "+date:publication", round(e.confidence - 0.15, 2))
                          for e in m.evidence]
        elif m.date is None and id(m) in context:
            m.date = context[id(m)]
            m.evidence = [Evidence(e.sentence, e.start, e.end, e.rule + "+date:context", round(e.confidence - 0.15, 2))
                          for e in m.evidence]
        if not m.participants and m.place is None and not (m.date and "body" in marks.get(id(m), ())):
            continue
        if "open" not in marks.get(id(m), ()):
            at_home(m, homes or {}, focus)
        out.append(m)
    return out


def _superseded(verb) -> bool:
    """'The Senate was set to meet on Wednesday, but … it would meet on Monday': a past plan the sentence changes."""
    plan = verb.head if verb is not None and verb.dep_ == "xcomp" else None
    return plan is not None and plan.lemma_.lower() in frames().plan_verbs \
        and any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("was", "were") for c in plan.children) \
        and any(c.dep_ == "cc" and c.lower_ == "but" for c in plan.children)


def _unreal(trigger, verb) -> bool:
    """An event the article does not report as real: threatened, offered, refused, cancelled, wished for,
    or in an 'if' clause ('threatening to give a news conference', 'offered him a tour', 'calls for talks',
    'would be happy to meet X'). An event that only places an act ('seek to reassure MPs at the meeting')
    is real whatever the act."""
    fr = frames()
    if trigger.dep_ == "pobj" and trigger.head.lower_ in ("of", "for") and trigger.head.head.lower_ in fr.unreal_nouns:
        return True
    if trigger.pos_ != "VERB" and any(c.dep_ in ("relcl", "acl") and c.lemma_.lower() in fr.unreal_verbs
                                      for c in trigger.subtree):
        return True   # 'the planned trip to Warsaw, which was cancelled'
    if trigger.dep_ == "pobj" and verb is not None and trigger.head.head.i == verb.i:
        return False
    t = verb
    for _ in range(4):
        if t is None:
            return False
        if t.lemma_.lower() in fr.unreal_verbs or any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in t.children):
            return True
        if t.dep_ not in ("xcomp", "ccomp", "advcl", "acomp") or t.head.i == t.i:
            return False
        t = t.head
    return False


def _compatible(a: Meeting, b: Meeting) -> bool:
    return (a.date is None or b.date is None or a.date == b.date) and (a.place is None or b.place is None or a.place == b.place)


def _reported_as_present(doc, sent: Sentence, verb) -> bool:
    """'X and Y give a press conference in Brussels', 'leaders are meeting today': the event is
    happening as the article is written, so the publication date is its date ('today' only when it
    dates the event's own verb, not 'X met Y, prosecutors told the court today')."""
    if verb is None:
        return False
    if verb.tag_ in ("VBP", "VBZ"):
        return True
    return any(t.lower_ in ("today", "tonight") and attached(t, verb, verb) for t in doc[sent.start:sent.end])


def _of_a_body(trigger, index: MentionIndex) -> bool:
    """'a meeting of the UN General Assembly', 'the NATO summit', 'the G7 is to meet': the event of a named body;
    'the trilateral meeting of Cyprus, Greece and Israel': of named countries."""
    if trigger.pos_ == "VERB":
        return any((m := index.at(t.i)) is not None and m.kind == "organization" for t in subjects_of(trigger))
    near = [c for c in trigger.children if c.dep_ in ("compound", "nmod", "poss")]
    members = [o for c in trigger.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children if o.dep_ == "pobj"]
    return any((m := index.at(t.i)) is not None and m.kind == "organization" for t in near + members) \
        or any((m := index.at(t.i)) is not None and m.kind == "country" for o in members for t in (o, *o.conjuncts))


def _in_a_title(trigger) -> bool:
    """'the United States special envoy for Ukraine negotiations': the event noun is a title's portfolio."""
    head = trigger.head
    return trigger.dep_ in ("pobj", "compound") and (head.lower_ in ("for", "of") and head.head.lemma_.lower()
                                                      in _TITLE_NOUNS or head.lemma_.lower() in _TITLE_NOUNS)


def _background(verb) -> bool:
    """Told as background, not as the news: 'X had met Y', 'X has met many leaders, including meeting Y'."""
    t = verb
    for _ in range(7):
        if t is None:
            return False
        if _past_perfect(t) or _many(t):
            return True
        if t.dep_ not in ("conj", "pcomp", "xcomp", "prep", "pobj", "advcl") or t.head.i == t.i:
            return False
        t = t.head
    return False


def _quoted_alone(doc, sent: Sentence, trigger, people) -> bool:
    """An event named inside a quotation with no one of the sentence at it ('… done a lot in the negotiations')."""
    marks = sum(1 for t in doc[sent.start:trigger.i] if t.text in ('"', "“", "”", "''", "``"))
    return marks % 2 == 1 and not people


def _open_party(trigger, verb, index: MentionIndex) -> bool:
    """A party to the event the text names as no person of the story: counterparts (of another country by
    definition), or an unread 'he'/'she'/'they' ('is meeting his EU counterparts', 'He will meet X')."""
    heads = [t for t in (trigger, verb) if t is not None]
    args = [c for h in heads for c in h.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "obj", "agent", "prep")]
    args += [o for a in args if a.dep_ in ("prep", "agent") for o in a.children if o.dep_ == "pobj"]
    for a in args:
        if a.lower_ in ("he", "she", "they") and index.at(a.i) is None:
            return True
        if a.dep_ != "prep" and any(t.lemma_.lower() == "counterpart" for t in a.subtree):
            return True
    return False


def _past_perfect(verb) -> bool:
    """'X had met Y': background to the news."""
    return verb is not None and any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children)


def _many(verb) -> bool:
    """'X has met with multiple world leaders': many encounters, not one event."""
    if verb is None:
        return False
    others = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    others += [o for c in verb.children if c.dep_ == "prep" and c.lower_ == "with" for o in c.children if o.dep_ == "pobj"]
    return any(c.lower_ in _MANY for o in others for c in o.children if c.dep_ in ("amod", "det", "nummod"))


def _reported_as_past(verb) -> bool:
    """'X held a meeting last week', 'they met', 'he was met by X', 'X started the month visiting Y': the event is
    told in the past tense."""
    if verb is not None and verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.ent_type_ in ("DATE", "TIME"):
        verb = verb.head.head
    return verb is not None and (verb.tag_ == "VBD" or verb.tag_ == "VBN" and any(
        c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" and c.lower_ != "had" for c in verb.children))


def _told_as_future(verb) -> bool:
    """'X will hold talks', 'X is to visit', 'X is due to attend': the event is told as to come."""
    t = verb
    for _ in range(3):
        if t is None:
            return False
        if any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll") for c in t.children):
            return True
        if t.dep_ != "xcomp" or t.head.i == t.i:
            return t.lower_ in ("due",) or any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children) \
                and t.head.lemma_ == "be"
        t = t.head
    return False


def _merge(found: list[tuple[Meeting, str, bool, int]], marks: dict[int, set[str]] | None = None
           ) -> list[tuple[Meeting, str, bool, int]]:
    """Merge the mentions of one event: same story, same kind of event, compatible date and place, and
    either a definite reference back ('the talks'), a shared participant, or the same place or date.
    A mention of an event of its own ('its own launch') is never merged back, nor an indefinite one ('a
    briefing') into an event of an earlier sentence, nor a past event into a future one ('will hold talks' …
    'held a meeting last week')."""
    marks = marks if marks is not None else {}
    out: list[tuple[Meeting, str, bool, int]] = []
    for m, family, definite, story in found:
        group = _SAME_EVENT.get(family, family)
        tense = marks.get(id(m), set()) & {"future", "past"}

        def same_time(o: Meeting) -> bool:
            other = marks.get(id(o), set()) & {"future", "past"}
            return not (tense and other and not tense & other)

        def related(o: Meeting) -> bool:
            if definite or set(o.participants) & set(m.participants):
                return True
            if group == "visit" and o.participants and m.participants:
                return False   # 'X visited Kenosha … Y visited Kenosha two days later': each visitor's own visit
            return (o.place is not None and o.place == m.place) or (o.date is not None and o.date == m.date)

        def same_kind(o: tuple[Meeting, str, bool, int]) -> bool:
            """The same kind of event, or a definite mention by the other's head ('a press conference' … 'his
            conference')."""
            return _SAME_EVENT.get(o[1], o[1]) == group or definite and o[0].label.split()[-1:] == m.label.split()[-1:]

        def restated(o: Meeting) -> bool:
            """An indefinite mention of an event told before: in its sentence, by its label ('he attended a BNP
            meeting' … 'He did once attend a BNP meeting'), at its place ('a surprise trip to Iraq'), or with two
            of its people ('X and Y give a press conference' … 'X said at a joint news conference with Y')."""
            return any(e.start == m.evidence[0].start for e in o.evidence) or o.label.lower() == m.label.lower() \
                or o.place is not None and o.place == m.place or len(set(o.participants) & set(m.participants)) >= 2

        new = "new" in marks.get(id(m), ())   # 'a public briefing' … 'a White House briefing': two events
        target = None if "own" in marks.get(id(m), ()) else next(
            (o for o in reversed(out) if same_kind(o) and o[3] == story and (not new or restated(o[0]))
             and _compatible(o[0], m) and same_time(o[0]) and related(o[0])), None)
        if target is None:
            out.append((m, family, definite, story))
            continue
        t = target[0]
        marks.setdefault(id(t), set()).update(marks.get(id(m), set()) - {"own", "new"})
        t.date = t.date or m.date
        t.place = t.place or m.place
        t.participants = list(dict.fromkeys(t.participants + m.participants))
        t.evidence = t.evidence + m.evidence
        if len(m.label) > len(t.label) and doc_label_ok(m.label):
            t.label = m.label
    return out


def doc_label_ok(label: str) -> bool:
    """A label worth keeping over a shorter one (not the bare verb reading 'meeting')."""
    return label != "meeting"
