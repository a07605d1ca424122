"""Infeasibility proven with the exact backend: three contradictory rule files
(``conflicts.yaml``), each conflict named, proven, and checked minimal here: without any one of
its rules the rest of the set admits a week (as the conflict search asks it: only the
requirements of those rules, structure rules soft). (How fast: benchmarks/exact.py, not a timed test.)"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from planner.errors import InfeasibleError
from planner.rules import load_rule_file
from planner.solver import Settings, compile_rules, solve
from planner.solver.build import build_model
from planner.solver.exact import ExactBackend
from planner.solver.giveway import relax_structure
from planner.solver.search import Outcome, find_week
from planner.solver.walks import credit, plan_walks
from tests.conftest import make_profile

CASES = yaml.safe_load((Path(__file__).parent / "conflicts.yaml").read_text())
EXACT = Settings(backend="exact")


def _inputs(case, catalog, rules, tmp_path):
    path = tmp_path / "contradictory.yaml"
    path.write_text(yaml.safe_dump({"rules": case["rules"]}, sort_keys=False))
    return [*rules, *load_rule_file(path, catalog)], make_profile(catalog, **case["profile"])


def _as_the_conflict_search_sees(compiled):
    """The rules a conflict is sought among: walks planned, structure rules soft (they give way)."""
    return relax_structure(credit(compiled, plan_walks(compiled)))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_the_conflict_is_proven_and_minimal(case, catalog, rules, tmp_path):
    every, profile = _inputs(case, catalog, rules, tmp_path)
    with pytest.raises(InfeasibleError) as info:
        solve(every, catalog, profile, settings=EXACT)
    assert list(info.value.rule_ids) == case["conflict"]
    assert info.value.proven
    assert "may not be minimal" not in str(info.value)
    whole = _as_the_conflict_search_sees(compile_rules(every, catalog, profile))
    for rule_id in case["conflict"]:  # each rule is needed: the rest of the set admits a week
        rest = set(case["conflict"]) - {rule_id}
        sub = replace(whole, requirements=[r for r in whole.requirements if r.origin.rule_id in rest])
        found = find_week(ExactBackend(), sub, build_model(sub, EXACT), 0, [200_000])
        assert found.outcome is Outcome.FOUND, rule_id


def test_a_check_that_runs_out_of_time_says_not_proven_minimal(catalog, rules, tmp_path):
    """With budgets too small for CP-SAT to decide anything, the set named is not claimed minimal."""
    every, profile = _inputs(CASES[0], catalog, rules, tmp_path)
    tiny = Settings(backend="exact", first_budget=1, max_budget=1, total_budget=2, trial_budget=2,
                    conflict_budget=20)
    with pytest.raises(InfeasibleError) as info:
        solve(every, catalog, profile, settings=tiny)
    assert not info.value.proven
    assert "may not be minimal" in str(info.value)
