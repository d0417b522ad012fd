"""Resolution within the article: which mentions name the same entity.

Passes over the typed mentions, each `(Context, mentions) -> Revision`: definite references ('the
Alliance') and unnamed groups ('the international task force') added, parenthesised acronyms
merged, surnames and short forms joined to the full names they belong to, organisation names
joined to their longer forms and acronyms, and pronouns resolved when only one person fits.
"""
from __future__ import annotations

from kg.extract import geo
from kg.extract.cues import kin_before
from kg.extract.lexicon import institution_names, lexicon
from kg.extract.mention import Context, Draft, Found, Reason, Revision, found
from kg.extract.names import given_name_gender
from kg.extract.normalize import fold, name_key, slug
from kg.extract.tokens import NAME_FUNCTION_WORDS, acronym_of, is_acronym, joined_by, joined_group, lowers_and_lemmas, \
    positions, span_text

#: head words of groups countries join without a name ('the US-led coalition', 'the international task force')
_GROUP_HEADS = {("task", "force"), ("taskforce",), ("coalition",), ("consortium",), ("alliance",), ("joint", "team"),
                ("group",), ("bloc",)}
#: group heads too common to stand for a group unless its member countries are listed ('the group, made up of A and B')
_LISTED_ONLY = {("group",), ("bloc",)}
#: personal pronouns and the gender of the person they refer to
_PRONOUNS = {"she": "female", "her": "female", "hers": "female", "herself": "female",
             "he": "male", "him": "male", "his": "male", "himself": "male"}


def _covered(mentions: list[Found]) -> set[int]:
    return {t for f in mentions for t in range(f.start, f.end)}


def _name_heads(org: Found) -> set[str]:
    """The last words of an organisation's names: the mention's and, for a gazetteer institution, all its names
    ('Lib Dems' is also the 'Liberal Democrat Party', so 'the party' may refer to it)."""
    return {fold(n).split()[-1] for n in institution_names(org.name)}


def add_definite_heads(ctx: Context, mentions: list[Found]) -> Revision:
    """'the Alliance', 'the alliance', 'the Union': a definite head noun refers to the organisation with that head."""
    doc = ctx.doc
    lex = lexicon()
    heads = lex.alliance_heads | lex.org_heads
    taken = _covered(mentions)
    out = []
    orgs = [f for f in mentions if f.kind == "organization"]
    _, lemmas = lowers_and_lemmas(doc)
    for i in (i for i, lem in enumerate(lemmas) if lem in heads):
        tok = doc[i]
        if i in taken or i == 0:
            continue
        k = i - 1
        counted = k >= 3 and doc[k].lower_ in lex.member_count_nouns and doc[k - 1].text == "-" and doc[k - 2].like_num
        if counted:
            k -= 3     # 'the 27-nation bloc', 'the 10-member group'
        if doc[k].lower_ not in ("the", "this", "that", "its") or tok.tag_ not in ("NN", "NNP"):
            continue
        if i + 1 < len(doc) and doc[i + 1].pos_ in ("NOUN", "PROPN"):
            continue  # 'the alliance members' — the head is further right
        same_head = [o for o in orgs if tok.lemma_.lower() in _name_heads(o)]
        earlier = [o for o in same_head if o.start < i]
        target = earlier[-1] if earlier else same_head[0] if same_head else None
        if target is None and (counted or tok.lemma_.lower() in lex.alliance_anaphors):
            # 'NATO … the alliance', 'the EU … the 27-nation bloc': the alliance of countries named last
            target = next((o for o in reversed(orgs) if o.alliance and o.start < i), None)
        if target is None:
            continue
        out.append(found(doc, i, i + 1, "organization", target.key, target.name, "coref",
                         sentence=ctx.sent_of.get(i, -1), alliance=target.alliance))
    return Revision(mentions + out)


