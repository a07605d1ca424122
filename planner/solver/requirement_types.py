"""How the solver treats each requirement type: the one table to extend with a new type.

:data:`TREATMENTS` maps every class of :mod:`planner.requirements` to a :class:`Treatment`: what
it does to the week model, which backend constraints it becomes (for the day assignment and for
the session order), what it costs as a soft rule, when it is a reason for a plan item, whether a
soft one can be promoted to a constraint, and whether it can take part in a conflict. Nothing
else in the solver asks which class a requirement is; a new requirement type is one new entry
here (with its functions next to it, or in a sub-module such as
:mod:`planner.solver.time_treatments` and :mod:`planner.solver.load_treatments`), and the
python-constraint2 backend needs no change as long as it compiles to the day and order
constraints of :mod:`planner.solver.backend`.

The soft amounts (``miss``) are in the units the rule kinds report as ``Violation.amount`` (one
per item, session, day pair, minute over, ...): ``tests/solver/test_score.py`` checks on planned
weeks that they agree rule by rule with :func:`planner.checker.check_plan`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import chain, pairwise
from typing import Any

from planner.requirements import (
    Adjacent,
    Advice,
    Apart,
    Count,
    DoseLimit,
    Exclude,
    First,
    Last,
    LoadRatio,
    LoadShare,
    NotAdjacent,
    Ordered,
    Requirement,
    SessionTime,
    Stop,
    Walk,
    WeekTime,
)
from planner.solver.backend import (
    Among,
    Before,
    DayConstraint,
    DaysAmong,
    DistinctAmong,
    NotBoth,
    NotFirst,
    NotLast,
    NotNextTo,
    OrderConstraint,
    PerValueDays,
)
from planner.solver.load_treatments import LOAD_SCALE, ratio_miss, ratio_post, share_miss, share_post
from planner.solver.model import ModelFacts, PlacedWeek, WeekModel, consecutive
from planner.solver.time_treatments import time_miss, time_post, time_shape, walk_miss, week_time_miss, week_time_post

__all__ = ["Treatment", "TREATMENTS", "treatment", "LOAD_SCALE", "is_repeat_limit", "count_measure"]


def _none(req: Any, *_: Any) -> list:
    return []


def _never(req: Any, *_: Any) -> bool:
    return False


@dataclass(frozen=True)
class Treatment:
    """What the solver does with one requirement type (every field has a do-nothing default).

    ``shape(req, facts)``: add what an *enforced* requirement says about the week model.
    ``post(req, model)``: the backend day constraints of an enforced requirement.
    ``order(req, units)``: the backend order constraints among a session's exercises.
    ``miss(req, week)``: how much a placed week misses the requirement, in the kind's units
    (``None``: nothing to miss); ``scale`` multiplies it in the soft score.
    ``explains(req, week, day, exercise)``: whether it is a reason for that plan item.
    ``promotable``: a soft one can be enforced as a constraint when a week still exists.
    ``week_level(req)``: it relates several days (a day cannot be checked alone against it).
    ``constrains``: it can make a week impossible (so it may be named in a conflict).
    ``implies(req)``: requirements it brings along when compiled.
    ``referral(req)``/``advice(req)``: the text of a stop or of advice.
    ``deficit(req, model)``: day constraints whose shortfalls add up to exactly ``miss``, so an
    exact backend can minimise the soft score (``None``: not expressible so).
    ``order_free``: ``miss`` reads each session as a set, never its order, so a week can be
    scored on it before its sessions are ordered (:func:`planner.solver.score.order_free_floor`).
    """

    shape: Callable[[Any, ModelFacts], None] = _none
    post: Callable[[Any, WeekModel], Iterable[DayConstraint]] = _none
    order: Callable[[Any, Sequence[str]], Iterable[OrderConstraint]] = _none
    miss: Callable[[Any, PlacedWeek], float] | None = None
    scale: int = 1
    explains: Callable[[Any, PlacedWeek, str, str], bool] = _never
    promotable: bool = False
    week_level: Callable[[Any], bool] = _never
    constrains: bool = True
    implies: Callable[[Any], list[Requirement]] = _none
    referral: Callable[[Any], str] | None = None
    advice: Callable[[Any], str] | None = None
    deficit: Callable[[Any, WeekModel], Iterable[DayConstraint]] | None = None
    order_free: bool = False

    @property
    def orders(self) -> bool:
        """Whether requirements of this type can put order constraints on a session."""
        return self.order is not _none


# --------------------------------------------------------------------------------------------
# Exclude: these exercises never appear (on some days)


def _exclude_shape(req: Exclude, facts: ModelFacts) -> None:
    facts.exclusions.append((req.ids, req.days, req.origin.rule_id))


def _exclude_miss(req: Exclude, week: PlacedWeek) -> float:
    return sum(
        1 for d, xs in week.per_day.items() for x in xs if x in req.ids and (req.days is None or d in req.days)
    )


# --------------------------------------------------------------------------------------------
# Count: how many of a set a session or the week holds


def is_repeat_limit(req: Count) -> bool:
    """A cap on the days one exercise may appear (all such caps share one constraint)."""
    return (req.scope == "week" and req.measure == "days" and req.low == 0
            and req.high is not None and len(req.ids) == 1 and req.days is None)


def count_measure(req: Count, per_day: dict[str, list[str]]) -> int:
    """A week-scope count of ``req.ids`` in a placed week (on ``req.days`` only, when given:
    a count the walks already meet on some days, see :mod:`planner.solver.walks`)."""
    if req.days is not None:
        per_day = {d: xs for d, xs in per_day.items() if d in req.days}
    ids = req.ids
    if req.measure == "items":
        return sum(sum(map(ids.__contains__, xs)) for xs in per_day.values())
    if req.measure == "days":
        return sum(1 for xs in per_day.values() if not ids.isdisjoint(xs))
    return len(ids.intersection(chain.from_iterable(per_day.values())))


def _count_shape(req: Count, facts: ModelFacts) -> None:
    if req.scope == "session":
        facts.session_counts.append(req)
        return
    facts.week_counts.append(req)
    if is_repeat_limit(req):
        assert req.high is not None
        (value,) = req.ids
        facts.repeat_limits[value] = min(req.high, facts.repeat_limits.get(value, req.high))


_WEEK_COUNT = {"items": Among, "days": DaysAmong, "distinct": DistinctAmong}


def _count_post(req: Count, model: WeekModel) -> Iterable[DayConstraint]:
    if req.scope == "session":
        return [Among((d,), req.ids, req.low, req.high) for d in model.days if req.days is None or d in req.days]
    if is_repeat_limit(req):
        return []  # in the model's repeat limits
    days = None if req.days is None else tuple(d for d in model.days if d in req.days)
    return [_WEEK_COUNT[req.measure](days, req.ids, req.low, req.high)]


def _count_deficit(req: Count, model: WeekModel) -> Iterable[DayConstraint]:
    return [PerValueDays({x: req.high for x in req.ids})] if is_repeat_limit(req) else _count_post(req, model)


def _count_miss(req: Count, week: PlacedWeek) -> float:
    miss = 0.0
    if req.scope == "session":
        contains = req.ids.__contains__
        values = [sum(map(contains, xs)) for d, xs in week.per_day.items() if req.days is None or d in req.days]
    elif req.measure == "days" and req.days is None and len(req.ids) == 1:  # as count_measure counts it
        (x,) = req.ids
        values = [week.days_holding[x]]
    else:
        values = [count_measure(req, week.per_day)]
    for n in values:
        miss += max(0, req.low - n) + (max(0, n - req.high) if req.high is not None else 0)
    return miss


def _count_explains(req: Count, week: PlacedWeek, day: str, ex_id: str) -> bool:
    """Named only when the plan meets the count and would break it without this exercise on
    this day (a soft count the week falls short of forced nothing)."""
    if not (req.low > 0 and ex_id in req.ids):
        return False
    per_day = week.per_day
    if req.scope == "session":
        return (req.days is None or day in req.days) and sum(x in req.ids for x in per_day[day]) == req.low
    rest = {d: [x for x in xs if not (d == day and x == ex_id)] for d, xs in per_day.items()}
    return count_measure(req, rest) < req.low <= count_measure(req, per_day)


# --------------------------------------------------------------------------------------------
# Apart: never on two consecutive days


def _apart_shape(req: Apart, facts: ModelFacts) -> None:
    facts.spacings.append(req)


def _apart_post(req: Apart, model: WeekModel) -> Iterable[DayConstraint]:
    return [NotBoth((a, b), req.ids) for a, b in consecutive(model.days, model.catalog.vocab.days, req.wrap)]


def _apart_miss(req: Apart, week: PlacedWeek) -> float:
    miss = 0.0
    per_day = week.per_day
    for a, b in consecutive(week.model.days, week.catalog.vocab.days, req.wrap):
        miss += bool(set(per_day[a]) & req.ids and set(per_day[b]) & req.ids)
    return miss


# --------------------------------------------------------------------------------------------
# Ordered and First: the order within a session


def _ordered_shape(req: Ordered, facts: ModelFacts) -> None:
    facts.ranks.append(dict(req.rank))


def _ordered_order(req: Ordered, units: Sequence[str]) -> Iterable[OrderConstraint]:
    ranked = [u for u in units if u in req.rank]
    return [Before(a, b) for a in ranked for b in ranked if req.rank[a] < req.rank[b]]


def _ordered_explains(req: Ordered, week: PlacedWeek, day: str, ex_id: str) -> bool:
    return ex_id in req.rank and any(o in req.rank and req.rank[o] != req.rank[ex_id] for o in week.per_day[day])


def _ordered_miss(req: Ordered, week: PlacedWeek) -> float:
    """Plan items that come after an item of higher rank in their session."""
    miss = 0.0
    for day in week.per_day:
        highest: int | None = None
        for ex_id, _ in week.entries(day):
            r = req.rank.get(ex_id)
            if r is None:
                continue
            if highest is not None and r < highest:
                miss += 1
            if highest is None or r > highest:
                highest = r
    return miss


def _first_order(req: First, units: Sequence[str]) -> Iterable[OrderConstraint]:
    return [NotFirst(u) for u in units if u not in req.ids] if units else []


def _first_explains(req: First, week: PlacedWeek, day: str, ex_id: str) -> bool:
    exercises = week.per_day[day]
    return bool(exercises) and exercises[0] == ex_id and ex_id in req.ids


def _first_miss(req: First, week: PlacedWeek) -> float:
    """Sessions that do not open with one of ``ids``."""
    return sum(1 for xs in week.per_day.values() if xs and xs[0] not in req.ids)


def _first_implies(req: First) -> list[Requirement]:
    """A session must contain something to open with: a hard First implies "at least one". (A
    soft one does not: its miss already counts a session that cannot open with one.)"""
    return [Count(req.origin, req.ids, "session", 1)] if req.origin.hard else []


# --------------------------------------------------------------------------------------------
# Adjacent and DoseLimit (SessionTime, WeekTime and Walk: planner.solver.time_treatments)


def _adjacent_explains(req: Adjacent, week: PlacedWeek, day: str, ex_id: str) -> bool:
    return ex_id in req.ids and week.catalog.exercises[ex_id].side == "unilateral"


def _dose_shape(req: DoseLimit, facts: ModelFacts) -> None:
    facts.dose_limits.append(req)


def _dose_miss(req: DoseLimit, week: PlacedWeek) -> float:
    """Plan items whose dose field is below ``low`` or above ``high`` (the solver doses by the
    hard limits only, so a soft limit can be missed)."""
    miss = 0.0
    for day in week.per_day:
        for ex_id, dose in week.entries(day):
            value = getattr(dose, req.dose_field)
            if ex_id not in req.ids or value is None:
                continue
            miss += (req.low is not None and value < req.low) + (req.high is not None and value > req.high)
    return miss


# --------------------------------------------------------------------------------------------
# Last and NotAdjacent: the order within a session


def _last_order(req: Last, units: Sequence[str]) -> Iterable[OrderConstraint]:
    return [NotLast(u) for u in units if u not in req.ids] if units else []


def _last_explains(req: Last, week: PlacedWeek, day: str, ex_id: str) -> bool:
    exercises = week.per_day[day]
    return bool(exercises) and exercises[-1] == ex_id and ex_id in req.ids


def _last_miss(req: Last, week: PlacedWeek) -> float:
    """Sessions that do not close with one of ``ids``."""
    return sum(1 for xs in week.per_day.values() if xs and xs[-1] not in req.ids)


def _not_adjacent_order(req: NotAdjacent, units: Sequence[str]) -> Iterable[OrderConstraint]:
    chosen = [u for u in units if u in req.ids]
    return [NotNextTo(a, b) for i, a in enumerate(chosen) for b in chosen[i + 1:]]


def _not_adjacent_miss(req: NotAdjacent, week: PlacedWeek) -> float:
    """Pairs of selected exercises next to each other in a session."""
    return sum(1 for xs in week.per_day.values() for a, b in pairwise(xs) if a in req.ids and b in req.ids)


def _stop_miss(req: Stop, week: PlacedWeek) -> float:
    """A soft referral is missed once by any plan that holds something."""
    return float(any(week.per_day.values()))


def _always(req: Any) -> bool:
    return True


TREATMENTS: dict[type[Requirement], Treatment] = {
    Exclude: Treatment(shape=_exclude_shape, miss=_exclude_miss, promotable=True, order_free=True),
    Count: Treatment(
        shape=_count_shape,
        post=_count_post,
        miss=_count_miss,
        explains=_count_explains,
        promotable=True,
        week_level=lambda req: req.scope == "week",
        deficit=_count_deficit,
        order_free=True,
    ),
    Apart: Treatment(shape=_apart_shape, post=_apart_post, miss=_apart_miss, promotable=True, week_level=_always,
                     deficit=_apart_post, order_free=True),
    Ordered: Treatment(shape=_ordered_shape, order=_ordered_order, miss=_ordered_miss, explains=_ordered_explains),
    First: Treatment(order=_first_order, miss=_first_miss, explains=_first_explains, implies=_first_implies),
    Adjacent: Treatment(explains=_adjacent_explains, constrains=False),  # sides are placed together
    DoseLimit: Treatment(shape=_dose_shape, miss=_dose_miss, order_free=True),
    SessionTime: Treatment(shape=time_shape, post=time_post, miss=time_miss, promotable=True),
    WeekTime: Treatment(post=week_time_post, miss=week_time_miss, promotable=True, week_level=_always,
                        order_free=True),
    Last: Treatment(order=_last_order, miss=_last_miss, explains=_last_explains,
                    implies=lambda req: [Count(req.origin, req.ids, "session", 1)] if req.origin.hard else []),
    NotAdjacent: Treatment(order=_not_adjacent_order, miss=_not_adjacent_miss),
    LoadShare: Treatment(post=share_post, miss=share_miss, scale=LOAD_SCALE, week_level=_always, order_free=True),
    LoadRatio: Treatment(post=ratio_post, miss=ratio_miss, scale=LOAD_SCALE, week_level=_always, order_free=True),
    Stop: Treatment(miss=_stop_miss, constrains=False, referral=lambda req: req.message, order_free=True),
    Advice: Treatment(constrains=False, advice=lambda req: req.text),
    Walk: Treatment(miss=walk_miss, constrains=False, order_free=True),  # planned before the sessions (planner.solver.walks)
}


_FOUND: dict[type, Treatment] = {}  # treatment() by the requirement's own type, as looked up


def treatment(req: Requirement) -> Treatment:
    """The treatment of ``req``'s type (a subclass falls back to its nearest listed base)."""
    found = _FOUND.get(type(req))
    if found is not None:
        return found
    for cls in type(req).__mro__:
        if cls in TREATMENTS:
            return _FOUND.setdefault(type(req), TREATMENTS[cls])
    raise TypeError(f"no treatment for requirement type {type(req).__name__}; add one to TREATMENTS")
