"""Evaluation against gold facts: gold files (kg/gold.py), the matching rules (kg/scoring.py, in
agreement with the reference scorer) and the evaluation run (kg/evaluate.py, `kg eval`)."""
from __future__ import annotations

import copy
import dataclasses
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ARTICLES, DATA, run_kg
from kg.evaluate import Evaluation, evaluate, format_evaluation, read_predictions
from kg.gold import Entity, GoldError, NameIndex, fold, load_gold, load_gold_dir, load_names, name_keys, parse_gold
from kg.scoring import (FACT_TYPES, check_org_resolution, check_resolution, role_matches, score_article,
                        score_entities, score_title_status, score_title_times)

GOLD_DIR = DATA / "gold"
REPO = Path(__file__).resolve().parent.parent


def _score_py() -> Path | None:
    """The reference scorer, when this checkout sits beside the shared evaluation folder."""
    for candidate in (os.environ.get("KG_SCORE_PY"), REPO.parent / "shared" / "eval" / "score.py"):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


SCORE_PY = _score_py()
needs_score_py = pytest.mark.skipif(SCORE_PY is None, reason="the reference scorer ../shared/eval/score.py "
                                    "is not beside this checkout (set KG_SCORE_PY)")

# -- a small hand-made gold file and the rows of a perfect prediction -------------------------

ALIASES = {"European Union": ["EU", "the European Union"], "Interpol": ["INTERPOL"]}
COUNTRIES = {"DE": ["Germany", "Federal Republic of Germany"], "SE": ["Sweden"], "DK": ["Denmark"],
             "FR": ["France"], "IT": ["Italy"]}
GOLD = {
    "article": "a.txt",
    "published": "2012-06-22",
    "people": [{"name": "Gerhard Schröder", "aliases": ["Schröder"]},
               {"name": "Cecilia Malmström", "aliases": ["Malmström"]}],
    "organizations": [{"name": "European Union", "aliases": ["EU"]},
                      {"name": "Global Alliance", "aliases": ["the alliance"]}],
    "countries": ["DE", "SE"],
    "titles": [{"person": "Gerhard Schröder", "role": "Chancellor"},
               {"person": "Cecilia Malmström", "role": "Home Affairs Commissioner"}],
    "affiliations": [{"person": "Gerhard Schröder", "organization": "Germany"},
                     {"person": "Cecilia Malmström", "organization": "European Union"}],
    "memberships": [{"member": "DE", "organization": "European Union"},
                    {"member": "European Union", "organization": "Global Alliance"}],
    "meetings": [{"label": "talks", "date": "2012-06", "place": "Copenhagen",
                  "participants": ["Gerhard Schröder", "Cecilia Malmström"]}],
    "optional": {"organizations": ["Reuters"], "countries": ["DK"], "memberships_members": ["FR"]},
}
PERFECT = {
    "people": [{"person": "urn:p1", "name": "Gerhard Schroeder"}, {"person": "urn:p1", "name": "Schröder"},
               {"person": "urn:p2", "name": "Cecilia Malmstrom"}],
    "organizations": [{"organization": "urn:o1", "name": "EU"}, {"organization": "urn:o1", "name": "European Union"},
                      {"organization": "urn:o2", "name": "Global Alliance"}],
    "countries": [{"country": "urn:c1", "name": "Germany", "iso": "DE"},
                  {"country": "urn:c2", "name": "Sweden", "iso": "se"}],
    "roles": [{"person": "urn:p1", "name": "Gerhard Schroeder", "role": "German Chancellor",
               "organization": "urn:c1", "organizationName": "Federal Republic of Germany"},
              {"person": "urn:p2", "name": "Cecilia Malmström", "role": "Commissioner for Home Affairs",
               "organization": "urn:o1", "organizationName": "the EU"}],
    "memberships": [{"member": "urn:c1", "memberName": "Germany", "memberIso": "DE", "organization": "urn:o1",
                     "organizationName": "European Union"},
                    {"member": "urn:o1", "memberName": "European Union", "organization": "urn:o2",
                     "organizationName": "Global Alliance"}],
    "meetings": [{"meeting": "urn:m", "date": "2012-06-21", "placeName": "Copenhagen",
                  "participantName": "Gerhard Schröder"},
                 {"meeting": "urn:m", "date": "2012-06-21", "placeName": "Copenhagen",
                  "participantName": "Cecilia Malmstroem"}],
}


