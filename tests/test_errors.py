"""kg/errors.py: the catalogue of messages (codes unique, every field fillable, every code used) and
the exit codes; errors reach the user with their code."""
from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from conftest import run_kg
from kg.errors import Errors, ExitCode, KgError, QueryError, StoreError

KG = Path(__file__).resolve().parent.parent / "kg"
CODES = sorted(k for k in vars(Errors) if re.fullmatch(r"E\d{3}", k))


def _fields(code: str) -> set[str]:
    raw = type.__getattribute__(Errors, code)          # the template, without the code
    return {name for _text, name, _spec, _conv in string.Formatter().parse(raw) if name}


def test_codes_are_well_formed_and_messages_distinct():
    raw = [type.__getattribute__(Errors, c) for c in CODES]
    assert len(CODES) > 100 and len(set(raw)) == len(raw)


@pytest.mark.parametrize("code", CODES)
def test_each_message_formats_and_starts_with_its_code(code):
    values = {name: 7 for name in _fields(code)}
    text = getattr(Errors, code).format(**values)
    assert text.startswith(f"[{code}] ") and "{" not in text.replace("{{", "")


def test_every_code_is_raised_somewhere_in_kg():
    source = "\n".join(p.read_text(encoding="utf-8") for p in KG.rglob("*.py") if p.name != "errors.py")
    unused = [c for c in CODES if f"Errors.{c}" not in source]
    assert not unused, f"codes no module raises: {unused}"


def test_an_error_knows_its_code():
    assert StoreError(Errors.E104.format(path="x")).code == "E104"
    assert KgError("no code").code is None


def test_the_cli_prints_the_code_and_exits_with_the_user_error_status(tmp_path):
    p = run_kg("stats", "--store", str(tmp_path / "none"))
    assert p.returncode == ExitCode.USER_ERROR
    assert p.stderr.startswith("kg: error: [E104] no store at")


def test_library_errors_carry_codes(tmp_path):
    from kg.query import resolve_query
    from kg.store import open_store

    with pytest.raises(StoreError) as err:
        open_store(tmp_path / "none", read_only=True)
    assert err.value.code == "E104"
    with pytest.raises(QueryError) as err:
        resolve_query("peeple")
    assert err.value.code == "E203"
    with pytest.raises(QueryError) as err:
        resolve_query("   ")
    assert err.value.code == "E200"


def _user_error_classes() -> set[str]:
    import kg.distributed
    import kg.errors

    classes = {name for name, value in vars(kg.errors).items() if isinstance(value, type) and issubclass(value, KgError)}
    return classes | {"ClusterError"} if issubclass(kg.distributed.ClusterError, KgError) else classes


def test_every_user_error_takes_its_message_from_the_catalogue():
    """`raise StoreError(Errors.E111.format(...))`, never a message written where it is raised; a message
    made by a helper (`_too_large(...)`) counts when the helper's own code takes it from `Errors`."""
    import ast

    classes = _user_error_classes()
    trees = {p: ast.parse(p.read_text(encoding="utf-8")) for p in KG.rglob("*.py")}
    helpers = {node.name: ast.unparse(node) for tree in trees.values() for node in ast.walk(tree)
               if isinstance(node, ast.FunctionDef)}

    def from_catalogue(arg: ast.expr) -> bool:
        text = ast.unparse(arg)
        if "Errors." in text or isinstance(arg, ast.Name):      # a message passed on (`raise X(message)`)
            return True
        if isinstance(arg, ast.Call):
            name = arg.func.attr if isinstance(arg.func, ast.Attribute) else getattr(arg.func, "id", "")
            return name == "str" or "Errors." in helpers.get(name, "")
        return False

    inline = [f"{p.relative_to(KG.parent)}:{node.lineno}: {ast.unparse(node)[:120]}"
              for p, tree in trees.items() for node in ast.walk(tree)
              if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)
              and getattr(node.exc.func, "id", None) in classes
              and not (node.exc.args and from_catalogue(node.exc.args[0]))]
    assert not inline, "messages outside kg/errors.py:\n" + "\n".join(inline)
