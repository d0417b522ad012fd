"""Given names (from the gender-guesser name dictionary): is a word a first name, and its usual gender."""
from __future__ import annotations

from functools import cache


@cache
def _detector():
    import gender_guesser.detector as gender

    return gender.Detector(case_sensitive=False)


@cache
def _function_words() -> frozenset[str]:
    """English function words, which are never a first name ('The', 'In', 'To'): spaCy's stop words.

    The list's own file is read without importing spaCy (which takes about a second), so that
    resolution (kg resolve, kg remove) does not pay for a parser it never uses.
    """
    import importlib.util
    from pathlib import Path

    spacy_dir = Path(importlib.util.find_spec("spacy").origin).parent
    spec = importlib.util.spec_from_file_location("_kg_en_stop_words", spacy_dir / "lang" / "en" / "stop_words.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return frozenset(module.STOP_WORDS)


def given_name_gender(word: str) -> str | None:
    """'female', 'male' or 'unisex' when `word` is a known given name, else None."""
    if not word[:1].isupper() or not word.isalpha() or word.lower() in _function_words():
        return None
    g = _detector().get_gender(word)
    if g == "unknown":
        return None
    return {"mostly_female": "female", "mostly_male": "male", "andy": "unisex"}.get(g, g)
