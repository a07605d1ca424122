"""Plans on the calendar: Mondays, dates and the order of sessions and walks."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.export.weeks import activities, dated_weeks, next_monday, person_key
from tests.export.conftest import MONDAY


@pytest.mark.parametrize(("today", "monday"), [
    (dt.date(2026, 3, 4), dt.date(2026, 3, 9)),   # a Wednesday
    (dt.date(2026, 3, 8), dt.date(2026, 3, 9)),   # a Sunday: tomorrow
    (dt.date(2026, 3, 9), dt.date(2026, 3, 16)),  # a Monday: the next one
])
def test_next_monday(today, monday):
    assert next_monday(today) == monday


def test_a_week_starts_on_a_monday(week_plan):
    with pytest.raises(ValueError, match="^a week starts on a Monday; 2026-03-03 is a Tuesday$"):
        dated_weeks(week_plan, dt.date(2026, 3, 3))


def test_a_programme_is_consecutive_weeks(two_weeks):
    assert [(w.number, w.start, w.end) for w in two_weeks] == [
        (1, MONDAY, dt.date(2026, 3, 8)), (2, dt.date(2026, 3, 9), dt.date(2026, 3, 15))]


def test_activities_are_every_session_and_walk_on_its_date(one_week, week_plan):
    found = [(a.date, a.kind) for a in activities(one_week)]
    expected = []
    for n, day in enumerate(week_plan.days):
        date = MONDAY + dt.timedelta(days=n)
        expected += [(date, "session")] * bool(day.items) + [(date, "walk")] * len(day.walks)
    assert found == expected
    assert any(kind == "walk" for _, kind in found) and any(kind == "session" for _, kind in found)


def test_session_minutes_are_the_plans(one_week, week_plan):
    minutes = {a.day: a.minutes for a in activities(one_week) if a.kind == "session"}
    assert minutes == {day.day: day.minutes for day in week_plan.days if day.items}


def test_person_key_is_stable_and_differs_between_people(week_plan):
    other = week_plan.model_copy(update={"profile": week_plan.profile.model_copy(update={"name": "Ann"})})
    assert person_key(dated_weeks(week_plan, MONDAY)) == person_key(dated_weeks(week_plan, MONDAY + dt.timedelta(7)))
    assert person_key(dated_weeks(week_plan, MONDAY)) != person_key(dated_weeks(other, MONDAY))
