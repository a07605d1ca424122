"""Walks: short activities of their own (``walks`` rules), planned before the sessions.

A walk is not part of a session: it is placed first, on days off training where there are
enough (spread over the week), beside a session otherwise. It obeys every exclusion (safety,
profile, equipment, audience, bans: any ``Exclude``, whatever its level) and the hard dose
limits on its minutes, and never takes a hard weekly cap (items, days, minutes) past its limit
on its own: a walk day that would is left out. When no selected activity is allowed there is
no walk, and the walk rule is missed at its level (:func:`walk_results`).

The walks then count toward the weekly rules, exactly as the checker counts them
(:func:`credit`): a weekly count or time of a set that holds a walked activity is reduced by
what the walks already give, so the search does not put aerobic work into a session that a
walk already provides; a session on a walk day does not repeat the walked activity.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from planner.models import BANNED_RULE_ID, Dose
from planner.requirements import Count, DoseLimit, Exclude, Origin, Requirement, Walk, WeekTime
from planner.solver.compiled import Compiled
from planner.solver.time_treatments import walk_days
from planner.solver.solution import GaveWay, Item, Solution

__all__ = ["Walks", "plan_walks", "credit", "walk_results", "refused"]


@dataclass
class Walks:
    """The walks of the week (day -> items) and, per walk rule, the walk days it is short of
    with the rules that kept them out."""

    days: dict[str, list[Item]] = field(default_factory=dict)
    short: list[tuple[Walk, int, tuple[str, ...]]] = field(default_factory=list)

    def ids(self) -> dict[str, list[str]]:
        return {d: [i.exercise for i in items] for d, items in self.days.items()}


def plan_walks(compiled: Compiled) -> Walks:
    """The walks every ``walks`` requirement asks for, as far as the other rules allow."""
    walks = Walks()
    blocked: dict[Walk, list[str]] = {}
    for req in compiled.requirements:
        if isinstance(req, Walk):
            blocked[req] = _plan_one(compiled, req, walks)
    for req, because in blocked.items():  # short of days, as the checker counts them
        missing = req.days - walk_days(req, walks.ids())
        if missing > 0:
            walks.short.append((req, missing, tuple(dict.fromkeys(because))))
    return walks


def _plan_one(compiled: Compiled, req: Walk, walks: Walks) -> list[str]:
    """Place ``req``'s walks (the days other walk rules left it); the rules that kept walks out."""
    catalog = compiled.ctx.catalog
    order = catalog.vocab.days
    training = set(compiled.ctx.profile.days)
    reqs = compiled.requirements
    blocked: list[str] = []
    for ex_id in req.ids:
        if catalog.exercises[ex_id].side == "unilateral":
            continue  # a walk is one item, done with both sides
        why = [BANNED_RULE_ID] if catalog.exercises[ex_id].banned is not None else []
        off_days: set[str] = set()
        for r in reqs:
            if isinstance(r, Exclude) and ex_id in r.ids:
                if r.days is None:
                    why.append(r.origin.rule_id)
                else:
                    off_days |= r.days
        minutes, dose_why = _minutes(reqs, ex_id, req.minutes)
        if minutes is None:
            why.extend(dose_why)
        free = [d for d in order if (req.on is None or d in req.on) and d not in off_days and d not in walks.days]
        if why or not free:
            blocked.extend(why or [r.origin.rule_id for r in reqs if isinstance(r, Exclude) and ex_id in r.ids])
            continue
        assert minutes is not None
        chosen = _spread(free, training, order, req.days - walk_days(req, walks.ids()))
        item = Item(ex_id, "both", Dose(sets=1, minutes=minutes), (req.origin.rule_id,))
        chosen = _within_caps(reqs, ex_id, item.dose.seconds(), chosen, blocked)
        for day in chosen:
            walks.days[day] = [item]
        return blocked
    return blocked


def _minutes(reqs: Sequence[Requirement], ex_id: str, wanted: int) -> tuple[int | None, list[str]]:
    """The walk's minutes within the hard dose limits on minutes, or ``None`` (and the limits)."""
    mine = [r for r in reqs if isinstance(r, DoseLimit) and r.origin.hard and ex_id in r.ids and r.dose_field == "minutes"]
    low = max((r.low for r in mine if r.low is not None), default=None)
    high = min((r.high for r in mine if r.high is not None), default=None)
    if low is not None and high is not None and low > high:
        return None, [r.origin.rule_id for r in mine]
    value = wanted if low is None else max(wanted, low)
    return (value if high is None else min(value, high)), []


def _spread(free: list[str], training: set[str], order: Sequence[str], n: int) -> list[str]:
    """``n`` of ``free`` days: days off training first, each as far as it can be from those
    already chosen (round the week), the earliest on a tie; in calendar order."""
    chosen: list[str] = []
    left = list(free)

    def distance(a: str, b: str) -> int:
        gap = abs(order.index(a) - order.index(b))
        return min(gap, len(order) - gap)

    while left and len(chosen) < n:
        best = min(left, key=lambda d: (d in training, -min((distance(d, c) for c in chosen), default=7), order.index(d)))
        chosen.append(best)
        left.remove(best)
    return sorted(chosen, key=order.index)


