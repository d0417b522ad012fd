"""Gold facts: the gold file format, its checks, and the names gold and predictions are compared by.

A gold file is one JSON object per article (the format of the gold README: people, organizations,
countries, titles, affiliations, memberships, meetings, and an ``optional`` section whose facts
count neither way). `load_gold_dir` reads and checks a folder of them; a malformed file is a
GoldError naming the file and the field. Names match case-, accent- and punctuation-insensitively
(German "oe" for "ö" accepted, a leading "the" ignored); institutions and countries go through
the gold folder's ``aliases.json`` and ``countries.json`` (`NameIndex`).

>>> name_keys("The Hague")
('the hague', 'hague', 'thehague')
>>> parse_gold({"article": "a.txt", "people": [{"name": "Eric Holder"}], "organizations": [],
...             "countries": ["US"]}).facts.people
[Entity(name='Eric Holder', aliases=())]
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import Errors, InputError
from kg.text import GERMAN_TRANSLITERATION

__all__ = ["ALIASES_FILE", "COUNTRIES_FILE", "Entity", "Facts", "Gold", "GoldError", "Meeting", "NameIndex",
           "fold", "gold_files", "keyset", "load_gold", "load_gold_dir", "load_names", "name_keys", "parse_gold"]

#: tables of a gold folder (looked up in the folder, then in its parent); every other *.json is a gold file
ALIASES_FILE = "aliases.json"
COUNTRIES_FILE = "countries.json"

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ISO_CODE = re.compile(r"^[A-Z]{2}$")


class GoldError(InputError):
    """A gold file or table cannot be read or does not follow the gold format."""


# -- names ------------------------------------------------------------------------------------


def fold(text: str) -> str:
    """Lower-case, accents dropped, punctuation turned into spaces, whitespace collapsed."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def name_keys(name: str | None) -> tuple[str, ...]:
    """The spellings a name matches by: folded, without a leading "the", without spaces; also transliterated."""
    if not name:
        return ()
    keys: dict[str, None] = {}
    for variant in (name, name.translate(GERMAN_TRANSLITERATION)):
        folded = fold(variant)
        for key in (folded, folded.removeprefix("the "), folded.replace(" ", "")):
            if key:
                keys.setdefault(key)
    return tuple(keys)


def keyset(names: Iterable[str]) -> frozenset[str]:
    """Every matching key of every name."""
    return frozenset(key for name in names for key in name_keys(name))


class NameIndex:
    """Canonical names of institutions and countries: every spelling → the name listed first."""

    def __init__(self) -> None:
        self._canonical: dict[str, str] = {}
        self._iso: dict[str, str] = {}          #: canonical country name → ISO 3166-1 alpha-2 code

    @classmethod
    def from_tables(cls, aliases: dict[str, list[str]], countries: dict[str, list[str]]) -> "NameIndex":
        """An index of the alias table, then the country names (first name canonical) not already in it."""
        index = cls()
        for name, others in aliases.items():
            index.add(name, others)
        listed = set(aliases)
        for code, names in countries.items():
            if names[0] not in listed:        # an entry of the same name listed earlier keeps its aliases
                index.add(names[0], names[1:])
                listed.add(names[0])
            index._iso[names[0]] = code
        return index

    def add(self, name: str, aliases: Iterable[str] = ()) -> None:
        """Make `name` the canonical name of itself and its aliases (earlier entries win)."""
        for spelling in (name, *aliases):
            for key in name_keys(spelling):
                self._canonical.setdefault(key, name)

    def copy(self) -> "NameIndex":
        """An independent copy (to add one article's gold names to)."""
        other = NameIndex()
        other._canonical = dict(self._canonical)
        other._iso = dict(self._iso)
        return other

    def canonical(self, name: str | None) -> str | None:
        """The canonical name of `name`, or None when it is not listed."""
        for key in name_keys(name):
            if key in self._canonical:
                return self._canonical[key]
        return None

    def institution_key(self, name: str | None) -> str:
        """What an institution, country or place is compared by: its canonical name, else its folded name."""
        return self.canonical(name) or fold(name or "")

    def member_key(self, name: str | None, iso: str | None = None) -> str:
        """What a member is compared by: its ISO code for a country, else its institution key."""
        if iso:
            return iso.upper()
        canon = self.canonical(name)
        return self._iso.get(canon, canon) if canon else fold(name or "")


# -- gold files -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entity:
    """A gold person or institution: its name and the other names it goes by."""

    name: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The name followed by the aliases."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Meeting:
    """A gold meeting; `date` is YYYY, YYYY-MM or YYYY-MM-DD, or "" when unknown ("" place likewise)."""

    date: str = ""
    place: str = ""
    participants: tuple[str, ...] = ()
    label: str = ""


