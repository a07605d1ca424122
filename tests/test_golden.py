"""Golden cases (tests/golden/*.yaml): user rules written as YAML alone are obeyed by the plan."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from planner.api import plan_week
from planner.checker import check_plan
from planner.rules import load_rule_file
from tests.conftest import make_profile, plan_and_check

GOLDEN = Path(__file__).parent / "golden"
CASES = [case for path in sorted(GOLDEN.glob("*.yaml")) for case in yaml.safe_load(path.read_text())["cases"]]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_user_rule_as_yaml(case, rules, catalog, tmp_path: Path):
    rule_file = tmp_path / "user.yaml"
    rule_file.write_text(yaml.safe_dump({"rules": case["rules"]}, sort_keys=False))
    extra = load_rule_file(rule_file, catalog)
    profile = make_profile(catalog, **case.get("profile", {}))
    broken_without = 0
    for seed in case["seeds"]:
        plan = plan_and_check([*rules, *extra], catalog, profile, seed)
        own = [v for v in check_plan(plan, extra, catalog, profile) if v.hard]
        assert own == []
        baseline = plan_week(profile, rules=rules, catalog=catalog, seed=seed)
        broken_without += bool([v for v in check_plan(baseline, extra, catalog, profile) if v.hard])
    if case.get("baseline_breaks"):
        assert broken_without > 0, "the rule never changed the week; pick a profile where it matters"
