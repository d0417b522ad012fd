"""Scoring predicted facts against gold facts: the matching rules of the reference scorer.

The rules are those of the project's reference scorer (``eval/score.py``), so both give the same
numbers on the same graph (a property test compares them): entities match by any of their names,
roles on their head word, memberships by ISO code for countries, meetings as (date, place,
participant) triples with a partial gold date crediting a full predicted date inside it; the
status of matched posts is counted apart, and resolution checks that every gold person, and every
institution named in two or more articles, is one entity.

>>> role_matches("US Attorney General", "Attorney General"), role_matches("Attorney", "Attorney General")
(True, False)
>>> post_status("ex-"), post_status("acting"), post_status(None)
('former', 'acting', '')
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from kg.gold import Entity, Gold, Meeting, NameIndex, fold, keyset, name_keys

__all__ = ["FACT_TYPES", "ROLE_STOPWORDS", "STATUS_WORDS", "OrgResolution", "Resolution", "Rows", "Tally",
           "TitleStatus", "check_org_resolution", "check_resolution", "post_status", "role_matches", "row_names",
           "score_article", "score_entities", "score_sets", "score_title_status", "score_title_times"]

#: the fact types scored, in report order
FACT_TYPES = ("people", "organizations", "countries", "titles", "affiliations", "memberships", "meetings")
#: words that do not count when role names are compared
ROLE_STOPWORDS = frozenset({"the", "of", "for", "and", "a", "an", "s", "mr", "mrs", "ms", "dr"})

#: the rows of the named queries: query name → rows of {column: value}
Rows = dict[str, list[dict[str, str]]]
Fact = tuple[str, ...]


def _role_tokens(role: str) -> frozenset[str]:
    return frozenset(t for t in fold(role).split() if t not in ROLE_STOPWORDS)


def role_matches(predicted: str, gold: str) -> bool:
    """Does a predicted role name stand for the gold one (same head word, one contained in the other)?"""
    pred, want = _role_tokens(predicted), _role_tokens(gold)
    if not pred or not want:
        return False
    head = fold(gold).split()[-1]
    return head in pred and (pred <= want or want <= pred or len(pred & want) >= max(2, len(want) - 1))


# -- facts ----------------------------------------------------------------------------------


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
    gold_keys = [keyset(entity.names) for entity in gold]
    optional_keys = keyset(optional)
    found = [False] * len(gold)
    for iri, names in sorted(predicted.items()):
        keys = keyset(names)
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
        self._people = [(entity.name, keyset(entity.names)) for entity in people]

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


def _date_matches(predicted: str, wanted: str) -> bool:
    """A predicted date stands for a gold one when it is the same or lies inside it (2019-07-24 in 2019-07)."""
    return bool(predicted) and predicted.startswith(wanted)


def score_title_times(gold: Gold, role_rows: list[dict[str, str]]) -> dict[str, Tally]:
    """The start (``since``) and end (``until``) that the rows of `roles` give the gold titles they
    match, against the gold's: right (tp), given but wrong or where the gold states none (fp),
    stated by the gold but not given right (fn). Only titles a row matches count."""
    person_of = _People(gold.facts.people)
    tallies = {"since": Tally(), "until": Tally()}
    for (person, role), times in zip(gold.facts.titles, gold.facts.times or [("", "")] * len(gold.facts.titles)):
        rows = [row for row in role_rows
                if person_of(row.get("name", "")) == person and role_matches(row.get("role", ""), role)]
        if not rows:
            continue
        for column, want in zip(("since", "until"), times):
            got = [row.get(column, "") for row in rows]
            have = next((g for g in got if want and _date_matches(g, want)), next((g for g in got if g), ""))
            right = bool(want) and _date_matches(have, want)
            label = f"{person} | {role} | {column} {have or '-'}"
            tally = tallies[column]
            tally.tp += right
            if have and not right:
                tally.fp += 1
                tally.extras.append(label + (f" (gold {want})" if want else ""))
            if want and not right:
                tally.fn += 1
                tally.misses.append(f"{person} | {role} | {column} {want}")
    return tallies


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
