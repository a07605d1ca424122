"""The python-constraint2 backend: the only modules that import the constraint library.

:class:`CspBackend` implements :class:`planner.solver.backend.Backend` with backtracking and
forward checking: :mod:`.days` models the day assignment, :mod:`.order` the order of a session,
:mod:`.propagators` holds the constraints written for them.
"""

from __future__ import annotations

from collections.abc import Sequence

from planner.solver.backend import DayConstraint, Meter, OrderConstraint, SlotGroup
from planner.solver.csp.days import assign_days
from planner.solver.csp.order import order_session

__all__ = ["CspBackend"]


class CspBackend:
    """Backtracking search in python-constraint2 (incomplete within a node budget)."""

    name = "python-constraint2"

    def assign_days(self, days: Sequence[str], groups: Sequence[SlotGroup], constraints: Sequence[DayConstraint],
                    budget: int, meter: Meter | None = None) -> dict[str, list[str]] | None:
        return assign_days(days, groups, constraints, budget, meter)

    def order_session(self, units: Sequence[str], constraints: Sequence[OrderConstraint]) -> list[str] | None:
        return order_session(units, constraints)
