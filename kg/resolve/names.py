"""Name comparison for resolution: person names (given names, surnames, initials, spelling
variants) and institution names (content words, acronyms, country words, country-relative names)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from kg.extract import geo
from kg.extract.normalize import fold, name_key


@dataclass(frozen=True)
class _Data:
    honorifics: frozenset[str]
    particles: frozenset[str]
    function_words: frozenset[str]
    filler_words: frozenset[str]
    compound_heads: frozenset[str]


@lru_cache(maxsize=1)
def data() -> _Data:
    """The resolution data (kg/data/resolution.json, with name particles and institution heads)."""
    def load(name: str) -> dict:
        return json.loads(resources.files("kg").joinpath("data", name).read_text(encoding="utf-8"))

    res, names, orgs = load("resolution.json"), load("names.json"), load("organizations.json")
    return _Data(frozenset(res["honorifics"]), frozenset(names["particles"]), frozenset(res["function_words"]),
                 frozenset(res["filler_words"]),
                 frozenset(res["compound_heads"]))


# -- people ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonName:
    """A person's name as tokens (folded), without a leading honorific; `honorific` when one was cut."""

    tokens: tuple[str, ...]
    honorific: bool = False

    @property
    def full(self) -> bool:
        """Given name(s) and surname: two words or more (particles aside)."""
        return len([t for t in self.tokens if t not in data().particles]) >= 2

    @property
    def surname(self) -> str:
        return self.tokens[-1] if self.tokens else ""


@lru_cache(maxsize=1 << 16)
def person_name(name: str) -> PersonName:
    """Parse a person's name ('Recep Tayyip Erdoğan' → recep tayyip erdogan)."""
    tokens = [t for t in name_key(name).replace("-", " ").split() if t]
    cut = False
    while len(tokens) > 1 and tokens[0] in data().honorifics:
        tokens, cut = tokens[1:], True
    return PersonName(tuple(tokens), cut)


@lru_cache(maxsize=1 << 16)
def skeleton(word: str) -> str:
    """A spelling-variant key: consonants only (y as a vowel), doubled letters once, k for q
    ('soleimani' and 'soleymani' → 'slmn'; 'qasem' and 'qassem' → 'ksm')."""
    w = word.replace("q", "k").replace("ph", "f")
    w = re.sub(r"[aeiouy]", "", w)
    return re.sub(r"(.)\1+", r"\1", w)


def _token_match(a: str, b: str) -> bool:
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def surname_positions(name: PersonName, surname: str, *, variant: bool = False) -> list[int]:
    """Where `surname` stands in `name` after its first word (exactly, or as a spelling variant)."""
    return [i for i, t in enumerate(name.tokens) if i >= 1 and len(t) > 1
            and (t == surname or variant and skeleton(t) == skeleton(surname) and len(skeleton(t)) >= 3)]


def names_compatible(a: PersonName, b: PersonName) -> str | None:
    """'same' when two full names can name one person by their words alone ('Donald J. Trump' ~
    'Donald Trump', 'Tayyip Erdoğan' ~ 'Recep Tayyip Erdoğan', 'Pedro Pierluisi' ~ 'Pedro R.
    Pierluisi Urrutia'), 'variant' when only a spelling variant of the surname joins them
    ('Qasem Soleimani' ~ 'Qassem Soleymani'), else None ('Melania Trump' vs 'Donald Trump')."""
    if a.tokens == b.tokens:
        return "same"
    short, long = sorted((a, b), key=lambda n: (len(n.tokens), n.tokens))
    for variant in (False, True):
        for j in surname_positions(long, short.surname, variant=variant):
            given, pool = short.tokens[:-1], list(long.tokens[:j])
            it = iter(pool)
            if given and all(any(_token_match(g, p) or variant and _given_agree(g, [p]) for p in it)
                             for g in given) and _given_agree(given[0], pool):
                exact = short.surname == long.tokens[j] and all(
                    any(g == p or len(g) == 1 or len(p) == 1 for p in pool) for g in given)
                return "same" if exact else "variant"
    return None


def same_first_name(a: PersonName, b: PersonName) -> bool:
    """The two names start with the same given name (or its initial): 'Donald Trump' and 'Donald J.
    Trump'; not 'Tayyip Erdoğan' and 'Recep Tayyip Erdoğan'."""
    return bool(a.tokens and b.tokens) and _token_match(a.tokens[0], b.tokens[0])


