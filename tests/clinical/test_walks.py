"""Issue 10, points 3 and 8: aerobic work where people do it.

A walk is its own short activity (``walks`` of a plan day, from the ``walk-on-days-off`` rule),
on days off training first: the recovering-back week, a short no-equipment week, the default
week and a child's week walk on at least two days, no aerobics class is tacked onto a home
session, walk days count toward the week (the default three-day week meets ``regular-practice``),
and every plan passes the independent checker. A walk obeys the safety rules: when walking is
excluded there is none, and the rule gives way visibly; a clinic can switch it off.
"""

from __future__ import annotations

import pytest

from planner import api
from planner.models import Profile
from planner.profile import load_profile
from planner.render import render
from planner.rules import default_rule_files, load_rules
from tests.conftest import EXAMPLES, make_profile

WEEKS = {
    "default": {},
    "no-equipment-20min": {"days": ["mon", "wed", "fri"], "session_minutes": 20, "equipment": []},
}
EXAMPLE_WEEKS = ("every_day_after_injury", "child")


def _profile(name: str, catalog) -> Profile:
    if name in WEEKS:
        return make_profile(catalog, **WEEKS[name])
    [path] = [p for p in EXAMPLES if p.stem == name]
    return load_profile(path, catalog)


@pytest.fixture(scope="module")
def plans(catalog, rules):
    cache: dict[str, tuple[Profile, object]] = {}

    def get(name: str):
        if name not in cache:
            profile = _profile(name, catalog)
            cache[name] = profile, api.plan_week(profile, rules=rules, catalog=catalog, seed=0)
        return cache[name]

    return get


@pytest.mark.parametrize("name", [*WEEKS, *EXAMPLE_WEEKS])
def test_the_week_walks_on_at_least_two_days_and_passes_the_checker(name, plans, rules, catalog):
    profile, plan = plans(name)
    walk_days = [d.day for d in plan.days if d.walks]
    assert len(walk_days) >= 2, f"walks on {walk_days}"
    for day in plan.days:
        for walk in day.walks:
            assert (walk.exercise, walk.block, walk.minutes) == ("walking", "aerobic", 15)
            assert walk.why[0] == "walk-on-days-off"
        assert "walking" not in [i.exercise for i in day.items] or not day.walks, f"{day.day} walks twice"
        assert "low_impact_aerobics_class" not in [i.exercise for i in day.items], f"a class in {day.day}'s session"
    rest_days = [d for d in plan.days if d.day not in profile.days]
    if rest_days:  # days off training come first
        assert any(d.walks for d in rest_days)
    assert [str(v) for v in api.check_week(plan, rules=rules, catalog=catalog) if v.hard] == []
    assert "walk-regularly" not in plan.soft_misses
    assert "low-impact-aerobics" not in {g.rule for g in plan.gave_way}


def test_the_default_week_meets_regular_practice_by_walking(plans):
    profile, plan = plans("default")
    assert profile.days == ["mon", "wed", "fri"]
    assert [d.day for d in plan.days if d.walks] == ["tue", "thu", "sat"]
    assert "regular-practice" not in plan.soft_misses


def test_the_recovering_week_walks_beside_short_sessions(plans):
    profile, plan = plans("every_day_after_injury")
    assert len(profile.days) == 7
    assert [d.day for d in plan.days if d.walks] == ["mon", "thu", "sat"]
    # the walk is apart from the session: the session's minutes stay within the profile's
    assert all(d.minutes <= profile.session_minutes for d in plan.days)


def test_a_walk_is_shown_apart_from_the_session_with_its_steps(plans):
    _, plan = plans("default")
    markdown = render(plan, "markdown")
    assert "## Tuesday\n\nNo session.\n\n**On its own (not part of a session):**\n\n- Walking, 15 min (why: walk-on-days-off," in markdown
    table = render(plan, "table")
    assert "Tuesday: no session, a walk of its own\nOn its own (not part of a session):\n  - Walking, 15 min" in table
    assert "walking" in plan.instructions and plan.instructions["walking"].steps
    assert '"walks": [' in render(plan, "json")


def test_no_walk_when_walking_is_excluded_and_the_rule_gives_way_visibly(catalog, rules):
    profile = make_profile(catalog, exclude=["walking"])
    plan = api.plan_week(profile, rules=rules, catalog=catalog, seed=0)
    assert all(not d.walks for d in plan.days)
    assert all("walking" not in [i.exercise for i in d.items] for d in plan.days)
    [gave] = [g for g in plan.gave_way if g.rule == "walk-on-days-off"]
    assert gave.because == ["profile-exclusions"]
    assert [str(v) for v in api.check_week(plan, rules=rules, catalog=catalog) if v.hard] == []


def test_a_clinic_can_switch_the_walks_off(catalog, tmp_path):
    extra = tmp_path / "no_walks.yaml"
    extra.write_text("rules:\n  - override: walk-on-days-off\n    severity: off\n")
    rules = load_rules([*default_rule_files(), extra], catalog)
    plan = api.plan_week(make_profile(catalog), rules=rules, catalog=catalog, seed=0)
    assert all(not d.walks for d in plan.days)
    assert [o.rule for o in plan.overrides] == ["walk-on-days-off"]
    assert [str(v) for v in api.check_week(plan, rules=rules, catalog=catalog) if v.hard] == []


def test_the_checker_counts_a_walk_against_the_safety_rules(plans, rules, catalog):
    """A walk of an excluded activity is an error, as a session item would be."""
    _, plan = plans("default")
    profile = plan.profile.model_copy(update={"exclude": ["walking"]})
    found = [str(v) for v in api.check_week(plan, profile=profile, rules=rules, catalog=catalog) if v.hard]
    assert "error [profile-exclusions] tue walking: excluded by the profile" in found
