"""The calendar: it parses back with icalendar, with the right events, dates, lengths and texts."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar

from planner.export.ics import to_ics
from planner.export.weeks import activities
from planner.notice import SAFETY_NOTICE

NOW = dt.datetime(2026, 2, 20, 9, 0, tzinfo=dt.timezone.utc)


def _events(weeks, **times):
    return Calendar.from_ical(to_ics(weeks, now=NOW, **times)).walk("VEVENT")


def test_one_event_per_session_and_walk_on_real_dates(one_week, week_plan):
    events = _events(one_week)
    expected = []
    for n, day in enumerate(week_plan.days):
        date = dt.date(2026, 3, 2 + n)
        if day.items:
            expected.append((dt.datetime.combine(date, dt.time(18, 0)), day.minutes, f"Back exercises (about {day.minutes} min)"))
        for walk in day.walks:
            expected.append((dt.datetime.combine(date, dt.time(12, 0)), walk.minutes, f"{walk.name} ({walk.minutes} min)"))
    found = [(e.decoded("dtstart"), (e.decoded("dtend") - e.decoded("dtstart")) // dt.timedelta(minutes=1), str(e["summary"]))
             for e in events]
    assert found == expected


def test_times_of_day_are_options(one_week):
    events = _events(one_week, session_time=dt.time(7, 30), walk_time=dt.time(17, 15))
    assert {e.decoded("dtstart").time() for e in events} == {dt.time(7, 30), dt.time(17, 15)}


def test_description_has_the_notice_the_doses_and_how_to_do_each_exercise(one_week, week_plan):
    events = _events(one_week)
    monday = next(e for e in events if e.decoded("dtstart").date() == dt.date(2026, 3, 2))
    text = str(monday["description"])
    assert text.startswith(f"NOTICE: {SAFETY_NOTICE}\n\nExercises:\n1. ")
    for item in week_plan.days[0].items:
        guide = week_plan.instructions[item.exercise]
        assert item.name in text
        for line in [*guide.steps, *guide.cues]:
            assert line in text, line


def test_uids_are_unique_and_stable_so_a_reexport_updates(one_week, two_weeks):
    first = [str(e["uid"]) for e in _events(one_week)]
    again = [str(e["uid"]) for e in Calendar.from_ical(to_ics(one_week)).walk("VEVENT")]
    assert first == again and len(set(first)) == len(first)
    programme = [str(e["uid"]) for e in _events(two_weeks)]
    assert programme[: len(first)] == first and len(set(programme)) == 2 * len(first)
    assert all(uid.endswith("@backplan") for uid in first)


def test_a_later_export_has_a_higher_sequence(one_week):
    earlier = {int(e["sequence"]) for e in _events(one_week)}
    later = {int(e["sequence"]) for e in Calendar.from_ical(to_ics(one_week, now=NOW + dt.timedelta(minutes=5))).walk("VEVENT")}
    assert len(earlier) == 1 and later == {min(earlier) + 5}


def test_a_programme_is_more_dated_events(two_weeks):
    events = _events(two_weeks)
    assert len(events) == 2 * len(list(activities(two_weeks[:1])))
    assert max(e.decoded("dtstart").date() for e in events) <= dt.date(2026, 3, 15)
    assert min(e.decoded("dtstart").date() for e in events) >= dt.date(2026, 3, 2)
