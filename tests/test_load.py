"""The load model (planner/load.py): its measure, and that the solver, the checker, the plan's
balance section and ``rules diff`` count the same numbers on generated plans."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.authoring import _shares
from planner.checker import load_plan
from planner.kinds.balance import week_load as checker_load
from planner.kinds.base import Context, Entry, Week
from planner.load import COUNTED_BLOCKS, items_load, ratio_amount, side_loads, tension_seconds
from planner.models import Dose, Selector
from planner.profile import load_profile
from planner.solver import Settings, compile_rules
from planner.solver.build import build_model
from planner.solver.load import occurrence_load, ratio_forms, share_forms
from planner.solver.load import week_load as solver_load

GOLDEN = sorted((Path(__file__).parent / "solver" / "golden").glob("*.json"))


def test_tension_seconds_of_reps_holds_and_minutes():
    assert tension_seconds(3, 10, None, None) == 120.0  # 3 x 10 reps of 4 s
    assert tension_seconds(2, 8, 3, None) == 112.0  # reps holding 3 s each: 7 s a rep
    assert tension_seconds(2, None, 30, None) == 60.0  # two 30 s holds
    assert tension_seconds(None, None, None, 15) == 900.0
    # a 30 s hold and 8 reps of 4 s are about the same load (the point of the measure)
    assert abs(tension_seconds(1, None, 30, None) - tension_seconds(1, 8, None, None)) == 2.0


def test_an_item_loads_primary_muscles_fully_secondary_half_and_a_side_half(catalog):
    dose = Dose(sets=2, reps=10, hold_s=3)  # 140 s
    both = items_load(catalog, [("glute_bridge", "both", dose)])
    assert both["gluteus_maximus"] == 140.0 and both["glutes"] == 140.0 and both["hips"] == 140.0
    assert both["erectors"] == 70.0  # erector_spinae is secondary
    left = items_load(catalog, [("bird_dog", "left", Dose(sets=1, reps=12, hold_s=3))])
    assert left["erectors"] == 2 * 84.0 / 2  # two primary erector muscles, half for one side


def test_side_loads_count_each_side_and_bilateral_items_on_both(catalog):
    dose = Dose(sets=1, reps=12, hold_s=3)  # 84 s
    left, right = side_loads(catalog, [("bird_dog", "left", dose), ("bird_dog", "right", dose)])
    assert left == right > 0
    left, right = side_loads(catalog, [("bird_dog", "left", dose)])
    assert right == 0 and left > 0


def test_a_missed_ratio_is_a_fraction_of_the_pair():
    assert ratio_amount({"a": 140.0, "b": 70.0}, "a", "b", 1.5) == pytest.approx(35 / 210)
    assert ratio_amount({"a": 100.0, "b": 100.0}, "a", "b", 1.0) == 0.0
    assert ratio_amount({"a": 900.0}, "a", "b", 1.5) == 1.0


@pytest.fixture(scope="module")
def models(catalog, rules):
    """A solver week model per profile of the golden plans, built once."""
    return {}


def _model(models, plan, catalog, rules, profile):
    key = profile.name
    if key not in models:
        models[key] = build_model(compile_rules(rules, catalog, profile), Settings())
    model = models[key]
    doses = {i.exercise: i.dose() for d in plan.days for i in d.items}
    return replace(model, doses={**model.doses, **doses})


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.stem)
def test_solver_checker_section_and_diff_agree_on_golden_plans(path, catalog, rules, models):
    plan, doc = load_plan(path, catalog)
    profile = load_profile(None, catalog) if plan.profile is None else plan.profile
    ctx = Context(catalog, profile)
    counted = ctx.select(Selector(block=list(COUNTED_BLOCKS)))
    week = Week.from_plan(plan, profile.days)
    by_checker = checker_load(counted, week, ctx)
    model = _model(models, plan, catalog, rules, profile)
    by_solver = solver_load(model, {d.day: week.exercises(d.day) for d in plan.days}, counted)
    assert by_solver.keys() == by_checker.keys()
    for node, value in by_checker.items():
        assert by_solver[node] == pytest.approx(value, rel=1e-12)
    section = {g.group: g.seconds for g in plan.balance.groups}
    assert section == {g: round(v, 1) for g, v in by_checker.items() if g in catalog.graph.groups and v > 0}
    total = sum(v for g, v in by_checker.items() if g in catalog.graph.groups)
    assert _shares(plan, catalog, profile) == {g: round(by_checker[g] / total, 3) for g in section}


@pytest.fixture(scope="module")
def default_model(catalog, rules):
    return build_model(compile_rules(rules, catalog, load_profile(None, catalog)), Settings())


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_solver_and_checker_agree_on_generated_weeks(data, catalog, default_model):
    """Random weeks of the default profile's exercises at random doses: the same load either way,
    and the solver's linear forms add up to the rules' measures."""
    model = default_model
    ids = sorted(x for x in model.doses if catalog.block(x) == "strength")
    per_day = {d: data.draw(st.lists(st.sampled_from(ids), max_size=4, unique=True)) for d in model.days}
    doses = {x: Dose(sets=data.draw(st.integers(1, 4)), reps=data.draw(st.one_of(st.none(), st.integers(1, 15))),
                     hold_s=data.draw(st.integers(1, 40)))
             for x in sorted({x for xs in per_day.values() for x in xs})}
    model = replace(model, doses={**model.doses, **doses})
    days = {d: [] for d in catalog.vocab.days}
    for d, xs in per_day.items():
        for x in xs:
            sides = ("left", "right") if catalog.exercises[x].side == "unilateral" else ("both",)
            dose = model.doses[x]
            days[d] += [Entry(x, side, dose.sets, dose.reps, dose.hold_s, dose.minutes) for side in sides]
    profile = load_profile(None, catalog)
    everything = frozenset(ids)
    by_checker = checker_load(everything, Week(days, list(profile.days)), Context(catalog, profile))
    by_solver = solver_load(model, per_day, everything)
    assert by_solver.keys() == by_checker.keys()
    for node, value in by_checker.items():
        assert by_solver[node] == pytest.approx(value, rel=1e-12)
    # the linear forms the solver prunes with are sums of the same per-occurrence loads
    for req in model.soft + model.hard:
        name = type(req).__name__
        if name == "LoadRatio":
            [form] = ratio_forms(req, model)
            load = solver_load(model, per_day, req.ids)
            chosen = [x for xs in per_day.values() for x in xs if x in form]
            expected = load.get(req.numerator, 0.0) - req.max_ratio * load.get(req.denominator, 0.0)
            assert sum(form[x] for x in chosen) == pytest.approx(expected, abs=1e-6)
        elif name == "LoadShare":
            load = solver_load(model, per_day, req.ids)
            total = sum(load.get(g, 0.0) for g in req.groups)
            for g, form in zip(req.groups, share_forms(req, model)):
                chosen = [x for xs in per_day.values() for x in xs if x in form]
                expected = load.get(g, 0.0) - req.max_share * total
                assert sum(form[x] for x in chosen) == pytest.approx(expected, abs=1e-6)
    assert all(occurrence_load(model, x) for x in doses)
