"""The order of one session as a python-constraint2 problem: one position variable per
exercise, all different, with the order constraints of :mod:`planner.solver.backend`."""

from __future__ import annotations

from collections.abc import Sequence

import constraint

from planner.solver.backend import Before, NotFirst, NotLast, NotNextTo, OrderConstraint
from planner.solver.csp.propagators import OrderedBacktracking

__all__ = ["order_session", "search_order"]


def order_session(units: Sequence[str], constraints: Sequence[OrderConstraint]) -> list[str] | None:
    """``units`` in an order meeting ``constraints``, earlier units placed earlier when free.

    The search gives each unit in turn the earliest position left that can still lead to an
    order, so the order it finds is the listing itself whenever the listing meets every
    constraint (as most sessions' listings do): that case is answered without a search."""
    units = list(units)
    if all(c.holds(units) for c in constraints):
        return units
    return search_order(units, constraints)


def search_order(units: Sequence[str], constraints: Sequence[OrderConstraint]) -> list[str] | None:
    """What :func:`order_session` answers, always by the backtracking search."""
    units = list(units)
    problem = constraint.Problem(OrderedBacktracking(units))
    positions = list(range(len(units)))
    for u in units:
        problem.addVariable(u, list(reversed(positions)))
    problem.addConstraint(constraint.AllDifferentConstraint(), units)
    last = len(units) - 1
    for c in constraints:
        if isinstance(c, Before):
            problem.addConstraint(constraint.FunctionConstraint(lambda x, y: x < y), [c.first, c.then])
        elif isinstance(c, NotFirst):
            problem.addConstraint(constraint.FunctionConstraint(lambda x: x != 0), [c.unit])
        elif isinstance(c, NotLast):
            problem.addConstraint(constraint.FunctionConstraint(lambda x: x != last), [c.unit])
        elif isinstance(c, NotNextTo):
            problem.addConstraint(constraint.FunctionConstraint(lambda x, y: abs(x - y) > 1), [c.a, c.b])
        else:
            raise TypeError(f"the python-constraint2 backend cannot express {type(c).__name__}")
    found = problem.getSolution()
    if found is None:
        return None
    return sorted(units, key=lambda u: found[u])
