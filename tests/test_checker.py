"""The checker catches hand-made mistakes in a plan, each with its rule id and a clear message."""

from __future__ import annotations

import copy

import pytest

from planner.api import plan_week
from planner.checker import check_plan
from tests.conftest import make_profile


@pytest.fixture(scope="module")
def base(rules, catalog):
    profile = make_profile(catalog, equipment=["mat", "chair", "band"])
    return profile, plan_week(profile, rules=rules, catalog=catalog, seed=1)


def violations(plan, rules, catalog, profile):
    return [str(v) for v in check_plan(plan, rules, catalog, profile)]


def first_session(plan):
    return next(d for d in plan.days if d.items)


def test_generated_plan_is_clean(base, rules, catalog):
    profile, plan = base
    assert [v for v in violations(plan, rules, catalog, profile) if v.startswith("error")] == []


def test_warm_up_not_first(base, rules, catalog):
    profile, plan = base
    broken = copy.deepcopy(plan)
    day = first_session(broken)
    day.items.append(day.items.pop(0))
    found = violations(broken, rules, catalog, profile)
    assert any(v.startswith(f"error [warm-up-first] {day.day} ") for v in found)
    assert any(v.startswith(f"error [stretch-only-warm-muscles] {day.day} ") for v in found)


def test_sides_split_apart(base, rules, catalog):
    profile, plan = base
    broken = copy.deepcopy(plan)
    for day in broken.days:
        sides = [n for n, i in enumerate(day.items) if i.side == "left"]
        if sides:
            n = sides[0]
            moved = day.items.pop(n)
            day.items.insert(0 if n > 1 else len(day.items), moved)
            found = violations(broken, rules, catalog, profile)
            assert f"error [alternate-sides] {day.day} {moved.exercise}: left and right are not next to each other" in found
            return
    pytest.skip("no unilateral exercise in this plan")


def test_dose_and_equipment(base, rules, catalog):
    profile, plan = base
    broken = copy.deepcopy(plan)
    day = first_session(broken)
    reps_item = next(i for i in day.items if i.reps is not None)
    reps_item.reps = 3
    day.items.insert(1, day.items[1].model_copy(update={"exercise": "dumbbell_lateral_raise", "side": "both"}))
    found = violations(broken, rules, catalog, profile)
    assert f"error [at-least-5-reps] {day.day} {reps_item.exercise}: reps 3 is below 5" in found
    assert f"error [own-equipment] {day.day} dumbbell_lateral_raise: needs dumbbells, not in the profile" in found


def test_structure(base, rules, catalog):
    profile, plan = base
    broken = copy.deepcopy(plan)
    rest = next(d for d in broken.days if not d.items)
    rest.items.append(first_session(broken).items[0].model_copy(update={"side": "left"}))
    found = violations(broken, rules, catalog, profile)
    assert f"error [structure] {rest.day}: not a training day in the profile" in found
    assert any(v.startswith(f"error [structure] {rest.day} ") and "side \"left\" for a bilateral" in v for v in found)


def test_red_flag_profile_gets_no_plan(base, rules, catalog):
    _, plan = base
    hurt = make_profile(catalog, conditions=["acute_pain"], equipment=["mat", "chair", "band"])
    found = violations(plan, rules, catalog, hurt)
    assert any(v.startswith("error [red-flag-pain-or-injury] no plan should be given: ") for v in found)


def test_item_fields_must_agree_with_the_catalog(base, rules, catalog):
    profile, plan = base
    broken = copy.deepcopy(plan)
    day = first_session(broken)
    warmup = day.items[0]
    assert warmup.block == "warmup"
    day.items[0] = warmup.model_copy(update={"block": "strength"})
    found = violations(broken, rules, catalog, profile)
    assert f'error [structure] {day.day} {warmup.exercise}: says block "strength", the catalog says "warmup"' in found


def test_left_and_right_get_the_same_dose(base, rules, catalog):
    profile, plan = base
    broken = copy.deepcopy(plan)
    for day in broken.days:
        for n, item in enumerate(day.items):
            if item.side == "left":
                day.items[n] = item.model_copy(update={"sets": (item.sets or 1) + 1})
                found = violations(broken, rules, catalog, profile)
                assert f"error [structure] {day.day} {item.exercise}: left and right sides get different doses" in found
                return
    pytest.skip("no unilateral exercise in this plan")


def test_a_renamed_item_is_a_warning_and_wrong_muscles_an_error(base, rules, catalog):
    profile, plan = base
    broken = copy.deepcopy(plan)
    day = first_session(broken)
    first = day.items[0]
    day.items[0] = first.model_copy(update={"name": "My walk", "muscles": ["deltoid_x"]})
    found = violations(broken, rules, catalog, profile)
    assert f'warning [structure] {day.day} {first.exercise}: says name "My walk", the catalog says "{first.name}"' in found
    assert any(v.startswith(f"error [structure] {day.day} {first.exercise}: says muscles deltoid_x; the catalog says ")
               for v in found)


def test_red_flag_is_about_the_profile_not_the_plan(rules, catalog):
    from planner.checker import red_flagged

    assert red_flagged(rules, make_profile(catalog, conditions=["acute_pain"]))
    assert not red_flagged(rules, make_profile(catalog, conditions=["acute_pain"], cleared_by_doctor=True))
    assert not red_flagged(rules, make_profile(catalog))
