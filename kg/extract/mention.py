"""Mentions and the records the entity stages pass along (all immutable values).

A `Candidate` is a token range with a label proposed by the model, a gazetteer or a rule; the
classification stage turns it into a typed mention (`Found`) or a `Rejected` record with its
`Reason`. Article-level passes revise the mentions with the evidence of the whole article and
return new lists (`Revision`); `MentionIndex` is what the fact extractors (posts, memberships,
meetings) read.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from enum import StrEnum

from kg.extract.facts import EntityRef
from kg.extract.tokens import span_text

#: confidence of a mention's typing, by the source that found it
CONFIDENCE = {"gazetteer": 0.95, "ner": 0.8, "rule": 0.7, "coref": 0.75, "pronoun": 0.6}


@dataclass(frozen=True, order=True)
class Candidate:
    """A token range proposed as a name: label (spaCy's, or GAZ_country / GAZ_organization), source, key hint."""

    start: int
    end: int
    label: str
    source: str               #: gazetteer / rule / ner
    hint: str = ""            #: a gazetteer match's key (ISO code, institution name)
    classed: bool = False     #: a class noun before it made a PERSON label an ORG ('engineering firm X')


@dataclass(frozen=True)
class Found:
    """One typed mention: token range, surface text and what it refers to."""

    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    kind: str                 #: person / organization / country / place / site
    key: str                  #: person or org key, ISO code, GeoNames id
    name: str                 #: the name this mention gives the entity
    source: str               #: gazetteer / ner / rule / coref / pronoun
    sentence: int = -1
    alliance: bool = False
    country: str | None = None
    population: int = 0

    @property
    def ref(self) -> EntityRef:
        """The reference to the entity."""
        return EntityRef(self.kind, self.key)  # type: ignore[arg-type]

    @property
    def confidence(self) -> float:
        """Confidence of the typing, by the source that found it."""
        return CONFIDENCE.get(self.source, 0.6)


def found(doc, start: int, end: int, kind: str, key: str, name: str, source: str, **kw) -> Found:
    """A mention of tokens [start, end): its character offsets and text read from the Doc."""
    return Found(start, end, doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text), span_text(doc, start, end),
                 kind, key, name, source, **kw)


class Reason(StrEnum):
    """Why a candidate or a mention is not a mention: the rule class that turned it down."""

    OVERLAP = "overlaps a longer or surer candidate"
    PEOPLE_WORD = "a people's adjective or noun ('Kurdish', NORP)"
    HANDLE = "a hashtag or a social-media handle"
    LISTED = "listed as no name (names.json not_person, organizations.json not_institutions)"
    CREDIT = "a photo credit, handle or web address"
    NO_LETTERS = "no letters"
    BARE_HEAD = "a bare institution noun ('Alliance'): read as a definite reference later"
    FRAGMENT = "one word cut out of a longer name or compound ('Super Tuesday', 'Oscar-nominated')"
    MODIFIES_THING = "a city modifying a document or event ('the Kyoto treaty')"
    NOT_A_PLACE = "a place label on words that are no place's name"
    PLACE_SLOT = "a person label on a name used as a place ('entered Tell Tamer')"
    PROGRAMME = "a programme's name ('Five's Wright Stuff show')"
    THING = "a name after an indefinite article ('a red Vauxhall Corsa'): a thing"
    MODIFIER = "a name modifying a common noun ('the official Kent house')"
    MARKUP = "brackets or bars inside a name"
    REGION = "a region ('North Yorks', 'West Midlands')"
    CONSTITUENCY = "a constituency ('Bolton West')"
    GEO_FEATURE = "a geographic feature ('Causeway Bay')"
    LAW = "a law, bill or treaty named after a person ('the John Smith Voting Rights Act')"
    SHIP = "a ship's name ('HMS Sheffield')"
    INSTITUTION_WORDS = "institution or party words no personal name holds ('London Assembly Conservatives')"
    SAINTS_NAME = "a church's or school's name ('St Egwin's')"
    PLACE_SUFFIX = "a county or region by its ending ('Worcestershire')"
    LOWERCASE_END = "a name does not end in a lowercase word"
    NUMBER = "a number inside a personal name"
    NOT_NAME_TOKENS = "words that cannot stand in a personal name"
    ACRONYM = "an acronym is no person"
    HONORIFIC_ONLY = "an honorific without a name"
    NOT_ORG_SHAPED = "lowercase content words, a people's plural, a feature or a medium: no institution's name"
    DOCUMENT_OR_EVENT = "a law, document or event ('Mental Capacity Bill', 'General Election')"
    DEMONYM = "a people or demonym ('Asian Britons', 'Zimbabwean State institutions')"
    GROUP_LABEL = "a label for a group of people ('the Guildford Four')"
    AREA_OF_TITLE = "the area of a title ('Highland councillor', 'Armed Forces Minister')"
    MEDIUM = "a newspaper, broadcaster or programme"
    PORTFOLIO = "title words only ('Home Affairs', 'the Office of President'): a post's portfolio"
    UNTYPED = "no rule gives it a kind"
    SWALLOWED = "inside a name extended over it ('Court of Appeals for the Third Circuit')"
    COMMON_ACRONYM = "an acronym the article gives a common noun ('liquefied natural gas (LNG)')"
    JIBE = "a party named after a person of the article ('the Robert Kilroy-Silk Party')"
    UNSUPPORTED_ORG = "only the model calls it an organisation, and nothing in the article supports it"
    PLACE_OF_TITLE = "the place of a territorial title ('the Prince of Wales')"
    UNSUPPORTED_NAME = "a one-word person with no honorific, title or age, and no place of that name"
    PRONOUN_OF_DROPPED = "a pronoun of a name that turned out to be no person"


