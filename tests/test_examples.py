"""Every example profile gets a plan that passes the checker and visibly follows the seed rules.

The assertions here read the JSON contract directly (not through the rule kinds), as a third,
independent look at the safety and sequencing advice.
"""

from __future__ import annotations

import pytest

from planner.profile import load_profile
from tests.conftest import EXAMPLES, plan_and_check

DUMBBELL_CONDITIONS = {
    "hypertension", "heart_disease", "menstruation", "asthma", "pregnancy",
    "thyroid_disease", "viral_infection", "poor_condition", "chronic_disease",
}


@pytest.fixture(scope="module", params=EXAMPLES, ids=lambda p: p.stem)
def example(request, rules, catalog):
    profile = load_profile(request.param, catalog)
    return profile, plan_and_check(rules, catalog, profile)


def sessions(plan):
    return [d for d in plan.days if d.items]


def test_warm_up_first(example):
    _, plan = example
    for day in sessions(plan):
        assert day.items[0].block == "warmup", day.day
        blocks = [i.block for i in day.items]
        assert blocks.count("warmup") == 1


def test_no_stretch_before_warm_up(example):
    _, plan = example
    for day in sessions(plan):
        first_stretch = min((n for n, i in enumerate(day.items) if i.block == "stretch"), default=99)
        assert first_stretch > 0


def test_each_session_works_core_hips_and_legs(example):
    _, plan = example
    for day in sessions(plan):
        groups = {g for item in day.items for g in item.groups}
        assert {"core", "hips", "legs"} <= groups, day.day


def test_unilateral_left_and_right_are_adjacent(example, catalog):
    _, plan = example
    for day in sessions(plan):
        items = day.items
        for n, item in enumerate(items):
            if catalog.exercises[item.exercise].side == "unilateral":
                neighbours = {items[k].exercise for k in (n - 1, n + 1) if 0 <= k < len(items)}
                assert item.exercise in neighbours, (day.day, item.exercise)
                assert item.side in ("left", "right")
            else:
                assert item.side == "both"


def test_no_contraindicated_or_banned_exercise(example, catalog):
    profile, plan = example
    for day in sessions(plan):
        for item in day.items:
            ex = catalog.exercises[item.exercise]
            assert ex.banned is None
            assert not set(ex.contraindications) & set(profile.conditions)
            if set(profile.conditions) & DUMBBELL_CONDITIONS:
                assert "dumbbells" not in ex.equipment
            assert item.exercise not in profile.exclude
            assert profile.age_group in ex.audience


def test_equipment_only_from_profile(example):
    profile, plan = example
    for day in sessions(plan):
        for item in day.items:
            assert set(item.equipment) <= set(profile.equipment), item.exercise


def test_doses(example):
    _, plan = example
    for day in sessions(plan):
        for item in day.items:
            if item.reps is not None:
                assert item.reps >= 5
            if item.hold_s is not None and item.kind == "stretch":
                assert 10 <= item.hold_s <= 20
            if item.hold_s is not None and item.reps is None:
                assert item.hold_s >= 10


def test_aerobic_in_the_week(example):
    """In a session or, most often, as a walk of its own (walk-on-days-off)."""
    _, plan = example
    assert any(i.block == "aerobic" for d in plan.days for i in [*d.items, *d.walks])


def test_rest_days_and_training_days(example):
    profile, plan = example
    assert [d.day for d in plan.days] == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    for day in plan.days:
        assert bool(day.items) == (day.day in profile.days)


def test_every_item_is_traced_to_rules(example, rules):
    _, plan = example
    known = {r.id for r in rules}
    for day in sessions(plan):
        for item in day.items:
            assert set(item.why) <= known
        assert "warm-up-first" in day.items[0].why
