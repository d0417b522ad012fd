"""Typed mentions: what the entity stages hand to the fact extractors (posts, memberships, meetings)."""
from __future__ import annotations

from dataclasses import dataclass, field

from kg.extract.facts import EntityRef

#: confidence of a mention's typing, by the source that found it
CONFIDENCE = {"gazetteer": 0.95, "ner": 0.8, "rule": 0.7, "coref": 0.75, "pronoun": 0.6}


@dataclass
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


@dataclass
class MentionIndex:
    """All typed mentions of a Doc, findable by token position."""

    mentions: list[Found] = field(default_factory=list)
    by_token: dict[int, Found] = field(default_factory=dict)

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
