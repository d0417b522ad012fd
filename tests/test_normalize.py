"""Name keys, slugs and title casing (kg/extract/normalize.py)."""
from hypothesis import given, strategies as st

from kg.extract.normalize import fold, name_key, slug, title_case


def test_transliterations_share_a_key():
    assert name_key("Malmström") == name_key("Malmstroem") == name_key("Malmstrom") == "malmstrom"
    assert name_key("Gerhard Schröder") == name_key("Gerhard Schroeder")


def test_final_oe_is_not_a_transliteration():
    assert name_key("Joe Biden") == "joe biden"
    assert name_key("Zoe Ball") == "zoe ball"


def test_fold_removes_accents_and_punctuation():
    assert fold("  Cecilia  Malmström! ") == "cecilia malmstrom"


def test_title_case_keeps_small_words():
    assert title_case("home affairs commissioner") == "Home Affairs Commissioner"
    assert title_case("commissioner for home affairs") == "Commissioner for Home Affairs"
    assert title_case("Secretary-General") == "Secretary-General"


@given(st.text())
def test_slug_is_always_a_safe_nonempty_segment(text):
    s = slug(text)
    assert s and len(s) <= 80
    assert all(c.isascii() and (c.isalnum() or c == "-") for c in s)


def test_slug_is_deterministic_and_distinguishes_long_names():
    a, b = "x" * 200 + "a", "x" * 200 + "b"
    assert slug(a) == slug(a) and slug(a) != slug(b)
