"""kg.language: English articles pass, others are named (function-word shares from kg/data/stopwords.json)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.language import MIN_WORDS, function_words, guess
from kg.resources import data_file

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize("path", sorted((DATA / "articles").glob("*.txt")) + sorted((DATA / "ingest" / "wikinews").glob("*.txt")))
def test_english_articles_are_english(path):
    g = guess(path.read_text(encoding="utf-8"))
    assert g.english and g.language == "English" and g.english_share > 0.25


@pytest.mark.parametrize("name, language", [("french.txt", "French"), ("german.txt", "German"),
                                            ("spanish.txt", "Spanish"), ("russian.txt", "Cyrillic script")])
def test_other_languages_are_named(name, language):
    g = guess((DATA / "bad" / name).read_text(encoding="utf-8"))
    assert not g.english and g.language == language and g.english_share < 0.1


def test_other_scripts():
    assert guess("外交部长们周四在布鲁塞尔举行会议，讨论边境安全问题。" * 5).language == "Chinese/Japanese script"
    assert guess("وزراء الخارجية يجتمعون في بروكسل لبحث أمن الحدود " * 5).language == "Arabic script"


def test_short_texts_are_not_judged():
    assert guess("Le ministre a dit non.").english                 # fewer than MIN_WORDS words
    assert len("Le ministre a dit non.".split()) < MIN_WORDS
    assert guess("").english and guess("12345 !!! ...").english


def test_english_with_foreign_quotes_and_names_is_english():
    text = ("The French president said on Monday that the plan was « une bonne nouvelle pour l'Europe » and "
            "that he would meet Chancellor Angela Merkel in Berlin next week. Jean-Claude Juncker, the head of "
            "the European Commission, said the members of the Union had agreed to share more information.")
    assert guess(text).english


def test_function_word_lists_are_lower_case_and_english_first():
    raw = json.loads(data_file("stopwords.json").read_text(encoding="utf-8"))
    assert list(raw["languages"])[0] == "English"
    for name, words in raw["languages"].items():
        assert words == [w.lower() for w in words] and len(set(words)) == len(words), name
    assert "the" in function_words()["English"]
