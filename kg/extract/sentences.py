"""Sentence units for extraction: spaCy sentences, re-joined where a list ran over a line break."""
from __future__ import annotations

import re
from dataclasses import dataclass

#: 'LONDON (Reuters) - ', 'WASHINGTON — ', 'BRUSSELS, Dec 5 (AFP) -': a wire story's dateline
_DATELINE = re.compile(r"^[A-Z][A-Z.'’ -]{2,}(?:,[^\n(]{1,30})?\s*(?:\([^)\n]{1,40}\))?\s*[-–—]+\s")
#: a line of only separator marks ('***', '---', '###')
_SEPARATOR = re.compile(r"^[\s*#=_~–—-]{3,}$")


@dataclass(frozen=True)
class Sentence:
    """A sentence as token and character ranges of the Doc."""

    index: int
    start: int       #: first token
    end: int         #: token after the last
    start_char: int
    end_char: int
    text: str        #: the sentence text with its whitespace collapsed
    story: int = 0   #: which story of a text holding several back to back (wire digests)


def sentences(doc) -> list[Sentence]:
    """Sentences of a Doc; one that ends with a comma, a colon or no end mark continues into the next."""
    full = doc.text   # spaCy rebuilds doc.text from every token on each access: once here
    spans = [(s, full[s.start_char:s.end_char]) for s in doc.sents]
    spans = [(s, text) for s, text in spans if text.strip()]
    merged: list[list] = []
    for span, span_text in spans:
        prev = merged[-1] if merged else None
        if prev is not None:
            tail = prev[-1][1].rstrip()
            head = span_text.lstrip()
            continues = tail.endswith((",", ";", ":", "-")) or (
                tail[-1:].isalnum() and head[:1].islower()
            )
            if continues:
                prev.append((span, span_text))
                continue
        merged.append([(span, span_text)])
    out = []
    story = 0
    prev_end = 0
    for i, group in enumerate(merged):
        start, end = group[0][0].start, group[-1][0].end
        # drop leading/trailing whitespace tokens
        while start < end and doc[start].is_space:
            start += 1
        while end > start and doc[end - 1].is_space:
            end -= 1
        if start >= end:
            continue
        sc, ec = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
        text = " ".join(full[sc:ec].split())
        paragraph_start = not out or "\n" in full[prev_end:sc]
        if _SEPARATOR.match(text):
            story += 1 if out else 0
            prev_end = ec
            continue
        if out and paragraph_start and _DATELINE.match(full[sc:ec]):
            story += 1
        out.append(Sentence(len(out), start, end, sc, ec, text, story))
        prev_end = ec
    return out