def _within_caps(reqs: Sequence[Requirement], ex_id: str, seconds: int, days: list[str], blocked: list[str]) -> list[str]:
    """Drop walk days (the last first) while the walks alone break a hard weekly cap."""
    days = list(days)
    for r in reqs:
        if not r.origin.hard:
            continue
        if isinstance(r, Count) and r.scope == "week" and r.high is not None and ex_id in r.ids:
            cap = r.high if r.measure != "distinct" else (len(days) if r.high >= 1 else 0)
            while days and len(days) > cap:
                days.pop()
                blocked.append(r.origin.rule_id)
        if isinstance(r, WeekTime) and r.max_seconds is not None and ex_id in r.ids:
            while days and len(days) * seconds > r.max_seconds:
                days.pop()
                blocked.append(r.origin.rule_id)
    return days


def credit(compiled: Compiled, walks: Walks) -> Compiled:
    """The requirements with what the walks give taken off the weekly counts and times (see the
    module docstring); the walk requirements leave (:func:`walk_results` reports on them)."""
    catalog = compiled.ctx.catalog
    training = set(compiled.ctx.profile.days)
    placed = walks.ids()
    walked = {x for xs in placed.values() for x in xs}
    out: list[Requirement] = []
    for r in compiled.requirements:
        if isinstance(r, Walk):
            continue
        if isinstance(r, Count) and r.scope == "week" and r.ids & walked:
            r = _credit_count(r, placed, training, catalog.vocab.days)
        elif isinstance(r, WeekTime) and r.ids & walked:
            r = _credit_time(r, walks)
        if r is not None:
            out.append(r)
    for rule_id in dict.fromkeys(i.why[0] for items in walks.days.values() for i in items):
        days = frozenset(d for d, items in walks.days.items() if items[0].why[0] == rule_id)
        ids = frozenset(i.exercise for d in days for i in walks.days[d])
        out.append(Exclude(Origin(rule_id), ids, days, reason="walked on its own that day"))
    return replace(compiled, requirements=out)


def _credit_count(r: Count, placed: dict[str, list[str]], training: set[str], order: Sequence[str]) -> Count | None:
    if r.measure == "items":
        n = sum(1 for xs in placed.values() for x in xs if x in r.ids)
        r = replace(r, low=max(0, r.low - n), high=None if r.high is None else r.high - n)
    elif r.measure == "days":
        days = {d for d, xs in placed.items() if set(xs) & r.ids}
        within = None if not days & training else frozenset(d for d in order if d not in days)
        r = replace(r, low=max(0, r.low - len(days)), high=None if r.high is None else r.high - len(days), days=within)
    else:
        used = {x for xs in placed.values() for x in xs} & r.ids
        r = replace(r, ids=r.ids - used, low=max(0, r.low - len(used)),
                    high=None if r.high is None else r.high - len(used))
    return None if r.low == 0 and r.high is None else r


def _credit_time(r: WeekTime, walks: Walks) -> WeekTime | None:
    seconds = sum(i.dose.seconds() for items in walks.days.values() for i in items if i.exercise in r.ids)
    low = None if r.min_seconds is None or r.min_seconds <= seconds else r.min_seconds - seconds
    high = None if r.max_seconds is None else r.max_seconds - seconds
    return None if low is None and high is None else replace(r, min_seconds=low, max_seconds=high)


def walk_results(compiled: Compiled, walks: Walks, solution: Solution, weight_scale: int) -> None:
    """Put the walks into ``solution``, with the rules they count toward, and report each walk
    rule short of days at its level: a structure one as giving way, naming the rules that kept
    the walks out; a preference in the soft score (a safety one refuses the week, see
    :func:`refused`)."""
    weekly = _weekly(compiled)
    for day, items in walks.days.items():
        ids = {i.exercise for i in items}
        extra = [r.origin.rule_id for r in weekly if r.ids & ids and r.origin.rule_id not in solution.soft_misses]
        solution.walks[day] = [replace(i, why=tuple(dict.fromkeys((*i.why, *extra)))) for i in items]
    for req, missing, because in walks.short:
        if req.origin.gives_way:
            solution.gave_way.append(GaveWay(req.origin.rule_id, because))
        else:
            solution.penalty += round(missing * req.origin.weight * weight_scale)
            solution.soft_misses = sorted({*solution.soft_misses, req.origin.rule_id})


def refused(walks: Walks) -> tuple[str, ...]:
    """The ids of safety walk rules the week is short of, then the rules that kept walks out."""
    ids: list[str] = []
    for req, _, because in walks.short:
        if req.origin.hard and not req.origin.gives_way:
            ids.extend((req.origin.rule_id, *because))
    return tuple(dict.fromkeys(ids))


def _weekly(compiled: Compiled) -> list[Count | WeekTime]:
    """The weekly counts and times with a minimum (the rules a walk can count toward)."""
    return [
        r for r in compiled.requirements
        if isinstance(r, (Count, WeekTime)) and (r.low if isinstance(r, Count) else r.min_seconds or 0) > 0
        and (not isinstance(r, Count) or r.scope == "week")
    ]
