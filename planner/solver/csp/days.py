"""The day assignment as a python-constraint2 problem.

Each training day has one slot variable per place in each block (warm-up, relaxation, stretch,
strength, aerobic, cool-down); a slot holds an exercise of that block or stays empty
(:data:`EMPTY`). Slots of a block are filled in the seeded order of preference, so a block's
set of exercises has exactly one assignment. Each day constraint of
:mod:`planner.solver.backend` becomes a propagator of :mod:`planner.solver.csp.propagators`
over the slots it reads.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import constraint

import planner.solver.csp.propagators as p
from planner.solver.backend import (
    Among,
    DayConstraint,
    DaysAmong,
    DistinctAmong,
    LinearAtMost,
    Meter,
    NotBoth,
    NotTogether,
    PerValueDays,
    SlotGroup,
    TimeCap,
    WeekHolds,
    WeekTimeCap,
)

__all__ = ["assign_days", "EMPTY"]

EMPTY = "-"  # the value of a slot left empty

Slot = tuple[str, str, int]  # (day, block, place)


class _NoWeek(Exception):
    """A constraint needs more slots than can hold its exercises."""


class _DayProblem:
    """Slot variables, and which of them each day constraint reads."""

    def __init__(self, groups: Sequence[SlotGroup]) -> None:
        self.problem = constraint.Problem(p.OrderedBacktracking([]))
        self.order: list[Slot] = []
        self.day_vars: dict[str, list[Slot]] = defaultdict(list)
        self.day_of: dict[Slot, str] = {}
        self.values: dict[Slot, list[str]] = {}
        self.needs: dict[str, list[tuple[frozenset[str], tuple[Slot, ...]]]] = {}  # per day: see _session_needs
        self.posted: list[DayConstraint] = []  # every day constraint of the search
        for g in groups:
            rank = {ex: i for i, ex in enumerate(g.members)}
            chain = []
            for s in range(g.total):
                var = (g.day, g.block, s)
                # slot s holds the member of rank s or later, and leaves room for the slots
                # that must be filled after it (filled slots rise in rank)
                top = len(g.members) - max(g.required - s, 1)
                values = list(g.members[s:top + 1]) + ([EMPTY] if s >= g.required else [])
                self.problem.addVariable(var, list(reversed(values)))  # the solver pops from the end
                self.values[var] = values
                self.order.append(var)
                self.day_vars[g.day].append(var)
                self.day_of[var] = g.day
                chain.append(var)
            if len(chain) > 1:  # filled slots first, in the order of preference
                self.problem.addConstraint(p.Ascending(rank, EMPTY), chain)

    def scope(self, days: tuple[str, ...] | None) -> list[Slot]:
        if days is None:
            return self.order
        return [v for d in days for v in self.day_vars[d]]

    def relevant(self, vars_: Iterable[Slot], ids: frozenset[str]) -> list[Slot]:
        """The slots that can hold one of ``ids``."""
        return [v for v in vars_ if not ids.isdisjoint(self.values[v])]

    def demands(self, limits: Mapping[str, int]) -> list[tuple[frozenset[str], dict[str, int]]]:
        """The sessions' counts over values that all have a repeat limit: per set of ids, the
        least number of them each day needs."""
        out: dict[frozenset[str], dict[str, int]] = defaultdict(dict)
        for c in self.posted:
            if (isinstance(c, Among) and c.low > 0 and c.days is not None and len(c.days) == 1
                    and all(x in limits for x in c.ids)):
                lows = out[c.ids]
                lows[c.days[0]] = max(lows.get(c.days[0], 0), c.low)
        return list(out.items())

    def add(self, c: DayConstraint, days: Sequence[str]) -> None:
        try:
            post = _POST[type(c)]
        except KeyError:
            raise TypeError(f"the python-constraint2 backend cannot express {type(c).__name__}") from None
        post(self, c, days)

    def _count(self, c: Among | DaysAmong | DistinctAmong, days: Sequence[str]) -> None:
        vs = self.relevant(self.scope(c.days), c.ids)
        if len(vs) < c.low:  # each slot adds at most one item, day or exercise
            raise _NoWeek
        if not vs:
            return
        if isinstance(c, Among):
            self.problem.addConstraint(p.Among(c.ids, c.low, c.high), vs)
        elif isinstance(c, DaysAmong):
            self.problem.addConstraint(p.Days(c.ids, self.day_of, c.low, c.high), vs)
        else:
            self.problem.addConstraint(p.Distinct(c.ids, c.low, c.high), vs)

    def _not_both(self, c: NotBoth, days: Sequence[str]) -> None:
        vs = self.relevant(self.scope(c.days), c.ids)
        if vs:
            self.problem.addConstraint(p.Apart(c.ids, self.day_of), vs)

    def _time_cap(self, c: TimeCap, days: Sequence[str]) -> None:
        if self.day_vars[c.day]:
            cap = p.TimeBudget(c.seconds, c.cap, self.needs.get(c.day, ()), c.positions, c.session_fits)
            self.problem.addConstraint(cap, cap.scope(self.day_vars[c.day]))

    def _week_time_cap(self, c: WeekTimeCap, days: Sequence[str]) -> None:
        vs = self.relevant(self.order, frozenset(c.seconds))
        if vs:
            self.problem.addConstraint(p.TimeBudget(dict(c.seconds), c.cap), vs)

    def _linear(self, c: LinearAtMost, days: Sequence[str]) -> None:
        vs = self.relevant(self.order, frozenset(c.weights))
        if vs:
            self.problem.addConstraint(p.LinearAtMost(c.weights), vs)

    def _week_holds(self, c: WeekHolds, days: Sequence[str]) -> None:
        """An exact test on complete weeks (the library calls it once all its slots are set)."""
        vs = tuple(self.order)
        self.problem.addConstraint(
            constraint.FunctionConstraint(
                lambda *vals, test=c.test, vs=vs: test(assignment_days(dict(zip(vs, vals)), days))
            ),
            list(self.order),
        )

    def _not_together(self, c: NotTogether, days: Sequence[str]) -> None:
        vs = self.relevant(self.day_vars[c.day], frozenset(c.partners))
        if vs:
            self.problem.addConstraint(p.Apartners(c.partners), vs)

    def _per_value_days(self, c: PerValueDays, days: Sequence[str]) -> None:
        vs = self.relevant(self.order, frozenset(c.limits))
        if vs:
            self.problem.addConstraint(p.PerValueDays(c.limits, self.day_of, self.demands(c.limits)), vs)


_POST: dict[type, Callable[[_DayProblem, Any, Sequence[str]], None]] = {
    Among: _DayProblem._count,
    DaysAmong: _DayProblem._count,
    DistinctAmong: _DayProblem._count,
    NotBoth: _DayProblem._not_both,
    TimeCap: _DayProblem._time_cap,
    WeekTimeCap: _DayProblem._week_time_cap,
    LinearAtMost: _DayProblem._linear,
    WeekHolds: _DayProblem._week_holds,
    NotTogether: _DayProblem._not_together,
    PerValueDays: _DayProblem._per_value_days,
}


def assign_days(days: Sequence[str], groups: Sequence[SlotGroup], constraints: Sequence[DayConstraint],
                budget: int, meter: Meter | None = None) -> dict[str, list[str]] | None:
    """One search for a day assignment; ``None`` when proven impossible; raises
    :class:`planner.solver.backend.OutOfBudget` when out of budget."""
    model = _DayProblem(groups)
    model.needs = _session_needs(model, constraints)
    model.posted = list(constraints)
    try:
        for c in constraints:
            model.add(c, days)
    except _NoWeek:
        return None
    if not model.order:
        return {d: [] for d in days}
    model.problem.addConstraint(p.Budget(budget, meter), list(model.order))
    model.problem.setSolver(p.OrderedBacktracking(model.order))
    found = model.problem.getSolution()
    return None if found is None else assignment_days(found, days)


def _session_needs(model: _DayProblem, constraints: Sequence[DayConstraint]
                   ) -> dict[str, list[tuple[frozenset[str], tuple[Slot, ...]]]]:
    """Per day, the counts that need one item and could be met on it, with the slots of other
    days that could meet them instead (none for a count over that day alone): its time cap
    reasons about the time the counts still owed there take."""
    needs: dict[str, list[tuple[frozenset[str], tuple[Slot, ...]]]] = defaultdict(list)
    for c in constraints:
        if isinstance(c, Among) and c.low == 1:
            vs = model.relevant(model.scope(c.days), c.ids)
            for d in dict.fromkeys(model.day_of[v] for v in vs):
                needs[d].append((c.ids, tuple(v for v in vs if model.day_of[v] != d)))
    return needs


def assignment_days(assignment: dict, days: Sequence[str]) -> dict[str, list[str]]:
    """The exercises of each day in an assignment of slots (by place, then slot order)."""
    out: dict[str, list[str]] = {d: [] for d in days}
    for (d, _block, _s), value in sorted(assignment.items(), key=lambda kv: kv[0][2]):
        if value != EMPTY:
            out[d].append(value)
    return out
