"""Measure kg against hand-made gold facts: the library behind `kg eval`.

Gold facts are one JSON file per article (the format of the gold README: people, organizations,
countries, titles, affiliations, memberships, meetings, and an ``optional`` section whose facts
count neither way). Every article is built alone into a temporary store, the graph is read back
through the named queries and compared with its gold file per fact type; precision, recall and
F1 are summed over all articles (micro average). A second pass builds all articles into one
store and checks that every gold person is exactly one entity (cross-article resolution).

The matching rules are those of the project's reference scorer (eval/score.py), so both give the
same numbers on the same graph: names match case-, accent- and punctuation-insensitively (German
"oe" for "ö" accepted, a leading "the" ignored), institutions and countries go through the gold
folder's ``aliases.json`` and ``countries.json``, roles match on their head word, meetings are
(date, place, participant) triples.

Usage::

    from kg.evaluate import evaluate, format_evaluation
    result = evaluate("gold/", "articles/")
    print(format_evaluation(result, verbose=True))
"""
from __future__ import annotations

import dataclasses
import json
import re
import tempfile
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import InputError, KgError
from kg.text import GERMAN_TRANSLITERATION

__all__ = [
    "FACT_TYPES", "GoldError", "Entity", "Meeting", "Facts", "Gold", "NameIndex", "Tally", "Resolution",
    "ArticleResult", "Evaluation", "fold", "name_keys", "role_matches", "parse_gold", "load_gold",
    "gold_files", "load_gold_dir", "load_names", "read_predictions", "score_article", "score_entities", "score_sets",
    "check_resolution", "evaluate", "format_evaluation", "row_names", "post_status", "TitleStatus",
    "score_title_status", "OrgResolution", "check_org_resolution", "STATUS_WORDS",
]

#: the fact types scored, in report order
FACT_TYPES = ("people", "organizations", "countries", "titles", "affiliations", "memberships", "meetings")
#: the named queries the predicted facts are read from
QUERIES = ("people", "organizations", "countries", "roles", "memberships", "meetings")
#: tables of a gold folder (looked up in the folder, then in its parent); every other *.json is a gold file
ALIASES_FILE = "aliases.json"
COUNTRIES_FILE = "countries.json"
#: words that do not count when role names are compared
ROLE_STOPWORDS = frozenset({"the", "of", "for", "and", "a", "an", "s", "mr", "mrs", "ms", "dr"})

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ISO_CODE = re.compile(r"^[A-Z]{2}$")

Rows = dict[str, list[dict[str, str]]]
Fact = tuple[str, ...]


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


def _keyset(names: Iterable[str]) -> frozenset[str]:
    return frozenset(key for name in names for key in name_keys(name))


def _role_tokens(role: str) -> frozenset[str]:
    return frozenset(t for t in fold(role).split() if t not in ROLE_STOPWORDS)


def role_matches(predicted: str, gold: str) -> bool:
    """Does a predicted role name stand for the gold one (same head word, one contained in the other)?"""
    pred, want = _role_tokens(predicted), _role_tokens(gold)
    if not pred or not want:
        return False
    head = fold(gold).split()[-1]
    return head in pred and (pred <= want or want <= pred or len(pred & want) >= max(2, len(want) - 1))


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
        return GoldError(f"{self.path}: {where}: {message}")

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
        raise GoldError(f"{path}: not UTF-8 text; save it as UTF-8 JSON") from None
    except OSError as exc:
        raise GoldError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise GoldError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None


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
        raise GoldError(f"no gold folder {gold_dir}; give the folder that holds the gold JSON files")
    paths = gold_files(gold_dir)
    if not paths:
        raise GoldError(f"no gold files (*.json) in {gold_dir}")
    if only is not None:
        wanted = set(only)
        unknown = sorted(wanted - {p.stem for p in paths})
        if unknown:
            raise GoldError(f"no gold file for {', '.join(unknown)} in {gold_dir}")
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
        raise GoldError(f"{path}: expected an object of {keyed_by} → list of names")
    for key, names in data.items():
        if not isinstance(names, list) or not all(isinstance(n, str) and n for n in names):
            raise GoldError(f"{path}: {key}: expected a list of names, got {json.dumps(names)}")
        if keyed_by == "ISO code" and not names:
            raise GoldError(f"{path}: {key}: the list of names is empty; give at least the country's name")
    return data


