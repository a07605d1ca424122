"""The day assignment as a CP-SAT model: one Boolean per (training day, eligible exercise).

A slot group (one block on one day) becomes a count over its members' Booleans (at least
``required``, at most ``total``); the CSP's slots, filled in order of preference, give each set
of exercises exactly one assignment, so the two models have the same weeks. Each day
constraint of :mod:`planner.solver.backend` is posted by :data:`_POST`:

* integer ones (counts, days, distinct exercises, apart days, repeat limits, week time caps,
  pairs kept apart) exactly as linear constraints;
* a session's time cap exactly for the exercises' seconds plus the least moves between the
  levels they use (one case per set of levels); whether the session fits in its final order
  (``session_fits``) is a Python function, checked on each week found;
* a load form (:class:`LinearAtMost`, real weights) as integer weights rounded down after
  scaling (:data:`SCALE`), which never excludes a week the real form allows; the real form is
  then checked on each week found;
* :class:`WeekHolds` (a Python predicate) is checked on each week found, after posting what it
  says it is (``at_least``: a weekly minimum) as a linear constraint.

A week that fails a check made afterwards is forbidden (a no-good cut) and the model solved
again, so the answer stays exact: a week found meets every constraint, and "no week" is a proof.
After :data:`MAX_CUTS` cuts the search gives up (:class:`OutOfBudget`: proves nothing).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping, Sequence
from itertools import combinations
from typing import Any

from ortools.sat.python import cp_model

from planner.solver.backend import (
    DEADLINE,
    Among,
    DayConstraint,
    DaysAmong,
    DistinctAmong,
    LinearAtMost,
    Meter,
    NotBoth,
    NotTogether,
    OutOfBudget,
    PerValueDays,
    SlotGroup,
    TimeCap,
    WeekHolds,
    WeekTimeCap,
)
from planner.timing import LEVELS, least_moves_seconds, level

__all__ = ["assign_days", "build_week", "NODES_PER_SECOND", "SCALE", "MAX_CUTS"]

SCALE = 10_000  # load weights are scaled by this and rounded down (see LinearAtMost in the CSP backend)
MAX_CUTS = 200  # weeks refused by a check made afterwards before the search gives up
NODES_PER_SECOND = 2_000  # a node budget as CP-SAT deterministic time (and back, for a Meter)
LINEAR_TOLERANCE = 1e-6  # as the CSP backend's LinearAtMost


Check = tuple[str | None, Callable[[dict[str, list[str]]], bool]]  # (the one day it reads, or None; the test)


class _Week:
    """The Booleans of one week and the checks left for the weeks found."""

    def __init__(self, days: Sequence[str], groups: Sequence[SlotGroup]) -> None:
        self.model = cp_model.CpModel()
        self.days = list(days)
        self.groups = list(groups)
        self.x: dict[tuple[str, str], Any] = {}
        self.checks: list[Check] = []
        self.preference: list[Any] = []  # the Booleans in the order the search should set them true
        for g in groups:
            lits = []
            for ex in g.members:
                lit = self.model.NewBoolVar(f"{g.day}:{ex}")
                self.x[(g.day, ex)] = lit
                lits.append(lit)
            self.model.Add(sum(lits) >= g.required)
            self.model.Add(sum(lits) <= g.total)
        # the search tries the groups in the given order, each group's members in its order of
        # preference (as the CSP's slots do)
        self.preference = [self.x[(g.day, ex)] for g in groups for ex in g.members]

    def scope(self, days: tuple[str, ...] | None) -> list[str]:
        return self.days if days is None else [d for d in days if d in self.days]

    def placed(self, days: Sequence[str], ids: frozenset[str]) -> list[Any]:
        return [self.x[(d, e)] for d in days for e in ids if (d, e) in self.x]

    def any_of(self, lits: list[Any], name: str) -> Any:
        """A Boolean true exactly when one of ``lits`` is."""
        y = self.model.NewBoolVar(name)
        if lits:
            self.model.AddMaxEquality(y, lits)
        else:
            self.model.Add(y == 0)
        return y

    def bounds(self, expr: Any, low: int, high: int | None) -> None:
        if low > 0:
            self.model.Add(expr >= low)
        if high is not None:
            self.model.Add(expr <= high)

    def per_day(self, solver: cp_model.CpSolver) -> dict[str, list[str]]:
        """The week found, each day's exercises by place in their groups (as the CSP's slots)."""
        chosen = [(g, [e for e in g.members if solver.BooleanValue(self.x[(g.day, e)])]) for g in self.groups]
        out: dict[str, list[str]] = {d: [] for d in self.days}
        for place in range(max((len(c) for _, c in chosen), default=0)):
            for g, members in chosen:
                if place < len(members):
                    out[g.day].append(members[place])
        return out

    def forbid(self, week: dict[str, list[str]], day: str | None = None) -> None:
        """A no-good cut: this exact week (or this exact set of exercises on ``day``, for a
        check that reads that day alone) is not a solution."""
        on = {(d, e) for d, xs in week.items() for e in xs}
        self.model.AddBoolOr([lit.Not() if key in on else lit for key, lit in self.x.items()
                              if day is None or key[0] == day])


def _count(w: _Week, c: Among | DaysAmong | DistinctAmong, days: Sequence[str]) -> None:
    scope = w.scope(c.days)
    if isinstance(c, Among):
        w.bounds(sum(w.placed(scope, c.ids)), c.low, c.high)
    elif isinstance(c, DaysAmong):
        hits = [w.any_of(w.placed([d], c.ids), f"days:{d}") for d in scope]
        w.bounds(sum(hits), c.low, c.high)
    else:
        used = [w.any_of(w.placed(scope, frozenset([e])), f"uses:{e}") for e in sorted(c.ids)]
        w.bounds(sum(used), c.low, c.high)


def _not_both(w: _Week, c: NotBoth, days: Sequence[str]) -> None:
    a, b = (w.any_of(w.placed([d], c.ids), f"apart:{d}") for d in c.days)
    w.model.AddBoolOr([a.Not(), b.Not()])


def _time_cap(w: _Week, c: TimeCap, days: Sequence[str]) -> None:
    if c.day not in w.days:
        return
    lits = {e: lit for (d, e), lit in w.x.items() if d == c.day}
    total = sum(c.seconds.get(e, 0) * lit for e, lit in lits.items())
    w.model.Add(total <= c.cap)  # implied by the cases below (moves take no negative time): for the LP
    used = {}  # level -> a Boolean true when an exercise at that level is placed that day
    for lv in LEVELS:
        at = [lit for e, lit in lits.items() if e in c.positions and level(c.positions[e]) == lv]
        used[lv] = w.any_of(at, f"level:{c.day}:{lv}")
    for n in range(len(LEVELS) + 1):
        for these in combinations(LEVELS, n):
            when = [used[lv] if lv in these else used[lv].Not() for lv in LEVELS]
            w.model.Add(total + least_moves_seconds(these) <= c.cap).OnlyEnforceIf(when)
    if c.session_fits is not None:
        fits, day, cap, seconds = c.session_fits, c.day, c.cap, c.seconds
        w.checks.append((day, lambda week: fits([e for e in week[day] if e in seconds], cap)))


def _week_time_cap(w: _Week, c: WeekTimeCap, days: Sequence[str]) -> None:
    w.model.Add(sum(s * lit for (_, e), lit in w.x.items() if (s := c.seconds.get(e, 0))) <= c.cap)


def _linear(w: _Week, c: LinearAtMost, days: Sequence[str]) -> None:
    # rounding each weight down makes the integer form a relaxation of the real one: a week whose
    # real sum is at most LINEAR_TOLERANCE has an integer sum at most SCALE * LINEAR_TOLERANCE < 1
    terms = [math.floor(c.weights[e] * SCALE) * lit for (_, e), lit in w.x.items() if c.weights.get(e)]
    w.model.Add(sum(terms) <= 0)
    weights = c.weights
    w.checks.append((None, lambda week: sum(weights.get(e, 0.0) for xs in week.values() for e in xs)
                     <= LINEAR_TOLERANCE))


def _week_holds(w: _Week, c: WeekHolds, days: Sequence[str]) -> None:
    if c.at_least is not None:  # what the test is, as a linear constraint
        weights, low = c.at_least
        w.model.Add(sum(weights[e] * lit for (_, e), lit in w.x.items() if weights.get(e)) >= low)
    w.checks.append((None, c.test))


def _not_together(w: _Week, c: NotTogether, days: Sequence[str]) -> None:
    pairs = {frozenset((a, b)) for a, partners in c.partners.items() for b in partners if a != b}
    for pair in sorted(pairs, key=sorted):
        a, b = sorted(pair)
        if (c.day, a) in w.x and (c.day, b) in w.x:
            w.model.AddBoolOr([w.x[(c.day, a)].Not(), w.x[(c.day, b)].Not()])


def _per_value_days(w: _Week, c: PerValueDays, days: Sequence[str]) -> None:
    for e, limit in c.limits.items():
        lits = w.placed(w.days, frozenset([e]))
        if len(lits) > limit:
            w.model.Add(sum(lits) <= limit)


_POST: dict[type, Callable[[_Week, Any, Sequence[str]], None]] = {
    Among: _count,
    DaysAmong: _count,
    DistinctAmong: _count,
    NotBoth: _not_both,
    TimeCap: _time_cap,
    WeekTimeCap: _week_time_cap,
    LinearAtMost: _linear,
    WeekHolds: _week_holds,
    NotTogether: _not_together,
    PerValueDays: _per_value_days,
}


def solver_for(budget: float) -> cp_model.CpSolver:
    """A deterministic single-worker CP-SAT solver limited to ``budget`` nodes' worth of
    deterministic time (and the plan's time limit, when one is set)."""
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_deterministic_time = max(budget / NODES_PER_SECOND, 0.05)
    deadline = DEADLINE.get()
    if deadline is not None:
        solver.parameters.max_time_in_seconds = max(deadline - time.monotonic(), 0.01)
    return solver


def build_week(days: Sequence[str], groups: Sequence[SlotGroup], constraints: Sequence[DayConstraint]) -> _Week:
    """The CP-SAT model of the week with every day constraint posted (checks left for weeks found)."""
    w = _Week(days, groups)
    for c in constraints:
        try:
            post = _POST[type(c)]
        except KeyError:
            raise TypeError(f"the exact backend cannot express {type(c).__name__}") from None
        post(w, c, days)
    return w


def assign_days(days: Sequence[str], groups: Sequence[SlotGroup], constraints: Sequence[DayConstraint],
                budget: int, meter: Meter | None = None) -> dict[str, list[str]] | None:
    """A week meeting every constraint, ``None`` when proven impossible; raises
    :class:`OutOfBudget` when CP-SAT's time (``budget`` nodes' worth) or :data:`MAX_CUTS` run out."""
    w = build_week(days, groups, constraints)
    if w.preference:
        w.model.AddDecisionStrategy(w.preference, cp_model.CHOOSE_FIRST, cp_model.SELECT_MAX_VALUE)
    spent = 0.0
    try:
        for _ in range(MAX_CUTS + 1):
            # first the order of preference (a depth-first search: seeded weeks, as the CSP's),
            # then, when that has not decided within a quarter of the budget, CP-SAT's own
            # search (linear relaxation, clause learning), which proves "no week" much faster
            status = cp_model.UNKNOWN
            for branching, share in ((cp_model.FIXED_SEARCH, 0.25), (cp_model.AUTOMATIC_SEARCH, 1.0)):
                left = budget - spent * NODES_PER_SECOND
                if left <= 0:
                    break
                solver = solver_for(left * share)
                solver.parameters.search_branching = branching
                status = solver.Solve(w.model)
                spent += solver.ResponseProto().deterministic_time
                if status != cp_model.UNKNOWN:
                    break
            if status == cp_model.INFEASIBLE:
                return None
            if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                raise OutOfBudget
            week = w.per_day(solver)
            failed = [day for day, check in w.checks if not check(week)]
            if not failed:
                return week
            for day in dict.fromkeys(failed):
                w.forbid(week, day)
            if spent * NODES_PER_SECOND >= budget:
                break
        raise OutOfBudget
    finally:
        if meter is not None:
            meter.nodes += max(1, round(spent * NODES_PER_SECOND))
