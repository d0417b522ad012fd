"""Given names (from the gender-guesser name dictionary): is a word a first name, and its usual gender."""
from __future__ import annotations

from functools import cache


@cache
def _detector():
    import gender_guesser.detector as gender

    return gender.Detector(case_sensitive=False)


def given_name_gender(word: str) -> str | None:
    """'female', 'male' or 'unisex' when `word` is a known given name, else None."""
    if not word[:1].isupper() or not word.isalpha():
        return None
    g = _detector().get_gender(word)
    if g == "unknown":
        return None
    return {"mostly_female": "female", "mostly_male": "male", "andy": "unisex"}.get(g, g)
