"""The soft score as a CP-SAT objective: its amounts equal the solver's on generated weeks."""

from __future__ import annotations

import math
import random
from pathlib import Path

import pytest
from ortools.sat.python import cp_model

from planner.api import load_inputs
from planner.load import over_shares, ratio_amount
from planner.requirements import LoadRatio, LoadShare
from planner.solver import Settings, compile_rules
from planner.solver.build import build_model
from planner.solver.exact.days import build_week
from planner.solver.exact.objective import RESOLUTION, soft_objective
from planner.solver.load import week_load
from planner.solver.requirement_types import LOAD_SCALE
from planner.solver.score import TENTHS
from planner.solver.search import slot_groups
from planner.solver.walks import credit, plan_walks

PROFILES = Path(__file__).parents[3] / "examples" / "profiles"


def _model(name: str):
    given = load_inputs(PROFILES / f"{name}.yaml")
    compiled = compile_rules(given.rules, given.catalog, given.profile)
    return build_model(credit(compiled, plan_walks(compiled)), Settings())


def _random_week(groups, rng: random.Random) -> dict[str, list[str]]:
    week: dict[str, list[str]] = {}
    for g in groups:
        week.setdefault(g.day, []).extend(rng.sample(list(g.members), rng.randint(g.required, g.total)))
    return week


def _solver_units(req, model, week) -> list[int]:
    """The solver's amount of a load rule on ``week``, per part, in objective units (rounded down)."""
    load = week_load(model, week, req.ids)
    if isinstance(req, LoadShare):
        return [math.floor(RESOLUTION * (s - req.max_share) + 1e-9) for _, s in over_shares(load, req.groups, req.max_share)]
    return [math.floor(RESOLUTION * ratio_amount(load, req.numerator, req.denominator, req.max_ratio) + 1e-9)]


@pytest.mark.parametrize("name", ["two_days_a_week", "child"])
def test_load_amounts_equal_the_solvers_on_generated_weeks(name):
    model = _model(name)
    loads = [(n, r) for n, r in enumerate(model.soft) if isinstance(r, (LoadShare, LoadRatio))]
    assert loads
    groups = slot_groups(model, random.Random("0:0"))
    rng = random.Random(7)
    missed = 0
    for _ in range(12):
        week = _random_week(groups, rng)
        w = build_week(model.days, groups, [])
        objective = soft_objective(w, model)
        on = {(d, e) for d, xs in week.items() for e in xs}
        for key, lit in w.x.items():
            w.model.Add(lit == (key in on))
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        assert solver.Solve(w.model) == cp_model.OPTIMAL
        for _, req in loads:
            rule = req.origin.rule_id
            per_unit = req.origin.weight * LOAD_SCALE * TENTHS
            ours = sum(coef * solver.Value(var) for r, coef, var in objective.terms if r == rule) // per_unit
            theirs = _solver_units(req, model, week)
            assert ours == sum(theirs), (rule, week)
            missed += ours > 0
    assert missed  # some generated weeks do miss a load rule: the comparison is not all zeros
