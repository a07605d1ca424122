"""The week's repeat limits in one propagator, followed a slot at a time.

Part of :mod:`planner.solver.csp.propagators` (which re-exports it): forward checking, hiding
only values that can no longer be part of a solution.

A backtracking search sets its variables one after another and undoes them last first, so the
assignments it passes are always the ones of the call before, plus or minus the latest. The
propagator keeps, per slot of its scope set so far, what the week uses then (its *trail*), and
reads a call as one more value on one more day, instead of counting the whole week again: in a
six-day week, which has seventy slots, that was most of a node's time.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import constraint

from planner.solver.csp.slots import hide

__all__ = ["PerValueDays"]

_UNSET = object()


class _Used(NamedTuple):
    """What the slots set so far use: per limited value the days it is on; per demand the days
    its values have left, and how many of its values each day holds (``None``: none yet); the
    values on all their days."""

    days: dict[str, frozenset]
    lefts: tuple[int, ...]
    hits: tuple[dict | None, ...]
    full: frozenset[str]


class PerValueDays(constraint.Constraint):
    """Each value ``x`` of ``limits`` is used on at most ``limits[x]`` days (all repeat limits
    of a week in one constraint, instead of one constraint per exercise).

    ``demands``: sessions' counts over limited values only, each as its ids and the least
    number of them per day. A day holds a value once, so the items still owed over those days
    cannot exceed the days the values of ``ids`` have left: "neck work every session" from
    three neck exercises of at most two days each fails at once in a seven-day week, instead
    of on the seventh day of every week tried.

    >>> days = PerValueDays({"bridge": 1}, {"mon:1": "mon", "tue:1": "tue"})
    >>> problem = constraint.Problem()
    >>> problem.addVariables(["mon:1", "tue:1"], ["bridge", "plank"])
    >>> problem.addConstraint(days, ["mon:1", "tue:1"])
    >>> sorted(tuple(sorted(s.values())) for s in problem.getSolutions())
    [('bridge', 'plank'), ('bridge', 'plank'), ('plank', 'plank')]
    """

    def __init__(self, limits: dict[str, int], day_of: dict,
                 demands: Sequence[tuple[frozenset[str], dict[str, int]]] = ()) -> None:
        self.limits, self.day_of = limits, day_of
        # each demand with the days its values have in all (every value of a demand is limited)
        self.demands = tuple((ids, lows, sum(limits[x] for x in ids)) for ids, lows in demands)
        self.owed = tuple(sum(lows.values()) for _, lows in demands)  # each demand's items before any is placed
        # per limited value, the demands (by place) whose ids hold it
        self.member: dict[str, tuple[int, ...]] = {
            x: tuple(k for k, (ids, _, _) in enumerate(self.demands) if x in ids) for x in limits}
        self.holders: dict[str, tuple[int, ...]] = {}  # per limited value, the slots (by place) that may hold it
        self._trail: list[tuple[int, object, object, _Used]] = []  # (assignments, slot, value, used) per call passed

    def preProcess(self, variables, domains, constraints, vconstraints):  # noqa: N802 - library API
        """Notes which slots each limited value is in the domain of, before the search hides any
        value: a value used up hides only from those, not after a look at every slot."""
        super().preProcess(variables, domains, constraints, vconstraints)
        holders: dict[str, list[int]] = {}
        for i, v in enumerate(variables):
            for x in domains[v]:
                if x in self.limits:
                    holders.setdefault(x, []).append(i)
        self.holders = {x: tuple(at) for x, at in holders.items()}
        self._trail = []

    def __call__(self, variables, domains, assignments, forwardcheck=False):
        n = len(assignments)
        trail = self._trail
        while trail and trail[-1][0] >= n:  # calls for slots since unset, or set again
            trail.pop()
        slot = next(reversed(assignments))  # the slot just set: the search sets and unsets last first
        value = assignments[slot]
        if trail and assignments.get(trail[-1][1], _UNSET) == trail[-1][2]:
            used = self._step(trail[-1][3], value, self.day_of[slot])
        else:  # the first call (or a search that set slots in another way): count them all
            trail.clear()
            used = self._count(assignments)
        if used is None:
            return False
        trail.append((n, slot, value, used))
        full = used.full
        if forwardcheck and full:
            days, day_of, holders = used.days, self.day_of, self.holders
            for i in sorted({i for x in full for i in holders.get(x, ())}):  # in the order of the slots
                v = variables[i]
                if v not in assignments and not full.isdisjoint(domains[v]):
                    day = day_of[v]
                    if not hide(domains[v], lambda x, day=day: x not in full or day in days[x]):
                        return False
        return True

    def _step(self, used: _Used, value, day) -> _Used | None:
        """``used`` with ``value`` on ``day`` too, or ``None`` when a limit no longer holds (the
        demands its value is not in are as they were, and held)."""
        limit = self.limits.get(value)
        if limit is None:
            return used
        had = used.days.get(value, frozenset())
        if day in had:
            return used
        now = had | {day}
        if len(now) > limit:
            return None
        days = dict(used.days)
        days[value] = now
        full = used.full | {value} if len(now) == limit else used.full
        member = self.member[value]
        if not member:
            return _Used(days, used.lefts, used.hits, full)
        lefts, hits = list(used.lefts), list(used.hits)
        for k in member:
            lefts[k] -= 1
            counts = dict(hits[k]) if hits[k] is not None else {}
            counts[day] = counts.get(day, 0) + 1
            hits[k] = counts
            if _owed(self.demands[k][1], counts) > lefts[k]:
                return None
        return _Used(days, tuple(lefts), tuple(hits), full)

    def _count(self, assignments) -> _Used | None:
        """What every slot set uses, or ``None`` when a limit or a demand no longer holds."""
        limits, day_of = self.limits, self.day_of
        sets: dict[str, set] = {}
        # every slot that holds a limited value reads it (it is in this constraint's scope), so
        # the assigned slots are all that need looking at
        for v, value in assignments.items():
            if value in limits:
                sets.setdefault(value, set()).add(day_of[v])
        full = set()
        for value, days in sets.items():
            if len(days) > limits[value]:
                return None
            if len(days) == limits[value]:
                full.add(value)
        lefts = [left for _, _, left in self.demands]
        hits: list[dict | None] = [None] * len(self.demands)
        for x, days in sets.items():
            for k in self.member[x]:
                lefts[k] -= len(days)
                counts = hits[k]
                if counts is None:
                    counts = hits[k] = {}
                for d in days:
                    counts[d] = counts.get(d, 0) + 1
        for k, (_, lows, _) in enumerate(self.demands):
            counts = hits[k]
            if counts is None:  # none of its values used yet
                if self.owed[k] > lefts[k]:
                    return None
                continue
            if _owed(lows, counts) > lefts[k]:
                return None
        return _Used({x: frozenset(d) for x, d in sets.items()}, tuple(lefts), tuple(hits), frozenset(full))


def _owed(lows: dict[str, int], counts: dict[str, int]) -> int:
    """The items a demand still owes: per day, its least number less what the day holds."""
    return sum(low - counts.get(d, 0) for d, low in lows.items() if counts.get(d, 0) < low)
