"""Propagators written for the week: python-constraint2 constraints, all forward checking.

Each one prunes the domains of unassigned variables as soon as the partial assignment allows
(hiding values that can no longer be part of a solution, never one that can), so that
backtracking fails early. They implement the day constraints of :mod:`planner.solver.backend`.
"""

from __future__ import annotations

from collections.abc import Sequence

import constraint

from planner.solver.backend import Meter, OutOfBudget, past_deadline
from planner.solver.csp.repeats import PerValueDays
from planner.solver.csp.slots import Ascending, TimeBudget, hide

__all__ = [
    "Budget",
    "LinearAtMost",
    "Among",
    "Days",
    "PerValueDays",
    "Distinct",
    "Apart",
    "Apartners",
    "Ascending",
    "TimeBudget",
    "OrderedBacktracking",
    "hide",
]



class Budget(constraint.Constraint):
    """Counts assignments and stops the search when the node budget is spent (or the time limit,
    :data:`planner.solver.backend.DEADLINE`, is past: checked every 256 nodes)."""

    def __init__(self, limit: int, meter: Meter | None = None) -> None:
        self.limit = limit
        self.nodes = 0
        self.meter = meter

    def __call__(self, variables, domains, assignments, forwardcheck=False):
        self.nodes += 1
        if self.meter is not None:
            self.meter.nodes += 1
        if self.nodes > self.limit or (self.nodes % 256 == 0 and past_deadline()):
            raise OutOfBudget
        return True


class LinearAtMost(constraint.Constraint):
    """The sum of ``weights[value]`` over the variables stays at or below zero (a value without a
    weight adds 0). Load rules are linear in the exercises chosen, so a partial week is refuted
    as soon as even the best remaining choices cannot bring the sum back down, and values that
    would overshoot are hidden. The exact load test still runs on complete weeks; this only
    prunes (with a small tolerance, so it never refutes what the exact test would accept)."""

    def __init__(self, weights: dict[str, float]) -> None:
        self.weights = weights

    def __call__(self, variables, domains, assignments, forwardcheck=False):
        weights = self.weights
        total = 0.0
        free = []
        for v in variables:
            if v in assignments:
                total += weights.get(assignments[v], 0.0)
            else:
                best = min((weights.get(x, 0.0) for x in domains[v]), default=0.0)
                total += best
                free.append((v, best))
        room = 1e-6 - total
        if room < 0:
            return False
        if forwardcheck:
            for v, best in free:
                if not hide(domains[v], lambda x, b=best: weights.get(x, 0.0) - b <= room):
                    return False
        return True


class Among(constraint.Constraint):
    """Between ``low`` and ``high`` of the variables take a value in ``ids``."""

    def __init__(self, ids: frozenset[str], low: int, high: int | None) -> None:
        self.ids, self.low, self.high = ids, low, high

    def __call__(self, variables, domains, assignments, forwardcheck=False):
        ids = self.ids
        count = 0
        free = []
        for v in variables:
            if v in assignments:
                count += assignments[v] in ids
            elif not ids.isdisjoint(domains[v]):
                free.append(v)
        if self.high is not None and count > self.high:
            return False
        if count + len(free) < self.low:
            return False
        if forwardcheck:
            if self.high is not None and count == self.high:
                for v in free:
                    if not hide(domains[v], lambda x: x not in ids):
                        return False
            elif count + len(free) == self.low:
                for v in free:
                    if not hide(domains[v], lambda x: x in ids):
                        return False
        return True


class Days(constraint.Constraint):
    """Between ``low`` and ``high`` days have at least one variable in ``ids``."""

    def __init__(self, ids: frozenset[str], day_of: dict, low: int, high: int | None) -> None:
        self.ids, self.day_of, self.low, self.high = ids, day_of, low, high

    def __call__(self, variables, domains, assignments, forwardcheck=False):
        ids = self.ids
        hit: set = set()
        maybe: set = set()
        for v in variables:
            if v in assignments:
                if assignments[v] in ids:
                    hit.add(self.day_of[v])
            elif not ids.isdisjoint(domains[v]):
                maybe.add(self.day_of[v])
        maybe -= hit
        if self.high is not None and len(hit) > self.high:
            return False
        if len(hit) + len(maybe) < self.low:
            return False
        if forwardcheck and self.high is not None and len(hit) == self.high:
            for v in variables:
                if v not in assignments and self.day_of[v] not in hit:
                    if not hide(domains[v], lambda x: x not in ids):
                        return False
        return True


class Distinct(constraint.Constraint):
    """Between ``low`` and ``high`` different values of ``ids`` are used."""

    def __init__(self, ids: frozenset[str], low: int, high: int | None) -> None:
        self.ids, self.low, self.high = ids, low, high

    def __call__(self, variables, domains, assignments, forwardcheck=False):
        ids = self.ids
        used: set = set()
        reachable: set = set()
        free = 0
        for v in variables:
            if v in assignments:
                if assignments[v] in ids:
                    used.add(assignments[v])
            else:
                options = ids.intersection(domains[v])
                if options:
                    free += 1
                    reachable |= options
        if self.high is not None and len(used) > self.high:
            return False
        if len(used) + min(free, len(reachable - used)) < self.low:
            return False
        if forwardcheck and self.high is not None and len(used) == self.high:
            for v in variables:
                if v not in assignments:
                    if not hide(domains[v], lambda x: x not in ids or x in used):
                        return False
        return True


class Apart(constraint.Constraint):
    """Not both days (variables split by ``day_of``) hold a value in ``ids``."""

    def __init__(self, ids: frozenset[str], day_of: dict) -> None:
        self.ids, self.day_of = ids, day_of

    def __call__(self, variables, domains, assignments, forwardcheck=False):
        ids = self.ids
        hit = {self.day_of[v] for v in variables if v in assignments and assignments[v] in ids}
        if len(hit) > 1:
            return False
        if forwardcheck and hit:
            (day,) = hit
            for v in variables:
                if v not in assignments and self.day_of[v] != day:
                    if not hide(domains[v], lambda x: x not in ids):
                        return False
        return True


class Apartners(constraint.Constraint):
    """No two values that ``partners`` pairs up are used together (in one session)."""

    def __init__(self, partners: dict[str, frozenset[str]]) -> None:
        self.partners = partners

    def __call__(self, variables, domains, assignments, forwardcheck=False):
        used = {assignments[v] for v in variables if v in assignments}
        banned: set[str] = set()
        for value in used:
            banned |= self.partners.get(value, frozenset())
        if banned & used:
            return False
        if forwardcheck and banned:
            for v in variables:
                if v not in assignments and not banned.isdisjoint(domains[v]):
                    if not hide(domains[v], lambda x: x not in banned):
                        return False
        return True


class OrderedBacktracking(constraint.OptimizedBacktrackingSolver):
    """Backtracking with forward checking, in the variable order the model chose."""

    def __init__(self, order: list) -> None:
        super().__init__(forwardcheck=True)
        self.order = order

    def getSortedVariables(self, domains, vconstraints):  # noqa: N802 - library API
        return [v for v in self.order if v in domains]

