"""Meta-tests over the kind registry: each kind is documented and its example is valid YAML rules."""

from __future__ import annotations

import re
from pathlib import Path
from types import ModuleType

import pytest

from planner.kinds import REGISTRY, SYNONYMS, registry, suggest_kind, unknown_kind
from planner.kinds.base import NoParams, no_checks
from planner.kinds.contract import Kind, KindContractError, conform
from planner.rules import load_rule_file

KINDS = sorted(REGISTRY)


def example(kind) -> str:
    doc = kind.__doc__ or ""
    match = re.search(r"Example::\n\n((?:    .*\n?|\n)+)", doc)
    assert match, f"{kind.NAME}: docstring needs an 'Example::' block"
    lines = [line[4:] for line in match.group(1).splitlines()]
    return "rules:\n" + "\n".join("  " + line if line else "" for line in lines) + "\n"


@pytest.mark.parametrize("name", KINDS)
def test_kind_is_documented(name):
    kind = REGISTRY[name]
    doc = kind.__doc__ or ""
    assert doc.startswith(f"{name}: "), "first line names the kind and says what it does"
    assert "Parameters" in doc or "No parameters" in doc
    assert isinstance(kind, Kind)
    assert kind.NAME == name == kind.__name__.rpartition(".")[2]


@pytest.mark.parametrize("name", KINDS)
def test_no_copies_of_the_shared_defaults(name):
    """A kind without parameters uses NoParams, not an empty model of its own."""
    kind = REGISTRY[name]
    assert kind.Params.model_fields or kind.Params is NoParams
    assert not hasattr(kind, "compile"), "compile is compile_rule (it shadowed the builtin)"


def _module(name: str = "fake", **parts) -> ModuleType:
    module = ModuleType(f"planner.kinds.{name}")
    defaults = {
        "NAME": name,
        "Params": NoParams,
        "validate": no_checks,
        "compile_rule": lambda rule, ctx: [],
        "check": lambda rule, week, ctx: [],
    }
    for key, value in {**defaults, **parts}.items():
        if value is not None:
            setattr(module, key, value)
    return module


def test_a_complete_module_conforms():
    module = _module(validate_set=lambda rules, catalog: None)
    assert conform(module) is module
    assert list(registry([module])) == ["fake"]


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        ({"check": None}, (
            'rule kind module planner.kinds.fake has no "check"; a kind defines NAME, Params, '
            "validate(params, catalog, doc, path), compile_rule(rule, ctx), check(rule, week, ctx)"
        )),
        ({"compile_rule": None, "compile": lambda rule, ctx: []}, 'has no "compile_rule" (rename "compile" to "compile_rule")'),
        ({"NAME": None}, 'has no "NAME"'),
        ({"NAME": 3}, '"NAME" must be a str, not 3'),
        ({"Params": dict}, "\"Params\" must be a pydantic model class, not <class 'dict'>"),
        ({"Params": NoParams()}, '"Params" must be a pydantic model class, not NoParams()'),
        ({"validate": "no"}, '"validate" must be a function validate(params, catalog, doc, path)'),
        ({"check": lambda rule, week: []}, '"check" must take 3 arguments: check(rule, week, ctx)'),
        ({"validate_set": lambda rules: None}, '"validate_set" must take 2 arguments: validate_set(rules, catalog)'),
    ],
)
def test_a_broken_module_is_named_with_what_it_lacks(parts, message):
    with pytest.raises(KindContractError) as error:
        conform(_module(**parts))
    assert message in str(error.value)


def test_a_name_registered_twice():
    with pytest.raises(KindContractError, match='rule kind "fake" is defined twice: in planner.kinds.fake and planner.kinds.other'):
        registry([_module(), _module("other", NAME="fake")])



@pytest.mark.parametrize("name", KINDS)
def test_docstring_example_validates(name, catalog, tmp_path: Path):
    path = tmp_path / f"{name}.yaml"
    path.write_text(example(REGISTRY[name]))
    rules = load_rule_file(path, catalog)
    assert [r.header.kind for r in rules] == [name]


def test_every_kind_is_used_by_a_shipped_rule_or_a_golden_case(rules):
    used = {r.header.kind for r in rules}
    golden = Path(__file__).parent.parent / "golden" / "user_rules.yaml"
    used |= set(re.findall(r"kind: (\w+)", golden.read_text()))
    assert set(KINDS) <= used


@pytest.mark.parametrize(
    ("name", "meant"),
    [
        ("never_adjacent", "not_adjacent"),  # once "did you mean sides_adjacent", an unrelated kind
        ("no_two_in_a_row", "not_adjacent"),
        ("not_adjacnt", "not_adjacent"),
        ("sides_adjacnt", "sides_adjacent"),
        ("ends_with", "last_in_session"),
        ("weekly_time_cap", "weekly_minutes"),
        ("max_weekly_minutes", "weekly_minutes"),
        ("starts_with", "first_in_session"),
        ("ban", "forbid"),
        ("frobid", "forbid"),
    ],
)
def test_kind_suggestions_are_close_in_meaning(name, meant):
    assert suggest_kind(name) == meant
    assert unknown_kind(name) == f'unknown rule kind "{name}" (did you mean "{meant}"?)'


def test_kind_synonyms_name_registered_kinds():
    assert set(SYNONYMS.values()) <= set(REGISTRY)
    assert suggest_kind("plank") is None
