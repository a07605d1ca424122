"""Plans on the calendar: the dated weeks every exporter takes, and the sessions in them.

An exporter never takes a bare week: it takes a sequence of :class:`DatedWeek` (a plan and the
Monday it starts on): one week (:func:`dated_weeks`), or a programme's weeks on their dates
(:func:`programme_weeks`), so the exporters need no change for programmes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from planner.contract import Instructions, Plan, PlanItem
from planner.programme.contract import Programme
from planner.render import DAY_NAMES
from planner.timing import CHANGEOVER_S, dose_seconds, whole_minutes

__all__ = ["DatedWeek", "Activity", "dated_weeks", "programme_weeks", "next_monday", "activities", "instructions",
           "person_key"]

DAY_ORDER = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class DatedWeek:
    """One week of a plan on the calendar: ``start`` is its Monday; ``number`` counts from 1."""

    plan: Plan
    start: dt.date
    number: int = 1

    def date_of(self, day: str) -> dt.date:
        return self.start + dt.timedelta(days=DAY_ORDER.index(day))

    @property
    def end(self) -> dt.date:
        """The week's Sunday."""
        return self.start + dt.timedelta(days=6)


@dataclass(frozen=True)
class Activity:
    """What a person does on one date: the day's session, or one walk of its own."""

    week: DatedWeek
    date: dt.date
    day: str
    kind: str  # "session" or "walk"
    index: int  # 0 for the session; the walk's place among the day's walks
    items: tuple[PlanItem, ...]
    minutes: int

    @property
    def title(self) -> str:
        if self.kind == "session":
            return f"Back exercises (about {self.minutes} min)"
        return f"{self.items[0].name} ({self.minutes} min)"

    @property
    def day_name(self) -> str:
        return DAY_NAMES.get(self.day, self.day)


def next_monday(today: dt.date | None = None) -> dt.date:
    """The first Monday after ``today`` (a week from today when today is a Monday)."""
    today = today or dt.date.today()
    return today + dt.timedelta(days=7 - today.weekday())


def dated_weeks(plans: Sequence[Plan] | Plan, start: dt.date) -> list[DatedWeek]:
    """The plans as consecutive weeks from ``start`` (a Monday; any other date is refused)."""
    if start.weekday() != 0:
        raise ValueError(f"a week starts on a Monday; {start.isoformat()} is a {start.strftime('%A')}")
    plans = [plans] if isinstance(plans, Plan) else list(plans)
    return [DatedWeek(plan, start + dt.timedelta(weeks=n), n + 1) for n, plan in enumerate(plans)]


def programme_weeks(programme: Programme, start: dt.date | None = None) -> list[DatedWeek]:
    """A programme's weeks on their own dates (or moved to begin on ``start``, a Monday)."""
    if start is not None:
        return dated_weeks([w.plan for w in programme.weeks], start)
    return [DatedWeek(w.plan, w.start, w.number) for w in programme.weeks]


def _walk_minutes(item: PlanItem) -> int:
    """A walk's length by the plan's time model (its dose, in whole minutes)."""
    return max(1, whole_minutes(dose_seconds(item.sets, item.reps, item.hold_s, item.minutes) - CHANGEOVER_S))


def activities(weeks: Sequence[DatedWeek]) -> Iterator[Activity]:
    """Every session and walk of the weeks, in date order (a day's session before its walks)."""
    for week in weeks:
        for day in week.plan.days:
            date = week.date_of(day.day)
            if day.items:
                yield Activity(week, date, day.day, "session", 0, tuple(day.items), max(day.minutes, 1))
            for n, walk in enumerate(day.walks):
                yield Activity(week, date, day.day, "walk", n, (walk,), _walk_minutes(walk))


def instructions(weeks: Sequence[DatedWeek]) -> dict[str, Instructions]:
    """Steps and cues of every exercise in the weeks, once each, in order of first appearance."""
    guides: dict[str, Instructions] = {}
    for week in weeks:
        for key, guide in week.plan.instructions.items():
            guides.setdefault(key, guide)
    return guides


def person_key(weeks: Sequence[DatedWeek]) -> str:
    """A short, stable key for whom the weeks are for (their profile's name), so that two people's
    exports never share identifiers, while the same person's re-export keeps them."""
    profile = weeks[0].plan.profile if weeks else None
    name = profile.name if profile is not None else "default"
    return hashlib.sha256(name.encode("utf-8")).hexdigest()[:12]
