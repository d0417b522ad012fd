"""Clusters of entity occurrences: which (article, raw IRI) pairs name one person or institution.

A deterministic function of the articles' features (and the curation file): every decision is
made on pairs or on whole groups, links are applied in sorted order, and names are chosen by
fixed keys, so the clusters never depend on the order the articles were built in.

People (how the rule decides):
  1. One name in several articles is one person, unless two groups of its occurrences are known
     to be of different countries (the countries of the posts they hold) and share no role and no
     co-mentioned person or institution: then they stay apart (two 'John Smith's). The country
     of the story alone is no such sign: famous people are named in stories of every country. An occurrence with no country joins the one group it shares a role or
     co-mentioned entity with, else the largest group.
  2. Two full names join when their words agree: the shorter one's surname stands in the longer
     one after its first word and its given names match in order (equal or initials): 'Donald
     J. Trump' ~ 'Donald Trump', 'Tayyip Erdoğan' ~ 'Recep Tayyip Erdoğan', 'Pedro Pierluisi' ~
     'Pedro R. Pierluisi Urrutia'. The same homonym guard applies. A spelling variant
     ('Soleimani'/'Soleymani') needs strong support: the same article, a shared role or two
     shared co-mentioned entities. A name without the other's first given name ('Tayyip
     Erdoğan', 'Singh Gill') needs a tie (below), not the story's country alone.
  3. A one-word name ('Trump', or 'Shahid Soleymani' without its honorific) joins the one
     cluster of step 2 whose surname it is and that supports it (same article, a shared role or
     co-mentioned entity, or the article's country among the cluster's countries) — with none
     or several, it stays alone — and only when something ties them: one article names both, a
     shared role, a co-mentioned person or three co-mentioned institutions (`_tied`: the story's
     country, or a party every story of a country names, is no tie: 'Lord Osborne' of a
     Scottish court is no 'George Osborne').
Institutions:
  1. Occurrences that share a name (any of their names) or the same content words and country
     ('Turkish Foreign Ministry' ~ 'Ministry of Foreign Affairs of Turkey') are one institution;
     a homonym ('the Supreme Court', 'Labour', 'Interior Ministry': a name many countries'
     institutions share) joins only occurrences of the same country. Extraction decides both
     (kg/extract/homonyms.py: which names are homonyms, and their country from the text, a
     party's usual country or the story's, written as akg:country); resolution only reads them.
     A homonym of no known country meets no other article's.
  2. An acronym joins the institution whose capitalised words it abbreviates ('IRGC'), with support.
  3. A short form ('Global Alliance', 'Revolutionary Guards') joins the one institution whose name
     holds all its words and its head word, with support, when a tie (as for surnames) joins
     them; never a longer name that adds a place other than its stories' country ('Republican
     Party of Idaho', 'Welsh Local Government Association': a branch or a regional body), and a
     whole name of the gazetteer ('House of Commons') is no short form.

Every rule compares only occurrences whose blocking keys meet (kg/resolve/blocking.py), which is
what lets a change of articles re-cluster only the part of the store it can reach: a new rule, or
a rule that looks at other names, must give its candidates keys there.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from kg.extract.homonyms import generic_core
from kg.resolve.names import OrgName, PersonName, names_compatible, org_name, person_name, places_in, same_first_name, \
    skeleton, surname_positions

Occ = tuple[str, str]          #: (article IRI, raw entity IRI)


def preference(name: str) -> tuple:
    """Sort key of a name as an entity's preferred name: no leading honorific ('Shahid …'), most
    words, the original (non-ASCII) spelling, the longest, then the name itself (the fullest
    proper name wins; never a cut form)."""
    return (not person_name(name).honorific, len(name.split()), not name.isascii(), len(name), name)


class Links:
    """Union-find over occurrences with cannot-link pairs of raw IRIs (from the curation file)."""

    def __init__(self, items: Iterable[Occ], apart: set[frozenset[str]]):
        self.parent: dict[Occ, Occ] = {o: o for o in items}
        self.raws: dict[Occ, set[str]] = {o: {o[1]} for o in self.parent}
        self.rule: dict[Occ, str] = {}
        self.apart = apart

    def find(self, o: Occ) -> Occ:
        while self.parent[o] != o:
            self.parent[o] = self.parent[self.parent[o]]
            o = self.parent[o]
        return o

    def union(self, a: Occ, b: Occ, rule: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if self.apart and any(frozenset((x, y)) in self.apart for x in self.raws[ra] for y in self.raws[rb]):
            return False
        ra, rb = min(ra, rb), max(ra, rb)
        self.parent[rb] = ra
        self.raws[ra] |= self.raws.pop(rb)
        self.rule.setdefault(b, rule)
        self.rule.setdefault(a, rule)
        return True

    def groups(self) -> list[list[Occ]]:
        out: dict[Occ, list[Occ]] = defaultdict(list)
        for o in self.parent:
            out[self.find(o)].append(o)
        return sorted(sorted(g) for g in out.values())


class _Unit:
    """Occurrences of one raw IRI that resolution keeps together (one homonym group)."""

    def __init__(self, raw: str, occs: list[Occ], ctx: "_Context"):
        self.raw, self.occs = raw, sorted(occs)
        self.articles = {a for a, _ in occs}
        self.roles = set().union(*(ctx.roles(o) for o in occs))
        self.countries = set().union(*(ctx.countries(o) for o in occs))
        self.home = {c for o in occs if (c := ctx.org_country(o))}    # a homonym institution's country
        self.focus = {ctx.focus(a) for a in self.articles} - {None}
        self.co = set().union(*(ctx.mentioned(a) for a in self.articles)) - {raw}
        self.co_people = set().union(*(ctx.mentioned_people(a) for a in self.articles)) - {raw}
        self.names = sorted({n for o in occs for n in ctx.names(o)})
        self.pref = max((ctx.pref(o) for o in occs), key=preference)


class _Context:
    def __init__(self, articles: dict[str, dict], only: set[str] | None = None):
        self.articles = articles
        self.only = only
        self._mentioned: dict[str, frozenset[str]] = {}

    def occurrences(self, kind: str | None = None) -> list[Occ]:
        """The occurrences to cluster (of the raw IRIs in `only`, when given), sorted."""
        return sorted((a, raw) for a, f in self.articles.items() for raw, e in f["entities"].items()
                      if (self.only is None or raw in self.only) and (kind is None or e["kind"] == kind))

    def entity(self, o: Occ) -> dict:
        return self.articles[o[0]]["entities"][o[1]]

    def focus(self, article: str) -> str | None:
        return self.articles[article].get("focus")

    def roles(self, o: Occ) -> set[str]:
        return set(self.entity(o).get("roles", ()))

    def countries(self, o: Occ) -> set[str]:
        """The countries of an occurrence's posts (a person's; institutions have none)."""
        return set(self.entity(o).get("countries", ()))

    def org_country(self, o: Occ) -> str | None:
        """The country extraction gave an institution (akg:country), if any."""
        return self.entity(o).get("country")

    def mentioned(self, article: str) -> frozenset[str]:
        """The people and institutions an article mentions (an occurrence's co-mentions, and itself)."""
        got = self._mentioned.get(article)
        if got is None:
            ents = self.articles[article]["entities"]
            got = self._mentioned[article] = frozenset(m for m in self.articles[article]["mentioned"] if m in ents)
        return got

    def mentioned_people(self, article: str) -> frozenset[str]:
        """The people an article mentions."""
        ents = self.articles[article]["entities"]
        return frozenset(m for m in self.mentioned(article) if ents[m]["kind"] == "person")

    def pref(self, o: Occ) -> str:
        e = self.entity(o)
        return e["pref"] or (e["alts"][0] if e["alts"] else "")

    def names(self, o: Occ) -> list[str]:
        e = self.entity(o)
        return [n for n in [e["pref"], *e["alts"]] if n]


def _supported(a: _Unit, b: _Unit, *, strong: bool = False) -> bool:
    """Context that two groups of occurrences are about one entity."""
    if a.articles & b.articles or a.roles & b.roles:
        return True
    shared = len((a.co - {b.raw}) & (b.co - {a.raw}))
    return shared >= 2 if strong else shared >= 1


def _tied(a: _Unit, b: _Unit) -> bool:
    """Context strong enough to join a short name to a fuller one of other articles: one article
    names both, a shared role, a co-mentioned person, or three co-mentioned institutions (a party
    or a parliament alone is the background of every story of a country, not a tie; nor is the
    country the stories are set in: 'Lord Osborne' of a Scottish court is no 'George Osborne')."""
    if a.articles & b.articles or a.roles & b.roles:
        return True
    if (a.co_people - {b.raw}) & (b.co_people - {a.raw}):
        return True
    return len((a.co - {b.raw}) & (b.co - {a.raw})) >= 3


def _conflict(a: _Unit, b: _Unit) -> bool:
    """Known to be of different countries, with nothing else in common (homonyms)."""
    return bool(a.countries and b.countries and not a.countries & b.countries) and not _supported(a, b)


def _homonym_groups(raw: str, occs: list[Occ], ctx: _Context, country_of) -> list[_Unit]:
    """Split the occurrences of one raw IRI into groups of one country each (rule 1's guard)."""
    by_country: dict[str | None, list[Occ]] = defaultdict(list)
    for o in occs:
        by_country[country_of(o)].append(o)
    known = {c: _Unit(raw, v, ctx) for c, v in by_country.items() if c is not None}
    if not known:
        return [_Unit(raw, occs, ctx)]
    # groups of two countries that share a role or co-mentioned entity are one
    keys = sorted(known)
    merged: dict[str, str] = {k: k for k in keys}
    for i, x in enumerate(keys):
        for y in keys[i + 1:]:
            if _supported(known[x], known[y]) and merged[y] == y:
                merged[y] = merged[x]
    groups: dict[str, list[Occ]] = defaultdict(list)
    for c, v in by_country.items():
        if c is not None:
            groups[merged[c]].extend(v)
    known_units = {k: _Unit(raw, v, ctx) for k, v in sorted(groups.items())}
    largest = max(sorted(groups), key=lambda k: len(groups[k]))
    for o in by_country.get(None, ()):
        probe = _Unit(raw, [o], ctx)
        fits = [k for k, unit in known_units.items() if _supported(probe, unit)]
        groups[fits[0] if len(fits) == 1 else largest].append(o)
    return [_Unit(raw, v, ctx) for _k, v in sorted(groups.items())]


def _person_country(ctx: _Context):
    def country(o: Occ) -> str | None:
        cs = ctx.countries(o)
        return min(cs) if cs else None
    return country


def _org_country(ctx: _Context):
    def country(o: Occ) -> str | None:
        if not homonym(ctx.pref(o)):
            return "*"                           # a proper name: the same institution everywhere
        return ctx.org_country(o)
    return country


def homonym(name: str) -> bool:
    """A name many countries' institutions share ('the Supreme Court', 'Labour'): homonyms.py decides."""
    return generic_core(name) is not None


def _units(kind: str, ctx: _Context, links: Links) -> list[_Unit]:
    """The homonym groups of one kind's raw IRIs, each group's occurrences linked (rule 1)."""
    by_raw: dict[str, list[Occ]] = defaultdict(list)
    for o in ctx.occurrences(kind):
        by_raw[o[1]].append(o)
    country_of = _person_country(ctx) if kind == "person" else _org_country(ctx)
    units = [u for raw in sorted(by_raw) for u in _homonym_groups(raw, by_raw[raw], ctx, country_of)]
    for u in units:
        for o in u.occs[1:]:
            links.union(u.occs[0], o, "rule:same-name")
    return units


def _link_units(links: Links, a: _Unit, b: _Unit, rule: str) -> None:
    links.union(a.occs[0], b.occs[0], rule)


def _people(links: Links, ctx: _Context) -> None:
    units = _units("person", ctx, links)
    parsed = {id(u): person_name(u.pref) for u in units}
    full = [u for u in units if parsed[id(u)].full and not parsed[id(u)].honorific]
    # two names can agree only when the shorter one's surname (its last word) stands in the other
    # after its first word: pairs meet on the skeleton of one's last word among the other's words
    index = {id(u): i for i, u in enumerate(units)}
    last: dict[str, list[int]] = defaultdict(list)
    words: dict[str, list[int]] = defaultdict(list)
    for u in full:
        tokens = parsed[id(u)].tokens
        for k in word_keys(tokens[-1]):
            last[k].append(index[id(u)])
        for k in {k for t in tokens[1:] for k in word_keys(t)}:
            words[k].append(index[id(u)])
    pairs = {(min(i, j), max(i, j)) for k, probes in last.items() for i in probes for j in words.get(k, ()) if i != j}
    for i, j in sorted(pairs):
        a, b = units[i], units[j]
        verdict = names_compatible(parsed[id(a)], parsed[id(b)])
        # a name without the other's first given name ('Singh Gill' of 'Manjit Singh Gill' or of 'Parmjit
        # Singh Gill'?) needs a tie; one that keeps it ('Donald Trump', 'Donald J. Trump') the story's country
        loose = _tied(a, b) if not same_first_name(parsed[id(a)], parsed[id(b)]) else _supported(a, b) or a.focus & b.focus
        if verdict == "same" and not _conflict(a, b) and loose \
                or verdict == "variant" and (a.articles & b.articles or a.roles & b.roles and _supported(a, b, strong=True)):
            _link_units(links, a, b, "rule:compatible-name")
    # one-word names (surname only) join the one supporting cluster of a full name
    clusters: dict[Occ, list[_Unit]] = defaultdict(list)
    for u in full:
        clusters[links.find(u.occs[0])].append(u)
    by_surname: dict[str, set[Occ]] = defaultdict(set)     # a surname's skeleton → clusters that may hold it
    for root, members in clusters.items():
        for m in members:
            for t in parsed[id(m)].tokens[1:]:
                if len(t) > 1:
                    by_surname[skeleton(t)].add(root)
    wholes: dict[Occ, _Unit] = {}
    for u in units:
        p = parsed[id(u)]
        if p.full and not p.honorific or not p.tokens:
            continue
        surname = p.surname
        fits = []
        for root in sorted(by_surname.get(skeleton(surname), ())):
            members = clusters[root]
            named = [m for m in members if _surname_of(parsed[id(m)], surname, p.honorific)]
            if not named:
                continue
            if p.honorific and not any(u.articles & m.articles for m in members):
                continue
            whole = wholes.get(root) or wholes.setdefault(root, _merge_units(members))
            if _supported(u, whole) or u.focus & (whole.countries | whole.focus):
                fits.append(root)
        # the one full name the surname may stand for, and something more than the story's country ties them
        if len(fits) == 1 and _tied(u, wholes[fits[0]]):
            links.union(fits[0], u.occs[0], "rule:surname")


def word_keys(word: str) -> list[str]:
    """Where a person name's word meets the same word in other names: itself, and its skeleton
    when a spelling variant of it can match (names.surname_positions)."""
    sk = skeleton(word)
    return ["x:" + word, "s:" + sk] if len(sk) >= 3 else ["x:" + word]


def _surname_of(full: PersonName, word: str, variant: bool) -> bool:
    """`word` is a surname of `full`: its last word, or an earlier word after the first that is no
    given name ('Pierluisi' of 'Pedro R. Pierluisi Urrutia'; not 'Charles' of 'Anthony John Charles Meyer')."""
    from kg.extract.names import given_name_gender

    at = surname_positions(full, word, variant=variant)
    return any(i == len(full.tokens) - 1 or given_name_gender(word.title()) is None for i in at)


def _merge_units(units: list[_Unit]) -> _Unit:
    out = object.__new__(_Unit)
    out.raw = units[0].raw
    out.occs = sorted(o for u in units for o in u.occs)
    out.articles = set().union(*(u.articles for u in units))
    out.roles = set().union(*(u.roles for u in units))
    out.countries = set().union(*(u.countries for u in units))
    out.home = set().union(*(u.home for u in units))
    out.focus = set().union(*(u.focus for u in units))
    out.co = set().union(*(u.co for u in units))
    out.co_people = set().union(*(u.co_people for u in units))
    out.names = sorted({n for u in units for n in u.names})
    out.pref = max((u.pref for u in units), key=preference)
    return out


def _org_keys(u: _Unit) -> set[str]:
    """Keys under which occurrences meet: the preferred name, its content words with the country,
    and the acronyms among its other names (in-article short forms such as 'the Executive' or
    'Parliament' are no keys: they would join every institution of that head)."""
    keys = set()
    on = org_name(u.pref)
    if on.key:
        generic = homonym(u.pref)
        country = min(u.home) if generic and len(u.home) == 1 else on.country
        if not (generic and country is None):            # 'the Senate' of no known country meets nobody
            keys.add("name:" + on.key + (f"@{country}" if generic else ""))
            if on.content:
                keys.add("words:" + " ".join(sorted(on.content)) + f"@{country or ''}")
    for n in u.names:
        if (acr := org_name(n).acronym) and acr == n.replace(".", ""):
            keys.add("acronym:" + acr)
    return keys


def _orgs(links: Links, ctx: _Context) -> None:
    units = _units("org", ctx, links)
    parsed = {id(u): org_name(u.pref) for u in units}
    index: dict[str, list[_Unit]] = defaultdict(list)
    for u in units:
        for k in _org_keys(u):
            index[k].append(u)
    for key in sorted(index):
        members = index[key]
        if key.startswith("acronym:") and len({" ".join(sorted(parsed[id(m)].content)) for m in members
                                               if not parsed[id(m)].acronym}) > 1:
            continue                    # one acronym of two different full names ('CPS'): no evidence
        for b in members[1:]:
            _link_units(links, members[0], b, "rule:institution-name")
    # acronyms ('IRGC') join the institution whose capitalised words they abbreviate
    by_initials: dict[str, list[_Unit]] = defaultdict(list)
    for u in units:
        for n in u.names:
            if (ini := org_name(n).initials) and len(ini) >= 3:
                by_initials[ini].append(u)
    for u in units:
        for n in u.names:
            acr = org_name(n).acronym
            if not acr:
                continue
            own = parsed[id(u)]
            # when its own full name is what the acronym abbreviates, only a variant of that name
            # joins ('Iranian' / 'Islamic Revolutionary Guard Corps'), not another institution ('CPS')
            fits = {links.find(v.occs[0]): v for v in by_initials.get(acr, ())
                    if v is not u and _supported(u, v) and (
                        own.initials != acr or 2 * len(own.content & parsed[id(v)].content)
                        >= max(len(own.content), len(parsed[id(v)].content)))}
            if len(fits) == 1:
                _link_units(links, u, next(iter(fits.values())), "rule:acronym")
    # short forms join the one institution whose name holds all their words and their head word
    clusters: dict[Occ, list[_Unit]] = defaultdict(list)
    for u in units:
        clusters[links.find(u.occs[0])].append(u)
    by_head: dict[str, set[Occ]] = defaultdict(set)      # head word → clusters with a name of that head
    for root, members in clusters.items():
        for m in members:
            last, before = head_words(m.pref)
            by_head[last].add(root)
            by_head[before].add(root)
    wholes: dict[Occ, _Unit] = {}
    for u in units:
        short = parsed[id(u)]
        if not short.content or short.acronym or any(known_institution(n) for n in u.names):
            continue                     # 'House of Commons' is a whole name, of no 'House of Commons Library'
        head = head_words(u.pref)[0]
        fits = []
        for root in sorted(by_head.get(head, ())):
            members = clusters[root]
            if root == links.find(u.occs[0]):
                continue
            longer = [m for m in members if short.content < parsed[id(m)].content and _heads_agree(head, m.pref)
                      and short.country in (None, parsed[id(m)].country)
                      and (u.articles & m.articles if homonym(u.pref) else not _narrowed(u, m))]
            if longer and _supported(u, wholes.get(root) or wholes.setdefault(root, _merge_units(members))):
                fits.append(root)
        if len(fits) == 1 and _tied(u, wholes[fits[0]]):
            links.union(fits[0], u.occs[0], "rule:short-form")


def _narrowed(short: _Unit, longer: _Unit) -> bool:
    """The longer name adds a place the short one lacks: a branch or a body of that place ('Republican
    Party of Idaho', 'Welsh Local Government Association', 'Zimbabwe African National Union') — unless
    the place is the country the short form's stories are set in ('Revolutionary Guards' in a story
    of Iran, 'Iranian Revolutionary Guard Corps'). (A homonym's short form, 'Parliament', joins only
    within its article: there the regional body the article names is what it means.)"""
    added = places_in(longer.pref) - places_in(short.pref)
    return bool(added - short.focus)


def known_institution(name: str) -> bool:
    """A name the institution gazetteer knows as a whole name (kg/data/organizations.json)."""
    from kg.extract.lexicon import lexicon
    from kg.extract.normalize import fold

    key = fold(name).removeprefix("the ")
    return key in lexicon().institution_by_key or key.endswith("s") and key[:-1] in lexicon().institution_by_key


def _heads_agree(head: str, longer: str) -> bool:
    """The short form's head is the longer name's, or the word before a compound head ('Guard Corps')."""
    from kg.resolve.names import data

    last, before = head_words(longer)
    return head == last or head == before and (last in data().compound_heads or last + "s" in data().compound_heads)


def head_words(name: str) -> tuple[str, str]:
    """An institution name's head word and the word before it (a compound head: 'Guard Corps'):
    the last word before the first function word ('Global Alliance against …' → alliance)."""
    from kg.resolve.names import _org_heads, _singular, data

    words = [w for w in org_name(name).key.replace("-", " ").split()]
    if words and words[-1] in _org_heads() and any(w in data().function_words for w in words):
        return _singular(words[-1]), _singular(words[-2])       # 'House of Lords Record Office' → office
    lead = []
    for w in words:
        if w in data().function_words:
            break
        lead.append(_singular(w))
    return (lead[-1], lead[-2] if len(lead) > 1 else "") if lead else ("", "")


def entity_clusters(articles: dict[str, dict], *, only: set[str] | None = None,
                    same: Iterable[tuple[str, str]] = (),
                    apart: set[frozenset[str]] = frozenset()) -> tuple[list[list[Occ]], dict[Occ, str]]:
    """The clusters of person and institution occurrences, and the rule that joined each occurrence.

    With `only`, the occurrences of those raw IRIs alone are clustered (`articles` must hold all
    their occurrences): when `only` is a union of components of kg.resolve.blocking, this is the
    full clustering restricted to them."""
    ctx = _Context(articles, only)
    occs = ctx.occurrences()
    links = Links(occs, set(apart))
    by_raw: dict[str, list[Occ]] = defaultdict(list)
    for o in occs:
        by_raw[o[1]].append(o)
    for x, y in sorted(same):                       # the curation file's merges come first
        for a in by_raw.get(x, ())[:1]:
            for b in by_raw.get(y, ())[:1]:
                links.union(a, b, "curation")
    _people(links, ctx)
    _orgs(links, ctx)
    return links.groups(), links.rule


def all_names(cluster: list[Occ], articles: dict[str, dict]) -> set[str]:
    """Every name of a cluster's occurrences."""
    ctx = _Context(articles)
    return {n for o in cluster for n in ctx.names(o)}
