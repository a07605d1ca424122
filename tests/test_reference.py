"""Generated reference: committed docs are current, every example in them is valid."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner import reference
from planner.kinds import REGISTRY
from planner.loading.yamlio import load_yaml_text
from planner.models import Selector
from planner.rules import default_rule_files, load_rule_file, load_rules
from planner.selectors import EXAMPLES, KEYS, select
from tests.conftest import ROOT


def test_rules_md_is_current():
    assert (ROOT / "docs" / "rules.md").read_text() == reference.rules_markdown(), "run: python -m planner.reference"


def test_catalog_md_is_current(catalog):
    assert (ROOT / "docs" / "catalog.md").read_text() == reference.catalog_markdown(catalog)


def test_rules_md_documents_every_kind_and_selector_key():
    text = (ROOT / "docs" / "rules.md").read_text()
    for name in REGISTRY:
        assert f"### `{name}`" in text
    for key in KEYS:
        assert f"| `{key}` |" in text
    assert set(KEYS) == {f.alias or n for n, f in Selector.model_fields.items()}


@pytest.mark.parametrize(("text", "selector"), EXAMPLES)
def test_selector_examples_select_something(text, selector, catalog):
    doc = load_yaml_text(selector, "example")
    assert select(Selector.model_validate(doc.data), catalog), text


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_template_is_a_valid_rule_file(name, catalog, tmp_path: Path):
    path = tmp_path / "new.yaml"
    text = reference.template(REGISTRY[name])
    path.write_text(text)
    assert [r.header.kind for r in load_rule_file(path, catalog)] == [name]
    # it sits beside the shipped rules as it is (no id clash), and its editor header names a schema that exists
    assert load_rules([*default_rule_files(), path], catalog)
    header = text.splitlines()[0]
    assert header.startswith("# yaml-language-server: $schema=file://")
    assert Path(header.split("file://", 1)[1]).is_file()
