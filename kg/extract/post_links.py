"""Posts tied to their country when the title phrase names none, the way a reader ties them.

- The person's own country: 'Russian President Vladimir Putin … President Putin' — a person whose
  post the article ties to one country holds the article's other posts of the state in it.
- The owner of the title: "Trump's National Security Adviser John Bolton", "Merkel's spokesman X":
  an adviser or minister of a head of state or government serves that state.
- The body its holder calls his or her own: 'Opposition leader X said his Labour Party …' (party roles).
- The country the story is set in: 'Secretary of State Mike Pompeo' in a story about the United
  States is a post of the United States — only for posts of a state (president, minister, senator…,
  kg/data/roles.json `state_roles`), and only when one country clearly leads the article (focus.py).

Never from a table of office holders: only what the article says.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from kg.extract import geo
from kg.extract.mention import MentionIndex
from kg.extract.facts import EntityRef, Evidence, Post
from kg.extract.focus import Focus
from kg.extract.lexicon import institution_names, lexicon, load_json
from kg.extract.normalize import fold, slug
from kg.extract.sentences import Sentence
from kg.extract.titles import post_rules, role_head

#: roles that serve a person ('Merkel's spokesman'): they take the country of the person they serve
_AIDE_ROLES = {"spokesman", "spokeswoman", "spokesperson", "adviser", "advisor", "press secretary", "chief of staff",
               "aide", "envoy", "special envoy"}
_CONFIDENCE_DROP = {"led-body": 0.05, "country-title": 0.05, "body-of-title": 0.1, "distributed-country": 0.05,
                    "place-before-title": 0.05, "scene-place": 0.2, "headline-place": 0.25, "person-country": 0.1, "coordinated-country": 0.1,
                    "owner-country": 0.15, "sending-country": 0.1, "own-body": 0.1, "party-named-before": 0.15,
                    "country-of-focus": 0.2}


@dataclass(frozen=True)
class StateRoles:
    """Which titles are posts of a state (kg/data/roles.json)."""

    heads: frozenset[str]
    multiword_heads: frozenset[str]
    exclusions: frozenset[str]
    leading_verbs: frozenset[str]
    sending_verbs: frozenset[str]
    country_titles: dict[str, str]
    role_bodies: dict[str, tuple[str, ...]]
    local_roles: frozenset[str]


@cache
def state_roles() -> StateRoles:
    """The state-role classes of kg/data/roles.json, loaded once."""
    data = load_json("roles.json")
    classes = (frozenset(w.lower() for w in data[k])
               for k in ("state_roles", "multiword_state_roles", "state_role_exclusions", "leading_verbs", "sending_verbs"))
    return StateRoles(*classes, {k.lower(): v for k, v in data["country_titles"].items()},
                      {k.lower(): tuple(v) for k, v in data["role_bodies"].items()},
                      frozenset(w.lower() for w in data["local_roles"]))


def _tail(role: str) -> list[str]:
    """The words of a role's 'of/for' tail ('Secretary of Justice' → ['justice'])."""
    words = role.lower().split()
    cuts = [words.index(c, 1) for c in ("of", "for", "to") if c in words[1:]]
    return words[min(cuts) + 1:] if cuts else []


def _core_and_head(role: str) -> tuple[list[str], str] | None:
    """The words before a role's head and the head ('Energy Minister' → (['energy'], 'minister');
    'Minister of Economy' → ([], 'minister')), the head being the longest role head ending the title."""
    words = role.lower().replace("-", " - ").split()
    for cut in ("of", "for", "to"):
        if cut in words[1:]:
            words = words[:words.index(cut, 1)]
    text = " ".join(words).replace(" - ", "-")
    heads = [h for h in lexicon().role_heads if text == h or text.endswith(" " + h)]
    if not heads:
        return None
    head = max(heads, key=len)
    before = text[: len(text) - len(head)].split()
    return before, head


