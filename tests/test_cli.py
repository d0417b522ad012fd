"""The command line: exit codes, messages, formats (kg/cli.py)."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

from conftest import ARTICLES, run_kg


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


# -- exit codes, help, shared options -------------------------------------------------------------


def test_exit_codes_are_named():
    from kg.errors import ExitCode

    assert (ExitCode.OK, ExitCode.USER_ERROR, ExitCode.USAGE, ExitCode.INTERRUPTED) == (0, 1, 2, 130)


def test_each_exit_code_is_what_the_cli_returns(sample_store, tmp_path):
    from kg.errors import ExitCode

    assert run_kg("stats", "--store", str(sample_store)).returncode == ExitCode.OK
    assert run_kg("stats", "--store", str(tmp_path / "none")).returncode == ExitCode.USER_ERROR
    assert run_kg("stats", "--no-such-option").returncode == ExitCode.USAGE
    code = ("import signal, sys\nfrom kg.cli import main\n"
            "import kg.store\n"
            "def interrupt(*a, **k):\n    raise KeyboardInterrupt\n"
            "kg.store.open_store = interrupt\n"
            f"main(['stats', '--store', {str(sample_store)!r}])\n")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert p.returncode == ExitCode.INTERRUPTED and "kg: interrupted" in p.stderr


def _commands() -> list[str]:
    from kg.cli import main

    return sorted(main.commands)


def test_every_command_has_examples_in_its_help():
    for name in _commands():
        p = run_kg(name, "--help")
        assert p.returncode == 0, name
        examples = p.stdout.split("Examples:", 1)
        assert len(examples) == 2, f"kg {name} --help has no Examples section"
        assert f"kg {name}" in examples[1], name


def test_every_store_option_reads_kg_store_from_the_environment(sample_store):
    from kg.cli import main

    for name, command in main.commands.items():
        store = [o for o in command.params if o.name == "store_dir"]
        if store:
            assert store[0].envvar == "KG_STORE" and store[0].default == "kg-store", name
    p = run_kg("stats", env={"KG_STORE": str(sample_store)})
    assert p.returncode == 0 and "articles" in p.stdout


def test_query_prints_a_table_by_default_in_a_pipe_too(sample_store):
    p = run_kg("query", "people", "--store", str(sample_store))      # stdout is a pipe here
    assert p.returncode == 0
    lines = p.stdout.splitlines()
    assert lines[0].split()[:2] == ["person", "name"] and set(lines[1]) <= {"-", " "}
    assert lines[-1].endswith("rows)")


def test_a_long_query_on_one_line_is_query_text_not_a_file_name(sample_store):
    text = ("SELECT ?name WHERE { ?person a foaf:Person ; foaf:name ?name . "
            + " ".join(f"OPTIONAL {{ ?person foaf:name ?n{i} }}" for i in range(12)) + " } ORDER BY ?name")
    assert len(text) > 255 and "\n" not in text
    p = run_kg("query", text, "--store", str(sample_store), "--format", "csv")
    assert p.returncode == 0 and "Traceback" not in p.stderr, p.stderr
    assert "Eric Holder" in p.stdout


def test_build_progress_in_a_log_is_whole_lines(tmp_path):
    p = run_kg("build", str(ARTICLES), "--store", str(tmp_path / "s"), "-j", "1")    # stderr is a pipe
    assert p.returncode == 0, p.stderr
    assert "\r" not in p.stderr
    lines = p.stderr.splitlines()
    assert lines[0] == "kg: reading 2 file(s)"
    assert [ln.split()[0] for ln in lines[1:3]] == ["[1/2]", "[2/2]"]
    assert any(ln.startswith("kg: built 2, unchanged 0, failed 0") for ln in lines[3:])