def add_unnamed_groups(ctx: Context, mentions: list[Found]) -> Revision:
    """'were part of the international task force': an unnamed group that countries belong to.

    Only a definite phrase with a modifier ('the international task force', 'the US-led
    coalition'), in the slot of what something is part/a member of or joins, or an indefinite
    one whose members follow ('a naval coalition, which was joined by A and B'), and only when
    the article names no organisation with that head.
    """
    doc = ctx.doc
    lex = lexicon()
    taken = _covered(mentions)
    out = []
    lowers, _ = lowers_and_lemmas(doc)
    countries = {t: f for f in mentions if f.kind == "country" for t in range(f.start, f.end)}
    for i in positions(doc, {h[-1] for h in _GROUP_HEADS}):
        tok = doc[i]
        if i in taken or tok.pos_ != "NOUN":
            continue
        head = next((h for h in _GROUP_HEADS if i - len(h) + 1 >= 0 and tuple(lowers[i - len(h) + 1:i + 1]) == h), None)
        if head is None:
            continue
        gov = tok.head
        slot = (tok.dep_ == "pobj" and gov.lower_ == "of" and (gov.head.lower_ == "part" or gov.head.lemma_.lower() in
                {n.split()[-1] for n in lex.member_nouns})) or (tok.dep_ == "dobj" and gov.lemma_.lower() in lex.join_verbs) \
            or _lists_its_members(tok)
        listed = _listed_countries(tok, countries)
        if not slot and len(listed) < 2:
            continue
        start = i - len(head) + 1
        mods = [c for c in tok.children if c.dep_ in ("amod", "compound") and c.i < start
                and not (c.lower_ in ("led", "backed", "based") and c.i > 0 and doc[c.i - 1].text == "-")]
        if not mods and any(c.dep_ == "amod" and c.lower_ in ("led", "backed") for c in tok.children):
            mods = [tok]   # 'the US-led coalition': the coalition, led by the US
        det = [c for c in tok.children if c.dep_ == "det" and (c.lower_ == "the" or c.lower_ in ("a", "an")
                                                               and _lists_its_members(tok))]
        bare = not mods and len(listed) >= 2 and any(c.dep_ == "det" for c in tok.children)
        if (not mods or not det) and not bare or head in _LISTED_ONLY and not bare:   # an indefinite group only where its members follow ('a naval coalition, which …')
            continue
        s = min(c.i for c in mods) if mods else start
        if any(t in taken for t in range(s, i + 1)):
            continue
        name = span_text(doc, s, i + 1)
        if bare:   # 'an alliance of the US, India and Japan', 'the group, made up of A, B and C': named by its members
            names = [f.name for f in listed]
            name = f"{name} of {', '.join(names[:-1])} and {names[-1]}"
        if any(fold(f.name).endswith(" " + fold(name).split()[-1]) for f in mentions if f.kind == "organization"):
            continue
        out.append(found(doc, s, i + 1, "organization", slug(name), name, "rule", sentence=ctx.sent_of.get(s, -1),
                         alliance=True))
    return Revision(mentions + out)