def is_state_role(role: str) -> bool:
    """True for a title that is a post of a state when nothing else is named ('Prime Minister', 'Energy
    Secretary', 'Senator') — not 'State Senator', 'Party Secretary', 'First Minister', 'Chief Executive'."""
    rules = state_roles()
    low = " ".join(role.lower().split())
    if low in rules.heads or low.replace("-", " ") in rules.heads:   # 'then-prime-minister'
        return True
    found = _core_and_head(role)
    if found is None:
        return False
    before, head = found
    tail = _tail(role)
    areas = {w for q, w in enumerate(before) if before[q + 1:q + 2] in (["and"], ["&"])}   # 'Trade and Industry'
    if any(w in rules.exclusions and w not in areas for w in before + tail):
        return False
    if any(w not in lexicon().role_modifiers for w in before if w not in ("and", "&")) or before[:1] == ["and"]:
        return False   # 'Senate President', 'Police Director': a post of the body the word names
    if head in rules.multiword_heads:
        return bool(before or tail)   # 'Energy Secretary', 'Secretary of Justice'
    return head in rules.heads


def _is_aide_role(role: str) -> bool:
    found = _core_and_head(role)
    low = role.lower()
    return low in _AIDE_ROLES or found is not None and found[1] in _AIDE_ROLES


def _sentence_at(sents: list[Sentence], evidence: Evidence) -> Sentence | None:
    return next((s for s in sents if s.start_char == evidence.start), None)


def _before_title(doc, person, sent: Sentence, apposition: bool = False) -> int | None:
    """The token right before the title words that precede a mention (sent.start - 1 when none is left,
    None when no title word precedes it): "Trump's former National Security Adviser John Bolton" → "'s";
    with `apposition`, the title before a comma ("Merkel's spokesperson, Steffen Seibert")."""
    lex = lexicon()
    honorifics = {h.rstrip(".") for h in lex.honorifics}
    k = person.start - 1
    if apposition and k > sent.start and doc[k].text == ",":
        k -= 1
    while k >= sent.start and doc[k].lower_.rstrip(".") in honorifics:
        k -= 1
    end = k
    while k >= sent.start and (doc[k].lower_ in lex.role_modifiers or doc[k].lower_ in lex.qualifiers
                               or doc[k].lemma_.lower() in lex.role_head_words or doc[k].text in ("-", "–")):
        k -= 1
    return None if k == end else k


def _apposition(post: Post) -> bool:
    return "title-apposition-before" in post.evidence.rule


def _mentions_of(post: Post, sent: Sentence, index: MentionIndex) -> list:
    return [m for m in index.in_range(sent.start, sent.end, ("person",)) if m.ref == post.person and m.source != "pronoun"]


def _owner(doc, post: Post, sent: Sentence, index: MentionIndex) -> EntityRef | None:
    """The person whose title it is: "Trump's (former) National Security Adviser John Bolton"."""
    for m in _mentions_of(post, sent, index):
        k = _before_title(doc, m, sent, _apposition(post))
        if k is None or k < sent.start:
            continue
        if doc[k].lower_ in ("'s", "’s", "'"):
            k -= 1   # "Trump's adviser X" — or 'Trump adviser X'
        owner = index.at(k)
        if owner is not None and owner.kind == "person" and owner.ref != post.person:
            return owner.ref
    return None


def _us_state(place: EntityRef, index: MentionIndex) -> bool:
    """True for a place the article names by a US state's name ('Montana')."""
    return any(m.ref == place and geo.is_us_state(m.name) for m in index.mentions)


def _named_before(doc, post: Post, sent: Sentence, index: MentionIndex) -> bool:
    """A place or body the extractor did not tie stands before the title ('California Attorney General X',
    'Council President X', "Atlanta's mayor X"): the post is of what it names, not of the story's country."""
    lex = lexicon()
    for m in _mentions_of(post, sent, index):
        k = _before_title(doc, m, sent)
        if k is None or k < sent.start:
            continue
        if doc[k].lower_ in ("'s", "’s") and k > sent.start:
            k -= 1
        other = index.at(k)
        j = k
        while j > max(sent.start, k - 3) and doc[j - 1].is_alpha and doc[j - 1].text[:1].isupper():
            j -= 1
        names = [doc[a:k + 1].text for a in range(j, k + 1)]   # 'New Jersey', 'Jersey'
        if other is not None and other.kind in ("place", "site") or other is None and doc[k].text[:1].isupper() and (
                any(geo.is_us_state(n) or geo.find_city(n, min_population=geo.MIN_CITY_POPULATION) for n in names)
                or doc[k].lower_ in lex.org_heads | lex.alliance_heads | lex.venue_heads):
            return True
    return False


