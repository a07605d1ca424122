"""Dose steps by the schedule and the dose rules' bounds (planner/programme/doses.py)."""

from __future__ import annotations

from planner import api
from planner.models import Dose
from planner.programme.doses import clamp, stepped
from planner.programme.schedule import default_schedule

SCHEDULE = default_schedule()  # reps +2, hold +5 s, minutes +1; every 3rd step a set


def test_steps_add_reps_a_hold_or_minutes_and_every_third_step_a_set():
    assert [stepped(Dose(sets=2, reps=10), n, SCHEDULE) for n in (1, 2, 3, 4)] == [
        Dose(sets=2, reps=12), Dose(sets=2, reps=14), Dose(sets=3, reps=14), Dose(sets=3, reps=16)]
    assert stepped(Dose(sets=1, reps=12, hold_s=3), 1, SCHEDULE) == Dose(sets=1, reps=14, hold_s=3)
    assert stepped(Dose(sets=2, hold_s=20), 2, SCHEDULE) == Dose(sets=2, hold_s=30)
    assert stepped(Dose(minutes=15), 3, SCHEDULE) == Dose(minutes=18)  # no sets: minutes each step


def test_steps_below_the_first_dose_take_away_never_below_one():
    assert stepped(Dose(sets=3, hold_s=20), -1, SCHEDULE) == Dose(sets=3, hold_s=15)
    assert stepped(Dose(sets=2, reps=3), -2, SCHEDULE) == Dose(sets=2, reps=1)


def test_the_dose_rules_bound_every_step():
    given = api.load_inputs()
    stretch = "neutral_back_stretch_90_90"  # stretches are held 10-30 s (rule stretch-hold-10-30s)
    assert clamp(stretch, Dose(sets=2, hold_s=45), given.rules, given.catalog, given.profile) == Dose(sets=2, hold_s=30)
    assert clamp("squat_to_chair", Dose(sets=2, reps=1), given.rules, given.catalog, given.profile) == Dose(sets=2, reps=5)


def test_a_dense_step_takes_reps_or_a_hold_where_the_schedule_adds_a_set():
    assert stepped(Dose(sets=2, reps=10), 3, SCHEDULE, dense={3}) == Dose(sets=2, reps=16)
    assert stepped(Dose(sets=2, hold_s=20), 4, SCHEDULE, dense={3}) == Dose(sets=2, hold_s=40)
    assert stepped(Dose(sets=2, reps=10), 6, SCHEDULE, dense={3}) == Dose(sets=3, reps=20)