def names() -> NameIndex:
    return NameIndex.from_tables(ALIASES, COUNTRIES)


def score(rows=PERFECT, gold=GOLD):
    return score_article(parse_gold(gold, "g.json"), rows, names())


def changed(**sections):
    rows = copy.deepcopy(PERFECT)
    rows.update(sections)
    return rows


# -- names and roles --------------------------------------------------------------------------


def test_fold_drops_case_accents_and_punctuation():
    assert fold("Cecilia  Malmström") == "cecilia malmstrom"
    assert fold("Secretary-General") == "secretary general"
    assert fold("E.U.") == "e u"


def test_name_keys_accept_transliteration_and_a_leading_the():
    assert {"malmstrom", "malmstroem"} <= set(name_keys("Malmström"))
    assert "hague" in name_keys("The Hague")
    assert "eu" in name_keys("E.U.")            # spaces dropped
    assert name_keys("") == () and name_keys(None) == ()


@pytest.mark.parametrize("predicted, gold, expected", [
    ("Attorney General", "Attorney General", True),
    ("US Attorney General", "Attorney General", True),
    ("Attorney-General", "Attorney General", True),
    ("Commissioner for Home Affairs", "Home Affairs Commissioner", True),
    ("General", "Attorney General", True),               # contained, same head word
    ("Attorney", "Attorney General", False),             # head word missing
    ("Secretary General", "Attorney General", False),
    ("Foreign Minister", "Prime Minister", False),
    ("", "Prime Minister", False),
    ("Minister of the Interior", "Interior Minister", True),   # stop words aside, the same words
    ("Deputy Prime Minister", "Prime Minister", True),
    ("Prime Minister", "Deputy Prime Minister", True),
])
def test_role_matching(predicted, gold, expected):
    assert role_matches(predicted, gold) is expected


def test_name_index_maps_aliases_and_country_names():
    index = names()
    assert index.institution_key("the EU") == "European Union"
    assert index.institution_key("Federal Republic of Germany") == "Germany"
    assert index.institution_key("Some Ministry") == "some ministry"
    assert index.member_key("Federal Republic of Germany") == "DE"
    assert index.member_key("anything", iso="de") == "DE"
    assert index.member_key("European Union") == "European Union"


def test_an_alias_entry_keeps_its_aliases_over_a_country_of_the_same_name():
    index = NameIndex.from_tables({"Georgia": ["State of Georgia"]}, {"GE": ["Georgia", "Sakartvelo"]})
    assert index.canonical("Sakartvelo") is None          # the country's other names are not added
    assert index.member_key("State of Georgia") == "GE"   # but the name is still the country's


# -- scoring one article ----------------------------------------------------------------------


def test_a_perfect_prediction_scores_one():
    result = score()
    for fact_type in FACT_TYPES:
        tally = result[fact_type]
        assert tally.tp > 0 and (tally.fp, tally.fn) == (0, 0), fact_type
        assert tally.precision == tally.recall == tally.f1 == 1.0


def test_a_missing_fact_lowers_recall_only():
    result = score(changed(meetings=PERFECT["meetings"][:1], countries=PERFECT["countries"][:1]))
    for fact_type in ("meetings", "countries"):
        assert result[fact_type].precision == 1.0 and result[fact_type].recall == 0.5
    assert result["meetings"].misses == ["2012-06 | copenhagen | Cecilia Malmström"]   # places not in the tables are folded


def test_an_extra_fact_lowers_precision_only():
    rows = changed(organizations=PERFECT["organizations"] + [{"organization": "urn:o3", "name": "Interpol"}],
                   countries=PERFECT["countries"] + [{"country": "urn:c3", "iso": "IT"}])
    result = score(rows)
    assert (result["organizations"].tp, result["organizations"].fp, result["organizations"].fn) == (2, 1, 0)
    assert result["organizations"].extras == ["Interpol"]
    assert result["countries"].recall == 1.0 and result["countries"].precision == pytest.approx(2 / 3)