@cache
def _territories() -> frozenset[str]:
    """Territories with a governor of their own (countries.json): a local title in a story set in one is its."""
    return frozenset(load_json("countries.json")["territories"])


def is_local_role(role: str) -> bool:
    """A post of a city, region or state: 'Mayor', 'Regional Governor', 'Lord Mayor'."""
    rules = state_roles()
    low = " ".join(role.lower().split())
    found = _core_and_head(role)
    return low in rules.local_roles or found is not None and found[1] in rules.local_roles


def _place_before(doc, post: Post, sent: Sentence, index: MentionIndex) -> EntityRef | None:
    """'El Paso mayor X', "Atlanta's mayor X", 'the Chelyabinsk regional governor, X': the place the local
    post is of."""
    for m in _mentions_of(post, sent, index):
        k = _before_title(doc, m, sent, _apposition(post))
        if k is None or k < sent.start:
            continue
        while k > sent.start and doc[k].lower_ in _PARTY_ADJECTIVES:
            k -= 1   # "Atlanta's Democratic mayor X"
        if doc[k].lower_ in ("'s", "’s") and k > sent.start:
            k -= 1
        place = index.at(k)
        if place is not None and place.kind in ("place", "site"):
            return place.ref   # 'New York City Mayor X' ('City' read as a title word)
    return None


def _scene(doc, post: Post, sent: Sentence, index: MentionIndex) -> EntityRef | None:
    """The one place a sentence is set in, for a local title without its own: 'In Ohio, … Governor X
    postponed it', 'in the US state of Alabama, Governor X signed'."""
    scenes = {m.ref for m in index.in_range(sent.start, sent.end, ("place", "site"))
              if m.start > 0 and doc[m.start - 1].lower_ in ("in", "of")}
    others = {m.ref for m in index.in_range(sent.start, sent.end, ("place", "site"))} - scenes
    return next(iter(scenes)) if len(scenes) == 1 and not others else None


def _coordinated_country(doc, post: Post, sent: Sentence, index: MentionIndex) -> EntityRef | None:
    """'Israeli prime minister X and energy minister Y': the country that leads the first title of a
    coordination leads the second too."""
    for m in _mentions_of(post, sent, index):
        k = _before_title(doc, m, sent)
        if k is None or k <= sent.start or doc[k].lower_ not in ("and", ","):
            continue
        prev = index.at(k - 1)
        if prev is None or prev.kind != "person" or prev.ref == post.person:
            continue
        j = _before_title(doc, prev, sent)
        if j is None or j < sent.start:
            continue
        country = index.at(j)
        if country is not None and country.kind == "country":
            return country.ref
        code = geo.demonym_code(doc[j].text) if doc[j].text[:1].isupper() else None
        if code:
            return EntityRef("country", code)
    return None


#: words before an aide's title that make them the state's ('the Presidential Spokesperson X')
_STATE_AIDE_WORDS = {"presidential", "government", "governmental", "royal", "palace"}
#: party adjectives between a place and a local title ("Atlanta's Democratic mayor X")
_PARTY_ADJECTIVES = {"democratic", "republican", "conservative", "labour", "liberal", "socialist", "green", "independent"}
#: institution heads too common in other names to name a body by themselves ('White House', 'Home Office')
_VAGUE_BODY_WORDS = {"house", "office", "service", "government", "administration", "department", "programme",
                     "program", "front", "group", "units", "force", "forces"}


