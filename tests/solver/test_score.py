"""The solver's soft score is the kinds' own measure of a miss.

For planned weeks of every example profile (and the default one), with the shipped rules and
with a soft rule of every kind added, the amount the solver counts per soft rule equals the sum
of ``Violation.amount`` the rule's kind reports through the independent checker, and the plan's
penalty is those amounts times each rule's weight and its type's scale.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import pytest

from planner.api import to_plan
from planner.checker import check_plan
from planner.profile import load_profile
from planner.requirements import Walk
from planner.rules import load_rule_file
from planner.solver import Settings, compile_rules, solve
from planner.solver.build import build_model
from planner.solver.requirement_types import treatment
from planner.solver.score import TENTHS, soft_amounts
from planner.solver.walks import credit, plan_walks
from tests.solver.test_golden_plans import PROFILES

SOFT_EVERY_KIND = Path(__file__).parent / "data" / "soft_every_kind.yaml"
CASES = [(name, seed, every) for name in PROFILES for seed in (0, 1) for every in (False, True)]


def _amounts_and_penalty(rules, catalog, profile, seed):
    solution = solve(rules, catalog, profile, seed=seed)
    compiled = compile_rules(rules, catalog, profile)
    walks = plan_walks(compiled)  # planned first, then credited to the weekly rules, as the solver does
    credited = credit(compiled, walks)
    walk_rules = [r for r in compiled.requirements if isinstance(r, Walk)]
    model = build_model(replace(credited, requirements=[*credited.requirements, *walk_rules]), Settings())
    per_day = {d: list(dict.fromkeys(i.exercise for i in solution.days[d])) for d in model.days}
    plan = to_plan(solution, catalog, profile, seed)
    checked: dict[str, float] = defaultdict(float)
    stated = {g.rule_id for g in solution.gave_way}  # reported apart from the penalty, as warnings
    for v in check_plan(plan, rules, catalog, profile):
        if not v.hard and v.rule_id not in stated:
            checked[v.rule_id] += v.amount
    scale = {r.origin.rule_id: treatment(r).scale for r in compiled.soft()}
    weight = {r.origin.rule_id: r.origin.weight for r in compiled.soft()}
    return solution, soft_amounts(model, per_day, walks.ids()), dict(checked), scale, weight


@pytest.mark.parametrize(("name", "seed", "every"), CASES,
                         ids=[f"{n}-{s}{'-every-kind' if e else ''}" for n, s, e in CASES])
def test_the_solver_scores_a_soft_rule_as_its_kind_measures_it(name, seed, every, rules, catalog):
    extra = load_rule_file(SOFT_EVERY_KIND, catalog) if every else []
    profile = load_profile(PROFILES[name], catalog)
    solution, solver, checker, scale, weight = _amounts_and_penalty([*rules, *extra], catalog, profile, seed)
    assert solver.keys() == checker.keys()
    for rule_id, amount in checker.items():
        assert solver[rule_id] == pytest.approx(amount, abs=1e-9), rule_id
    assert solution.soft_misses == sorted(checker)
    expected = sum(amount * scale[r] * weight[r] for r, amount in checker.items())
    assert solution.penalty == round(expected * TENTHS)


@pytest.mark.parametrize(("name", "seed"), [(n, 0) for n in PROFILES])
def test_the_order_free_floor_ignores_the_order_and_never_exceeds_the_penalty(name, seed, rules, catalog):
    """The neighbourhood search rejects a week by :func:`order_free_floor` before ordering it:
    the floor must be the same for every order of the sessions and at most the penalty."""
    import random

    from planner.solver.score import order_free_floor, soft_penalty

    extra = load_rule_file(SOFT_EVERY_KIND, catalog)
    profile = load_profile(PROFILES[name], catalog)
    solution = solve([*rules, *extra], catalog, profile, seed=seed)
    model = build_model(compile_rules([*rules, *extra], catalog, profile), Settings())
    per_day = {d: list(dict.fromkeys(i.exercise for i in solution.days[d])) for d in model.days}
    floor = order_free_floor(model, per_day)
    assert floor <= soft_penalty(model, per_day)[0] + 0.5
    rng = random.Random(seed)
    for _ in range(5):
        shuffled = {d: rng.sample(xs, len(xs)) for d, xs in per_day.items()}
        assert order_free_floor(model, shuffled) == pytest.approx(floor, abs=1e-9)
        assert floor <= soft_penalty(model, shuffled)[0] + 0.5


def test_the_types_whose_miss_reads_the_order_are_not_order_free():
    from planner.requirements import SessionTime
    from planner.solver.requirement_types import TREATMENTS

    for kind, t in TREATMENTS.items():
        if t.orders or kind is SessionTime:  # order rules, and a session's time in its order
            assert not t.order_free, kind.__name__
    assert {k.__name__ for k, t in TREATMENTS.items() if t.order_free} == {
        "Exclude", "Count", "Apart", "DoseLimit", "WeekTime", "LoadShare", "LoadRatio", "Stop", "Walk"}
