"""The session time model: how long a plan item and a whole session take.

One model, used by the plan (each session's estimated minutes), by the checker's
``session_time`` and ``weekly_minutes`` checks and by the solver (the time caps it plans within
and the order it gives each session). The figures are backplan's own estimates for a beginner
at home, not figures from the seeds:

* **An item.** Reps take :data:`REP_S` (4 s) each, plus any hold per rep; a set of holds
  without reps adds :data:`HOLD_SETUP_S` (10 s) to get into the hold; sets are separated by
  :data:`REST_S` (30 s) of rest; minutes are taken as they are. Moving on to the item and
  setting it up (reading it, fetching the band, turning over on the mat) takes
  :data:`CHANGEOVER_S` (20 s). A unilateral exercise is two items, one per side.
* **Position changes.** Positions fall into three levels: ``standing``, ``seated`` (on a chair
  or the floor, upright) and the ``floor`` (supine, prone, quadruped, side-lying, kneeling).
  Changing level between two consecutive items adds :data:`MOVE_S`: 45 s between the floor and
  standing (getting down onto the mat or up again, carefully, with a hand on a chair if
  needed), 30 s between the floor and seated, 15 s between seated and standing. Moves within a
  level (supine to prone, kneeling to side-lying) are part of the 20 s changeover. The session
  is timed from its first item, so getting into the first position is that item's changeover.

A session's time is the sum of its items plus the moves between consecutive items, so it
depends on the order: the solver orders each session to make as few and as short moves as the
ordering rules allow (floor work together, not floor -> standing -> floor), and keeps every
session within its minutes including those moves.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from itertools import pairwise, permutations

__all__ = [
    "REP_S",
    "HOLD_SETUP_S",
    "REST_S",
    "CHANGEOVER_S",
    "MOVE_S",
    "LEVELS",
    "dose_seconds",
    "level",
    "move_seconds",
    "moves_seconds",
    "least_moves_seconds",
    "session_seconds",
    "whole_minutes",
    "floor_returns",
]

REP_S = 4  # one repetition
HOLD_SETUP_S = 10  # getting into a hold, per set of holds without reps
REST_S = 30  # between two sets
CHANGEOVER_S = 20  # moving on to the next plan item and setting it up

LEVELS = ("standing", "seated", "floor")
_LEVEL_OF = {"standing": "standing", "seated": "seated"}  # every other position is on the floor

MOVE_S = {
    frozenset({"floor", "standing"}): 45,
    frozenset({"floor", "seated"}): 30,
    frozenset({"seated", "standing"}): 15,
}


def dose_seconds(sets: int | None, reps: int | None, hold_s: int | None, minutes: int | None,
                 unilateral: bool = False) -> int:
    """Seconds for one plan item of this dose, its rests and changeover included (twice over
    for a unilateral exercise, one item per side)."""
    if minutes is not None and reps is None and hold_s is None:
        return (minutes * 60 + CHANGEOVER_S) * (2 if unilateral else 1)
    count = sets or 1
    per_set = reps * (REP_S + (hold_s or 0)) if reps is not None else (hold_s or 0) + HOLD_SETUP_S
    total = count * per_set + (count - 1) * REST_S
    if minutes is not None:
        total += minutes * 60
    return (total + CHANGEOVER_S) * (2 if unilateral else 1)


def level(position: str) -> str:
    """The level of a catalog position: standing, seated or floor."""
    return _LEVEL_OF.get(position, "floor")


def move_seconds(a: str, b: str) -> int:
    """Seconds to change from position ``a`` to position ``b`` (0 within a level)."""
    la, lb = level(a), level(b)
    return 0 if la == lb else MOVE_S[frozenset({la, lb})]


def moves_seconds(positions: Sequence[str]) -> int:
    """Seconds spent changing level between consecutive items in these positions."""
    return sum(move_seconds(a, b) for a, b in pairwise(positions))


def least_moves_seconds(positions: Collection[str]) -> int:
    """The fewest seconds of moves any order of items in these positions needs: the cheapest
    way through their levels, each visited once."""
    levels = {level(p) for p in positions}
    if len(levels) <= 1:
        return 0
    return min(moves_seconds(path) for path in permutations(levels))


def session_seconds(items: Iterable[tuple[int, str]]) -> int:
    """Seconds for a session of ``(item seconds, position)`` in order: the items plus the
    moves between them."""
    items = list(items)
    return sum(s for s, _ in items) + moves_seconds([p for _, p in items])


def whole_minutes(seconds: int) -> int:
    """Seconds as the whole minutes a plan shows (rounded up)."""
    return -(-seconds // 60)


def floor_returns(positions: Sequence[str]) -> int:
    """How many times a session leaves the floor and comes back to it (floor -> standing or
    seated -> floor): what ordering by position avoids."""
    levels = [lv for i, lv in enumerate(map(level, positions)) if i == 0 or lv != level(positions[i - 1])]
    return sum(1 for i in range(2, len(levels)) if levels[i] == "floor" and "floor" in levels[:i - 1])