@dataclass(frozen=True)
class Rejected:
    """A candidate or mention turned down, with the reason (for tracing the extractor's decisions)."""

    start: int
    end: int
    label: str                #: the candidate's label or the mention's kind when it was turned down
    reason: Reason


@dataclass(frozen=True)
class Context:
    """What the article-level passes know besides the mentions: the Doc and its sentences."""

    doc: object
    sent_of: dict[int, int]   #: token → sentence index
    story_of: dict[int, int]  #: sentence index → story (wire digests hold several)


@dataclass(frozen=True)
class Revision:
    """What a pass makes of the mentions: the mentions kept (revised, in order) and those it dropped."""

    mentions: list[Found]
    rejected: list[Rejected] = field(default_factory=list)


class Draft:
    """A pass's working copy of the mentions: revise or drop one by position; later reads see the revision.

    Passes whose decisions depend on earlier decisions of the same pass (a surname resolved to a
    person that was itself re-keyed) read the draft, never a stale copy.
    """

    def __init__(self, mentions: list[Found]):
        self._items = list(mentions)
        self._dropped: dict[int, Reason] = {}

    def __getitem__(self, i: int) -> Found:
        return self._items[i]

    def __iter__(self) -> Iterator[tuple[int, Found]]:
        """(position, mention) of the mentions not dropped, in order."""
        return ((i, f) for i, f in enumerate(self._items) if i not in self._dropped)

    def alive(self, i: int) -> bool:
        """True while mention i is not dropped."""
        return i not in self._dropped

    def revise(self, i: int, **changes) -> None:
        """Replace mention i by a copy with these fields changed."""
        self._items[i] = replace(self._items[i], **changes)

    def drop(self, i: int, reason: Reason) -> None:
        """Drop mention i for this reason."""
        self._dropped.setdefault(i, reason)

    def result(self) -> Revision:
        """The mentions kept, and the rejections."""
        rejected = [Rejected(self._items[i].start, self._items[i].end, self._items[i].kind, r)
                    for i, r in self._dropped.items()]
        return Revision([f for _, f in self], rejected)


@dataclass
class MentionIndex:
    """All typed mentions of a Doc, findable by token position, and what was turned down on the way."""

    mentions: list[Found] = field(default_factory=list)
    by_token: dict[int, Found] = field(default_factory=dict)
    rejected: list[Rejected] = field(default_factory=list)

    def add(self, m: Found) -> None:
        """Add a mention; it covers its tokens (a later mention of a token wins)."""
        self.mentions.append(m)
        for i in range(m.start, m.end):
            self.by_token[i] = m

    def at(self, token: int) -> Found | None:
        """The mention covering this token."""
        return self.by_token.get(token)

    def in_range(self, start: int, end: int, kinds: tuple[str, ...] = ()) -> list[Found]:
        """Mentions inside a token range, in order."""
        return [m for m in self.mentions if m.start >= start and m.end <= end and (not kinds or m.kind in kinds)]
