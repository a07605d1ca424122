"""The soft score as a CP-SAT objective, for the soft rules whose amount can be put exactly.

Every amount is an integer in units of ``1 / RESOLUTION`` of a tenth of the penalty (the plan's
penalty is in tenths, :data:`planner.solver.score.TENTHS`), rounded down where it is a fraction,
so the objective of any week is at most that week's soft penalty: its least is a lower bound.

* **Deficits** (counts, days, apart days, repeat limits: ``Treatment.deficit``): the shortfall
  of each day constraint, an integer, exactly.
* **Loads** (``balance``: :class:`LoadShare`, ``load_ratio``: :class:`LoadRatio`): with each
  exercise's dose fixed, a node's week load is linear in the placements. The loads of
  :mod:`planner.solver.load` are quarter seconds (half for a secondary muscle, half per side) and
  are scaled to integers exactly; a limit ``max_share`` or ``max_ratio`` is the fraction
  ``p / q`` it is written as. A group's share over the limit, ``(q load_g - p total) /
  (q total)`` when positive (:func:`planner.load.over_shares`), and a ratio's excess over the
  two parts' load, ``(q num - p den) / (q (num + den))`` when positive
  (:func:`planner.load.ratio_amount`), are one CP-SAT division each, times RESOLUTION,
  rounded down.
* **Per placement** (soft ``exclude`` and dose limits): each placement costs what the rule's own
  ``miss`` says of a week holding it alone (amounts that add up over placements).
* **Stop** (a soft referral): missed once by any week that holds something.

Everything else (order rules, session time in order, walks planned apart) is left out: each is
listed, and its amount (never negative) is simply not in the bound.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from planner.requirements import DoseLimit, Exclude, LoadRatio, LoadShare, Requirement, Stop
from planner.solver.backend import Among, DayConstraint, DaysAmong, DistinctAmong, NotBoth, PerValueDays
from planner.solver.exact.days import _Week
from planner.solver.load import occurrence_load
from planner.solver.model import PlacedWeek, WeekModel
from planner.solver.requirement_types import treatment
from planner.solver.score import TENTHS

__all__ = ["RESOLUTION", "Objective", "deficits", "soft_objective"]

RESOLUTION = 1_000  # objective units per tenth of the penalty
MAX_LOAD_DENOMINATOR = 1 << 10  # loads whose exact scale needs more are left out (never seen: quarters)
MAX_LIMIT_DENOMINATOR = 10_000  # a share or ratio limit as p / q, q at most this


@dataclass
class Objective:
    """The objective's terms, ``(rule id, coefficient, variable)``; the soft rules in it
    (``covers``) and those left out, each sorted."""

    terms: list[tuple[str, int, Any]] = field(default_factory=list)
    covers: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)


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


def deficits(w: _Week, c: DayConstraint, name: str) -> list[Any]:
    """Integer variables whose sum is at least the shortfall of ``c`` (exactly, at the least)."""
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


def _integer_loads(model: WeekModel, ids: Sequence[str], nodes: Sequence[str]) -> dict[str, dict[str, int]] | None:
    """Per exercise, its occurrence load on each of ``nodes`` times one common scale, as exact
    integers (``None`` when that would need a scale above :data:`MAX_LOAD_DENOMINATOR`)."""
    exact = {x: {n: Fraction(occurrence_load(model, x).get(n, 0.0)) for n in nodes} for x in ids}
    scale = math.lcm(1, *(v.denominator for loads in exact.values() for v in loads.values()))
    if scale > MAX_LOAD_DENOMINATOR:
        return None
    return {x: {n: int(v * scale) for n, v in loads.items()} for x, loads in exact.items()}


def _limit(value: float) -> Fraction:
    return Fraction(str(value)).limit_denominator(MAX_LIMIT_DENOMINATOR)


def _excess_fraction(w: _Week, top: Any, bottom: Any, bound: int, name: str) -> Any:
    """A variable equal to ``floor(RESOLUTION * max(top, 0) / max(bottom, 1))`` (``top`` at most
    ``bound``, ``bottom`` from 0 to ``bound``): the fraction over the limit, in units."""
    m = w.model
    signed = m.NewIntVar(-bound, bound, f"signed:{name}")
    m.Add(signed == top)
    over = m.NewIntVar(0, bound, f"over:{name}")
    m.AddMaxEquality(over, [signed, m.NewConstant(0)])
    base = m.NewIntVar(0, bound, f"base:{name}")
    m.Add(base == bottom)
    divisor = m.NewIntVar(1, max(bound, 1), f"divisor:{name}")
    m.AddMaxEquality(divisor, [base, m.NewConstant(1)])
    scaled = m.NewIntVar(0, RESOLUTION * bound, f"scaled:{name}")
    m.Add(scaled == RESOLUTION * over)
    amount = m.NewIntVar(0, RESOLUTION * bound, f"amount:{name}")
    m.AddDivisionEquality(amount, scaled, divisor)
    return amount


def _load_amounts(w: _Week, req: LoadShare | LoadRatio, model: WeekModel, name: str) -> list[Any] | None:
    """The amount of a load rule, in units (one variable per group over its share, or one for
    the ratio), or ``None`` when it cannot be put exactly."""
    nodes = list(req.groups) if isinstance(req, LoadShare) else [req.numerator, req.denominator]
    ids = sorted(x for x in req.ids if x in model.doses and any(e == x for (_, e) in w.x))
    loads = _integer_loads(model, ids, nodes)
    if loads is None:
        return None
    times = {x: sum(w.placed(w.days, frozenset([x]))) for x in ids}
    load = {n: sum(loads[x][n] * times[x] for x in ids) for n in nodes}
    most = {n: sum(loads[x][n] for x in ids) * len(w.days) for n in nodes}
    if isinstance(req, LoadShare):
        limit = _limit(req.max_share)
        p, q = limit.numerator, limit.denominator
        total = sum(load.values())
        bound = max(p, q) * max(sum(most.values()), 1)
        return [_excess_fraction(w, q * load[g] - p * total, q * total, bound, f"{name}:{g}") for g in nodes]
    limit = _limit(req.max_ratio)
    p, q = limit.numerator, limit.denominator
    top, bottom = load[req.numerator], load[req.denominator]
    bound = max(p, q) * max(sum(most.values()), 1)
    return [_excess_fraction(w, q * top - p * bottom, q * (top + bottom), bound, name)]


def _per_placement(w: _Week, req: Exclude | DoseLimit, model: WeekModel) -> list[tuple[int, Any]] | None:
    """``(cost, placement)`` for every placement the rule's ``miss`` counts, or ``None`` when a
    cost is not a whole number."""
    out = []
    for (day, ex_id), lit in w.x.items():
        cost = treatment(req).miss(req, PlacedWeek(model, {day: [ex_id]}))
        if cost != int(cost):
            return None
        if cost:
            out.append((int(cost), lit))
    return out


def soft_objective(w: _Week, model: WeekModel, doses_fixed: bool = True) -> Objective:
    """The soft score of ``model`` on the week ``w`` as objective terms (see the module); without
    ``doses_fixed`` (the week's doses are not the model's), the rules whose amount depends on
    doses (loads, dose limits) are left out."""
    out = Objective()
    covered, left = set(), set()
    for n, req in enumerate(model.soft):
        t = treatment(req)
        if t.miss is None:
            continue
        rule = req.origin.rule_id
        per_unit = req.origin.weight * t.scale * TENTHS  # per unit of amount, in tenths
        dosed = isinstance(req, (LoadShare, LoadRatio, DoseLimit))
        terms = _terms(w, req, model, f"{n}") if doses_fixed or not dosed else None
        if terms is None:
            left.add(rule)
            continue
        covered.add(rule)
        out.terms += [(rule, per_unit * coef, var) for coef, var in terms]
    out.covers = sorted(covered - left)  # a rule with a part left out is left out
    out.left_out = sorted(left)
    return out


def _terms(w: _Week, req: Requirement, model: WeekModel, name: str) -> list[tuple[int, Any]] | None:
    """``(coefficient, variable)`` pairs whose sum is the rule's amount times RESOLUTION
    (rounded down); ``None``: the amount cannot be put exactly, and the rule is left out."""
    t = treatment(req)
    if t.deficit is not None:
        return [(RESOLUTION, v) for k, c in enumerate(t.deficit(req, model)) for v in deficits(w, c, f"{name}.{k}")]
    if isinstance(req, (LoadShare, LoadRatio)):
        amounts = _load_amounts(w, req, model, name)
        return None if amounts is None else [(1, a) for a in amounts]
    if isinstance(req, (Exclude, DoseLimit)):
        costs = _per_placement(w, req, model)
        return None if costs is None else [(RESOLUTION * cost, lit) for cost, lit in costs]
    if isinstance(req, Stop):
        return [(RESOLUTION, w.any_of(list(w.x.values()), f"stop:{name}"))]
    return None