def load_names(gold_dir: Path | str) -> NameIndex:
    """The name index of a gold folder: aliases.json and countries.json, in the folder or its parent."""
    gold_dir = Path(gold_dir)
    aliases = _name_table(_table_file(gold_dir, ALIASES_FILE), "name")
    countries = _name_table(_table_file(gold_dir, COUNTRIES_FILE), "ISO code")
    return NameIndex.from_tables(aliases, countries)


# -- predictions ------------------------------------------------------------------------------


def read_predictions(store, queries: Iterable[str] = QUERIES) -> Rows:
    """The rows of the named queries on a store, each row as {column: value} of its bound columns."""
    from kg.query import resolve_query, run_query

    rows: Rows = {}
    for name in queries:
        result = run_query(store, resolve_query(name)[1])
        rows[name] = [{var: str(term) for var, term in zip(result.vars, row) if term is not None}
                      for row in result.rows]
    return rows


class _ArticleGraph:
    """A store seen through one article's named graph: what building that article alone gives."""

    def __init__(self, store, graph: str):
        self._store, self._graph = store, graph

    def query(self, sparql: str):
        return self._store.query(sparql, graph=self._graph)


def _build_and_read_each(paths: Sequence[Path]) -> tuple[dict[Path, tuple[Rows, str | None]], Rows, str | None]:
    """Build the articles once into a temporary store; read the queries per article graph, and the
    people and institutions over all of them (for resolution)."""
    from kg.build import build
    from kg.ingest import iter_articles
    from kg.mapping import article_iri
    from kg.store import Store

    empty = {q: [] for q in QUERIES}
    nothing = {"people": [], "organizations": []}
    with tempfile.TemporaryDirectory(prefix="kg-eval-") as tmp:
        try:
            with Store.open(Path(tmp) / "store", create=True) as store:
                report = build(paths, store)
                failed = {Path(f).resolve(): msg for f, msg in report.failed}
                per_article: dict[Path, tuple[Rows, str | None]] = {}
                for path in paths:
                    if path.resolve() in failed:
                        per_article[path] = (empty, failed[path.resolve()])
                        continue
                    ids = [a.id for a in iter_articles([path], on_error=lambda *_: None)]
                    if not ids:
                        per_article[path] = (empty, f"{path} holds no article")
                        continue
                    per_article[path] = (read_predictions(_ArticleGraph(store, str(article_iri(ids[0])))), None)
                if report.failed:
                    return per_article, nothing, "; ".join(msg for _path, msg in report.failed)
                return per_article, read_predictions(store, ("people", "organizations")), None
        except KgError as exc:
            return {path: (empty, str(exc)) for path in paths}, nothing, str(exc)


# -- scoring ----------------------------------------------------------------------------------


@dataclass
class Tally:
    """True positives, false positives and false negatives of one fact type (with what was missed or extra)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    def add(self, other: "Tally") -> None:
        """Add another tally's counts to this one."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1.0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1.0 when nothing was expected."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _describe(fact: str | Fact) -> str:
    return fact if isinstance(fact, str) else " | ".join(part or "-" for part in fact)


def score_entities(predicted: dict[str, set[str]], gold: Sequence[Entity], optional: Iterable[str] = ()) -> Tally:
    """Entities (IRI → names) against gold entities; a second entity for one gold entity is a false positive."""
    tally = Tally()
    gold_keys = [_keyset(entity.names) for entity in gold]
    optional_keys = _keyset(optional)
    found = [False] * len(gold)
    for iri, names in sorted(predicted.items()):
        keys = _keyset(names)
        label = " / ".join(sorted(names))
        i = next((i for i, wanted in enumerate(gold_keys) if keys & wanted), None)
        if i is None:
            if not keys & optional_keys:
                tally.fp += 1
                tally.extras.append(label or iri)
        elif found[i]:
            tally.fp += 1
            tally.extras.append(f"duplicate of {gold[i].name}: {label}")
        else:
            found[i] = True
            tally.tp += 1
    tally.misses = [entity.name for entity, hit in zip(gold, found) if not hit]
    tally.fn = len(tally.misses)
    return tally


def score_sets(predicted: set, gold: set, optional: set = frozenset()) -> Tally:
    """Predicted facts against gold facts; predicted facts that are optional count neither way."""
    extra = predicted - gold - optional
    missed = gold - predicted
    return Tally(tp=len(predicted & gold), fp=len(extra), fn=len(missed),
                 misses=[_describe(f) for f in sorted(missed)], extras=[_describe(f) for f in sorted(extra)])