def _body_of_title(post: Post, index: MentionIndex, before: str = "") -> EntityRef | None:
    """The one body of the article a title names: 'Senator' → the Senate the article names, 'Assembly
    President' → its assembly, 'Police Chief' → its police force; `before` is a word right before the title
    ('Council President X')."""
    rules = state_roles()
    low = " ".join(f"{before} {post.role}".lower().split())
    phrases = list(rules.role_bodies.get(low, ()))
    found = _core_and_head(post.role)
    if not phrases and found is not None and not any(w in rules.exclusions for w in found[0]):
        phrases = list(rules.role_bodies.get(found[1], ()))   # 'Democratic Senator', not 'State Senator'
    phrases += [w for w in low.replace("-", " ").split() if w in lexicon().org_heads and w not in _VAGUE_BODY_WORDS]
    if not phrases:
        return None
    orgs = {m.ref: fold(m.name) for m in index.mentions if m.kind == "organization" and m.source != "pronoun"}
    modifiers = [w for w in (found[0] if found else []) if w not in _PARTY_ADJECTIVES and w not in phrases]
    for phrase in phrases:
        bodies = {ref for ref, name in orgs.items()
                  if (name == phrase or name.endswith(" " + phrase) or f"{phrase} of " in name)
                  and (phrase in lexicon().area_force_heads or not _local(name, phrase))   # every force is an area's
                  and all(w in name.split() for w in modifiers)}   # 'Federal Judge' is no judge of the Supreme Court
        if len(bodies) == 1:
            return bodies.pop()
    return None


def _national_country(body: EntityRef, index: MentionIndex) -> str | None:
    """The country of a national institution of the gazetteer ('United States Senate' → US): a title that
    names it ('Senator') is only its in a story set in that country ('the Senate' of Puerto Rico is not)."""
    m = next((m for m in index.mentions if m.ref == body), None)
    inst = lexicon().institution_by_key.get(fold(m.name)) if m is not None else None
    return inst.country if inst is not None else None


def _local(name: str, phrase: str) -> bool:
    """'Michigan House of Representatives', 'Newham Council' named without its place in the title: the
    body of a state or city, not the one a bare title means."""
    before = name[: name.find(phrase)].split()
    return any(geo.is_us_state(" ".join(before[a:])) or geo.find_city(" ".join(before[a:]), min_population=15000)
               for a in range(len(before)))


def _word_before_title(doc, post: Post, sent: Sentence, index: MentionIndex) -> str:
    """An institution's head word right before a title, that no name covers ('Council President X')."""
    lex = lexicon()
    for m in _mentions_of(post, sent, index):
        k = _before_title(doc, m, sent, _apposition(post))
        if k is not None and k >= sent.start and index.at(k) is None and doc[k].lower_ in lex.org_heads \
                and doc[k].lower_ not in _VAGUE_BODY_WORDS:
            return doc[k].lower_
    return ""


def _body_before(doc, post: Post, sent: Sentence, index: MentionIndex) -> EntityRef | None:
    """An institution named right before a title whose portfolio is coordinated ('AU trade and industry
    commissioner X': the title read is 'Industry Commissioner', the body the AU)."""
    for m in _mentions_of(post, sent, index):
        k = _before_title(doc, m, sent, _apposition(post))
        if k is None or k <= sent.start or doc[k].lower_ not in ("and", "&"):
            continue
        j = k - 1
        while j > sent.start and k - j <= 3 and doc[j].is_lower and doc[j].is_alpha:
            j -= 1
        body = index.at(j) if j < k - 1 else None
        if body is not None and body.kind == "organization" and body.end == j + 1:
            return body.ref
    return None


def _sending_country(doc, post: Post, sent: Sentence, index: MentionIndex) -> EntityRef | None:
    """'The United States sent Secretary of State X to …': the country that sends or names the holder."""
    for m in _mentions_of(post, sent, index):
        root = doc[m.start:m.end].root
        verb = root.head
        if root.dep_ not in ("dobj", "obj") or verb.lemma_.lower() not in state_roles().sending_verbs:
            continue
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if not subjects and verb.dep_ == "conj":      # 'The United States expressed its support … and sent X'
            subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
        for subj in subjects:
            country = index.at(subj.i)
            if country is not None and country.kind == "country":
                return country.ref
    return None