@dataclass
class Facts:
    """One section of a gold file: the required facts, or the optional ones."""

    people: list[Entity] = field(default_factory=list)
    organizations: list[Entity] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    titles: list[tuple[str, str]] = field(default_factory=list)          #: (person, role)
    statuses: list[str] = field(default_factory=list)    #: each title's status ("former", …; "" when current)
    times: list[tuple[str, str]] = field(default_factory=list)   #: each title's (since, until), "" when not stated
    affiliations: list[tuple[str, str]] = field(default_factory=list)    #: (person, institution or country)
    memberships: list[tuple[str, str]] = field(default_factory=list)     #: (member, organisation)
    meetings: list[Meeting] = field(default_factory=list)
    members: list[str] = field(default_factory=list)   #: optional only: members of any gold organisation


@dataclass
class Gold:
    """The gold facts of one article."""

    path: Path
    article: str                       #: the article file, relative to the articles folder
    facts: Facts
    optional: Facts
    published: str = ""

    @property
    def id(self) -> str:
        """The article's id in reports: the gold file's stem."""
        return self.path.stem


class _Reader:
    """Typed access to one gold file's JSON, raising GoldError that names the file and the field."""

    def __init__(self, path: Path | str):
        self.path = path

    def fail(self, where: str, message: str) -> GoldError:
        return GoldError(Errors.E600.format(path=self.path, where=where, message=message))

    def string(self, value: Any, where: str, *, empty: bool = False) -> str:
        if not isinstance(value, str) or (not empty and not value.strip()):
            raise self.fail(where, f"expected {'a' if empty else 'a non-empty'} string, got {json.dumps(value)}")
        return value

    def maybe_string(self, obj: dict, key: str, where: str) -> str:
        value = obj.get(key)
        return "" if value is None else self.string(value, _join(where, key), empty=True)

    def items(self, obj: dict, key: str, where: str, *, required: bool = False) -> list:
        if key not in obj:
            if required:
                raise self.fail(where or key, f"missing field '{key}'")
            return []
        value = obj[key]
        if value is None and not required:
            return []
        if not isinstance(value, list):
            raise self.fail(_join(where, key), f"expected a list, got {type(value).__name__}")
        return value

    def record(self, value: Any, where: str, keys: Sequence[str]) -> dict:
        if not isinstance(value, dict):
            wanted = f"an object with {', '.join(keys)}" if keys else "an object"
            raise self.fail(where, f"expected {wanted}, got {json.dumps(value)}")
        for key in keys:
            if key not in value:
                raise self.fail(where, f"missing field '{key}'")
        return value

    def strings(self, obj: dict, key: str, where: str) -> list[str]:
        path = _join(where, key)
        return [self.string(v, f"{path}[{i}]") for i, v in enumerate(self.items(obj, key, where))]

    def entities(self, obj: dict, key: str, where: str, *, required: bool, names_only: bool) -> list[Entity]:
        out = []
        for i, value in enumerate(self.items(obj, key, where, required=required)):
            at = f"{_join(where, key)}[{i}]"
            if names_only and isinstance(value, str):     # optional entities may be given by name only
                out.append(Entity(self.string(value, at)))
                continue
            entry = self.record(value, at, ("name",))
            aliases = self.strings(entry, "aliases", at)
            out.append(Entity(self.string(entry["name"], f"{at}.name"), tuple(aliases)))
        return out

    def pairs(self, obj: dict, key: str, where: str, first: str, second: str) -> list[tuple[str, str]]:
        out = []
        for i, value in enumerate(self.items(obj, key, where)):
            at = f"{_join(where, key)}[{i}]"
            entry = self.record(value, at, (first, second))
            out.append((self.string(entry[first], f"{at}.{first}"), self.string(entry[second], f"{at}.{second}")))
        return out

    def statuses(self, obj: dict, key: str, where: str) -> list[str]:
        return [self.maybe_string(entry, "status", f"{_join(where, key)}[{i}]")
                for i, entry in enumerate(self.items(obj, key, where))]

    def times(self, obj: dict, key: str, where: str) -> list[tuple[str, str]]:
        out = []
        for i, entry in enumerate(self.items(obj, key, where)):
            at = f"{_join(where, key)}[{i}]"
            since, until = self.maybe_string(entry, "since", at), self.maybe_string(entry, "until", at)
            for name, date in (("since", since), ("until", until)):
                if date and not _DATE.match(date):
                    raise self.fail(f"{at}.{name}", f"'{date}' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY")
            out.append((since, until))
        return out

    def countries(self, obj: dict, key: str, where: str, *, required: bool) -> list[str]:
        out = []
        for i, value in enumerate(self.items(obj, key, where, required=required)):
            at = f"{_join(where, key)}[{i}]"
            if not isinstance(value, str) or not _ISO_CODE.match(value):
                raise self.fail(at, f"{json.dumps(value)} is not an ISO 3166-1 alpha-2 code (two capital "
                                    "letters, e.g. \"US\")")
            out.append(value)
        return out

    def meetings(self, obj: dict, key: str, where: str) -> list[Meeting]:
        out = []
        for i, value in enumerate(self.items(obj, key, where)):
            at = f"{_join(where, key)}[{i}]"
            entry = self.record(value, at, ())
            date = self.maybe_string(entry, "date", at)
            if date and not _DATE.match(date):
                raise self.fail(f"{at}.date", f"'{date}' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY "
                                              "(or null when unknown)")
            out.append(Meeting(date=date, place=self.maybe_string(entry, "place", at),
                               participants=tuple(self.strings(entry, "participants", at)),
                               label=self.maybe_string(entry, "label", at)))
        return out

    def facts(self, obj: dict, where: str) -> Facts:
        optional = bool(where)
        return Facts(
            people=self.entities(obj, "people", where, required=not optional, names_only=optional),
            organizations=self.entities(obj, "organizations", where, required=not optional, names_only=optional),
            countries=self.countries(obj, "countries", where, required=not optional),
            titles=self.pairs(obj, "titles", where, "person", "role"),
            statuses=self.statuses(obj, "titles", where),
            times=self.times(obj, "titles", where),
            affiliations=self.pairs(obj, "affiliations", where, "person", "organization"),
            memberships=self.pairs(obj, "memberships", where, "member", "organization"),
            meetings=self.meetings(obj, "meetings", where),
            members=self.strings(obj, "memberships_members", where) if optional else [],
        )


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def parse_gold(data: Any, path: Path | str = "<gold>") -> Gold:
    """Check the JSON of a gold file and turn it into a Gold (GoldError names the file and field)."""
    reader = _Reader(path)
    if not isinstance(data, dict):
        raise reader.fail("top level", f"expected a JSON object, got {type(data).__name__}")
    if "article" not in data:
        raise reader.fail("article", "missing field 'article' (the article's file name in the articles folder)")
    article = reader.string(data["article"], "article")
    optional = {} if data.get("optional") is None else data["optional"]
    if not isinstance(optional, dict):
        raise reader.fail("optional", f"expected an object of optional facts, got {type(optional).__name__}")
    gold = Gold(path=Path(path), article=article, facts=reader.facts(data, ""),
                optional=reader.facts(optional, "optional"),
                published=reader.maybe_string(data, "published", ""))
    people = [p.name for p in gold.facts.people]
    for section, where in ((gold.facts, "titles"), (gold.optional, "optional.titles")):
        for i, (person, _role) in enumerate(section.titles):
            if person not in people:
                raise reader.fail(f"{where}[{i}].person", f"'{person}' is not the name of a person in 'people'; "
                                  f"use one of: {', '.join(people) or '(none listed)'}")
    return gold


