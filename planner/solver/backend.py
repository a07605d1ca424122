"""What a search backend must do, in terms any constraint solver can implement.

The solver-neutral side (week model, bounds, score, reasons, restarts, promotion, conflict
search) asks a backend two questions:

1. :meth:`Backend.assign_days`: which exercises go on which day? The week is given as *slot
   groups* (per training day and block: the candidate exercises in the seeded order of
   preference, how many slots must be filled and how many may be) and a list of *day
   constraints* below, each over the exercises placed on some days.
2. :meth:`Backend.order_session`: in which order do one session's exercises go? Given as
   *order constraints* over the exercises.

The python-constraint2 backend (:mod:`planner.solver.csp`) is the default; the exact backend
(OR-Tools CP-SAT, :mod:`planner.solver.exact`) implements the same protocol from the same inputs
(chosen by name: :mod:`planner.solver.backends`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Protocol

__all__ = [
    "Backend",
    "OutOfBudget",
    "DEADLINE",
    "past_deadline",
    "Meter",
    "SlotGroup",
    "DayConstraint",
    "Among",
    "DaysAmong",
    "DistinctAmong",
    "NotBoth",
    "TimeCap",
    "WeekTimeCap",
    "LinearAtMost",
    "WeekHolds",
    "NotTogether",
    "PerValueDays",
    "OrderConstraint",
    "Before",
    "NotFirst",
    "NotLast",
    "NotNextTo",
]


class OutOfBudget(Exception):
    """A search spent its node budget without an answer (it proves nothing)."""


DEADLINE: ContextVar[float | None] = ContextVar("backplan_search_deadline", default=None)
"""When set (a ``time.monotonic()`` value), every search stops as if out of budget once it is
past: ``Settings.time_limit`` sets it for one plan."""


def past_deadline() -> bool:
    deadline = DEADLINE.get()
    return deadline is not None and time.monotonic() > deadline


@dataclass
class Meter:
    """Nodes spent across several searches (the conflict search has one overall budget)."""

    nodes: int = 0


@dataclass(frozen=True)
class SlotGroup:
    """The slots of one block on one training day: each holds a different exercise of
    ``members`` (listed in the order the search should try them) or stays empty; the first
    ``required`` slots must be filled, at most ``total`` can be."""

    day: str
    block: str
    members: tuple[str, ...]
    required: int
    total: int


# --------------------------------------------------------------------------------------------
# day constraints: ``days`` is the days whose exercises the constraint reads (in that order),
# ``None`` for the whole week. An exercise is placed at most once a day.


@dataclass(frozen=True)
class Among:
    """Between ``low`` and ``high`` exercises of ``ids`` are placed on ``days`` (occurrences)."""

    days: tuple[str, ...] | None
    ids: frozenset[str]
    low: int
    high: int | None


@dataclass(frozen=True)
class DaysAmong:
    """Between ``low`` and ``high`` of ``days`` hold at least one exercise of ``ids``."""

    days: tuple[str, ...] | None
    ids: frozenset[str]
    low: int
    high: int | None


@dataclass(frozen=True)
class DistinctAmong:
    """Between ``low`` and ``high`` different exercises of ``ids`` are placed on ``days``."""

    days: tuple[str, ...] | None
    ids: frozenset[str]
    low: int
    high: int | None


@dataclass(frozen=True)
class NotBoth:
    """The two ``days`` do not both hold an exercise of ``ids``."""

    days: tuple[str, str]
    ids: frozenset[str]


@dataclass(frozen=True)
class TimeCap:
    """The exercises of ``day`` take at most ``cap`` seconds (``seconds`` per exercise), with
    the least time any order of them spends changing position (``positions``: each exercise's
    catalog position; see :func:`planner.timing.least_moves_seconds`) and, once the day is
    complete, within the cap in its order (``session_fits``)."""

    day: str
    seconds: Mapping[str, int]
    cap: int
    positions: Mapping[str, str] = field(default_factory=dict)
    # Whether the complete session, in the order it will be given (moves included), takes at
    # most the cap: asked once every slot of the day is filled, since the order can force more
    # moves than the least (:func:`planner.solver.grouping.session_fits`).
    session_fits: Callable[[Sequence[str], int], bool] | None = None


@dataclass(frozen=True)
class WeekTimeCap:
    """The exercises placed over the whole week take at most ``cap`` seconds (``seconds`` per
    exercise; an exercise without an entry takes none)."""

    seconds: Mapping[str, int]
    cap: int


@dataclass(frozen=True)
class LinearAtMost:
    """Over the week, the sum of ``weights`` of the placed exercises is at most zero (an exercise
    without a weight adds nothing). A relaxation of :class:`WeekHolds` tests, for pruning."""

    weights: Mapping[str, float]


@dataclass(frozen=True, eq=False)
class WeekHolds:
    """``test`` holds for the complete week (exercises per training day).

    ``at_least``, when given, says what the test is, as integers: ``(weights, low)``, the
    weights of the exercises placed over the week (one per placement; none for an exercise
    without one) add up to at least ``low``. A backend may then post it as a linear constraint
    (the exact backend does) instead of only testing complete weeks."""

    test: Callable[[dict[str, list[str]]], bool]
    at_least: tuple[Mapping[str, int], int] | None = None


@dataclass(frozen=True)
class NotTogether:
    """No two exercises that ``partners`` pairs up are placed together on ``day``."""

    day: str
    partners: Mapping[str, frozenset[str]]


@dataclass(frozen=True)
class PerValueDays:
    """Each exercise ``x`` of ``limits`` is placed on at most ``limits[x]`` days."""

    limits: Mapping[str, int]


DayConstraint = (Among | DaysAmong | DistinctAmong | NotBoth | TimeCap | WeekTimeCap | LinearAtMost | WeekHolds | NotTogether
                 | PerValueDays)


# --------------------------------------------------------------------------------------------
# order constraints, over the exercises of one session


@dataclass(frozen=True)
class Before:
    """``first`` comes before ``then``."""

    first: str
    then: str

    def holds(self, order: Sequence[str]) -> bool:
        return self.first not in order or self.then not in order or order.index(self.first) < order.index(self.then)


@dataclass(frozen=True)
class NotFirst:
    """``unit`` does not open the session."""

    unit: str

    def holds(self, order: Sequence[str]) -> bool:
        return not order or order[0] != self.unit


@dataclass(frozen=True)
class NotLast:
    """``unit`` does not close the session."""

    unit: str

    def holds(self, order: Sequence[str]) -> bool:
        return not order or order[-1] != self.unit


@dataclass(frozen=True)
class NotNextTo:
    """``a`` and ``b`` do not stand next to each other."""

    a: str
    b: str

    def holds(self, order: Sequence[str]) -> bool:
        return self.a not in order or self.b not in order or abs(order.index(self.a) - order.index(self.b)) > 1


OrderConstraint = Before | NotFirst | NotLast | NotNextTo


class Backend(Protocol):
    """A constraint solver that can place a week and order a session."""

    def assign_days(
        self,
        days: Sequence[str],
        groups: Sequence[SlotGroup],
        constraints: Sequence[DayConstraint],
        budget: int,
        meter: Meter | None = None,
    ) -> dict[str, list[str]] | None:
        """The exercises of each of ``days``, or ``None`` when no placement meets the
        constraints. Raises :class:`OutOfBudget` after ``budget`` nodes (adding them to
        ``meter``). Must be deterministic for the same inputs."""
        ...

    def order_session(self, units: Sequence[str], constraints: Sequence[OrderConstraint]) -> list[str] | None:
        """``units`` in an order that meets the constraints (ties broken towards the given
        order), or ``None`` when there is none."""
        ...