def _government_aide(doc, post: Post, sent: Sentence, index: MentionIndex) -> bool:
    """'the Presidential Spokesperson X', 'government spokesman X': an aide of the state."""
    for m in _mentions_of(post, sent, index):
        k = _before_title(doc, m, sent, _apposition(post))
        if k is not None and k >= sent.start and doc[k].lower_ in _STATE_AIDE_WORDS:
            return True
    return False


def _own_body(doc, post: Post, sent: Sentence, index: MentionIndex) -> EntityRef | None:
    """'Opposition leader X said his Labour Party …': the body a party role's holder, as the subject of the
    sentence's verb, calls his or her own before anyone else is named."""
    for m in _mentions_of(post, sent, index):
        subject = doc[m.start:m.end].root
        if subject.dep_ != "nsubj":
            continue
        for t in subject.head.subtree:
            if t.i < m.end or t.lower_ not in ("his", "her") or t.i + 1 >= sent.end:
                continue
            body = index.at(t.i + 1)
            if body is not None and body.kind == "organization" and body.start == t.i + 1 and not any(
                    o.kind == "person" and m.end <= o.start < t.i for o in index.mentions):
                return body.ref
            break
    return None


def _leading_body(doc, post: Post, sent: Sentence, index: MentionIndex) -> EntityRef | None:
    """'The Supreme Court is led by President Brenda Hale': the institution the person leads."""
    for m in _mentions_of(post, sent, index):
        root = doc[m.start:m.end].root
        agent = root.head
        verb = agent.head
        if root.dep_ != "pobj" or agent.dep_ != "agent" or verb.lemma_.lower() not in state_roles().leading_verbs:
            continue
        for subj in (c for c in verb.children if c.dep_ == "nsubjpass"):
            body = index.at(subj.i) or next((index.at(t.i) for t in subj.subtree if index.at(t.i)), None)
            if body is not None and body.kind in ("organization", "country"):
                return body.ref
    return None



def _country_of(person: EntityRef, posts: list[Post]) -> EntityRef | None:
    """The one country the article ties the person's posts of the state to, if exactly one."""
    countries = {p.organization for p in posts if p.person == person and p.organization is not None
                 and p.organization.kind == "country" and is_state_role(p.role)}
    return next(iter(countries)) if len(countries) == 1 else None


def _of_another_country(doc, person: EntityRef, posts: list[Post], country: str, index: MentionIndex) -> bool:
    """True when the article ties one of the person's posts to another country than this one, or to a body it
    names with another country's possessive ('General X' in a story about the United States, X being 'head of
    Iran's Quds Force')."""
    homes: dict[EntityRef, set[str]] = {}
    for m in index.mentions:
        if m.kind == "organization" and not m.alliance and m.start >= 2 and doc[m.start - 1].lower_ in ("'s", "’s"):
            owner = index.at(m.start - 2)
            if owner is not None and owner.kind == "country":
                homes.setdefault(m.ref, set()).add(owner.key)
    return any(p.person == person and p.organization is not None and (
        p.organization.kind == "country" and p.organization.key != country
        or bool(homes.get(p.organization, set()) - {country})) for p in posts)


def _tied(post: Post, org: EntityRef, how: str) -> Post:
    ev = post.evidence
    evidence = Evidence(ev.sentence, ev.start, ev.end, f"{ev.rule}+{how}",
                        round(max(0.3, ev.confidence - _CONFIDENCE_DROP[how]), 2))
    return replace(post, organization=org, evidence=evidence)


def _is_party(name: str) -> bool:
    """A party by one of its names ('Lib Dems' is also the 'Liberal Democrat Party')."""
    return any(fold(n).split()[-1:] == ["party"] for n in institution_names(name))


def _party_named_before(post: Post, sent: Sentence, index: MentionIndex) -> EntityRef | None:
    """'party leader X', 'party co-founder X': the party named last before the name."""
    mentions = _mentions_of(post, sent, index)
    if not mentions:
        return None
    first = mentions[0].start
    parties = [m for m in index.mentions if m.kind == "organization" and m.source != "pronoun" and m.end <= first
               and _is_party(m.name)]
    here = {m.ref for m in parties if m.start >= sent.start}
    if len(here) > 1:
        return None      # 'Tory co-chairman X attacked Labour's record and party leader Y': which party is unsaid
    return max(parties, key=lambda m: m.start).ref if parties else None


