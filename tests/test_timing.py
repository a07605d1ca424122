"""The session time model (planner/timing.py): its figures, exactly."""

from __future__ import annotations

from planner.models import Dose
from planner.timing import (
    CHANGEOVER_S,
    HOLD_SETUP_S,
    MOVE_S,
    REP_S,
    REST_S,
    dose_seconds,
    floor_returns,
    least_moves_seconds,
    level,
    move_seconds,
    moves_seconds,
    session_seconds,
    whole_minutes,
)


def test_the_figures():
    assert (REP_S, HOLD_SETUP_S, REST_S, CHANGEOVER_S) == (4, 10, 30, 20)
    assert MOVE_S == {
        frozenset({"floor", "standing"}): 45,
        frozenset({"floor", "seated"}): 30,
        frozenset({"seated", "standing"}): 15,
    }


def test_item_seconds():
    assert dose_seconds(2, 10, None, None) == 2 * 40 + 30 + 20 == Dose(sets=2, reps=10).seconds()
    assert dose_seconds(3, None, 20, None) == 3 * 30 + 2 * 30 + 20
    assert dose_seconds(None, None, None, 5) == 320
    assert dose_seconds(1, 8, None, None, unilateral=True) == 2 * (32 + 20)
    assert dose_seconds(1, None, 30, 2) == 40 + 120 + 20  # a hold and minutes


def test_levels():
    assert [level(p) for p in ("standing", "seated", "supine", "prone", "quadruped", "side", "kneeling")] == [
        "standing", "seated", "floor", "floor", "floor", "floor", "floor"]


def test_moves_between_positions():
    assert move_seconds("supine", "prone") == 0
    assert move_seconds("standing", "supine") == 45
    assert move_seconds("kneeling", "standing") == 45
    assert move_seconds("seated", "quadruped") == 30
    assert move_seconds("seated", "standing") == 15
    assert moves_seconds(["standing", "supine", "prone", "standing", "side"]) == 45 + 45 + 45
    assert moves_seconds(["standing"]) == 0


def test_the_cheapest_way_through_the_levels():
    assert least_moves_seconds(["supine", "prone"]) == 0
    assert least_moves_seconds(["standing", "supine", "prone"]) == 45
    assert least_moves_seconds(["standing", "seated"]) == 15
    assert least_moves_seconds(["standing", "seated", "supine"]) == 45  # standing, seated, floor
    assert least_moves_seconds([]) == 0


def test_a_session():
    """Items plus moves: a standing warm-up (5 min), two floor items, a standing one."""
    items = [(320, "standing"), (130, "supine"), (130, "prone"), (130, "standing")]
    assert session_seconds(items) == 320 + 3 * 130 + 45 + 45 == 800
    assert whole_minutes(800) == 14
    assert whole_minutes(780) == 13


def test_floor_returns():
    assert floor_returns(["standing", "supine", "prone", "standing"]) == 0
    assert floor_returns(["standing", "supine", "standing", "prone"]) == 1
    assert floor_returns(["supine", "seated", "side", "standing", "kneeling"]) == 2
    assert floor_returns([]) == 0
