"""The exact backend agrees with the python-constraint2 one on whether a week exists, its weeks
pass the independent checker, and it answers where the CSP runs out of budget."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from planner.api import check_week, load_inputs, plan_week
from planner.solver import Settings, compile_rules
from planner.solver.backend import OutOfBudget
from planner.solver.build import build_model
from planner.solver.csp import CspBackend
from planner.solver.exact import ExactBackend
from planner.solver.giveway import relax_structure
from planner.solver.search import slot_groups
from planner.solver.walks import credit, plan_walks
from tests.conftest import make_profile

PROFILES = sorted((Path(__file__).parents[3] / "examples" / "profiles").glob("*.yaml"))
CLINICAL = [{"conditions": ["pregnancy"], "cleared_by_doctor": True}, {"age_group": "child"},
            {"conditions": ["hypertension"], "cleared_by_doctor": True, "days": ["mon", "wed", "fri"]}]

TIGHT_RATIO = """\
rules:
  - id: tight-extensors-vs-glutes
    kind: load_ratio
    description: Back-extensor load at most a twentieth of the glute load.
    numerator: erectors
    denominator: glutes
    max_ratio: 0.05
    source: [test case]
"""


def _answer(backend, profile, extra=(), budget=30_000, safety_only=True):
    given = load_inputs(profile, extra_rules=extra)
    compiled = compile_rules(given.rules, given.catalog, given.profile)
    if safety_only:  # structure rules relaxed, as once they give way
        compiled = relax_structure(credit(compiled, plan_walks(compiled)))
    model = build_model(compiled, Settings())
    if model.refuted:
        return None
    try:
        return backend.assign_days(model.days, slot_groups(model, random.Random("0:0")), model.constraints, budget)
    except OutOfBudget:
        return "out of budget"


def _kind(answer) -> str:
    return answer if isinstance(answer, str) else "no week" if answer is None else "a week"


@pytest.mark.parametrize("profile", PROFILES, ids=[p.stem for p in PROFILES])
def test_both_backends_agree_on_each_example_profile(profile):
    """Under the safety rules (structure rules relaxed, as once they give way): a week, or proven none."""
    exact, csp = _answer(ExactBackend(), profile), _answer(CspBackend(), profile)
    assert _kind(exact) == _kind(csp) != "out of budget"


@pytest.mark.parametrize("fields", CLINICAL, ids=["pregnancy", "child", "hypertension"])
def test_both_backends_agree_on_clinical_profiles(fields, catalog):
    profile = make_profile(catalog, **fields)
    exact, csp = _answer(ExactBackend(), profile), _answer(CspBackend(), profile)
    assert _kind(exact) == _kind(csp) != "out of budget"


@pytest.mark.parametrize("profile", [p for p in PROFILES if p.stem in ("two_days_a_week", "child")],
                         ids=lambda p: p.stem)
def test_a_plan_made_with_the_exact_backend_passes_the_checker(profile):
    plan = plan_week(profile, settings=Settings(backend="exact"))
    assert [str(v) for v in check_week(plan, profile=profile) if v.hard] == []


def test_the_exact_backend_answers_where_the_csp_runs_out_of_budget(tmp_path):
    """A tight load ratio on a two-day week, every hard rule enforced: 3,000 nodes are not enough
    for the CSP's search;
    CP-SAT finds a week within the same budget, and the plan made with it passes the checker."""
    rule_file = tmp_path / "ratio.yaml"
    rule_file.write_text(TIGHT_RATIO)
    profile = next(p for p in PROFILES if p.stem == "two_days_a_week")
    assert _answer(CspBackend(), profile, [rule_file], budget=3_000, safety_only=False) == "out of budget"
    assert isinstance(_answer(ExactBackend(), profile, [rule_file], budget=3_000, safety_only=False), dict)
    plan = plan_week(profile, extra_rules=[rule_file], settings=Settings(backend="exact"))
    assert [str(v) for v in check_week(plan, profile=profile, extra_rules=[rule_file]) if v.hard] == []
