"""The least soft score CP-SAT can prove, and a lower bound on it when time runs out.

:func:`least_soft` minimises the objective of :mod:`.objective` (the soft rules whose amount can
be put exactly: deficits, loads, placements) under the hard constraints of a week model;
:func:`least_penalty` minimises given deficit terms (the benchmark's older table and its
tests). A week that fails a check made afterwards (:mod:`.days`) is cut off and the model solved
again, so the optimum holds for weeks that meet every hard constraint. Each model solved is a
relaxation of the weeks that meet every hard constraint (load forms rounded down, checks left
for later), so CP-SAT's best bound on any of them is a lower bound on every such week's score.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ortools.sat.python import cp_model

from planner.solver.backend import DayConstraint, SlotGroup
from planner.solver.exact.days import MAX_CUTS, _Week, build_week
from planner.solver.exact.objective import RESOLUTION, Objective, deficits, soft_objective
from planner.solver.model import WeekModel

__all__ = ["Optimum", "least_penalty", "least_soft"]


@dataclass(frozen=True)
class Optimum:
    """The least weighted score (tenths) and a week with it; ``proven``: CP-SAT proved it least
    (else the best found when time ran out); ``None`` penalty: no week found (``proven``: none
    exists). ``bound``: no week meeting the hard constraints scores less (tenths), ``None``
    when CP-SAT gave none; ``seconds``: CP-SAT's wall time in all."""

    penalty: int | None
    proven: bool
    week: dict[str, list[str]] | None
    bound: int | None = None
    seconds: float = 0.0


def _tenths(units: float) -> int:
    """Objective units as whole tenths, rounded as the soft score rounds (half to even)."""
    return round(Fraction(math.ceil(units - 1e-6), RESOLUTION))


def _minimise(w: _Week, objective: Sequence[Any], seconds: float, per_tenth: int,
              hint: dict[str, list[str]] | None = None) -> Optimum:
    w.model.Minimize(sum(objective))
    if hint is not None:
        on = {(d, e) for d, xs in hint.items() for e in xs}
        for key, lit in w.x.items():
            w.model.AddHint(lit, int(key in on))  # an int: OR-Tools 9.5 refuses a bool
    spent, bound = 0.0, None
    for _ in range(MAX_CUTS + 1):
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.random_seed = 0
        solver.parameters.max_time_in_seconds = max(seconds - spent, 0.01)
        status = solver.Solve(w.model)
        spent += solver.WallTime()
        if status == cp_model.INFEASIBLE:
            return Optimum(None, True, None, None, spent)
        if objective and status in (cp_model.OPTIMAL, cp_model.FEASIBLE, cp_model.UNKNOWN):
            low = solver.BestObjectiveBound() if status != cp_model.OPTIMAL else solver.ObjectiveValue()
            found = _tenths(low * RESOLUTION / per_tenth)
            bound = found if bound is None else max(bound, found)
        elif not objective and status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            bound = 0
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return Optimum(None, False, None, bound, spent)
        week = w.per_day(solver)
        failed = [day for day, check in w.checks if not check(week)]
        if not failed:
            value = _tenths(solver.ObjectiveValue() * RESOLUTION / per_tenth) if objective else 0
            return Optimum(value, status == cp_model.OPTIMAL, week, bound, spent)
        for day in dict.fromkeys(failed):
            w.forbid(week, day)
        if spent >= seconds:
            break
    return Optimum(None, False, None, bound, spent)


def least_penalty(days: Sequence[str], groups: Sequence[SlotGroup], constraints: Sequence[DayConstraint],
                  terms: Sequence[tuple[int, Sequence[DayConstraint]]], seconds: float) -> Optimum:
    """The least weighted shortfall of ``terms`` (weight in tenths, day constraints) over weeks
    meeting ``constraints``, within ``seconds`` of CP-SAT time in all (one worker)."""
    w = build_week(days, groups, constraints)
    objective = []
    for n, (weight, parts) in enumerate(terms):
        for k, c in enumerate(parts):
            objective += [weight * v for v in deficits(w, c, f"{n}.{k}")]
    return _minimise(w, objective, seconds, 1)


def least_soft(model: WeekModel, groups: Sequence[SlotGroup], seconds: float,
               hint: dict[str, list[str]] | None = None, doses_fixed: bool = True) -> tuple[Optimum, Objective]:
    """The least soft score of ``model`` over the soft rules :mod:`.objective` can put exactly,
    under every hard constraint of ``model``, within ``seconds`` of CP-SAT time (``hint``: a
    week to start from, e.g. the plan's; ``doses_fixed``: see :func:`.objective.soft_objective`);
    and the objective (which rules it covers)."""
    w = build_week(model.days, groups, model.constraints)
    objective = soft_objective(w, model, doses_fixed)
    best = _minimise(w, [coef * var for _, coef, var in objective.terms], seconds, RESOLUTION, hint)
    return best, objective