def _listed_countries(tok, countries: dict[int, Found]) -> list[Found]:
    """The countries a group's phrase lists as its members: 'an alliance of the US, India and Japan', 'the group,
    made up of A, B and C', 'the coalition, which includes A and B', 'the coalition was joined by A and B'."""
    heads = [o for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children if o.dep_ == "pobj"]
    verbs = [c for c in tok.children if c.dep_ in ("relcl", "acl")] + ([tok.head] if tok.dep_ in ("nsubj", "nsubjpass") else [])
    for v in verbs:
        if joined_by(v):   # 'the coalition was joined by A and B'
            heads += [o for c in v.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
        elif v.lemma_.lower() in _COMPOSITION_VERBS:
            heads += [c for c in v.children if c.dep_ in ("dobj", "obj")]
            heads += [o for c in v.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children if o.dep_ == "pobj"]
    out: list[Found] = []
    for h in heads:
        for t in (h, *h.conjuncts):
            f = countries.get(t.i)
            if f is not None and f not in out:
                out.append(f)
    return out


#: verbs whose object lists the members of the group they describe ('the coalition, which includes A and B')
_COMPOSITION_VERBS = frozenset({"include", "comprise", "compose", "consist", "make"})


def _lists_its_members(tok) -> bool:
    """'the US-led coalition, which includes A and B', 'the task force, made up of A and B', 'a naval
    coalition, which was joined by A and B': the group's members follow."""
    verbs = [c for c in tok.children if c.dep_ in ("relcl", "acl")]
    if tok.dep_ in ("nsubj", "nsubjpass"):
        verbs.append(tok.head)
    if any(v.lemma_.lower() in _COMPOSITION_VERBS and (v.lemma_.lower() != "make" or any(
            c.dep_ == "prt" and c.lower_ == "up" for c in v.children)) for v in verbs):
        return True
    joins = [g for v in verbs for o in v.children if o.dep_ in ("dobj", "pobj") for g in o.children if g.dep_ == "relcl"]
    return any(joined_by(v) and joined_group(v).i == tok.i for v in verbs + joins)


def merge_parenthesised_acronyms(ctx: Context, mentions: list[Found]) -> Revision:
    """'the African Continental Free Trade Area (AfCFTA)': the acronym names the same organisation; an acronym
    the article gives a common noun ('liquefied natural gas (LNG)') is no organisation."""
    doc = ctx.doc
    draft = Draft(mentions)
    by_start = {f.start: i for i, f in draft}
    renamed: dict[str, str] = {}
    common = {doc[t.i + 1].text for t in (doc[i] for i in positions(doc, {"("})) if t.i > 0 and t.i + 2 < len(doc)
              and doc[t.i + 2].text == ")" and doc[t.i - 1].is_alpha
              and (doc[t.i - 1].text.islower() or doc[t.i - 1].lower_ in lexicon().not_org_heads)
              and is_acronym(doc[t.i + 1].text)}   # 'liquefied natural gas (LNG)', '… Prevention Act (BIPA)'
    for i, f in draft:
        if f.kind == "organization" and f.text in common and f.source != "gazetteer":
            draft.drop(i, Reason.COMMON_ACRONYM)
    for i, _ in draft:
        f = draft[i]
        if f.kind != "organization" or f.end + 2 >= len(doc) or doc[f.end].text != "(":
            continue
        j = by_start.get(f.end + 1)
        g = draft[j] if j is not None and draft.alive(j) else None
        if g is not None and g.kind == "person" and g.source == "ner" and doc[g.end].text == ")" \
                and given_name_gender(g.text.split()[0]) is None:
            draft.revise(j, kind="organization", key=f.key, name=f.name)   # 'Supreme Court (Oberster Gerichtshof)'
            continue
        if g is not None and g.kind == "organization" and doc[g.end].text == ")" and g.key != f.key \
                and g.source != "gazetteer" and (is_acronym(g.text) or g.source == "ner"):   # or a translation
            renamed[g.key] = f.key
    for i, f in draft:
        if f.kind == "organization" and f.key in renamed:
            draft.revise(i, key=renamed[f.key])
    return draft.result()


def resolve_people(ctx: Context, mentions: list[Found]) -> Revision:
    """Merge person mentions: surnames and short forms join the full name they belong to.

    Full names whose first and last words agree merge ('Eric H. Holder' ~ 'Eric Holder'), as do a given name and
    surname and a longer name that holds the surname before a second one ('Pedro Pierluisi' ~ 'Pedro R.
    Pierluisi Urrutia'); a surname
    or a later part of a name ('de Hoop Scheffer') joins the nearest full name of the same story
    before it (of several people sharing it — other given names — the first the story named); a first name that starts only one full name ('Jong', 'Sir Ian') joins it; an ORG,
    site or place word equal to a person's surname ('Holder' typed ORG) becomes a mention of that person.
    """
    doc = ctx.doc
    story_of = ctx.story_of
    knighted = frozenset(i + 1 for i in positions(doc, {"sir", "dame"}))   # 'Sir Ian' = Sir Ian Blair
    particles = lexicon().particles
    draft = Draft(mentions)
    full = [i for i, f in draft if f.kind == "person" and len(f.key.split()) >= 2]
    canon: dict[str, str] = {}
    for i in full:
        key = draft[i].key
        parts = key.split()
        for j in full:
            other = draft[j].key
            gp = other.split()
            same = gp[-1] == parts[-1] or len(parts) == 2 and parts[-1] in gp[1:-1]   # 'Pedro R. Pierluisi Urrutia'
            if j != i and gp[0] == parts[0] and same and len(other) > len(canon.get(key, key)):
                canon[key] = other
    for i in full:
        draft.revise(i, key=canon.get(draft[i].key, draft[i].key))
    by_last: dict[str, list[int]] = {}
    for i in full:
        key = draft[i].key
        words = key.replace("-", " ").split()
        by_last.setdefault(words[-1], []).append(i)
        by_last.setdefault(key.split()[-1], []).append(i)
        if len(words) >= 3:  # 'Jaap de Hoop Scheffer' → 'de Hoop Scheffer'; 'Ricardo Rosselló Nevares' → 'Rosselló'
            by_last.setdefault(" ".join(words[1:]), []).append(i)
            by_last.setdefault(" ".join(words[-2:]), []).append(i)
            if words[1] not in particles:
                by_last.setdefault(words[1], []).append(i)
    for lst in by_last.values():
        lst[:] = list(dict.fromkeys(lst))
    by_first: dict[str, set[str]] = {}
    for i in full:
        by_first.setdefault(draft[i].key.split()[0], set()).add(draft[i].key)
    for i, _ in draft:
        f = draft[i]
        key = name_key(f.text)
        if f.kind == "person" and len([w for w in f.key.replace("-", " ").split() if w not in particles]) >= 2:
            longer = [draft[c] for c in by_last.get(f.key, ()) if len(draft[c].key.split()) > len(f.key.split())]
            if longer and given_name_gender(f.text.split()[0]) is None \
                    and len({c.key for c in longer}) == 1:
                draft.revise(i, key=longer[0].key)   # 'Kilroy-Silk', 'Scott-Joynt': a double surname of 'Robert Kilroy-Silk'
            continue
        if f.kind == "organization" and f.source == "ner" and " " not in f.text and not is_acronym(f.text) \
                and by_first.get(key) and key not in by_last:
            named = [draft[g] for g in full if draft[g].key in by_first[key]]
            before = [g for g in named if g.start < f.start]
            target = before[-1] if before else named[0]
            draft.revise(i, kind="person", key=target.key, name=f.text)   # 'Hamza' beside 'Hamza bin Laden'
            continue
        firsts = by_first.get(f.key) if f.kind == "person" and (f.source == "ner" or f.start in knighted
                                                                or kin_before(doc, f.start)) else None
        if firsts and len(firsts) == 1 and f.key not in by_last:   # 'Jong' when only 'Jong Woo Son' starts so
            #                                                          ('his son Moazzam' when 'Moazzam Begg')
            draft.revise(i, key=next(iter(firsts)))
            continue
        if f.kind not in ("person", "organization", "site", "place") or f.source in ("gazetteer", "coref"):
            continue
        if f.kind in ("site", "place") and " " in f.text.strip():
            continue   # only a one-word place may be a surname ('Biden', 'Livingstone')
        key = key.replace("-", " ")
        bare = " ".join(w for w in key.split() if w not in particles) or key   # 'al-Muhandis'
        cands = by_last.get(key) or by_last.get(f.key) or by_last.get(bare)
        if not cands:
            continue
        story = story_of.get(f.sentence, 0)
        same = [draft[c] for c in cands if story_of.get(draft[c].sentence, 0) == story] or [draft[c] for c in cands]
        before = [c for c in same if c.start < f.start]
        # the nearest full name before it; of several people who share the surname ('Joe Biden and his son,
        # Hunter Biden … Biden said'), the one the story named first: news calls the others by their full names
        target = (before[0] if len({c.key.split()[0] for c in before}) > 1 else before[-1]) if before else same[0]
        draft.revise(i, kind="person", key=target.key, name=f.text, country=None,
                     source=f.source if f.source == "ner" else "coref")
    singles = {f.key for _, f in draft if f.kind == "person" and len(f.key.split()) == 1 and f.source == "ner"}
    for i, f in draft:
        if f.kind in ("organization", "site") and f.source == "ner" and name_key(f.text) in singles:
            draft.revise(i, kind="person", key=name_key(f.text), name=f.text)   # 'Pierluisi' typed ORG and PERSON
    # single names that stay alone keep their own key (a person known by one name)
    return draft.result()


def resolve_orgs(ctx: Context, mentions: list[Found]) -> Revision:
    """Merge organisation mentions: the same content words in another order, a name that starts, ends or
    is inside a longer name, and acronyms of long names ('Oversight Committee', 'PCS Union', 'UKIP')."""
    draft = Draft(mentions)
    orgs = [i for i, f in draft if f.kind == "organization" and f.source != "gazetteer"]
    names = {draft[i].key: i for i in orgs}
    known = {f.key: f for _i, f in draft if f.kind == "organization" and f.source == "gazetteer"}
    for i in orgs:
        words = fold(draft[i].name).split()
        known_fits = {k for k, g in known.items() if k != draft[i].key and _same_org(draft[i], words, g) is not None}
        for j in names.values():
            f, g = draft[i], draft[j]
            if g.key == f.key:
                continue
            merged = _same_org(f, words, g)
            if merged is not None and known_fits - {g.key}:
                break   # 'Court of Justice' beside the 'European Court of Justice' and a 'Supreme Court of Justice': either
            if merged is not None:
                draft.revise(i, key=g.key, alliance=merged)
                break
    for i, f in draft:
        if f.kind == "organization" and f.source == "coref":
            target = next((draft[g] for g in orgs if draft[g].name == f.name), None)
            if target is not None:
                draft.revise(i, key=target.key)
    return draft.result()


def _same_org(f: Found, words: list[str], g: Found) -> bool | None:
    """None when organisation name f (folded `words`) is not another form of g's name; else whether the
    merged organisation is an alliance."""
    lex = lexicon()
    gw = fold(g.name).split()
    content = [w for w in words if w not in NAME_FUNCTION_WORDS]
    other = [w for w in gw if w not in NAME_FUNCTION_WORDS]
    if sorted(content) == sorted(other) and len(content) >= 2 and g.key < f.key:
        return g.alliance or f.alliance      # 'Institute of/for Fiscal Studies'
    if len(gw) <= len(words):
        return None
    prefix = gw[: len(words)] == words and (len(words) >= 2 or gw[len(words):] and
                                             all(w in lex.org_heads for w in gw[len(words):]))
    country_led = gw[1:] == words and geo.country_code(g.name.split()[0]) is not None   # 'US Libertarian Party'
    suffix = len(words) >= 2 and gw[-len(words):] == words                      # 'Treasury Select Committee'
    acronym_led = is_acronym(f.text) and gw[0] == words[0] and len(words) == 1     # 'HACAN Clearskies'
    inner = len(words) >= 2 and words[-1] == gw[-1] and words[0] not in NAME_FUNCTION_WORDS \
        and _is_subsequence(words, gw)                                  # 'Oversight Committee'
    acronym_head = len(words) == 2 and words[-1] == gw[-1] and is_acronym(f.name.split()[0]) \
        and acronym_of(f.name.split()[0], " ".join(g.name.split()[:-1]))   # 'PCS Union'
    if prefix or country_led or suffix or acronym_led or inner or acronym_head:
        return g.alliance or f.alliance
    if is_acronym(f.text) and acronym_of(f.text, g.name):
        return g.alliance
    return None


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    """True when the words of short appear in long in the same order ('oversight committee' in 'house oversight and reform committee')."""
    it = iter(long)
    return all(w in it for w in short)


def add_bare_surnames(ctx: Context, mentions: list[Found]) -> Revision:
    """'Later on Tuesday Mitsotakis met …': a capitalised word the model left untyped that is the surname of
    exactly one person named in full earlier in the same story is a mention of that person (not a word of a
    longer capitalised name, not a place or country word)."""
    doc = ctx.doc
    taken = _covered(mentions)
    people = [f for f in mentions if f.kind == "person" and len(f.key.split()) >= 2 and f.source != "pronoun"]
    if not people:
        return Revision(mentions)
    by_surname: dict[str, set[str]] = {}
    for f in people:
        by_surname.setdefault(name_key(f.name.split()[-1]), set()).add(f.key)
    out = []
    for tok in doc:
        if tok.i in taken or tok.pos_ != "PROPN" or not tok.text[:1].isupper() or not tok.is_alpha or tok.ent_type_:
            continue
        keys = by_surname.get(name_key(tok.text))
        if not keys or len(keys) != 1:
            continue
        prev = doc[tok.i - 1] if tok.i > 0 else None
        if prev is not None and prev.pos_ == "PROPN" and prev.i not in taken and prev.ent_type_ not in ("DATE", "TIME") \
                or tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN":
            continue   # a word of a longer name ('Hunter Biden', 'Trump Tower')
        if prev is not None and prev.tag_ == "NNS":
            continue   # 'the number of justices Hammons favors': a clause, and no title before a name
        if geo.country_code(tok.text) or geo.demonym_code(tok.text):
            continue
        si = ctx.sent_of.get(tok.i, -1)
        key = next(iter(keys))
        first = next(f for f in people if f.key == key)
        if first.start > tok.i or ctx.story_of.get(first.sentence, 0) != ctx.story_of.get(si, 0):
            continue
        out.append(found(doc, tok.i, tok.i + 1, "person", key, first.name, "coref", sentence=si))
    return Revision(sorted(mentions + out, key=lambda f: f.start)) if out else Revision(mentions)


def add_repeated_org_names(ctx: Context, mentions: list[Found]) -> Revision:
    """"the party Civic Platform's time … Tusk, a founding Civic Platform member": an organisation's name of two
    words or more, repeated where the model left it untyped or typed it a product, is a mention of it (the
    whole name, not words of a longer capitalised name)."""
    doc = ctx.doc
    taken = _covered(mentions)
    by_first: dict[str, list[tuple[tuple[str, ...], Found]]] = {}
    for f in mentions:
        if f.kind == "organization" and f.source not in ("pronoun", "coref") and f.end - f.start >= 2:
            words = tuple(t.text for t in doc[f.start:f.end])
            if all(words != w for w, _ in by_first.get(words[0], ())):
                by_first.setdefault(words[0], []).append((words, f))
    out: list[Found] = []
    for tok in doc:
        if tok.i in taken or tok.text not in by_first:
            continue
        for words, f in sorted(by_first[tok.text], key=lambda x: -len(x[0])):
            s, e = tok.i, tok.i + len(words)
            if e > len(doc) or tuple(t.text for t in doc[s:e]) != words or any(i in taken for i in range(s, e)):
                continue
            before, after = doc[s - 1] if s > 0 else None, doc[e] if e < len(doc) else None
            if before is not None and before.is_alpha and before.text[:1].isupper() and not before.is_sent_start \
                    or after is not None and after.is_alpha and after.text[:1].isupper():
                break   # 'Civic Platform Party': a word of a longer name
            if after is not None and after.lower_ in lexicon().role_heads and words[-1].lower() in lexicon().role_modifiers:
                break   # 'the East African Affairs minister': a portfolio before its title
            out.append(found(doc, s, e, "organization", f.key, f.name, "coref", sentence=ctx.sent_of.get(s, -1),
                             alliance=f.alliance, country=f.country))
            taken.update(range(s, e))
            break
    return Revision(sorted(mentions + out, key=lambda f: f.start)) if out else Revision(mentions)


def add_pronouns(ctx: Context, mentions: list[Found]) -> Revision:
    """'she said', 'her meeting': a pronoun refers to the last person of its gender when that is unambiguous.

    The candidates are the people of the pronoun's sentence and the two before it; the pronoun is
    resolved only when exactly one of them has a first name of the pronoun's gender.
    """
    doc = ctx.doc
    people = sorted((f for f in mentions if f.kind == "person"), key=lambda f: f.start)
    gender: dict[str, str | None] = {}
    for f in people:
        first = f.name.split()[0] if len(f.key.split()) >= 2 else None
        if f.key not in gender or gender[f.key] is None:
            gender[f.key] = given_name_gender(first) if first else gender.get(f.key)
    out = []
    for i in positions(doc, _PRONOUNS):
        tok = doc[i]
        want = _PRONOUNS[tok.lower_]
        if tok.pos_ != "PRON":
            continue
        si = ctx.sent_of.get(i, -1)
        story = ctx.story_of.get(si, 0)
        window = [f for f in people if f.start < i and si - 2 <= f.sentence <= si
                  and ctx.story_of.get(f.sentence, 0) == story]
        keys = list(dict.fromkeys(f.key for f in reversed(window) if gender.get(f.key) == want))
        if len(keys) != 1:
            continue
        target = next(f for f in reversed(window) if f.key == keys[0])
        out.append(found(doc, i, i + 1, "person", target.key, target.name, "pronoun", sentence=si))
    return Revision(mentions + out)