def _given_agree(first: str, pool: list[str]) -> bool:
    return any(_token_match(first, p) or len(first) > 2 and skeleton(first) == skeleton(p) for p in pool)


# -- institutions ------------------------------------------------------------------------------


@dataclass(frozen=True)
class OrgName:
    """An institution's name: its content words (singular, no function or filler words, no country
    words) and the country its words name."""

    key: str                         #: the folded name without a leading 'the'
    content: frozenset[str]
    country: str | None
    acronym: str | None              #: the name itself when it is an acronym ('IRGC')
    initials: str | None             #: initials of the name's capitalised words ('Islamic Revolutionary Guard Corps' → IRGC)


@lru_cache(maxsize=1)
def _org_heads() -> frozenset[str]:
    """Institution head nouns (kg/data/organizations.json)."""
    orgs = json.loads(resources.files("kg").joinpath("data", "organizations.json").read_text(encoding="utf-8"))
    return frozenset(w for h in orgs["head_nouns"] for w in h.split())


def _singular(w: str) -> str:
    return w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith(("ss", "us", "is")) else w


@lru_cache(maxsize=1 << 16)
def org_name(name: str) -> OrgName:
    """Parse an institution's name ('the Turkish Ministry of Foreign Affairs')."""
    d = data()
    originals = [w for w in (w.strip(".,;:'’\"()[]") for w in re.split(r"[\s\-–/]+", name)) if w and fold(w)]
    if originals and fold(originals[0]) == "the":
        originals = originals[1:]
    words = [fold(w) for w in originals]
    country = None
    content: list[str] = []
    i = 0
    while i < len(words):
        for n in (3, 2, 1):
            if i + n > len(words) or len(words) <= n:
                continue
            phrase = " ".join(originals[i:i + n])
            code = geo.country_code(phrase) if n > 1 or len(phrase) > 2 or phrase.isupper() else None
            if code is None and n == 1:
                code = _name_demonym(phrase)
            if code is not None:
                country, i = code, i + n
                break
        else:
            w = words[i]
            if w not in d.function_words and w not in d.filler_words:
                content.append(_singular(w))
            i += 1
    raw = name.strip()
    acronym = raw.replace(".", "") if re.fullmatch(r"[A-Z][A-Z.&-]{1,9}", raw) and sum(c.isupper() for c in raw) >= 2 else None
    caps = [w for w in re.split(r"[\s-]+", raw) if w[:1].isupper()]
    initials = "".join(w[0] for w in caps).upper() if len(caps) >= 2 and not acronym else None
    return OrgName(" ".join(words), frozenset(content), country, acronym, initials)


@lru_cache(maxsize=1 << 16)
def places_in(name: str) -> frozenset[str]:
    """The places an institution's name names — countries (also by demonym), US states, large
    cities, regions by their demonym ('Welsh Local Government Association' → {'welsh'}; 'Republican
    Party of Idaho' → {'idaho'}; 'Zimbabwe African National Union' → {'ZW'})."""
    from kg.extract.homonyms import regional_demonyms

    words = [w for w in (w.strip(".,;:'’\"()[]") for w in re.split(r"[\s\-–/]+", name)) if w]
    found: set[str] = set()
    i = 0
    while i < len(words):
        for n in (3, 2, 1):
            phrase = " ".join(words[i:i + n])
            if i + n > len(words) or not phrase[:1].isupper():
                continue
            code = geo.country_code(phrase) if n > 1 or len(phrase) > 2 or phrase.isupper() else None
            code = code or (geo.demonym_code(phrase) if n == 1 else None)
            if code is None and (geo.is_us_state(phrase) or phrase in regional_demonyms()
                                 or geo.find_city(phrase, min_population=geo.MIN_CITY_POPULATION)):
                code = fold(phrase)
            if code is not None:
                found.add(code)
                i += n
                break
        else:
            i += 1
    return frozenset(found)


def _name_demonym(word: str) -> str | None:
    """The country of a demonym made from the country's own name ('Turkish' → TR, 'Iranian' → IR);
    not of one that names a part or a people of it ('Scottish', 'British'): those stay words of the name."""
    code = geo.demonym_code(word)
    if code is None:
        return None
    name = fold(geo.country_name(code))
    return code if name[:4] == fold(word)[:4] else None


def _plural_of(w: str) -> str:
    return w + "s"
