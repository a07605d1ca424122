"""The committed JSON Schemas match the models, and every shipped file validates against them."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from planner import schemas
from planner.api import plan_week
from planner.render import render
from tests.conftest import EXAMPLES, ROOT, make_profile

SCHEMAS = ROOT / "schemas"


def committed(name: str) -> dict:
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text())


@pytest.mark.parametrize("name", schemas.SCHEMA_FILES)
def test_committed_schema_is_current(name, catalog):
    expected = schemas.render(schemas.generate(catalog)[name])
    assert (SCHEMAS / f"{name}.schema.json").read_text() == expected, "run: python -m planner.schemas"


@pytest.mark.parametrize("name", schemas.SCHEMA_FILES)
def test_schema_is_draft_07(name):
    schema = committed(name)
    jsonschema.Draft7Validator.check_schema(schema)
    assert "$defs" not in json.dumps(schema)


@pytest.mark.parametrize(
    ("schema", "pattern"),
    [("rules", "rules/*.yaml"), ("catalog", "catalog/ex_*.yaml"), ("profile", "examples/profiles/*.yaml")],
)
def test_shipped_files_validate_and_are_bound(schema, pattern):
    files = sorted(ROOT.glob(pattern))
    assert files
    for path in files:
        text = path.read_text()
        assert text.startswith("# yaml-language-server: $schema="), path
        jsonschema.validate(yaml.safe_load(text), committed(schema))


def test_plan_json_validates(rules, catalog):
    profile = make_profile(catalog)
    plan = plan_week(profile, rules=rules, catalog=catalog, seed=3)
    jsonschema.validate(json.loads(render(plan, "json")), committed("plan"))


def test_schema_rejects_a_misspelt_word():
    bad = {"rules": [{"id": "x", "kind": "forbid", "description": "d", "source": ["s"], "select": {"kind": "strenght"}}]}
    with pytest.raises(jsonschema.ValidationError, match="'strenght' is not one of"):
        jsonschema.validate(bad, committed("rules"))


def test_examples_cover_the_issue_list():
    names = {p.stem for p in EXAMPLES}
    assert {"hypertension_home_dumbbells", "child", "gym_goer", "two_days_a_week"} <= names
    assert Path(ROOT / "planner" / "default_profile.yaml").is_file()
