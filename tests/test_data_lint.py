"""The extraction data of kg/data: every list described, every entry able to match, exceptions with a reason.

kg.extract.lexicon.LIST_FORMS says how each list is matched against the text; an entry that cannot
match in that form (a capitalised word in a list compared with lower-cased tokens, two words where
one token is compared, 'north-east' where spaCy's tokenizer makes three tokens) is unreachable.
Proper names belong in gazetteers, or in an exception list under the pattern class they stand for.
"""
from __future__ import annotations

from functools import cache

import pytest
import spacy

from kg.extract import geo
import kg.extract.lexicon as lexicon_module
from kg.extract.lexicon import LIST_FORMS, entries, lexicon, load_json
from kg.extract.normalize import fold

LISTS = [(f, key) for f, keys in LIST_FORMS.items() for key in keys]
#: lists that map a name or phrase to something (the keys are the entries), not groups of entries under reasons
MAPPINGS = {("countries.json", "aliases"), ("countries.json", "demonyms"), ("events.json", "nouns"),
            ("roles.json", "institution_hints"), ("roles.json", "country_titles"), ("roles.json", "role_bodies"),
            ("events.json", "verb_families"), ("membership.json", "verb_particles"), ("membership.json", "status_nouns"),
            *(("tenure.json", k) for k in ("status_words", "start_verbs", "appoint_verbs", "end_verbs", "remove_verbs",
                                          "hold_verbs"))}


@cache
def _tokenizer():
    return spacy.blank("en").tokenizer


def _tokens(text: str) -> list[str]:
    return [t.text for t in _tokenizer()(text)]


def _entries(f: str, key: str) -> list[str]:
    """The strings a list matches: its entries, a mapping's keys, an institution's name and aliases."""
    value = load_json(f)[key]
    if key == "institutions":
        return [n for inst in value for n in (inst["name"], *inst.get("aliases", ()))]
    if (f, key) in MAPPINGS:
        return list(value)
    return entries(value)


def _normal(form: str, entry: str) -> str:
    """The form in which two entries are the same entry."""
    return {"honorific": entry.rstrip("."), "folded": fold(entry)}.get(form, entry)


def _unreachable(form: str, entry: str) -> str | None:
    """Why an entry of a list matched in `form` can never match, or None."""
    if entry != entry.strip() or "  " in entry or not entry:
        return "stray whitespace"
    if form in ("token", "honorific", "suffix", "phrase") and entry != entry.lower():
        return "not lowercase, but compared with lower-cased words"
    if form == "token" and not any(len(_tokens(w)) == 1 for w in (entry, entry.capitalize())):
        return f"compared with one token, but the tokenizer makes {_tokens(entry)}"
    if form == "honorific" and _tokens(entry.capitalize())[0].lower().rstrip(".") != entry.rstrip("."):
        return f"the tokenizer makes {_tokens(entry.capitalize())}"
    if form == "surface" and " " not in entry and len(_tokens(entry)) != 1:
        return f"compared with one token's text, but the tokenizer makes {_tokens(entry)}"
    return None


def test_every_list_of_the_extraction_data_is_described():
    for f, keys in LIST_FORMS.items():
        data_keys = {k for k in load_json(f) if not k.startswith("_")}
        assert data_keys == set(keys), f"{f}: lists without a form or forms without a list"


class _Reads(dict):
    """A data file that records which of its lists are read."""

    read: set = set()

    def __getitem__(self, key):
        self.read.add((self.name, key))
        return super().__getitem__(key)

    def get(self, key, default=None):
        self.read.add((self.name, key))
        return super().get(key, default)


def _data_loaders() -> list:
    """The cached functions of kg.extract that build their tables from load_json (lexicon(), post_rules()…)."""
    import importlib
    import pkgutil

    import kg.extract

    out = []
    for info in pkgutil.iter_modules(kg.extract.__path__):
        module = importlib.import_module(f"kg.extract.{info.name}")
        for value in vars(module).values():
            code = getattr(getattr(value, "__wrapped__", None), "__code__", None)
            if hasattr(value, "cache_clear") and code is not None and {"load_json", "word_sets"} & set(code.co_names) \
                    and code.co_argcount == 0 and value.__module__ == module.__name__:
                out.append((module, value))
    return out


