"""The order of one session as a CP-SAT model: one position per exercise, all different, with
the order constraints of :mod:`planner.solver.backend` (every one exactly).

The order found is the one whose positions, read in the given order, are least (the first
unit as early as it can be, then the second, ...): the python-constraint2 backend's first
solution, so ties are broken towards the given order.
"""

from __future__ import annotations

from collections.abc import Sequence

from ortools.sat.python import cp_model

from planner.solver.backend import Before, NotFirst, NotLast, NotNextTo, OrderConstraint

__all__ = ["order_session"]


def order_session(units: Sequence[str], constraints: Sequence[OrderConstraint]) -> list[str] | None:
    """``units`` in an order meeting ``constraints``, earlier units placed earlier when free."""
    units = list(units)
    if not units:
        return []
    model = cp_model.CpModel()
    last = len(units) - 1
    pos = {u: model.NewIntVar(0, last, f"pos:{u}") for u in units}
    model.AddAllDifferent(list(pos.values()))
    for c in constraints:
        if isinstance(c, Before):
            if c.first in pos and c.then in pos:
                model.Add(pos[c.first] < pos[c.then])
        elif isinstance(c, NotFirst):
            if c.unit in pos:
                model.Add(pos[c.unit] != 0)
        elif isinstance(c, NotLast):
            if c.unit in pos:
                model.Add(pos[c.unit] != last)
        elif isinstance(c, NotNextTo):
            if c.a in pos and c.b in pos:
                a_first = model.NewBoolVar(f"{c.a}<{c.b}")
                model.Add(pos[c.b] - pos[c.a] >= 2).OnlyEnforceIf(a_first)
                model.Add(pos[c.a] - pos[c.b] >= 2).OnlyEnforceIf(a_first.Not())
        else:
            raise TypeError(f"the exact backend cannot express {type(c).__name__}")
    n = len(units)
    if n ** n < 2 ** 62:  # the lexicographically least positions, as one objective (each position < n)
        model.Minimize(sum(pos[u] * n ** (n - 1 - i) for i, u in enumerate(units)))
        return _solved(model, pos, units)
    for u in units:  # longer sessions: one unit at a time, earliest place first
        model.Minimize(pos[u])
        found = _solved(model, pos, units)
        if found is None:
            return None
        model.Add(pos[u] == found.index(u))
    return found


def _solved(model: cp_model.CpModel, pos: dict, units: list[str]) -> list[str] | None:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    status = solver.Solve(model)
    if status != cp_model.OPTIMAL:
        return None  # a session has a handful of exercises: CP-SAT always decides it
    return sorted(units, key=lambda u: solver.Value(pos[u]))