def _read_json(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise GoldError(Errors.E601.format(path=path)) from None
    except OSError as exc:
        raise GoldError(Errors.E108.format(path=path, reason=exc.strerror or exc)) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise GoldError(Errors.E602.format(path=path, lineno=exc.lineno, colno=exc.colno, msg=exc.msg)) from None


def load_gold(path: Path | str) -> Gold:
    """Read and check one gold file."""
    path = Path(path)
    return parse_gold(_read_json(path), path)


def gold_files(gold_dir: Path | str) -> list[Path]:
    """The gold files of a folder: its *.json files except the alias and country tables, sorted."""
    return sorted(p for p in Path(gold_dir).glob("*.json") if p.name not in (ALIASES_FILE, COUNTRIES_FILE))


def load_gold_dir(gold_dir: Path | str, *, only: Iterable[str] | None = None) -> list[Gold]:
    """The gold files of a folder (only the ids in `only`, when given), checked, in file-name order."""
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise GoldError(Errors.E603.format(gold_dir=gold_dir))
    paths = gold_files(gold_dir)
    if not paths:
        raise GoldError(Errors.E604.format(gold_dir=gold_dir))
    if only is not None:
        wanted = set(only)
        unknown = sorted(wanted - {p.stem for p in paths})
        if unknown:
            raise GoldError(Errors.E605.format(items=', '.join(unknown), gold_dir=gold_dir))
        paths = [p for p in paths if p.stem in wanted]
    return [load_gold(p) for p in paths]


def _table_file(gold_dir: Path, name: str) -> Path | None:
    for folder in (gold_dir, gold_dir.parent):
        if (folder / name).is_file():
            return folder / name
    return None


def _name_table(path: Path | None, keyed_by: str) -> dict[str, list[str]]:
    if path is None:
        return {}
    data = _read_json(path)
    if not isinstance(data, dict):
        raise GoldError(Errors.E606.format(path=path, keyed_by=keyed_by))
    for key, names in data.items():
        if not isinstance(names, list) or not all(isinstance(n, str) and n for n in names):
            raise GoldError(Errors.E607.format(path=path, key=key, value=json.dumps(names)))
        if keyed_by == "ISO code" and not names:
            raise GoldError(Errors.E608.format(path=path, key=key))
    return data


def load_names(gold_dir: Path | str) -> NameIndex:
    """The name index of a gold folder: aliases.json and countries.json, in the folder or its parent."""
    gold_dir = Path(gold_dir)
    aliases = _name_table(_table_file(gold_dir, ALIASES_FILE), "name")
    countries = _name_table(_table_file(gold_dir, COUNTRIES_FILE), "ISO code")
    return NameIndex.from_tables(aliases, countries)
