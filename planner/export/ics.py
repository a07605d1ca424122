"""The weeks as an iCalendar file (RFC 5545, through the ``icalendar`` library).

One event per session and one per walk, on real dates, lasting the plan's minutes for them. Each
event's description carries the safety notice, the exercises with their doses in words, and how
to do each one. Times are floating (the person's local time wherever they are). Every event's UID
is stable (who it is for, its date, session or walk) and a later export has a higher SEQUENCE, so
importing a re-exported file updates the events already in a calendar rather than adding them
twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from icalendar import Calendar, Event

from planner import __version__
from planner.export.text import exercise_lines, how_to_lines
from planner.export.weeks import Activity, DatedWeek, activities, person_key
from planner.notice import SAFETY_NOTICE

__all__ = ["to_ics", "event_uid", "SESSION_TIME", "WALK_TIME"]

SESSION_TIME = dt.time(18, 0)
WALK_TIME = dt.time(12, 0)


def event_uid(activity: Activity, key: str) -> str:
    """The same for the same person, date and slot in every export."""
    slot = "session" if activity.kind == "session" else f"walk{activity.index + 1}"
    return f"backplan-{key}-{activity.date.isoformat()}-{slot}@backplan"


def _sequence(stamp: dt.datetime) -> int:
    """Minutes since 1970: a later export has a higher SEQUENCE, so calendars take it as the update."""
    return int(stamp.timestamp() // 60)


def _description(activity: Activity) -> str:
    plan = activity.week.plan
    guides = [plan.instructions[item.exercise] for item in activity.items if item.exercise in plan.instructions]
    guides = list({guide.name: guide for guide in guides}.values())
    lines = [f"NOTICE: {SAFETY_NOTICE}", "", "Exercises:" if activity.kind == "session" else "Activity:"]
    lines += exercise_lines(activity)
    if guides:
        lines += ["", "How to do each exercise:", ""] + how_to_lines(guides)
    return "\n".join(lines).rstrip() + "\n"


def to_ics(weeks: Sequence[DatedWeek], session_time: dt.time = SESSION_TIME, walk_time: dt.time = WALK_TIME,
           now: dt.datetime | None = None) -> bytes:
    """The weeks' sessions and walks as an iCalendar file; ``now`` stamps the events (DTSTAMP)."""
    stamp = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc)
    key = person_key(weeks)
    calendar = Calendar()
    calendar.add("prodid", f"-//backplan//backplan {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Back exercises (backplan)")
    for activity in activities(weeks):
        start = dt.datetime.combine(activity.date, session_time if activity.kind == "session" else walk_time)
        event = Event()
        event.add("uid", event_uid(activity, key))
        event.add("dtstamp", stamp)
        event.add("last-modified", stamp)
        event.add("sequence", _sequence(stamp))
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(minutes=activity.minutes))
        event.add("summary", activity.title)
        event.add("description", _description(activity))
        event.add("categories", ["Exercise"])
        event.add("transp", "OPAQUE")
        calendar.add_component(event)
    return calendar.to_ical()
