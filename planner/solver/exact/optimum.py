"""The least soft score CP-SAT can prove, for the soft rules whose amount is a deficit.

:func:`planner.solver.score.soft_terms` gives, per soft requirement whose type can say so, its
weight and the day constraints whose shortfalls add up to its amount; this module adds each
shortfall as an integer variable (counts below ``low`` or above ``high``, both days of a
:class:`NotBoth`, days past a repeat limit) and minimises their weighted sum under the hard
constraints. A week that fails a check made afterwards (:mod:`.days`) is cut off and the model
solved again, so the optimum holds for weeks that meet every hard constraint. It is a benchmark
tool (benchmarks/exact.py): soft rules of other types are left out and listed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ortools.sat.python import cp_model

from planner.solver.backend import (
    Among,
    DayConstraint,
    DaysAmong,
    DistinctAmong,
    NotBoth,
    PerValueDays,
    SlotGroup,
)
from planner.solver.exact.days import MAX_CUTS, _Week, build_week

__all__ = ["Optimum", "least_penalty"]


@dataclass(frozen=True)
class Optimum:
    """The least weighted shortfall (tenths) and a week with it; ``proven``: CP-SAT proved it
    least (else the best found when time ran out); ``None`` penalty: no week at all."""

    penalty: int | None
    proven: bool
    week: dict[str, list[str]] | None


def _shortfall(w: _Week, expr: Any, low: int, high: int | None, size: int, name: str) -> list[Any]:
    out = []
    if low > 0:
        short = w.model.NewIntVar(0, low, f"short:{name}")
        w.model.Add(short >= low - expr)
        out.append(short)
    if high is not None:
        over = w.model.NewIntVar(0, max(size - high, 0), f"over:{name}")
        w.model.Add(over >= expr - high)
        out.append(over)
    return out


def _deficits(w: _Week, c: DayConstraint, name: str) -> list[Any]:
    if isinstance(c, Among):
        lits = w.placed(w.scope(c.days), c.ids)
        return _shortfall(w, sum(lits), c.low, c.high, len(lits), name)
    if isinstance(c, DaysAmong):
        hits = [w.any_of(w.placed([d], c.ids), f"{name}:{d}") for d in w.scope(c.days)]
        return _shortfall(w, sum(hits), c.low, c.high, len(hits), name)
    if isinstance(c, DistinctAmong):
        scope = w.scope(c.days)
        used = [w.any_of(w.placed(scope, frozenset([e])), f"{name}:{e}") for e in sorted(c.ids)]
        return _shortfall(w, sum(used), c.low, c.high, len(used), name)
    if isinstance(c, NotBoth):
        a, b = (w.any_of(w.placed([d], c.ids), f"{name}:{d}") for d in c.days)
        both = w.model.NewBoolVar(f"both:{name}")
        w.model.Add(both >= a + b - 1)
        return [both]
    if isinstance(c, PerValueDays):
        out = []
        for e, limit in c.limits.items():
            lits = w.placed(w.days, frozenset([e]))
            out += _shortfall(w, sum(lits), 0, limit, len(lits), f"{name}:{e}")
        return out
    raise TypeError(f"no shortfall for {type(c).__name__}")


def least_penalty(days: Sequence[str], groups: Sequence[SlotGroup], constraints: Sequence[DayConstraint],
                  terms: Sequence[tuple[int, Sequence[DayConstraint]]], seconds: float) -> Optimum:
    """The least weighted shortfall of ``terms`` over weeks meeting ``constraints``, within
    ``seconds`` of CP-SAT time in all (one worker, deterministic apart from the time limit)."""
    w = build_week(days, groups, constraints)
    objective = []
    for n, (weight, parts) in enumerate(terms):
        for k, c in enumerate(parts):
            objective += [weight * v for v in _deficits(w, c, f"{n}.{k}")]
    w.model.Minimize(sum(objective))
    spent = 0.0
    for _ in range(MAX_CUTS + 1):
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.max_time_in_seconds = max(seconds - spent, 0.01)
        status = solver.Solve(w.model)
        spent += solver.WallTime()
        if status == cp_model.INFEASIBLE:
            return Optimum(None, True, None)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return Optimum(None, False, None)
        week = w.per_day(solver)
        failed = [day for day, check in w.checks if not check(week)]
        if not failed:
            return Optimum(round(solver.ObjectiveValue()), status == cp_model.OPTIMAL, week)
        for day in dict.fromkeys(failed):
            w.forbid(week, day)
        if spent >= seconds:
            break
    return Optimum(None, False, None)
