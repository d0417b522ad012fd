"""The command line: exit codes, messages, formats (kg/cli.py)."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

from conftest import run_kg


def test_help_teaches_the_commands():
    p = run_kg("--help")
    assert p.returncode == 0
    for cmd in ("build", "query", "view", "export", "validate", "stats"):
        assert cmd in p.stdout


def test_usage_errors_exit_2():
    assert run_kg("build").returncode == 2
    assert run_kg("export", "--format", "bogus").returncode == 2
    assert run_kg("nosuchcommand").returncode == 2


def test_missing_input_is_a_user_error(tmp_path):
    p = run_kg("build", str(tmp_path / "nope"), "--store", str(tmp_path / "s"))
    assert p.returncode == 1
    assert "nope" in p.stderr and "Traceback" not in p.stderr


def test_query_on_missing_store_says_what_to_do(tmp_path):
    p = run_kg("query", "people", "--store", str(tmp_path / "none"))
    assert p.returncode == 1
    assert "kg build" in p.stderr and "Traceback" not in p.stderr


def test_unknown_query_name_lists_the_named_queries(sample_store):
    p = run_kg("query", "peple", "--store", str(sample_store))
    assert p.returncode == 1 and "people" in p.stderr


def test_updates_are_refused(sample_store):
    p = run_kg("query", "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "--store", str(sample_store))
    assert p.returncode == 1 and "read-only" in p.stderr


def test_formats(sample_store):
    js = json.loads(run_kg("query", "countries", "--store", str(sample_store), "--format", "json").stdout)
    assert js["head"]["vars"][:3] == ["country", "name", "iso"]
    out = run_kg("query", "countries", "--store", str(sample_store), "--format", "csv").stdout
    table = list(csv.reader(io.StringIO(out)))
    assert table[0][:3] == ["country", "name", "iso"] and len(table) == len(js["results"]["bindings"]) + 1
    tsv = run_kg("query", "countries", "--store", str(sample_store), "--format", "tsv").stdout
    assert tsv.splitlines()[0].split("\t")[:3] == ["?country", "?name", "?iso"]
    table = run_kg("query", "people", "--store", str(sample_store), "--format", "table").stdout
    assert "Eric Holder" in table


def test_param_prebinds_a_variable(sample_store):
    p = run_kg("query", "roles", "--store", str(sample_store), "--format", "json", "--param", "name=Eric Holder")
    assert p.returncode == 0, p.stderr
    names = {b["name"]["value"] for b in json.loads(p.stdout)["results"]["bindings"]}
    assert names == {"Eric Holder"}


def test_export_formats_parse_with_rdflib(sample_store, tmp_path):
    from rdflib import Dataset

    counts = {}
    for fmt, rdflib_fmt in (("turtle", "turtle"), ("nt", "nt"), ("nq", "nquads"), ("trig", "trig"), ("jsonld", "json-ld")):
        out = tmp_path / f"g.{fmt}"
        p = run_kg("export", "--store", str(sample_store), "--format", fmt, "--out", str(out))
        assert p.returncode == 0, p.stderr
        ds = Dataset()
        ds.parse(out, format=rdflib_fmt)
        counts[fmt] = len(set(ds.triples((None, None, None)))) if fmt in ("turtle", "nt") else sum(1 for _ in ds.quads())
    assert counts["turtle"] == counts["nt"] > 0


def test_view_is_offline_html(sample_store, tmp_path):
    out = tmp_path / "v.html"
    p = run_kg("view", "--store", str(sample_store), "--out", str(out))
    assert p.returncode == 0, p.stderr
    html = out.read_text()
    assert "Eric Holder" in html
    assert "http://" not in html and "https://" not in html


def test_view_focus_with_unknown_name_lists_near_matches(sample_store, tmp_path):
    p = run_kg("view", "--store", str(sample_store), "--focus", "Eric Holdr", "--out", str(tmp_path / "f.html"))
    assert p.returncode == 1 and "Eric Holder" in p.stderr


def test_stats(sample_store):
    p = run_kg("stats", "--store", str(sample_store))
    assert p.returncode == 0 and "articles" in p.stdout


def test_query_does_not_load_spacy():
    code = "import sys, kg.cli, kg.query, kg.store; assert 'spacy' not in sys.modules, 'spacy imported'"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
