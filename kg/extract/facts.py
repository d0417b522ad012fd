"""Extracted facts: plain dataclasses, the only thing extraction hands to the RDF mapping."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from kg.article import Article

EntityKind = Literal["person", "organization", "country", "place", "site"]  #: site: a venue or region, not a city


@dataclass(frozen=True, order=True)
class EntityRef:
    """A reference to an entity by kind and key (person key, org key, ISO code, GeoNames id).

    An organisation whose name the institutions of many countries share ('the Supreme Court', 'the
    Interior Ministry', 'the Senate', 'Labour') has its country in its key: `"{name key}@{ISO}"`
    (`"supreme-court@PL"`, `"foreign-ministry@TR"`, see homonyms.py and `qualified_key`), and the
    mapping mints `kgr:org/supreme-court--pl` for it; its Entity.country is that ISO code too.
    """

    kind: EntityKind
    key: str


def qualified_key(base: str, iso: str) -> str:
    """The key of a homonym institution of one country ('supreme-court', 'PL' → 'supreme-court@PL')."""
    return f"{base}@{iso}"


def split_key(key: str) -> tuple[str, str | None]:
    """A key and the country it is qualified with ('supreme-court@PL' → ('supreme-court', 'PL'))."""
    base, sep, iso = key.rpartition("@")
    return (base, iso) if sep and base and len(iso) == 2 and iso.isupper() else (key, None)


@dataclass(frozen=True)
class Evidence:
    """Where a fact comes from: one sentence of the article, the rule that read it, its confidence."""

    sentence: str
    start: int            #: sentence start offset in Article.text
    end: int              #: sentence end offset in Article.text
    rule: str             #: e.g. "rule:title-before-name", "model:spacy-ner"
    confidence: float


@dataclass(frozen=True)
class Mention:
    """One occurrence of an entity in the text."""

    text: str
    start: int
    end: int
    evidence: Evidence


@dataclass
class Entity:
    """A person, organisation, country or place found in the article, with its names and mentions."""

    ref: EntityRef
    name: str                                   #: preferred name
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    is_alliance: bool = False                   #: organisations only: an alliance/coalition
    country: str | None = None                  #: places: the country they are in; organisations: the
                                                #: country they belong to, when known (homonyms.py)
    iso: str | None = None                      #: countries only: ISO 3166-1 alpha-2


#: the statuses of a post holding besides a plain current one (kg/extract/tenure.py reads them)
STATUSES = ("former", "acting", "interim", "caretaker", "outgoing", "elect", "designate", "incoming")


@dataclass(frozen=True)
class Post:
    """A person holds a post: role label, the institution or country it belongs to, and when."""

    person: EntityRef
    role: str
    organization: EntityRef | None
    evidence: Evidence
    qualifiers: tuple[str, ...] = ()            #: words of the title as written: "former", "acting", "elect"...
    status: str = ""                            #: one of STATUSES, "" for a plain current post
    start: str | None = None                    #: ISO date (YYYY, YYYY-MM or YYYY-MM-DD) the text gives as its start
    end: str | None = None                      #: ISO date the text gives as its end
    observed: str | None = None                 #: the date the text reports it as held (the article's, for a current post)


#: statuses of a membership that is not a plain current one
MembershipStatus = Literal["former", "suspended"]


@dataclass(frozen=True)
class Membership:
    """A country, organisation or person is a member of an organisation or alliance.

    `status` is None for a current member, "former" for one that left or was expelled ('X left Y',
    'X was expelled from Y', 'X, a former member of Y'), "suspended" for one whose membership is
    suspended ("X's suspension from the Commonwealth")."""

    member: EntityRef
    organization: EntityRef
    evidence: Evidence
    status: MembershipStatus | None = None


@dataclass
class Meeting:
    """A meeting or event: kind, date (ISO, possibly partial), place and participants."""

    label: str
    kind: str
    date: str | None = None                     #: "2012-06-21", "2011-12" or "2011"
    place: EntityRef | None = None
    participants: list[EntityRef] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class ArticleFacts:
    """Everything extracted from one article."""

    article: Article
    focus: str | None = None                    #: ISO code of the country the story is set in (focus.py)
    entities: list[Entity] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)

    def entity(self, ref: EntityRef) -> Entity | None:
        """The entity with this reference, if extracted."""
        return next((e for e in self.entities if e.ref == ref), None)