def test_every_list_is_read_by_the_extractors(monkeypatch):
    def recording(name):
        data = _Reads(load_json(name))
        data.name = name
        return data

    loaders = _data_loaders()
    for module in {module for module, _ in loaders} | {lexicon_module}:      # word_sets reads through lexicon's
        monkeypatch.setattr(module, "load_json", recording, raising=False)
    for _, loader in loaders:
        loader.cache_clear()
    try:
        for _, loader in loaders:
            loader()
    finally:
        for _, loader in loaders:
            loader.cache_clear()
    assert set(LISTS) <= _Reads.read, f"lists no extractor reads: {sorted(set(LISTS) - _Reads.read)}"


@pytest.mark.parametrize("f, key", LISTS)
def test_every_entry_can_match(f, key):
    form, _role = LIST_FORMS[f][key]
    bad = {e: why for e in _entries(f, key) if (why := _unreachable(form, e))}
    assert not bad, f"{f}:{key}: unreachable entries {bad}"


@pytest.mark.parametrize("f, key", LISTS)
def test_no_entry_twice(f, key):
    form, _role = LIST_FORMS[f][key]
    seen: dict[str, str] = {}
    twice = []
    for e in _entries(f, key):
        n = _normal(form, e)
        if n in seen and key != "institutions":
            twice.append((seen[n], e))
        seen.setdefault(n, e)
    assert not twice, f"{f}:{key}: the same entry twice {twice}"


def _grouped(f: str, key: str) -> bool:
    """A list whose entries are grouped under reasons: every exception list, and vocabularies that hold names."""
    return isinstance(load_json(f)[key], dict) and (f, key) not in MAPPINGS


@pytest.mark.parametrize("f, key", [(f, k) for f, k in LISTS if LIST_FORMS[f][k][1] == "exceptions" or _grouped(f, k)])
def test_exception_entries_are_grouped_under_the_pattern_class_they_stand_for(f, key):
    value = load_json(f)[key]
    assert isinstance(value, dict), f"{f}:{key}: exceptions are grouped as {{reason: [entries]}}"
    groups = {reason: group for reason, group in value.items() if not reason.startswith("_")}
    assert groups, f"{f}:{key}: no groups"
    for reason, group in groups.items():
        assert len(reason.split()) >= 3, f"{f}:{key}: '{reason}' does not say what the entries stand for"
        assert group and all(isinstance(e, str) for e in group), f"{f}:{key}: '{reason}' holds no entries"


def _proper_name(entry: str) -> bool:
    """A place's name (country, US state, city of a million), or an institution's or medium's name of two words
    or more (one word of those is often a common noun: 'commission', 'times')."""
    lex = lexicon()
    several = len(fold(entry).split()) >= 2
    return bool(geo.country_code(entry) or geo.is_us_state(entry) or geo.find_city(entry, min_population=1_000_000)
                or several and (fold(entry) in lex.institution_by_key or fold(entry) in lex.media_names))


@pytest.mark.parametrize("f, key", [(f, k) for f, k in LISTS if LIST_FORMS[f][k][1] == "vocabulary"])
def test_no_proper_name_in_a_vocabulary_without_a_reason(f, key):
    loose = [] if _grouped(f, key) else _entries(f, key)   # in a group, an entry has its reason
    names = [e for e in loose if _proper_name(e)]
    assert not names, f"{f}:{key}: proper names belong in a gazetteer or an exception group with a reason: {names}"


def test_institution_hints_name_institutions_of_the_gazetteer():
    known = {i.name for i in lexicon().institutions}
    for role, names in load_json("roles.json")["institution_hints"].items():
        assert set(names) <= known, f"institution_hints[{role!r}]: {set(names) - known} is no institution"
