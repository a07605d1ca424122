"""Bound reasoning before the search: plain counting proves some conflicts at once (exit 4,
proven, the conflicting rules named) where backtracking used to run out of budget, and it never
refutes a week that exists."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.errors import InfeasibleError
from planner.rules import load_rule_file
from planner.solver import solve
from tests.conftest import make_profile

WEEK = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

SIDE_PLANK = """\
  - id: side-plank-days
    kind: weekly_count
    description: Side plank on at least {n} days.
    select: {{id: side_plank_knees}}
    count: days
    min: {n}
    source: [me]
"""

NECK_EVERY_SESSION = """\
  - id: neck-every-session
    kind: session_count
    description: Neck work in every session.
    select: {region: neck}
    min: 1
    source: [me]
"""

NECK_APART = """\
  - id: neck-not-consecutive
    kind: not_consecutive
    description: No neck work on consecutive days.
    select: {{region: neck}}
    by: {by}
    source: [me]
"""

NECK_DAYS = """\
  - id: neck-days
    kind: weekly_count
    description: Neck work on at least {n} days.
    select: {{region: neck}}
    count: days
    min: {n}
    source: [me]
"""

NECK_AT_MOST = """\
  - id: neck-at-most-twice
    kind: weekly_count
    description: Neck work at most twice a week.
    select: {region: neck}
    max: 2
    source: [me]
"""


def extra_rules(tmp_path: Path, catalog, *bodies: str):
    path = tmp_path / "extra.yaml"
    path.write_text("rules:\n" + "".join(bodies))
    return load_rule_file(path, catalog)


def conflict(rules, catalog, profile) -> InfeasibleError:
    with pytest.raises(InfeasibleError) as info:
        solve(rules, catalog, profile)
    assert info.value.exit_code == 4
    assert info.value.proven, info.value.message
    return info.value


def test_days_count_beyond_the_training_days_is_proven(rules, catalog, tmp_path):
    two_days = make_profile(catalog, days=["tue", "sat"], session_minutes=45, equipment=["mat", "chair", "band"])
    extra = extra_rules(tmp_path, catalog, SIDE_PLANK.format(n=3))
    error = conflict([*rules, *extra], catalog, two_days)
    assert error.rule_ids == ("side-plank-days",)


def test_days_count_that_fits_the_training_days_is_planned(rules, catalog, tmp_path):
    two_days = make_profile(catalog, days=["tue", "sat"], session_minutes=45, equipment=["mat", "chair", "band"])
    extra = extra_rules(tmp_path, catalog, SIDE_PLANK.format(n=2))
    solution = solve([*rules, *extra], catalog, two_days)
    assert all(any(i.exercise == "side_plank_knees" for i in solution.days[d]) for d in ("tue", "sat"))


@pytest.mark.parametrize("by", ["group", "all"])
def test_work_every_session_but_never_on_consecutive_days_is_proven(rules, catalog, tmp_path, by):
    """Every day of a seven-day week needs neck work. With ``by: all`` two neighbours clash at
    once; with ``by: group`` the neck exercises split into two spaced sets, and a seven-day
    cycle cannot alternate between two of them."""
    every_day = make_profile(catalog, days=WEEK, session_minutes=30, equipment=["mat", "chair", "pillow"])
    extra = extra_rules(tmp_path, catalog, NECK_EVERY_SESSION, NECK_APART.format(by=by))
    error = conflict([*rules, *extra], catalog, every_day)
    assert error.rule_ids == ("neck-every-session", "neck-not-consecutive")


def test_work_every_session_on_days_that_never_touch_is_planned(rules, catalog, tmp_path):
    spread = make_profile(catalog, days=["mon", "wed", "fri"])
    extra = extra_rules(tmp_path, catalog, NECK_EVERY_SESSION, NECK_APART.format(by="all"))
    solution = solve([*rules, *extra], catalog, spread)
    assert all(any(i.exercise in {"chin_tuck", "neck_side_bend_stretch", "standing_chin_lift"}
                   for i in solution.days[d]) for d in ("mon", "wed", "fri"))


def test_more_spaced_days_than_a_week_can_space_is_proven(rules, catalog, tmp_path):
    """Seven days round the week leave room for three days of spaced work, not four."""
    every_day = make_profile(catalog, days=WEEK, session_minutes=30, equipment=["mat", "chair", "pillow"])
    extra = extra_rules(tmp_path, catalog, NECK_APART.format(by="all"), NECK_DAYS.format(n=4))
    error = conflict([*rules, *extra], catalog, every_day)
    assert error.rule_ids == ("neck-not-consecutive", "neck-days")


def test_as_many_spaced_days_as_the_week_can_space_is_planned(rules, catalog, tmp_path):
    every_day = make_profile(catalog, days=WEEK, session_minutes=30, equipment=["mat", "chair", "pillow"])
    extra = extra_rules(tmp_path, catalog, NECK_APART.format(by="all"), NECK_DAYS.format(n=3))
    solution = solve([*rules, *extra], catalog, every_day)
    neck = {e.id for e in catalog.exercises.values() if e.region == "neck"}  # seated_relaxation too
    assert sum(1 for items in solution.days.values() if any(i.exercise in neck for i in items)) >= 3


def test_weekly_cap_below_what_every_session_needs_is_proven(rules, catalog, tmp_path):
    three_days = make_profile(catalog, days=["mon", "wed", "fri"])
    extra = extra_rules(tmp_path, catalog, NECK_EVERY_SESSION, NECK_AT_MOST)
    error = conflict([*rules, *extra], catalog, three_days)
    assert error.rule_ids == ("neck-every-session", "neck-at-most-twice")