def test_optional_facts_count_neither_way():
    rows = changed(organizations=PERFECT["organizations"] + [{"organization": "urn:o3", "name": "REUTERS"}],
                   countries=PERFECT["countries"] + [{"country": "urn:c3", "iso": "DK"}],
                   memberships=PERFECT["memberships"] + [{"memberName": "France", "memberIso": "FR",
                                                          "organizationName": "EU"}])
    result = score(rows)
    assert all(result[t].f1 == 1.0 for t in ("organizations", "countries", "memberships"))


def test_a_second_entity_for_one_gold_entity_is_a_false_positive():
    rows = changed(people=PERFECT["people"] + [{"person": "urn:p9", "name": "Mr Schroeder"},
                                               {"person": "urn:p9", "name": "Schroder"}])
    tally = score(rows)["people"]
    assert (tally.tp, tally.fp, tally.fn) == (2, 1, 0)
    assert tally.extras == ["duplicate of Gerhard Schröder: Mr Schroeder / Schroder"]


def test_accent_and_transliteration_variants_match():
    for spelling in ("Gerhard Schroder", "GERHARD SCHROEDER", "Gerhard Schröder", "Schroeder"):
        rows = changed(people=[{"person": "urn:p1", "name": spelling}, PERFECT["people"][2]])
        assert score(rows)["people"].f1 == 1.0, spelling
    assert score(changed(people=[{"person": "urn:p1", "name": "Gerhard Schreder"},
                                 PERFECT["people"][2]]))["people"].fn == 1


def test_a_wrong_role_is_both_missed_and_extra():
    roles = copy.deepcopy(PERFECT["roles"])
    roles[0]["role"] = "Foreign Minister"
    tally = score(changed(roles=roles))["titles"]
    assert (tally.tp, tally.fp, tally.fn) == (1, 1, 1)
    assert tally.extras == ["Gerhard Schroeder | Foreign Minister"]


def test_affiliations_go_through_the_country_and_alias_tables():
    roles = copy.deepcopy(PERFECT["roles"])
    roles[0]["organizationName"], roles[1]["organizationName"] = "Germany", "European Union"
    assert score(changed(roles=roles))["affiliations"].f1 == 1.0
    roles[0]["organizationName"] = "Bundestag"
    tally = score(changed(roles=roles))["affiliations"]
    assert (tally.tp, tally.fp, tally.fn) == (1, 1, 1) and tally.extras == ["Gerhard Schröder | bundestag"]


def test_memberships_match_countries_by_iso_code_and_name():
    rows = changed(memberships=[{"memberName": "Federal Republic of Germany", "organizationName": "the EU"},
                                PERFECT["memberships"][1]])
    assert score(rows)["memberships"].f1 == 1.0
    rows = changed(memberships=PERFECT["memberships"] + [{"memberIso": "IT", "organizationName": "EU"}])
    tally = score(rows)["memberships"]
    assert (tally.tp, tally.fp, tally.fn) == (2, 1, 0) and tally.extras == ["IT | European Union"]


def test_a_full_date_inside_a_gold_month_counts_and_another_month_does_not():
    meetings = copy.deepcopy(PERFECT["meetings"])
    meetings[1]["date"] = "2012-07-01"
    tally = score(changed(meetings=meetings))["meetings"]
    assert (tally.tp, tally.fp, tally.fn) == (1, 1, 1)
    assert tally.extras == ["2012-07-01 | copenhagen | Cecilia Malmström"]


def test_a_full_date_that_is_itself_gold_is_not_credited_to_a_partial_one():
    gold = copy.deepcopy(GOLD)
    gold["meetings"][0]["date"] = "2012-06-21"
    gold["optional"]["meetings"] = [{"date": "2012", "place": "Copenhagen", "participants": ["Gerhard Schröder"]}]
    tally = score(PERFECT, gold)["meetings"]
    assert (tally.tp, tally.fp, tally.fn) == (2, 0, 0)


def test_a_required_partial_date_is_credited_before_an_optional_one():
    gold = copy.deepcopy(GOLD)
    gold["optional"]["meetings"] = [{"date": "2012", "place": "Copenhagen", "participants": ["Gerhard Schröder"]}]
    tally = score(PERFECT, gold)["meetings"]      # 2012-06-21 is inside both 2012-06 (required) and 2012
    assert (tally.tp, tally.fp, tally.fn) == (2, 0, 0)


