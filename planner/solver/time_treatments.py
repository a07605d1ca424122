"""The treatments of the time and walk requirement types, for the one dispatch table.

:data:`planner.solver.requirement_types.TREATMENTS` lists every requirement type; the functions
of three of them live here to keep that module small: :class:`SessionTime` (a cap on each
session's minutes, moves between positions included), :class:`WeekTime` (the week's minutes of
some exercises, capped or with a minimum) and :class:`Walk` (walk days, planned apart by
:mod:`planner.solver.walks`). Nothing here dispatches on a requirement's class.
"""

from __future__ import annotations

from collections.abc import Iterable

from planner.requirements import SessionTime, Walk, WeekTime
from planner.solver.backend import DayConstraint, TimeCap, WeekHolds, WeekTimeCap
from planner.solver.grouping import listing_key, order_constraints, ordering, session_fits
from planner.solver.model import ModelFacts, PlacedWeek, WeekModel
from planner.timing import session_seconds

__all__ = ["time_shape", "time_post", "time_miss", "week_time_post", "week_time_miss", "walk_days", "walk_miss"]


# --------------------------------------------------------------------------------------------
# SessionTime: a cap on each session's time


def time_shape(req: SessionTime, facts: ModelFacts) -> None:
    facts.time_caps.append(req.max_seconds)


def time_post(req: SessionTime, model: WeekModel) -> Iterable[DayConstraint]:
    """A cap per day on the session's time: its exercises plus the least moves between their
    positions while the day fills, then the whole session timed in the order the order stage
    gives it (:func:`planner.solver.grouping.session_fits`, with every order rule, as the order
    stage tries first, then, when no order meets the soft ones too, with the hard ones alone, as
    the order stage falls back on)."""
    positions = {x: model.catalog.exercises[x].position for x in model.seconds}
    requirements = ordering([*model.hard, *model.soft])  # a promoted rule is in both: its constraints count once
    hard = ordering([r for r in model.hard if r.origin.hard])  # what the order stage falls back on

    def constraints_of(units):
        return order_constraints(requirements, units)

    def hard_constraints_of(units):
        return order_constraints(hard, units)

    fallback = hard_constraints_of if hard != requirements else None  # no soft order rule: nothing to drop
    fits = session_fits(listing_key(model.catalog), constraints_of, model.seconds, positions, fallback)
    return [TimeCap(d, model.seconds, req.max_seconds, positions, fits) for d in model.days]


def time_miss(req: SessionTime, week: PlacedWeek) -> float:
    """Minutes over the cap, summed over the sessions, each timed in the order of ``week`` (moves
    included). The search scores its weeks after the order stage (:func:`planner.solver.search.try_seed`),
    so this is the order the plan prints; a unilateral exercise's two sides, back to back, add no
    move."""
    exercises = week.catalog.exercises
    return sum(
        max(0, session_seconds((week.model.seconds[x], exercises[x].position) for x in xs) - req.max_seconds) / 60
        for xs in week.per_day.values()
    )


# --------------------------------------------------------------------------------------------
# WeekTime: the week's minutes of some exercises


def _week_seconds(req: WeekTime, per_day: dict[str, list[str]], seconds: dict[str, int]) -> int:
    return sum(seconds[x] for xs in per_day.values() for x in xs if x in req.ids)


def week_time_post(req: WeekTime, model: WeekModel) -> Iterable[DayConstraint]:
    out: list[DayConstraint] = []
    if req.max_seconds is not None:
        out.append(WeekTimeCap({x: model.seconds[x] for x in req.ids if x in model.seconds}, req.max_seconds))
    if req.min_seconds is not None:
        low = req.min_seconds
        weights = {x: model.seconds[x] for x in req.ids if x in model.seconds}
        out.append(WeekHolds(lambda per_day: _week_seconds(req, per_day, model.seconds) >= low, (weights, low)))
    return out


def week_time_miss(req: WeekTime, week: PlacedWeek) -> float:
    """Minutes over the cap, or short of the minimum."""
    total = _week_seconds(req, week.per_day, week.model.seconds)
    over = max(0, total - req.max_seconds) if req.max_seconds is not None else 0
    under = max(0, req.min_seconds - total) if req.min_seconds is not None else 0
    return (over + under) / 60


# --------------------------------------------------------------------------------------------
# Walk: walk days of their own


def walk_days(req: Walk, walks: dict[str, list[str]]) -> int:
    """Days with a walk of one of ``req.ids`` on a day ``req.on`` allows."""
    return sum(1 for day, xs in walks.items() if (req.on is None or day in req.on) and set(xs) & set(req.ids))


def walk_miss(req: Walk, week: PlacedWeek) -> float:
    """Walk days short of ``req.days``."""
    return max(0, req.days - walk_days(req, week.walks))