#: posts of a city: untied, they are of the one city the story's title names
_CITY_ROLES = {"mayor", "lord mayor", "deputy mayor"}


def _headline_place(index: MentionIndex, headline: str | None) -> EntityRef | None:
    """The one city the article's title names (by a name its text uses), if exactly one: 'Toronto serial
    killer … pleads guilty' (a city's mayor; not a region's governor: 'Magnitogorsk' is no region)."""
    if not headline:
        return None
    words = f" {fold(headline)} "
    refs = {m.ref for m in index.mentions if m.kind == "place" and m.source != "pronoun" and len(fold(m.text)) > 2
            and f" {fold(m.text)} " in words and geo.find_city(m.name) is not None and not geo.is_us_state(m.name)}
    return next(iter(refs)) if len(refs) == 1 else None


def _tie(post: Post, posts: list[Post], doc, sents: list[Sentence], index: MentionIndex,
         focus: Focus, headline: str | None = None) -> tuple[EntityRef, str] | None:
    """The institution or country of a post whose title names none, and how it was found."""
    sent = _sentence_at(sents, post.evidence)
    if sent is None:
        return None
    body = _leading_body(doc, post, sent, index)
    if body is not None:
        return body, "led-body"
    code = state_roles().country_titles.get(post.role.lower())
    if code is not None:
        return EntityRef("country", code), "country-title"
    named = _body_of_title(post, index, _word_before_title(doc, post, sent, index))
    if named is not None and (_national_country(named, index) in (None, focus.country)):
        return named, "body-of-title"
    party = _party_named_before(post, sent, index) if post.role.lower().startswith("party ") else None
    if party is not None:
        return party, "party-named-before"     # 'The BNP website … party leader X'
    own_body = _own_body(doc, post, sent, index) if role_head(post.role) in post_rules().party_roles else None
    if own_body is not None:
        return own_body, "own-body"
    place = _place_before(doc, post, sent, index) if is_local_role(post.role) or is_state_role(post.role) \
        and role_head(post.role) not in post_rules().constituency_roles else None
    if place is not None and (is_local_role(post.role) or _us_state(place, index)):
        return place, "place-before-title"   # also 'Montana Secretary of State X' (not 'Ohio Senator X': a seat)
    scene = _scene(doc, post, sent, index) if is_local_role(post.role) else None
    if scene is not None and not _named_before(doc, post, sent, index):
        return scene, "scene-place"
    lead = _headline_place(index, headline) if role_head(post.role) in _CITY_ROLES and scene is None \
        and " of " not in post.role.lower() else None
    if lead is not None and not _named_before(doc, post, sent, index) \
            and not any(m.kind == "place" for m in index.in_range(sent.start, sent.end, ("place", "site"))):
        return lead, "headline-place"      # 'mayor X' in a story titled 'Toronto serial killer …'
    state = is_state_role(post.role) or _is_aide_role(post.role) and _government_aide(doc, post, sent, index)
    own = _country_of(post.person, posts) if state else None
    if own is not None:
        return own, "person-country"
    shared = _coordinated_country(doc, post, sent, index) if state else None
    if shared is not None:
        return shared, "coordinated-country"
    sender = _sending_country(doc, post, sent, index) if state else None
    if sender is not None:
        return sender, "sending-country"
    if state or _is_aide_role(post.role):
        owner = _owner(doc, post, sent, index)
        country = _country_of(owner, posts) if owner is not None else None
        if country is not None:
            return country, "owner-country"
    if (state or is_local_role(post.role) and focus.country in _territories()) and focus.country is not None \
            and not _named_before(doc, post, sent, index) and not _of_another_country(doc, post.person, posts, focus.country, index):
        return EntityRef("country", focus.country), "country-of-focus"   # also 'Governor X' in Puerto Rico
    return None