def test_title_since_and_until_are_scored_on_matched_titles():
    gold = copy.deepcopy(GOLD)
    gold["titles"][0].update({"since": "1998-10", "until": "2005"})
    rows = copy.deepcopy(PERFECT["roles"])
    rows[0].update({"since": "1998-10-27", "until": "2004"})        # a start inside the gold's month; a wrong end
    rows[1]["since"] = "2010"                                         # a start the gold does not state
    times = score_title_times(parse_gold(gold), rows)
    assert (times["since"].tp, times["since"].fp, times["since"].fn) == (1, 1, 0)
    assert (times["until"].tp, times["until"].fp, times["until"].fn) == (0, 1, 1)
    assert times["until"].misses == ["Gerhard Schröder | Chancellor | until 2005"]
    rows[0]["since"] = "1998"                                          # coarser than the gold: not right
    assert score_title_times(parse_gold(gold), rows)["since"].tp == 0


def test_a_gold_date_that_is_no_date_is_refused():
    gold = copy.deepcopy(GOLD)
    gold["titles"][0]["since"] = "last year"
    with pytest.raises(GoldError, match=r"titles\[0\]\.since"):
        parse_gold(gold)


def test_title_status_counts_matched_titles_with_the_right_status():
    gold = copy.deepcopy(GOLD)
    gold["titles"][0]["status"] = "former"
    rows = copy.deepcopy(PERFECT["roles"])
    rows[0]["qualifier"] = "ex-"
    rows.append({"person": "urn:p2", "name": "Malmström", "role": "Commissioner", "qualifier": "acting"})
    status = score_title_status(parse_gold(gold), rows)
    # Schröder: gold former, found former; Malmström: gold current, found current (among current and acting)
    assert dataclasses.asdict(status) == {"matched": 2, "right": 2, "gold_timed": 1, "found_timed": 1,
                                          "right_timed": 1}
    rows[1]["role"] = "Foreign Minister"     # Malmström's own row no longer matches: only 'acting' is left
    status = score_title_status(parse_gold(gold), rows)
    assert (status.matched, status.right, status.found_timed) == (2, 1, 2)


def test_org_resolution_finds_split_and_missing_institutions():
    golds = [parse_gold(GOLD, "a.json"),
             parse_gold({"article": "b.txt", "people": [], "countries": [],
                         "organizations": [{"name": "EU"}, {"name": "Global Alliance"}, {"name": "Interpol"}]},
                        "b.json")]
    rows = [{"organization": "urn:1", "name": "European Union"}, {"organization": "urn:2", "name": "E.U.",
                                                                   "aliases": "Interpol"}]
    o = check_org_resolution(golds, rows, names())
    assert (o.organizations, o.resolved, o.split, o.missing) == (2, 0, ["European Union"], ["Global Alliance"])
    o = check_org_resolution(golds, rows[:1] + [{"organization": "urn:3", "name": "global alliance"}], names())
    assert (o.organizations, o.resolved, o.split, o.missing) == (2, 2, [], [])


def test_a_meeting_without_participants_is_one_fact_with_an_empty_participant():
    gold = copy.deepcopy(GOLD)
    gold["meetings"] = [{"date": "2012-06-21", "place": "Kent", "participants": []}]
    rows = changed(meetings=[{"meeting": "urn:m", "date": "2012-06-21", "placeName": "Kent"}])
    assert score(rows, gold)["meetings"].f1 == 1.0


def test_nothing_predicted_and_nothing_expected_is_perfect_but_nothing_predicted_is_not():
    empty = {q: [] for q in PERFECT}
    result = score(empty)
    assert all(result[t].precision == 1.0 and result[t].recall == 0.0 and result[t].f1 == 0.0 for t in FACT_TYPES)
    gold = {"article": "a.txt", "people": [], "organizations": [], "countries": []}
    assert all(tally.f1 == 1.0 for tally in score(empty, gold).values())


def test_entities_are_counted_once_each():
    gold = [Entity("Eric Holder", ("Holder",)), Entity("Interpol")]
    tally = score_entities({"urn:a": {"Holder"}, "urn:b": {"Europol"}}, gold, optional=["europol"])
    assert (tally.tp, tally.fp, tally.fn) == (1, 0, 1) and tally.misses == ["Interpol"]


# -- resolution -------------------------------------------------------------------------------


