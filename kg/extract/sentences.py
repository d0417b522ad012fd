"""Sentence units for extraction: spaCy sentences, re-joined where a list ran over a line break."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Sentence:
    """A sentence as token and character ranges of the Doc."""

    index: int
    start: int       #: first token
    end: int         #: token after the last
    start_char: int
    end_char: int
    text: str        #: the sentence text with its whitespace collapsed


def sentences(doc) -> list[Sentence]:
    """Sentences of a Doc; one that ends with a comma, a colon or no end mark continues into the next."""
    spans = [s for s in doc.sents if s.text.strip()]
    merged: list[list] = []
    for span in spans:
        prev = merged[-1] if merged else None
        if prev is not None:
            tail = prev[-1].text.rstrip()
            head = span.text.lstrip()
            continues = tail.endswith((",", ";", ":", "-")) or (
                tail[-1:].isalnum() and head[:1].islower()
            )
            if continues:
                prev.append(span)
                continue
        merged.append([span])
    out = []
    for i, group in enumerate(merged):
        start, end = group[0].start, group[-1].end
        # drop leading/trailing whitespace tokens
        while start < end and doc[start].is_space:
            start += 1
        while end > start and doc[end - 1].is_space:
            end -= 1
        if start >= end:
            continue
        sc, ec = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
        out.append(Sentence(len(out), start, end, sc, ec, " ".join(doc[start:end].text.split())))
    return out