def _listed(doc, index: MentionIndex, k: int, step: int, stop: int, kinds: tuple[str, ...]) -> list:
    """Mentions (or demonyms, for countries) listed from token k towards `stop`, one step at a time,
    joined by commas and 'and': 'Greek, Cypriot and French', 'X, Y and Z'."""
    out: list = []
    while (k >= stop if step < 0 else k < stop):
        m = index.at(k)
        code = geo.demonym_code(doc[k].text) if "country" in kinds and doc[k].text[:1].isupper() else None
        if m is not None and m.kind in kinds and m.source != "pronoun":
            out.append(m.ref)
            k = (m.start - 1) if step < 0 else m.end
        elif m is None and code:
            out.append(EntityRef("country", code))
            k += step
        elif doc[k].lower_ in (",", "and") and out:
            k += step
        else:
            break
    return out[::-1] if step < 0 else out


def _distributed(doc, sents: list[Sentence], index: MentionIndex) -> dict[tuple[EntityRef, int], EntityRef]:
    """"X and his Greek, Cypriot and French counterparts, A, B and C(, respectively)": each name takes the
    country in its place in the list. Keyed by (person, sentence start)."""
    out: dict[tuple[EntityRef, int], EntityRef] = {}
    words = lexicon().role_head_words
    for sent in sents:
        for tok in doc[sent.start:sent.end]:
            if tok.tag_ not in ("NNS", "NNPS") or tok.lemma_.lower() not in words:
                continue
            k = tok.i - 1
            while k >= sent.start and doc[k].lower_ in lexicon().role_modifiers:
                k -= 1
            countries = _listed(doc, index, k, -1, sent.start, ("country",))
            j = tok.i + 1
            while j < sent.end and doc[j].text in (",", ":", "—", "–"):
                j += 1
            people = _listed(doc, index, j, 1, sent.end, ("person",))
            if len(countries) >= 2 and len(countries) == len(people):
                for person, country in zip(people, countries):
                    out[(person, sent.start_char)] = country
    return out


def tie_posts(posts: list[Post], doc, sents: list[Sentence], index: MentionIndex, focus: Focus,
              headline: str | None = None) -> list[Post]:
    """The posts with the country a reader gives the ones whose title names none (one post per
    person, role and institution; a post left without one when the person holds it tied elsewhere)."""
    distributed = _distributed(doc, sents, index)
    places = {fold(m.text) for m in index.mentions if m.kind in ("place", "site", "country")}
    out: list[Post] = []
    for post in posts:
        if any(m.ref == post.person and fold(m.text) in places for m in index.mentions):
            continue   # 'the mayor of New York, New York': a place's name read as a person's holds no post
        listed = distributed.get((post.person, post.evidence.start))
        if listed is not None and (post.organization is None or post.organization.kind == "country"):
            out.append(_tied(post, listed, "distributed-country"))
            continue
        if post.evidence.rule.endswith("title-institution-hint"):   # a hint yields to the body the text names
            sent = _sentence_at(sents, post.evidence)
            named = _body_before(doc, post, sent, index) if sent is not None else None
            if named is not None:
                post = replace(post, organization=named, evidence=replace(
                    post.evidence, rule=post.evidence.rule.replace("title-institution-hint", "title-body-before")))
        tie = None if post.organization is not None else _tie(post, posts, doc, sents, index, focus, headline)
        out.append(_tied(post, *tie) if tie is not None else post)
    # a second pass sees the first's ties: 'Trump adviser X' once 'President Trump' is the story's country's
    out = [p if p.organization is not None or (tie := _tie(p, out, doc, sents, index, focus, headline)) is None
           else _tied(p, *tie) for p in out]
    seen: set[tuple] = set()
    unique = []
    tied = {(p.person, slug(p.role)) for p in out if p.organization is not None}
    for p in out:
        key = (p.person, slug(p.role), p.organization)
        if key in seen or p.organization is None and (p.person, slug(p.role)) in tied:
            continue
        seen.add(key)
        unique.append(p)
    return unique
