"""The article: the unit that flows from ingest into NLP (text plus metadata, no NLP)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    """One news article: body text for extraction plus the metadata the text or its sidecar gave."""

    id: str                       #: stable id (slug of the file stem or the JSONL `id`)
    text: str                     #: body text, boilerplate and inline markup removed
    source: str                   #: path (or path#line for JSON Lines) it was read from
    title: str | None = None
    date: dt.date | None = None   #: publication date, when known (never guessed)
    publisher: str | None = None
    url: str | None = None
    content_hash: str = ""        #: sha256 of the raw bytes, to skip unchanged articles
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