def test_resolution_finds_split_merged_and_missing_people():
    golds = [parse_gold(GOLD, "a.json"),
             parse_gold({"article": "b.txt", "people": [{"name": "Eric Holder"}, {"name": "Gerhard Schröder"}],
                         "organizations": [], "countries": []}, "b.json")]
    rows = [{"person": "urn:1", "name": "Gerhard Schroeder"}, {"person": "urn:2", "name": "Schröder"},
            {"person": "urn:3", "name": "Cecilia Malmström"}, {"person": "urn:3", "name": "Eric Holder"}]
    r = check_resolution(golds, rows)
    assert (r.people, r.resolved) == (3, 0)
    assert r.split == ["Gerhard Schröder"] and r.merged == ["Cecilia Malmström + Eric Holder"] and r.missing == []
    r = check_resolution(golds, rows[:1] + rows[2:3])
    assert (r.resolved, r.missing) == (2, ["Eric Holder"])


# -- gold files -------------------------------------------------------------------------------


def _write_gold(tmp_path: Path, data, name="x.json") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("mutate, field, words", [
    (lambda g: g.pop("article"), "article", "missing field"),
    (lambda g: g.pop("people"), "people", "missing field"),
    (lambda g: g.__setitem__("people", {"name": "X"}), "people", "expected a list"),
    (lambda g: g["people"][1].pop("name"), "people[1]", "missing field 'name'"),
    (lambda g: g["people"][0].__setitem__("aliases", ["ok", 3]), "people[0].aliases[1]", "string"),
    (lambda g: g["countries"].append("us"), "countries[2]", "ISO 3166-1"),
    (lambda g: g["titles"][0].pop("role"), "titles[0]", "missing field 'role'"),
    (lambda g: g["titles"][1].__setitem__("person", "Malmström"), "titles[1].person", "not the name of a person"),
    (lambda g: g["meetings"][0].__setitem__("date", "21 June 2012"), "meetings[0].date", "YYYY-MM-DD"),
    (lambda g: g["meetings"][0].__setitem__("participants", "Schröder"), "meetings[0].participants",
     "expected a list"),
    (lambda g: g.__setitem__("optional", []), "optional", "expected an object"),
    (lambda g: g["optional"].__setitem__("countries", ["Denmark"]), "optional.countries[0]", "ISO 3166-1"),
])
def test_malformed_gold_names_the_file_and_the_field(tmp_path, mutate, field, words):
    gold = copy.deepcopy(GOLD)
    mutate(gold)
    path = _write_gold(tmp_path, gold)
    with pytest.raises(GoldError) as err:
        load_gold(path)
    assert err.value.code == "E600" and str(err.value).startswith(f"[E600] {path}: {field}: ") and words in str(err.value)


def test_gold_that_is_not_json_says_where(tmp_path):
    path = _write_gold(tmp_path, '{"article": "a.txt",\n "people": [}')
    with pytest.raises(GoldError, match=r"x\.json: not valid JSON \(line 2"):
        load_gold(path)


def test_optional_entities_may_be_names_or_objects():
    gold = copy.deepcopy(GOLD)
    gold["optional"]["people"] = ["Jack Straw", {"name": "Tony Blair", "aliases": ["Mr Blair"]}]
    parsed = parse_gold(gold)
    assert [e.names for e in parsed.optional.people] == [("Jack Straw",), ("Tony Blair", "Mr Blair")]
    rows = changed(people=PERFECT["people"] + [{"person": "urn:x", "name": "Mr Blair"}])
    assert score(rows, gold)["people"].fp == 0


