"""Meta-tests over the kind registry: each kind is documented and its example is valid YAML rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planner.kinds import REGISTRY
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
    for attr in ("Params", "validate", "compile", "check"):
        assert hasattr(kind, attr), attr


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
