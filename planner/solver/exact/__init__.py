"""The exact backend: OR-Tools CP-SAT, the only modules that import ``ortools``.

:class:`ExactBackend` implements :class:`planner.solver.backend.Backend` from the same inputs
as the python-constraint2 backend (:mod:`planner.solver.csp`). It is complete: "no week" is a
proof, within a time budget instead of a node budget. :mod:`.days` models the day assignment
(which constraints are exact linear ones and which are checked on each week found),
:mod:`.order` the order of a session. Install it with ``pip install 'backplan[exact]'``; select
it with ``Settings(backend="exact")`` or ``backplan plan --backend exact``.
"""

from __future__ import annotations

from collections.abc import Sequence

from planner.solver.backend import DayConstraint, Meter, OrderConstraint, SlotGroup
from planner.solver.exact.days import assign_days
from planner.solver.exact.order import order_session

__all__ = ["ExactBackend"]


class ExactBackend:
    """CP-SAT (single worker, deterministic): proves a week exists or does not."""

    name = "exact"

    def assign_days(self, days: Sequence[str], groups: Sequence[SlotGroup], constraints: Sequence[DayConstraint],
                    budget: int, meter: Meter | None = None) -> dict[str, list[str]] | None:
        return assign_days(days, groups, constraints, budget, meter)

    def order_session(self, units: Sequence[str], constraints: Sequence[OrderConstraint]) -> list[str] | None:
        return order_session(units, constraints)
