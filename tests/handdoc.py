"""Hand-built spaCy Docs for unit tests of the extraction stages (no model is loaded).

    doc = make_doc("Attorney General Eric Holder met Cecilia Malmström in Copenhagen .",
                   ents=[("Eric Holder", "PERSON"), ("Cecilia Malmström", "PERSON"), ("Copenhagen", "GPE")])

Tokens are the space-separated words of the text; a token is glued to the one before it when it is
punctuation such as ',', '.', "'s" or ')' (and to the one after '(' or '“'), so doc.text reads
naturally. Attributes the stage under test reads are given as space-separated strings aligned with
the words (pos, tags, deps) or lists (heads: absolute indices); lemmas default to the lowercased
words, sentences to one per Doc unless heads give a parse.
"""
from __future__ import annotations

from functools import cache

import spacy
from spacy.tokens import Doc

_GLUE_LEFT = {",", ".", ";", ":", ")", "'s", "’s", "?", "!", "”", "%"}
_GLUE_RIGHT = {"(", "“", "#", "@"}


@cache
def _vocab():
    return spacy.blank("en").vocab


def _iob(words: list[str], ents) -> list[str]:
    """IOB tags for entities given as (phrase, label) — each phrase found after the previous one — or
    (start, end, label) token ranges."""
    tags = ["O"] * len(words)
    pos = 0
    for ent in ents:
        if len(ent) == 3:
            start, end, label = ent
        else:
            phrase, label = ent
            want = phrase.split()
            start = next(i for i in range(pos, len(words) - len(want) + 1) if words[i:i + len(want)] == want)
            end = start + len(want)
        tags[start:end] = ["B-" + label] + ["I-" + label] * (end - start - 1)
        pos = end
    return tags


def make_doc(text: str, *, ents=(), pos: str | None = None, tags: str | None = None, deps: str | None = None,
             heads: list[int] | None = None, lemmas: str | None = None, sent_starts: list[bool] | None = None) -> Doc:
    """A Doc of the space-separated words of `text` with the given annotations."""
    words = text.split()
    spaces = [i + 1 < len(words) and words[i + 1] not in _GLUE_LEFT and words[i] not in _GLUE_RIGHT
              for i in range(len(words))]
    kw: dict = {"words": words, "spaces": spaces, "ents": _iob(words, ents),
                "lemmas": lemmas.split() if lemmas else [w.lower() for w in words]}
    for name, value in (("pos", pos), ("tags", tags), ("deps", deps)):
        if value is not None:
            kw[name] = value.split()
            assert len(kw[name]) == len(words), f"{name}: {len(kw[name])} values for {len(words)} words"
    if heads is not None:
        kw["heads"] = heads
        kw.setdefault("deps", ["dep"] * len(words))
    else:
        kw["sent_starts"] = sent_starts or [True] + [False] * (len(words) - 1)
        assert len(kw["sent_starts"]) == len(words), f"sent_starts: {len(kw['sent_starts'])} values for {len(words)} words"
    return Doc(_vocab(), **kw)


def span(doc: Doc, phrase: str, after: int = 0) -> tuple[int, int]:
    """The token range of the first occurrence of `phrase` (space-separated words) at or after token `after`."""
    want = phrase.split()
    words = [t.text for t in doc]
    start = next(i for i in range(after, len(words) - len(want) + 1) if words[i:i + len(want)] == want)
    return start, start + len(want)