class _People:
    """Finds the gold person a predicted name stands for."""

    def __init__(self, people: Sequence[Entity]):
        self._people = [(entity.name, _keyset(entity.names)) for entity in people]

    def __call__(self, name: str | None) -> str | None:
        keys = set(name_keys(name))
        return next((gold_name for gold_name, wanted in self._people if keys & wanted), None)


def row_names(row: dict[str, str]) -> set[str]:
    """The names a people/organizations row gives: ``?name``, plus ``?aliases`` joined by " | "."""
    names = {row.get("name", "")}
    names.update(alias.strip() for alias in (row.get("aliases") or "").split("|") if alias.strip())
    return names


def _entity_names(rows: list[dict[str, str]], column: str) -> dict[str, set[str]]:
    names: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        names[row.get(column) or row.get("name") or ""].update(row_names(row))
    return names


def _score_titles(rows: list[dict[str, str]], gold: Gold, person_of: _People) -> Tally:
    required, optional = set(gold.facts.titles), set(gold.optional.titles)
    candidates = sorted(required) + sorted(optional - required)
    predicted = set()
    for row in rows:
        name, role = row.get("name", ""), row.get("role", "")
        who = person_of(name)
        # a required title wins over an optional one (sorted: the same answer on every run)
        match = next((t for t in candidates if t[0] == who and role_matches(role, t[1])), None)
        predicted.add(match or (name, role))
    return score_sets(predicted, required, optional)


def _score_affiliations(rows: list[dict[str, str]], gold: Gold, person_of: _People, names: NameIndex) -> Tally:
    def facts(pairs: list[tuple[str, str]]) -> set[Fact]:
        return {(person, names.institution_key(org)) for person, org in pairs}

    predicted = {(person_of(row.get("name", "")) or row.get("name", ""), names.institution_key(row["organizationName"]))
                 for row in rows if row.get("organizationName")}
    return score_sets(predicted, facts(gold.facts.affiliations), facts(gold.optional.affiliations))


def _score_memberships(rows: list[dict[str, str]], gold: Gold, names: NameIndex) -> Tally:
    # a two-letter member is an ISO country code; the optional section lists members only
    # (`memberships_members`, members of any gold organisation); like the reference scorer,
    # optional (member, organisation) pairs are not used
    required = {(names.member_key(member, member if len(member) == 2 else None), names.institution_key(org))
                for member, org in gold.facts.memberships}
    organizations = ({org for _member, org in required}
                     or {names.institution_key(entity.name) for entity in gold.facts.organizations})
    optional = {(member if len(member) == 2 else names.member_key(member), org)
                for member in gold.optional.members for org in organizations}
    predicted = {(names.member_key(row.get("memberName"), row.get("memberIso")),
                  names.institution_key(row.get("organizationName"))) for row in rows}
    return score_sets(predicted, required, optional)


def _meeting_facts(meetings: list[Meeting], names: NameIndex) -> set[Fact]:
    facts = set()
    for meeting in meetings:
        place = names.institution_key(meeting.place) if meeting.place else ""
        for who in meeting.participants or ("",):
            facts.add((meeting.date, place, who))
    return facts


def _credit_partial_date(date: str, place: str, who: str, required: set[Fact], optional: set[Fact]) -> str:
    """A predicted date inside a gold partial date (2012-06-21 in 2012-06) counts as that gold date,
    unless the full date itself is gold (required facts first, each sorted: the same answer every run)."""
    if (date, place, who) in required | optional:
        return date
    for d, p, w in (*sorted(required), *sorted(optional - required)):
        if d and date.startswith(d) and p == place and w == who:
            return d
    return date


def _score_meetings(rows: list[dict[str, str]], gold: Gold, person_of: _People, names: NameIndex) -> Tally:
    required, optional = _meeting_facts(gold.facts.meetings, names), _meeting_facts(gold.optional.meetings, names)
    predicted = set()
    for row in rows:
        place = names.institution_key(row["placeName"]) if row.get("placeName") else ""
        participant = row.get("participantName", "")
        who = person_of(participant) or participant
        date = _credit_partial_date(row.get("date", "")[:10], place, who, required, optional)
        predicted.add((date, place, who))
    return score_sets(predicted, required, optional)


