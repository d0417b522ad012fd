"""Is an article in English? A check by the share of English function words (kg/data/stopwords.json).

English news prose is about 40 % function words ("the", "of", "and"…); French, German, Spanish
and other texts have few of them, and texts in other scripts (Cyrillic, Arabic, CJK…) none. The
extraction (spaCy's English model, English gazetteers and patterns) only works on English, so
ingest skips other articles with a warning instead of filling the graph with noise.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from kg.errors import Errors, InputError
from kg.resources import data_file

#: fewer words than this: too short to tell, taken as English
MIN_WORDS = 25
#: a text is English when at least this share of its words are English function words
#: (English news articles: 0.30–0.50; French, German, Spanish… news: below 0.08)
MIN_ENGLISH_SHARE = 0.15
#: letters of other scripts above this share: not English, whatever the words say
MAX_OTHER_SCRIPT_SHARE = 0.5

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@dataclass(frozen=True)
class LanguageGuess:
    """What `guess` found: whether the text is English, and a name for its language."""

    english: bool
    language: str                 #: "English", "French"…, "Cyrillic script", or "unknown"
    english_share: float          #: share of the words that are English function words
    words: int                    #: number of words looked at


@lru_cache(maxsize=1)
def function_words() -> dict[str, frozenset[str]]:
    """Language name → its most frequent function words (kg/data/stopwords.json)."""
    path = data_file("stopwords.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {name: frozenset(w.lower() for w in words) for name, words in data["languages"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
        raise InputError(Errors.E090.format(path=path, error=e)) from None


def _script(ch: str) -> str:
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return "unknown"
    first = name.split(" ", 1)[0]
    return {"CJK": "Chinese/Japanese", "HIRAGANA": "Japanese", "KATAKANA": "Japanese",
            "HANGUL": "Korean"}.get(first, first.capitalize())


def guess(text: str, *, sample: int = 20000) -> LanguageGuess:
    """Guess whether `text` is English (looks at its first `sample` characters)."""
    head = text[:sample]
    letters = [c for c in head if c.isalpha()]
    if letters:
        other = [c for c in letters if not ("a" <= c.lower() <= "z") and not _is_latin(c)]
        if len(other) > MAX_OTHER_SCRIPT_SHARE * len(letters):
            scripts: dict[str, int] = {}
            for c in other:
                s = _script(c)
                scripts[s] = scripts.get(s, 0) + 1
            top = max(scripts, key=scripts.get)
            return LanguageGuess(False, f"{top} script", 0.0, len(_WORD.findall(head)))
    words = [w.lower().replace("’", "'") for w in _WORD.findall(head)]
    if len(words) < MIN_WORDS:
        return LanguageGuess(True, "unknown", 0.0, len(words))
    lists = function_words()
    shares = {}
    for name, fw in lists.items():
        shares[name] = sum(1 for w in words if w in fw or w.split("'", 1)[0] in fw) / len(words)
    en = shares.get("English", 0.0)
    if en >= MIN_ENGLISH_SHARE:
        return LanguageGuess(True, "English", en, len(words))
    best = max(shares, key=shares.get)
    return LanguageGuess(False, best if best != "English" and shares[best] > en else "unknown", en, len(words))


@lru_cache(maxsize=4096)
def _is_latin(ch: str) -> bool:
    try:
        return unicodedata.name(ch).startswith("LATIN")
    except ValueError:
        return False