def test_gold_folder_lists_gold_files_and_finds_the_tables_in_the_parent(tmp_path):
    sub = tmp_path / "corpus"
    sub.mkdir()
    _write_gold(tmp_path, ALIASES, "aliases.json")
    _write_gold(tmp_path, COUNTRIES, "countries.json")
    _write_gold(sub, GOLD, "b.json")
    _write_gold(sub, dict(GOLD, article="c.txt"), "a.json")
    assert [g.id for g in load_gold_dir(sub)] == ["a", "b"]
    assert [g.article for g in load_gold_dir(sub, only=["b"])] == ["a.txt"]
    assert load_names(sub).member_key("Federal Republic of Germany") == "DE"
    with pytest.raises(GoldError, match="no gold file for zz"):
        load_gold_dir(sub, only=["zz"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(GoldError, match="no gold files"):
        load_gold_dir(tmp_path / "empty")
    _write_gold(tmp_path, {"DE": "Germany"}, "countries.json")
    with pytest.raises(GoldError, match="countries.json: DE: expected a list of names"):
        load_names(sub)


def test_the_shared_gold_copies_load():
    golds = load_gold_dir(GOLD_DIR)
    assert [g.article for g in golds] == sorted(p.name for p in ARTICLES.glob("*.txt"))
    assert all(g.facts.people and g.facts.titles for g in golds)


# -- the whole evaluation on the sample articles ----------------------------------------------


@pytest.fixture(scope="module")
def evaluated() -> Evaluation:
    return evaluate(GOLD_DIR, ARTICLES)


def _build_with_cli(paths, store: Path) -> None:
    p = run_kg("build", *map(str, paths), "--store", str(store))
    assert p.returncode == 0, p.stderr


def _rows_as_json(store_dir: Path) -> dict:
    """The rows of the named queries through the W3C JSON results the CLI prints (as the reference scorer reads them)."""
    from kg.evaluate import QUERIES
    from kg.query import format_result, resolve_query, run_query
    from kg.store import Store

    rows = {}
    with Store.open(store_dir, read_only=True) as store:
        for name in QUERIES:
            data = json.loads(format_result(run_query(store, resolve_query(name)[1]), "json"))
            rows[name] = [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]
        assert rows == read_predictions(store)
    return rows


def test_in_process_evaluation_equals_scoring_the_cli_built_graphs(evaluated, tmp_path, sample_store):
    golds, table = load_gold_dir(GOLD_DIR), load_names(GOLD_DIR)
    for gold, result in zip(golds, evaluated.articles):
        store = tmp_path / gold.id
        _build_with_cli([ARTICLES / gold.article], store)
        expected = score_article(gold, _rows_as_json(store), table)
        assert result.id == gold.id and result.error is None
        for fact_type in FACT_TYPES:
            got, want = result.tallies[fact_type], expected[fact_type]
            assert (got.tp, got.fp, got.fn, got.misses, got.extras) == \
                   (want.tp, want.fp, want.fn, want.misses, want.extras), (gold.id, fact_type)
    assert evaluated.resolution == check_resolution(golds, _rows_as_json(sample_store)["people"])


def test_the_evaluation_counts_every_gold_fact(evaluated):
    totals = evaluated.totals()
    for gold in load_gold_dir(GOLD_DIR):
        assert gold.id in {a.id for a in evaluated.articles}
    people = sum(len(g.facts.people) for g in load_gold_dir(GOLD_DIR))
    assert totals["people"].tp + totals["people"].fn == people
    assert evaluated.resolution.people == len({p.name for g in load_gold_dir(GOLD_DIR) for p in g.facts.people})
    overall = evaluated.overall()
    assert overall.tp == sum(t.tp for t in totals.values()) and 0.0 <= overall.f1 <= 1.0


@needs_score_py
def test_numbers_agree_with_the_reference_scorer(evaluated, tmp_path):
    out = tmp_path / "score.json"
    kg_cmd = f"{sys.executable} -m kg"
    p = subprocess.run([sys.executable, str(SCORE_PY), "--articles", str(ARTICLES), "--gold", str(GOLD_DIR),
                        "--kg", kg_cmd, "--json", str(out)], capture_output=True, text=True, timeout=900, cwd=REPO)
    assert p.returncode == 0, p.stderr
    reference, ours = json.loads(out.read_text()), evaluated.to_json()
    for article, types in reference["articles"].items():
        for fact_type, want in types.items():
            got = ours["articles"][article][fact_type]
            assert (got["tp"], got["fp"], got["fn"]) == (want["tp"], want["fp"], want["fn"]), (article, fact_type)
    assert ours["types"] == reference["types"]
    assert ours["resolution"] == reference["resolution"]
    assert ours["org_resolution"] == reference["org_resolution"]
    assert ours["title_status"] == reference["title_status"]
    printed = format_evaluation(evaluated).splitlines()
    for prefix in ("resolution: ", "org resolution: ", "title status: "):
        assert [ln for ln in p.stdout.splitlines() if ln.startswith(prefix)] == \
               [ln for ln in printed if ln.startswith(prefix)], prefix
    assert {k: v for k, v in ours["overall"].items() if k != "build_seconds"} == \
           {k: v for k, v in reference["overall"].items() if k != "build_seconds"}
    assert p.stdout.splitlines()[-1] == format_evaluation(evaluated).splitlines()[-1]


def _reference_module():
    spec = importlib.util.spec_from_file_location("reference_score", SCORE_PY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    table = copy.deepcopy(ALIASES)
    for code, country_names in COUNTRIES.items():
        table.setdefault(country_names[0], country_names[1:])
        module.table_iso[country_names[0]] = code
    return module, table


_PEOPLE = ["Gerhard Schroeder", "Gerhard Schröder", "Schroder", "Mr Schröder", "Cecilia Malmstrom", "Malmström",
           "Jack Straw", "Reuters", ""]
_ORGS = ["EU", "the European Union", "E.U.", "Global Alliance", "The Alliance", "Interpol", "Reuters", "Germany"]
_ROLES = ["Chancellor", "German Chancellor", "Vice Chancellor", "Commissioner", "Home Affairs Commissioner",
          "Commissioner for Home Affairs", "Foreign Minister", "Minister", ""]
_PLACES = ["Copenhagen", "copenhagen", "Denmark", "Kent", ""]
_DATES = ["2012-06-21", "2012-06", "2012-07-01", "2012", ""]
_ALIASES = ["", "", "Schröder | EU", "Interpol|  Malmström ", " | "]
_ISO = ["DE", "de", "SE", "DK", "FR", "IT", ""]
_QUALIFIERS = ["former", "acting", "interim", "Ex-", "designate", "then", ""]


def _row(draw_dict):
    return {k: v for k, v in draw_dict.items() if v}


_rows = st.fixed_dictionaries({
    "people": st.lists(st.builds(lambda i, n, a: _row({"person": f"urn:p{i}", "name": n, "aliases": a}),
                                 st.integers(0, 4), st.sampled_from(_PEOPLE), st.sampled_from(_ALIASES)), max_size=6),
    "organizations": st.lists(st.builds(lambda i, n, a: _row({"organization": f"urn:o{i}", "name": n, "aliases": a}),
                                        st.integers(0, 4), st.sampled_from(_ORGS), st.sampled_from(_ALIASES)),
                              max_size=6),
    "countries": st.lists(st.builds(lambda c: _row({"country": "urn:c", "iso": c}), st.sampled_from(_ISO)),
                          max_size=4),
    "roles": st.lists(st.builds(lambda n, r, o, q: _row({"person": "urn:p", "name": n, "role": r,
                                                         "organizationName": o, "qualifier": q}),
                                st.sampled_from(_PEOPLE), st.sampled_from(_ROLES),
                                st.sampled_from(_ORGS + ["Federal Republic of Germany", ""]),
                                st.sampled_from(_QUALIFIERS)), max_size=5),
    "memberships": st.lists(st.builds(lambda m, i, o: _row({"memberName": m, "memberIso": i, "organizationName": o}),
                                      st.sampled_from(_ORGS + ["France", "Sweden", ""]), st.sampled_from(_ISO),
                                      st.sampled_from(_ORGS + [""])), max_size=5),
    "meetings": st.lists(st.builds(lambda d, p, w: _row({"date": d, "placeName": p, "participantName": w}),
                                   st.sampled_from(_DATES), st.sampled_from(_PLACES), st.sampled_from(_PEOPLE)),
                         max_size=5),
})


@needs_score_py
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=_rows)
def test_matching_rules_agree_with_the_reference_scorer(rows):
    reference, table = _reference_module()
    gold = copy.deepcopy(GOLD)
    gold["titles"][0]["role"] = "Federal Chancellor"      # a two-word role: partial overlaps are told apart
    gold["optional"]["meetings"] = [{"date": "2012", "place": "Kent", "participants": ["Jack Straw"]},
                                    {"date": "2012", "place": "Copenhagen", "participants": ["Gerhard Schröder"]}]
    gold["titles"][1]["status"] = "acting"
    gold["titles"].append({"person": "Gerhard Schröder", "role": "Chancellor", "status": "former"})
    for key in reference.STATUS:
        reference.STATUS[key] = 0
    want = reference.score_article(gold, rows, table)
    got = score_article(parse_gold(gold), rows, names())
    for fact_type in FACT_TYPES:
        assert (got[fact_type].tp, got[fact_type].fp, got[fact_type].fn) == \
               (want[fact_type].tp, want[fact_type].fp, want[fact_type].fn), fact_type
    assert dataclasses.asdict(score_title_status(parse_gold(gold), rows["roles"])) == reference.STATUS


# -- the command ------------------------------------------------------------------------------


def test_kg_eval_prints_the_table_and_writes_json(tmp_path, evaluated):
    out = tmp_path / "result.json"
    p = run_kg("eval", "--gold", str(GOLD_DIR), "--articles", str(ARTICLES), "-v", "--json", str(out))
    assert p.returncode == 0, p.stderr
    assert p.stdout == format_evaluation(evaluated, verbose=True)
    lines = p.stdout.splitlines()
    assert lines[-1].startswith("overall: P=") and " R=" in lines[-1] and " F1=" in lines[-1]
    assert [ln.split()[0] for ln in lines[:2]] == [a.id for a in evaluated.articles]
    assert any(ln.startswith("resolution: ") for ln in lines)
    assert "[1/3]" in p.stderr and "Traceback" not in p.stderr
    data = json.loads(out.read_text())
    assert data["types"] == evaluated.to_json()["types"]


def test_without_verbose_the_report_leaves_out_the_articles(evaluated):
    text = format_evaluation(evaluated)
    assert not any(a.id in text for a in evaluated.articles)
    lines = text.splitlines()
    assert lines[0].startswith("resolution: ") and lines[1].startswith("org resolution: ")
    assert [ln.split()[0] for ln in lines[2:-4]] == list(FACT_TYPES)
    assert [ln.split()[:2] for ln in lines[-4:-2]] == [["title", "since"], ["title", "until"]]
    assert lines[-2].startswith("title status: ") and lines[-1].startswith("overall: ")


def test_a_missing_article_scores_nothing_and_the_rest_is_still_scored(tmp_path):
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    sample = sorted(GOLD_DIR.glob("002_*.json"))[0]
    (gold_dir / sample.name).write_text(sample.read_text(encoding="utf-8"), encoding="utf-8")
    _write_gold(gold_dir, GOLD, "zz_missing.json")
    warnings = []
    result = evaluate(gold_dir, ARTICLES, warn=warnings.append)
    missing = result.articles[1]
    assert missing.id == "zz_missing" and "no article" in missing.error and warnings == [f"zz_missing: {missing.error}"]
    assert all(t.tp == 0 and t.fn == len(getattr(parse_gold(GOLD).facts, name))
               for name, t in missing.tallies.items() if name not in ("meetings",))
    assert result.articles[0].error is None and result.articles[0].tallies["people"].tp > 0
    assert result.resolution.people == 3 and "Gerhard Schröder" in result.resolution.missing


def test_kg_eval_with_no_gold_article_present_exits_1(tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "only.json").write_text(json.dumps({"article": "missing.txt", "people": [], "organizations": [],
                                                "countries": []}))
    articles = tmp_path / "articles"
    articles.mkdir()
    p = run_kg("eval", "--gold", str(gold), "--articles", str(articles))
    assert p.returncode == 1 and "none of the 1 gold articles" in p.stderr


@pytest.mark.parametrize("args, words", [
    (["--gold", "nope", "--articles", str(ARTICLES)], "no gold folder"),
    (["--gold", str(GOLD_DIR), "--articles", "nope"], "no articles folder"),
    (["--gold", str(GOLD_DIR), "--articles", str(ARTICLES), "--only", "zz"], "no gold file for zz"),
])
def test_kg_eval_user_errors_exit_1(args, words, tmp_path):
    p = run_kg("eval", *args, cwd=tmp_path)
    assert p.returncode == 1 and words in p.stderr and "Traceback" not in p.stderr


def test_kg_eval_malformed_gold_exits_1_naming_file_and_field(tmp_path):
    gold = copy.deepcopy(GOLD)
    gold["titles"][0]["role"] = 5
    path = _write_gold(tmp_path, gold, "bad.json")
    p = run_kg("eval", "--gold", str(tmp_path), "--articles", str(ARTICLES))
    assert p.returncode == 1
    assert f"kg: error: [E600] {path}: titles[0].role: expected a non-empty string" in p.stderr


def test_kg_eval_usage_errors_exit_2():
    assert run_kg("eval", "--articles", str(ARTICLES)).returncode == 2
