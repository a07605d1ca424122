"""What the solver hands back: a planned week of items, with its soft score and traces."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from planner.models import Dose

__all__ = ["Item", "GaveWay", "Solution"]


@dataclass(frozen=True)
class Item:
    exercise: str
    side: str  # both | left | right
    dose: Dose
    why: tuple[str, ...]


@dataclass(frozen=True)
class GaveWay:
    """A structure rule the week does not fully meet, and the rules it could not hold beside
    (see :mod:`planner.solver.giveway`)."""

    rule_id: str
    because: tuple[str, ...]
    proven: bool = True  # False: the search for the cause stopped early, so ``because`` may be partial


@dataclass
class Solution:
    days: dict[str, list[Item]]
    penalty: int
    soft_misses: list[str]
    advice: list[tuple[str, str]]
    excluded: dict[str, list[str]]
    stats: dict[str, Any] = field(default_factory=dict)
    undosable: dict[str, list[str]] = field(default_factory=dict)  # id -> dose rules no dose meets together
    gave_way: list[GaveWay] = field(default_factory=list)  # structure rules relaxed for this week
    walks: dict[str, list[Item]] = field(default_factory=dict)  # walks of their own, outside the sessions
    # the requirements the week was made and scored under (a planner.solver.Compiled): the hard
    # ones it holds, after any structure rule gave way, and the soft ones its penalty counts
    made_under: Any = None
    # the candidate week the neighbourhood search improved on, when it changed it (a Solution):
    # the scores compare weeks at the rules' doses; tuning the doses later may rank them otherwise
    start: Any = None
