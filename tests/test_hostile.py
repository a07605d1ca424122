"""Hostile input is inert: no eval/exec/compile, no string constraints, no paths from YAML."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from planner.errors import InputError
from planner.loading.yamlio import load_yaml_text
from planner.profile import profile_from_document

PACKAGE = Path(__file__).resolve().parent.parent / "planner"


def calls(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            yield node


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.name)
def test_no_dynamic_code(path: Path):
    tree = ast.parse(path.read_text())
    for call in calls(tree):
        if isinstance(call.func, ast.Name):
            assert call.func.id not in {"eval", "exec", "compile", "__import__"}, (
                f"{path.name}:{call.lineno} calls {call.func.id}"
            )
        if isinstance(call.func, ast.Attribute) and call.func.attr == "addConstraint":
            first = call.args[0]
            assert not (isinstance(first, ast.Constant) and isinstance(first.value, str)), (
                f"{path.name}:{call.lineno}: string constraints are compiled with eval; use objects"
            )
        if isinstance(call.func, ast.Attribute) and call.func.attr == "load" and getattr(call.func.value, "id", "") == "yaml":
            raise AssertionError(f"{path.name}:{call.lineno}: only safe loading is allowed")


def _importers(library: str) -> list[str]:
    return sorted(
        p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py")
        if any(
            (isinstance(n, ast.Import) and any(a.name.split(".")[0] == library for a in n.names))
            or (isinstance(n, ast.ImportFrom) and (n.module or "").split(".")[0] == library and not n.level)
            for n in ast.walk(ast.parse(p.read_text()))
        )
    )


def test_only_the_solver_backend_imports_the_constraint_library():
    importers = _importers("constraint")
    assert importers, "the python-constraint2 backend should import the library"
    assert all(name.startswith("solver/csp/") for name in importers), importers


def test_only_the_exact_backend_imports_ortools():
    importers = _importers("ortools")
    assert importers and all(name.startswith("solver/exact/") for name in importers), importers


def test_paths_in_yaml_are_just_unknown_words(catalog):
    doc = load_yaml_text("days: [mon]\nexclude: [../../etc/passwd]\n", "p.yaml")
    with pytest.raises(InputError) as info:
        profile_from_document(doc, catalog)
    assert str(info.value) == 'p.yaml:2:11: unknown exercise "../../etc/passwd"'
