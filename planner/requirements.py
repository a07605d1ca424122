"""The small, solver-neutral language that rule kinds compile to.

A rule kind turns one YAML rule into a few requirements over exercise ids. The solver
(:mod:`planner.solver`) translates each requirement into constraints; nothing here knows about
the constraint library. Each requirement keeps its :class:`Origin` (rule id, hard or soft,
weight) so every choice in a plan can be traced back to the rules that caused it.

The checker does not use these: it re-reads the rules through each kind's ``check`` function,
so a plan is verified independently of how it was built.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "Origin",
    "Requirement",
    "Exclude",
    "Count",
    "Apart",
    "Ordered",
    "First",
    "Adjacent",
    "DoseLimit",
    "SessionTime",
    "WeekTime",
    "Last",
    "NotAdjacent",
    "LoadShare",
    "LoadRatio",
    "Stop",
    "Advice",
    "Walk",
]


@dataclass(frozen=True)
class Origin:
    """Which rule a requirement came from; ``gives_way`` marks a structure rule (enforced like a
    safety rule until the week cannot hold it, then relaxed as little as possible)."""

    rule_id: str
    hard: bool = True
    weight: int = 1
    gives_way: bool = False


@dataclass(frozen=True)
class Requirement:
    origin: Origin


@dataclass(frozen=True)
class Exclude(Requirement):
    """These exercises never appear (on ``days``, or on any day when ``days`` is None)."""

    ids: frozenset[str]
    days: frozenset[str] | None = None
    reason: str = ""


@dataclass(frozen=True)
class Count(Requirement):
    """How many of ``ids`` a session (or the week) holds, between ``low`` and ``high``.

    ``measure`` is ``items`` (exercise occurrences), ``days`` (days with at least one) or
    ``distinct`` (different exercises). ``days`` limits a count to some weekdays (a week-scope
    one counts those days only: what the walks leave to the sessions, see
    :mod:`planner.solver.walks`).
    """

    ids: frozenset[str]
    scope: Literal["session", "week"]
    low: int = 0
    high: int | None = None
    measure: Literal["items", "days", "distinct"] = "items"
    days: frozenset[str] | None = None


@dataclass(frozen=True)
class Apart(Requirement):
    """No two calendar-consecutive days both hold one of ``ids`` (sun-mon too when ``wrap``)."""

    ids: frozenset[str]
    wrap: bool = True
    label: str = ""


@dataclass(frozen=True)
class Ordered(Requirement):
    """Within a session, an item of lower rank comes before every item of higher rank."""

    rank: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class First(Requirement):
    """The first item of every session is one of ``ids``."""

    ids: frozenset[str]


@dataclass(frozen=True)
class Adjacent(Requirement):
    """The left and right items of these unilateral exercises stand next to each other."""

    ids: frozenset[str]


@dataclass(frozen=True)
class DoseLimit(Requirement):
    """Bounds on one dose field (``sets``, ``reps``, ``hold_s``, ``minutes``) for ``ids``."""

    ids: frozenset[str]
    dose_field: str
    low: int | None = None
    high: int | None = None


@dataclass(frozen=True)
class SessionTime(Requirement):
    """A session's estimated duration stays within ``max_seconds``."""

    max_seconds: int


@dataclass(frozen=True)
class WeekTime(Requirement):
    """The week's estimated time on ``ids`` is at least ``min_seconds`` and at most ``max_seconds``."""

    ids: frozenset[str]
    min_seconds: int | None = None
    max_seconds: int | None = None


@dataclass(frozen=True)
class Last(Requirement):
    """The last item of every session is one of ``ids``."""

    ids: frozenset[str]


@dataclass(frozen=True)
class NotAdjacent(Requirement):
    """Within a session, no two different exercises of ``ids`` follow each other."""

    ids: frozenset[str]


@dataclass(frozen=True)
class LoadShare(Requirement):
    """No muscle group takes more than ``max_share`` of the week's load from ``ids``."""

    ids: frozenset[str]
    groups: tuple[str, ...]
    max_share: float


@dataclass(frozen=True)
class LoadRatio(Requirement):
    """Weekly load on ``numerator`` is at most ``max_ratio`` times the load on ``denominator``."""

    ids: frozenset[str]
    numerator: str
    denominator: str
    max_ratio: float


@dataclass(frozen=True)
class Stop(Requirement):
    """No plan at all: the person must see a doctor first."""

    message: str


@dataclass(frozen=True)
class Advice(Requirement):
    """Guidance that cannot be scheduled; it is printed with the plan."""

    text: str


@dataclass(frozen=True)
class Walk(Requirement):
    """A short activity of its own, outside the sessions: ``minutes`` of one of ``ids`` (the
    first the safety rules allow, in this order) on ``days`` days of the week, chosen among
    ``on`` (any day when ``None``), rest days first. Planned before the sessions; it counts
    toward the weekly counts and times (see :mod:`planner.solver.walks`)."""

    ids: tuple[str, ...]
    minutes: int
    days: int
    on: frozenset[str] | None = None