#: words that give a post's status (in the gold's "status" or the roles query's ?qualifier) → that status
STATUS_WORDS = {"former": "former", "then": "former", "ex": "former", "late": "former", "past": "former",
                "acting": "acting", "interim": "acting", "caretaker": "acting", "outgoing": "outgoing",
                "elect": "elect", "designate": "elect", "incoming": "elect", "nominee": "elect"}


def post_status(text: str | None) -> str:
    """The status a qualifier or gold status names ("former", "acting", "outgoing", "elect"), "" for a current post."""
    words = fold(text or "").replace("-", " ").split()
    return next((STATUS_WORDS[w] for w in words if w in STATUS_WORDS), "")


@dataclass
class TitleStatus:
    """Over gold titles that a predicted post matches: how often the post's status agrees with the gold's."""

    matched: int = 0        #: gold titles some predicted post matches
    right: int = 0          #: of them, those with the gold's status (current counts as a status)
    gold_timed: int = 0     #: of them, those whose gold status is not current
    found_timed: int = 0    #: those whose chosen predicted status is not current
    right_timed: int = 0    #: those with the gold's non-current status

    def add(self, other: "TitleStatus") -> None:
        """Add another count to this one."""
        for name in ("matched", "right", "gold_timed", "found_timed", "right_timed"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def score_title_status(gold: Gold, role_rows: list[dict[str, str]]) -> TitleStatus:
    """Count, over the gold titles a row of `roles` matches, how often the row's status agrees."""
    person_of = _People(gold.facts.people)
    counts = TitleStatus()
    for (person, role), status in zip(gold.facts.titles, gold.facts.statuses):
        want = post_status(status)
        got = [post_status(row.get("qualifier")) for row in role_rows
               if person_of(row.get("name", "")) == person and role_matches(row.get("role", ""), role)]
        if not got:
            continue
        have = want if want in got else got[0]
        counts.add(TitleStatus(matched=1, right=int(have == want), gold_timed=int(bool(want)),
                               found_timed=int(bool(have)), right_timed=int(bool(want) and have == want)))
    return counts


def score_article(gold: Gold, rows: Rows, names: NameIndex) -> dict[str, Tally]:
    """Compare the rows of the named queries on one article's graph with its gold facts, per fact type."""
    names = names.copy()
    for entity in (*gold.facts.people, *gold.facts.organizations):
        names.add(entity.name, entity.aliases)
    person_of = _People(gold.facts.people)
    optional = gold.optional
    countries = {row["iso"].upper() for row in rows["countries"] if row.get("iso")}
    return {
        "people": score_entities(_entity_names(rows["people"], "person"), gold.facts.people,
                                 [n for entity in optional.people for n in entity.names]),
        "organizations": score_entities(_entity_names(rows["organizations"], "organization"),
                                        gold.facts.organizations,
                                        [n for entity in optional.organizations for n in entity.names]),
        "countries": score_sets(countries, set(gold.facts.countries), set(optional.countries)),
        "titles": _score_titles(rows["roles"], gold, person_of),
        "affiliations": _score_affiliations(rows["roles"], gold, person_of, names),
        "memberships": _score_memberships(rows["memberships"], gold, names),
        "meetings": _score_meetings(rows["meetings"], gold, person_of, names),
    }


# -- cross-article resolution -----------------------------------------------------------------


@dataclass
class Resolution:
    """How the gold people of all articles came out in one store built from all of them."""

    people: int                 #: gold people (distinct names over all gold files)
    resolved: int               #: of them, those that are exactly one entity shared with no other gold person
    missing: list[str] = field(default_factory=list)    #: gold people no entity stands for
    split: list[str] = field(default_factory=list)      #: gold people spread over several entities
    merged: list[str] = field(default_factory=list)     #: entities standing for several gold people


def check_resolution(golds: Sequence[Gold], people_rows: list[dict[str, str]]) -> Resolution:
    """Check that every gold person is exactly one entity in the rows of `people` over all articles."""
    identity: dict[str, str] = {}
    for gold in golds:
        for person in gold.facts.people:
            for name in person.names:
                for key in name_keys(name):
                    identity.setdefault(key, person.name)
    people_of: dict[str | None, set[str]] = defaultdict(set)     # entity → gold people it stands for
    for row in people_rows:
        for name in row_names(row):
            who = next((identity[k] for k in name_keys(name) if k in identity), None)
            if who:
                people_of[row.get("person")].add(who)
    entities_of: dict[str, set] = defaultdict(set)              # gold person → entities standing for it
    for entity, whos in people_of.items():
        for who in whos:
            entities_of[who].add(entity)
    everyone = {person.name for gold in golds for person in gold.facts.people}
    merged_people = {who for whos in people_of.values() if len(whos) > 1 for who in whos}
    return Resolution(
        people=len(everyone),
        resolved=sum(1 for who in everyone if len(entities_of.get(who, ())) == 1 and who not in merged_people),
        missing=sorted(who for who in everyone if who not in entities_of),
        split=sorted(who for who, entities in entities_of.items() if len(entities) > 1),
        merged=sorted(" + ".join(sorted(whos)) for whos in people_of.values() if len(whos) > 1),
    )


@dataclass
class OrgResolution:
    """How the institutions that the gold names in two or more articles came out in one store."""

    organizations: int          #: gold institutions named in two or more articles
    resolved: int               #: of them, those that are exactly one entity
    split: list[str] = field(default_factory=list)      #: those spread over several entities
    missing: list[str] = field(default_factory=list)    #: those no entity stands for


def check_org_resolution(golds: Sequence[Gold], org_rows: list[dict[str, str]], names: NameIndex) -> OrgResolution:
    """Check that every institution the gold names in 2+ articles is exactly one entity in the rows of
    `organizations` over all articles (names through the alias and country tables)."""
    names = names.copy()
    articles_of: dict[str | None, set[str]] = defaultdict(set)    # canonical name → gold files naming it
    for gold in golds:
        for entity in gold.facts.organizations:
            names.add(entity.name, entity.aliases)
            articles_of[names.canonical(entity.name)].add(gold.id)
    shared = {name for name, articles in articles_of.items() if len(articles) > 1}
    entities_of: dict[str | None, set[str | None]] = defaultdict(set)
    for row in org_rows:
        for name in row_names(row):
            canonical = names.canonical(name)
            if canonical in shared:
                entities_of[canonical].add(row.get("organization"))
    return OrgResolution(
        organizations=len(shared),
        resolved=sum(1 for name in shared if len(entities_of.get(name, ())) == 1),
        split=sorted(name for name, entities in entities_of.items() if len(entities) > 1),
        missing=sorted(name for name in shared if name not in entities_of),
    )


# -- the evaluation ---------------------------------------------------------------------------


@dataclass
class ArticleResult:
    """The scores of one article (an `error` when it could not be built: it then scores nothing)."""

    id: str
    tallies: dict[str, Tally]
    error: str | None = None
    status: TitleStatus = field(default_factory=TitleStatus)


@dataclass
class Evaluation:
    """The result of an evaluation: per-article tallies, the resolution check, and the build time."""

    articles: list[ArticleResult]
    resolution: Resolution | None = None
    org_resolution: OrgResolution | None = None
    build_seconds: float = 0.0

    def title_status(self) -> TitleStatus:
        """The status agreement of matched titles, summed over all articles."""
        total = TitleStatus()
        for article in self.articles:
            total.add(article.status)
        return total

    def totals(self) -> dict[str, Tally]:
        """Per fact type, the counts summed over all articles."""
        totals = {t: Tally() for t in FACT_TYPES}
        for article in self.articles:
            for t in FACT_TYPES:
                totals[t].add(article.tallies[t])
        return totals

    def overall(self) -> Tally:
        """All fact types together (micro average)."""
        overall = Tally()
        for tally in self.totals().values():
            overall.add(tally)
        return overall

    def to_json(self) -> dict[str, Any]:
        """The full result as JSON data (the layout of the reference scorer's --json report)."""
        data: dict[str, Any] = {"articles": {}, "types": {}}
        for article in self.articles:
            data["articles"][article.id] = {
                t: {"tp": x.tp, "fp": x.fp, "fn": x.fn, "misses": x.misses, "extras": x.extras}
                for t, x in article.tallies.items()}
            if article.error:
                data["articles"][article.id]["error"] = article.error
        if self.resolution is not None:
            r = self.resolution
            data["resolution"] = {"people": r.people, "resolved": r.resolved, "missing": r.missing,
                                  "split": r.split, "merged": r.merged}
        if self.org_resolution is not None:
            o = self.org_resolution
            data["org_resolution"] = {"organizations": o.organizations, "resolved": o.resolved, "split": o.split,
                                      "missing": o.missing}
        for t, x in self.totals().items():
            data["types"][t] = {"p": x.precision, "r": x.recall, "f1": x.f1, "tp": x.tp, "fp": x.fp, "fn": x.fn}
        data["title_status"] = dataclasses.asdict(self.title_status())
        overall = self.overall()
        data["overall"] = {"p": overall.precision, "r": overall.recall, "f1": overall.f1,
                           "build_seconds": round(self.build_seconds, 3)}
        return data


def evaluate(gold_dir: Path | str, articles_dir: Path | str, *, only: Iterable[str] | None = None,
             progress: Callable[[str, int, int], None] | None = None,
             warn: Callable[[str], None] | None = None) -> Evaluation:
    """Build the gold articles once, score each one's graph against its gold file, and check resolution over all."""
    gold_dir, articles_dir = Path(gold_dir), Path(articles_dir)
    golds = load_gold_dir(gold_dir, only=only)
    if not articles_dir.is_dir():
        raise InputError(f"no articles folder {articles_dir}; give the folder the gold files' 'article' "
                         "names are relative to")
    names = load_names(gold_dir)
    paths = {gold.id: articles_dir / gold.article for gold in golds}
    present = [gold for gold in golds if paths[gold.id].is_file()]
    if not present:
        raise InputError(f"none of the {len(golds)} gold articles is in {articles_dir} (the first is "
                         f"{golds[0].article}); check --articles")
    total = len(golds) + 1   # one build, then each article's scoring
    evaluation = Evaluation(articles=[])
    if progress:
        progress(f"building {len(present)} article(s)", 1, total)
    started = time.perf_counter()
    built, everything, error = _build_and_read_each(sorted({paths[gold.id] for gold in present}))
    evaluation.build_seconds += time.perf_counter() - started
    for i, gold in enumerate(golds, start=2):
        if progress:
            progress(gold.id, i, total)
        path = paths[gold.id]
        if path in built:
            rows, article_error = built[path]
        else:
            rows, article_error = {q: [] for q in QUERIES}, f"no article {path}; it scores nothing"
        if article_error and warn:
            warn(f"{gold.id}: {article_error}")
        evaluation.articles.append(ArticleResult(gold.id, score_article(gold, rows, names), article_error,
                                                 score_title_status(gold, rows["roles"])))
    if len(golds) > 1:
        if error and warn:
            warn(f"resolution: {error}")
        evaluation.resolution = check_resolution(golds, everything["people"])
        evaluation.org_resolution = check_org_resolution(golds, everything["organizations"], names)
    return evaluation


def format_evaluation(evaluation: Evaluation, *, verbose: bool = False) -> str:
    """The report as text: per article (verbose, with misses and extras), resolution, per type, overall."""
    lines = []
    if verbose:
        for article in evaluation.articles:
            scores = "  ".join(f"{t[:5]} {article.tallies[t].f1:.2f}" for t in FACT_TYPES)
            lines.append(f"{article.id:40s} {scores}" + ("  (not built)" if article.error else ""))
            for t in FACT_TYPES:
                tally = article.tallies[t]
                if tally.misses or tally.extras:
                    lines.append(f"    {t}: missed {tally.misses}  extra {tally.extras}")
    r = evaluation.resolution
    if r is not None:
        lines.append(f"resolution: {r.resolved}/{r.people} people resolved to exactly one entity; "
                     f"missing {r.missing}; split {r.split}; merged {r.merged}")
    o = evaluation.org_resolution
    if o is not None:
        lines.append(f"org resolution: {o.resolved}/{o.organizations} institutions named in 2+ articles "
                     f"are one entity; split {o.split}")
    for t, tally in evaluation.totals().items():
        lines.append(f"{t:14s} P={tally.precision:.3f} R={tally.recall:.3f} F1={tally.f1:.3f}  "
                     f"(tp {tally.tp}, fp {tally.fp}, fn {tally.fn})")
    st = evaluation.title_status()
    lines.append(f"title status: {st.right}/{st.matched} matched titles with the right status "
                 f"(former/acting/outgoing/elect: gold {st.gold_timed}, found {st.found_timed}, "
                 f"right {st.right_timed})")
    overall = evaluation.overall()
    lines.append(f"overall: P={overall.precision:.3f} R={overall.recall:.3f} F1={overall.f1:.3f}")
    return "\n".join(lines) + "\n"
